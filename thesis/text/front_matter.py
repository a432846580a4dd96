"""What a thesis's title page or an article's head says of the work, and which lines say it.

A diploma work, a master's or a doctoral thesis opens with a title page: the ministry and the university
in capitals, the faculty and department, the author's name, the title (in capitals or in quotes), the
kind ("ДИПЛОМДЫҚ ЖҰМЫС"), the specialty code, "Орындаған: …", "Ғылыми жетекші: …" and "Алматы 2019".
An article opens with its head: a classification code (ӘОЖ, УДК, IRSTI), the title, a byline of names
with superscript marks, the authors' affiliations, then "Аңдатпа" and "Түйін сөздер". Both are read
in the lines before the first heading; abstracts and keywords are read wherever their labels stand.
"""

import re
from dataclasses import dataclass, field

from .alphabet import LETTER, LOWER, UPPER
from .headings import FURNITURE_RE, LABELLED_FORMS, LEADER_ENTRY_RE, numbered_heading, part_form
from .names import NAME_RE
from .normalisation import LINE_BREAK, TERMINAL_PUNCTUATION, collapse_layout
from .parsing import heading_in

# A title page or an article's head is short: past this many lines the text has begun.
MAX_HEAD_LINES = 40
# A line this long is running text, not a title page's (a long title is printed over lines in capitals).
RUNNING_TEXT_WORDS = 16
# What only a title page or an article's head prints: without one of these, or two of the weaker
# (a university, a city and year, a name alone on its line), the text has none.
ANCHORS = {"kind", "author", "supervisor", "byline", "code", "ministry", "other", "topic"}
WEAK_ANCHORS = {"institution", "place", "name"}
MAX_KEYWORD_LINES = 3
MAX_ABSTRACT_LINES = 30

