import pytest

from tests.factories import OrganizationFactory, make_delegate
from undersigned.accounts.services import set_preferences
from undersigned.core.models import AuditEvent
from undersigned.drafting.models import Amendment, AmendmentStatus, Comment
from undersigned.drafting.services import (
    DraftingRefused,
    accept_amendment,
    accept_amendments,
    add_comment,
    decline_amendment,
    propose_amendment,
    save_draft,
)

pytestmark = pytest.mark.django_db


def propose(client, statement, organization, **fields):
    data = {
        "amendment-organization": organization.pk,
        "amendment-first_paragraph": 3,
        "amendment-last_paragraph": "",
        "amendment-replacement": "The people and the proletariat will win if they organize.",
        "amendment-reason": "Name the proletariat.",
    }
    data.update({f"amendment-{k}": v for k, v in fields.items()})
    return client.post(f"/drafting/statements/{statement.pk}/amendments/", data)


def test_a_delegate_proposes_an_amendment_to_a_paragraph(client, in_consultation, member, delegate):
    client.force_login(delegate)

    response = propose(client, in_consultation, member)

    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.number, amendment.first_paragraph, amendment.last_paragraph) == (1, 3, 3)
    assert amendment.original == "The people will win if they organize."
    assert amendment.version == in_consultation.current_version()
    assert (amendment.organization, amendment.author) == (member, delegate)
    assert amendment.status == AmendmentStatus.PROPOSED
    event = AuditEvent.objects.filter(kind="amendment.proposed").get()
    assert (event.statement_ref, event.organization_ref) == (in_consultation.pk, member.pk)
    assert "replacement" not in event.data  # the text stays among the coalition
    page = client.get(f"/drafting/statements/{in_consultation.pk}/").content.decode()
    assert "Amendment #1 by MLPD to ¶ 3" in page


def test_a_delegate_comments_on_a_paragraph(client, in_consultation, member, delegate):
    client.force_login(delegate)

    response = client.post(
        f"/drafting/statements/{in_consultation.pk}/comments/",
        {"comment-organization": member.pk, "comment-paragraph": 2, "comment-text": "Too long."},
    )

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.paragraph, comment.text, comment.organization) == (2, "Too long.", member)
    page = client.get(f"/drafting/statements/{in_consultation.pk}/").content.decode()
    assert "Too long." in page


def test_a_paragraph_beyond_the_text_is_refused(client, in_consultation, member, delegate):
    client.force_login(delegate)

    response = propose(client, in_consultation, member, first_paragraph=9)

    assert response.status_code == 400
    assert not Amendment.objects.exists()


def test_a_delegate_cannot_act_for_an_organization_they_do_not_represent(
    client, in_consultation, delegate
):
    other = OrganizationFactory(abbreviation="OTHER")
    client.force_login(delegate)

    response = propose(client, in_consultation, other)

    assert response.status_code == 400  # not among the choices of the form
    with pytest.raises(DraftingRefused):
        propose_amendment(
            in_consultation,
            organization=other,
            first_paragraph=1,
            last_paragraph=1,
            replacement="x",
            reason="y",
            by=delegate,
        )
    assert not Amendment.objects.exists()


def test_an_amendment_to_a_published_statement_is_refused_with_a_message(
    client, draft, secretariat, member, delegate
):
    from undersigned.statements.services import set_statement_state

    set_statement_state(draft, to="open", by=secretariat)
    set_statement_state(draft, to="published", by=secretariat)
    client.force_login(delegate)

    response = propose(client, draft, member)

    assert response.status_code == 409
    assert "is not in consultation (it is published)" in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_comment_on_a_draft_not_in_consultation_is_refused(draft, member, delegate):
    with pytest.raises(DraftingRefused, match="not in consultation"):
        add_comment(draft, organization=member, paragraph=1, text="x", by=delegate)


@pytest.fixture
def amendment(in_consultation, member, delegate):
    return propose_amendment(
        in_consultation,
        organization=member,
        first_paragraph=3,
        last_paragraph=3,
        replacement="The people and the proletariat will win if they organize.",
        reason="Name the proletariat.",
        by=delegate,
    )


