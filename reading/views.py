"""The reading site's views: each reads what its page shows through thesis.services and renders it."""

from django.views.generic import TemplateView


class ArchiveView(TemplateView):
    """The archive: every thesis, with what it holds, and a search box."""

    template_name = "reading/archive.html"
