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
    """A transcription of `number` one-letter lines: a restored line break between every two letters."""
    return "\n".join("абвгд"[i % 5] for i in range(number))
