"""The backup file: a header line naming the format, one JSON row a line, and a trailer line with the
row count and the SHA-256 of everything before it; read back only when whole and unaltered.

A file is compressed when its name ends as a compressed file's does, and recognised as compressed
by its first bytes when read, so that a backup restores whatever it was named.
"""

import bz2
import gzip
import hashlib
import json
import lzma
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

KIND = "thesis-archive-backup"
# Version 1 was a bare JSON array of rows, with no header and no checksum; it is not read.
VERSION = 2
COMPRESSIONS = [(".gz", b"\x1f\x8b", gzip), (".bz2", b"BZh", bz2), (".xz", b"\xfd7zXZ\x00", lzma)]


class RestoreRefused(Exception):
    """The backup cannot be restored here; nothing was written."""


class _Checksummed:
    """A text stream that writes UTF-8 on, counting lines and every byte into a SHA-256."""

    def __init__(self, binary):
        self.binary = binary
        self.sha256 = hashlib.sha256()
        self.lines = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.sha256.update(data)
        self.lines += data.count(b"\n")
        self.binary.write(data)


@contextmanager
def writing(path: Path, name: str) -> Iterator[_Checksummed]:
    """A stream for the rows, one a line, into `path` created readable by its owner only; the header
    is written before them and the trailer after, compressed if the final `name` asks for it."""
    with _created_private(path) as raw:
        with _compressed(raw, name) as binary:
            stream = _Checksummed(binary)
            stream.write(json.dumps({"backup": KIND, "version": VERSION}) + "\n")
            yield stream
            trailer = {"rows": stream.lines - 1, "sha256": stream.sha256.hexdigest()}
            binary.write(json.dumps(trailer).encode() + b"\n")
        raw.flush()
        os.fsync(raw.fileno())  # a backup that replaced the last one must be on the disk


def _compressed(raw, name: str):
    module = next((module for suffix, _, module in COMPRESSIONS if name.endswith(suffix)), None)
    return module.open(raw, "wb") if module else nullcontext(raw)


def _created_private(path: Path):
    """`path` opened new with mode 0600, so that no row is ever readable by others."""
    # A file left by a killed run may be readable by others; O_EXCL then refuses anything put in its place.
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)  # the umask may have taken the owner's own bits away
    return os.fdopen(descriptor, "wb")


def read_rows(path: Path) -> list[dict]:
    """The rows of the backup at `path` once it is known to be whole and unaltered; RestoreRefused otherwise."""
    data = _decompressed(_read(path))
    _check_header(data.split(b"\n", 1)[0])
    if not data.endswith(b"\n"):
        raise RestoreRefused("the file is incomplete: it was cut short inside a line")
    signed, _, last = data[:-1].rpartition(b"\n")
    trailer = _trailer(last)
    if hashlib.sha256(signed + b"\n").hexdigest() != trailer["sha256"]:
        raise RestoreRefused("its SHA-256 checksum does not match: the file was altered or damaged")
    rows = [_json_object(line) for line in signed.split(b"\n")[1:]]
    if len(rows) != trailer["rows"]:
        raise RestoreRefused(f"it holds {len(rows)} rows, but its trailer counts {trailer['rows']}")
    if None in rows:
        raise RestoreRefused(f"row {rows.index(None) + 1} is not a JSON object")
    return rows


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise RestoreRefused(f"cannot read {path}: {error}") from None


def _decompressed(data: bytes) -> bytes:
    for _, magic, module in COMPRESSIONS:
        if data.startswith(magic):
            try:
                return module.decompress(data)
            except (OSError, EOFError, zlib.error, lzma.LZMAError) as error:
                raise RestoreRefused(f"the file is compressed ({module.__name__}) but damaged: {error}") from None
    return data


def _check_header(line: bytes) -> None:
    header = _json_object(line)
    if header is None or header.get("backup") != KIND:
        raise RestoreRefused("it is not a file written by the backup command (its first line names no backup)")
    version = header.get("version")
    if version != VERSION:
        raise RestoreRefused(f"its format version {version!r} is unknown here (this version reads {VERSION})")


def _trailer(line: bytes) -> dict:
    trailer = _json_object(line)
    if trailer is None or not isinstance(trailer.get("sha256"), str) or not isinstance(trailer.get("rows"), int):
        raise RestoreRefused("the file is incomplete: it does not end with its checksum, so it was cut short")
    return trailer


def _json_object(line: bytes) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:  # not UTF-8 or not JSON
        return None
    return value if isinstance(value, dict) else None
