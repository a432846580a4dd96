"""Importing a transcribed thesis: checks on the file, then one atomic write of everything derived.

An import is idempotent: a file already imported (same SHA-256) is not parsed again, and a
second run only adds curated records that are missing, so editors' corrections stay.

A title page or an article's head (thesis.text.front_matter) gives the thesis its title, authors,
supervisor, institution, place, year, abstract and keywords, a curation file's values winning; its lines
are kept, each a passage of page furniture, out of the thesis's own words.

What a line break inside a paragraph stands for is decided from the text (thesis.text.line_breaks)
unless the caller says, and kept on the thesis; every passage is read by it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from thesis.derived import changes
from thesis.history import as_created, record, system_reason

from ..models import Author, AuthorAlias, Passage, Section, Source, SourceDocument, Thesis, TimelineEvent
from ..text.events import stated_events
from ..text.front_matter import FrontMatter, line_starts, read_front_matter
from ..text.line_breaks import Decision, decide
from ..text.names import Person, read_people
from ..text.normalisation import Layout, reading_text
from ..text.parsing import TEXT, Block, Heading, ParsedDocument, parse_document
from ..text.references import Entry, bibliography_lines, read_reference, split_entries
from ..text.structure import completeness, completeness_note_kk, contents_structure, declared_structure
from . import curation as curation_module
from .exceptions import ImportRefused
from .limits import check_size, read_limited

ALLOWED_CONTROL = {"\t", "\n", "\r", "\f", "\v"}
TOP_LEVEL_KINDS = {
    "introduction",
    "chapter",
    "conclusion",
    "bibliography",
    "untitled",
    "abstract",
    "keywords",
    "appendix",
    "contents",
}
# The fields of a source an entry of a reference list is read into: the bibliographic ones but the
# editors' note, which holds the entry's address when it has one.
READ_FIELDS = tuple(name for name in Source.BIBLIOGRAPHIC_FIELDS if name != "note")
# The stages of an import, in order; a progress callback is told each with the records done of its total.
STAGES = ("reading", "parsing", "sections", "people", "passages", "events", "sources", "history")
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The progress callback of an import that no one watches."""


@dataclass
class ImportResult:
    thesis: Thesis
    created: bool
    counts: dict = field(default_factory=dict)
    # What the text says of its line breaks (None: the file was imported before and not read again).
    decision: Decision | None = None


