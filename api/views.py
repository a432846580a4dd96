"""The read-only API: a viewset per resource, and the text, CSL-JSON, TEI and TimelineJS renditions."""

import hashlib
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Max, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from thesis.derived import dataversion
from thesis.derived.stored_suspects import stored_report
from thesis.derived.suspects import Kind, listed
from thesis.editions import tei as tei_edition
from thesis.editions.csl import CSL_ITEM_SCHEMA, csl_item
from thesis.editions.export import RebuildError, current_text, rebuild_original
from thesis.editions.snapshots import snapshot
from thesis.editions.timelinejs import DEFAULT_TITLE, TIMELINEJS_SCHEMA, timelinejs_document
from thesis.internals.django_sql import Compiled
from thesis.models import (
    AUTHOR_ORDERING,
    Author,
    Citation,
    Mention,
    Passage,
    Section,
    Source,
    Thesis,
    TimelineEvent,
    successor_id,
)
from thesis.search import SEARCH_RESULT_LIMIT
from thesis.time_limit import SEARCH_TOO_LONG, TooLong, time_limit

from . import filters, serializers, tables
from .internals.drf import columns, row_builder
from .options import AnyQueryOptions
from .pagination import ArchivePagination
from .renderers import JSONRenderer, PlainTextRenderer, TeiRenderer
from .schema import ANY_ID, DETAIL, TEI_RESPONSE, ArchiveAutoSchema
from .scripts import CYRILLIC, SCRIPT_PARAMETER, in_script, requested_script

TEXT_VERSIONS = ("original", "current")
BOOLEANS = {"true": True, "false": False}
TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"


class TextUnavailable(APIException):
    status_code = 500
    default_detail = "The original text cannot be rebuilt from the stored spans."
    default_code = "text_unavailable"
    description = "The stored spans no longer add up to the original, which an administrator must repair."


