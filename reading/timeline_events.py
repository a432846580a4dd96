"""The events a timeline page shows: chosen by years as the API's filters choose them, with their passages, bounded."""

from dataclasses import dataclass

from django.db.models import Count, Window

from thesis.models import TimelineEvent
from thesis.text.dates import century_years

# A picture of more events than this is no longer readable (and the API's pages hold as many);
# the reader narrows the years instead.
MAX_EVENTS = 200


@dataclass(frozen=True)
class YearFilter:
    """The years asked for, each optional, all of them applying together; already checked (thesis.year_fields)."""

    thesis: int | None = None
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    century: int | None = None

    def apply(self, events):
        """The same QuerySet methods the API's TimelineEventFilter calls, for the same answers."""
        if self.thesis is not None:
            events = events.filter(thesis_id=self.thesis)
        if self.year is not None:
            events = events.containing_year(self.year)
        if self.year_from is not None:
            events = events.overlapping(self.year_from, None)
        if self.year_to is not None:
            events = events.overlapping(None, self.year_to)
        if self.century is not None:
            events = events.in_century(self.century)
        return events

    def window(self) -> tuple[int | None, int | None]:
        """The first and last years these filters allow (None: no bound that way), which the picture shows."""
        lows, highs = [], []
        for first, last in self._bounds():
            lows += [first] if first is not None else []
            highs += [last] if last is not None else []
        return max(lows, default=None), min(highs, default=None)

    def _bounds(self):
        yield self.year, self.year
        yield self.year_from, self.year_to
        if self.century is not None:
            yield century_years(self.century)


@dataclass(frozen=True)
class Timeline:
    events: list[TimelineEvent]
    # More events matched than are shown.
    cut: bool
    # How many matched in all: counted only when more matched than are shown.
    total: int = 0


def timeline(years: YearFilter, limit: int | None = None) -> Timeline:
    """The first `limit` (MAX_EVENTS unless given) events the years match, earliest first, with
    their thesis and passage, and how many match in all, in one query."""
    events = years.apply(TimelineEvent.objects.all()).select_related("thesis", "passage")
    events = events.only(
        *("headline", "description", "date_display", "precision", "basis", "thesis_id", "passage_id"),
        *(f"{end}_{part}" for end in ("start", "end") for part in ("year", "month", "day")),
        "thesis__title",
        "thesis__language",
        "passage__order",
    )
    limit = MAX_EVENTS if limit is None else limit
    # Counted in the same query, over every match before the limit cuts them: a window.
    found = list(events.annotate(matched=Window(Count("pk")))[: limit + 1])
    return Timeline(found[:limit], len(found) > limit, found[0].matched if found else 0)
