import pytest

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.core.models import AuditEvent
from undersigned.statements.models import State
from undersigned.statements.services import TransitionRefused, create_statement, set_statement_state

pytestmark = pytest.mark.django_db


def draft():
    return create_statement(language="en", title="On peace", short_title="Peace", body="Peace!")


def test_a_statement_goes_through_its_life_and_each_step_is_recorded():
    statement, secretariat = draft(), make_secretariat()
    for state in [State.CONSULTATION, State.OPEN, State.PUBLISHED, State.CLOSED]:
        set_statement_state(statement, to=state, by=secretariat)
        assert statement.state == state
    events = AuditEvent.objects.filter(kind="statement.state").order_by("seq")
    assert [(e.data["from"], e.data["to"], e.actor_ref) for e in events] == [
        ("draft", "consultation", secretariat.pk),
        ("consultation", "open", secretariat.pk),
        ("open", "published", secretariat.pk),
        ("published", "closed", secretariat.pk),
    ]


def test_a_statement_is_numbered_when_opened_not_before():
    statement, secretariat = draft(), make_secretariat()
    set_statement_state(statement, to=State.CONSULTATION, by=secretariat)
    assert statement.number is None
    set_statement_state(statement, to=State.OPEN, by=secretariat)
    assert statement.number == 1
    statement.refresh_from_db()
    assert statement.document_id.endswith("00001")


def test_only_the_secretariat_changes_state():
    statement = draft()
    delegate = make_delegate(OrganizationFactory())
    with pytest.raises(TransitionRefused, match="Only the secretariat"):
        set_statement_state(statement, to=State.OPEN, by=delegate)
    statement.refresh_from_db()
    assert statement.state == State.DRAFT
    assert not AuditEvent.objects.filter(kind="statement.state").exists()


@pytest.mark.parametrize(("start", "target"), [
    (State.DRAFT, State.PUBLISHED), (State.DRAFT, State.CLOSED), (State.PUBLISHED, State.DRAFT),
    (State.WITHDRAWN, State.OPEN), (State.CLOSED, State.OPEN),
])  # fmt: skip
def test_transitions_that_do_not_exist_are_refused_with_a_message(start, target):
    statement = draft()
    type(statement).objects.filter(pk=statement.pk).update(state=start)
    with pytest.raises(TransitionRefused, match="cannot go from"):
        set_statement_state(statement, to=target, by=make_secretariat())


def test_a_published_statement_may_stay_open_for_further_signatories(example):
    assert example.state == State.PUBLISHED
    assert example.accepts_signatures()


def test_the_secretariat_page_changes_state_and_reports_refusals(client, example):
    client.force_login(make_secretariat())
    url = f"/secretariat/statements/{example.pk}/"
    assert client.post(url, {"action": "transition", "to": "draft"}).status_code == 409
    assert client.post(url, {"action": "transition", "to": "bogus"}).status_code == 409
    response = client.post(url, {"action": "transition", "to": "closed"}, follow=True)
    assert "The statement is now closed" in response.content.decode()
    unconfirmed = client.post(url, {"action": "transition", "to": "withdrawn"})
    assert unconfirmed.status_code == 409
    assert "Tick the box" in unconfirmed.content.decode()
