"""The project's routes plus the feeds, until the root urlconf routes them itself."""

from django.urls import include, path

from undersigned.urls import urlpatterns as project_urlpatterns

routed = {getattr(p, "namespace", None) for p in project_urlpatterns}
urlpatterns = [*project_urlpatterns]
if "feeds" not in routed:
    urlpatterns.insert(0, path("feeds/", include("undersigned.api.feed_urls")))
