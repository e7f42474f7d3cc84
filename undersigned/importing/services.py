"""The import as actions: keep an upload, read it (a task: importing/tasks.py), match parsed
entries to the register, stage it for review, and confirm it into a draft statement with its
signatures.

Between upload and confirmation nothing is written to the database: the upload waits under
DATA_DIR/import-tmp/<id>/ — its bytes, its signed state while it is read, then the signed,
size-limited parse — readable only by the person who uploaded it, for a day at most. The
web servers and the workers share the data directory."""

import hashlib
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.core.models import Coalition
from undersigned.cosigners.imported import (
    ImportedPerson,
    ImportedPersonRefused,
    record_imported_people,
)
from undersigned.importing import review
from undersigned.importing.matching import Candidate, Listed, Match, match_entries
from undersigned.importing.models import ImportedFile
from undersigned.importing.readers import UnusableInput
from undersigned.importing.result import ImportResult
from undersigned.importing.sandbox import run_in_sandbox
from undersigned.organizations.models import Organization
from undersigned.organizations.services import create_organization
from undersigned.signatures.models import Method
from undersigned.signatures.services import SigningRefused, record_signature
from undersigned.statements.models import State, Statement
from undersigned.statements.services import (
    NumberTaken,
    create_statement,
    register_number,
    set_statement_state,
)

MAX_UPLOAD_SIZE = 20 * 2**20  # bytes per uploaded file
MAX_PENDING_SIZE = 5 * 2**20  # bytes of the signed, compressed parsed upload
PENDING_AGE = timedelta(days=1)  # a staged upload not confirmed by then is gone
_SALT = "undersigned.importing.pending"
_STATE_SALT = "undersigned.importing.upload"
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class ImportRefused(Exception):
    """The import cannot go ahead; the message says why, for a person."""


class PendingNotFound(Exception):
    """No staged upload with this id for this person (never was, expired, or cancelled)."""


class ReviewOutdated(Exception):
    """The review changed since the page was shown (another window, a second click): the
    change sent from that page is not applied."""


# Matching ------------------------------------------------------------------------------------


def register_candidates() -> list[Candidate]:
    """The register of organizations as plain data for `matching`."""
    organizations = Organization.objects.prefetch_related("translations").order_by("pk")
    return [
        Candidate(
            id=organization.pk,
            abbreviation=organization.abbreviation,
            name=organization.name,
            country=organization.country,
            translations=tuple(t.name for t in organization.translations.all()),
        )
        for organization in organizations
    ]


def match_result(result: ImportResult) -> list[Match]:
    """Each signatory of a parsed document matched to the register, in order."""
    entries = [
        Listed(
            name=signatory.name,
            abbreviation=signatory.abbreviation,
            translation=signatory.translation,
            country=signatory.country,
        )
        for signatory in result.signatories
    ]
    return match_entries(entries, register_candidates())


# Staging -------------------------------------------------------------------------------------


@dataclass
class PendingImport:
    """An upload parsed and matched, waiting for the secretariat's review."""

    id: str
    user_id: int
    original_name: str
    sha256: str
    size: int
    created_at: str  # ISO 8601
    result: dict[str, Any]  # the import contract's object, with each entry's review data
    matches: list[dict[str, Any]] = field(default_factory=list)  # per signatory, with candidates
    # The review as it stands: the entries as the secretariat has edited, merged and split
    # them (`review.ReviewEntry`), the header's edited values, and a counter of changes.
    entries: list[dict[str, Any]] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    revision: int = 0

    @property
    def directory(self) -> Path:
        return _staging_dir() / self.id

    def review_entries(self) -> list[review.ReviewEntry]:
        return [review.ReviewEntry.from_dict(entry) for entry in self.entries]

    def source_bytes(self) -> bytes:
        data = (self.directory / "source").read_bytes()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise PendingNotFound("the staged file changed on disk")
        return data


def _staging_dir() -> Path:
    return Path(settings.DATA_DIR) / "import-tmp"


# An upload's reading, as the review page shows it (`Upload.state`); once read, the upload is
# a `PendingImport` (its `pending` file is written last, in one rename).
QUEUED, READING, FAILED = "queued", "reading", "failed"


