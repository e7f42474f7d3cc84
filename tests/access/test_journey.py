"""The journey through the pages, without the admin: each step the secretariat takes tells the
delegates, who find the work on their home page and do it from there."""

import re

import pytest
from django.test import Client

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.services import set_preferences
from undersigned.statements.services import create_statement

pytestmark = pytest.mark.django_db

BODY = "We, the undersigned, declare.\n\nThe harbour stands still.\n\nLong live solidarity!"


def links_on_home(client) -> list[str]:
    page = client.get("/account/").content.decode()
    block = page.split('id="waiting"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', block)


def test_consultation_amendment_signing_and_publication_through_the_pages(deliver, settings):
    settings.SITE_URL = "http://testserver"
    secretariat_user = make_secretariat()
    set_preferences(secretariat_user, language="de")
    member = OrganizationFactory(is_member=True, abbreviation="MLPD")
    delegate_user = make_delegate(member)
    set_preferences(delegate_user, language="fr")
    secretariat, delegate = Client(), Client()
    secretariat.force_login(secretariat_user)
    delegate.force_login(delegate_user)
    statement = create_statement(
        language="en", title="On the harbour strike", short_title="Harbour strike", body=BODY,
        author=secretariat_user,
    )  # fmt: skip
    manage = f"/secretariat/statements/{statement.pk}/"

    def move(to):
        with deliver():
            response = secretariat.post(manage, {"action": "transition", "to": to})
        assert response.status_code == 302, response.content.decode()[:500]

    def mail_to(user):
        return [m for m in deliver.outbox if m.to == [user.email]]

    # Consultation: the delegate is told, in French, and reaches it from home.
    move("consultation")
    (told,) = mail_to(delegate_user)
    assert told.subject == "En consultation : « On the harbour strike »"
    consultation = f"/drafting/statements/{statement.pk}/"
    assert f"http://testserver{consultation}" in told.body
    assert links_on_home(delegate) == [consultation]
    assert delegate.get(consultation).status_code == 200

    # The delegate comments and proposes an amendment; the secretariat is told, in German.
    comment = {"comment-organization": member.pk, "comment-paragraph": 2, "comment-text": "Yes."}
    assert delegate.post(f"{consultation}comments/", comment).status_code == 302
    with deliver():
        proposed = delegate.post(
            f"{consultation}amendments/",
            {
                "amendment-organization": member.pk,
                "amendment-first_paragraph": 2,
                "amendment-replacement": "The harbour and the railways stand still.",
                "amendment-reason": "The railways strike too.",
            },
        )
    assert proposed.status_code == 302
    (to_secretariat,) = mail_to(secretariat_user)
    assert to_secretariat.subject == ("Änderungsantrag Nr. 1 von MLPD zu „On the harbour strike“")

    # The secretariat accepts it; the proposer is told.
    with deliver():
        decided = secretariat.post(f"{consultation}amendments/1/decision/", {"action": "accept"})
    assert decided.status_code == 302
    assert mail_to(delegate_user)[-1].subject == "Amendement nº 1 de MLPD accepté"

    # Open for signing: the delegate is told with the signing page, and signs from home.
    move("open")
    statement.refresh_from_db()
    sign_page = f"/account/statements/{statement.pk}/sign/{member.pk}/"
    assert f"http://testserver{sign_page}" in mail_to(delegate_user)[-1].body
    assert links_on_home(delegate) == [sign_page]
    version_hash = statement.current_version().content_hash
    signed = delegate.post(sign_page, {"version_hash": version_hash, "confirm": "on"})
    assert signed.status_code == 302
    assert "Nothing waits for you." in delegate.get("/account/").content.decode()

    # Published: the signatory's delegate is told.
    move("published")
    assert mail_to(delegate_user)[-1].subject == (
        f"{statement.document_id} est publié : « On the harbour strike »"
    )
