"""Facts about a statement read from its wording: dates written out in many languages,
the kind, the document number and version label, the language."""

import re
from collections import Counter
from datetime import date
from functools import cache

# Languages whose month names we read (CLDR via Babel) and whose wording we recognize.
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "tr", "ru", "pl", "cs", "sv", "da", "ca")

DOCUMENT_ID = re.compile(r"\b([A-Z]{2,10}\d{3,8})\b")
VERSION = re.compile(
    r"(?:\b|(?<=_))ver(?:sion)?\.?\s*:?\s*(\d{1,3}\.\d{1,3})(?![\d.])", re.IGNORECASE
)
# '…_ver 05.01_EN.doc': a language code right after the version, as in file names and footers
VERSION_LANGUAGE = re.compile(r"\d\.\d+[_ -]+([A-Z]{2})\b")
LANGUAGE_LINE = re.compile(r"^(?:language|sprache|langue|idioma)\s*:\s*([a-z]{2})\b", re.I)

KINDS = {
    "open_letter": (
        "open letter",
        "offener brief",
        "lettre ouverte",
        "carta abierta",
        "lettera aperta",
        "open brief",
        "açık mektup",
        "открытое письмо",
    ),
    "resolution": ("resolution", "résolution", "resolución", "risoluzione", "resolutie"),
    "declaration": ("declaration", "déclaration", "declaración", "dichiarazione", "deklaration"),
    "statement": (
        "statement",
        "erklärung",
        "stellungnahme",
        "communiqué",
        "comunicado",
        "açıklama",
        "заявление",
    ),
}

# The most frequent short words of each language: enough to tell a statement's language.
_FUNCTION_WORDS = {
    "en": "the of and to in is for that with are by this we",
    "de": "der die und das den zu ist mit von für nicht wir",
    "fr": "le la les et des du est pour une dans que nous",
    "es": "el la los las y del en que por una para es",
    "it": "il di che della per una sono gli con non del",
    "pt": "o os da do das dos em que para uma não com",
    "nl": "de het een van en is dat op voor niet met zijn",
    "tr": "ve bir bu için ile da de olarak olan gibi çok",
    "ru": "и в не на что с по из как для это мы",
    "ca": "els les amb per dels una és i aquest aquesta pel",
    "pl": "i w na z się nie do że to jest dla oraz",
    # Czech and Slovak share 'že', 'jeho'; each has its own pronouns and verbs ('které' /
    # 'ktoré', 'jsou' / 'sú'); 'je', 'se', 'by', 've' left out: French, Romance, English
    # and Turkish write them too
    "cs": "že pro jako které který která jsou jsme není také jeho jejich podle",
    "sk": "že pre ako ktoré ktorý ktorá sú sme nie tiež aj jeho ich podľa sa",
    # 'en', 'de', 'om' left out of Swedish: Dutch, French and Spanish write them too
    "sv": "och att det som på är för med till av inte vi har ett vår",
    "fi": "ja on että ei se hän myös kuin tai ovat mutta joka jotka sekä oli",
}


# Words Catalan writes and Spanish (or German) does not, and the other way round.
_CATALAN_ONLY = frozenset(
    {"els", "amb", "dels", "pel", "pels", "aquest", "aquesta", "també", "però", "seva"}
    | {"nostre", "nostra", "nostres"}
)
_SPANISH_ONLY = frozenset(
    {"los", "las", "y", "por", "para", "pero", "también", "nuestro", "nuestra", "nuestros"} | {"su"}
)


@cache
def _month_numbers() -> dict[str, int]:
    from babel import Locale

    months: dict[str, int] = {}
    for language in LANGUAGES:
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(name.casefold().rstrip("."), number)
    return months


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    return (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|e|º|°)?\.?\s+(?:de\s+|of\s+|d['’]\s*)?{month},?\s+"
            rf"(?:de\s+)?(?P<year>\d{{4}})\b",
            re.I,
        ),
        re.compile(
            rf"(?<!\w){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I
        ),
        re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])"),
        re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"),
        # '2013/01/16', '2015/12/3': a slashed date that starts with its year is year, month,
        # day everywhere; one inside a path ('…/2015/05/07/acceso…') is a link's, no date
        re.compile(r"(?<![\w/])(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\w/])"),
    )