@dataclass
class Upload:
    """A stored upload and where its reading stands, until it waits for review (or failed)."""

    id: str
    user_id: int
    original_name: str
    sha256: str
    size: int
    created_at: str  # ISO 8601
    state: str = QUEUED
    error: str = ""  # why the file could not be used (the reader's words)
    budget: str = ""  # the budget it exceeded: sandbox.SECONDS or sandbox.MEMORY

    @property
    def directory(self) -> Path:
        return _staging_dir() / self.id


def store_upload(data: bytes, *, filename: str, by: AbstractBaseUser) -> Upload:
    """Keep an uploaded document to be read by a task (importing/tasks.py); raises
    `ImportRefused` for one too large.

    Side effects: writes DATA_DIR/import-tmp/<id>/ (the bytes and the upload's state); removes
    staged uploads older than a day. Nothing in the database."""
    if len(data) > MAX_UPLOAD_SIZE:
        raise ImportRefused(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": filename, "limit": MAX_UPLOAD_SIZE // 2**20}
        )
    _remove_expired()
    upload = Upload(
        id=secrets.token_urlsafe(18),
        user_id=by.pk,
        original_name=Path(filename).name[-200:] or "upload",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_at=timezone.now().isoformat(),
    )
    upload.directory.mkdir(parents=True, mode=0o700)
    (upload.directory / "source").write_bytes(data)
    _write_state(upload)
    return upload


def read_upload(upload_id: str) -> Upload | None:
    """Parse a stored upload in the sandbox (its memory and time budgets), match it to the
    register and stage it for review; a file that cannot be used, or exceeds a budget, is
    marked failed with the reason. Returns the upload's state as it ends (None when it was
    cancelled or has expired meanwhile, or is read already).

    Side effects: rewrites the upload's state (reading, then failed or gone) and writes its
    `pending` file in one rename, so the review sees all of it or none. Nothing in the
    database. Run again after a worker died, it reads the file again from the start."""
    upload = _read_state(upload_id)
    if upload is None or (upload.directory / "pending").exists():
        return None
    try:
        return _read(upload)
    except PendingNotFound:
        return None  # cancelled while it was being read: nothing to keep


def _read(upload: Upload) -> Upload:
    upload.state = READING
    _write_state(upload)
    run = run_in_sandbox(path=upload.directory / "source", source=upload.original_name)
    if run.result is not None:
        try:
            _stage(upload, run.result)
        except ImportRefused as error:
            upload.error = str(error)
        else:
            (upload.directory / "state").unlink(missing_ok=True)
            return upload
    else:
        upload.error, upload.budget = run.error or "", run.budget or ""
    upload.state = FAILED
    _write_state(upload)
    return upload


def _stage(upload: Upload, result: ImportResult) -> PendingImport:
    matches = match_result(result)
    pending = PendingImport(
        id=upload.id,
        user_id=upload.user_id,
        original_name=upload.original_name,
        sha256=upload.sha256,
        size=upload.size,
        created_at=upload.created_at,
        result=result.to_dict(review=True),
        matches=[_match_dict(m) for m in matches],
    )
    pending.entries = [
        entry.to_dict()
        for entry in review.initial_entries(pending.result["signatories"], pending.matches)
    ]
    _replace(pending.directory / "pending", _signed(pending))
    return pending


def stage_upload(data: bytes, *, filename: str, by: AbstractBaseUser) -> PendingImport:
    """Store an upload and read it at once, in this process (scripts, tests; the web import
    has a task read it). Raises `UnusableInput` for a file that is no statement or exceeds a
    budget (and keeps nothing of it), `ImportRefused` for one too large."""
    upload = store_upload(data, filename=filename, by=by)
    ended = read_upload(upload.id)
    if ended is not None and ended.state == FAILED:
        shutil.rmtree(upload.directory, ignore_errors=True)
        raise UnusableInput(ended.error)
    return load_pending(upload.id, by=by)


def upload_in_progress(upload_id: str, *, by: AbstractBaseUser) -> Upload:
    """The upload `by` made, still being read or failed; raises `PendingNotFound`."""
    upload = _read_state(upload_id) if _ID.match(upload_id) else None
    if upload is None or upload.user_id != by.pk:
        raise PendingNotFound(upload_id)
    return upload


