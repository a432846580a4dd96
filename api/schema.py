"""The OpenAPI schema beyond what drf-spectacular infers: error responses, and query parameters as strict as the API."""

from dataclasses import dataclass, field

from django import forms
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse

# Django's form fields refuse a NUL character, which PostgreSQL could not compare with anyway.
NO_NUL = "^[^\\x00]*$"
INT32_MAX = 2**31 - 1
# Any id, even "1.5", reaches the view, so that a bad one is a JSON 404 rather than Django's HTML page.
ANY_ID = "[^/]+"
# The router's own lookup pattern, which drf-spectacular takes for no pattern chosen.
ROUTER_LOOKUP = "[^/.]+"


# A TEI document is XML, whose encoding its declaration gives: bytes to a client, not a JSON string.
TEI_DOCUMENT = {"type": "string", "format": "binary", "description": "A TEI P5 XML document, valid against tei_all."}
TEI_RESPONSE = OpenApiResponse(
    TEI_DOCUMENT, description="The thesis's TEI edition: its header, its text as the citation tree, its records."
)


@dataclass(frozen=True)
class ErrorResponse:
    description: str
    component: str
    schema: dict
    headers: dict = field(default_factory=dict)
    example: dict | None = None


DETAIL = {
    "type": "object",
    "description": "What went wrong.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
PARAMETER_ERRORS = {
    "type": "object",
    "description": "Each bad parameter, with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "minProperties": 1,
}
BAD_PARAMETERS = ErrorResponse("A query parameter is not valid.", "ParameterErrors", PARAMETER_ERRORS)
NOT_FOUND = ErrorResponse("No such record, page or format.", "Error", DETAIL)
THROTTLED = ErrorResponse(
    "Too many requests from this address.",
    "Error",
    DETAIL,
    headers={"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."}},
)
# Parameters whose bad values are a 404 (DRF's answer for a missing page or an unknown format), not a 400.
NOT_FOUND_PARAMETERS = {"page", "format"}
CSV_LIST = {
    "type": "string",
    "description": "Every row of the filtered list, not one page: UTF-8 CSV with a header row, a nested "
    "object's members in columns named with a dot (span.start), a list of values in one cell joined by "
    '"; ", a list of objects in one cell as JSON. A text cell starting with =, +, -, @, a tab, a carriage '
    "return or ' has a ' put in front, so that no spreadsheet runs it as a formula: remove one leading ' "
    "to get the value back.",
}
FORMAT_DESCRIPTION = "json (the default): a page of the list; csv: every row of the filtered list as text/csv."
BOM_PARAMETER = {
    "name": "bom",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["0", "1"], "default": "0"},
    "description": "With format=csv, 1 starts the file with a UTF-8 byte order mark, which Excel needs to read it.",
}
# Extensions on a parameter that must not be after (before) the one they name, when both are given.
ORDER_BEFORE = "x-not-after"
ORDER_AFTER = "x-not-before"


def form_field_schema(form_field: forms.Field) -> dict:
    """The constraints a filter's form field enforces, so that the schema calls invalid what the API refuses."""
    schema = dict(getattr(form_field, "openapi_schema", {}))
    if isinstance(form_field, forms.IntegerField):
        schema["type"] = "integer"
        if form_field.min_value is not None:
            schema["minimum"] = form_field.min_value
        if form_field.max_value is not None:
            schema["maximum"] = form_field.max_value
            schema["format"] = "int64" if form_field.max_value > INT32_MAX else "int32"
    elif isinstance(form_field, forms.CharField):
        schema["pattern"] = NO_NUL
        if form_field.max_length is not None:
            schema["maxLength"] = form_field.max_length
    return schema


def media_type_of(renderer) -> str:
    """The Content-Type a renderer's responses carry."""
    return f"{renderer.media_type}; charset={renderer.charset}" if renderer.charset else renderer.media_type


