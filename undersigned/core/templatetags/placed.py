"""Messages shown where the form that caused them is, not at the top of a long page.

A view gives a message a place (`extra_tags=place("individuals")`) and redirects to that
section's anchor; the section shows its messages (`messages|placed:"individuals"`), and the
top of the page every message that has no place (`messages|placed`). Otherwise a person who
saved a form at the foot of a page is brought back to the section with its message out of
sight, or to the top, away from what they were doing."""

from collections.abc import Iterable

from django import template
from django.contrib.messages.storage.base import Message

register = template.Library()

PREFIX = "place-"


def place(name: str) -> str:
    """The message's extra tag that shows it in the section `name`."""
    return f"{PREFIX}{name}"


def _places(message: Message) -> set[str]:
    tags = (message.extra_tags or "").split()
    return {tag.removeprefix(PREFIX) for tag in tags if tag.startswith(PREFIX)}


@register.filter
def placed(messages: Iterable[Message] | None, name: str = "") -> list[Message]:
    """The messages shown in the section `name`; without a name, those that have no place."""
    return [m for m in messages or () if (name in _places(m) if name else not _places(m))]
