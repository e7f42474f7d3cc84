"""Outsiders are refused on every drafting URL: the public, people signed in without a role,
delegates of organizations outside the coalition, and — on the secretariat's pages — delegates."""

import pytest

from tests.factories import UserFactory
from undersigned.drafting import urls
from undersigned.drafting.models import Amendment, Comment
from undersigned.drafting.services import propose_amendment

pytestmark = pytest.mark.django_db

SECRETARIAT_ONLY = [
    ("dashboard", "get", "/drafting/"),
    ("new", "get", "/drafting/statements/new/"),
    ("new", "post", "/drafting/statements/new/"),
    ("preview", "post", "/drafting/preview/"),
    ("edit", "get", "/drafting/statements/{pk}/edit/"),
    ("edit", "post", "/drafting/statements/{pk}/edit/"),
    ("decide", "post", "/drafting/statements/{pk}/amendments/1/decision/"),
    ("merge", "post", "/drafting/statements/{pk}/amendments/merge/"),
    ("translator_name", "post", "/drafting/statements/{pk}/translations/translators/"),
    ("translator_unname", "post", "/drafting/statements/{pk}/translations/translators/1/end/"),
    ("set_state", "get", "/drafting/statements/{pk}/state/"),
    ("set_state", "post", "/drafting/statements/{pk}/state/"),
    ("settings", "post", "/drafting/statements/{pk}/settings/"),
    ("delete", "get", "/drafting/statements/{pk}/delete/"),
    ("delete", "post", "/drafting/statements/{pk}/delete/"),
]
PARTICIPANTS = [
    ("statement", "get", "/drafting/statements/{pk}/"),
    ("comment", "post", "/drafting/statements/{pk}/comments/"),
    ("propose", "post", "/drafting/statements/{pk}/amendments/"),
    ("diff", "get", "/drafting/statements/{pk}/diff/"),
    ("diff_text", "get", "/drafting/statements/{pk}/diff.txt"),
    ("history", "get", "/drafting/statements/{pk}/history/"),
]
# The secretariat and the translators named for a language (test_translation_pages.py).
TRANSLATORS = [
    ("translations", "get", "/drafting/statements/{pk}/translations/"),
    ("translation_start", "post", "/drafting/statements/{pk}/translations/start/"),
    ("translate", "get", "/drafting/statements/{pk}/translations/fr/"),
    ("translate", "post", "/drafting/statements/{pk}/translations/fr/"),
]
ALL = SECRETARIAT_ONLY + PARTICIPANTS + TRANSLATORS


def test_every_drafting_url_is_in_these_tests():
    assert {p.name for p in urls.urlpatterns} == {name for name, _m, _p in ALL}


@pytest.fixture
def amendment(in_consultation, member, delegate):
    return propose_amendment(
        in_consultation, organization=member, first_paragraph=1, last_paragraph=1,
        replacement="New.", reason="Why not.", by=delegate,
    )  # fmt: skip


def request(client, method, path, statement):
    data = {
        "action": "accept",
        "amendments": [1],
        "body": "x",
        "comment-paragraph": 1,
        "comment-text": "x",
        "comment-organization": 1,
        "to": "open",
        "confirm": "yes",
        "settings-kind": "resolution",
        "settings-short_title": "Changed",
    }
    return getattr(client, method)(path.format(pk=statement.pk), data if method == "post" else {})


def assert_nothing_changed(statement):
    statement.refresh_from_db()
    assert (statement.state, statement.kind) == ("consultation", "statement")
    assert statement.versions.get().short_title == "Solidarity"
    assert Amendment.objects.filter(status="proposed").count() == 1
    assert not Comment.objects.exists()


@pytest.mark.parametrize(("name", "method", "path"), ALL)
def test_the_public_is_sent_to_sign_in(client, amendment, name, method, path):
    response = request(client, method, path, amendment.statement)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in")
    assert_nothing_changed(amendment.statement)


@pytest.mark.parametrize(("name", "method", "path"), ALL)
def test_a_delegate_of_an_organization_outside_the_coalition_is_refused(
    client, amendment, outsider, name, method, path
):
    client.force_login(outsider)

    response = request(client, method, path, amendment.statement)

    assert response.status_code in (403, 404)
    assert b"Amendment" not in response.content
    assert_nothing_changed(amendment.statement)


@pytest.mark.parametrize(("name", "method", "path"), ALL)
def test_a_person_without_a_role_is_refused(client, amendment, name, method, path):
    client.force_login(UserFactory())

    response = request(client, method, path, amendment.statement)

    assert response.status_code in (403, 404)
    assert_nothing_changed(amendment.statement)


@pytest.mark.parametrize(("name", "method", "path"), SECRETARIAT_ONLY)
def test_a_delegate_is_refused_on_the_secretariats_pages(
    client, amendment, delegate, name, method, path
):
    client.force_login(delegate)

    response = request(client, method, path, amendment.statement)

    assert response.status_code == 403
    assert_nothing_changed(amendment.statement)


@pytest.mark.parametrize(("name", "method", "path"), [p for p in PARTICIPANTS if p[1] == "get"])
def test_a_delegate_of_a_member_sees_the_consultation(
    client, amendment, delegate, name, method, path
):
    client.force_login(delegate)

    assert request(client, method, path, amendment.statement).status_code == 200


@pytest.mark.parametrize(("name", "method", "path"), [p for p in PARTICIPANTS if p[1] == "get"])
def test_delegates_do_not_see_a_plain_draft(client, draft, delegate, name, method, path):
    client.force_login(delegate)

    assert request(client, method, path, draft).status_code == 404


def test_a_version_of_another_statement_is_not_compared(client, amendment, draft, secretariat):
    from undersigned.statements.services import create_statement

    other = create_statement(language="en", title="T", short_title="T", body="B")
    client.force_login(secretariat)

    response = client.get(f"/drafting/statements/{draft.pk}/diff/?a={other.current_version().pk}")

    assert response.status_code == 404
