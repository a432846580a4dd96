"""The reading site's views: each checks its parameters, reads its page (contents.py) and renders it."""

import datetime
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views import View

from thesis.models import Author, Passage, Source, Thesis, successor_id
from thesis.query_fields import SEARCH_MAX_LENGTH, IdField, QueryField
from thesis.search import SORTS, did_you_mean, near_misses, search_marks, search_passages
from thesis.time_limit import SEARCH_TOO_LONG, TooLong, time_limit

from . import citation_styles, citing, contents, metadata, search_results, sections
from .context import with_parameter
from .filters import ARCHIVE_SORTS, ArchiveFilter
from .pages import BadParameter, Page, choice, integer, parameter

VIEWS = ("reading", "original", "changes")


class ArchiveView(Page):
    """The archive: every thesis, with what it holds, and a search box."""

    template_name = "reading/archive.html"
    page_size = 50

    def context(self, request, **kwargs):
        found = ArchiveFilter(request.GET, queryset=contents.archive())
        if not found.is_valid():
            name, messages = next(iter(found.errors.items()))
            raise BadParameter(name, " ".join(messages))
        page = page_of(request, Paginator(found.qs, self.page_size))
        return {
            "theses": page.object_list,
            "page": page,
            "pages": page_links(request, page.number, page.paginator.num_pages),
            "form": found.form,
            "thesis_languages": contents.archive_languages(),
            "sorts": sort_links(request, found.form.cleaned_data.get("sort") or []),
            "narrowed": any(request.GET.get(name) for name in found.filters if name != "sort"),
        }


def page_of(request, paginator: Paginator):
    """The page `?page=` asks for (the first by default), or a BadParameter naming it."""
    number = integer(request, "page", default=1)
    if number > paginator.num_pages:
        message = ngettext("There is %(count)d page.", "There are %(count)d pages.", paginator.num_pages)
        raise BadParameter("page", message % {"count": paginator.num_pages})
    return paginator.page(number)


def sort_links(request, chosen: list[str]) -> list[dict]:
    """Each sortable column: its link (ascending, or descending when it is already sorted ascending)
    and, when it is the sort, which way (for aria-sort)."""
    current = chosen[0] if chosen else ""
    links = []
    for _field, value in ARCHIVE_SORTS:
        ascending = current == value
        links.append(
            {
                "value": value,
                "url": with_parameter(request, "sort", f"-{value}" if ascending else value, "page"),
                "direction": "ascending" if ascending else "descending" if current == f"-{value}" else "",
            }
        )
    return links


class ThesisView(Page):
    """A thesis to read: contents, then a top-level section at a time (or the whole text), alone, beside
    the original or with its changes."""

    template_name = "reading/thesis.html"
    model = Thesis

    def context(self, request, pk):
        view = choice(request, sections.VIEW, VIEWS, sections.READING)
        try:
            page = contents.reading(pk, chosen_section(request))
        except Thesis.DoesNotExist:
            raise Http404("No such thesis.") from None
        except contents.UnknownSection as error:
            raise BadParameter(sections.PARAMETER, no_such_section(max(error.count, 1))) from None
        paging = sections.Paging(request.path, page.page, page.count, view)
        reference = thesis_reference(request, page.thesis)
        return {
            "page": page,
            "thesis": page.thesis,
            "view": view,
            "views": [(name, sections.address(request.path, page.page, name)) for name in VIEWS],
            "toc": [(part, paging.link(part.page, part.anchor)) for part in page.contents],
            "paging": paging,
            "neighbours": neighbour_links(page, paging),
            "metadata": metadata.page_metadata(reference),
            "downloads": downloads(page.thesis.pk),
        }


def chosen_section(request) -> int | None:
    """The page of the thesis asked for (reading.sections.parse), or a BadParameter naming `section`."""
    try:
        return sections.parse(request.GET.get(sections.PARAMETER))
    except ValueError:
        raise BadParameter(sections.PARAMETER, no_such_section()) from None


def no_such_section(last: int | None = None) -> str:
    """What `section` takes: a number up to `last`, the thesis's last page, when it is known."""
    if last is None:
        return gettext("Give a section's number, from 1, or “all” for the whole thesis.")
    return gettext("Give a section's number from 1 to %(last)d, or “all” for the whole thesis.") % {"last": last}


