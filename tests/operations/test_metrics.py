"""/metrics: Prometheus' text format behind a bearer token from the environment."""

import re

import pytest
from django.utils import timezone

from tests.core.test_pagecache import call
from tests.factories import queued_task
from undersigned.operations.metrics import EMAIL_TASK
from undersigned.operations.services import record_heartbeat
from undersigned.wsgi import application

pytestmark = pytest.mark.django_db
TOKEN = "s3cret-scraper-token-0123456789"
SERIES = re.compile(r'^[a-z_]+(\{[a-z_]+="[^"]*"\})? -?[0-9.e+]+$')


def scrape(token: str = TOKEN) -> dict[str, float]:
    status, headers, body = call(application, "/metrics", Authorization=f"Bearer {token}")
    assert status == "200 OK"
    assert headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert "no-store" in headers["Cache-Control"]
    assert "Set-Cookie" not in headers
    values = {}
    for line in body.decode().splitlines():
        if line.startswith("#"):
            assert re.match(r"^# (HELP|TYPE) undersigned_[a-z_]+ ", line), line
            continue
        assert SERIES.match(line), line
        name, value = line.rsplit(" ", 1)
        values[name] = float(value)
    return values


def test_metrics_do_not_exist_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_refuse_a_missing_or_wrong_token(client, settings):
    settings.METRICS_TOKEN = TOKEN
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": TOKEN}):
        response = client.get("/metrics", **headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert TOKEN not in response.content.decode()


def test_metrics_count_requests_cache_hits_tasks_emails_and_signatures(example, settings):
    settings.METRICS_TOKEN = TOKEN
    record_heartbeat(worker="app-1:41", started_at=timezone.now())
    queued_task(EMAIL_TASK, status="SUCCESSFUL")
    queued_task(EMAIL_TASK, status="FAILED")
    queued_task(EMAIL_TASK)
    before = scrape()

    assert call(application, "/statements/ICOR00359/")[0] == "200 OK"  # rendered
    assert call(application, "/statements/ICOR00359/")[0] == "200 OK"  # from the page cache
    assert call(application, "/no-such-page/")[0].startswith("404")
    after = scrape()

    def grew(name: str) -> float:
        return after.get(name, 0) - before.get(name, 0)

    assert grew('undersigned_http_requests_total{code="2xx"}') == 3  # two pages, one scrape
    assert grew('undersigned_http_requests_total{code="4xx"}') == 1
    assert grew("undersigned_page_cache_hits_total") == 1
    assert grew("undersigned_page_cache_misses_total") == 1
    # The e-mail, and the build of the downloads the rendered page asked for.
    assert after['undersigned_tasks{status="pending"}'] == 2
    assert after['undersigned_tasks{status="failed"}'] == 1
    assert after["undersigned_tasks_due"] == 2
    assert after["undersigned_emails_sent_total"] == 1
    assert after['undersigned_signatures{state="active"}'] == 32
    assert after['undersigned_signatures{state="withdrawn"}'] == 0
    assert after["undersigned_audit_events_total"] >= 32
    assert 0 <= after["undersigned_worker_last_seen_seconds"] < 60


def test_metrics_add_up_the_counts_of_every_server_process_of_the_host(settings):
    from undersigned.core import counters

    settings.METRICS_TOKEN = TOKEN
    before = scrape()
    counters.directory().mkdir(exist_ok=True)
    (counters.directory() / "999999-1.json").write_text(
        '{"undersigned_page_cache_hits_total": 40, '
        '"undersigned_http_requests_total{code=\\"5xx\\"}": 2}'
    )
    after = scrape()
    assert (
        after["undersigned_page_cache_hits_total"] - before["undersigned_page_cache_hits_total"]
        == 40
    )
    assert after['undersigned_http_requests_total{code="5xx"}'] == 2 + before.get(
        'undersigned_http_requests_total{code="5xx"}', 0
    )
