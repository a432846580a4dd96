"""Where a timeline's events go in its picture: years to x, rows that keep labels apart, tick years, year labels."""

import math
from dataclasses import dataclass

from thesis.text.dates import DAYS_IN_MONTH, PartialDate, iso_date, years_before
from thesis.text.transliteration import CYRILLIC, LATIN, to_latin

WIDTH = 960
MARGIN = 16
AXIS_Y = 40
ROW_HEIGHT = 36
ROWS_TOP = AXIS_Y + 12
POINT_RADIUS = 6
BAR_HEIGHT = 10
MIN_BAR_WIDTH = 4
LABEL_CHARS = 36
# A 12px sans-serif letter is at most this wide on average, Cyrillic included; labels are measured by it.
CHAR_WIDTH = 7
ROW_GAP = 12
MARK_GAP = 3
# Rows of marks with their labels; marks past them go unlabelled into as few rows as they need.
LABELLED_ROWS = 16
TARGET_TICKS = 8
# Fewer years than this are spread over the picture as this many: a single day is not a whole axis.
MIN_YEARS_SHOWN = 10
BAR_PRECISIONS = {"decade", "century", "range"}

# The first and last years a picture shows; None at either end: as far as its events reach.
Window = tuple[int | None, int | None]

BCE_FORMATS = {"kk": "б.з.д. {year}", "ru": "{year} до н. э.", "en": "{year} BCE"}
RANGE_DASH = "–"


@dataclass(frozen=True)
class Span:
    """One event as the picture needs it: its key, first and last dates, label and whether it is a bar."""

    key: str
    begin: PartialDate
    finish: PartialDate
    label: str
    bar: bool


@dataclass(frozen=True)
class Mark:
    """An event placed: a bar from `x` `width` wide, or a point at `x`; its label above it at `label_x`."""

    key: str
    bar: bool
    x: float
    width: float
    row: int
    y: float
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Tick:
    year: int
    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    axis_y: int
    first_year: int
    last_year: int
    ticks: list[Tick]
    marks: list[Mark]


def is_bar(precision: str, start_year: int, end_year: int) -> bool:
    """Centuries, decades and ranges are bars, and so is anything longer than a year; single dates are points."""
    return precision in BAR_PRECISIONS or end_year > start_year


def year_label(year: int, language: str = "kk", script: str = CYRILLIC) -> str:
    """A year as the axis writes it: 1992, or a BCE year in the reader's language (б.з.д. 44, 44 до н. э., 44 BCE)."""
    if year > 0:
        return str(year)
    text = BCE_FORMATS.get(language, BCE_FORMATS["kk"]).format(year=-year)
    return to_latin(text) if script == LATIN and language == "kk" else text


def date_label(date: PartialDate, language: str = "kk", script: str = CYRILLIC) -> str:
    """A partial date, as far as it is known: 1992, 1992-03 or 1992-03-02, its year written as year_label."""
    month_day = iso_date(date).lstrip("-").partition("-")[2]
    year = year_label(date.year, language, script)
    return f"{year}-{month_day}" if month_day and date.year > 0 else f"{year} {month_day}".strip()


def span_label(begin: PartialDate, finish: PartialDate, language: str = "kk", script: str = CYRILLIC) -> str:
    """The dates of an event: one date, or its first and last joined by a dash."""
    first, last = date_label(begin, language, script), date_label(finish, language, script)
    return first if first == last else f"{first}{RANGE_DASH}{last}"


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A label short enough for the picture, cut at a word where it can be, with an ellipsis; whole if it fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > limit // 2 else cut).rstrip(" ,.;:") + "…"


def label_width(label: str) -> float:
    return len(label) * CHAR_WIDTH


def start_position(date: PartialDate) -> float:
    """Where a date begins on a line of years with no year 0, as years and fractions of years."""
    return years_before(date.year) + _year_fraction(date.month, date.day)


def end_position(date: PartialDate) -> float:
    """Where a date ends: the end of its day, of its month, or of its year when only the year is known."""
    if date.month is None:
        return years_before(date.year) + 1.0
    if date.day is None:
        return years_before(date.year) + date.month / 12
    return start_position(date) + 1 / (12 * DAYS_IN_MONTH[date.month - 1])


def _year_fraction(month: int | None, day: int | None) -> float:
    if month is None:
        return 0.0
    fraction = (month - 1) / 12
    if day is not None:
        fraction += (day - 1) / (12 * DAYS_IN_MONTH[month - 1])
    return fraction


@dataclass(frozen=True)
class Scale:
    """Positions on the line of years to x in the picture, linearly."""

    low: float
    high: float
    width: int = WIDTH

    def x(self, position: float) -> float:
        inner = self.width - 2 * MARGIN
        return round(MARGIN + (position - self.low) / (self.high - self.low) * inner, 2)


