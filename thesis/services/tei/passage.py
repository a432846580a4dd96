"""A paragraph's inline markup: editors' corrections, restored periods, citations, names and dates."""

from ...models import Passage
from .records import Records


def paragraph_content(passage: Passage, records: Records) -> list:
    """The passage's current text as TEI mixed content (strings and inline nodes)."""
    return [passage.text]
