"""The public side: the list of published statements, each statement in each of its
languages, its downloads, the difference between two versions, and its public record; the
audit trail's signed head and the key that signs it, for anyone who checks them.

Every page answers conditional requests (ETag, Last-Modified → 304), see `publishing.http`.
"""

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from undersigned.core.diff import diff_words, has_changes
from undersigned.core.events import PUBLIC_KINDS, EventKind
from undersigned.core.generation import content_generation
from undersigned.core.heads import current_head, public_key_pem
from undersigned.core.languages import language_name as name_for_reader
from undersigned.core.models import AuditEvent, Coalition
from undersigned.core.text import markdown_to_html
from undersigned.cosigners.selectors import state_counts as individual_state_counts
from undersigned.organizations.selectors import organizations_by_ref
from undersigned.publishing.downloads import (
    FORMATS,
    document_file,
    document_key,
    file_key,
    file_name,
)
from undersigned.publishing.http import conditional, page_etag
from undersigned.publishing.languages import choose_language, language_name, parse_accept_language
from undersigned.publishing.selectors import (
    build_document,
    matching_statements,
    people_counts,
    statement_page,
)
from undersigned.publishing.tasks import queue_missing_documents
from undersigned.signatures.selectors import public_statements
from undersigned.statements.models import State, Statement, Version
from undersigned.statements.selectors import get_public_statement, newest_versions


@require_safe
def statement_list(request: HttpRequest) -> HttpResponse:
    """The published statements, newest first; `q` keeps those whose number or title (in any
    of its languages) holds the words asked for. The list is not cut into pages: the static
    copy (`publish-site`) keeps one page of it, whole."""
    latest = content_generation()
    query = " ".join(request.GET.get("q", "").split())[:200]
    accepted = request.headers.get("Accept-Language", "")

    def respond() -> HttpResponse:
        statements = public_statements()
        if query:
            statements = statements.filter(pk__in=matching_statements(query))
        statements = list(statements)
        people = people_counts([statement.pk for statement in statements])
        # Each statement named as its link opens it (the statement page's choice).
        rows = [
            (statement, _version_for(statement, accepted), people.get(statement.pk, 0))
            for statement in statements
        ]
        context = {"rows": rows, "query": query}
        return render(request, "publishing/statement_list.html", context)

    return conditional(
        request,
        etag=page_etag(
            request,
            "list",
            latest.fingerprint,
            Coalition.load().name,
            query,
            parse_accept_language(accepted),
        ),
        last_modified=latest.at,
        respond=respond,
        vary=("Accept-Language",),
    )


def _version_for(statement: Statement, accepted: str) -> Version | None:
    """The newest version in the reader's language (Accept-Language) where the statement has
    a text in it, else in its original language."""
    newest = newest_versions(statement)
    return newest.get(choose_language(accepted, newest, default=statement.original_language))


@require_safe
def statement_detail(request: HttpRequest, document_id: str) -> HttpResponse:
    """The statement in the reader's language (Accept-Language) if it has that text, else in
    its original language."""
    statement = get_public_statement(document_id)
    if document_id != statement.document_id:
        return redirect("publishing:statement", document_id=statement.document_id, permanent=True)
    language = choose_language(
        request.headers.get("Accept-Language", ""),
        newest_versions(statement),
        default=statement.original_language,
    )
    return _statement_response(request, statement, language, negotiated=True)


@require_safe
def statement_in_language(request: HttpRequest, document_id: str, language: str) -> HttpResponse:
    statement = get_public_statement(document_id)
    if document_id != statement.document_id:
        return redirect(
            "publishing:statement_language",
            document_id=statement.document_id,
            language=language,
            permanent=True,
        )
    return _statement_response(request, statement, language, negotiated=False)


