"""The lean door (cosigners/door.py) against the Django view: the same input, sent once through
the site's WSGI application (the door in front) and once through Django alone, each in a
savepoint rolled back afterwards, must give the same answer, the same rows, the same task and
the same e-mail. On PostgreSQL the door answers the ordinary cases itself (Django never starts a
request); on SQLite, and for every unusual case, it hands the request to Django unchanged."""

import io
import json
import re
import threading
import time
from urllib.parse import urlencode

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from undersigned.core.models import Coalition, RateLimitHit
from undersigned.core.tasks import run_pending
from undersigned.core.tokens import derived_verifier
from undersigned.cosigners import proof
from undersigned.cosigners.door import LeanDoor, Slots
from undersigned.cosigners.models import IndividualSignature, Leaf
from undersigned.cosigners.services import CONFIRM_LINK, sign_as_person
from undersigned.wsgi import application

DJANGO = WSGIHandler()
DOOR_ANSWERS = connection.vendor == "postgresql"  # elsewhere the door hands everything over
LINK = re.compile(r"/people/(confirm|receipt)/[^/\s]+/")
NUMBER = re.compile(r"\b\d+\b")


def form(version, **changes) -> dict:
    data = {
        "name": "  Ana   Lopez ",
        "email": "Ana.Lopez+petition@Example.org",
        "affiliation": "University of Lyon",
        "country": "FR",
        "city": "Lyon",
        "website": "",
        "version_hash": version.content_hash,
        "proof": proof.solve(proof.new_challenge(50)),
    }
    return {**data, **changes}


def post(app, path: str, data: dict, **headers: str) -> tuple[str, dict, bytes, int]:
    """One POST through a WSGI application: status, headers, body, and how many requests
    Django itself started for it."""
    body = urlencode(data).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "192.0.2.7",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer, started = {}, []

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers
        return lambda data: None

    def count(**kwargs):
        started.append(1)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(count)
    try:
        chunks = app(environ, start_response)
        content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.disconnect(count)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content, len(started)


def normal(text: str) -> str:
    """Secrets and ids, which differ between two runs of the same input, made alike."""
    return NUMBER.sub("N", LINK.sub(r"/people/\1/TOKEN/", text))


def outcome(app, path: str, data: dict, **headers: str) -> tuple[dict, int]:
    """What a POST did, in a savepoint rolled back afterwards: its answer, the rows it wrote,
    the tasks it queued and the e-mails they send; and how many requests Django started."""
    from django.core import mail

    with transaction.atomic():
        before = {
            "hits": set(RateLimitHit.objects.values_list("id", flat=True)),
            "tasks": set(DBTaskResult.objects.values_list("id", flat=True)),
        }
        status, response_headers, body, started = post(app, path, data, **headers)
        cookies = [v for k, v in response_headers if k == "Set-Cookie"]
        messages = [
            (m.level, str(m))
            for value in cookies
            for m in CookieStorage(None)._decode(value.split(";")[0].split("=", 1)[1]) or []
        ]
        signatures = list(
            IndividualSignature.objects.order_by("pk").values(
                "statement_id", "version_id", "version_hash", "language", "mail_language",
                "state", "name", "affiliation", "country", "city", "name_key", "name_folded",
                "email", "email_hash", "email_domain", "network_hash", "erased_at",
            )
        )  # fmt: skip
        stamps = list(
            IndividualSignature.objects.order_by("pk").values_list(
                "created_at",
                "confirmed_at",
                "changed_at",
                "leaf_salt",
                "receipt_selector",
                "receipt_hash",
            )
        )
        leaves = [
            (leaf.kind, {**json.loads(leaf.body), "at": "AT", "fields": bool(leaf.body)})
            for leaf in Leaf.objects.order_by("pk")
        ]
        hits = sorted(
            RateLimitHit.objects.exclude(id__in=before["hits"]).values_list("key", flat=True)
        )
        tasks = [
            (t.task_path, t.status, t.priority, t.queue_name, t.backend_name, t.run_after,
             normal(json.dumps(t.args_kwargs, sort_keys=True)))
            for t in DBTaskResult.objects.exclude(id__in=before["tasks"]).order_by("enqueued_at")
        ]  # fmt: skip
        sent = len(mail.outbox)
        run_pending()
        mails = [(m.to, m.subject, normal(m.body)) for m in mail.outbox[sent:]]
        transaction.set_rollback(True)
    headers_seen = {k: v for k, v in response_headers if k != "Set-Cookie"}
    if "Location" in headers_seen:
        headers_seen["Location"] = normal(headers_seen["Location"])
    return {
        "status": status,
        "headers": headers_seen,
        "body": normal(body.decode()),
        "messages": messages,
        "signatures": signatures,
        "stamps": [tuple(bool(v) for v in row) for row in stamps],
        "leaves": leaves,
        "hits": hits,
        "tasks": tasks,
        "mails": mails,
    }, started


