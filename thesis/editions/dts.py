"""DTS 1.0 over the archive: its identifiers, the rules of its query parameters, and the JSON-LD
objects of its collection and navigation endpoints.

The collections: a root (`theses`) holds a collection per kind of thesis (`theses/diploma`), which
holds a Resource per thesis (`thesis/1`); an object's @id is the absolute IRI of that short
identifier (Links.iri), and the parameters take either. A thesis's identifier names no group, so that groups by
language (`theses/kk`) can be added beside the kinds without renaming a Resource. The citation tree
is thesis.text.citetree's: section > subsection > paragraph, identifiers such as 1.4.2."""

import re
from dataclasses import dataclass
from math import ceil
from urllib.parse import parse_qs, quote, urlsplit

from django.db.models import Count

from ..models import Section, Thesis
from ..text import citetree
from ..text.citetree import Division, Unit
from .export import heading_line
from .tree import citation_tree

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
TEI = "application/tei+xml"
PLAIN_TEXT = "text/plain"
MEDIA_TYPES = (TEI, PLAIN_TEXT)
ROOT = "theses"
GROUP_PREFIX = "theses/"
RESOURCE_PREFIX = "thesis/"
COLLECTION_PAGE_SIZE = 100
NAVIGATION_PAGE_SIZE = 1000
NAVIGATION_CHOICES = ("children", "parents")
ROOT_TITLES = {"en": "Theses", "kk": "Ғылыми жұмыстар"}
GROUP_TITLES = {
    Thesis.Kind.DIPLOMA: {"en": "Diploma works", "kk": "Дипломдық жұмыстар"},
    Thesis.Kind.MASTER: {"en": "Master's theses", "kk": "Магистрлік диссертациялар"},
    Thesis.Kind.DOCTORAL: {"en": "Doctoral dissertations", "kk": "Докторлық диссертациялар"},
}
# The largest numbers the parameters take: nine digits, past any tree and any page.
WHOLE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
DOWN = re.compile(r"-1|0|[1-9][0-9]{0,8}")


class DtsError(Exception):
    """A request DTS refuses: 400 or 404, the parameter at fault, and why. `combined` marks the 400s
    of parameters each valid alone but not together, which no OpenAPI schema can say."""

    def __init__(self, status: int, parameter: str, message: str, combined: bool = False):
        super().__init__(message)
        self.status = status
        self.parameter = parameter
        self.message = message
        self.combined = combined


def bad(parameter: str, message: str, combined: bool = False) -> DtsError:
    return DtsError(400, parameter, message, combined)


def not_found(parameter: str, message: str) -> DtsError:
    return DtsError(404, parameter, message)


# --- identifiers ------------------------------------------------------------------------------


def resource_id(thesis_id: int) -> str:
    return f"{RESOURCE_PREFIX}{thesis_id}"


def group_id(kind: str) -> str:
    return f"{GROUP_PREFIX}{kind}"


def thesis_pk(identifier: str) -> int | None:
    """The thesis a Resource identifier names, or None."""
    number = identifier.removeprefix(RESOURCE_PREFIX)
    return int(number) if identifier.startswith(RESOURCE_PREFIX) and WHOLE_NUMBER.fullmatch(number) else None


def group_kind(identifier: str) -> str | None:
    """The kind of thesis a group identifier names, or None."""
    kind = identifier.removeprefix(GROUP_PREFIX)
    return kind if identifier.startswith(GROUP_PREFIX) and kind in Thesis.Kind.values else None


# --- query parameters -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A navigation or document request, its parameters checked against each other."""

    resource: str
    ref: str | None = None
    start: str | None = None
    end: str | None = None
    down: int | None = None
    tree: str | None = None
    page: int = 1
    media_type: str = TEI


def value(params, name: str) -> str | None:
    """A parameter's value; an empty one is none, as everywhere in the API."""
    found = params.get(name)
    return str(found) if found not in (None, "") else None


def page_number(params) -> int:
    """The page asked for; a page that is no page is a 404, as DRF answers for the rest of the API."""
    text = value(params, "page")
    if text is None:
        return 1
    if not WHOLE_NUMBER.fullmatch(text):
        raise not_found("page", f"Invalid page {text!r}: pages are numbered from 1.")
    return int(text)


def down_of(params) -> int | None:
    """The depth asked for. An empty down is 0, not none: RFC 6570 leaves an undefined variable out of
    the expansion, and Python's uritemplate, which MyDapytains and the DTS validator expand with,
    writes the integer 0 as `down=`, taking it for an empty value."""
    if params.get("down") == "":
        return 0
    text = value(params, "down")
    if text is not None and not DOWN.fullmatch(text):
        raise bad("down", "down is -1 (to the bottom of the tree), 0 (a ref's siblings) or a depth from 1.")
    return None if text is None else int(text)


