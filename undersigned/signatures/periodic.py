"""The daily work about signatures: reminders before a signing deadline, and the secretariat's
digest of the day's signatures."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from undersigned.accounts.selectors import delegates_of, secretariat_recipients
from undersigned.accounts.services import notify
from undersigned.core import notifications
from undersigned.core.periodic import daily
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement


@daily(key="reminders")
def send_deadline_reminders(*, day: str) -> None:
    """Remind the delegates of member organizations without a signature valid for the current
    text (none, or one for an earlier major version) of a statement whose deadline is
    REMINDER_DAYS away; once per organization and deadline (`notify`)."""
    target = date.fromisoformat(day) + timedelta(days=settings.REMINDER_DAYS)
    start = timezone.make_aware(datetime.combine(target, time.min))
    for statement in Statement.objects.filter(
        signing_deadline__gte=start, signing_deadline__lt=start + timedelta(days=1)
    ):
        version = statement.current_version()
        if version is None or not statement.accepts_signatures():
            continue
        signed = (
            Signature.objects.active()
            .filter(statement=statement)
            .valid_for(version.major)
            .values("organization")
        )
        deadline = timezone.localtime(statement.signing_deadline)
        for organization in (
            Organization.objects.filter(is_member=True).exclude(pk__in=signed).order_by("pk")
        ):
            notify(
                delegates_of(Organization.objects.filter(pk=organization.pk)),
                key=f"reminder:{statement.pk}:{organization.pk}:{deadline:%Y-%m-%d}",
                template="reminder",
                context={
                    "document_id": statement.document_id,
                    "title": version.title,
                    "organization": organization.label,
                    "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
                },
                path=reverse("signatures:sign", args=[statement.pk, organization.pk]),
            )


# The digest of a day is sent once the day is over.
@daily(key="digest", days_back=1)
def send_digest(*, day: str) -> None:
    """One message to each secretariat member who prefers a digest: the day's signatures."""
    start = timezone.make_aware(datetime.combine(date.fromisoformat(day), time.min))
    signatures = Signature.objects.filter(
        signed_at__gte=start, signed_at__lt=start + timedelta(days=1)
    ).select_related("organization", "statement")
    lines = [
        f"{s.statement.document_id}: {s.organization.label} ({s.signed_at:%H:%M})"
        for s in signatures
    ]
    if not lines:
        return
    for user in secretariat_recipients(each=False):
        notifications.send_later(
            "digest",
            to=user.email,
            language=getattr(user.profile, "language", "en"),
            context={"lines": lines, "count": len(lines)},
        )
