from django.apps import AppConfig


class CosignersConfig(AppConfig):
    name = "undersigned.cosigners"
    verbose_name = "Individual co-signers"

    def ready(self) -> None:
        from undersigned.cosigners import crosscheck  # noqa: F401 - registers with verify-audit
