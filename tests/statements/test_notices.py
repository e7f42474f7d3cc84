"""Everyone is told: each change of a statement's life sends the right people one e-mail in
their own language, naming the statement, with a link, and shows on their home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.models import Notice
from undersigned.accounts.services import set_preferences
from undersigned.drafting.services import decline_amendment, propose_amendment, save_draft
from undersigned.signatures.periodic import send_deadline_reminders
from undersigned.signatures.services import ask_to_reconfirm, record_signature
from undersigned.statements.models import State
from undersigned.statements.services import create_statement, set_statement_state

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
BODY = "We, the undersigned, declare.\n\nA second paragraph.\n\nLong live solidarity!"


@pytest.fixture
def secretariat():
    return make_secretariat()


@pytest.fixture
def draft(secretariat):
    return create_statement(
        language="en",
        title="On the harbour strike",
        short_title="Harbour strike",
        body=BODY,
        author=secretariat,
    )


def speaking(language, organization, **kwargs):
    person = make_delegate(organization, **kwargs)
    set_preferences(person, language=language)
    return person


def sent_to(outbox, person):
    return [message for message in outbox if message.to == [person.email]]


def test_opening_consultation_tells_each_delegate_of_a_member_once_in_their_language(
    draft, secretariat, deliver, settings
):
    settings.SITE_URL = SITE
    french = speaking("fr", OrganizationFactory(is_member=True))
    german = speaking("de", OrganizationFactory(is_member=True))
    outside = speaking("fr", OrganizationFactory(is_member=False))
    with deliver():
        set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    (to_french,) = sent_to(deliver.outbox, french)
    assert to_french.subject == "En consultation : « On the harbour strike »"
    assert f"{SITE}/drafting/statements/{draft.pk}/" in to_french.body
    assert "amendements" in to_french.body
    (to_german,) = sent_to(deliver.outbox, german)
    assert to_german.subject == "In Konsultation: „On the harbour strike“"
    assert sent_to(deliver.outbox, outside) == []
    assert sent_to(deliver.outbox, secretariat) == []


def test_the_same_text_opened_for_consultation_again_tells_nobody_twice(
    draft, secretariat, deliver
):
    delegate = speaking("en", OrganizationFactory(is_member=True))
    with deliver():
        set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
        set_statement_state(draft, to=State.DRAFT, by=secretariat)
        set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    assert len(sent_to(deliver.outbox, delegate)) == 1
    save_draft(
        draft, base_hash=draft.current_version().content_hash, title="On the harbour strike",
        short_title="Harbour strike", body=BODY + "\n\nA new paragraph.", by=secretariat,
    )  # fmt: skip
    with deliver():
        set_statement_state(draft, to=State.DRAFT, by=secretariat)
        set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    assert len(sent_to(deliver.outbox, delegate)) == 2  # a changed text is a new consultation


def test_opening_for_signing_tells_the_delegates_of_each_member_with_its_signing_page(
    draft, secretariat, deliver, settings
):
    settings.SITE_URL = SITE
    member = OrganizationFactory(is_member=True, abbreviation="HAFEN")
    german = speaking("de", member)
    outside = speaking("en", OrganizationFactory(is_member=False))
    with deliver():
        set_statement_state(draft, to=State.OPEN, by=secretariat)
    (message,) = sent_to(deliver.outbox, german)
    number = draft.document_id
    assert message.subject == f"{number} ist zur Unterzeichnung geöffnet: „On the harbour strike“"
    assert "HAFEN" in message.body
    assert f"{SITE}/account/statements/{draft.pk}/sign/{member.pk}/" in message.body
    assert sent_to(deliver.outbox, outside) == []


def test_publishing_tells_the_delegates_of_the_organizations_that_signed(
    draft, secretariat, deliver
):
    signed, unsigned = OrganizationFactory(is_member=True), OrganizationFactory(is_member=True)
    signer, other = speaking("fr", signed), speaking("fr", unsigned)
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    record_signature(draft, organization=signed, by=signer)
    with deliver():
        set_statement_state(draft, to=State.PUBLISHED, by=secretariat)
    published = [m for m in deliver.outbox if "publié" in m.subject]
    assert [m.to for m in published] == [[signer.email]]
    assert published[0].subject == f"{draft.document_id} est publié : « On the harbour strike »"
    assert f"/statements/{draft.document_id}/" in published[0].body
    assert sent_to([m for m in deliver.outbox if "publié" in m.subject], other) == []


def test_a_major_version_asks_the_signatories_to_reconfirm_once(draft, secretariat, deliver):
    organization = OrganizationFactory(is_member=True, abbreviation="KPD")
    spanish = speaking("es", organization)
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    record_signature(draft, organization=organization, by=spanish)
    with deliver():
        version = save_draft(
            draft, base_hash=draft.current_version().content_hash, title="On the harbour strike",
            short_title="Harbour strike", body=BODY + "\n\nA change of substance.", major=True,
            by=secretariat,
        )  # fmt: skip
        ask_to_reconfirm(draft, version=version)  # a second ask tells nobody twice
    reconfirm = [m for m in sent_to(deliver.outbox, spanish) if "KPD" in m.subject]
    assert [m.subject for m in reconfirm] == [
        f"{draft.document_id} tiene una nueva versión: confirme la firma de KPD"
    ]
    assert f"/account/statements/{draft.pk}/sign/{organization.pk}/" in reconfirm[0].body


def test_a_proposed_amendment_tells_the_secretariat_and_the_decision_tells_its_proposer(
    draft, secretariat, deliver
):
    set_preferences(secretariat, language="tr")
    quiet = make_secretariat()
    set_preferences(quiet, language="en", secretariat_notifications="none")
    organization = OrganizationFactory(is_member=True, abbreviation="MLPD")
    proposer = speaking("ru", organization)
    set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    with deliver():
        amendment = propose_amendment(
            draft, organization=organization, first_paragraph=2, last_paragraph=2,
            replacement="A better second paragraph.", reason="Clearer.", by=proposer,
        )  # fmt: skip
    (proposed,) = sent_to(deliver.outbox, secretariat)
    assert proposed.subject == "MLPD tarafından „On the harbour strike“ için 1 numaralı değişiklik"
    assert f"/drafting/statements/{draft.pk}/" in proposed.body
    assert sent_to(deliver.outbox, quiet) == []
    with deliver():
        decline_amendment(amendment, by=secretariat, reason="Too long.")
    (decided,) = sent_to(deliver.outbox, proposer)
    assert decided.subject == "Поправка № 1 от MLPD отклонена"


def test_a_deadline_coming_reminds_each_organization_once(draft, secretariat, deliver, settings):
    settings.REMINDER_DAYS = 3
    late = OrganizationFactory(is_member=True, abbreviation="LATE")
    french = speaking("fr", late)
    draft.signing_deadline = timezone.now() + timedelta(days=3)
    draft.save(update_fields=["signing_deadline"])
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    day = timezone.localdate().isoformat()
    with deliver():
        send_deadline_reminders.call(day=day)
        send_deadline_reminders.call(day=day)  # a worker that runs the day twice
    reminders = [m for m in sent_to(deliver.outbox, french) if "LATE" in m.body]
    assert len(reminders) == 1
    assert reminders[0].subject.startswith(f"{draft.document_id} ")
    assert "clôture des signatures" in reminders[0].subject


def test_what_a_person_was_told_is_on_their_home_page_in_the_language_they_read(
    draft, secretariat, client
):
    delegate = speaking("fr", OrganizationFactory(is_member=True))
    set_statement_state(draft, to=State.CONSULTATION, by=secretariat)
    assert Notice.objects.filter(user=delegate).count() == 1
    client.force_login(delegate)
    page = client.get("/account/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "In Konsultation: „On the harbour strike“" in page
    assert f'href="/drafting/statements/{draft.pk}/"' in page