@extend_schema(parameters=[SCRIPT_PARAMETER])
class ArchiveViewSet(AnyQueryOptions, viewsets.ReadOnlyModelViewSet):
    """What every resource shares: anonymous reads of JSON, paginated, filtered, in the requested script."""

    # The same for everyone, so that ETags and caches can be shared.
    authentication_classes = []
    renderer_classes = [JSONRenderer]
    pagination_class = ArchivePagination
    filter_backends = [DjangoFilterBackend]
    schema = ArchiveAutoSchema()
    lookup_value_regex = ANY_ID
    detail_serializer_class = None
    # What sends the responses that are not the resource's own document (errors, OPTIONS) when its
    # format has no way to say them: TEI has no error document. None: the negotiated renderer does.
    side_renderer_class = None

    # True for an action that lists rows of a record's own (a thesis's suspects, a passage's history),
    # which answers in CSV as the lists do: @action(..., lists_rows=True).
    lists_rows = False

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, tables.CsvRenderer()] if self.offers_csv() else renderers

    def offers_csv(self) -> bool:
        # A list is rows and columns; a record's nested detail is not. (A method the list does not
        # take has no action, and must meet its 405 rather than a 404 for the format.)
        return self.lists_rows or (not self.detail and self.action in ("list", None))

    def wants_csv(self, request) -> bool:
        return isinstance(request.accepted_renderer, tables.CsvRenderer)

    # True for a list served often enough that the serializers' cost tells: its page is built from
    # serializer_class's fields without the serializer (api.internals.drf.row_builder).
    rows_without_serializer = False

    def list(self, request, *args, **kwargs):
        if self.wants_csv(request):
            return self.csv_list(request)
        if not self.rows_without_serializer:
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        row = row_builder(self.get_serializer_class())
        return self.get_paginated_response([row(record, self.script) for record in page])

    def retrieve(self, request, *args, **kwargs):
        # A record and its related rows (a source's citations, a thesis's sections) are read in
        # queries of their own: one snapshot keeps them from two states of the archive.
        with snapshot(self.queryset.model):
            return super().retrieve(request, *args, **kwargs)

    def csv_list(self, request):
        """Every row of the filtered list, not a page of it, streamed a chunk of rows at a time."""
        queryset = self.filter_queryset(self.get_queryset())
        limit = self.count_limit() if hasattr(self, "count_limit") else None
        if limit is not None:
            queryset = queryset[:limit]
        return self.csv_response(request, queryset.iterator(chunk_size=tables.CHUNK_ROWS))

    def csv_response(self, request, rows: Iterable, record=None) -> StreamingHttpResponse:
        """`rows`, every one, as a CSV streamed a chunk at a time; `record` is the one whose rows they are,
        for an action listing them. The rows are read only as the body is sent, after the status, so
        every parameter is checked here first: a page or page size as a page would, and `bom`."""
        self.paginator.check_parameters(request)
        names = tables.columns(self.get_serializer())
        byte_order_mark = tables.wants_byte_order_mark(request.query_params)
        language = translation.get_language()
        # HEAD sends no body, so it reads no rows either.
        chunks = self.csv_chunks(rows, language)
        body = () if request.method == "HEAD" else tables.stream(names, chunks, byte_order_mark)
        response = StreamingHttpResponse(body, content_type=f"{tables.MEDIA_TYPE}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_file_name(request, record)}"'
        # A stream has no body to hash, so the middleware cannot tag it: the rows are fixed by the
        # data version and the request, and their words (a suspect's note) by the language, all of
        # which a revalidation reads without running the list.
        tag = f"{dataversion.current()} {request.accepted_media_type} {language} {request.get_full_path()}"
        response["ETag"] = quote_etag(hashlib.sha256(tag.encode()).hexdigest()[:32])
        return response

    def csv_chunks(self, rows: Iterable, language: str):
        for chunk in tables.chunked(rows, tables.CHUNK_ROWS):
            # A stream is read after the view has returned, in whatever language the thread is in by
            # then: its words (a suspect's note) are written in the request's.
            with translation.override(language):
                self.prepare_rows(chunk)
                serialized = self.get_serializer(chunk, many=True).data
            yield serialized

    def prepare_rows(self, rows) -> None:
        """What a page's records need before they are serialized, which a view that lists them adds."""

    def csv_file_name(self, request, record=None) -> str:
        # Named as its list's address: passages.csv, timeline-thesis-1.csv; a record's list for the
        # record too: suspects-thesis-1.csv, history-passage-12.csv.
        name = request.path.rstrip("/").rsplit("/", 1)[-1]
        if record is not None:
            return f"{name}-{self.basename}-{record.pk}.csv"
        thesis = request.query_params.get("thesis", "")
        # Where `thesis` filters, the filter has refused anything but a whole number; elsewhere it is ignored.
        suffix = f"-thesis-{int(thesis)}" if thesis.isascii() and thesis.isdigit() else ""
        return f"{name}{suffix}.csv"

    def get_queryset(self):
        queryset = super().get_queryset()
        return self.for_detail(queryset) if self.action == "retrieve" else queryset

    def for_detail(self, queryset):
        """The queryset with what the detail serializer reads of related rows, fetched in one query each."""
        return queryset

    def filter_queryset(self, queryset):
        # A record is found by its id alone: the list's filters are neither documented for it nor
        # worth validating a form for on every request.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # OPTIONS describes the resource and sends none of its text: a `script` it cannot honour is GET's 400 only.
        self.script = CYRILLIC if request.method == "OPTIONS" else requested_script(request)
        # `bom` is a parameter of every read that offers CSV, as the schema says: refused when bad
        # whatever the format asked, not only where a CSV would read it.
        if request.method in ("GET", "HEAD") and self.offers_csv():
            tables.wants_byte_order_mark(request.query_params)

    def finalize_response(self, request, response, *args, **kwargs):
        side = isinstance(response, Response) and (response.exception or request.method == "OPTIONS")
        side_renderer_class = self.side_renderer_class or getattr(
            getattr(request, "accepted_renderer", None), "side_renderer_class", None
        )
        if side_renderer_class is not None and side:
            request.accepted_renderer = side_renderer_class()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "script": getattr(self, "script", CYRILLIC)}


