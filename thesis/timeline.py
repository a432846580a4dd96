"""Timeline queries: the events overlapping a year range, containing a year, or reaching into a century."""

from django.db import models
from django.db.models import IntegerField, Q, Value
from django.db.models.expressions import RawSQL

from .text.dates import century_years, validate_year

# Answered from the event_span index; over every event, so a bound for any filtered subset too.
LONGEST_SPAN = RawSQL("SELECT MAX(end_year - start_year) FROM thesis_timelineevent", [], output_field=IntegerField())


class TimelineEventQuerySet(models.QuerySet):
    """Events found by their inclusive years [start_year, end_year]; negative years are BCE and there is no 0."""

    def overlapping(self, start: int | None, end: int | None):
        """Events whose years overlap [start, end]; a missing bound is open.

        An event reaching `start` started no earlier than `start` less the longest span of any event:
        saying so lets an index on start_year read only the years that can match, rather than every
        year before `end`.
        """
        condition = Q()
        if start is not None:
            validate_year(start)
            condition &= Q(end_year__gte=start, start_year__gte=Value(start) - LONGEST_SPAN)
        if end is not None:
            validate_year(end)
            condition &= Q(start_year__lte=end)
        return self.filter(condition)

    def containing_year(self, year: int):
        """Events whose years include `year`."""
        return self.overlapping(year, year)

    def in_century(self, century: int):
        """Events reaching into a century: 17 is 1601–1700, -1 (the 1st century BCE) is -100 to -1."""
        return self.overlapping(*century_years(century))
