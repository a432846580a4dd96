"""Reference lists: a bibliography's lines split into entries, and an entry read in GOST 7.1 style.

GOST 7.1, as Kazakh and Russian theses print it, parts an entry's areas with ". – " (a hyphen, en or em
dash): "Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007. – 372 б.". The first area holds the
authors ("Фамилия И.О."), the title and, after "/", the statement of responsibility ("/ И.О. Фамилия");
an article gives its journal or collection after "//" ("// Қазақстан тарихы. – 2010. – №3. – Б. 25-31.");
a web page its address ("[Электронный ресурс]. – URL: https://…"). Older or looser lists drop the dashes
("Ашин Т.К. Основы элитологии. А., 1996."), and English entries print "Family, Given." or "Family, G.".

An entry is read only when its parts are found where the style puts them; otherwise `read_reference`
gives None and the entry is kept as printed for an editor to read.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .alphabet import LETTER, LOWER, UPPER
from .names import full_name_opening
from .parsing import TEXT, ParsedDocument

# "1.", "1)", "[1]" or "1" and a space, at a line start; "1.1" and "1993." in a run of numbers are no label
# unless they are the list's next number.
LABEL_RE = re.compile(r"[ \t]*(?:\[(?P<bracketed>\d{1,4})\]|(?P<number>\d{1,4})(?:[.)](?!\d)|(?=[ \t]+\S)))[ \t]*")
DASH = "-–—"
AREA_SEPARATOR_RE = re.compile(rf"(?<=[.!?])[ \t]*[{DASH}]{{1,2}}[ \t]+")
CONTAINER_RE = re.compile(r"[ \t]*//[ \t]*")
RESPONSIBILITY_RE = re.compile(r"[ \t]+/[ \t]+")
INITIAL = rf"[{UPPER}][{LOWER}]?\."
INITIALS = rf"(?:{INITIAL}[ \t]?){{1,3}}"
FAMILY = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)?"
NAME_RE = re.compile(
    rf"(?P<family>{FAMILY})[ \t]*[,.]?[ \t]*(?P<given>{INITIALS})(?![{LETTER}])"
    rf"|(?P<given_first>{INITIALS})[ \t]*(?P<family_last>{FAMILY})(?![{LETTER}])"
    rf"|(?P<latin_family>[A-Z][a-z'’-]+),[ \t]+(?P<latin_given>[A-Z][a-z]+(?:[ \t]+[A-Z]\.)?)(?=[ \t]*[.,])"
)
NAME_SEPARATOR_RE = re.compile(r"[ \t]*(?:,|;|\bжәне\b|\bи\b|\band\b|&)[ \t]*")
ET_AL_RE = re.compile(r"[ \t]*,?[ \t]*(?:т\.б\.|және т\.б\.|и др\.|et al\.)")
TAGS_RE = re.compile(
    r"[ \t]*\[(?:Электронный ресурс|Электрондық ресурс|Electronic resource|Текст|Мәтін|Text)\]",
    re.IGNORECASE,
)
URL_RE = re.compile(r"(?:URL[ \t]*:?[ \t]*)?(?P<url>(?:https?://|www\.)[^\s]+[^\s.,;)])")
ACCESSED_RE = re.compile(
    r"[ \t]*\((?:дата обращения|қаралған күні|жүгінген күні|өтініш берілген күні|accessed)[^)]*\)\.?",
    re.IGNORECASE,
)
YEAR = r"1[5-9]\d\d|20\d\d"
# "Алматы: Ғылым, 1995", "М.: Наука, 1982", "Oxford, UK: Blackwell, 2003", "Алматы, 1997", "А., 1996".
PUBLICATION_RE = re.compile(
    rf"(?P<place>[^:;.\d]{{1,80}}?\.?)[ \t]*:[ \t]*(?P<publisher>[^:;]{{1,200}}?),[ \t]*(?P<year>{YEAR})[a-zа-я]?\b"
    rf"|(?P<place_only>[^:;,.\d]{{1,60}}?\.?),[ \t]*(?P<year_only>{YEAR})[a-zа-я]?\b"
    rf"|(?P<place_undated>[^:;.\d]{{1,80}}?\.?)[ \t]*:[ \t]*(?P<publisher_undated>[^:;,\d]{{1,200}}?),?$"
)
# A journal in a list without the dashes: "Саясат. 2000. № 2", "Саясат 2001. № 6".
LOOSE_JOURNAL_RE = re.compile(
    rf"(?P<container>[^.\d]{{1,200}}?)\.?[ \t]+(?P<year>{YEAR})\.?[ \t]*№[ \t]*\d+(?:[ \t]*[-–,][ \t]*\d+)*\.?"
)
YEAR_AREA_RE = re.compile(rf"(?:{YEAR})(?!\d)")
PARENTHESISED_YEAR_RE = re.compile(rf"[ \t]*\((?P<year>{YEAR})[a-z]?\)\.?")
PAGES_RE = re.compile(
    rf"(?:(?<![{LETTER}])(?i:[сбp]|бб|pp|стр|бет)\.[ \t]*(?P<after>\d+(?:[ \t]*[{DASH}][ \t]*\d+)?)"
    rf"|(?P<before>\d+[ \t]*[{DASH}][ \t]*\d+)[ \t]*(?i:[сбp]|бб|pp|бет)\.?)"
)
THESIS_RE = re.compile(r"(?i:дис\.|диссертация|автореф|диссертациясы)")
KAZAKH_LETTERS_RE = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC_RE = re.compile("[а-яёА-ЯЁ]")
KAZAKH_PAGES_RE = re.compile(r"\d[ \t]*(?:б|бет)\.|Б\.[ \t]*\d")
TITLE_MAX_CHARS = 500
# An entry is a few lines; a longer one is text the list ran into, not read (and never read slowly).
ENTRY_MAX_CHARS = 2000
# A year run into the next word ("1994Выпуск"): a list garbled in copying, not a title.
GLUED_RE = re.compile(rf"\d{{4}}[{LETTER}]")


@dataclass
class Entry:
    """One entry of a reference list: its number (printed, or its place in an unnumbered list) and its
    lines as printed, without the number's label."""

    number: int
    lines: list[str]

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Reference:
    """What an entry says, in CSL-JSON's terms (the fields of a source)."""

    csl_type: str = "book"
    title: str = ""
    authors: list[dict] = field(default_factory=list)
    issued_year: int | None = None
    publisher: str = ""
    publisher_place: str = ""
    container_title: str = ""
    page: str = ""
    language: str = ""
    url: str = ""

    @property
    def complete(self) -> bool:
        """Whether the fields a reference needs are all found: a title and, for a web page, its address;
        for anything else its year and who wrote or published it, or the journal it appeared in."""
        if self.csl_type == "webpage":
            return bool(self.title and self.url)
        return bool(
            self.title
            and self.issued_year
            and (self.authors or self.publisher or self.publisher_place or self.container_title)
        )