class StrictFilterExtension(DjangoFilterExtension):
    """django-filter's parameters, with the bounds, lengths and exclusions their form fields check."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        constraints = form_field_schema(filter_field.field)
        ordering = parameter_order(filterset_class, field_name)
        for parameter in parameters:
            schema = parameter["schema"]
            (schema["items"] if schema.get("type") == "array" else schema).update(constraints)
            parameter.update(ordering)
        return parameters


def parameter_order(filterset_class, field_name: str) -> dict:
    """The parameter's place in a pair that must be in order (year_from, year_to), as OpenAPI extensions
    a client can read (OpenAPI itself has no rule between parameters); empty when it has none."""
    for first, last in getattr(filterset_class._meta.form, "ordered_parameters", ()):
        if field_name == first:
            return {ORDER_BEFORE: last}
        if field_name == last:
            return {ORDER_AFTER: first}
    return {}


def ordered_pair_error(parameters: list[dict]) -> ErrorResponse | None:
    """The 400 of an operation with parameters that must be in order: the rule said, with an example."""
    pairs = [(p["name"], p[ORDER_BEFORE]) for p in parameters if p["in"] == "query" and ORDER_BEFORE in p]
    if not pairs:
        return None
    rules = "; ".join(f"{first} is after {last}" for first, last in pairs)
    first, last = pairs[0]
    example = {first: [f"{first} (2000) is after {last} (1990)."]}
    return ErrorResponse(
        f"A query parameter is not valid, or {rules}.", "ParameterErrors", PARAMETER_ERRORS, example=example
    )


def error_renderer(renderer):
    """What sends `renderer`'s errors: its own side renderer where it has one (CSV's is JSON)."""
    side = getattr(renderer, "side_renderer_class", None)
    return side() if side else renderer


def unique_types(renderers) -> list:
    """The first renderer of each media type."""
    first = {}
    for renderer in renderers:
        first.setdefault(media_type_of(renderer), renderer)
    return list(first.values())


def ids_typed_by_model(endpoints):
    """PREPROCESSING_HOOKS: the endpoints, with the API's catch-all id pattern read as the router's."""
    # The API lets any id through to the view, so that its pattern says nothing: what an id is, the
    # model says, and drf-spectacular asks the model only when the pattern is the router's default.
    return [
        (path, path_regex.replace(f">{ANY_ID})", f">{ROUTER_LOOKUP})"), method, callback)
        for path, path_regex, method, callback in endpoints
    ]


class ArchiveAutoSchema(AutoSchema):
    """Every operation documents the errors it can answer with, each with its body."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        self.describe_csv(operation)
        for parameter in parameters:
            # django-filter, DRF's pagination and `script` all read an empty value as no value, which a
            # required parameter cannot be.
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        for status, error in self.error_responses(parameters).items():
            operation["responses"].setdefault(status, self.error_response(error))
        return operation

    def get_auth(self) -> list:
        """No security for an anonymous operation: drf-spectacular's [{}] (optional, with no scheme to
        name) reads to client generators as a demand for credentials."""
        requirements = super().get_auth()
        return [] if all(requirement == {} for requirement in requirements) else requirements

    def describe_csv(self, operation: dict) -> None:
        """A list's CSV is its rows, not the JSON page drf-spectacular gives every renderer of the list."""
        content = operation["responses"].get("200", {}).get("content", {})
        csv_types = [media for media in content if media.startswith("text/csv")]
        for media in csv_types:
            # Named as the responses say it, charset and all.
            del content[media]
            content["text/csv; charset=utf-8"] = {"schema": CSV_LIST}
        for parameter in operation.get("parameters", []) if csv_types else []:
            if parameter["in"] == "query" and parameter["name"] == "format":
                parameter["description"] = FORMAT_DESCRIPTION
        if csv_types:
            operation.setdefault("parameters", []).append(BOM_PARAMETER)

    def error_responses(self, parameters: list[dict]) -> dict[str, ErrorResponse]:
        query = {parameter["name"] for parameter in parameters if parameter["in"] == "query"}
        errors = {}
        if query - NOT_FOUND_PARAMETERS:
            errors["400"] = ordered_pair_error(parameters) or BAD_PARAMETERS
        if query & NOT_FOUND_PARAMETERS or any(parameter["in"] == "path" for parameter in parameters):
            errors["404"] = NOT_FOUND
        if self.view.get_throttles():
            errors["429"] = THROTTLED
        return errors

    def error_response(self, error: ErrorResponse) -> dict:
        component = ResolvedComponent(
            name=error.component, type=ResolvedComponent.SCHEMA, schema=error.schema, object=error.component
        )
        self.registry.register_on_missing(component)
        content = {}
        side = getattr(self.view, "side_renderer_class", None)
        renderers = [side()] if side else [error_renderer(r) for r in self.view.get_renderers()]
        for renderer in unique_types(renderers):
            # An error sent as text is the same JSON, which a schema for text can only call a string.
            is_json = renderer.media_type in ("application/json", "application/ld+json")
            content[media_type_of(renderer)] = {"schema": component.ref if is_json else {"type": "string"}}
            if is_json and error.example:
                content[media_type_of(renderer)]["example"] = error.example
        response = {"content": content, "description": error.description}
        if error.headers:
            response["headers"] = error.headers
        return response
