"""Statements and their versions (including translations, which are versions in another
language tied to the source version they translate)."""

import hashlib
import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.core.models import Coalition


class Kind(models.TextChoices):
    STATEMENT = "statement", _("statement")
    RESOLUTION = "resolution", _("resolution")
    DECLARATION = "declaration", _("declaration")
    OPEN_LETTER = "open_letter", _("open letter")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSULTATION = "consultation", _("consultation")
    OPEN = "open", _("open for signing")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


PUBLIC_STATES = (State.PUBLISHED, State.CLOSED)


class NumberLocked(ValidationError):
    pass


class VersionLocked(ValidationError):
    pass


class Statement(models.Model):
    number = models.PositiveIntegerField(
        _("number"),
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Assigned once by the coalition's counter and never reused."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATEMENT)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    original_language = models.CharField(_("original language"), max_length=20, default="en")
    further_signatories_possible = models.BooleanField(
        _("further signatories possible after publication"), default=True
    )
    signing_deadline = models.DateTimeField(_("signing deadline"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-number"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        version = self.current_version()
        title = version.title if version else _("(no text yet)")
        return f"{self.document_id or _('unnumbered')} {title}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = Statement.objects.filter(pk=self.pk).values_list("number", flat=True).first()
            if stored is not None and stored != self.number:
                raise NumberLocked(_("A statement's number, once assigned, never changes."))
        super().save(*args, **kwargs)

    @property
    def document_id(self) -> str:
        if self.number is None:
            return ""
        return Coalition.load().format_number(self.number)

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    def accepts_signatures(self, at: datetime | None = None) -> bool:
        """Open for signing, or published and still open for further signatories, and not past
        its deadline."""
        at = at or timezone.now()
        if self.signing_deadline and at > self.signing_deadline:
            return False
        if self.state == State.OPEN:
            return True
        return self.state == State.PUBLISHED and self.further_signatories_possible

    def current_version(self, language: str | None = None) -> "Version | None":
        """The newest version in a language (default: the original language)."""
        language = language or self.original_language
        versions = [v for v in self.versions.all() if v.language == language]
        return max(versions, key=lambda v: (v.major, v.minor), default=None)

    def version_for_reader(self, language: str) -> "Version | None":
        """The newest version a reader of `language` is shown in a list: in their language
        where the statement has a text in it, else in the original language."""
        return self.current_version(language) or self.current_version()


LABEL_RE = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


def parse_label(label: str) -> tuple[int, int]:
    match = LABEL_RE.match(label.strip())
    if not match:
        raise ValidationError(_("A version label looks like 05.01 (major.minor)."))
    return int(match.group(1)), int(match.group(2))


def content_hash(*, title: str, body: str, language: str) -> str:
    """SHA-256 over what a signatory reads: language, title and body, normalized for line ends."""
    text = "\n".join([language, title.strip(), body.replace("\r\n", "\n").strip()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_major(statement: str = "") -> models.Subquery:
    """The major number of a statement's current version (its newest version in the original
    language), as a subquery: `statement` is the path from the outer query to the statement
    ("" when the outer rows are statements, "statement" when they are its signatures)."""
    outer = f"{statement}__" if statement else ""
    return models.Subquery(
        Version.objects.filter(
            statement=models.OuterRef(statement or "pk"),
            language=models.OuterRef(f"{outer}original_language"),
        )
        .order_by("-major")
        .values("major")[:1]
    )


class Version(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    major = models.PositiveSmallIntegerField(_("major"))
    minor = models.PositiveSmallIntegerField(_("minor"))
    language = models.CharField(_("language"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(
        _("short title"), max_length=120, help_text=_("For file names and page footers.")
    )
    body = models.TextField(_("body"), help_text=_("Markdown: paragraphs, lists, closing slogans."))
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("For a translation: the version it was translated from."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(_("change note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["statement", "language", "major", "minor"]
        verbose_name = _("version")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language", "major", "minor"], name="unique_version_label"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.language.upper()} {self.title}"

    def save(self, *args, **kwargs) -> None:
        # Invariant, not behaviour: a signed text never changes under its signatures.
        if self.pk:
            self._check_unlocked()
        else:
            self._check_label_increases()
        self.content_hash = self.compute_hash()
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return f"{self.major:02d}.{self.minor:02d}"

    def compute_hash(self) -> str:
        return content_hash(title=self.title, body=self.body, language=self.language)

    def clean(self) -> None:
        if self.source_id and self.source.statement_id != self.statement_id:
            raise ValidationError(
                {"source": _("A translation's source is a version of the same statement.")}
            )
        if self.source_id and self.source.language == self.language:
            raise ValidationError(
                {"source": _("A translation is in another language than its source.")}
            )
        if self.pk:
            self._check_unlocked()

    def _check_unlocked(self) -> None:
        stored = Version.objects.filter(pk=self.pk).values("title", "body", "language").first()
        if stored is None:
            return
        changed = (stored["title"], stored["body"], stored["language"]) != (
            self.title,
            self.body,
            self.language,
        )
        if changed and self.signatures.exists():
            raise VersionLocked(
                _(
                    "Version %(label)s has been signed; its text can no longer change. "
                    "Save the change as a new version."
                )
                % {"label": self.label}
            )

    def _check_label_increases(self) -> None:
        newest = (
            Version.objects.filter(statement_id=self.statement_id, language=self.language)
            .order_by("-major", "-minor")
            .values_list("major", "minor")
            .first()
        )
        if newest is not None and (self.major, self.minor) <= newest:
            raise ValidationError(
                _("Version %(label)s does not come after %(newest)s.")
                % {"label": self.label, "newest": f"{newest[0]:02d}.{newest[1]:02d}"}
            )
