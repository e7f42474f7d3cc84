"""Reads for the public pages: what a statement page shows, and the Document every output is
built from. When things last changed is the content generation (core/generation.py)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from undersigned.core.countries import country_name
from undersigned.core.models import Coalition
from undersigned.core.text import paragraphs, split_slogans
from undersigned.cosigners.models import IndividualSignature, Listing, SignerState
from undersigned.cosigners.selectors import (
    Person,
    confirmed_count,
    listed_people,
    opening_for,
    people_list,
)
from undersigned.publishing.languages import language_name
from undersigned.publishing.values import Document, People
from undersigned.publishing.wording import people_lines, signatories_heading
from undersigned.signatures.selectors import as_of, signatory_entries
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


def build_document(statement: Statement, *, version: Version | None = None) -> Document:
    """The statement in the language of `version` (default: the newest original version), with
    the signatories as they stand now."""
    version = version or statement.current_version()
    if version is None:
        raise Version.DoesNotExist(f"{statement} has no text")
    entries = signatory_entries(statement, language=version.language)
    blocks, slogans = split_slogans(paragraphs(version.body))
    latest = as_of(entries)
    is_open = statement.accepts_signatures()
    coalition = Coalition.load()
    return Document(
        document_id=statement.document_id,
        kind=statement.kind,
        language=version.language,
        version_label=version.label,
        content_hash=version.content_hash,
        title=version.title,
        short_title=version.short_title,
        blocks=blocks,
        slogans=slogans,
        heading=signatories_heading(version.language, as_of=latest, open_for_signatures=is_open),
        entries=entries,
        as_of=latest,
        open_for_signatures=is_open,
        coalition_name=coalition.full_name or coalition.name,
        source_label=version.source.label if version.source_id else None,
        people=document_people(statement, language=version.language),
    )


def _person_line(person: Person, language: str) -> str:
    country = country_name(person.country, language) if person.country else ""
    return ", ".join(
        part for part in (person.name, person.affiliation, person.city, country) if part
    )


def document_people(statement: Statement, *, language: str) -> People | None:
    """The individuals as the statement's documents in `language` print them: where names are
    listed, the first names in the list's order (as many as the secretariat chose) and how
    many more; else only how many signed. None when nobody has signed."""
    count = confirmed_count(statement)
    if not count:
        return None
    opening = opening_for(statement, language)
    settings = people_list(statement)
    limit = count if settings.in_documents is None else min(settings.in_documents, count)
    names: tuple[str, ...] = ()
    if opening is not None and opening.listing == Listing.LISTED and limit:
        page = listed_people(
            statement,
            opening,
            count=count,
            order=settings.order,
            language=language,
            per_page=limit,
        )
        names = tuple(_person_line(person, language) for person in page.object_list)
    heading, rest = people_lines(language, printed=len(names), count=count)
    return People(heading=heading, names=names, count=count, rest=rest)


def matching_statements(query: str) -> QuerySet[Statement]:
    """The ids of statements whose document id is the query ("ICOR00359", "icor 359"), or
    one of whose versions, in any language, has every word of it in its title or short
    title. Case-insensitive; a subquery, so the caller's counts are not multiplied by the
    join."""
    number = Coalition.load().parse_number(query)
    if number is not None:
        return Statement.objects.filter(number=number).values("pk")
    versions = Version.objects.all()
    for word in query.split()[:10]:
        versions = versions.filter(Q(title__icontains=word) | Q(short_title__icontains=word))
    return versions.values("statement_id")


def people_counts(statement_ids: list[int]) -> dict[int, int]:
    """{statement id: its confirmed individual signatures} for the statements that have any, in
    one query: the list of statements counts the people beside the organizations (a statement
    signed by people only said "0 signatories")."""
    rows = (
        IndividualSignature.objects.filter(
            statement_id__in=statement_ids, state=SignerState.CONFIRMED
        )
        .values("statement_id")
        .annotate(n=Count("pk"))
        .values_list("statement_id", "n")
        .order_by()
    )
    return dict(rows)
