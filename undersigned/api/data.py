"""What the API answers, as plain data: one function per schema of openapi.py."""

from dataclasses import replace
from datetime import datetime
from math import ceil

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from undersigned.core.countries import continent_of
from undersigned.core.models import Coalition
from undersigned.organizations.models import Organization
from undersigned.publishing.renderers.json import document_data
from undersigned.publishing.values import Document
from undersigned.statements.models import Statement, Version


def isoformat(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def statement_links(request: HttpRequest, document_id: str) -> dict:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(name, args=[document_id]))

    try:
        feed = url("feeds:signatories")
    except NoReverseMatch:  # the feeds are not routed in this installation
        feed = None
    return {
        "self": url("api:statement"),
        "html": url("publishing:statement"),
        "versions": url("api:versions"),
        "translations": url("api:translations"),
        "signatories": url("api:signatories"),
        "signatories_feed": feed,
    }


def statement_summary(request: HttpRequest, statement: Statement, coalition: Coalition) -> dict:
    """A statement of public_statements() (versions prefetched, signatory_count annotated)."""
    document_id = coalition.format_number(statement.number)
    current = statement.current_version()
    return {
        "document_id": document_id,
        "kind": statement.kind,
        "state": statement.state,
        "title": current.title if current else "",
        "language": statement.original_language,
        "published_at": isoformat(statement.published_at),
        "signatory_count": statement.signatory_count,
        "links": statement_links(request, document_id),
    }


def version_summary(version: Version, versions: dict[int, Version], current: bool) -> dict:
    """`versions` are the statement's versions by id, to name a translation's source."""
    source = versions.get(version.source_id) if version.source_id else None
    return {
        "label": version.label,
        "language": version.language,
        "title": version.title,
        "short_title": version.short_title,
        "content_hash": version.content_hash,
        "source_label": source.label if source else None,
        "source_language": source.language if source else None,
        "created_at": version.created_at.isoformat(),
        "current": current,
    }


def version_data(version: Version, versions: dict[int, Version], current: bool) -> dict:
    return {**version_summary(version, versions, current), "body": version.body}


def split_versions(statement: Statement) -> tuple[list[Version], list[Version], set[int]]:
    """(versions in the original language, translations, ids of the current ones), each list
    ordered by language and label."""
    ordered = sorted(statement.versions.all(), key=lambda v: (v.language, v.major, v.minor))
    newest = {v.language: v.pk for v in ordered}  # the last of each language wins
    originals = [v for v in ordered if v.language == statement.original_language]
    translations = [v for v in ordered if v.language != statement.original_language]
    return originals, translations, set(newest.values())


def signatories(document: Document) -> list[dict]:
    """The document's entries in the shape of the JSON export, with the organization's id."""
    rows = document_data(document)["signatories"]
    return [
        {**row, "organization_id": entry.organization_id}
        for row, entry in zip(rows, document.entries, strict=True)
    ]


def signatory_list(document: Document, selected: list) -> dict:
    return {
        "document_id": document.document_id,
        "version": document.version_label,
        "language": document.language,
        "as_of": document.as_of.isoformat() if document.as_of else None,
        "total": len(document.entries),
        "count": len(selected),
        "results": signatories(replace(document, entries=selected)),
    }


def statement_detail(request: HttpRequest, statement: Statement, document: Document) -> dict:
    data = document_data(document)
    originals, translations, current = split_versions(statement)
    by_id = {v.pk: v for v in statement.versions.all()}
    return {
        "document_id": document.document_id,
        "kind": statement.kind,
        "state": statement.state,
        "language": document.language,
        "version": document.version_label,
        "content_hash": document.content_hash,
        "title": document.title,
        "short_title": document.short_title,
        "body": data["body"],
        "published_at": isoformat(statement.published_at),
        "signing_deadline": isoformat(statement.signing_deadline),
        "further_signatories_possible": statement.further_signatories_possible,
        "open_for_signatures": document.open_for_signatures,
        "as_of": data["as_of"],
        "signatories_heading": document.heading,
        "signatory_count": len(document.entries),
        "signatories": signatories(document),
        "versions": [version_summary(v, by_id, v.pk in current) for v in originals],
        "translations": [version_summary(v, by_id, v.pk in current) for v in translations],
        "links": statement_links(request, document.document_id),
    }


def version_list(statement: Statement, document_id: str, *, translations: bool) -> dict:
    originals, others, current = split_versions(statement)
    by_id = {v.pk: v for v in statement.versions.all()}
    chosen = others if translations else originals
    return {
        "document_id": document_id,
        "count": len(chosen),
        "results": [version_data(v, by_id, v.pk in current) for v in chosen],
    }


def organization_data(organization: Organization, coalition: Coalition) -> dict:
    return {
        "id": organization.pk,
        "abbreviation": organization.abbreviation,
        "name": organization.name,
        "name_language": organization.name_language or None,
        "translations": {t.language: t.name for t in organization.translations.all()},
        "country": organization.country or None,
        "continent": continent_of(organization.country, coalition.continent_overrides),
        "website": organization.website or None,
    }


def page_data(request: HttpRequest, *, count: int, page: int, size: int, results: list) -> dict:
    pages = ceil(count / size)

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(min(page - 1, pages)) if page > 1 and pages else None,
        "results": results,
    }