_FOUR_DIGITS = re.compile(r"\d{4}")


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date written in the text ('21 September 2020', '21. September 2020',
    '21 de septiembre de 2020', 'September 21, 2020', '2020-09-21', '21.09.2020',
    '2020/09/21') as ISO 8601, with where it stands; slashed dates with the year last are left
    alone (day or month first?)."""
    if not _FOUR_DIGITS.search(text) and "年" not in text:
        return None  # every form has a year: most lines have none, and the months cost
    found = []
    for pattern in _date_patterns():
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _month_numbers()[month.casefold()]
            try:
                value = date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
            found.append((match.start(), value.isoformat(), match.span()))
    for match in _CJK_DATE.finditer(text):
        year, month, day = (_cjk_number(match[name]) for name in ("year", "month", "day"))
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        found.append((match.start(), value.isoformat(), match.span()))
    if not found:
        return None
    _, iso, span = min(found)
    return iso, span


# '2019年8月1日', and in Chinese numerals '二零一九年八月一日'; Korean writes the same order
# with its own syllables for year, month and day: '2001년 11월 10일'
_CJK_DIGITS = "〇零一二三四五六七八九"
_CJK_DATE = re.compile(
    rf"(?P<year>\d{{4}}|[{_CJK_DIGITS}]{{4}})\s*[年년]\s*"
    rf"(?P<month>\d{{1,2}}|[{_CJK_DIGITS}十]{{1,3}})"
    rf"\s*[月월]\s*(?P<day>\d{{1,2}}|[{_CJK_DIGITS}十]{{1,3}})\s*[日号號일]"
)


def _cjk_number(text: str) -> int:
    """'2019', '二零一九' (digit by digit), '十二', '二十一' (with tens) -> the number."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CJK_DIGITS.index(char) - (char != "〇")) for char in text))
    tens, _, units = text.partition("十")
    value = (_CJK_DIGITS.index(tens) - 1 if tens else 1) * 10
    return value + (_CJK_DIGITS.index(units) - 1 if units else 0)


@cache
def _partial_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    day_month = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|e|º|°)?\.?\s+(?:de\s+|of\s+|d['’]\s*)?{month}"
        rf"(?![\w.]|,?\s+(?:de\s+)?\d)|(?<!\w){month.replace('month', 'month2')}\s+"
        rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?!,?\s+\d{{4}})",
        re.I,
    )
    month_year = re.compile(rf"^(?:{month}\s+(?:de\s+)?(?P<year>\d{{4}}))$", re.I)
    return day_month, month_year


def find_day_month(text: str) -> tuple[int, int] | None:
    """A day and month written without a year ('hasta el 27 de septiembre', 'as of
    September 27'): (month, day)."""
    found = _partial_patterns()[0].search(text)
    if not found:
        return None
    month = found["month"] or found["month2"]
    return _month_numbers()[month.casefold()], int(found["day"] or found["day2"])


def find_month_year(line: str) -> tuple[int, int] | None:
    """A dateline of a month and a year alone ('Septiembre 2021'): (year, month)."""
    found = _partial_patterns()[1].match(line.strip())
    if not found:
        return None
    return int(found["year"]), _month_numbers()[found["month"].casefold()]


def find_kind(title: str | None) -> str | None:
    """The kind of a statement by the word its title uses for it, in several languages."""
    if not title:
        return None
    folded = title.casefold()
    for kind, words in KINDS.items():
        if any(re.search(rf"(?<!\w){re.escape(word)}", folded) for word in words):
            return kind
    return None


