"""The harvesting app: the archive as an OAI-PMH 2.0 repository."""

from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "harvest"
    verbose_name = "OAI-PMH"
