"""The secretariat's moderation of individual co-signers: trends (signatures per minute, by
e-mail domain and by network), holding and releasing signatures, and invalidating them in bulk
after a preview of how many it would touch.

The selectors aggregate in the database (a few GROUP BY queries over the `cosigner_time` and
`cosigner_domain` indexes, whatever the number of signatures). The services change each
signature through `services._set_state`, the one place a signature's state changes, so that
every signature keeps its own trail; invalidating in bulk also records one event with the
criteria and the count. A network is never shown as an address (none is kept): only as a short
label cut from the keyed hash of its network, stable for as long as the hash is kept."""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, DateTimeField, Func, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.permissions import is_secretariat
from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.core.rawsql import fetch_all
from undersigned.cosigners.addresses import email_domain
from undersigned.cosigners.models import IndividualSignature, SignerState
from undersigned.cosigners.privacy import folded
from undersigned.cosigners.services import CosigningRefused, _set_state, moderate_signature
from undersigned.statements.models import Statement

LABEL_LENGTH = 8  # hex digits of a network's keyed hash shown as its label: 32 bits
PER_PAGE = 50
SAMPLE = 20
TOP = 10
BAR_STEPS = 20  # a bar's width in steps of 5 % (CSS classes, no inline style under the CSP)

# What bulk invalidation touches: the signatures that stand or may come to stand.
INVALIDATABLE = (SignerState.PENDING, SignerState.CONFIRMED, SignerState.HELD)


@dataclass(frozen=True)
class Window:
    """A trends window: how far back, and how wide each bar of the timeline is."""

    name: str
    span: timedelta
    bucket_minutes: int


WINDOWS = {
    "hour": Window("hour", timedelta(hours=1), 1),
    "day": Window("day", timedelta(hours=24), 10),
}

DOMAIN = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")
LABEL = re.compile(rf"[0-9a-f]{{{LABEL_LENGTH},64}}")


class Minute(Func):
    """The minute a time falls in, computed by the database itself. Django's TruncMinute calls
    a Python function per row on SQLite, and converts time zones per row on PostgreSQL: these
    take a third of the time at 100,000 rows (docs/cosigners.md). Minutes in UTC: a bar of the
    timeline starts on a whole minute (or ten) in every time zone of whole hours or halves."""

    output_field = DateTimeField()

    def as_sqlite(self, compiler, connection, **extra):  # stored as "YYYY-MM-DD HH:MM:SS…" in UTC
        return self.as_sql(compiler, connection, template="SUBSTR(%(expressions)s, 1, 16)")

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="DATE_TRUNC('minute', %(expressions)s)")


def network_label(network_hash: str) -> str:
    return network_hash[:LABEL_LENGTH]


def clean_domain(value: str) -> str:
    """An e-mail domain as the signatures hold it (lower case, ASCII), from what a person typed
    ("@Example.org", "example.org."); refused when it is not a domain."""
    domain = email_domain("x@" + value.strip().lstrip("@"))
    if not DOMAIN.fullmatch(domain):
        raise CosigningRefused(_("“%(value)s” is not an e-mail domain.") % {"value": value})
    return domain


def clean_label(value: str) -> str:
    label = value.strip().lower()
    if not LABEL.fullmatch(label):
        raise CosigningRefused(
            _("A network is named by its label as shown: %(n)s or more digits and letters a–f.")
            % {"n": LABEL_LENGTH}
        )
    return label


def _bar(value: int, peak: int) -> int:
    if not value or not peak:
        return 0
    return max(1, round(value * BAR_STEPS / peak))


@dataclass(frozen=True)
class Criteria:
    """Which signatures of a statement a bulk invalidation means; every given part must hold.
    `domain` includes its subdomains; `network` is a label (a prefix of the keyed hash); the
    time window is on when the signature was given, `since` included, `until` not."""

    domain: str = ""
    network: str = ""
    since: datetime | None = None
    until: datetime | None = None

    def is_empty(self) -> bool:
        return not (self.domain or self.network or self.since or self.until)

    def filter(self) -> Q:
        condition = Q()
        if self.domain:
            condition &= Q(email_domain=self.domain) | Q(email_domain__endswith="." + self.domain)
        if self.network:
            condition &= Q(network_hash__startswith=self.network)
        if self.since:
            condition &= Q(created_at__gte=self.since)
        if self.until:
            condition &= Q(created_at__lt=self.until)
        return condition

    def to_data(self) -> dict[str, str]:
        """As the audit event and the confirming form carry it."""
        return {
            "domain": self.domain,
            "network": self.network,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }


