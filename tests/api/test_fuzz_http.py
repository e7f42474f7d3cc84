"""Schemathesis over real HTTP: requests generated from the OpenAPI document (valid ones, and
invalid ones where a query parameter has constraints) go through a socket to a live server
running the site's WSGI application — every middleware, CSRF and the page cache included, which
the in-process run (test_fuzz.py) passes by. No answer may be a server error, and every answer
must be the one the document promises. Bounded: a fixed number of cases per operation, so the
whole run stays well under a minute on two cores."""

import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.test_fuzz import CHECKS
from undersigned.api.openapi import BASE_PATH, openapi_document

CASES_PER_OPERATION = 15
BUDGET_SECONDS = 60


def operations() -> list[tuple[object, GenerationMode]]:
    schema = schemathesis.openapi.from_dict(openapi_document())
    result = []
    for operation in (r.ok() for r in schema.get_all_operations()):
        result.append((operation, GenerationMode.POSITIVE))
        if any(p["in"] == "query" for p in operation.definition.raw.get("parameters", [])):
            result.append((operation, GenerationMode.NEGATIVE))
    return result


def fuzz(operation, mode, *, base_url: str, session: requests.Session, sent) -> None:
    """Send the operation's generated cases to the server; the first failing one raises, with
    the request that reproduces it."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(base_url=base_url, session=session, checks=CHECKS, timeout=30)
        sent()

    check()


@pytest.mark.django_db(transaction=True)
def test_no_request_over_http_makes_the_api_fail(live_server, example):
    base_url = live_server.url + BASE_PATH
    session = requests.Session()
    calls: dict[str, int] = {}
    started = time.monotonic()

    for operation, mode in operations():
        name = f"{operation.label} ({mode.value})"
        calls[name] = 0

        def sent(name: str = name) -> None:
            calls[name] += 1

        fuzz(operation, mode, base_url=base_url, session=session, sent=sent)

    elapsed = time.monotonic() - started
    assert all(count >= 1 for count in calls.values()), calls
    assert len(calls) >= 7  # every operation of the document
    assert elapsed < BUDGET_SECONDS, f"{sum(calls.values())} requests took {elapsed:.0f} s"
