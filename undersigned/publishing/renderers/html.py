"""HTML: the statement as a self-contained page (the public page without the site around it),
for archiving or mailing; the stylesheet is embedded."""

from html import escape

from django.contrib.staticfiles import finders

from undersigned.core.text import markdown_to_html
from undersigned.publishing.templatetags.signatories import signatory_items
from undersigned.publishing.values import Document

PARAGRAPH_BREAK = "\n\n"


def _people(document: Document) -> str:
    people = document.people
    parts = ['<section class="individuals">']
    if people.heading:
        names = "".join(f"<li>{escape(name)}</li>" for name in people.names)
        parts += [f"<h2>{escape(people.heading)}</h2>", f'<ul class="people">{names}</ul>']
    if people.rest:
        parts.append(f'<p class="individuals-count">{escape(people.rest)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(document: Document) -> str:
    stylesheet = finders.find("undersigned/site.css")
    css = open(stylesheet, encoding="utf-8").read() if stylesheet else ""  # noqa: SIM115
    slogans = "".join(markdown_to_html(block) for block in document.slogans)
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(document.language)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f'<meta name="author" content="{escape(document.coalition_name)}">',
        f"<style>{css}</style></head>",
        '<body><main id="main"><article class="statement">',
        f'<p class="meta"><span class="docid">{escape(document.document_id)}</span> · '
        f"ver {escape(document.version_label)} · {escape(document.language.upper())}</p>",
        f"<h1>{escape(document.title)}</h1>",
        f'<div class="body">{markdown_to_html(PARAGRAPH_BREAK.join(document.blocks))}</div>',
    ]
    if slogans:
        parts.append(f'<div class="slogans">{slogans}</div>')
    if document.entries:
        parts += [
            '<section class="signatories">',
            f"<h2>{escape(document.heading)}</h2>",
            f'<ol class="entries">{signatory_items(document)}</ol>',
            "</section>",
        ]
    if document.people:
        parts.append(_people(document))
    parts += [
        f'<footer class="downloads"><p>{escape(document.base_name)} · SHA-256 '
        f"<code>{escape(document.content_hash)}</code></p></footer>",
        "</article></main></body></html>",
    ]
    return "\n".join(parts) + "\n"
