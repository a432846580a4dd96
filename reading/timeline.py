"""The timeline page: the events of the years asked for, drawn as an SVG picture and listed for reading aloud."""

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from thesis.models import TimelineEvent
from thesis.query_fields import IdField
from thesis.text.dates import PartialDate
from thesis.year_fields import CenturyField, YearField, YearRangeForm

from .pages import BadParameter, Page
from .timeline_events import YearFilter, timeline
from .timeline_layout import Span, is_bar, layout, span_label, year_label
from .timeline_svg import EventLink, timeline_svg

LANGUAGES = ("kk", "ru", "en")


class TimelineForm(YearRangeForm):
    """The page's parameters, parsed as the API parses the same ones: negative years BCE, no year 0."""

    year = YearField(required=False, label=_("Year"))
    year_from = YearField(required=False, label=_("From year"))
    year_to = YearField(required=False, label=_("To year"))
    century = CenturyField(required=False, label=_("Century"))
    thesis = IdField(required=False, label=_("Thesis"))


class TimelineView(Page):
    """The timeline of every thesis, or of one, narrowed to a year, a range of years or a century."""

    template_name = "reading/timeline.html"

    def context(self, request, **kwargs):
        years = parsed(request.GET)
        found = timeline(years)
        language = reading_language()
        entries = [entry(event, language) for event in found.events]
        return {
            "years": years,
            "entries": entries,
            "cut": found.cut,
            "limit": len(found.events),
            "total": found.total,
            "many_theses": len({event.thesis_id for event in found.events}) > 1,
            "filtered": any(value is not None for value in vars(years).values()),
            "picture": picture(entries, language, years.window()),
        }


def parsed(query) -> YearFilter:
    """The years asked for, or a BadParameter naming the first parameter that cannot be read."""
    form = TimelineForm(query)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise BadParameter(name, " ".join(errors))
    return YearFilter(**form.cleaned_data)


def reading_language() -> str:
    language = (get_language() or "kk")[:2]
    return language if language in LANGUAGES else "kk"


def entry(event: TimelineEvent, language: str) -> dict:
    """What the picture and the list say of an event: its dates, its words, where it is told."""
    begin = PartialDate(event.start_year, event.start_month, event.start_day)
    finish = PartialDate(event.end_year, event.end_month, event.end_day)
    dates = span_label(begin, finish, language)
    return {
        "event": event,
        "key": f"event-{event.pk}",
        "dates": dates,
        "span": Span(f"event-{event.pk}", begin, finish, event.headline, is_bar(event.precision, *years(event))),
        "href": passage_url(event),
        "inferred": event.basis == TimelineEvent.Basis.INFERRED,
        "name": f"{dates}: {event.headline}",
    }


def years(event: TimelineEvent) -> tuple[int, int]:
    return event.start_year, event.end_year


def passage_url(event: TimelineEvent) -> str:
    """The passage that tells of the event; the thesis, where no passage is linked to it."""
    if event.passage_id is None:
        return reverse("reading:thesis", args=[event.thesis_id])
    return reverse("reading:passage", args=[event.thesis_id, event.passage.order])


def event_link(item: dict) -> EventLink:
    return EventLink(item["href"], item["name"], item["inferred"], item["event"].thesis.language)


def picture(entries: list[dict], language: str, window: tuple[int | None, int | None]) -> str:
    """The SVG of the entries; its markup is built element by element, every text escaped (reading.timeline_svg)."""
    drawn = layout([item["span"] for item in entries], language, window=window)
    links = {item["key"]: event_link(item) for item in entries}
    first, last = year_label(drawn.first_year, language), year_label(drawn.last_year, language)
    description = ngettext(
        "%(count)d event. Bars are periods, points are single dates; hollow marks are dates inferred by the editors.",
        "%(count)d events. Bars are periods, points are single dates; hollow marks are dates inferred by the editors.",
        len(entries),
    ) % {"count": len(entries)}
    axis = gettext("Years, from %(first)s to %(last)s") % {"first": first, "last": last}
    return mark_safe(timeline_svg(drawn, gettext("Timeline"), description, axis, links))
