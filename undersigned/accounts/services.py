"""Actions on people: delegations, invitations, requests, sign-in links, one's own address."""

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from undersigned.accounts import selectors
from undersigned.accounts.models import (
    AddressChange,
    DelegateRequest,
    Delegation,
    Invitation,
    Notice,
    Profile,
    SignInLink,
)
from undersigned.core import notifications
from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.core.tokens import (
    derived_verifier,
    new_derived_token,
    split_token,
    verifier_matches,
)
from undersigned.organizations.models import Organization

INVITATION_DAYS = 14
SIGN_IN_LINK_MINUTES = 30
# Kinds of links holding a secret (and purposes of their derived verifiers).
SIGN_IN = "sign-in"
INVITATION = "invitation"
RESET_LINK = "password-reset"
ADDRESS_OWNER = "address-owner"  # the link to the current address: its holder agrees
ADDRESS_NEW = "address-new"  # the link to the new address: it is theirs
ADDRESS_LINK_HOURS = 24
ADDRESS_UNDO = "address-undo"  # the link in the old address's notice: "this was not me"
ADDRESS_UNDO_DAYS = 7


class AccountError(Exception):
    """Refused; the message says why, for a person. `field` names the form's field the refusal
    is about, so a form shows it there rather than above the fields."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def profile_of(user: AbstractBaseUser) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def set_preferences(
    user: AbstractBaseUser, *, language: str, secretariat_notifications: str | None = None
) -> Profile:
    """The language of the person's e-mails and, for the secretariat, whether they hear of each
    signature, get a daily digest, or nothing."""
    profile = profile_of(user)
    profile.language = language
    if secretariat_notifications:
        profile.secretariat_notifications = secretariat_notifications
    profile.save(update_fields=["language", "secretariat_notifications"])
    return profile


def change_password(user: AbstractBaseUser, *, password: str) -> None:
    """The person's new password, chosen while signed in (the form has checked the old one and
    the validators). No audit event, as for a password reset: a person's own secret changes
    nothing anyone else sees and is not a decision of the coalition."""
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def mark_notices_read(user: AbstractBaseUser, *, notice: Notice | None = None) -> int:
    """The person has read `notice` (opened from their home page), or, without one, all their
    notices. Returns how many changed. No audit event: whether a person has read what they
    were told is theirs alone, changes nothing anyone else sees, and is not a decision."""
    unread = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice is not None:
        unread = unread.filter(pk=notice.pk)
    return unread.update(read_at=timezone.now())


def notify(
    users: Iterable[AbstractBaseUser],
    *,
    key: str,
    template: str,
    context: dict[str, Any],
    path: str,
) -> list[Notice]:
    """Tell each person of an occasion, once: a second call with the same `key` tells nobody
    twice, and a person listed twice is told once.

    Side effects: a `Notice` per person not yet told (their home page lists it, linking to
    `path`); to each who has an address, the e-mail `template` in their language, with
    `context` and the link (`url`), sent by a task after commit. Returns the new notices.
    """
    users = [user for user in users if user.is_active]
    told = set(
        Notice.objects.filter(key=key, user__in=[user.pk for user in users]).values_list(
            "user_id", flat=True
        )
    )
    made = []
    for user in users:
        if user.pk in told:
            continue
        told.add(user.pk)
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    user=user, key=key, template=template, context=context, path=path
                )
        except IntegrityError:
            continue  # told meanwhile by another transaction
        made.append(notice)
        if user.email:
            notifications.send_later(
                template,
                to=user.email,
                language=selectors.language_of(user),
                context={**context, "url": notifications.absolute(path)},
            )
    return made


@transaction.atomic
def grant_delegation(
    user: AbstractBaseUser, *, organization: Organization, by: AbstractBaseUser | None
) -> Delegation:
    """Let the person act for the organization (idempotent). Recorded in the audit trail."""
    existing = Delegation.objects.active().filter(user=user, organization=organization).first()
    if existing:
        return existing
    delegation = Delegation.objects.create(user=user, organization=organization, granted_by=by)
    record_event(
        EventKind.DELEGATE_GRANTED, actor=by, organization=organization, data={"user": user.pk}
    )
    return delegation


@transaction.atomic
def revoke_delegation(delegation: Delegation, *, by: AbstractBaseUser) -> Delegation:
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.revoked_by = by
        delegation.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            EventKind.DELEGATE_REVOKED,
            actor=by,
            organization=delegation.organization,
            data={"user": delegation.user_id},
        )
    return delegation


@transaction.atomic
def invite_delegate(
    *,
    email: str,
    organization: Organization,
    by: AbstractBaseUser,
    language: str = "en",
    about: str = "",
    next_url: str = "",
) -> Invitation:
    """Invite a person by e-mail to act for the organization; `about` names what they are
    invited for (a statement to sign) and `next_url` is where accepting leads.

    Side effects: an audit event; the invitation e-mail, in `language`, queued in the same
    transaction (its link is made by the task, never stored in it).
    """
    selector, verifier_hash = new_derived_token(INVITATION)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        organization=organization,
        language=language,
        selector=selector,
        verifier_hash=verifier_hash,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        about=about,
        next_url=next_url,
    )
    record_event(
        EventKind.INVITATION_SENT,
        actor=by,
        organization=organization,
        data={"invitation": invitation.pk},
    )
    notifications.send_later(
        "invitation",
        to=invitation.email,
        language=language,
        context={
            "organization": organization.label,
            "organization_name": organization.name,
            "organization_full": str(organization),
            "url": notifications.secret_link(INVITATION, invitation.pk),
            "expires": invitation.expires_at.strftime("%Y-%m-%d %H:%M UTC"),
            "about": about,
        },
    )
    return invitation


@transaction.atomic
def add_delegate(
    organization: Organization, *, email: str, by: AbstractBaseUser, language: str = "en"
) -> Delegation | Invitation:
    """Make the person with this address a delegate of the organization: at once when an
    account has the address, else by an invitation to it (`invite_delegate`).

    Raises `AccountError` when the account already acts for the organization. Side effects:
    the `delegate.granted` event, or the invitation's event and e-mail.
    """
    email = email.strip().lower()
    user = selectors.account_named(email)
    if user is None:
        return invite_delegate(email=email, organization=organization, by=by, language=language)
    if Delegation.objects.active().filter(user=user, organization=organization).exists():
        raise AccountError(
            _("%(email)s is already a delegate of %(organization)s.")
            % {"email": email, "organization": organization.label}
        )
    return grant_delegation(user, organization=organization, by=by)


def _found_by_token(rows: QuerySet, token: str) -> Any:
    """The row a link's token names (by its selector), if the token's verifier is its own."""
    parts = split_token(token)
    if parts is None:
        return None
    row = rows.filter(selector=parts[0]).first()
    if row is None or not verifier_matches(parts[1], row.verifier_hash):
        return None
    return row


def find_invitation(token: str) -> Invitation | None:
    return _found_by_token(Invitation.objects.select_related("organization"), token)


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user: AbstractBaseUser) -> Delegation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise AccountError(_("This invitation has expired, was revoked or was already used."))
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return grant_delegation(user, organization=invitation.organization, by=invitation.invited_by)


@transaction.atomic
def accept_own_invitation(invitation: Invitation, *, user: AbstractBaseUser) -> Delegation:
    """A signed-in person accepts, from their home page, an invitation sent to their own
    address (the account's address was proven by the invitation or sign-in link that made
    it, or set by the secretariat)."""
    if not user.email or invitation.email.lower() != user.email.lower():
        raise AccountError(_("This invitation was sent to another address."))
    return accept_invitation(invitation, user=user)


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: AbstractBaseUser) -> Invitation:
    if invitation.accepted_at is not None:
        raise AccountError(
            _("This invitation was already accepted; revoke the delegation instead.")
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_event(
            EventKind.INVITATION_REVOKED,
            actor=by,
            organization=invitation.organization,
            data={"invitation": invitation.pk},
        )
    return invitation


@transaction.atomic
def user_for_invitation(invitation: Invitation) -> AbstractBaseUser:
    """The account of the invited address, created (without a password) if it has none."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = user_model.objects.create_user(username=invitation.email, email=invitation.email)
        user.set_unusable_password()
        user.save()
    profile = profile_of(user)
    if profile.language != invitation.language:
        profile.language = invitation.language
        profile.save(update_fields=["language"])
    return user


