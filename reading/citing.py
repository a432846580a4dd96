"""How a thesis and a passage of it are cited: as BibTeX, as CSL-JSON, and in the official APA and GOST styles."""

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


def as_csl(ref: PassageReference, english: bool = True) -> dict:
    """A CSL-JSON item, valid by CSL's data schema: the thesis, its kind named in English or, with
    `english` false, in Kazakh, and the version's URL. The paragraph is the citation's locator
    (`locator`), which processors read from the citation, not from the item."""
    thesis = ref.thesis
    item = {
        "id": bibtex_key(ref),
        "type": "article" if thesis.kind == ARTICLE else "thesis",
        "title": thesis.title,
        "author": [csl_name(name) for name in thesis.authors],
        "publisher": thesis.institution,
        "publisher-place": thesis.place,
        "issued": _issued(thesis),
        "genre": kind_names(thesis.kind)[1 if english else 0],
        "section": ref.section,
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


def locator(ref: PassageReference) -> tuple[str, str]:
    """Where in the thesis the passage is, as a CSL citation's label and locator: its paragraph reference."""
    return ("paragraph", ref.paragraph)


def csl_name(name: str) -> dict[str, str]:
    """A CSL name: "Family, Given" as its two parts, so that a style can order and abbreviate them; any
    other form of a name as it is written."""
    family, comma, given = (part.strip() for part in name.partition(","))
    return {"family": family, "given": given} if comma and family and given else {"literal": name}
