"""The workspace, the comparison of versions and the history."""

import re

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, UserFactory
from undersigned.accounts.models import DelegateRequest
from undersigned.drafting.example import load_consultation, read_consultation
from undersigned.drafting.services import accept_amendment, decline_amendment, propose_amendment
from undersigned.statements.services import add_version

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_signing_progress_and_who_has_not_signed(client, example, secretariat):
    OrganizationFactory(abbreviation="LATE", name="Late Party")
    OrganizationFactory(abbreviation="GUEST", is_member=False)
    client.force_login(secretariat)

    response = client.get("/drafting/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "32 of 33 member organizations signed; 1 not yet" in page
    assert '<li><span class="abbr">LATE</span> Late Party</li>' in page
    assert "GUEST" not in page


def test_the_workspace_leads_the_secretariat_to_the_import_as_to_a_new_statement(
    client, secretariat
):
    client.force_login(secretariat)

    page = client.get("/drafting/").content.decode()

    # The workspace is where a secretariat member lands on signing in.
    assert '<a class="button" href="/drafting/statements/new/">New statement</a>' in page
    assert '<a class="button secondary" href="/secretariat/import/">Import statements</a>' in page


def test_the_kinds_of_a_new_statement_start_with_a_capital_as_the_languages_do(client, secretariat):
    client.force_login(secretariat)

    english = client.get("/drafting/statements/new/").content.decode()
    german = client.get(
        "/drafting/statements/new/", headers={"accept-language": "de"}
    ).content.decode()

    assert re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', english)[:4] == [
        ("statement", "Statement"),
        ("resolution", "Resolution"),
        ("declaration", "Declaration"),
        ("open_letter", "Open letter"),
    ]
    assert '<option value="en" selected>English</option>' in english
    assert '<option value="resolution">Resolution</option>' in german


def test_the_dashboard_lists_pending_requests_deadlines_and_outdated_translations(
    client, draft, secretariat
):
    person = UserFactory(email="asks@example.org")
    DelegateRequest.objects.create(
        user=person, organization=OrganizationFactory(abbreviation="ASK")
    )
    draft.signing_deadline = timezone.now() + timezone.timedelta(days=3)
    draft.save()
    source = draft.current_version()
    add_version(draft, title="Zur Solidarität", short_title="Solidarität", body="Text.",
                language="de", source=source)  # fmt: skip
    add_version(draft, title=source.title, short_title=source.short_title, body="Changed.")
    client.force_login(secretariat)

    page = client.get("/drafting/").content.decode()

    assert 'asks@example.org → <span class="abbr">ASK</span>' in page
    assert "Deadline" in page
    assert "Zur Solidarität (DE 05.01): translated from 05.01, the original is now 05.02" in page


def test_the_diff_page_marks_insertions_and_deletions_not_by_colour_alone(
    client, draft, secretariat
):
    first = draft.current_version()
    second = add_version(
        draft, title=first.title, short_title=first.short_title,
        body=first.body.replace("if they organize", "if they organize themselves"),
    )  # fmt: skip
    client.force_login(secretariat)

    response = client.get(f"/drafting/statements/{draft.pk}/diff/?a={first.pk}&b={second.pk}")

    page = response.content.decode()
    assert '<ins><span class="visually-hidden">inserted: </span> themselves</ins>' in page
    assert "1 word inserted" in page


def test_the_unified_diff_downloads_as_text(client, draft, secretariat):
    first = draft.current_version()
    second = add_version(
        draft, title=first.title, short_title=first.short_title,
        body=first.body.replace("describes", "tells of"),
    )  # fmt: skip
    client.force_login(secretariat)

    response = client.get(f"/drafting/statements/{draft.pk}/diff.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{draft.pk}_{first.label}-{second.label}.diff"'
    )
    assert response.content.decode().splitlines()[2:6] == [
        "@@ -1,6 +1,6 @@",
        " The first paragraph sets the scene.",
        " ",
        "-The second paragraph describes the events.",
    ]


def test_the_history_shows_versions_decisions_and_transitions(
    client, in_consultation, member, delegate, secretariat
):
    accepted = propose_amendment(
        in_consultation, organization=member, first_paragraph=3, last_paragraph=3,
        replacement="The people will win.", reason="Shorter.", by=delegate,
    )  # fmt: skip
    declined = propose_amendment(
        in_consultation, organization=member, first_paragraph=1, last_paragraph=1,
        replacement="Scene.", reason="Shorter.", by=delegate,
    )  # fmt: skip
    version = accept_amendment(accepted, by=secretariat)
    decline_amendment(declined, by=secretariat, reason="Too short.")
    client.force_login(delegate)

    page = client.get(f"/drafting/statements/{in_consultation.pk}/history/").content.decode()

    assert version.content_hash in page
    assert "Amendment #1 by MLPD – Marxistisch-Leninistische Partei accepted" in page
    assert "state changed from draft to consultation" in page
    client.cookies["django_language"] = "fr"
    french = client.get(f"/drafting/statements/{in_consultation.pk}/history/").content.decode()
    assert "état passé de projet à consultation" in french  # words, not the stored codes
    assert "amendment #1 by MLPD accepted into version 05.02" in page
    assert "amendment #2 by MLPD declined: “Too short.”" in page
    assert "Reason: Too short." in page


def test_the_example_has_its_earlier_draft_and_consultation(client, example, secretariat):
    load_consultation(example, read_consultation())
    client.force_login(secretariat)
    versions = {v.label: v for v in example.versions.filter(language="en")}

    assert sorted(versions) == ["05.00", "05.01"]
    assert versions["05.00"].created_at < versions["05.01"].created_at
    assert {s.version.label for s in example.signatures.all()} == {"05.01"}
    amendments = list(example.amendments.order_by("number"))
    assert [(a.number, a.organization.abbreviation, a.status) for a in amendments] == [
        (1, "MLPD", "accepted"),
        (2, "PCT", "declined"),
    ]
    assert amendments[0].resulting_version == versions["05.01"]
    assert example.comments.count() == 2

    diff = client.get(f"/drafting/statements/{example.pk}/diff/").content.decode()
    assert "Changes from 05.00 EN to 05.01 EN" in diff
    assert "Tsikhanosvskaya is promoted by bourgeois forces." in diff
    history = client.get(f"/drafting/statements/{example.pk}/history/").content.decode()
    assert "Amendment #1 by MLPD" in history
    assert "The closing sentence keeps the wording" in history


def test_loading_the_consultation_twice_adds_nothing(example):
    # The example already carries its consultation: a second load adds nothing.
    assert example.amendments.count() == 2
    assert load_consultation(example, read_consultation()) == []
    assert example.amendments.count() == 2


def test_the_workspace_names_each_statement_in_the_readers_language_where_it_has_a_text(
    client, draft, secretariat
):
    add_version(draft, title="Sur la solidarité", short_title="Solidarité", body="Texte.",
                language="fr", source=draft.current_version())  # fmt: skip
    client.force_login(secretariat)

    french = client.get("/drafting/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    german = client.get("/drafting/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    link = f'<a href="/drafting/statements/{draft.pk}/" lang="%s">%s</a>'
    assert link % ("fr", "Sur la solidarité") in french
    assert link % ("en", "On solidarity") in german
