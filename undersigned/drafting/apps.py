from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "undersigned.drafting"
    label = "drafting"
