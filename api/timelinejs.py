"""Timeline events as a TimelineJS3 document; TimelineJS renders text as HTML, so all of it is escaped."""

from django.utils.html import escape

from thesis.models import TimelineEvent

from .scripts import in_script

DEFAULT_TITLE = "Timeline"

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
    """The document for `events`, each with its `people` (api.views.attach_people)."""
    title_slide = {"headline": escape(in_script(title, script)), "text": escape(in_script(description, script))}
    return {"title": {"text": title_slide}, "events": [timelinejs_event(event, script) for event in events]}


def timelinejs_event(event: TimelineEvent, script: str) -> dict:
    slide = {
        "start_date": _date(event, "start"),
        "text": {"headline": escape(in_script(event.headline, script)), "text": _text(event, script)},
        "group": event.basis,
        "unique_id": f"event-{event.pk}",
    }
    if _date(event, "end") != slide["start_date"]:
        slide["end_date"] = _date(event, "end")
    if event.date_display:
        slide["display_date"] = escape(in_script(event.date_display, script))
    return slide


def _date(event: TimelineEvent, end: str) -> dict:
    parts = {part: getattr(event, f"{end}_{part}") for part in ("year", "month", "day")}
    return {part: value for part, value in parts.items() if value is not None}


def _text(event: TimelineEvent, script: str) -> str:
    paragraphs = [in_script(event.description, script)]
    if event.basis == TimelineEvent.Basis.INFERRED and event.basis_note:
        paragraphs.append(f"Date inferred: {in_script(event.basis_note, script)}")
    paragraphs += [in_script(", ".join(person["display_name"] for person in event.people), script)]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)