@transaction.atomic
def request_delegation(
    user: AbstractBaseUser, *, organization: Organization, message: str
) -> DelegateRequest:
    if Delegation.objects.active().filter(user=user, organization=organization).exists():
        raise AccountError(_("You already represent %(org)s.") % {"org": organization.label})
    try:
        with transaction.atomic():
            request = DelegateRequest.objects.create(
                user=user, organization=organization, message=message
            )
    except IntegrityError:
        raise AccountError(
            _("Your request for %(org)s is already waiting for the secretariat.")
            % {"org": organization.label}
        ) from None
    record_event(
        EventKind.DELEGATE_REQUESTED,
        actor=user,
        organization=organization,
        data={"request": request.pk},
    )
    return request


@transaction.atomic
def decide_request(
    request: DelegateRequest, *, approve: bool, by: AbstractBaseUser, reason: str = ""
) -> DelegateRequest:
    """Approve or decline a request to represent an organization.

    Side effects: the decision and an audit event; approved, the delegation; the person who
    asked is told (a line on their home page and an e-mail in their language, with the reason
    of a refusal), since nothing else would tell them."""
    request = DelegateRequest.objects.select_for_update().get(pk=request.pk)
    if request.decided_at is not None:
        raise AccountError(_("This request was already decided."))
    request.decided_at = timezone.now()
    request.decided_by = by
    request.approved = approve
    request.reason = reason
    request.save(update_fields=["decided_at", "decided_by", "approved", "reason"])
    record_event(
        EventKind.DELEGATE_REQUEST_APPROVED if approve else EventKind.DELEGATE_REQUEST_DECLINED,
        actor=by,
        organization=request.organization,
        data={"request": request.pk},
    )
    if approve:
        grant_delegation(request.user, organization=request.organization, by=by)
    notify(
        [request.user],
        key=f"delegate-request:{request.pk}",
        template="delegate_request_decided",
        context={
            "organization": request.organization.label,
            "approved": approve,
            "reason": reason,
        },
        path=reverse("accounts:home"),
    )
    return request


