"""text/plain; charset=utf-8, so that a client accepting only plain text can still be sent an error; TEI;
and CSL-JSON in its own media type."""

import json

from rest_framework.renderers import BaseRenderer, JSONRenderer


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
    """application/tei+xml: what a client asking for TEI is answered in. The view sends the document
    itself, and everything else (errors, OPTIONS) as JSON."""

    media_type = "application/tei+xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CslJsonRenderer(JSONRenderer):
    """CSL-JSON in CSL's own media type, which citation managers recognise; the body is plain JSON."""

    media_type = "application/vnd.citationstyles.csl+json"
    format = "csl"
