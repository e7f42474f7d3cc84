"""Lists the importer misread in Chinese, Slovak and PDF, each class from an invented example:
a Chinese sentence between two lists, names in one paragraph separated by semicolons."""

import pytest

from undersigned.importing.parsers import parse_bytes

pytestmark = pytest.mark.database_free


def _parse(text: str, name: str = "letter.md"):
    return parse_bytes(text.encode("utf-8"), name)


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


def test_names_separated_by_semicolons_over_two_lines_are_no_card_of_one_person():
    # the first line starts like a name over its lines up to its first comma ('MgA. Jana
    # Nová; MgA. Ivan Malý, PhD.'), and the second names no one alone
    lines = (
        "MgA. Jana Nová; MgA. Ivan Malý, PhD.; PhDr. Eva Horná;\n"
        "prof. Karol Biely; Mgr. Ema Zelená; Mgr. art. Juraj Dlhý, ArtD.\n"
    )
    text = f"# Otvorený list\n\n{SK_BODY}\n\n{lines}"
    assert [e.name for e in _parse(text).signatories] == NAMES
