"""The ceiling: a WSGI app that answers at once with fixed bytes, run under the same gunicorn settings.

`?bytes=N` sets the body's size, so that each request of ours has a ceiling of the same size.
"""

from urllib.parse import parse_qs

DEFAULT_BYTES = 1024
MAX_BYTES = 16 * 1024 * 1024
_bodies: dict[int, bytes] = {}


def body(size: int) -> bytes:
    if size not in _bodies:
        _bodies[size] = (b'{"x":"' + b"a" * max(0, size - 8) + b'"}')[:size]
    return _bodies[size]


def application(environ, start_response):
    requested = parse_qs(environ.get("QUERY_STRING", "")).get("bytes", [DEFAULT_BYTES])[0]
    size = min(int(requested), MAX_BYTES) if str(requested).isdigit() else DEFAULT_BYTES
    payload = body(size)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
