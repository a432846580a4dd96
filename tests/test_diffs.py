"""Word diffs without a database: whole, and compact (only the changed words, a few words either side)."""

import random

from thesis.text.diffs import compact_diff, marked_diff_html, matching_blocks, word_diff

from .operations import calls, letter_lines

WORDS = "бір екі үш төрт бес алты жеті сегіз тоғыз он он бір он екі"


def shown(operations):
    """A compact diff written out: skips as …, deletions in [-…-], insertions in {+…+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}", "skip": "…"}
    return "".join(marks[op["op"]].format(op["text"]) for op in operations)


def test_word_diff_joins_back_into_both_texts():
    old, new = WORDS, WORDS.replace("алты", "6").replace("он екі", "он екі.")
    operations = word_diff(old, new)
    assert "".join(op["text"] for op in operations if op["op"] != "insert") == old
    assert "".join(op["text"] for op in operations if op["op"] != "delete") == new


def test_one_changed_word_shows_with_a_few_words_either_side():
    operations = compact_diff(word_diff(WORDS, WORDS.replace("алты", "6")), context=2)
    assert shown(operations) == "…төрт бес [-алты-]{+6+} жеті сегіз …"
    assert [op["words"] for op in operations if op["op"] == "skip"] == [3, 6]


def test_a_change_at_the_end_keeps_only_the_words_before_it():
    operations = compact_diff(word_diff(WORDS, WORDS + " жаңа"), context=2)
    assert shown(operations) == "…он екі{+ жаңа+}"


def test_a_change_at_the_start_keeps_only_the_words_after_it():
    operations = compact_diff(word_diff(WORDS, "жаңа " + WORDS), context=3)
    assert shown(operations) == "{+жаңа +}бір екі үш …"


def test_two_changes_close_together_share_their_context():
    new = WORDS.replace("үш", "3").replace("бес", "5")
    assert shown(compact_diff(word_diff(WORDS, new), context=2)) == "бір екі [-үш-]{+3+} төрт [-бес-]{+5+} алты жеті …"


def test_two_changes_far_apart_are_shown_apart():
    new = WORDS.replace("екі үш", "екі 3").replace("он бір", "он 11")
    assert shown(compact_diff(word_diff(WORDS, new), context=1)) == "…екі [-үш-]{+3+} төрт …он [-бір-]{+11+} он …"


def test_a_long_text_with_one_change_is_short():
    long_text = " ".join(["сөз"] * 800)
    new = long_text[:2000] + "Сөз" + long_text[2003:]
    operations = compact_diff(word_diff(long_text, new))
    assert len(shown(operations)) < 80 and "[-сөз-]{+Сөз+}" in shown(operations)


def test_no_change_means_nothing_to_show():
    assert compact_diff(word_diff(WORDS, WORDS)) == []
    assert compact_diff([]) == []


def test_a_short_text_is_shown_whole():
    assert shown(compact_diff(word_diff("бір екі", "бір үш"))) == "бір [-екі-]{+үш+}"


def test_a_conflicts_pieces_are_held_in_one_mark_labelled_for_eyes_and_ears():
    operations = [
        {"op": "equal", "text": "бір "},
        {"op": "delete", "text": "<екі>", "conflict": 0},
        {"op": "insert", "text": "жаңа", "conflict": 0},
        {"op": "equal", "text": " үш "},
        {"op": "equal", "text": "", "conflict": 1},
    ]
    label = 'Both changed "these"'
    assert marked_diff_html(operations, label) == (
        "<span>бір </span>"
        '<mark class="conflict-words" title="Both changed &quot;these&quot;">'
        '<span class="visually-hidden">Both changed &quot;these&quot; </span><del>&lt;екі&gt;</del><ins>жаңа</ins>'
        "</mark><span> үш </span>"
        '<mark class="conflict-words empty" title="Both changed &quot;these&quot;">'
        '<span class="visually-hidden">Both changed &quot;these&quot; </span></mark>'
    )


def test_a_compact_diff_keeps_the_unchanged_words_a_conflict_holds():
    words = " ".join(["сөз"] * 20)
    operations = [
        {"op": "equal", "text": words + " "},
        {"op": "equal", "text": words, "conflict": 0},
        {"op": "insert", "text": " жаңа"},
    ]
    compact = compact_diff(operations)
    assert compact[0]["op"] == "skip" and compact[2] == operations[1]
    html = marked_diff_html(compact, "Conflict", lambda n: f"{n} words")
    assert html.startswith('<span class="skip" title="16 words"> … </span>') and f"<span>{words}</span></mark>" in html
    # The label in the reader's language, where the text is Kazakh.
    assert '<span class="visually-hidden" lang="ru">Conflict </span>' in marked_diff_html(
        operations, "Conflict", language="ru"
    )


def test_an_unchanged_text_is_one_equal_piece_and_an_empty_one_none():
    text = "Қазақстан  Республикасының\nсыртқы саясаты."
    assert word_diff(text, text) == [{"op": "equal", "text": text}]
    assert word_diff("", "") == []
    assert word_diff(None, "") == []


class Word(str):
    """A word that counts how many times it is compared with another."""

    compared = 0

    def __eq__(self, other):
        Word.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_passage_whose_every_line_break_became_a_space_costs_in_proportion_to_its_lines():
    def cost(number: int) -> int:
        return calls(word_diff, letter_lines(number), letter_lines(number).replace("\n", " "))

    small, large = cost(200), cost(400)
    assert large < 2.1 * small, (small, large)
    assert cost(20_000) < 30 * 20_000


def test_matching_compares_each_word_a_bounded_number_of_times_even_with_no_word_found_once():
    chosen = random.Random(0)
    before, after = ([Word(chosen.choice("абвгд")) for _ in range(20_000)] for _ in range(2))
    Word.compared = 0
    blocks = matching_blocks(before, after)
    assert Word.compared < 20 * 20_000
    assert all(before[i : i + size] == after[j : j + size] for i, j, size in blocks)
    assert sum(size for _, _, size in blocks) > 10_000  # not given up on: half the words of each are matched


def test_one_changed_line_among_thousands_alike_is_one_change():
    new = letter_lines(5000).replace("\n", " ").split(" ")
    new[2500] = new[2500].upper()
    operations = word_diff(letter_lines(5000), " ".join(new))
    assert "".join(op["text"] for op in operations if op["op"] != "insert") == letter_lines(5000)
    shown_words = word_diff(letter_lines(5000), " ".join(new), spacing=False)
    assert [op for op in shown_words if op["op"] != "equal"] == [
        {"op": "delete", "text": "а"},
        {"op": "insert", "text": "А"},
    ]
    assert "".join(op["text"] for op in shown_words if op["op"] != "delete") == " ".join(new)


def test_without_spacing_a_changed_kind_of_whitespace_is_unchanged_but_a_split_word_is_not():
    assert word_diff("бір\nекі  үш", "бір екі үш", spacing=False) == [{"op": "equal", "text": "бір екі үш"}]
    assert shown(word_diff("бір\nекіүш", "бір екі үш", spacing=False)) == "бір [-екіүш-]{+екі үш+}"
    assert shown(word_diff("бір екі", "бір", spacing=False)) == "бір[- екі-]"