def decode_source(data: bytes, max_bytes: int | None = None) -> str:
    """The text of a source file, or ImportRefused saying why it is not a thesis text."""
    check_size(len(data), max_bytes)
    if b"\x00" in data:
        raise ImportRefused(_("the file is binary (it contains NUL bytes), not text"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _("the file is not UTF-8 text (invalid byte at offset %(offset)s)") % {"offset": error.start}
        ) from None
    control = next((c for c in text if c < " " and c not in ALLOWED_CONTROL), None)
    if control is not None or "\x7f" in text:
        raise ImportRefused(_("the file is binary (it contains control characters), not text"))
    if not text.strip():
        raise ImportRefused(_("the file holds only whitespace"))
    return text


def import_file(
    path: Path, curation_path: Path | None = None, use_curation: bool = True, line_breaks: Layout | None = None
) -> ImportResult:
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = read_limited(stream)
    except OSError as error:
        raise ImportRefused(f"cannot read {path}: {error.strerror}") from None
    return import_bytes(
        data, path.name, curation_path=curation_path, use_curation=use_curation, line_breaks=line_breaks
    )


def import_bytes(
    data: bytes,
    file_name: str,
    curation_path=None,
    use_curation=True,
    curation=None,
    progress: Progress = no_progress,
    line_breaks: Layout | None = None,
) -> ImportResult:
    """Import a file's bytes; `curation`, a (name, bytes) pair, is an uploaded curation file. `progress`
    is called at each of STAGES and as its records are made. `line_breaks` overrides the layout the
    text's own line breaks decide."""
    progress("reading", 0, 1)
    text = decode_source(data)
    sha256 = SourceDocument.digest(data)
    if curation is not None:
        curated = curation_module.from_bytes(curation[1], curation[0], sha256)
    else:
        curated = curation_module.load(sha256, curation_path) if use_curation else None
    existing = SourceDocument.objects.filter(sha256=sha256).select_related("thesis").first()
    with changes.atomic():
        if existing is not None:
            added = curation_module.apply_missing(existing.thesis, curated) if curated else {}
            return ImportResult(existing.thesis, created=False, counts=added)
        decision = decide(text)
        layout = Layout(line_breaks) if line_breaks else decision.layout
        result = _create(text, data, sha256, file_name, curated, progress, layout)
        result.decision = decision
        return result


def _create(text, data, sha256, file_name, curated, progress: Progress, layout: Layout) -> ImportResult:
    progress("parsing", 0, 1)
    front = read_front_matter(text)
    parsed = parse_document(text, line_starts(front))
    if not parsed.paragraphs:
        raise ImportRefused(_("the file has headings but no text"))
    readings = [reading_text(text[p.start : p.end], layout) for p in parsed.paragraphs]
    reason = system_reason("imported", file=file_name)
    document = SourceDocument.objects.create(file_name=file_name, sha256=sha256, content=text, size_bytes=len(data))
    described = {**front_matter_fields(front), **curation_module.front_matter_values(curated)}
    thesis = _create_thesis(document, parsed, readings, file_name, reason, layout, described)
    sections = _create_sections(thesis, parsed, reason, progress)
    authors = _create_authors(thesis, _own_words(parsed, readings), reason, progress)
    if curated:
        curation_module.apply_people(thesis, curated, reason)
    passages = _create_passages(thesis, parsed, readings, sections, reason, progress)
    events = _create_events(thesis, passages, reason, progress)
    if curated:
        curation_module.apply_events(thesis, curated, passages, reason)
    _create_sources(thesis, parsed, reason, progress)
    changes.derive_pending()  # the summary counts the sources the citations create
    progress("history", 0, 1)
    _one_history_record_each(thesis)
    counts = {
        "sections": len(sections),
        "passages": len(passages),
        "authors": thesis.authors.count(),
        "sources": thesis.sources.count(),
        "events": thesis.events.count(),
        "derived_events": len(events),
        "derived_authors": len(authors),
    }
    return ImportResult(thesis, created=True, counts=counts)


def _one_history_record_each(thesis: Thesis) -> None:
    """Every record of the thesis is new: one history record each, of its state as imported."""
    as_created(Thesis, [thesis.pk])
    for model in (Section, Author, Passage, Source, TimelineEvent):
        as_created(model, model.objects.filter(thesis=thesis).values("pk"))


def _own_words(parsed: ParsedDocument, readings: list[str]) -> list[str]:
    """The readings of the thesis's own text, without its table of contents and page furniture."""
    return [text for block, text in zip(parsed.paragraphs, readings, strict=True) if block.role == TEXT]


def front_matter_fields(front: FrontMatter) -> dict:
    """The thesis's fields the front matter gives, without those it says nothing of."""
    fields = {
        "title": front.title,
        "kind": front.kind,
        "author_names": front.authors,
        "supervisor": front.supervisor,
        "institution": front.institution,
        "place": front.place,
        "year": front.year,
        "abstract": front.abstract,
        "keywords": front.keywords,
    }
    # A text's lines may run longer than a column holds: the value is cut, never refused.
    for name in ("title", "supervisor", "institution", "place"):
        fields[name] = fields[name][: Thesis._meta.get_field(name).max_length]
    return {name: value for name, value in fields.items() if value}


def _create_thesis(document, parsed: ParsedDocument, readings, file_name, reason, layout, described) -> Thesis:
    # A table of contents names each part; a sentence on the structure only counts them.
    own = _own_words(parsed, readings) or readings
    declared = contents_structure(parsed.contents) or declared_structure(own)
    structure = (
        declared,
        [h.kind for h in parsed.headings],
        [h.number for h in parsed.headings if h.kind == "chapter"],
        own[-1],
    )
    is_complete, note = completeness(*structure)
    thesis = Thesis(
        **{"title": Path(file_name).stem.split(".")[0], **described},
        source_document=document,
        declared_structure=declared,
        is_complete=is_complete,
        completeness_note=completeness_note_kk(*structure),
        completeness_note_en=note,
        line_breaks=layout,
    )
    _save(thesis, reason)
    return thesis


def _create_sections(thesis, parsed: ParsedDocument, reason, progress: Progress) -> dict:
    """Sections by heading index (None: text before any heading), with parents by level."""
    sections = {}
    order = 0
    if parsed.paragraphs[0].heading is None:
        first = parsed.paragraphs[0].start
        sections[None] = _save(
            Section(thesis=thesis, kind="untitled", order=order, span_start=first, span_end=first), reason
        )
        order += 1
    stack: list[tuple[int, Section]] = []
    for index, heading in enumerate(parsed.headings):
        progress("sections", index, len(parsed.headings))
        level = _level(heading, stack)
        while stack and stack[-1][0] >= level:
            stack.pop()
        section = section_row(thesis, heading, parsed.text[heading.start : heading.end], order)
        section.parent = stack[-1][1] if stack else None
        sections[index] = _save(section, reason)
        order += 1
        if heading.number or heading.kind in TOP_LEVEL_KINDS:
            stack.append((level, section))
    return sections


def section_row(thesis: Thesis, heading: Heading, original: str, order: int) -> Section:
    """The unsaved record of a heading the text prints as `original`, the `order`-th of the thesis."""
    return Section(
        thesis=thesis,
        kind=heading.kind,
        number=heading.number,
        label=heading.label,
        title=heading.title,
        heading_original=original,
        order=order,
        span_start=heading.start,
        span_end=heading.end,
    )


def _level(heading, stack) -> int:
    if heading.kind in TOP_LEVEL_KINDS:
        return 1
    if heading.number:
        return heading.number.count(".") + 1
    return stack[-1][0] + 1 if stack else 1


def _create_authors(thesis, readings: list[str], reason, progress: Progress) -> list[Author]:
    """People listed in the historiography and people named with initials elsewhere."""
    authors = []
    people = read_people(readings)
    for person in people.values():
        progress("people", len(authors), len(people))
        author = _save(author_row(thesis, person), reason)
        AuthorAlias.objects.bulk_create(AuthorAlias(author=author, form=f) for f in sorted(person.forms))
        authors.append(author)
    return authors


def author_row(thesis: Thesis, person: Person) -> Author:
    """The unsaved record of a person the text names."""
    return Author(
        thesis=thesis,
        key=person.key,
        family_name=person.family,
        given_names=person.initials,
        display_name=person.display,
        group=person.group,
        is_historiography_author=person.is_historiography_author,
        is_quoted=person.is_quoted,
    )


def _create_passages(thesis, parsed: ParsedDocument, readings, sections, reason, progress) -> list[Passage]:
    passages = []
    for order, (block, text) in enumerate(zip(parsed.paragraphs, readings, strict=False)):
        progress("passages", order, len(parsed.paragraphs))
        original = parsed.text[block.start : block.end]
        passage = passage_row(sections[block.heading], block, original, text, order, block.role)
        passages.append(_save(passage, reason))
    return passages


def passage_row(section: Section, block: Block, original: str, text: str, order: int, role=TEXT) -> Passage:
    """The unsaved record of a paragraph transcribed as `original`, read as `text`; its role is TEXT
    unless it is a table-of-contents entry or page furniture."""
    return Passage(
        thesis=section.thesis,
        section=section,
        order=order,
        original_text=original,
        text=text,
        span_start=block.start,
        span_end=block.end,
        role=role,
    )


def _create_sources(thesis, parsed: ParsedDocument, reason, progress: Progress) -> list[Source]:
    """A source for each entry of the reference lists, by its number. A number a list gives again (an
    article's "References" repeating its "Әдебиеттер" in Latin letters) keeps the first entry."""
    entries: dict[int, Entry] = {}
    for lines in bibliography_lines(parsed):
        for entry in split_entries(lines):
            entries.setdefault(entry.number, entry)
    progress("sources", 0, max(len(entries), 1))
    sources = []
    for entry in entries.values():
        sources.append(_save(source_row(thesis, entry), reason))
        progress("sources", len(sources), len(entries))
    return sources


def source_row(thesis: Thesis, entry: Entry) -> Source:
    """The unsaved record of a reference-list entry: read into its fields when the entry reads
    confidently (complete when it has all a reference needs), else the entry as printed alone, for an
    editor to read."""
    source = Source(thesis=thesis, number=entry.number, raw=entry.raw, status=Source.Status.NEEDS_DATA)
    reference = read_reference(entry.raw)
    if reference is None:
        return source
    for name in READ_FIELDS:
        setattr(source, name, getattr(reference, name))
    if reference.url:
        source.note = f"URL: {reference.url}"
    for field_ in Source._meta.fields:
        value = getattr(source, field_.name)
        if field_.max_length and isinstance(value, str):
            setattr(source, field_.name, value[: field_.max_length])
    if reference.complete:
        source.status = Source.Status.COMPLETE
    return source


def _create_events(thesis, passages, reason, progress: Progress) -> list[TimelineEvent]:
    """One event for every date printed in the text, described by the sentence that holds it."""
    events = []
    # Only the thesis's own words state events: a running head's year or a contents entry's is no event.
    found = stated_events([passage.text if passage.role == TEXT else "" for passage in passages])
    for stated in found:
        progress("events", len(events), len(found))
        date = stated.date
        event = TimelineEvent(
            thesis=thesis,
            key=stated.key,
            passage=passages[stated.passage],
            headline=stated.headline,
            description=stated.description,
            date_display=date.display,
            start_year=date.begin.year,
            start_month=date.begin.month,
            start_day=date.begin.day,
            end_year=date.finish.year,
            end_month=date.finish.month,
            end_day=date.finish.day,
            precision=date.precision,
            basis=TimelineEvent.Basis.STATED,
        )
        events.append(_save(event, reason))
    return events


def _save(instance, reason):
    record(instance, None, reason).save()
    return instance
