"""The list of signatories as HTML, built in Python: a list of a thousand entries through the
template engine's loop costs most of the page's time."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from undersigned.publishing.document import Document

register = template.Library()


@register.simple_tag
def signatory_items(document: Document) -> SafeString:
    """One <li> per entry: number, abbreviation, own-language name (marked with its language
    where it differs from the text's), translation, and the country where it is shown."""
    items = []
    for entry in document.entries:
        parts = [f'<li value="{entry.position}">']
        if entry.abbreviation:
            parts.append(f'<span class="abbr">{escape(entry.abbreviation)}</span> ')
        lang = entry.name_language
        attribute = f' lang="{escape(lang)}"' if lang and lang != document.language else ""
        parts.append(f'<span class="name"{attribute}>{escape(entry.name)}</span>')
        if entry.translation:
            parts.append(f' <span class="translation">({escape(entry.translation)})</span>')
        if entry.country_label:
            parts.append(f'<span class="country">, {escape(entry.country_label)}</span>')
        parts.append("</li>")
        items.append("".join(parts))
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped
