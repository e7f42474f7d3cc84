"""Reads of statements."""

import re

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from undersigned.core.models import Coalition
from undersigned.statements.models import PUBLIC_STATES, Statement, Version


def _current_major() -> Subquery:
    return Subquery(
        Version.objects.filter(statement=OuterRef("pk"), language=OuterRef("original_language"))
        .order_by("-major")
        .values("major")[:1]
    )


def public_statements() -> QuerySet[Statement]:
    """Published (and closed) statements, newest first, with their signatory count."""
    return (
        Statement.objects.filter(state__in=PUBLIC_STATES, number__isnull=False)
        .annotate(current_major=_current_major())
        .annotate(
            signatory_count=Count(
                "signatures",
                filter=Q(
                    signatures__withdrawn_at__isnull=True, signatures__replaced_at__isnull=True
                )
                & (
                    Q(signatures__version__major=F("current_major"))
                    | Q(signatures__carried_over_major=F("current_major"))
                ),
            )
        )
        .prefetch_related(Prefetch("versions", queryset=Version.objects.order_by("major", "minor")))
        .order_by("-published_at", "-number")
    )


def number_from_document_id(document_id: str, coalition: Coalition) -> int | None:
    match = re.fullmatch(re.escape(coalition.prefix) + r"(\d+)", document_id.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def get_public_statement(document_id: str) -> Statement:
    """The published statement with this document id ("ICOR00359"), or 404."""
    number = number_from_document_id(document_id, Coalition.load())
    if number is None:
        raise Http404("No such statement")
    try:
        return Statement.objects.prefetch_related("versions").get(
            number=number, state__in=PUBLIC_STATES
        )
    except Statement.DoesNotExist:
        raise Http404("No such statement") from None
