"""Reads of individual co-signers: a statement's openings, the count and the list the public
sees (only confirmed signatures, only the fields the opening shows, never an address), the
signature behind a link, and the secretariat's export."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from undersigned.core.tokens import split_token, verifier_matches
from undersigned.cosigners.models import (
    FIELDS,
    IndividualSignature,
    Listing,
    Opening,
    SignerState,
)
from undersigned.cosigners.privacy import folded
from undersigned.statements.models import Statement

PER_PAGE = 100


def opening_for(statement: Statement, language: str) -> Opening | None:
    return Opening.objects.filter(statement=statement, language=language).first()


def openings_by_language(statement: Statement) -> dict[str, Opening]:
    return {opening.language: opening for opening in statement.openings.all()}


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


def listed_people(
    statement: Statement,
    opening: Opening,
    *,
    query: str = "",
    page: int | str | None = 1,
    count: int | None = None,
) -> Page:
    """A page of confirmed signers in the coalition's collation, optionally those whose name
    contains `query` (case and accents ignored). Empty for a statement that does not list
    names. Reads only the shown columns, by the list's index. `count`, the confirmed count the
    caller already has, spares the paginator counting them again (at 100,000 names on
    PostgreSQL the count is most of a page's time)."""
    rows: QuerySet = IndividualSignature.objects.none()
    if opening.listing == Listing.LISTED:
        rows = IndividualSignature.objects.filter(
            statement=statement, state=SignerState.CONFIRMED
        ).order_by("name_key", "id")
        needle = folded(query)[:100]
        if needle:
            rows = rows.filter(name_folded__contains=needle)
    shown = opening.shown()
    rows = rows.values_list("name", *shown)
    paginator = Paginator(rows, PER_PAGE)
    if count is not None and not query.strip() and opening.listing == Listing.LISTED:
        paginator.count = count  # a cached property: set, it is not computed
    result = paginator.get_page(page)
    result.object_list = [
        Person(name=row[0], **dict(zip(shown, row[1:], strict=True))) for row in result.object_list
    ]
    return result


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


def export_rows(statement: Statement) -> list[list[str]]:
    """Every signature of a statement that still has its data, for the secretariat."""
    rows = (
        IndividualSignature.objects.filter(statement=statement, erased_at__isnull=True)
        .select_related("version")
        .order_by("name_key", "id")
    )
    return [
        [
            row.name,
            row.affiliation,
            row.country,
            row.city,
            row.email,
            row.state,
            row.language,
            row.version.label,
            row.version_hash,
            row.created_at.isoformat(timespec="seconds"),
            row.confirmed_at.isoformat(timespec="seconds") if row.confirmed_at else "",
        ]
        for row in rows
    ]