KIND_FORMS = [
    ("master", r"МАГИСТРЛІК\s+ДИССЕРТАЦИЯ|МАГИСТЕРСКАЯ\s+ДИССЕРТАЦИЯ|MASTER['’]?S\s+THESIS"),
    ("doctoral", r"ДОКТОРЛЫҚ\s+ДИССЕРТАЦИЯ|ДОКТОРСКАЯ\s+ДИССЕРТАЦИЯ|PHD\s+ДИССЕРТАЦИЯ|DOCTORAL\s+DISSERTATION"),
    ("doctoral", r"ДИССЕРТАЦИЯ\s+.*(?:PHD|ФИЛОСОФИЯ\s+ДОКТОРЫ|ДОКТОРА\s+ФИЛОСОФИИ).*"),
    ("doctoral", r".*(?:PHD|ФИЛОСОФИЯ\s+ДОКТОРЫ|ДОКТОРА\s+ФИЛОСОФИИ).*ДИССЕРТАЦИЯ"),
    ("diploma", r"ДИПЛОМДЫҚ\s+(?:ЖҰМЫС|ЖОБА)|ДИПЛОМ\s+ЖҰМЫСЫ|ДИПЛОМНАЯ\s+(?:РАБОТА|ПРОЕКТ)|DIPLOMA\s+(?:WORK|THESIS)"),
    ("diploma", r"BACHELOR['’]?S\s+THESIS"),
]
KIND_RES = [(kind, re.compile(rf"(?:{pattern})\W*")) for kind, pattern in KIND_FORMS]
LABEL_END = r"[ \t]*(?:[:–—-][ \t]*|[ \t]+|$)"
AUTHOR_LABEL_RE = re.compile(
    r"(?i:орындаған(?:\s+студент)?|орындады|дайындаған|авторлар(?:ы)?|автор(?:ы)?|authors|выполнил(?:а)?(?:\s+студент(?:ка)?)?"
    r"|студент(?:ка)?|магистрант|докторант|prepared\s+by|author|student"
    # A form's line for the writer's name: "Аты-жөні: …", "ФИО: …".
    r"|аты[-\s]?жөні|ф\.?\s?и\.?\s?о\.?)" + LABEL_END
)
SUPERVISOR_LABEL_RE = re.compile(
    r"(?i:ғылыми\s+жетекш(?:і|ісі|ілер|ілері)|жетекш(?:і|ісі)|ғылыми\s+кеңесші(?:сі|лер|лері)?|научный\s+руководитель|руководитель"
    r"|(?:scientific\s+|research\s+)?supervisor|тексерген|проверил(?:а)?)" + LABEL_END
)
# Other people a title page names (a head of department, a reviewer): read past, never the author.
OTHER_LABEL_RE = re.compile(
    r"(?i:кафедра\s+меңгерушісі|зав(?:едующий)?\.?\s+кафедрой|рецензент|пікір\s+жазушы|нормобақылаушы"
    r"|қорғауға\s+жіберілді|допущен[аоы]?\s+к\s+защите|бекітемін|утверждаю|консультант|head\s+of"
    r"|(?:тобы|группа)(?=[ \t]*[:–—-]))"
)
TOPIC_LABEL_RE = re.compile(rf"(?i:тақырыбы|тақырып|тема|на\s+тему|topic|title)(?![{LETTER}])[ \t]*[:–—-]?[ \t]*")
MINISTRY_RE = re.compile(r"(?i:министрлігі|министерство|ministry)")
NAMED_AFTER_RE = re.compile(r"(?i:атындағы|имени|им\.|named\s+after)")
# An approval block: "БЕКІТЕМІН", a post, a signature line.
APPROVAL_RE = re.compile(r"(?i:бекітемін|утверждаю|approved)")
APPROVAL_MAX_LINES = 6
# A supervisor named inside an affiliation line: "…университеті, Астана Ғылыми жетекшісі – Н. Шаймердинова".
INLINE_SUPERVISOR_RE = re.compile(r"(?i:ғылыми\s+жетекш(?:і|ісі)|научный\s+руководитель|supervisor)[ \t]*[:–—-]?[ \t]*")
# A city on its own line: "Казахстан г. Алматы", "Алматы қ.", "г. Алматы".
CITY_LINE_RE = re.compile(
    rf"(?:(?i:қазақстан|казахстан|kazakhstan)[ \t,]*|(?:ҚР|РК)[ \t]*,[ \t]*)?"
    rf"(?:(?:г\.|қ\.)[ \t]*(?P<a>[{UPPER}][{LOWER}-]+)"
    rf"|(?P<b>[{UPPER}][{LOWER}-]+)[ \t]+(?:қ\.|қаласы|г\.))"
)
INSTITUTION_RE = re.compile(r"(?i:университет|институт|академия|академиясы|колледж|university|institute|academy)")
UNIT_RE = re.compile(r"(?i:факультет|кафедра|department|faculty|школа|мектебі|жоғары\s+мектеп)")
SPECIALTY_RE = re.compile(
    rf"(?:^|\s)(?:\d[{UPPER}]\d{{5,6}}|[5-8][BВMМDД]\d{{5}})|(?i:мамандығы|специальность|specialty)"
)
CITY_WORD = r"(?:[ \t]+(?:қаласы|қ\.|г\.))"
PLACE_YEAR_RE = re.compile(
    rf"(?:(?P<place>[{UPPER}][{LOWER}{UPPER}-]+{CITY_WORD}?)[ \t]*,?[ \t]*)?"
    r"(?P<year>(?:19|20)\d\d)[ \t]*(?:ж\.?|жыл|г\.?|год)?[ \t]*"
)
PLACE_RE = re.compile(rf"[{UPPER}][{LOWER}{UPPER}-]+{CITY_WORD}?")
# A journal's issue line: "ҚазҰУ Хабаршысы. Тарих сериясы. №2 (85). 2017".
JOURNAL_RE = re.compile(r"(?i:хабаршы(?:сы)?|хабарлары|вестник|известия|journal|bulletin|herald|серия(?:сы)?)|№")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# What a journal's web page prints over a paper, in Russian or Kazakh: where and under which rubric it
# was published, and the paper's own bibliographic description ("Серікқызы А. ТАҚЫРЫП // Журнал. 2023. № 12").
PUBLICATION_LABEL_RE = re.compile(
    r"(?i:статья\s+опубликована|рубрика(?:\s+журнала)?|библиографическое\s+описание|мақала\s+жарияланды"
    r"|айдары|библиографиялық\s+сипаттама)"
)
# A person's post after the name on the line above: "студент, … факультеті", "ғылыми жетекші, профессор".
POST_RE = re.compile(
    r"(?i:студент(?:ка|і)?|магистрант(?:ы)?|докторант(?:ы)?|оқытушы(?:сы)?|аға\s+оқытушы(?:сы)?|профессор(?:ы)?"
    r"|доцент(?:і)?|преподаватель|ғылыми\s+қызметкер(?:і)?|ғылыми\s+жетекш(?:і|ісі)|научный\s+руководитель"
    r"|магистр(?:і)?|PhD(?:\s+докторант(?:ы)?)?|(?:[а-яәғқңөұүһі]{1,5}\.){2,4})[ \t]*,"
)
SUPERVISOR_POST_RE = re.compile(r"(?i:ғылыми\s+жетекш|научный\s+руководитель|supervisor)")
# The Latin schwa a font without Kazakh letters prints for ә, as an initial too: "Ə.Т. Жұмабаева".
SCHWA = str.maketrans("Əə", "Әә")
# A newspaper prints its author's family name in capitals under the article: "Ерлан САПАРОВ,".
SIGNED_NAME_RE = re.compile(
    rf"[{UPPER}][{LOWER}]+(?:[ \t]+[{UPPER}][{LOWER}]+)?[ \t]+[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?"
)
SIGNATURE_MAX_LINES = 3
BULLETS = "•·▪‣◦"
# A headline's rubric and date above it are a few words each.
RUBRIC_MAX_WORDS = 4
RUBRIC_MAX_LINES = 4
COUNTER_RE = re.compile(r"[\d \t.,:/-]+")
TIME_RE = re.compile(r"(?<!\d)[012]?\d:[0-5]\d(?!\d)")
CODE_RE = re.compile(r"(?i:ӘОЖ|ӘӨЖ|УДК|UDC|МРНТИ|ҒТАМР|IRSTI|ГРНТИ|DOI|ББК|JEL)\b")
EMAIL_RE = re.compile(r"\S+@\S+\.\w+|\[email[ \t\xa0]+protected\]")
MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰*†"
# An affiliation's mark before it ("¹", "2 Л.Н. Гумилев атындағы ЕҰУ"), not an item's number ("1)", "2.").
MARK_RE = re.compile(rf"^(?:[{MARKS}]+|\d{{1,2}}(?![\d.)]))[ \t]*")
BYLINE_NAME_RE = re.compile(rf"(?:{NAME_RE.pattern})[{MARKS}\d,]*")
BYLINE_JOIN_RE = re.compile(r"[ \t]*(?:,|;|және|и|and|&)?[ \t]*")
# An affiliation's mark before a name, its superscript lost in a copy: "1Есенова Б.Т., 2Омаров Д.К.".
LEADING_MARK_RE = re.compile(rf"(?:[{MARKS}]+|\d{{1,2}})(?=[{UPPER}])")
COUNTRY_RE = re.compile(r"(?i:қазақстан|казахстан|kazakhstan|россия|ресей|russia|түркия|турция|turkey)")
# Degrees and ranks before a supervisor's name: "т.ғ.к., доцент", "PhD, аға оқытушы" (abbreviations in
# small letters, so that an initial is never taken for one).
DEGREES = re.compile(
    rf"(?:(?:[{LOWER}]{{1,5}}\.){{1,4}}|[{UPPER}]\.(?:[{LOWER}]{{1,4}}\.){{1,3}}|(?i:phd|доцент(?:і)?|профессор(?:ы)?|аға\s+оқытушы(?:сы)?|оқытушы(?:сы)?"
    r"|старший\s+преподаватель|преподаватель|доктор|associate\s+professor|professor|senior\s+lecturer"
    r"|lecturer|dr\.|prof\.)(?![а-яa-zәғқңөұүһі])"
    rf"|[{LOWER}]+[ \t]+(?i:ғылымдарының[ \t]+(?:кандидаты|докторы)|ғылымдарының[ \t]+магистрі)"
    rf"|(?i:кандидат|доктор)[ \t]+[{LOWER}]+[ \t]+наук)[ \t,]*"
)
KEYWORDS_SPLIT_RE = re.compile(r"[;,]|[ \t]/[ \t]")
# A citation marker ("[1]", "[3, 25 б.]") is the text's, never a title page's.
CITATION_RE = re.compile(r"\[\d+(?:[,;][^\]]{0,30})?\]")
PATRONYMIC_RE = re.compile(r"(?:ҚЫЗЫ|ҰЛЫ|ОВИЧ|ЕВИЧ|ОВНА|ЕВНА|ИЧНА)$")
QUOTES_OPEN, QUOTES_CLOSE = '«"“„', ("»", '"', "”", "“")


