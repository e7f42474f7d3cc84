"""Lists the importer misread in Chinese, Slovak and PDF, each class from an invented example:
a Chinese sentence between two lists, names in one paragraph separated by semicolons, a PDF
printed with no font for its script, a table whose longest name nearly meets the next column."""

import re

import pytest
import typst

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free


def _parse(text: str, name: str = "letter.md"):
    return parse_bytes(text.encode("utf-8"), name)


def _printed(source: str):
    """A Typst source printed to an A4 PDF, read back."""
    pdf = typst.compile(f'#set page(paper: "a4")\n{source}'.encode())
    return parse_bytes(pdf, "letter.pdf")


def test_a_chinese_sentence_after_a_list_ends_it_and_the_list_it_introduces_is_apart():
    # a sentence of sixty characters holds no space: it is long, not a stray short line
    signers = ["王小明", "李 华", "欧阳春生", "陈静", "张伟", "刘洋", "赵 敏"]
    others = ["孙立", "周 红", "吴国强", "郑 芳", "冯春"]
    body = "我们呼吁政府公开真相，赔偿受难者家属，并依法追究责任。" * 3
    annex = (
        "根据大家的提议，决定把历年来参与过这项工作"
        "但已经离开我们的朋友的名单附在下面，以表达我们的怀念："
    )
    text = (
        f"# 公开信\n\n{body}\n\n签名人：\n\n{'，'.join(signers)}。（共7人）\n\n"
        f"{annex}\n\n{'，'.join(others)}。（共5人）\n"
    )
    assert [e.name for e in _parse(text).signatories] == signers


SK_BODY = (
    "Žiadame ministerstvo, aby knižnice v každom meste zostali otvorené aj v nedeľu a aby "
    "ľudia, ktorí ich udržujú, dostali plácu, akú im zákon priznáva. "
) * 2
# each name after its degrees, as a presidium signs
PRESIDIUM = "MgA. Jana Nová; MgA. Ivan Malý; PhDr. Eva Horná; prof. Karol Biely; Mgr. Ema Zelená"
NAMES = ["Jana Nová", "Ivan Malý", "Eva Horná", "Karol Biely", "Ema Zelená", "Juraj Dlhý"]


def test_names_in_one_paragraph_separated_by_semicolons_are_a_list_of_their_own():
    # no heading above them: the paragraph weighs as six entries, not as one line
    text = f"# Otvorený list\n\n{SK_BODY}\n\n{PRESIDIUM}; Mgr. art. Juraj Dlhý\n"
    entries = _parse(text).signatories
    assert [e.name for e in entries] == NAMES
    assert [e.title for e in entries] == ["MgA.", "MgA.", "PhDr.", "prof.", "Mgr.", "Mgr. art."]


def test_a_bodys_name_over_its_members_names_is_their_caption_not_a_signatory():
    # the presidium signs; its members are the signatories, in its name
    caption = "*Predsedníctvo Zväzu knihovníkov*"
    text = f"# Otvorený list\n\n{SK_BODY}\n\n{caption}\n\n{PRESIDIUM}; Mgr. art. Juraj Dlhý\n"
    assert [e.name for e in _parse(text).signatories] == NAMES


def test_names_separated_by_semicolons_over_two_lines_are_no_card_of_one_person():
    # the first line starts like a name over its lines up to its first comma ('MgA. Jana
    # Nová; MgA. Ivan Malý, PhD.'), and the second names no one alone
    lines = (
        "MgA. Jana Nová; MgA. Ivan Malý, PhD.; PhDr. Eva Horná;\n"
        "prof. Karol Biely; Mgr. Ema Zelená; Mgr. art. Juraj Dlhý, ArtD.\n"
    )
    text = f"# Otvorený list\n\n{SK_BODY}\n\n{lines}"
    assert [e.name for e in _parse(text).signatories] == NAMES


def _pdf_with_spans(lines: list[tuple[int, str, bool]]) -> bytes:
    """A one-page PDF: each line at its height, in Helvetica, or (spanned) as a font's empty
    glyph per char with the char only in the span's replacement text, as a browser prints a
    script it has no font for."""
    content = []
    for y, text, spanned in lines:
        shown = (
            " ".join(f"/Span <</ActualText <FEFF{ord(c):04X}>>> BDC <0000> Tj EMC" for c in text)
            if spanned
            else f"({text}) Tj"
        )
        content.append(f"BT /F{2 if spanned else 1} 12 Tf 72 {y} Td {shown} ET")
    stream = "\n".join(content).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )


def test_a_pdf_printed_without_a_font_for_its_script_is_read_from_its_spans_text():
    names = ["王小明", "李华", "欧阳春生", "陈静", "张伟", "刘洋"]
    data = _pdf_with_spans(
        [
            (760, "Open letter", False),
            (700, "We ask the city to keep every library open on Sundays.", False),
            (660, "Signatories:", False),
            (640, "，".join(names) + "。", True),
        ]
    )
    assert [e.name for e in parse_bytes(data, "letter.pdf").signatories] == names


