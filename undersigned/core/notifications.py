"""E-mail notifications: queued by services, rendered and sent by a task in the recipient's
language (where the interface has a translation), never inside a request."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from undersigned.core.tasks import enqueue, task


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_later(template: str, *, to: str, language: str = "en", context: dict[str, Any]) -> None:
    """Queue a message; `context` holds plain values only (it is stored as JSON)."""
    enqueue(send_notification, template=template, to=to, language=language, context=context)


def render_message(template: str, *, language: str, context: dict[str, Any]) -> tuple[str, str]:
    languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{template}.subject.txt", context).strip()
        body = render_to_string(f"notifications/{template}.txt", context)
    return " ".join(subject.split()), body


@task
def send_notification(*, template: str, to: str, language: str, context: dict[str, Any]) -> None:
    subject, body = render_message(template, language=language, context=context)
    EmailMessage(subject=subject, body=body, to=[to]).send()