def sign_path(statement) -> str:
    return reverse("cosigners:sign", args=[statement.document_id, "en"])


def test_the_site_s_application_has_the_door_in_front():
    assert isinstance(application.app, LeanDoor)


def test_an_ordinary_signature_through_the_door_is_the_view_s_signature(
    opening, statement, version
):
    data = form(version)
    by_django, django_started = outcome(DJANGO, sign_path(statement), data)
    by_door, door_started = outcome(application, sign_path(statement), data)
    assert by_door == by_django
    assert by_door["status"] == "302 Found"
    assert by_door["mails"][0][0] == ["Ana.Lopez+petition@Example.org"]
    assert len(by_door["hits"]) == 3  # the proof, the network, the domain
    assert (django_started, door_started) == (1, 0 if DOOR_ANSWERS else 1)


def pending_token(statement, version) -> str:
    signed = sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name="Ana Lopez",
        email="ana@example.org",
        mail_language="fr",
        country="FR",
    )
    selector = signed.signature.confirm_selector
    return f"{selector}.{derived_verifier(CONFIRM_LINK, selector)}"


def csrf() -> tuple[dict, str]:
    secret = _get_new_csrf_string()
    return {"csrfmiddlewaretoken": _mask_cipher_secret(secret)}, f"csrftoken={secret}"


def test_an_ordinary_confirmation_through_the_door_is_the_view_s_confirmation(
    opening, statement, version
):
    path = reverse("cosigners:confirm", args=[pending_token(statement, version)])
    data, cookie = csrf()
    by_django, django_started = outcome(DJANGO, path, data, cookie=cookie, accept_language="fr")
    by_door, door_started = outcome(application, path, data, cookie=cookie, accept_language="fr")
    assert by_door == by_django
    assert by_door["status"] == "302 Found"
    assert by_door["messages"] == [(25, "Merci : votre signature est confirmée.")]
    assert [kind for kind, _body in by_door["leaves"]] == ["confirmed"]
    assert by_door["signatures"][0]["state"] == "confirmed"
    assert (django_started, door_started) == (1, 0 if DOOR_ANSWERS else 1)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_door_commits_the_signature_and_its_task_at_once(
    opening, statement, version
):
    """The production path: the commands sent together, committed in one round trip."""
    status, _headers, _body, started = post(application, sign_path(statement), form(version))
    assert status == "302 Found"
    signature = IndividualSignature.objects.get()
    assert signature.name == "Ana Lopez"
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["values"]["link"]["id"] == (
        signature.pk
    )
    selector = signature.confirm_selector
    data, cookie = csrf()
    token = f"{selector}.{derived_verifier(CONFIRM_LINK, selector)}"
    status, _headers, _body, started_confirming = post(
        application, reverse("cosigners:confirm", args=[token]), data, cookie=cookie
    )
    assert status == "302 Found"
    assert IndividualSignature.objects.get(pk=signature.pk).state == "confirmed"
    assert Leaf.objects.get().signature_id == signature.pk
    assert (started, started_confirming) == ((0, 0) if DOOR_ANSWERS else (1, 1))


