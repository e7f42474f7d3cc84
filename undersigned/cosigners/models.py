"""Individual co-signers: a statement's opening to people, and their signatures.

A person signs with a name and the fields the secretariat asks for, confirms by e-mail, and
is counted (or listed) only once confirmed. The address they gave is kept apart from what is
shown: to write to them, and as a keyed hash of its canonical form, which makes one
signature per person and statement. Of their connection only a keyed hash of the network is
kept, never the address."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from undersigned.statements.models import Statement, Version


class Listing(models.TextChoices):
    OFF = "off", _("not open to individuals")
    LISTED = "listed", _("open, names listed")
    COUNTED = "counted", _("open, only counted")


class FieldUse(models.TextChoices):
    NO = "no", _("not asked")
    ASKED = "asked", _("asked, not shown")
    SHOWN = "shown", _("asked and shown")


# The fields a secretariat may ask besides the name, in the order of the form.
FIELDS = ("affiliation", "country", "city")


class Opening(models.Model):
    """Whether people may sign a statement on its page in one language, and what they are asked
    and what of it is shown. No row: not open."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="openings")
    language = models.CharField(_("language"), max_length=20)
    listing = models.CharField(
        _("individuals"), max_length=10, choices=Listing.choices, default=Listing.OFF
    )
    affiliation = models.CharField(
        _("affiliation or role"), max_length=5, choices=FieldUse.choices, default=FieldUse.SHOWN
    )
    country = models.CharField(
        _("country"), max_length=5, choices=FieldUse.choices, default=FieldUse.SHOWN
    )
    city = models.CharField(_("city"), max_length=5, choices=FieldUse.choices, default=FieldUse.NO)

    class Meta:
        verbose_name = _("opening to individuals")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language"], name="one_opening_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement} {self.language}: {self.listing}"

    @property
    def is_open(self) -> bool:
        return self.listing != Listing.OFF

    def asked(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) != FieldUse.NO]

    def shown(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) == FieldUse.SHOWN]

    def settings(self) -> dict[str, str]:
        """What the audit event of a change records."""
        return {"listing": self.listing, **{name: getattr(self, name) for name in FIELDS}}


