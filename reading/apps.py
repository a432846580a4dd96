"""The public reading site: server-rendered pages over the archive, for readers rather than programs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Reading site")
