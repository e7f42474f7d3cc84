"""The lean door: a person's signing POST and confirming POST answered in front of Django, when
everything about them is ordinary.

Under a surge what limits signing is the server's Python: a signature through Django cost
about 5 ms of CPU on a quiet machine and 10 under load (its request and middleware, the form,
the ORM making and compiling queries, docs/cosigners.md, "Cost of a signature"), so two cores
took at most 150–200 a second. Like the page cache (core/pagecache.py), this is WSGI
middleware (undersigned/wsgi.py): for the happy path it reads the fields, checks them as the
form and `sign_as_person` do, and writes the proof's hit, the two rate limits' hits, the
signature and its e-mail's task in ONE statement sent with its transaction in one round trip
(PostgreSQL's pipeline); a confirmation takes two (read the row, then the step, its leaf and
the receipt's task in one statement).

It answers only what it is sure of. Anything else — a field the form would refuse, a proof
already spent or not genuine, a limit reached, an address that has signed, the honeypot
filled, a cross-site request, a closed statement, a session or a pending message, another
content type, SQLite, a database error — is handed unchanged to the Django view, which
decides and words every refusal: one door for every message and check. Where the door's
statement finds a reason to refuse (the proof spent, a limit, the address), it writes nothing,
and the view, handed the request, finds the same reason itself.

The statement's settings (its state, its versions, the opening, the refused domains) and the
coalition (a receipt's document id) are kept per process and read again when the newest audit
event changes, as the page cache does: every change of them records one.
"""

# ruff: noqa: S608 - the SQL is built from quoted names of our own models; every value is bound.

import contextlib
import io
import queue
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from types import SimpleNamespace
from urllib.parse import parse_qsl

import psycopg
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.handlers.wsgi import get_script_name
from django.core.validators import validate_email
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import pre_save
from django.http import Http404, HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    _unmask_cipher_token,
)
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.utils import normalize_json
from django_tasks_db.models import DBTaskResult

from undersigned.core.countries import country_codes
from undersigned.core.middleware import CSP
from undersigned.core.models import Coalition, RateLimitHit
from undersigned.core.notifications import send_notification
from undersigned.core.pagecache import GenerationClock, _scheme
from undersigned.core.ratelimit import client_address_of, stored_key
from undersigned.core.tokens import (
    derived_verifier,
    new_derived_token,
    split_token,
    verifier_matches,
)
from undersigned.cosigners import proof, services
from undersigned.cosigners.addresses import domain_limit_key, email_domain, is_address
from undersigned.cosigners.models import IndividualSignature, Leaf, Opening, SignerState
from undersigned.cosigners.privacy import network_hash
from undersigned.cosigners.selectors import confirmation_deadline, opening_for
from undersigned.statements.models import Statement, Version
from undersigned.statements.selectors import get_public_statement

StartResponse = Callable[..., Callable[[bytes], object]]

