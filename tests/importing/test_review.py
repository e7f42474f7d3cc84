"""The review screen shows doubt: each entry with its source lines, doubtful entries marked,
merge, split and change of kind before confirming, a file imported before named as such."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from tests.importing.test_views import DOCUMENT, review_data, staged, upload
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.models import AuditEvent
from undersigned.cosigners.models import IndividualSignature
from undersigned.cosigners.selectors import opening_for
from undersigned.importing import services
from undersigned.importing.review import ReviewEntry, merge, split
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement

pytestmark = pytest.mark.django_db

LETTER = (
    b"Joint Statement on Clean Water\n\n"
    b"We call on all governments to protect clean water.\n\n"
    b"Signatories:\n"
    b"1. Rode Morgen (Red Dawn), Netherlands\n"
    b"2. Partido Obrero Revolucionario\n"
    b"   (Revolutionary Workers Party), Bolivia\n"
    b"3. Friends of the Earth\n"
    b"4. Uganda Chapter, Uganda\n"
    b"5. Jane Doe, Professor of Law, University of Ghent, Belgium\n"
    b"6. Greenfield\n"
)


@pytest.fixture
def secretariat(client):
    user = make_secretariat()
    client.force_login(user)
    return user


@pytest.fixture
def letter(client, secretariat) -> services.PendingImport:
    upload(client, LETTER, "water.txt")
    return staged(secretariat)


def review_url(pending) -> str:
    return reverse("importing:review", args=[pending.id])


def act(client, pending, action: str, **fields):
    data = review_data(pending)
    data.update(fields)
    data["action"] = action
    return client.post(review_url(pending), data)


def reload(pending, user) -> services.PendingImport:
    return services.load_pending(pending.id, by=user)


def names(pending) -> list[str]:
    return [entry.name for entry in pending.review_entries()]


def test_each_entry_shows_the_lines_it_was_read_from(client, letter):
    page = client.get(review_url(letter)).content.decode()

    assert "<code>2. Partido Obrero Revolucionario</code>" in page
    assert "<code>(Revolutionary Workers Party), Bolivia</code>" in page
    # a line after the first can start the second half of a split
    assert 'name="action" value="split:1:1"' in page
    assert 'value="split:0:' not in page  # one line: nothing to split at


def test_doubtful_entries_are_marked_with_the_reason(client, letter):
    page = client.get(review_url(letter)).content.decode()

    doubtful = [e.position for e in letter.review_entries() if e.doubts]
    marked = re.findall(r'<li id="entry-(\d+)" class="entry [^"]*\bdoubt\b', page)
    assert [int(n) for n in marked] == doubtful
    assert len(doubtful) == 2
    assert page.count("The import is unsure: organization or person?") == 2
    assert "2 entries are marked as doubtful: check them before confirming." in page


def test_merging_joins_an_entry_with_the_next_and_renumbers_the_list(client, secretariat, letter):
    response = act(client, letter, "merge:2")

    assert response.status_code == 302
    assert response["Location"] == review_url(letter) + "#entry-3"
    pending = reload(letter, secretariat)
    merged = pending.review_entries()[2]
    assert (merged.name, merged.country) == ("Friends of the Earth Uganda Chapter", "UG")
    assert merged.lines == ["3. Friends of the Earth", "4. Uganda Chapter, Uganda"]
    assert [e.position for e in pending.review_entries()] == [1, 2, 3, 4, 5]
    assert merged.match["status"] == "new"
    assert "merged from entries 3 and 4" in client.get(review_url(pending)).content.decode()


def test_splitting_at_a_line_reads_each_part_again(client, secretariat, letter):
    act(client, letter, "split:1:1")

    entries = reload(letter, secretariat).review_entries()
    assert [e.position for e in entries] == [1, 2, 3, 4, 5, 6, 7]
    first, second = entries[1], entries[2]
    assert (first.name, first.lines) == (
        "Partido Obrero Revolucionario",
        ["2. Partido Obrero Revolucionario"],
    )
    assert (second.lines, second.country) == (["(Revolutionary Workers Party), Bolivia"], "BO")
    assert first.changes == second.changes == ["split:2"]


def test_splitting_by_editing_gives_two_copies_to_edit_apart(client, secretariat, letter):
    act(client, letter, "split:5")
    pending = reload(letter, secretariat)
    assert names(pending)[5:] == ["Greenfield", "Greenfield"]

    act(client, pending, "save:0", **{"entry-6-name": "Greenfield Farm"})

    assert names(reload(letter, secretariat))[5:] == ["Greenfield", "Greenfield Farm"]


def test_changing_the_kind_keeps_the_edits_and_shows_the_person_fields(client, secretariat, letter):
    act(client, letter, "person:0", **{"entry-0-name": "Rode Morgen Collective"})

    entry = reload(letter, secretariat).review_entries()[0]
    assert (entry.kind, entry.name, entry.doubts) == ("person", "Rode Morgen Collective", [])
    page = client.get(review_url(letter)).content.decode()
    assert 'name="entry-0-role"' in page
    assert 'name="entry-0-abbreviation"' not in page
    assert 'name="action" value="organization:0"' in page


def test_a_change_from_a_page_out_of_date_is_not_applied(client, secretariat, letter):
    act(client, letter, "merge:2")

    response = act(client, letter, "merge:0")  # sent from the page before the merge

    assert response.status_code == 302
    assert len(reload(letter, secretariat).entries) == 5
    assert "Your last change was not applied" in client.get(review_url(letter)).content.decode()


def test_confirming_makes_a_person_an_individual_signatory_listed_below_the_organizations(
    client, secretariat, letter
):
    data = review_data(letter, language="en")
    for index in (0, 1, 2, 3, 5):
        data.pop(f"entry-{index}-include")
    organizations = Organization.objects.count()

    response = client.post(review_url(letter), data)

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert not statement.signatures.exists()
    assert Organization.objects.count() == organizations  # the register has no people
    (person,) = IndividualSignature.objects.filter(statement=statement)
    assert (person.name, person.affiliation, person.country, person.state, person.email) == (
        "Jane Doe",
        "Professor of Law, University of Ghent",
        "BE",
        "confirmed",
        "",
    )
    assert opening_for(statement, "en").listing == "listed"
    (event,) = AuditEvent.objects.filter(kind="individuals.imported")
    assert event.data["signatures"] == [person.pk]
    assert event.data["source"] == letter.sha256
    assert (verify_chain(), unexplained_rows()) == (None, [])
    page = client.get(response["Location"]).content.decode()
    assert "No organization has signed yet." in page
    assert "1 confirmed individual signature" in page


def test_a_person_needs_no_organization_and_no_country(client, secretariat):
    upload(client, LETTER.replace(b", Belgium", b""), "water.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="en")
    for index in (0, 1, 2, 3, 5):
        data.pop(f"entry-{index}-include")
    data.pop("entry-4-organization", None)
    data["entry-4-kind"] = "person"

    response = client.post(review_url(pending), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    (person,) = IndividualSignature.objects.all()
    assert (person.name, person.country) == ("Jane Doe", "")


def test_a_person_the_list_cannot_take_writes_nothing(client, secretariat, letter):
    data = review_data(letter, language="en")
    for index in (0, 1, 2, 3, 5):
        data.pop(f"entry-{index}-include")
    data["entry-4-name"] = "J" * 201
    counts = (Statement.objects.count(), Organization.objects.count())

    response = client.post(review_url(letter), data)

    assert response.status_code == 400
    assert "Entry 5: a name, role or affiliation is longer than 200 characters." in (
        response.content.decode()
    )
    assert (Statement.objects.count(), Organization.objects.count()) == counts
    assert not IndividualSignature.objects.exists()


def test_new_organizations_are_not_members_unless_ticked(client, secretariat):
    member = OrganizationFactory(abbreviation="RM", name="Rode Morgen", country="NL")
    upload(client)
    first = staged(secretariat)
    client.post(review_url(first), review_data(first, language="en"))
    upload(client, DOCUMENT.replace(b"POR", b"PORB"), "again.txt")
    second = staged(secretariat)
    data = review_data(second, language="en", new_members="on")
    data["entry-1-organization"] = "new"

    client.post(review_url(second), data)

    created = Organization.objects.exclude(pk=member.pk).order_by("pk")
    assert [(o.abbreviation, o.is_member) for o in created] == [("POR", False), ("PORB", True)]
    events = AuditEvent.objects.filter(kind="import.confirmed").order_by("seq")
    assert [(e.data["new_organizations"], e.data["new_members"]) for e in events] == [
        ([created[0].pk], False),
        ([created[1].pk], True),
    ]


def test_a_file_imported_before_is_named_on_the_upload_and_review_pages(client, secretariat):
    upload(client)
    first = staged(secretariat)
    client.post(review_url(first), review_data(first, language="en", document_id=""))
    statement = Statement.objects.get()

    upload(client)

    pending = staged(secretariat)
    review_page = client.get(review_url(pending)).content.decode()
    upload_page = client.get(reverse("importing:upload")).content.decode()
    link = reverse("secretariat:statement", args=[statement.pk])
    for page in (review_page, upload_page):
        assert "This file was already imported on" in page
        assert f'<a href="{link}">unnumbered ICOR Resolution on the Strike</a>' in page


def test_a_new_file_is_not_said_to_be_imported_before(client, letter):
    assert "already imported" not in client.get(review_url(letter)).content.decode()


def test_an_outsider_cannot_change_a_review(client, secretariat, letter):
    before = reload(letter, secretariat).entries
    delegate = Client()
    delegate.force_login(make_delegate(OrganizationFactory()))
    other = Client()
    other.force_login(make_secretariat())

    refused = (
        act(delegate, letter, "merge:0").status_code,
        act(other, letter, "merge:0").status_code,
    )

    assert refused == (403, 404)
    assert reload(letter, secretariat).entries == before


def test_an_unknown_action_is_refused(client, letter):
    assert act(client, letter, "delete:0").status_code == 400


def test_merge_and_split_at_the_ends_of_the_list_are_refused_in_words(client, secretariat, letter):
    act(client, letter, "merge:5")  # the last entry has no next one

    assert len(reload(letter, secretariat).entries) == 6
    assert "That change does not fit the list" in client.get(review_url(letter)).content.decode()


def test_merging_then_splitting_at_the_seam_gives_the_entries_back():
    entries = [
        ReviewEntry(position=7, name="Friends of the", lines=["Friends of the"], where="line 3"),
        ReviewEntry(position=8, name="Earth Uganda", lines=["Earth Uganda"], where="line 4"),
    ]

    merged = merge(entries, 0)
    (entry,) = merged
    assert (entry.name, entry.where, entry.position) == (
        "Friends of the Earth Uganda",
        "lines 3–4",
        7,
    )

    parts = split(merged, 0, at=1)
    assert [(p.position, p.name, p.lines) for p in parts] == [
        (7, "Friends of the", ["Friends of the"]),
        (8, "Earth Uganda", ["Earth Uganda"]),
    ]


def test_an_upload_staged_before_the_review_kept_its_entries_is_still_reviewed(
    client, secretariat, letter
):
    from django.core import signing

    old = {**letter.__dict__, "entries": [], "header": {}, "revision": 0}
    payload = signing.dumps(old, salt=services._SALT, compress=True)
    (letter.directory / "pending").write_text(payload, "ascii")

    assert names(reload(letter, secretariat)) == names(letter)
    assert client.get(review_url(letter)).status_code == 200
