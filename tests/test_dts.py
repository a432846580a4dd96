"""The DTS rules without HTTP: identifiers, the spec's table of parameters, the members it gives, and
the TEI elements a part is cut from."""

import pytest
from lxml import etree

from thesis.editions import dts
from thesis.editions.dts import DtsError, Query, Selection, members, navigation_query, select
from thesis.editions.dts_document import DTS_NS, TEI_NS, fragment, wrapped
from thesis.text.citetree import Division, Paragraph, build, walk

# The seed's shape: 1 (three paragraphs and subsection 1.4 of four), 2 (subsection 2.1 of four).
DIVISIONS = [Division(1, None, 0), Division(2, 1, 1), Division(3, None, 2), Division(4, 3, 3)]
PARAGRAPHS = [Paragraph(10 + n, 1, n) for n in range(1, 4)]
PARAGRAPHS += [Paragraph(20 + n, 2, 3 + n) for n in range(1, 5)]
PARAGRAPHS += [Paragraph(40 + n, 4, 7 + n) for n in range(1, 5)]
ROOTS = build(DIVISIONS, PARAGRAPHS)


def ids(units):
    return [unit.identifier for unit in units]


def refused(params, parse=navigation_query) -> tuple[int, str, bool]:
    with pytest.raises(DtsError) as caught:
        parse(params)
    return caught.value.status, caught.value.parameter, caught.value.combined


def test_identifiers_name_a_thesis_or_a_kind():
    assert dts.thesis_pk(dts.resource_id(12)) == 12
    assert [dts.thesis_pk(text) for text in ("thesis/0", "thesis/x", "thesis/1.5", "12", "thesis/" + "9" * 10)] == [
        None
    ] * 5
    assert dts.group_kind(dts.group_id("master")) == "master"
    assert dts.group_kind("theses/kk") is None


@pytest.mark.parametrize(
    "params, refusal",
    [
        ({}, (400, "resource", False)),
        ({"resource": "", "down": "1"}, (400, "resource", False)),
        ({"resource": "r", "ref": "1", "start": "1", "end": "2"}, (400, "ref", True)),
        ({"resource": "r", "ref": "1", "end": "2"}, (400, "ref", True)),
        ({"resource": "r", "start": "1"}, (400, "end", True)),
        ({"resource": "r", "end": "1", "down": "1"}, (400, "start", True)),
        ({"resource": "r"}, (400, "down", True)),
        ({"resource": "r", "tree": "x"}, (400, "down", True)),
        ({"resource": "r", "down": "0"}, (400, "down", True)),
        ({"resource": "r", "start": "1", "end": "2", "down": "0"}, (400, "down", True)),
        ({"resource": "r", "down": "-2"}, (400, "down", False)),
        ({"resource": "r", "down": "one"}, (400, "down", False)),
        ({"resource": "r", "down": "1", "page": "0"}, (404, "page", False)),
    ],
)
def test_the_spec_refuses_these_navigation_queries(params, refusal):
    assert refused(params) == refusal


def test_empty_values_are_no_values_but_an_empty_down_is_0():
    # A templating client leaves out what it has no value for; Python's uritemplate expands down=0 as "down=".
    assert navigation_query({"resource": "r", "ref": "1", "start": "", "end": "", "tree": "", "page": ""}) == Query(
        "r", ref="1"
    )
    assert navigation_query({"resource": "r", "ref": "1", "down": ""}) == Query("r", ref="1", down=0)
    assert refused({"resource": "r", "start": "1", "end": "2", "down": ""}) == (400, "down", True)


def test_document_queries():
    assert dts.document_query({"resource": "r"}) == Query("r")
    assert dts.document_query({"resource": "r", "ref": "1", "mediaType": "text/plain"}).media_type == "text/plain"
    # The spec: tree has no effect without ref, start or end.
    assert dts.document_query({"resource": "r", "tree": "x"}).tree is None
    assert refused({"resource": "r", "mediaType": "text/html"}, dts.document_query) == (404, "mediaType", False)
    assert refused({"resource": "r", "start": "1"}, dts.document_query) == (400, "end", True)


@pytest.mark.parametrize(
    "asked, served",
    [
        ("text/plain", "text/plain"),
        ("TEXT/Plain", "text/plain"),
        ("text/plain; charset=utf-8", "text/plain"),
        ("text/plain;charset=UTF-8", "text/plain"),
        (' application/TEI+xml ; charset="utf-8"', "application/tei+xml"),
        ("text/plain; charset=latin-1", None),
        ("text/plain; format=flowed", None),
        ("text/plain; charset", None),
        ("text/html", None),
        ("text/plain/x", None),
    ],
)
def test_media_types_are_matched_as_media_types(asked, served):
    assert dts.served_media_type(asked) == served


def selection(**names) -> Selection:
    return select(ROOTS, Query("r", **names))


