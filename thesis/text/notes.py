"""A curated note in the reader's language: the archive writes its notes in Kazakh with the English beside them."""

ARCHIVE_LANGUAGE = "kk"
NOTE_LANGUAGES = (ARCHIVE_LANGUAGE, "en")


def note_in(kazakh: str, english: str, language: str | None) -> tuple[str, str]:
    """(the note, the code of its language) for a reader of `language`.

    An English reader gets the English, every other reader the Kazakh, the archive's own language
    (there are no Russian notes); whichever is missing falls back to the other. ("", "") for no note."""
    reads_english = (language or "").lower().split("-")[0] == "en"
    choices = [(english, "en"), (kazakh, ARCHIVE_LANGUAGE)]
    for text, code in choices if reads_english else reversed(choices):
        if text and text.strip():
            return text, code
    return "", ""
