"""Moderation of individual co-signers (cosigners/moderation.py): trends, holding and
releasing, invalidating in bulk, against a real database."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import UserFactory
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.generation import content_generation
from undersigned.core.models import AuditEvent
from undersigned.cosigners import moderation, selectors
from undersigned.cosigners.models import IndividualSignature, Leaf
from undersigned.cosigners.privacy import network_hash
from undersigned.cosigners.services import (
    CosigningRefused,
    confirm_signature,
    erase_own_data,
    sign_as_person,
    withdraw_own_signature,
)

NOW = datetime(2026, 11, 30, 12, 30, 20, tzinfo=UTC)


def sign(statement, version, email, *, at=None, address="203.0.113.9", confirm=False):
    signed = sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name=email.split("@")[0].title(),
        email=email,
        client_address=address,
    )
    signature = signed.signature
    if confirm:
        signature, _receipt = confirm_signature(signature)
    if at is not None:
        IndividualSignature.objects.filter(pk=signature.pk).update(created_at=at)
        signature.refresh_from_db()
    return signature


def states(*signatures) -> list[str]:
    return [IndividualSignature.objects.get(pk=s.pk).state for s in signatures]


def kinds() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("kind", flat=True))


def unexplained() -> list[str]:
    return [str(row) for row in unexplained_rows() if row.row.startswith("individual")]


def test_trends_count_each_minute_by_state_and_the_top_domains_and_networks(
    opening, statement, version
):
    minute = NOW.replace(second=0)
    sign(statement, version, "a@spam.example", at=minute, confirm=True)
    sign(statement, version, "b@spam.example", at=minute + timedelta(seconds=30))
    sign(statement, version, "c@spam.example", at=minute - timedelta(minutes=2))
    sign(statement, version, "d@uni.example", at=minute - timedelta(minutes=2), address="::1")
    sign(statement, version, "e@uni.example", at=NOW - timedelta(hours=2))  # out of the hour

    trends = moderation.trends(statement, window="hour", now=NOW)

    assert len(trends.buckets) == 60
    assert trends.since == minute - timedelta(minutes=59)
    newest, _, two_ago = trends.buckets[:3]
    assert (newest.start, newest.pending, newest.confirmed, newest.total) == (minute, 1, 1, 2)
    assert (two_ago.start, two_ago.pending, two_ago.total) == (minute - timedelta(minutes=2), 2, 2)
    assert (newest.bar, two_ago.bar, trends.buckets[1].bar) == (20, 20, 0)
    assert (trends.total, trends.peak) == (4, 2)
    assert [(d.key, d.total, d.pending, d.confirmed, d.peak) for d in trends.domains] == [
        ("spam.example", 3, 2, 1, 2),
        ("uni.example", 1, 1, 0, 1),
    ]
    label = network_hash("203.0.113.9")[: moderation.LABEL_LENGTH]
    assert [(n.key, n.total, n.bar) for n in trends.networks] == [
        (label, 3, 20),
        (network_hash("::1")[: moderation.LABEL_LENGTH], 1, 7),
    ]
    assert trends.states["pending"] == 4 and trends.states["confirmed"] == 1


def test_the_top_domains_leave_out_the_signatures_whose_signers_deleted_their_data(
    opening, statement, version
):
    minute = NOW.replace(second=0)
    sign(statement, version, "a@spam.example", at=minute, confirm=True)
    gone = sign(statement, version, "b@uni.example", at=minute, confirm=True)
    erase_own_data(gone)
    erase_own_data(sign(statement, version, "c@uni.example", at=minute, confirm=True))

    trends = moderation.trends(statement, window="hour", now=NOW)

    assert [(d.key, d.total) for d in trends.domains] == [("spam.example", 1)]
    assert trends.total == 3  # still counted over time, as given then


def test_the_day_window_has_a_bar_per_ten_minutes(opening, statement, version):
    sign(statement, version, "a@x.example", at=NOW - timedelta(hours=2, minutes=5))
    sign(statement, version, "b@x.example", at=NOW - timedelta(hours=30))  # out of the day

    trends = moderation.trends(statement, window="day", now=NOW)

    assert len(trends.buckets) == 144
    assert trends.buckets[0].start == datetime(2026, 11, 30, 12, 30, tzinfo=UTC)
    busy = [(b.start, b.total) for b in trends.buckets if b.total]
    assert busy == [(datetime(2026, 11, 30, 10, 20, tzinfo=UTC), 1)]


def test_a_network_label_is_short_stable_and_never_an_address(opening, statement, version):
    first = sign(statement, version, "a@x.example", address="198.51.100.7")
    second = sign(statement, version, "b@x.example", address="198.51.100.200")  # same /24

    page = moderation.recent_signatures(statement)

    labels = {row.network for row in page.object_list}
    assert labels == {first.network_hash[:8]} and second.network_hash == first.network_hash
    assert all("198.51" not in str(row) for row in page.object_list)


def test_recent_signatures_are_searched_by_name_domain_network_and_state(
    opening, statement, version
):
    ana = sign(statement, version, "ana@spam.example", at=NOW)
    sign(statement, version, "bo@mail.spam.example", at=NOW - timedelta(minutes=1), confirm=True)
    sign(statement, version, "cy@uni.example", at=NOW - timedelta(minutes=2), address="::1")

    def names(**filters) -> list[str]:
        return [row.name for row in moderation.recent_signatures(statement, **filters)]

    assert names() == ["Ana", "Bo", "Cy"]
    assert names(name="ANA") == ["Ana"]
    assert names(domain="@Spam.Example") == ["Ana", "Bo"]  # with its subdomains
    assert names(network=ana.network_hash[:8]) == ["Ana", "Bo"]
    assert names(state="confirmed") == ["Bo"]
    with pytest.raises(CosigningRefused, match="is not an e-mail domain"):
        names(domain="not a domain")
    with pytest.raises(CosigningRefused, match="label as shown"):
        names(network="1.2.3.4")


def test_a_held_signature_is_not_counted_until_released(opening, statement, version, secretariat):
    signature = sign(statement, version, "a@x.example", confirm=True)
    assert selectors.confirmed_count(statement) == 1

    assert moderation.hold_signatures(statement, [signature.pk], by=secretariat, reason="x") == 1
    assert (states(signature), selectors.confirmed_count(statement)) == (["held"], 0)
    assert selectors.listed_people(statement, opening).object_list == []

    assert moderation.release_signatures(statement, [signature.pk], by=secretariat) == 1
    assert (states(signature), selectors.confirmed_count(statement)) == (["confirmed"], 1)
    assert kinds()[-2:] == ["individual.held", "individual.released"]
    held = AuditEvent.objects.get(kind="individual.held")
    assert held.data == {"signature": signature.pk, "reason": "x"}
    assert unexplained() == [] and verify_chain() is None


def test_a_pending_signature_held_and_released_waits_for_its_signer_again(
    opening, statement, version, secretariat
):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="A", email="a@x.org"
    )
    moderation.hold_signatures(statement, [signed.signature.pk], by=secretariat)
    assert selectors.signature_to_confirm(signed.token) is None  # not while it is held

    moderation.release_signatures(statement, [signed.signature.pk], by=secretariat)

    signature = selectors.signature_to_confirm(signed.token)
    assert (signature.state, signature.confirmed_at) == ("pending", None)
    confirm_signature(signature)  # confirming stays the signer's own step
    assert states(signature) == ["confirmed"]
    released = AuditEvent.objects.get(kind="individual.released")
    assert released.data == {"signature": signature.pk, "reason": "", "to": "pending"}
    assert unexplained() == []


def test_holding_is_all_or_none(opening, statement, version, secretariat):
    standing = sign(statement, version, "a@x.example", confirm=True)
    gone = sign(statement, version, "b@x.example", confirm=True)
    withdraw_own_signature(gone)
    before = kinds()

    with pytest.raises(CosigningRefused, match="only pending or confirmed signatures"):
        moderation.hold_signatures(statement, [standing.pk, gone.pk], by=secretariat)

    assert (states(standing, gone), kinds()) == (["confirmed", "withdrawn"], before)
    with pytest.raises(CosigningRefused, match="only held signatures can be released"):
        moderation.release_signatures(statement, [standing.pk], by=secretariat)
    with pytest.raises(CosigningRefused, match="Choose at least one signature"):
        moderation.hold_signatures(statement, [], by=secretariat)


def test_a_signature_of_another_statement_cannot_be_chosen(
    opening, statement, version, secretariat
):
    signature = sign(statement, version, "a@x.example", confirm=True)

    with pytest.raises(CosigningRefused, match="not this statement's"):
        moderation.hold_signatures(statement, [signature.pk, signature.pk + 1000], by=secretariat)
    assert states(signature) == ["confirmed"]


def test_only_the_secretariat_moderates(opening, statement, version):
    signature = sign(statement, version, "a@x.example", confirm=True)
    outsider = UserFactory()
    criteria = moderation.Criteria(domain="x.example")

    with pytest.raises(CosigningRefused, match="Only the secretariat"):
        moderation.hold_signatures(statement, [signature.pk], by=outsider)
    with pytest.raises(CosigningRefused, match="Only the secretariat"):
        moderation.invalidate_in_bulk(statement, criteria, expected_count=1, by=outsider)
    assert states(signature) == ["confirmed"]


def test_the_preview_counts_by_state_and_shows_the_newest(opening, statement, version, secretariat):
    pending = sign(statement, version, "a@spam.example", at=NOW)
    confirmed = sign(statement, version, "b@sub.spam.example", at=NOW - timedelta(1), confirm=True)
    held = sign(statement, version, "c@spam.example", at=NOW - timedelta(2), confirm=True)
    moderation.hold_signatures(statement, [held.pk], by=secretariat)
    gone = sign(statement, version, "d@spam.example", confirm=True)
    withdraw_own_signature(gone)  # withdrawn by its signer: not touched
    sign(statement, version, "e@uni.example")

    preview = moderation.preview_invalidation(statement, moderation.Criteria(domain="spam.example"))

    assert (preview.count, preview.pending, preview.confirmed, preview.held) == (3, 1, 1, 1)
    assert [row.pk for row in preview.sample] == [pending.pk, confirmed.pk, held.pk]


def test_bulk_invalidation_invalidates_what_was_previewed_with_one_event_and_a_trail(
    opening, statement, version, secretariat
):
    flood = [sign(statement, version, f"p{i}@spam.example", confirm=i % 2 == 0) for i in range(5)]
    person = sign(statement, version, "ana@uni.example", confirm=True)
    criteria = moderation.Criteria(domain="spam.example")
    preview = moderation.preview_invalidation(statement, criteria)

    done = moderation.invalidate_in_bulk(
        statement, criteria, expected_count=preview.count, by=secretariat, reason="a flood"
    )

    assert done == 5
    assert states(*flood, person) == ["invalidated"] * 5 + ["confirmed"]
    assert selectors.confirmed_count(statement) == 1
    bulk = AuditEvent.objects.get(kind="individuals.invalidated_in_bulk")
    assert bulk.data == {
        "criteria": {"domain": "spam.example", "network": "", "since": "", "until": ""},
        "count": 5,
        "states": {"confirmed": 3, "pending": 2},
        "reason": "a flood",
        "signatures": [s.pk for s in flood],
    }
    # one event for the decision, not one per signature; each signature's step is its leaf
    assert not AuditEvent.objects.filter(kind="individual.invalidated").exists()
    invalidated = Leaf.objects.filter(kind="invalidated").values_list("signature", flat=True)
    assert sorted(invalidated) == [s.pk for s in flood]
    assert unexplained() == [] and verify_chain() is None


def test_bulk_invalidation_changes_nothing_when_the_count_changed(
    opening, statement, version, secretariat
):
    first = sign(statement, version, "a@spam.example")
    criteria = moderation.Criteria(domain="spam.example")
    preview = moderation.preview_invalidation(statement, criteria)
    later = sign(statement, version, "b@spam.example")  # arrives after the preview
    before = kinds()

    with pytest.raises(moderation.CountChanged, match="it is now 2") as changed:
        moderation.invalidate_in_bulk(
            statement, criteria, expected_count=preview.count, by=secretariat
        )

    assert changed.value.count == 2
    assert (states(first, later), kinds()) == (["pending", "pending"], before)


def test_bulk_invalidation_by_network_and_time_window_together(
    opening, statement, version, secretariat
):
    inside = sign(statement, version, "a@x.example", at=NOW - timedelta(minutes=5))
    too_early = sign(statement, version, "b@x.example", at=NOW - timedelta(minutes=50))
    elsewhere = sign(
        statement, version, "c@x.example", at=NOW - timedelta(minutes=5), address="::1"
    )
    criteria = moderation.Criteria(
        network=inside.network_hash[:8], since=NOW - timedelta(minutes=10), until=NOW
    )

    done = moderation.invalidate_in_bulk(statement, criteria, expected_count=1, by=secretariat)

    assert (done, states(inside, too_early, elsewhere)) == (
        1,
        ["invalidated", "pending", "pending"],
    )


def test_bulk_invalidation_needs_criteria_and_a_window_in_order(statement, secretariat):
    with pytest.raises(CosigningRefused, match="Choose a domain, a network or a time window"):
        moderation.invalidate_in_bulk(
            statement, moderation.Criteria(), expected_count=0, by=secretariat
        )
    backwards = moderation.Criteria(since=NOW, until=NOW - timedelta(hours=1))
    with pytest.raises(CosigningRefused, match="must come after its start"):
        moderation.invalidate_in_bulk(statement, backwards, expected_count=0, by=secretariat)
    with pytest.raises(CosigningRefused, match="No signature matches"):
        moderation.invalidate_in_bulk(
            statement, moderation.Criteria(domain="x.example"), expected_count=0, by=secretariat
        )


def test_bulk_invalidation_renews_the_cached_pages_and_their_count(
    opening, statement, version, secretariat
):
    """The page cache and the pages' ETags follow the content generation (the newest event):
    invalidating moves it, so no page keeps the old count."""
    sign(statement, version, "a@spam.example", confirm=True)
    before = content_generation()

    moderation.invalidate_in_bulk(
        statement, moderation.Criteria(domain="spam.example"), expected_count=1, by=secretariat
    )

    assert content_generation().seq > before.seq
    assert selectors.confirmed_count(statement) == 0