@dataclass
class FrontMatter:
    """What the front matter says, each field empty when it says nothing of it; `lines` are the spans
    [start, end) of the title page's or the head's lines, which are not the text's own words."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    supervisor: str = ""
    institution: str = ""
    place: str = ""
    year: int | None = None
    kind: str = ""
    abstracts: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    lines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def abstract(self) -> str:
        return "\n\n".join(self.abstracts)


@dataclass
class _Line:
    start: int
    end: int
    text: str
    number: int = 0
    role: str = ""
    # A person the line names inside it (a supervisor after an affiliation, an author before an address).
    names_person: bool = False


def read_front_matter(text: str) -> FrontMatter:
    """The front matter of a thesis or an article: only abstracts and keywords for a text that starts
    with its own words."""
    lines = _lines(text)
    head = _head(lines)
    found = FrontMatter()
    _read_head(head, found)
    roles = {line.role for line in head}
    anchored = roles & ANCHORS or len(roles & WEAK_ANCHORS) >= 2 or any(line.names_person for line in head)
    if not (_over_byline(head) or anchored or _headline(head, found)):
        found, head = FrontMatter(), []  # a text that starts with lines of its own, not a title page
    found.abstracts, found.keywords = _abstracts(lines), _keywords(lines)
    if not found.kind and _is_article(head, found):
        found.kind = "article"
    signature = _signature_block(lines[len(head) :])
    if signature and not found.authors:
        found.authors = [signature[0].text.rstrip(" ,")]
    found.lines = [(line.start, line.end) for line in [*head, *signature] if line.role]
    return found


def _over_byline(head: list[_Line]) -> bool:
    """A headline in capitals over its byline ("ҚАЗАҚСТАН МЕН …" over "Д.Ж. Омарова"), nothing unread
    below them; a rubric and a date over the headline are the page's."""
    title = [index for index, line in enumerate(head) if line.role == "title"]
    below = head[title[-1] + 1 :] if title else []
    if not below or below[0].role not in ("byline", "name") or not all(head[i].text.isupper() for i in title):
        return False
    above = [line for line in head[: title[0]] if not line.role]
    for line in above if _rubric(above) else []:
        line.role = "rubric"
    return all(line.role for line in below)


