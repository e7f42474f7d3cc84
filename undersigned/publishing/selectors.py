"""Reads for the public pages: what a statement page shows, and when things last changed
(for Last-Modified and ETags, as cheap aggregates rather than rendered pages)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet, Sum

from undersigned.core.models import AuditEvent
from undersigned.publishing.document import Document, build_document
from undersigned.publishing.languages import language_name
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement, Version
from undersigned.statements.selectors import is_outdated, newest_versions


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in that language: "Deutsch"
    version: Version


@dataclass(frozen=True)
class StatementPage:
    statement: Statement
    document: Document
    version: Version
    original: Version
    languages: list[Language]  # the original first

    @property
    def is_translation(self) -> bool:
        return self.version.language != self.statement.original_language

    @property
    def outdated(self) -> bool:
        return is_outdated(self.version, original=self.original)

    @property
    def source_label(self) -> str | None:
        return self.version.source.label if self.version.source_id else None


def statement_languages(statement: Statement) -> list[Language]:
    return [
        Language(code=code, name=language_name(code), version=version)
        for code, version in newest_versions(statement).items()
    ]


def statement_page(statement: Statement, *, language: str) -> StatementPage:
    """The statement in `language` (newest version) with what the page says around it; raises
    Version.DoesNotExist for a language without a text."""
    languages = statement_languages(statement)
    by_code = {language.code: language.version for language in languages}
    if language not in by_code or statement.original_language not in by_code:
        raise Version.DoesNotExist(f"{statement.document_id} has no text in {language!r}")
    version = by_code[language]
    return StatementPage(
        statement=statement,
        document=build_document(statement, version=version),
        version=version,
        original=by_code[statement.original_language],
        languages=languages,
    )


@dataclass(frozen=True)
class Changes:
    last_modified: datetime | None
    fingerprint: str  # changes whenever a version, signature or statement row changes


def _latest(*moments: datetime | None) -> datetime | None:
    return max((moment for moment in moments if moment is not None), default=None)


def changes(statements: QuerySet[Statement]) -> Changes:
    """The latest change among the statements, their versions and their signatures (created,
    signed, withdrawn, replaced), in four aggregate queries. The audit trail counts too: a
    signature recorded today may carry last month's date."""
    rows = statements.aggregate(count=Count("pk"), updated=Max("updated_at"), top=Max("pk"))
    versions = Version.objects.filter(statement__in=statements.values("pk")).aggregate(
        count=Count("pk"), created=Max("created_at"), top=Max("pk")
    )
    signatures = Signature.objects.filter(statement__in=statements.values("pk")).aggregate(
        count=Count("pk"),
        top=Max("pk"),
        signed=Max("signed_at"),
        withdrawn=Max("withdrawn_at"),
        replaced=Max("replaced_at"),
        carried=Sum("carried_over_major"),
        pinned=Sum("pinned_position"),
    )
    events = AuditEvent.objects.filter(statement_ref__in=statements.values("pk")).aggregate(
        at=Max("at"), top=Max("seq")
    )
    last = _latest(
        events["at"],
        rows["updated"],
        versions["created"],
        signatures["signed"],
        signatures["withdrawn"],
        signatures["replaced"],
    )
    fingerprint = repr([sorted(part.items()) for part in (rows, versions, signatures, events)])
    return Changes(last_modified=last, fingerprint=fingerprint)


def statement_changes(statement: Statement) -> Changes:
    return changes(Statement.objects.filter(pk=statement.pk))
