"""The DTS endpoints over HTTP: their objects and content types, the spec's error table, ETags and
304s, and queries that do not grow with a 2,000-passage thesis."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from uritemplate import URITemplate

from thesis.editions.dts_document import DTS_NS, TEI_NS
from thesis.models import Thesis

from .conftest import assert_valid_tei, skip_or_fail, synthetic_thesis
from .test_tei import LISTED, cited_identifiers, plain_thesis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

JSON_LD = "application/ld+json"
ENTRY = "/api/dts/"
COLLECTION = "/api/dts/collection/"
NAVIGATION = "/api/dts/navigation/"
DOCUMENT = "/api/dts/document/"


@pytest.fixture
def resource(seed_thesis):
    return f"thesis/{seed_thesis.pk}"


def iri(identifier: str) -> str:
    return f"http://testserver{COLLECTION}?id={identifier}"


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"] == JSON_LD
    return response.json()


def test_the_entry_point_gives_absolute_templates_with_every_parameter(client):
    entry = get_json(client, ENTRY)
    assert entry["@context"] == "https://dtsapi.org/context/v1.0.json"
    assert (entry["@type"], entry["dtsVersion"], entry["@id"]) == ("EntryPoint", "1.0", "http://testserver/api/dts/")
    variables = {
        name: set(URITemplate(entry[name]).variable_names) for name in ("collection", "navigation", "document")
    }
    assert variables == {
        "collection": {"id", "page", "nav"},
        "navigation": {"resource", "ref", "start", "end", "down", "tree", "page"},
        "document": {"resource", "ref", "start", "end", "tree", "mediaType"},
    }
    assert entry["collection"].startswith("http://testserver/api/dts/collection/")


def test_the_root_holds_a_collection_per_kind_and_it_the_theses(client, resource):
    root = get_json(client, COLLECTION)
    assert (root["@id"], root["@type"], root["totalParents"], root["totalChildren"]) == (
        iri("theses"),
        "Collection",
        0,
        1,
    )
    [group] = root["member"]
    assert (group["@id"], group["totalChildren"]) == (iri("theses/diploma"), 1)
    kind = get_json(client, URITemplate(group["collection"]).expand())
    [thesis] = kind["member"]
    assert thesis["@id"] == iri(resource)
    assert (thesis["@type"], thesis["totalParents"], thesis["totalChildren"], thesis["dtsVersion"]) == (
        "Resource",
        1,
        0,
        "1.0",
    )


def test_a_resource_carries_its_metadata_links_and_tree(client, resource, seed_thesis):
    found = get_json(client, COLLECTION, {"id": resource})
    assert found["title"] == seed_thesis.title
    assert found["dublinCore"]["title"] == [{"lang": "kk", "value": seed_thesis.title}]
    assert found["dublinCore"]["language"] == ["kk"]
    assert found["mediaTypes"] == ["application/tei+xml", "text/plain"]
    assert found["download"] == f"http://testserver/api/theses/{seed_thesis.pk}/tei.xml"
    assert found["member"] == []
    [tree] = found["citationTrees"]
    # Uneven, as the spec's thesis example: a section holds paragraphs and subsections of paragraphs.
    assert tree["citeStructure"] == [
        {
            "citeType": "section",
            "citeStructure": [
                {"citeType": "paragraph"},
                {"citeType": "subsection", "citeStructure": [{"citeType": "paragraph"}]},
            ],
        }
    ]
    assert set(URITemplate(found["navigation"]).variable_names) >= {"ref", "start", "end", "down"}
    assert "nav" in URITemplate(found["collection"]).variable_names


def test_an_object_is_named_by_an_absolute_iri_and_found_by_it_or_its_short_identifier(client, resource):
    # JSON-LD resolves a relative @id against each answer's own URL: the same thesis would be two things.
    found = get_json(client, COLLECTION, {"id": resource})
    assert found["@id"] == iri(resource)
    assert get_json(client, COLLECTION, {"id": found["@id"]}) == found
    for other in ("theses", "theses/diploma"):
        assert get_json(client, COLLECTION, {"id": iri(other)})["@id"] == iri(other)
    by_iri = navigate(client, found["@id"], ref="1.4", down=0)
    assert by_iri["resource"] == navigate(client, resource, ref="1.4", down=0)["resource"]
    document = client.get(DOCUMENT, {"resource": found["@id"], "ref": "1.4", "mediaType": "text/plain"})
    assert document.status_code == 200 and document["Link"] == f'<{iri(resource)}>; rel="collection"'
    assert get_json(client, COLLECTION, {"id": iri("thesis/987654")}, 404)


def test_parents(client, resource):
    assert [m["@id"] for m in get_json(client, COLLECTION, {"id": resource, "nav": "parents"})["member"]] == [
        iri("theses/diploma")
    ]
    assert [m["@id"] for m in get_json(client, COLLECTION, {"id": "theses/diploma", "nav": "parents"})["member"]] == [
        iri("theses")
    ]
    assert get_json(client, COLLECTION, {"nav": "parents"})["member"] == []


@pytest.mark.parametrize(
    "params, status, parameter",
    [
        ({"id": "thesis/987654"}, 404, None),
        ({"id": "nothing"}, 404, None),
        ({"id": "theses", "page": "2"}, 404, None),
        ({"id": "theses", "page": "x"}, 404, None),
        ({"nav": "siblings"}, 400, "nav"),
    ],
)
def test_collection_errors(client, seed_thesis, params, status, parameter):
    body = get_json(client, COLLECTION, params, status)
    assert parameter in body if parameter else "detail" in body


def test_a_long_collection_is_paginated(client, seed_thesis, monkeypatch):
    monkeypatch.setattr("thesis.editions.dts.COLLECTION_PAGE_SIZE", 1)
    synthetic_thesis(5)
    Thesis.objects.update(kind="master")
    first = get_json(client, COLLECTION, {"id": "theses/master"})
    assert first["totalChildren"] == 2 and len(first["member"]) == 1
    view = first["view"]
    # The spec requires all four links: null where there is no such page.
    assert (view["@type"], view["previous"]) == ("Pagination", None)
    second = get_json(client, view["next"])
    assert (second["view"]["previous"], second["view"]["next"]) == (view["first"], None)
    assert view["last"] == second["view"]["@id"]


def navigate(client, resource, **params):
    return get_json(client, NAVIGATION, {"resource": resource, **params})


def identifiers(found):
    return [unit["identifier"] for unit in found["member"]]


def test_navigation_members_follow_the_table(client, resource):
    assert identifiers(navigate(client, resource, down=1)) == ["1", "2"]
    assert identifiers(navigate(client, resource, ref="1.4", down=0)) == ["1.1", "1.2", "1.3", "1.4"]
    assert identifiers(navigate(client, resource, ref="2", down=-1)) == ["2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.1.4"]
    ranged = navigate(client, resource, start="1.4.4", end="2.1", down=1)
    assert identifiers(ranged) == ["1.4.4", "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.1.4"]
    assert (ranged["start"]["identifier"], ranged["end"]["identifier"]) == ("1.4.4", "2.1")


def test_a_client_expanding_down_0_with_python_s_uritemplate_gets_the_siblings(client, resource):
    template = get_json(client, COLLECTION, {"id": resource})["navigation"]
    url = URITemplate(template).expand(ref="1.2", down=0)
    assert url.endswith("&ref=1.2&down=")  # uritemplate takes the integer 0 for an empty value
    assert identifiers(get_json(client, url)) == ["1.1", "1.2", "1.3", "1.4"]


def test_the_spec_table_beats_its_examples_a_ref_without_down_has_no_member(client, resource):
    found = navigate(client, resource, ref="1.4")
    assert "member" not in found
    assert found["ref"] == {
        "identifier": "1.4",
        "@type": "CitableUnit",
        "level": 2,
        "parent": "1",
        "citeType": "subsection",
        "dublinCore": {"title": [{"lang": "kk", "value": "Зерттеу жұмысының дерек көздері"}]},
    }
    ranged = navigate(client, resource, start="1.1", end="1.2")
    assert "member" not in ranged and ranged["end"]["identifier"] == "1.2"


def test_a_navigation_is_named_by_its_url_and_carries_the_resource(client, resource):
    found = navigate(client, resource, down=1)
    assert found["@id"].startswith("http://testserver/api/dts/navigation/?")
    assert (found["@type"], found["dtsVersion"], found["resource"]["@id"]) == ("Navigation", "1.0", iri(resource))
    assert found["resource"]["citationTrees"][0]["@type"] == "CitationTree"
    assert found["member"][0]["dublinCore"]["title"] == [{"lang": "kk", "value": "КІРІСПЕ"}]


@pytest.mark.parametrize(
    "params, status, parameter",
    [
        ({}, 400, "resource"),
        ({"resource": "R", "ref": "1", "start": "1", "end": "2"}, 400, "ref"),
        ({"resource": "R", "start": "1"}, 400, "end"),
        ({"resource": "R", "end": "1", "down": "1"}, 400, "start"),
        ({"resource": "R"}, 400, "down"),
        ({"resource": "R", "down": "0"}, 400, "down"),
        ({"resource": "R", "start": "1", "end": "2", "down": "0"}, 400, "down"),
        ({"resource": "R", "down": "-5"}, 400, "down"),
        ({"resource": "R", "ref": "3"}, 404, None),
        ({"resource": "R", "start": "1", "end": "7"}, 404, None),
        ({"resource": "R", "start": "2", "end": "1"}, 404, None),
        ({"resource": "R", "ref": "1", "tree": "pages"}, 404, None),
        ({"resource": "thesis/987654", "down": "1"}, 404, None),
        ({"resource": "theses/diploma", "down": "1"}, 404, None),
        ({"resource": "R", "down": "1", "page": "2"}, 404, None),
    ],
)
def test_the_navigation_error_table(client, resource, params, status, parameter):
    params = {name: resource if text == "R" else text for name, text in params.items()}
    body = get_json(client, NAVIGATION, params, status)
    assert parameter in body if parameter else "detail" in body


def test_the_plain_text_of_a_part_and_of_the_whole(client, resource, seed_thesis):
    response = client.get(DOCUMENT, {"resource": resource, "ref": "1.4", "mediaType": "text/plain"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Link"] == f'<http://testserver/api/dts/collection/?id={resource}>; rel="collection"'
    text = response.content.decode()
    assert text.startswith("Зерттеу жұмысының дерек көздері\n\n")
    whole = client.get(DOCUMENT, {"resource": resource, "mediaType": "text/plain"}).content.decode()
    assert text.strip() in whole
    ranged = client.get(DOCUMENT, {"resource": resource, "start": "1.4", "end": "2", "mediaType": "text/plain"})
    assert ranged.content.decode() == whole[whole.index("Зерттеу жұмысының дерек көздері") :]


@pytest.mark.parametrize(
    "media_type, served",
    [
        ("TEXT/PLAIN", "text/plain"),
        ("text/plain; charset=utf-8", "text/plain"),
        ("Application/TEI+XML", "application/tei+xml"),
    ],
)
def test_a_media_type_is_matched_as_one(client, resource, media_type, served):
    response = client.get(DOCUMENT, {"resource": resource, "ref": "1.4", "mediaType": media_type})
    assert response.status_code == 200
    assert response["Content-Type"] == f"{served}; charset=utf-8"


def test_the_tei_document_whole_and_a_part_in_the_wrapper(client, resource):
    whole = client.get(DOCUMENT, {"resource": resource})
    assert whole["Content-Type"] == "application/tei+xml; charset=utf-8"
    assert whole["Link"] == f'<http://testserver/api/dts/collection/?id={resource}>; rel="collection"'
    root = etree.fromstring(whole.content)
    assert root.tag == f"{{{TEI_NS}}}TEI" and root.find(f".//{{{DTS_NS}}}wrapper") is None
    part = etree.fromstring(client.get(DOCUMENT, {"resource": resource, "start": "1.4.4", "end": "2.1.1"}).content)
    [wrapper] = part.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    assert wrapper.tag == f"{{{DTS_NS}}}wrapper"
    assert [(element.tag.split("}")[1], element.get("n")) for element in wrapper] == [("p", "4"), ("div", "2")]
    assert [p.get("n") for p in wrapper.iter(f"{{{TEI_NS}}}p")] == ["4", "1"]


@pytest.mark.parametrize("listed", LISTED)
def test_a_thesis_with_nothing_to_list_is_valid_tei_whole_and_in_parts(client, listed, tei_schema):
    resource = f"thesis/{plain_thesis(listed).pk}"
    for params in ({}, {"ref": "2"}, {"ref": "2.2"}, {"start": "1.1", "end": "2.1"}):
        root = etree.fromstring(client.get(DOCUMENT, {"resource": resource, **params}).content)
        body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
        wrappers = body.findall(f"{{{DTS_NS}}}wrapper")
        assert len(wrappers) == (1 if params else 0), params
        # A part is the edition once its wrapper's elements take the wrapper's place.
        for wrapper in wrappers:
            body.extend(list(wrapper))
            body.remove(wrapper)
        assert_valid_tei(tei_schema, etree.ElementTree(root))


@pytest.mark.parametrize(
    "params, status, parameter",
    [
        ({}, 400, "resource"),
        ({"resource": "R", "ref": "1", "end": "2"}, 400, "ref"),
        ({"resource": "R", "start": "1"}, 400, "end"),
        ({"resource": "R", "mediaType": "text/html"}, 404, None),
        ({"resource": "R", "ref": "9", "mediaType": "text/plain"}, 404, None),
        ({"resource": "R", "ref": "1", "tree": "x", "mediaType": "text/plain"}, 404, None),
        ({"resource": "thesis/987654"}, 404, None),
    ],
)
def test_the_document_error_table(client, resource, params, status, parameter):
    params = {name: resource if text == "R" else text for name, text in params.items()}
    response = client.get(DOCUMENT, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert parameter in response.json() if parameter else "detail" in response.json()


def test_dts_answers_json_ld_whatever_the_client_accepts(client, resource):
    response = client.get(NAVIGATION, {"resource": resource, "down": "1"}, HTTP_ACCEPT="application/json")
    assert (response.status_code, response["Content-Type"]) == (200, JSON_LD)


@pytest.mark.parametrize(
    "url", [ENTRY, COLLECTION, NAVIGATION + "?down=1&resource=", DOCUMENT + "?mediaType=text/plain&resource="]
)
def test_etags_and_304s(client, resource, url):
    url = url + resource if url.endswith("=") else url
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


URLS = [
    (COLLECTION, {"id": "theses/diploma"}),
    (COLLECTION, {"id": "R"}),
    (NAVIGATION, {"resource": "R", "down": "-1"}),
    (NAVIGATION, {"resource": "R", "start": "1.2", "end": "3.1", "down": "1"}),
    (DOCUMENT, {"resource": "R", "ref": "2", "mediaType": "text/plain"}),
    (DOCUMENT, {"resource": "R", "start": "1.2", "end": "3.1", "mediaType": "text/plain"}),
    (DOCUMENT, {"resource": "R", "start": "1.2", "end": "3.1"}),
]


@pytest.mark.parametrize("url, params", URLS)
def test_queries_do_not_grow_with_the_thesis(client, url, params):
    counts = []
    for passages in (12, 2000):
        thesis = synthetic_thesis(passages)
        # The kind's collection holds only the thesis of the round.
        Thesis.objects.filter(pk=thesis.pk).update(kind="diploma")
        resolved = {name: f"thesis/{thesis.pk}" if text == "R" else text for name, text in params.items()}
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, resolved).status_code == 200
        counts.append(len(queries))
        Thesis.objects.filter(pk=thesis.pk).update(kind="master")
    # The TEI edition reads its records in a fixed number of queries of its own, the rest in a handful.
    assert counts[0] == counts[1] <= 24


@pytest.mark.parametrize("passages", [0, 60])
def test_a_client_building_the_tree_from_the_tei_gets_the_navigation_tree(client, seed_thesis, passages):
    # As MyDapytains does: the refsDecl's citeStructure evaluated over the document DTS serves.
    thesis = synthetic_thesis(passages) if passages else seed_thesis
    resource = f"thesis/{thesis.pk}"
    navigation = get_json(client, NAVIGATION, {"resource": resource, "down": -1})
    document = client.get(DOCUMENT, {"resource": resource})
    assert document.status_code == 200
    from_tei = cited_identifiers(etree.ElementTree(etree.fromstring(document.content)))
    assert len(from_tei) > 10
    assert from_tei == [member["identifier"] for member in navigation["member"]]


@pytest.mark.parametrize("passages", [0, 60])
def test_mydapytains_reads_the_navigation_tree_from_the_tei(client, seed_thesis, passages, tmp_path):
    # MyDapytains, the DTS reference implementation, resolves each reference with the first
    # citeStructure whose pattern fits: the tree it builds from our TEI is the one we serve.
    try:
        from dapytains.tei.document import Document
    except ImportError:
        skip_or_fail("MyDapytains (pip install dapytains==1.0.0rc4, as requirements-dev.txt pins it)")
    thesis = synthetic_thesis(passages) if passages else seed_thesis
    resource = f"thesis/{thesis.pk}"
    document = tmp_path / "edition.xml"
    document.write_bytes(client.get(DOCUMENT, {"resource": resource}).content)
    from_tei = [as_served(unit) for unit in walk_units(Document(str(document)).get_reffs())]
    served = get_json(client, NAVIGATION, {"resource": resource, "down": -1})["member"]
    assert len(from_tei) > 10
    assert from_tei == [titled(unit) for unit in served]


def walk_units(units):
    for unit in units:
        yield unit
        yield from walk_units(unit.children)


def as_served(unit) -> dict:
    """A unit of MyDapytains's tree as the navigation endpoint writes it; its kind is a citeData."""
    [kind] = unit.dublinCore["http://purl.org/dc/terms/type"]
    titles = unit.dublinCore.get("http://purl.org/dc/terms/title", [])
    return {
        "identifier": unit.ref,
        "@type": "CitableUnit",
        "level": unit.level,
        "parent": unit.parent,
        "citeType": kind,
        "title": " ".join(" ".join(titles).split()) or None,
    }


