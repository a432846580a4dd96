"""Every method on every URL of the project, for the anonymous, an editor and an administrator: never a
server error, and HEAD answered as GET is, without the body."""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize

from thesis.models import Thesis

from .reliability import report

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "editor", "superuser")
PAGE_METHODS = ("get", "head", "options")
API_METHODS = (*PAGE_METHODS, "post", "put", "patch", "delete")
WRITE_BODY = {"data": {"text": "x", "title": "x"}, "content_type": "application/json"}
# No record has this id; digits, so that an <int:…> converter still routes it to the view.
UNKNOWN = "987654321"
# An id that is no number: only the views whose patterns take any text see it.
MALFORMED = "not-an-id"
# Parameters that are not record ids, with a value that reaches their view (a passage's page is
# numbered by its order in the thesis, from 0; a sitemap's page by its section's name).
FIXED = {"app_label": "thesis", "url": "no-such-page/", "n": "0", "section": "passages"}
# simple_history's ^([^/]+)/history/([^/]+)/$ names no groups: a record's id, then one of its versions.
HISTORY_VERSION = "_1"
# Patterns the walk must reach: a URLconf it failed to walk must not pass for one without errors.
MUST_COVER = {
    "admin:index",
    "admin:login",
    "admin:thesis_passage_change",
    "admin:thesis_passage_simple_history",
    "admin:thesis_thesis_suspects",
    "admin:thesis_thesis_review",
    "admin:thesis_thesis_import",
    "admin:thesis_thesis_download",
    "admin:thesis_thesis_backup",
    "admin:thesis_replacebatch_undo",
    "admin:view_on_site",
    "api:root",
    "api:schema",
    "api:docs",
    "api:thesis-text",
    "api:thesis-sources-csl",
    "api:thesis-tei",
    "api:passage-detail",
    "api:timelineevent-timelinejs",
    "set_language",
    "reading:archive",
    "reading:thesis",
    "reading:passage",
    "reading:search",
    "reading:people",
    "reading:person",
    "reading:source",
    "reading:timeline",
    "reading:about",
    "reading:robots",
    "reading:sitemap",
    "reading:sitemap-section",
}
TOTALS = Counter()
# Query parameters no page or list can honour, each sent alone to every page of the reading site and
# the API: a NUL, which PostgreSQL cannot compare, and an id past the 64-bit keys, which SQLite cannot.
OVERFLOW = str(2**63)
ID_PARAMETERS = ("thesis", "section", "source", "person", "parent", "cites", "author", "number", "version")
BAD_QUERIES = ("q=a%00b", "q=%00", *(f"{name}={OVERFLOW}" for name in ID_PARAMETERS))


@dataclass(frozen=True)
class Endpoint:
    """One URL pattern: its full name, its URL with %(parameter)s for each parameter, and its view."""

    name: str
    template: str
    parameters: tuple[str, ...]
    view: Callable

    @property
    def in_api(self) -> bool:
        return self.name.startswith("api:")


def walk(resolver: URLResolver, prefix: str = "/", parameters: tuple = (), namespace: str = "") -> Iterator[Endpoint]:
    for entry in resolver.url_patterns:
        template, names = normalize(entry.pattern.regex.pattern)[0]
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + template, (*parameters, *names), inner)
        else:
            yield Endpoint(namespace + (entry.name or ""), prefix + template, (*parameters, *names), entry.callback)


def owner_model(view):
    """The model whose ids a view's URL holds: its DRF view's queryset's, its ModelAdmin's, or the
    `model` of a reading-site page."""
    if getattr(getattr(view, "view_class", None), "model", None) is not None:
        return view.view_class.model
    if hasattr(view, "cls"):
        queryset = getattr(view.cls, "queryset", None)
        return None if queryset is None else queryset.model
    # ModelAdmin.get_urls marks its views; the views a ModelAdmin adds are its bound methods, wrapped.
    model_admin = getattr(view, "model_admin", None) or getattr(getattr(view, "__wrapped__", None), "__self__", None)
    return getattr(model_admin, "model", None)


def real_value(name: str, model) -> str:
    if name in FIXED:
        return FIXED[name]
    assert model is not None, f"no model to take a real {name} from"
    record = model._default_manager.order_by("pk").first()
    assert record is not None, f"no {model.__name__} to take a real {name} from: add one to the `records` fixture"
    if name == HISTORY_VERSION:
        return str(record.history.order_by("history_id").first().history_id)
    return str(record.pk)


