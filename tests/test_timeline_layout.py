"""The timeline picture's layout, without a database: years to x over the missing year 0, rows, ticks, labels."""

import pytest

from reading.timeline_layout import (
    LABEL_CHARS,
    LABELLED_ROWS,
    MARGIN,
    MIN_BAR_WIDTH,
    WIDTH,
    Scale,
    Span,
    date_label,
    end_position,
    is_bar,
    label_width,
    layout,
    scale_for,
    short_label,
    span_label,
    start_position,
    tick_step,
    tick_years,
    year_label,
)
from thesis.text.dates import PartialDate


def span(key, first, last=None, label="", bar=None):
    begin = first if isinstance(first, PartialDate) else PartialDate(first)
    finish = last if isinstance(last, PartialDate) else PartialDate(last if last is not None else begin.year)
    return Span(key, begin, finish, label or key, is_bar("year", begin.year, finish.year) if bar is None else bar)


@pytest.mark.parametrize(
    "precision, start, end, bar",
    [("century", 1601, 1700, True), ("range", 1992, 1992, True), ("decade", 1990, 1999, True)]
    + [("day", 1992, 1992, False), ("year", 1604, 1604, False), ("month", 1992, 1992, False)]
    + [("year", 1991, 1992, True)],
)
def test_centuries_and_ranges_are_bars_and_single_dates_points(precision, start, end, bar):
    assert is_bar(precision, start, end) is bar


def test_1_bce_ends_where_1_ce_begins():
    assert end_position(PartialDate(-1)) == start_position(PartialDate(1)) == 0


def test_the_1st_century_bce_and_ce_are_equally_long_and_meet():
    bce, ce = span("bce", -100, -1), span("ce", 1, 100)
    assert end_position(bce.finish) - start_position(bce.begin) == 100
    assert end_position(ce.finish) - start_position(ce.begin) == 100
    assert end_position(bce.finish) == start_position(ce.begin)


def test_days_and_months_fall_inside_their_year_in_order():
    year = start_position(PartialDate(1992)), end_position(PartialDate(1992))
    march_2, october_5 = PartialDate(1992, 3, 2), PartialDate(1992, 10, 5)
    assert year[0] < start_position(march_2) < end_position(march_2) < start_position(october_5) < year[1]
    assert end_position(PartialDate(1992, 12)) == year[1]


def test_the_scale_maps_years_left_to_right_inside_the_margins():
    scale = Scale(0, 100)
    assert scale.x(0) == MARGIN and scale.x(100) == WIDTH - MARGIN
    assert scale.x(25) < scale.x(50) < scale.x(75)


def test_the_scale_shows_every_event_with_room_at_the_ends():
    scale = scale_for([span("a", 1601, 1700), span("b", -44)])
    assert scale.low < start_position(PartialDate(-44)) and scale.high > end_position(PartialDate(1700))


def test_a_single_day_is_not_stretched_across_the_whole_picture():
    scale = scale_for([span("day", PartialDate(1992, 3, 2), PartialDate(1992, 3, 2))])
    assert scale.high - scale.low >= 10


@pytest.mark.parametrize(
    "years, step", [(5, 1), (8, 1), (12, 2), (30, 5), (100, 20), (600, 100), (2200, 500), (9000, 2000)]
)
def test_ticks_are_round_numbers_of_years(years, step):
    assert tick_step(years) == step


@pytest.mark.parametrize(
    "low, high, years",
    [(-3, 3, [-3, -2, -1, 1, 2, 3, 4]), (-6, 6, [-6, -4, -2, 2, 4, 6]), (-30, 30, [-30, -20, -10, 1, 10, 20, 30])],
)
def test_no_tick_is_the_year_0(low, high, years):
    assert tick_years(Scale(low, high)) == years


def test_bce_ticks_are_round_bce_years():
    years = tick_years(Scale(-500, 10))
    assert -500 not in years or years[0] == -500
    assert {-400, -300, -200, -100} <= set(years)


@pytest.mark.parametrize(
    "language, script, label",
    [("kk", "cyrl", "б.з.д. 44"), ("kk", "latn", "b.z.d. 44"), ("ru", "cyrl", "44 до н. э."), ("en", "cyrl", "44 BCE")],
)
def test_bce_years_are_labelled_in_the_readers_language(language, script, label):
    assert year_label(-44, language, script) == label
    assert year_label(1992, language, script) == "1992"


def test_dates_are_labelled_as_far_as_they_are_known():
    assert date_label(PartialDate(1992)) == "1992"
    assert date_label(PartialDate(1992, 3, 2)) == "1992-03-02"
    assert date_label(PartialDate(-44, 3, 15), "en") == "44 BCE 03-15"
    assert span_label(PartialDate(1990, 8, 2), PartialDate(1991, 2, 28)) == "1990-08-02–1991-02-28"
    assert span_label(PartialDate(-100), PartialDate(-1), "en") == "100 BCE–1 BCE"
    assert span_label(PartialDate(1604), PartialDate(1604)) == "1604"


def test_long_labels_are_cut_at_a_word_with_an_ellipsis():
    text = "Қазақстан Республикасы БҰҰ-ға мүше болды және әлемдік қауымдастықтың бөлігі болды"
    cut = short_label(text)
    assert len(cut) <= LABEL_CHARS and cut.endswith("…") and text.startswith(cut[:-1])
    assert short_label("  БҰҰ-ға   мүше ") == "БҰҰ-ға мүше"


