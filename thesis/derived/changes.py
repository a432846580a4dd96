"""What a change to the archive triggers, once per transaction: derived rows follow the passages
saved, stored suspects follow the theses changed, and the data version counts the change.

Every change runs in `changes.atomic()`: the services, the commands and the admin's views open
it. Inside, the signals (thesis/signals.py) only note what was saved or deleted; when the
outermost block ends, still inside its transaction, each noted passage's citations and mentions
are derived once from its stored text, and its words analysed for search (derived/search_words.py;
a saved section's heading too), each noted thesis's suspects are checked once and stored
(derived/stored_suspects.py), each noted thesis's passages whose rendered markup was built from
other inputs have it built again (derived/markup.py), and the data version is bumped once, so all
commit with the change. A save outside any block (a shell, a test) triggers them at once, as it is made.
Bulk writes send no signals, so they run in `changes.bulk()`, which bumps whatever it wrote; a bulk
writer of passages stores their suspects itself (`suspects_changed`)."""

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import router, transaction

from ..models import Passage, Section
from . import dataversion
from .derivation import refresh_derived, shared_authors
from .markup import refresh_markup
from .search_words import refresh_headings, refresh_search_words
from .stored_suspects import refresh_theses

_local = threading.local()
# Passages read at once to be derived: a thesis of many passages must not become one query with more
# parameters than SQLite allows.
DERIVE_BATCH = 1000


@dataclass
class Pending:
    """What one block has changed so far, on one database."""

    passages: set[int] = field(default_factory=set)
    # Sections whose heading may have changed: their passages' analysed heading follows.
    sections: set[int] = field(default_factory=set)
    # Theses whose suspects may have changed: their passages, ignored words, dismissals or curated records.
    theses: set[int] = field(default_factory=set)
    # Theses whose passages' stored markup may show what changed: their passages, sources, people, events.
    marked: set[int] = field(default_factory=set)
    changed: bool = False
    # What the changes showed, for the data versions: the theses changed, passages whose thesis the
    # bump reads, and whether some change could not say its thesis (then every thesis changed).
    shown: set[int] = field(default_factory=set)
    shown_passages: set[int] = field(default_factory=set)
    everything: bool = False


def _open_blocks() -> dict[str, Pending]:
    if not hasattr(_local, "blocks"):
        _local.blocks = {}
    return _local.blocks


@contextmanager
def atomic(using: str | None = None, *, bulk: bool = False):
    """A transaction of changes; nested blocks join the outermost, which finishes them all."""
    using = using or router.db_for_write(Passage)
    blocks = _open_blocks()
    with transaction.atomic(using=using):
        if using in blocks:
            blocks[using].changed |= bulk
            yield
            return
        blocks[using] = Pending(changed=bulk, everything=bulk)
        try:
            yield
            headings_pending(using)
            derive_pending(using)
            check_pending(using)
            markup_pending(using)
            bump_pending(using)
        finally:
            del blocks[using]


def bulk(using: str | None = None):
    """A transaction of writes that send no signals (bulk_create, raw DELETEs): it always bumps."""
    return atomic(using, bulk=True)


def derive_pending(using: str | None = None) -> None:
    """Derive now the rows of the passages saved so far in the open block, for a caller that reads
    them before the block ends (the importer's summary)."""
    using = using or router.db_for_write(Passage)
    pending = _open_blocks().get(using)
    if pending is None or not pending.passages:
        return
    ids, pending.passages = sorted(pending.passages), set()
    with shared_authors():
        for first in range(0, len(ids), DERIVE_BATCH):
            batch = (
                Passage.objects.using(using).select_related("section").filter(pk__in=ids[first : first + DERIVE_BATCH])
            )
            batch = list(batch)
            for passage in batch:
                refresh_derived(passage)
            refresh_search_words(batch, using)


def headings_pending(using: str) -> None:
    """Store again the analysed headings of the sections saved in the open block."""
    pending = _open_blocks()[using]
    ids, pending.sections = pending.sections, set()
    if ids:
        refresh_headings(ids, using)


def check_pending(using: str) -> None:
    """Check the suspects of the theses noted so far in the open block, and store them."""
    pending = _open_blocks()[using]
    ids, pending.theses = pending.theses, set()
    if ids:
        refresh_theses(ids, using)


def markup_pending(using: str) -> None:
    """Build again the stored markup the open block's changes made stale."""
    pending = _open_blocks()[using]
    ids, pending.marked = pending.marked, set()
    if ids:
        refresh_markup(ids, using)


def bump_pending(using: str) -> None:
    """Bump the data version, and the theses' the open block changed, if it changed anything shown."""
    pending = _open_blocks()[using]
    if pending.changed:
        theses = None if pending.everything else pending.shown
        dataversion.bump(using, theses, pending.shown_passages)


def passage_saved(passage: Passage, using: str) -> None:
    """Derive the passage's rows at the end of the open block, or now if none is open."""
    pending = _open_blocks().get(using)
    if pending is None:
        refresh_derived(passage)
        refresh_search_words([passage], using)
        refresh_theses([passage.thesis_id], using)
        refresh_markup([passage.thesis_id], using)
    else:
        pending.passages.add(passage.pk)
        pending.theses.add(passage.thesis_id)
        pending.marked.add(passage.thesis_id)
        pending.shown.add(passage.thesis_id)
        pending.changed = True


def section_saved(section: Section, using: str) -> None:
    """Store its passages' analysed heading again at the end of the open block, or now if none is open."""
    pending = _open_blocks().get(using)
    if pending is None:
        refresh_headings([section.pk], using)
    else:
        pending.sections.add(section.pk)


def suspects_changed(thesis_id: int | None, using: str | None = None) -> None:
    """Check the thesis's suspects at the end of the open block, or now if none is open."""
    if thesis_id is not None:
        _at_block_end("theses", refresh_theses, thesis_id, using)


def markup_changed(thesis_id: int, using: str | None = None) -> None:
    """Build the thesis's stale stored markup at the end of the open block, or now if none is open: for a
    bulk writer of passages, whose rows send no signal."""
    _at_block_end("marked", refresh_markup, thesis_id, using)


def _at_block_end(noted: str, refresh, thesis_id: int, using: str | None) -> None:
    """Note the thesis in the open block's set `noted`, for `refresh` as the block ends; with no block
    open, refresh it now."""
    using = using or router.db_for_write(Passage)
    pending = _open_blocks().get(using)
    if pending is None:
        refresh([thesis_id], using)
    else:
        getattr(pending, noted).add(thesis_id)


def data_changed(using: str, theses: Iterable[int] | None = None, passages: Iterable[int] = ()) -> None:
    """Bump the data version at the end of the open block, or now if none is open: with the theses
    changed (`theses`, and those of `passages`), or every thesis for None, a change of unknown reach."""
    # A change of unknown reach leaves the stored markup to be checked as it is read.
    pending = _open_blocks().get(using)
    if pending is None:
        dataversion.bump(using, None if theses is None else set(theses), set(passages))
        if theses is not None:
            refresh_markup(set(theses), using)
        return
    pending.changed = True
    if theses is None:
        pending.everything = True
    else:
        pending.shown.update(theses)
        pending.marked.update(theses)
    pending.shown_passages.update(passages)
