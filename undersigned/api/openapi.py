"""The API's description: one `Endpoint` per operation, from which come the URL routes
(urls.py), the OpenAPI 3.1 document (/api/v1/openapi.json), the human-readable page
(/api/v1/) and the limits the views enforce. Change an endpoint here and all four follow.
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from undersigned.api.examples import EXAMPLES
from undersigned.core.countries import CONTINENTS, country_data
from undersigned.statements.models import PUBLIC_STATES, Kind

API_VERSION = "1.0.0"
BASE_PATH = "/api/v1"
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


# --- JSON Schema building blocks -------------------------------------------------------------


def obj(description: str, optional: tuple[str, ...] = (), **properties: dict) -> dict:
    """A closed object: every property listed, each required unless named in `optional`."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


def nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: dict, description: str = "") -> dict:
    schema = {"type": "array", "items": items}
    return {**schema, "description": description} if description else schema


def string(description: str, **extra: Any) -> dict:
    return {"type": "string", "description": description, **extra}


def integer(description: str, **extra: Any) -> dict:
    return {"type": "integer", "description": description, **extra}


URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
HASH = string("SHA-256 of language, title and body.", pattern="^[0-9a-f]{64}$")
LABEL = string("Version label major.minor, e.g. 05.01.", pattern=r"^\d{2,3}\.\d{2,3}$")


@cache
def country_codes() -> list[str]:
    return sorted(country_data().continents)


def country_schema(description: str) -> dict:
    return string(description, enum=country_codes())


CONTINENT = string(
    "Continent as the coalition groups it (UN M49 with the coalition's overrides).",
    enum=list(CONTINENTS),
)


def page_of(item: str, description: str) -> dict:
    return obj(
        description,
        count=integer("Number of items on all pages.", minimum=0),
        page=integer("This page's number, from 1.", minimum=1),
        page_size=integer("Items per page.", minimum=1, maximum=MAX_PAGE_SIZE),
        pages=integer("Number of pages (0 when there are no items).", minimum=0),
        next=nullable({**URL, "description": "The next page, null on the last."}),
        previous=nullable({**URL, "description": "The previous page, null on the first."}),
        results=array(ref(item)),
    )


VERSION_FIELDS = {
    "label": LABEL,
    "language": string("BCP 47 language tag of the text."),
    "title": string("Title."),
    "short_title": string("Short title, used in file names and page footers."),
    "content_hash": HASH,
    "source_label": nullable(string("For a translation: the label of the version it translates.")),
    "source_language": nullable(string("For a translation: the language of its source.")),
    "created_at": DATETIME,
    "current": {"type": "boolean", "description": "The newest version in its language."},
}

SIGNATORY_FIELDS = {
    "position": integer("Number in the printed list.", minimum=1),
    "abbreviation": string("The organization's abbreviation."),
    "name": string("Name in the organization's own language."),
    "name_language": nullable(string("Language of the name (BCP 47).")),
    "translation": nullable(string("The name in the text's language (else English).")),
    "country": nullable(
        string("ISO 3166-1 alpha-2 code; null for an international organization (no one country).")
    ),
    "country_shown": nullable(
        string("The country as printed after the names; null where the names already say it.")
    ),
    "continent": nullable(CONTINENT),
    "signed_at": DATETIME,
    "organization_id": integer("Id of the organization (see /organizations/).", minimum=1),
}

STATEMENT_LINKS = obj(
    "Where to find the statement.",
    self=URL,
    html=URL,
    versions=URL,
    translations=URL,
    signatories=URL,
    signatories_feed=nullable(URL),
)

