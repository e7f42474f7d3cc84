"""A statement named in its reader's language, for the lists of statements inside the site."""

from django import template

from undersigned.statements.models import Statement, Version

register = template.Library()


@register.filter
def read_in(statement: Statement, language: str) -> Version | None:
    """The newest version in `language` (the reader's interface language) where the statement
    has a text in it, else the newest of the original; None before any text."""
    return statement.version_for_reader(language)