def bibliography_lines(parsed: ParsedDocument) -> list[list[str]]:
    """The lines of each reference list the document prints under a bibliography heading, up to the
    next heading other than an unnumbered one inside the list ("Мұрағат құжаттары"), without those
    headings and without page furniture."""
    lists = []
    headings = parsed.headings
    for index, heading in enumerate(headings):
        if heading.kind != "bibliography":
            continue
        following = index + 1
        while following < len(headings) and _inside_list(headings[following]):
            following += 1
        end = headings[following].start if following < len(headings) else len(parsed.text)
        skipped = {b.start for b in parsed.paragraphs if b.role != TEXT} | {
            h.start for h in headings[index + 1 : following]
        }
        lists.append(_lines_between(parsed.text, heading.end, end, skipped))
    return lists


def _inside_list(heading) -> bool:
    return heading.kind == "subsection" and not heading.number


def _lines_between(text: str, start: int, end: int, skipped: set[int]) -> list[str]:
    """The lines of text[start:end] but those starting (after their indent) at an offset in `skipped`
    and those of punctuation alone (the colon a heading ends with)."""
    lines = []
    for line in text[start:end].splitlines(keepends=True):
        first = start + len(line) - len(line.lstrip())
        if re.search(r"\w", line) and first not in skipped:
            lines.append(line.rstrip("\r\n"))
        start += len(line)
    return lines


