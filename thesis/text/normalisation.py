"""The reading text: the one documented normalisation applied to a transcribed original.

The transcription cut the text at every ". " and dropped those two characters, so a
line break inside a paragraph stands for a lost ". ". Restoring it also rejoins an
abbreviation the cut split in two ("т.б" + "жатады" becomes "т.б. жатады"). A line
that still ends in terminal punctuation kept its own line break, so it is joined with
a plain space. Runs of spaces and tabs are layout and become one space. Nothing else
is changed: every other correction is an editor's decision.
"""

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LAYOUT_SPACE = re.compile(r"[^\S\r\n]+")
TERMINAL_PUNCTUATION = (".", "!", "?", "…")


def collapse_layout(text: str) -> str:
    """Turn every run of spaces and tabs into a single space and trim the ends."""
    return LAYOUT_SPACE.sub(" ", text).strip()


def reading_text(original: str) -> str:
    """Derive the reading text of a passage from its verbatim original."""
    lines = [collapse_layout(line) for line in LINE_BREAK.split(original)]
    text = ""
    for line in filter(None, lines):
        if not text:
            text = line
        elif text.endswith(TERMINAL_PUNCTUATION):
            text += " " + line
        else:
            text += ". " + line
    return text