class ThesisViewSet(ArchiveViewSet):
    """Theses; a thesis's detail holds its table of contents."""

    queryset = Thesis.objects.without_content()
    serializer_class = serializers.ThesisSerializer
    detail_serializer_class = serializers.ThesisDetailSerializer

    def for_detail(self, queryset):
        return queryset.with_contents()

    def get_queryset(self):
        if self.action in ("text", "sources_csl"):
            return Thesis.objects.select_related("source_document")
        return super().get_queryset()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "version",
                OpenApiTypes.STR,
                enum=TEXT_VERSIONS,
                default="current",
                description="original: the imported file byte for byte, in the script it was typed in "
                "whatever `script` asks; current: the reading text with editors' corrections.",
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "txt"],
                description="How an error is sent: as JSON (json, the default) or as the same JSON in "
                "text/plain (txt). The text itself is always text/plain.",
            ),
        ],
        responses={
            (200, TEXT_MEDIA_TYPE): OpenApiTypes.STR,
            (500, "application/json"): OpenApiResponse(DETAIL, description=TextUnavailable.description),
            (500, TEXT_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.STR, description=TextUnavailable.description),
        },
    )
    @action(detail=True, renderer_classes=[JSONRenderer, PlainTextRenderer])
    def text(self, request, pk=None):
        """The whole text as text/plain; charset=utf-8."""
        version = request.query_params.get("version") or "current"
        if version not in TEXT_VERSIONS:
            raise ValidationError({"version": [f"Unknown version {version!r}: use original or current."]})
        thesis = self.get_object()
        try:
            text = rebuild_original(thesis) if version == "original" else in_script(current_text(thesis), self.script)
        except RebuildError:
            raise TextUnavailable() from None
        return HttpResponse(text, content_type=TEXT_MEDIA_TYPE)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Kind.values, description="Only the suspects of this kind."),
            OpenApiParameter(
                "certain",
                OpenApiTypes.STR,
                enum=list(BOOLEANS),
                description="true: only the certain suspects; false: only the possible ones, words the "
                "checker accepts that are likely slips all the same.",
            ),
            OpenApiParameter("script", exclude=True),
        ],
        responses=serializers.SuspectSerializer(many=True),
        filters=False,
    )
    @action(detail=True, filter_backends=[], serializer_class=serializers.SuspectSerializer, lists_rows=True)
    def suspects(self, request, pk=None):
        """Suspected transcription errors in the thesis's current text, certain before possible, then in
        passage order and place: each with its kind, its place in its passage's text, the text found and
        the corrections suggested, best first, with the checker's confidence in each. Words editors chose
        to ignore and suspects they dismissed are left out. Without the Kazakh dictionary on the server
        the dictionary's kinds are missing."""
        kind, certain = suspect_filters(request.query_params)
        thesis = self.get_object()
        if self.wants_csv(request):
            return self.csv_response(request, open_suspects(thesis, kind, certain), thesis)
        page = self.paginate_queryset(listed(stored_report(thesis), kind, certain))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="theses_sources_csl", responses={200: {"type": "array", "items": CSL_ITEM_SCHEMA}})
    def sources_csl(self, request, pk=None):
        """Every source of the thesis as CSL-JSON, in citation-number order, sent as CSL's own media type
        (application/vnd.citationstyles.csl+json), or as application/json to a client asking only for that."""
        thesis = self.get_object()
        response = Response([csl_item(source, self.script) for source in thesis.sources.all()])
        # The type follows Accept, so a shared cache must key on it.
        patch_vary_headers(response, ("Accept",))
        return response

    @extend_schema(
        operation_id="theses_tei",
        parameters=[OpenApiParameter("script", exclude=True)],
        responses={(200, TeiRenderer.media_type): TEI_RESPONSE},
    )
    def tei(self, request, pk=None):
        """The thesis as one TEI P5 document (application/tei+xml): its header, its text as the citation
        tree with editors' corrections, and its sources, people and events."""
        thesis = self.get_object()
        tree = tei_edition.edition(thesis, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(tei_edition.serialize(tree), content_type=f"{TeiRenderer.media_type}; charset=utf-8")
        return with_last_modified(response, tei_edition.last_changed(tree))


def suspect_filters(query_params) -> tuple[str | None, bool | None]:
    """The suspects' `kind` and `certain` (None for any), or a 400 naming the one that is not valid."""
    kind = query_params.get("kind") or None
    if kind is not None and kind not in Kind.values:
        raise ValidationError({"kind": [f"Unknown kind {kind!r}: use one of {', '.join(Kind.values)}."]})
    certain = query_params.get("certain") or None
    if certain is not None and certain not in BOOLEANS:
        raise ValidationError({"certain": [f"Must be true or false, not {certain!r}."]})
    return kind, None if certain is None else BOOLEANS[certain]


def open_suspects(thesis, kind: str | None, certain: bool | None) -> Iterator:
    """The thesis's suspects as the JSON list has them, read only when first asked for: HEAD reads none."""
    yield from listed(stored_report(thesis), kind, certain)


class SectionViewSet(ArchiveViewSet):
    """Headed parts of a thesis; a section's detail holds its passages."""

    queryset = Section.objects.with_passage_count().order_by("thesis", "order")
    serializer_class = serializers.SectionSerializer
    detail_serializer_class = serializers.SectionDetailSerializer
    filterset_class = filters.SectionFilter

    def for_detail(self, queryset):
        return queryset.prefetch_related("passages", "children")


class PassageViewSet(ArchiveViewSet):
    """Paragraphs, the unit editors correct; search `q` looks in the current text."""

    queryset = Passage.objects.all()
    serializer_class = serializers.PassageSerializer
    rows_without_serializer = True
    # The detail's schema; retrieve builds the document itself.
    detail_serializer_class = serializers.PassageDetailSerializer
    filterset_class = filters.PassageFilter

    def count_limit(self) -> int | None:
        """A search lists its first matches only: see thesis.search."""
        return SEARCH_RESULT_LIMIT if self.request.query_params.get("q", "").strip() else None

    def list(self, request, *args, **kwargs):
        if not request.query_params.get("q", "").strip():
            response = super().list(request, *args, **kwargs)
        else:
            response = self.searched(request, *args, **kwargs)
        # Every change to any passage, deletions included, leaves a history record.
        return with_last_modified(response, Passage.history.aggregate(latest=Max("history_date"))["latest"])

    def searched(self, request, *args, **kwargs):
        """The list of a search, refused with a 400 naming `q` when its queries run past the time limit."""
        try:
            with time_limit(settings.SEARCH_TIME_LIMIT_SECONDS):
                return super().list(request, *args, **kwargs)
        except TooLong:
            raise ValidationError({"q": [_(SEARCH_TOO_LONG)]}) from None

    def retrieve(self, request, *args, **kwargs):
        # Rows rather than records and serializers, from SQL compiled once: see passage_detail_read.
        try:
            with snapshot(Passage):
                passage, citations, mentions = passage_detail_read(kwargs["pk"])
        except Http404:
            return moved_passage(request, kwargs["pk"], "api:passage-detail")
        detail = row_builder(self.detail_serializer_class)
        document = detail(passage_document(passage, citations, mentions), self.script)
        changed = (passage["changed_at"], passage["sources_changed_at"], passage["authors_changed_at"])
        return with_last_modified(Response(document), max(moment for moment in changed if moment is not None))

    @extend_schema(responses=serializers.PassageHistorySerializer(many=True), filters=False)
    @action(detail=True, filter_backends=[], serializer_class=serializers.PassageHistorySerializer, lists_rows=True)
    def history(self, request, pk=None):
        """Every recorded change, newest first, each with a word-level diff from the one before."""
        try:
            passage = self.get_object()
        except Http404:
            return moved_passage(request, pk, "api:passage-history")
        records = passage.history.select_related("history_user")
        if self.wants_csv(request):
            every = records.iterator(chunk_size=tables.CHUNK_ROWS)
            return self.csv_response(request, with_previous_texts(every, passage.original_text), passage)
        page = self.paginate_queryset(records)
        attach_previous_texts(page, records, passage.original_text)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def moved_passage(request, pk, name: str) -> HttpResponsePermanentRedirect:
    """A permanent redirect from a former passage (merged into another, or made a heading) to the
    passage its text went into, with the same query; Http404 for an id no passage ever had."""
    heir = successor_id(pk) if str(pk).isdigit() else None
    if heir is None:
        raise Http404(f"No {Passage._meta.object_name} matches the given query.")
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse(name, args=[heir]) + (f"?{query}" if query else ""))


