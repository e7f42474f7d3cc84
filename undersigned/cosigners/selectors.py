"""Reads of individual co-signers: a statement's openings, the count and the list the public
sees (only confirmed signatures, only the fields the opening shows, never an address), the
signature behind a link, and the secretariat's export."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Func, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from undersigned.core.collation import sort_key
from undersigned.core.countries import country_name
from undersigned.core.tokens import split_token, verifier_matches
from undersigned.cosigners.models import (
    FIELDS,
    FieldUse,
    IndividualSignature,
    Listing,
    Opening,
    Order,
    PeopleList,
    SignerState,
)
from undersigned.cosigners.privacy import folded
from undersigned.statements.models import Statement

PER_PAGE = 100


def opening_for(statement: Statement, language: str) -> Opening | None:
    return Opening.objects.filter(statement=statement, language=language).first()


def openings_by_language(statement: Statement) -> dict[str, Opening]:
    return {opening.language: opening for opening in statement.openings.all()}


def listed_languages(statement: Statement) -> set[str]:
    """The languages whose page lists the names of a statement that someone has signed."""
    if not confirmed_count(statement):
        return set()
    return set(statement.openings.filter(listing=Listing.LISTED).values_list("language", flat=True))


def confirmed_count(statement: Statement) -> int:
    """Confirmed signatures, whatever the language they signed in (an index-only count)."""
    return IndividualSignature.objects.filter(
        statement=statement, state=SignerState.CONFIRMED
    ).count()


@dataclass(frozen=True)
class Person:
    """One name on the public list, with the fields the opening shows."""

    name: str
    affiliation: str = ""
    country: str = ""
    city: str = ""


def people_list(statement: Statement) -> PeopleList:
    """The statement's list settings: its row, else the defaults (not saved)."""
    return PeopleList.objects.filter(statement=statement).first() or PeopleList(statement=statement)


@dataclass(frozen=True)
class CountryNumber:
    code: str  # "" for the signers who gave no country
    name: str  # in the reader's language; "" for no country
    count: int


def country_numbers(statement: Statement, *, language: str, query: str = "") -> list[CountryNumber]:
    """Confirmed signers per country (those whose name contains `query`, folded), the countries
    in the collation order of their names in `language` (CLDR), those who gave none last. One
    grouped read of an index: nothing sorted but the countries themselves. COUNT(*), not of
    the id: PostgreSQL then reads the narrow index alone (3 times faster at 100,000)."""
    rows = IndividualSignature.objects.filter(statement=statement, state=SignerState.CONFIRMED)
    if query:
        rows = rows.filter(name_folded__contains=query)
    counted = rows.values_list("country").annotate(n=Count("*")).order_by()
    numbers = [
        CountryNumber(code, country_name(code, language) if code else "", n) for code, n in counted
    ]
    return sorted(numbers, key=lambda number: (not number.code, sort_key(number.name)))


class _InOrder:
    """Rows in the order of one of the list's indexes, as a sequence the paginator slices. A
    slice past the first page reads the ids alone first (the index only, skipping the entries
    before it without reading their rows), then those rows: page 500 of 100,000 costs
    PostgreSQL 50 ms instead of 280 ms sorting them all."""

    def __init__(self, rows: QuerySet, order: tuple[str, ...], columns: list[str]) -> None:
        self.rows, self.order, self.columns = rows, order, columns

    def count(self) -> int:
        return self.rows.count()

    def __getitem__(self, index: slice) -> list:
        ordered = self.rows.order_by(*self.order)
        if not index.start:
            return list(ordered.values_list(*self.columns)[index])
        ids = list(ordered.values_list("id", flat=True)[index])
        found = {
            row[0]: row[1:] for row in self.rows.filter(id__in=ids).values_list("id", *self.columns)
        }
        return [found[pk] for pk in ids]


