"""thesis/text/merging.py: one editor's change carried onto another's, word by word, conflicts marked."""

from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.text.merging import Conflict, merge, merge_diff

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


def test_the_diff_from_their_text_marks_each_conflict_and_nothing_else():
    mine = BASE.replace("сыртқы", "сыртқы,").replace("табылады", "саналады")
    theirs = BASE.replace("сыртқы", "Сыртқы")
    merged = merge(BASE, mine, theirs)
    assert merge_diff(theirs, merged) == [
        {"op": "equal", "text": "Қазақстан Республикасының "},
        {"op": "delete", "text": "Сыртқы", "conflict": 0},
        {"op": "insert", "text": "сыртқы,", "conflict": 0},
        {"op": "equal", "text": " саясаты көпвекторлы болып "},
        {"op": "delete", "text": "табылады."},
        {"op": "insert", "text": "саналады."},
    ]


def test_a_conflict_whose_words_the_diff_deletes_elsewhere_is_marked_where_it_stands():
    # Mine deletes "саясат", theirs changes it: the diff deletes the other "ел" of theirs, not the first.
    merged = merge("саясат ел", "ел", "ел ел")
    assert merged.text == "ел" and merged.conflicts[0].start == merged.conflicts[0].end == 0
    assert merge_diff("ел ел", merged) == [
        {"op": "equal", "text": "", "conflict": 0},
        {"op": "equal", "text": "ел"},
        {"op": "delete", "text": " ел"},
    ]


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
    # The diff from theirs gives both texts back, and marks every conflict.
    diff = merge_diff(theirs, merged)
    assert "".join(piece["text"] for piece in diff if piece["op"] != "delete") == merged.text
    assert "".join(piece["text"] for piece in diff if piece["op"] != "insert") == theirs
    assert {piece["conflict"] for piece in diff if "conflict" in piece} == set(range(len(merged.conflicts)))
