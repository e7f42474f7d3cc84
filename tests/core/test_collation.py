from undersigned.core.collation import sort_key


def test_collation_is_not_byte_order():
    names = [
        "Tschechien",
        "Österreich",
        "Türkei",
        "Ukraine",
        "Niederlande",
        "Côte d’Ivoire",
        "Deutschland",
    ]
    expected = ["Côte d’Ivoire", "Deutschland", "Niederlande", "Österreich", "Tschechien"]
    assert sorted(names, key=sort_key) == [*expected, "Türkei", "Ukraine"]
    assert sorted(names) != sorted(names, key=sort_key)


def test_case_does_not_decide_before_letters():
    assert sorted(["b", "A", "a", "B"], key=sort_key) == ["a", "A", "b", "B"]
