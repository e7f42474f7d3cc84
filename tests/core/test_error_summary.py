"""Every form of the site answers an invalid submission with one error summary at the top of
the page (core/_error_summary.html): role="alert", focused on load, a link to each field."""

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, UserFactory, make_delegate, make_secretariat
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db

SUMMARY = '<div class="error-summary" role="alert" tabindex="-1" autofocus'


def summary_of(response) -> str:
    page = response.content.decode()
    assert page.count(SUMMARY) == 1, page
    start = page.index(SUMMARY)
    return page[start : page.index("</div>", start)]


@pytest.fixture
def secretariat():
    return make_secretariat()


@pytest.fixture
def open_statement(secretariat):
    statement = create_statement(
        language="en", title="On solidarity", short_title="Solidarity", body="Text.",
        author=secretariat,
    )  # fmt: skip
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    return statement


def test_the_sign_page(client, open_statement):
    organization = OrganizationFactory(abbreviation="MLPD")
    client.force_login(make_delegate(organization))
    version = open_statement.current_version()

    response = client.post(
        f"/account/statements/{open_statement.pk}/sign/{organization.pk}/",
        {"version_hash": version.content_hash},
    )

    assert (
        '<a href="#id_confirm">I have read this version and sign it on behalf of my '
        "organization: Tick the box to confirm that you sign.</a>"
    ) in summary_of(response)


def test_an_import_without_a_file_says_so(client, secretariat):
    client.force_login(secretariat)

    response = client.post("/secretariat/import/", {})

    assert response.status_code == 400
    assert (
        '<a href="#id_files">Statement files: Choose at least one file to import.</a>'
        in summary_of(response)
    )


def test_the_delegate_request(client):
    client.force_login(UserFactory())

    response = client.post("/account/request/", {"message": "Please."})

    assert '<a href="#id_organization">Organization: This field is required.</a>' in summary_of(
        response
    )


def test_the_preferences(client):
    client.force_login(UserFactory())

    response = client.post("/account/preferences/", {"language": "xx"})

    assert '<a href="#id_language">' in summary_of(response)


def test_the_password_reset(client):
    response = client.post("/account/password-reset/", {"email": "not an address"})

    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in summary_of(response)


def test_the_sign_in_page_names_a_wrong_password(client):
    UserFactory(username="ana", password="right password")

    response = client.post(
        "/account/sign-in/",
        {"action": "password", "pw-identifier": "ana", "pw-password": "wrong"},
    )

    assert "<li>" in summary_of(response)


def test_the_invitation_of_a_delegate(client, secretariat, open_statement):
    client.force_login(secretariat)

    response = client.post(
        f"/secretariat/statements/{open_statement.pk}/",
        {"action": "invite", "invite-email": "nobody", "invite-language": "en"},
    )

    summary = summary_of(response)
    assert (
        '<a href="#id_invite-email">E-mail of the delegate: Enter a valid email address.</a>'
        in (summary)
    )
    assert '<a href="#id_invite-organization">Organization: This field is required.</a>' in summary


def test_a_signature_decided_in_the_future_is_refused(client, secretariat, open_statement):
    organization = OrganizationFactory(abbreviation="PCT")
    client.force_login(secretariat)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)

    response = client.post(
        f"/secretariat/statements/{open_statement.pk}/",
        {"action": "record", "record-organization": organization.pk, "record-method": "recorded",
         "record-decided_on": tomorrow.isoformat(), "record-evidence": "E-mail of 12 May."},
    )  # fmt: skip

    assert response.status_code == 400
    assert (
        '<a href="#id_record-decided_on">Date the organization decided: The date of the '
        "decision cannot be in the future.</a>"
    ) in summary_of(response)
    assert not open_statement.signatures.exists()


def test_a_label_that_is_a_sentence_loses_its_full_stop_before_the_colon_in_french(
    client, open_statement
):
    organization = OrganizationFactory(abbreviation="PCPCI")
    client.force_login(make_delegate(organization))
    client.cookies["django_language"] = "fr"
    version = open_statement.current_version()

    response = client.post(
        f"/account/statements/{open_statement.pk}/sign/{organization.pk}/",
        {"version_hash": version.content_hash},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    summary = summary_of(response)
    assert "organisation.:" not in summary
    assert "au nom de mon organisation : Cochez la case pour confirmer votre signature." in summary
