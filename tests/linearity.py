"""Counting the work a text function does, so that a test can show it grows linearly without timing it."""


class CountingText(str):
    """A text that counts the characters read from it one by one or by slicing (its own methods, such as
    find or a regular expression's scan, are not counted)."""

    read = 0

    def __getitem__(self, key):
        piece = str.__getitem__(self, key)
        type(self).read += len(piece) if isinstance(key, slice) else 1
        return piece


def characters_read(function, text: str) -> int:
    counting = type("Counting", (CountingText,), {"read": 0})
    function(counting(text))
    return counting.read


def growth(function, unit: str, count: int = 500) -> float:
    """How many times more characters `function` reads of four times the text: 4 when linear."""
    return characters_read(function, unit * 4 * count) / characters_read(function, unit * count)
