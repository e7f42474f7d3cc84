"""The coalition: one per installation, holding the conventions its documents follow."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.core.countries import CONTINENTS, country_data

# Document numbers are a 32-bit column on every database.
MAX_NUMBER = 2**31 - 1
DEFAULT_CONTINENT_ORDER = ["africa", "asia", "oceania", "europe", "americas"]


def default_continent_order() -> list[str]:
    return list(DEFAULT_CONTINENT_ORDER)


# Inside `Coalition.read_once()`, the coalition read first; outside it (None), every load reads.
_read_once: ContextVar[dict | None] = ContextVar("coalition_read_once", default=None)


class Coalition(models.Model):
    """The coalition's settings. A single row (pk 1), edited as one object in the admin."""

    name = models.CharField(_("short name"), max_length=100, default="Coalition")
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    prefix = models.CharField(
        _("document prefix"),
        max_length=20,
        default="DOC",
        help_text=_("Starts every document number, e.g. ICOR in ICOR00359."),
    )
    number_padding = models.PositiveSmallIntegerField(_("number padding"), default=5)
    next_number = models.PositiveIntegerField(
        _("next document number"),
        default=1,
        editable=False,
        help_text=_("Only ever grows: a number once given is never given again."),
    )
    ordering_locale = models.CharField(
        _("ordering locale"),
        max_length=20,
        default="en",
        help_text=_("Language whose country names order the signatories (e.g. de)."),
    )
    default_language = models.CharField(_("default language"), max_length=20, default="en")
    continent_order = models.JSONField(
        _("continent order"),
        default=default_continent_order,
        help_text=_("Signatories are grouped by continent in this order."),
    )
    continent_overrides = models.JSONField(
        _("continent overrides"),
        default=dict,
        blank=True,
        help_text=_(
            "Countries the coalition counts in another continent than UN M49, e.g. "
            '{"TR": "europe"}.'
        ),
    )
    country_names = models.JSONField(
        _("country names"),
        default=dict,
        blank=True,
        help_text=_(
            "The coalition's own wording of country names per language, e.g. "
            '{"en": {"CZ": "Czech Republic"}}; others come from CLDR.'
        ),
    )

    refused_email_domains = models.TextField(
        _("refused e-mail domains"),
        blank=True,
        help_text=_(
            "Individuals cannot sign with an address at these domains (one per line; "
            "a domain's subdomains too), e.g. throwaway mail services."
        ),
    )

    class Meta:
        verbose_name = _("coalition settings")
        verbose_name_plural = _("coalition settings")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_coalition")]
        permissions = [("act_as_secretariat", "Can act as the coalition's secretariat")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        scope = _read_once.get()
        if scope is not None:
            scope.clear()

    def clean(self) -> None:
        order = self.continent_order
        if not isinstance(order, list) or sorted(order) != sorted(CONTINENTS):
            raise ValidationError(
                {
                    "continent_order": _("List each of %(names)s once.")
                    % {"names": ", ".join(CONTINENTS)}
                }
            )
        if not isinstance(self.continent_overrides, dict):
            raise ValidationError({"continent_overrides": _("Expected an object.")})
        known = country_data().continents
        for code, continent in self.continent_overrides.items():
            if code not in known or continent not in CONTINENTS:
                raise ValidationError(
                    {
                        "continent_overrides": _(
                            "%(code)s → %(continent)s is not a country and a continent."
                        )
                        % {"code": code, "continent": continent}
                    }
                )
        if not isinstance(self.country_names, dict) or not all(
            isinstance(names, dict) and all(code in known for code in names)
            for names in self.country_names.values()
        ):
            raise ValidationError(
                {"country_names": _('Expected {"language": {"country code": "name"}}.')}
            )

    @classmethod
    def load(cls) -> "Coalition":
        """The coalition, created with defaults on first use."""
        scope = _read_once.get()
        if scope is not None and "coalition" in scope:
            return scope["coalition"]
        coalition, _created = cls.objects.get_or_create(pk=1)
        if scope is not None:
            scope["coalition"] = coalition
        return coalition

    @classmethod
    def locked(cls) -> "Coalition":
        """The coalition's row, locked until the end of the transaction: the one lock that
        serializes numbering and the appends to the audit trail, on every database."""
        cls.load()  # a first use creates the row, which cannot be locked before it exists
        return cls.objects.select_for_update().get(pk=1)

    @staticmethod
    @contextmanager
    def read_once(coalition: "Coalition | None" = None) -> Iterator[None]:
        """Within the block, `load()` reads the row once and hands out that object: a page
        asks for the coalition a dozen times (document ids, ordering, footer). For blocks that
        only read; a `save()` inside it makes the next `load()` read again. `coalition`: one
        already read, as of the newest audit event (the lean door keeps one per process)."""
        token = _read_once.set({} if coalition is None else {"coalition": coalition})
        try:
            yield
        finally:
            _read_once.reset(token)

    def refuses_email_domain(self, domain: str) -> bool:
        """Whether an individual may not sign with an address at `domain` (or a subdomain of a
        refused one)."""
        refused = {
            line.strip().lower().lstrip("@").rstrip(".")
            for line in self.refused_email_domains.splitlines()
            if line.strip()
        }
        parts = domain.lower().split(".")
        return any(".".join(parts[i:]) in refused for i in range(len(parts)))

    def format_number(self, number: int) -> str:
        return f"{self.prefix}{number:0{self.number_padding}d}"

    def parse_number(self, document_id: str) -> int | None:
        """The number in one of this coalition's document ids ("ICOR00359", "icor 359" ->
        359), or None: another prefix, no digits, 0 (numbers start at 1) or beyond the
        column's range (which would overflow some databases). The one reading of a document
        id, for URLs, the API and imported documents alike."""
        found = re.fullmatch(
            rf"{re.escape(self.prefix)}\s*(\d+)", document_id.strip(), re.IGNORECASE
        )
        number = int(found.group(1)) if found else 0
        return number if 0 < number <= MAX_NUMBER else None

    def continent_rank(self, continent: str | None) -> int:
        order = self.continent_order or DEFAULT_CONTINENT_ORDER
        return order.index(continent) if continent in order else len(order)


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit trail (see core/audit.py)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    # A member of EventKind (record_event refuses any other); not `choices`, so a new kind
    # needs no migration.
    kind = models.CharField(max_length=60)
    # Plain ids, not foreign keys: the trail must outlive what it records and never cascade.
    actor_ref = models.PositiveBigIntegerField(null=True, blank=True)
    statement_ref = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    organization_ref = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if not kwargs.get("force_insert"):
            raise PermissionError("Audit events are append-only: record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def payload(self) -> dict:
        """What the hash covers; also what an exported chain contains."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "actor": self.actor_ref,
            "statement": self.statement_ref,
            "organization": self.organization_ref,
            "data": self.data,
        }


class AuditHead(models.Model):
    """A signed head of the audit trail: the newest event's number and hash when it was
    recorded, signed with the audit key kept outside the database (core/heads.py). One per
    event, written in the event's transaction; append-only like the events."""

    seq = models.PositiveBigIntegerField(db_index=True)
    hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    key = models.CharField(max_length=44)  # base64 of the Ed25519 public key that signed it
    signature = models.CharField(max_length=88)  # base64 of the Ed25519 signature

    class Meta:
        ordering = ["seq", "pk"]
        verbose_name = _("signed head of the audit trail")

    def __str__(self) -> str:
        return f"head #{self.seq}"

    def save(self, *args, **kwargs) -> None:
        if not kwargs.get("force_insert"):
            raise PermissionError("Signed heads are append-only: sign a new head instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Signed heads are append-only.")


class TaskKey(models.Model):
    """A deduplication key of a queued task (core/tasks.py): the task is queued only when no
    row holds its key, and the key goes when the finished task is purged."""

    key = models.CharField(max_length=200, unique=True)
    result = models.OneToOneField(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, related_name="dedupe_key"
    )

    def __str__(self) -> str:
        return self.key


class RateLimitHit(models.Model):
    """One attempt counted against a key (an address, an account) for rate limiting."""

    key = models.CharField(max_length=200, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.key
