from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "undersigned.publishing"
    label = "publishing"