def matching(statement: Statement, criteria: Criteria) -> QuerySet:
    """The statement's signatures a bulk invalidation with these criteria would touch."""
    return IndividualSignature.objects.filter(
        criteria.filter(), statement=statement, state__in=INVALIDATABLE
    )


@dataclass(frozen=True)
class Row:
    """One signature as the secretariat sees it in moderation: never the address."""

    pk: int
    name: str
    domain: str
    network: str
    state: str
    state_label: str
    language: str
    created_at: datetime


ROW_FIELDS = ("pk", "name", "email_domain", "network_hash", "state", "language", "created_at")


def _rows(rows: Iterable[tuple]) -> list[Row]:
    labels = dict(SignerState.choices)
    return [
        Row(
            pk=pk,
            name=name,
            domain=domain,
            network=network_label(network),
            state=state,
            state_label=str(labels.get(state, state)),
            language=language,
            created_at=created_at,
        )
        for pk, name, domain, network, state, language, created_at in rows
    ]


def recent_signatures(
    statement: Statement,
    *,
    name: str = "",
    domain: str = "",
    network: str = "",
    state: str = "",
    page: int | str | None = 1,
) -> Page:
    """The statement's signatures, newest first, 50 a page; optionally those whose name
    contains `name` (case and accents ignored), of an e-mail domain (and its subdomains), of a
    network (by its label), in a state. Raises CosigningRefused for a domain or label that is
    not one."""
    criteria = Criteria(
        domain=clean_domain(domain) if domain.strip() else "",
        network=clean_label(network) if network.strip() else "",
    )
    rows = IndividualSignature.objects.filter(criteria.filter(), statement=statement)
    needle = folded(name)[:100]
    if needle:
        rows = rows.filter(name_folded__contains=needle)
    if state in SignerState.values:
        rows = rows.filter(state=state)
    rows = rows.order_by("-created_at", "-pk").values_list(*ROW_FIELDS)
    result = Paginator(rows, PER_PAGE).get_page(page)
    result.object_list = _rows(result.object_list)
    return result


@dataclass(frozen=True)
class Bucket:
    """One bar of the timeline: the signatures given in it, by the state they are in now."""

    start: datetime
    pending: int
    confirmed: int
    held: int
    other: int  # withdrawn or invalidated since
    bar: int

    @property
    def total(self) -> int:
        return self.pending + self.confirmed + self.held + self.other


@dataclass(frozen=True)
class Source:
    """An e-mail domain or a network (by its label) among the window's signatures."""

    key: str
    total: int
    pending: int
    confirmed: int
    held: int
    peak: int  # most signatures in one minute
    bar: int


@dataclass(frozen=True)
class Trends:
    window: Window
    since: datetime
    buckets: list[Bucket]
    domains: list[Source]
    networks: list[Source]
    states: dict[str, int] = field(default_factory=dict)  # the whole statement, by state
    total: int = 0  # in the window
    peak: int = 0  # most in one minute, in the window

    @property
    def busy(self) -> list[Bucket]:
        """The buckets with signatures, newest first: what the page lists (an hour of mostly
        empty minutes was sixty rows to scroll on a phone)."""
        return [bucket for bucket in self.buckets if bucket.total]


def _sources(rows: QuerySet, column: str, top: int, label=lambda key: key) -> list[Source]:
    """The `top` values of `column` among `rows` by their number of signatures, with their
    states and their busiest minute, in one scan: the ORM groups by value and minute, and an
    outer query (which the ORM cannot write: a GROUP BY over a subquery) sums the minutes of
    each value and keeps the busiest."""
    per_minute = (
        rows.annotate(minute=Minute("created_at"))
        .values(column, "minute")
        .annotate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(state=SignerState.PENDING)),
            confirmed=Count("pk", filter=Q(state=SignerState.CONFIRMED)),
            held=Count("pk", filter=Q(state=SignerState.HELD)),
        )
        .order_by()
    )
    inner, params = per_minute.query.sql_with_params()
    counted = fetch_all(
        f"SELECT {column}, SUM(total), SUM(pending), SUM(confirmed), SUM(held), MAX(total)"  # noqa: S608 - a column name of ours and the ORM's own SQL
        f" FROM ({inner}) AS per_minute GROUP BY {column} ORDER BY 2 DESC, 1 LIMIT %s",
        (*params, top),
    )
    most = int(counted[0][1]) if counted else 0
    return [
        Source(
            key=label(key),
            total=int(total),
            pending=int(pending),
            confirmed=int(confirmed),
            held=int(held),
            peak=int(peak),
            bar=_bar(int(total), most),
        )
        for key, total, pending, confirmed, held, peak in counted
    ]


