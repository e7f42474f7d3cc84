import base64
import json

from undersigned.cosigners import proof
from undersigned.cosigners.addresses import (
    canonical_email,
    domain_limit_key,
    email_domain,
    is_address,
)
from undersigned.cosigners.export import neutralise, to_csv
from undersigned.cosigners.privacy import collation_key, folded, network_of


def test_canonical_email_ignores_case_and_plus_addressing():
    assert canonical_email("Ana.Lopez+petition@Example.ORG") == "ana.lopez@example.org"


def test_canonical_email_drops_dots_only_where_the_provider_ignores_them():
    assert canonical_email("J.Doe+x@googlemail.com") == "jdoe@gmail.com"
    assert canonical_email("j.doe@example.org") == "j.doe@example.org"


def test_email_domain_is_lower_case_and_ascii():
    assert email_domain("x@Bücher.DE.") == "xn--bcher-kva.de"


def test_is_address_refuses_what_cannot_be_a_mailbox():
    assert [is_address(a) for a in ["a@b.org", "+x@b.org", "a@b", "a b@c.org", "@b.org"]] == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_networks_are_a_slash_24_or_a_slash_48():
    assert network_of("203.0.113.77") == "203.0.113.0/24"
    assert network_of("2001:db8:5:6::1") == "2001:db8:5::/48"
    assert network_of("::ffff:203.0.113.77") == "203.0.113.0/24"
    assert network_of("not an address") == ""


def test_collation_keys_order_names_as_the_coalition_collates_them():
    names = ["Zoë Ziegler", "Émile Zola", "ärger Anna", "Adam Smith", "eve Ensler"]
    assert sorted(names, key=collation_key) == [
        "Adam Smith",
        "ärger Anna",
        "Émile Zola",
        "eve Ensler",
        "Zoë Ziegler",
    ]


def test_folded_ignores_case_and_accents():
    assert folded("  Müller-Lüdenscheidt ") == "muller-ludenscheidt"


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text():
    assert [neutralise(c) for c in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "Ana"]] == [
        "'=1+1",
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "Ana",
    ]
    assert (
        to_csv(["name"], [['=HYPERLINK("http://x")']]) == 'name\r\n"\'=HYPERLINK(""http://x"")"\r\n'
    )
    rows = [("Ana", "-1", "x"), ("Bo", "Lyon", "@b"), ("Cy", "Lyon", "ok")]
    assert to_csv(["a", "b", "c"], rows) == "a,b,c\r\nAna,'-1,x\r\nBo,Lyon,'@b\r\nCy,Lyon,ok\r\n"


def test_a_solved_challenge_is_verified_and_names_its_challenge():
    challenge = proof.new_challenge(200)
    assert proof.verified(proof.solve(challenge)) == challenge["challenge"]


def test_a_wrong_number_an_expired_or_unsigned_challenge_is_not_verified():
    challenge = proof.new_challenge(200)
    answer = json.loads(base64.b64decode(proof.solve(challenge)))

    def encoded(**changes) -> str:
        return base64.b64encode(json.dumps({**answer, **changes}).encode()).decode()

    assert proof.verified(encoded(number=answer["number"] + 1)) is None
    assert proof.verified(encoded(signature="0" * 64)) is None
    assert proof.verified(encoded(number="x")) is None
    old = proof.new_challenge(200, now=0)
    assert proof.verified(proof.solve(old)) is None


def test_the_domain_limit_counts_a_policed_provider_s_addresses_apart():
    policed = frozenset({"gmail.com"})
    assert domain_limit_key("gmail.com", "h1", policed=policed) == "gmail.com:h1"
    assert domain_limit_key("gmail.com", "h2", policed=policed) == "gmail.com:h2"
    assert domain_limit_key("crowd.example", "h1", policed=policed) == "crowd.example"
    assert domain_limit_key("mail.gmail.com", "h1", policed=policed) == "mail.gmail.com"
