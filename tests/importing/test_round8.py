"""Classes of documents the eighth round of import work reads, one test each, on small texts
written here (not on the corpus, which measures them)."""

import pytest

from undersigned.importing.parsers import parse_bytes

BODY = (
    "Nos dirigimos a ustedes para exponerles nuestra inconformidad con el proyecto de "
    "resolución, que no consideramos jurídicamente válido ni éticamente justificable."
)

pytestmark = pytest.mark.database_free


def test_department_paragraphs_of_names_separated_by_commas_are_a_list():
    text = (
        f"Carta a los ministros\n\n{BODY}\n\n"
        "Directivos: Carmen Lira Saade: Directora General, Carlos Payán Velver: Director "
        "Fundador.\n\n"
        "Articulistas: Abraham Nuncio, Adolfo Sánchez Rebolledo, Arturo Alcalde Justiniani, "
        "Bernardo Bátiz V., María del Carmen Morales, Martin Luther King, Jr., "
        "Ana López y Juan Pérez.\n\n"
        "Moneros: Antonio Helguera, Gonzalo Rocha. Redactores: David Brooks, Stella Calloni\n"
    )
    result = parse_bytes(text.encode(), "carta.md")
    assert [(e.name, e.role) for e in result.signatories] == [
        ("Carmen Lira Saade", "Directora General"),
        ("Carlos Payán Velver", "Director Fundador"),
        ("Abraham Nuncio", None),
        ("Adolfo Sánchez Rebolledo", None),
        ("Arturo Alcalde Justiniani", None),
        ("Bernardo Bátiz V.", None),
        ("María del Carmen Morales", None),
        ("Martin Luther King, Jr.", None),
        ("Ana López", None),
        ("Juan Pérez", None),
        ("Antonio Helguera", None),
        ("Gonzalo Rocha", None),
        ("David Brooks", None),
        ("Stella Calloni", None),
    ]
    assert {e.kind for e in result.signatories} == {"person"}


def test_organizations_in_one_comma_paragraph_under_their_heading_are_a_list():
    names = [
        "Uçan Süpürge", "Kaos-GL Derneği", "Amargi Kadın Akademisi", "TMMOB'li Kadınlar",
        "Sosyalist Feminist Kolektif", "Kültür ve Siyasette Feminist Yaklaşımlar Dergisi",
        "DİSK/ Emekli-Sen Ankara 2 Nolu Şubeli Kadınlar", "Ekmek ve Gül Dergisi",
    ]  # fmt: skip
    html = (
        "<html><body><h1>Barış olsun</h1><p>Daha fazla ölüm, daha fazla acı, daha fazla "
        "yangın, daha fazla erkek şiddeti istemiyoruz. Barışın koşullarını hemen oluşturmaya "
        "çağırıyoruz.</p><p>Eylemi destekleyen örgütler:<br><span>"
        f"{', '.join(names)}</span></p></body></html>"
    )
    result = parse_bytes(html.encode(), "bildiri.html")
    assert [e.name for e in result.signatories] == names
    assert {e.kind for e in result.signatories} == {"organization"}


def test_a_sentence_with_commas_or_a_dateline_is_no_comma_list():
    text = (
        "Open letter\n\nDATE: January 25, 2013\n\n"
        "We, the undersigned, Teachers, Parents, Students, Librarians and Nurses of Springfield, "
        "ask the council to keep the library open.\n\n"
        "Signatories:\n\nJane Doe, Professor, University of Lagos\n"
    )
    result = parse_bytes(text.encode(), "letter.md")
    assert result.date == "2013-01-25"
    assert [(e.name, e.role, e.affiliation) for e in result.signatories] == [
        ("Jane Doe", "Professor", "University of Lagos")
    ]


def test_an_indented_markdown_page_keeps_its_paragraphs_apart():
    # a site's HTML pasted indented: Markdown reads it as one code block
    paragraphs = [
        "A LOS MINISTROS DE LA PRIMERA SALA",
        BODY,
        "Columnistas: Julio Hernández López, Miguel Ángel Rivera, Enrique Galván Ochoa, "
        "Carlos Fernández Vega, Jaime Avilés, Alfredo Jalife-Rahme",
    ]
    text = "\n\n".join(f"      {paragraph}\n      " for paragraph in paragraphs)
    result = parse_bytes(text.encode(), "carta.md")
    assert result.title == "A LOS MINISTROS DE LA PRIMERA SALA"
    names = [e.name for e in result.signatories]
    assert (len(names), names[:2]) == (6, ["Julio Hernández López", "Miguel Ángel Rivera"])


BOLD_NAMED = [
    ("Anonymous", "Software Developer"), ("Jane Roe", "Student"), ("Anonymous", None),
    ("Anonymous", "Sysadmin"), ("John Doe", None), ("Anonymous", None),
]  # fmt: skip
BOLD_EXPECTED = [("person", name, role) for name, role in BOLD_NAMED]


