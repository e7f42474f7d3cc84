"""Actions on individual co-signers: opening a statement to them, signing as a person,
confirming by the e-mailed link, withdrawing or deleting one's data by the receipt's link, and
the secretariat's moderation. Each writes, records what the trail must know and queues its
e-mails in one transaction. Audit events name the signature by its id, never the person.

A signature enters the audit trail when it is confirmed, and from then on each of its steps is
a *leaf* of its statement's log (`Leaf`), written by the step's own transaction without
touching the trail's chain; `seal_pending_batches` (the worker, every second) seals the
waiting leaves into a `Batch`, a Merkle tree whose root is one `individuals.batch` event. So
the trail takes one write per batch, not one per signature, and the page cache, which follows
the trail's newest event, is emptied once per batch. A pending signature is not in the trail
at all: until confirmed it is neither counted nor shown (docs/cosigners.md, "Receipts")."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.permissions import is_secretariat
from undersigned.core import notifications
from undersigned.core.audit import record_event
from undersigned.core.countries import country_codes
from undersigned.core.events import EventKind
from undersigned.core.generation import follow
from undersigned.core.heads import canonical
from undersigned.core.merkle import leaf_hash, root
from undersigned.core.models import Coalition
from undersigned.core.tokens import derived_verifier, new_derived_token
from undersigned.cosigners.addresses import canonical_email, email_domain, is_address
from undersigned.cosigners.models import (
    FIELDS,
    HOLDS_ADDRESS,
    Batch,
    FieldUse,
    IndividualSignature,
    Leaf,
    LeafKind,
    Listing,
    Opening,
    Order,
    PeopleList,
    SignerState,
)
from undersigned.cosigners.privacy import folded, keyed_hash, name_key, network_hash
from undersigned.cosigners.selectors import export_rows
from undersigned.statements.models import Statement, Version


class CosigningRefused(Exception):
    """The action cannot be taken; the message says why, for a person."""


CONFIRM_LINK = "individual-confirm"
RECEIPT_LINK = "individual-receipt"


@dataclass(frozen=True)
class Signed:
    """What signing gave: the new signature and the secret of its confirmation link, or None
    when the address had already signed (a notice went to it instead: the page that answers
    must not tell who has signed)."""

    signature: IndividualSignature | None
    token: str | None


def _require_secretariat(by: AbstractBaseUser | None) -> None:
    if not is_secretariat(by):
        raise CosigningRefused(_("Only the secretariat can do this."))


@transaction.atomic
def set_opening(
    statement: Statement,
    *,
    language: str,
    listing: str,
    by: AbstractBaseUser,
    affiliation: str = FieldUse.SHOWN,
    country: str = FieldUse.SHOWN,
    city: str = FieldUse.NO,
) -> Opening:
    """Open (or close) the statement's page in `language` to individuals, listed or counted,
    and choose which fields are asked and shown.

    Side effects: an `individuals.opening` audit event with the settings before and after.
    """
    _require_secretariat(by)
    if listing not in Listing.values:
        raise CosigningRefused(_("Choose off, listed or counted."))
    uses = {"affiliation": affiliation, "country": country, "city": city}
    if any(use not in FieldUse.values for use in uses.values()):
        raise CosigningRefused(_("Each field is not asked, asked, or asked and shown."))
    if not statement.versions.filter(language=language).exists():
        raise CosigningRefused(
            _("%(id)s has no text in this language.") % {"id": statement.document_id or statement}
        )
    opening = Opening.objects.select_for_update().filter(statement=statement, language=language)
    opening = opening.first() or Opening(statement=statement, language=language)
    before = opening.settings() if opening.pk else None
    opening.listing = listing
    for name, use in uses.items():
        setattr(opening, name, use)
    if before == opening.settings():
        return opening
    opening.save()
    record_event(
        EventKind.INDIVIDUALS_OPENING,
        actor=by,
        statement=statement,
        data={"language": language, "from": before, "to": opening.settings()},
    )
    return opening


def _clean_fields(opening: Opening, given: dict[str, str]) -> dict[str, str]:
    """The fields the opening asks, stripped; the others are dropped, not stored."""
    values = {name: (given.get(name) or "").strip() for name in FIELDS}
    values = {name: value if name in opening.asked() else "" for name, value in values.items()}
    limits = {"affiliation": 200, "country": 2, "city": 100}
    for name, value in values.items():
        if len(value) > limits[name]:
            raise CosigningRefused(_("One of the fields is too long."))
    if values["country"]:
        values["country"] = values["country"].upper()
        if values["country"] not in country_codes():
            raise CosigningRefused(_("Choose a country from the list."))
    return values


@transaction.atomic
def sign_as_person(
    statement: Statement,
    *,
    language: str,
    version_hash: str,
    name: str,
    email: str,
    client_address: str = "",
    mail_language: str = "",
    opening: Opening | None = None,
    **fields: str,
) -> Signed:
    """A person signs the text they read (identified by its hash) on the statement's page in
    `language`. Nothing is counted or shown until they confirm by the e-mailed link.

    One signature per canonical address and statement: an address that has already signed gets
    a notice by e-mail (or, while its signature waits for confirmation, a new link), and the
    answer is the same as for a new signature.

    Side effects: the confirmation e-mail, in `mail_language` (the interface the person read;
    else the text's language), queued after commit. No audit event: until confirmed the
    signature is neither counted nor shown, and the hot path stays off the trail's chain.

    `opening` is the statement's opening in `language` when the caller has read it already
    (the page did); otherwise it is read here.
    """
    if opening is None or opening.statement_id != statement.pk or opening.language != language:
        opening = Opening.objects.filter(statement=statement, language=language).first()
    if opening is None or not opening.is_open or not statement.accepts_signatures():
        raise CosigningRefused(
            _("%(id)s does not take signatures of individuals in this language.")
            % {"id": statement.document_id or statement}
        )
    version = statement.current_version(language)
    if version is None or version.content_hash != version_hash:
        raise CosigningRefused(
            _("The text changed while you were reading it. Please read the current version.")
        )
    name = " ".join(name.split())
    if not name:
        raise CosigningRefused(_("Give your name."))
    if len(name) > 200:
        raise CosigningRefused(_("The name is too long."))
    email = email.strip()
    if not is_address(email) or len(email) > 254:
        raise CosigningRefused(_("Give a valid e-mail address."))
    domain = email_domain(email)
    if Coalition.load().refuses_email_domain(domain):
        raise CosigningRefused(
            _("Addresses at %(domain)s cannot be used to sign. Please use another address.")
            % {"domain": domain}
        )
    values = _clean_fields(opening, fields)
    signature, token = new_signature(
        statement,
        version=version,
        language=language,
        mail_language=mail_language,
        name=name,
        email=email,
        domain=domain,
        client_address=client_address,
        values=values,
    )
    email_hash, selector, verifier_hash = (
        signature.email_hash,
        signature.confirm_selector,
        signature.confirm_hash,
    )
    if _insert_unless_signed(signature):
        _send_confirmation(signature)
        return Signed(signature, token)
    # The address holds a signature (perhaps committed a moment ago by another request, which
    # the insert waited for): its row, locked while its link is replaced.
    existing = (
        IndividualSignature.objects.select_for_update()
        .filter(HOLDS_ADDRESS, statement=statement, email_hash=email_hash)
        .first()
    )
    if existing is not None and existing.state == SignerState.PENDING:
        # A new link replaces the old one: the person may have lost the first e-mail.
        existing.confirm_selector, existing.confirm_hash = selector, verifier_hash
        existing.mail_language = mail_language or existing.mail_language
        existing.created_at = timezone.now()  # the new link's days count from now
        existing.save(
            update_fields=["confirm_selector", "confirm_hash", "mail_language", "created_at"]
        )
        _send_confirmation(existing, to=email)
    else:
        notifications.send_later(
            "individual_already_signed",
            to=email,
            language=mail_language or language,
            context={"document_id": statement.document_id, "title": version.title},
        )
    return Signed(None, None)


def new_signature(
    statement: Statement,
    *,
    version: Version,
    language: str,
    mail_language: str,
    name: str,
    email: str,
    domain: str,
    client_address: str,
    values: dict[str, str],
) -> tuple[IndividualSignature, str]:
    """The unsaved signature of a person whose fields are checked already, and the secret of its
    confirmation link: made here for `sign_as_person` and for the lean door (cosigners/door.py)
    alike, so both store the same row."""
    # The link's secret is derived from its selector and the site's key, so the mail task
    # makes it when it sends and no task row ever holds it (core/notifications.py).
    selector, verifier_hash = new_derived_token(CONFIRM_LINK)
    token = f"{selector}.{derived_verifier(CONFIRM_LINK, selector)}"
    signature = IndividualSignature(
        statement=statement,
        version=version,
        version_hash=version.content_hash,
        language=language,
        mail_language=mail_language or language,
        name=name,
        name_key=name_key(name),
        name_folded=folded(name)[:200],
        email=email,
        email_hash=keyed_hash("email", canonical_email(email)),
        email_domain=domain,
        network_hash=network_hash(client_address),
        confirm_selector=selector,
        confirm_hash=verifier_hash,
        **values,
    )
    return signature, token


def _insert_unless_signed(signature: IndividualSignature) -> bool:
    """Insert the new signature unless its address already holds one of the statement: one
    statement, `INSERT … ON CONFLICT DO NOTHING RETURNING id` (SQLite: `INSERT OR IGNORE`) on
    the partial unique index, where a look-up, a lock and an insert under a savepoint took
    four round trips. A concurrent insert of the same address makes it wait for that
    transaction, then do nothing. Returns whether the row was inserted (its id is then set)."""
    meta = IndividualSignature._meta
    query = InsertQuery(IndividualSignature, on_conflict=OnConflict.IGNORE)
    query.insert_values([f for f in meta.local_concrete_fields if f is not meta.pk], [signature])
    compiler = query.get_compiler(using=signature._state.db or DEFAULT_DB_ALIAS)
    compiler.returning_fields = [meta.pk]
    ((sql, params),) = compiler.as_sql()
    with connections[compiler.using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    signature.pk = row[0]
    signature._state.adding, signature._state.db = False, compiler.using
    return True


def _mail(signature: IndividualSignature, template: str, *, to: str = "", **context) -> dict:
    """`send_later`'s arguments for a message to the signer about the version they signed."""
    return {
        "template": template,
        "to": to or signature.email,
        "language": signature.mail_language or signature.language,
        "context": {
            "name": signature.name,
            "document_id": signature.statement.document_id,
            "title": signature.version.title,
            "version": signature.version.label,
            "hash": signature.version_hash,
            **context,
        },
    }


def confirmation_mail(signature: IndividualSignature, *, to: str = "") -> dict:
    """`send_later`'s arguments for the e-mail with the confirmation link."""
    link = notifications.secret_link(CONFIRM_LINK, signature.pk)
    return _mail(signature, "individual_confirm", to=to, link=link)


def _send_confirmation(signature: IndividualSignature, *, to: str = "") -> None:
    mail = confirmation_mail(signature, to=to)
    notifications.send_later(mail.pop("template"), **mail)


# Which state may follow which, and the leaf that records the step (None: a signature never
# confirmed leaves the list it was never on, which the log need not say).
TRANSITIONS = {
    (SignerState.PENDING, SignerState.CONFIRMED): LeafKind.CONFIRMED,
    (SignerState.PENDING, SignerState.WITHDRAWN): None,
    (SignerState.CONFIRMED, SignerState.WITHDRAWN): LeafKind.WITHDRAWN,
    (SignerState.HELD, SignerState.WITHDRAWN): LeafKind.WITHDRAWN,
    # Held before its signer confirmed it: not on the list, so nothing for the log; the
    # moderator's event records it, and release sends it back to waiting for its signer.
    (SignerState.PENDING, SignerState.HELD): None,
    (SignerState.HELD, SignerState.PENDING): None,
    (SignerState.CONFIRMED, SignerState.HELD): LeafKind.HELD,
    (SignerState.HELD, SignerState.CONFIRMED): LeafKind.RELEASED,
    (SignerState.PENDING, SignerState.INVALIDATED): LeafKind.INVALIDATED,
    (SignerState.CONFIRMED, SignerState.INVALIDATED): LeafKind.INVALIDATED,
    (SignerState.HELD, SignerState.INVALIDATED): LeafKind.INVALIDATED,
}
# The moderator's decisions are also audit events of their own: they name who decided and
# why, which a leaf (public, naming no one) does not; they are few.
# The secretariat's decisions, by the state they lead to (from `held`: a release), each also
# an audit event of its own, with who decided and why.
MODERATION_EVENTS = {
    SignerState.HELD: EventKind.INDIVIDUAL_HELD,
    SignerState.INVALIDATED: EventKind.INDIVIDUAL_INVALIDATED,
}
LEAF_TYPE = "undersigned.individual/1"


def fields_hash(signature: IndividualSignature) -> str:
    """SHA-256 of the signature's salt and the canonical JSON of its name and fields: the
    signer, who has both in their receipt, can show these were the data; nobody can search the
    public log for a name. Empty once the data are deleted."""
    if not signature.leaf_salt:
        return ""
    fields = {"name": signature.name, **{name: getattr(signature, name) for name in FIELDS}}
    return hashlib.sha256(signature.leaf_salt.encode() + canonical(fields)).hexdigest()


def leaf_body(signature: IndividualSignature, *, kind: str, at: str) -> dict:
    """What a leaf says, before its canonical JSON is hashed (docs/audit.md, "Receipts")."""
    return {
        "type": LEAF_TYPE,
        "kind": str(kind),
        "signature": signature.pk,
        "statement": signature.statement_id,
        "version": signature.version_hash,
        "fields": fields_hash(signature),
        "at": at,
    }


def leaf_text(signature: IndividualSignature, *, kind: str, at: datetime) -> str:
    """The leaf's canonical JSON, as stored and hashed."""
    stamp = at.isoformat(timespec="microseconds").replace("+00:00", "Z")
    return canonical(leaf_body(signature, kind=kind, at=stamp)).decode()


def _add_leaf(signature: IndividualSignature, kind: str) -> Leaf:
    body = leaf_text(signature, kind=kind, at=timezone.now())
    return Leaf.objects.create(
        statement_id=signature.statement_id, signature=signature, kind=kind, body=body
    )


def _set_state(
    signature: IndividualSignature,
    *,
    to: str,
    by: AbstractBaseUser | None = None,
    data: dict | None = None,
    decided: bool = True,
) -> IndividualSignature:
    """The one place a signature's state changes: checks the step against TRANSITIONS under the
    row's lock (two clicks at once take one step), writes, adds the leaf (and a moderator's
    event, unless `decided` is False: a step of a decision recorded once for many)."""
    locked = IndividualSignature.objects.select_for_update().get(pk=signature.pk)
    if (locked.state, to) not in TRANSITIONS:
        raise CosigningRefused(
            _("This signature is %(state)s: it cannot be changed that way.")
            % {"state": locked.get_state_display()}
        )
    now, before = timezone.now(), locked.state
    locked.state, locked.changed_at = to, now
    if to == SignerState.CONFIRMED and locked.confirmed_at is None:
        locked.confirmed_at = now
    kind = TRANSITIONS[(before, to)]
    if kind is not None and not locked.leaf_salt:  # its first leaf: the salt of its fields
        locked.leaf_salt = secrets.token_hex(16)
    locked.save(update_fields=["state", "changed_at", "confirmed_at", "leaf_salt"])
    if kind is not None:
        _add_leaf(locked, kind)
    decision = (
        EventKind.INDIVIDUAL_RELEASED
        if before == SignerState.HELD and to in (SignerState.CONFIRMED, SignerState.PENDING)
        else MODERATION_EVENTS.get(to)
    )
    if decision is not None and decided:
        record_event(
            decision,
            actor=by,
            statement=locked.statement,
            data={"signature": locked.pk, **(data or {})},
        )
    return locked


def _confirm_at_once(signature: IndividualSignature, selector: str, verifier_hash: str) -> bool:
    """The step from pending to confirmed in one `UPDATE … WHERE state = 'pending'` (and the
    leaf), where a lock, a read and two writes took four round trips. It matches only the row
    as it was read (pending, the same salt and first confirmation), so the leaf, made from the
    object in hand, says what the row holds; two clicks at once update it once."""
    now = timezone.now()
    salt = signature.leaf_salt or secrets.token_hex(16)
    confirmed_at = signature.confirmed_at or now
    taken = IndividualSignature.objects.filter(
        pk=signature.pk,
        state=SignerState.PENDING,
        leaf_salt=signature.leaf_salt,
        confirmed_at=signature.confirmed_at,
    ).update(
        state=SignerState.CONFIRMED,
        changed_at=now,
        confirmed_at=confirmed_at,
        leaf_salt=salt,
        receipt_selector=selector,
        receipt_hash=verifier_hash,
    )
    if not taken:
        return False
    signature.state, signature.changed_at, signature.confirmed_at = (
        SignerState.CONFIRMED,
        now,
        confirmed_at,
    )
    signature.leaf_salt = salt
    signature.receipt_selector, signature.receipt_hash = selector, verifier_hash
    _add_leaf(signature, TRANSITIONS[(SignerState.PENDING, SignerState.CONFIRMED)])
    return True


def receipt_mail(signature: IndividualSignature) -> dict:
    """`send_later`'s arguments for the receipt's e-mail, once the signature is confirmed."""
    return _mail(
        signature,
        "individual_receipt",
        confirmed_at=signature.confirmed_at.isoformat(),
        link=notifications.secret_link(RECEIPT_LINK, signature.pk),
    )


@transaction.atomic
def confirm_signature(signature: IndividualSignature) -> tuple[IndividualSignature, str]:
    """The person confirmed by the link sent to them: from now on they are counted (and listed,
    where the statement lists names). Returns the signature and the secret of the receipt's
    link, which shows their data and lets them withdraw or delete it.

    Refused once the statement no longer accepts signatures (closed, or past its deadline):
    a signature counts when it is confirmed.

    Side effects: a `confirmed` leaf, in the trail with the next batch; the receipt by e-mail
    after commit.
    """
    if not signature.statement.accepts_signatures():
        raise CosigningRefused(
            _("%(id)s no longer accepts signatures.")
            % {"id": signature.statement.document_id or signature.statement}
        )
    selector, verifier_hash = new_derived_token(RECEIPT_LINK)
    if not _confirm_at_once(signature, selector, verifier_hash):
        # Not pending as it was read (a second click, a moderator's hold): the locked path
        # says why, or takes the step if only the salt or the time changed meanwhile.
        signature = _set_state(signature, to=SignerState.CONFIRMED)
        signature.receipt_selector, signature.receipt_hash = selector, verifier_hash
        signature.save(update_fields=["receipt_selector", "receipt_hash"])
    token = f"{selector}.{derived_verifier(RECEIPT_LINK, selector)}"
    mail = receipt_mail(signature)
    notifications.send_later(mail.pop("template"), **mail)
    return signature, token


@transaction.atomic
def withdraw_own_signature(signature: IndividualSignature) -> IndividualSignature:
    """The signer withdraws by their receipt's link: no longer counted or listed; their data
    stays until they delete it (or the secretariat's schedule does).

    Side effects: a `withdrawn` leaf (none for a signature never confirmed).
    """
    return _set_state(signature, to=SignerState.WITHDRAWN)


@transaction.atomic
def erase_own_data(signature: IndividualSignature) -> IndividualSignature:
    """The signer deletes their data by their receipt's link: name, fields, address and the
    hashes of address and network are emptied, the signature withdrawn if it was not. What
    remains is that a signature existed, as the audit trail says.

    Side effects: a `withdrawn` leaf if it stood, then an `erased` one, for a signature that
    was ever in the log.
    """
    if signature.state in (SignerState.PENDING, SignerState.CONFIRMED, SignerState.HELD):
        signature = withdraw_own_signature(signature)
    signature = IndividualSignature.objects.select_for_update().get(pk=signature.pk)
    if signature.erased_at is not None:
        raise CosigningRefused(_("These data were already deleted."))
    for name in ("name", "name_key", "name_folded", *FIELDS, "email", "email_hash"):
        setattr(signature, name, "")
    signature.network_hash = signature.email_domain = ""
    signature.receipt_selector, signature.receipt_hash = None, ""
    signature.leaf_salt = ""
    signature.erased_at = timezone.now()
    signature.save()
    if signature.leaves.exists():
        _add_leaf(signature, LeafKind.ERASED)
    return signature


@transaction.atomic
def moderate_signature(
    signature: IndividualSignature, *, to: str, by: AbstractBaseUser, reason: str = ""
) -> IndividualSignature:
    """The secretariat holds a signature for moderation, releases a held one, or invalidates
    one, with a reason.

    Side effects: a `held`, `released` or `invalidated` leaf, and an `individual.held`,
    `individual.released` or `individual.invalidated` audit event with the reason.
    """
    _require_secretariat(by)
    if to not in (SignerState.HELD, SignerState.CONFIRMED, SignerState.INVALIDATED):
        raise CosigningRefused(_("Hold, release or invalidate."))
    signature = IndividualSignature.objects.select_for_update().get(pk=signature.pk)
    if to == SignerState.CONFIRMED and signature.state != SignerState.HELD:
        raise CosigningRefused(_("Only a held signature can be released."))
    return _set_state(signature, to=to, by=by, data={"reason": reason})


@transaction.atomic
def forget_networks(statement: Statement) -> int:
    """Drop the keyed hashes of the IP networks of a statement's signers once it no longer
    accepts signatures: they serve only against floods while it is open. Returns how many.

    Side effects: an `individuals.networks_forgotten` audit event when there were any.
    """
    if statement.accepts_signatures():
        raise CosigningRefused(_("The statement still accepts signatures."))
    forgotten = (
        IndividualSignature.objects.filter(statement=statement).exclude(network_hash="")
    ).update(network_hash="")
    if forgotten:
        record_event(
            EventKind.INDIVIDUALS_NETWORKS_FORGOTTEN,
            statement=statement,
            data={"signatures": forgotten},
        )
    return forgotten


def seal_pending_batches(*, limit: int | None = None) -> list[Batch]:
    """Seal every leaf waiting for a batch: per statement, a Merkle tree over the leaves in the
    order they were written, given the next indices of the statement's log; its root is one
    `individuals.batch` audit event (statement, count, root, first and last index). The worker
    calls it every second (`UNDERSIGNED_COSIGNERS_SEAL_MS`); tests call it at will.

    Leaves committed while it runs wait for the next call; sealers on several workers take the
    trail's lock in turn, and a later one finds nothing left. Returns the batches sealed.
    """
    limit = limit or settings.COSIGNERS_BATCH_LIMIT
    sealed: list[Batch] = []
    # Looked at first without a transaction: on SQLite an idle sealer then never takes the
    # write lock, which every signer needs.
    while Leaf.objects.filter(batch=None).exists():
        batch = _seal_next(limit)
        if batch is None:  # another worker sealed them meanwhile
            break
        sealed.append(batch)
    return sealed


@transaction.atomic
def _seal_next(limit: int) -> Batch | None:
    # The trail's lock first (record_event takes it too): one sealer at a time, and each sees
    # every leaf the one before it sealed.
    Coalition.locked()
    pending = Leaf.objects.filter(batch=None).order_by("pk")
    statement_id = pending.values_list("statement_id", flat=True).first()
    if statement_id is None:
        return None
    leaves = list(pending.filter(statement_id=statement_id).only("pk", "body")[:limit])
    last = Batch.objects.filter(statement_id=statement_id).order_by("-first").first()
    first = last.first + last.count if last else 0
    top = root([leaf_hash(leaf.body.encode()) for leaf in leaves]).hex()
    statement = Statement.objects.get(pk=statement_id)
    event = record_event(
        EventKind.INDIVIDUALS_BATCH,
        statement=statement,
        data={"count": len(leaves), "root": top, "first": first, "last": first + len(leaves) - 1},
    )
    batch = Batch.objects.create(
        statement=statement,
        first=first,
        count=len(leaves),
        root=top,
        event_seq=event.seq,
        sealed_at=event.at,
    )
    Leaf.objects.filter(pk__in=[leaf.pk for leaf in leaves]).update(batch=batch)
    return batch


def drop_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete the signatures never confirmed within UNDERSIGNED_COSIGNERS_CONFIRM_DAYS: their
    link no longer works, and an address nobody confirmed is not kept. Returns how many.

    Side effects: an `individuals.unconfirmed_dropped` audit event per statement, with how
    many (never who)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.COSIGNERS_CONFIRM_DAYS)
    stale = IndividualSignature.objects.filter(state=SignerState.PENDING, created_at__lt=cutoff)
    dropped = 0
    for statement_id in stale.values_list("statement", flat=True).distinct().order_by():
        with transaction.atomic():
            count, _by_model = stale.filter(statement=statement_id).delete()
            if count:
                record_event(
                    EventKind.INDIVIDUALS_UNCONFIRMED_DROPPED,
                    statement=Statement.objects.get(pk=statement_id),
                    data={"signatures": count},
                )
            dropped += count
    return dropped


