"""The API's documentation page: drf-spectacular's Swagger UI, served with its start-up script from this service."""

from django.http import HttpResponse
from drf_spectacular.views import SpectacularSwaggerSplitView

from .options import AnyQueryOptions


class SwaggerDocsView(AnyQueryOptions, SpectacularSwaggerSplitView):
    """Swagger UI, its start-up script a file of its own (the content security policy allows no inline
    script), and an OPTIONS that answers instead of failing.

    DRF answers OPTIONS with the view's metadata as data for the view's renderer. Here that renderer is
    TemplateHTMLRenderer, which puts the metadata into the page's template, where the name of the script
    to include is missing: TemplateDoesNotExist, a 500 for anyone. A page has no metadata a client could
    use, so OPTIONS answers as Django's own views do: 200, the Allow header (DRF adds it), no body.
    """

    def options(self, request, *args, **kwargs):
        response = HttpResponse()
        response.headers["Content-Length"] = "0"
        return response
