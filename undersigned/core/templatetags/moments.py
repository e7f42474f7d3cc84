from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

register = template.Library()


@register.filter
def written_moment(value: str | datetime) -> str:
    """A moment as a person reads it in the active language ("1 décembre 2026 05:16 UTC").

    E-mails are rendered by the worker from their task's JSON arguments, where a moment travels
    as ISO 8601 text; this turns it back into a date in the reader's words and the site's zone.
    """
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    moment = timezone.localtime(moment)
    return f"{formats.date_format(moment, 'DATETIME_FORMAT')} {moment.tzname()}"
