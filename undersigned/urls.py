from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "undersigned — secretariat"
admin.site.site_title = "undersigned"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("undersigned.publishing.urls")),
]