def neighbour_links(page: contents.Reading, paging: sections.Paging) -> dict:
    """The sections before and after the one shown, by rel: each its part, the link to its heading
    and its page's address."""
    tops = page.tops
    return {
        rel: (tops[number - 1], paging.address(number, tops[number - 1].anchor), paging.address(number))
        for rel, number in (("prev", paging.previous), ("next", paging.next))
        if number is not None
    }


def thesis_reference(request, thesis) -> citing.ThesisReference:
    return citing.thesis_reference(thesis, request.build_absolute_uri(reverse("reading:thesis", args=[thesis.pk])))


def downloads(thesis_id: int) -> list[tuple[str, str, str]]:
    """The thesis's renditions the API serves, each with what it is: its TEI edition, its plain text,
    its passages as CSV and the sources it cites as CSL-JSON."""
    return [
        ("TEI XML", gettext("The TEI edition"), reverse("api:thesis-tei", args=[thesis_id])),
        ("TXT", gettext("Plain text"), reverse("api:thesis-text", args=[thesis_id])),
        ("CSV", gettext("Passages as a table"), f"{reverse('api:passage-list')}?thesis={thesis_id}&format=csv"),
        ("CSL-JSON", gettext("Sources it cites"), reverse("api:thesis-sources-csl", args=[thesis_id])),
    ]


class PassageView(Page):
    """A passage's permalink: text (or an older version's), original, citations, people, history, how to cite it."""

    template_name = "reading/passage.html"
    model = Thesis

    def context(self, request, pk, n):
        version = integer(request, "version")
        try:
            page = contents.passage_page(pk, n, version)
        except Passage.DoesNotExist:
            raise Http404("No such passage.") from None
        except contents.UnknownVersion:
            raise Http404("No such version of this passage.") from None
        shown_version = page.shown.version if page.shown else page.passage.version
        url = request.build_absolute_uri(f"{request.path}?version={shown_version}")
        reference = reference_of(page, thesis_reference(request, page.passage.thesis), shown_version, url)
        return {
            "page": page,
            "passage": page.passage,
            "thesis": page.passage.thesis,
            "version": shown_version,
            "citation": {
                **citation_styles.passage_references(reference),
                "bibtex": citing.as_bibtex(reference),
                "csl": json.dumps([citing.as_csl(reference)], ensure_ascii=False, indent=2),
            },
            "version_url": url,
            "in_thesis": passage_in_thesis(page),
            "show_editors": settings.READING_EDITOR_NAMES,
            "metadata": metadata.page_metadata(reference.thesis, reference),
        }


def passage_in_thesis(page: contents.PassagePage) -> str:
    """The passage in its place on the thesis's page: the page of its section, at the passage."""
    passage = page.passage
    path = reverse("reading:thesis", args=[passage.thesis_id])
    return sections.address(path, sections.page_of(page.paragraph), fragment=sections.passage_anchor(passage.order))


class PassageAddressView(View):
    """A passage's lasting address, by its id: it leads to the passage's page, wherever splits and
    merges have since moved it in its thesis; a former passage's id leads, for good, to the passage
    its text went into."""

    model = Passage

    def get(self, request, pk):
        place = Passage.objects.filter(pk=pk).values_list("thesis_id", "order").first()
        if place is not None:
            return HttpResponseRedirect(reverse("reading:passage", args=place))
        heir = successor_id(pk)
        if heir is None:
            raise Http404("No such passage.")
        return HttpResponsePermanentRedirect(reverse("reading:passage_address", args=[heir]))


def reference_of(page, thesis: citing.ThesisReference, version: int, url: str) -> citing.PassageReference:
    return citing.PassageReference(
        thesis=thesis,
        section=page.heading,
        number=page.passage.order,
        paragraph=page.paragraph,
        version=version,
        url=url,
        accessed=datetime.date.today(),
    )


