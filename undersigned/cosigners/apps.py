from django.apps import AppConfig


class CosignersConfig(AppConfig):
    name = "undersigned.cosigners"
    verbose_name = "Individual co-signers"
