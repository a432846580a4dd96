"""Word diffs without a database: whole, and compact (only the changed words, a few words either side)."""

from thesis.text.diffs import compact_diff, word_diff

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


def test_an_unchanged_text_is_one_equal_piece_and_an_empty_one_none():
    text = "Қазақстан  Республикасының\nсыртқы саясаты."
    assert word_diff(text, text) == [{"op": "equal", "text": text}]
    assert word_diff("", "") == []
    assert word_diff(None, "") == []
