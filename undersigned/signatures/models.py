"""Signatures: an organization's assent to a version of a statement's text."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.core.events import EventKind
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement, Version, current_major


class Method(models.TextChoices):
    WEB = "web", _("signed on the web by a delegate")
    RECORDED = "recorded", _("recorded by the secretariat")
    IMPORTED = "imported", _("imported")


# The audit event that records a signature, by how it was given.
SIGNING_EVENTS = {
    Method.WEB: EventKind.SIGNATURE_WEB,
    Method.RECORDED: EventKind.SIGNATURE_RECORDED,
    Method.IMPORTED: EventKind.SIGNATURE_IMPORTED,
}


def standing(prefix: str = "") -> Q:
    """Not withdrawn and not replaced by a newer signature of the same organization: the one
    signature an organization can have on a statement at a time. `prefix` is the path to the
    signature ("signatures__" from a statement)."""
    return Q(**{f"{prefix}withdrawn_at__isnull": True, f"{prefix}replaced_at__isnull": True})


def valid_for_major(major: int | F, prefix: str = "") -> Q:
    """Valid for a major version: given to it (its minor versions are editorial, so their
    signatures carry over) or carried over to it by the secretariat. The one definition of
    "valid for the current major version", with `Signature.is_valid_for`."""
    return Q(**{f"{prefix}version__major": major}) | Q(**{f"{prefix}carried_over_major": major})


class SignatureQuerySet(models.QuerySet):
    def active(self) -> "SignatureQuerySet":
        return self.filter(standing())

    def valid_for(self, major: int) -> "SignatureQuerySet":
        return self.filter(valid_for_major(major))

    def listed(self) -> "SignatureQuerySet":
        """Active and valid for their statement's current major version: the signatures on a
        list of signatories, for any number of statements at once."""
        return (
            self.active()
            .annotate(current_major=current_major("statement"))
            .filter(valid_for_major(F("current_major")))
        )


class Signature(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="signatures")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signatures"
    )
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="signatures")
    version_hash = models.CharField(
        _("hash of the version signed"),
        max_length=64,
        editable=False,
        help_text=_("The content hash of the exact text the organization signed."),
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices, default=Method.WEB)
    evidence = models.TextField(_("evidence"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        help_text=_("For a signature recorded by the secretariat: when the organization decided."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    replaced_at = models.DateTimeField(
        _("replaced at"),
        null=True,
        blank=True,
        help_text=_("When the organization signed a newer version (reconfirmation)."),
    )
    carried_over_major = models.PositiveSmallIntegerField(
        _("carried over to major version"),
        null=True,
        blank=True,
        help_text=_("Set by the secretariat: the signature stands for this later major version."),
    )
    carried_over_reason = models.TextField(_("reason for carrying over"), blank=True)
    pinned_position = models.PositiveIntegerField(
        _("pinned position"),
        null=True,
        blank=True,
        help_text=_("Set by the secretariat to place this entry at a fixed number in the list."),
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("signature")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "organization"],
                condition=standing(),
                name="one_active_signature_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.label} → {self.statement}"

    def save(self, *args, **kwargs) -> None:
        if not self.version_hash:
            self.version_hash = self.version.content_hash
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.replaced_at is None

    def is_valid_for(self, major: int) -> bool:
        """In Python what `valid_for_major` says in SQL (the version is loaded)."""
        return major in (self.version.major, self.carried_over_major)
