"""A statement's state as a word of the reader's language, for events that store its code."""

from django import template

from undersigned.statements.models import State

register = template.Library()


@register.filter
def state_word(code: str) -> str:
    """`"open"` → "open for signing", in the reader's language; an unknown code stays."""
    try:
        return State(code).label
    except ValueError:
        return code
