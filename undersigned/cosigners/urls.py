from django.urls import path, re_path

from undersigned.cosigners import views

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
]