SCHEMAS: dict[str, dict] = {
    "Error": obj("An error.", error=string("What went wrong, for a human.")),
    "StatementLinks": STATEMENT_LINKS,
    "StatementSummary": obj(
        "A published statement in a list.",
        document_id=string("Document number, e.g. ICOR00359."),
        kind=string("Kind of statement.", enum=list(Kind.values)),
        state=string("published, or closed for signatures.", enum=list(PUBLIC_STATES)),
        title=string("Title of the current version in the original language."),
        language=string("Original language."),
        published_at=nullable(DATETIME),
        signatory_count=integer("Organizations on the list of signatories.", minimum=0),
        links=ref("StatementLinks"),
    ),
    "StatementPage": page_of("StatementSummary", "A page of published statements."),
    "VersionSummary": obj("A version of the text.", **VERSION_FIELDS),
    "Version": obj(
        "A version of the text, with its body.",
        **VERSION_FIELDS,
        body=string("The text in Markdown, without the list of signatories."),
    ),
    "VersionList": obj(
        "Versions of a statement.",
        document_id=string("Document number."),
        count=integer("Number of versions.", minimum=0),
        results=array(ref("Version")),
    ),
    "Signatory": obj("An entry of the list of signatories.", **SIGNATORY_FIELDS),
    "SignatoryList": obj(
        "The list of signatories (of the current version in the original language), with the "
        "positions of the printed list; filters select entries but keep their positions.",
        document_id=string("Document number."),
        version=LABEL,
        language=string("Language of the names' translations: the original language."),
        as_of=nullable({**DATE, "description": "Date of the latest signature."}),
        total=integer("Entries on the whole list.", minimum=0),
        count=integer("Entries selected by the filters.", minimum=0),
        results=array(ref("Signatory")),
    ),
    "Statement": obj(
        "A published statement: its current text in the original language, its versions and "
        "translations, and its signatories.",
        document_id=string("Document number, e.g. ICOR00359."),
        kind=string("Kind of statement.", enum=list(Kind.values)),
        state=string("published, or closed for signatures.", enum=list(PUBLIC_STATES)),
        language=string("Original language."),
        version=LABEL,
        content_hash=HASH,
        title=string("Title."),
        short_title=string("Short title."),
        body=string("The text in Markdown, without the list of signatories."),
        published_at=nullable(DATETIME),
        signing_deadline=nullable(DATETIME),
        further_signatories_possible={"type": "boolean"},
        open_for_signatures={
            "type": "boolean",
            "description": "Whether organizations can still sign.",
        },
        as_of=nullable({**DATE, "description": "Date of the latest signature."}),
        signatories_heading=string("The heading printed above the list, in the text's language."),
        signatory_count=integer("Entries on the list of signatories.", minimum=0),
        signatories=array(ref("Signatory")),
        versions=array(ref("VersionSummary"), "Versions in the original language, oldest first."),
        translations=array(ref("VersionSummary"), "Versions in other languages."),
        links=ref("StatementLinks"),
    ),
    "Organization": obj(
        "An organization that signed a published statement.",
        id=integer("Id, stable.", minimum=1),
        abbreviation=string("Abbreviation."),
        name=string("Name in its own language."),
        name_language=nullable(string("Language of the name (BCP 47).")),
        translations={
            "type": "object",
            "description": "The name in other languages, by language.",
            "additionalProperties": {"type": "string"},
        },
        country=nullable(
            string(
                "ISO 3166-1 alpha-2 code; null for an international organization (no one country)."
            )
        ),
        continent=nullable(CONTINENT),
        website=nullable(URL),
    ),
    "OrganizationPage": page_of("Organization", "A page of organizations."),
    "OpenAPI": {"type": "object", "description": "This document."},
}


# --- Parameters ------------------------------------------------------------------------------


def parameter(name: str, where: str, schema: dict, description: str, **extra: Any) -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
        **extra,
    }


DOCUMENT_ID = parameter(
    "document_id", "path", {"type": "string"}, "Document number.", example="ICOR00359"
)
PAGE = parameter("page", "query", {"type": "integer", "minimum": 1, "default": 1}, "Page number.")
PAGE_SIZE = parameter(
    "page_size",
    "query",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    f"Items per page, at most {MAX_PAGE_SIZE}.",
)


def country_parameter(what: str) -> dict:
    return parameter(
        "country",
        "query",
        {"type": "string", "enum": country_codes()},
        f"Only {what} of this country (ISO 3166-1 alpha-2, upper case).",
        example="DE",
    )


def continent_parameter(what: str) -> dict:
    return parameter(
        "continent",
        "query",
        {"type": "string", "enum": list(CONTINENTS)},
        f"Only {what} of this continent, as the coalition groups them.",
        example="oceania",
    )


SINCE = parameter(
    "since",
    "query",
    {"type": "string", "format": "date"},
    "Only organizations that signed on or after this date (YYYY-MM-DD, the installation's time "
    "zone).",
    example="2020-09-21",
)
# Conditional requests: every response carries ETag and Last-Modified.
CONDITIONAL = (
    parameter(
        "If-None-Match", "header", {"type": "string"}, "An ETag you have; 304 if it still holds."
    ),
    parameter(
        "If-Modified-Since",
        "header",
        {"type": "string"},
        "An HTTP date; 304 if nothing changed since.",
    ),
)


# --- Endpoints -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name in the "api" namespace, and the operationId
    path: str  # below BASE_PATH, in OpenAPI's template syntax
    summary: str
    description: str
    response: str  # a schema in SCHEMAS
    parameters: tuple[dict, ...] = ()
    example_request: str = ""  # below BASE_PATH
    tags: tuple[str, ...] = ()
    errors: tuple[int, ...] = ()

    @property
    def example_response(self) -> Any:
        return EXAMPLES.get(self.name)

    @property
    def route(self) -> str:
        """The Django route: /statements/{document_id}/ → statements/<str:document_id>/."""
        return re.sub(r"\{(\w+)\}", r"<str:\1>", self.path.lstrip("/"))

    def operation(self) -> dict:
        responses: dict[str, dict] = {
            "200": {
                "description": SCHEMAS[self.response]["description"],
                "headers": RESPONSE_HEADERS,
                "content": {"application/json": {"schema": ref(self.response)}},
            },
            "304": {"description": "Not modified since the ETag or date you sent."},
        }
        if self.example_response is not None:
            responses["200"]["content"]["application/json"]["example"] = self.example_response
        for status in self.errors:
            responses[str(status)] = {
                "description": ERROR_DESCRIPTIONS[status],
                "content": {"application/json": {"schema": ref("Error")}},
            }
        return {
            "operationId": self.name,
            "summary": self.summary,
            "description": self.description,
            "tags": list(self.tags),
            "parameters": [*self.parameters, *CONDITIONAL],
            "responses": responses,
        }


