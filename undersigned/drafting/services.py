"""Actions of drafting: saving a new version from the editor, commenting and proposing
amendments during consultation, and the secretariat's decisions on amendments.

Each action runs in one transaction and records its audit event inside it; e-mails are
queued and sent after commit.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.permissions import is_secretariat, represents
from undersigned.accounts.selectors import secretariat_to_tell
from undersigned.accounts.services import notify
from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.core.text import join_paragraphs, locate, paragraphs, replace_paragraphs
from undersigned.drafting.models import Amendment, AmendmentStatus, Comment
from undersigned.organizations.models import Organization
from undersigned.signatures.services import ask_to_reconfirm
from undersigned.statements.models import State, Statement, Version, content_hash
from undersigned.statements.services import add_version, change_statement_settings

EDITABLE_STATES = (State.DRAFT, State.CONSULTATION, State.OPEN, State.PUBLISHED)
DECIDING_STATES = (State.DRAFT, State.CONSULTATION)


class DraftingRefused(Exception):
    """The action is not allowed; the message says why, for a person."""


class EditConflict(DraftingRefused):
    """The text changed since the editor was opened: the save would overwrite someone's work."""

    def __init__(self, message: str, *, current: Version) -> None:
        super().__init__(message)
        self.current = current


def _locked(statement: Statement) -> Statement:
    # One writer per statement at a time: versions and amendment numbers are decided under it.
    return Statement.objects.select_for_update().get(pk=statement.pk)


def _require_secretariat(by: AbstractBaseUser) -> None:
    if not is_secretariat(by):
        raise DraftingRefused(_("Only the secretariat does this."))


def _require_delegate(by: AbstractBaseUser, organization: Organization) -> None:
    if not organization.is_member or not represents(by, organization):
        raise DraftingRefused(
            _("You do not represent %(org)s in the coalition.") % {"org": organization.label}
        )


def _require_consultation(statement: Statement) -> None:
    if statement.state != State.CONSULTATION:
        raise DraftingRefused(
            _(
                "%(title)s is not in consultation (it is %(state)s): comments and amendments "
                "are taken only while a draft is in consultation."
            )
            % {"title": _title(statement), "state": State(statement.state).label}
        )


def _title(statement: Statement) -> str:
    version = statement.current_version()
    return statement.document_id or (version.title if version else str(statement.pk))


def _current(statement: Statement) -> Version:
    version = statement.current_version()
    if version is None:
        raise DraftingRefused(_("The statement has no text yet."))
    return version


@transaction.atomic
def save_draft(
    statement: Statement,
    *,
    base_hash: str,
    title: str,
    short_title: str,
    body: str,
    major: bool = False,
    note: str = "",
    by: AbstractBaseUser,
) -> Version | None:
    """Save the editor's text as a new version of the original (minor by default, major when
    asked), if the current version is still the one the editor was opened on (`base_hash`).

    Raises EditConflict, carrying the current version, when someone saved meanwhile: nothing
    is written and the caller keeps the person's text. Returns None, and makes no version,
    when title and body are the current version's (the same content hash): a version with
    the same text would be noise in the history and the public record; a changed short title
    alone is changed in place (`change_statement_settings`, with its event). Side effects: the
    new version and its audit event (add_version; a major version asks signatories to
    reconfirm); amendments that no longer match the text are marked outdated.
    """
    _require_secretariat(by)
    statement = _locked(statement)
    if statement.state not in EDITABLE_STATES:
        raise DraftingRefused(
            _("A %(state)s statement is not edited.") % {"state": State(statement.state).label}
        )
    current = _current(statement)
    if current.content_hash != base_hash:
        raise EditConflict(
            _(
                "Version %(label)s was saved by someone else since you opened the editor. "
                "Your text is kept below; compare it with the current version and save again."
            )
            % {"label": current.label},
            current=current,
        )
    if content_hash(title=title, body=body, language=current.language) == current.content_hash:
        change_statement_settings(statement, short_title=short_title, by=by)
        return None
    version = add_version(
        statement,
        title=title,
        short_title=short_title,
        body=body,
        major=major,
        author=by,
        note=note,
    )
    if major:
        ask_to_reconfirm(statement, version=version)
    mark_outdated_amendments(statement, by=by)
    return version


