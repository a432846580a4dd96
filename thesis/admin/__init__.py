"""The editorial admin: passages, sections, sources, people, events, suspects and find-and-replace."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import passages, records, theses  # noqa: F401  (each registers its model admins)

admin.site.site_header = _("Thesis archive: editorial desk")
admin.site.site_title = _("Thesis archive")
admin.site.index_title = _("Texts, sources, people and events")
