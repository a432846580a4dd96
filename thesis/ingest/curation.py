"""Curated data the parser cannot derive (title, people named without initials, event
headlines, inferred dates), read from a reviewed JSON file keyed by the source's SHA-256.
Its notes are Kazakh, each with its English under the same key ending in _en.

Applying it never overwrites: at the first import it completes the derived records; on
later runs it only adds curated records that are missing.
"""

import json
from pathlib import Path

from django.conf import settings

from thesis.history import as_created, record, system_reason

from ..models import Author, AuthorAlias, Passage, Thesis, TimelineEvent
from ..text.dates import DateError, PartialDate, ends_before_start, validate_partial_date
from ..text.events import stated_event_key
from ..text.names import display_name, person_key
from .curation_schema import check_depth, check_shape
from .exceptions import CurationError, ImportRefused
from .limits import read_limited

PRECISIONS = set(TimelineEvent.Precision.values)
GROUPS = set(Author.Group.values)
KINDS = set(Thesis.Kind.values)
# The curation's keys for what a title page says, and the thesis's fields they give.
FRONT_MATTER_FIELDS = {
    "kind": "kind",
    "authors": "author_names",
    "supervisor": "supervisor",
    "institution": "institution",
    "place": "place",
    "year": "year",
    "abstract": "abstract",
    "keywords": "keywords",
}


def load(sha256: str, path: Path | None = None) -> dict | None:
    """The curation for a source: from `path`, or the file in CURATION_DIR that names its SHA-256."""
    candidates = [Path(path)] if path else sorted(Path(settings.CURATION_DIR).glob("*.curation.json"))
    for candidate in candidates:
        data = _parsed(_read(candidate), candidate.name)
        if data.get("source_sha256") == sha256:
            validate(data, candidate.name)
            return data
        if path:
            raise CurationError(f"{candidate.name} is for another source document")
    return None


def from_bytes(raw: bytes, name: str, sha256: str) -> dict:
    """The curation in an uploaded file `name`, which must be for the source with this SHA-256."""
    data = _parsed(raw, name)
    if data.get("source_sha256") != sha256:
        raise CurationError(f"{name} is for another source document")
    validate(data, name)
    return data


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return read_limited(stream)
    except OSError as error:
        raise CurationError(f"{path.name}: cannot be read ({error.strerror})") from None
    except ImportRefused as refusal:
        raise CurationError(f"{path.name}: {refusal}") from None


def _parsed(raw: bytes, name: str) -> dict:
    """The curation in a file's bytes, refused unless it is JSON of a curation's shape at every depth."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CurationError(f"{name}: cannot be read as JSON ({error})") from None
    check_depth(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CurationError(f"{name}: cannot be read as JSON ({error})") from None
    check_shape(data, name)
    return data


def validate(data: dict, name: str) -> None:
    kind = data.get("thesis", {}).get("kind")
    if kind is not None and kind not in KINDS:
        raise CurationError(f"{name}: thesis: unknown kind {kind!r}")
    for index, person in enumerate(data.get("people", [])):
        where = f"{name}: people[{index}]"
        if not person.get("family_name"):
            raise CurationError(f"{where}: family_name is required")
        if person.get("group", "") not in GROUPS:
            raise CurationError(f"{where}: unknown group {person.get('group')!r}")
    for index, event in enumerate(data.get("events", [])):
        _validate_event(event, f"{name}: events[{index}]")


def _validate_event(event: dict, where: str) -> None:
    if not event.get("headline"):
        raise CurationError(f"{where}: headline is required")
    if "date" in event:
        return
    for required in ("key", "anchor", "start", "precision", "basis_note"):
        if not event.get(required):
            raise CurationError(f"{where}: {required} is required for an inferred event")
    if event["precision"] not in PRECISIONS:
        raise CurationError(f"{where}: unknown precision {event['precision']!r}")
    start, end = event["start"], event.get("end", event["start"])
    for label, date in (("start", start), ("end", end)):
        try:
            validate_partial_date(date.get("year"), date.get("month"), date.get("day"))
        except DateError as error:
            raise CurationError(f"{where}: {label}: {error}") from None
    if ends_before_start(_partial_date(start), _partial_date(end)):
        raise CurationError(f"{where}: end is before start")


def _partial_date(date: dict) -> PartialDate:
    return PartialDate(date["year"], date.get("month"), date.get("day"))


def front_matter_values(data: dict | None) -> dict:
    """The thesis's fields a curation gives of what its title page says; they win over what is read."""
    curated = (data or {}).get("thesis", {})
    return {field: curated[key] for key, field in FRONT_MATTER_FIELDS.items() if key in curated}