def _headline(head: list[_Line], found: FrontMatter) -> bool:
    """A headline without a title page: a line or two that end no sentence, with no more around them
    than a web page prints over or under a headline, a rubric of a few words, a date and a view counter
    ("• Тарих", "• 12 Қыркүйек, 2021", "Билік 11131 0 пікір 31 Шілде, 2014 сағат 15:35"), which are the
    page's, not the text's."""
    free = [index for index, line in enumerate(head) if line.role in ("", "title")]
    # A quotation is an epigraph, no headline.
    runs = [
        run for run in _runs(head, [index for index in free if not _dated(head[index].text)]) if not _quoted(head, run)
    ]
    best = max(runs, key=lambda run: sum(len(head[index].text) for index in run), default=[])
    rest = [head[index] for index in free if index not in best]
    # A line ending in a colon introduces what follows it: a list's lead-in, no headline.
    if not best or len(best) > 2 or head[best[-1]].text.endswith((".", ":")) or not _rubric(rest):
        return False
    for line in rest:
        line.role = "rubric"
    for index in best:
        head[index].role = "title"
    found.title = _unquoted(" ".join(head[index].text for index in best))
    return True


def _dated(text: str) -> bool:
    """A date, a time or a counter of figures alone: what a page prints about its article."""
    return bool(YEAR_RE.search(text) or TIME_RE.search(text) or COUNTER_RE.fullmatch(text))


def _rubric(lines: list[_Line]) -> bool:
    """Lines a web page prints around a headline: a rubric of a few words, a date and a view counter."""
    fits = (_dated(line.text) or len(line.text.split()) <= RUBRIC_MAX_WORDS for line in lines)
    return len(lines) <= RUBRIC_MAX_LINES and all(fits)


def _signature_block(lines: list[_Line]) -> list[_Line]:
    """An article signed at its end: the author's name (perhaps with degrees after a comma) on the last
    paragraph's first line, their degree or post on the lines below ("Ерлан САПАРОВ," over "тарих
    ғылымдарының кандидаты")."""
    block = lines[-SIGNATURE_MAX_LINES:]
    while len(block) > 1 and block[0].number + len(block) - 1 != block[-1].number:
        block = block[1:]
    if not block or (len(lines) > len(block) and lines[-len(block) - 1].number + 1 == block[0].number):
        return []
    name, *rest = [line.text.rstrip(" ,") for line in block]
    degrees = _signed_name(name)
    # A name alone may be a quotation's author; a signature says who the author is.
    if degrees is None or not (degrees or rest) or any(_degrees_end(text) < len(text) for text in [degrees, *rest]):
        return []
    for line in block:
        line.role = "signature"
    return block


def _signed_name(text: str) -> str | None:
    """What follows the name on a signature's first line (its degrees), or None if it starts with no name."""
    match = SIGNED_NAME_RE.match(text) or NAME_RE.match(text)
    if match is None or (match.end() < len(text) and text[match.end()] != ","):
        return None
    return text[match.end() :].lstrip(" ,")


def line_starts(found: FrontMatter) -> frozenset[int]:
    """Where each line the front matter used starts (a line's first character that is not a space)."""
    return frozenset(start for start, _ in found.lines)


def _lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for number, brk in enumerate([*LINE_BREAK.finditer(text), None]):
        end = brk.start() if brk else len(text)
        raw = text[start:end]
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(start + lead, start + len(raw.rstrip()), collapse_layout(raw), number))
        start = brk.end() if brk else end
    return lines


def _head(lines: list[_Line]) -> list[_Line]:
    """The lines before the first heading, abstract or keywords label, contents entry or running text."""
    head: list[_Line] = []
    for line in lines[:MAX_HEAD_LINES]:
        if _ends_head(line.text) or _after_imprint(head, line.text):
            following = line
            while head and _opens_paragraph(head[-1], following, line):
                following = head.pop()
            break
        head.append(line)
    return head


def _opens_paragraph(last: _Line, following: _Line, ending: _Line) -> bool:
    """A line above the running text, with no blank line between, is of its paragraph when it is as long
    as a line of prose, or when the sentence runs on into the line below (it begins in a small letter),
    and it is not in capitals: a paragraph hard-wrapped every few words is the text's from its first line."""
    if _label(ending.text) or heading_in(ending.text) or not _is_running(ending.text):
        return False
    if last.number + 1 != following.number or last.text.isupper():
        return False
    runs_on = following.text[:1].islower() and len(last.text.split()) >= 3
    return runs_on or (following is ending and len(last.text.split()) >= 6)


