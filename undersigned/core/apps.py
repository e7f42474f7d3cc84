from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "undersigned.core"
    label = "core"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from django.contrib import admin

        # The admin speaks of the coalition, not of the software.
        admin.site.site_header = "Secretariat"
        admin.site.site_title = "undersigned"
        admin.site.site_url = "/"
