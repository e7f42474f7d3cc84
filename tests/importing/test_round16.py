"""Shapes of the sixteenth and seventeenth held-out rounds, each from an invented example
written like the real ones: rules drawn in characters, salutations, copy lines, a letter
signed by one person, organizations signing through a person, calls to sign, headings that
point elsewhere, short titles, and Czech and Slovak texts."""

import io

import docx
import pytest
import typst
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, P, Span

from undersigned.importing.parsers import parse_bytes
from undersigned.importing.parsers.metadata import SHORT_TITLE_LENGTH, guess_language, short_title
from undersigned.importing.views import _header_initial

pytestmark = pytest.mark.database_free

BODY = (
    "We ask the council to keep the town library open on Sundays, to fund its staff for the "
    "coming years and to publish what it spends on books and on the building every year. "
) * 2


def _parse(text: str, name: str = "letter.md"):
    return parse_bytes(text.encode("utf-8"), name)


def test_a_rule_drawn_in_characters_ends_the_entry_before_it_and_names_nothing():
    listed = "1. Acme Readers Association\n2. Friends of the Library\n* * *\n3. Teachers' Union\n"
    result = _parse(f"Open letter\n\n{BODY}\n\nSignatories:\n\n{listed}", "letter.txt")
    assert [e.name for e in result.signatories] == [
        "Acme Readers Association",
        "Friends of the Library",
        "Teachers' Union",
    ]


SIGNERS = ["Acme Readers Association", "Friends of the Library", "Town Teachers Union"]


@pytest.mark.parametrize(
    "salutation",
    [
        "Dear members of the council,",
        "Liebe Kolleginnen und Kollegen,",
        "Sehr geehrte Damen und Herren,",
        "Chère Madame la Maire,",
        "Madame, Monsieur,",
        "Estimad@s compañer@s:",
        "Querid@s amig@s,",
        "Cari colleghi,",
        "Egregio Sindaco,",
        "Gentile Ministra,",
        "Prezad@s senhores,",
        "Уважаемые коллеги!",
        "Шановні колеги,",
    ],
)
def test_a_salutation_starts_the_next_letter_and_ends_the_list(salutation):
    listed = "\n".join(SIGNERS)
    text = f"# Open letter\n\n{BODY}\n\nSigned,\n\n{listed}\n\n{salutation}\n\n{BODY}\n"
    assert [e.name for e in _parse(text).signatories] == SIGNERS


def test_a_salutation_run_into_the_list_is_no_entry():
    # as a PDF gives a letter whose list comes first: the salutation in the list's paragraph
    listed = "\n".join([*SIGNERS, "Dear Open Source Maintainers"])
    text = f"Open letter\n\nSigned by:\n\n{listed}\n\n{BODY}\n"
    assert [e.name for e in _parse(text, "letter.txt").signatories] == SIGNERS


COPIED = "Ministry of Culture\nJane Smith, Mayor of Springfield"


@pytest.mark.parametrize(
    "copy_line",
    [
        "Na vědomí:",
        "K rukám",
        "Zur Kenntnis:",
        "Copie à :",
        "Con copia a:",
        "Per conoscenza:",
        "Em cópia:",
        "Com cópia para:",
        "cc:",
        "CC:",
        "Cc :",
    ],
)
@pytest.mark.parametrize("shape", ["items", "paragraph", "one line"])
def test_copy_and_attention_lines_and_the_names_after_them_are_no_entries(copy_line, shape):
    copied = {
        "items": f"{copy_line}\n\n" + "\n".join(f"- {line}" for line in COPIED.splitlines()),
        "paragraph": f"{copy_line}\n\n{COPIED}",
        "one line": f"{copy_line} {COPIED.replace(chr(10), ', ')}",
    }[shape]
    listed = "\n".join(SIGNERS)
    text = f"# Open letter\n\n{BODY}\n\nSigned,\n\n{listed}\n\n{copied}\n"
    assert [e.name for e in _parse(text).signatories] == SIGNERS


LETTER = (
    "Gentile Ministra, le scrivo a nome dei genitori della scuola primaria per chiederle di "
    "riaprire la biblioteca del quartiere, chiusa da due anni, e di garantire il personale "
    "necessario per tenerla aperta il sabato. "
) * 2
CLOSING = "Nell'attesa di una sua risposta, le porgo i più cari saluti."
SIGNER = "Enrica Muraro"