class SourceViewSet(ArchiveViewSet):
    """Works the thesis cites by number; a source's detail holds the sentences citing it."""

    queryset = Source.objects.with_citation_count().order_by("thesis", "number")
    serializer_class = serializers.SourceSerializer
    rows_without_serializer = True
    detail_serializer_class = serializers.SourceDetailSerializer
    filterset_class = filters.SourceFilter

    def for_detail(self, queryset):
        return queryset.with_citations()


class AuthorViewSet(ArchiveViewSet):
    """People the thesis names, with every spelling it uses; `q` matches any of them."""

    queryset = Author.objects.with_mention_count().order_by(*AUTHOR_ORDERING).prefetch_related("aliases")
    serializer_class = serializers.AuthorSerializer
    detail_serializer_class = serializers.AuthorDetailSerializer
    filterset_class = filters.AuthorFilter

    def for_detail(self, queryset):
        return queryset.with_mentions()


@extend_schema_view(
    list=extend_schema(description="Timeline events, chronological unless `ordering` says otherwise."),
)
class TimelineEventViewSet(ArchiveViewSet):
    """Dated events: dates printed in the text, and dates editors inferred from it."""

    queryset = TimelineEvent.objects.all()
    serializer_class = serializers.TimelineEventSerializer
    rows_without_serializer = True
    filterset_class = filters.TimelineEventFilter

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        TimelineEvent.objects.attach_people(page or [])
        return page

    def prepare_rows(self, rows) -> None:
        TimelineEvent.objects.attach_people(rows)

    def get_object(self):
        event = super().get_object()
        TimelineEvent.objects.attach_people([event])
        return event

    # Not a list to drf-spectacular, but filtered like one.
    @extend_schema(responses={200: TIMELINEJS_SCHEMA}, filters=True)
    @action(detail=False, pagination_class=None)
    def timelinejs(self, request):
        """The same filtered events, all of them, as a TimelineJS3 document."""
        events = list(self.filter_queryset(self.get_queryset()))
        TimelineEvent.objects.attach_people(events)
        title, description = timeline_title(events)
        return Response(timelinejs_document(events, title, description, self.script))