class SearchView(Page):
    """Search across the text: highlighted snippets grouped by thesis and section, with facets to narrow by."""

    template_name = "reading/search.html"

    def context(self, request, **kwargs):
        term = parameter(request, "q", QueryField(required=False))
        choices = facet_choices(request)
        page = integer(request, "page", default=1, maximum=search_results.MAX_PAGE)
        sort = choice(request, "sort", SORTS, SORTS[0])
        context = {"term": term.strip(), "choices": choices, "max_length": SEARCH_MAX_LENGTH, "sort": sort}
        if term.strip():
            context["results"], found_nothing = searched(term, choices, page, sort)
            context["sort_link"] = with_parameter(request, "sort", None if sort == "order" else "order", "page")
            context["facets"] = facet_links(request, context["results"].facets, choices)
            if choices:
                context["clear_link"] = with_parameter(request, "page", None, *choices)
            context["pages"] = page_links(request, context["results"].page, context["results"].pages)
            if found_nothing:
                context["suggestions"] = suggestion_links(request, term)
        return context


def searched(term: str, choices: dict, page: int, sort: str) -> tuple[search_results.Results, bool]:
    """The page of results, and whether the term was found nowhere (near misses at most); or a
    BadParameter for `q` when its search runs past the time limit."""
    try:
        with time_limit(settings.SEARCH_TIME_LIMIT_SECONDS):
            matches = search_passages(search_results.narrowed(choices), term, order=sort)
            results = search_results.results(matches, search_marks(term), page)
    except TooLong:
        raise BadParameter("q", gettext(SEARCH_TOO_LONG)) from None
    return results, not results.total or near_misses(matches)


def suggestion_links(request, term: str) -> list[tuple[str, str]]:
    """Each reading of `term` as typed on a Russian keyboard, with the link searching for it instead."""
    return [(reading, with_parameter(request, "q", reading, "page")) for reading in did_you_mean(term)]


def facet_choices(request) -> dict:
    choices = {
        name: parameter(request, name, IdField(required=False)) for name in ("thesis", "section", "source", "person")
    }
    status = request.GET.get("status")
    if status:
        choices["status"] = choice(request, "status", tuple(Passage.Status.values), "")
    return {name: value for name, value in choices.items() if value is not None}


def facet_links(request, facets: dict, choices: dict) -> list:
    """Each facet with its values, each a link that narrows the search to it (or, when chosen, widens it again)."""
    return [
        (
            name,
            [
                (
                    value,
                    with_parameter(
                        request, name, None if choices.get(name) == value.value else str(value.value), "page"
                    ),
                )
                for value in values
            ],
        )
        for name, values in facets.items()
    ]


def page_links(request, page: int, pages: int) -> dict:
    """The links to the page before and after page `page` of `pages`, where there is one."""
    links = {}
    if page > 1:
        # The first page is the page without the parameter: one address for it, in caches and copies.
        links["previous"] = with_parameter(request, "page", str(page - 1) if page > 2 else None)
    if page < pages:
        links["next"] = with_parameter(request, "page", str(page + 1))
    return links


class PeopleView(Page):
    """Everyone the theses name, in the historiography's three groups and then the rest."""

    template_name = "reading/people.html"

    def context(self, request, **kwargs):
        return {"groups": contents.people_groups()}


class PersonView(Page):
    """A person and every place a thesis names them, in context."""

    template_name = "reading/person.html"
    model = Author

    def context(self, request, pk):
        try:
            author, quotes = contents.person(pk)
        except Author.DoesNotExist:
            raise Http404("No such person.") from None
        return {"author": author, "quotes": quotes}


class SourceView(Page):
    """A source: its bibliographic fields, whether they are complete, and every sentence that cites it."""

    template_name = "reading/source.html"
    model = Source

    def context(self, request, pk):
        try:
            source, citations = contents.source(pk)
        except Source.DoesNotExist:
            raise Http404("No such source.") from None
        fields = [
            (name, Source._meta.get_field(name).verbose_name, getattr(source, name))
            for name in Source.BIBLIOGRAPHIC_FIELDS
        ]
        return {"source": source, "fields": fields, "citations": citations}


class AboutView(Page):
    """What the archive holds, how it was edited, and how to cite it."""

    template_name = "reading/about.html"
