"""Word-level differences between two versions of a text, whole and never cut short."""

import difflib
import re

TOKEN_RE = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, so that joining the tokens gives the text back."""
    return TOKEN_RE.findall(text or "")


def word_diff(old: str, new: str) -> list[dict]:
    """Operations turning `old` into `new`: [{"op": "equal"|"delete"|"insert", "text": …}, …].

    A replacement is a delete followed by an insert; consecutive pieces of one kind are merged.
    """
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