def split_entries(lines: Iterable[str]) -> list[Entry]:
    """The entries of a reference list's lines. A list whose first line is numbered runs on by its
    numbers: a line that does not start with the next number continues the entry above it (a wrapped
    line, "285 б.", "1993. – 248 с."). A list without numbers has an entry on each line."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if not lines:
        return []
    if _label(lines[0]) is None:
        return [Entry(index, [line.strip()]) for index, line in enumerate(lines, start=1)]
    entries: list[Entry] = []
    for line in lines:
        label = _label(line)
        if label and (not entries or label[0] == entries[-1].number + 1):
            entries.append(Entry(label[0], [line[label[1] :]]))
        elif entries:
            entries[-1].lines.append(line.strip())
    return entries


def _label(line: str) -> tuple[int, int] | None:
    """The number a line's label gives and where the entry's text starts, or None."""
    match = LABEL_RE.match(line)
    if match is None or match.end() == len(line):
        return None
    return int(match["bracketed"] or match["number"]), match.end()


def read_reference(raw: str) -> Reference | None:
    """The reference an entry prints, or None if its parts are not where the style puts them."""
    text = " ".join(raw.split())
    if len(text) > ENTRY_MAX_CHARS:
        return None
    reference = Reference()
    text = _take_url(text, reference)
    own, container = _split_once(CONTAINER_RE, text)
    areas = AREA_SEPARATOR_RE.split(own)
    if not _read_head(areas[0], reference, loose=len(areas) == 1 and not (container or reference.url)):
        return None
    for area in areas[1:]:
        _read_area(area, reference)
    if container:
        _read_container(container, reference)
    if not (reference.issued_year or reference.publisher_place or reference.container_title or reference.url):
        return None
    reference.csl_type = _type(reference, text)
    reference.language = _language(f"{reference.title} {reference.container_title}", text)
    return reference


def _split_once(pattern: re.Pattern, text: str) -> tuple[str, str]:
    """The text before the pattern's first match and after it ("" when it does not match)."""
    match = pattern.search(text)
    return (text[: match.start()], text[match.end() :]) if match else (text, "")


def _take_url(text: str, reference: Reference) -> str:
    """The entry without its address, the date it was read and its "[Электронный ресурс]" tag."""
    if match := URL_RE.search(text):
        reference.url = match["url"]
        text = text[: match.start()] + text[match.end() :]
    text = ACCESSED_RE.sub("", TAGS_RE.sub("", text))
    return re.sub(rf"(?:[ \t]*\.?[ \t]*[{DASH}])*[ \t.]*$", "", text) + "."


def _read_head(head: str, reference: Reference, loose: bool) -> bool:
    """Authors, title and responsibility; in a list without the dashes, what follows the title too."""
    head = head.strip().rstrip(".")
    authors, rest = _leading_names(head)
    if not authors and not loose and (full := full_name_opening(head + " ")):
        # An author named in full, without initials, before the title: "Мұхаммед Хайдар Дулати. Тарих-и Рашиди".
        authors, rest = [{"family": full.family, "given": full.given}], head[full.end :]
    if match := PARENTHESISED_YEAR_RE.match(rest):
        reference.issued_year, rest = int(match["year"]), rest[match.end() :].lstrip()
    title, responsibility = _split_once(RESPONSIBILITY_RE, rest)
    if journal := LOOSE_JOURNAL_RE.fullmatch(responsibility):
        # "Title / Journal. 2000. № 2": a single slash where the style puts two.
        _take_journal(journal, reference)
        responsibility = ""
    elif loose:
        rest = _loose_title(rest, reference)
        if rest is None:
            return False
        title, responsibility = _split_once(RESPONSIBILITY_RE, rest)
    if not authors and responsibility:
        authors, _ = _leading_names(responsibility)
    reference.title = title.strip(" .,:")
    reference.authors = authors
    return 0 < len(reference.title) <= TITLE_MAX_CHARS and not GLUED_RE.search(reference.title)


