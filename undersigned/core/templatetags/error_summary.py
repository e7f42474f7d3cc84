from django import template

register = template.Library()


@register.filter
def summary_label(label: object) -> str:
    """A field's label as the error summary writes it before a colon: some labels are whole
    sentences ("I have read this version….") whose own full stop would stand before it."""
    return str(label).rstrip(" .:\u3002\uff1a")
