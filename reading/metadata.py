"""What a thesis's page and a passage's page tell reference managers and search engines: Highwire
`citation_*` and Dublin Core meta tags, and schema.org JSON-LD.

Zotero reads the meta tags (its Embedded Metadata translator): `citation_dissertation_institution`
or a Dublin Core type of "Thesis" makes its item a thesis. Search engines read the JSON-LD, where a
passage is a part of its thesis."""

import json
from dataclasses import dataclass

from .citing import ARTICLE, PassageReference, ThesisReference, kind_names

# What Zotero and eprints read as a thesis (a DCMI type of "Text" would read as a journal article).
DC_TYPE = "Thesis"
DC_ARTICLE_TYPE = "Text"
DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
SCHEMA_ORG = "https://schema.org"
# Characters that would end a <script> or open a comment or a character reference inside it, written
# as JSON escapes instead (as Django's json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Tag:
    """One <meta name content>."""

    name: str
    content: str


def highwire_date(ref: ThesisReference) -> str:
    """The year the title page prints, else the day the archive published the thesis."""
    if ref.year:
        return str(ref.year)
    return f"{ref.date:%Y/%m/%d}" if ref.date else ""


def dc_date(ref: ThesisReference) -> str:
    if ref.year:
        return str(ref.year)
    return ref.date.isoformat() if ref.date else ""


def meta_tags(thesis: ThesisReference, passage: PassageReference | None = None) -> list[Tag]:
    """The Highwire and Dublin Core tags of a thesis's page, or of a passage's (its public URL the
    version's own); tags whose value the archive does not know are left out."""
    url = passage.url if passage else thesis.url
    tags = [
        Tag("citation_title", thesis.title),
        *(Tag("citation_author", name) for name in thesis.authors),
        Tag("citation_publication_date", highwire_date(thesis)),
        Tag("citation_date", highwire_date(thesis)),
        Tag(_institution_tag(thesis), thesis.institution),
        Tag("citation_language", thesis.language),
        Tag("citation_public_url", url),
        Tag("DC.title", thesis.title),
        *(Tag("DC.creator", name) for name in thesis.authors),
        Tag("DC.publisher", thesis.institution),
        Tag("DC.date", dc_date(thesis)),
        Tag("DC.type", DC_ARTICLE_TYPE if thesis.kind == ARTICLE else DC_TYPE),
        Tag("DC.language", thesis.language),
        Tag("DC.identifier", url),
    ]
    return [tag for tag in tags if tag.content]


def _institution_tag(thesis: ThesisReference) -> str:
    """An article's authors' institution, or the institution a thesis was written for."""
    return "citation_author_institution" if thesis.kind == ARTICLE else "citation_dissertation_institution"


def thesis_object(thesis: ThesisReference) -> dict:
    """A thesis as a schema.org Thesis."""
    found = {
        "@type": "ScholarlyArticle" if thesis.kind == ARTICLE else "Thesis",
        "@id": thesis.url,
        "url": thesis.url,
        "name": thesis.title,
        "inLanguage": thesis.language,
        "inSupportOf": kind_names(thesis.kind)[1],
        "datePublished": dc_date(thesis),
        "author": [{"@type": "Person", "name": name} for name in thesis.authors],
        "sourceOrganization": {"@type": "Organization", "name": thesis.institution} if thesis.institution else None,
    }
    return {name: value for name, value in found.items() if value}


def passage_object(passage: PassageReference) -> dict:
    """A passage's version as a schema.org CreativeWork that is a part of its thesis."""
    found = {
        "@type": "CreativeWork",
        "@id": passage.url,
        "url": passage.url,
        "name": f"§{passage.paragraph} · {passage.thesis.title}",
        "position": passage.paragraph,
        "version": str(passage.version),
        "inLanguage": passage.thesis.language,
        "isPartOf": thesis_object(passage.thesis),
    }
    return {name: value for name, value in found.items() if value}


def json_ld(thesis: ThesisReference, passage: PassageReference | None = None) -> str:
    """The JSON-LD of a thesis's page or a passage's, safe to write as the text of a <script>."""
    found = passage_object(passage) if passage else thesis_object(thesis)
    text = json.dumps({"@context": SCHEMA_ORG, **found}, ensure_ascii=False, sort_keys=False)
    return text.translate(SCRIPT_ESCAPES)


def page_metadata(thesis: ThesisReference, passage: PassageReference | None = None) -> dict:
    """What a page's head carries: its meta tags and its JSON-LD."""
    return {"tags": meta_tags(thesis, passage), "json_ld": json_ld(thesis, passage)}
