from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from undersigned.accounts.selectors import unread_notice_count


def notices(request: HttpRequest) -> dict:
    """`unread_notices` for the header, counted only when a page shows it (a signed-in one)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_notice_count(user))}
