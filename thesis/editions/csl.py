"""Sources as CSL-JSON items, the format citation processors and reference managers read."""

from thesis.models import Source
from thesis.text.transliteration import in_script

DEFAULT_TYPE = "document"
# CSL variable → Source field, for the text variables given in the requested script.
TEXT_VARIABLES = {
    "title": "title",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "container-title": "container_title",
    "note": "note",
}
NAME_PARTS = ("family", "given", "literal")

CSL_NAME_SCHEMA = {
    "type": "object",
    "description": "A CSL name; empty parts are left out.",
    "properties": {part: {"type": "string"} for part in NAME_PARTS},
}

CSL_ITEM_SCHEMA = {
    "type": "object",
    "description": "A CSL-JSON item; empty variables are left out.",
    "properties": {
        "id": {"type": "integer", "description": "The source's id in this API."},
        "type": {"type": "string", "description": f'CSL item type; "{DEFAULT_TYPE}" when not yet known.'},
        "citation-number": {"type": "integer"},
        "title": {"type": "string"},
        "author": {"type": "array", "items": CSL_NAME_SCHEMA},
        "issued": {
            "type": "object",
            "properties": {
                "date-parts": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
            },
        },
        "publisher": {"type": "string"},
        "publisher-place": {"type": "string"},
        "container-title": {"type": "string"},
        "page": {"type": "string"},
        "language": {"type": "string"},
        "note": {
            "type": "string",
            "description": "The editors' note; for an entry of the reference list not yet read into its parts, "
            "the entry as printed after it.",
        },
    },
    "required": ["id", "type", "citation-number"],
}


def csl_item(source: Source, script: str) -> dict:
    item = {"id": source.pk, "type": source.csl_type or DEFAULT_TYPE, "citation-number": source.number}
    for variable, field in TEXT_VARIABLES.items():
        if value := getattr(source, field):
            item[variable] = in_script(value, script)
    if names := csl_names(source.authors, script):
        item["author"] = names
    if source.issued_year is not None:
        item["issued"] = {"date-parts": [[source.issued_year]]}
    for variable in ("page", "language"):
        if value := getattr(source, variable):
            item[variable] = value
    if source.raw and not source.title:
        # An entry not yet read into its parts: a reference manager shows it as the list prints it.
        item["note"] = "\n".join(filter(None, [item.get("note"), in_script(" ".join(source.raw.split()), script)]))
    return item


def csl_names(authors, script: str) -> list[dict]:
    """The names in a source's authors; editors type the JSON, so anything that is not a name is left out."""
    if not isinstance(authors, list):
        return []
    return [name for author in authors if (name := _name(author, script))]


def _name(author, script: str) -> dict:
    if not isinstance(author, dict):
        return {}
    return {part: in_script(str(author[part]), script) for part in NAME_PARTS if author.get(part)}