def _after_imprint(head: list[_Line], text: str) -> bool:
    """A title page ends with its city and year: after them come only classification codes and the
    people a label names (a bibliographic description or the text follows)."""
    imprint = any(PLACE_YEAR_RE.fullmatch(line.text) for line in head)
    return imprint and not (CODE_RE.match(text) or AUTHOR_LABEL_RE.match(text) or NAME_RE.fullmatch(text))


def _ends_head(text: str) -> bool:
    """A line of the text's own: running text, a heading (one numbered "1. Кіріспе" too), a label, a contents entry."""
    heading = heading_in(text) or numbered_heading(text)
    return bool(_is_running(text) or heading or _label(text) or LEADER_ENTRY_RE.fullmatch(text))


def _is_running(text: str) -> bool:
    """A line of running text: long, a sentence's end, or a citation marker."""
    words = len(text.split())
    if _describes_publication(text):
        return False
    long_line = words >= RUNNING_TEXT_WORDS and not text.isupper() and text[:1] not in QUOTES_OPEN
    return long_line or (words > 8 and text.endswith(TERMINAL_PUNCTUATION)) or bool(CITATION_RE.search(text))


def _describes_publication(text: str) -> bool:
    """A paper's bibliographic description of itself, as a journal's page prints it over the paper:
    its journal after "//", the year and the issue."""
    return " // " in text and bool(YEAR_RE.search(text)) and "№" in text


def _label(text: str) -> str:
    """The kind ("abstract", "keywords") of a label a line starts with, or ""."""
    for kind, pattern in LABELLED_FORMS:
        if (match := pattern.match(text)) and re.match(r"[ \t]*(?:[:.–—-]|$)", text[match.end() :]):
            return kind
    return ""


def _read_head(head: list[_Line], found: FrontMatter) -> None:
    for index, line in enumerate(head):
        if not line.role:
            _classify(head, index, found)
    _read_places(head, found)
    _read_institution(head, found)
    _read_bare_author(head, found)
    found.title = found.title or _title(head)


def _classify(head: list[_Line], index: int, found: FrontMatter) -> None:
    _inline_supervisor(head[index], found)
    _inline_author(head[index], found)
    for reader in (_kind_line, _approval, _post_under_name, _labelled_person, _topic, _byline, _furniture_line):
        if reader(head, index, found):
            return


def _inline_supervisor(line: _Line, found: FrontMatter) -> None:
    """A supervisor named after an affiliation on its line: the name is read and the rest of the line
    is read on as the affiliation."""
    match = INLINE_SUPERVISOR_RE.search(line.text, 1)
    if match and (name := _name(line.text[match.end() :])):
        found.supervisor = found.supervisor or name
        line.text, line.names_person = line.text[: match.start()].rstrip(" ,;"), True


def _inline_author(line: _Line, found: FrontMatter) -> None:
    """An author and an address run into the title's line ("TITLE Досжан Г. А., a@b.kz"): the name is
    read and the title is what stands before it."""
    email = EMAIL_RE.search(line.text)
    names = list(NAME_RE.finditer(line.text[: email.start()])) if email else []
    if names and not line.text[names[-1].end() : email.start()].strip(" ,;"):
        found.authors = found.authors or [collapse_layout(names[-1].group())]
        line.text, line.names_person = line.text[: names[-1].start()].rstrip(" ,;"), True


def _approval(head, index, found) -> bool:
    """An approval block ("БЕКІТЕМІН", a post, a signature and its date): none of it is read."""
    if not APPROVAL_RE.fullmatch(head[index].text.strip('«»"“” ')):
        return False
    head[index].role = "other"
    block = head[index + 1 : index + APPROVAL_MAX_LINES]
    for position, line in enumerate(block):
        line.role = "other"
        if _signature(line.text):
            # The date of the signature, printed below it: "«28» қаңтар 2019 ж."
            dated = block[position + 1 : position + 2]
            if dated and YEAR_RE.search(dated[0].text) and len(dated[0].text.split()) <= 6:
                dated[0].role = "other"
            break
    return True


def _kind_line(head, index, found) -> bool:
    capitals = head[index].text.upper()
    for kind, pattern in KIND_RES:
        if pattern.fullmatch(capitals):
            found.kind = found.kind or kind
            head[index].role = "kind"
            return True
    return False


def _labelled_person(head, index, found) -> bool:
    line = head[index]
    for role, pattern in (("supervisor", SUPERVISOR_LABEL_RE), ("author", AUTHOR_LABEL_RE)):
        if match := pattern.match(line.text):
            value = _person_value(head, index, line.text[match.end() :])
            if role == "supervisor":
                found.supervisor = found.supervisor or value
            elif value:
                found.authors = found.authors or [value, *_more_names(head, index)]
            line.role = role
            return True
    if OTHER_LABEL_RE.match(line.text):
        line.role = "other"
        _person_value(head, index, OTHER_LABEL_RE.sub("", line.text, count=1).strip(" :–—-"))
        return True
    return False


