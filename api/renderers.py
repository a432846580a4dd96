"""text/plain; charset=utf-8, so that a client accepting only plain text can still be sent an error; and TEI."""

import json

from rest_framework.renderers import BaseRenderer


class PlainTextRenderer(BaseRenderer):
    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Texts are sent as they are; anything else here is an error body, written as JSON.
        if isinstance(data, str):
            return data.encode(self.charset)
        return json.dumps(data, ensure_ascii=False).encode(self.charset)


class TeiRenderer(BaseRenderer):
    """application/tei+xml, so that a client asking for TEI is not refused; the view sends the document itself."""

    media_type = "application/tei+xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode(self.charset)
