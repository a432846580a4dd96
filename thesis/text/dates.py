"""Every date rule: years, partial dates and their order, centuries, Roman numerals, dates printed in Kazakh."""

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from .alphabet import cyrillic_lookalikes

# Letters typists use for Roman numerals: the Cyrillic look-alikes count as the Latin ones.
ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I", "С": "C", "М": "M", "Ӏ": "I"})
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
ROMAN_CHARS = "IVXLCDMХІСМӀ"
# Largest first, the subtractive pairs among them: how a number is written in Roman numerals.
ROMAN_WRITING = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]

MONTHS = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}
# A Kazakh case ending on a date word ("наурызда", "ғасырларда"), and nothing glued on after it.
ENDING = r"[а-яәғқңөұүһі]{0,8}(?![^\W\d_])"
# Before the era: б.з.д., б.д.д. and б.з.б. (before ours), б.з. дейінгі, spelt out in either wording, or
# the Russian до н.э.
BCE_WORDS = (
    r"[бБ]\.?\s?[зд]\.?\s?[дб]\.?(?![^\W\d_])|[бБ]\.\s?з\.\s?дейінгі"
    r"|[бБ]іздің\s+(?:заманымыз|дәуіріміз)(?:ға|ге|дан|нен)\s+(?:дейін|бұрын)(?:гі|ғы)?"
    r"|до\s?н\.?\s?э\.?"
)
BCE = rf"(?P<bce>(?:{BCE_WORDS})\s*)?"
# Russian puts до н.э. after the date ("III ғ. до н.э.").
BCE_AFTER = r"(?P<bce_after>\s+до\s?н\.?\s?э\.?)?"
ROMAN = rf"[{ROMAN_CHARS}]+"
# A century's number, in Roman numerals or in digits ("XIX ғасыр", "19-ғасырда").
CENTURY_NUMBER = rf"(?:{ROMAN}|\d{{1,2}})"
# The number and its word may be apart, by a hyphen ("19-ғасыр") or a line break, or by the ". " that a
# transcription cut at every ". " restores for a line break ("1991. жылы": the small letter says it is no sentence end).
APART = r"(?:\.?\s+|\s*-?\s*)"
CENTURIES_WORD = rf"(?:ғ\.?\s?ғ\b\.?|ғасырлар{ENDING})"
CENTURY_RANGE_RE = re.compile(
    rf"{BCE}\b(?P<first>{CENTURY_NUMBER})\s*[-–—]\s*(?P<last>{CENTURY_NUMBER}){APART}{CENTURIES_WORD}{BCE_AFTER}"
)
CENTURY_RE = re.compile(
    rf"{BCE}\b(?P<century>{CENTURY_NUMBER}){APART}(?:{CENTURIES_WORD}|ғ\b\.?|ғасыр{ENDING}){BCE_AFTER}"
)
YEARS_WORD = rf"(?:ж\.?\s?ж\b\.?|жылдар{ENDING})"
YEAR_RANGE_RE = re.compile(rf"{BCE}\b(?P<first>\d{{3,4}})\s*[-–—]\s*(?P<last>\d{{3,4}}){APART}{YEARS_WORD}{BCE_AFTER}")
# Years listed before one plural year word: "1957, 1969, 1985 жылдары", "1957 және 1969 жж.".
YEAR_LIST_RE = re.compile(
    rf"{BCE}\b(?P<years>\d{{3,4}}(?:\s*(?:,|және|мен|,\s*және)\s*\d{{3,4}})+){APART}{YEARS_WORD}{BCE_AFTER}"
)
LISTED_YEAR_RE = re.compile(r"\d{3,4}")
DAY_RE = re.compile(
    rf"{BCE}\b(?P<year>\d{{3,4}})\s*ж\.?\s*(?:(?:ылы|ылдың|ылғы)\s*)?(?P<day>\d{{1,2}})\s*(?P<month>{'|'.join(MONTHS)}){ENDING}"
)
# A month of a year, with no day: "1991 жылы тамыз айында", "1991 жылдың тамызында".
MONTH_RE = re.compile(
    rf"{BCE}\b(?P<year>\d{{3,4}})\s*ж\.?\s*(?:(?:ылы|ылдың|ылғы)\s*)?(?P<month>{'|'.join(MONTHS)}){ENDING}"
    r"(?:\s+ай(?:ы|ында|ынан|ына|ының)?(?![^\W\d_]))?"
)
YEAR_RE = re.compile(rf"{BCE}\b(?P<year>\d{{3,4}}){APART}(?:ж\b\.?|жылы\b|жыл{ENDING}){BCE_AFTER}")
DECADE_RE = re.compile(rf"\b(?P<decade>\d{{3}}0)\s*-?\s*(?:жылдар{ENDING})")
# The last century a text can print in digits: a larger number before ғ. is not a century.
LAST_CENTURY = 21
WHITESPACE_RE = re.compile(r"\s+")


