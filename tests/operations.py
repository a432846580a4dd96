"""The function calls a piece of work makes, counted: a measure of its cost that no machine's speed changes."""

import sys


def calls(work, *args) -> int:
    """How many functions (Python's and built-in ones) `work(*args)` calls, directly or not."""
    count = 0

    def counted(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(counted)
    try:
        work(*args)
    finally:
        sys.setprofile(None)
    return count


def lines(number: int) -> str:
    """A transcription of `number` short lines, one paragraph: a line break to read between every two.
    Each line differs from the others (a letter and its number), as a running head never does, so that
    they stay one passage rather than page furniture each of its own."""
    return "\n".join(f"{'абвгд'[i % 5]}{i}" for i in range(number))


def letter_lines(number: int) -> str:
    """`number` one-letter lines of five letters over and over: no word found once, a diff's worst case."""
    return "\n".join("абвгд"[i % 5] for i in range(number))
