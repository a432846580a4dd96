"""Each passage's open suspects, stored when what they depend on changes, so that pages read rows
instead of spell-checking a thesis on every view.

Decisions a reader should know:
- A passage's spelling suspects depend on the whole thesis (how often it writes each word, its
  acronyms, its people's names, its ignored words, its curated records), so the unit of checking is
  the thesis: when any of that changes, `changes.atomic()` checks the thesis once at the end of its
  block, and rows are rewritten only for the passages whose suspects changed. A save of one
  passage thus costs one check of its thesis (about 0.1 s for 200 passages with a warm checker), and
  an ignored word, which changes suspects across passages, costs the same, never more than its thesis.
- Only open suspects are stored: a dismissal, or its taking back, checks the thesis again.
- Notes are stored untranslated (`suspects.Note`), and each reader gets them in their language.
- The spelling kinds are left out when this process has no speller: the pages say so, as before.
"""

from collections import Counter

from django.db.models import Count

from ..models import OpenSuspect, Passage, Thesis
from ..text import spellcheck
from .suspects import CONTEXT, DICTIONARY_KINDS, Kind, Note, Suspect, SuspectReport, find_suspects

ROW_FIELDS = ("kind", "position", "start", "end", "found", "suggestions", "confidences", "certain", "note")


# --- writing ------------------------------------------------------------------------------------------


def refresh_theses(thesis_ids, using: str = "default") -> list[int]:
    """Check each thesis again and store what changed; the theses whose stored suspects changed."""
    theses = Thesis.objects.using(using).filter(pk__in=list(thesis_ids)).order_by("pk")
    return [thesis.pk for thesis in theses if store_report(thesis, find_suspects(thesis), using)]


def refresh_all(using: str = "default") -> list[int]:
    """Check every thesis and store its suspects (migrations and the refresh command); the theses whose
    stored suspects changed."""
    ids = list(Thesis.objects.using(using).order_by("pk").values_list("pk", flat=True))
    return refresh_theses(ids, using)


def store_report(thesis, report: SuspectReport, using: str = "default") -> bool:
    """Rewrite the rows, and the count, of every passage of the thesis whose open suspects differ from
    the report's; whether any did."""
    wanted = rows_by_passage(report)
    stored = stored_rows(thesis, using)
    counts = dict(Passage.objects.using(using).filter(thesis=thesis).values_list("pk", "open_suspects"))
    changed = [pk for pk in counts if wanted.get(pk, []) != stored.get(pk, []) or counts[pk] != len(wanted.get(pk, []))]
    if not changed:
        return False
    OpenSuspect.objects.using(using).filter(passage_id__in=changed).delete()
    OpenSuspect.objects.using(using).bulk_create(
        OpenSuspect(thesis=thesis, passage_id=pk, **dict(zip(ROW_FIELDS, row, strict=True)))
        for pk in changed
        for row in wanted.get(pk, [])
    )
    by_count: dict[int, list[int]] = {}
    for pk in changed:
        by_count.setdefault(len(wanted.get(pk, [])), []).append(pk)
    for count, pks in by_count.items():
        Passage.objects.using(using).filter(pk__in=pks).update(open_suspects=count)
    return True


def rows_by_passage(report: SuspectReport) -> dict[int, list[tuple]]:
    """The report's suspects as stored rows' values, by passage, each numbered within its passage and kind."""
    found: dict[int, list[tuple]] = {}
    positions: Counter = Counter()
    for kind, items in report.by_kind.items():
        for s in items:
            position = positions[(s.passage_id, str(kind))]
            positions[(s.passage_id, str(kind))] += 1
            row = (
                str(kind),
                position,
                s.start,
                s.end,
                s.found,
                s.suggestions,
                s.confidences,
                s.certain,
                s.note.stored(),
            )
            found.setdefault(s.passage_id, []).append(row)
    return {pk: sorted(rows, key=_row_order) for pk, rows in found.items()}


def stored_rows(thesis, using: str) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for row in OpenSuspect.objects.using(using).filter(thesis=thesis).values_list("passage_id", *ROW_FIELDS):
        found.setdefault(row[0], []).append(tuple(row[1:]))
    return {pk: sorted(rows, key=_row_order) for pk, rows in found.items()}


def _row_order(row: tuple):
    return row[0], row[1]


# --- reading ------------------------------------------------------------------------------------------


def speller_problem() -> str:
    """Why this process has no speller, or "" (loaded once per process)."""
    return spellcheck.default_speller()[1]


def open_rows(problem: str):
    """Open suspects as stored, without the spelling kinds when there is no speller to stand by them."""
    rows = OpenSuspect.objects.all()
    return rows.exclude(kind__in=DICTIONARY_KINDS) if problem else rows


def stored_report(thesis) -> SuspectReport:
    """The thesis's open suspects as the last check stored them, by kind, in the order the check lists them."""
    problem = speller_problem()
    by_kind: dict[str, list[Suspect]] = {kind: [] for kind in Kind}
    rows = list(open_rows(problem).filter(thesis=thesis).order_by("kind", "-certain", "passage__order", "position"))
    passages = Passage.objects.only("order", "version", "text").in_bulk({row.passage_id for row in rows})
    for row in rows:
        by_kind[row.kind].append(suspect_of(row, passages[row.passage_id]))
    return SuspectReport(by_kind, problem)


def passage_suspects(passage) -> list[Suspect]:
    """One passage's open suspects, in the order they stand in its text."""
    rows = open_rows(speller_problem()).filter(passage=passage).order_by("start", "end", "kind")
    return [suspect_of(row, passage) for row in rows]


def counts_by_kind(thesis_ids) -> dict[int, dict[str, int]]:
    """Each thesis's open suspects counted by kind, every kind in the suspects page's order, in one query."""
    found = {pk: dict.fromkeys(Kind, 0) for pk in thesis_ids}
    rows = open_rows(speller_problem()).filter(thesis_id__in=list(thesis_ids)).values("thesis_id", "kind")
    for row in rows.annotate(count=Count("pk")).order_by():
        found[row["thesis_id"]][Kind(row["kind"])] = row["count"]
    return found


def suspect_of(row: OpenSuspect, passage: Passage) -> Suspect:
    text = passage.text
    return Suspect(
        kind=row.kind,
        passage_id=passage.pk,
        passage_order=passage.order,
        passage_version=passage.version,
        start=row.start,
        end=row.end,
        found=row.found,
        suggestions=list(row.suggestions),
        before=text[max(0, row.start - CONTEXT) : row.start],
        after=text[row.end : row.end + CONTEXT],
        note=Note.from_stored(row.note),
        confidences=list(row.confidences),
        certain=row.certain,
    )