@transaction.atomic
def send_sign_in_link(user: AbstractBaseUser, *, next_url: str = "") -> SignInLink:
    """Create a single-use sign-in link and e-mail it (by a task queued in the same transaction,
    which makes the link: the task stores none)."""
    selector, verifier_hash = new_derived_token(SIGN_IN)
    link = SignInLink.objects.create(
        user=user,
        selector=selector,
        verifier_hash=verifier_hash,
        next_url=next_url,
        expires_at=timezone.now() + timedelta(minutes=SIGN_IN_LINK_MINUTES),
    )
    notifications.send_later(
        "sign_in_link",
        to=user.email,
        language=profile_of(user).language,
        context={
            "url": notifications.secret_link(SIGN_IN, link.pk),
            "minutes": SIGN_IN_LINK_MINUTES,
        },
    )
    return link


def find_sign_in_link(token: str) -> SignInLink | None:
    """The link if the token is genuine, unused and not expired."""
    link = _found_by_token(SignInLink.objects.select_related("user"), token)
    if link is None:
        return None
    if link.used_at is not None or timezone.now() >= link.expires_at or not link.user.is_active:
        return None
    return link


@transaction.atomic
def use_sign_in_link(link: SignInLink) -> AbstractBaseUser | None:
    """Spend the link; None if another request spent it first."""
    spent = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    return link.user if spent else None


def check_password_sign_in(identifier: str, password: str) -> AbstractBaseUser | None:
    """The active account named by the e-mail address or user name, if the password is its.

    The password hasher runs once whatever the account: when none has that name, when it is
    inactive or has no usable password (Django's ModelBackend does the same), so the time of
    an answer does not tell whether the account exists. Side effect: a correct password
    stored with an older hasher or work factor is hashed again and saved.
    """
    user = selectors.account_named(identifier)
    if user is None:
        get_user_model()().set_password(password)  # a dummy hash, for the time it takes
        return None
    if user.check_password(password) and user.is_active:
        return user
    return None


@transaction.atomic
def send_password_reset(user: AbstractBaseUser) -> None:
    """E-mail the person a link to choose a new password (by a task queued in the same
    transaction, which makes the link: the task stores none), in their language. The link
    starts with the configured site address (SITE_URL), never with the host a request named: a
    forged Host header cannot turn it into a link to another site."""
    notifications.send_later(
        "password_reset",
        to=user.email,
        language=profile_of(user).language,
        context={"url": notifications.secret_link(RESET_LINK, user.pk)},
    )


def _same_address(one: str, other: str) -> bool:
    return one.strip().lower() == other.strip().lower()