@pytest.mark.parametrize(
    "names, down, expected",
    [
        # down absent: no member property, whatever is named.
        ({"ref": "1.4"}, None, None),
        ({"start": "1.2", "end": "2"}, None, None),
        # down=0 with ref: the ref and its siblings.
        ({"ref": "1.4"}, 0, ["1.1", "1.2", "1.3", "1.4"]),
        ({"ref": "2"}, 0, ["1", "2"]),
        # down=N from the root: the top N levels.
        ({}, 1, ["1", "2"]),
        ({}, 2, ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1"]),
        # down=N from a ref: the ref and N levels below it.
        ({"ref": "1"}, 1, ["1", "1.1", "1.2", "1.3", "1.4"]),
        ({"ref": "1.4"}, 5, ["1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4"]),
        ({"ref": "1.4.2"}, -1, ["1.4.2"]),
        # down=N from a range: the span to N levels below the deeper end.
        ({"start": "1", "end": "2"}, 1, ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1"]),
        ({"start": "1.4.4", "end": "2.1.1"}, 1, ["1.4.4", "2", "2.1", "2.1.1"]),
        ({"start": "1.3", "end": "2.1"}, -1, ["1.3", "1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "2", "2.1"]
         + ["2.1.1", "2.1.2", "2.1.3", "2.1.4"]),
    ],
)  # fmt: skip
def test_the_members_the_spec_table_gives(names, down, expected):
    found = members(ROOTS, selection(**names), down)
    assert (found if found is None else ids(found)) == expected


def test_the_whole_tree_in_document_order():
    assert ids(members(ROOTS, Selection(), -1)) == ids(walk(ROOTS))


@pytest.mark.parametrize(
    "names, parameter",
    [
        ({"ref": "3"}, "ref"),
        ({"start": "1", "end": "9"}, "end"),
        ({"start": "2", "end": "1"}, "end"),
        ({"tree": "x"}, "tree"),
    ],
)
def test_unknown_units_trees_and_backward_ranges_are_404s(names, parameter):
    with pytest.raises(DtsError) as caught:
        selection(**names)
    assert (caught.value.status, caught.value.parameter) == (404, parameter)


def test_pages():
    assert dts.page_bounds(0, 1, 10) == (slice(0, 10), 1)
    assert dts.page_bounds(25, 3, 10) == (slice(20, 30), 3)
    with pytest.raises(DtsError):
        dts.page_bounds(25, 4, 10)


def test_the_structure_of_a_resource_and_its_units():
    links = dts.Links("https://x/c/", "https://x/n/", "https://x/d/", "https://x/t/{id}/tei.xml")
    assert (
        links.of_resource("thesis/3")["navigation"] == "https://x/n/?resource=thesis/3{&ref,start,end,down,tree,page}"
    )
    unit = dts.citable_unit(select(ROOTS, Query("r", ref="1.4")).ref, {2: "Дерек көздері"}, "kk")
    assert unit == {
        "identifier": "1.4",
        "@type": "CitableUnit",
        "level": 2,
        "parent": "1",
        "citeType": "subsection",
        "dublinCore": {"title": [{"lang": "kk", "value": "Дерек көздері"}]},
    }
    paragraph = dts.citable_unit(select(ROOTS, Query("r", ref="2.1.1")).ref, {}, "kk")
    assert "dublinCore" not in paragraph and paragraph["parent"] == "2.1"


# --- TEI parts --------------------------------------------------------------------------------


def edition():
    """An edition shaped as the TEI export writes one: a div per division, a p per paragraph, each @n."""
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    etree.SubElement(tei, f"{{{TEI_NS}}}teiHeader")
    body = etree.SubElement(etree.SubElement(tei, f"{{{TEI_NS}}}text"), f"{{{TEI_NS}}}body")

    def write(parent, units):
        for unit in units:
            element = etree.SubElement(parent, f"{{{TEI_NS}}}{'p' if unit.is_paragraph else 'div'}", n=unit.n)
            if unit.is_paragraph:
                element.text = unit.identifier
            else:
                etree.SubElement(element, f"{{{TEI_NS}}}head").text = f"head {unit.identifier}"
                write(element, unit.children)

    write(body, ROOTS)
    return etree.ElementTree(tei)


def texts(element) -> list[str]:
    return [node.text for node in element.iter(f"{{{TEI_NS}}}head", f"{{{TEI_NS}}}p")]


def test_a_ref_is_its_element_whole():
    tree = edition()
    body = tree.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    chosen = selection(ref="1.4").units(ROOTS)
    [element] = fragment(body, chosen)
    assert texts(element) == ["head 1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4"]


def test_a_range_keeps_the_heading_of_the_end_s_ancestors_and_nothing_past_the_end():
    tree = edition()
    body = tree.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    elements = fragment(body, selection(start="1.4.3", end="2.1.2").units(ROOTS))
    assert [texts(element) for element in elements] == [["1.4.3"], ["1.4.4"], ["head 2", "head 2.1", "2.1.1", "2.1.2"]]


def test_the_wrapper_replaces_the_body_and_keeps_the_header():
    tree = wrapped(edition(), selection(ref="2.1.3").units(ROOTS))
    root = etree.fromstring(etree.tostring(tree))
    assert root.find(f"{{{TEI_NS}}}teiHeader") is not None
    [wrapper] = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    assert wrapper.tag == f"{{{DTS_NS}}}wrapper"
    assert [(p.get("n"), p.text) for p in wrapper] == [("3", "2.1.3")]
