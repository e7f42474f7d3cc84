"""Shapes of the eighteenth held-out round, each from an invented example written like the
real ones: a press release whose date, addressee, body and call for support stand in the
element that holds its list, a second group of supporters after the organizations, an
abbreviation before a dash with no space, 'Name – description' lines in a list of people,
surnames that are no countries, a closing quotation mark after the last entry, a title in a
styled span, a date line, and a blog post's own date."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "Der Polizeipräsident der Stadt hat mit seinen Worten über die Opfer der Gewalt gezeigt, "
    "dass er die Aufgaben seines Amtes nicht kennt. Wir fordern, dass er sein Amt sofort "
    "niederlegt und dass die Stadt die Frauen schützt, statt sie zu beschuldigen."
)
ORGANIZATIONS = ["Frauenverein Nord e.V.", "Kollektiv Morgenrot", "Verein Feministische Medien"]
PEOPLE = ["Anna Berger", "Zeynep Kaya", "Lena Vogt"]


def _parse(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


def _html_release(addressee: str, call: str, supporters: str) -> str:
    """A press release set in one element, its parts apart only by empty lines."""
    lines = [
        "06.05.2009",
        "",
        addressee,
        "",
        f"Polizeipräsident Karl Huber, {BODY}",
        "",
        BODY,
        "",
        call,
        "",
        *ORGANIZATIONS,
        "",
        supporters,
        *PEOPLE,
    ]
    inner = "<br />\n".join(lines)
    return (
        '<div><span class="title">Der Polizeipräsident muss gehen</span></div>'
        f'<table><tr><td><span class="text">{inner}<br /></span></td></tr></table>'
    )


@pytest.mark.parametrize(
    ("addressee", "call", "supporters"),
    [
        (
            "AN DIE PRESSE",
            "Wer den Aufruf unterstützen möchte, schreibt an aufruf@example.org.",
            "Unterstützer*innen",
        ),
        (
            "BASIN ve KAMUOYUNA",
            "Kurumsal desteğinizi aufruf@example.org adresine bir e-mail ile belirtebilirsiniz.",
            "Destekleyenler",
        ),
        (
            "À LA PRESSE",
            "Pour soutenir cet appel, écrivez à aufruf@example.org avant vendredi.",
            "Soutiens",
        ),
    ],
)
def test_a_press_release_in_one_element_has_its_list_apart_from_its_date_address_and_body(
    addressee, call, supporters
):
    result = _parse(_html_release(addressee, call, supporters), "release.html")
    assert [(e.name, e.kind) for e in result.signatories] == [
        *((name, "organization") for name in ORGANIZATIONS),
        *((name, "person") for name in PEOPLE),
    ]
    assert result.date == "2009-05-06"


@pytest.mark.parametrize("name", ["release.txt", "release.md"])
@pytest.mark.parametrize(
    ("addressee", "call"),
    [
        ("AN DIE PRESSE", "Wer den Aufruf unterstützen möchte, schreibt an aufruf@example.org."),
        (
            "BASIN ve KAMUOYUNA",
            "Kurumsal desteğinizi aufruf@example.org adresine bir e-mail ile belirtebilirsiniz.",
        ),
        ("À LA PRESSE", "Pour soutenir cet appel, écrivez à aufruf@example.org avant vendredi."),
    ],
)
def test_an_addressee_line_a_body_paragraph_and_a_call_for_support_are_no_entries(
    name, addressee, call
):
    listed = "\n".join(ORGANIZATIONS)
    # the call for support right above the list, with no empty line between
    text = f"{addressee}\n\nPolizeipräsident Karl Huber, {BODY}\n\n{call}\n{listed}\n"
    result = _parse(text, name)
    assert [e.name for e in result.signatories] == ORGANIZATIONS
    names = " ".join(e.name for e in result.signatories)
    assert "PRESSE" not in names and "KAMUOYUNA" not in names
    assert "Huber" not in names and "example.org" not in names


@pytest.mark.parametrize(
    "supporters", ["Destekleyenler", "Unterstützer*innen:", "Apoiadores", "Soutiens :"]
)
@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.html"])
def test_a_heading_of_supporters_opens_a_group_of_people_after_the_organizations(supporters, name):
    organizations = [
        "Kadın Dayanışma Derneği",
        "Amargi Kadın Kooperatifi",
        "Filmmor Kadın Kooperatifi",
        "Kaos GL Derneği",
        "Pembe Hayat LGBTT Derneği",
    ]
    people = ["Tülay Cim", "Cihan Öztürk", "Nuriye Zadeoğlu", "Levent Soy"]
    lines = ["İmzacılar:", "", *organizations, supporters, *people]
    if name.endswith(".html"):
        text = "<p>" + "<br>".join(lines) + "</p>"
    else:
        text = "  \n".join(lines) if name.endswith(".md") else "\n".join(lines)
    result = (
        _parse(f"{BODY}\n\n{text}\n", name)
        if not name.endswith(".html")
        else _parse(f"<p>{BODY}</p>{text}", name)
    )
    assert [(e.name, e.kind) for e in result.signatories] == [
        *((n, "organization") for n in organizations),
        *((n, "person") for n in people),
    ]


@pytest.mark.parametrize("addressee", ["AN DIE PRESSE", "BASIN ve KAMUOYUNA", "À LA PRESSE"])
@pytest.mark.parametrize("name", ["release.txt", "release.md"])
def test_a_press_release_addressee_line_above_its_senders_is_no_entry(addressee, name):
    listed = "\n".join(ORGANIZATIONS)
    result = _parse(f"{BODY}\n\n{addressee}\n{listed}\n", name)
    assert [e.name for e in result.signatories] == ORGANIZATIONS


def test_a_title_in_a_styled_span_is_the_title_where_the_page_has_no_heading():
    page = (
        '<div align="center"><span class="yazibasligi">İstanbul Emniyet Müdürü görevden '
        "alınmalıdır.</span></div>"
        f"<p>{BODY}</p><p>İmzacılar:<br>{'<br>'.join(ORGANIZATIONS)}</p>"
    )
    result = _parse(page, "release.html")
    assert result.title == "İstanbul Emniyet Müdürü görevden alınmalıdır."


@pytest.mark.parametrize("name", ["release.txt", "release.md", "release.html"])
def test_a_date_line_above_the_list_is_the_documents_date_not_a_line_of_the_list(name):
    lines = ["06.05.2009", *ORGANIZATIONS]
    if name.endswith(".html"):
        text = f"<h1>Der Präsident muss gehen</h1><p>{BODY}</p><p>{'<br>'.join(lines)}</p>"
    else:
        text = f"Der Präsident muss gehen\n\n{BODY}\n\n" + "\n".join(lines) + "\n"
    result = _parse(text, name)
    assert result.date == "2009-05-06"
    assert [e.name for e in result.signatories] == ORGANIZATIONS
    assert not any("06.05.2009" in warning for warning in result.warnings)


@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.html"])
def test_a_short_word_glued_to_its_dash_before_an_organizations_name_is_its_abbreviation(name):
    lines = [
        "Mediz- Kadınların Medya İzleme Grubu",
        "Amargi Kadın Kooperatifi",
        "Frauenmedien- Verein für feministische Medienbeobachtung e.V.",
    ]
    body = "<br>".join(lines) if name.endswith(".html") else "\n".join(lines)
    text = (
        f"<p>{BODY}</p><p>İmzacılar:<br>{body}</p>"
        if name.endswith(".html")
        else (f"{BODY}\n\nİmzacılar:\n\n{body}\n")
    )
    result = _parse(text, name)
    assert [(e.abbreviation, e.name) for e in result.signatories] == [
        ("Mediz", "Kadınların Medya İzleme Grubu"),
        (None, "Amargi Kadın Kooperatifi"),
        ("Frauenmedien", "Verein für feministische Medienbeobachtung e.V."),
    ]


@pytest.mark.parametrize("name", ["list.txt", "list.md"])
def test_the_quotation_mark_closing_a_quoted_declaration_is_no_part_of_its_last_entry(name):
    text = (
        f"Publico dokumentiert hier den Text der Erklärung:\n\n„{BODY}\n\nErstunterzeichner:\n\n"
        "Prof. Dr. Anna Berger, Universität Stuttgart\n"
        "Prof. Dr. Lena Vogt, Karlsruher Institut für Technologie (KIT)“\n"
    )
    result = _parse(text, name)
    assert [(e.name, e.affiliation) for e in result.signatories] == [
        ("Anna Berger", "Universität Stuttgart"),
        ("Lena Vogt", "Karlsruher Institut für Technologie (KIT)"),
    ]


PEOPLE_DESCRIBED = [
    "Ana Lima – Professora",
    "Bernardo Buarque de Hollanda – FGV-CPDOC-Escola de Ciências Sociais",
    "João França – Ator",
    "Carla Souza – Jornalista",
    "Marilza de Melo Foucher – Geógrafa e Jornalista, Paris, França",
    "Raimundo Cesar Barreto Jr. – Professor, Seminario Teologico de Princeton, New Jersey, EUA",
    "Pedro Alves – Músico",
]


@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.html"])
def test_a_persons_country_comes_from_a_country_written_as_one_not_from_a_surname(name):
    if name.endswith(".html"):
        listed = "".join(f"<p>{line}</p>" for line in PEOPLE_DESCRIBED)
        text = f"<p>{BODY}</p><p>Assinam este manifesto:</p>{listed}"
    else:
        text = f"{BODY}\n\nAssinam este manifesto:\n\n" + "\n\n".join(PEOPLE_DESCRIBED) + "\n"
    result = _parse(text, name)
    assert [(e.kind, e.country) for e in result.signatories] == [
        ("person", None),
        ("person", None),
        ("person", None),
        ("person", None),
        ("person", "FR"),
        ("person", "US"),
        ("person", None),
    ]


@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.html"])
def test_name_dash_description_lines_in_a_list_of_people_are_people_whatever_their_names_shape(
    name,
):
    lines = [
        "Ana Lima – Professora",
        "Monarco – Músico",
        "Pedro Paulo Malan de Paiva Chaves – Engenheiro",
        "Dóris de Arruda C. da Cunha – Professora",
        "Carla Souza – Jornalista",
        "Rui Mota – Músico",
    ]
    if name.endswith(".html"):
        text = f"<p>{BODY}</p><p>Assinam:</p>" + "".join(f"<p>{line}</p>" for line in lines)
    else:
        text = f"{BODY}\n\nAssinam:\n\n" + "\n\n".join(lines) + "\n"
    result = _parse(text, name)
    assert [(e.kind, e.name, e.role) for e in result.signatories] == [
        ("person", "Ana Lima", "Professora"),
        ("person", "Monarco", "Músico"),
        ("person", "Pedro Paulo Malan de Paiva Chaves", "Engenheiro"),
        ("person", "Dóris de Arruda C. da Cunha", "Professora"),
        ("person", "Carla Souza", "Jornalista"),
        ("person", "Rui Mota", "Músico"),
    ]


SIGNERS = "Prof. Dr. Anna Berger, Universität Stuttgart\nProf. Dr. Lena Vogt, TU Dresden\n"


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("In der «Stuttgarter Erklärung» vom 25. Juli 2022 forderten 19 Professoren", "2022-07-25"),
        (
            "In their declaration of 3 May 2021, nineteen professors asked the government",
            "2021-05-03",
        ),
        (
            "Dans la déclaration du 3 mai 2021, dix-neuf professeurs demandent au gouvernement",
            "2021-05-03",
        ),
        ("Na carta de 3 de maio de 2021, dezenove professores pedem ao governo", "2021-05-03"),
    ],
)
def test_the_day_the_text_gives_its_statement_comes_before_the_posts_own_date(opening, day):
    post = (
        '---\ndate: "2022-09-18 10:07:46"\ntitle: "Aufruf"\n---\n\n'
        f"{opening}, den Weiterbetrieb zu ermöglichen. {BODY}\n\n{BODY}\n\n"
        f"Erstunterzeichner:\n\n{SIGNERS}"
    )
    assert _parse(post, "post.md").date == day


def test_a_text_dated_by_its_month_only_takes_no_day_from_the_post():
    post = (
        '---\ndate: "2015-12-11T12:47:52-02:00"\ntitle: Manifesto\n---\n\n'
        f"{BODY}\n\nBrasil, dezembro de 2015.\n\nAssinam este manifesto:\n\n"
        "Ana Lima – Professora\n\nCarla Souza – Jornalista\n\nRui Mota – Músico\n"
    )
    result = _parse(post, "post.md")
    assert result.date is None
    assert [e.name for e in result.signatories] == ["Ana Lima", "Carla Souza", "Rui Mota"]


def test_a_post_that_does_not_date_its_text_keeps_the_front_matters_date():
    post = (
        f'---\ndate: "2022-09-18 10:07:46"\ntitle: "Aufruf"\n---\n\n{BODY}\n\n'
        f"Erstunterzeichner:\n\n{SIGNERS}"
    )
    assert _parse(post, "post.md").date == "2022-09-18"


@pytest.mark.parametrize("name", ["list.txt", "list.md"])
def test_an_institution_whose_name_holds_a_hyphenated_word_is_an_affiliation(name):
    text = (
        f"{BODY}\n\nErstunterzeichner:\n\n"
        "Prof. Dr. Harald Berger, BTU Cottbus-Senftenberg\nProf. Dr. Lena Vogt, TU Dresden\n"
    )
    result = _parse(text, name)
    assert [(e.role, e.affiliation) for e in result.signatories] == [
        (None, "BTU Cottbus-Senftenberg"),
        (None, "TU Dresden"),
    ]
