"""How a thesis and a passage of it are cited: as text (Kazakh and English conventions), as BibTeX and as CSL-JSON."""

import datetime
import re
from dataclasses import dataclass

# What each kind of thesis is called in a reference, in Kazakh and in English.
KINDS = {
    "diploma": ("дипломдық жұмыс", "diploma work"),
    "master": ("магистрлік диссертация", "master's thesis"),
    "doctoral": ("докторлық диссертация", "doctoral dissertation"),
    "article": ("мақала", "article"),
}
ARTICLE = "article"
ENGLISH_MONTHS = ("January February March April May June July August September October November December").split()
BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ThesisReference:
    """What a reference to a thesis names: its authors, institution, place and year where its title page
    or curation gives them, and the date the archive published it."""

    thesis_id: int
    title: str
    kind: str
    language: str
    url: str
    date: datetime.date | None = None
    authors: tuple[str, ...] = ()
    institution: str = ""
    place: str = ""
    year: int | None = None

    @property
    def issued_year(self) -> int | None:
        """The year the work was written, else the year the archive published it."""
        return self.year or (self.date.year if self.date else None)


@dataclass(frozen=True)
class PassageReference:
    """What a reference to one version of one passage names: `number` is the passage's in its address,
    `paragraph` its reference in the citation tree (1.4.2), the number DTS and the TEI edition give it."""

    thesis: ThesisReference
    section: str
    number: int
    paragraph: str
    version: int
    url: str
    accessed: datetime.date


def thesis_reference(thesis, url: str) -> ThesisReference:
    """A thesis record's reference, naming what its title page or curation says of it (the seed, a
    fragment without a title page, names no author or institution)."""
    return ThesisReference(
        thesis.pk,
        thesis.title,
        thesis.kind,
        thesis.language,
        url,
        thesis.created_at.date(),
        authors=tuple(name for name in thesis.author_names if isinstance(name, str)),
        institution=thesis.institution,
        place=thesis.place,
        year=thesis.year,
    )


def kind_names(kind: str) -> tuple[str, str]:
    return KINDS.get(kind, (kind, kind))


def made_by(thesis: ThesisReference, separator: str) -> str:
    """Who wrote the thesis and where, with the year, as a reference's opening words ("" when unknown)."""
    year = thesis.issued_year
    parts = [", ".join(thesis.authors), thesis.institution, thesis.place, str(year) if year else ""]
    return separator.join(part for part in parts if part)


def as_kazakh(ref: PassageReference) -> str:
    """A reference as Kazakh bibliographies write one (ГОСТ 7.0.5's shape): day.month.year for the access date."""
    thesis = ref.thesis
    made = made_by(thesis, ", ")
    section = f"{ref.section}, " if ref.section else ""
    return (
        f"{thesis.title} [{kind_names(thesis.kind)[0]}]. {made + '. ' if made else ''}"
        f"{section}{ref.paragraph}-абзац, {ref.version}-нұсқа. "
        f"URL: {ref.url} (қаралған күні: {ref.accessed:%d.%m.%Y})."
    )


def as_english(ref: PassageReference) -> str:
    """A reference as English author-date styles write one: the access date written out."""
    thesis = ref.thesis
    made = made_by(thesis, ", ")
    section = f"{ref.section}, " if ref.section else ""
    accessed = f"{ref.accessed.day} {ENGLISH_MONTHS[ref.accessed.month - 1]} {ref.accessed.year}"
    return (
        f"{thesis.title} [{kind_names(thesis.kind)[1]}]. {made + '. ' if made else ''}"
        f"{section}paragraph {ref.paragraph}, version {ref.version}. "
        f"Available at: {ref.url} (accessed {accessed})."
    )


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field's braces: TeX's special characters escaped."""
    return BIBTEX_SPECIALS.sub(lambda m: BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), text)


def bibtex_title(text: str) -> str:
    """A title escaped, with each word that has a capital letter (a name, an acronym such as АҚШ) in
    braces, as biblatex practice protects them from a style that changes a title's case."""
    return WORD.sub(lambda m: f"{{{m[0]}}}" if any(c.isupper() for c in m[0]) else m[0], bibtex_escape(text))


def bibtex_key(ref: PassageReference) -> str:
    return f"thesis{ref.thesis.thesis_id}-p{ref.number}-v{ref.version}"


def as_bibtex(ref: PassageReference) -> str:
    """A @misc entry (BibTeX has no type for a part of an unpublished thesis); urldate as biblatex reads it."""
    thesis = ref.thesis
    fields = {
        "author": bibtex_escape(" and ".join(thesis.authors)),
        "title": bibtex_title(thesis.title),
        "type": bibtex_escape(kind_names(thesis.kind)[1]),
        "institution": bibtex_escape(thesis.institution),
        "address": bibtex_escape(thesis.place),
        "year": str(thesis.issued_year or ""),
        "chapter": bibtex_escape(ref.section),
        "note": bibtex_escape(f"Paragraph {ref.paragraph}, version {ref.version}"),
        "url": ref.url,
        "urldate": ref.accessed.isoformat(),
        "language": bibtex_escape(thesis.language),
    }
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "@misc{" + bibtex_key(ref) + ",\n" + "\n".join(lines) + "\n}"


def as_csl(ref: PassageReference) -> dict:
    """A CSL-JSON item: the thesis, with the passage as its locator and the version's URL."""
    thesis = ref.thesis
    item = {
        "id": bibtex_key(ref),
        "type": "article" if thesis.kind == ARTICLE else "thesis",
        "title": thesis.title,
        "author": [{"literal": name} for name in thesis.authors],
        "publisher": thesis.institution,
        "publisher-place": thesis.place,
        "issued": _issued(thesis),
        "genre": kind_names(thesis.kind)[1],
        "section": ref.section,
        "locator": ref.paragraph,
        "label": "paragraph",
        "version": str(ref.version),
        "URL": ref.url,
        "accessed": {"date-parts": [[ref.accessed.year, ref.accessed.month, ref.accessed.day]]},
        "language": thesis.language,
    }
    return {name: value for name, value in item.items() if value}


def _issued(thesis: ThesisReference) -> dict | None:
    """The year the title page prints, else the day the archive published the thesis."""
    if thesis.year:
        return {"date-parts": [[thesis.year]]}
    return {"date-parts": [[thesis.date.year, thesis.date.month, thesis.date.day]]} if thesis.date else None