def test_the_secretariat_accepts_an_amendment_into_a_new_minor_version(
    client, amendment, secretariat, deliver, member
):
    commenter = make_delegate(member, email="commenter@mlpd.example")
    add_comment(amendment.statement, organization=member, paragraph=3, text="Yes!", by=commenter)
    client.force_login(secretariat)

    with deliver():
        response = client.post(
            f"/drafting/statements/{amendment.statement_id}/amendments/1/decision/",
            {"action": "accept", "reason": ""},
        )

    assert response.status_code == 302
    statement = amendment.statement
    version = statement.current_version()
    assert version.label == "05.02"
    assert version.body.split("\n\n")[2] == (
        "The people and the proletariat will win if they organize."
    )
    assert version.note == "Amendment #1 by MLPD accepted"
    assert version.author == secretariat
    amendment.refresh_from_db()
    assert (amendment.status, amendment.resulting_version, amendment.decided_by) == (
        AmendmentStatus.ACCEPTED,
        version,
        secretariat,
    )
    event = AuditEvent.objects.filter(kind="amendment.accepted").get()
    assert event.organization_ref == member.pk
    assert event.data["version"] == "05.02"
    assert sorted(m.to[0] for m in deliver.outbox) == [
        "commenter@mlpd.example",
        "delegate@mlpd.example",
    ]
    assert deliver.outbox[0].subject == "Amendment #1 by MLPD accepted"
    assert "version 05.02" in deliver.outbox[0].body