def ranged_query(params, **rest) -> Query:
    """The parameters both endpoints share, with the spec's 400s for resource, ref, start and end."""
    resource, ref, start, end = (value(params, name) for name in ("resource", "ref", "start", "end"))
    if resource is None:
        raise bad("resource", "resource is required: the identifier of a thesis, as the collection lists it.")
    if ref and (start or end):
        raise bad("ref", "ref names one unit; start and end a range: give one or the other.", combined=True)
    if bool(start) != bool(end):
        missing = "end" if start else "start"
        raise bad(missing, "A range needs both start and end.", combined=True)
    return Query(resource, ref, start, end, tree=value(params, "tree"), **rest)


def navigation_query(params) -> Query:
    """A navigation request, refused as the spec's table of down, ref and start/end says."""
    query = ranged_query(params, down=down_of(params), page=page_number(params))
    if query.down is None and not (query.ref or query.start):
        raise bad("down", "Give down, ref, or start and end: the root of the tree is no unit.", combined=True)
    if query.down == 0 and not query.ref:
        raise bad("down", "down=0 lists the siblings of a ref, and needs ref.", combined=True)
    return query


def document_query(params) -> Query:
    """A document request; a media type it is not served in is a 404, as the spec says."""
    asked = value(params, "mediaType") or TEI
    media_type = served_media_type(asked)
    query = ranged_query(params, media_type=media_type)
    if media_type is None:
        raise not_found("mediaType", f"A thesis is served as {' or '.join(MEDIA_TYPES)}, not {asked!r}.")
    # The spec: a tree without ref, start or end has no effect.
    return query if query.ref or query.start else Query(query.resource, media_type=media_type)


def served_media_type(text: str) -> str | None:
    """The served media type `text` names, or None. Type and subtype are read in any case, as RFC 9110
    says; a parameter must be one the answer carries: a charset of UTF-8, in any case, quoted or not."""
    kind, *parameters = text.split(";")
    kind = kind.strip().lower()
    if kind not in MEDIA_TYPES:
        return None
    for parameter in parameters:
        name, equals, found = parameter.partition("=")
        if (name.strip().lower(), equals, found.strip().strip('"').lower()) != ("charset", "=", "utf-8"):
            return None
    return kind


def check_tree(query: Query) -> None:
    """A thesis has one citation tree, the default, which has no identifier: any tree named is unknown."""
    if query.tree is not None:
        raise not_found("tree", f"No citation tree {query.tree!r}: a thesis has only its default tree.")


# --- the citation tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The units a query names: one ref, or a range from start to end."""

    ref: Unit | None = None
    start: Unit | None = None
    end: Unit | None = None

    def units(self, roots: list[Unit]) -> list[Unit]:
        """What the selection covers, in document order: the ref's subtree, or the range's span."""
        first, last = (self.ref, self.ref) if self.ref else (self.start, self.end)
        return citetree.span(roots, first, last)


def select(roots: list[Unit], query: Query) -> Selection:
    """The units the query names; 404 for an identifier not in the tree, or a range that runs backwards
    (a range that matches no part of the tree, in the spec's words for the document endpoint)."""
    check_tree(query)
    units = citetree.index(roots)
    for name in ("ref", "start", "end"):
        identifier = getattr(query, name)
        if identifier is not None and identifier not in units:
            raise not_found(name, f"No unit {identifier!r} in this thesis's citation tree.")
    selection = Selection(*(units.get(getattr(query, name)) for name in ("ref", "start", "end")))
    if selection.start and not citetree.span(roots, selection.start, selection.end):
        raise not_found("end", f"The unit {query.end!r} comes before {query.start!r}: no range runs backwards.")
    return selection


def members(roots: list[Unit], selection: Selection, down: int | None) -> list[Unit] | None:
    """The spec's table of down, ref and start/end: None where it says no member property.

    down=N from a ref lists the ref itself and N levels below it, and from start/end the span to N
    levels below the deeper of the two, as the spec's examples 3 to 6 show."""
    if down is None:
        return None
    if selection.ref and down == 0:
        return list(citetree.siblings(roots, selection.ref))
    if selection.ref:
        units, top = citetree.walk([selection.ref]), selection.ref.level
    elif selection.start:
        units = citetree.span(roots, selection.start, selection.end)
        top = max(selection.start.level, selection.end.level)
    else:
        units, top = citetree.walk(roots), 0
    return citetree.to_depth(units, None if down == -1 else top + down)


