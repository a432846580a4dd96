"""Word-level differences between two versions of a text: whole, or only the changed words in a few words of context."""

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from html import escape

TOKEN_RE = re.compile(r"\s+|[^\s]+")
SPACE_RE = re.compile(r"(\s+)")


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, so that joining the tokens gives the text back."""
    return TOKEN_RE.findall(text or "")


def word_diff(old: str, new: str, spacing: bool = True) -> list[dict]:
    """Operations turning `old` into `new`: [{"op": "equal"|"delete"|"insert", "text": …}, …].

    A replacement is a delete followed by an insert; consecutive pieces of one kind are merged. The
    words are matched, never the whitespace between them, so that a text whose every line break became
    a space costs no more than one left as it was (matching whitespace too made that cubic). With
    `spacing` off, for a reader who asks what words changed, whitespace that only changed its kind (a
    line break become a space) is shown as the new text has it, unchanged; whitespace that appeared or
    went, splitting or joining words, is still a change. The operations then give back `new` only.
    """
    old, new = old or "", new or ""
    if old == new:
        # Most passages of an edition are as the reading text left them; matching a text against
        # itself word by word would cost the most of the work of exporting it.
        return [{"op": "equal", "text": old}] if old else []
    before, after = SPACE_RE.split(old), SPACE_RE.split(new)
    # Words at even indices, the whitespace after each at the odd ones (a text that begins or ends with
    # whitespace begins or ends with an empty word).
    words_before, words_after = before[::2], after[::2]
    out = _Operations()
    i = j = 0
    for start_before, start_after, size in [
        *matching_blocks(words_before, words_after),
        (len(words_before), len(words_after), 0),
    ]:
        _changed(out, before[2 * i : 2 * start_before], after[2 * j : 2 * start_after], spacing)
        for k in range(size):
            out.equal(before[2 * (start_before + k)])
            space_before = _at(before, 2 * (start_before + k) + 1)
            space_after = _at(after, 2 * (start_after + k) + 1)
            _space(out, space_before, space_after, spacing)
        i, j = start_before + size, start_after + size
    return out.done()


def _at(pieces: list[str], index: int) -> str:
    return pieces[index] if index < len(pieces) else ""


def _space(out: "_Operations", before: str, after: str, spacing: bool) -> None:
    if before == after or (not spacing and before and after):
        out.equal(after)
    else:
        out.change(before, after)


def _changed(out: "_Operations", before: list[str], after: list[str], spacing: bool) -> None:
    """Words (each with the whitespace after it) replaced by others; the whitespace after the last word
    of a replacement, before the next unchanged one, compared on its own. As many words replaced by as
    many are paired off one by one, as an editor reads a correction of each."""
    if len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if index % 2:
                _space(out, old, new, spacing)
            elif old == new:
                out.equal(old)
            else:
                out.change(old, new)
    elif before and after and len(before) % 2 == 0 and len(after) % 2 == 0:
        out.change("".join(before[:-1]), "".join(after[:-1]))
        _space(out, before[-1], after[-1], spacing)
    else:
        out.change("".join(before), "".join(after))


class _Operations:
    """The operations as they are written: a deletion and an insertion held until the next unchanged
    piece, so that a replacement comes out as one deletion and one insertion, and the pieces of each
    operation joined once, at its end (adding each piece to a growing string copied it every time)."""

    def __init__(self):
        self.operations: list[dict] = []
        self.equal_pieces: list[str] = []
        self.deleted: list[str] = []
        self.inserted: list[str] = []

    def change(self, before: str, after: str) -> None:
        if self.equal_pieces:
            self._close(self.equal_pieces, "equal")
        self.deleted.append(before)
        self.inserted.append(after)

    def equal(self, text: str) -> None:
        if text:
            if self.deleted:
                self._close(self.deleted, "delete")
                self._close(self.inserted, "insert")
            self.equal_pieces.append(text)

    def _close(self, pieces: list[str], op: str) -> None:
        text = "".join(pieces)
        pieces.clear()
        if text:
            self.operations.append({"op": op, "text": text})

    def done(self) -> list[dict]:
        self._close(self.equal_pieces, "equal")
        self._close(self.deleted, "delete")
        self._close(self.inserted, "insert")
        return self.operations


# The search for items that occur once on each side goes this many ranges deep; a range deeper, or
# with no such item, is matched by the fewest edits. Each level reads each item once.
ANCHOR_DEPTH = 8
# The most edits one round of that search looks for before it keeps its furthest path and goes on from
# its end: each item is then compared at most about four times this many times.
EDITS_PER_ROUND = 16


def matching_blocks(a: Sequence, b: Sequence) -> list[tuple[int, int, int]]:
    """The runs of equal items of `a` and `b`, as (start in a, start in b, length), in order.

    The common start and end first; then the items that occur once on each side, in the longest order
    both agree on, each range between them again; where none is left, the fewest edits, sought a few
    at a time. The work grows in proportion to the items, however alike or repetitive they are."""
    blocks: list[tuple[int, int, int]] = []
    ranges = [(0, len(a), 0, len(b), 0)]
    while ranges:
        alo, ahi, blo, bhi, depth = ranges.pop()
        alo, ahi, blo, bhi = _trimmed(a, alo, ahi, b, blo, bhi, blocks)
        if alo == ahi or blo == bhi:
            continue
        anchors = _anchors(a, alo, ahi, b, blo, bhi) if depth < ANCHOR_DEPTH else []
        if not anchors:
            _fewest_edits(a, alo, ahi, b, blo, bhi, blocks)
            continue
        for i, j in anchors:
            ranges.append((alo, i, blo, j, depth + 1))
            blocks.append((i, j, 1))
            alo, blo = i + 1, j + 1
        ranges.append((alo, ahi, blo, bhi, depth + 1))
    return _merged(sorted(blocks))


def _trimmed(a, alo, ahi, b, blo, bhi, blocks) -> tuple[int, int, int, int]:
    """The range without the items its two sides begin and end with alike, which become blocks."""
    start = alo
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        alo, blo = alo + 1, blo + 1
    if alo > start:
        blocks.append((start, blo - (alo - start), alo - start))
    end = ahi
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
    if ahi < end:
        blocks.append((ahi, bhi, end - ahi))
    return alo, ahi, blo, bhi


def _anchors(a, alo, ahi, b, blo, bhi) -> list[tuple[int, int]]:
    """The items found once in each side's range, as (index in a, index in b), the longest run of them
    in the same order on both sides."""
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    once = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a.get(b[j]) == 1}
    return _longest_increasing([(i, once[a[i]]) for i in range(alo, ahi) if a[i] in once])


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (in order of their first members) whose second members increase too."""
    tails: list[int] = []  # the smallest last second member of a run of each length
    ends: list[int] = []  # the index in pairs of that run's last pair
    before = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
        before[index] = ends[length - 1] if length else -1
    run, index = [], ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


