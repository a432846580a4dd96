"""The reading-text normalisation: restore the cut ". ", fold layout spaces, change nothing else."""

from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.text.normalisation import (
    LINE_BREAK,
    Fold,
    Layout,
    collapse_layout,
    folds,
    joint,
    joints,
    reading_text,
)


def test_line_break_restores_the_dropped_period_and_space():
    assert reading_text("Бірінші сөйлем\nЕкінші сөйлем") == "Бірінші сөйлем. Екінші сөйлем"


def test_abbreviation_cut_in_two_is_joined():
    assert reading_text("келісімшарттар, т.б\nжатады") == "келісімшарттар, т.б. жатады"
    assert reading_text("Сатоу Э, Д\nВуд., Ж.Серре") == "Сатоу Э, Д. Вуд., Ж.Серре"
    assert reading_text("президентіміз Н.Ә\nНазарбаев жасаған") == "президентіміз Н.Ә. Назарбаев жасаған"


def test_line_that_kept_its_period_is_joined_with_a_space():
    assert reading_text("жатыр.\nСол себепті") == "жатыр. Сол себепті"


def test_runs_of_spaces_and_tabs_are_layout():
    assert reading_text("[7]    Соңғы  жылдары\tелдер ") == "[7] Соңғы жылдары елдер"
    assert collapse_layout("  Зерттеу  жұмысының   дерек ") == "Зерттеу жұмысының дерек"


def test_marker_at_line_start_follows_the_restored_period():
    assert reading_text("қажет\n[23] Дипломатияның") == "қажет. [23] Дипломатияның"


def test_other_errors_are_left_for_editors():
    for text in ("жатыр.Екі", "табылады..Қазақстан", "аймақққа", "ХХI ғасырда", "тенденцияларды,,"):
        assert reading_text(text) == text


def test_crlf_line_breaks_count_as_one():
    assert reading_text("бір\r\nекі") == "бір. екі"


def test_joints_say_where_each_line_break_was_restored():
    original = "бір\nекі.\n\n  үш"
    reading = reading_text(original)
    assert reading == "бір. екі. үш"
    assert [reading[start:end] for start, end in joints(original)] == [". ", " "]
    assert joints("бір сөйлем") == []


def test_folds_hold_the_original_whitespace_each_reading_piece_stands_for():
    original = "  бір   сөз\r\n\nекі\tсөз \n"
    reading = reading_text(original)
    assert reading == "бір сөз. екі сөз"
    assert [(reading[f.start : f.end], f.original, f.joins_lines) for f in folds(original)] == [
        ("", "  ", False),
        (" ", "   ", False),
        (". ", "\r\n\n", True),
        (" ", "\t", False),
        ("", " \n", False),
    ]


def test_a_line_break_kept_as_it_is_is_a_fold_all_the_same():
    # The markup needs every line break, even one the reading text keeps (verse, a list), to mark it.
    assert folds("бір\nекі", Layout.LINE) == [Fold(3, 4, "\n")]
    assert folds("бір екі", Layout.LINE) == []


def by_lines(original: str, layout: Layout) -> str:
    """The normalisation as documented: each line's spacing folded, empty lines dropped, the lines joined."""
    lines = [line for line in (collapse_layout(line) for line in LINE_BREAK.split(original)) if line]
    text = lines[0] if lines else ""
    for line in lines[1:]:
        text += joint(text, layout) + line
    return text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="аә.  \t\r\n\u00a0", max_size=40), st.sampled_from(list(Layout)))
def test_reading_text_is_the_documented_rule_and_its_folds_give_back_the_original(original, layout):
    reading = reading_text(original, layout)
    assert reading == by_lines(original, layout)
    restored, position = [], 0
    for fold in folds(original, layout):
        restored += [reading[position : fold.start], fold.original]
        position = fold.end
    assert "".join(restored) + reading[position:] == original


def test_a_word_hyphenated_at_a_line_end_is_joined_whole_in_a_wrap():
    # The next line starts with the word's suffixes, or the passage writes the word whole elsewhere.
    assert reading_text("дерек-\nтерді алғаш", Layout.WRAP) == "деректерді алғаш"
    assert reading_text("дипломатия-\nлық қатынас", Layout.WRAP) == "дипломатиялық қатынас"
    assert reading_text("дипло-\nматия мен дипломатия", Layout.WRAP) == "дипломатия мен дипломатия"
    assert folds("дерек-\nтерді", Layout.WRAP) == [Fold(5, 5, "-\n")]


def test_a_compound_hyphenated_at_a_line_end_keeps_its_hyphen():
    assert reading_text("әлеуметтік-\nэкономикалық жағдай", Layout.WRAP) == "әлеуметтік-экономикалық жағдай"
    assert reading_text("қарым-\nқатынас", Layout.WRAP) == "қарым-қатынас"
    # Nothing tells a split word: its hyphen is kept rather than a compound cut.
    assert reading_text("дипло-\nматия", Layout.WRAP) == "дипло-матия"
    # The passage writes the compound on one line: "тер" is then no suffix of it.
    assert reading_text("бет-тер мен бет-\nтер", Layout.WRAP) == "бет-тер мен бет-тер"


def test_a_hyphen_at_a_line_end_is_the_texts_own_in_the_other_layouts():
    assert reading_text("дерек-\nтерді", Layout.LINE) == "дерек-\nтерді"
    assert reading_text("дерек-\nтерді", Layout.LOST_PERIOD) == "дерек-. терді"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="аәт-  \t\n", max_size=40))
def test_the_folds_of_a_wrap_with_hyphens_give_back_the_original(original):
    reading = reading_text(original, Layout.WRAP)
    restored, position = [], 0
    for fold in folds(original, Layout.WRAP):
        restored += [reading[position : fold.start], fold.original]
        position = fold.end
    assert "".join(restored) + reading[position:] == original


def test_a_family_name_broken_before_its_ending_is_joined_whole():
    assert reading_text("зерттеген Б.Сәрсенба-\nев жазды", Layout.WRAP) == "зерттеген Б.Сәрсенбаев жазды"
    assert reading_text("Н.Г. Апол-\nлова болды", Layout.WRAP) == "Н.Г. Аполлова болды"
    assert reading_text("Қасымба-\nевтың еңбегі", Layout.WRAP) == "Қасымбаевтың еңбегі"
    # A word in small letters is no family name: its hyphen stays unless its suffixes tell otherwise.
    assert reading_text("сала-\nлова", Layout.WRAP) == "сала-лова"