def page_bounds(count: int, number: int, size: int) -> tuple[slice, int]:
    """The slice of `count` items page `number` holds, and how many pages there are (one when empty)."""
    pages = max(1, ceil(count / size))
    if number > pages:
        raise not_found("page", f"There is no page {number}: the last is {pages}.")
    return slice((number - 1) * size, number * size), pages


# --- the JSON-LD objects ----------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """The endpoints' absolute URLs, which only the request knows; `download` holds {id} for a thesis."""

    collection: str
    navigation: str
    document: str
    download: str

    def entry(self) -> dict:
        return {
            "collection": f"{self.collection}{{?id,page,nav}}",
            "navigation": f"{self.navigation}{{?resource,ref,start,end,down,tree,page}}",
            "document": f"{self.document}{{?resource,ref,start,end,tree,mediaType}}",
        }

    def of_collection(self, identifier: str) -> str:
        return f"{self.collection}?id={quoted(identifier)}{{&page,nav}}"

    def of_resource(self, identifier: str) -> dict:
        return {
            "collection": self.of_collection(identifier),
            "navigation": f"{self.navigation}?resource={quoted(identifier)}{{&ref,start,end,down,tree,page}}",
            "document": f"{self.document}?resource={quoted(identifier)}{{&ref,start,end,tree,mediaType}}",
        }

    def collection_of(self, identifier: str) -> str:
        """The Collection endpoint's URL for one object, as the document endpoint's Link header gives it."""
        return f"{self.collection}?id={quoted(identifier)}"

    def iri(self, identifier: str) -> str:
        """The absolute IRI an object's @id holds, which JSON-LD resolves alike from every endpoint:
        its URL in the collection endpoint, where the object answers itself."""
        return self.collection_of(identifier)

    def local(self, identifier: str) -> str:
        """The short identifier (thesis/1) one of our IRIs holds; any other text as it is, so that
        the parameters take either."""
        parts = urlsplit(identifier)
        if parts.scheme and parts.path == urlsplit(self.collection).path:
            return parse_qs(parts.query).get("id", [identifier])[0]
        return identifier


def quoted(identifier: str) -> str:
    # The identifiers' slashes are safe in a query; anything else a template could misread is escaped.
    return quote(identifier, safe="/")


def titles(values: dict[str, str]) -> list[dict]:
    return [{"lang": lang, "value": text} for lang, text in values.items()]


def root_object(group_count: int, links: Links) -> dict:
    return {
        "@id": links.iri(ROOT),
        "@type": "Collection",
        "dtsVersion": VERSION,
        "title": ROOT_TITLES["en"],
        "totalParents": 0,
        "totalChildren": group_count,
        "dublinCore": {"title": titles(ROOT_TITLES)},
        "collection": links.entry()["collection"],
    }


def group_object(kind: str, thesis_count: int, links: Links) -> dict:
    identifier = group_id(kind)
    return {
        "@id": links.iri(identifier),
        "@type": "Collection",
        "dtsVersion": VERSION,
        "title": GROUP_TITLES[kind]["en"],
        "totalParents": 1,
        "totalChildren": thesis_count,
        "dublinCore": {"title": titles(GROUP_TITLES[kind])},
        "collection": links.of_collection(identifier),
    }


def resource_object(thesis: Thesis, structure: list[dict], links: Links) -> dict:
    """A thesis as a DTS Resource. Its author is not recorded in the archive, so no creator is given."""
    identifier = resource_id(thesis.pk)
    return {
        "@id": links.iri(identifier),
        "@type": "Resource",
        "dtsVersion": VERSION,
        "title": thesis.title,
        "description": str(thesis.get_kind_display()),
        "totalParents": 1,
        "totalChildren": 0,
        "dublinCore": {
            "title": [{"lang": thesis.language, "value": thesis.title}],
            "language": [thesis.language],
        },
        **links.of_resource(identifier),
        "download": links.download.format(id=thesis.pk),
        "mediaTypes": list(MEDIA_TYPES),
        # A document without a citation tree has none to list, the spec says, rather than an empty one.
        "citationTrees": [{"@type": "CitationTree", "citeStructure": structure}] if structure else [],
    }


def citable_unit(unit: Unit, headings: dict[int, str], lang: str) -> dict:
    """A unit as a DTS CitableUnit; a division's heading is its title."""
    found = {
        "identifier": unit.identifier,
        "@type": "CitableUnit",
        "level": unit.level,
        "parent": unit.parent.identifier if unit.parent else None,
        "citeType": unit.cite_type,
    }
    heading = None if unit.is_paragraph else headings.get(unit.record_id)
    if heading:
        found["dublinCore"] = {"title": [{"lang": lang, "value": heading}]}
    return found


