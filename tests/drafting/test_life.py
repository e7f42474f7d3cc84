"""The statement's life on its drafting page: its state in a sentence, the next step as the
primary action, the others behind a confirmation; deleting a draft; its settings."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from undersigned.core.models import AuditEvent
from undersigned.statements.models import State, Statement
from undersigned.statements.services import (
    TransitionRefused,
    change_statement_settings,
    create_statement,
    delete_draft,
    set_statement_state,
)

pytestmark = pytest.mark.django_db


def page_of(client, statement):
    return client.get(f"/drafting/statements/{statement.pk}/").content.decode()


def test_a_draft_says_its_state_in_a_sentence_and_offers_the_consultation_first(
    client, draft, secretariat
):
    client.force_login(secretariat)

    page = page_of(client, draft)

    assert "The statement is a draft: only the secretariat sees it." in page
    assert "<h3>Next step: Start the consultation</h3>" in page
    assert "Delegates of member organizations are told by e-mail and find it at home." in page
    assert '<button type="submit">Start the consultation</button>' in page
    assert "<title>On solidarity — Draft — " in page


def test_the_page_title_follows_the_state(client, in_consultation, secretariat):
    client.force_login(secretariat)

    page = page_of(client, in_consultation)

    assert "<title>On solidarity — Consultation — " in page
    assert "The statement is in consultation" in page
    assert '<button type="submit">Open for signing</button>' in page


def test_the_natural_next_step_moves_the_statement_at_once(client, draft, secretariat):
    client.force_login(secretariat)

    response = client.post(
        f"/drafting/statements/{draft.pk}/state/", {"to": "consultation"}, follow=True
    )

    draft.refresh_from_db()
    assert draft.state == State.CONSULTATION
    assert "The statement is now in consultation." in response.content.decode()


def test_closing_a_published_statement_is_secondary_and_asks_first(client, draft, secretariat):
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    set_statement_state(draft, to=State.PUBLISHED, by=secretariat)
    client.force_login(secretariat)
    url = f"/drafting/statements/{draft.pk}/state/"

    page = page_of(client, draft)
    asked = client.post(url, {"to": "closed"})
    draft.refresh_from_db()
    state_after_asking = draft.state
    confirmed = client.post(url, {"to": "closed", "confirm": "yes"}, follow=True)

    assert "Next step" not in page  # a published statement has no primary way on
    assert '<button type="submit" class="secondary">Close…</button>' in page
    assert asked.status_code == 200
    assert "No more signatures are taken; the list of signatories is final." in (
        asked.content.decode()
    )
    assert state_after_asking == State.PUBLISHED
    draft.refresh_from_db()
    assert draft.state == State.CLOSED
    assert "The statement is now closed." in confirmed.content.decode()


def test_the_confirmation_page_works_from_a_link(client, in_consultation, secretariat):
    client.force_login(secretariat)

    response = client.get(f"/drafting/statements/{in_consultation.pk}/state/?to=draft")

    assert response.status_code == 200
    assert "Take back to draft: “On solidarity”?" in response.content.decode()
    in_consultation.refresh_from_db()
    assert in_consultation.state == State.CONSULTATION


def test_a_step_the_statement_cannot_take_is_refused_and_said(client, draft, secretariat):
    client.force_login(secretariat)

    response = client.post(
        f"/drafting/statements/{draft.pk}/state/", {"to": "published", "confirm": "yes"},
        follow=True,
    )  # fmt: skip

    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    assert "A statement in the state “Draft” cannot go there." in response.content.decode()


def test_the_secretariats_statement_page_shows_the_same_life(client, draft, secretariat):
    client.force_login(secretariat)

    page = client.get(f"/secretariat/statements/{draft.pk}/").content.decode()

    assert "The statement is a draft: only the secretariat sees it." in page
    assert "Set to" not in page


def test_a_delegate_reads_the_state_but_is_offered_no_step(client, in_consultation, delegate):
    client.force_login(delegate)

    page = page_of(client, in_consultation)

    assert "The statement is in consultation" in page
    assert "Next step" not in page
    assert "Take back to draft" not in page


# Deleting a draft


def test_a_never_numbered_draft_is_deleted_after_a_confirmation(client, draft, secretariat):
    client.force_login(secretariat)
    url = f"/drafting/statements/{draft.pk}/delete/"

    asked = client.get(url)
    response = client.post(url, {"confirm": "yes"}, follow=True)

    assert "Delete the draft “On solidarity”?" in asked.content.decode()
    assert not Statement.objects.filter(pk=draft.pk).exists()
    assert "The draft “On solidarity” is deleted." in response.content.decode()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.kind, event.statement_ref, event.data) == (
        "statement.deleted", draft.pk, {"title": "On solidarity", "versions": 1},
    )  # fmt: skip


def test_a_post_without_confirmation_deletes_nothing(client, draft, secretariat):
    client.force_login(secretariat)

    client.post(f"/drafting/statements/{draft.pk}/delete/")

    assert Statement.objects.filter(pk=draft.pk).exists()


def test_a_numbered_statement_is_only_withdrawn(client, draft, secretariat):
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    client.force_login(secretariat)

    response = client.post(f"/drafting/statements/{draft.pk}/delete/", {"confirm": "yes"})
    page = page_of(client, draft)

    assert response.status_code == 302
    assert Statement.objects.filter(pk=draft.pk).exists()
    assert "Delete the draft" not in page
    assert "Withdraw for good…" in page
    with pytest.raises(TransitionRefused):
        delete_draft(draft, by=secretariat)


def test_an_unnumbered_draft_offers_deletion_instead_of_withdrawal(client, draft, secretariat):
    client.force_login(secretariat)

    page = page_of(client, draft)

    assert "Delete the draft…" in page
    assert "Withdraw for good" not in page


# Settings: kind, deadline, short title, further signatories


def settings_post(client, statement, **changes):
    data = {
        "settings-kind": "statement",
        "settings-short_title": "Solidarity",
        "settings-signing_deadline": "",
        "settings-further_signatories_possible": "on",
        **{f"settings-{k}": v for k, v in changes.items()},
    }
    return client.post(f"/drafting/statements/{statement.pk}/settings/", data, follow=True)


def test_kind_deadline_and_short_title_change_with_an_audit_event(client, draft, secretariat):
    client.force_login(secretariat)
    deadline = timezone.localtime() + timezone.timedelta(days=10)

    response = settings_post(
        client, draft, kind="resolution", short_title="Solidarity now",
        signing_deadline=deadline.strftime("%Y-%m-%dT%H:%M"),
    )  # fmt: skip

    draft.refresh_from_db()
    assert draft.kind == "resolution"
    assert draft.signing_deadline.strftime("%Y-%m-%d %H:%M") == deadline.strftime("%Y-%m-%d %H:%M")
    assert draft.versions.count() == 1
    assert draft.current_version().short_title == "Solidarity now"
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.kind == "statement.changed"
    assert sorted(event.data["changes"]) == ["kind", "short_title", "signing_deadline"]
    assert event.data["changes"]["kind"] == ["statement", "resolution"]
    assert "The changes are saved and recorded in the history." in response.content.decode()


def test_a_deadline_that_is_not_after_today_is_refused(client, draft, secretariat):
    client.force_login(secretariat)
    today = timezone.localtime().strftime("%Y-%m-%dT23:59")

    response = settings_post(client, draft, signing_deadline=today)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary" role="alert"' in page
    assert (
        '<a href="#id_settings-signing_deadline">Signing deadline: '
        "The signing deadline must be after today.</a>"
    ) in page
    draft.refresh_from_db()
    assert draft.signing_deadline is None


def test_saving_unchanged_settings_records_nothing(client, draft, secretariat):
    client.force_login(secretariat)
    before = AuditEvent.objects.count()

    response = settings_post(client, draft)

    assert AuditEvent.objects.count() == before
    assert "Nothing changed." in response.content.decode()


@pytest.mark.parametrize(
    ("language", "sentence", "refusal"),
    [
        ("fr", "La déclaration est un projet : seul le secrétariat la voit.",
         "La date limite de signature doit être postérieure à aujourd’hui."),
        ("es", "La declaración es un borrador: solo la secretaría la ve.",
         "El plazo de firma debe ser posterior a hoy."),
        ("de", "Die Erklärung ist ein Entwurf: nur das Sekretariat sieht sie.",
         "Die Unterzeichnungsfrist muss nach heute liegen."),
        ("ru", "Заявление — черновик: его видит только секретариат.",
         "Срок подписания должен быть позже сегодняшнего дня."),
        ("tr", "Bildiri bir taslak: onu yalnızca sekreterya görür.",
         "İmza son tarihi bugünden sonra olmalıdır."),
    ],
)  # fmt: skip
def test_the_state_and_the_refusals_speak_the_readers_language(
    client, draft, secretariat, language, sentence, refusal
):
    client.force_login(secretariat)
    client.cookies["django_language"] = language

    page = client.get(f"/drafting/statements/{draft.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    refused = settings_post(client, draft, signing_deadline="2020-01-01T12:00")

    assert sentence in page.content.decode()
    assert refusal in refused.content.decode()


def test_the_audit_trail_still_explains_everything_after_a_draft_is_deleted_and_changed(
    draft, secretariat, in_consultation
):
    other = create_statement(
        language="en", title="Junk", short_title="Junk", body="Typo.", author=secretariat
    )
    delete_draft(other, by=secretariat)
    change_statement_settings(in_consultation, kind="resolution", by=secretariat)

    call_command("verify-audit")  # raises CommandError when a row is unexplained


def test_the_drafting_page_leads_the_secretariat_to_the_statements_signatures(
    client, in_consultation, secretariat
):
    client.force_login(secretariat)

    page = page_of(client, in_consultation)

    assert (
        f'<a href="/secretariat/statements/{in_consultation.pk}/">State and signatures</a>' in page
    )
    assert "signatures are counted under “State and signatures”" in page


def test_a_delegate_is_not_led_to_the_secretariats_page(client, in_consultation, delegate):
    client.force_login(delegate)

    page = page_of(client, in_consultation)

    assert f"/secretariat/statements/{in_consultation.pk}/" not in page
