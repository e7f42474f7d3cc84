"""Reads about people."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db.models import Q, QuerySet

from undersigned.accounts.models import DelegateRequest, Invitation, Notice, Profile
from undersigned.organizations.models import Organization


def account_named(identifier: str) -> AbstractBaseUser | None:
    """The account with this e-mail address (when it holds an @) or user name, any case."""
    users = get_user_model().objects
    if "@" in identifier:
        return users.filter(email__iexact=identifier).order_by("pk").first()
    return users.filter(username__iexact=identifier).first()


def secretariat_users() -> QuerySet[AbstractBaseUser]:
    permission = Permission.objects.filter(
        codename="act_as_secretariat", content_type__app_label="core"
    ).first()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .distinct()
    )


def secretariat_recipients(*, each: bool) -> list[AbstractBaseUser]:
    """Secretariat members with an address who want a message per signature (each=True) or a
    daily digest (each=False)."""
    wanted = Profile.Notify.EACH if each else Profile.Notify.DIGEST
    users = secretariat_users().exclude(email="").select_related("profile")
    result = []
    for user in users:
        preference = getattr(
            getattr(user, "profile", None), "secretariat_notifications", Profile.Notify.EACH
        )
        if preference == wanted:
            result.append(user)
    return result


def language_of(user: AbstractBaseUser) -> str:
    """The language the person reads their messages in (their preference; English without)."""
    profile = getattr(user, "profile", None)
    return profile.language if profile else "en"


def delegates_of(organizations: QuerySet[Organization]) -> QuerySet[AbstractBaseUser]:
    """The active people who act for any of the organizations now, each once."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            delegations__organization__in=organizations,
            delegations__revoked_at__isnull=True,
        )
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )


def secretariat_to_tell() -> list[AbstractBaseUser]:
    """Secretariat members who take messages: every one with an address, except those who
    asked for none."""
    users = secretariat_users().exclude(email="").select_related("profile").order_by("pk")
    return [
        user
        for user in users
        if getattr(getattr(user, "profile", None), "secretariat_notifications", "")
        != Profile.Notify.NONE
    ]


def recent_notices(user: AbstractBaseUser, *, limit: int = 20) -> list[Notice]:
    """What the person was told lately, newest first (their home page)."""
    return list(Notice.objects.filter(user=user).order_by("-created_at", "-pk")[:limit])


def unread_notice_count(user: AbstractBaseUser) -> int:
    """How many of the person's notices they have not opened (the header shows it)."""
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notice_of(user: AbstractBaseUser, notice_id: int) -> Notice | None:
    """One of the person's own notices; None for anyone else's (nobody learns they exist)."""
    return Notice.objects.filter(user=user, pk=notice_id).first()


def open_invitations_for(user: AbstractBaseUser) -> list[Invitation]:
    """Invitations addressed to the person's e-mail that can still be accepted: someone
    who already has an account sees them on their home page."""
    if not user.email:
        return []
    invitations = (
        Invitation.objects.filter(email__iexact=user.email)
        .select_related("organization")
        .order_by("-created_at")
    )
    return [invitation for invitation in invitations if invitation.is_usable]


def pending_requests() -> QuerySet[DelegateRequest]:
    """Requests to represent an organization that wait for the secretariat's decision, oldest
    first (the person and the organization with them)."""
    return (
        DelegateRequest.objects.filter(decided_at__isnull=True)
        .select_related("user", "organization")
        .order_by("created_at", "pk")
    )
