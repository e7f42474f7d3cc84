"""Whom a change of state tells, and what: called by `set_statement_state` in its transaction.

- consultation: the delegates of member organizations (those who may comment), with a link
  to the consultation page;
- open: the delegates of each member organization, per organization, with a link to its
  signing page;
- published: the delegates of the organizations whose signature stands, with a link to the
  public page.

Organizations outside the coalition hear of a statement by an invitation to sign it. Each
occasion is told once (`accounts.services.notify`): opening the same text for consultation a
second time tells nobody again; a changed text does.
"""

from django.urls import reverse
from django.utils import timezone

from undersigned.accounts.models import Delegation
from undersigned.accounts.selectors import delegates_of
from undersigned.accounts.services import notify
from undersigned.organizations.models import Organization
from undersigned.statements.models import State, Statement


def statement_context(statement: Statement) -> dict[str, str]:
    """What every message about a statement names: its number (once it has one), title,
    version and signing deadline, as plain values."""
    version = statement.current_version()
    deadline = statement.signing_deadline
    return {
        "document_id": statement.document_id,
        "title": version.title if version else "",
        "version": version.label if version else "",
        "deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M") if deadline else "",
    }


def announce_state(statement: Statement) -> None:
    """Tell the people concerned that the statement has just reached its state."""
    context = statement_context(statement)
    if statement.state == State.CONSULTATION:
        notify(
            delegates_of(Organization.objects.filter(is_member=True)),
            key=f"consultation:{statement.pk}:{context['version']}",
            template="consultation_opened",
            context=context,
            path=reverse("drafting:statement", args=[statement.pk]),
        )
    elif statement.state == State.OPEN:
        delegations = (
            Delegation.objects.active()
            .filter(organization__is_member=True, user__is_active=True)
            .select_related("organization", "user__profile")
            .order_by("organization__abbreviation", "user_id")
        )
        by_organization: dict[Organization, list] = {}
        for delegation in delegations:
            by_organization.setdefault(delegation.organization, []).append(delegation.user)
        for organization, users in by_organization.items():
            notify(
                users,
                key=f"signing:{statement.pk}:{organization.pk}",
                template="signing_opened",
                context={**context, "organization": organization.label},
                path=reverse("signatures:sign", args=[statement.pk, organization.pk]),
            )
    elif statement.state == State.PUBLISHED:
        # The signatures' own rule of a standing signature (`SignatureQuerySet.active`),
        # reached through the relation: this layer does not import the one above it.
        signed = statement.signatures.active().values("organization")
        notify(
            delegates_of(Organization.objects.filter(pk__in=signed)),
            key=f"published:{statement.pk}",
            template="published",
            context=context,
            path=reverse("publishing:statement", args=[statement.document_id]),
        )