def _statement_response(
    request: HttpRequest, statement: Statement, language: str, *, negotiated: bool
) -> HttpResponse:
    try:
        page = statement_page(statement, language=language)
    except Version.DoesNotExist:
        return _no_text_in(request, statement, language)
    queue_missing_documents(page.document, statement_id=statement.pk)
    latest = content_generation()
    etag = page_etag(
        request,
        "statement",
        negotiated,
        document_key(page.document),
        latest.fingerprint,
        [(language.code, language.version.pk) for language in page.languages],
        page.original.pk,
        Coalition.load().name,
    )

    def respond() -> HttpResponse:
        document = page.document
        canonical = reverse(
            "publishing:statement_language",
            kwargs={"document_id": document.document_id, "language": document.language},
        )
        context = {
            "statement": statement,
            "page": page,
            "document": document,
            "body_html": markdown_to_html("\n\n".join(document.blocks)),
            "slogans_html": [markdown_to_html(block) for block in document.slogans],
            "canonical_url": request.build_absolute_uri(canonical),
            "alternates": [
                (
                    language.code,
                    request.build_absolute_uri(
                        reverse(
                            "publishing:statement_language",
                            args=[document.document_id, language.code],
                        )
                    ),
                )
                for language in page.languages
            ],
            "default_url": request.build_absolute_uri(
                reverse("publishing:statement", args=[document.document_id])
            ),
            "formats": FORMATS,
            "original_name": language_name(statement.original_language),
        }
        return render(request, "publishing/statement_detail.html", context)

    vary = ("Accept-Language",) if negotiated else ()
    return conditional(request, etag=etag, last_modified=latest.at, respond=respond, vary=vary)


def _no_text_in(request: HttpRequest, statement: Statement, language: str) -> HttpResponse:
    """404 for a language the statement has no text in, saying that the statement exists and
    linking to the languages it has, named in the reader's language: a reader who guessed a
    language's address, or followed an old link, learns where the text is."""
    newest = newest_versions(statement)
    if not newest:
        raise Http404("No text in any language")
    original = newest.get(statement.original_language) or next(iter(newest.values()))
    asked = name_for_reader(language, capitalized=False)
    context = {
        "statement": statement,
        "title": original.title,
        "title_language": original.language,
        # A code no language has ("zz") is not named back as if it were one.
        "asked": "" if asked == language else asked,
        "languages": [
            (code, name_for_reader(code), version.title) for code, version in newest.items()
        ],
    }
    return render(request, "publishing/no_text.html", context, status=404)


@require_safe
def statement_download(
    request: HttpRequest, document_id: str, language: str, kind: str
) -> HttpResponse:
    """One format of the statement's text in one language, as a file named like the documents
    coalitions send; from the cache, or built now (this one file only)."""
    if kind not in FORMATS:
        raise Http404("No such format")
    statement = get_public_statement(document_id)
    version = statement.current_version(language)
    if version is None:
        raise Http404("No text in this language")
    document = build_document(statement, version=version)
    return _file_response(request, statement, document, kind, as_attachment=True)


@require_safe
def statement_text(request: HttpRequest, document_id: str) -> HttpResponse:
    """The original text as plain text, shown in the browser."""
    statement = get_public_statement(document_id)
    document = build_document(statement)
    return _file_response(request, statement, document, "txt", as_attachment=False)


def _file_response(request, statement, document, kind: str, *, as_attachment: bool):
    def respond() -> HttpResponse:
        response = HttpResponse(
            document_file(document, kind), content_type=FORMATS[kind].content_type
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment, file_name(document, FORMATS[kind].extension)
        )
        return response

    return conditional(
        request,
        etag=file_key(document, kind),
        last_modified=content_generation().at,
        respond=respond,
    )


@require_safe
def statement_diff(request: HttpRequest, document_id: str, old: str, new: str) -> HttpResponse:
    """Word by word, what changed in the original text from version `old` to version `new`."""
    statement = get_public_statement(document_id)
    labelled = {
        version.label: version
        for version in statement.versions.all()
        if version.language == statement.original_language
    }
    if old not in labelled or new not in labelled:
        raise Http404("No such version")
    before, after = labelled[old], labelled[new]

    def respond() -> HttpResponse:
        title = diff_words(before.title, after.title)
        body = diff_words(before.body, after.body)
        context = {
            "statement": statement,
            "before": before,
            "after": after,
            "title_diff": title,
            "body_diff": body,
            "changed": has_changes(title) or has_changes(body),
        }
        return render(request, "publishing/statement_diff.html", context)

    return conditional(
        request,
        etag=page_etag(request, "diff", before.content_hash, after.content_hash),
        last_modified=max(before.created_at, after.created_at),
        respond=respond,
    )