SHORT_TITLE_LENGTH = 60  # file names and page footers: 'ICOR resolution on Belarus'
# where a title parts into its name and what follows: a colon, a dash, a bar, a sentence's end
_TITLE_PARTS = re.compile(r"\s*(?::|\s[–—-]|\s\||[.?!](?=\s))\s+")
# words a title cannot end on: a title the page wrapped goes on after them, and a title cut
# short is cut before them
OPEN_END_WORDS = (
    r"and|or|of|to|the|for|in|on|at|with|a|an|all|et|ou|de|du|des|la|le|les|dans|pour|"
    r"sur|aux?|en|y|o|del|los|las|el|por|para|con|und|oder|der|die|das|des|für|von|zu|im|"
    r"mit|e|da|do|dos|das|na|no|di|della|il|per|и|в|на|о|для|с"
)
_DANGLING = re.compile(rf"(?:\s+(?:{OPEN_END_WORDS}))+$|[\s,;:–—-]+$", re.IGNORECASE)


def short_title(title: str) -> str:
    """A title short enough for file names and page footers (60 chars at most): the title
    itself where it is short; else its name before a colon, a dash or a full stop ('Open
    letter on X: we ask …' -> 'Open letter on X'), or what follows a label that only says
    the kind ('Open letter: Keep the library open' -> 'Keep the library open'); else its
    first words, cut at a word, not on 'of' or 'the'."""
    title = " ".join(title.split())
    if len(title) <= SHORT_TITLE_LENGTH:
        return title
    bare = re.sub(r"\s*\([^()]*\)", "", title)  # '(version du 3 mai)': an aside
    parts = [part for part in _TITLE_PARTS.split(bare) if part]
    if len(parts) > 1 and len(parts[0].split()) <= 3 and find_kind(parts[0]):
        parts = parts[1:]  # 'Open letter:', 'Carta abierta -': the kind alone names nothing
    head = parts[0].strip(" \"“”«»'")
    if len(head.split()) >= 2 and len(head) <= SHORT_TITLE_LENGTH:
        return head
    if len(head) <= SHORT_TITLE_LENGTH:
        return head
    cut = head[: SHORT_TITLE_LENGTH + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:SHORT_TITLE_LENGTH]
    return _DANGLING.sub("", cut) or cut


_SCRIPTS = (
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
)


def guess_language(text: str) -> str | None:
    """The text's language: by its script where the script tells (Chinese, Arabic, Greek,
    Cyrillic — Ukrainian by its own letters), else by the language whose most frequent words
    it uses most, when it clearly does."""
    letters = sum(map(str.isalpha, text))
    if letters:
        for language, script in _SCRIPTS:
            found = len(script.findall(text))
            # a Chinese character is a word: a sixth of the letters is much of the text
            share = 6 if language in ("zh", "ja", "ko") else 3
            if found * share >= letters:
                if language == "zh" and len(_SCRIPTS[1][1].findall(text)) * 10 >= found:
                    return "ja"  # kana: Japanese, though it writes Chinese characters too
                if language == "ru" and re.search(r"[іїєґІЇЄҐ]", text):
                    return "uk"
                return language
    words = re.findall(r"\w+", text.casefold())
    if len(words) < 8:
        return None
    slavic = _west_slavic(text.casefold(), letters)
    if slavic:
        return slavic
    counted = Counter(words)  # each word's count once: a long document has many words
    scores = {
        language: sum(counted[word] for word in set(vocabulary.split()))
        for language, vocabulary in _FUNCTION_WORDS.items()
    }
    # Catalan shares most of its short words with Spanish and French: words only it writes
    catalan = sum(counted[word] for word in _CATALAN_ONLY)
    spanish = sum(counted[word] for word in _SPANISH_ONLY)
    if catalan >= 3 and catalan > 2 * spanish:
        return "ca"
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, first), (_, second) = ranked[0], ranked[1]
    if first >= 3 and first >= 1.5 * second:
        return best
    # a word two languages share ('de' and 'en' are French, Spanish and Dutch) lifts both:
    # the words only one language writes decide where the shared ones leave it open
    ranked = sorted(
        ((lang, sum(word in own for word in words)) for lang, own in _own_words().items()),
        key=lambda item: item[1],
        reverse=True,
    )
    (best, first), (_, second) = ranked[0], ranked[1]
    if first >= 10 and first >= 2 * second:
        return best
    return None


