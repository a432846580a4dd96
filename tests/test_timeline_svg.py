"""The timeline picture as SVG, without a database: labelled for screen readers, a link per event, all text escaped."""

import re
import xml.etree.ElementTree as ET

from reading.timeline_layout import Span, layout
from reading.timeline_svg import AXIS, GRID, INK, MARK, SVG_NAMESPACE, EventLink, timeline_svg
from thesis.text.dates import PartialDate

NS = {"svg": SVG_NAMESPACE}
HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def picture(links=None, spans=None):
    spans = spans or [
        Span("un", PartialDate(1992, 3, 2), PartialDate(1992, 3, 2), "БҰҰ-ға мүше болды", False),
        Span("century", PartialDate(1601), PartialDate(1700), "XVII ғасыр", True),
        Span("bce", PartialDate(-100), PartialDate(-1), "Б.з.д. I ғасыр", True),
    ]
    links = links or {
        "un": EventLink("/theses/1/passages/67/", "1992-03-02: Қазақстан Республикасы БҰҰ-ға мүше болды"),
        "century": EventLink("/theses/1/passages/3/", "1601–1700: Дипломатия", inferred=True),
        "bce": EventLink("/theses/1/passages/9/", "б.з.д. 100–б.з.д. 1: ерте"),
    }
    markup = timeline_svg(layout(spans), "Хронология", "Оқиғалар жылдар осінде", "Жылдар осі", links)
    return markup, ET.fromstring(markup)


def test_the_picture_is_a_group_labelled_by_its_title_and_description():
    _markup, svg = picture()
    assert svg.tag == f"{{{SVG_NAMESPACE}}}svg" and svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "timeline-title timeline-desc"
    assert svg.find("svg:title", NS).get("id") == "timeline-title" and svg.find("svg:title", NS).text == "Хронология"
    assert svg.find("svg:desc", NS).get("id") == "timeline-desc"


def test_the_axis_is_an_image_with_a_name_and_holds_no_link():
    _markup, svg = picture()
    axis = svg.find("svg:g[@class='timeline-axis']", NS)
    assert axis.get("role") == "img" and axis.get("aria-label") == "Жылдар осі"
    assert not axis.findall(".//svg:a", NS)


def test_bce_ticks_are_labelled_in_kazakh():
    spans = [Span("bce", PartialDate(-500), PartialDate(-101), "ерте", True)]
    _markup, svg = picture({"bce": EventLink("/theses/1/passages/9/", "ерте")}, spans)
    ticks = [text.text for text in svg.find("svg:g[@class='timeline-axis']", NS).iter(f"{{{SVG_NAMESPACE}}}text")]
    assert {"б.з.д. 400", "б.з.д. 200"} <= set(ticks)


def test_every_event_is_a_link_to_its_passage_named_in_full():
    _markup, svg = picture()
    links = svg.findall(".//svg:a", NS)
    assert [link.get("href") for link in links] == [
        "/theses/1/passages/9/",
        "/theses/1/passages/3/",
        "/theses/1/passages/67/",
    ]
    for link in links:
        assert link.get("aria-label") == link.find("svg:title", NS).text
        assert link.find("svg:text", NS).text


def test_bars_and_points_and_inferred_dates_are_drawn_apart():
    _markup, svg = picture()
    shapes = {link.get("href"): link.find("svg:*[@class='timeline-mark']", NS) for link in svg.findall(".//svg:a", NS)}
    assert shapes["/theses/1/passages/67/"].tag.endswith("circle")
    assert shapes["/theses/1/passages/3/"].tag.endswith("rect") and shapes["/theses/1/passages/3/"].get(
        "stroke-dasharray"
    )
    assert shapes["/theses/1/passages/9/"].tag.endswith("rect") and not shapes["/theses/1/passages/9/"].get(
        "stroke-dasharray"
    )


def test_a_mark_without_a_link_is_left_out():
    _markup, svg = picture(links={"un": EventLink("/theses/1/passages/67/", "БҰҰ")})
    assert len(svg.findall(".//svg:a", NS)) == 1


def test_every_text_is_escaped():
    links = {"x": EventLink('/theses/1/passages/1/?"><script>', HOSTILE)}
    spans = [Span("x", PartialDate(1992), PartialDate(1992), HOSTILE, False)]
    markup, svg = picture(links, spans)
    assert "<script" not in markup and "&lt;script&gt;" in markup
    link = svg.find(".//svg:a", NS)
    assert link.get("aria-label") == HOSTILE and link.get("href") == '/theses/1/passages/1/?"><script>'


def test_no_script_and_no_style_attribute_so_the_content_security_policy_holds():
    markup, svg = picture()
    assert not any(element.tag.endswith("script") for element in svg.iter())
    assert not any("style" in element.attrib for element in svg.iter())
    assert "on" not in {name[:2] for element in svg.iter() for name in element.attrib}


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2's contrast ratio of two sRGB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_text_marks_and_axis_contrast_at_least_4_5_to_1_with_the_white_picture():
    assert min(contrast(INK), contrast(MARK), contrast(AXIS)) >= 4.5
    markup, _svg = picture()
    assert set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', markup)) <= {INK, MARK, AXIS, GRID, "#ffffff"}