def uploads_in_progress(*, by: AbstractBaseUser) -> list[Upload]:
    """The uploads `by` made that are being read, or failed and not yet dismissed."""
    found = []
    directory = _staging_dir()
    for path in sorted(directory.iterdir()) if directory.is_dir() else []:
        upload = _read_state(path.name)
        if upload is not None and upload.user_id == by.pk:
            found.append(upload)
    return sorted(found, key=lambda upload: upload.created_at)


def discard_upload(upload: Upload) -> None:
    """Cancel an upload being read, or dismiss a failed one: nothing of it remains (a task
    still reading it finds it gone and stops)."""
    shutil.rmtree(upload.directory, ignore_errors=True)


def _write_state(upload: Upload) -> None:
    _replace(upload.directory / "state", signing.dumps(upload.__dict__, salt=_STATE_SALT))


def _read_state(upload_id: str) -> Upload | None:
    try:
        text = (_staging_dir() / upload_id / "state").read_text("ascii")
        data = signing.loads(text, salt=_STATE_SALT, max_age=PENDING_AGE.total_seconds())
    except (OSError, signing.BadSignature):
        return None
    return Upload(**data) if data.get("id") == upload_id else None


def _replace(path: Path, text: str) -> None:
    """Write a file in one rename: a reader sees the old one or the new one, never half."""
    try:
        path.with_suffix(".new").write_text(text, "ascii")
        path.with_suffix(".new").replace(path)
    except FileNotFoundError:
        raise PendingNotFound(path.parent.name) from None  # cancelled meanwhile


def _match_dict(match: Match) -> dict[str, Any]:
    return {**match.to_dict(), "candidates": [list(c) for c in match.candidates]}


def _signed(pending: PendingImport) -> str:
    payload = signing.dumps(pending.__dict__, salt=_SALT, compress=True)
    if len(payload) > MAX_PENDING_SIZE:
        raise ImportRefused(
            _("%(name)s holds more than one import can review.") % {"name": pending.original_name}
        )
    return payload


def load_pending(pending_id: str, *, by: AbstractBaseUser) -> PendingImport:
    """The staged upload, if it exists, is intact (signature), not expired, and `by` made it."""
    if not _ID.match(pending_id):
        raise PendingNotFound(pending_id)
    path = _staging_dir() / pending_id / "pending"
    try:
        data = signing.loads(
            path.read_text("ascii"), salt=_SALT, max_age=PENDING_AGE.total_seconds()
        )
    except (OSError, signing.BadSignature) as error:
        raise PendingNotFound(pending_id) from error
    if data.get("id") != pending_id or data.get("user_id") != by.pk:
        raise PendingNotFound(pending_id)
    pending = PendingImport(**data)
    if not pending.entries and pending.result.get("signatories"):
        # staged before the review kept its own entries
        pending.entries = [
            entry.to_dict()
            for entry in review.initial_entries(pending.result["signatories"], pending.matches)
        ]
    return pending


def pending_imports(*, by: AbstractBaseUser) -> list[PendingImport]:
    """The uploads `by` staged and has neither confirmed nor cancelled, oldest first."""
    found = []
    directory = _staging_dir()
    for path in sorted(directory.iterdir()) if directory.is_dir() else []:
        try:
            found.append(load_pending(path.name, by=by))
        except PendingNotFound:
            continue
    return sorted(found, key=lambda pending: pending.created_at)


@dataclass(frozen=True)
class Change:
    """A change to the list of entries: `merge` entry `index` with the next one, `split` it
    (before line `line`, or into two copies when None), or make it a `person` or an
    `organization`. `index` counts from 0 in the list as shown."""

    verb: str
    index: int
    line: int | None = None


