"""Actions on signatures: signing and withdrawing on behalf of an organization, signatures
recorded by the secretariat, reconfirmation after a major version, carrying over."""

from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.models import Delegation, Invitation
from undersigned.accounts.permissions import is_secretariat, represents
from undersigned.accounts.selectors import delegates_of, language_of, secretariat_recipients
from undersigned.accounts.services import invite_delegate, notify
from undersigned.core import notifications
from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.organizations.models import Organization
from undersigned.signatures.models import SIGNING_EVENTS, Method, Signature
from undersigned.statements.models import Statement, Version


class SigningRefused(Exception):
    """The signature cannot be taken; the message says why, for a person."""


class AlreadySigned(SigningRefused):
    pass


def active_signature(statement: Statement, organization: Organization) -> Signature | None:
    return Signature.objects.active().filter(statement=statement, organization=organization).first()


@transaction.atomic
def record_signature(
    statement: Statement,
    *,
    organization: Organization,
    version: Version | None = None,
    signed_at: datetime | None = None,
    method: str = Method.WEB,
    evidence: str = "",
    decided_on: date | None = None,
    by: AbstractBaseUser | None = None,
    check_open: bool = True,
) -> Signature:
    """Record that the organization signs the statement's current version (or the given one).

    Refuses, with a message, a statement that takes no signatures and a second active
    signature of the same organization — also when two requests race: the database's unique
    constraint decides, and the loser gets AlreadySigned. A signature given to an earlier major
    version is replaced (reconfirmation). `check_open=False` is for signatures given before
    undersigned kept the list (import, the example).

    Side effects: an audit event; a receipt to the signing delegate and a notice to the
    secretariat, sent by tasks after commit.
    """
    version = version or statement.current_version()
    if version is None or version.statement_id != statement.pk:
        raise SigningRefused(_("This statement has no text to sign yet."))
    if decided_on is not None and decided_on > timezone.localdate():
        raise SigningRefused(_("The date of the decision cannot be in the future."))
    if check_open and not statement.accepts_signatures():
        raise SigningRefused(
            _("%(id)s no longer accepts signatures.") % {"id": statement.document_id or statement}
        )
    previous = active_signature(statement, organization)
    if previous is not None and previous.version.major < version.major:
        previous.replaced_at = timezone.now()
        previous.save(update_fields=["replaced_at"])
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                statement=statement,
                organization=organization,
                version=version,
                version_hash=version.content_hash,
                signed_at=signed_at or timezone.now(),
                method=method,
                evidence=evidence,
                decided_on=decided_on,
                signed_by=by,
            )
    except IntegrityError:
        raise AlreadySigned(
            _("%(org)s has already signed %(id)s.")
            % {"org": organization.label, "id": statement.document_id or statement}
        ) from None
    record_event(
        SIGNING_EVENTS[method],
        actor=by,
        statement=statement,
        organization=organization,
        data={
            "signature": signature.pk,
            "version": version.label,
            "hash": version.content_hash,
            "signed_at": signature.signed_at.isoformat(),
            "evidence": evidence,
            "decided_on": decided_on.isoformat() if decided_on else None,
            "replaces": previous.pk if previous and previous.replaced_at else None,
        },
    )
    if method != Method.IMPORTED:
        _notify(signature, withdrawn=False)
    return signature


@transaction.atomic
def sign_statement(
    statement: Statement, *, organization: Organization, by: AbstractBaseUser, version_hash: str
) -> Signature:
    """A delegate signs on behalf of an organization they represent, for the exact text they
    read (identified by its hash): if the text changed meanwhile, they must read it again."""
    if not represents(by, organization):
        raise SigningRefused(_("You do not represent %(org)s.") % {"org": organization.label})
    current = statement.current_version()
    if current is None or current.content_hash != version_hash:
        raise SigningRefused(
            _("The text changed while you were reading it. Please read the current version.")
        )
    return record_signature(statement, organization=organization, version=current, by=by)


