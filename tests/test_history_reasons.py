"""thesis/history.py: reasons the archive writes itself, stored in one form and shown in the reader's language."""

import pytest
from django.utils import translation

from thesis.history import REASON_MAX_LENGTH, SYSTEM_REASONS, is_system_reason, shown_reason, system_reason


@pytest.mark.parametrize(
    ("kind", "parameters", "stored", "kazakh"),
    [
        ("imported", {"file": "тезис.txt"}, "Imported from тезис.txt", "тезис.txt файлынан импортталды"),
        ("cited", {"number": 24}, "Cited as [24] in the text", "Мәтінде [24] ретінде сілтеме жасалған"),
        (
            "replaced",
            {"batch": 3, "reason": "Қайталанған буын"},
            "Replace #3: Қайталанған буын",
            "Ауыстыру №3: Қайталанған буын",
        ),
        (
            "reverted",
            {"version": 1, "reason": "Cited as [2] in the text"},
            "Reverted to version 1: Cited as [2] in the text",
            "1-нұсқаға қайтарылды: Мәтінде [2] ретінде сілтеме жасалған",
        ),
        (
            "fix_undone",
            {"version": 3, "reason": "Transcription check: ХХI → XXI"},
            "Undo of version 3: Transcription check: ХХI → XXI",
            None,
        ),
    ],
)
def test_a_system_reason_is_stored_in_english_and_shown_in_the_readers_language(kind, parameters, stored, kazakh):
    assert system_reason(kind, **parameters) == stored and is_system_reason(stored)
    with translation.override("en"):
        assert shown_reason(stored) == stored
    with translation.override("kk"):
        shown = shown_reason(stored)
        assert shown != stored and (kazakh is None or shown == kazakh)
        # A reason inside another is shown in the reader's language too.
        assert "Transcription check" not in shown and "Cited as" not in shown


def test_an_editors_reason_is_shown_as_written():
    with translation.override("kk"):
        assert shown_reason("Қайталанған буын") == "Қайталанған буын" and shown_reason(None) == ""
    assert not is_system_reason("Imported by hand")


def test_a_long_reason_is_shortened_to_the_column_and_still_read():
    stored = system_reason("replaced", batch=12, reason="сөз " * 40)
    assert len(stored) == REASON_MAX_LENGTH and stored.endswith("…") and is_system_reason(stored)


def test_every_kind_is_translated():
    with translation.override("ru"):
        for stored, shown in SYSTEM_REASONS.values():
            assert translation.gettext(shown) != shown, stored