def revise_pending(
    pending: PendingImport,
    *,
    revision: int,
    header: dict[str, Any],
    edits: list[dict[str, Any]],
    change: Change | None = None,
    by: AbstractBaseUser,
) -> PendingImport:
    """Keep the secretariat's edits of a staged upload (the header's and each entry's values,
    as typed) and apply one change to its list; entries merged or split are matched to the
    register again. Raises `ReviewOutdated` when the page sent was not the review's latest
    (nothing is kept), `review.ReviewError` for a change the list cannot take.

    Side effects: rewrites the staged upload (DATA_DIR/import-tmp/<id>/pending). Nothing in
    the database: the review is not a record until it is confirmed."""
    if pending.user_id != by.pk:
        raise PendingNotFound(pending.id)
    entries = pending.review_entries()
    if revision != pending.revision or len(edits) != len(entries):
        raise ReviewOutdated(pending.id)
    entries = [review.apply_edits(entry, edit) for entry, edit in zip(entries, edits, strict=True)]
    if change is not None:
        if change.verb == "merge":
            entries = review.merge(entries, change.index)
        elif change.verb == "split":
            entries = review.split(entries, change.index, at=change.line, read=_read_entry)
        elif change.verb in review.KINDS:
            entries = review.set_kind(entries, change.index, change.verb)
        else:
            raise review.ReviewError(f"no change {change.verb!r}")
    _match_changed(entries)
    pending.entries = [entry.to_dict() for entry in entries]
    pending.header = {key: value for key, value in header.items() if value is not None}
    pending.revision += 1
    _replace(pending.directory / "pending", _signed(pending))
    return pending


def _read_entry(text: str, kind: str) -> dict[str, Any] | None:
    """One entry read from its text again, as the parser reads an entry of a list."""
    from undersigned.importing.parsers.entries import EntryContext, parse_entry

    context = EntryContext(individuals=True if kind == review.PERSON else None)
    found = parse_entry(text, position=1, context=context)
    return found.to_dict(review=True) if found is not None else None


def _match_changed(entries: list[review.ReviewEntry]) -> None:
    """Entries without a match (merged, split) are matched to the register; the choice of
    organization follows their new match."""
    changed = [entry for entry in entries if entry.match is None]
    if not changed:
        return
    found = match_entries(
        [
            Listed(
                name=entry.name,
                abbreviation=entry.abbreviation or None,
                translation=entry.translation or None,
                country=entry.country or None,
            )
            for entry in changed
        ],
        register_candidates(),
    )
    for entry, match in zip(changed, found, strict=True):
        entry.match = _match_dict(match)
        entry.organization = review.choice_for(entry.match)


def discard_pending(pending: PendingImport) -> None:
    """Cancel: remove the staged upload; no trace remains."""
    shutil.rmtree(pending.directory, ignore_errors=True)


def _remove_expired() -> None:
    directory = _staging_dir()
    if not directory.is_dir():
        return
    limit = time.time() - PENDING_AGE.total_seconds()
    for path in directory.iterdir():
        if path.is_dir() and path.stat().st_mtime < limit:
            shutil.rmtree(path, ignore_errors=True)


# Confirmation --------------------------------------------------------------------------------


@dataclass
class Header:
    """The statement as the secretariat confirmed it on the review page."""

    title: str
    short_title: str
    kind: str
    language: str
    version: str = "01.00"
    document_id: str = ""
    document_date: date | None = None  # the day the file gives it; none found: left empty
    as_of: date | None = None
    open_for_signatures: bool = True
    new_members: bool = False  # the organizations the import creates join the coalition
    default_country: str = ""  # for the new organizations whose country the list omits
    default_international: bool = False  # or those are international: registered with none
    published_before: bool = False  # a statement of the archive: published at once, as of then


@dataclass
class EntryDecision:
    """One entry as confirmed: an organization of the register, or a new one from the
    (possibly edited) entry; or a person, who becomes one of the statement's individual
    signatories (`cosigners`), with their title, role and affiliation."""

    position: int
    name: str
    abbreviation: str = ""
    translation: str = ""
    country: str = ""
    international: bool = False  # a new organization of no one country: registered with none
    organization: int | None = None  # None: create a new organization
    kind: str = review.ORGANIZATION
    title: str = ""
    role: str = ""
    affiliation: str = ""
    where: str = ""  # where the document printed it: "line 12"

    def as_person(self) -> ImportedPerson:
        """A person as the document names them: "Dr. Jane Doe", with "Professor of Law,
        University of Ghent" as what the list shows beside the name."""
        return ImportedPerson(
            position=self.position,
            name=" ".join(part for part in (self.title.strip(), self.name.strip()) if part),
            affiliation=", ".join(
                part for part in (self.role.strip(), self.affiliation.strip()) if part
            ),
            country=self.country,
        )


