"""Review's rule of who may verify a passage and what a save leaves, from history records, without a database."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from thesis.editorial.verification import Version, review_state, status_after_save
from thesis.models import Passage

ORIGINAL = "Бастапқы  мәтін"
IMPORTED = "Бастапқы мәтін"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def versions(*steps):
    return [Version(text, status, user) for text, status, user in steps]


def test_an_untouched_passage_has_no_last_editor_and_is_reviewed_against_the_import():
    state = review_state(ORIGINAL, versions((IMPORTED, "unreviewed", None)))
    assert (state.last_editor_id, state.base_text) == (None, IMPORTED)


def test_without_any_record_the_original_text_is_the_base():
    assert review_state(ORIGINAL, []).base_text == ORIGINAL


def test_the_last_editor_is_who_last_changed_the_text_not_who_last_saved():
    state = review_state(
        ORIGINAL,
        versions(
            (IMPORTED, "unreviewed", None),
            ("бір", "corrected", 1),
            ("екі", "corrected", 2),
            ("екі", "unreviewed", 3),  # a status change alone
        ),
    )
    assert state.last_editor_id == 2


def test_the_base_is_the_latest_verified_text():
    state = review_state(
        ORIGINAL,
        versions(
            (IMPORTED, "unreviewed", None),
            ("бір", "corrected", 1),
            ("бір", "verified", 2),
            ("үш", "corrected", 1),
        ),
    )
    assert (state.base_text, state.last_editor_id) == ("бір", 1)


@dataclass
class Someone:
    pk: int
    reviewer: bool = False

    def has_perm(self, perm):
        return self.reviewer and perm == "thesis.verify_passage"


def passage(status="unreviewed", text=IMPORTED):
    return Passage(text=text, original_text=ORIGINAL, status=status)


def test_a_change_of_text_makes_the_passage_corrected_whatever_was_asked():
    for before in ("unreviewed", "corrected", "verified"):
        for asked in (None, "unreviewed", "corrected", before):
            assert status_after_save(passage(before), "жаңа", asked, Someone(1)) == ("corrected", None)


def test_verifying_in_the_save_that_changes_the_text_is_refused():
    status, refusal = status_after_save(passage("corrected"), "жаңа", "verified", Someone(1, reviewer=True))
    assert refusal and "another editor" in refusal


def test_a_status_alone_changes_as_asked_and_a_verified_passage_stays_verified():
    assert status_after_save(passage("corrected"), IMPORTED, "unreviewed", Someone(1)) == ("unreviewed", None)
    assert status_after_save(passage("verified"), IMPORTED, None, Someone(1)) == ("verified", None)


def test_only_a_reviewer_may_verify():
    status, refusal = status_after_save(passage("corrected"), IMPORTED, "verified", Someone(1))
    assert refusal == "Only a reviewer can verify a passage."
    assert status_after_save(passage("corrected"), IMPORTED, "verified", None)[1]


def test_an_editors_change_from_the_form_stays_in_progress_until_it_is_ready():
    assert status_after_save(passage(), "жаңа", "unreviewed", Someone(1), ready=False) == ("in_progress", None)
    assert status_after_save(passage("in_progress"), "жаңа", "in_progress", Someone(1), False)[0] == "in_progress"
    assert status_after_save(passage(), "жаңа", "unreviewed", Someone(1), ready=True) == ("corrected", None)
    # Choosing corrected on the form says it is ready as the box does.
    assert status_after_save(passage(), "жаңа", "corrected", Someone(1), ready=False) == ("corrected", None)


def test_ready_alone_makes_an_unchanged_passage_corrected():
    assert status_after_save(passage("in_progress"), IMPORTED, "in_progress", Someone(1), True) == ("corrected", None)
    assert status_after_save(passage(), IMPORTED, "unreviewed", Someone(1), False) == ("unreviewed", None)
