"""Checking answers against the schemas of the API's own OpenAPI document."""

import json
from functools import cache

import jsonschema_rs

from undersigned.api.openapi import ENDPOINTS_BY_NAME, openapi_document


@cache
def validator(schema_name: str) -> jsonschema_rs.Validator:
    document = openapi_document()
    return jsonschema_rs.validator_for(
        {
            "$schema": document["jsonSchemaDialect"],
            "components": document["components"],
            "$ref": f"#/components/schemas/{schema_name}",
        },
        validate_formats=True,
    )


def schema_errors(schema_name: str, instance: object) -> list[str]:
    return [f"{e.instance_path}: {e.message}" for e in validator(schema_name).iter_errors(instance)]


def assert_answer(response, endpoint: str, status: int = 200) -> dict:
    """The response's status, content type and body are those the document promises for this
    endpoint; returns the body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content.decode("utf-8"))
    operation = openapi_document()["paths"][ENDPOINTS_BY_NAME[endpoint].path]["get"]
    schema_ref = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    assert schema_errors(schema_ref["$ref"].rsplit("/", 1)[1], body) == []
    return body
