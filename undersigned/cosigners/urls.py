from django.urls import path, re_path

from undersigned.cosigners import moderation_views, views

LANGUAGE = r"(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"

app_name = "cosigners"
urlpatterns = [
    re_path(rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/sign/$", views.sign, name="sign"),
    re_path(rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/sign/sent/$", views.sent, name="sent"),
    re_path(
        rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/people/$", views.people, name="people"
    ),
    re_path(
        rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/people/(?P<page>[1-9][0-9]{{0,6}})/$",
        views.people,
        name="people_page",
    ),
    path("people/challenge/", views.challenge, name="challenge"),
    path("people/confirm/<str:token>/", views.confirm, name="confirm"),
    path("people/receipt/<str:token>/", views.receipt, name="receipt"),
    path("people/receipt/<str:token>/receipt.json", views.receipt_json, name="receipt_json"),
    re_path(r"^statements/(?P<document_id>[^/]+)/individuals/log\.json$", views.log, name="log"),
    path(
        "secretariat/statements/<int:statement_id>/individuals/",
        views.set_opening,
        name="set_opening",
    ),
    path(
        "secretariat/statements/<int:statement_id>/individuals/list/",
        views.set_people_list,
        name="set_people_list",
    ),
    path(
        "secretariat/statements/<int:statement_id>/individuals.csv",
        views.export,
        name="export",
    ),
    # Moderation (moderation_views.py).
    path(
        "secretariat/statements/<int:statement_id>/individuals/trends/",
        moderation_views.trends,
        name="moderation_trends",
    ),
    path(
        "secretariat/statements/<int:statement_id>/individuals/signatures/",
        moderation_views.signatures,
        name="moderation_signatures",
    ),
    path(
        "secretariat/statements/<int:statement_id>/individuals/invalidate/",
        moderation_views.invalidate,
        name="moderation_invalidate",
    ),
]