# Czech, Slovak and Polish share their short words ('a', 'v', 'na', 'z', 'do', 'to'), so
# their words leave them apart by little; their letters do not: háčeks and 'ě ř ů' (Czech),
# 'ľ ĺ ŕ ô' (Slovak), ogoneks and 'ł ś ź ż ć ń' (Polish)
_CZECH_OR_SLOVAK = re.compile(r"[čšžťďňěřůľĺŕô]")
_CZECH = re.compile(r"[ěřů]")
_SLOVAK = re.compile(r"[ľĺŕô]")
_POLISH = re.compile(r"[ąęłśźżćń]")


def _west_slavic(folded: str, letters: int) -> str | None:
    """Czech, Slovak or Polish by the letters only each writes, where they are frequent
    (one letter in fifty or more: a name or two in another language's text is not)."""
    shared, polish = len(_CZECH_OR_SLOVAK.findall(folded)), len(_POLISH.findall(folded))
    if polish * 50 >= letters and polish > 3 * shared:
        return "pl"
    if shared * 50 < letters or shared <= 3 * polish:
        return None
    czech, slovak = len(_CZECH.findall(folded)), len(_SLOVAK.findall(folded))
    if czech > 2 * slovak:
        return "cs"
    if slovak > 2 * czech:
        return "sk"
    return None


@cache
def _own_words() -> dict[str, frozenset[str]]:
    """Each language's frequent words that no other language's list holds."""
    lists = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
    return {
        lang: frozenset(
            w for w in own if not any(w in other for o, other in lists.items() if o != lang)
        )
        for lang, own in lists.items()
    }


# The word a list's heading names its signers with, where only one language writes it.
_LIST_WORDS = {
    "en": "signatories signatory undersigned endorsers endorsed signers",
    "fr": "signataires signataire cosignataires co-signataires adhérents endosseurs",
    "es": "firmantes signatarios signatarias adhesiones adhieren firmas",
    "pt": "signatários signatárias assinaturas assinantes assinam subscrevem",
    "de": "unterzeichner unterzeichnende unterzeichnenden erstunterzeichner unterschriften",
    "it": "firmatari firmatarie firmano sottoscrivono aderiscono",
    "ca": "signants sotasignants signataris",
    "nl": "ondertekenaars",
    "pl": "sygnatariusze podpisali",
    "tr": "imzacılar imzacilar imzalayanlar",
}


def heading_language(heading: str) -> str | None:
    """The language of a list's heading by the word it names the signers with
    ('Signataires', 'Lista de organizaciones firmantes'): a page that is only its list
    says its language there, its entries being names."""
    words = set(re.findall(r"[\w-]+", heading.casefold()))
    found = {lang for lang, listed in _LIST_WORDS.items() if words & set(listed.split())}
    if not found and any(w.startswith(("unterzeichn", "erstunterzeichn")) for w in words):
        found = {"de"}  # 'Unterzeichner:innen', 'Erstunterzeichnende'
    return found.pop() if len(found) == 1 else None


@cache
def region_names() -> frozenset[str]:
    """Names of continents and world regions (CLDR, in every language we read), casefolded:
    a heading 'Europe' or 'América Latina' groups entries without naming their country."""
    from babel import Locale

    names = set()
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code.isdigit() or code in ("EU", "EZ", "UN", "QO"):
                names.add(name.casefold())
    names.update(
        (
            "international",
            "internacional",
            "international level",
            "global",
            "regional",
            "national",
            "worldwide",
            "latin america",
            "américa latina",
            "amérique latine",
            "lateinamerika",
            "middle east",
            "moyen-orient",
            "medio oriente",
            "naher osten",
            "mena",
            "asia-pacific",
            "asia pacific",
        )
    )
    return frozenset(names)
