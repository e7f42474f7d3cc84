"""Permission through one door: every view asks here who may do what."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from undersigned.accounts.models import Delegation
from undersigned.organizations.models import Organization

SECRETARIAT_PERMISSION = "core.act_as_secretariat"


def is_secretariat(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SECRETARIAT_PERMISSION))


def represented_organizations(
    user: AbstractBaseUser | AnonymousUser | None,
) -> QuerySet[Organization]:
    if not user or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        delegations__user=user, delegations__revoked_at__isnull=True
    ).distinct()


def represents(user: AbstractBaseUser | None, organization: Organization) -> bool:
    return bool(
        user
        and user.is_authenticated
        and Delegation.objects.active().filter(user=user, organization=organization).exists()
    )


def get_organization_for_delegate(request: HttpRequest, organization_id: int) -> Organization:
    """The organization, if the signed-in person represents it; 404 otherwise, so an outsider
    learns nothing about which organizations exist behind the URL."""
    organization = represented_organizations(request.user).filter(pk=organization_id).first()
    if organization is None:
        raise Http404("No such organization")
    return organization


def require_secretariat(request: HttpRequest) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied("The secretariat only")
