"""A three-way merge of texts, word by word: one editor's change carried onto the version another saved meanwhile.

Both texts are compared with the version they began from (the base), word and whitespace tokens alike,
by the word diff's matcher. Each stretch of the base that one side changed takes that side's words; a
stretch both changed the same way takes those words; a stretch both changed differently is a conflict,
which takes this editor's words, so that nothing typed is lost, and is marked for the editor to check.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .diffs import matching_blocks, tokens, word_diff


@dataclass(frozen=True)
class Hunk:
    """Tokens [start, end) of the base replaced by `words` (tokens of one side)."""

    start: int
    end: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Characters [start, end) of the merged text, where both sides changed the base's `base` differently:
    `mine` is what the merged text holds there, `theirs` what the other side saved."""

    start: int
    end: int
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Merge:
    """The merged text and where in it the two sides' changes conflicted."""

    text: str
    conflicts: tuple[Conflict, ...]


def merge(base: str, mine: str, theirs: str) -> Merge:
    """`mine` (changed from `base`) carried onto `theirs` (changed from `base` too)."""
    base_tokens = tokens(base)
    mine_hunks, theirs_hunks = hunks(base_tokens, tokens(mine)), hunks(base_tokens, tokens(theirs))
    pieces: list[str] = []
    conflicts: list[Conflict] = []
    length = position = 0
    for start, end, from_mine, from_theirs in clusters(mine_hunks, theirs_hunks):
        kept = "".join(base_tokens[position:start])
        pieces.append(kept)
        length += len(kept)
        mine_text = applied(base_tokens, start, end, from_mine)
        theirs_text = applied(base_tokens, start, end, from_theirs)
        if from_mine and from_theirs and mine_text != theirs_text:
            conflicts.append(
                Conflict(length, length + len(mine_text), "".join(base_tokens[start:end]), mine_text, theirs_text)
            )
        chosen = mine_text if from_mine else theirs_text
        pieces.append(chosen)
        length += len(chosen)
        position = end
    pieces.append("".join(base_tokens[position:]))
    return Merge("".join(pieces), tuple(conflicts))


def hunks(base: list[str], other: list[str]) -> list[Hunk]:
    """The stretches of `base` that `other` changed, in order, each with what `other` has there."""
    found = []
    i = j = 0
    for start_base, start_other, size in [*matching_blocks(base, other), (len(base), len(other), 0)]:
        if i < start_base or j < start_other:
            found.append(Hunk(i, start_base, tuple(other[j:start_other])))
        i, j = start_base + size, start_other + size
    return found


def clusters(mine: list[Hunk], theirs: list[Hunk]):
    """The changed stretches of the base, in order, each with the hunks of each side inside it: hunks
    of the two sides that overlap, directly or through others, fall into one stretch."""
    tagged = sorted([(h, 0) for h in mine] + [(h, 1) for h in theirs], key=lambda pair: (pair[0].start, pair[0].end))
    group: list[tuple[Hunk, int]] = []
    start = end = 0
    for hunk, side in tagged:
        # In order of where they begin, a hunk that begins after the stretch ends is apart from it; one
        # that touches it (an insertion at its edge, a word next to it) joins it, as diff3 does.
        if group and hunk.start > end:
            yield _cluster(group, start, end)
            group = []
        if not group:
            start, end = hunk.start, hunk.end
        group.append((hunk, side))
        end = max(end, hunk.end)
    if group:
        yield _cluster(group, start, end)


def _cluster(group: list[tuple[Hunk, int]], start: int, end: int) -> tuple[int, int, list[Hunk], list[Hunk]]:
    return start, end, [h for h, side in group if side == 0], [h for h, side in group if side == 1]


def applied(base: list[str], start: int, end: int, side: list[Hunk]) -> str:
    """The base's tokens [start, end) with one side's hunks in it applied."""
    pieces, position = [], start
    for hunk in side:
        pieces += [*base[position : hunk.start], *hunk.words]
        position = hunk.end
    return "".join(pieces + base[position:end])


def merge_diff(theirs: str, merged: Merge) -> list[dict]:
    """The word diff from `theirs` to the merged text, what the merge changes in the version saved meanwhile,
    with each piece inside a conflict split off and marked with the conflict's index ("conflict": i). A
    deletion where a conflict stands is marked with it too; a conflict that left no piece of its own (the
    diff deleted the words it took out a word away) is marked by an empty piece where it stands."""
    conflicts = _Conflicts(merged.conflicts)
    marked: list[tuple[int, dict]] = []
    position = 0
    for operation in word_diff(theirs, merged.text):
        if operation["op"] == "delete":
            marked.append((position, _marked(operation, conflicts.holding(position, position))))
            continue
        end = position + len(operation["text"])
        marked += _split(operation, position, end, conflicts)
        position = end
    shown = {piece["conflict"] for _, piece in marked if "conflict" in piece}
    for index, conflict in enumerate(merged.conflicts):
        if index not in shown:
            at = next((k for k, (start, _) in enumerate(marked) if start >= conflict.start), len(marked))
            marked.insert(at, (conflict.start, {"op": "equal", "text": "", "conflict": index}))
    return [piece for _, piece in marked]


class _Conflicts:
    """A merge's conflicts, looked up by place in the merged text: they are in order and apart, so their
    edges are too."""

    def __init__(self, conflicts: tuple[Conflict, ...]):
        self.conflicts = conflicts
        self.starts = [conflict.start for conflict in conflicts]
        self.edges = [edge for conflict in conflicts for edge in (conflict.start, conflict.end)]

    def edges_within(self, start: int, end: int) -> list[int]:
        return self.edges[bisect_right(self.edges, start) : bisect_left(self.edges, end)]

    def holding(self, start: int, end: int) -> int | None:
        """The index of the conflict that holds characters [start, end) (a place, if empty), or None."""
        index = bisect_right(self.starts, start) - 1
        return index if index >= 0 and end <= self.conflicts[index].end else None


def _split(operation: dict, start: int, end: int, conflicts: _Conflicts) -> list[tuple[int, dict]]:
    """A piece covering characters [start, end) of the merged text, cut where a conflict begins or ends,
    each part with where it begins."""
    cuts = [start, *conflicts.edges_within(start, end), end]
    parts = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        if left < right:
            part = {"op": operation["op"], "text": operation["text"][left - start : right - start]}
            parts.append((left, _marked(part, conflicts.holding(left, right))))
    return parts


def _marked(operation: dict, conflict: int | None) -> dict:
    return operation if conflict is None else {**operation, "conflict": conflict}
