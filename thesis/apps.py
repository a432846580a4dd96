"""The thesis app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesisConfig(AppConfig):
    name = "thesis"
    verbose_name = _("Thesis archive")

    def ready(self):
        from . import signals  # noqa: F401
