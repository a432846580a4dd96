"""The requests the benchmark makes: each of ours beside the closest Datasette request for the same rows.

bench/README.md explains where the two differ.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

DATASETTE_DB = "corpus"
SEARCH_WORD = "ядролық"
YEAR_FROM, YEAR_TO = 1900, 1950
PAGE = 50


@dataclass(frozen=True)
class Scenario:
    name: str
    ours: str
    datasette: str
    what: str


def scenarios(targets: dict) -> list[Scenario]:
    """The requests, for the thesis and passage chosen in this corpus (see inprocess.choose_targets)."""
    thesis, passage = targets["thesis"], targets["passage"]
    table = f"/{DATASETTE_DB}"
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
            url(
                f"{table}/thesis_timelineevent.json",
                thesis_id=thesis,
                _sort="start_year",
                _size="max",
                _nocount=1,
                _shape="array",
            ),
            "every event of one thesis (ours as a TimelineJS document), no count",
        ),
    ]


def url(path: str, **params) -> str:
    """A path with its query string, every non-ASCII character percent-encoded."""
    return f"{path}?{urlencode(params, quote_via=quote)}" if params else path
