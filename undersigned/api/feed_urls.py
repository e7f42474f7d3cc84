"""The Atom feeds, routed by the root urlconf at /feeds/ (namespace "feeds")."""

from django.urls import path

from undersigned.api.feeds import SignatoriesFeed, StatementsFeed

app_name = "feeds"
urlpatterns = [
    path("statements/", StatementsFeed(), name="statements"),
    path("statements/<str:document_id>/signatories/", SignatoriesFeed(), name="signatories"),
]
