"""One entry of a list of signatories -> a `Signatory`: an organization (abbreviation,
own-language name, translation, country) or a person (name, title, role, affiliation,
country).

An abbreviation is taken only where the document marks it as one: before a tab stop or a
dash, in parentheses after the name, in its own table cell, or as one the register knows.
Capitals alone never make one ("HIV Action Trust", "MEP Jane DOE")."""

import re
from dataclasses import dataclass, field
from functools import cache

from undersigned.importing.parsers.countries import (
    countries_implied,
    country_named,
    is_country_name,
)
from undersigned.importing.parsers.metadata import region_names
from undersigned.importing.parsers.vocabulary import (
    GENITIVE_INSTITUTION,
    HONOURS_AFTER,
    HONOURS_ONLY,
    TITLE_PREFIX,
    TITLE_SUFFIX,
    has_organization_word,
)
from undersigned.importing.readers.blocks import squeeze
from undersigned.importing.result import Signatory

ABBREVIATION = re.compile(r"^[A-Z0-9À-ÞČŠŽŞĞİА-ЯЁ][A-Za-z0-9À-ÞČŠŽŞĞİА-ЯЁа-я&./+'’\-]*$")
_CAPITALS = re.compile(r"[A-ZÀ-ÞČŠŽŞĞİА-ЯЁ]")
_DASH_SEPARATOR = re.compile(r"^(?P<abbr>[^\s–—:-][^–—:]{0,30}?)\s*(?P<sep>[–—:]|\s-)\s+(?=\S)")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "do",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "dos",
        "das",
        "del",
        "y",
        "e",
        "i",
        "ter",
        "ten",
        "zu",
        "mac",
        "mc",
        "st.",
        "saint",
    ]
)
_INITIAL = re.compile(r"^(?:[A-ZÀ-ÞА-Я]\.)+-?(?:[A-ZÀ-ÞА-Я]\.)?$")
_INSTITUTION = re.compile(
    r"\b(?:universit\w*|univ\.|college|collège|colegio|school|école|escuela|hochschule|"
    r"institut\w*|academ\w*|akadem\w*|hospital|hôpital|klinik\w*|clinic|foundation|"
    r"fondation|fundaci\w+|stiftung|laborator\w*|labo\b|ministry|ministère|ministerio|"
    r"parliament|parlement|parlamento|bundestag|council|centre|center|centro|zentrum|"
    r"inc\.?|ltd\.?|gmbh|s\.a\.|sa\b|llc|corp\w*|company|société|association|verein|"
    r"e\.\s?v\.|ngo|ong|union|syndicat|sindicato|gewerkschaft|party|partei|parti|partido|"
    r"network|réseau|netzwerk|church|église|iglesia|kirche|press|news|times|"
    r"journal|magazine|radio|media|museum|musée|museo|library|bibliothèque|biblioteca|"
    r"international|amnesty|greenpeace|oxfam|watch|forum|trust|society|société|sociedad|"
    # a body by its kind where the name capitalizes it ('Group of the Greens/…'), not the
    # 'groupe parlementaire' of a deputy's role
    r"(?-i:Group|Groupe|Grupo|Gruppe|Alliance|Allianz|Alianza|Coalition|Federation|"
    r"Committee|Commission))"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# a unit of an institution named as one, at the start of a part ('Dept of Biological
# Sciences, Macquarie University'); 'Profesor del Departamento de …' is a role
_UNIT = re.compile(
    r"(?:Department|Dept\.?|Faculty|Faculté|Facultad|Faculdade|Fakultät|Departamento|"
    r"Département|Departament)\s+(?:of|de|des|da|do|für)\s"
)


# A closing comma or semicolon is the list's punctuation; a period too, unless it ends an
# abbreviation ("Inc.", "e.V.", "J.").
# the full stop of an abbreviation that ends an entry is the abbreviation's: a legal form,
# a generation, a degree printed after the name ('…, PhD.', '…, ArtD.')
_KEPT_PERIOD = re.compile(
    r"((?:\b[A-Za-z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|e\.V|z\.s|PhD|CSc|DrSc|ArtD|DiS)\.)?)"
    r"[;,.]?$"
)


DOUBT_KIND = "organization or person?"


@dataclass
class EntryContext:
    """What the list says around an entry: a group heading's country or kind, a table's
    columns, the abbreviations the register knows; warnings gathered as entries are read."""

    individuals: bool | None = None  # True under "Individuals", False under "Organizations"
    country: str | None = None
    abbreviations: frozenset[str] = frozenset()
    # the list writes abbreviations before the names ('PCPCI   Parti …'), so a bracketed
    # word after a name ('(ML)') is part of the name
    front_abbreviations: bool = False
    ours: bool = False  # a document we printed: its names carry no description after a comma
    # the list writes a person's function and company in brackets with nothing between
    # ('Jane Doe (Directrice Exemple SA)'), as most of its bracketed descriptions show
    function_then_company: bool = False
    warnings: list[str] = field(default_factory=list)


# how someone is reached, after the name they sign with: an e-mail address, maybe in angle
# brackets ('jade <jade@example.org>'), or a handle or an address in brackets ('Irenes
# (@irene)', '@hertog@example.social (hertog@example.org)')
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT = re.compile(rf"(?:\s+<?{_EMAIL}>?|\s*\((?:@[\w.-]+(?:@[\w.-]+)?|{_EMAIL})\))$")
_HANDLE = re.compile(r"@[\w.-]+(?:@[\w-]+(?:\.[\w-]+)+)?")
# an account's handle between the name and its description ('Ana Lima, @alima (Co-Chair,
# Acme)', 'Ana Lima @alima', 'Ana Lima, @alima, (…)'): it names the account, not a role or
# an affiliation, so the description in brackets reads as it does without it
# a web address alone after a dash ('Vrijbit - vrijbit.nl', 'Jane Roe – www.janeroe.org'):
# where the signer is found, neither a part of the name nor a role
_ADDRESS_AFTER_DASH = re.compile(
    r"(?<=\S)\s+[-–—]\s+(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?$",
    re.IGNORECASE,
)
_HANDLE_AFTER_NAME = re.compile(r"(?<=[^\W_.])\s*,?\s+@[\w-]+(?:\.[\w-]+)*,?(?=\s*\(|\s*$)")


def without_contact(text: str) -> tuple[str, bool]:
    """'@ktemkin <kate@example.org>' -> ('@ktemkin', True): the name someone signs with,
    without the address or handle that follows it (no affiliation, no role), and whether
    one did. A name that is itself a handle ('@ktemkin') says so too."""
    stripped = text.strip()
    if "@" not in stripped:
        return stripped, False  # most lines: no address, no handle
    found = _CONTACT.search(stripped)
    if found and found.start() > 0:
        name = stripped[: found.start()].strip()
        # 'E-Mail: jane@example.org': a label, not a name
        return name, not name.endswith(":") and bool(re.search(r"[^\W\d_]", name))
    return stripped, bool(_HANDLE.fullmatch(stripped))


# a field a spreadsheet's export quoted because it holds a comma ('Jane Doe, "University of
# California,  Irvine "'): the quotes are the file's, not the document's
_CSV_QUOTED = re.compile(r'(?<=,)(?P<space>\s*)"(?P<field>[^"]*,[^"]*)"\s*(?=,|$)')
_STRAY_EMPHASIS = re.compile(r"^[_*]{1,2}(?=[^\W_])|(?<=[^\W_.)])[_*]{1,2}$")


def parse_entry(
    text: str,
    *,
    position: int,
    context: EntryContext,
    tab_stop: bool = True,
    lead: str | None = None,
) -> Signatory | None:
    """An entry written as one line of text; `lead` is the bold text it starts with, where
    the document sets a name in bold ('**Jane Doe** / Actress')."""
    text = _KEPT_PERIOD.sub(r"\1", text.strip().strip("·•").rstrip(" /|–—:").strip())
    text = re.sub(r"\s+-$", "", text)  # 'Miriam Burger   -': a description left empty
    # an emphasis mark whose other half is lines away ('_Jane Doe, …' … 'University_'): a
    # run of italic lines a Markdown renderer did not take as one
    text = _STRAY_EMPHASIS.sub("", text)
    text = _CSV_QUOTED.sub(lambda m: m.group("space") + squeeze(m.group("field")), text)
    if not text:
        return None
    text, contact = without_contact(text)
    text, handled = _HANDLE_AFTER_NAME.subn("", text, count=1)
    text = _ADDRESS_AFTER_DASH.sub("", text).strip()
    if contact and not has_organization_word(text) and " " not in text.strip():
        # a pseudonym or a handle and the address that goes with it: a person's signature
        return Signatory(position=position, kind="person", name=text)
    signing = _signing_for(text, position=position)
    if signing is not None:
        return signing
    # the document set the name apart in bold and nothing in it names an organization: a
    # one-word name ('**Anonymous**, Software Engineer') may still be a person's
    led = bool(lead and text.startswith(lead) and not has_organization_word(lead))
    if (
        lead
        and text.startswith(lead)
        and len(lead) < len(text)
        and text[len(lead) : len(lead) + 3] != "   "
    ):
        rest = text[len(lead) :].strip().lstrip("/|–—-:,").strip()
        if rest and not rest.startswith("("):
            named = person_name_shape(split_title(lead)[1]) or (led and role_words(rest))
            text = f"{lead.rstrip(' ,:')}, {rest}" if named else text
    if _LEGAL_FORM_AFTER_COMMA.fullmatch(text):
        # 'SJULTRA, Inc.', 'Foo Bar, LLC': the legal form after a comma ends the company's
        # name; it is no description, and the name before it no abbreviation
        return Signatory(
            position=position,
            kind="organization",
            name=text,
            country=context.country or implied_country(text, None, context),
        )
    text = _surname_ends_name(text)
    doubts: list[str] = []
    abbreviation = None
    separated = re.split(r" {3,}|\t", text, maxsplit=1) if tab_stop else [text]
    if len(separated) == 2 and separated[1].lstrip()[:1] in "-–—|/":
        # 'Bonneel Nicolas   -   Chercheur': a name, then a description after a dash
        text = f"{separated[0].strip()} – {separated[1].lstrip(' -–—|/').strip()}"
    elif len(separated) == 2 and person_name_shape(separated[0]) and role_words(separated[1]):
        # 'Лобовикова Александра   Fullstack разработчица, …': a person's row, not an
        # abbreviation before a name
        text = f"{separated[0].strip()}, {separated[1].strip()}"
    elif len(separated) == 2 and len(separated[0].split()) <= 5 and separated[1].strip():
        abbreviation, text = separated[0].strip(), separated[1].strip()
    slashed = _SLASHED_NAME.match(text)
    if (
        slashed
        and person_name_shape(split_title(slashed["name"])[1])
        and not any(word.isupper() and len(word) > 1 for word in slashed["name"].split())
        and (len(slashed["rest"].split()) >= 4 or role_words(slashed["rest"]))
    ):
        # 'Lilian Santos/Rede de Jovens Negras …': a slash glued to a person's name parts it
        text = f"{slashed['name']} / {slashed['rest']}"
    glued = _GLUED_NAME.match(text)
    after = text[glued.end() :] if glued else ""
    if (
        glued
        and person_name_shape(split_title(glued.group("name"))[1])
        and (after[:1].islower() or _describes(after))
    ):
        # 'Alfredo Saad Filho- professor de …': the dash glued to the name still parts it
        text = f"{glued.group('name').strip()} – {text[glued.end() :]}"
    first = re.split(r", | - | – ", text, maxsplit=1)[0]
    if person_name_shape(split_title(first)[1]):
        text = _without_discipline(text, named=True)  # before a country: '…, Germany - Biology'
    text, explicit = strip_country(text, context)
    if abbreviation is None:
        abbreviation, text = _leading_abbreviation(text, context)
    if abbreviation is None:
        abbreviation, text = _trailing_abbreviation(text)
    untitled = text
    title, text = split_title(text)
    name_part, rest, how = person_parts(text)
    enumerated = not title and enumerated_name(text)
    person = enumerated is False and _is_person(
        name_part, rest, how=how, title=title, abbreviation=abbreviation, context=context
    )
    if (
        not person
        and led
        and not enumerated
        and how in ("comma", "")
        and abbreviation is None
        and lead.strip(" ,:") == " ".join(filter(None, [title, name_part]))
        and context.individuals is None
    ):
        # the bold name alone, or followed by a role: a person's; with nothing after it,
        # the list's majority tells
        person = True if rest and role_words(rest) else None
    if handled and not person and not title and not has_organization_word(name_part):
        # a handle is a person's account where the name names no organization ('Shanley,
        # @shanley', 'iliana destroyer of worlds, @iliana')
        person = True
    if person:
        name = name_part
        role, affiliation = role_and_affiliation(
            rest, bracketed=how == "brackets" and context.function_then_company
        )
        return Signatory(
            position=position,
            kind="person",
            name=name.strip(),
            title=title,
            role=role,
            affiliation=affiliation,
            country=explicit or context.country,
            doubts=doubts,
        )
    if title:  # an organization's name is never a title: give the words back where they were
        text = untitled
    if person is None and how == "dash":
        # 'Damas Florian – Doctorant' or 'Peha – Un Monde Riant': the list will tell which
        doubts.append(DOUBT_KIND)
        return Signatory(
            position=position,
            kind="organization",
            name=name_part,
            country=explicit or context.country or implied_country(name_part, None, context),
            role=rest,  # kept for the person this may turn out to be
            doubts=doubts,
        )
    if abbreviation is None:
        abbreviation, text = _inner_abbreviation(text)
    if not context.ours:
        text = _without_place(text)
    if not context.front_abbreviations and not context.ours and not enumerated:
        text, abbreviation = _without_description(
            text, abbreviation, placed=context.individuals is False and explicit is not None
        )
    name, translation, abbreviation = split_translation(
        text, abbreviation, trailing=not context.front_abbreviations
    )
    # 'Women's Coalition - (WCC)': the dash that led to the bracket is no part of the name
    name = _DANGLING_SEPARATOR.sub("", name)
    if abbreviation is None and translation and abbreviates(name, translation):
        # 'RAISE (Revolutionizing Asian … Stories on the East Coast)': an acronym, then the
        # name it stands for in brackets, not a translation
        name, abbreviation, translation = translation, name, None
    country = explicit or context.country or implied_country(name, translation, context)
    if person is None:
        doubts.append(DOUBT_KIND)
    return Signatory(
        position=position,
        kind="organization",
        abbreviation=abbreviation,
        name=name,
        translation=translation,
        country=country,
        doubts=doubts,
    )


_DANGLING_SEPARATOR = re.compile(r"(?<=\S)\s+[-–—:/|]$")


_LEGAL_FORM_AFTER_COMMA = re.compile(
    r"[^,()]+,\s*(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|gGmbH|S\.A\.|S\.L\.|B\.V\.|"
    r"N\.V\.|e\.\s?V\.|Corp\.?|PLC|plc|LLP|Pty\.?\s+Ltd\.?|S\.r\.l\.|Srl|SARL|S\.p\.A\.|"
    r"SpA|Lda\.?)"
)


# a conjunction between two words of a name's last part: '… Educación e Investigación'
_JOINED = re.compile(r"(?:^|\s)(?:and|und|et|y|e|i|ve|и|ou|o|or)\s+\S", re.IGNORECASE)
_JOINED_WORD = re.compile(r"\s+(?:and|und|et|y|e|i|ve|и|ou|o|or)\s+", re.IGNORECASE)


def enumerated_name(text: str) -> bool:
    """'Proyecto sobre Organización, Desarrollo, Educación e Investigación (PODER)', 'Kadın
    Mühendisler, Mimarlar, Şehir Plancılar, Fen Bilimciler ve Teknik Elemanlar': the
    commas enumerate what one organization's name covers — bare words between them, the
    last joined by a conjunction — and part neither entries nor a name from its
    description."""
    parts = [part.strip() for part in split_outside_brackets(text, ", ")]
    last = trailing_group(parts[-1])[0] if len(parts) >= 3 else ""
    if not _JOINED.search(last) or re.search(r"\s[-–—/|]\s", last):
        return False  # 'Rolf Zander, Physioklin, Mainz, Germany - Arts and Humanities'
    if any(country_named(piece) for piece in _JOINED_WORD.split(last)):
        return False  # places: '…, Neuquén, Argentina y Chile'
    middle = parts[1:-1]
    return all(
        0 < len(part.split()) <= 3
        and all(word[:1].isupper() for word in part.split() if word.casefold() not in _PARTICLES)
        and not role_words(part)
        and not has_organization_word(part)
        and not country_named(part)
        and not _acronym(part)
        for part in middle
    ) and not role_words(parts[-1])


_CAPITAL_SURNAME = re.compile(
    r"^(?P<name>(?:[A-ZÀ-Þ][a-zß-ÿ’'-]+\s+){1,3}"
    r"[A-ZÀ-Þ]{2,}(?:[-’'][A-ZÀ-Þ]{2,})*(?:\s+[A-ZÀ-Þ]{2,}(?:-[A-ZÀ-Þ]{2,})*)?)"
    r"\s+(?P<rest>[A-ZÀ-Þ][a-zß-ÿ].*)$"
)


def _surname_ends_name(text: str) -> str:
    """'MEP Manon AUBRY The Left group in the European Parliament': a surname printed in
    capitals ends a person's name where nothing else parts it from what follows."""
    title, bare = split_title(text)
    found = _CAPITAL_SURNAME.match(bare)
    if not found or "," in found.group("name"):
        return text
    name = found.group("name")
    surname = name.split()[-1]
    rest = found.group("rest")
    if not person_name_shape(name) or (len(surname) < 3 and not title):
        return text
    if not title and len(rest.split(",")[0].split()) < 3:
        return text  # 'Keep Our NHS Public', 'Indonesia AIDS Coalition': an organization
    kind = rest.split("(")[0].split(",")[0].split()
    if len(kind) == 1 and has_organization_word(kind[0]):
        return text  # 'European Digital SME Alliance (…)': the kind ends the name
    return f"{title + ' ' if title else ''}{name}, {rest}"


def _without_description(
    text: str, abbreviation: str | None, *, placed: bool = False
) -> tuple[str, str | None]:
    """'Asamblea El Algarrobo, Andalgalá, Catamarca' -> the organization's name: what follows
    its first comma is where it is or what it does, when the name before the comma says it
    is an organization (its kind, or its letters) and nothing after it does. 'CADA, Asamblea
    Cerro Azul Despierta, Córdoba': the letters, then the name, then the place.
    `placed`: a group heading says the entries are organizations and this one ends in its
    country, so what stands between its name and the country is where it is: a name of two
    words or more before the first comma is the name whatever it is made of ('SOS Huasco,
    Comuna de Huasco, Valle del Huasco, Chile'), where what follows reads as places: short,
    no organization's word, no 'and' ('…, Innovación e Integración' goes on the name), no
    legal form ('…, A. C.'); the name's letters after it ('…, UEC, Córdoba') are its
    abbreviation."""
    parts = [part.strip() for part in split_outside_brackets(text, ", ")]
    if len(parts) < 2:
        return text, abbreviation
    letters = _looks_like_abbreviation(parts[0]) and " " not in parts[0]
    if letters and abbreviation is None and has_organization_word(parts[1]):
        rest = parts[2:]
        if not any(has_organization_word(part) for part in rest):
            return parts[1], parts[0]
    if placed and abbreviation is None and abbreviates(parts[1], parts[0]):
        return parts[0], parts[1]  # 'Unión de Educadores de Córdoba, UEC, Córdoba'
    if (
        placed
        and len(parts[0].split()) >= 2
        and parts[1][:1].isupper()
        and "." not in parts[1]
        and not _acronym(parts[1])
        and all(
            len(part.split()) <= 4
            and not _JOINED_WORD.search(part)
            and not has_organization_word(part)
            for part in parts[1:]
        )
    ):
        return parts[0], abbreviation
    if not (has_organization_word(parts[0]) or letters):
        return text, abbreviation
    if any(has_organization_word(part) for part in parts[1:]):
        return text, abbreviation
    if len(parts[0].split()) < 2 and not trailing_group(parts[0])[1] and not letters:
        return text, abbreviation  # 'Health, Ethics, and Law Institute': a comma in the name
    # two parts may well be one name ('Friends of the Earth, England Wales and Northern
    # Ireland', 'Grupo Tacuba, A. C.'), unless the second is a town: a word or two, capitalized
    place = re.fullmatch(r"[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?", parts[1])
    if len(parts) == 2 and not place:
        return text, abbreviation
    return parts[0], abbreviation


def _leading_abbreviation(text: str, context: EntryContext) -> tuple[str | None, str]:
    """'CGT – Confédération générale du travail', 'CGT: …', or an abbreviation the register
    knows before the name ('MLPD Marxistisch-Leninistische Partei Deutschlands')."""
    found = _DASH_SEPARATOR.match(text)
    if found:
        candidate = found.group("abbr").strip()
        rest = text[found.end() :]
        if _looks_like_abbreviation(candidate) and (len(rest.split()) >= 2 or rest[:1].isupper()):
            return candidate, rest
        # 'Bitkom – Bundesverband …', 'eco – Verband der Internetwirtschaft e.V.': one short
        # word before a dash, an organization's full name after it
        brand = " " not in candidate and len(candidate) <= 12 and found.group("sep") != ":"
        if brand and len(rest.split()) >= 3 and has_organization_word(rest):
            return candidate, rest
    glued = _GLUED_HYPHEN.match(text)
    # 'Mediz- Kadınların Medya İzleme Grubu': a short word glued to its dash before an
    # organization's full name, as a brand stands before one ('Bitkom – Bundesverband …')
    branded = (
        glued is not None
        and glued.group("abbr")[:1].isupper()
        and len(text[glued.end() :].split()) >= 3
        and has_organization_word(text[glued.end() :])
    )
    if glued and (_acronym_token(glued.group("abbr")) or branded):
        rest = text[glued.end() :]
        # the letters are the name's: its first begins one of the name's words ('PHM- Japan
        # Circle' is a branch of the PHM, not its name)
        initials = {word[:1].casefold() for word in re.findall(r"[^\W\d_]+", rest)}
        first = glued.group("abbr")[:1].casefold()
        if rest[:1].isupper() and len(rest.split()) >= 2 and first in initials:
            return glued.group("abbr"), rest  # 'AKDAM- Adana …', 'GIKAD -Girisimci …'
    first, _, rest = text.partition(" ")
    if TITLE_PREFIX.match(f"{first} "):
        return None, text  # 'MEP Manon AUBRY …': a title, not the letters of what follows
    if rest and (first in context.abbreviations or abbreviates(first, rest)):
        return first, rest
    return None, text


# A hyphen glued to one side of a first word: 'AKDAM- Adana …', 'GIKAD -Girisimci …'. Only an
# acronym marks an abbreviation so; 'Evka-1' or 'Marxist- Leninist' are words of the name.
_GLUED_HYPHEN = re.compile(r"^(?P<abbr>[^\s-]{2,12})(?:-\s+|\s+-(?=[^\s-]))")


def _acronym_token(token: str) -> bool:
    """'AKDAM', 'MEDİZ', 'KA-DER': two to ten letters, every one a capital."""
    letters = [char for char in token if char.isalpha()]
    return 2 <= len(letters) <= 10 and all(char.isupper() for char in letters)


def _describes(text: str) -> bool:
    """Whether what follows a name tells who the person is: a role, or an institution by
    its kind or its letters ('Diretor do Ibase', 'Uerj- professora', 'Instituto de …')."""
    head = re.split(r"[-–—,;(]", text, maxsplit=1)[0].strip()
    return bool(
        role_words(" ".join(text.split()[:3]))
        or _INSTITUTION.search(head)
        or (head.split() and _acronym(head.split()[0]))
    )


# a hyphen inside a word is the name's own ('Luiz Carlos Bresser-Pereira- economista …')
_GLUED_NAME = re.compile(
    r"^(?P<name>(?:[^-–—,()]|-(?=[^\W\d_])){3,60}?[^\s-])(?:[-–—]\s+|\s+[-–—](?=[^\s\d-]))"
)
_SLASHED_NAME = re.compile(r"^(?P<name>[^/,()\d]{3,60}?[^\s/])/(?P<rest>[^\W\d_][^/]*)$")
_TRAILING_DASH = re.compile(r"^(?P<name>\S.*?)(?:\s+[-–—/]\s*|-\s+)(?P<abbr>[^\s()/]{2,12})$")


def _without_place(text: str) -> str:
    """'Centro de Direitos Humanos de Cascavel – PR', 'Instituto Sedes Sapientiae - São
    Paulo': after a dash at the end of an organization's name, the town or the state of its
    branch is where it is, not its name."""
    head, dash, tail = partition_outside_brackets(text, " – ", last=True)
    if not dash:
        head, dash, tail = partition_outside_brackets(text, " - ", last=True)
    tail = tail.strip()
    words = tail.split()
    if not dash or not has_organization_word(head) or not 0 < len(words) <= 3:
        return text
    if has_organization_word(tail) or role_words(tail) or _FIELD.search(tail):
        return text
    if tail.casefold() in region_names():
        return text  # a branch named by its region is another organization: '… – Africa'
    if len(words) == 1 and tail.isupper() and len(tail) <= 3:
        return head.strip() if len(tail) == 2 else text  # a state's code: '– RJ', '– PR'
    proper = (
        all(word[:1].isupper() or word.casefold() in _PARTICLES for word in words)
        and words[0][:1].isupper()
    )
    return head.strip() if proper and not _acronym(tail) else text


def _trailing_abbreviation(text: str) -> tuple[str | None, str]:
    """'Movimento dos Trabalhadores Sem Teto - MTST': after a dash, the initials of the name
    before it are its abbreviation (not 'Friends of the Earth - UK', nor a person's role)."""
    found = _TRAILING_DASH.match(text)
    if found and abbreviates(found.group("abbr"), found.group("name")):
        return found.group("abbr"), found.group("name").strip()
    # 'Spanish National Research Council - CSIC', 'Dutch Research Council - NWO': letters of
    # the name in its own language; three capitals or more after an organization's full name
    # are its short form, unless they name a country ('- USA') or a state ('- RJ')
    if found and (" - " in text or " – " in text):
        abbr, name = found.group("abbr"), found.group("name").strip()
        letters = [char for char in abbr if char.isalpha()]
        if (
            _acronym_token(abbr)
            and len(letters) >= 3
            and not country_named(abbr)
            and has_organization_word(name)
            and len(name.split()) >= 2
            and not re.search(r"[,–—]|\s-|-\s", name)  # one name, not 'Person – Org'
            and not role_words(name)
        ):
            return abbr, name
    return None, text


# 'APDH: María Pérez, presidenta, en nombre de “Asamblea Permanente …”, La Plata': a person
# signing for an organization that the entry names in quotes
_SIGNING_FOR = re.compile(
    r"^(?:(?P<label>[^:“”\"«»„]{1,40}):\s*)?(?P<person>[^“”\"«»„]+?),?\s+"
    r"(?:en\s+nombre\s+de(?:l|\s+la)?|en\s+representación\s+de(?:l|\s+la)?|"
    r"on\s+behalf\s+of(?:\s+the)?|for\s+and\s+on\s+behalf\s+of|au\s+nom\s+d(?:e|u|es|e\s+la)|"
    r"im\s+namen\s+(?:von|der|des)|em\s+nome\s+d[aoe]s?|a\s+nome\s+d\w*|in\s+nome\s+d\w*|"
    r"en\s+nom\s+d\w*|от\s+имени|від\s+імені)\s+"
    r"[“\"«„‘‚]\s*(?P<organization>[^“”\"«»„‘’]{2,200}?)\s*[”“\"»’‘](?P<rest>.*)$",
    re.IGNORECASE,
)


def _signing_for(text: str, *, position: int) -> Signatory | None:
    """An organization signing through a person ('Jane Doe, director, on behalf of “Example
    Network”, Berlin'): the organization the quotes name is the entry, the label before a
    colon its abbreviation where it is one. The entry has no field for the one who signs for
    an organization: the person stays in the entry's lines."""
    found = _SIGNING_FOR.match(text)
    if not found or not person_name_shape(split_title(found["person"].split(",")[0])[1]):
        return None
    name = found["organization"].strip()
    label = (found["label"] or "").strip()
    abbreviation = label if label and _looks_like_abbreviation(label) else None
    places = [part.strip() for part in found["rest"].split(",") if part.strip(" .")]
    country = next(
        (c for part in places if (c := country_named(part.strip(" ."))) is not None), None
    )
    return Signatory(position=position, name=name, abbreviation=abbreviation, country=country)


def abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the initials of the name beside it ('MLPD' of
    'Marxistisch-Leninistische Partei Deutschlands', 'PCPCI' of 'Parti Communiste
    Proletarien de Côte d'Ivoire'): then the document itself marks it as the name's
    abbreviation. 'HIV Action Trust' or 'MEP Jane DOE' have none."""
    letters = [char.casefold() for char in acronym if char.isalpha()]
    if len(letters) < 2 or not _looks_like_abbreviation(acronym) or " " in acronym.strip():
        return False
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]", " ", name.split("(")[0]))
    initials = [word[0].casefold() for word in words]
    if not initials or initials[0] != letters[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return _syllabic(letters, [word.casefold() for word in words])
        position += 1
    return len(letters) * 2 >= min(len(initials), 2 * len(letters))


def _syllabic(letters: list[str], words: list[str]) -> bool:
    """'CONAM' of 'Confederação Nacional de Associações de Moradores', 'FISENGE' of
    'Federação Interestadual dos Sindicatos de Engenharia': letters taken from the start of
    the name's words, more than one from some, in order, from at least half of its words
    that are no particles."""
    significant = sum(word not in _PARTICLES for word in words)

    def match(at: int, word: int, used: int) -> int:
        if at == len(letters):
            return used
        best = 0
        for index in range(word, len(words)):
            candidate = words[index]
            length = 0
            while (
                length < len(candidate)
                and at + length < len(letters)
                and candidate[length] == letters[at + length]
            ):
                length += 1
                best = max(best, match(at + length, index + 1, used + 1))
            if best:
                return best
        return best

    used = match(0, 0, 0) if len(letters) <= 12 else 0
    return used >= 2 and used * 2 >= significant


_INNER = re.compile(
    r"\s\(([^()\s]{2,15})\)(?=\s+(?:e\.\s?V\.|GmbH|gGmbH|Inc\.?|Ltd\.?|AG|SA|S\.A\.)\s*$)"
)


def _inner_abbreviation(text: str) -> tuple[str | None, str]:
    """'Bundesverband Digitale Wirtschaft (BVDW) e.V.': the abbreviation stands before the
    legal form."""
    found = _INNER.search(text)
    if found and _looks_like_abbreviation(found.group(1)):
        return found.group(1), text[: found.start()] + text[found.end() :]
    return None, text


def _looks_like_abbreviation(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 3 or not ABBREVIATION.match(words[0]):
        return False
    capitals = len(_CAPITALS.findall(text))
    letters = sum(char.isalpha() for char in text)
    if any(char.isdigit() for char in text) and len(text) <= 8:
        return capitals >= 1  # 'D64', 'G7'
    return capitals >= 2 and capitals * 2 >= letters


def split_title(text: str) -> tuple[str | None, str]:
    found = TITLE_PREFIX.match(text)
    title = None
    if found and len(text[found.end() :].split()) >= 1:
        title = " ".join(found.group(0).split())
        text = text[found.end() :]
    suffix = TITLE_SUFFIX.search(partition_outside_brackets(text, ", ")[0])
    if suffix:
        head = text[: suffix.start()]
        tail = text[suffix.end() :]
        title = _after_name(title, suffix.group(0))
        text = head + tail
    honours, text = _honours(text)
    if honours:
        title = _after_name(title, honours)
    return title, text.strip()


def _after_name(title: str | None, printed: str) -> str:
    """The degrees before the name, then those after it as printed: 'MgA. Marek Godovič,
    PhD.' -> 'MgA., PhD.' (the comma the document sets between them is kept, in every format
    alike), 'Dr. Jane Doe PhD' -> 'Dr. PhD'."""
    word = printed.strip(", ")
    if not title:
        return word
    return f"{title}{', ' if printed.lstrip().startswith(',') else ' '}{word}"


# capitals of Cyrillic that look Latin ('ОАМ' typed in a Ukrainian text for 'OAM')
_LATIN_LOOKING = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")


def _honours(text: str) -> tuple[str | None, str]:
    """'Zhiguo Yuan AM FTSE, Centre …' / 'Jane Doe, AC, University …' -> the honours after
    the name, and the text without them; also typed in Cyrillic capitals that look Latin
    ('Стефан Романів, ОАМ'), kept as printed. The letters map one for one, so the places
    found in the Latin-looking reading are the places in the text."""
    latin = text.translate(_LATIN_LOOKING)
    head_end = len(partition_outside_brackets(latin, ", ")[0])
    head, tail = latin[:head_end], latin[head_end:]
    comma = ", " if tail.startswith(", ") else ""
    tail = tail[len(comma) :]
    found: list[tuple[int, int]] = []  # the honours' spans
    end = len(head)
    while len(latin[:end].split()) > 2 and (suffix := HONOURS_AFTER.search(latin[:end])):
        found.insert(0, (suffix.start(), suffix.end()))
        end = suffix.start()
    position = head_end
    while comma and len(latin[:end].split()) >= 2:
        part, separator, _ = partition_outside_brackets(latin[position + len(comma) :], ", ")
        if not HONOURS_ONLY.fullmatch(part.strip()):
            break
        start = position + len(comma)
        found.append((start, start + len(part)))
        position, comma = start + len(part), separator
    if not found:
        return None, text
    honours = " ".join(text[a:b].strip(", ") for a, b in found)
    # set after a comma ('Jane Doe, AO') or not ('Zhiguo Yuan AM FTSE'): kept as printed
    first = found[0][0]
    comma = text[first:].lstrip().startswith(",") or text[:first].endswith(", ")
    printed = ", " if comma else " "
    return printed + honours, text[:end] + text[position:]


_NAME_SUFFIX = re.compile(r"(?<=[^\W\d_]), (?:Jr|Sr|Jnr|Snr)\.?(?=,|\s|$)")


def person_parts(text: str) -> tuple[str, str, str]:
    """'Jane Doe, Professor, University' / 'Jane Doe (Directrice, Exemple SA)' /
    'Jane Doe – Director, X' -> the name, the rest, and what separated them (the separator
    that comes first)."""
    suffix = _NAME_SUFFIX.search(text)
    if suffix:
        # 'Martin Luther King, Jr.': the comma before a generation is the name's own
        glued = text[: suffix.start()] + "\x00" + text[suffix.start() + 2 :]
        name, rest, how = person_parts(glued)
        return name.replace("\x00", ", "), rest.replace("\x00", ", "), how
    found = []
    for separator, how in ((", ", "comma"), (" – ", "dash"), (" — ", "dash"), (" - ", "dash"),
                           (" | ", "dash"), (" / ", "dash")):  # fmt: skip
        positions = _positions(text, separator)
        if positions:
            found.append((positions[0], separator, how))
    bracket = text.find(" (")
    if found:
        index, separator, how = min(found)
        if not (0 < bracket < index and trailing_group(text[:index])[1]):
            return text[:index].strip(), text[index + len(separator) :].strip(), how
    head, group = trailing_group(text)
    if group and head != text:
        return head.strip(), group.strip(), "brackets"
    return text.strip(), "", ""


_UNCASED_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u0590-\u05ff]+")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}")


def person_name_shape(name: str) -> bool:
    """Two to five words that a person's name is made of: capitalized words, particles,
    initials; no digits, no organization word. In Chinese, two to four characters (a
    surname of one or two, a given name of one or two; lists pad some with a space: '于 清')."""
    if _HAN_NAME.fullmatch(name.strip()):
        return not has_organization_word(name)
    words = name.replace("’", "'").split()
    if words and all(_UNCASED_WORD.fullmatch(word) for word in words):
        # Arabic, Hebrew, Persian: no capitals to tell a name by; two to four words
        return 2 <= len(words) <= 4 and not has_organization_word(name)
    if not 2 <= len(words) <= 5 or any(char.isdigit() for char in name):
        return False
    if has_organization_word(name):
        return False
    if all(w.strip("()[]").isupper() for w in words if any(c.isalpha() for c in w)):
        return False  # 'PC (ML)', 'CPSA ML': letters of an abbreviation, not a name
    for word in words:
        bare = word.strip("\"'()[],")
        if not bare or not bare[0].isalpha():
            return False  # a dash, a slash, an ampersand: parts of an organization's name
        if bare.casefold() in _PARTICLES or _INITIAL.match(bare):
            continue
        if re.match(r"^(?:d|l|dell|dall)['’][A-ZÀ-Þ]", bare):
            continue  # "d'Argemir", "l'Hôpital"
        if not (bare[0].isupper() or not bare[0].isalpha()):
            return False
        if _BRAND_WORD.search(bare):
            return False
    return True


# 'ActionAid', 'WaterAid': a capital inside a word after four lower-case letters joins two
# words into a brand; a person's name capitalizes inside only after a short prefix
# ('McDonald', 'MacArthur', 'DeShawn', 'FitzGerald')
_BRAND_WORD = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]{4,}[A-ZÀ-Þ]")


def _is_person(
    name: str,
    rest: str,
    *,
    how: str,
    title: str | None,
    abbreviation: str | None,
    context: EntryContext,
) -> bool | None:
    """True, False, or None when nothing tells (then the list's majority decides)."""
    if abbreviation:
        return False
    if title and name:
        return True
    if context.individuals is not None:
        return context.individuals and bool(name)
    if has_organization_word(name):
        return False
    if not person_name_shape(name):
        # 'Monarco – Músico', 'Pedro Paulo Malan de Paiva Chaves – Engenheiro': a name no
        # shape tells, then a function after a dash: the list's majority decides
        return None if how == "dash" and role_words(rest) and _bare_name(name) else False
    if rest and not is_country_name(rest):
        # a role or an institution after a comma is a person's; in brackets or after a dash
        # it may as well be a translation ('Rode Morgen (Red Dawn)')
        if how == "comma" or "," in rest or role_words(rest) or _INSTITUTION.search(rest):
            return True
        return None
    # "Jane DOE" alone is as likely 'Both ENDS': a word in capitals tells nothing by itself,
    # the list's majority does (a title or a description after it tells above)
    return None


def _bare_name(name: str) -> bool:
    """Capitalized words and particles only, no figure, no acronym: what a name may be."""
    words = name.split()
    return 1 <= len(words) <= 8 and all(
        re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*\.?", word)
        and (word[:1].isupper() or len(word) <= 3)
        and not (word.rstrip(".").isupper() and len(word.rstrip(".")) > 1)
        for word in words
    )


_ON_BEHALF = re.compile(
    r"^(?:on\s+behalf\s+of|for|pour|au\s+nom\s+d[eu']\s*|en\s+nombre\s+de|por|"
    r"im\s+namen\s+(?:von|der|des)|für)\s+(?=[A-ZÀ-Þ\"“«])",
    re.IGNORECASE,
)
_ROLE_AT = re.compile(
    r"^(?P<role>[^,]{2,60}?)\s+(?:of|at|for|with|der|des|bei|am|an\s+der|de\s+la|de\s+l'|"
    r"du|des|de|del|de\s+los|de\s+las|à|au|en|chez|di|della|dello|del)\s+(?P<place>\S.*)$"
)


_PREPOSITION = re.compile(
    r"\s+(?:of|at|for|with|der|des|bei|am|an\s+der|de\s+la|de\s+l'|du|de|del|de\s+los|"
    r"de\s+las|à\s+la|à\s+l'|à|au|en\s+el|en\s+la|en\s+l'|en|chez|di|della|dello|do|da|"
    r"dos|das|na|no)\s+"
)
_ARTICLE = re.compile(r"^(?:(?:the|la|le|les|el|die|der|das|o|a)\s+|l')(?=\S)", re.IGNORECASE)
# A second role after the institution ('… de la FAVB y vicepresidente de …', '… du CNRS.
# Présidente …'): the description is not one role at one institution, and stays whole.
_FURTHER_ROLE = re.compile(r"(?:\s(?:y|e|i|and|et|und|ou|or|o)\s|[.;]\s+)(?P<rest>.+)$")


def _role_at(part: str) -> tuple[str, str] | None:
    """'Presidenta de la FAVB' -> ('Presidenta', 'FAVB'): a role at an institution, the
    role being the words before the first preposition whose object names an institution
    ('Oceanógrafa y jefa de comunicación científica del CEAB' is at the CEAB)."""
    for found in _PREPOSITION.finditer(part):
        role, place = part[: found.start()].strip(), part[found.end() :].strip()
        if "," in role or not 2 <= len(role) <= 60 or not role_words(role):
            continue
        place = _ARTICLE.sub("", place)
        if not place[:1].isupper():
            continue
        further = _FURTHER_ROLE.search(place)
        if further and role_words(further.group("rest")):
            return None
        acronym = _acronym(place.split(" (")[0].rstrip("."))
        if _FIELD.search(place) and not _INSTITUTION.search(place) and not acronym:
            continue  # 'Chercheur en Histoire Contemporaine': a field, no institution
        if acronym or _institution_name(place):
            return role, place
    return None


def _role_of_genitive(part: str) -> tuple[str, str] | None:
    """'prezeska Fundacji Czułość', 'Голова Союзу Українських Організацій Австралії',
    'Президент Української громади Квінсленду' -> the function and its institution, named in
    the genitive with no preposition between (Polish, Ukrainian, Russian): the words before
    an institution's word in the genitive, or before the capitalized adjective that
    precedes one."""
    words = part.split()
    for index in range(1, min(len(words), 5)):
        head = " ".join(words[:index])
        if not role_words(head) or any(w[:1].isupper() for w in words[1:index]):
            continue
        word, after = words[index], words[index + 1] if index + 1 < len(words) else ""
        if GENITIVE_INSTITUTION.fullmatch(word) or (
            word[:1].isupper() and GENITIVE_INSTITUTION.fullmatch(after)
        ):
            return head, " ".join(words[index:])
    return None


_ROLE_DASH_INSTITUTION = re.compile(r"^(?P<role>[^-–—]{2,60}?)\s+[-–—]\s+(?P<place>[^-–—]{2,80})$")


def role_and_affiliation(rest: str, *, bracketed: bool = False) -> tuple[str | None, str | None]:
    """'Professor of Law, University of Lagos' -> role, affiliation: the parts before the
    first institution are the role ('Artist, Musician'), the institution and what follows it
    the affiliation. One part only: an institution is an affiliation, a role at an
    institution both ('Director of Amnesty International'), anything else a role.
    `bracketed`: the description stands in brackets after the name, where a function and
    the company may follow each other with nothing between ('Jane Doe (Directrice Exemple)')."""
    rest = _ON_BEHALF.sub("", rest.strip())
    rest = re.sub(r"^(?:the|la|le|el|die|der)\s+(?=[A-ZÀ-Þ])", "", rest)
    rest = _without_discipline(rest)
    if not rest:
        return None, None
    parts = [part.strip() for part in re.split(r"[,;](?![^()]*\))\s*", rest) if part.strip()]
    # 'Dra. Ana Ruiz (171768)': a registry's number says who the person is to a register,
    # neither what they do nor where
    parts = [part for part in parts if not re.fullmatch(r"[#№]?\s?\d[\d\s./-]*", part)]
    if not parts:
        return None, None
    led = _role_then_name(parts[0], titled=False) if bracketed else None
    if led:
        # 'Directeur technique KDX Ingénierie', 'co-gérants de Les Développements Durables,
        # Réseau Libre-entreprise': the function, then the company with no comma between
        return led[0], ", ".join([led[1], *parts[1:]])
    bracketed = [_role_in_brackets(part) for part in parts]
    if sum(found is not None for found in bracketed) == 1:
        # 'Software Engineer (Google), Contributor': the body in brackets after a role is
        # where the person works; the other parts are roles
        roles, affiliation = [], None
        for part, found in zip(parts, bracketed, strict=True):
            if found is None:
                roles.append(part)
            else:
                roles.extend([found[0]] if found[0] else [])
                affiliation = found[1]
        if all(role_words(role) for role in roles):
            return ", ".join(roles) or None, affiliation
    if len(parts) == 1:
        part = parts[0]
        dashed = _ROLE_DASH_INSTITUTION.match(part)
        if (
            dashed
            and _is_institution(dashed["place"])
            and not role_words(dashed["place"])
            and not _is_institution(dashed["role"])
            # the function names its own institution ('… da Universidade X – UFRN')
            and not _INSTITUTION.search(dashed["role"])
            and not any(_acronym(word) for word in dashed["role"].split())
            and _role_at(dashed["role"]) is None
            and not re.search(r"\b[A-Z]{2}$", dashed["place"])  # a state: '… – RJ'
            # a trade ('Oil & Gas Industry') is what the person works in, no institution
            and not re.search(
                r"(?i)\b(?:industry|industrie|industria|sector|secteur)\b", dashed["place"]
            )
        ):
            # 'antropóloga - UERJ', 'Professor – Universidad de Buenos Aires'
            return dashed["role"], dashed["place"]
        at = _role_at(part) or _role_of_genitive(part)
        if at:
            return at
        if _is_institution(part):
            return None, part
        return part, None
    for index, part in enumerate(parts):
        genitive = _role_of_genitive(part)
        if genitive:
            # 'dziennikarz, współzałożyciel Fundacji Wiara i Tęcza': the function before the
            # institution is the role's last part
            return ", ".join([*parts[:index], genitive[0]]), ", ".join(
                [genitive[1], *parts[index + 1 :]]
            )
        if _is_institution(part):
            role = ", ".join(parts[:index]) or None
            if index == 0:
                # 'Harvard Law School, Executive Director': the institution first, then what
                # the person does there; the parts at the end that read as functions and
                # name no institution are the role
                end = len(parts)
                while end > 1 and role_words(parts[end - 1]) and not _naming(parts[end - 1]):
                    end -= 1
                if end < len(parts):
                    return ", ".join(parts[end:]), ", ".join(parts[:end])
            return role, ", ".join(parts[index:])
    last = parts[-1]
    if last[:1].isupper() and not role_words(last) and not _FIELD.search(last):
        return ", ".join(parts[:-1]), last  # 'Co-founder, CEO, EdSurge'
    return ", ".join(parts), None


# words that qualify a function after it ('Directeur technique', 'Director General',
# 'Directeurs Associés'): still the function, not the company that follows
_ROLE_QUALIFIER = re.compile(
    r"(?:général|générale|adjointe?|technique|exécuti(?:f|ve)|executive|senior|general|"
    r"associée?s?|associate|assistant|deputy|chief|principal|honoraire|honorary|emerit\w*|"
    r"émérite|adjunto|adjunta|ejecutiv[oa]|geral|geschäftsführend\w*)",
    re.IGNORECASE,
)


def function_then_company(texts: list[str]) -> bool:
    """Whether a list writes its people's function and company in brackets with nothing
    between ('Jean Dupont (Directeur Exemple)'): most of its entries that end in a bracket
    starting with a function have that shape."""
    functions = companies = 0
    for text in texts:
        head, group = trailing_group(text)
        if not group or head == text or not role_words(group.split()[0]):
            continue
        functions += 1
        companies += _role_then_name(group.split(",")[0]) is not None
    return functions >= 3 and companies * 3 >= functions * 2


def _role_then_name(part: str, *, titled: bool = True) -> tuple[str, str] | None:
    """'Directeur Nexedi' -> ('Directeur', 'Nexedi'); 'Directeur technique KDX Ingénierie'
    -> ('Directeur technique', 'KDX Ingénierie'): a function (a role word, maybe qualified)
    and then, with no comma or preposition between, a capitalized name that is no role, no
    field of study and no place's name alone."""
    words = part.split()
    # `titled`: the function written as a title, with its capital ('Directeur', 'PDG'), as
    # a list must mostly write it to be read so; a list that writes its functions in lower
    # case before a name ('professora UNICAMP') is read as giving one role
    if len(words) < 2 or not role_words(words[0]) or (titled and not words[0][:1].isupper()):
        return None
    end = 1
    while end < len(words) and (
        _ROLE_QUALIFIER.fullmatch(words[end])
        or words[end][:1].islower()
        or (role_words(words[end]) and words[end][:1].isupper())
    ):
        end += 1
    name = " ".join(words[end:]).lstrip("!")  # '!IdealX': a wiki's mark that a word is no link
    if (
        not name
        or not name[:1].isupper()
        or role_words(name)
        or _FIELD.search(name)
        or country_named(name)
        or name.casefold() in region_names()
    ):
        return None
    return " ".join(words[:end]), name


def _role_in_brackets(part: str) -> tuple[str | None, str] | None:
    """'Software Engineer (Google)' -> ('Software Engineer', 'Google'); '(Boring Magic)'
    -> (None, 'Boring Magic'): a role, or nothing, then a body in brackets that is no
    role, no field of study and no status ('(former)')."""
    if part.startswith("(") and part.endswith(")") and part.count("(") == 1:
        head, group = "", part[1:-1]
    else:
        head, group = trailing_group(part)
        if not group or head == part:
            return None
    head, group = head.strip().rstrip(",").strip(), group.strip()
    if _seat_and_party(head, group):
        return head, group
    if head and (not role_words(head) or len(head.split()) > 5 or _PREPOSITION.search(head)):
        return None  # '… Director del CEAB (CSIC)': the bracket goes with the institution
    if not any(char.isupper() for char in group) or role_words(group):
        return None
    if _acronym(group):
        return None  # '(FAVB)', '(CSIC)': an abbreviation the description carries
    if is_country_name(group.split(",")[-1].strip()):
        return None  # '(Hannover, Germany)': where, not who
    if _FIELD.search(group) and not _INSTITUTION.search(group):
        return None  # '(Computer Science)': a field of study, no body
    return head or None, group


def _seat_and_party(head: str, group: str) -> bool:
    """'Alcaldesa de Paillaco (Partido Socialista)', 'Mayor of Springfield (Green Party)',
    'Diputada (Partido Verde)': a function over a town or a seat that names no body of
    its own, then in brackets the body the person belongs to, named by its word ('Partido',
    'Party'): the function is the role, the bracket the affiliation. An abbreviation in
    brackets is left to the description ('Activista vecinal (FAVB)'): it may be the body's
    the function names ('presidente da Central Única dos Trabalhadores (CUT)')."""
    if not head or not role_words(head) or len(head.split()) > 8:
        return False
    if _INSTITUTION.search(head) or any(_acronym(word.strip(".,()")) for word in head.split()):
        return False  # '… Director del CEAB (CSIC)': the bracket goes with the institution
    if is_country_name(group.split(",")[-1].strip()):
        return False
    if not _INSTITUTION.search(group) or not (_INSTITUTION.match(group) or not role_words(group)):
        return False
    # 'Director de Fundipau (Fundació per la Pau)': the bracket spells out the name before it
    stems = {word[:4].casefold() for word in head.split()[1:] if word[:1].isupper()}
    return group[:4].casefold() not in stems


def place_name(part: str) -> bool:
    """A place or a body written as a proper name ('Ripollet', 'Sant Boi', 'Gramenet'):
    capitalized words that name no role and no field of study, where a person's one
    descriptor would otherwise be read as a role."""
    words = part.split()
    return (
        0 < len(words) <= 3
        and all(word[:1].isupper() for word in words)
        and not any(word.isupper() and len(word) > 1 for word in words)
        and not role_words(part)
        and not _FIELD.search(part)
    )


# What people study or teach: 'Political Science' is no institution though it is capitalized.
_FIELD = re.compile(
    r"\b(?:sciences?|studies|affairs|law|economics|history|sociology|engineering|medicine|"
    r"physics|chemistry|biology|mathematics|philosophy|literature|politics|policy|"
    r"anthropology|psychology|education|linguistics|geography|theology|informatique|"
    r"humanities|astronomy|astrophysics|informatics|statistics|neuroscience|geology|ecology|"
    r"droit|histoire|sociologie|derecho|historia|economía|recht|geschichte|soziologie|"
    r"biologie|biología|biologia|physique|física|chimie|química|médecine|medicina|"
    r"mathématiques|matemáticas|philosophie|filosofía|informática|ingeniería|économie)\b",
    re.IGNORECASE,
)


# The words a discipline is named with ('Computer Science', 'Earth and Planetary Sciences',
# 'Astronomy, Astrophysics, Space Science'): a discipline after the institution, past a dash,
# tells what the person works on; it is neither their role nor part of the institution.
_DISCIPLINE_WORD = re.compile(
    r"(?:sciences?|studies|humanities|arts|technology|engineering|medicine|law|economics|"
    r"history|sociology|physics|chemistry|biology|mathematics|philosophy|literature|"
    r"politics|anthropology|psychology|education|linguistics|geography|theology|astronomy|"
    r"astrophysics|informatics|statistics|neuroscience|geology|ecology|computer|space|earth|"
    r"planetary|life|social|political|natural|environmental|materials|health|and|&|of|und|"
    r"et|y|e)",
    re.IGNORECASE,
)


def _without_discipline(rest: str, *, named: bool = False) -> str:
    """'TU Berlin - Computer Science' -> 'TU Berlin': a discipline after a dash that ends
    the description, where an institution comes before it (`named`: the text starts with
    the person's name, which is no institution)."""
    for dash in (" - ", " – ", " — "):
        head, found, tail = partition_outside_brackets(rest, dash, last=True)
        if not found:
            continue
        words = [w for w in re.split(r"[\s,]+", tail.strip(" .")) if w]
        if (
            words
            and _FIELD.search(tail)
            and all(_DISCIPLINE_WORD.fullmatch(w) for w in words)
            and any(
                _is_institution(p.strip()) for p in re.split(r"[,;]| - | – ", head)[named:][-3:]
            )
        ):
            return head.strip()
        break
    return rest


def _is_institution(part: str) -> bool:
    if _UNIT.match(part):
        return True
    if role_words(part) and not _INSTITUTION.search(part.split(" of ")[-1]):
        return False
    acronym = any(_acronym(word) for word in part.split())
    short = len(part.split()) <= 4 and " - " not in part
    if short and _FIELD.search(part) and not _INSTITUTION.search(part) and not acronym:
        return False
    return bool(_INSTITUTION.search(part) or _proper_name(part) or _acronym(part))


def is_institution(part: str) -> bool:
    """Whether a part of a person's description names an institution ('Harvard Law
    School', 'MIT'), not a function or a field of study."""
    return _is_institution(part)


def is_institution_word(part: str) -> bool:
    """Whether a part names a kind of institution ('University', 'Hospital', 'Library')."""
    return bool(_INSTITUTION.search(part))


def _naming(part: str) -> bool:
    """Whether a part names an institution by its kind ('Law Library', 'Faculty of Law'),
    not only by capitals, as a function written with them does ('Library Director')."""
    return bool(_INSTITUTION.search(part.split(" of ")[-1]) and not role_words(part.split()[-1]))


def _acronym(part: str) -> bool:
    """'SOAS', 'MIT', 'LSE': an institution known by its letters."""
    return bool(re.fullmatch(r"[A-ZÀ-Þ][A-ZÀ-Þ0-9&.\-]{1,9}", part.strip()))


# 'Codirector', 'Vicepresidenta', 'Subdirectora': a prefix glued to a role is still a role
_ROLE_PREFIX = re.compile(
    r"\b(?:co|vice|sub|ex)-?(?=(?:director|coordinat|coordenad|presiden|fundador|founder|"
    r"secretar|editor|diretor))",
    re.IGNORECASE,
)


def role_words(text: str) -> bool:
    text = _ROLE_PREFIX.sub("", text)
    return bool(
        re.search(
            r"\b(?:professor|profesor|professeur|director|directeur|directora?|directrice|"
            r"directeurs|directrices|présidente?s?|g[ée]rant\w*|gerente\w*|pdg|"
            r"president|président|presidente|chair|coordinator|coordinat\w+|member|membre|"
            r"miembro|mitglied|founder|fondat\w+|fundador\w*|head|chef|jefe|leiter\w*|"
            r"secretary|secrétaire|secretari[oa]|lecturer|researcher|chercheu\w+|"
            r"investigador\w*|fellow|student|étudiant\w*|doctoral|phd|candidate|officer|"
            r"manager|advisor|adviser|editor|journalist|writer|author|artist|lawyer|avocat\w*|"
            r"abogad\w+|rechtsanwält\w*|deputy|député\w*|diputad\w+|senator|mayor|maire|"
            r"alcalde\w*|ceo|cto|dean|doyen|emerit\w+|spokesperson|porte-parole|vocer\w+|"
            r"activist\w*|unionist\w*|organi[sz]er|campaigner|worker|teacher|nurse|doctor|"
            r"engineer|priest|pastor|rabbi|imam|poet|singer|actor|actress|defender|"
            r"doctorant\w*|docteure?|doktorand\w*|médecin|medic[oa]|médic[oa]|arzt|ärztin|"
            r"ingénieure?|ingenier[oa]|ingenieur\w*|bibliothécaire|consultant\w*|"
            r"vulgarisat\w+|chercheuse|enseignant\w*|étudiant\w*|estudiante|retraité\w*|"
            r"infirmi\w+|avocate?|investigador\w*|profesor\w*|professeure?|abogad\w+|"
            r"wissenschaftler\w*|rechtsanw\w+|lehrer\w*|studentin|pfarrer\w*|"
            r"coordinador\w*|coordinat\w+|fundador\w*|diseñador\w*|restaurador\w*|"
            r"developer|programmer|analyst|designer|architect|owner|partner|contributor|"
            r"maintainer|collaborator|lead|specialist|sysadmin|expert|"
            r"разработчи\w*|программист\w*|инженер\w*|аналитик\w*|консультант\w*|"
            r"руководител\w*|директор\w*|профессор\w*|журналист\w*|фрилансер\w*|"
            r"historian|physician|musician|librarian|politician|technician|statistician|"
            r"mathematician|theologian|pediatrician|comedian|veterinarian|academician|"
            r"electrician|dietitian|chairman|chairwoman|chairperson|"
            # Polish, Ukrainian and Russian functions ('prezeska', 'Голова', 'председатель')
            r"prezes\w*|(?:współ)?założyciel\w*|(?:wice)?przewodnicząc\w+|dziennikar\w+|"
            r"dyrektor\w*|koordynator\w*|sekretarz\w*|skarbnik\w*|członek|członkini|radn[ya]|"
            r"posłanka|poseł|голова|президент\w*|заступник\w*|секретар\w*|член|"
            r"председател\w*|заместител\w*|"
            # 'Monarco – Músico': a musician in the languages 'musician' is not written so
            r"m[úu]sic[oa]|musicien\w*|musiker\w*|"
            # a distinction says what the person is, never where: 'Premio Nobel de la Paz'
            r"premio|prêmio|prize|award|prix|preis|laureate|laur[ée]at\w*|nobel|"
            r"professora|diretor\w*|pesquisador\w*|engenheir[oa]\w*|arquitet[oa]|f[ií]sic[oa]|"
            r"assessor\w*|deputad\w+|pastora|"
            r"ju[ií]z\w*|senador\w*|vereador\w*|secretári\w+|"
            r"presidenta|vice-?presiden\w*|vice-?président\w*|co-?president\w*|editora?|portavoz|gestora?|socio|socia|responsable|delegad[oa]|"
            r"consejer[oa]|conseller[oa]?|vocal|tesorer[oa]|concejal\w*|decan[oa]|"
            r"jef[ea]|técnic[oa]|educador\w*|doctorand[oa]|estudiante|científic[oa]|"
            r"\w+(?:ólog[oa]s?|ograf[oa]s?)|"
            r"(?!(?:communist|socialist|marxist|leninist|maoist|trotskyist|anarchist|"
            r"nationalist|capitalist|imperialist|zionist|islamist|communista|socialista|comunista|"
            r"communiste|socialiste|marxiste|léniniste|maoïste|trotskiste|kommunistisch|"
            r"marxista|leninista|maoista|anarquista|kommunist|sozialist|marksist)\b)"
            r"\w+(?:ist|ists|eur|euse|ista|istas|ologe|ologin|ologist))\b",
            text,
            re.IGNORECASE,
        )
    )


def _institution_name(text: str) -> bool:
    """'Amnesty International', 'the University of Lagos' — not 'Law' or 'Sociology'."""
    text = re.sub(r"^(?:the|la|le|les|el|die|der|das)\s+", "", text, flags=re.IGNORECASE)
    return bool(_INSTITUTION.search(text) or has_organization_word(text) or _proper_name(text))


def _proper_name(text: str) -> bool:
    """'Exemple SA', 'Amnesty International', 'BTU Cottbus-Senftenberg': every word
    capitalized (a hyphenated one too), none a role."""
    words = [
        w for w in text.split() if w.casefold() not in _PARTICLES and w.replace("-", "").isalpha()
    ]
    return len(words) >= 2 and all(w[0].isupper() for w in words) and not role_words(text)


def strip_country(text: str, context: EntryContext) -> tuple[str, str | None]:
    """A country written after the name: ', Netherlands', ' (Netherlands)', ' – Germany'."""
    for separator in (", ", " – ", " — ", " - "):
        head, found, tail = partition_outside_brackets(text, separator, last=True)
        if found and not tail.endswith(")"):
            code = country_named(tail.strip(" ."))
            if code:
                return head.strip(), code
            if _ambiguous_country(tail):
                context.warnings.append(f"{tail.strip()!r} could be several countries")
                return head.strip(), None
    head, group = trailing_group(text)
    if group and (code := country_named(group)):
        return head, code
    if group and group.strip().casefold() in _NO_COUNTRY:
        return head, None  # 'Coimbra Group (international)': where a country would stand
    return text, None


# what a list of 'Name (Country)' writes for a body of no one country
_NO_COUNTRY = frozenset(
    ("international", "internacional", "internationale", "internazionale", "global",
     "worldwide", "mondial", "mundial", "weltweit")
)  # fmt: skip


def _ambiguous_country(text: str) -> bool:
    return is_country_name(text.strip(" .")) and country_named(text.strip(" .")) is None


def split_translation(
    text: str, abbreviation: str | None, *, trailing: bool = True
) -> tuple[str, str | None, str | None]:
    """Name, translation, abbreviation. A trailing group in parentheses is an abbreviation
    ('(CPB)') or a translation (two words or more; one word such as '(Mashal)' or
    '(Marxist-Leninist)' belongs to the name). ' / ' or ' – ' between two names of two
    words or more separates a translation too, unless the group in parentheses repeats that
    separator ('Türkiye / Kürdistan (Turkey / Kurdistan)': the separator is in the name)."""
    head, group = trailing_group(text)
    short = group and _looks_like_abbreviation(group) and " " not in group
    if short and abbreviation is None and trailing:
        abbreviation, text = group, head
        head, group = trailing_group(text)
    translation = None
    for separator in (" / ",):
        name, found, other = partition_outside_brackets(text, separator)
        other_head = trailing_group(other)[0]
        if not found or (group and separator in group):
            continue
        if len(name.split()) >= 2 and len(other_head.split()) >= 2:
            text, translation = name, other
            break
    if translation is None and group and len(group.split()) >= 2 and group[0].isupper():
        places = [part for part in re.split(r"\s*[/,&]\s*|\s+and\s+", group) if part]
        if len(places) >= 2 and all(country_named(place) for place in places):
            text = head  # '(France / Switzerland)': where it works, no translation
        else:
            text, translation = head, group
    text = text.strip()
    if translation is not None and translation.strip() == text:
        translation = None
    return text, translation.strip() if translation else None, abbreviation


def trailing_group(text: str) -> tuple[str, str | None]:
    """'Name (Group)' -> ('Name', 'Group'), matching nested brackets from the end."""
    text = text.rstrip()
    if not text.endswith((")", "]")):
        return text, None
    opening = "(" if text.endswith(")") else "["
    closing = text[-1]
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == closing:
            depth += 1
        elif text[index] == opening:
            depth -= 1
            if depth == 0:
                head = text[:index].rstrip()
                return (head, text[index + 1 : -1].strip()) if head else (text, None)
    return text, None


_OPENERS = re.compile(r"[(\[„«“]")


def _positions(text: str, separator: str) -> list[int]:
    """Where the separator stands outside brackets and quotes."""
    if separator not in text:
        return []
    if not _OPENERS.search(text):  # nothing nests: every occurrence counts
        positions, index = [], text.find(separator)
        while index >= 0:
            positions.append(index)
            index = text.find(separator, index + 1)
        return positions
    depth = 0
    positions = []
    # only the brackets and where the separator starts (a lookahead: it consumes nothing,
    # so a bracket inside the separator still counts)
    for found in _bracket_or(separator).finditer(text):
        char = found.group()
        if not char:
            if depth == 0:
                positions.append(found.start())
        elif char in "([„«" or (char == "“" and depth == 0):
            depth += 1  # “ opens a quotation in English and closes one „in German“
        elif char in ")]»“" and depth > 0:
            depth -= 1
        elif depth == 0 and text.startswith(separator, found.start()):
            positions.append(found.start())  # a closing bracket that starts the separator
    return positions


@cache
def _bracket_or(separator: str) -> re.Pattern[str]:
    return re.compile(rf"[(\[„«“)\]»]|(?={re.escape(separator)})")


def partition_outside_brackets(
    text: str, separator: str, *, last: bool = False
) -> tuple[str, str, str]:
    """str.partition, ignoring separators inside brackets or quotes."""
    positions = _positions(text, separator)
    if not positions:
        return text, "", ""
    index = positions[-1] if last else positions[0]
    return text[:index], separator, text[index + len(separator) :]


def split_outside_brackets(text: str, separator: str) -> list[str]:
    parts, start = [], 0
    for index in _positions(text, separator):
        parts.append(text[start:index])
        start = index + len(separator)
    parts.append(text[start:])
    return parts


def implied_country(name: str, translation: str | None, context: EntryContext) -> str | None:
    found = countries_implied(name, translation)
    if len(found) > 1:
        context.warnings.append(f"{name!r} names several countries ({', '.join(found)})")
    return found[0] if len(found) == 1 else None