RESPONSE_HEADERS = {
    "ETag": {"description": "Validator of this response.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "Time of the latest change.", "schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {
        "description": "Always *: the data is public.",
        "schema": {"type": "string", "const": "*"},
    },
}
ERROR_DESCRIPTIONS = {
    400: "A parameter is not valid; the message says which.",
    404: "No published statement with this number.",
}


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        name="statements",
        path="/statements/",
        summary="Published statements",
        description="Published and closed statements, newest first, a page at a time.",
        response="StatementPage",
        parameters=(PAGE, PAGE_SIZE),
        example_request="/statements/?page_size=10",
        tags=("statements",),
        errors=(400,),
    ),
    Endpoint(
        name="statement",
        path="/statements/{document_id}/",
        summary="One statement",
        description="The current text in the original language, the list of its versions and "
        "translations, and its signatories as printed.",
        response="Statement",
        parameters=(DOCUMENT_ID,),
        example_request="/statements/ICOR00359/",
        tags=("statements",),
        errors=(404,),
    ),
    Endpoint(
        name="versions",
        path="/statements/{document_id}/versions/",
        summary="Versions of a statement",
        description="Every version in the original language, oldest first, with its text. A new "
        "major version is a change of substance (signatures were reconfirmed), a minor one "
        "editorial.",
        response="VersionList",
        parameters=(DOCUMENT_ID,),
        example_request="/statements/ICOR00359/versions/",
        tags=("statements",),
        errors=(404,),
    ),
    Endpoint(
        name="translations",
        path="/statements/{document_id}/translations/",
        summary="Translations of a statement",
        description="Versions in other languages than the original, by language and label, each "
        "naming the version it translates.",
        response="VersionList",
        parameters=(DOCUMENT_ID,),
        example_request="/statements/ICOR00359/translations/",
        tags=("statements",),
        errors=(404,),
    ),
    Endpoint(
        name="signatories",
        path="/statements/{document_id}/signatories/",
        summary="Signatories of a statement",
        description="The list of signatories exactly as printed: grouped by continent, ordered "
        "by the coalition's rules, numbered. Filters select entries and keep their numbers.",
        response="SignatoryList",
        parameters=(
            DOCUMENT_ID,
            country_parameter("signatories"),
            continent_parameter("signatories"),
            SINCE,
        ),
        example_request="/statements/ICOR00359/signatories/?country=DE",
        tags=("statements",),
        errors=(400, 404),
    ),
    Endpoint(
        name="organizations",
        path="/organizations/",
        summary="Organizations",
        description="Organizations on the list of signatories of at least one published "
        "statement, by abbreviation.",
        response="OrganizationPage",
        parameters=(
            country_parameter("organizations"),
            continent_parameter("organizations"),
            PAGE,
            PAGE_SIZE,
        ),
        example_request="/organizations/?country=DE",
        tags=("organizations",),
        errors=(400,),
    ),
    Endpoint(
        name="openapi",
        path="/openapi.json",
        summary="This description",
        description="The OpenAPI 3.1 description of this API.",
        response="OpenAPI",
        example_request="/openapi.json",
        tags=("meta",),
    ),
)

ENDPOINTS_BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}


@cache
def openapi_document() -> dict:
    """The OpenAPI 3.1 document; the same for every request (the server is relative)."""
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "undersigned public API",
            "version": API_VERSION,
            "summary": "Read-only access to published joint statements and their signatories.",
            "description": "JSON in UTF-8. Only published and closed statements are visible. "
            "Every response carries ETag and Last-Modified; send If-None-Match or "
            "If-Modified-Since to get 304 Not Modified. CORS is open (public data). Errors are "
            '{"error": "message"} with status 400 or 404.',
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "servers": [{"url": BASE_PATH}],
        "tags": [
            {"name": "statements", "description": "Published statements and their signatories."},
            {"name": "organizations", "description": "Organizations that signed."},
            {"name": "meta", "description": "About the API."},
        ],
        "paths": {endpoint.path: {"get": endpoint.operation()} for endpoint in ENDPOINTS},
        "components": {"schemas": SCHEMAS},
    }