UNUSUAL_SIGNATURES = {
    "the honeypot filled": ({"website": "http://spam.example"}, {}),
    "a name missing": ({"name": "   "}, {}),
    "an address the form refuses": ({"email": "ana@@example.org"}, {}),
    "an address with a space": ({"email": "ana lopez@example.org"}, {}),
    "no proof of work": ({"proof": ""}, {}),
    "a proof that is not genuine": ({"proof": "bm90IGEgcHJvb2Y="}, {}),
    "a changed text": ({"version_hash": "0" * 64}, {}),
    "a country not in the list": ({"country": "XX"}, {}),
    "an affiliation too long": ({"affiliation": "a" * 201}, {}),
    "a cross-site form": ({}, {"sec_fetch_site": "cross-site"}),
    "a pending message": ({}, {"cookie": "messages=x"}),
}


@pytest.mark.parametrize("changes, headers", UNUSUAL_SIGNATURES.values(), ids=UNUSUAL_SIGNATURES)
def test_an_unusual_signature_gets_the_view_s_answer(opening, statement, version, changes, headers):
    data = form(version, **changes)
    by_django, _started = outcome(DJANGO, sign_path(statement), data, **headers)
    by_door, door_started = outcome(application, sign_path(statement), data, **headers)
    assert by_door == by_django
    assert door_started == 1  # handed to Django


def test_a_proof_spent_already_gets_the_view_s_refusal(opening, statement, version):
    data = form(version)
    assert post(application, sign_path(statement), data)[0] == "302 Found"
    by_door, door_started = outcome(application, sign_path(statement), {**data, "email": "b@x.org"})
    assert (by_door["status"], door_started) == ("400 Bad Request", 1)
    assert "The check that keeps robots out did not finish." in by_door["body"]
    assert by_door["signatures"] == by_door["signatures"][:1]  # nothing more stored


def test_an_address_that_has_signed_gets_the_view_s_notice(opening, statement, version):
    assert post(application, sign_path(statement), form(version))[0] == "302 Found"
    again = form(version, email="ana.lopez@example.org")  # the same mailbox
    by_django, _started = outcome(DJANGO, sign_path(statement), again)
    by_door, door_started = outcome(application, sign_path(statement), again)
    assert by_door == by_django
    assert door_started == 1
    assert len(by_door["signatures"]) == 1


def test_a_network_over_its_limit_gets_the_view_s_429(opening, statement, version, settings):
    settings.COSIGNERS_PER_NETWORK = 1
    assert post(application, sign_path(statement), form(version))[0] == "302 Found"
    other = form(version, email="bea@example.org")
    by_django, _started = outcome(DJANGO, sign_path(statement), other)
    by_door, door_started = outcome(application, sign_path(statement), other)
    assert by_door == by_django
    assert (by_door["status"], door_started) == ("429 Too Many Requests", 1)


def test_a_refused_domain_gets_the_view_s_message(opening, statement, version):
    coalition = Coalition.load()
    coalition.refused_email_domains = "example.org"
    coalition.save()
    application.clear()  # the admin's save records an event; here the row changed directly
    by_django, _started = outcome(DJANGO, sign_path(statement), form(version))
    by_door, door_started = outcome(application, sign_path(statement), form(version))
    assert by_door["status"] == by_django["status"] == "400 Bad Request"
    assert "Addresses at example.org cannot be used to sign." in by_door["body"]
    assert door_started == 1


def test_a_statement_closed_to_individuals_gets_the_view_s_404(
    opening, statement, version, secretariat
):
    from undersigned.cosigners.services import set_opening

    set_opening(statement, language="en", listing="off", by=secretariat)
    by_door, door_started = outcome(application, sign_path(statement), form(version))
    assert (by_door["status"], door_started) == ("404 Not Found", 1)


UNUSUAL_CONFIRMATIONS = {
    "no CSRF cookie": ("none", {}),
    "a token not matching the cookie": ("other", {}),
    "another site's origin": ("good", {"origin": "http://evil.example"}),
}


