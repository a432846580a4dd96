"""Timeline events as a TimelineJS3 document; TimelineJS renders text as HTML, so all of it is escaped.

The document's own words (the title slide's subtitle, the groups, "Date inferred") are in the
language of the request; the events' words are the thesis's."""

from django.utils.html import escape
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thesis.models import TimelineEvent, note_for
from thesis.text.dates import PartialDate, iso_date
from thesis.text.transliteration import in_script

DEFAULT_TITLE = gettext_lazy("Timeline")

TIMELINEJS_DATE_SCHEMA = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer"},
        "day": {"type": "integer"},
        "display_date": {"type": "string"},
    },
    "required": ["year"],
}
TIMELINEJS_TEXT_SCHEMA = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "description": "A TimelineJS3 document (https://timeline.knightlab.com/docs/json-format.html).",
    "properties": {
        "title": {"type": "object", "properties": {"text": TIMELINEJS_TEXT_SCHEMA}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "start_date": TIMELINEJS_DATE_SCHEMA,
                    "end_date": TIMELINEJS_DATE_SCHEMA,
                    "display_date": {"type": "string"},
                    "text": TIMELINEJS_TEXT_SCHEMA,
                    "group": {"type": "string"},
                    "unique_id": {"type": "string"},
                },
                "required": ["start_date", "text", "unique_id"],
            },
        },
    },
    "required": ["events"],
}


def timelinejs_document(events, title: str, description: str, script: str) -> dict:
    """The document for `events`, each with its `people` (TimelineEvent.objects.attach_people)."""
    title_slide = {"headline": escape(in_script(title, script)), "text": escape(in_script(description, script))}
    # The groups' names, translated once for the document rather than once for each event.
    groups = {basis: escape(in_script(str(label), script)) for basis, label in TimelineEvent.Basis.choices}
    return {"title": {"text": title_slide}, "events": [timelinejs_event(event, script, groups) for event in events]}


def timelinejs_event(event: TimelineEvent, script: str, groups: dict | None = None) -> dict:
    """One slide; `groups` are the escaped names of the bases in `script`, when already known."""
    group = groups[event.basis] if groups else escape(in_script(str(TimelineEvent.Basis(event.basis).label), script))
    slide = {
        "start_date": _date(event, "start"),
        "text": {"headline": escape(in_script(event.headline, script)), "text": _text(event, script)},
        "group": group,
        "unique_id": f"event-{event.pk}",
    }
    end = _date(event, "end")
    if end != slide["start_date"]:
        slide["end_date"] = end
    if display := display_date(event):
        slide["display_date"] = escape(in_script(display, script))
    return slide


def display_date(event: TimelineEvent) -> str:
    """The date a slide shows: as the text prints it when the text states it; an inferred event's
    date_display is the phrase that grounds the editors' date ("БҰҰ Бас Ассамблеясының 47
    сессиясы"), not a date, so it shows the date they inferred, as ISO 8601 writes it."""
    if event.basis == TimelineEvent.Basis.STATED:
        return event.date_display
    start = iso_date(PartialDate(event.start_year, event.start_month, event.start_day))
    end = iso_date(PartialDate(event.end_year, event.end_month, event.end_day))
    return start if end == start else f"{start} – {end}"


def _date(event: TimelineEvent, end: str) -> dict:
    parts = {part: getattr(event, f"{end}_{part}") for part in ("year", "month", "day")}
    return {part: value for part, value in parts.items() if value is not None}


def _text(event: TimelineEvent, script: str) -> str:
    paragraphs = [in_script(event.description, script)]
    grounds, _language = note_for(event, "basis_note", get_language())
    if event.basis == TimelineEvent.Basis.INFERRED and grounds:
        paragraphs.append(in_script(_("Date inferred: %(grounds)s") % {"grounds": grounds}, script))
    paragraphs += [in_script(", ".join(person["display_name"] for person in event.people), script)]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)