@transaction.atomic
def add_comment(
    statement: Statement,
    *,
    organization: Organization,
    paragraph: int,
    text: str,
    by: AbstractBaseUser,
) -> Comment:
    """A delegate comments on a paragraph of the current version for an organization they
    represent. Refused outside consultation. No audit event: comments are talk, not decisions,
    and the audit trail may be published."""
    _require_delegate(by, organization)
    statement = _locked(statement)
    _require_consultation(statement)
    version = _current(statement)
    count = len(paragraphs(version.body))
    if not 1 <= paragraph <= count:
        raise DraftingRefused(_("The text has paragraphs 1 to %(count)d.") % {"count": count})
    return Comment.objects.create(
        statement=statement,
        version=version,
        paragraph=paragraph,
        organization=organization,
        author=by,
        text=text.strip(),
    )


@transaction.atomic
def propose_amendment(
    statement: Statement,
    *,
    organization: Organization,
    first_paragraph: int,
    last_paragraph: int,
    replacement: str,
    reason: str,
    by: AbstractBaseUser,
) -> Amendment:
    """A delegate proposes new text for paragraphs first…last of the current version, for an
    organization they represent. Refused outside consultation.

    Side effects: the amendment, numbered within the statement; an audit event (without the
    text, which stays among the coalition); the secretariat is told (`notify`: home page and
    e-mail), except those who asked for no messages.
    """
    _require_delegate(by, organization)
    statement = _locked(statement)
    _require_consultation(statement)
    version = _current(statement)
    blocks = paragraphs(version.body)
    if not 1 <= first_paragraph <= last_paragraph <= len(blocks):
        raise DraftingRefused(
            _("Choose paragraphs between 1 and %(count)d, the first not after the last.")
            % {"count": len(blocks)}
        )
    original = join_paragraphs(blocks[first_paragraph - 1 : last_paragraph])
    replacement = join_paragraphs(paragraphs(replacement))
    if replacement == original:
        raise DraftingRefused(_("The replacement is the same as the current text."))
    number = (
        Amendment.objects.filter(statement=statement).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    amendment = Amendment.objects.create(
        statement=statement,
        number=number,
        version=version,
        first_paragraph=first_paragraph,
        last_paragraph=last_paragraph,
        original=original,
        replacement=replacement,
        reason=reason.strip(),
        organization=organization,
        author=by,
    )
    record_event(
        EventKind.AMENDMENT_PROPOSED,
        actor=by,
        statement=statement,
        organization=organization,
        data={
            "amendment": number,
            "version": version.label,
            "paragraphs": [first_paragraph, last_paragraph],
        },
    )
    notify(
        secretariat_to_tell(),
        key=f"amendment:{statement.pk}:{number}",
        template="amendment_proposed",
        context={
            "document_id": statement.document_id,
            "title": version.title,
            "version": version.label,
            "number": number,
            "organization": organization.label,
            "paragraphs": amendment.paragraphs_label,
        },
        path=reverse("drafting:statement", args=[statement.pk]),
    )
    return amendment


@dataclass(frozen=True)
class Placement:
    amendment: Amendment
    start: int  # 0-based index of its first paragraph in the current version
    count: int


def place(amendment: Amendment, blocks: list[str]) -> Placement | None:
    """Where the amendment applies in the current paragraphs, or None if its original text is
    no longer there."""
    original = paragraphs(amendment.original)
    start = locate(blocks, original, hint=amendment.first_paragraph - 1)
    return None if start is None else Placement(amendment, start, len(original))


@transaction.atomic
def mark_outdated_amendments(
    statement: Statement,
    *,
    by: AbstractBaseUser | None = None,
    accepted: Iterable[Amendment] = (),
) -> list[Amendment]:
    """Mark proposed amendments whose original text is no longer in the current version as
    outdated ("no longer applies to the current text"). Returns them. `accepted`: the
    amendments whose acceptance made the current version, named to the proposers as the why.

    Side effects: one audit event listing their numbers, when there are any; each proposer is
    told that theirs was set aside and why (`notify`: home page and e-mail).
    """
    version = statement.current_version()
    if version is None:
        return []
    blocks = paragraphs(version.body)
    outdated = [
        amendment
        for amendment in Amendment.objects.filter(
            statement=statement, status=AmendmentStatus.PROPOSED
        ).select_related("organization", "version", "author__profile")
        if place(amendment, blocks) is None
    ]
    if outdated:
        Amendment.objects.filter(pk__in=[a.pk for a in outdated]).update(
            status=AmendmentStatus.OUTDATED
        )
        for amendment in outdated:
            amendment.status = AmendmentStatus.OUTDATED
        record_event(
            EventKind.AMENDMENT_OUTDATED,
            actor=by,
            statement=statement,
            data={"amendments": [a.number for a in outdated], "version": version.label},
        )
        rivals = ", ".join(f"#{a.number} ({a.organization.label})" for a in accepted)
        for amendment in outdated:
            _notify_set_aside(amendment, statement=statement, version=version, rivals=rivals)
    return outdated


def _told_of(amendment: Amendment, *, statement: Statement) -> dict[str, object]:
    """What every message about an amendment names: the statement, the amendment, its place."""
    return {
        "document_id": statement.document_id,
        "title": amendment.version.title,
        "number": amendment.number,
        "organization": amendment.organization.label,
        "paragraphs": amendment.paragraphs_label,
    }


def _notify_set_aside(
    amendment: Amendment, *, statement: Statement, version: Version, rivals: str
) -> None:
    """Tell the proposer that their amendment no longer applies: the accepted amendments
    (`rivals`) that changed the same passage, else the version that changed it, with its note."""
    notify(
        [amendment.author] if amendment.author is not None else [],
        key=f"decided:{statement.pk}:{amendment.number}",
        template="amendment_set_aside",
        context={
            **_told_of(amendment, statement=statement),
            "version": version.label,
            "rivals": rivals,
            "note": "" if rivals else version.note,
        },
        path=reverse("drafting:statement", args=[statement.pk]),
    )


def _check_decidable(statement: Statement, amendments: list[Amendment]) -> None:
    if statement.state not in DECIDING_STATES:
        raise DraftingRefused(
            _("Amendments are decided while the statement is a draft or in consultation.")
        )
    for amendment in amendments:
        if amendment.statement_id != statement.pk:
            raise DraftingRefused(_("The amendments belong to another statement."))
        if amendment.status == AmendmentStatus.OUTDATED:
            raise DraftingRefused(
                _("Amendment #%(n)d no longer applies to the current text.")
                % {"n": amendment.number}
            )
        if amendment.status != AmendmentStatus.PROPOSED:
            raise DraftingRefused(
                _("Amendment #%(n)d is already %(status)s.")
                % {"n": amendment.number, "status": AmendmentStatus(amendment.status).label}
            )


@transaction.atomic
def accept_amendments(
    statement: Statement, *, amendments: Iterable[Amendment], by: AbstractBaseUser, note: str = ""
) -> Version:
    """Apply one amendment (status accepted) or several non-overlapping ones at once (status
    merged) to the current version, making one new minor version whose note credits each
    ("Amendment #3 by MLPD accepted").

    Refuses amendments that no longer apply (and marks them outdated) and overlapping ones.
    Side effects: the new version (add_version, with its audit event); per amendment an
    "amendment.accepted" audit event naming the organization; other amendments that no longer
    apply are marked outdated; e-mails to each proposer and the commenters of the paragraphs.
    """
    _require_secretariat(by)
    statement = _locked(statement)
    chosen = list(
        Amendment.objects.select_for_update()
        .filter(pk__in=[a.pk for a in amendments])
        .order_by("number")
    )
    if not chosen:
        raise DraftingRefused(_("Choose at least one amendment."))
    _check_decidable(statement, chosen)
    current = _current(statement)
    blocks = paragraphs(current.body)
    placements = []
    for amendment in chosen:
        placement = place(amendment, blocks)
        if placement is None:
            mark_outdated_amendments(statement, by=by)
            raise DraftingRefused(
                _("Amendment #%(n)d no longer applies to the current text.")
                % {"n": amendment.number}
            )
        placements.append(placement)
    placements.sort(key=lambda p: p.start)
    for before, after in pairwise(placements):
        if before.start + before.count > after.start:
            raise DraftingRefused(
                _(
                    "Amendments #%(a)d and #%(b)d change the same paragraphs: "
                    "accept them one by one."
                )
                % {"a": before.amendment.number, "b": after.amendment.number}
            )
    for placement in reversed(placements):  # from the end, so earlier positions stay valid
        blocks = replace_paragraphs(
            blocks,
            start=placement.start,
            count=placement.count,
            replacement=placement.amendment.replacement,
        )
    credits = "; ".join(f"{p.amendment.credit} accepted" for p in placements)
    version = add_version(
        statement,
        title=current.title,
        short_title=current.short_title,
        body=join_paragraphs(blocks),
        author=by,
        note=f"{credits}. {note.strip()}".strip() if note.strip() else credits,
    )
    status = AmendmentStatus.ACCEPTED if len(chosen) == 1 else AmendmentStatus.MERGED
    now = timezone.now()
    for amendment in chosen:
        amendment.status = status
        amendment.decided_by = by
        amendment.decided_at = now
        amendment.decision_reason = note.strip()
        amendment.resulting_version = version
        amendment.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_at",
                "decision_reason",
                "resulting_version",
            ]
        )
        record_event(
            EventKind.AMENDMENT_ACCEPTED,
            actor=by,
            statement=statement,
            organization=amendment.organization,
            data={
                "amendment": amendment.number,
                "version": version.label,
                "hash": version.content_hash,
                "merged": status == AmendmentStatus.MERGED,
            },
        )
        _notify_decision(amendment)
    mark_outdated_amendments(statement, by=by, accepted=chosen)
    return version


