"""Routes of the API, one per endpoint of openapi.py, plus the page describing them."""

from django.urls import path, re_path

from undersigned.api import views
from undersigned.api.openapi import ENDPOINTS

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    *(
        path(endpoint.route, views.VIEWS[endpoint.name], name=endpoint.name)
        for endpoint in ENDPOINTS
    ),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