def _post_under_name(head, index, found) -> bool:
    """A person's post and affiliation under their name alone on the line above ("Серікқызы Аружан" over
    "студент, … факультеті, Туран университеті," over "ҚР, Алматы қ."): the name is an author's, or the
    supervisor's; the lines of the affiliation down to a blank line are the head's."""
    line = head[index]
    above = head[index - 1] if index else None
    if not POST_RE.match(line.text) or above is None or above.number + 1 != line.number:
        return False
    if above.role not in ("", "name") or not (_is_name_line(above.text) or SIGNED_NAME_RE.fullmatch(above.text)):
        return False
    name = above.text.rstrip(",")
    if SUPERVISOR_POST_RE.match(line.text):
        found.supervisor, above.role = found.supervisor or name, "supervisor"
    else:
        found.authors = found.authors if name in found.authors else [*found.authors, name]
        above.role = "author"
    line.role, number = "furniture", line.number
    for more in head[index + 1 :]:
        if more.number != number + 1 or more.role or POST_RE.match(more.text) or _is_name_line(more.text):
            break
        more.role, number = "furniture", more.number
    return True


def _more_names(head: list[_Line], index: int) -> list[str]:
    """Names alone on the lines after a labelled author's: more authors."""
    names = []
    following = head[index + 1 :]
    for line in following[1:] if following and following[0].role == "person" else following:
        name = _unbulleted(line.text)
        if line.role or not (NAME_RE.fullmatch(name) or _is_name_line(name)):
            break
        names.append(name)
        line.role = "author"
    return names


def _unbulleted(text: str) -> str:
    """A line of a list without its bullet and its closing comma: "• Талас Омарбеков" → "Талас Омарбеков"."""
    return text.lstrip(BULLETS + " \t").rstrip(",")


def _person_value(head, index, rest: str) -> str:
    """The name a label gives: on its line, or alone on the next line (which the label then takes)."""
    name = _name(rest)
    if name or index + 1 >= len(head) or head[index + 1].role:
        return name
    following = head[index + 1]
    if name := _name(following.text):
        following.role = "person"
    return name


def _degrees_end(text: str) -> int:
    """Where the degrees and ranks a name may follow end: "К.э.н. Кабатаева К.Т." → 7."""
    pos = 0
    while (match := DEGREES.match(text, pos)) and match.end() > pos:
        pos = match.end()
    return pos


def _name(text: str) -> str:
    """A person's name with degrees, ranks and signature lines left out: "т.ғ.к., доцент Әбенова Г."."""
    rest = text.strip(" \t:–—-_" + BULLETS)
    while (match := DEGREES.match(rest)) and match.group():
        rest = rest[match.end() :]
    rest = rest.strip(" \t,_")
    if name := NAME_RE.search(rest):
        return collapse_layout(name.group()).rstrip(",")
    words = rest.split()
    return rest if 1 < len(words) <= 4 and all(word[0].isupper() for word in words) else ""


def _topic(head, index, found) -> bool:
    line = head[index]
    match = TOPIC_LABEL_RE.match(line.text)
    if match is None:
        return False
    title = line.text[match.end() :]
    if not title and index + 1 < len(head) and not head[index + 1].role:
        title, head[index + 1].role = head[index + 1].text, "title"
    if not title:
        return False
    found.title = found.title or _unquoted(title)
    # A title its label names ("Тақырыбы: …") is the document's own, as sure as a byline: an anchor.
    line.role = "topic"
    return True


def _byline(head, index, found) -> bool:
    """A line of names only, each perhaps with superscript marks: "А.Б. Сапарова¹, Н.Қ. Жақсылықов²"."""
    line = head[index]
    text = line.text.translate(SCHWA)
    names, pos = [], _degrees_end(text)
    while pos < len(text):
        if mark := LEADING_MARK_RE.match(text, pos):
            pos = mark.end()
        match = BYLINE_NAME_RE.match(text, pos)
        if match is None:
            break
        names.append(line.text[match.start() : match.start() + len(NAME_RE.match(match.group()).group().strip())])
        pos = BYLINE_JOIN_RE.match(text, match.end()).end()
    rest = text[pos:]
    # "Қ.А. Ясауи атындағы … университеті": a name the institution bears, not its author's.
    if not names or (rest and not _describes_author(rest)) or NAMED_AFTER_RE.match(rest):
        return False
    found.authors = found.authors or names
    # One name without a mark may be an epigraph's author; several, marks, degrees or an address are a byline.
    marked = len(names) > 1 or any(mark in line.text for mark in MARKS) or bool(rest) or bool(MARK_RE.match(text))
    line.role = "byline" if marked else "name"
    return True


def _describes_author(rest: str) -> bool:
    """What a byline prints after the names: degrees and ranks ("т.ғ.д., профессор"), or an affiliation
    with an address ("ҚазҰУ, a@b.kz")."""
    return _degrees_end(rest) == len(rest) or bool(EMAIL_RE.search(rest) or INSTITUTION_RE.search(rest))


