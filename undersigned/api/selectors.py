"""Reads the API needs beyond the apps' own selectors."""

from datetime import UTC, datetime

from django.contrib.admin.models import LogEntry
from django.db.models import F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization, OrganizationTranslation
from undersigned.signatures.models import Signature
from undersigned.statements.models import PUBLIC_STATES, Statement, Version

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def last_change() -> datetime:
    """The time of the latest change anything public could reflect: the audit trail records
    versions, state changes and signatures; the admin's log records edits of organizations and
    the coalition's settings; a statement's own time covers the rest."""
    times = [
        AuditEvent.objects.aggregate(at=Max("at"))["at"],
        LogEntry.objects.aggregate(at=Max("action_time"))["at"],
        Statement.objects.filter(state__in=PUBLIC_STATES).aggregate(at=Max("updated_at"))["at"],
    ]
    return max((t for t in times if t is not None), default=EPOCH)


def listed_signatures() -> QuerySet[Signature]:
    """Signatures on the printed list of a published statement: active, and given to (or
    carried over to) the current major version of the original text, as in
    `signatures.selectors.public_signatures`, for all statements at once."""
    current_major = Subquery(
        Version.objects.filter(
            statement=OuterRef("statement"), language=OuterRef("statement__original_language")
        )
        .order_by("-major")
        .values("major")[:1]
    )
    return (
        Signature.objects.filter(
            statement__state__in=PUBLIC_STATES,
            statement__number__isnull=False,
            withdrawn_at__isnull=True,
            replaced_at__isnull=True,
        )
        .annotate(current_major=current_major)
        .filter(Q(version__major=F("current_major")) | Q(carried_over_major=F("current_major")))
    )


def public_organizations() -> QuerySet[Organization]:
    """Organizations on the list of signatories of at least one published statement."""
    return (
        Organization.objects.filter(pk__in=listed_signatures().values("organization"))
        .prefetch_related(
            Prefetch("translations", queryset=OrganizationTranslation.objects.order_by("language"))
        )
        .order_by("abbreviation", "pk")
    )
