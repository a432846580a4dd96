"""An admin change form read as a browser reads it: every field's value, ready to be posted back."""

from html.parser import HTMLParser

UNSENT_INPUTS = {"submit", "button", "image", "reset", "file"}


class FormFields(HTMLParser):
    """The name and value of each field of the page's change form, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            self._input(name, attributes)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields[self._select].append(attributes.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][0] += data

    def _input(self, name, attributes):
        kind = attributes.get("type", "text").lower()
        if kind in UNSENT_INPUTS or (kind in {"checkbox", "radio"} and "checked" not in attributes):
            return
        self.fields.setdefault(name, []).append(attributes.get("value", "on" if kind == "checkbox" else ""))


def form_data(page: str) -> dict[str, list[str]]:
    """The fields a browser would post from this page, the textarea's leading newline dropped as browsers do."""
    parser = FormFields()
    parser.feed(page)
    for values in parser.fields.values():
        values[:] = [value.removeprefix("\n") for value in values]
    return parser.fields
