"""The timeline events a text states: one for each date it prints, told by the sentence around it.

An event's key names its date as printed and which occurrence of that date it is in the thesis
("stated:1991 ж.#2"), so that a curation can describe it and a second import finds it again."""

from dataclasses import dataclass

from .dates import DateMention, find_dates
from .sentences import sentence_finder

HEADLINE_WORDS = 12
HEADLINE_CHARS = 200


@dataclass(frozen=True)
class StatedEvent:
    """A date printed in passage number `passage` (its index among the texts read)."""

    key: str
    passage: int
    headline: str
    description: str
    date: DateMention


def stated_event_key(display: str, occurrence: int) -> str:
    """The identity of the n-th event dated `display` in the text."""
    return f"stated:{display}#{occurrence}"


def stated_events(texts: list[str]) -> list[StatedEvent]:
    """Every date the texts print, in order, each described by the sentence that holds it."""
    events = []
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        sentence_at = sentence_finder(text)
        for mention in find_dates(text):
            seen[mention.display] = seen.get(mention.display, 0) + 1
            start, end = sentence_at(mention.start) or (mention.start, mention.end)
            sentence = text[start:end]
            key = stated_event_key(mention.display, seen[mention.display])
            events.append(StatedEvent(key, index, derived_headline(sentence), sentence, mention))
    return events


def derived_headline(sentence: str) -> str:
    """The sentence's first words, until an editor writes a headline."""
    words = sentence.split()
    headline = " ".join(words[:HEADLINE_WORDS])
    if len(headline) > HEADLINE_CHARS:
        return headline[: HEADLINE_CHARS - 1] + "…"
    return headline + (" …" if len(words) > HEADLINE_WORDS else "")
