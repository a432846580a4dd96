"""The OpenAPI description of the DTS endpoints: their parameters and the JSON-LD objects they answer with."""

from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from thesis.editions import dts
from thesis.text.citetree import PARAGRAPH, SECTION, SUBSECTION

from .schema import NO_NUL, NOT_FOUND, ArchiveAutoSchema

LARGEST = 999_999_999
TEXT = {"type": "string", "pattern": NO_NUL}
TEMPLATE = {"type": "string", "description": "An RFC 6570 URI template."}
LANG_STRINGS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"lang": {"type": "string"}, "value": {"type": "string"}},
        "required": ["lang", "value"],
    },
}
DUBLIN_CORE = {
    "type": "object",
    "description": "Dublin Core terms: titles with their language, and languages.",
    "properties": {"title": LANG_STRINGS, "language": {"type": "array", "items": {"type": "string"}}},
}
# A level of a citation tree holds the levels below it, to any depth: a component that refers to itself.
CITE_STRUCTURE_COMPONENT = "DtsCiteStructure"
CITE_STRUCTURE_LEVEL = {
    "type": "object",
    "description": "A type of unit, with the types of unit it holds.",
    "properties": {
        "citeType": {"type": "string"},
        "citeStructure": {
            "type": "array",
            "items": {"$ref": f"#/components/schemas/{CITE_STRUCTURE_COMPONENT}"},
        },
    },
    "required": ["citeType"],
}
CITE_STRUCTURE = {
    "type": "array",
    "description": "The types of unit a level holds, each with the levels below it.",
    "items": {"$ref": f"#/components/schemas/{CITE_STRUCTURE_COMPONENT}"},
}
IRI = {"type": "string", "format": "uri"}
COMMON = {
    "@id": {**IRI, "description": "The object's IRI, its URL in the collection endpoint."},
    "dtsVersion": {"type": "string", "enum": [dts.VERSION]},
    "title": {"type": "string"},
    "description": {"type": "string"},
    "totalParents": {"type": "integer", "minimum": 0},
    "totalChildren": {"type": "integer", "minimum": 0},
    "dublinCore": DUBLIN_CORE,
    "collection": TEMPLATE,
}
REQUIRED = ["@id", "@type", "dtsVersion", "title", "totalParents", "totalChildren", "collection"]
RESOURCE = {
    "type": "object",
    "description": "A thesis.",
    "properties": {
        **COMMON,
        "@type": {"type": "string", "enum": ["Resource"]},
        "navigation": TEMPLATE,
        "document": TEMPLATE,
        "download": {**IRI, "description": "The thesis's TEI edition."},
        "mediaTypes": {"type": "array", "items": {"type": "string", "enum": list(dts.MEDIA_TYPES)}},
        "citationTrees": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"@type": {"type": "string", "enum": ["CitationTree"]}, "citeStructure": CITE_STRUCTURE},
                "required": ["@type"],
            },
        },
    },
    "required": [*REQUIRED, "navigation", "document", "citationTrees"],
}
GROUP = {
    "type": "object",
    "description": "A collection: the root, or the theses of one kind.",
    "properties": {**COMMON, "@type": {"type": "string", "enum": ["Collection"]}},
    "required": REQUIRED,
}
MEMBER = {"description": "A Collection, or a Resource with the properties of one.", "oneOf": [GROUP, RESOURCE]}
PAGINATION = {
    "type": "object",
    "description": "Links to the other pages; `previous` and `next` are null where there is no such page.",
    "properties": {
        "@id": IRI,
        "@type": {"type": "string", "enum": ["Pagination"]},
        "first": IRI,
        "previous": {**IRI, "nullable": True},
        "next": {**IRI, "nullable": True},
        "last": IRI,
    },
    "required": ["@id", "@type", "first", "previous", "next", "last"],
}
TOP = {"@context": {"type": "string", "enum": [dts.CONTEXT]}, "view": PAGINATION}
COLLECTION = {
    "type": "object",
    "description": "The root collection, a collection of theses of one kind, or a thesis, with its members.",
    "properties": {
        **TOP,
        **COMMON,
        **RESOURCE["properties"],
        "@type": {"type": "string", "enum": ["Collection", "Resource"]},
        "member": {"type": "array", "items": MEMBER},
    },
    "required": ["@context", *REQUIRED, "member"],
}
CITABLE_UNIT = {
    "type": "object",
    "properties": {
        "identifier": {"type": "string"},
        "@type": {"type": "string", "enum": ["CitableUnit"]},
        "level": {"type": "integer", "minimum": 1},
        "parent": {"type": "string", "nullable": True},
        "citeType": {"type": "string", "enum": [SECTION, SUBSECTION, PARAGRAPH]},
        "dublinCore": DUBLIN_CORE,
    },
    "required": ["identifier", "@type", "level", "parent", "citeType"],
}
NAVIGATION = {
    "type": "object",
    "properties": {
        **TOP,
        "@id": {"type": "string"},
        "@type": {"type": "string", "enum": ["Navigation"]},
        "dtsVersion": COMMON["dtsVersion"],
        "resource": RESOURCE,
        "ref": CITABLE_UNIT,
        "start": CITABLE_UNIT,
        "end": CITABLE_UNIT,
        "member": {"type": "array", "items": CITABLE_UNIT},
    },
    "required": ["@context", "@id", "@type", "dtsVersion", "resource"],
}
ENTRY_POINT = {
    "type": "object",
    "properties": {
        "@context": TOP["@context"],
        "@id": {"type": "string"},
        "@type": {"type": "string", "enum": ["EntryPoint"]},
        "dtsVersion": COMMON["dtsVersion"],
        "collection": TEMPLATE,
        "navigation": TEMPLATE,
        "document": TEMPLATE,
    },
    "required": ["@context", "@id", "@type", "dtsVersion", "collection", "navigation", "document"],
}


