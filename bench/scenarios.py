"""The requests the benchmark makes: each of ours beside the closest Datasette request for the same rows.

bench/README.md explains where the two differ.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

DATASETTE_DB = "corpus"
SEARCH_WORD = "ядролық"
# A genitive: the API finds it as spelt first, then the passages with only another form of дипломатия.
INFLECTED_WORD = "дипломатияның"
YEAR_FROM, YEAR_TO = 1900, 1950
PAGE = 50
# Every passage of a synthetic thesis of the corpus (about 200) fits in one page of the API's largest.
THESIS_PAGE = 200
# The reading site's rendered pages and the thesis's documents, each measured beside the API's JSON of
# the same data: each should cost at most twice its JSON (bench/report.py divides the two).
BESIDE_JSON = {
    "passage_page": "passage_detail",
    "search_page": "passage_search",
    "timeline_page": "timelinejs",
    "thesis_page": "thesis_passages",
    "tei_export": "thesis_passages",
    "dts_document": "thesis_passages",
}
# Of those, the ones Datasette has nothing like, held to their JSON alone (bench/targets.py); the pages
# with a Datasette equivalent are held to it, as every request is.
DOCUMENTS = ("thesis_page", "tei_export", "dts_document")

# One client hammering the most expensive page while another reads a cheap one: the reader's p99 beside
# its p99 alone (bench/run.py's fair_share). The hammer is one address; the reader is many, in turn, so
# that only the hammer meets its limit.
HAMMERED, CHEAP = "thesis_page", "passage_detail"
HAMMER_ADDRESS = "10.255.255.1"
HAMMER_CONCURRENCY = 16
READER_CONCURRENCY = 4

# Edits while reading: editors save this many of one thesis's passages in turn, a save started every
# EDIT_INTERVAL seconds by one of up to EDITORS at once (a save with its suspect check can take longer than
# the interval), while readers read READ_THESES other theses (bench/run.py's edits_while_reading).
EDITED_PASSAGES = 20
EDIT_INTERVAL = 1.0
EDITORS = 4
READ_THESES = 8


@dataclass(frozen=True)
class Scenario:
    name: str
    ours: str
    datasette: str | None  # None: Datasette has nothing like it; it is measured beside its JSON instead
    what: str


def scenarios(targets: dict) -> list[Scenario]:
    """The requests, for the thesis and passage chosen in this corpus (see inprocess.choose_targets)."""
    thesis, passage, large = targets["thesis"], targets["passage"], targets["large_thesis"]
    table = f"/{DATASETTE_DB}"
    # Every event of one thesis: TimelineJS and the timeline page both show them.
    events_of_thesis = url(
        f"{table}/thesis_timelineevent.json",
        thesis_id=thesis,
        _sort="start_year",
        _size="max",
        _nocount=1,
        _shape="array",
    )
    return [
        Scenario(
            "timeline_range",
            url("/api/timeline/", year_from=YEAR_FROM, year_to=YEAR_TO, page_size=PAGE),
            url(
                f"{table}/thesis_timelineevent.json",
                end_year__gte=YEAR_FROM,
                start_year__lte=YEAR_TO,
                _sort="start_year",
                _size=PAGE,
                _shape="objects",
            ),
            f"timeline events overlapping {YEAR_FROM}–{YEAR_TO}, first page of {PAGE}, with the total count",
        ),
        Scenario(
            "passage_search",
            url("/api/passages/", q=SEARCH_WORD, page_size=PAGE),
            url(f"{table}/thesis_passage.json", _search=SEARCH_WORD, _size=PAGE, _shape="objects"),
            f"passages containing «{SEARCH_WORD}», first page of {PAGE}, with the total count",
        ),
        Scenario(
            "passage_detail",
            f"/api/passages/{passage}/",
            url(f"{table}/thesis_passage/{passage}.json", _shape="objects"),
            "one passage by id",
        ),
        Scenario(
            "sources_list",
            url("/api/sources/", page_size=PAGE),
            url(f"{table}/thesis_source.json", _size=PAGE, _shape="objects"),
            f"the first page of {PAGE} sources, with the total count",
        ),
        Scenario(
            "timelinejs",
            url("/api/timeline/timelinejs/", thesis=thesis),
            events_of_thesis,
            "every event of one thesis (ours as a TimelineJS document), no count",
        ),
        Scenario(
            "passage_page",
            f"/theses/{thesis}/passages/{targets['passage_order']}/",
            url(f"{table}/thesis_passage/{passage}.json", _shape="objects"),
            "the same passage as passage_detail, as the reading site's rendered page (with its history and citation)",
        ),
        Scenario(
            "search_page",
            url("/search/", q=SEARCH_WORD),
            url(f"{table}/thesis_passage.json", _search=SEARCH_WORD, _size=20, _shape="objects"),
            f"the reading site's search for «{SEARCH_WORD}»: 20 passages with snippets, grouped, and five facets",
        ),
        Scenario(
            "timeline_page",
            url("/timeline/", thesis=thesis),
            events_of_thesis,
            "the same events as timelinejs, as the reading site's timeline: laid out, drawn as SVG and listed",
        ),
        Scenario(
            "inflected_search",
            url("/api/passages/", q=INFLECTED_WORD, page_size=PAGE),
            url(f"{table}/thesis_passage.json", _search=INFLECTED_WORD, _size=PAGE, _shape="objects"),
            f"passages containing «{INFLECTED_WORD}» (ours: then any other form of дипломатия), first page of {PAGE}",
        ),
        Scenario(
            "thesis_passages",
            url("/api/passages/", thesis=thesis, page_size=THESIS_PAGE),
            url(f"{table}/thesis_passage.json", thesis_id=thesis, _sort="order", _size=THESIS_PAGE, _shape="objects"),
            "every passage of one thesis, in order, in one page, with the total count",
        ),
        Scenario(
            "dts_navigation",
            url("/api/dts/navigation/", resource=f"thesis/{large}", down=-1),
            url(
                f"{table}/thesis_passage.json",
                thesis_id=large,
                _col=["order", "section_id"],
                _sort="order",
                _size="max",
                _nocount=1,
                _shape="array",
            ),
            "the whole citation tree of a thesis of 2,000 passages (Datasette: the passages' order and section)",
        ),
        Scenario(
            "thesis_page",
            f"/theses/{thesis}/?section=all",
            None,
            "the reading site's page of thesis_passages's thesis whole: its contents, then every section's text",
        ),
        Scenario("tei_export", f"/api/theses/{thesis}/tei.xml", None, "the same thesis as a TEI P5 document"),
        Scenario(
            "dts_document",
            url("/api/dts/document/", resource=f"thesis/{thesis}"),
            None,
            "the same thesis as DTS serves its document: TEI with its citeStructure",
        ),
    ]


def url(path: str, **params) -> str:
    """A path with its query string, every non-ASCII character percent-encoded; a list is a repeated parameter."""
    return f"{path}?{urlencode(params, doseq=True, quote_via=quote)}" if params else path


def reading_paths(thesis: int, passage: int, order: int) -> list[str]:
    """What a reader of one thesis asks for, pages and API answers, each keyed on that thesis's own data version."""
    return [
        f"/theses/{thesis}/",
        f"/theses/{thesis}/passages/{order}/",
        f"/api/theses/{thesis}/",
        f"/api/passages/{passage}/",
        f"/api/theses/{thesis}/tei.xml",
        url("/api/dts/document/", resource=f"thesis/{thesis}"),
        url("/api/dts/navigation/", resource=f"thesis/{thesis}", down=-1),
    ]


def admin_scenarios(targets: dict) -> list[Scenario]:
    """The editorial admin's busiest pages, as a signed-in editor sees them (bench/inprocess.py signs one in)."""
    passage = targets["passage"]
    return [
        Scenario("admin_index", "/admin/", None, "the admin's index: each thesis's progress and next passage to check"),
        Scenario(
            "admin_passages",
            "/admin/thesis/passage/",
            None,
            "the passage list: the first page of every passage, with each one's open suspects and the filters",
        ),
        Scenario(
            "admin_passage",
            f"/admin/thesis/passage/{passage}/change/",
            None,
            "passage_detail's passage in the admin: the original beside the text, diffs, its suspects, the next one",
        ),
    ]
