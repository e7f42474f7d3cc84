"""One answer to "has anything changed?": the audit trail's newest event.

Every write a page, a download or the API can show records an audit event in its own
transaction — the services' writes and the admin's alike (docs/architecture.md, "One
door") — so the newest event's number changes exactly when the content does, and its time
says when. The page cache, the pages' ETags and Last-Modified, and the API all read this.
Code changes are covered by `RELEASE`, the installed version of undersigned.

One kind of write records its event later: an individual's confirmation (or withdrawal) is a
leaf of its statement's log, sealed into a batch, one audit event, by the worker within a
second or so (cosigners/services.py). The page must not wait for the worker, which during a
surge shares the cores with everything else, to show the count: such a log is *followed*
(`follow`), and its newest row's id is part of the generation. A leaf committed out of order
(a lower id after a higher one) shows at the latest with its batch's event.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

from django.db import connection
from django.db.models import Model

from undersigned.core.models import AuditEvent
from undersigned.core.rawsql import utc_datetime

try:
    RELEASE = version("undersigned")
except PackageNotFoundError:  # run from a source tree that was never installed
    RELEASE = "0"


@dataclass(frozen=True)
class Generation:
    seq: int  # the newest event's number, 0 before the first
    at: datetime | None  # and its time
    followed: tuple[int, ...] = ()  # the newest row id of each followed log, 0 if empty

    @property
    def fingerprint(self) -> str:
        return "/".join(map(str, (RELEASE, self.seq, *self.followed)))


FOLLOWED: list[type[Model]] = []


def follow(model: type[Model]) -> None:
    """Make the newest row of `model` (by its auto-incremented id) part of the generation: for
    content written without an audit event of its own, whose event comes later."""
    if model not in FOLLOWED:
        FOLLOWED.append(model)


def _newest(model: type[Model], column: str) -> str:
    """The scalar subquery of the newest row's `column`, by the primary key's index."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return f"(SELECT {quote(column)} FROM {table} ORDER BY {pk} DESC LIMIT 1)"  # noqa: S608 - names from the model


def content_generation(*, events_only: bool = False) -> Generation:
    """The newest audit event, and the newest row of each followed log unless `events_only`,
    by their primary keys: one statement of index lookups (scalar subqueries, so one row even
    before the first event). Straight SQL on the thread's connection: the page cache asks
    before Django handles the request."""
    logs = [] if events_only else FOLLOWED
    columns = [_newest(AuditEvent, "seq"), _newest(AuditEvent, "at")]
    columns += [_newest(model, model._meta.pk.column) for model in logs]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}")
        seq, at, *ids = cursor.fetchone()
    return Generation(seq or 0, utc_datetime(at), tuple(i or 0 for i in ids))
