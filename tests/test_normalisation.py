"""The reading-text normalisation: restore the cut ". ", fold layout spaces, change nothing else."""

from thesis.text.normalisation import collapse_layout, joints, layout_folded, reading_text


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


def test_layout_folded_keeps_the_lines_and_restores_nothing():
    assert layout_folded("  бір   сөз\n\nекі\tсөз \n") == "бір сөз\nекі сөз"
