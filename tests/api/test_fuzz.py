"""Schemathesis generates requests from the OpenAPI document (valid and invalid ones) and sends
them to the application in-process; no answer may be a server error, and every answer must be
the one the document promises (status, content type, schema, headers)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from undersigned.api.openapi import openapi_document

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def app(example):
    """The WSGI application, on the test's own database connection (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def cases() -> list:
    """Every operation with valid input; those with constrained query parameters with invalid
    input too (a bare string in a path has no invalid values)."""
    schema = schemathesis.openapi.from_dict(openapi_document())
    result = []
    for operation in (r.ok() for r in schema.get_all_operations()):
        result.append(pytest.param(operation, GenerationMode.POSITIVE, id=f"{operation.label}"))
        if any(p["in"] == "query" for p in operation.definition.raw.get("parameters", [])):
            result.append(
                pytest.param(operation, GenerationMode.NEGATIVE, id=f"{operation.label} invalid")
            )
    return result


@pytest.mark.parametrize(("operation", "mode"), cases())
def test_no_request_makes_the_api_fail(app, operation, mode):
    strategy = operation.as_strategy(generation_mode=mode)

    @given(case=strategy)
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(app=app, checks=CHECKS)

    check()
