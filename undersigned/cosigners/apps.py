from django.apps import AppConfig


class CosignersConfig(AppConfig):
    name = "undersigned.cosigners"
    verbose_name = "Individual co-signers"

    def ready(self) -> None:
        # Registered with verify-audit and the daily work of the worker.
        from undersigned.cosigners import crosscheck, periodic  # noqa: F401
