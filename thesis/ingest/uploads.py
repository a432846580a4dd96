"""Importing an uploaded file: a preview made by the importer itself and rolled back, then the same bytes imported.

The preview runs the whole import inside a transaction that is rolled back, so it finds exactly what
the import would make and refuses exactly what it would refuse, by the importer's own rules. Between
preview and confirmation the upload is held in the cache under its digest; the client is given only
a signed token naming that digest and the account, so the file imported is the one previewed.
The preview shows what the text's line breaks were decided to stand for, and why; the confirmation
may choose another reading of them, which the import then uses.
"""

import contextlib
import hashlib
from dataclasses import dataclass, field

from django.core import signing
from django.core.cache import cache
from django.db import router, transaction
from django.utils.translation import gettext as _

from thesis.derived.stored_suspects import counts_by_kind
from thesis.derived.suspects import Kind

from ..models import Citation, Thesis
from ..text.line_breaks import Decision
from ..text.normalisation import Layout
from .exceptions import ImportRefused
from .importer import ImportResult, import_bytes

# The module's former name, kept: a new salt would refuse every preview signed before it changed.
SALT = "thesis.services.uploads"
# How long a previewed file waits for its confirmation.
HOLD_SECONDS = 60 * 60


@dataclass(frozen=True)
class Upload:
    """A thesis file as uploaded, with its curation file if one came with it."""

    name: str
    data: bytes
    curation_name: str = ""
    curation: bytes | None = None

    @property
    def digest(self) -> str:
        parts = [self.name.encode(), self.data, self.curation_name.encode(), self.curation or b""]
        # Each part's length first, so that no two uploads run together into the same bytes.
        hashed = hashlib.sha256()
        for part in parts:
            hashed.update(len(part).to_bytes(8, "big") + part)
        return hashed.hexdigest()

    def curation_pair(self):
        return (self.curation_name, self.curation) if self.curation is not None else None


@dataclass
class Preview:
    """What importing an upload would do."""

    title: str
    created: bool  # False: the file was imported before, as `thesis_id`
    thesis_id: int | None
    is_complete: bool
    completeness_note: str
    counts: dict[str, int] = field(default_factory=dict)
    suspects: list[tuple[str, int]] = field(default_factory=list)
    line_breaks: Decision | None = None  # None: the file was imported before


def preview(upload: Upload) -> Preview:
    """Import `upload` and roll it all back, reporting what was made; ImportRefused as the import would refuse."""
    using = router.db_for_write(Thesis)
    with transaction.atomic(using=using):
        result = run(upload)
        found = describe(result)
        transaction.set_rollback(True, using=using)
    return found


def run(upload: Upload, line_breaks: Layout | None = None) -> ImportResult:
    """Import the upload, its line breaks read as `line_breaks` or, without, as its text decides."""
    return import_bytes(upload.data, upload.name, curation=upload.curation_pair(), line_breaks=line_breaks)


def chosen_layout(value: str) -> Layout | None:
    """The layout a confirmation chose ("" or "auto": the text's own decision); ImportRefused if none is."""
    if value in ("", "auto"):
        return None
    try:
        return Layout(value)
    except ValueError:
        raise ImportRefused(_("“%(value)s” is not a reading of line breaks") % {"value": value}) from None


def describe(result: ImportResult) -> Preview:
    thesis = result.thesis
    counts = preview_counts(result)
    # The import stored the new thesis's suspects as its block ended.
    kinds = counts_by_kind([thesis.pk])[thesis.pk] if result.created else None
    suspects = [(str(kind.label), kinds[kind]) for kind in Kind] if kinds else []
    return Preview(
        title=thesis.title,
        created=result.created,
        thesis_id=None if result.created else thesis.pk,
        is_complete=thesis.is_complete,
        completeness_note=thesis.completeness_note,
        counts=counts,
        suspects=suspects,
        line_breaks=result.decision,
    )


def preview_counts(result: ImportResult) -> dict[str, int]:
    """The records an import made (or, of a file imported before, the curated records it would add)."""
    if not result.created:
        return {"authors": result.counts.get("people_added", 0), "events": result.counts.get("events_added", 0)}
    thesis = result.thesis
    return {
        "sections": result.counts["sections"],
        "passages": result.counts["passages"],
        "citations": Citation.objects.filter(passage__thesis=thesis).count(),
        "sources": result.counts["sources"],
        "authors": result.counts["authors"],
        "events": result.counts["events"],
    }


def hold(upload: Upload, user) -> str:
    """Keep the upload for its confirmation; the token the confirmation must bring back."""
    digest = upload.digest
    cache.set(_key(digest), upload, HOLD_SECONDS)
    return signing.dumps({"digest": digest, "user": user.pk}, salt=SALT)


def held(token: str, user) -> Upload:
    """The upload a token from `hold` names, checked to be the bytes previewed, by the same account."""
    try:
        signed = signing.loads(token, salt=SALT, max_age=HOLD_SECONDS)
    except signing.BadSignature:
        raise ImportRefused(_("the preview has expired or is not valid; upload the file again")) from None
    upload = cache.get(_key(signed["digest"])) if signed.get("user") == user.pk else None
    if not isinstance(upload, Upload) or upload.digest != signed["digest"]:
        raise ImportRefused(_("the previewed file is no longer held; upload it again"))
    return upload


def release(token: str) -> None:
    with contextlib.suppress(signing.BadSignature, KeyError, TypeError):
        cache.delete(_key(signing.loads(token, salt=SALT)["digest"]))


def _key(digest: str) -> str:
    return f"thesis-upload:{digest}"