def accept_amendment(amendment: Amendment, *, by: AbstractBaseUser, note: str = "") -> Version:
    """Accept one amendment: see accept_amendments."""
    return accept_amendments(amendment.statement, amendments=[amendment], by=by, note=note)


@transaction.atomic
def decline_amendment(amendment: Amendment, *, by: AbstractBaseUser, reason: str) -> Amendment:
    """Decline an amendment, with a reason the proposer reads.

    Side effects: an "amendment.declined" audit event naming the organization; e-mails to the
    proposer and the commenters of the paragraphs.
    """
    _require_secretariat(by)
    if not reason.strip():
        raise DraftingRefused(_("Give the reason for declining."))
    statement = _locked(amendment.statement)
    amendment = (
        Amendment.objects.select_for_update().select_related("organization").get(pk=amendment.pk)
    )
    _check_decidable(statement, [amendment])
    amendment.status = AmendmentStatus.DECLINED
    amendment.decided_by = by
    amendment.decided_at = timezone.now()
    amendment.decision_reason = reason.strip()
    amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    record_event(
        EventKind.AMENDMENT_DECLINED,
        actor=by,
        statement=statement,
        organization=amendment.organization,
        data={"amendment": amendment.number, "reason": amendment.decision_reason},
    )
    _notify_decision(amendment)
    return amendment


def _notify_decision(amendment: Amendment) -> None:
    """Tell the proposer and the people who commented on the amended paragraphs, once each."""
    statement = amendment.statement
    people = [amendment.author] if amendment.author is not None else []
    people += [
        comment.author
        for comment in Comment.objects.filter(
            statement=statement,
            paragraph__gte=amendment.first_paragraph,
            paragraph__lte=amendment.last_paragraph,
            author__isnull=False,
        )
        .select_related("author__profile")
        .order_by("pk")
    ]
    version = amendment.resulting_version
    notify(
        people,
        key=f"decided:{statement.pk}:{amendment.number}",
        template="amendment_decided",
        context={
            **_told_of(amendment, statement=statement),
            "accepted": amendment.status in (AmendmentStatus.ACCEPTED, AmendmentStatus.MERGED),
            "version": version.label if version else "",
            "reason": amendment.decision_reason,
        },
        path=reverse("drafting:statement", args=[statement.pk]),
    )
