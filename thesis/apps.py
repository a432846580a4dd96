"""The thesis app, and the admin it runs in."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _


class ThesisConfig(AppConfig):
    name = "thesis"
    verbose_name = _("Thesis archive")

    def ready(self):
        # Derived data follows every save; the kk_icontains lookup (and on SQLite the folding
        # function it calls) is registered wherever the models are used.
        from . import search, signals  # noqa: F401
        from .text import spellcheck

        # Corrections worked out by one process serve every other, and the next after a restart.
        spellcheck.share_corrections(caches["spelling"])


class ArchiveAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the archive's own site as the default one (thesis/admin_site.py)."""

    default = False  # named in INSTALLED_APPS in the admin's place; "thesis" is ThesisConfig
    default_site = "thesis.admin_site.ArchiveAdminSite"
