"""People: delegates of organizations, invitations, requests to represent, sign-in links."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.organizations.models import Organization


class Profile(models.Model):
    class Notify(models.TextChoices):
        EACH = "each", _("a message for each new signature")
        DIGEST = "digest", _("a daily digest")
        NONE = "none", _("no messages")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    secretariat_notifications = models.CharField(
        _("secretariat notifications"), max_length=10, choices=Notify.choices, default=Notify.EACH
    )

    def __str__(self) -> str:
        return f"profile of {self.user}"


class DelegationQuerySet(models.QuerySet):
    def active(self) -> "DelegationQuerySet":
        return self.filter(revoked_at__isnull=True)


class Delegation(models.Model):
    """A person may act (sign, withdraw, comment) for an organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="delegations"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_delegation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.organization.label}"


class Invitation(models.Model):
    email = models.EmailField(_("e-mail"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    language = models.CharField(_("language of the message"), max_length=10, default="en")
    selector = models.CharField(max_length=32, unique=True)
    verifier_hash = models.CharField(max_length=64)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # What the person is invited to do (the statement to sign, by number and title) and the
    # page accepting leads to; plain values, since people sit below statements.
    about = models.CharField(_("about"), max_length=300, blank=True)
    next_url = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.email} → {self.organization.label}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and timezone.now() < self.expires_at
        )


class DelegateRequest(models.Model):
    """A person asks to represent an organization; the secretariat decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved = models.BooleanField(null=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(decided_at__isnull=True),
                name="one_open_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks for {self.organization.label}"


class SignInLink(models.Model):
    """A single-use, expiring sign-in link. Only a hash of its secret is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    selector = models.CharField(max_length=32, unique=True)
    verifier_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"sign-in link for {self.user}"


class Notice(models.Model):
    """Something a person was told: the e-mail sent and the line on their home page.

    `key` names the occasion ("consultation:12", "reconfirm:12:6"): a person is told of an
    occasion once, however often the service that tells runs and however many organizations
    the person represents. The text is rendered when read, from the notification's templates
    and `context`, in the reader's language of the moment.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    key = models.CharField(max_length=120)
    template = models.CharField(max_length=60)
    context = models.JSONField(default=dict)
    path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the person opened it from their home page, or marked everything read; None: new.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_occasion")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="notices_newest")]

    def __str__(self) -> str:
        return f"{self.key} to {self.user}"


class AddressChange(models.Model):
    """A person's own request to change their e-mail address, confirmed by links.

    Asked with the current password, it waits for the link sent to the new address. A person
    without a password proves first that they hold the current address (a link sent to it),
    then the new one. Only a hash of the link's secret is stored; the selector changes when the
    first link is used, so each link works once and for one step."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    new_email = models.EmailField(_("new e-mail"))
    selector = models.CharField(max_length=32, unique=True)
    verifier_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # When the holder of the current address (or the password) agreed; None: waiting for the
    # link sent to the current address.
    owner_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Done: the address changed; or void: another request, or another change, came after it.
    used_at = models.DateTimeField(null=True, blank=True)
    # Once done, the old address's notice holds a link "this was not me" (a new selector) until
    # `expires_at`: it puts this address back (`undo_address_change`).
    old_email = models.EmailField(_("old e-mail"), blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"address change of {self.user}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and timezone.now() < self.expires_at

    @property
    def is_undoable(self) -> bool:
        """Done, not undone, its undo link not expired nor made void by a later undo."""
        return (
            self.used_at is not None
            and bool(self.old_email)
            and self.undone_at is None
            and timezone.now() < self.expires_at
        )