def test_a_printed_table_whose_longest_name_nearly_meets_the_next_column_keeps_its_rows():
    # the gap before the link is a space wide; the link starts where its column starts
    people = [
        ("Ana Lima", "https://example.org/ana/"),
        ("Bo Chen", "https://example.org/bo/"),
        ("Maximiliana Hawes-Johnston", "https://example.org/max/"),
        ("Tom Ash", "https://example.org/tom/"),
        ("Lia Moss", "https://example.org/lia/"),
    ]
    cells = ", ".join(f"[{name}], [{link}]" for name, link in people)
    source = (
        "= Open letter\n\nWe ask the ministry to publish the code it "
        "pays for under a free licence, and to open its data to every school and town.\n\n"
        "== Signatories\n\n#table(columns: 2, stroke: none, inset: 0pt, column-gutter: 3pt, "
        f"row-gutter: 6pt, [Name], [Contact], {cells})\n"
    )
    result = _printed(source)
    assert [e.name for e in result.signatories] == [name for name, _ in people]


def test_printed_cards_stand_though_the_last_runs_on_into_the_text_after_the_list():
    # no bold line ends the last card: its lines run on to the page's end, more than a card
    # holds; the cards before it are still cards, a name over its institution and status
    cast = "Ana Lima/Brightwave Institute/Professor Bo Chen/Kettle University/Researcher "
    cast += "Mia Ruiz/Orchard Foundation/Nonprofit Tom Ash/Quill College/Professor"
    people = [card.split("/") for card in re.split(r" (?=\w+ \w+/)", cast)]
    cards = " \\\n".join(f"*{name}* \\\n{at} \\\n{status}" for name, at, status in people)
    after = (
        "See all the signatures. \\\nThis letter was written by its authors together. \\\n"
        "Contact us: \\\nletter\\@example.org"
    )
    source = (
        "= Open letter\n\nWe ask the ministry to publish the research "
        "it pays for under a free licence, and to open its data to every school and town.\n\n"
        f"Signed,\n\n{cards}\n\n{after}\n"
    )
    entries = _printed(source).signatories
    assert [e.name for e in entries][:4] == [name for name, _, _ in people]
    assert [e.affiliation for e in entries][:2] == ["Brightwave Institute", "Kettle University"]


def test_a_row_of_logos_printed_without_their_images_gives_the_names_of_their_texts():
    # a browser prints each missing image's alternative text, a tab stop apart
    names = ["Boxwell", "Cryptalis", "Mailgrove", "Tresor Nord"]
    row = " #h(2em) ".join(f"{name} Logo" for name in names)
    source = (
        "= Offener Brief\n\n"
        + "Wir bitten die Kommission, sichere Kommunikation für alle Bürgerinnen und Bürger "
        "zu schützen und sie nicht zu verbieten, weil sie Kinder nicht schützt. "
        * 3
        + f"\n\nUnterzeichner:\n\n{row}\n"
    )
    entries = _printed(source).signatories
    assert [e.name for e in entries] == names


def test_a_page_menu_printed_above_a_letter_is_no_heading_of_a_list():
    # 'Firmantes' is a tab of the site's menu, a tab stop after 'Carta Abierta'
    body = (
        "Las personas firmantes pedimos al ministerio que transfiera sus documentos históricos "
        "al archivo nacional y que los abra a quienes investigan, como manda la ley. "
    ) * 3
    source = (
        "Carta Abierta #h(3em) Firmantes\n\n"
        "Carta abierta al ministro del Interior:\n\n"
        "Por el Acceso a los Archivos Históricos del Ministerio\n\n"
        f"{body}\n"
    )
    result = _printed(source)
    assert result.signatories == []


@pytest.mark.parametrize("printed", [False, True], ids=["markdown", "pdf"])
def test_degrees_before_and_after_a_name_are_one_title_as_printed_in_every_format(printed):
    # the comma between the name and the degree after it is the document's, and so is the
    # degree's full stop, the last entry's too: 'MgA., PhD.', not 'MgA. PhD' in one format
    # and 'MgA. PhD.' in another
    names = (
        "MgA. Jana Nová; Ing. Ivan Malý, PhD.; prof. Eva Hrušková, CSc.; "
        "Mgr. art. Pavol Dobrý, ArtD.; PhDr. Oto Veselý, DrSc."
    )
    text = f"# Otvorený list\n\n{'Vážení, žiadame o zmenu. ' * 6}\n\nPodpísaní:\n\n{names}\n"
    result = _printed(text.replace("# ", "= ")) if printed else _parse(text)
    assert [(e.title, e.name) for e in result.signatories] == [
        ("MgA.", "Jana Nová"),
        ("Ing., PhD.", "Ivan Malý"),
        ("prof., CSc.", "Eva Hrušková"),
        ("Mgr. art., ArtD.", "Pavol Dobrý"),
        ("PhDr., DrSc.", "Oto Veselý"),
    ]


def test_a_degree_after_a_name_set_without_a_comma_stays_without_one():
    result = _parse(
        f"# Open letter\n\n{'We ask for a change of course. ' * 6}\n\nSigned:\n\n"
        "- Dr. Jane Roe PhD\n- Prof. John Doe AM FTSE\n- Dr. Ann Lee, LL.M., Director\n"
    )
    assert [(e.title, e.name) for e in result.signatories] == [
        ("Dr. PhD", "Jane Roe"),
        ("Prof. AM FTSE", "John Doe"),
        ("Dr., LL.M.", "Ann Lee"),
    ]
