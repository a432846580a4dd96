"""The synthetic-corpus app: it holds no models, only the generate_corpus command."""

from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "synthetic"
    verbose_name = "Synthetic corpus"