@transaction.atomic
def withdraw_signature(
    statement: Statement, *, organization: Organization, by: AbstractBaseUser
) -> Signature:
    """Withdraw the organization's signature while the statement accepts signatures. The
    public list drops the entry; the record keeps it."""
    if not (represents(by, organization) or is_secretariat(by)):
        raise SigningRefused(_("You do not represent %(org)s.") % {"org": organization.label})
    if not statement.accepts_signatures():
        raise SigningRefused(
            _("%(id)s no longer accepts changes to its signatories.")
            % {"id": statement.document_id}
        )
    signature = (
        Signature.objects.select_for_update()
        .active()
        .filter(statement=statement, organization=organization)
        .first()
    )
    if signature is None:
        raise SigningRefused(
            _("%(org)s has no signature on %(id)s to withdraw.")
            % {"org": organization.label, "id": statement.document_id}
        )
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["withdrawn_at"])
    record_event(
        EventKind.SIGNATURE_WITHDRAWN,
        actor=by,
        statement=statement,
        organization=organization,
        data={"signature": signature.pk, "withdrawn_at": signature.withdrawn_at.isoformat()},
    )
    _notify(signature, withdrawn=True, by=by)
    return signature


@transaction.atomic
def carry_over(signature: Signature, *, by: AbstractBaseUser, reason: str) -> Signature:
    """The secretariat lets a signature given to an earlier major version stand for the
    current one, with the reason recorded."""
    if not is_secretariat(by):
        raise SigningRefused(_("Only the secretariat carries signatures over."))
    if not reason.strip():
        raise SigningRefused(_("Give the reason for carrying the signature over."))
    current = signature.statement.current_version()
    if current is None or signature.is_valid_for(current.major):
        raise SigningRefused(_("This signature is already valid for the current version."))
    signature.carried_over_major = current.major
    signature.carried_over_reason = reason.strip()
    signature.save(update_fields=["carried_over_major", "carried_over_reason"])
    record_event(
        EventKind.SIGNATURE_CARRIED_OVER,
        actor=by,
        statement=signature.statement,
        organization=signature.organization,
        data={"signature": signature.pk, "to": current.label, "reason": reason.strip()},
    )
    return signature


def ask_to_reconfirm(statement: Statement, *, version: Version) -> None:
    """After a major version: ask the delegates of organizations whose signature is for an
    earlier major version to read and sign again, once per organization and major version
    (`notify`: home page and e-mail)."""
    stale = (
        Signature.objects.active()
        .filter(statement=statement, version__major__lt=version.major)
        .select_related("organization")
    )
    for signature in stale:
        organization = signature.organization
        notify(
            [
                delegation.user
                for delegation in Delegation.objects.active()
                .filter(organization=organization)
                .select_related("user__profile")
                .order_by("user_id")
            ],
            key=f"reconfirm:{statement.pk}:{version.major}:{organization.pk}",
            template="reconfirm",
            context={
                "document_id": statement.document_id,
                "title": version.title,
                "version": version.label,
                "organization": organization.label,
            },
            path=reverse("signatures:sign", args=[statement.pk, organization.pk]),
        )


class SignedAlready(SigningRefused):
    """An invitation for an organization that has already signed: sent only when confirmed."""