@transaction.atomic
def ask_to_change_address(
    user: AbstractBaseUser, *, email: str, password: str = ""
) -> AddressChange:
    """The person asks for `email` to be their account's address.

    A person with a password gives it, and the link that confirms the change goes to the new
    address. A person without one (invited, signing in by link) is sent a link to the current
    address first: whoever holds a session alone cannot take the account away from its
    address. Raises `AccountError` for a wrong password, the address the account already has,
    or one another account has (without saying whose). Side effects: any earlier request of the
    person made void; the e-mail with the link, queued in the transaction. No audit event until
    the address changes (`confirm_address_change`)."""
    email = email.strip().lower()
    if user.has_usable_password() and not user.check_password(password):
        raise AccountError(_("Your password is not correct."), field="password")
    if not user.has_usable_password() and not user.email:
        raise AccountError(_("Your account has no address to confirm this from."))
    if _same_address(email, user.email or ""):
        raise AccountError(_("This is already the address of your account."), field="email")
    _refuse_address_of_another(user, email)
    AddressChange.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
    owner_confirmed = user.has_usable_password()
    purpose = ADDRESS_NEW if owner_confirmed else ADDRESS_OWNER
    selector, verifier_hash = new_derived_token(purpose)
    change = AddressChange.objects.create(
        user=user,
        new_email=email,
        selector=selector,
        verifier_hash=verifier_hash,
        expires_at=timezone.now() + timedelta(hours=ADDRESS_LINK_HOURS),
        owner_confirmed_at=timezone.now() if owner_confirmed else None,
    )
    _send_address_link(change)
    return change


def _refuse_address_of_another(user: AbstractBaseUser, email: str) -> None:
    if get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise AccountError(
            _("Another account has this address. Choose another, or ask the secretariat."),
            field="email",
        )


def _send_address_link(change: AddressChange) -> None:
    """The link of the step the change waits for: to the current address while its holder has
    not agreed, then to the new one."""
    owner_step = change.owner_confirmed_at is None
    notifications.send_later(
        "address_owner" if owner_step else "address_new",
        to=change.user.email if owner_step else change.new_email,
        language=profile_of(change.user).language,
        context={
            "url": notifications.secret_link(
                ADDRESS_OWNER if owner_step else ADDRESS_NEW, change.pk
            ),
            "new_email": change.new_email,
            "hours": ADDRESS_LINK_HOURS,
        },
    )


def find_address_change(token: str) -> AddressChange | None:
    """The request the link belongs to, if the token is genuine for the step it waits for and
    the request is neither used, void nor expired."""
    change = _found_by_token(AddressChange.objects.select_related("user"), token)
    if change is None:
        return None
    if not change.is_usable or not change.user.is_active:
        return None
    return change


@transaction.atomic
def confirm_address_change(change: AddressChange) -> AddressChange:
    """The link of the step the change waits for was used (by its button, a POST).

    From the current address: the holder agrees; the link to the new address is sent (a new
    selector, so the first link works no more). From the new address: the account takes it
    (and its user name, where that was the old address); the old address is told, so a stolen
    session is noticed; sign-in links and other requests still open become void (a password
    reset link already is: Django's token holds the address); the event `account.address_changed`.
    Raises `AccountError` when the link was used meanwhile or another account took the address.
    """
    change = AddressChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if not change.is_usable:
        raise AccountError(_("This link was already used or has expired."))
    now = timezone.now()
    if change.owner_confirmed_at is None:
        change.selector, change.verifier_hash = new_derived_token(ADDRESS_NEW)
        change.owner_confirmed_at = now
        change.expires_at = now + timedelta(hours=ADDRESS_LINK_HOURS)
        change.save(update_fields=["selector", "verifier_hash", "owner_confirmed_at", "expires_at"])
        _send_address_link(change)
        return change
    user = change.user
    _refuse_address_of_another(user, change.new_email)
    old = user.email
    user.email = change.new_email
    fields = ["email"]
    if (
        _same_address(user.get_username(), old or "")
        and not (
            get_user_model().objects.filter(username__iexact=change.new_email).exclude(pk=user.pk)
        ).exists()
    ):
        user.username = change.new_email
        fields.append("username")
    user.save(update_fields=fields)
    change.used_at = now
    change.old_email = old or ""
    # The selector of now is the undo link's, in the old address's notice.
    change.selector, change.verifier_hash = new_derived_token(ADDRESS_UNDO)
    change.expires_at = now + timedelta(days=ADDRESS_UNDO_DAYS)
    change.save(update_fields=["used_at", "old_email", "selector", "verifier_hash", "expires_at"])
    AddressChange.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    SignInLink.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    record_event(EventKind.ADDRESS_CHANGED, actor=user, data={"user": user.pk})
    if old:
        notifications.send_later(
            "address_changed",
            to=old,
            language=profile_of(user).language,
            context={
                "old_email": old,
                "new_email": change.new_email,
                "at": now.strftime("%Y-%m-%d %H:%M UTC"),
                "url": notifications.secret_link(ADDRESS_UNDO, change.pk),
                "days": ADDRESS_UNDO_DAYS,
            },
        )
    return change