def test_a_wholly_bold_name_in_a_list_of_bold_names_is_a_person_in_markdown():
    lines = [f"- **{name}**" + (f", {role}" if role else "") for name, role in BOLD_NAMED]
    text = "# Keep it open\n\nWe ask for something.\n\nSigned,\n\n" + "\n".join(lines) + "\n"
    found = parse_bytes(text.encode(), "letter.md").signatories
    assert [(e.kind, e.name, e.role) for e in found] == BOLD_EXPECTED


def test_a_wholly_bold_name_in_a_list_of_bold_names_is_a_person_in_odt(tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import List, ListItem, P, Span

    document = OpenDocumentText()
    strong = Style(name="Strong_20_Emphasis", family="text")
    strong.addElement(TextProperties(fontweight="bold"))
    document.styles.addElement(strong)
    document.text.addElement(P(text="We ask for something."))
    document.text.addElement(P(text="Signed,"))
    signers = List()
    for name, role in BOLD_NAMED:
        paragraph = P()
        paragraph.addElement(Span(stylename=strong, text=name))
        if role:
            paragraph.addText(f", {role}")
        item = ListItem()
        item.addElement(paragraph)
        signers.addElement(item)
    document.text.addElement(signers)
    path = tmp_path / "letter.odt"
    document.save(str(path))
    found = parse_bytes(path.read_bytes(), "letter.odt").signatories
    assert [(e.kind, e.name, e.role) for e in found] == BOLD_EXPECTED


def test_a_wholly_bold_name_in_a_list_of_bold_names_is_a_person_in_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("We ask for something.")
    document.add_paragraph("Signed,")
    for name, role in BOLD_NAMED:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(name).bold = True
        if role:
            paragraph.add_run(f", {role}")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    found = parse_bytes(path.read_bytes(), "letter.docx").signatories
    assert [(e.kind, e.name, e.role) for e in found] == BOLD_EXPECTED


def test_names_and_descriptions_parted_by_padded_dashes_and_slashes():
    lines = [
        "Luiz Carlos Bresser-Pereira- economista e ex-ministro de Estado",
        "Abelardo de Oliveira Filho-&nbsp;&nbsp;&nbsp; Engenheiro Civil",
        "Andre Lobato&nbsp;&nbsp;&nbsp; -&nbsp; &nbsp;",
        "Andrea Bogossian Dutra&nbsp;&nbsp;&nbsp;&nbsp; -&nbsp;&nbsp;&nbsp; cantora",
        "Miriam Burger&nbsp;&nbsp;&nbsp; -",
        "Lilian Santos/Rede de Jovens Negras de Enfrentamento ao Feminicidio",
    ]
    text = "# Manifesto\n\nEleição sem Lula é fraude.\n\nAssinaturas\n\n" + "<br />\n".join(lines)
    found = parse_bytes((text + "\n").encode(), "manifesto.md").signatories
    assert [(e.kind, e.name, e.role) for e in found[:5]] == [
        ("person", "Luiz Carlos Bresser-Pereira", "economista e ex-ministro de Estado"),
        ("person", "Abelardo de Oliveira Filho", "Engenheiro Civil"),
        ("person", "Andre Lobato", None),
        ("person", "Andrea Bogossian Dutra", "cantora"),
        ("person", "Miriam Burger", None),
    ]
    # the slash glued to a person's name parts it from what follows
    assert (found[5].kind, found[5].name) == ("person", "Lilian Santos")
    assert len(found) == 6


def test_a_quoted_slogan_as_title_and_a_byline_ending_in_its_date():
    html = (
        '<html><body><p>"Barış olsun, Kadın olsun"</p><p>Barış İçin Kadın Girişimi '
        "1 Eylül 2010</p><p>Daha fazla ölüm, daha fazla acı, daha fazla yangın istemiyoruz. "
        "Barışın koşullarını hemen oluşturmaya çağırıyoruz.</p><p>İmzacılar:</p>"
        "<ul><li>Uçan Süpürge</li><li>Kaos-GL Derneği</li><li>Selis</li></ul></body></html>"
    )
    result = parse_bytes(html.encode(), "bildiri.html")
    assert (result.title, result.date) == ("Barış olsun, Kadın olsun", "2010-09-01")


def test_a_server_directive_wrapped_over_the_first_lines_is_no_part_of_the_title():
    text = (
        '<%@ Page Language="C#" MasterPageFile="~/MasterPage2.master"\n'
        'CodeFile="Bildiri.aspx.cs" Title="Bildiri" %>\nKadınların Bildirisi\n\n'
        "Bu yasa tasarısı kadınlara karşı ayırımcıdır ve geri çekilmesini istiyoruz.\n\n"
        "İmzacılar:\nAmargi Kadın Dayanışma Kooperatifi\nAnkara Kadın Platformu\n"
    )
    result = parse_bytes(text.encode(), "bildiri.txt")
    assert result.title == "Kadınların Bildirisi"
