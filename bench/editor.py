"""An editor at the admin, as a browser drives it: a passage's change form read, its text changed, the form sent.

The save goes the whole way an editor's does: the session and CSRF token of a signed-in editor, the form's
opened version (the check that refuses a save over another's), the admin's save_model and so
editing.save_passage, on the server under test, whose workers the readers share.
"""

import http.client
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from load import PROXY_HEADERS

FORM_ID = "passage_form"
# Added to a passage's text by one save and taken off by the next, so that a passage saved an even number
# of times is back to its text; a word of the corpus's language, as an editor's correction would be.
MARK = " түзету"
REASON = "the benchmark's edit while reading"


class FormFields(HTMLParser):
    """The fields one form would send, as a browser collects them: checked boxes only, a textarea's text less
    the line break after its tag, a select's selected option."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea, self.select, self.first_option = None, None, None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.inside = found.get("id") == self.form_id
        elif self.inside:
            self.field(tag, found)

    def field(self, tag: str, found: dict) -> None:
        name = found.get("name")
        if tag == "input" and name and found.get("type") not in ("submit", "button", "file", "image", "reset"):
            if found.get("type") not in ("checkbox", "radio") or "checked" in found:
                self.fields.append([name, found.get("value", "on" if found.get("type") == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            self.option(found)

    def option(self, found: dict) -> None:
        value = found.get("value", "")
        if self.first_option is None:
            self.first_option = [self.select, value]
            self.fields.append(self.first_option)
        if "selected" in found:
            self.first_option[1] = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.textarea[1] = self.textarea[1].removeprefix("\r\n").removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_fields(html: str, form_id: str = FORM_ID) -> dict:
    parser = FormFields(form_id)
    parser.feed(html)
    return dict(parser.fields)


def toggled(text: str) -> str:
    """The text with MARK added, or taken off if it has it."""
    return text.removesuffix(MARK) if text.endswith(MARK) else text + MARK


class Editor:
    """One signed-in editor at a server: `save(passage)` opens its change form and sends it with the text toggled."""

    def __init__(self, base: str, cookie: str):
        parts = urlsplit(base)
        self.host, self.port, self.cookies = parts.hostname, parts.port, dict([cookie.split("=", 1)])
        self.origin = f"https://{parts.hostname}:{parts.port}"

    def save(self, passage: int) -> str:
        """'saved' (the admin redirected), 'refused' (the form came back, e.g. stale) or 'failed <status>'."""
        path = f"/admin/thesis/passage/{passage}/change/"
        status, page = self.request("GET", path)
        if status != 200:
            return f"failed {status}"
        fields = form_fields(page)
        fields.update(text=toggled(fields.get("text", "")), change_reason=REASON, _save="Save")
        status, _page = self.request("POST", path, urlencode(fields))
        return "saved" if status == 302 else ("refused" if status == 200 else f"failed {status}")

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = PROXY_HEADERS | {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin}
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()