@transaction.atomic
def invite_to_sign(
    statement: Statement,
    *,
    email: str,
    organization: Organization,
    language: str,
    by: AbstractBaseUser,
    despite_signature: bool = False,
) -> Invitation:
    """Invite a person to act for the organization, to sign this statement: the e-mail names
    the statement, and accepting leads to its signing page, in the invitation's language.

    Refuses with SignedAlready, sending nothing, when the organization's signature already
    stands and `despite_signature` is not given.
    Side effects: those of `accounts.services.invite_delegate`.
    """
    if not is_secretariat(by):
        raise SigningRefused(_("Only the secretariat sends invitations."))
    signature = active_signature(statement, organization)
    if signature is not None and not despite_signature:
        raise SignedAlready(
            _(
                "%(org)s has already signed %(id)s (version %(label)s). Tick the box to "
                "invite a delegate all the same."
            )
            % {
                "org": organization.label,
                "id": statement.document_id or statement,
                "label": signature.version.label,
            }
        )
    version = statement.current_version()
    title = version.title if version else ""
    return invite_delegate(
        email=email,
        organization=organization,
        by=by,
        language=language,
        about=f"{statement.document_id} {title}".strip(),
        next_url=reverse("signatures:sign", args=[statement.pk, organization.pk])
        if statement.number is not None
        else "",
    )


def _notify(signature: Signature, *, withdrawn: bool, by: AbstractBaseUser | None = None) -> None:
    """The person who signed or withdrew gets a receipt when they act for the organization;
    the organization's other delegates (and all of them when the secretariat recorded it) and
    the secretariat get a notice. Each link leads where its reader can go: the public record
    once the statement is public, before that the organization's signing page for its
    delegates and the statement's page for the secretariat."""
    statement, version, organization = (
        signature.statement,
        signature.version,
        signature.organization,
    )
    person = by or signature.signed_by
    if statement.is_public:
        record = f"/statements/{statement.document_id}/record/"
        for_delegates = for_secretariat = record
    else:
        for_delegates = reverse("signatures:sign", args=[statement.pk, organization.pk])
        for_secretariat = reverse("secretariat:statement", args=[statement.pk])
    context = {
        "document_id": statement.document_id,
        "title": version.title,
        "organization": organization.label,
        "version": version.label,
        "language": version.language,
        "hash": version.content_hash,
        "at": (signature.withdrawn_at if withdrawn else signature.signed_at).strftime(
            "%Y-%m-%d %H:%M UTC"
        ),
        "withdrawn": withdrawn,
        "how": str(Method(signature.method).label),
        "url": notifications.absolute(for_delegates),
    }
    # A secretariat recording a signature did not sign it: no "You signed" receipt for them.
    acting = person if person is not None and represents(person, organization) else None
    if acting is not None and acting.email:
        notifications.send_later(
            "signature_receipt", to=acting.email, language=language_of(acting), context=context
        )
    template = "withdrawn_signature" if withdrawn else "new_signature"
    for user in delegates_of(Organization.objects.filter(pk=organization.pk)):
        if user.email and (acting is None or user.pk != acting.pk):
            notifications.send_later(
                template, to=user.email, language=language_of(user), context=context
            )
    context = {**context, "url": notifications.absolute(for_secretariat)}
    for user in secretariat_recipients(each=True):
        notifications.send_later(
            template, to=user.email, language=language_of(user), context=context
        )


class PositionInvalid(SigningRefused):
    pass


@transaction.atomic
def pin_position(
    signature: Signature, *, position: int | None, by: AbstractBaseUser | None
) -> Signature:
    """The secretariat fixes the entry at a number in the public list, or releases it to the
    ordering rules (`position=None`). `by=None` is the system itself (the example).

    Side effects: an audit event `signature.pinned` with the position before and after.
    """
    if by is not None and not is_secretariat(by):
        raise SigningRefused(_("Only the secretariat pins an entry's position."))
    if position is not None and position < 1:
        raise PositionInvalid(_("Positions start at 1."))
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if not signature.is_active:
        raise SigningRefused(_("Only a signature that stands can be pinned."))
    previous = signature.pinned_position
    if previous == position:
        return signature
    signature.pinned_position = position
    signature.save(update_fields=["pinned_position"])
    record_event(
        EventKind.SIGNATURE_PINNED,
        actor=by,
        statement=signature.statement,
        organization=signature.organization,
        data={"signature": signature.pk, "from": previous, "to": position},
    )
    return signature
