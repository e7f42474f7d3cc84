from django.urls import path, re_path

from undersigned.publishing import views

# A language code ("de", "pt-BR"), so it never takes the place of "text", "record" or "diff".
LANGUAGE = r"(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"

app_name = "publishing"
urlpatterns = [
    path("", views.statement_list, name="home"),
    path("statements/", views.statement_list, name="statements"),
    path("audit/key/", views.audit_key, name="audit_key"),
    path("audit/head/", views.audit_head, name="audit_head"),
    path("statements/<str:document_id>/", views.statement_detail, name="statement"),
    path("statements/<str:document_id>/text/", views.statement_text, name="statement_text"),
    path("statements/<str:document_id>/record/", views.statement_record, name="statement_record"),
    re_path(
        r"^statements/(?P<document_id>[^/]+)/diff/(?P<old>\d{1,3}\.\d{1,3})/(?P<new>\d{1,3}\.\d{1,3})/$",
        views.statement_diff,
        name="statement_diff",
    ),
    re_path(
        rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/$",
        views.statement_in_language,
        name="statement_language",
    ),
    re_path(
        rf"^statements/(?P<document_id>[^/]+)/{LANGUAGE}/download/(?P<kind>[a-z0-9]+)/$",
        views.statement_download,
        name="statement_download",
    ),
]
