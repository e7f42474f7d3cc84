from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "undersigned.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Registers the makers of links holding a secret with the mail task (services.py).
        from undersigned.accounts import services  # noqa: F401