def test_accepting_an_amendment_tells_the_proposer_of_a_rival_one_that_theirs_was_set_aside(
    client, amendment, secretariat, deliver, member
):
    rival_party = OrganizationFactory(abbreviation="PCT", is_member=True)
    rival_delegate = make_delegate(rival_party, email="delegate@pct.example")
    set_preferences(rival_delegate, language="fr")
    rival = propose_amendment(
        amendment.statement, organization=rival_party, first_paragraph=3, last_paragraph=3,
        replacement="The workers will win if they organize.", reason="Say who.",
        by=rival_delegate,
    )  # fmt: skip
    client.force_login(secretariat)

    with deliver():
        client.post(
            f"/drafting/statements/{amendment.statement_id}/amendments/1/decision/",
            {"action": "accept", "reason": ""},
        )

    rival.refresh_from_db()
    assert rival.status == AmendmentStatus.OUTDATED
    told = [m for m in deliver.outbox if m.to == ["delegate@pct.example"]]
    assert [m.subject for m in told] == ["Amendement nº 2 de PCT écarté : il ne s’applique plus"]
    assert (
        "Pourquoi : le secrétariat a accepté l’amendement #1 (MLPD), qui modifiait le même passage."
        in told[0].body
    )
    client.force_login(rival_delegate)
    home = client.get("/account/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Amendment #2 by PCT set aside: it no longer applies" in home


def test_an_amendment_set_aside_by_an_edit_tells_its_proposer_the_change_note(
    amendment, secretariat, deliver
):
    statement = amendment.statement
    current = statement.current_version()

    with deliver():
        save_draft(
            statement, base_hash=current.content_hash, title=current.title,
            short_title=current.short_title,
            body=current.body.replace("will win if they organize", "can win"),
            note="Shorter, as the meeting agreed.", by=secretariat,
        )  # fmt: skip

    (message,) = deliver.outbox
    assert message.to == ["delegate@mlpd.example"]
    assert message.subject == "Amendment #1 by MLPD set aside: it no longer applies"
    assert "Why: Shorter, as the meeting agreed." in message.body
    assert "no longer in the current version, 05.02." in message.body


def test_the_secretariat_declines_an_amendment_with_a_reason(
    client, amendment, secretariat, deliver
):
    client.force_login(secretariat)

    with deliver():
        response = client.post(
            f"/drafting/statements/{amendment.statement_id}/amendments/1/decision/",
            {"action": "decline", "reason": "The conference wording stays."},
        )

    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.DECLINED
    assert amendment.decision_reason == "The conference wording stays."
    assert amendment.statement.current_version().label == "05.01"
    event = AuditEvent.objects.filter(kind="amendment.declined").get()
    assert event.data["reason"] == "The conference wording stays."
    (message,) = deliver.outbox
    assert message.to == ["delegate@mlpd.example"]
    assert "Reason: The conference wording stays." in message.body


def test_declining_needs_a_reason(amendment, secretariat):
    with pytest.raises(DraftingRefused, match="reason"):
        decline_amendment(amendment, by=secretariat, reason=" ")


def test_a_delegate_cannot_decide(client, amendment, delegate):
    client.force_login(delegate)

    response = client.post(
        f"/drafting/statements/{amendment.statement_id}/amendments/1/decision/",
        {"action": "accept"},
    )

    assert response.status_code == 403
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED


def test_several_amendments_are_merged_into_one_version(
    client, in_consultation, member, delegate, secretariat
):
    first = propose_amendment(
        in_consultation, organization=member, first_paragraph=1, last_paragraph=1,
        replacement="The opening.", reason="Shorter.", by=delegate,
    )  # fmt: skip
    second = propose_amendment(
        in_consultation, organization=member, first_paragraph=3, last_paragraph=4,
        replacement="One paragraph instead of two.", reason="Tighter.", by=delegate,
    )  # fmt: skip
    client.force_login(secretariat)

    response = client.post(
        f"/drafting/statements/{in_consultation.pk}/amendments/merge/",
        {"amendments": [1, 2], "note": "Both agreed at the meeting."},
    )

    assert response.status_code == 302
    version = in_consultation.current_version()
    assert version.label == "05.02"
    assert version.body == (
        "The opening.\n\nThe second paragraph describes the events.\n\n"
        "One paragraph instead of two.\n\nWorkers of all countries, unite!"
    )
    assert version.note == (
        "Amendment #1 by MLPD accepted; Amendment #2 by MLPD accepted. Both agreed at the meeting."
    )
    for amendment in (first, second):
        amendment.refresh_from_db()
        assert (amendment.status, amendment.resulting_version) == (AmendmentStatus.MERGED, version)
    assert AuditEvent.objects.filter(kind="amendment.accepted").count() == 2


def test_overlapping_amendments_are_not_merged(in_consultation, member, delegate, secretariat):
    a = propose_amendment(
        in_consultation, organization=member, first_paragraph=2, last_paragraph=3,
        replacement="x", reason="y", by=delegate,
    )  # fmt: skip
    b = propose_amendment(
        in_consultation, organization=member, first_paragraph=3, last_paragraph=3,
        replacement="z", reason="y", by=delegate,
    )  # fmt: skip

    with pytest.raises(DraftingRefused, match="change the same paragraphs"):
        accept_amendments(in_consultation, amendments=[a, b], by=secretariat)

    assert in_consultation.current_version().label == "05.01"


def test_an_amendment_whose_text_changed_is_marked_outdated(amendment, secretariat):
    statement = amendment.statement
    current = statement.current_version()
    body = current.body.replace("will win if they organize", "can win")

    save_draft(
        statement, base_hash=current.content_hash, title=current.title,
        short_title=current.short_title, body=body, note="Edited", by=secretariat,
    )  # fmt: skip

    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.OUTDATED
    assert amendment.get_status_display() == "no longer applies to the current text"
    with pytest.raises(DraftingRefused, match="#1 no longer applies to the current text"):
        accept_amendment(amendment, by=secretariat)


def test_an_amendment_still_applies_after_a_paragraph_is_added_above_it(amendment, secretariat):
    statement = amendment.statement
    current = statement.current_version()

    save_draft(
        statement, base_hash=current.content_hash, title=current.title,
        short_title=current.short_title, body="A new opening.\n\n" + current.body,
        note="Opening", by=secretariat,
    )  # fmt: skip
    version = accept_amendment(amendment, by=secretariat)

    assert version.label == "05.03"
    assert version.body.split("\n\n")[3] == (
        "The people and the proletariat will win if they organize."
    )


def test_a_decided_amendment_is_not_decided_again(amendment, secretariat):
    decline_amendment(amendment, by=secretariat, reason="No.")

    with pytest.raises(DraftingRefused, match="already declined"):
        accept_amendment(amendment, by=secretariat)


def test_an_amendments_reason_reads_in_french_with_the_space_before_the_colon(
    client, amendment, delegate
):
    """A label followed by a colon is one message, so French puts its space before it
    ("Motif :"), as every other label of the interface does."""
    client.force_login(delegate)
    client.cookies["django_language"] = "fr"

    page = client.get(f"/drafting/statements/{amendment.statement_id}/").content.decode()

    assert "<strong>Motif :</strong> Name the proletariat." in page
    assert "Motif:" not in page
