"""The citation tree's identifiers, levels and order, without a database."""

from thesis.text.citetree import (
    Division,
    Paragraph,
    build,
    cite_structure,
    depth,
    index,
    siblings,
    span,
    to_depth,
    walk,
)

# The seed's shape: an introduction with three paragraphs and a subsection of four; a chapter with
# no paragraph of its own and one section of four.
DIVISIONS = [Division(1, None, 0), Division(2, 1, 1), Division(3, None, 2), Division(4, 3, 3)]
PARAGRAPHS = [Paragraph(10 + n, 1, n) for n in range(1, 4)]
PARAGRAPHS += [Paragraph(20 + n, 2, 3 + n) for n in range(1, 5)]
PARAGRAPHS += [Paragraph(40 + n, 4, 7 + n) for n in range(1, 5)]


def test_identifiers_in_document_order():
    units = build(DIVISIONS, list(reversed(PARAGRAPHS)))
    assert [u.identifier for u in walk(units)] == [
        "1", "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4",
        "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.1.4",
    ]  # fmt: skip


def test_paragraphs_follow_the_passage_order():
    units = build(DIVISIONS, PARAGRAPHS)
    paragraphs = [u.record_id for u in walk(units) if u.is_paragraph]
    assert paragraphs == [p.id for p in PARAGRAPHS]


def test_levels_parents_and_types():
    by_id = index(build(DIVISIONS, PARAGRAPHS))
    assert (by_id["1"].level, by_id["1"].parent, by_id["1"].cite_type) == (1, None, "section")
    assert (by_id["1.4"].cite_type, by_id["1.4"].parent.identifier, by_id["1.4"].record_id) == ("subsection", "1", 2)
    assert (by_id["1.4.2"].level, by_id["1.4.2"].cite_type, by_id["1.4.2"].n) == (3, "paragraph", "2")
    assert by_id["2.1"].cite_type == "subsection"


def test_cite_structure_reaches_the_deepest_division():
    units = build(DIVISIONS, PARAGRAPHS)
    assert depth(units) == 3
    assert cite_structure(units) == [
        {
            "citeType": "section",
            "citeStructure": [
                {"citeType": "paragraph"},
                {"citeType": "subsection", "citeStructure": [{"citeType": "paragraph"}]},
            ],
        }
    ]


def test_a_flat_thesis_and_an_empty_one():
    flat = build([Division(1, None, 0)], [Paragraph(5, 1, 1)])
    assert [u.identifier for u in walk(flat)] == ["1", "1.1"]
    assert cite_structure(flat) == [{"citeType": "section", "citeStructure": [{"citeType": "paragraph"}]}]
    assert build([], []) == [] and cite_structure([]) == []


def test_siblings_of_a_top_unit_and_of_a_nested_one():
    units = build(DIVISIONS, PARAGRAPHS)
    by_id = index(units)
    assert [u.identifier for u in siblings(units, by_id["2"])] == ["1", "2"]
    assert [u.identifier for u in siblings(units, by_id["1.4.2"])] == ["1.4.1", "1.4.2", "1.4.3", "1.4.4"]


def test_a_span_runs_to_the_end_of_the_last_unit_and_takes_the_headings_between():
    units = build(DIVISIONS, PARAGRAPHS)
    by_id = index(units)
    assert [u.identifier for u in span(units, by_id["1.3"], by_id["1.4"])] == [
        "1.3", "1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4",
    ]  # fmt: skip
    assert [u.identifier for u in span(units, by_id["1.4.4"], by_id["2.1.1"])] == ["1.4.4", "2", "2.1", "2.1.1"]
    assert [u.identifier for u in span(units, by_id["1.2"], by_id["1.2"])] == ["1.2"]
    assert span(units, by_id["2"], by_id["1"]) == []
    assert span(units, by_id["1.4.1"], by_id["1.4"]) == []


def test_to_depth_keeps_the_order():
    units = build(DIVISIONS, PARAGRAPHS)
    assert [u.identifier for u in to_depth(walk(units), 2)] == ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1"]
    assert len(to_depth(walk(units), None)) == len(list(walk(units)))
