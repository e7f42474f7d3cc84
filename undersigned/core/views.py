"""The demo's outbox (demo or debug mode only): the e-mails undersigned would have sent."""

from email import policy
from email.parser import BytesParser

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
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
    if not (settings.DEBUG or settings.DEMO):
        raise Http404("The outbox is shown in the demo and in debug mode only")
    directory = outbox_dir()
    paths = sorted(directory.glob("*.eml"), reverse=True) if directory.exists() else []
    return render(request, "core/outbox.html", {"messages_": [_read(p) for p in paths[:100]]})


def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    if not (settings.DEBUG or settings.DEMO):
        raise Http404("The outbox is shown in the demo and in debug mode only")
    path = outbox_dir() / name
    if "/" in name or not name.endswith(".eml") or not path.exists():
        raise Http404("No such message")
    return render(request, "core/outbox_message.html", {"message_": _read(path)})


def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the interface language by a plain link, so public pages carry no form and no
    CSRF token, and stay the same bytes for every reader (cacheable, with stable ETags).
    Changing one's own interface language is harmless, so a GET may do it."""
    from django.utils.http import url_has_allowed_host_and_scheme

    languages = dict(settings.LANGUAGES)
    if code not in languages:
        raise Http404("Unknown language")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE, httponly=True,
    )  # fmt: skip
    return response
