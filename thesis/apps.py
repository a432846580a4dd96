"""The thesis app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesisConfig(AppConfig):
    name = "thesis"
    verbose_name = _("Thesis archive")

    def ready(self):
        # Derived data follows every save; the kk_icontains lookup (and on SQLite the folding
        # function it calls) is registered wherever the models are used.
        from . import search, signals  # noqa: F401
