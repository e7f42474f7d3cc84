"""The one settings module. Everything that differs between installations comes from the
environment; docs/configuration.md documents each variable."""

import os
import secrets
from pathlib import Path

import dj_database_url

from undersigned.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(env_str("UNDERSIGNED_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("UNDERSIGNED_DEBUG", False)
# `undersigned demo` sets this: the e-mails it writes to the outbox are listed at /dev/outbox/.
DEMO = env_bool("UNDERSIGNED_DEMO", False)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data directory,
    so sessions and signed links survive restarts without a secret in the repository."""
    given = env_str("UNDERSIGNED_SECRET_KEY")
    if given:
        return given
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# The Ed25519 key that signs the audit trail's head (core/heads.py): base64 of its 32-byte seed.
# Empty: one is made on first use into `<data dir>/audit_key` (mode 600). Every host of one site
# must use the same key.
AUDIT_KEY = env_str("UNDERSIGNED_AUDIT_KEY")

ALLOWED_HOSTS = env_list("UNDERSIGNED_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("UNDERSIGNED_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its admin/ templates extend Django's (admin.css, labelled date fields).
    "undersigned.core",
    "undersigned.core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "undersigned.organizations",
    "undersigned.statements",
    "undersigned.signatures",
    "undersigned.cosigners",
    "undersigned.publishing",
    "undersigned.importing",
    "undersigned.accounts",
    "undersigned.access",
    "undersigned.drafting",
    "undersigned.api",
    "undersigned.demo",
    "undersigned.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "undersigned.core.middleware.ReadCoalitionOnceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "undersigned.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "undersigned.urls"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "publishing:home"
WSGI_APPLICATION = "undersigned.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "undersigned.core.context_processors.coalition",
                "undersigned.accounts.context_processors.notices",
            ],
        },
    },
]

# SQLite in the data directory unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'undersigned.sqlite3'}"),
        conn_max_age=env_int("UNDERSIGNED_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server workers write at once: WAL lets readers go on during a write, the busy
    # timeout makes a writer wait instead of failing, and IMMEDIATE takes the write lock at the
    # start of a transaction, so two writers never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # Writes take milliseconds: a lock held longer than this is a fault, and the reader
        # is better told at once (503, Retry-After) than kept waiting.
        "timeout": env_int("UNDERSIGNED_SQLITE_BUSY_TIMEOUT", 5),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests use a file too (not memory), so concurrent requests meet real locking; one per
    # process, so that parallel test runs never share one.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: Django's task interface (the django-tasks backport) with its database
# backend, in the same database as everything else, so that a task is written in the same
# transaction as the change it belongs to (core/tasks.py; docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Finished tasks (sent, built, failed) are deleted after this many days by a daily job.
TASK_RETENTION_DAYS = env_int("UNDERSIGNED_TASK_RETENTION_DAYS", 7)
# Seconds without a heartbeat after which a worker is taken for dead and its running task is
# run by another; workers beat six times in that time.
WORKER_TIMEOUT = env_int("UNDERSIGNED_WORKER_TIMEOUT", 60)
# How much `undersigned worker` lowers its own CPU priority (nice; 0: not at all). What it does
# (e-mail, documents, sealing batches) can wait a moment; the pages and signatures served on the
# same cores cannot (docs/benchmarks.md, "The surge"). It only matters when the cores are busy.
WORKER_NICE = env_int("UNDERSIGNED_WORKER_NICE", 10)

# Rendered public pages are kept in front of Django, per worker process (core/pagecache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
]
TIME_ZONE = env_str("UNDERSIGNED_TIME_ZONE", "UTC")
USE_I18N = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["undersigned.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
# Tests and `runserver` find static files in the apps; production serves the collected ones.
WHITENOISE_USE_FINDERS = DEBUG
# The import review posts about eleven fields per entry of a list, and lists run to hundreds
# of entries: Django's default of 1,000 fields refused any list past about 90 with a bare 400.
# 50,000 fields hold some 4,500 entries; the request's size is still bounded by its bytes.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000

# Security. Behind TLS (production) set UNDERSIGNED_SECURE=1: HTTPS-only cookies, HSTS, redirect.
SECURE = env_bool("UNDERSIGNED_SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = env_int("UNDERSIGNED_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
# Behind a reverse proxy: trust its X-Forwarded-Proto, and take the client's address from the
# last X-Forwarded-For entry (the one our proxy added) for rate limits per client.
BEHIND_PROXY = env_bool("UNDERSIGNED_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer probes /healthz over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Without an SMTP host, messages go to the outbox folder of the data directory (the demo).
EMAIL_HOST = env_str("UNDERSIGNED_EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "UNDERSIGNED_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "undersigned.core.mail.OutboxBackend",
)
EMAIL_PORT = env_int("UNDERSIGNED_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("UNDERSIGNED_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("UNDERSIGNED_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("UNDERSIGNED_EMAIL_TLS", False)
# Seconds the SMTP connection waits on the server (connecting, and for each answer): a server
# that never answers fails the sending task, which is retried later, instead of blocking the
# worker and all mail queued behind it.
EMAIL_TIMEOUT = env_int("UNDERSIGNED_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("UNDERSIGNED_FROM_EMAIL", "undersigned@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The address people reach the site at, for links in e-mails.
SITE_URL = env_str("UNDERSIGNED_SITE_URL", "http://127.0.0.1:8000")

# Days before a signing deadline when organizations that have not signed are reminded.
REMINDER_DAYS = env_int("UNDERSIGNED_REMINDER_DAYS", 3)

# Individual co-signers (docs/cosigners.md): signatures accepted per IP network (/24, /48) and
# per e-mail domain in ten minutes; 0 turns a limit off.
COSIGNERS_PER_NETWORK = env_int("UNDERSIGNED_COSIGNERS_PER_NETWORK", 30)
COSIGNERS_PER_DOMAIN = env_int("UNDERSIGNED_COSIGNERS_PER_DOMAIN", 1000)
# Mail providers that police their own accounts (sign-up checks, abuse desks): a real crowd
# signs from them by the thousand, so the per-domain limit counts each of their addresses on
# its own instead (docs/cosigners.md, "Abuse, without tracking"). Comma-separated domains.
COSIGNERS_POLICED_PROVIDERS = frozenset(
    env_list(
        "UNDERSIGNED_COSIGNERS_POLICED_PROVIDERS",
        [
            *("gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com"),
            *("icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de"),
            *("gmx.net", "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net"),
            *("libero.it", "yandex.ru", "mail.ru", "qq.com", "163.com"),
        ],
    )
)
# Days a confirmation link works; an unconfirmed signature is deleted after them.
COSIGNERS_CONFIRM_DAYS = env_int("UNDERSIGNED_COSIGNERS_CONFIRM_DAYS", 7)
# The proof of work asked before a signature (cosigners/proof.py): the largest secret number;
# a browser tries half of it on average (50,000: about a second on a phone). 0 turns it off.
COSIGNERS_PROOF_OF_WORK = env_int("UNDERSIGNED_COSIGNERS_PROOF_OF_WORK", 50000)
# Receipts (docs/cosigners.md): the worker seals the waiting steps of individual signatures
# into a Merkle batch every this many milliseconds (the shown count follows within about that
# and UNDERSIGNED_PAGE_GENERATION_MS), at most this many leaves to a batch.
COSIGNERS_SEAL_MS = env_int("UNDERSIGNED_COSIGNERS_SEAL_MS", 500)
COSIGNERS_BATCH_LIMIT = env_int("UNDERSIGNED_COSIGNERS_BATCH_LIMIT", 5000)

# /metrics answers a bearer of this token (Prometheus); without one it does not exist.
METRICS_TOKEN = env_str("UNDERSIGNED_METRICS_TOKEN")

# Where `undersigned backup` and `restore` find pg_dump and pg_restore (else the PATH, then the
# newest /usr/lib/postgresql/<version>/bin).
PG_BIN = env_str("UNDERSIGNED_PG_BIN")

# The production server (`undersigned serve`).
SERVER_WORKERS = env_int("UNDERSIGNED_WORKERS", os.cpu_count() or 2)  # one per core
# Threads per worker process. A thread waiting on the database (a write waits for its commit to
# reach the disk) holds neither a core nor Python's lock; while every thread of a process waits
# so, the readers of the cached page wait behind the writers (docs/benchmarks.md, the surge).
# Each thread keeps its own database connection: workers × threads per host.
SERVER_THREADS = env_int("UNDERSIGNED_THREADS", 16)
# How often (milliseconds) a server thread holding Python's lock hands it over when another
# waits (sys.setswitchinterval; Python's default is 5). During a surge the threads answering
# cached pages wait for the lock behind the signing threads; a shorter turn lets them through.
SERVER_SWITCH_INTERVAL_MS = env_int("UNDERSIGNED_SWITCH_INTERVAL_MS", 1)
# How long (milliseconds) a server process trusts the content generation it last read before
# reading it again (core/pagecache.py): a change made in another process reaches this one's
# cached pages within it. One query per process per interval.
PAGE_GENERATION_MS = env_int("UNDERSIGNED_PAGE_GENERATION_MS", 500)
# Threads of a server process that sign or confirm through the lean door at once
# (cosigners/door.py); the others wait their turn without competing for Python's lock with the
# readers of the cached page. 0: no bound.
COSIGNERS_DOOR_CONCURRENCY = env_int("UNDERSIGNED_DOOR_CONCURRENCY", 4)

# Each imported file is parsed in a child process within these budgets (importing/sandbox.py):
# a statement of a few hundred pages needs a fraction of either; a hostile file is stopped.
IMPORT_MEMORY_MB = env_int("UNDERSIGNED_IMPORT_MEMORY_MB", 500)
IMPORT_SECONDS = env_int("UNDERSIGNED_IMPORT_SECONDS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("UNDERSIGNED_LOG_LEVEL", "INFO")},
}
