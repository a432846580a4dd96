"""The size limit of a file to be imported, checked while it is read: never more than the limit plus one byte."""

from django.conf import settings
from django.utils.translation import gettext as _

from .exceptions import ImportRefused


def check_size(size: int, max_bytes: int | None = None) -> None:
    """ImportRefused for a file of `size` bytes that is empty or over the limit (IMPORT_MAX_BYTES)."""
    max_bytes = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if not size:
        raise ImportRefused(_("the file is empty"))
    if size > max_bytes:
        raise ImportRefused(
            _("the file is %(size)s bytes; the limit is %(limit)s") % {"size": f"{size:,}", "limit": f"{max_bytes:,}"}
        )


def read_limited(stream, max_bytes: int | None = None) -> bytes:
    """The bytes of a binary stream, or ImportRefused once it holds more than the limit.

    The stream is read, not measured: a device or a pipe has no size to ask for, and one byte past
    the limit is enough to refuse it."""
    max_bytes = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportRefused(_("the file is larger than the limit of %(limit)s bytes") % {"limit": f"{max_bytes:,}"})
    check_size(len(data), max_bytes)
    return data