def no_date_to_publish() -> str:
    """Why a statement published before cannot be imported without its day."""
    return _(
        "A statement published before needs the day it was published, and the file names "
        "none: give it here, or import it as a draft."
    )


def parse_document_number(document_id: str) -> int | None:
    """The number in a document id of this coalition ('ICOR00359' -> 359); None for an
    empty id; `ImportRefused` for another coalition's or a malformed one."""
    document_id = document_id.strip()
    if not document_id:
        return None
    coalition = Coalition.load()
    number = coalition.parse_number(document_id)
    if number is None:
        raise ImportRefused(
            _("%(id)s is not a document number of %(coalition)s (like %(example)s).")
            % {
                "id": document_id,
                "coalition": coalition.name,
                "example": coalition.format_number(1),
            }
        )
    return number


def confirm_import(
    pending: PendingImport,
    *,
    header: Header,
    entries: list[EntryDecision],
    by: AbstractBaseUser,
) -> Statement:
    """Turn a reviewed upload into a draft statement, in one transaction.

    Creates the draft statement with its first version (`create_statement`), registers its
    document number if one is given (refused, with nothing written, when it is taken),
    creates the new organizations (with the translation in the text's language), keeps the
    uploaded file as an `ImportedFile` under MEDIA_ROOT, and records each signature as
    imported, its evidence naming the file and its SHA-256. The people of the list become
    the statement's individual signatories, confirmed, in the document's order
    (`cosigners.imported`).

    New organizations join the coalition only when `header.new_members` says so.

    Side effects: audit events of each step and an `import.confirmed` event naming the file
    and the organizations it created; after commit, the staged upload is removed. On any
    refusal the database is untouched and the saved file removed again."""
    data = pending.source_bytes()
    saved: list[ImportedFile] = []
    try:
        with transaction.atomic():
            statement = _confirm(pending, data, header=header, entries=entries, by=by, saved=saved)
    except BaseException:
        for imported in saved:
            imported.file.delete(save=False)
        raise
    discard_pending(pending)
    return statement


def _confirm(
    pending: PendingImport,
    data: bytes,
    *,
    header: Header,
    entries: list[EntryDecision],
    by: AbstractBaseUser,
    saved: list[ImportedFile],
) -> Statement:
    number = parse_document_number(header.document_id)
    dated = header.as_of or header.document_date
    if header.published_before and dated is None:
        # the day of the import is no day of the statement's: it is never made one
        raise ImportRefused(no_date_to_publish())
    if number is not None and Statement.objects.filter(number=number).exists():
        raise ImportRefused(
            _("%(id)s is already in use; clear the number or import into that statement.")
            % {"id": header.document_id.strip()}
        )
    people = [entry for entry in entries if entry.kind == review.PERSON]
    entries = [entry for entry in entries if entry.kind != review.PERSON]
    chosen = [entry.organization for entry in entries if entry.organization is not None]
    twice = {pk for pk in chosen if chosen.count(pk) > 1}
    existing = Organization.objects.in_bulk(set(chosen))
    if missing := set(chosen) - existing.keys():
        raise ImportRefused(_("An organization chosen no longer exists (%s).") % sorted(missing))
    if twice:
        names = ", ".join(sorted(existing[pk].abbreviation or existing[pk].name for pk in twice))
        raise ImportRefused(_("Each organization signs once; chosen twice: %s.") % names)

    statement = create_statement(
        kind=header.kind,
        language=header.language,
        title=header.title,
        short_title=header.short_title,
        body=pending.result.get("body") or "",
        label=header.version,
        author=by,
        further_signatories_possible=header.open_for_signatures,
    )
    if number is not None:
        try:
            register_number(statement, number=number)
        except NumberTaken as error:
            raise ImportRefused(" ".join(error.messages)) from error
    imported = ImportedFile(
        sha256=pending.sha256,
        original_name=pending.original_name,
        size=len(data),
        uploaded_by=by,
        statement=statement,
    )
    imported.file.save(pending.original_name, ContentFile(data), save=False)
    saved.append(imported)
    imported.save()

    # the signatures as of the list's date, else the document's; a file that gives neither
    # has them recorded at the import, which is when they were recorded here
    base = (
        datetime.combine(dated, datetime.min.time(), tzinfo=UTC)
        if dated
        else timezone.now() - timedelta(seconds=len(entries) + len(people) + 1)
    )
    translation_language = header.language or "en"
    created: list[int] = []
    for index, entry in enumerate(sorted(entries, key=lambda e: e.position), start=1):
        organization = existing.get(entry.organization) if entry.organization else None
        if organization is None:
            organization = _new_organization(
                entry,
                translation_language,
                member=header.new_members,
                country=_new_country(entry, header),
                by=by,
            )
            created.append(organization.pk)
        evidence = _("Imported from %(file)s (SHA-256 %(hash)s), entry %(position)d") % {
            "file": pending.original_name,
            "hash": pending.sha256,
            "position": entry.position,
        }
        try:
            record_signature(
                statement,
                organization=organization,
                # the printed order is kept among entries the ordering rules rank alike
                signed_at=base + timedelta(seconds=index),
                method=Method.IMPORTED,
                evidence=evidence,
                by=by,
                check_open=False,
            )
        except SigningRefused as error:
            raise ImportRefused(str(error)) from error
    try:
        record_imported_people(
            statement,
            [person.as_person() for person in sorted(people, key=lambda e: e.position)],
            source=pending.sha256,
            signed_at=base + timedelta(seconds=len(entries)),
            by=by,
        )
    except ImportedPersonRefused as error:
        raise ImportRefused(str(error)) from error
    record_event(
        EventKind.IMPORT_CONFIRMED,
        actor=by,
        statement=statement,
        data={
            "file": pending.original_name,
            "sha256": pending.sha256,
            "entries": len(entries) + len(people),
            "people": len(people),
            "new_organizations": created,
            "new_members": header.new_members,
            "default_country": header.default_country,
            "default_international": header.default_international,
            "published_before": header.published_before,
        },
    )
    if header.published_before:
        set_statement_state(
            statement,
            to=State.PUBLISHED,
            by=by,
            at=base,
            note=_("Published before; imported from %(file)s") % {"file": pending.original_name},
            published_before=True,
        )
    return statement


