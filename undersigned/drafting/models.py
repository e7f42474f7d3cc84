"""Consultation on a draft: comments on a paragraph and amendments proposing new text for one
or more consecutive paragraphs, each on behalf of an organization."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement, Version


class Comment(models.Model):
    """A delegate's remark on one paragraph of a version, for their organization."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.PositiveSmallIntegerField(_("paragraph"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["statement", "created_at", "pk"]
        verbose_name = _("comment")
        constraints = [
            models.CheckConstraint(condition=models.Q(paragraph__gte=1), name="comment_paragraph")
        ]

    def __str__(self) -> str:
        return f"{self.organization.label} on ¶{self.paragraph}"


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    MERGED = "merged", _("accepted together with others")
    DECLINED = "declined", _("declined")
    OUTDATED = "outdated", _("no longer applies to the current text")


OPEN_STATUSES = (AmendmentStatus.PROPOSED,)


class Amendment(models.Model):
    """Replacement text for paragraphs first…last of the version it was made on.

    `original` keeps the text of those paragraphs as the proposer read them: the amendment
    applies to a later version only where that exact text is still found.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField(_("number"), help_text=_("Counts within the statement."))
    version = models.ForeignKey(
        Version,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_("The version the amendment was made on."),
    )
    first_paragraph = models.PositiveSmallIntegerField(_("first paragraph"))
    last_paragraph = models.PositiveSmallIntegerField(_("last paragraph"))
    original = models.TextField(_("original text"))
    replacement = models.TextField(_("replacement"), blank=True)
    reason = models.TextField(_("reason"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="amendments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    resulting_version = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_amendments",
    )

    class Meta:
        ordering = ["statement", "number"]
        verbose_name = _("amendment")
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="amendment_number"),
            models.CheckConstraint(
                condition=models.Q(first_paragraph__gte=1)
                & models.Q(last_paragraph__gte=models.F("first_paragraph")),
                name="amendment_paragraphs",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} by {self.organization.label}"

    @property
    def paragraphs_label(self) -> str:
        if self.first_paragraph == self.last_paragraph:
            return f"¶ {self.first_paragraph}"
        return f"¶ {self.first_paragraph}–{self.last_paragraph}"

    @property
    def credit(self) -> str:
        """ "Amendment #3 by MLPD" — how versions and the history credit it."""
        return f"Amendment #{self.number} by {self.organization.label}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TranslatorQuerySet(models.QuerySet):
    def active(self) -> "TranslatorQuerySet":
        return self.filter(unnamed_at__isnull=True)


class Translator(models.Model):
    """A person the secretariat names to translate a statement into one language. The role
    reaches the translation editor of that statement and language, nothing else."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="translators")
    language = models.CharField(_("language"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_roles"
    )
    named_at = models.DateTimeField(default=timezone.now)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unnamed_at = models.DateTimeField(null=True, blank=True)
    unnamed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TranslatorQuerySet.as_manager()

    class Meta:
        ordering = ["statement", "language", "named_at", "pk"]
        verbose_name = _("translator")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language", "user"],
                condition=models.Q(unnamed_at__isnull=True),
                name="one_active_translator_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.language}"


class TranslationDraft(models.Model):
    """A translation being written, paragraph by paragraph beside its source; it becomes a
    Version (public with its statement) only when it is published, then it is gone.

    `paragraphs[i]` translates paragraph i+1 of `source`. `previous[i]` is None when that
    paragraph of the original is unchanged since the text beside it was translated, else the
    original paragraph as it read then ("" for a paragraph new in `source`): the editor marks
    those for retranslation and shows what changed."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="translation_drafts"
    )
    language = models.CharField(_("language"), max_length=20)
    # Versions go only with their statement, and its drafts go with it.
    source = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="+")
    basis = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The translation this draft continues, if any."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    short_title = models.CharField(_("short title"), max_length=120, blank=True)
    paragraphs = models.JSONField(default=list)
    previous = models.JSONField(default=list)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("translation draft")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language"], name="one_translation_draft_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} draft of {self.source.label}"

    @property
    def saved(self) -> bool:
        """Whether it was saved since it was started: a draft just started holds only what it
        began with, and is said to be started, not saved."""
        return self.updated_at != self.created_at

    @property
    def changed_count(self) -> int:
        return sum(1 for old in self.previous if old is not None)