SIGN = re.compile(
    r"/statements/(?P<document_id>[^/]+)/(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)/sign/"
)
CONFIRM = re.compile(r"/people/confirm/(?P<token>[^/]+)/")
FORM = "application/x-www-form-urlencoded"
MAX_BODY = 8 * 1024  # a signing form is well under 3 kB; a longer body goes to Django
# The fields of the signing form: what the door reads. Others are ignored, as the form does.
SIGN_FIELDS = {"name", "email", "affiliation", "country", "city", "website", "version_hash"}
SIGN_FIELDS |= {"proof", "csrfmiddlewaretoken"}
LIMITS = {"affiliation": 200, "city": 100}
WINDOW = timedelta(minutes=10)  # the views' window of the two rate limits
ASCII_ADDRESS = re.compile(r"[A-Za-z0-9_+.-]+@[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class Signing:
    """What the door needs of a statement's opening in one language, kept per process."""

    statement: Statement
    opening: Opening
    version: Version
    coalition: Coalition


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _columns(model: type, *, skip_pk: bool = True) -> list:
    meta = model._meta
    return [f for f in meta.local_concrete_fields if not (skip_pk and f is meta.pk)]


def _values(instance: object, fields: list) -> list:
    """The row as Django's INSERT would write it (defaults, auto_now_add, adapters)."""
    return [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]


def _task_row(**kwargs: object) -> tuple[list, list]:
    """The row of `send_notification` queued with these arguments, as `enqueue` writes it
    (django-tasks-db's `_task_to_db_task`), and its columns."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    task = send_notification
    row = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": (), "kwargs": kwargs}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    # As its save() would: the library's pre_save handler sets a task without a time to
    # "whenever" (its date max).
    pre_save.send(sender=DBTaskResult, instance=row, raw=False, using=connection.alias,
                  update_fields=None)  # fmt: skip
    fields = _columns(DBTaskResult, skip_pk=False)
    return fields, _values(row, fields)


def _names(fields: list) -> str:
    return ", ".join(connection.ops.quote_name(f.column) for f in fields)


def _marks(fields: list, *, json_at: str = "") -> str:
    """Placeholders, the JSON ones cast; `json_at` names a JSON column whose value takes the new
    signature's id at the link's place (the e-mail's task is queued with the signature)."""
    marks = []
    for f in fields:
        if f.get_internal_type() != "JSONField":
            marks.append("%s")
        elif f.column == json_at:
            marks.append("jsonb_set(%s::jsonb, '{kwargs,values,link,id}', to_jsonb(sig.id))")
        else:
            marks.append("%s::jsonb")
    return ", ".join(marks)


def _hit_check(key_mark: str = "%s") -> str:
    hits, key, at = _table(RateLimitHit), *(connection.ops.quote_name(c) for c in ("key", "at"))
    return f"(SELECT COUNT(*) FROM {hits} WHERE {key} = {key_mark} AND {at} >= %s) < %s"


class Slots:
    """At most `count` holders at once, the others blocked until one leaves: a semaphore whose
    waiting and waking happen in C (a queue of tokens), where `threading.Semaphore`'s happen in
    Python under a condition, which py-spy found holding Python's lock for 7% of the server's
    samples during a surge of signatures."""

    def __init__(self, count: int) -> None:
        self._tokens: queue.SimpleQueue[None] = queue.SimpleQueue()
        for _slot in range(count):
            self._tokens.put(None)

    def __enter__(self) -> None:
        self._tokens.get()

    def __exit__(self, *exc_info: object) -> None:
        self._tokens.put(None)


class LeanDoor:
    """WSGI middleware: the happy path of signing and confirming, else Django."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.clock = GenerationClock(events_only=True)
        self._signings: dict[tuple[str, str], tuple[str, Signing | None]] = {}
        self._kept_coalition: tuple[str, Coalition] | None = None
        self._lock = threading.Lock()
        # At most this many threads of the process sign or confirm at once: the others wait
        # without asking for Python's lock, so the threads answering the cached page are not
        # one among sixteen runnable writers (docs/benchmarks.md, "The surge").
        slots = settings.COSIGNERS_DOOR_CONCURRENCY
        self._slots = Slots(slots) if slots > 0 else contextlib.nullcontext()

    def clear(self) -> None:
        """Forget what is kept (tests), and what the application behind keeps (the pages)."""
        with self._lock:
            self._signings.clear()
            self._kept_coalition = None
        self.clock.forget()
        self.app.clear()

    def __getattr__(self, name: str) -> object:
        return getattr(self.app, name)  # the page cache behind stays reachable

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or connection.vendor != "postgresql":
            return self.app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        signing, confirming = SIGN.fullmatch(path), CONFIRM.fullmatch(path)
        if not (signing or confirming) or not _ordinary(environ):
            return self.app(environ, start_response)
        body = _read_body(environ)
        if body is None:
            return self.app(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)  # for Django, if it is handed the request
        set_script_prefix(get_script_name(environ))  # as Django's handler does, for reverse()
        with self._slots:
            try:
                form = _parse(body)
                # The coalition kept (document ids in the e-mails and the redirect), not read.
                with Coalition.read_once(self._coalition()):
                    if form is None:
                        answer = None
                    elif signing:
                        answer = self._sign(environ, form, **signing.groupdict())
                    else:
                        answer = self._confirm(environ, form, confirming["token"])
            except DatabaseError:
                # Nothing was committed (the statement that writes is the last before COMMIT, and
                # a failed one writes nothing): Django, handed the request, opens a connection
                # again if this one is broken, and answers as it would have.
                connection.close_if_unusable_or_obsolete()
                answer = None
        if answer is None:
            return self.app(environ, start_response)
        start_response("302 Found", answer)
        return [b""]

    def _coalition(self) -> Coalition:
        """The coalition as of the newest audit event (every change of it records one)."""
        generation = self.clock.current()
        kept = self._kept_coalition
        if kept is not None and kept[0] == generation:
            return kept[1]
        coalition = Coalition.load()
        self._kept_coalition = (generation, coalition)
        return coalition

    # --- signing --------------------------------------------------------------------------

    def _signing(self, document_id: str, language: str) -> Signing | None:
        """The statement's opening in `language` as of the newest content generation."""
        generation = self.clock.current()
        kept = self._signings.get((document_id, language))
        if kept is not None and kept[0] == generation:
            return kept[1]
        with Coalition.read_once():
            try:
                statement = get_public_statement(document_id)
            except Http404:
                found = None
            else:
                opening = opening_for(statement, language)
                version = statement.current_version(language)
                found = (
                    Signing(statement, opening, version, Coalition.load())
                    if opening is not None and opening.is_open and version is not None
                    else None
                )
        with self._lock:
            if len(self._signings) > 1000:  # odd document ids must not grow it without end
                self._signings.clear()
            self._signings[(document_id, language)] = (generation, found)
        return found

    def _sign(
        self, environ: dict, form: dict[str, str], *, document_id: str, language: str
    ) -> list[tuple[str, str]] | None:
        if environ.get("HTTP_SEC_FETCH_SITE") == "cross-site" or form.get("website"):
            return None  # refused by the view, or the honeypot it answers itself
        signing = self._signing(document_id, language)
        if signing is None or not signing.statement.accepts_signatures():
            return None
        fields = _signing_fields(form, signing)
        if fields is None:
            return None
        asks_proof = settings.COSIGNERS_PROOF_OF_WORK > 0
        challenge = proof.verified(form.get("proof", "")) if asks_proof else ""
        if challenge is None:
            return None
        language_code = _request_language(environ)
        address = client_address_of(environ)
        signature, _token = services.new_signature(
            signing.statement,
            version=signing.version,
            language=language,
            mail_language=language_code,
            client_address=address,
            **fields,
        )
        mail = services.confirmation_mail(signature)
        task_fields, task_values = _task_row(
            template=mail["template"], to=mail["to"], language=mail["language"],
            values=mail["context"],
        )  # fmt: skip
        now = timezone.now()
        limits = [(f"proof:{challenge}", 1, timedelta(seconds=proof.VALID_SECONDS))] * bool(
            asks_proof
        )
        if settings.COSIGNERS_PER_NETWORK:
            network = f"cosign:net:{network_hash(address)}"
            limits.append((network, settings.COSIGNERS_PER_NETWORK, WINDOW))
        domain_key = domain_limit_key(
            signature.email_domain,
            signature.email_hash,
            policed=settings.COSIGNERS_POLICED_PROVIDERS,
        )
        if settings.COSIGNERS_PER_DOMAIN:
            limits.append((f"cosign:domain:{domain_key}", settings.COSIGNERS_PER_DOMAIN, WINDOW))
        keys = [stored_key(key) for key, _limit, _window in limits]
        sig_fields = _columns(IndividualSignature)
        sql, params = _signing_statement(
            sig_fields, _values(signature, sig_fields), task_fields, task_values, limits, keys, now
        )
        commands: list[tuple[str, list]] = []
        if asks_proof:  # as `allow(serialized=True)`: one answer sent twice at once passes once
            commands.append(("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [keys[0]]))
        commands.append((sql, params))
        rows = _in_one_round_trip(commands)
        if rows[-1] is None or rows[-1][0] is None:
            return None  # nothing written: the view finds the reason and words it
        location = reverse(
            "cosigners:sent",
            kwargs={"document_id": signing.statement.document_id, "language": language},
        )
        return _headers(environ, location, language_code)

    # --- confirming -----------------------------------------------------------------------

    def _confirm(
        self, environ: dict, form: dict[str, str], token: str
    ) -> list[tuple[str, str]] | None:
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if not _csrf_passes(environ, cookies, form):
            return None
        parts = split_token(token)
        if parts is None:
            return None
        signature = _signature_behind(parts[0])
        if (
            signature is None
            or not verifier_matches(parts[1], signature.confirm_hash)
            or signature.state != SignerState.PENDING
            or signature.created_at < confirmation_deadline()
            or signature.leaf_salt
            or signature.confirmed_at is not None
            or not signature.statement.accepts_signatures()
        ):
            return None  # the view says why, or takes the step its own way
        now = timezone.now()
        selector, verifier_hash = new_derived_token(services.RECEIPT_LINK)
        signature.state, signature.changed_at, signature.confirmed_at = (
            SignerState.CONFIRMED, now, now
        )  # fmt: skip
        signature.leaf_salt = secrets.token_hex(16)
        signature.receipt_selector, signature.receipt_hash = selector, verifier_hash
        kind = services.TRANSITIONS[(SignerState.PENDING, SignerState.CONFIRMED)]
        leaf = Leaf(
            statement_id=signature.statement_id,
            signature=signature,
            kind=kind,
            body=services.leaf_text(signature, kind=kind, at=now),
        )
        mail = services.receipt_mail(signature)
        _task_fields, task_values = _task_row(
            template=mail["template"], to=mail["to"], language=mail["language"],
            values=mail["context"],
        )  # fmt: skip
        sql, sets, leaf_fields, _tasks = _confirming_sql()
        params = [*_values(signature, sets), signature.pk, SignerState.PENDING]
        params += [*_values(leaf, leaf_fields), *task_values]
        rows = _in_one_round_trip([(sql, params)])
        if rows[-1] is None:
            return None  # taken meanwhile (another click, a moderator): the view says so
        language_code = _request_language(environ)
        token = f"{selector}.{derived_verifier(services.RECEIPT_LINK, selector)}"
        headers = _headers(environ, reverse("cosigners:receipt", args=[token]), language_code)
        with translation.override(language_code):
            headers.append(_message_cookie(cookies, _("Thank you: your signature is confirmed.")))
        return headers


@cache
def _reading_sql() -> tuple[str, list[tuple[type, list, list]]]:
    """The signature behind a confirmation link, with its statement and version, in one
    statement made once per process; with each model's fields and their converters (what the
    ORM applies to what the database returns)."""
    joined = [(IndividualSignature, "s"), (Statement, "st"), (Version, "v")]
    quote = connection.ops.quote_name
    reading, columns = [], []
    for model, alias in joined:
        fields = _columns(model, skip_pk=False)
        converters = [
            (col, connection.ops.get_db_converters(col) + f.get_db_converters(connection))
            for f in fields
            for col in [f.get_col(alias)]
        ]
        reading.append((model, fields, converters))
        columns += [f"{alias}.{quote(f.column)}" for f in fields]
    signature = IndividualSignature._meta
    pk, selector = (quote(signature.get_field(n).column) for n in ("id", "confirm_selector"))
    statement_id, version_id = (
        quote(signature.get_field(n).column) for n in ("statement", "version")
    )
    sql = (
        f"SELECT {', '.join(columns)} FROM {_table(IndividualSignature)} s "
        f"JOIN {_table(Statement)} st ON st.{quote(Statement._meta.pk.column)} = s.{statement_id} "
        f"JOIN {_table(Version)} v ON v.{quote(Version._meta.pk.column)} = s.{version_id} "
        f"WHERE s.{selector} = %s ORDER BY s.{pk} LIMIT 1"
    )
    return sql, reading


def _signature_behind(selector: str) -> IndividualSignature | None:
    """As `IndividualSignature.objects.filter(confirm_selector=selector)
    .select_related("statement", "version").first()`, without building and compiling the
    query at each confirmation (half of what the door spent on one)."""
    sql, reading = _reading_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [selector])
        row = cursor.fetchone()
    if row is None:
        return None
    instances, at = [], 0
    for model, fields, converters in reading:
        values = []
        for (col, field_converters), value in zip(
            converters, row[at : at + len(fields)], strict=True
        ):
            for converter in field_converters:
                value = converter(value, col, connection)
            values.append(value)
        at += len(fields)
        instances.append(model.from_db(connection.alias, [f.attname for f in fields], values))
    signature, statement, version = instances
    signature.statement, signature.version = statement, version
    return signature


CONFIRMED_COLUMNS = ("state", "changed_at", "confirmed_at", "leaf_salt", "receipt_selector")
CONFIRMED_COLUMNS += ("receipt_hash",)


@cache
def _confirming_sql() -> tuple[str, list, list, list]:
    """The step to confirmed (only from pending, as read), its leaf and the receipt's task in
    one statement, made once per process; with the fields it sets and inserts."""
    leaf_fields, task_fields = _columns(Leaf), _columns(DBTaskResult, skip_pk=False)
    sig, state, column = (
        _table(IndividualSignature),
        *map(connection.ops.quote_name, ("state", "id")),
    )
    sets = [IndividualSignature._meta.get_field(name) for name in CONFIRMED_COLUMNS]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in sets)
    salt, confirmed = (connection.ops.quote_name(c) for c in ("leaf_salt", "confirmed_at"))
    sql = (
        f"WITH sig AS (UPDATE {sig} SET {assignments} WHERE {column} = %s AND "
        f"{state} = %s AND {salt} = '' AND {confirmed} IS NULL RETURNING {column}), "
        f"leaf AS (INSERT INTO {_table(Leaf)} ({_names(leaf_fields)}) "
        f"SELECT {_marks(leaf_fields)} FROM sig RETURNING 1), "
        f"task AS (INSERT INTO {_table(DBTaskResult)} ({_names(task_fields)}) "
        f"SELECT {_marks(task_fields)} FROM sig RETURNING 1) SELECT {column} FROM sig"
    )
    return sql, sets, leaf_fields, task_fields


def _signing_statement(
    sig_fields: list,
    sig_values: list,
    task_fields: list,
    task_values: list,
    limits: list[tuple[str, int, timedelta]],
    keys: list[str],
    now: object,
) -> tuple[str, list]:
    """One statement: the signature inserted unless a limit is reached or its address signed
    (`ON CONFLICT DO NOTHING` on the one-per-address index), and only then the limits' hits and
    the e-mail's task. So it writes all or nothing, and its transaction can be committed in the
    same round trip whatever it found."""
    params = list(sig_values)
    for (_key, limit, window), key in zip(limits, keys, strict=True):
        params += [key, now - window, limit]
    if keys:
        params += [now, *keys]
    return _signing_sql(len(keys)), params + task_values


@cache
def _signing_sql(limits: int) -> str:
    """The text of `_signing_statement` for so many limits, made once per process."""
    sig_fields, task_fields = _columns(IndividualSignature), _columns(DBTaskResult, skip_pk=False)
    where = " AND ".join([_hit_check()] * limits) or "TRUE"
    hits, key_column, at_column, id_column = (
        _table(RateLimitHit),
        *(connection.ops.quote_name(c) for c in ("key", "at", "id")),
    )
    sql = (
        f"WITH sig AS (INSERT INTO {_table(IndividualSignature)} ({_names(sig_fields)}) "
        f"SELECT {_marks(sig_fields)} WHERE {where} ON CONFLICT DO NOTHING "
        f"RETURNING {id_column})"
    )
    if limits:
        rows = ", ".join(["(%s)"] * limits)
        sql += (
            f", hit AS (INSERT INTO {hits} ({key_column}, {at_column}) SELECT k, %s FROM sig, "
            f"(VALUES {rows}) AS keys (k) RETURNING 1)"
        )
    args = next(f.column for f in task_fields if f.name == "args_kwargs")
    return sql + (
        f", task AS (INSERT INTO {_table(DBTaskResult)} ({_names(task_fields)}) "
        f"SELECT {_marks(task_fields, json_at=args)} FROM sig RETURNING 1) "
        f"SELECT {id_column} FROM sig"
    )


def _in_one_round_trip(commands: list[tuple[str, list]]) -> list[tuple | None]:
    """Run the commands in one transaction, sent together (psycopg's pipeline: one wait for
    the network, not one per command). Returns each command's first row. Inside a transaction
    already (a test's), the commands run in a savepoint of it instead."""
    if connection.in_atomic_block:
        with transaction.atomic(), connection.cursor() as cursor:
            found = []
            for sql, params in commands:
                cursor.execute(sql, params)
                found.append(cursor.fetchone())
            return found
    connection.ensure_connection()
    raw = connection.connection
    found: list[tuple | None] = []
    with connection.wrap_database_errors:
        return _pipelined(raw, commands, found)


def _pipelined(raw: psycopg.Connection, commands: list[tuple[str, list]], found: list) -> list:
    try:
        with raw.pipeline(), raw.cursor() as cursor:
            cursor.execute("BEGIN")
            cursors = []
            for sql, params in commands:
                # Bound by the server and prepared once per connection (Django's cursors bind
                # on the client): the statements are the same at every request but for their
                # values, so PostgreSQL parses and plans each once per connection, not at every
                # signature, and psycopg does not quote sixty values into the SQL text.
                step = psycopg.Cursor(raw)
                step.execute(sql, params, prepare=True)
                cursors.append(step)
            cursor.execute("COMMIT")
        for step in cursors:
            found.append(step.fetchone())
            step.close()
    except Exception:
        # The caller closes the connection if it is broken; else it must not stay aborted.
        with contextlib.suppress(Exception):
            raw.execute("ROLLBACK")
        raise
    return found


# --- what Django's middleware would have done or refused ------------------------------------


def _host(environ: dict) -> str:
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return ""  # Django's reading of it is left to Django
    return environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")


def _ordinary(environ: dict) -> bool:
    """A request whose handling by Django's middleware the door knows: a form, a host Django
    accepts, no redirect to https, no session and no pending message to keep."""
    content_type = environ.get("CONTENT_TYPE", "").lower().replace(" ", "")
    if content_type not in (FORM, f"{FORM};charset=utf-8"):
        return False
    if settings.SECURE_SSL_REDIRECT and _scheme(environ) != "https":
        return False
    domain, _port = split_domain_port(_host(environ))
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _read_body(environ: dict) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_BODY:
        return None
    return environ["wsgi.input"].read(length)


def _parse(body: bytes) -> dict[str, str] | None:
    """The form's fields, as Django's QueryDict reads them; None when Django could read them
    otherwise (a name twice, bytes that are not UTF-8, a NUL the form refuses)."""
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    form = dict(pairs)
    if len(form) != len(pairs) or any("\x00" in value for value in form.values()):
        return None
    return form


def _signing_fields(form: dict[str, str], signing: Signing) -> dict | None:
    """The fields as `SignAsPersonForm` and `sign_as_person` clean them, or None wherever
    either would refuse or hesitate."""
    name = form.get("name", "").strip()
    if len(name) > 200:
        return None
    name = " ".join(name.split())
    email = form.get("email", "").strip()
    if not name or len(email) > 254 or not ASCII_ADDRESS.fullmatch(email):
        return None
    try:
        validate_email(email)  # the form's own check
    except ValidationError:
        return None
    domain = email_domain(email)
    if not is_address(email) or signing.coalition.refuses_email_domain(domain):
        return None
    if form.get("version_hash", "").strip() != signing.version.content_hash:
        return None
    if len(form.get("proof", "").strip()) > 2000:
        return None
    values = {}
    asked = signing.opening.asked()
    for field in ("affiliation", "country", "city"):
        value = form.get(field, "").strip() if field in asked else ""
        if field == "country":
            if value and value not in country_codes():
                return None
        elif len(value) > LIMITS[field]:
            return None
        values[field] = value
    return {"name": name, "email": email, "domain": domain, "values": values}


def _request_language(environ: dict) -> str:
    """The language LocaleMiddleware would activate for this request (no i18n_patterns here:
    the cookie, then Accept-Language, then the default)."""
    reader = SimpleNamespace(
        COOKIES=parse_cookie(environ.get("HTTP_COOKIE", "")),
        META=environ,
        path_info=environ.get("PATH_INFO", ""),
    )
    with translation.override(translation.get_language_from_request(reader)):
        return translation.get_language()


def _headers(environ: dict, location: str, language: str) -> list[tuple[str, str]]:
    """Django's redirect with the headers its middleware adds (a test compares them)."""
    headers = [
        ("Content-Type", f"text/html; charset={settings.DEFAULT_CHARSET}"),
        ("Location", location),
        ("Content-Security-Policy", CSP),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ("Content-Length", "0"),
        ("Vary", "Accept-Language"),
        ("Content-Language", language),
    ]
    if settings.SECURE_HSTS_SECONDS and _scheme(environ) == "https":
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        value += "; includeSubDomains" * settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
        value += "; preload" * settings.SECURE_HSTS_PRELOAD
        headers.append(("Strict-Transport-Security", value))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        policy = policy if isinstance(policy, str) else ",".join(policy)
        headers.append(("Referrer-Policy", policy))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers


def _csrf_passes(environ: dict, cookies: dict[str, str], form: dict[str, str]) -> bool:
    """Django's CSRF check, for the one shape a browser sends here: the cookie's secret and
    the form's masked token, from this site's own page. Any other shape is Django's."""
    secret = cookies.get(settings.CSRF_COOKIE_NAME, "")
    token = form.get("csrfmiddlewaretoken", "")
    if settings.CSRF_USE_SESSIONS or len(secret) != CSRF_SECRET_LENGTH:
        return False
    if not set(secret) <= set(CSRF_ALLOWED_CHARS) or not set(token) <= set(CSRF_ALLOWED_CHARS):
        return False
    if len(token) == 2 * CSRF_SECRET_LENGTH:
        token = _unmask_cipher_token(token)
    if len(token) != CSRF_SECRET_LENGTH or not constant_time_compare(token, secret):
        return False
    origin = environ.get("HTTP_ORIGIN")
    if origin is None:
        return _scheme(environ) != "https"  # over https Django checks the Referer
    return origin == f"{_scheme(environ)}://{_host(environ)}"


def _message_cookie(cookies: dict[str, str], text: str) -> tuple[str, str]:
    """The cookie of the message the view adds (`messages.success`), as Django sets it."""
    storage = CookieStorage(SimpleNamespace(COOKIES=cookies))
    storage.add(messages.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return ("Set-Cookie", response.cookies[storage.cookie_name].output(header=""))