class SignerState(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    # A statement is withdrawn too; some languages give the two words different genders.
    WITHDRAWN = "withdrawn", pgettext_lazy("state of a person's signature", "withdrawn")
    HELD = "held", _("held for moderation")
    INVALIDATED = "invalidated", _("invalidated")


# A person's signature that stands in the way of another with the same address: any but a
# withdrawn one (an invalidated one too, or invalidating would let the same person sign again).
HOLDS_ADDRESS = ~Q(state=SignerState.WITHDRAWN)


class IndividualSignatureQuerySet(models.QuerySet):
    def confirmed(self) -> "IndividualSignatureQuerySet":
        return self.filter(state=SignerState.CONFIRMED)


class IndividualSignature(models.Model):
    # No index of their own: every index below starts with the statement, and a version
    # is never deleted (PROTECT reads this table once if it were). Each index costs every
    # signature its insert: a surge writes thousands a second.
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        related_name="individual_signatures",
        db_index=False,
    )
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+", db_index=False)
    version_hash = models.CharField(_("hash of the version signed"), max_length=64)
    language = models.CharField(_("language"), max_length=20)
    # The interface language the person read the page in: their e-mails are written in it.
    mail_language = models.CharField(max_length=20, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=SignerState.choices, default=SignerState.PENDING
    )
    # What is shown (as the opening says).
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation or role"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # For ordering and searching the list by an index, derived from the name.
    name_key = models.CharField(max_length=240, editable=False)
    name_folded = models.CharField(max_length=200, editable=False)
    # Never shown: where the confirmation and receipt go (emptied when the signer deletes their
    # data), the keyed hash of the canonical address, its domain, the keyed hash of the network.
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    email_hash = models.CharField(max_length=64, editable=False)
    email_domain = models.CharField(max_length=253, editable=False)
    network_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The secrets of the confirmation link and of the receipt's link (stored as hashes).
    # Unique by constraints (Meta): a unique field would also get, on PostgreSQL, a second
    # index for LIKE searches, which no one makes on a secret.
    confirm_selector = models.CharField(max_length=32)
    confirm_hash = models.CharField(max_length=64)
    # NULL, not '', until confirmed: the unique constraint counts no NULL
    receipt_selector = models.CharField(max_length=32, null=True, blank=True)  # noqa: DJ001
    receipt_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("state changed at"), default=timezone.now)
    erased_at = models.DateTimeField(_("data deleted at"), null=True, blank=True)
    # Salts the hash of the fields in the signature's leaves, so the public log cannot be
    # searched for a name; given to the signer in their receipt, emptied with their data.
    leaf_salt = models.CharField(max_length=32, blank=True, editable=False)

    objects = IndividualSignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("individual signature")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "email_hash"],
                condition=HOLDS_ADDRESS,
                name="one_signature_per_person",
            ),
            models.UniqueConstraint(fields=["confirm_selector"], name="cosigner_confirm_link"),
            models.UniqueConstraint(fields=["receipt_selector"], name="cosigner_receipt_link"),
        ]
        indexes = [
            # The list in each order: confirmed signatures of a statement in collation order,
            # by country (a page reads one country's run in name order), by time of signing.
            # Each ends with the folded name, so a search walks the index in the list's order
            # and tests each name in the index, reading only the rows it shows: a rare name
            # at 100,000 costs 50 ms on SQLite where it cost 700 ms by the rows.
            models.Index(
                fields=["statement", "state", "name_key", "id", "name_folded"],
                name="cosigner_by_name",
            ),
            models.Index(
                fields=["statement", "state", "country", "name_key", "id", "name_folded"],
                name="cosigner_by_country",
            ),
            models.Index(
                fields=["statement", "state", "confirmed_at", "id", "name_folded"],
                name="cosigner_by_time",
            ),
            models.Index(fields=["statement", "state", "name_folded"], name="cosigner_search"),
            # Narrow, for counting: the count and the numbers by country (of a search too) read
            # every entry of the statement, and an entry without the collation key is a fifth
            # of one with it.
            models.Index(
                fields=["statement", "state", "country", "name_folded"], name="cosigner_count"
            ),
            # Moderation (moderation.py): the recent signatures and the trends over a time
            # window, and the signatures of one e-mail domain.
            models.Index(fields=["statement", "created_at"], name="cosigner_time"),
            models.Index(fields=["statement", "email_domain"], name="cosigner_domain"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.statement}"


class LeafKind(models.TextChoices):
    """What a leaf of the individuals' log says happened to a signature."""

    CONFIRMED = "confirmed", _("confirmed")
    WITHDRAWN = "withdrawn", _("withdrawn by the signer")
    ERASED = "erased", _("data deleted by the signer")
    HELD = "held", _("held for moderation")
    RELEASED = "released", _("released")
    INVALIDATED = "invalidated", _("invalidated")


# The leaves after which a signature stands on the list.
STANDING_LEAVES = (LeafKind.CONFIRMED, LeafKind.RELEASED)


class Batch(models.Model):
    """Leaves of one statement's log sealed together: a Merkle tree whose root is one audit
    event (`individuals.batch`), so the trail's single chain takes one write per batch, not one
    per signature (docs/cosigners.md, "Receipts")."""

    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="individual_batches"
    )
    first = models.PositiveBigIntegerField()  # the index of its first leaf in the statement's log
    count = models.PositiveIntegerField()
    root = models.CharField(max_length=64)
    event_seq = models.PositiveBigIntegerField(unique=True)
    sealed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("batch of individual signatures")
        constraints = [
            models.UniqueConstraint(fields=["statement", "first"], name="one_batch_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.statement} leaves {self.first}–{self.first + self.count - 1}"


class Leaf(models.Model):
    """One step of a signature in its statement's log (confirmed, withdrawn by its signer,
    erased, held, released, invalidated), as the canonical JSON that is hashed. Written by the
    step's own transaction, sealed into a batch within about a second; never changed after."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    signature = models.ForeignKey(
        IndividualSignature, on_delete=models.PROTECT, related_name="leaves"
    )
    kind = models.CharField(max_length=12, choices=LeafKind.choices)
    body = models.TextField()
    # Given when sealed. A leaf's index in its statement's log is its batch's `first` plus its
    # rank by id among the batch's leaves: sealing is then one UPDATE, whatever the count.
    batch = models.ForeignKey(
        Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="leaves"
    )

    class Meta:
        verbose_name = _("leaf of the individuals' log")
        indexes = [
            # What the sealer takes: the leaves not yet in a batch, oldest first.
            models.Index(fields=["id"], condition=Q(batch=None), name="leaf_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.signature_id}"


class Order(models.TextChoices):
    NAME = "name", _("alphabetical")
    COUNTRY = "country", _("by country, then alphabetical")
    TIME = "time", _("by time of signing")


class PeopleList(models.Model):
    """How a statement's list of individuals is shown, whatever the language: in which order,
    and how many names the downloads (PDF, DOCX, …) print before the count of the others. No
    row: alphabetical, and the first `DEFAULT_IN_DOCUMENTS`."""

    DEFAULT_IN_DOCUMENTS = 1000

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="people_list"
    )
    order = models.CharField(_("order"), max_length=10, choices=Order.choices, default=Order.NAME)
    # None: every name. A downloaded document is rebuilt on each change of the list, and a page
    # builds its Document: a bound keeps both cheap at 100,000 names.
    in_documents = models.PositiveIntegerField(
        _("names in the downloads"), null=True, blank=True, default=DEFAULT_IN_DOCUMENTS
    )

    class Meta:
        verbose_name = _("list of individuals")

    def __str__(self) -> str:
        return f"{self.statement}: {self.order}, {self.in_documents}"

    def settings(self) -> dict[str, object]:
        """What the audit event of a change records."""
        return {"order": self.order, "in_documents": self.in_documents}
