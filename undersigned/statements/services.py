"""Actions on statements and versions. Each writes in one transaction."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.permissions import is_secretariat
from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.core.models import Coalition
from undersigned.statements.models import (
    Kind,
    NumberLocked,
    State,
    Statement,
    Version,
    parse_label,
)
from undersigned.statements.notices import announce_state


class NumberTaken(NumberLocked):
    pass


def _record_number(statement: Statement, *, how: str, by: AbstractBaseUser | None) -> None:
    record_event(
        EventKind.STATEMENT_NUMBERED,
        actor=by,
        statement=statement,
        data={"number": statement.number, "document": statement.document_id, "how": how},
    )


@transaction.atomic
def assign_number(statement: Statement, *, by: AbstractBaseUser | None = None) -> str:
    """Give the statement the coalition's next document number, once.

    Side effects: advances the coalition's counter, which never goes back, so a number is
    never given twice even if its statement is later deleted; an audit event
    `statement.numbered`.
    """
    if statement.number is not None:
        raise NumberLocked(_("%(id)s already has its number.") % {"id": statement.document_id})
    coalition = Coalition.locked()
    while Statement.objects.filter(number=coalition.next_number).exists():
        coalition.next_number += 1  # a number registered from an imported document
    statement.number = coalition.next_number
    Statement.objects.filter(pk=statement.pk).update(number=statement.number)
    coalition.next_number += 1
    coalition.save(update_fields=["next_number"])
    _record_number(statement, how="assigned", by=by)
    return statement.document_id


@transaction.atomic
def register_number(
    statement: Statement, *, number: int, by: AbstractBaseUser | None = None
) -> str:
    """Give the statement a number it already carries outside undersigned (an imported
    document), if no statement has it and it is not taken from the counter's future.

    Side effects: moves the coalition's counter past the number; an audit event
    `statement.numbered`."""
    if statement.number is not None:
        raise NumberLocked(_("%(id)s already has its number.") % {"id": statement.document_id})
    coalition = Coalition.locked()
    if Statement.objects.filter(number=number).exists():
        raise NumberTaken(_("%(id)s is already in use.") % {"id": coalition.format_number(number)})
    try:
        with transaction.atomic():
            Statement.objects.filter(pk=statement.pk).update(number=number)
    except IntegrityError:
        raise NumberTaken(
            _("%(id)s is already in use.") % {"id": coalition.format_number(number)}
        ) from None
    statement.number = number
    if number >= coalition.next_number:
        coalition.next_number = number + 1
        coalition.save(update_fields=["next_number"])
    _record_number(statement, how="registered", by=by)
    return statement.document_id


@transaction.atomic
def create_statement(
    *,
    kind: str = Kind.STATEMENT,
    language: str,
    title: str,
    short_title: str,
    body: str,
    label: str = "01.00",
    author: AbstractBaseUser | None = None,
    further_signatories_possible: bool = True,
    signing_deadline: datetime | None = None,
) -> Statement:
    """A new draft statement with its first version. It gets its number when it is opened
    or published, not before: drafts that are dropped use up no number."""
    statement = Statement.objects.create(
        kind=kind,
        original_language=language,
        further_signatories_possible=further_signatories_possible,
        signing_deadline=signing_deadline,
    )
    major, minor = parse_label(label)
    version = Version.objects.create(
        statement=statement,
        major=major,
        minor=minor,
        language=language,
        title=title,
        short_title=short_title,
        body=body,
        author=author,
    )
    _record_version(version, by=author)
    return statement


def _record_version(version: Version, *, by: AbstractBaseUser | None) -> None:
    record_event(
        EventKind.VERSION_CREATED,
        actor=by,
        statement=version.statement,
        data={
            "label": version.label,
            "language": version.language,
            "hash": version.content_hash,
            "source": version.source.label if version.source else None,
            "note": version.note,
        },
    )


@transaction.atomic
def add_version(
    statement: Statement,
    *,
    title: str,
    short_title: str,
    body: str,
    language: str | None = None,
    major: bool = False,
    source: Version | None = None,
    author: AbstractBaseUser | None = None,
    note: str = "",
) -> Version:
    """Save a changed text as a new version: minor (05.01 → 05.02, signatures carry over) or
    major (→ 06.01, a change of substance). A translation (another language than the
    original) takes its source version's label.

    A major version makes the earlier signatures no longer valid for the current text; asking
    their organizations to reconfirm is `signatures.services.ask_to_reconfirm`, which the
    caller that saves a major version (the drafting workspace) runs next."""
    language = language or statement.original_language
    if language != statement.original_language:
        source = source or statement.current_version()
        if source is None:
            raise Version.DoesNotExist(_("Translate a version of the original first."))
        number = (source.major, source.minor)
        newest = statement.current_version(language)
        if newest and (newest.major, newest.minor) >= number:
            number = (newest.major, newest.minor + 1)
    else:
        newest = statement.current_version(language)
        if newest is None:
            number = (1, 0)
        elif major:
            number = (newest.major + 1, 1)
        else:
            number = (newest.major, newest.minor + 1)
    version = Version.objects.create(
        statement=statement,
        major=number[0],
        minor=number[1],
        language=language,
        title=title,
        short_title=short_title,
        body=body,
        source=source,
        author=author,
        note=note,
        created_at=timezone.now(),
    )
    _record_version(version, by=author)
    return version


TRANSITIONS: dict[str, set[str]] = {
    State.DRAFT: {State.CONSULTATION, State.OPEN, State.WITHDRAWN},
    State.CONSULTATION: {State.DRAFT, State.OPEN, State.WITHDRAWN},
    State.OPEN: {State.PUBLISHED, State.CLOSED, State.WITHDRAWN},
    State.PUBLISHED: {State.CLOSED, State.WITHDRAWN},
    State.CLOSED: {State.PUBLISHED},
    State.WITHDRAWN: set(),
}


class TransitionRefused(Exception):
    """The change of state is not allowed; the message says why, for a person."""


@transaction.atomic
def set_statement_state(
    statement: Statement,
    *,
    to: str,
    by: AbstractBaseUser | None,
    at: datetime | None = None,
    note: str = "",
    published_before: bool = False,
) -> Statement:
    """The one place where a statement changes state.

    Checks that `by` acts for the secretariat (None: the system itself, as when loading the
    example) and that the transition exists; numbers the statement when it is opened or
    published; records the transition (who, when, from, to) in the audit trail; tells the
    people concerned (`notices.announce_state`: a line on their home page, an e-mail after
    commit).

    `published_before`: a draft whose text and signatures were published elsewhere (a
    statement of the archive, imported) goes straight to published, as of `at`, without the
    consultation and signing it already had; nobody is told, as nothing new happened for them.
    """
    if by is not None and not is_secretariat(by):
        raise TransitionRefused(_("Only the secretariat changes the state of a statement."))
    given, statement = statement, Statement.objects.select_for_update().get(pk=statement.pk)
    archived = published_before and statement.state == State.DRAFT and to == State.PUBLISHED
    if to not in TRANSITIONS.get(statement.state, set()) and not archived:
        raise TransitionRefused(
            _("A statement cannot go from %(from)s to %(to)s.")
            % {"from": State(statement.state).label, "to": State(to).label}
        )
    if to in (State.OPEN, State.PUBLISHED) and statement.current_version() is None:
        raise TransitionRefused(_("The statement has no text yet."))
    previous = statement.state
    if to in (State.OPEN, State.PUBLISHED) and statement.number is None:
        assign_number(statement, by=by)
    statement.state = to
    if to == State.PUBLISHED and statement.published_at is None:
        statement.published_at = at or timezone.now()
    statement.save(update_fields=["state", "published_at", "updated_at"])
    record_event(
        EventKind.STATEMENT_STATE,
        actor=by,
        statement=statement,
        data={
            "from": previous,
            "to": to,
            "note": note,
            "number": statement.number,
            **({"published_before": True} if archived else {}),
        },
    )
    if not archived:
        announce_state(statement)
    # The caller's object shows the new state too.
    given.state, given.published_at, given.number = (
        statement.state,
        statement.published_at,
        statement.number,
    )
    return given


def is_deletable(statement: Statement) -> bool:
    """A draft that never had a number may be deleted; once numbered, a statement is only
    withdrawn, so its number stays taken."""
    return statement.state == State.DRAFT and statement.number is None


@transaction.atomic
def delete_draft(statement: Statement, *, by: AbstractBaseUser) -> None:
    """Delete a draft that was never numbered, with its versions, comments and amendments.

    Side effects: an audit event `statement.deleted` naming the statement and its last title,
    so the trail still explains where the statement's earlier events lead."""
    if not is_secretariat(by):
        raise TransitionRefused(_("Only the secretariat deletes a draft."))
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if not is_deletable(statement):
        raise TransitionRefused(
            _("Only a draft that never had a number is deleted; withdraw this one instead.")
        )
    version = statement.current_version()
    record_event(
        EventKind.STATEMENT_DELETED,
        actor=by,
        statement=statement,
        data={"title": version.title if version else "", "versions": statement.versions.count()},
    )
    statement.delete()