def with_last_modified(response, moment):
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


PASSAGE_KEY = [Passage._meta.pk]
PASSAGE_DETAIL = Compiled(
    lambda pk: Passage.objects.detail_row(pk, columns(serializers.PassageDetailSerializer)), PASSAGE_KEY
)
PASSAGE_CITATIONS = Compiled(
    lambda pk: Citation.objects.of_passage(pk).values(*columns(serializers.PassageCitationSerializer)),
    PASSAGE_KEY,
)
PASSAGE_MENTIONS = Compiled(
    lambda pk: Mention.objects.of_passage(pk).values(*columns(serializers.PassageMentionSerializer)),
    PASSAGE_KEY,
)


def passage_detail_read(pk) -> tuple[dict, list[dict], list[dict]]:
    """A passage's row, its citations' and its mentions' (Http404 if there is none), in three queries,
    which the caller runs in one snapshot so that the citations are those of the text read."""
    try:
        found = PASSAGE_DETAIL.rows(pk)
    except (TypeError, ValueError):
        found = None
    if not found:
        raise Http404(f"No {Passage._meta.object_name} matches the given query.")
    passage = found[0]
    return passage, PASSAGE_CITATIONS.rows(passage["id"]), PASSAGE_MENTIONS.rows(passage["id"])


def passage_document(passage: dict, citations: list[dict], mentions: list[dict]) -> dict:
    """The rows read as one row of PassageDetailSerializer's: the passage with its citations and
    mentions, each given the passage's text, which their quotes and spans in Latin are cut from."""
    for part in (*citations, *mentions):
        part["passage__text"] = passage["text"]
    return {**passage, "citations": citations, "mentions": mentions}


