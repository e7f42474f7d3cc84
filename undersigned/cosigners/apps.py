from django.apps import AppConfig


class CosignersConfig(AppConfig):
    name = "undersigned.cosigners"
    verbose_name = "Individual co-signers"

    def ready(self) -> None:
        # Registered with verify-audit, the daily work of the worker and the mail task (the
        # makers of the links holding a secret).
        from undersigned.cosigners import crosscheck, periodic, services  # noqa: F401
