"""The OAI-PMH endpoint: GET or POST, every verb at one URL, answered by oaipmh's server."""

from django.conf import settings
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .protocol import Server
from .repository import Config, Repository

CONTENT_TYPE = "text/xml; charset=utf-8"


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request):
    # A POST carries its arguments as a form and changes nothing, so it needs no CSRF token.
    arguments = request.POST if request.method == "POST" else request.GET
    server = Server(Repository(config_for(request)))
    return HttpResponse(server.handle(dict(arguments.lists())), content_type=CONTENT_TYPE)


def config_for(request) -> Config:
    """The repository's settings; those left empty are taken from the request's host."""
    namespace = settings.OAI_REPOSITORY_ID or split_domain_port(request.get_host())[0]
    return Config(
        name=settings.OAI_REPOSITORY_NAME,
        base_url=settings.OAI_BASE_URL or request.build_absolute_uri(request.path),
        admin_email=settings.OAI_ADMIN_EMAIL or f"webmaster@{namespace}",
        namespace=namespace,
        site_root=request.build_absolute_uri("/"),
        page_size=settings.OAI_PAGE_SIZE,
        rights=settings.OAI_RIGHTS,
    )