class _ByCountry:
    """The confirmed signers of a statement by country (in `numbers`' order), by name within
    each, as a sequence the paginator slices: a slice reads only the countries it spans, each
    by the country index in name order, so no query sorts the whole list."""

    def __init__(self, rows: QuerySet, numbers: list[CountryNumber], columns: list[str]) -> None:
        self.rows, self.numbers, self.columns = rows, numbers, columns

    def count(self) -> int:
        return sum(number.count for number in self.numbers)

    def __getitem__(self, index: slice) -> list:
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        found: list = []
        offset = 0
        for number in self.numbers:
            if offset >= stop:
                break
            if offset + number.count > start:
                low, high = max(start - offset, 0), min(stop - offset, number.count)
                run = _InOrder(self.rows.filter(country=number.code), NAME_ORDER, self.columns)
                found.extend(run[low:high])
            offset += number.count
        return found


NAME_ORDER = ("name_key", "id")
TIME_ORDER = ("confirmed_at", "id")


def listed_people(
    statement: Statement,
    opening: Opening,
    *,
    query: str = "",
    page: int | str | None = 1,
    count: int | None = None,
    order: str = Order.NAME,
    language: str = "en",
    per_page: int = PER_PAGE,
    numbers: list[CountryNumber] | None = None,
) -> Page:
    """A page of confirmed signers in `order` (Order: by the coalition's collation of names,
    by country — countries by their names in `language`, then names — or by time of
    confirmation), optionally those whose name contains `query` (case and accents ignored).
    Empty for a statement that does not list names. Reads only the shown columns, by the
    list's indexes. `count`, the confirmed count the caller already has, spares the paginator
    counting them again (at 100,000 names on PostgreSQL the count is most of a page's time);
    `numbers`, the caller's `country_numbers` in `language`, the same for the order by country."""
    rows: QuerySet = IndividualSignature.objects.none()
    needle = folded(query)[:100]
    if opening.listing == Listing.LISTED:
        rows = IndividualSignature.objects.filter(statement=statement, state=SignerState.CONFIRMED)
        if needle:
            rows = rows.filter(name_folded__contains=needle)
    shown = opening.shown()
    columns = ["name", *shown]
    listed: _InOrder | _ByCountry
    if order == Order.COUNTRY and opening.listing == Listing.LISTED:
        if numbers is None or needle:
            numbers = country_numbers(statement, language=language, query=needle)
        listed = _ByCountry(rows, numbers, columns)
    else:
        listed = _InOrder(rows, TIME_ORDER if order == Order.TIME else NAME_ORDER, columns)
    paginator = Paginator(listed, per_page)
    if count is not None and not needle and opening.listing == Listing.LISTED:
        paginator.count = count  # a cached property: set, it is not computed
    result = paginator.get_page(page)
    result.object_list = [
        Person(name=row[0], **dict(zip(shown, row[1:], strict=True))) for row in result.object_list
    ]
    return result


def shows_countries(opening: Opening | None) -> bool:
    """Whether the public may see where signers come from: names listed, country shown."""
    return (
        opening is not None
        and opening.listing == Listing.LISTED
        and opening.country == FieldUse.SHOWN
    )


# What the public record counts: every state a signature reaches once confirmed (a pending
# one has been confirmed by nobody).
RECORDED_STATES = (
    SignerState.CONFIRMED,
    SignerState.HELD,
    SignerState.WITHDRAWN,
    SignerState.INVALIDATED,
)


def state_counts(statement: Statement) -> list[tuple[str, int]]:
    """(state label, count) of the statement's individual signatures past confirmation, in
    `RECORDED_STATES` order; empty when there are none. One grouped read."""
    counted = dict(
        IndividualSignature.objects.filter(statement=statement, state__in=RECORDED_STATES)
        .values_list("state")
        .annotate(n=Count("*"))
        .order_by()
    )
    if not counted:
        return []
    return [(str(SignerState(state).label), counted.get(state, 0)) for state in RECORDED_STATES]


