"""Shapes of the fourteenth held-out round, each from an invented example: lines an author
broke each ending in a comma, a Chinese list written with the ideographic commas, and the
degrees Czech and Slovak print around a name."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free

BODY = (
    "We ask the ministry to keep the libraries of every town open on Sundays, and to pay "
    "the people who keep them open as the law says it must. "
) * 2


def _parse(text: str, name: str = "letter.md"):
    return parse_bytes(text.encode("utf-8"), name)


def test_lines_an_author_broke_each_ending_in_a_comma_are_one_entry_each():
    signers = [
        ("Clara Obst", "Sprecherin der Initiative Lesen"),
        ("Jonas Feld", "Vorsitzender des Vereins Bücherbus"),
        ("Mira Hahn", "Bibliothekarin in Aue, im Ruhestand"),
        ("Otto Brenner", "Leser seit 1970"),
    ]
    lines = [f"{name} ({about})," for name, about in signers]
    lines[-1] = lines[-1].rstrip(",")
    text = f"# Offener Brief\n\n{BODY}\n\nMit freundlichen Grüßen\n\n" + "  \n".join(lines) + "\n"
    result = _parse(text)
    assert [e.name for e in result.signatories] == [name for name, _ in signers]
    assert all(e.kind == "person" for e in result.signatories)


def test_a_comma_at_the_end_of_some_lines_only_still_joins_what_it_leaves_open():
    # 'Name,' over its institution: the comma leaves the entry open (one entry of two lines)
    text = (
        f"# Open letter\n\n{BODY}\n\nSigned:\n\n"
        "Ana Ruiz,  \nUniversity of Leeds  \nBen Cole  \nTom Ash  \nLia Moss\n"
    )
    names = [e.name for e in _parse(text).signatories]
    assert names[0] == "Ana Ruiz"
    assert names[1:] == ["Ben Cole", "Tom Ash", "Lia Moss"]


def test_a_chinese_list_written_with_ideographic_commas_is_read_name_by_name():
    names = ["王小明", "李 华", "欧阳春生", "陈静", "张伟", "刘洋", "赵 敏"]
    body = "我们呼吁政府公开真相，赔偿受难者家属，并依法追究责任。" * 3
    listed = "，".join(names[:4]) + "、" + "，".join(names[4:])
    text = f"# 公开信\n\n{body}\n\n签名人：\n\n{listed} 。（共7人）\n"
    result = _parse(text)
    assert [e.name for e in result.signatories] == names
    assert all(e.kind == "person" for e in result.signatories)
    assert result.language == "zh"


def test_czech_and_slovak_degrees_around_a_name_are_its_title():
    text = (
        f"# Otvorený list\n\n{BODY}\n\nPodpísaní:\n\n"
        "- doc. Ing. Jana Nováková, CSc.\n"
        "- Mgr. art. Peter Malý, ArtD.\n"
        "- PhDr. Eva Horná\n"
        "- MUDr. Karol Biely\n"
    )
    entries = _parse(text).signatories
    assert [e.name for e in entries] == ["Jana Nováková", "Peter Malý", "Eva Horná", "Karol Biely"]
    assert [e.title for e in entries][2:] == ["PhDr.", "MUDr."]
    assert "doc." in entries[0].title and "CSc" in entries[0].title
    assert entries[1].title.startswith("Mgr. art.") and "ArtD" in entries[1].title
    assert all(e.kind == "person" for e in entries)


def test_a_table_of_years_ranks_and_yes_or_no_beside_names_is_no_list_of_signers():
    rows = [
        ("2019", "1", "Sim", "Não", "Portal da Cidade Aberta"),
        ("2019", "2", "Não", "Sim", "Biblioteca Falada do Norte"),
        ("2020", "1", "Sim", "Sim", "Rede de Escolas Inclusivas"),
        ("2020", "3", "Não", "?", "Instituto Ver e Ouvir"),
        ("2021", "2", "Sim", "Não", "Associação Sinais Livres"),
    ]
    table = "| Ano | Premiado | Governo | Acessível | Site |\n|---|---|---|---|---|\n"
    table += "\n".join("| " + " | ".join(row) + " |" for row in rows)
    body = (
        "Escrevemos ao júri do prêmio para pedir critérios claros e públicos, e uma categoria "
        "para os sites que não são do governo. "
    ) * 3
    result = _parse(f"# Carta aberta ao prêmio\n\n{body}\n\n## Finalistas\n\n{table}\n")
    assert result.signatories == []


CARDS = """<html><body><h1>Open letter on open science</h1>
<p>{body}</p><h2>Signed,</h2>
<div class="signature card"><span class="sig_name">Ada Byron</span>
  <span class="sig_institution">University of Leeds</span>
  <span class="sig_status">Professor</span></div>
<div class="signature card"><span class="sig_name">Lin Zhou</span>
  <span class="sig_institution">Open Data Trust</span>
  <span class="sig_status">Nonprofit</span>
  <span class="sig_comment">{comment}</span></div>
<div class="signature card"><span class="sig_name">Sam Ortiz</span></div>
<div class="signature card"><span class="sig_name">Noor Haddad</span>
  <span class="sig_institution">Cairo University</span></div>
</body></html>"""


def test_signers_cards_are_read_by_the_class_names_of_their_parts():
    comment = "Publicly funded research should be free to read, and free to publish. " * 8
    html = CARDS.format(body=BODY, comment=comment)
    entries = parse_bytes(html.encode("utf-8"), "letter.html").signatories
    assert [(e.kind, e.name, e.role, e.affiliation) for e in entries] == [
        ("person", "Ada Byron", "Professor", "University of Leeds"),
        ("person", "Lin Zhou", "Nonprofit", "Open Data Trust"),
        ("person", "Sam Ortiz", None, None),
        ("person", "Noor Haddad", None, "Cairo University"),
    ]
