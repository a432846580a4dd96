"""References rendered by a real CSL processor (citeproc-py) with the official APA and GOST R 7.0.5 styles."""

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from .citing import PassageReference, as_csl, locator

STYLES = Path(__file__).resolve().parent / "csl"


@dataclass(frozen=True)
class Style:
    """An official style: its file, and which of a kind's names (Kazakh or English) its entries use."""

    file: str
    english_names: bool


APA = Style("apa.csl", english_names=True)
# A GOST description is written in the language of the work it describes.
GOST = Style("gost-r-7-0-5-2008-numeric.csl", english_names=False)


@dataclass(frozen=True)
class Rendered:
    """A reference in one style: the entry for a reference list and the in-text citation."""

    entry: str
    citation: str


def _style(file: str) -> CitationStylesStyle:
    # Read for each rendering (a millisecond or two): the processor keeps state in the style as it
    # renders, so one shared between a worker's threads would mix their references. The official files
    # are used as they are, so citeproc-py's schema check, which would only warn, is skipped.
    return CitationStylesStyle(str(STYLES / file), validate=False)


def render(item: dict, style: Style, locator: tuple[str, str] | None = None) -> Rendered:
    """`item` (CSL-JSON) as `style` writes it, cited at `locator` (a CSL label and its value) when given.

    Raises ValueError when the processor cannot render the item, or warns while rendering it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            # The API's items have numeric ids; the processor keys its items by text.
            item = {**item, "id": str(item["id"])}
            bibliography = CitationStylesBibliography(_style(style.file), CiteProcJSON([item]), formatter.plain)
            cited = CitationItem(item["id"], **({"locator": Locator(*locator)} if locator else {}))
            citation = Citation([cited])
            bibliography.register(citation)
            in_text = str(bibliography.cite(citation, lambda item: None))
            entry = str(bibliography.bibliography()[0])
        except (Warning, KeyError, AttributeError, TypeError) as error:
            raise ValueError(f"{style.file} cannot render {item.get('id')!r}: {error}") from error
    return Rendered(entry, in_text)


def passage_references(ref: PassageReference) -> dict[str, Rendered]:
    """The passage cited in each official style, by the style's name."""
    return {name: _remembered(ref, style) for name, style in (("gost", GOST), ("apa", APA))}


# A rendering takes longer than the rest of a passage page; the same reference is asked for again and again.
@lru_cache(maxsize=1024)
def _remembered(ref: PassageReference, style: Style) -> Rendered:
    return render(as_csl(ref, english=style.english_names), style, locator(ref))