def _by_token(token: str, selector_field: str, hash_field: str) -> IndividualSignature | None:
    parts = split_token(token)
    if parts is None:
        return None
    signature = (
        IndividualSignature.objects.filter(**{selector_field: parts[0]})
        .select_related("statement", "version")
        .first()
    )
    if signature is None or not verifier_matches(parts[1], getattr(signature, hash_field)):
        return None
    return signature


def confirmation_deadline() -> datetime:
    """Signatures given before this time can no longer be confirmed (their link expired)."""
    return timezone.now() - timedelta(days=settings.COSIGNERS_CONFIRM_DAYS)


def signature_held_before_confirming(token: str) -> IndividualSignature | None:
    """The signature a genuine, unexpired confirmation link names, if the secretariat holds it
    for review before its signer confirmed it: the link works again once it is released."""
    signature = _by_token(token, "confirm_selector", "confirm_hash")
    if signature is None or signature.state != SignerState.HELD or signature.confirmed_at:
        return None
    if signature.created_at < confirmation_deadline():
        return None
    return signature


def signature_to_confirm(token: str) -> IndividualSignature | None:
    """The signature a confirmation link names, if the link is genuine, still pending and
    not older than UNDERSIGNED_COSIGNERS_CONFIRM_DAYS."""
    signature = _by_token(token, "confirm_selector", "confirm_hash")
    if signature is None or signature.state != SignerState.PENDING:
        return None
    if signature.created_at < confirmation_deadline():
        return None
    return signature


def signature_of_receipt(token: str) -> IndividualSignature | None:
    """The signature a receipt's link names, if the link is genuine (and the data not
    deleted: deleting spends the link)."""
    return _by_token(token, "receipt_selector", "receipt_hash")


EXPORT_COLUMNS = (
    "name",
    *FIELDS,
    "email",
    "state",
    "language",
    "version",
    "version_hash",
    "signed_at",
    "confirmed_at",
)


class _IsoSeconds(Func):
    """A timestamp as ISO 8601 text to the second, in UTC (`2026-12-01T00:12:03+00:00`, what
    `isoformat(timespec="seconds")` prints), made by the database: reading 100,000 timestamps
    into Python objects only to print them again took half of the export's time."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = (
            """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""
        )
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # Stored as UTC text; each % doubled twice: once for this template, once for the query.
        template = "strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%S+00:00', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)


class _Bytewise(Func):
    """The collation key compared byte by byte. Its byte order is the coalition's collation
    (`privacy.collation_key`), so this is the list's order; PostgreSQL then sorts with memcmp
    instead of the database's locale (the export's sort took a third less)."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"', **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="%(expressions)s", **extra)


def _two_digits(field: str) -> Case:
    """A version's number as its label writes it (statements.models.Version: `02.00`)."""
    text = Cast(field, CharField())
    return Case(When(**{f"{field}__lt": 10}, then=Concat(Value("0"), text)), default=text)


def export_rows(statement: Statement) -> list[tuple[str, ...]]:
    """Every signature of a statement that still has its data, for the secretariat, in the
    list's order. Each row as the CSV prints it, made by the database (the version's label, the
    times as ISO 8601, no time as an empty cell): no model objects, nothing done again per row
    in Python. 100,000 rows took twelve seconds as objects (docs/cosigners.md, "Cost of a
    signature")."""
    rows = (
        IndividualSignature.objects.filter(statement=statement, erased_at__isnull=True)
        .order_by(_Bytewise("name_key"), "id")
        .values_list(
            "name",
            *FIELDS,
            "email",
            "state",
            "language",
            Concat(_two_digits("version__major"), Value("."), _two_digits("version__minor")),
            "version_hash",
            _IsoSeconds("created_at"),
            Coalesce(_IsoSeconds("confirmed_at"), Value("")),
        )
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The sort of 100,000 rows (some 50 MB) in memory: with the default 4 MB it went
            # to disk, for this one transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
        return list(rows)