def _letter_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Lettera alla Ministra", 1)
    document.add_paragraph(LETTER)
    document.add_paragraph(CLOSING)
    document.add_paragraph().add_run(SIGNER).italic = True
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _letter_odt() -> bytes:
    document = OpenDocumentText()
    emphasis = Style(name="Emphasis", family="text")
    emphasis.addElement(TextProperties(fontstyle="italic"))
    document.styles.addElement(emphasis)
    document.text.addElement(H(outlinelevel=1, text="Lettera alla Ministra"))
    document.text.addElement(P(text=LETTER))
    document.text.addElement(P(text=CLOSING))
    signed = P()
    signed.addElement(Span(stylename=emphasis, text=SIGNER))
    document.text.addElement(signed)
    data = io.BytesIO()
    document.write(data)
    return data.getvalue()


@pytest.mark.parametrize("extension", ["md", "html", "docx", "odt", "pdf"])
def test_the_one_person_who_signs_a_letter_under_its_closing_sentence_is_found(extension):
    data = {
        "md": lambda: f"# Lettera alla Ministra\n\n{LETTER}\n\n{CLOSING}\n\n_{SIGNER}_\n".encode(),
        "html": lambda: (
            f"<html><body><h1>Lettera alla Ministra</h1><p>{LETTER}</p><p>{CLOSING}</p>"
            f"<p><em>{SIGNER}</em></p></body></html>"
        ).encode(),
        "docx": _letter_docx,
        "odt": _letter_odt,
        "pdf": lambda: typst.compile(
            f"= Lettera alla Ministra\n\n{LETTER}\n\n{CLOSING}\n\n_{SIGNER}_\n".encode()
        ),
    }[extension]()
    entries = parse_bytes(data, f"lettera.{extension}").signatories
    assert [(e.kind, e.name) for e in entries] == [("person", SIGNER)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "APDH: María Pérez, presidenta, en nombre de “Asamblea Permanente por los Derechos "
            "Humanos”, La Plata",
            ("APDH", "Asamblea Permanente por los Derechos Humanos"),
        ),
        (
            'EFF: John Smith, policy director, on behalf of "Electronic Frontier Foundation", '
            "San Francisco",
            ("EFF", "Electronic Frontier Foundation"),
        ),
        (
            "LQDN : Marie Dupont, porte-parole, au nom de « La Quadrature du Net », Paris",
            ("LQDN", "La Quadrature du Net"),
        ),
        (
            "CCC: Hans Müller, Sprecher, im Namen des „Chaos Computer Club“, Berlin",
            ("CCC", "Chaos Computer Club"),
        ),
        (
            "IDEC: Paula Souza, coordenadora, em nome do “Instituto de Defesa de Consumidores”, "
            "São Paulo",
            ("IDEC", "Instituto de Defesa de Consumidores"),
        ),
        (
            "Rete Libera: Marco Rossi, presidente, a nome di “Rete delle Biblioteche Libere”, "
            "Milano",
            (None, "Rete delle Biblioteche Libere"),
        ),
    ],
)
def test_an_organization_signing_through_a_person_is_the_organization(line, expected):
    body = "Exigimos que el gobierno publique los contratos firmados con las empresas. " * 4
    text = f"# Carta\n\n{body}\n\nFirmantes:\n\n- {line}\n- Red de Bibliotecas Populares\n"
    first = _parse(text).signatories[0]
    assert (first.kind, first.abbreviation, first.name) == ("organization", *expected)
    assert first.lines == [line]  # the one who signs for it, kept where the entry was read


@pytest.mark.parametrize(
    "call",
    [
        "→ Sign the letter via GitHub",
        "Sign here",
        "[Sign the letter](https://example.org/sign)",
        "https://example.org/petition/sign",
        "Firma aquí",
        "Signez !",
        "Jetzt unterzeichnen",
        "Assine aqui",
        "Подписать письмо",
    ],
)
@pytest.mark.parametrize("where", ["before the names", "after the names", "an item"])
def test_a_call_to_sign_is_no_signatory(call, where):
    if where == "an item":
        listed = "\n".join(f"- {name}" for name in [*SIGNERS, call])
    elif where == "before the names":
        listed = f"{call}\n\n" + "\n".join(SIGNERS)
    else:
        listed = "\n".join([*SIGNERS, call])
    text = f"# Open letter\n\n{BODY}\n\n## Signatories\n\n{listed}\n"
    assert [e.name for e in _parse(text).signatories] == SIGNERS


def test_a_call_to_sign_between_a_group_heading_and_its_one_entry_leaves_the_entry():
    text = (
        f"# Open letter\n\n{BODY}\n\n## Signatures\n\n### Organizations\n\n→ Sign the letter\n\n"
        "- Acme Readers Association\n\n### Individuals\n\n→ Sign the letter\n\n"
        + "\n".join(f"1. {name}" for name in ["Jane Doe", "John Roe", "Ann Lee", "Eva Berg"])
        + "\n"
    )
    entries = _parse(text).signatories
    assert [(e.kind, e.name) for e in entries] == [
        ("organization", "Acme Readers Association"),
        *[("person", name) for name in ["Jane Doe", "John Roe", "Ann Lee", "Eva Berg"]],
    ]


