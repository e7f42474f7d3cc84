"""The register as the secretariat keeps it: finding organizations, what one holds, and merging
two that are the same.

Merging lives here, not in `organizations`, because it moves the rows of every layer that
points at an organization — signatures, delegations, invitations, requests, comments and
amendments — and `drafting` is the lowest layer that sees them all (the register sits at the
bottom and imports none of them). Adding and changing an organization are
`organizations.services`; giving and ending a delegate's role are `accounts.services`.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.models import DelegateRequest, Delegation, Invitation
from undersigned.accounts.services import revoke_delegation
from undersigned.core.audit import record_event
from undersigned.core.countries import country_data, normalize
from undersigned.core.events import EventKind
from undersigned.drafting.models import Amendment, Comment
from undersigned.organizations.models import Organization, OrganizationTranslation
from undersigned.organizations.ordering import collated
from undersigned.organizations.services import FIELDS
from undersigned.signatures.models import Signature, standing


class MergeRefused(Exception):
    """The merge cannot be made; the message says why, for a person."""


# The filter's value for the organizations that work in no one country (their country empty).
INTERNATIONAL = "international"


def matching_organizations(
    query: str = "", *, country: str = "", member: bool | None = None
) -> list[Organization]:
    """The register, searched by words of a name (own or translated) or an abbreviation, or
    by a country's code or any of its names in any language; in the coalition's collation."""
    organizations = Organization.objects.all()
    query = query.strip()
    if query:
        words = normalize(query)
        codes = {
            code
            for key, found in country_data().index.items()
            if words and key.startswith(words)
            for code in found
        }
        # The list shows "international" where a country would be: typed, it finds them.
        international = bool(words) and any(
            normalize(word).startswith(words) for word in (INTERNATIONAL, _("international"))
        )
        matches = (
            Q(name__icontains=query)
            | Q(abbreviation__icontains=query)
            | Q(translations__name__icontains=query)
            | Q(country__iexact=query)
            | Q(country__in=codes)
        )
        if international:
            matches |= Q(country="")
        organizations = organizations.filter(matches).distinct()
    if country:
        organizations = organizations.filter(country="" if country == INTERNATIONAL else country)
    if member is not None:
        organizations = organizations.filter(is_member=member)
    return collated(organizations)


def countries_in_register() -> list[str]:
    """The countries of the register's organizations; `INTERNATIONAL` if some have none."""
    codes = set(Organization.objects.values_list("country", flat=True))
    return sorted(code or INTERNATIONAL for code in codes)


def delegations_of(organization: Organization) -> QuerySet[Delegation]:
    """Every delegation, current and ended, newest first, with who holds it."""
    return organization.delegations.select_related("user").order_by("revoked_at", "-granted_at")


def open_invitations_of(organization: Organization) -> list[Invitation]:
    invitations = organization.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return list(invitations.order_by("-created_at"))


def signatures_of(organization: Organization) -> QuerySet[Signature]:
    """Every signature it gave, newest first; each statement named by its title (prefetched,
    so the page costs the same queries for one signature or three hundred)."""
    return (
        organization.signatures.select_related("statement", "version")
        .prefetch_related("statement__versions")
        .order_by("-signed_at")
    )


@dataclass
class MergePreview:
    """What a merge moves from `merged` to `kept`, and why it would be refused."""

    kept: Organization
    merged: Organization
    signatures: int = 0
    delegations: int = 0
    invitations: int = 0
    requests: int = 0
    comments: int = 0
    amendments: int = 0
    translations: list[str] = field(default_factory=list)  # languages moved
    dropped_translations: list[str] = field(default_factory=list)  # the kept one has its own
    refusals: list[str] = field(default_factory=list)