def test_points_and_bars_are_drawn_as_they_should_be():
    picture = layout([span("century", 1601, 1700, bar=True), span("point", 1604, bar=False)])
    marks = {mark.key: mark for mark in picture.marks}
    assert marks["century"].bar and marks["century"].width >= MIN_BAR_WIDTH
    assert not marks["point"].bar and marks["point"].width == 0
    assert marks["century"].x < marks["point"].x < marks["century"].x + marks["century"].width


def test_a_range_within_one_day_is_still_a_visible_bar():
    picture = layout([span("short", PartialDate(1992, 3, 2), PartialDate(1992, 3, 3), bar=True), span("far", 1000)])
    assert picture.marks[-1].width == MIN_BAR_WIDTH or picture.marks[0].width == MIN_BAR_WIDTH


def test_marks_whose_labels_would_touch_go_to_different_rows():
    picture = layout([span("a", 1992, label="Бірінші оқиға"), span("b", 1993, label="Екінші оқиға"), span("c", 1800)])
    rows = {mark.key: mark.row for mark in picture.marks}
    assert rows["a"] != rows["b"]
    assert rows["c"] == 0


def test_no_two_marks_in_a_row_overlap_and_every_label_fits_the_picture():
    spans = [span(f"e{year}", year, label=f"Оқиға {year} жылы болды") for year in range(1900, 2000, 3)]
    spans += [span("century", 1901, 2000, bar=True), span("bce", -50, -10, bar=True)]
    picture = layout(spans)
    by_row = {}
    for mark in picture.marks:
        assert mark.label_x >= MARGIN and mark.label_x + label_width(mark.label) <= WIDTH - MARGIN
        by_row.setdefault(mark.row, []).append((mark.label_x, mark.label_x + label_width(mark.label)))
    for extents in by_row.values():
        extents.sort()
        assert all(left[1] < right[0] for left, right in zip(extents, extents[1:], strict=False))
    assert picture.height >= picture.marks[-1].y


def test_the_picture_is_as_tall_as_its_rows_and_its_years_are_its_events():
    picture = layout([span("a", -44), span("b", 1992)])
    assert (picture.first_year, picture.last_year) == (-44, 1992)
    taller = layout([span(str(i), 1992, label=f"Оқиға {i}") for i in range(5)])
    assert taller.height > picture.height and len({mark.row for mark in taller.marks}) == 5


def test_an_empty_timeline_has_an_axis_and_no_marks():
    picture = layout([])
    assert picture.marks == [] and picture.ticks and picture.height > picture.axis_y


def test_a_tick_stands_where_its_year_begins_so_a_year_lies_after_its_tick():
    picture = layout([span("march", PartialDate(1992, 3, 2), PartialDate(1992, 3, 2)), span("year", 1992)])
    tick = next(tick for tick in picture.ticks if tick.year == 1992)
    after = next(tick for tick in picture.ticks if tick.year > 1992)
    assert all(tick.x < mark.x < after.x for mark in picture.marks)


def test_a_crowded_stretch_of_years_stays_a_few_rows_deep_its_later_marks_unlabelled():
    spans = [span(f"e{i}", 1900 + i % 50, label=f"Оқиға нөмірі {i} туралы ұзын атау") for i in range(400)]
    picture = layout(spans)
    rows = max(mark.row for mark in picture.marks) + 1
    assert LABELLED_ROWS < rows <= LABELLED_ROWS + 12 and picture.height < 2000
    # Labels are kept to the first rows; past them only marks, which may also fill gaps left above.
    assert all(mark.row < LABELLED_ROWS for mark in picture.marks if mark.label)
    assert 0 < sum(1 for mark in picture.marks if not mark.label) < len(spans)
    by_row = {}
    for mark in picture.marks:
        by_row.setdefault(mark.row, []).append(mark)
    for marks in by_row.values():
        extents = sorted((m.x - 6, max(m.x + 6, m.label_x + label_width(m.label))) for m in marks)
        assert all(left[1] <= right[0] for left, right in zip(extents, extents[1:], strict=False))


def test_the_years_asked_for_are_the_years_shown_and_longer_bars_stop_at_their_edge():
    spans = [span("century", 1901, 2000, bar=True), span("un", PartialDate(1992, 3, 2), PartialDate(1992, 3, 2))]
    picture = layout(spans, window=(1990, 1993))
    assert [tick.year for tick in picture.ticks][0] >= 1985 and picture.ticks[-1].year <= 1998
    century = next(mark for mark in picture.marks if mark.key == "century")
    assert century.x >= MARGIN and century.x + century.width <= WIDTH - MARGIN
    assert (picture.first_year, picture.last_year) == (1990, 1993)


def test_a_window_open_at_one_end_reaches_as_far_as_the_events():
    scale = scale_for([span("a", 1604), span("b", 1992)], window=(1700, None))
    assert scale.low < start_position(PartialDate(1700)) < scale.high
    assert scale.high > end_position(PartialDate(1992)) and scale.low > start_position(PartialDate(1604))


def test_a_reversed_window_shows_every_event():
    spans = [span("a", 1604), span("b", 1992)]
    assert scale_for(spans, window=(1992, 1700)) == scale_for(spans)