def _take_journal(journal: re.Match, reference: Reference) -> None:
    reference.container_title, reference.issued_year = journal["container"].strip(), int(journal["year"])


def _loose_title(text: str, reference: Reference) -> str | None:
    """In a list without the dashes, the title is the sentence before a publication ("А., 1996") or a
    journal ("Саясат. 2000. № 2") that ends the entry; None if the entry ends in neither."""
    for stop in re.finditer(r"\.[ \t]+", text):
        rest = text[stop.end() :].rstrip(".")
        if journal := LOOSE_JOURNAL_RE.fullmatch(rest):
            _take_journal(journal, reference)
            return text[: stop.start()]
        if (publication := PUBLICATION_RE.match(rest)) and not rest[publication.end() :].strip(" .,"):
            _read_area(rest, reference)
            return text[: stop.start()]
    return None


def _leading_names(text: str) -> tuple[list[dict], str]:
    """The names an entry or a statement of responsibility starts with, and the text after them."""
    names: list[dict] = []
    position = 0
    while match := NAME_RE.match(text, position):
        names.append(_name(match))
        position = match.end()
        separator = NAME_SEPARATOR_RE.match(text, position)
        if separator is None or not NAME_RE.match(text, separator.end()):
            break
        position = separator.end()
    if names and (et_al := ET_AL_RE.match(text, position)):
        position = et_al.end()
    return names, text[position:].lstrip(" .,")


def _name(match: re.Match) -> dict:
    if match["latin_family"]:
        return {"family": match["latin_family"], "given": match["latin_given"]}
    family = match["family"] or match["family_last"]
    given = (match["given"] or match["given_first"]).replace(" ", "").replace("\t", "")
    return {"family": family, "given": given}


def _read_area(area: str, reference: Reference) -> bool:
    """Read one area after the title: the publication's place, publisher and year, a year alone, or
    the pages; True if it was one of them."""
    area = area.strip().rstrip(".")
    if pages := PAGES_RE.search(area):
        reference.page = re.sub(rf"[ \t]*[{DASH}][ \t]*", "-", pages["after"] or pages["before"])
        return True
    if match := PUBLICATION_RE.match(area):
        reference.publisher_place = _strip_quotes(match["place"] or match["place_only"] or match["place_undated"])
        reference.publisher = _strip_quotes(match["publisher"] or match["publisher_undated"] or "")
        if year := match["year"] or match["year_only"]:
            reference.issued_year = reference.issued_year or int(year)
        return True
    if (match := YEAR_AREA_RE.match(area)) and not reference.issued_year:
        reference.issued_year = int(match.group())
        return True
    return False


def _read_container(container: str, reference: Reference) -> None:
    """The journal or collection after "//", and its areas."""
    areas = AREA_SEPARATOR_RE.split(container)
    first = areas[0].strip().rstrip(".")
    if match := re.search(rf"\.?[ \t]+(?P<year>{YEAR})\b", first):
        # A looser list runs the year on after the journal's title: "// Саясат. 2000. № 2."
        reference.issued_year = reference.issued_year or int(match["year"])
        first = first[: match.start()]
    reference.container_title = _strip_quotes(first)
    for area in areas[1:]:
        _read_area(area, reference)


def _strip_quotes(text: str) -> str:
    return text.strip().strip('«»"“”„').strip()


def _type(reference: Reference, text: str) -> str:
    if reference.container_title:
        return "chapter" if reference.publisher else "article-journal"
    if THESIS_RE.search(text):
        return "thesis"
    if reference.url and not (reference.publisher or reference.publisher_place):
        return "webpage"
    return "book"


def _language(title: str, entry: str) -> str:
    """The language a title is in, told by its letters (Kazakh, Russian or English); a title in letters
    both share is Kazakh if the entry counts its pages in Kazakh ("104 б.", "Б. 25")."""
    if KAZAKH_LETTERS_RE.search(title):
        return "kk"
    if CYRILLIC_RE.search(title):
        return "kk" if KAZAKH_PAGES_RE.search(entry) else "ru"
    return "en" if re.search("[A-Za-z]", title) else ""
