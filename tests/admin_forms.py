"""An admin page's forms read as a browser reads them: every field's value, ready to be posted back."""

from lxml import html

UNSENT_INPUTS = {"submit", "button", "image", "reset", "file"}


def page_forms(page: str) -> list:
    """The page's forms, as lxml elements."""
    return html.fromstring(page).forms if page.strip() else []


def sent_values(field) -> list[str]:
    """What a browser sends for one field: the textarea's leading newline dropped, as browsers do."""
    if field.tag == "select":
        chosen = field.value if field.multiple else [field.value]
        return [value for value in chosen if value is not None]
    if field.tag == "textarea":
        return [field.value.removeprefix("\n")]
    if field.checkable:
        return [field.value] if field.checked else []
    if field.type in UNSENT_INPUTS:
        return []
    return [field.value or ""]


def form_fields(form) -> dict[str, list[str]]:
    """The fields a browser would post from this form."""
    fields: dict[str, list[str]] = {}
    for field in form.inputs:
        if field.name and "disabled" not in field.attrib:
            fields.setdefault(field.name, []).extend(sent_values(field))
    return fields


def form_data(page: str) -> dict[str, list[str]]:
    """The fields a browser would post from this page's forms, together."""
    fields: dict[str, list[str]] = {}
    for form in page_forms(page):
        for name, values in form_fields(form).items():
            fields.setdefault(name, []).extend(values)
    return fields
