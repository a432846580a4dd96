"""JSON written by orjson; text/plain; charset=utf-8, so that a client accepting only plain text can still
be sent an error; TEI; and CSL-JSON in its own media type."""

import json

import orjson
from rest_framework import renderers
from rest_framework.renderers import BaseRenderer

# What DRF's renderer escapes so that its JSON is also valid JavaScript, as UTF-8.
JS_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
# Dates, lazy translations and the rest that orjson does not write as DRF does go to DRF's encoder.
ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


class JSONRenderer(renderers.JSONRenderer):
    """DRF's compact JSON byte for byte, written by orjson: DRF's json.dumps took up to a tenth of a
    computed list. Indented JSON, and anything orjson refuses (an integer past 64 bits), DRF writes.
    (The one difference left is a float below 1e-4, which orjson writes out in full; the API's only
    fractions are confidences to two places.)"""

    encode_other = renderers.JSONRenderer.encoder_class().default

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=self.encode_other, option=ORJSON_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for separator, escaped in JS_LINE_SEPARATORS:
            body = body.replace(separator, escaped)
        return body


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