# --- reading the archive ----------------------------------------------------------------------


def thesis_for(identifier: str, parameter: str) -> Thesis:
    """The thesis a Resource identifier names; 404 naming the parameter that gave it."""
    pk = thesis_pk(identifier)
    thesis = Thesis.objects.filter(pk=pk).only("pk", "title", "language", "kind").first() if pk else None
    if thesis is None:
        raise not_found(parameter, f"No resource {identifier!r}.")
    return thesis


def group_counts() -> dict[str, int]:
    """How many theses of each kind there are, the kinds with none left out, in the kinds' order."""
    counts = dict(Thesis.objects.order_by().values_list("kind").annotate(number=Count("pk")))
    return {kind: counts[kind] for kind in Thesis.Kind.values if counts.get(kind)}


def cite_structures(thesis_ids) -> dict[int, list[dict]]:
    """Each thesis's citeStructure, from its sections alone, in one query for all of them."""
    divisions: dict[int, list[Division]] = {pk: [] for pk in thesis_ids}
    rows = Section.objects.filter(thesis_id__in=divisions).values_list("thesis_id", "id", "parent_id", "order")
    for thesis_id, *division in rows:
        divisions[thesis_id].append(Division(*division))
    return {pk: citetree.cite_structure(citetree.build(found, [])) for pk, found in divisions.items()}


def headings(thesis: Thesis) -> dict[int, str]:
    """Each section's heading as the reading text prints it, by section id."""
    sections = Section.objects.filter(thesis=thesis).only("id", "kind", "label", "number", "title")
    return {section.pk: heading_line(section) for section in sections}


@dataclass
class Answer:
    """An endpoint's object, and how many pages its members run to."""

    body: dict
    pages: int = 1


def collection(identifier: str, nav: str, page: int, links: Links) -> Answer:
    """The collection endpoint's answer for the root, a group or a Resource; 404 for anything else."""
    identifier = links.local(identifier)
    if identifier == ROOT:
        counts = group_counts()
        members = [group_object(kind, count, links) for kind, count in counts.items()] if nav == "children" else []
        return paged(root_object(len(counts), links), members, page)
    kind = group_kind(identifier)
    if kind is not None:
        counts = group_counts()
        if nav == "parents":
            return paged(group_object(kind, counts.get(kind, 0), links), [root_object(len(counts), links)], page)
        return group_page(kind, counts.get(kind, 0), page, links)
    thesis = thesis_for(identifier, "id")
    found = resource_object(thesis, cite_structures([thesis.pk])[thesis.pk], links)
    parents = [group_object(thesis.kind, group_counts()[thesis.kind], links)] if nav == "parents" else []
    return paged(found, parents, page)


def paged(body: dict, members: list[dict], page: int) -> Answer:
    window, pages = page_bounds(len(members), page, COLLECTION_PAGE_SIZE)
    return Answer({**body, "member": members[window]}, pages)


def group_page(kind: str, count: int, page: int, links: Links) -> Answer:
    """A page of a kind's theses, each with its citation tree: three queries whatever the page holds."""
    window, pages = page_bounds(count, page, COLLECTION_PAGE_SIZE)
    theses = list(Thesis.objects.filter(kind=kind).only("pk", "title", "language", "kind").order_by("pk")[window])
    structures = cite_structures([thesis.pk for thesis in theses])
    members = [resource_object(thesis, structures[thesis.pk], links) for thesis in theses]
    return Answer({**group_object(kind, count, links), "member": members}, pages)


def navigation(query: Query, links: Links) -> Answer:
    """The navigation endpoint's answer: the Resource, the units named, and the members the table gives."""
    thesis = thesis_for(links.local(query.resource), "resource")
    check_tree(query)
    roots = citation_tree(thesis)
    selection = select(roots, query)
    found = members(roots, selection, query.down)
    by_section = headings(thesis)
    body = {
        "@type": "Navigation",
        "dtsVersion": VERSION,
        "resource": resource_object(thesis, citetree.cite_structure(roots), links),
    }
    for name in ("ref", "start", "end"):
        unit = getattr(selection, name)
        if unit is not None:
            body[name] = citable_unit(unit, by_section, thesis.language)
    if found is None:
        page_bounds(0, query.page, NAVIGATION_PAGE_SIZE)
        return Answer(body)
    window, pages = page_bounds(len(found), query.page, NAVIGATION_PAGE_SIZE)
    body["member"] = [citable_unit(unit, by_section, thesis.language) for unit in found[window]]
    return Answer(body, pages)
