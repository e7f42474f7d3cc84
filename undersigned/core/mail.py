"""E-mail: the outbox backend of the demo, and how every message is sent (by tasks): within
the worker's batch of tasks (`kept_open`), over one connection to the mail server."""

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.crypto import get_random_string


def outbox_dir() -> Path:
    return Path(settings.DATA_DIR) / "outbox"


class OutboxBackend(BaseEmailBackend):
    """Writes each message as an .eml file into <data dir>/outbox, where a person trying the
    demo can open it (and /dev/outbox/ lists it to the secretariat in the demo and in debug
    mode)."""

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        directory = outbox_dir()
        directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            subject = re.sub(r"[^\w-]+", "-", message.subject)[:40].strip("-")
            path = directory / f"{stamp}-{subject}-{get_random_string(4)}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)


# The connection the messages of the running batch share; None outside a batch.
_kept: ContextVar[BaseEmailBackend | None] = ContextVar("mail_kept_open", default=None)


@contextlib.contextmanager
def kept_open() -> Iterator[None]:
    """Within the block, `send` sends every message over one connection, opened with the first
    and closed at the end: a new SMTP connection per message (greeting, EHLO, STARTTLS, login)
    cost the worker more than the message."""
    backend = get_connection()
    token = _kept.set(backend)
    try:
        yield
    finally:
        _kept.reset(token)
        try:
            backend.close()
        except Exception:  # every message is already sent or failed
            _discard(backend)


def _discard(backend: BaseEmailBackend) -> None:
    """Drop a connection after an error without talking to the server again (a QUIT to a
    server that hangs would wait for the timeout once more)."""
    smtp = getattr(backend, "connection", None)
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
        backend.connection = None


def send(message: EmailMessage) -> None:
    """Send one message: over the batch's connection inside `kept_open`, else on its own. An
    error fails the message (its task is retried) and drops the connection, so the next
    message opens a fresh one."""
    backend = _kept.get()
    if backend is None:
        message.send()
        return
    message.connection = backend
    try:
        backend.open()  # opened here, the backend's send_messages leaves it open
        message.send()
    except BaseException:
        _discard(backend)
        raise
