from django.urls import path

app_name = "importing"
urlpatterns: list = []
