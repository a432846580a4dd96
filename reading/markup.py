"""A passage's inline content (thesis.text.inline nodes) as HTML: the reading text, or its changes marked."""

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from thesis.text.inline import Node

LINK_ATTRIBUTES = ("href", "class")


def render(content: list, changes: bool = False, note: str = "") -> SafeString:
    """The reading text with its links; with `changes`, each correction as <del> (the words before) and
    <ins> (the words now), both focusable and titled with `note` (who changed them and why)."""
    return mark_safe("".join(_html(item, changes, note, in_link=False) for item in content))


def _html(item, changes: bool, note: str, in_link: bool) -> str:
    if isinstance(item, str):
        return escape(item)
    if item.tag == "lb":
        return "<br>"  # a line the text keeps as its own: verse, a list
    inner = _inner_renderer(changes, note, in_link or item.tag == "a")
    if item.tag == "choice":
        return _choice(item, changes, note, inner)
    if item.tag == "a" and not in_link:
        attributes = format_html_join(
            "", ' {}="{}"', ((n, item.attrib[n]) for n in LINK_ATTRIBUTES if n in item.attrib)
        )
        return f"<a{attributes}>{inner(item.children)}</a>"
    return inner(item.children)


def _inner_renderer(changes: bool, note: str, in_link: bool):
    return lambda children: "".join(_html(child, changes, note, in_link) for child in children)


def _choice(node: Node, changes: bool, note: str, inner) -> str:
    first, second = node.children
    if first.tag == "orig":
        # A line break of the transcription and what the reading text puts for it.
        return inner(second.children)
    before, after = inner(first.children), inner(second.children)
    if not changes:
        return after
    title = escape(note)
    marked = f'<del tabindex="0" title="{title}">{before}</del>' if before else ""
    return marked + (f'<ins tabindex="0" title="{title}">{after}</ins>' if after else "")