def real_arguments(endpoint: Endpoint) -> dict[str, str]:
    if endpoint.name == "admin:view_on_site":
        thesis = Thesis.objects.get()
        return {"content_type_id": str(ContentType.objects.get_for_model(Thesis).pk), "object_id": str(thesis.pk)}
    model = owner_model(endpoint.view)
    return {name: real_value(name, model) for name in endpoint.parameters}


def routes_to(endpoint: Endpoint, url: str) -> bool:
    try:
        return resolve(url).func is endpoint.view
    except Resolver404:
        return False


def urls_of(endpoint: Endpoint) -> list[str]:
    """The endpoint's URL with real ids, then with an unknown and a malformed one where its pattern takes them."""
    real = real_arguments(endpoint)
    urls = [endpoint.template % real]
    assert routes_to(endpoint, urls[0]), f"{urls[0]} does not reach {endpoint.name or endpoint.template}"
    for stand_in in (UNKNOWN, MALFORMED):
        url = endpoint.template % {name: FIXED.get(name, stand_in) for name in real}
        if url not in urls and routes_to(endpoint, url):
            urls.append(url)
    return urls


def request(client: Client, method: str, url: str):
    TOTALS[method] += 1
    options = WRITE_BODY if method in ("post", "put", "patch", "delete") else {}
    return getattr(client, method)(url, **options)


def head_problems(url: str, get, head, in_api: bool) -> Iterator[str]:
    if head.status_code != get.status_code:
        yield f"HEAD {url}: {head.status_code}, but GET {get.status_code}"
    # The test client drops a HEAD response's body as gunicorn and runserver do (RFC 9110, 9.3.2); the status
    # and the length are the application's to get right.
    # A download (the backup) is streamed; its HEAD is a stream of nothing.
    body = b"".join(head.streaming_content) if head.streaming else head.content
    if body:
        yield f"HEAD {url}: a body of {len(body)} bytes"
    # An admin page varies between two renderings (the messages it shows once); the API's JSON does not.
    length = head.get("Content-Length")
    if in_api and length is not None and int(length) != len(get.content):
        yield f"HEAD {url}: Content-Length {length}, but GET's body is {len(get.content)} bytes"


def problems_of(client: Client, url: str, in_api: bool) -> Iterator[str]:
    responses = {method: request(client, method, url) for method in (API_METHODS if in_api else PAGE_METHODS)}
    for method, response in responses.items():
        if response.status_code >= 500:
            yield f"{method.upper()} {url}: {response.status_code}"
    yield from head_problems(url, responses["get"], responses["head"], in_api)
    options = responses["options"]
    if in_api and (options.status_code != 200 or not options.has_header("Allow")):
        yield f"OPTIONS {url}: {options.status_code}, Allow {options.get('Allow')!r}"


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_method_on_every_url_answers_without_a_server_error(visitor, records, settings):
    settings.API_ANON_RATE = "off"  # the anonymous make hundreds of requests; throttling has its own tests
    client = Client(raise_request_exception=False)
    if records[visitor] is not None:
        client.force_login(records[visitor])
    endpoints = list(walk(get_resolver()))
    assert not MUST_COVER - {endpoint.name for endpoint in endpoints}, "the walk missed part of the URLconf"
    problems, urls = [], 0
    for endpoint in endpoints:
        for url in urls_of(endpoint):
            urls += 1
            problems += problems_of(client, url, endpoint.in_api)
    TOTALS["url_patterns"], TOTALS["urls"] = len(endpoints), urls
    assert not problems, f"as {visitor}:\n" + "\n".join(problems)


def test_bad_query_parameters_are_refused_without_a_server_error(records, settings):
    settings.API_ANON_RATE = "off"
    client = Client(raise_request_exception=False)
    public = [endpoint for endpoint in walk(get_resolver()) if endpoint.name.startswith(("api:", "reading:"))]
    problems = []
    for endpoint in public:
        url = urls_of(endpoint)[0]
        for query in BAD_QUERIES:
            TOTALS["get"] += 1
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                problems.append(f"GET {url}?{query}: {response.status_code}")
    assert not problems, "\n".join(problems)


def teardown_module():
    methods = {method: TOTALS[method] for method in API_METHODS}
    report(
        "every method on every URL",
        url_patterns=TOTALS["url_patterns"],
        urls=TOTALS["urls"],
        visitors=len(VISITORS),
        requests=sum(methods.values()),
        **methods,
    )
