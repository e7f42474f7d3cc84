"""Actions on signatures."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.organizations.models import Organization
from undersigned.signatures.models import Method, Signature
from undersigned.statements.models import Statement, Version


class SigningRefused(Exception):
    """The signature cannot be taken; the message says why, for a person."""


class AlreadySigned(SigningRefused):
    pass


@transaction.atomic
def record_signature(
    statement: Statement,
    *,
    organization: Organization,
    version: Version | None = None,
    signed_at: datetime | None = None,
    method: str = Method.WEB,
    evidence: str = "",
    by: AbstractBaseUser | None = None,
    check_open: bool = True,
) -> Signature:
    """Record that the organization signs the statement's current version (or the given one).

    Refuses, with a message, a statement that takes no signatures and a second active
    signature of the same organization (also when two requests race: the database's unique
    constraint decides). `check_open=False` is for signatures given in the past, before
    undersigned kept the list (import, the example).
    """
    version = version or statement.current_version()
    if version is None or version.statement_id != statement.pk:
        raise SigningRefused(_("This statement has no text to sign yet."))
    if check_open and not statement.accepts_signatures():
        raise SigningRefused(
            _("%(id)s no longer accepts signatures.") % {"id": statement.document_id}
        )
    try:
        with transaction.atomic():
            return Signature.objects.create(
                statement=statement,
                organization=organization,
                version=version,
                version_hash=version.content_hash,
                signed_at=signed_at or timezone.now(),
                method=method,
                evidence=evidence,
                signed_by=by,
            )
    except IntegrityError:
        raise AlreadySigned(
            _("%(org)s has already signed %(id)s.")
            % {"org": organization.abbreviation, "id": statement.document_id or statement}
        ) from None


@transaction.atomic
def pin_position(signature: Signature, *, position: int | None) -> Signature:
    """Fix the entry at a number in the public list (None releases it to the ordering rules)."""
    if position is not None and position < 1:
        raise ValueError(_("Positions start at 1."))
    signature.pinned_position = position
    signature.save(update_fields=["pinned_position"])
    return signature
