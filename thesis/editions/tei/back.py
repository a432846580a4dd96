"""The edition's back matter: the sources cited by number, the people named, and the dated events."""

from django.utils import translation

from ...models import Author, Source, TimelineEvent
from ...text.dates import iso_year
from .passage import date_attributes
from .records import Records
from .xml import E, note_in, notes_in_languages, optional, present, with_id

# The addresses of a person's records in the authority files, each followed by its identifier.
VIAF = "https://viaf.org/viaf/"
WIKIDATA = "http://www.wikidata.org/entity/"


def back(records: Records):
    """The back matter, or None when there is nothing to list: TEI forbids an empty list, so a list
    with no entries is left out with its division, and the back with its last division."""
    lists = (
        ("sources", E.listBibl, [_source(source) for source in records.sources]),
        ("people", E.listPerson, [_person(author) for author in records.authors]),
        ("timeline", E.listEvent, [_event(event) for event in records.events]),
    )
    divisions = [E.div(make(*entries), type=kind) for kind, make, entries in lists if entries]
    return E.back(*divisions) if divisions else None


def _source(source: Source):
    attributes = {"n": str(source.number), **({"type": source.csl_type} if source.csl_type else {})}
    if source.raw and not source.title:
        return with_id(E.bibl(*_printed(source), **attributes), f"source-{source.number}")
    parts = present(
        *_authors(source.authors),
        optional("title", source.title),
        optional("title", source.container_title, type="container"),
        optional("pubPlace", source.publisher_place),
        optional("publisher", source.publisher),
        optional("date", source.issued_year, when=_year(source.issued_year)),
        optional("biblScope", source.page, unit="page"),
        optional("textLang", source.language),
        # Editors write a source's note in Kazakh, the archive's language, as every curated note.
        note_in(source.note, "kk"),
    )
    if source.status == Source.Status.NEEDS_DATA and not source.raw:
        missing = f"The bibliography is missing from the transcription: the text cites [{source.number}] only."
        parts.append(note_in(missing, "en", type="missing"))
    return with_id(E.bibl(*parts, **attributes), f"source-{source.number}")


def _printed(source: Source) -> list:
    """An entry of the reference list not yet read into its parts: its text as printed, then the notes."""
    unread = "The entry is given as the reference list prints it: its parts are still to be read."
    return [source.raw, *present(note_in(source.note, "kk"), note_in(unread, "en", type="unread"))]


def _year(year: int | None) -> str:
    return iso_year(year) if year else ""


def _authors(names) -> list:
    """Editors type a source's names as CSL JSON; what is not a name is left out."""
    authors = []
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, dict):
            continue
        if name.get("literal"):
            authors.append(E.author(str(name["literal"])))
        elif parts := present(optional("surname", name.get("family")), optional("forename", name.get("given"))):
            authors.append(E.author(E.persName(*parts)))
    return authors


def _person(author: Author):
    name = E.persName(*present(optional("surname", author.family_name), optional("forename", author.given_names)))
    aliases = [E.persName(alias.form, type="alias") for alias in author.aliases.all()]
    parts = [name, E.persName(author.display_name, type="display"), *aliases]
    if author.group:
        with translation.override("en"):
            group = str(author.get_group_display())
        parts.append(E.trait(E.desc(group), type="historiography", subtype=author.group))
    parts += present(
        optional("idno", author.viaf_id and f"{VIAF}{author.viaf_id}", type="VIAF"),
        optional("idno", author.wikidata_id and f"{WIKIDATA}{author.wikidata_id}", type="wikidata"),
    )
    parts += notes_in_languages(author, "note")
    attributes = {"role": " ".join(author.roles)} if author.roles else {}
    return with_id(E.person(*parts, **attributes), f"person-{author.pk}")


def _event(event: TimelineEvent):
    """An event: its headline and description, the people it involves and the paragraph that dates it."""
    parts = [E.label(event.headline)]
    if event.description:
        parts.append(E.desc(event.description))
    # One pointer per person: readers such as CETEIcean link a pointer's target as one address.
    parts += [E.ptr(type="people", target=f"#person-{author.pk}") for author in event.authors.all()]
    attributes = date_attributes(event)
    if event.passage_id:
        attributes["corresp"] = f"#p-{event.passage_id}"
    return with_id(E.event(*parts, **attributes), f"event-{event.pk}")