def attach_previous_texts(page, records, first_text: str) -> None:
    """Give each record of a page (newest first) the text of the record before it."""
    if not page:
        return
    oldest = page[-1]
    before = records.filter(
        Q(history_date__lt=oldest.history_date) | Q(history_date=oldest.history_date, history_id__lt=oldest.history_id)
    ).first()
    previous = [record.text for record in page[1:]] + [before.text if before else first_text]
    for record, text in zip(page, previous, strict=True):
        record.previous_text = text


def with_previous_texts(records: Iterable, first_text: str) -> Iterator:
    """Each of every record (newest first) given the text of the record after it, read one ahead, and the
    oldest `first_text`: the whole history diffed in the one query that reads it."""
    newer = None
    for record in records:
        if newer is not None:
            newer.previous_text = record.text
            yield newer
        newer = record
    if newer is not None:
        newer.previous_text = first_text
        yield newer


def timeline_title(events) -> tuple[str, str]:
    """The title slide: the thesis's title when all the events are from one thesis."""
    theses = {event.thesis_id for event in events}
    thesis = Thesis.objects.filter(pk=theses.pop()).first() if len(theses) == 1 else None
    if thesis is None:
        return str(DEFAULT_TITLE), ""
    return thesis.title, _("Dates printed in the text, and dates editors inferred from it.")


# The root's links: to each list and document, and, as a URI template with {id}, to each record.
ROOT_LISTS = {
    "theses": "thesis-list",
    "sections": "section-list",
    "passages": "passage-list",
    "sources": "source-list",
    "authors": "author-list",
    "timeline": "timelineevent-list",
    "timelinejs": "timelineevent-timelinejs",
    "schema": "schema",
    "docs": "docs",
}
ROOT_RECORDS = {
    "thesis": "thesis-detail",
    "thesis_text": "thesis-text",
    "thesis_sources_csl": "thesis-sources-csl",
    "thesis_tei": "thesis-tei",
    "thesis_suspects": "thesis-suspects",
    "section": "section-detail",
    "passage": "passage-detail",
    "passage_history": "passage-history",
    "source": "source-detail",
    "author": "author-detail",
    "timeline_event": "timelineevent-detail",
}
ROOT_SCHEMA = {
    "type": "object",
    "properties": {
        **{name: {"type": "string", "format": "uri"} for name in ROOT_LISTS},
        **{name: {"type": "string", "format": "uri-template"} for name in ROOT_RECORDS},
    },
    "required": [*ROOT_LISTS, *ROOT_RECORDS],
    "additionalProperties": False,
}


class ApiRootView(AnyQueryOptions, APIView):
    """Every endpoint of the API; {id} stands for a record's id."""

    authentication_classes = []
    renderer_classes = [JSONRenderer]
    schema = ArchiveAutoSchema()
    PLACEHOLDER = 987654321

    @extend_schema(responses={200: ROOT_SCHEMA})
    def get(self, request):
        endpoints = {name: self.url(route) for name, route in ROOT_LISTS.items()}
        for name, route in ROOT_RECORDS.items():
            endpoints[name] = self.url(route, kwargs={"pk": self.PLACEHOLDER}).replace(str(self.PLACEHOLDER), "{id}")
        return Response(endpoints)

    def url(self, name, **kwargs):
        return reverse(f"api:{name}", request=self.request, **kwargs)
