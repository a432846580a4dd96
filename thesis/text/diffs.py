"""Word-level differences between two versions of a text: whole, or only the changed words in a few words of context."""

import difflib
import re
from html import escape

TOKEN_RE = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, so that joining the tokens gives the text back."""
    return TOKEN_RE.findall(text or "")


def word_diff(old: str, new: str) -> list[dict]:
    """Operations turning `old` into `new`: [{"op": "equal"|"delete"|"insert", "text": …}, …].

    A replacement is a delete followed by an insert; consecutive pieces of one kind are merged.
    """
    if old == new:
        # Most passages of an edition are as the reading text left them; matching a text against
        # itself word by word would cost the most of the work of exporting it.
        return [{"op": "equal", "text": old}] if old else []
    before, after = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    operations: list[dict] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _push(operations, "equal", "".join(before[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _push(operations, "delete", "".join(before[i1:i2]))
        if tag in ("insert", "replace"):
            _push(operations, "insert", "".join(after[j1:j2]))
    return operations


def _push(operations: list[dict], op: str, text: str) -> None:
    if not text:
        return
    if operations and operations[-1]["op"] == op:
        operations[-1]["text"] += text
    else:
        operations.append({"op": op, "text": text})


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
        if operation["op"] != "equal":
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