def apply_people(thesis: Thesis, data: dict, reason: str) -> int:
    """Add curated people, or complete the derived record of the same person; returns how many were new."""
    added = 0
    for person in data.get("people", []):
        key = person_key(person["family_name"], person.get("given_names", ""))
        author = Author.objects.filter(thesis=thesis, key=key).first()
        if author is None:
            author = Author(thesis=thesis, key=key, family_name=person["family_name"])
            added += 1
        author.given_names = author.given_names or person.get("given_names", "")
        author.display_name = author.display_name or display_name(author.family_name, author.given_names)
        author.group = author.group or person.get("group", "")
        roles = set(person.get("roles", []))
        for role, flag in Author.ROLE_FLAGS.items():
            setattr(author, flag, getattr(author, flag) or role in roles)
        author.note = author.note or person.get("note", "")
        author.note_en = author.note_en or person.get("note_en", "")
        record(author, None, reason).save()
        for form in person.get("aliases", []):
            AuthorAlias.objects.get_or_create(author=author, form=form)
    return added


def apply_events(thesis: Thesis, data: dict, passages: list[Passage], reason: str) -> int:
    """Give derived events their curated headlines and add inferred events; returns how many were new."""
    if title := data.get("thesis", {}).get("title"):
        thesis.title = title
        thesis.title_note = data["thesis"].get("title_note", "")
        thesis.title_note_en = data["thesis"].get("title_note_en", "")
        record(thesis, None, reason).save()
    added = 0
    for entry in data.get("events", []):
        if "date" in entry:
            _complete_stated(thesis, entry, reason)
        elif not TimelineEvent.objects.filter(thesis=thesis, key=entry["key"]).exists():
            _create_inferred(thesis, entry, passages, reason)
            added += 1
    return added


def apply_missing(thesis: Thesis, data: dict) -> dict:
    """On a repeated import: add curated people and inferred events that are missing, change nothing else."""
    reason = system_reason("curated")
    known = set(thesis.authors.values_list("key", flat=True))
    missing_people = [
        p for p in data.get("people", []) if person_key(p["family_name"], p.get("given_names", "")) not in known
    ]
    people = apply_people(thesis, {"people": missing_people}, reason) if missing_people else 0
    inferred = [e for e in data.get("events", []) if "date" not in e]
    events = apply_events(thesis, {"events": inferred}, list(thesis.passages.all()), reason)
    notes = complete_notes(thesis, data, "Curated notes given in Kazakh with their English on a repeated import")
    return {"people_added": people, "events_added": events, "notes_completed": notes}


def complete_notes(thesis: Thesis, data: dict, reason: str) -> int:
    """Give notes imported before they had an English field their curated Kazakh and English, where the
    note is still the curated English or empty (never one an editor wrote); returns how many records."""
    targets = [(thesis, "title_note", data.get("thesis", {}))]
    authors = {author.key: author for author in thesis.authors.all()}
    for person in data.get("people", []):
        if author := authors.get(person_key(person["family_name"], person.get("given_names", ""))):
            targets.append((author, "note", person))
    events = {event.key: event for event in thesis.events.all()}
    targets += [(events[e["key"]], "basis_note", e) for e in data.get("events", []) if e.get("key") in events]
    completed = [instance for instance, field, curated in targets if _complete_note(instance, field, curated)]
    for instance in completed:
        record(instance, None, reason).save()
    return len(completed)


def _complete_note(instance, field: str, curated: dict) -> bool:
    kazakh, english = curated.get(field, ""), curated.get(f"{field}_en", "")
    stored = (getattr(instance, field), getattr(instance, f"{field}_en"))
    if not english or stored == (kazakh, english) or not set(stored) <= {"", english}:
        return False
    setattr(instance, field, kazakh)
    setattr(instance, f"{field}_en", english)
    return True


def _complete_stated(thesis, entry, reason):
    key = stated_event_key(entry["date"], entry.get("occurrence", 1))
    event = TimelineEvent.objects.filter(thesis=thesis, key=key).first()
    if event is None:
        raise CurationError(f"the curation describes the date {entry['date']!r}, which the text does not print")
    event.headline = entry["headline"]
    event.description = entry.get("description", event.description)
    record(event, None, reason).save()
    event.authors.set(_people(thesis, entry))


def _create_inferred(thesis, entry, passages, reason):
    start = entry["start"]
    end = entry.get("end", start)
    passage = next((p for p in passages if entry["anchor"] in p.text), None)
    event = TimelineEvent(
        thesis=thesis,
        key=entry["key"],
        passage=passage,
        headline=entry["headline"],
        description=entry.get("description", ""),
        date_display=entry.get("date_display", ""),
        start_year=start["year"],
        start_month=start.get("month"),
        start_day=start.get("day"),
        end_year=end["year"],
        end_month=end.get("month"),
        end_day=end.get("day"),
        precision=entry["precision"],
        basis=TimelineEvent.Basis.INFERRED,
        basis_note=entry["basis_note"],
        basis_note_en=entry.get("basis_note_en", ""),
    )
    record(event, None, reason).save()
    event.authors.set(_people(thesis, entry))
    as_created(TimelineEvent, [event.pk])


def _people(thesis, entry) -> list[Author]:
    people = []
    for family in entry.get("people", []):
        matches = list(Author.objects.filter(thesis=thesis, family_name=family))
        if len(matches) != 1:
            raise CurationError(f"the curation names {family!r}, which matches {len(matches)} people")
        people.extend(matches)
    return people
