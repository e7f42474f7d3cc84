from django.urls import path

from undersigned.importing import views

app_name = "importing"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<str:pending_id>/", views.review, name="review"),
    path("<str:pending_id>/cancel/", views.cancel, name="cancel"),
]
