"""`{% audit_head as head %}`: the current signed head of the audit trail, for the pages and
e-mails that publish it (a statement's record, a signer's receipt)."""

from django import template

from undersigned.core.heads import Head, current_head

register = template.Library()


@register.simple_tag
def audit_head() -> Head | None:
    """The newest signed head; rendered after an event, it covers that event."""
    return current_head()