def _merged(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for i, j, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        elif size:
            merged.append((i, j, size))
    return merged


def _fewest_edits(a, alo, ahi, b, blo, bhi, blocks) -> None:
    """The blocks of a range with the fewest edits between its sides (Myers' O(ND) search), a round of
    at most EDITS_PER_ROUND edits at a time, each round going on from the end of the one before."""
    while alo < ahi and blo < bhi:
        x, y = _edit_round(a, alo, ahi, b, blo, bhi, blocks)
        if x + y == 0:
            return
        alo, blo = alo + x, blo + y


def _edit_round(a, alo, ahi, b, blo, bhi, blocks) -> tuple[int, int]:
    """One round: the path of fewest edits to the range's end if it needs no more than EDITS_PER_ROUND,
    else the furthest that many edits reach; its blocks added, the point it ends at returned."""
    n, m = ahi - alo, bhi - blo
    furthest: dict[int, int] = {1: 0}  # diagonal k = x - y: the furthest x reached on it
    trace: list[dict[int, tuple[int, int]]] = []  # for each number of edits, each diagonal's (x, from diagonal)
    for edits in range(EDITS_PER_ROUND + 1):
        reached: dict[int, tuple[int, int]] = {}
        for k in range(max(-edits, -m), min(edits, n) + 1):
            if (k + edits) % 2:
                continue
            step = _step(furthest, k, n, m)
            if step is None:
                continue
            x = step[0]
            while x < n and x - k < m and a[alo + x] == b[blo + x - k]:
                x += 1
            reached[k] = (x, step[1])
            if x == n and x - k == m:
                trace.append(reached)
                return _walk_back(trace, k, alo, blo, blocks)
        trace.append(reached)
        furthest = {k: x for k, (x, _) in reached.items()}
    best = max(reached, key=lambda k: 2 * reached[k][0] - k)
    return _walk_back(trace, best, alo, blo, blocks)


def _step(furthest: dict[int, int], k: int, n: int, m: int) -> tuple[int, int] | None:
    """Where one more edit puts diagonal k, and from which diagonal: an insertion from k + 1 or a
    deletion from k - 1, whichever reaches further inside the range."""
    down, right = furthest.get(k + 1), furthest.get(k - 1)
    if down is not None and down - k > m:
        down = None
    if right is not None and right + 1 > n:
        right = None
    if down is not None and (right is None or down > right):
        return down, k + 1
    return None if right is None else (right + 1, k - 1)


def _walk_back(trace, k: int, alo: int, blo: int, blocks) -> tuple[int, int]:
    """The path ending on diagonal k after the last round's edits, walked back: each stretch of
    equal items it followed becomes a block. Returns the point it ends at."""
    final, end = k, trace[-1][k][0]
    x = end
    for edits in range(len(trace) - 1, 0, -1):
        came_from = trace[edits][k][1]
        before = trace[edits - 1][came_from][0]
        start = before if came_from == k + 1 else before + 1  # after the insertion or the deletion
        if x > start:
            blocks.append((alo + start, blo + start - k, x - start))
        x, k = before, came_from
    if x:
        blocks.append((alo, blo, x))
    return end, end - final


# How many words of unchanged text a compact diff keeps on each side of a change.
CONTEXT_WORDS = 4


def compact_diff(operations: list[dict], context: int = CONTEXT_WORDS) -> list[dict]:
    """A word diff with each long stretch of unchanged text cut down to `context` words beside the
    changes; what is left out becomes {"op": "skip", "text": "", "words": n}. No change, no operations:
    an unchanged text says nothing about where an editor worked."""
    if not any(op["op"] != "equal" for op in operations):
        return []
    compact: list[dict] = []
    last = len(operations) - 1
    for index, operation in enumerate(operations):
        # Unchanged words a merge marks as a conflict's (thesis/text/merging.py) are part of a change.
        if operation["op"] != "equal" or "conflict" in operation:
            compact.append(operation)
            continue
        keep_head = context if index > 0 else 0  # the words after the change before it
        keep_tail = context if index < last else 0  # the words before the change after it
        compact.extend(_shortened(operation["text"], keep_head, keep_tail))
    return compact


def _shortened(text: str, head: int, tail: int) -> list[dict]:
    """An unchanged stretch as its first `head` and last `tail` words, the rest skipped."""
    pieces = tokens(text)
    words = [i for i, piece in enumerate(pieces) if not piece.isspace()]
    if len(words) <= head + tail:
        return [{"op": "equal", "text": text}]
    # The head ends after its last word's following space; the tail begins at its first word.
    head_end = words[head - 1] + 2 if head else 0
    tail_start = words[len(words) - tail] if tail else len(pieces)
    kept = []
    if head_end:
        kept.append({"op": "equal", "text": "".join(pieces[:head_end])})
    kept.append({"op": "skip", "text": "", "words": len(words) - head - tail})
    if tail_start < len(pieces):
        kept.append({"op": "equal", "text": "".join(pieces[tail_start:])})
    return kept


# The element each kind of piece of a word diff is marked with, wherever a diff is shown.
DIFF_TAGS = {"equal": "span", "delete": "del", "insert": "ins"}


def piece_html(operation: dict) -> str:
    """One piece of a word diff as HTML, its text escaped."""
    tag = DIFF_TAGS[operation["op"]]
    return f"<{tag}>{escape(operation['text'])}</{tag}>"


def diff_html(operations: list[dict]) -> str:
    """A word diff as HTML: every piece escaped and marked by its kind, nothing cut short."""
    return "".join(piece_html(operation) for operation in operations)


def compact_html(operations: list[dict], left_out: Callable[[int], str]) -> str:
    """A compact word diff as HTML: each piece escaped and marked by its kind, and each stretch left out
    an ellipsis, titled with what `left_out` says of its number of words."""
    return "".join(
        _skip_html(operation, left_out) if operation["op"] == "skip" else piece_html(operation)
        for operation in operations
    )


def _skip_html(operation: dict, left_out: Callable[[int], str]) -> str:
    return f'<span class="skip" title="{escape(left_out(operation["words"]))}"> … </span>'


def marked_diff_html(
    operations: list[dict], label: str, left_out: Callable[[int], str] | None = None, language: str = ""
) -> str:
    """A word diff, whole or compact (with `left_out`), as HTML whose pieces marked with a conflict
    ("conflict": i, thesis/text/merging.py) are held in one <mark> for each conflict, titled `label` and,
    for a screen reader, which reads no title, beginning with it unseen (in `language`, the reader's, where
    the text's is another); a conflict with no words of its own is an empty mark where it stands."""
    said = f'<span class="visually-hidden" lang="{escape(language)}">' if language else '<span class="visually-hidden">'
    pieces: list[str] = []
    current = None
    for operation in operations:
        conflict = operation.get("conflict")
        if conflict != current:
            if current is not None:
                pieces.append("</mark>")
            if conflict is not None:
                empty = " empty" if not operation["text"] else ""
                pieces.append(
                    f'<mark class="conflict-words{empty}" title="{escape(label)}">{said}{escape(label)} </span>'
                )
            current = conflict
        if operation["op"] == "skip":
            pieces.append(_skip_html(operation, left_out))
        elif operation["text"]:
            pieces.append(piece_html(operation))
    if current is not None:
        pieces.append("</mark>")
    return "".join(pieces)