# The settings of a statement that are not its text: who reads them, and how they are logged.
SETTINGS = ("kind", "signing_deadline", "further_signatories_possible")


def _logged(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


@transaction.atomic
def change_statement_settings(
    statement: Statement,
    *,
    by: AbstractBaseUser,
    kind: str | None = None,
    signing_deadline: datetime | None = None,
    clear_deadline: bool = False,
    further_signatories_possible: bool | None = None,
    short_title: str | None = None,
) -> list[str]:
    """Change a statement's kind, signing deadline, whether further signatories are possible,
    or the short title of its current version (file names and footers; not part of the text
    signatories read, so no new version). Arguments left as None stay as they are.

    Returns the names of the fields that changed; nothing changed, nothing is written.
    Side effects: one audit event `statement.changed` with each field's value before and
    after."""
    if not is_secretariat(by):
        raise TransitionRefused(_("Only the secretariat changes a statement."))
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    wanted: dict[str, object] = {}
    if kind is not None:
        wanted["kind"] = Kind(kind).value
    if signing_deadline is not None or clear_deadline:
        wanted["signing_deadline"] = signing_deadline
    if further_signatories_possible is not None:
        wanted["further_signatories_possible"] = further_signatories_possible
    changes = {
        name: [_logged(getattr(statement, name)), _logged(value)]
        for name, value in wanted.items()
        if getattr(statement, name) != value
    }
    for name in changes:
        setattr(statement, name, wanted[name])
    if changes:
        statement.save(update_fields=[*changes, "updated_at"])
    version = statement.current_version()
    if short_title is not None and version is not None and version.short_title != short_title:
        changes["short_title"] = [version.short_title, short_title]
        version.short_title = short_title
        version.save(update_fields=["short_title"])
    if changes:
        record_event(
            EventKind.STATEMENT_CHANGED,
            actor=by,
            statement=statement,
            data={"changes": changes, "version": version.label if version else None},
        )
    return list(changes)