def test_a_company_written_firma_is_still_an_entry():
    names = ["Firma Müller GmbH", "Bäckerei Schmidt", "Verein Stadtbibliothek e.V."]
    text = f"# Offener Brief\n\n{BODY}\n\nUnterzeichner:\n\n" + "\n".join(names) + "\n"
    assert [e.name for e in _parse(text).signatories] == names


@pytest.mark.parametrize(
    "pointer",
    [
        "See [Dear GitHub 2.0](https://example.org/dear-github-2.0)",
        "Read the letter",
        "Voir aussi la lettre de 2019",
        "Siehe auch: Offener Brief 2020",
        "Lee la carta completa",
    ],
)
@pytest.mark.parametrize("level", ["#", "###"])
def test_a_heading_that_points_to_another_text_is_not_the_title(pointer, level):
    text = f"{level} {pointer}\n\n# Dear GitHub\n\n{BODY}\n"
    assert _parse(text).title == "Dear GitHub"


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("ICOR resolution on Belarus", "ICOR resolution on Belarus"),
        (
            "Déclaration commune des syndicats et des associations – pour la défense des "
            "services publics de santé en France et en Europe",
            "Déclaration commune des syndicats et des associations",
        ),
        (
            "Carta abierta: Exigimos que el gobierno garantice el acceso a internet en todas "
            "las escuelas rurales del país y publique sus contratos",
            "Exigimos que el gobierno garantice el acceso a internet",
        ),
        (
            "Open letter from civil society organisations to the members of the European "
            "Parliament on the proposed regulation to prevent and combat child sexual abuse",
            "Open letter from civil society organisations to the members",
        ),
        (
            "Offener Brief an die Bundesregierung zur Kriminalisierung von Klimaaktivistinnen "
            "und Klimaaktivisten in Deutschland und Europa",
            "Offener Brief an die Bundesregierung zur Kriminalisierung",
        ),
        (
            "Lettre ouverte (version du 3 mai) des chercheurs et chercheuses de l'université de "
            "Lyon au ministère",
            "Lettre ouverte des chercheurs et chercheuses de l'université",
        ),
    ],
)
def test_a_short_title_derived_from_a_long_title_is_short(title, short):
    assert short_title(title) == short
    assert len(short_title(title)) <= SHORT_TITLE_LENGTH
    assert len(short_title("x" * 120)) == SHORT_TITLE_LENGTH  # a title of one long word too


def test_the_review_offers_the_short_title_of_a_title_of_120_chars():
    title = ("Open letter of the town's readers to the library council on opening hours " * 2)[:120]
    assert len(title) == 120
    offered = _header_initial({"title": title})["short_title"]
    assert offered == "Open letter of the town's readers to the library council"


CZECH = (
    "Vážená paní ministryně, obracíme se na Vás jako zástupci neziskových organizací, které se "
    "dlouhodobě věnují ochraně lidských práv. Jsme znepokojeni návrhem zákona, který by omezil "
    "svobodu projevu a přístup k informacím. Žádáme, aby vláda návrh stáhla a zahájila veřejnou "
    "diskusi se všemi, kterých se týká."
)
SLOVAK = (
    "Vážená pani ministerka, obraciame sa na Vás ako zástupcovia mimovládnych organizácií, "
    "ktoré sa dlhodobo venujú ochrane ľudských práv. Sme znepokojení návrhom zákona, ktorý by "
    "obmedzil slobodu prejavu a prístup k informáciám. Žiadame, aby vláda návrh stiahla a "
    "začala verejnú diskusiu so všetkými, ktorých sa týka."
)
POLISH = (
    "Szanowna Pani Minister, zwracamy się do Pani jako przedstawiciele organizacji "
    "pozarządowych, które od lat zajmują się ochroną praw człowieka. Jesteśmy zaniepokojeni "
    "projektem ustawy, który ograniczyłby wolność słowa i dostęp do informacji."
)


@pytest.mark.parametrize(("text", "language"), [(CZECH, "cs"), (SLOVAK, "sk"), (POLISH, "pl")])
def test_czech_and_slovak_are_told_apart_and_from_polish(text, language):
    assert guess_language(text) == language
    assert _parse(f"# Otevřený dopis\n\n{text}\n").language == language


def test_a_czech_name_in_a_german_text_leaves_it_german():
    text = (
        "Wir fordern die Regierung auf, das Gesetz zurückzuziehen, und danken Jiří Dvořák und "
        "Zuzana Čaputová für die Unterstützung der Initiative, die von vielen Vereinen in der "
        "Stadt getragen wird und die wir mit allen Kräften unterstützen."
    )
    assert guess_language(text) == "de"