def find_address_undo(token: str) -> AddressChange | None:
    """The done address change whose old address's notice holds this link, if it can still be
    undone (`AddressChange.is_undoable`)."""
    change = _found_by_token(AddressChange.objects.select_related("user"), token)
    if change is None or not change.is_undoable:
        return None
    return change


@transaction.atomic
def undo_address_change(change: AddressChange) -> AddressChange:
    """The holder of the old address says the change was not theirs (the link of the notice,
    by its button, a POST): whoever changed it holds the account, so it is taken back.

    Side effects: the old address back (and the user name, where it had followed the
    address); the password made unusable, which ends every session of the account (Django's
    sessions hold a hash of it) and stops sign-in by password until a new one is chosen; the
    sign-in links, address requests and other undo links still open made void (an undo link
    held by the new address cannot take the account back); a password reset link sent to the
    old address; the event `account.address_change_undone`; the secretariat told (a notice and
    an e-mail each). Raises `AccountError` when the link was used meanwhile or another account
    has the old address now.
    """
    change = AddressChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if not change.is_undoable:
        raise AccountError(_("This link was already used or has expired."))
    user = change.user
    if get_user_model().objects.filter(email__iexact=change.old_email).exclude(pk=user.pk).exists():
        raise AccountError(
            _("Another account has this address now. Ask the secretariat."), field="email"
        )
    now = timezone.now()
    taken_from = user.email
    user.email = change.old_email
    if (
        _same_address(user.get_username(), taken_from or "")
        and not (
            get_user_model().objects.filter(username__iexact=change.old_email).exclude(pk=user.pk)
        ).exists()
    ):
        user.username = change.old_email
    user.set_unusable_password()
    user.save()
    change.undone_at = now
    change.save(update_fields=["undone_at"])
    AddressChange.objects.filter(user=user).exclude(pk=change.pk).filter(expires_at__gt=now).update(
        expires_at=now
    )
    AddressChange.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    SignInLink.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    record_event(
        EventKind.ADDRESS_CHANGE_UNDONE,
        actor=None,
        data={"user": user.pk, "taken_from": taken_from, "back_to": change.old_email},
    )
    send_password_reset(user)
    notify(
        selectors.secretariat_to_tell(),
        key=f"address-undone:{change.pk}",
        template="address_undone",
        context={
            "person": user.get_username(),
            "old_email": change.old_email,
            "new_email": taken_from,
            "at": now.strftime("%Y-%m-%d %H:%M UTC"),
        },
        path=reverse("accounts:home"),  # a secretariat member may have no access to the admin
    )
    return change


# The links holding a secret, made by the mail task from a row's id (core/notifications.py).


def sign_in_link_url(pk: int) -> str:
    link = SignInLink.objects.get(pk=pk)
    token = f"{link.selector}.{derived_verifier(SIGN_IN, link.selector)}"
    return notifications.absolute(reverse("accounts:link", args=[token]))


def invitation_url(pk: int) -> str:
    invitation = Invitation.objects.get(pk=pk)
    token = f"{invitation.selector}.{derived_verifier(INVITATION, invitation.selector)}"
    return notifications.absolute(reverse("accounts:invitation", args=[token]))


def password_reset_url(pk: int) -> str:
    """Made when the message is sent: Django's token holds the account's state then (a
    password changed meanwhile makes it void, as it should)."""
    user = get_user_model().objects.get(pk=pk)
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return notifications.absolute(path)


def address_change_url(purpose: str, view: str = "address_link") -> Callable[[int], str]:
    """The maker of the link of one step of an address change (the row's selector of now)."""

    def make(pk: int) -> str:
        change = AddressChange.objects.get(pk=pk)
        token = f"{change.selector}.{derived_verifier(purpose, change.selector)}"
        return notifications.absolute(reverse(f"accounts:{view}", args=[token]))

    return make


notifications.register_link(ADDRESS_OWNER, address_change_url(ADDRESS_OWNER))
notifications.register_link(ADDRESS_NEW, address_change_url(ADDRESS_NEW))
notifications.register_link(ADDRESS_UNDO, address_change_url(ADDRESS_UNDO, "address_undo"))
notifications.register_link(SIGN_IN, sign_in_link_url)
notifications.register_link(INVITATION, invitation_url)
notifications.register_link(RESET_LINK, password_reset_url)
