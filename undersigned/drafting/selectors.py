"""Reads for drafting: who may see a statement's drafts, the secretariat's dashboard, the
consultation on a statement and its history."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from undersigned.accounts.models import DelegateRequest
from undersigned.accounts.permissions import is_secretariat, represented_organizations
from undersigned.accounts.selectors import pending_requests
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.core.text import paragraphs
from undersigned.drafting.models import Amendment, AmendmentStatus, Comment
from undersigned.organizations.models import Organization
from undersigned.organizations.ordering import collated
from undersigned.organizations.selectors import organizations_by_ref
from undersigned.signatures.selectors import public_signatures
from undersigned.statements.models import State, Statement, Version

User = AbstractBaseUser | AnonymousUser


def member_organizations_of(user: User) -> list[Organization]:
    """The member organizations the person represents: those they may comment for."""
    return collated(represented_organizations(user).filter(is_member=True))


def takes_part(user: User) -> bool:
    """The secretariat and delegates of member organizations see drafts and consultations."""
    return is_secretariat(user) or represented_organizations(user).filter(is_member=True).exists()


def get_statement_for_participant(request: HttpRequest, statement_id: int) -> Statement:
    """The statement, for the secretariat (any) or a delegate of a member organization (any
    that is not a plain draft); 404 otherwise, so outsiders learn nothing."""
    queryset = Statement.objects.prefetch_related("versions")
    if is_secretariat(request.user):
        return get_object_or_404(queryset, pk=statement_id)
    if not takes_part(request.user):
        raise Http404("No such statement")
    return get_object_or_404(queryset.exclude(state=State.DRAFT), pk=statement_id)


# The dashboard


@dataclass(frozen=True)
class Progress:
    signed: list[Organization]
    missing: list[Organization]

    @property
    def total(self) -> int:
        return len(self.signed) + len(self.missing)


def signing_progress(statement: Statement, members: list[Organization]) -> Progress:
    """Which member organizations have a valid signature on the current major version."""
    signed_ids = set(public_signatures(statement).values_list("organization_id", flat=True))
    return Progress(
        signed=[o for o in members if o.pk in signed_ids],
        missing=[o for o in members if o.pk not in signed_ids],
    )


@dataclass
class DashboardRow:
    statement: Statement
    current: Version | None
    progress: Progress | None
    open_amendments: int
    comments: int


@dataclass(frozen=True)
class OutdatedTranslation:
    statement: Statement
    translation: Version
    source: Version  # the version it was translated from
    current: Version  # the newest original version


@dataclass
class Dashboard:
    groups: list[tuple[State, list[DashboardRow]]] = field(default_factory=list)
    outdated_translations: list[OutdatedTranslation] = field(default_factory=list)
    pending_requests: list[DelegateRequest] = field(default_factory=list)
    deadlines: list[DashboardRow] = field(default_factory=list)


SIGNING_STATES = (State.OPEN, State.PUBLISHED, State.CLOSED)


def dashboard() -> Dashboard:
    """Every statement grouped by state, with signing progress against the member
    organizations, upcoming deadlines, translations behind their original, and pending
    requests to represent an organization."""
    statements = list(
        Statement.objects.prefetch_related(
            Prefetch("versions", queryset=Version.objects.order_by("major", "minor"))
        ).order_by("-updated_at")
    )
    members = collated(Organization.objects.filter(is_member=True))
    open_amendments: dict[int, int] = {}
    for statement_id in Amendment.objects.filter(status=AmendmentStatus.PROPOSED).values_list(
        "statement_id", flat=True
    ):
        open_amendments[statement_id] = open_amendments.get(statement_id, 0) + 1
    comments: dict[int, int] = {}
    for statement_id in Comment.objects.values_list("statement_id", flat=True):
        comments[statement_id] = comments.get(statement_id, 0) + 1
    result = Dashboard()
    by_state: dict[str, list[DashboardRow]] = {}
    for statement in statements:
        row = DashboardRow(
            statement=statement,
            current=statement.current_version(),
            progress=signing_progress(statement, members)
            if statement.state in SIGNING_STATES
            else None,
            open_amendments=open_amendments.get(statement.pk, 0),
            comments=comments.get(statement.pk, 0),
        )
        by_state.setdefault(statement.state, []).append(row)
        if statement.signing_deadline and statement.state not in (State.CLOSED, State.WITHDRAWN):
            result.deadlines.append(row)
        result.outdated_translations.extend(outdated_translations(statement))
    result.groups = [(state, by_state[state]) for state in State if state in by_state]
    result.deadlines.sort(key=lambda row: row.statement.signing_deadline)
    result.pending_requests = list(pending_requests())
    return result


def outdated_translations(statement: Statement) -> list[OutdatedTranslation]:
    """The newest translation in each language whose source is not the newest original."""
    current = statement.current_version()
    if current is None:
        return []
    languages = {v.language for v in statement.versions.all()} - {statement.original_language}
    result = []
    for language in sorted(languages):
        translation = statement.current_version(language)
        if translation and translation.source_id and translation.source_id != current.pk:
            source = next(v for v in statement.versions.all() if v.pk == translation.source_id)
            result.append(OutdatedTranslation(statement, translation, source, current))
    return result


# The consultation


@dataclass
class NumberedParagraph:
    number: int
    text: str
    comments: list[Comment]
    amendments: list[Amendment]


def numbered_paragraphs(version: Version) -> list[tuple[int, str]]:
    return list(enumerate(paragraphs(version.body), start=1))


def consultation(statement: Statement, version: Version) -> list[NumberedParagraph]:
    """The version's paragraphs, numbered, each with the comments made on it (on this version)
    and the open amendments that start at it."""
    comments = list(
        Comment.objects.filter(statement=statement, version=version)
        .select_related("organization")
        .order_by("created_at", "pk")
    )
    amendments = list(
        Amendment.objects.filter(statement=statement, status=AmendmentStatus.PROPOSED)
        .select_related("organization")
        .order_by("number")
    )
    return [
        NumberedParagraph(
            number=number,
            text=text,
            comments=[c for c in comments if c.paragraph == number],
            amendments=[a for a in amendments if a.first_paragraph == number],
        )
        for number, text in numbered_paragraphs(version)
    ]


def amendments_of(statement: Statement) -> list[Amendment]:
    return list(
        Amendment.objects.filter(statement=statement)
        .select_related("organization", "version", "resulting_version", "decided_by")
        .order_by("number")
    )


# The history


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    actor: Any
    organization: Organization | None
    data: dict

    @property
    def label(self) -> str:
        return EventKind.label_of(self.kind)


def history(statement: Statement) -> list[HistoryEntry]:
    """The statement's audit trail, oldest first, with people and organizations resolved."""
    from django.contrib.auth import get_user_model

    events = list(AuditEvent.objects.filter(statement_ref=statement.pk).order_by("seq"))
    users = get_user_model().objects.in_bulk({e.actor_ref for e in events if e.actor_ref})
    organizations = organizations_by_ref(e.organization_ref for e in events)
    return [
        HistoryEntry(
            at=event.at,
            kind=event.kind,
            actor=users.get(event.actor_ref),
            organization=organizations.get(event.organization_ref),
            data=event.data,
        )
        for event in events
    ]


def versions_of(statement: Statement) -> list[Version]:
    """The original's versions first, then each translation's, oldest first."""
    versions = (
        Version.objects.filter(statement=statement)
        .select_related("author", "source")
        .prefetch_related(
            Prefetch(
                "accepted_amendments",
                queryset=Amendment.objects.select_related("organization").order_by("number"),
            )
        )
        .order_by("language", "major", "minor")
    )
    return sorted(versions, key=lambda v: v.language != statement.original_language)
