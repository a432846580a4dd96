"""A timeline's layout drawn as SVG markup for an HTML page: escaped by construction, and readable by screen readers.

The picture as a whole is a labelled group rather than role="img": an image's children are
presentational, so the links inside one would be hidden from assistive technology. The drawing
without links, the axis, is the image; each event is a link named by its dates and headline.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .timeline_layout import BAR_HEIGHT, MARGIN, POINT_RADIUS, Layout, Mark

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Contrast on white: ink 16:1, marks 8.6:1, the axis 7:1; grid lines only guide the eye.
INK = "#1b1b1b"
MARK = "#1d4f91"
AXIS = "#595959"
GRID = "#d4d4d4"
FONT = "system-ui, sans-serif"


@dataclass(frozen=True)
class EventLink:
    """Where an event's mark leads and the words that name it, in full."""

    href: str
    text: str
    inferred: bool = False
    # The language of the event's words (its thesis's), for Latin script and for screen readers.
    language: str = ""


def timeline_svg(layout: Layout, title: str, description: str, axis_label: str, links: dict[str, EventLink]) -> str:
    """The picture as an <svg> element: title and description, the axis, and a link for every mark in `links`."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "class": "timeline-picture",
            "viewBox": f"0 0 {layout.width} {layout.height}",
            "width": str(layout.width),
            "height": str(layout.height),
            "role": "group",
            "aria-labelledby": "timeline-title timeline-desc",
            "font-family": FONT,
        },
    )
    ET.SubElement(svg, "title", {"id": "timeline-title"}).text = title
    ET.SubElement(svg, "desc", {"id": "timeline-desc"}).text = description
    # Its own white ground, which the contrast of its colours is reckoned against.
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    svg.append(_axis(layout, axis_label))
    events = ET.SubElement(svg, "g", {"class": "timeline-events"})
    for mark in layout.marks:
        if mark.key in links:
            events.append(_event(mark, links[mark.key]))
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def _axis(layout: Layout, label: str) -> ET.Element:
    axis = ET.Element("g", {"class": "timeline-axis", "role": "img", "aria-label": label})
    bottom = str(layout.height - MARGIN // 2)
    line_y = str(layout.axis_y)
    ET.SubElement(
        axis,
        "line",
        {"x1": str(MARGIN), "x2": str(layout.width - MARGIN), "y1": line_y, "y2": line_y, "stroke": AXIS},
    )
    for tick in layout.ticks:
        x = str(tick.x)
        ET.SubElement(axis, "line", {"x1": x, "x2": x, "y1": line_y, "y2": bottom, "stroke": GRID})
        ET.SubElement(axis, "line", {"x1": x, "x2": x, "y1": str(layout.axis_y - 6), "y2": line_y, "stroke": AXIS})
        text = ET.SubElement(
            axis, "text", {"x": x, "y": str(layout.axis_y - 12), "text-anchor": "middle", "font-size": "12"}
        )
        text.set("fill", INK)
        text.text = tick.label
    return axis


def _event(mark: Mark, link: EventLink) -> ET.Element:
    anchor = ET.Element("a", {"href": link.href, "aria-label": link.text, "class": "timeline-event"})
    if link.language:
        anchor.set("lang", link.language)
    ET.SubElement(anchor, "title").text = link.text
    anchor.append(_shape(mark, link.inferred))
    if mark.label:
        label = ET.SubElement(anchor, "text", {"x": str(mark.label_x), "y": str(mark.label_y), "font-size": "12"})
        label.set("fill", INK)
        label.text = mark.label
    return anchor


def _shape(mark: Mark, inferred: bool) -> ET.Element:
    # An inferred date is drawn hollow and dashed: the text does not state it.
    paint = {"fill": "#ffffff" if inferred else MARK, "stroke": MARK, "stroke-width": "2", "class": "timeline-mark"}
    if inferred:
        paint["stroke-dasharray"] = "3 2"
    if mark.bar:
        top = mark.y - BAR_HEIGHT / 2
        geometry = {"x": str(mark.x), "y": str(top), "width": str(mark.width), "height": str(BAR_HEIGHT), "rx": "2"}
        return ET.Element("rect", geometry | paint)
    return ET.Element("circle", {"cx": str(mark.x), "cy": str(mark.y), "r": str(POINT_RADIUS)} | paint)