def trends(
    statement: Statement, *, window: str = "hour", now: datetime | None = None, top: int = TOP
) -> Trends:
    """Signatures of a statement over the last hour (a bar a minute) or the last 24 hours (a bar
    per ten minutes), by the state they are in now; the top e-mail domains and networks of that
    window; and the whole statement's signatures by state. Aggregated in the database: three
    scans of the window and five index counts (measured in docs/cosigners.md)."""
    chosen = WINDOWS.get(window, WINDOWS["hour"])
    now = now or timezone.now()
    width = timedelta(minutes=chosen.bucket_minutes)
    # Bars start on whole minutes (or tens of minutes), the newest holding the current one.
    end = now.replace(second=0, microsecond=0)
    end -= timedelta(minutes=end.minute % chosen.bucket_minutes)
    count = int(chosen.span / width)
    first = end - width * (count - 1)
    rows = IndividualSignature.objects.filter(
        statement=statement, created_at__gte=first, created_at__lt=end + width
    )

    per_minute = (
        rows.annotate(minute=Minute("created_at"))
        .values_list("minute", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells: dict[datetime, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    minutes: dict[datetime, int] = defaultdict(int)
    for minute, state, n in per_minute:
        minutes[minute] += n
        index = min(count - 1, int((minute - first) / width))
        cells[first + width * index][state] += n
    totals = {start: sum(by_state.values()) for start, by_state in cells.items()}
    highest = max(totals.values(), default=0)
    buckets = []
    for index in reversed(range(count)):  # newest first
        start = first + width * index
        by_state = cells.get(start, {})
        pending = by_state.get(SignerState.PENDING, 0)
        confirmed = by_state.get(SignerState.CONFIRMED, 0)
        held = by_state.get(SignerState.HELD, 0)
        buckets.append(
            Bucket(
                start=start,
                pending=pending,
                confirmed=confirmed,
                held=held,
                other=totals.get(start, 0) - pending - confirmed - held,
                bar=_bar(totals.get(start, 0), highest),
            )
        )
    # One count per state, each within the list's index: a GROUP BY over the whole statement
    # reads every row (130 ms at 100,000 on PostgreSQL, against 30 ms for the five).
    of_statement = IndividualSignature.objects.filter(statement=statement)
    states = {state: of_statement.filter(state=state).count() for state in SignerState.values}
    return Trends(
        window=chosen,
        since=first,
        buckets=buckets,
        # A signer who deleted their data left no domain: nothing there to see or invalidate.
        domains=_sources(rows.exclude(email_domain=""), "email_domain", top),
        networks=_sources(rows.exclude(network_hash=""), "network_hash", top, network_label),
        states=states,
        total=sum(totals.values()),
        peak=max(minutes.values(), default=0),
    )


@dataclass(frozen=True)
class Preview:
    """What a bulk invalidation would touch: how many, by state, and the newest of them."""

    criteria: Criteria
    count: int
    pending: int
    confirmed: int
    held: int
    sample: list[Row]


def preview_invalidation(statement: Statement, criteria: Criteria) -> Preview:
    rows = matching(statement, criteria)
    by_state = dict(rows.values_list("state").annotate(n=Count("pk")).order_by())
    sample = rows.order_by("-created_at", "-pk").values_list(*ROW_FIELDS)[:SAMPLE]
    return Preview(
        criteria=criteria,
        count=sum(by_state.values()),
        pending=by_state.get(SignerState.PENDING, 0),
        confirmed=by_state.get(SignerState.CONFIRMED, 0),
        held=by_state.get(SignerState.HELD, 0),
        sample=_rows(sample),
    )


class CountChanged(CosigningRefused):
    """The signatures matching the criteria are no longer as many as the preview said."""

    def __init__(self, count: int) -> None:
        super().__init__(
            _("The number of signatures changed since the preview: it is now %(count)s.")
            % {"count": count}
        )
        self.count = count


def _require_secretariat(by: AbstractBaseUser | None) -> None:
    if not is_secretariat(by):
        raise CosigningRefused(_("Only the secretariat can do this."))


def _chosen(statement: Statement, ids: Iterable[int]) -> list[IndividualSignature]:
    ids = sorted(set(ids))
    if not ids:
        raise CosigningRefused(_("Choose at least one signature."))
    signatures = list(
        IndividualSignature.objects.select_for_update()
        .filter(statement=statement, pk__in=ids)
        .order_by("pk")
    )
    if len(signatures) != len(ids):
        raise CosigningRefused(_("One of the signatures chosen is not this statement's."))
    return signatures


@transaction.atomic
def hold_signatures(
    statement: Statement, signature_ids: Iterable[int], *, by: AbstractBaseUser, reason: str = ""
) -> int:
    """Hold pending or confirmed signatures for moderation: not counted or shown while held.
    All or none: one that cannot be held refuses the whole choice. Returns how many.

    Side effects: an `individual.held` audit event for each, with the reason.
    """
    _require_secretariat(by)
    signatures = _chosen(statement, signature_ids)
    for signature in signatures:
        if signature.state not in (SignerState.PENDING, SignerState.CONFIRMED):
            raise CosigningRefused(
                _("%(name)s is %(state)s: only pending or confirmed signatures can be held.")
                % {
                    "name": signature.name or f"#{signature.pk}",
                    "state": signature.get_state_display(),
                }
            )
        moderate_signature(signature, to=SignerState.HELD, by=by, reason=reason)
    return len(signatures)


@transaction.atomic
def release_signatures(
    statement: Statement, signature_ids: Iterable[int], *, by: AbstractBaseUser, reason: str = ""
) -> int:
    """Release held signatures to the state they were held from: confirmed if their signer had
    confirmed, else waiting for the signer (their link works again). All or none. Returns how
    many.

    Side effects: an `individual.released` audit event for each, with the state it returns to.
    """
    _require_secretariat(by)
    signatures = _chosen(statement, signature_ids)
    for signature in signatures:
        if signature.state != SignerState.HELD:
            raise CosigningRefused(
                _("%(name)s is not held: only held signatures can be released.")
                % {"name": signature.name or f"#{signature.pk}"}
            )
        to = SignerState.CONFIRMED if signature.confirmed_at else SignerState.PENDING
        _set_state(signature, to=to, by=by, data={"reason": reason, "to": str(to)})
    return len(signatures)


CHUNK = 500


@transaction.atomic
def invalidate_in_bulk(
    statement: Statement,
    criteria: Criteria,
    *,
    expected_count: int,
    by: AbstractBaseUser,
    reason: str = "",
) -> int:
    """Invalidate every pending, confirmed or held signature of the statement that matches the
    criteria, as previewed: if they are no longer `expected_count` (new signatures came, or
    some were withdrawn), nothing is done and CountChanged says how many match now. Returns how
    many were invalidated.

    Side effects: one `individuals.invalidated_in_bulk` audit event with the criteria, the count
    by state and the reason; then an `individual.invalidated` event for each signature, naming
    the bulk event. The content generation moves, so cached pages and counts are renewed.
    """
    _require_secretariat(by)
    if criteria.is_empty():
        raise CosigningRefused(_("Choose a domain, a network or a time window."))
    if criteria.since and criteria.until and criteria.until <= criteria.since:
        raise CosigningRefused(_("The end of the time window must come after its start."))
    rows = matching(statement, criteria).select_for_update().order_by("pk")
    found = list(rows.values_list("pk", "state"))
    if len(found) != expected_count:
        raise CountChanged(len(found))
    if not found:
        raise CosigningRefused(_("No signature matches these criteria."))
    by_state: dict[str, int] = defaultdict(int)
    for _pk, state in found:
        by_state[state] += 1
    ids = [pk for pk, _state in found]
    record_event(
        EventKind.INDIVIDUALS_INVALIDATED_IN_BULK,
        actor=by,
        statement=statement,
        data={
            "criteria": criteria.to_data(),
            "count": len(found),
            "states": dict(sorted(by_state.items())),
            "reason": reason,
            "signatures": ids,
        },
    )
    for start in range(0, len(ids), CHUNK):
        chunk = IndividualSignature.objects.filter(pk__in=ids[start : start + CHUNK])
        for signature in chunk.select_related("statement").order_by("pk"):
            # The bulk event above is the decision; each signature's leaf records its step.
            _set_state(signature, to=SignerState.INVALIDATED, by=by, decided=False)
    return len(ids)
