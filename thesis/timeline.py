"""Timeline queries: the events overlapping a year range, containing a year, or reaching into a century,
and the people of a page of events."""

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

    def linked_to(self, theses):
        """Events showing a person or a passage of one of `theses` (a queryset of their ids)."""
        return self.filter(Q(passage__thesis__in=theses) | Q(authors__thesis__in=theses))

    def containing_year(self, year: int):
        """Events whose years include `year`."""
        return self.overlapping(year, year)

    def in_century(self, century: int):
        """Events reaching into a century: 17 is 1601–1700, -1 (the 1st century BCE) is -100 to -1."""
        return self.overlapping(*century_years(century))

    def attach_people(self, events) -> None:
        """Give each event `people`: the id and display name of everyone it involves, in the order of
        people everywhere, from two index lookups. (Django's prefetch of a many-to-many builds a
        manager for every event, which cost more than everything else on a page of them; and joined in
        one query, PostgreSQL hashes every author to find the few.)"""
        by_id = {event.pk: event for event in events}
        for event in events:
            event.people = []
        if not by_id:
            return
        authors = self.model._meta.get_field("authors")
        links = list(
            authors.remote_field.through.objects.filter(timelineevent_id__in=by_id).values_list(
                "timelineevent_id", "author_id"
            )
        )
        people = authors.related_model.objects.filter(pk__in={author for _, author in links})
        ranked = {pk: (rank, name) for rank, (pk, name) in enumerate(people.values_list("pk", "display_name"))}
        for event_id, author_id in sorted(links, key=lambda link: ranked[link[1]][0]):
            by_id[event_id].people.append({"id": author_id, "display_name": ranked[author_id][1]})
