"""Which thesis an answer shows, from its address alone: then it is keyed on that thesis's own data version.

A scope is ("thesis", id), or a record of one thesis by its id (("passage", id), ("author", id), ...),
whose thesis the version's query reads with it (thesis/derived/dataversion.py). Only addresses
whose answer shows one thesis and nothing of another are scoped: a thesis's pages, documents and
record details, and its records' pages. Everything else (lists, search, people, the timeline, the
sitemaps, the home pages, DTS collections, any address not recognised) is None and keyed on the
archive's version, which every change bumps, and so is never wrong.
"""

import re
from urllib.parse import parse_qs

from thesis.editions.dts import thesis_pk

# An id as the routes write it, within what every database's integer column holds.
ID = r"([1-9][0-9]{0,8})"
API_ROUTES = [
    (re.compile(rf"theses/{ID}/(?:text/|suspects/|sources\.csl\.json|tei\.xml)?"), "thesis"),
    (re.compile(rf"sections/{ID}/"), "section"),
    (re.compile(rf"passages/{ID}/(?:history/)?"), "passage"),
    (re.compile(rf"sources/{ID}/"), "source"),
    (re.compile(rf"authors/{ID}/"), "author"),
    (re.compile(rf"timeline/{ID}/"), "event"),
]
# The DTS endpoints that answer about the one thesis their `resource` names.
DTS_OF_RESOURCE = {"dts/navigation/", "dts/document/"}
READING_ROUTES = [
    (re.compile(rf"/theses/{ID}/(?:passages/[0-9]+/)?"), "thesis"),
    (re.compile(rf"/people/{ID}/"), "author"),
    (re.compile(rf"/sources/{ID}/"), "source"),
]


def scope(path: str, query: str, api_prefix: str) -> tuple[str, int] | None:
    """The scope of a GET of `path` with `query` (the query string as sent); None: the whole archive."""
    if path.startswith(api_prefix):
        inside = path[len(api_prefix) :]
        if inside in DTS_OF_RESOURCE:
            return dts_scope(query)
        return matched(API_ROUTES, inside)
    return matched(READING_ROUTES, path)


def matched(routes, path: str) -> tuple[str, int] | None:
    for pattern, kind in routes:
        found = pattern.fullmatch(path)
        if found:
            return kind, int(found[1])
    return None


def dts_scope(query: str) -> tuple[str, int] | None:
    """The thesis a DTS request's one `resource` names by its short identifier (thesis/1)."""
    resources = parse_qs(query, keep_blank_values=True).get("resource", [])
    pk = thesis_pk(resources[0]) if len(resources) == 1 else None
    return None if pk is None else ("thesis", pk)
