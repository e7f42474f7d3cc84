from django.urls import path

from undersigned.publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.statement_list, name="home"),
    path("statements/", views.statement_list, name="statements"),
    path("statements/<str:document_id>/", views.statement_detail, name="statement"),
    path("statements/<str:document_id>/text/", views.statement_text, name="statement_text"),
    path("statements/<str:document_id>/record/", views.statement_record, name="statement_record"),
]
