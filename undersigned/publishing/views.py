"""The public side: the list of published statements and each statement's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization
from undersigned.publishing.document import build_document, markdown_to_html
from undersigned.publishing.renderers.text import render_text
from undersigned.statements.selectors import get_public_statement, public_statements


def statement_list(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/statement_list.html", {"statements": public_statements()})


def statement_detail(request: HttpRequest, document_id: str) -> HttpResponse:
    statement = get_public_statement(document_id)
    if document_id != statement.document_id:
        return redirect("publishing:statement", document_id=statement.document_id, permanent=True)
    document = build_document(statement)
    context = {
        "statement": statement,
        "document": document,
        "body_html": markdown_to_html("\n\n".join(document.blocks)),
        "slogans_html": [markdown_to_html(block) for block in document.slogans],
    }
    return render(request, "publishing/statement_detail.html", context)


EVENT_LABELS = {
    "version.created": "version",
    "statement.state": "state",
    "signature.web": "signed on the web",
    "signature.recorded": "signature recorded by the secretariat",
    "signature.imported": "signature imported",
    "signature.withdrawn": "withdrawn",
    "signature.carried_over": "carried over to a new version",
}


def statement_record(request: HttpRequest, document_id: str) -> HttpResponse:
    """The public record: versions with hashes and every signing event, with no personal data
    of delegates (events name organizations, never people)."""
    statement = get_public_statement(document_id)
    events = AuditEvent.objects.filter(statement_ref=statement.pk, kind__in=EVENT_LABELS)
    organizations = {
        o.pk: o for o in Organization.objects.filter(pk__in=[e.organization_ref for e in events])
    }
    rows = [
        {
            "event": event,
            "label": EVENT_LABELS[event.kind],
            "organization": organizations.get(event.organization_ref),
            "data": {k: v for k, v in event.data.items() if k in PUBLIC_DATA},
        }
        for event in events
    ]
    versions = statement.versions.order_by("language", "major", "minor")
    context = {
        "statement": statement,
        "versions": versions,
        "rows": rows,
        "title": statement.current_version().title,
    }
    return render(request, "publishing/statement_record.html", context)


PUBLIC_DATA = {
    "label",
    "language",
    "hash",
    "version",
    "from",
    "to",
    "reason",
    "decided_on",
    "signed_at",
}


def statement_text(request: HttpRequest, document_id: str) -> HttpResponse:
    statement = get_public_statement(document_id)
    document = build_document(statement)
    response = HttpResponse(render_text(document), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.base_name)}.txt"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