def scale_for(spans: list[Span], width: int = WIDTH, window: Window = (None, None)) -> Scale:
    """A scale showing the years of `window` (first and last year, either None for "as far as the
    events reach"), with a little room at either end; an empty or reversed window shows every span."""
    first, last = window
    low = start_position(PartialDate(first)) if first is not None else min(_starts(spans), default=None)
    high = end_position(PartialDate(last)) if last is not None else max(_ends(spans), default=None)
    if low is None or high is None or high <= low:
        return scale_for(spans, width) if first is not None or last is not None else Scale(0.0, 10.0, width)
    if high - low < MIN_YEARS_SHOWN:
        middle = (low + high) / 2
        low, high = middle - MIN_YEARS_SHOWN / 2, middle + MIN_YEARS_SHOWN / 2
    room = (high - low) * 0.04
    return Scale(low - room, high + room, width)


def _starts(spans: list[Span]) -> list[float]:
    return [start_position(span.begin) for span in spans]


def _ends(spans: list[Span]) -> list[float]:
    return [end_position(span.finish) for span in spans]


def tick_step(years: float, target: int = TARGET_TICKS) -> int:
    """A round number of years (1, 2 or 5 times a power of ten) giving about `target` ticks over `years`."""
    rough = max(years / target, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def tick_years(scale: Scale) -> list[int]:
    """The round years whose first day lies on the scale, each tick where its year begins. There is no
    year 0: 1 CE, which begins there, stands for it, except two years apart, where 1 and 2 would crowd
    each other; a year apart, -1 and 1 are ticks anyway."""
    step = tick_step(scale.high - scale.low)
    first = math.ceil(scale.low / step) * step
    years = []
    for candidate in range(first, math.floor(scale.high) + step + 1, step):
        year = candidate or (1 if step != 2 else None)
        if year is not None and scale.low <= years_before(year) <= scale.high and year not in years:
            years.append(year)
    return years


def place(spans: list[Span], scale: Scale) -> list[Mark]:
    """Every span as a mark in the first row where neither it nor its label touches another's. Past
    LABELLED_ROWS rows a mark goes without its label, wherever it fits: a crowded stretch of years
    stays a picture of marks a few rows deep, each still named by its link and in the list."""
    row_ends: list[float] = []
    marks = []
    for span in sorted(spans, key=lambda s: (start_position(s.begin), end_position(s.finish), s.key)):
        x, width = _extent(span, scale)
        left, right = (x, x + width) if span.bar else (x - POINT_RADIUS, x + POINT_RADIUS)
        label = short_label(span.label)
        label_x = max(MARGIN, min(left, scale.width - MARGIN - label_width(label)))
        row = _first_free(row_ends, min(left, label_x) - ROW_GAP)
        if row < LABELLED_ROWS:
            right = max(right, label_x + label_width(label))
        else:
            label, label_x = "", left
            row = _first_free(row_ends, left - MARK_GAP)
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = right
        top = ROWS_TOP + row * ROW_HEIGHT
        marks.append(Mark(span.key, span.bar, x, width, row, top + 24, label, round(label_x, 2), top + 12))
    return marks


def _first_free(row_ends: list[float], free_from: float) -> int:
    """The first row whose marks all end by `free_from`; a new row after the others if none does."""
    return next((i for i, end in enumerate(row_ends) if end <= free_from), len(row_ends))


def _extent(span: Span, scale: Scale) -> tuple[float, float]:
    """Where a mark starts and how wide it is; a bar reaching past the years shown stops at their edge."""
    start = max(start_position(span.begin), scale.low)
    end = min(end_position(span.finish), scale.high)
    if not span.bar:
        return scale.x((start + end) / 2), 0.0
    x = scale.x(start)
    return x, max(round(scale.x(end) - x, 2), MIN_BAR_WIDTH)


def layout(
    spans: list[Span], language: str = "kk", script: str = CYRILLIC, width: int = WIDTH, window: Window = (None, None)
) -> Layout:
    """The whole picture of `spans` over the years of `window` (see scale_for): its size, the ticks of
    its axis and every mark."""
    scale = scale_for(spans, width, window)
    marks = place(spans, scale)
    rows = max((mark.row for mark in marks), default=-1) + 1
    ticks = [Tick(year, scale.x(years_before(year)), year_label(year, language, script)) for year in tick_years(scale)]
    years = [span.begin.year for span in spans] + [span.finish.year for span in spans]
    first = max(min(years, default=1), window[0]) if window[0] is not None else min(years, default=1)
    last = min(max(years, default=1), window[1]) if window[1] is not None else max(years, default=1)
    height = ROWS_TOP + max(rows, 1) * ROW_HEIGHT + MARGIN
    return Layout(width, height, AXIS_Y, first, last, ticks, marks)
