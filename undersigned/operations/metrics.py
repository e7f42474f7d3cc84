"""What /metrics exposes, in Prometheus' text format (version 0.0.4).

Counters of requests and page cache hits come from this host's server processes
(core/counters.py); what is recorded in the database (tasks, e-mails, signatures, the audit
trail, the workers) is read from it, so every host reports the same values for those.
"""

from django.db.models import Count, Max, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from undersigned.core import counters
from undersigned.core.models import AuditEvent
from undersigned.operations.models import WorkerHeartbeat
from undersigned.signatures.models import Signature

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
EMAIL_TASK = "undersigned.core.notifications.send_notification"
# The library's states under the names the series had before it (dashboards keep working).
STATUS_LABELS = {
    TaskResultStatus.READY: "pending",
    TaskResultStatus.RUNNING: "running",
    TaskResultStatus.SUCCESSFUL: "done",
    TaskResultStatus.FAILED: "failed",
}

HELP = {
    "undersigned_http_requests_total": (
        "counter",
        "Requests answered by this host's server processes, by status class.",
    ),
    "undersigned_page_cache_hits_total": (
        "counter",
        "Public pages answered from the page cache, on this host.",
    ),
    "undersigned_page_cache_misses_total": (
        "counter",
        "Public pages the page cache handed to Django, on this host.",
    ),
    "undersigned_tasks": ("gauge", "Background tasks in the queue, by status."),
    "undersigned_tasks_due": ("gauge", "Pending tasks whose time has come."),
    "undersigned_emails_sent_total": (
        "counter",
        "E-mails handed to the mail server (sent e-mail tasks the queue still keeps).",
    ),
    "undersigned_signatures": ("gauge", "Signatures, by state."),
    "undersigned_audit_events_total": ("counter", "Events in the audit trail."),
    "undersigned_worker_last_seen_seconds": (
        "gauge",
        "Seconds since a worker last reported between tasks.",
    ),
}


def _database_series() -> dict[str, float]:
    series: dict[str, float] = {}
    by_status = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by())
    for status, label in STATUS_LABELS.items():
        series[f'undersigned_tasks{{status="{label}"}}'] = by_status.get(status, 0)
    now = timezone.now()
    series["undersigned_tasks_due"] = DBTaskResult.objects.ready().count()
    series["undersigned_emails_sent_total"] = DBTaskResult.objects.filter(
        task_path=EMAIL_TASK, status=TaskResultStatus.SUCCESSFUL
    ).count()
    signatures = Signature.objects.aggregate(
        total=Count("pk"),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
        replaced=Count("pk", filter=Q(withdrawn_at__isnull=True, replaced_at__isnull=False)),
    )
    active = signatures["total"] - signatures["withdrawn"] - signatures["replaced"]
    series['undersigned_signatures{state="active"}'] = active
    series['undersigned_signatures{state="withdrawn"}'] = signatures["withdrawn"]
    series['undersigned_signatures{state="replaced"}'] = signatures["replaced"]
    series["undersigned_audit_events_total"] = AuditEvent.objects.aggregate(n=Max("seq"))["n"] or 0
    seen = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
    if seen is not None:
        series["undersigned_worker_last_seen_seconds"] = round((now - seen).total_seconds(), 3)
    return series


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def render_metrics() -> str:
    """Every series, grouped under its HELP and TYPE lines."""
    series: dict[str, float] = {
        "undersigned_http_requests_total": 0,
        "undersigned_page_cache_hits_total": 0,
        "undersigned_page_cache_misses_total": 0,
    }
    series.update(counters.totals())
    if any(key.startswith("undersigned_http_requests_total{") for key in series):
        del series["undersigned_http_requests_total"]
    series.update(_database_series())
    lines = []
    for name, (kind, text) in HELP.items():
        rows = sorted(key for key in series if key == name or key.startswith(name + "{"))
        if not rows:
            continue
        lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
        lines += [f"{key} {_number(series[key])}" for key in rows]
    return "\n".join(lines) + "\n"