def _new_country(entry: EntryDecision, header: Header) -> str:
    """A new organization's country: the entry's, else the review's default; empty (an
    international organization) only where the review says so, of the entry or of those
    naming none."""
    if entry.international:
        return ""
    country = entry.country.strip() or header.default_country
    if not country and not header.default_international:
        raise ImportRefused(
            _("Entry %(position)d names no country, and none is given for it.")
            % {"position": entry.position}
        )
    return country


def _new_organization(
    entry: EntryDecision,
    translation_language: str,
    *,
    member: bool,
    country: str,
    by: AbstractBaseUser | None,
) -> Organization:
    translation = entry.translation.strip()
    try:
        return create_organization(
            by=by,
            abbreviation=entry.abbreviation,
            name=entry.name,
            country=country,
            is_member=member,
            translations=(
                {translation_language: translation}
                if translation and translation != entry.name.strip()
                else {}
            ),
        )
    except ValidationError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise ImportRefused(
            _("Entry %(position)d cannot become an organization: %(details)s")
            % {"position": entry.position, "details": details}
        ) from error


def review_candidates(pending: PendingImport) -> list[list[tuple[int, str]]]:
    """For each entry, the organizations offered for a choice, labelled with their score."""
    matches = [entry.get("match") or {"candidates": []} for entry in pending.entries]
    ids = {pk for match in matches for pk, _score in match["candidates"]}
    organizations = Organization.objects.in_bulk(ids)
    # An organization with no country works in none: said so, as the register lists it.
    where = {pk: o.country or _("international") for pk, o in organizations.items()}
    return [
        [
            (pk, f"{organizations[pk]} ({where[pk]}) · {score:g}")
            for pk, score in match["candidates"]
            if pk in organizations
        ]
        for match in matches
    ]


def existing_statement(document_id: str | None) -> Statement | None:
    """The statement that already carries the imported document's number, if any: the review
    says so before the secretariat confirms."""
    try:
        number = parse_document_number(document_id or "")
    except ImportRefused:
        return None  # another coalition's number: the header form says so
    return Statement.objects.filter(number=number).first() if number is not None else None