def titled(unit: dict) -> dict:
    """A served unit with its heading, if any, as a plain title."""
    found = {**unit, "title": None}
    if "dublinCore" in unit:
        [title] = found.pop("dublinCore")["title"]
        found["title"] = title["value"]
    return found


@pytest.fixture
def openapi(client):
    return client.get("/api/schema/", {"format": "json"}).json()


@pytest.mark.parametrize(
    "url, params",
    [
        (COLLECTION, {}),
        (COLLECTION, {"id": "theses/diploma"}),
        (COLLECTION, {"id": "R", "nav": "parents"}),
        (NAVIGATION, {"resource": "R", "ref": "1.4", "down": "-1"}),
        (ENTRY, {}),
    ],
)
def test_every_property_served_is_declared(client, resource, openapi, url, params):
    params = {name: resource if text == "R" else text for name, text in params.items()}
    served = get_json(client, url, params)
    schema = openapi["paths"][url]["get"]["responses"]["200"]["content"][JSON_LD]["schema"]
    assert undeclared(served, schema, openapi["components"]["schemas"]) == []


def undeclared(value, schema: dict, components: dict, where: str = "") -> list[str]:
    """The paths of the properties in `value` that `schema` does not name, down through its arrays,
    references and alternatives (chosen by @type)."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "oneOf" in schema:
        [schema] = [s for s in schema["oneOf"] if value["@type"] in s["properties"]["@type"]["enum"]]
    if isinstance(value, list):
        return [path for item in value for path in undeclared(item, schema.get("items", {}), components, where)]
    if not isinstance(value, dict):
        return []
    properties = schema.get("properties", {})
    found = [f"{where}.{name}" for name in value if name not in properties]
    for name, inner in value.items():
        if name in properties:
            found += undeclared(inner, properties[name], components, f"{where}.{name}")
    return found
