from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "undersigned.core"
    label = "core"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from undersigned.core.heads import check_audit_key, sign_unsigned_trail

        post_migrate.connect(sign_unsigned_trail, sender=self)
        checks.register(check_audit_key)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: every write it makes leaves an audit event."""

    default = False
    default_site = "undersigned.core.admin_site.AuditedAdminSite"

    def ready(self) -> None:
        super().ready()  # finds every app's admin module
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        # The task backend's own admin page would show every queued message's recipient and
        # text to the admin; operators read the queue through /healthz, /metrics and the
        # database (docs/operations.md), as before.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
