from django.urls import path

from undersigned.accounts import secretariat_views

app_name = "secretariat"
urlpatterns = [
    path("statements/<int:statement_id>/", secretariat_views.manage_statement, name="statement"),
    path("requests/", secretariat_views.delegate_requests, name="requests"),
]