@require_safe
def statement_record(request: HttpRequest, document_id: str) -> HttpResponse:
    """The public record: versions with hashes and every signing event, with no personal data
    of delegates (events name organizations, never people)."""
    statement = get_public_statement(document_id)
    latest = content_generation()
    # The title in the reader's language where the statement has a text in it.
    language = choose_language(
        request.headers.get("Accept-Language", ""),
        newest_versions(statement),
        default=statement.original_language,
    )

    def respond() -> HttpResponse:
        # In the order they were recorded: the trail's order, which the hashes chain.
        events = AuditEvent.objects.filter(
            statement_ref=statement.pk, kind__in=PUBLIC_KINDS
        ).order_by("seq")
        organizations = organizations_by_ref(e.organization_ref for e in events)
        rows = [
            {
                "event": event,
                "label": EventKind.label_of(event.kind),
                "organization": organizations.get(event.organization_ref),
                "when": event.at,
                "signed": _signed_at(event),
                "details": _event_details(event),
                "hash": event.data.get("hash", ""),
            }
            for event in events
        ]
        # The original text first, then its translations, each oldest first.
        versions = sorted(
            statement.versions.select_related("source"),
            key=lambda v: (v.language != statement.original_language, v.language, v.major, v.minor),
        )
        named = statement.current_version(language) or statement.current_version()
        context = {
            "statement": statement,
            "versions": versions,
            "rows": rows,
            "title": named.title,
            "title_language": named.language,
            "individuals": individual_state_counts(statement),
        }
        return render(request, "publishing/statement_record.html", context)

    return conditional(
        request,
        etag=page_etag(request, "record", latest.fingerprint, language),
        last_modified=latest.at,
        respond=respond,
        vary=("Accept-Language",),
    )


@require_safe
def audit_key(request: HttpRequest) -> HttpResponse:
    """The public key that signs the audit trail's heads, as PEM (what `openssl pkeyutl`
    reads; docs/audit.md). Made on first use, like the key itself."""
    response = HttpResponse(public_key_pem(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="audit-key.pem"'
    return response


@require_safe
def audit_head(request: HttpRequest) -> HttpResponse:
    """The newest signed head of the audit trail, as JSON; 404 before the first event."""
    head = current_head()
    if head is None:
        raise Http404("The audit trail has no event yet.")
    latest = content_generation()

    def respond() -> HttpResponse:
        response = HttpResponse(head.to_json() + "\n", content_type="application/json")
        response["Content-Disposition"] = 'inline; filename="audit-head.json"'
        return response

    return conditional(
        request,
        etag=page_etag(request, "audit-head", latest.fingerprint),
        last_modified=latest.at,
        respond=respond,
    )


def _signed_at(event: AuditEvent) -> datetime | None:
    """A signature's own time, shown beside the time it was recorded (an imported one was given
    long before)."""
    signed_at = event.data.get("signed_at")
    return datetime.fromisoformat(signed_at) if signed_at else None


def _event_details(event: AuditEvent) -> str:
    """The event's public details in words; never a person."""
    data = event.data
    if event.kind == EventKind.VERSION_CREATED:
        return f"{data.get('label', '')} {str(data.get('language', '')).upper()}".strip()
    if event.kind == EventKind.STATEMENT_STATE:
        return f"{_state_label(data.get('from'))} → {_state_label(data.get('to'))}"
    if event.kind == EventKind.SIGNATURE_CARRIED_OVER:
        return _("to version %(label)s: %(reason)s") % {
            "label": data.get("to", ""),
            "reason": data.get("reason", ""),
        }
    parts = []
    if data.get("version"):
        parts.append(_("version %(label)s") % {"label": data["version"]})
    if data.get("decided_on"):
        parts.append(_("decided on %(date)s") % {"date": data["decided_on"]})
    return ", ".join(parts)


def _state_label(value: str | None) -> str:
    return str(State(value).label) if value in State.values else str(value or "")