def parameter(name, kind=TEXT, description="", **more):
    return OpenApiParameter(name, kind, description=description, **more)


PAGE = parameter(
    "page",
    {"type": "integer", "minimum": 1, "maximum": LARGEST},
    "A page of the members; a page past the last is a 404.",
)
RESOURCE_PARAMETER = parameter(
    "resource",
    {**TEXT, "minLength": 1},
    "The thesis, by its identifier in the collection (thesis/1).",
    required=True,
)
TREE = parameter("tree", description="A citation tree other than the default; a thesis has none, so any is a 404.")
REF = parameter("ref", description="One unit of the citation tree, e.g. 1.4 or 1.4.2; not with start and end.")
START = parameter("start", description="The first unit of a range; needs end.")
END = parameter("end", description="The last unit of a range, its own subtree included; needs start.")
COLLECTION_PARAMETERS = [
    parameter("id", description=f"A collection or thesis; the root ({dts.ROOT}) when left out."),
    PAGE,
    parameter("nav", {"type": "string", "enum": list(dts.NAVIGATION_CHOICES)}, "children (the default) or parents."),
]
NAVIGATION_PARAMETERS = [
    RESOURCE_PARAMETER,
    REF,
    START,
    END,
    parameter(
        "down",
        {"anyOf": [{"type": "integer", "minimum": -1, "maximum": LARGEST}, {"type": "string", "enum": [""]}]},
        "How many levels below ref (or the deeper of start and end, or the root) to list as members: "
        "-1 to the bottom, 0 (or empty, as some URI template libraries expand 0) the siblings of ref; "
        "without it, no members.",
    ),
    TREE,
    PAGE,
]
DOCUMENT_PARAMETERS = [
    RESOURCE_PARAMETER,
    REF,
    START,
    END,
    TREE,
    parameter(
        "mediaType",
        description=f"TEI (the default) or the plain text: {' or '.join(dts.MEDIA_TYPES)}, read as media types "
        "(type and subtype in any case, no parameter but charset=utf-8); any other is a 404.",
    ),
]
LINK_HEADER = OpenApiParameter(
    "Link",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200],
    description='The thesis in the collection endpoint, rel="collection".',
)


class DtsAutoSchema(ArchiveAutoSchema):
    """A DTS endpoint with parameters answers 404 for an identifier it does not know, whatever they are;
    its objects' citation trees refer to the component of a tree's level."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        self.registry.register_on_missing(
            ResolvedComponent(
                name=CITE_STRUCTURE_COMPONENT,
                type=ResolvedComponent.SCHEMA,
                schema=CITE_STRUCTURE_LEVEL,
                object=CITE_STRUCTURE_COMPONENT,
            )
        )
        return operation

    def error_responses(self, parameters: list[dict]) -> dict:
        errors = super().error_responses(parameters)
        if parameters:
            errors["404"] = NOT_FOUND
        return errors