@pytest.mark.parametrize(
    "cookie, headers", UNUSUAL_CONFIRMATIONS.values(), ids=UNUSUAL_CONFIRMATIONS
)
def test_an_unusual_confirmation_gets_the_view_s_answer(
    opening, statement, version, cookie, headers
):
    path = reverse("cosigners:confirm", args=[pending_token(statement, version)])
    data, good = csrf()
    cookie = {"none": "", "other": csrf()[1], "good": good}[cookie]
    by_django, _started = outcome(DJANGO, path, data, cookie=cookie, **headers)
    by_door, door_started = outcome(application, path, data, cookie=cookie, **headers)
    assert by_door == by_django
    assert by_door["status"] == "403 Forbidden"
    assert door_started == 1


def test_a_second_click_gets_the_view_s_answer(opening, statement, version):
    path = reverse("cosigners:confirm", args=[pending_token(statement, version)])
    data, cookie = csrf()
    assert post(application, path, data, cookie=cookie)[0] == "302 Found"
    by_django, _started = outcome(DJANGO, path, data, cookie=cookie)
    by_door, door_started = outcome(application, path, data, cookie=cookie)
    assert by_door == by_django
    assert (by_door["status"], door_started) == ("410 Gone", 1)


@pytest.mark.skipif(not DOOR_ANSWERS, reason="the door answers on PostgreSQL only")
def test_a_confirmation_through_the_door_reads_one_row_and_nothing_else(
    db, opening, statement, version
):
    """Its signature, statement and version in one statement; the coalition (for the receipt's
    document id) kept per process, as of the newest audit event."""
    data, cookie = csrf()
    tokens = []
    for n in range(2):
        signed = sign_as_person(
            statement, language="en", version_hash=version.content_hash, name=f"Person {n}",
            email=f"p{n}@example.org",
        )  # fmt: skip
        selector = signed.signature.confirm_selector
        tokens.append(f"{selector}.{derived_verifier(CONFIRM_LINK, selector)}")
    path = reverse("cosigners:confirm", args=[tokens[0]])
    assert post(application, path, data, cookie=cookie)[0] == "302 Found"  # reads what it keeps

    with CaptureQueriesContext(connection) as queries:
        status, *_rest = post(
            application, reverse("cosigners:confirm", args=[tokens[1]]), data, cookie=cookie
        )

    assert status == "302 Found"
    # The read, then the step with its leaf and task in one statement (in a test's transaction
    # in a savepoint; outside one, sent with BEGIN and COMMIT in one round trip).
    sent = [query["sql"].split()[0] for query in queries.captured_queries]
    assert sent == ["SELECT", "SAVEPOINT", "WITH", "RELEASE"]


@pytest.mark.skipif(not DOOR_ANSWERS, reason="the door answers on PostgreSQL only")
def test_a_signature_through_the_door_is_one_statement_and_nothing_else(
    db, opening, statement, version
):
    """The statement's opening and the coalition (the e-mail's document id) are kept per process,
    as of the newest audit event: a signature reads nothing, and writes in one statement."""
    path = sign_path(statement)
    assert post(application, path, form(version))[0] == "302 Found"  # reads what it keeps
    data = form(version, email="other@example.org")

    with CaptureQueriesContext(connection) as queries:
        status, *_rest = post(application, path, data)

    assert status == "302 Found"
    # In a test's transaction in a savepoint; outside one, sent with BEGIN, the proof's lock
    # and COMMIT in one round trip.
    sent = [query["sql"].split()[0] for query in queries.captured_queries]
    assert sent == ["SAVEPOINT", "SELECT", "WITH", "RELEASE"]


def test_the_door_s_slots_hold_at_most_their_number_of_threads_at_once():
    slots, inside, most, lock = Slots(2), [0], [0], threading.Lock()

    def hold() -> None:
        with slots:
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.02)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=hold) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert (most[0], inside[0]) == (2, 0)