# The links holding a secret, made by the mail task from the signature's id when it sends.


def _link(view: str, purpose: str, selector: str | None) -> str:
    if not selector:  # erased meanwhile: the message leads to the site, not to a dead link
        return notifications.absolute("/")
    token = f"{selector}.{derived_verifier(purpose, selector)}"
    return notifications.absolute(reverse(view, args=[token]))


def confirmation_url(pk: int) -> str:
    selector = IndividualSignature.objects.filter(pk=pk).values_list("confirm_selector", flat=True)
    return _link("cosigners:confirm", CONFIRM_LINK, selector.first())


def receipt_url(pk: int) -> str:
    selector = IndividualSignature.objects.filter(pk=pk).values_list("receipt_selector", flat=True)
    return _link("cosigners:receipt", RECEIPT_LINK, selector.first())


notifications.register_link(CONFIRM_LINK, confirmation_url)
notifications.register_link(RECEIPT_LINK, receipt_url)
# A confirmation (a leaf, whose audit event comes with its batch) shows on the cached pages
# without waiting for the worker's seal (core/generation.py).
follow(Leaf)


@transaction.atomic
def export_individuals(statement: Statement, *, by: AbstractBaseUser) -> list[tuple[str, ...]]:
    """Every signature of the statement that still has its data, with the addresses, for the
    secretariat (`selectors.export_rows`, the rows of the CSV export).

    A read of personal data, so it is recorded: who exported which statement's signers and
    how many rows, an `individuals.exported` event (never a name or an address). Raises
    `CosigningRefused` for anyone but the secretariat.
    """
    _require_secretariat(by)
    rows = export_rows(statement)
    record_event(
        EventKind.INDIVIDUALS_EXPORTED, actor=by, statement=statement, data={"rows": len(rows)}
    )
    return rows


@transaction.atomic
def set_people_list(
    statement: Statement, *, order: str, in_documents: int | None, by: AbstractBaseUser
) -> PeopleList:
    """Choose the order of the statement's list of individuals (every language) and how many
    names its downloads print before the count of the others (None: all).

    Side effects: an `individuals.list` audit event with the settings before and after.
    """
    _require_secretariat(by)
    if order not in Order.values:
        raise CosigningRefused(_("Choose alphabetical, by country or by time of signing."))
    if in_documents is not None and in_documents < 0:
        raise CosigningRefused(_("The number of names in the downloads cannot be negative."))
    found = PeopleList.objects.select_for_update().filter(statement=statement).first()
    people_list = found or PeopleList(statement=statement)
    before = people_list.settings() if found else None
    people_list.order = order
    people_list.in_documents = in_documents
    if before == people_list.settings():
        return people_list
    people_list.save()
    record_event(
        EventKind.INDIVIDUALS_LIST,
        actor=by,
        statement=statement,
        data={"from": before, "to": people_list.settings()},
    )
    return people_list