class DateError(ValueError):
    """A broken date rule; `code` says which, so that callers need not read the message."""

    def __init__(self, message: str, code: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class DateMention:
    """A date printed in a text: where, as what, and the range it stands for."""

    start: int
    end: int
    display: str
    begin: PartialDate
    finish: PartialDate
    precision: str


def roman_to_int(numeral: str) -> int:
    """Value of a Roman numeral, accepting Cyrillic look-alike letters; DateError (code "roman") if malformed."""
    latin = numeral.strip().upper().translate(ROMAN_LOOKALIKES)
    if not latin or not ROMAN_RE.fullmatch(latin):
        raise DateError(f"not a Roman numeral: {numeral!r}", "roman")
    total = 0
    for char, following in zip(latin, latin[1:] + " ", strict=False):
        value = ROMAN_VALUES[char]
        total += -value if following != " " and ROMAN_VALUES[following] > value else value
    return total


def int_to_roman(number: int) -> str:
    """A positive whole number in Latin Roman numerals: 17 is XVII."""
    if number < 1:
        raise DateError(f"no Roman numeral for {number}", "roman")
    numeral = ""
    for value, letters in ROMAN_WRITING:
        count, number = divmod(number, value)
        numeral += letters * count
    return numeral


def century_years(century: int) -> tuple[int, int]:
    """Inclusive years of a century: 17 is 1601-1700; -1 (1st century BCE) is -100 to -1."""
    if century == 0:
        raise DateError("there is no century 0", "century")
    if century > 0:
        return 100 * (century - 1) + 1, 100 * century
    return 100 * century, 100 * (century + 1) - 1


def century_of(year: int) -> int:
    """The century a year is in: 1601 and 1700 are in the 17th, -100 and -1 in the 1st BCE (-1); year 0 in none (0)."""
    return (year - 1) // 100 + 1 if year > 0 else -((-year - 1) // 100 + 1)


def centuries(first_year: int, last_year: int) -> list[int]:
    """Every century the years from `first_year` to `last_year` reach, earliest first."""
    return [c for c in range(century_of(first_year), century_of(last_year) + 1) if c != 0]


def find_dates(text: str) -> list[DateMention]:
    """Every date printed in `text`, longest readings first, never overlapping. A Cyrillic word's
    Latin look-alikes are read as the Kazakh letters they stand for ("ғaсыр" with a Latin a), and
    each date is shown as printed."""
    reading = cyrillic_lookalikes(text)
    found = _found_in(reading)
    if reading == text:
        return found
    return [replace(mention, display=_printed(text, mention.start, mention.end)) for mention in found]


def _printed(text: str, start: int, end: int) -> str:
    """The text from `start` to `end` on one line: a line break inside a date is shown as a space."""
    return WHITESPACE_RE.sub(" ", text[start:end].strip())


def _found_in(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern, read in _READERS:
        # The mentions found so far do not overlap, so the one that starts last before a match's end
        # is the only one it can overlap; a pattern's own matches never overlap each other.
        starts, ends = [m.start for m in found], [m.end for m in found]
        for match in pattern.finditer(text):
            before = bisect_left(starts, match.end()) - 1
            if before >= 0 and match.start() < ends[before]:
                continue
            found += _safely(read, match)
        found.sort(key=lambda m: m.start)
    return found


def _safely(read, match) -> list[DateMention]:
    try:
        mentions = read(match)
    except ValueError:
        return []
    return mentions if isinstance(mentions, list) else [mentions]


def _sign(match) -> int:
    return -1 if match["bce"] or match.groupdict().get("bce_after") else 1


def _mention(match, begin, finish, precision, start=None, end=None):
    """The mention of `match` (or of its part from `start` to `end`), printed on one line: a line
    break inside it (a date broken across lines) is shown as a space."""
    start, end = match.start() if start is None else start, match.end() if end is None else end
    end = start + len(match.string[start:end].rstrip())
    return DateMention(start, end, _printed(match.string, start, end), begin, finish, precision)


def _century_number(numeral: str) -> int:
    """A century's number, written in digits or in Roman numerals; DateError for one no text prints."""
    number = int(numeral) if numeral.isdecimal() else roman_to_int(numeral)
    if not numeral.isdecimal() or 0 < number <= LAST_CENTURY:
        return number
    raise DateError(f"no century {numeral}", "century")


def _century_range(match):
    sign = _sign(match)
    first = century_years(sign * _century_number(match["first"]))
    last = century_years(sign * _century_number(match["last"]))
    start, end = min(first[0], last[0]), max(first[1], last[1])
    return _mention(match, PartialDate(start), PartialDate(end), "century")


def _century(match):
    start, end = century_years(_sign(match) * _century_number(match["century"]))
    return _mention(match, PartialDate(start), PartialDate(end), "century")


def _year_range(match):
    sign = _sign(match)
    first, last = sorted((sign * int(match["first"]), sign * int(match["last"])))
    return _mention(match, PartialDate(first), PartialDate(last), "range")


def _year_list(match):
    """Each year of a list its own mention, the last with the year word: a list is no range, and a
    timeline event has one date."""
    sign, offset = _sign(match), match.start("years")
    years = list(LISTED_YEAR_RE.finditer(match["years"]))
    mentions = []
    for year in years:
        date = PartialDate(sign * int(year.group()))
        end = match.end() if year is years[-1] else offset + year.end()
        start = match.start() if year is years[0] else offset + year.start()
        mentions.append(_mention(match, date, date, "year", start, end))
    return mentions


def _day(match):
    month = MONTHS[match["month"]]
    year = _sign(match) * int(match["year"])
    day = int(match["day"])
    validate_partial_date(year, month, day)
    date = PartialDate(year, month, day)
    return _mention(match, date, date, "day")


def _month(match):
    date = PartialDate(_sign(match) * int(match["year"]), MONTHS[match["month"]])
    return _mention(match, date, date, "month")


def _year(match):
    date = PartialDate(_sign(match) * int(match["year"]))
    return _mention(match, date, date, "year")


def _decade(match):
    start = int(match["decade"])
    return _mention(match, PartialDate(start), PartialDate(start + 9), "decade")


_READERS = [
    (CENTURY_RANGE_RE, _century_range),
    (CENTURY_RE, _century),
    (YEAR_RANGE_RE, _year_range),
    (YEAR_LIST_RE, _year_list),
    (DAY_RE, _day),
    (MONTH_RE, _month),
    (DECADE_RE, _decade),
    (YEAR_RE, _year),
]

DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    """Proleptic Gregorian leap year, astronomical numbering (1 BCE is year 0)."""
    astronomical = year + 1 if year < 0 else year
    return astronomical % 4 == 0 and (astronomical % 100 != 0 or astronomical % 400 == 0)


def year_exists(year: int) -> bool:
    """Whether the year was ever counted: 1 BCE (-1) is followed by 1 CE (1), with no year 0 between."""
    return year != 0


def years_before(year: int) -> int:
    """Whole years from the start of 1 CE to the start of `year`, counted over the missing year 0:
    1 CE is 0, 1992 is 1991, 1 BCE is -1 and 100 BCE is -100; DateError (code "year") for 0."""
    validate_year(year)
    return year - 1 if year > 0 else year


def validate_year(year: int) -> None:
    """DateError (code "year") for the year that does not exist."""
    if not year_exists(year):
        raise DateError("there is no year 0: 1 BCE (-1) is followed by 1 CE (1)", "year")


def validate_partial_date(year: int | None, month: int | None, day: int | None) -> None:
    """Raise DateError naming what is wrong with a partial date, coded "year", "day_without_month", "month" or "day"."""
    if year is None or not year_exists(year):
        raise DateError("year is required and there is no year 0", "year")
    if day is not None and month is None:
        raise DateError("a day needs a month", "day_without_month")
    if month is not None and not 1 <= month <= 12:
        raise DateError("month must be 1 to 12", "month")
    if day is not None:
        last = 29 if month == 2 and is_leap(year) else DAYS_IN_MONTH[month - 1] - (month == 2)
        if not 1 <= day <= last:
            raise DateError(f"day must be 1 to {last} for that month", "day", days=last)


def sort_key(date: PartialDate) -> tuple[int, int, int]:
    """Chronological order of partial dates: a date known to the year only sorts before the dated days of that year."""
    return date.year, date.month or 0, date.day or 0


def ends_before_start(start: PartialDate, end: PartialDate) -> bool:
    """Whether a range is the wrong way round: its end before its start (an end on the start is fine)."""
    return sort_key(end) < sort_key(start)


def iso_year(year: int) -> str:
    """A year as TEI's W3C dates write it: at least four digits, a minus sign before BCE years
    (44 BCE is "-0044"); DateError (code "year") for the year 0, which was never counted."""
    validate_year(year)
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def iso_date(date: PartialDate) -> str:
    """A partial date as far as it is known: "1992", "1992-03" or "1992-03-02" ("-0044-03-15" BCE)."""
    parts = [iso_year(date.year)]
    if date.month is not None:
        parts.append(f"{date.month:02d}")
        if date.day is not None:
            parts.append(f"{date.day:02d}")
    return "-".join(parts)
