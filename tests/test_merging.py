"""thesis/text/merging.py: one editor's change carried onto another's, word by word, conflicts marked."""

from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.text.merging import Conflict, merge

BASE = "Қазақстан Республикасының сыртқы саясаты көпвекторлы болып табылады."


def test_changes_in_different_words_both_apply():
    mine = BASE.replace("көпвекторлы", "көпвекторлы,")
    theirs = BASE.replace("Қазақстан", "Қазакстан").replace("Қазакстан", "Қазақстан ")
    merged = merge(BASE, mine, theirs)
    assert merged.text == "Қазақстан  Республикасының сыртқы саясаты көпвекторлы, болып табылады."
    assert merged.conflicts == ()


def test_the_same_change_on_both_sides_is_no_conflict():
    changed = BASE.replace("саясаты", "саясаты –")
    assert merge(BASE, changed, changed) == merge(BASE, changed, BASE)
    assert merge(BASE, changed, changed).text == changed and not merge(BASE, changed, changed).conflicts


def test_one_side_alone_gives_that_side():
    mine = BASE.replace("болып табылады", "болып саналады")
    assert merge(BASE, mine, BASE).text == mine
    assert merge(BASE, BASE, mine).text == mine


def test_a_word_both_changed_differently_keeps_mine_and_marks_it():
    mine = BASE.replace("сыртқы", "сыртқы,")
    theirs = BASE.replace("сыртқы", "Сыртқы")
    merged = merge(BASE, mine, theirs)
    assert merged.text == mine
    [conflict] = merged.conflicts
    assert conflict == Conflict(conflict.start, conflict.end, "сыртқы", "сыртқы,", "Сыртқы")
    assert merged.text[conflict.start : conflict.end] == "сыртқы,"


def test_two_insertions_at_one_place_conflict():
    merged = merge("бір екі", "бір жаңа екі", "бір басқа екі")
    assert merged.text == "бір жаңа екі" and [c.theirs for c in merged.conflicts] == ["басқа "]


def test_an_edit_beside_a_deletion_is_one_stretch():
    # Mine deletes "екі ", theirs changes the word after it: touching changes are checked together.
    merged = merge("бір екі үш", "бір үш", "бір екі төрт")
    assert merged.conflicts and merged.text == "бір үш"


WORDS = st.sampled_from(["ел", "саясат", "Қазақстан", "бейбіт", "[7]", "т.б.", "ХХI"])
TEXTS = st.lists(WORDS, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS, TEXTS)
def test_any_merge_keeps_what_only_one_side_touched(base, mine, theirs):
    merged = merge(base, mine, theirs)
    # Unchanged by the other side, a side's text comes through whole; with no conflict, the merge of a
    # side with itself is that side.
    assert merge(base, mine, base).text == mine and merge(base, base, theirs).text == theirs
    assert merge(base, mine, mine).text == mine
    for conflict in merged.conflicts:
        assert merged.text[conflict.start : conflict.end] == conflict.mine != conflict.theirs
    if not merged.conflicts:
        # Without a conflict the merge is symmetric: either editor carried onto the other gives the same.
        assert merge(base, theirs, mine).text == merged.text
