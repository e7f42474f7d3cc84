from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "undersigned.publishing"
    label = "publishing"

    def ready(self) -> None:
        # Registers the document builds with the task queue, for `undersigned worker`.
        from undersigned.publishing import tasks  # noqa: F401
