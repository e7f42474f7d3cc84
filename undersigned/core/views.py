"""The demo's outbox (debug only): the e-mails undersigned would have sent."""

from email import policy
from email.parser import BytesParser

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from undersigned.core.mail import outbox_dir


def _read(path):
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(preferencelist=("plain",))
    return {
        "name": path.name,
        "subject": message["subject"],
        "to": message["to"],
        "date": message["date"],
        "body": body.get_content() if body else "",
    }


def outbox(request: HttpRequest) -> HttpResponse:
    if not settings.DEBUG:
        raise Http404("The outbox is shown in debug mode only")
    directory = outbox_dir()
    paths = sorted(directory.glob("*.eml"), reverse=True) if directory.exists() else []
    return render(request, "core/outbox.html", {"messages_": [_read(p) for p in paths[:100]]})


def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    if not settings.DEBUG:
        raise Http404("The outbox is shown in debug mode only")
    path = outbox_dir() / name
    if "/" in name or not name.endswith(".eml") or not path.exists():
        raise Http404("No such message")
    return render(request, "core/outbox_message.html", {"message_": _read(path)})
