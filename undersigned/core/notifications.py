"""E-mail notifications: queued by services, rendered and sent by a task in the recipient's
language (where the interface has a translation), never inside a request.

A secret (the token of a sign-in link, an invitation, a password reset) is never written into
the task: the service puts `secret_link(kind, id)` in the context, and the task asks the maker
registered for `kind` (accounts/apps.py) to make the link from the row's id when it sends.

Each message's Message-ID is derived from its task, the same on every attempt, so a message
sent twice (a worker killed after the server took it, docs/operations.md) is recognisable as
one message by the recipient's mail program and in the server's logs.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import TaskContext

from undersigned.core.mail import send
from undersigned.core.tasks import enqueue, task

# kind → function making the link (an absolute URL) from a row's id, inside the task.
LINK_MAKERS: dict[str, Callable[[int], str]] = {}
_LINK = "secret_link"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def register_link(kind: str, maker: Callable[[int], str]) -> None:
    """Let `secret_link(kind, id)` be turned into a link by `maker(id)` when the mail is sent."""
    LINK_MAKERS[kind] = maker


def secret_link(kind: str, pk: int) -> dict[str, Any]:
    """A placeholder for a link holding a secret, stored in the task instead of the link."""
    return {_LINK: kind, "id": pk}


def send_later(template: str, *, to: str, language: str = "en", context: dict[str, Any]) -> None:
    """Queue a message in the current transaction; `context` holds plain values only (it is
    stored as JSON) and no secret (use `secret_link`)."""
    enqueue(send_notification, template=template, to=to, language=language, values=context)


def render_message(template: str, *, language: str, context: dict[str, Any]) -> tuple[str, str]:
    languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{template}.subject.txt", context).strip()
        body = render_to_string(f"notifications/{template}.txt", context)
    return " ".join(subject.split()), body


def _make_links(values: dict[str, Any]) -> dict[str, Any]:
    made = {}
    for name, value in values.items():
        if isinstance(value, dict) and _LINK in value:
            value = LINK_MAKERS[value[_LINK]](value["id"])
        made[name] = value
    return made


def message_id(task_id: str) -> str:
    """`<task id@site host>`: one per task, whatever the attempt."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{task_id}@{domain}>"


@task(takes_context=True)
def send_notification(
    context: TaskContext, *, template: str, to: str, language: str, values: dict[str, Any]
) -> None:
    """Render and send one message (over the connection its batch keeps open, core/mail.py).
    An error of the mail server (or a timeout, UNDERSIGNED_EMAIL_TIMEOUT) fails this attempt;
    the worker tries again later."""
    subject, body = render_message(template, language=language, context=_make_links(values))
    headers = {
        "Message-ID": message_id(context.task_result.id),
        "X-Undersigned-Attempt": str(context.attempt),
    }
    send(EmailMessage(subject=subject, body=body, to=[to], headers=headers))
