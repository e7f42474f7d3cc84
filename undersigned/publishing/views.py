"""The public side: the list of published statements and each statement's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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


def statement_text(request: HttpRequest, document_id: str) -> HttpResponse:
    statement = get_public_statement(document_id)
    document = build_document(statement)
    response = HttpResponse(render_text(document), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.base_name)}.txt"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