def preview_merge(kept: Organization, *, merged: Organization) -> MergePreview:
    """What merging `merged` into `kept` would move; `refusals` says what stops it."""
    preview = MergePreview(kept=kept, merged=merged)
    if kept.pk == merged.pk:
        preview.refusals.append(_("An organization cannot be merged into itself."))
        return preview
    both = (
        Signature.objects.filter(standing(), organization=kept)
        .filter(
            statement__in=Signature.objects.filter(standing(), organization=merged).values(
                "statement"
            )
        )
        .select_related("statement")
        .order_by("statement__pk")
    )
    for signature in both:
        name = str(signature.statement)
        preview.refusals.append(
            _(
                "Both organizations signed “%(statement)s”: the merge would leave two "
                "signatures of one organization. Withdraw one of them first."
            )
            % {"statement": name}
        )
    preview.signatures = merged.signatures.count()
    preview.delegations = merged.delegations.active().count()
    preview.invitations = merged.invitations.count()
    preview.requests = DelegateRequest.objects.filter(organization=merged).count()
    preview.comments = Comment.objects.filter(organization=merged).count()
    preview.amendments = Amendment.objects.filter(organization=merged).count()
    own = set(kept.translations.values_list("language", flat=True))
    for language in merged.translations.order_by("language").values_list("language", flat=True):
        (preview.dropped_translations if language in own else preview.translations).append(language)
    return preview


@transaction.atomic
def merge_organizations(
    kept: Organization, *, merged: Organization, by: AbstractBaseUser
) -> Organization:
    """Merge `merged` into `kept`, the same organization entered twice: its signatures,
    delegations, invitations, requests, comments, amendments and the translated names `kept`
    lacks move to `kept`; then `merged` is deleted.

    Raises `MergeRefused` when both stand as signatories of one statement (naming it), or
    when a row of a kind this function does not know still points at `merged`. Side
    effects: a `delegate.revoked` event for a person who acted for both (the delegation of
    `kept` stays), one `organization.merged` event that keeps every field of `merged` and
    the ids of the signatures moved (`verify-audit` reads them).
    """
    kept = Organization.objects.select_for_update().get(pk=kept.pk)
    merged = Organization.objects.select_for_update().get(pk=merged.pk)
    preview = preview_merge(kept, merged=merged)
    if preview.refusals:
        raise MergeRefused(" ".join(preview.refusals))
    now = timezone.now()
    for delegation in merged.delegations.active().filter(
        user__in=kept.delegations.active().values("user")
    ):
        revoke_delegation(delegation, by=by)
    DelegateRequest.objects.filter(
        organization=merged,
        decided_at__isnull=True,
        user__in=DelegateRequest.objects.filter(organization=kept, decided_at__isnull=True).values(
            "user"
        ),
    ).update(decided_at=now, decided_by=by, approved=False, reason="merged")
    signatures = list(merged.signatures.order_by("pk").values_list("pk", flat=True))
    Signature.objects.filter(pk__in=signatures).update(organization=kept)
    moved = {
        "delegations": Delegation.objects.filter(organization=merged).update(organization=kept),
        "invitations": Invitation.objects.filter(organization=merged).update(organization=kept),
        "requests": DelegateRequest.objects.filter(organization=merged).update(organization=kept),
        "comments": Comment.objects.filter(organization=merged).update(organization=kept),
        "amendments": Amendment.objects.filter(organization=merged).update(organization=kept),
    }
    names = {t.language: t.name for t in merged.translations.all()}
    OrganizationTranslation.objects.filter(
        organization=merged, language__in=preview.translations
    ).update(organization=kept)
    _refuse_what_still_points_at(merged)
    record = {f: getattr(merged, f) for f in FIELDS}
    merged_pk = merged.pk
    merged.delete()  # its translations that `kept` already has in their language go with it
    record_event(
        EventKind.ORGANIZATION_MERGED,
        actor=by,
        organization=kept,
        data={
            "merged": merged_pk,
            "fields": record,
            "translations": names,
            "signatures": signatures,
            **moved,
        },
    )
    return kept


def _refuse_what_still_points_at(organization: Organization) -> None:
    """Deleting the merged organization would cascade to rows nobody moved: a model added
    later with a key to organizations stops the merge until this module moves its rows."""
    for relation in Organization._meta.related_objects:
        if relation.related_model is OrganizationTranslation:
            continue
        rows = relation.related_model._default_manager.filter(**{relation.field.name: organization})
        if rows.exists():
            raise MergeRefused(
                _("Rows of %(kind)s still belong to %(organization)s; nothing was merged.")
                % {
                    "kind": relation.related_model._meta.verbose_name,
                    "organization": organization.label,
                }
            )
