"""JSON: the document's content with its signatories and their positions."""

import json

from undersigned.publishing.values import Document


def document_data(document: Document) -> dict:
    return {
        "document_id": document.document_id,
        "kind": document.kind,
        "language": document.language,
        "version": document.version_label,
        "content_hash": document.content_hash,
        "title": document.title,
        "short_title": document.short_title,
        "body": "\n\n".join([*document.blocks, *document.slogans]),
        "as_of": document.as_of.isoformat() if document.as_of else None,
        "open_for_signatures": document.open_for_signatures,
        "signatories_heading": document.heading,
        "signatories": [
            {
                "position": entry.position,
                "abbreviation": entry.abbreviation,
                "name": entry.name,
                "name_language": entry.name_language or None,
                "translation": entry.translation or None,
                "country": entry.country or None,  # none for an international organization
                "country_shown": entry.country_label or None,
                "continent": entry.continent,
                "signed_at": entry.signed_at.isoformat(),
            }
            for entry in document.entries
        ],
        "individuals": people_data(document),
    }


def people_data(document: Document) -> dict | None:
    people = document.people
    if people is None:
        return None
    return {
        "heading": people.heading or None,
        "names": list(people.names),
        "count": people.count,
        "more": people.rest or None,
    }


def render_json(document: Document) -> str:
    return json.dumps(document_data(document), ensure_ascii=False, indent=2) + "\n"
