"""The delegate's home lists what waits for them, in their language, and leads to it."""

import re

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.models import DelegateRequest
from undersigned.accounts.services import invite_delegate, set_preferences
from undersigned.drafting.services import save_draft
from undersigned.signatures.services import record_signature
from undersigned.statements.models import State
from undersigned.statements.services import add_version, create_statement, set_statement_state

pytestmark = pytest.mark.django_db

BODY = "We, the undersigned, declare.\n\nLong live solidarity!"


def new_statement(secretariat, title):
    return create_statement(
        language="en", title=title, short_title=title, body=BODY, author=secretariat
    )


def waiting(page: str) -> list[str]:
    """The lines of the "Waiting for you" list, as text."""
    block = page.split('id="waiting"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", block, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_the_home_lists_consultations_statements_to_sign_or_reconfirm_and_invitations(client):
    secretariat = make_secretariat()
    member = OrganizationFactory(is_member=True, abbreviation="MLPD")
    delegate = make_delegate(member)
    consulted = new_statement(secretariat, "On the harbour strike")
    set_statement_state(consulted, to=State.CONSULTATION, by=secretariat)
    to_sign = new_statement(secretariat, "On the miners")
    to_sign.signing_deadline = timezone.now() + timezone.timedelta(days=10)
    to_sign.save(update_fields=["signing_deadline"])
    set_statement_state(to_sign, to=State.OPEN, by=secretariat)
    changed = new_statement(secretariat, "On the railways")
    set_statement_state(changed, to=State.OPEN, by=secretariat)
    record_signature(changed, organization=member, by=delegate)
    save_draft(
        changed, base_hash=changed.current_version().content_hash, title="On the railways",
        short_title="Railways", body=BODY + "\n\nMore.", major=True, by=secretariat,
    )  # fmt: skip
    invite_delegate(
        email=delegate.email,
        organization=OrganizationFactory(abbreviation="PCT", name="Partido Comunista"),
        by=secretariat,
        about="ICOR00001 On the miners",
    )
    client.force_login(delegate)
    response = client.get("/account/")
    assert response.status_code == 200
    assert waiting(response.content.decode()) == [
        "Invitation to act for PCT – Partido Comunista and sign ICOR00001 On the miners Accept",
        "On the harbour strike — in consultation: comment or propose amendments",
        f"{to_sign.document_id} On the miners — to sign for MLPD · until "
        f"{timezone.localtime(to_sign.signing_deadline):%Y-%m-%d %H:%M}",
        f"{changed.document_id} On the railways — MLPD signed version 01.00; sign version "
        "02.01 to confirm",
    ]


def test_the_home_names_each_statement_in_the_persons_language_where_it_has_a_text(client):
    secretariat = make_secretariat()
    member = OrganizationFactory(is_member=True, abbreviation="MLPD")
    delegate = make_delegate(member)
    translated = new_statement(secretariat, "On the miners")
    add_version(
        translated, title="Sur les mineurs", short_title="Mineurs", body="Texte.",
        language="fr", source=translated.current_version(), author=secretariat,
    )  # fmt: skip
    set_statement_state(translated, to=State.OPEN, by=secretariat)
    untranslated = new_statement(secretariat, "On the railways")
    set_statement_state(untranslated, to=State.OPEN, by=secretariat)
    client.force_login(delegate)

    page = client.get("/account/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert sorted(waiting(page)) == [
        f"{translated.document_id} Sur les mineurs — à signer pour MLPD",
        f"{untranslated.document_id} On the railways — à signer pour MLPD",
    ]
    assert '<span lang="fr">Sur les mineurs</span>' in page
    assert '<span lang="en">On the railways</span>' in page


def test_a_delegate_reaches_the_consultation_from_home(client):
    secretariat = make_secretariat()
    delegate = make_delegate(OrganizationFactory(is_member=True))
    statement = new_statement(secretariat, "On the harbour strike")
    set_statement_state(statement, to=State.CONSULTATION, by=secretariat)
    client.force_login(delegate)
    page = client.get("/account/").content.decode()
    link = f"/drafting/statements/{statement.pk}/"
    assert f'href="{link}"' in page
    consultation = client.get(link)
    assert consultation.status_code == 200
    assert "On the harbour strike" in consultation.content.decode()


def test_a_delegate_of_no_member_sees_no_consultation(client):
    secretariat = make_secretariat()
    outsider = make_delegate(OrganizationFactory(is_member=False))
    statement = new_statement(secretariat, "On the harbour strike")
    set_statement_state(statement, to=State.CONSULTATION, by=secretariat)
    client.force_login(outsider)
    page = client.get("/account/").content.decode()
    assert "On the harbour strike" not in page
    assert "Nothing waits for you." in page


def test_the_home_speaks_the_language_of_the_persons_preferences_once_signed_in(client):
    delegate = make_delegate(OrganizationFactory(is_member=True))
    set_preferences(delegate, language="fr")
    delegate.set_password("a long enough password")
    delegate.save()
    response = client.post(
        "/account/sign-in/",
        {
            "action": "password",
            "pw-identifier": delegate.email,
            "pw-password": "a long enough password",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "Ce qui vous attend" in page and "Rien ne vous attend." in page


def test_a_person_accepts_an_invitation_to_their_address_from_home(client):
    secretariat = make_secretariat()
    person = make_delegate(OrganizationFactory())
    organization = OrganizationFactory(abbreviation="PCT")
    invitation = invite_delegate(email=person.email, organization=organization, by=secretariat)
    someone_else = make_delegate(OrganizationFactory())
    client.force_login(someone_else)
    assert client.post(f"/account/invitations/{invitation.pk}/accept/").status_code == 404
    assert not someone_else.delegations.filter(organization=organization).exists()
    client.force_login(person)
    response = client.post(f"/account/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302
    assert person.delegations.filter(organization=organization, revoked_at=None).exists()


def test_choosing_a_language_in_the_preferences_switches_the_pages_too(client):
    delegate = make_delegate(OrganizationFactory())
    client.force_login(delegate)
    response = client.post(
        "/account/preferences/", {"language": "es"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Su inicio" in response.content.decode()


def test_without_preferences_the_browser_chooses_the_language_after_sign_in(client):
    delegate = make_delegate(OrganizationFactory())
    delegate.set_password("a long enough password")
    delegate.save()
    response = client.post(
        "/account/sign-in/",
        {
            "action": "password",
            "pw-identifier": delegate.email,
            "pw-password": "a long enough password",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert "Ihre Startseite" in response.content.decode()


def test_the_home_reads_as_many_queries_for_three_items_of_each_kind_as_for_one(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secretariat = make_secretariat()
    delegate = make_delegate(OrganizationFactory(is_member=True))

    def add_one_of_each(n):
        consulted = new_statement(secretariat, f"Consulted {n}")
        set_statement_state(consulted, to=State.CONSULTATION, by=secretariat)
        to_sign = new_statement(secretariat, f"To sign {n}")
        set_statement_state(to_sign, to=State.OPEN, by=secretariat)
        invite_delegate(email=delegate.email, organization=OrganizationFactory(), by=secretariat)

    def queries_for_home(expected_lines):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/account/").content.decode()
        assert len(waiting(page)) == expected_lines
        return len(queries)

    client.force_login(delegate)
    add_one_of_each(0)
    one = queries_for_home(3)
    add_one_of_each(1)
    add_one_of_each(2)
    assert queries_for_home(9) == one


def test_a_translator_is_asked_to_translate_then_nothing_then_to_update_when_the_original_changes(
    client,
):
    from undersigned.drafting.translation import (
        name_translator,
        publish_translation,
        save_translation,
        start_translation,
    )
    from undersigned.statements.services import add_version

    secretariat = make_secretariat()
    translator = make_delegate(OrganizationFactory(is_member=True))
    statement = new_statement(secretariat, "On the dockers")
    name_translator(statement, user=translator, language="fr", by=secretariat)
    client.force_login(translator)
    assert waiting(client.get("/account/").content.decode()) == [
        "On the dockers — to translate into French"
    ]

    started = start_translation(
        statement, language="fr", source=statement.current_version(), by=translator
    )
    saved = save_translation(
        started, title="Sur les dockers", short_title="Dockers",
        texts=["Nous, soussignés, déclarons.", "Vive la solidarité !"], by=translator,
    )  # fmt: skip
    publish_translation(saved, by=translator)
    assert "Nothing waits for you." in client.get("/account/").content.decode()

    changed = add_version(
        statement, title="On the dockers", short_title="On the dockers",
        body=BODY.replace("declare", "declare again"), author=secretariat,
    )  # fmt: skip
    assert waiting(client.get("/account/").content.decode()) == [
        f"On the dockers — to bring the translation into French up to version {changed.label} of"
        " the original"
    ]


def test_the_secretariats_home_lists_the_delegate_requests_waiting_for_its_decision(client):
    secretariat = make_secretariat()
    asker = make_delegate(OrganizationFactory(), email="asks@example.org")
    first = DelegateRequest.objects.create(
        user=asker, organization=OrganizationFactory(abbreviation="PCT", name="Partido")
    )
    second = DelegateRequest.objects.create(
        user=asker, organization=OrganizationFactory(abbreviation="MLPD", name="Partei")
    )
    DelegateRequest.objects.create(
        user=asker, organization=OrganizationFactory(), decided_at=timezone.now(), approved=True
    )
    client.force_login(secretariat)

    page = client.get("/account/").content.decode()
    requests_page = client.get("/secretariat/requests/").content.decode()

    assert waiting(page) == [
        "asks@example.org asks to represent PCT — waits for your decision",
        "asks@example.org asks to represent MLPD — waits for your decision",
    ]
    for pending in (first, second):
        assert f'href="/secretariat/requests/#request-{pending.pk}"' in page
        assert f'id="request-{pending.pk}"' in requests_page
    assert '<a href="/secretariat/requests/">Delegate requests (2)</a>' in page


def test_a_delegate_is_not_shown_the_requests_of_others(client):
    delegate = make_delegate(OrganizationFactory(is_member=True))
    DelegateRequest.objects.create(user=delegate, organization=OrganizationFactory())
    client.force_login(delegate)

    page = client.get("/account/").content.decode()

    assert "asks to represent" not in page
    assert "Nothing waits for you." in page
