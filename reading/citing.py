"""How a passage of a thesis is cited: as text (Kazakh and English conventions), as BibTeX and as CSL-JSON."""

import datetime
import re
from dataclasses import dataclass

# What each kind of thesis is called in a reference, in Kazakh and in English.
KINDS = {
    "diploma": ("дипломдық жұмыс", "diploma work"),
    "master": ("магистрлік диссертация", "master's thesis"),
    "doctoral": ("докторлық диссертация", "doctoral dissertation"),
}
ENGLISH_MONTHS = ("January February March April May June July August September October November December").split()
BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class PassageReference:
    """What a reference to one version of one passage names."""

    thesis_id: int
    thesis_title: str
    kind: str
    language: str
    section: str
    number: int
    version: int
    url: str
    accessed: datetime.date


def kind_names(kind: str) -> tuple[str, str]:
    return KINDS.get(kind, (kind, kind))


def as_kazakh(ref: PassageReference) -> str:
    """A reference as Kazakh bibliographies write one (ГОСТ 7.0.5's shape): day.month.year for the access date."""
    kind = kind_names(ref.kind)[0]
    section = f"{ref.section}, " if ref.section else ""
    return (
        f"{ref.thesis_title} [{kind}]. {section}{ref.number}-абзац, {ref.version}-нұсқа. "
        f"URL: {ref.url} (қаралған күні: {ref.accessed:%d.%m.%Y})."
    )


def as_english(ref: PassageReference) -> str:
    """A reference as English author-date styles write one: the access date written out."""
    kind = kind_names(ref.kind)[1]
    section = f"{ref.section}, " if ref.section else ""
    accessed = f"{ref.accessed.day} {ENGLISH_MONTHS[ref.accessed.month - 1]} {ref.accessed.year}"
    return (
        f"{ref.thesis_title} [{kind}]. {section}paragraph {ref.number}, version {ref.version}. "
        f"Available at: {ref.url} (accessed {accessed})."
    )


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field's braces: TeX's special characters escaped."""
    return BIBTEX_SPECIALS.sub(lambda m: BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), text)


def bibtex_key(ref: PassageReference) -> str:
    return f"thesis{ref.thesis_id}-p{ref.number}-v{ref.version}"


def as_bibtex(ref: PassageReference) -> str:
    """A @misc entry (BibTeX has no type for a part of an unpublished thesis); urldate as biblatex reads it."""
    kind = kind_names(ref.kind)[1]
    fields = {
        "title": ref.thesis_title,
        "type": kind,
        "chapter": ref.section,
        "note": f"Paragraph {ref.number}, version {ref.version}",
        "url": ref.url,
        "urldate": ref.accessed.isoformat(),
        "language": ref.language,
    }
    lines = [
        f"  {name} = {{{value if name == 'url' else bibtex_escape(value)}}}," for name, value in fields.items() if value
    ]
    return "@misc{" + bibtex_key(ref) + ",\n" + "\n".join(lines) + "\n}"


def as_csl(ref: PassageReference) -> dict:
    """A CSL-JSON item: the thesis, with the passage as its locator and the version's URL."""
    item = {
        "id": bibtex_key(ref),
        "type": "thesis",
        "title": ref.thesis_title,
        "genre": kind_names(ref.kind)[1],
        "section": ref.section,
        "locator": str(ref.number),
        "label": "paragraph",
        "version": str(ref.version),
        "URL": ref.url,
        "accessed": {"date-parts": [[ref.accessed.year, ref.accessed.month, ref.accessed.day]]},
        "language": ref.language,
    }
    return {name: value for name, value in item.items() if value}