def _furniture_line(head, index, found) -> bool:
    """A line of the title page that names none of what is read: the ministry, a faculty, a code."""
    text = head[index].text
    if JOURNAL_RE.search(text) and (year := YEAR_RE.search(text)):
        found.year = found.year or int(year.group())
        head[index].role = "code"
        return True
    if PUBLICATION_LABEL_RE.match(text):
        head[index].role = "code"
        return True
    if MINISTRY_RE.search(text) or CODE_RE.match(text):
        head[index].role = "ministry" if MINISTRY_RE.search(text) else "code"
        return True
    checks = (UNIT_RE, SPECIALTY_RE, EMAIL_RE, FURNITURE_RE)
    if any(pattern.search(text) for pattern in checks) or MARK_RE.match(text) or _signature(text):
        head[index].role = "furniture"
        return True
    return False


def _signature(text: str) -> bool:
    """A line for a signature or a date to be filled in: "____ 2019 ж.", "«__» ______"."""
    return text.count("_") >= 3


def _read_places(head: list[_Line], found: FrontMatter) -> None:
    """ "Алматы 2019", "Алматы, 2019 ж.", or the city on the line above a year alone."""
    for index, line in enumerate(head):
        match = PLACE_YEAR_RE.fullmatch(line.text)
        if match is None or line.role not in ("", "furniture"):
            continue
        line.role = "place"
        found.year = found.year or int(match["year"])
        place = match["place"]
        above = head[index - 1] if index else None
        if place is None and above and not above.role and PLACE_RE.fullmatch(above.text):
            place, above.role = above.text, "place"
        found.place = found.place or _city(place or "")
    for line in head:
        if not line.role and (match := CITY_LINE_RE.fullmatch(line.text)):
            found.place = found.place or match["a"] or match["b"]
            line.role = "place"


def _city(place: str) -> str:
    return re.sub(rf"{CITY_WORD}$", "", place)


def _read_institution(head: list[_Line], found: FrontMatter) -> None:
    """The university's name: its line, with the line above when that begins the name ("Д. Серікбаев
    атындағы ШЫҒЫС ҚАЗАҚСТАН МЕМЛЕКЕТТІК" over "ТЕХНИКАЛЫҚ УНИВЕРСИТЕТІ")."""
    candidates = [index for index, line in enumerate(head) if _names_institution(line)]
    # A university named by its abbreviation is known by whom it is named after: "КазНПУ им. Абая".
    candidates = candidates or [index for index, line in enumerate(head) if _named_after(line)]
    for index in candidates[:1]:
        line = head[index]
        name = MARK_RE.sub("", line.text)
        above = head[index - 1] if index else None
        if above and not above.role and not MARK_RE.match(line.text) and _begins_name(above.text, line.text):
            name, above.role = f"{above.text} {name}", "institution"
        below = head[index + 1] if index + 1 < len(head) else None
        if below and not below.role and name.count("«") > name.count("»") and "»" in below.text:
            name, below.role = f"{name} {below.text}", "institution"
        line.role = "institution"
        _set_institution(found, name)


def _named_after(line: _Line) -> bool:
    return not line.role and bool(NAMED_AFTER_RE.search(line.text)) and len(line.text.split()) <= 8


def _names_institution(line: _Line) -> bool:
    text = line.text
    if line.role not in ("", "furniture") or not INSTITUTION_RE.search(text) or MINISTRY_RE.search(text):
        return False
    return line.role == "" and not UNIT_RE.search(text) or _affiliation(line)


def _begins_name(above: str, text: str) -> bool:
    named_after = re.search(r"(?i:атындағы|имени|named\s+after)", above) and not INSTITUTION_RE.search(above)
    return bool(named_after or (above.isupper() and text.isupper() and len(text.split()) <= 2))


def _affiliation(line: _Line) -> bool:
    """An article's affiliation line ("¹Әл-Фараби атындағы ҚазҰУ, Алматы, Қазақстан") is read for the
    institution and the city."""
    return line.role == "furniture" and bool(MARK_RE.match(line.text)) and bool(INSTITUTION_RE.search(line.text))


def _set_institution(found: FrontMatter, name: str) -> None:
    parts = [part.strip() for part in name.split(",")]
    if len(parts) > 1 and COUNTRY_RE.fullmatch(parts[-1]):
        parts.pop()
    if len(parts) > 1 and PLACE_RE.fullmatch(parts[-1]) and not INSTITUTION_RE.search(parts[-1]):
        found.place = found.place or _city(parts.pop())
    found.institution = _unquoted(", ".join(parts))


def _read_bare_author(head: list[_Line], found: FrontMatter) -> None:
    """A name alone on its line, as a title page prints its author without a label: the author, or
    the labelled author's name in full ("Сейткали Айгерім Нұрланқызы" for "Сейткали А.")."""
    for line in head:
        if line.role or not _is_name_line(line.text):
            continue
        family = line.text.split()[0].rstrip(",")
        if not found.authors or found.authors[0].split()[0] == family:
            found.authors = [line.text.rstrip(",")]
            line.role = "name"
            # Co-authors each on a line of their own below: a byline set one name a line.
            found.authors += _more_names(head, head.index(line))
            return


