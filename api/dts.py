"""The DTS 1.0 API (Distributed Text Services, Level 1): the entry point, and the collection,
navigation and document endpoints over the theses (thesis/editions/dts.py holds the rules)."""

from urllib.parse import unquote

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from thesis.editions import dts, dts_document, tei
from thesis.editions.dts import DtsError
from thesis.editions.export import current_text
from thesis.editions.tree import citation_tree

from . import dts_schema
from .options import AnyQueryOptions
from .renderers import JSONRenderer
from .schema import TEI_DOCUMENT

TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"
TEI_MEDIA_TYPE = f"{dts.TEI}; charset=utf-8"
DOCUMENT_DESCRIPTION = (
    "The TEI edition, or with ref or start and end the edition with that part alone in a dts:wrapper; "
    "with mediaType=text/plain, the reading text of the whole or the part. Either is UTF-8."
)


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class FirstRenderer(BaseContentNegotiation):
    """DTS answers in its one type whatever Accept says: its clients ask for JSON, or for nothing."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DtsView(AnyQueryOptions, APIView):
    """What the DTS endpoints share: anonymous JSON-LD, the endpoints' URLs, and DtsError as 400 or 404."""

    authentication_classes = []
    renderer_classes = [JsonLdRenderer]
    content_negotiation_class = FirstRenderer
    schema = dts_schema.DtsAutoSchema()

    def links(self) -> dts.Links:
        # The template's {id} stays a placeholder: reverse() would percent-encode its braces.
        edition = unquote(reverse("api:thesis-tei", kwargs={"pk": "{id}"}, request=self.request))
        return dts.Links(
            collection=reverse("api:dts-collection", request=self.request),
            navigation=reverse("api:dts-navigation", request=self.request),
            document=reverse("api:dts-document", request=self.request),
            download=edition,
        )

    def handle_exception(self, exc):
        if isinstance(exc, DtsError):
            exc = ValidationError({exc.parameter: [exc.message]}) if exc.status == 400 else NotFound(exc.message)
        return super().handle_exception(exc)

    def answer(self, found: dts.Answer, page: int) -> Response:
        """The object as a top-level JSON-LD object, with the spec's `view` when it runs to more than one page."""
        url = self.request.build_absolute_uri()
        # A collection's object is named by its identifier, a navigation's by the request's URL.
        body = {"@context": dts.CONTEXT, "@id": url, **found.body}
        if found.pages > 1:
            body["view"] = pagination(url, page, found.pages)
        return Response(body)


def pagination(url: str, page: int, pages: int) -> dict:
    """The spec's Pagination object: all four links, `previous` and `next` null on the first and
    last pages, which have none (the spec requires each property)."""
    return {
        "@id": url,
        "@type": "Pagination",
        "first": page_url(url, 1),
        "previous": page_url(url, page - 1) if page > 1 else None,
        "next": page_url(url, page + 1) if page < pages else None,
        "last": page_url(url, pages),
    }


def page_url(url: str, page: int) -> str:
    return remove_query_param(url, "page") if page == 1 else replace_query_param(url, "page", page)


class EntryPointView(DtsView):
    """The DTS 1.0 entry point: URI templates for the collection, navigation and document endpoints.

    A client's first three requests: this one; the collection, e.g. /api/dts/collection/?id=theses/diploma
    (the root `theses` holds a collection per kind, each a Resource per thesis); and the navigation,
    e.g. /api/dts/navigation/?resource=thesis/1&down=1 for a thesis's top-level sections."""

    @extend_schema(responses={(200, "application/ld+json"): dts_schema.ENTRY_POINT}, tags=["dts"])
    def get(self, request):
        return Response(
            {
                "@context": dts.CONTEXT,
                "@id": reverse("api:dts-entry", request=request),
                "@type": "EntryPoint",
                "dtsVersion": dts.VERSION,
                **self.links().entry(),
            }
        )


class CollectionView(DtsView):
    """The root collection (`theses`), a collection of one kind of thesis (`theses/diploma`), or a
    thesis (`thesis/1`), with its children or, with nav=parents, its parents."""

    @extend_schema(
        parameters=dts_schema.COLLECTION_PARAMETERS,
        responses={(200, "application/ld+json"): dts_schema.COLLECTION},
        tags=["dts"],
    )
    def get(self, request):
        params = request.query_params
        nav = dts.value(params, "nav") or "children"
        if nav not in dts.NAVIGATION_CHOICES:
            raise ValidationError({"nav": [f"nav is children or parents, not {nav!r}."]})
        page = dts.page_number(params)
        return self.answer(dts.collection(dts.value(params, "id") or dts.ROOT, nav, page, self.links()), page)


class NavigationView(DtsView):
    """A thesis's citation tree (section > subsection > paragraph): the units ref or start and end
    name, and the members down asks for, in document order."""

    @extend_schema(
        parameters=dts_schema.NAVIGATION_PARAMETERS,
        responses={(200, "application/ld+json"): dts_schema.NAVIGATION},
        tags=["dts"],
    )
    def get(self, request):
        query = dts.navigation_query(request.query_params)
        return self.answer(dts.navigation(query, self.links()), query.page)


class DocumentView(DtsView):
    """A thesis's text: the TEI edition (the default), or with ref or start and end a part of it in a
    dts:wrapper; or, with mediaType=text/plain, the reading text of the whole or the part."""

    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[*dts_schema.DOCUMENT_PARAMETERS, dts_schema.LINK_HEADER],
        responses={
            (200, dts.TEI): OpenApiResponse(TEI_DOCUMENT, description=DOCUMENT_DESCRIPTION),
            (200, dts.PLAIN_TEXT): OpenApiResponse(OpenApiTypes.STR, description=DOCUMENT_DESCRIPTION),
        },
        tags=["dts"],
    )
    def get(self, request):
        query = dts.document_query(request.query_params)
        resource = self.links().local(query.resource)
        thesis = dts.thesis_for(resource, "resource")
        units = None
        if query.ref or query.start:
            roots = citation_tree(thesis)
            units = dts.select(roots, query).units(roots)
        if query.media_type == dts.PLAIN_TEXT:
            response = HttpResponse(
                current_text(thesis) if units is None else dts_document.part_text(units),
                content_type=TEXT_MEDIA_TYPE,
            )
        else:
            response = HttpResponse(tei_document(thesis, units, request), content_type=TEI_MEDIA_TYPE)
        response["Link"] = f'<{self.links().collection_of(resource)}>; rel="collection"'
        return response


def tei_document(thesis, units, request) -> bytes:
    edition = tei.edition(thesis, base_url=request.build_absolute_uri("/"))
    return tei.serialize(edition if units is None else dts_document.wrapped(edition, units))
