"""Inline markup (thesis/text/inline.py): spans that nest become nested nodes, crossing ones are dropped in order."""

import random

from thesis.text.inline import Node, Span, element, markup, nest, nesting

from .operations import calls


def spans(*ranges, tag="x"):
    return [Span(start, end, element(tag, n=str(i))) for i, (start, end) in enumerate(ranges)]


def flat(content) -> str:
    """The content written out as XML-ish text, to compare whole trees at a glance."""
    out = []
    for piece in content:
        if isinstance(piece, Node):
            out.append(f"<{piece.tag}>{flat(piece.children)}</{piece.tag}>")
        else:
            out.append(piece)
    return "".join(out)


def test_text_without_spans_is_itself():
    assert markup("бір екі", []) == ["бір екі"]
    assert markup("", []) == []


def test_nested_and_apart_spans_are_all_kept():
    content = markup("abcdef", [Span(0, 4, element("a")), Span(1, 3, element("b")), Span(4, 6, element("c"))])
    assert flat(content) == "<a>a<b>bc</b>d</a><c>ef</c>"


def test_a_crossing_span_is_dropped_and_the_first_given_wins():
    kept = nesting(spans((0, 3), (2, 5), (3, 5)))
    assert [(s.start, s.end) for s in kept] == [(0, 3), (3, 5)]
    assert [(s.start, s.end) for s in nesting(spans((2, 5), (0, 3)))] == [(2, 5)]


def test_rank_puts_the_lower_outside_over_the_same_characters():
    outer, inner = Span(0, 3, element("name"), rank=1), Span(0, 3, element("choice"), rank=3)
    assert flat(markup("abc", [inner, outer])) == "<name><choice>abc</choice></name>"


def test_an_empty_span_sits_inside_a_span_only_between_its_characters():
    deletion = Span(2, 2, element("del"))
    assert flat(markup("abcd", [Span(0, 4, element("a")), deletion])) == "<a>ab<del></del>cd</a>"
    assert flat(markup("abcd", [Span(2, 4, element("a")), deletion])) == "ab<del></del><a>cd</a>"
    assert flat(markup("abcd", [Span(0, 2, element("a")), deletion])) == "<a>ab</a><del></del>cd"


def test_the_nodes_keep_their_attributes():
    (node,) = markup("[5]", [Span(0, 3, element("ref", type="citation", target="#source-5"))])
    assert node == Node("ref", {"type": "citation", "target": "#source-5"}, ["[5]"])


def test_nesting_keeps_what_checking_every_pair_keeps():
    generator = random.Random(7)
    for _ in range(500):
        given = []
        for _ in range(generator.randint(0, 12)):
            start = generator.randint(0, 15)
            end = generator.randint(start, 15) if generator.random() < 0.8 else start
            given.append(Span(start, end, element("x"), generator.randint(0, 2)))
        pairwise = []
        for span in given:
            if all(nest(span, other) for other in pairwise):
                pairwise.append(span)
        assert nesting(given) == pairwise, given


def test_marking_up_costs_in_proportion_to_the_spans():
    def breaks(number):
        return [Span(2 * i + 1, 2 * i + 2, element("lb")) for i in range(number)]

    small, large = calls(markup, "a." * 2000, breaks(2000)), calls(markup, "a." * 4000, breaks(4000))
    assert large < 2.2 * small, (small, large)