def _is_name_line(text: str) -> bool:
    """ "Сейткали А.", "А. Сейткали" or two to three words each in capitals then small letters."""
    words = text.rstrip(",").split()
    titled = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?")
    if _degrees_end(text) > 0:
        return False  # "ғылыми жетекші", "т.ғ.к., доцент": a post, not a name
    if NAME_RE.fullmatch(text.rstrip(",")) or not 2 <= len(words) <= 3:
        return bool(NAME_RE.fullmatch(text.rstrip(",")))
    # In capitals, a full name shows itself by its patronymic: "ТӘЖІБАЕВА МАДИНА ЕРЛАНҚЫЗЫ".
    return all(titled.fullmatch(word) for word in words) or bool(PATRONYMIC_RE.search(text.upper()))


def _title(head: list[_Line]) -> str:
    """The title: the lines from one that opens a quote to the one that closes it, else the longest run
    of lines nothing else has claimed: of those after the author's name (an article's rubric stands
    before it), else of those in capitals, else of all."""
    free = [index for index, line in enumerate(head) if not line.role]
    runs = _runs(head, free)
    named = [index for index, line in enumerate(head) if line.role in ("author", "byline", "name")]
    after = [run for run in runs if named and run[0] > named[0]]
    capitals = [run for run in runs if all(head[i].text.isupper() for i in run) and _words(head, run) > 1]
    choices = _quoted(head, free) or after or capitals or runs
    best = max(choices, key=lambda run: sum(len(head[index].text) for index in run), default=[])
    for index in best:
        head[index].role = "title"
    return _unquoted(" ".join(head[index].text for index in best))


def _words(head: list[_Line], run: list[int]) -> int:
    return sum(len(head[index].text.split()) for index in run)


def _runs(head: list[_Line], free: list[int]) -> list[list[int]]:
    """Free lines next to each other, with no blank line between."""
    runs: list[list[int]] = []
    for index in free:
        if runs and head[runs[-1][-1]].number + 1 == head[index].number:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _quoted(head: list[_Line], free: list[int]) -> list[list[int]]:
    """The lines of a title in quotes, from the line that opens the quote to the one that closes it."""
    for opening in (index for index in free if head[index].text[:1] in QUOTES_OPEN):
        run = [opening]
        while not head[run[-1]].text.endswith(QUOTES_CLOSE) and run[-1] + 1 in free:
            run.append(run[-1] + 1)
        joined = " ".join(head[index].text for index in run)
        if joined.endswith(QUOTES_CLOSE) and joined.count("«") == joined.count("»"):
            return [run]
    return []


def _unquoted(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in QUOTES_OPEN and text[-1] in QUOTES_CLOSE:
        text = text[1:-1]
    return text.strip()


def _is_article(head: list[_Line], found: FrontMatter) -> bool:
    return any(line.role in ("byline", "name") for line in head) and bool(found.abstracts or found.keywords)


def _abstracts(lines: list[_Line]) -> list[str]:
    """The text of every abstract: after its label on the line, or the lines below a label alone."""
    found = []
    for index, line in enumerate(lines):
        if _label(line.text) != "abstract" and not _alone(line.text, "abstract"):
            continue
        rest = _after_label(line.text)
        body = [rest] if rest else _following(lines, index + 1)
        if text := " ".join(body).strip():
            found.append(text)
    return found


def _alone(text: str, kind: str) -> bool:
    form = part_form(text, 0)
    return form is not None and form.kind == kind


def _after_label(text: str) -> str:
    for _, pattern in LABELLED_FORMS:
        if match := pattern.match(text):
            return text[match.end() :].lstrip(" \t:.–—-")
    return ""


def _following(lines: list[_Line], index: int) -> list[str]:
    """The lines of an abstract under its label, up to the next label or heading."""
    body = []
    for line in lines[index : index + MAX_ABSTRACT_LINES]:
        if _label(line.text) or part_form(line.text, 0):
            break
        body.append(line.text)
    return body


def _keywords(lines: list[_Line]) -> list[str]:
    """Every keyword of every keywords line, in order, each once."""
    terms: list[str] = []
    for index, line in enumerate(lines):
        if _label(line.text) != "keywords":
            continue
        text, following = _after_label(line.text), index + 1
        if not text and following < len(lines) and not _label(lines[following].text):
            text, following = lines[following].text, following + 1  # the keywords below their label
        for more in lines[following : following + MAX_KEYWORD_LINES - 1]:
            if not text.endswith((",", ";")):
                break
            text = f"{text} {more.text}"
        for term in KEYWORDS_SPLIT_RE.split(text):
            term = term.strip(" \t.")
            if term and term not in terms:
                terms.append(term)
    return terms
