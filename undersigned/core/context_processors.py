from django.http import HttpRequest

from undersigned.core.models import Coalition


def coalition(request: HttpRequest) -> dict:
    return {"coalition": Coalition.load()}
