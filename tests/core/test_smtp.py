"""Mail through a real SMTP server run in the test (aiosmtpd): delivered when the server
answers; when it hangs, the connection times out, the task is retried later and the worker
is free again; when it drops the connection in the middle of the message, or after it but
before answering, the retry delivers it once, with the same Message-ID."""

import asyncio
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from undersigned.core.notifications import send_later
from undersigned.core.tasks import run_pending

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An SMTP server's handler keeping what it received."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


class Counting(Recorder):
    """Also counts the connections (one EHLO each)."""

    def __init__(self) -> None:
        super().__init__()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses


class Hanging:
    """An SMTP server that takes the message and then never answers."""

    def __init__(self) -> None:
        self.released = asyncio.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        await self.released.wait()
        return "250 Too late"


class Dropping(Recorder):
    """An SMTP server that reads the first message and closes the connection instead of
    answering it (it never took that one), then takes the next ones."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if not self.dropped:
            self.dropped += 1
            server.transport.close()
            return "421 Gone"
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def smtp_server(handler):
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        if isinstance(handler, Hanging):
            controller.loop.call_soon_threadsafe(handler.released.set)
        controller.stop()


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    return settings


def queue_message(subject: str) -> None:
    send_later(
        "raw",
        to="delegate@example.org",
        context={"subject": subject, "body": "The statement is open for signing."},
    )


def task_row() -> DBTaskResult:
    return DBTaskResult.objects.get()


def test_a_message_is_delivered_to_the_smtp_server(smtp_settings):
    recorder = Recorder()
    with smtp_server(recorder) as port:
        smtp_settings.EMAIL_PORT = port
        queue_message("ICOR00359 is open")
        assert run_pending() == 1

    ((sender, recipients, content),) = recorder.messages
    assert (sender, recipients) == ("undersigned@localhost", ["delegate@example.org"])
    assert b"Subject: ICOR00359 is open" in content
    assert task_row().status == TaskResultStatus.SUCCESSFUL


def test_a_batch_of_messages_shares_one_connection_each_with_its_message_id(smtp_settings):
    server = Counting()
    with smtp_server(server) as port:
        smtp_settings.EMAIL_PORT = port
        for number in range(5):
            queue_message(f"message {number}")
        assert run_pending() == 5
    assert server.connections == 1
    ids = {row.pk for row in DBTaskResult.objects.all()}
    sent = {
        content.split(b"Message-ID: <")[1].split(b"@")[0].decode()
        for *_, content in server.messages
    }
    assert {str(pk) for pk in ids} == sent


def test_a_message_dropped_in_a_batch_fails_alone_and_the_next_one_is_sent(smtp_settings):
    server = Dropping()
    with smtp_server(server) as port:
        smtp_settings.EMAIL_PORT = port
        queue_message("first")
        queue_message("second")
        assert run_pending() == 2
    assert [b"Subject: second" in content for *_, content in server.messages] == [True]
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.READY, TaskResultStatus.SUCCESSFUL]


def test_a_server_that_hangs_after_the_message_fails_the_task_in_time_and_frees_the_worker(
    smtp_settings,
):
    with smtp_server(Hanging()) as port:
        smtp_settings.EMAIL_PORT = port
        queue_message("ICOR00359 is open")
        started = time.monotonic()
        ran = run_pending()
        waited = time.monotonic() - started

    assert ran == 1
    assert waited < 10
    task = task_row()
    assert (task.status, len(task.worker_ids)) == (TaskResultStatus.READY, 1)
    assert "timed out" in task.traceback


def test_a_server_that_never_greets_fails_the_task_in_time(smtp_settings):
    with socket.socket() as silent:  # accepts connections (backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        smtp_settings.EMAIL_PORT = silent.getsockname()[1]
        queue_message("first")
        queue_message("second")
        started = time.monotonic()
        ran = run_pending()
        waited = time.monotonic() - started

    assert ran == 2  # the worker went on to the next message
    assert waited < 10
    assert [len(t.worker_ids) for t in DBTaskResult.objects.all()] == [1, 1]
    assert all("timed out" in t.traceback for t in DBTaskResult.objects.all())


def test_the_smtp_connection_always_has_a_finite_timeout(settings):
    assert 0 < settings.EMAIL_TIMEOUT <= 60


def test_a_server_that_drops_the_connection_gets_the_message_once_on_the_retry(smtp_settings):
    server = Dropping()
    with smtp_server(server) as port:
        smtp_settings.EMAIL_PORT = port
        queue_message("ICOR00359 is open")
        assert run_pending() == 1
        first = task_row()
        assert (first.status, server.dropped, server.messages) == (TaskResultStatus.READY, 1, [])
        assert "SMTPServerDisconnected" in first.exception_class_path
        assert first.run_after > timezone.now()  # later, not at once
        DBTaskResult.objects.update(run_after=timezone.now())  # ...and that time has come
        assert run_pending() == 1
        assert run_pending() == 0

    ((_sender, _recipients, content),) = server.messages
    assert f"Message-ID: <{first.pk}@127.0.0.1>".encode() in content
    assert b"X-Undersigned-Attempt: 2" in content
    assert task_row().status == TaskResultStatus.SUCCESSFUL


@contextmanager
def cut_mid_message():
    """A server that speaks SMTP up to the message, reads its first bytes and hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    received: list[bytes] = []

    def serve() -> None:
        connection, _address = listener.accept()
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 cut.example ESMTP\r\n")
            for line in lines:
                command = line[:4].upper()
                if command == b"DATA":
                    connection.sendall(b"354 Go ahead\r\n")
                    received.append(lines.readline())  # the first line of the message...
                    return  # ...and the connection is gone
                connection.sendall(b"250 OK\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], received
    finally:
        thread.join(5)
        listener.close()


def test_a_connection_cut_in_the_middle_of_the_message_is_retried_and_delivered_once(
    smtp_settings,
):
    with cut_mid_message() as (port, received):
        smtp_settings.EMAIL_PORT = port
        queue_message("ICOR00359 is open")
        assert run_pending() == 1
    assert len(received) == 1  # the server had started to take the message
    first = task_row()
    assert first.status == TaskResultStatus.READY
    recorder = Recorder()
    with smtp_server(recorder) as port:
        smtp_settings.EMAIL_PORT = port
        DBTaskResult.objects.update(run_after=timezone.now())
        assert run_pending() == 1
        assert run_pending() == 0
    ((_sender, _recipients, content),) = recorder.messages
    assert f"Message-ID: <{first.pk}@127.0.0.1>".encode() in content
    assert task_row().status == TaskResultStatus.SUCCESSFUL
