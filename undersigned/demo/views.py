"""The demo's outbox (demo or debug mode only): the e-mails undersigned would have sent. They
hold sign-in and invitation links, so only the secretariat reads them."""

from email import policy
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from undersigned.accounts.permissions import require_secretariat
from undersigned.core.mail import outbox_dir


def _read(path: Path) -> dict[str, str]:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(preferencelist=("plain",))
    return {
        "name": path.name,
        "subject": message["subject"],
        "to": message["to"],
        "date": message["date"],
        "body": body.get_content() if body else "",
    }


def _require_outbox(request: HttpRequest) -> None:
    """A production site has no outbox page (404); the demo's is the secretariat's (403)."""
    if not (settings.DEBUG or settings.DEMO):
        raise Http404("The outbox is shown in the demo and in debug mode only")
    require_secretariat(request)


def outbox(request: HttpRequest) -> HttpResponse:
    _require_outbox(request)
    directory = outbox_dir()
    paths = sorted(directory.glob("*.eml"), reverse=True) if directory.exists() else []
    # Where a person at the server finds the .eml files (the page is the secretariat's, and in
    # the demo or debug mode only).
    context = {"messages_": [_read(p) for p in paths[:100]], "directory": str(directory)}
    response = render(request, "demo/outbox.html", context)
    response["Cache-Control"] = "no-store"  # the messages hold secret links
    return response


def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    _require_outbox(request)
    path = outbox_dir() / name
    if "/" in name or not name.endswith(".eml") or not path.exists():
        raise Http404("No such message")
    response = render(request, "demo/outbox_message.html", {"message_": _read(path)})
    response["Cache-Control"] = "no-store"
    return response
