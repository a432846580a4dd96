"""People's names as the thesis writes them: parsing, one key per person, and finding them in text.

A name is a family name with initials on either side ("Назарбаев Н.Ә", "Н.Ә.Назарбаев",
"Н.Ә Назарбаев", "Д. Вуд", "Тоқаев Қ.-Ж.К."), the family name capitalised or in capitals and in
any case ("Б.Б.КӘРІБАЕВ", "Ә.Х. Марғұланның"). Two spellings are one person when the family name
in the nominative and the initials agree once periods, hyphens and spaces are set aside.
"""

import re
from dataclasses import dataclass, field

from .alphabet import LOWER, UPPER, VOWEL_RE, cyrillic_lookalikes
from .headings import part_form
from .morphology import name_stem

TITLED = rf"[{UPPER}][{LOWER}]{{2,40}}(?:-[{UPPER}][{LOWER}]{{1,40}})?"
CAPITALS = rf"[{UPPER}]{{3,40}}(?:-[{UPPER}]{{2,40}})?"
FAMILY = rf"(?<![{UPPER}{LOWER}])(?:{TITLED}|{CAPITALS})(?![{UPPER}{LOWER}])"
# Up to three initials, the later ones after a period, a space or a hyphen: "Н.Ә.", "Т.И ", "Қ.-Ж.К.".
LEAD = rf"[{UPPER}]\.\s?(?:-?[{UPPER}](?:\.\s?|\s)){{0,2}}"
TRAIL = rf"[{UPPER}](?:\.\s?-?[{UPPER}](?![{LOWER}])){{0,2}}\.?"
INITIALS_FIRST = rf"(?<![{UPPER}{LOWER}])(?P<lead>{LEAD})(?P<family1>{FAMILY})"
FAMILY_FIRST = rf"(?P<family2>{FAMILY})\s(?P<trail>{TRAIL})(?![{UPPER}{LOWER}])"
NAME_RE = re.compile(rf"{INITIALS_FIRST}|{FAMILY_FIRST}")
INITIALS_FIRST_RE = re.compile(INITIALS_FIRST)
FAMILY_FIRST_RE = re.compile(FAMILY_FIRST)

# Where a list of works starts an entry: after its number at a line's start ("1.", "2)", "[3]"). A name
# there is written "Family I.O." ("Попов В.И. Современная дипломатия"), as is each name after it and a
# comma ("Кляшторный С.Г., Султанов Т.И. Казахстан…"): the initials are not the next word's.
ENTRY_START_RE = re.compile(r"(?:^|\n)[ \t]*\[?\d{1,3}[.)\]][ \t]*$")
# "Л.Н. Гумилев атындағы университет": a name in an institution's name, not a person the text discusses.
NAMED_AFTER_RE = re.compile(r"\s+атындағы\b")
# A Roman figure at a line's start numbers a part ("I. Кіріспе", "ІІ. Негізгі бөлім"); it is no initial.
ROMAN_AT_LINE_START_RE = re.compile(r"(?:^|\n)[ \t]*$")
ROMAN_LETTERS = frozenset("IVXІХ")
# The next word on the line in capitals too: the capitals are a title's, not a family name's.
CAPITALS_AFTER_RE = re.compile(rf"[ \t]+[{UPPER}]{{2,}}(?![{LOWER}])")
# A name written in full, without initials, where a reference entry puts its author: "Мұхаммед Хайдар
# Дулати. Тарих-и Рашиди. – Алматы, 2003.", "Шоқан Уәлиханов. Таңдамалы шығармалар. – …". The title
# follows after a period; a family name has four letters at least.
FULL_NAME_OPENING_RE = re.compile(
    rf"(?P<given>{TITLED}(?:[ \t]+{TITLED}){{0,2}})[ \t]+(?P<family>[{UPPER}][{LOWER}]{{3,40}}"
    rf"(?:-[{UPPER}][{LOWER}]{{1,40}})?)\.[ \t]+(?=[{UPPER}«\"])"
)
# A word in a case or with a possessive ending is a title's ("Республикасының", "Конституциясы"), no
# name's; -ұлы and -қызы end patronymic family names (Байтұрсынұлы).
POSSESSED_RE = re.compile(r"(?<!ұл)(?<!қыз)(?<!ул)(?<!кыз)(?:ы|і)$")
# The rest of an entry after its title: the areas of its publication, or the journal it is in.
PUBLICATION_AREA_RE = re.compile(r"[.!?][ \t]*[-–—]{1,2}[ \t]|//")
# In running text, a name in full is a given name and a family name of a family name's form, in any case:
# "Шоқан Уәлиханов", "Әлихан Бөкейхановтың", "Ахмет Байтұрсынұлы". The given name is a word the text never
# writes in small letters (which "Бұл" and "Президент" are), in none of the words that open a sentence
# or title a person before their name.
FULL_NAME_RE = re.compile(rf"(?<![{UPPER}{LOWER}.])(?P<given>{TITLED})[ \t]+(?P<family>{TITLED})(?![{UPPER}{LOWER}])")
FAMILY_ENDING_RE = re.compile(r"(?:[оеё]в|[оеё]ва|[иы]н|[иы]на|ский|ская|цкий|цкая|ұлы|қызы|улы|кызы)$")
# A family name of its form has a stem before its ending: "Цин" (a dynasty) is too short to be one.
FAMILY_MIN_LETTERS = 5
# A family name written alone, without initials or a given name ("Столыпин", "Неплюевтің"), is read only in
# a Russian family name's form, which Kazakh words seldom take: not -ын, -ұлы, -қызы (бұрын, Алтын).
LONE_FAMILY_ENDING_RE = re.compile(r"(?:[оеё]в|[оеё]ва|ин|ина|ский|ская|цкий|цкая)$")
LONE_FAMILY_INSIDE_RE = re.compile(r"[оеё]в|ин|ск|цк")
LONE_WORD_RE = re.compile(rf"(?<![{UPPER}{LOWER}.\-])[{UPPER}][{LOWER}]{{2,40}}(?![{UPPER}{LOWER}.\-])")
# A town's name takes the endings of place (Берлинде, Ростовтан) or is followed by what it names.
PLACE_ENDINGS = ("да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен")
PLACE_WORD_AFTER_RE = re.compile(r"[ \t]+(?:қала|облыс|губерни|уез|өзен|аудан|көш|даңғыл|ауыл|станс|university)")
# A sentence's first word may be anything in capitals; a name is read where it also stands inside one.
INSIDE_SENTENCE_RE = re.compile(rf"[{LOWER},;:–—]\s*$")
NOT_GIVEN = frozenset(
    """
    бұл осы сол ол оның олар мұны бірақ алайда сонымен дегенмен сондай сондықтан яғни және мысалы кейін
    профессор академик президент ғалым тарихшы зерттеуші жазушы ақын хан сұлтан би батыр доктор автор
    """.split()
)
# "Ресейлік", "Отандық": an adjective of a place or a kind, which stands before a name but is none.
ADJECTIVE_RE = re.compile(r"(?:[лдт][ыі]қ|[лдт][ыі]к)$")
SMALL_WORD_RE = re.compile(rf"(?<![{UPPER}{LOWER}])[{LOWER}]+")
ENTRY_LABEL_RE = re.compile(r"(?:^|\n)[ \t]*\[?\d{1,3}[.)\]][ \t]*")
GROUP_WORDS = {"шетелдік": "foreign", "ресейлік": "russian", "отандық": "domestic"}
GROUP_RE = re.compile(r"(?:\d\.\s*)?(?P<word>Шетелдік|Ресейлік|Отандық)\s+тарихнама\w{0,8}", re.IGNORECASE)


@dataclass(frozen=True)
class Name:
    family: str
    initials: str
    form: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return person_key(self.family, self.initials)

    @property
    def display(self) -> str:
        return display_name(self.family, self.initials)


def person_key(family: str, given: str) -> str:
    """One key per person: the family name and the initials, folded."""
    initials = "".join(word[0] for word in re.split(r"[\s.-]+", given) if word)
    return f"{family.lower()}|{initials.lower()}"


def display_name(family: str, given: str) -> str:
    """ "Н.Ә. Назарбаев" for initials; "Збигнев Бжезинский" for given names."""
    if not given:
        return family
    words = [w for w in re.split(r"[\s.-]+", given) if w]
    if all(len(w) == 1 for w in words):
        return f"{_tidy_initials(given)} {family}"
    return f"{given} {family}"


def nominative(written: str) -> str:
    """A family name as a list of people gives it: title case for capitals, without its endings
    of case and number ("КӘРІБАЕВ" → "Кәрібаев", "Марғұланның" → "Марғұлан")."""
    family = written.title() if written.isupper() else written
    return name_stem(family)


def find_names(text: str) -> list[Name]:
    """Every "initials + family name" in `text`, in either order, as a list of people reads them:
    the first reading wins where initials could belong to the name before or after them
    ("Холопова Т.И Лебедева М.М"); `prose_names` reads running text."""
    return _names(NAME_RE, text)


def every_name(text: str) -> list[Name]:
    """Every reading of `text` as "initials + family name", in order of where each starts; the
    readings overlap where initials could belong to the name before or after them."""
    return sorted(_names(INITIALS_FIRST_RE, text) + _names(FAMILY_FIRST_RE, text), key=lambda n: (n.start, -n.end))


def prose_names(text: str) -> list[Name]:
    """The names running text gives: initials first, or after the family name where they begin
    no name of their own (in "Алайда Ә. Бөкейханов" the initial is Бөкейханов's), or where a list
    of works writes them so (`entry_names`). A name an institution is named after is left out."""
    opening = entry_names(text) + full_names_in_entries(text)
    taken = {index for name in opening for index in range(name.start, name.end)}
    leading = [n for n in _names(INITIALS_FIRST_RE, text) if taken.isdisjoint(range(n.start, n.end))]
    taken |= {index for name in leading for index in range(name.start, name.end)}
    trailing = [n for n in _names(FAMILY_FIRST_RE, text) if taken.isdisjoint(range(n.start, n.end))]
    return sorted((n for n in opening + leading + trailing if not named_after(text, n)), key=lambda n: n.start)


@dataclass(frozen=True)
class FullName:
    """A name written in full without initials that opens a reference entry: where it ends (the title
    starts there) and its parts."""

    family: str
    given: str
    start: int
    end: int


def full_name_opening(text: str, pos: int = 0) -> FullName | None:
    """A name written in full without initials ("Мұхаммед Хайдар Дулати", "Рысқалиқызы Ұлдай") at `pos`,
    before a period and a title. The family name is the word of a family name's form, else the last.
    Whether it opens an entry is for the caller to say."""
    match = FULL_NAME_OPENING_RE.match(text, pos)
    if match is None:
        return None
    words = f"{match['given']} {match['family']}".split()
    if any(POSSESSED_RE.search(word) or name_stem(word) != word for word in words):
        return None
    # "Рысқалиқызы Ұлдай": a family name of its form first, the given name after it.
    at = next((index for index, word in enumerate(words) if FAMILY_ENDING_RE.search(word)), len(words) - 1)
    family, given = words[at], " ".join(words[:at] + words[at + 1 :])
    return FullName(family, given, match.start(), match.end())


def full_names_in_entries(text: str) -> list[Name]:
    """The names written in full that open an entry of a list of works which goes on to its publication."""
    names = []
    for label in ENTRY_LABEL_RE.finditer(text):
        full = full_name_opening(text, label.end())
        line_end = text.find("\n", label.end())
        rest = text[full.end : None if line_end == -1 else line_end] if full else ""
        if full and PUBLICATION_AREA_RE.search(rest):
            form = text[full.start : full.end].rstrip(" \t.")
            names.append(Name(full.family, full.given, form, full.start, full.start + len(form)))
    return names


def full_names(text: str, small_words: set[str]) -> list[Name]:
    """The names written in full in running text, without initials ("Шоқан Уәлиханов"); `small_words`
    are the words the text writes in small letters, none of which is a given name."""
    names = []
    for match in FULL_NAME_RE.finditer(text):
        given, written = match.group("given", "family")
        family = nominative(written)
        # "Романовтар": a family in the plural is a dynasty, no person.
        plural = written[len(family) :].startswith(("тар", "тер", "дар", "дер", "лар", "лер"))
        if plural or not _family_form(family) or not _given_name(given, small_words):
            continue
        names.append(Name(family, given, match.group(), match.start(), match.end()))
    return names


def _family_form(family: str) -> bool:
    return len(family) >= FAMILY_MIN_LETTERS and bool(FAMILY_ENDING_RE.search(family))


def lone_family_names(texts: list[str], small_words: set[str]) -> list[Name]:
    """The family names the texts write alone, without initials or a given name ("Столыпин жүргізген
    реформа"), where the evidence is good: a Russian family name's form, written twice or more, once
    inside a sentence at least, never in small letters, and never as a place is (its case or a word
    after it)."""
    found: dict[str, list[tuple[Name, bool]]] = {}
    for text in texts:
        for match in LONE_WORD_RE.finditer(text):
            written = match.group()
            if not LONE_FAMILY_INSIDE_RE.search(written):
                continue  # no family name's ending anywhere in the word: no stem need be sought
            family = nominative(written)
            if len(family) < FAMILY_MIN_LETTERS or not LONE_FAMILY_ENDING_RE.search(family):
                continue
            place = written[len(family) :] in PLACE_ENDINGS or PLACE_WORD_AFTER_RE.match(text, match.end())
            inside = bool(INSIDE_SENTENCE_RE.search(text, max(0, match.start() - 3), match.start()))
            name = Name(family, "", written, match.start(), match.end())
            found.setdefault(family, []).append((name, inside) if not place else (name, None))
    names = []
    for family, seen in found.items():
        good = all(inside is not None for _, inside in seen) and any(inside for _, inside in seen)
        if good and len(seen) >= 2 and family.lower() not in small_words:
            names += [name for name, _ in seen]
    return names


def _given_name(word: str, small_words: set[str]) -> bool:
    lowered = word.lower()
    if lowered in NOT_GIVEN or lowered in small_words or FAMILY_ENDING_RE.search(word) or ADJECTIVE_RE.search(word):
        return False
    return name_stem(word) == word and not POSSESSED_RE.search(word)


def small_words(texts: list[str]) -> set[str]:
    """The words the texts write in small letters."""
    return {word for text in texts for word in SMALL_WORD_RE.findall(text)}


def entry_names(text: str) -> list[Name]:
    """The "Family I.O." names that open an entry of a list of works, and those that follow them after a comma."""
    opening = []
    for name in _names(FAMILY_FIRST_RE, text):
        before = text[: name.start]
        follows = (
            opening
            and before.rstrip().endswith(",")
            and before[: before.rstrip().rfind(",")].rstrip().endswith(opening[-1].form)
        )
        if ENTRY_START_RE.search(before) or follows:
            opening.append(name)
    return opening


def named_after(text: str, name: Name) -> bool:
    """Whether the name is part of an institution's name ("Л.Н. Гумилев атындағы …")."""
    return bool(NAMED_AFTER_RE.match(text, name.end))


def _names(pattern: re.Pattern, text: str) -> list[Name]:
    """The names `pattern` finds, read with each Cyrillic word's Latin look-alikes as Kazakh letters
    ("Ə.Т. Жұмабаева" has two initials); the form is as the text writes it."""
    names = []
    read = cyrillic_lookalikes(text)
    for match in pattern.finditer(read):
        groups = match.groupdict()
        leads = bool(groups.get("family1"))
        written = groups["family1"] if leads else groups["family2"]
        initials = groups["lead"] if leads else groups["trail"]
        if not VOWEL_RE.search(written) or numbered_part(read, match, initials if leads else ""):
            continue  # capitals without a vowel are an abbreviation (ТМД), not a name
        if written.isupper() and CAPITALS_AFTER_RE.match(read, match.end(leads and "family1" or "family2")):
            continue  # a word of a title in capitals: "Серікқызы А. ҚАЗАҚСТАННЫҢ ШАНХАЙ …"
        form = text[match.start() : match.end()].strip()
        family = nominative(written)
        names.append(Name(family, _tidy_initials(initials), form, match.start(), match.start() + len(form)))
    return names


def numbered_part(read: str, match: re.Match, lead: str) -> bool:
    """Whether leading "initials" are a Roman figure that numbers a part at a line's start: "II. …" always,
    "I. Кіріспе" when a part's heading follows (І.Есенберлин is a name)."""
    letters = lead.replace(".", "").replace(" ", "").replace("-", "")
    if not letters or not set(letters) <= ROMAN_LETTERS or not ROMAN_AT_LINE_START_RE.search(read, 0, match.start()):
        return False
    line_end = read.find("\n", match.start())
    rest = read[match.start() + len(lead) : None if line_end == -1 else line_end]
    return len(letters) > 1 or part_form(rest, 0) is not None


def historiography_groups(text: str) -> dict[str, list[Name]]:
    """The names listed under each historiography heading ("1. Шетелдік тарихнама - ...")."""
    headings = list(GROUP_RE.finditer(text))
    groups: dict[str, list[Name]] = {}
    for heading, following in zip(headings, headings[1:] + [None], strict=False):
        end = following.start() if following else len(text)
        listed = text[heading.end() : end]
        offset = heading.end()
        names = [Name(n.family, n.initials, n.form, n.start + offset, n.end + offset) for n in find_names(listed)]
        groups.setdefault(GROUP_WORDS[heading["word"].lower()], []).extend(names)
    return groups


@dataclass
class Person:
    """A person as the texts name them: every form used, and how they are named."""

    family: str
    initials: str
    display: str
    group: str = ""
    is_historiography_author: bool = False
    is_quoted: bool = False
    forms: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return person_key(self.family, self.initials)


def read_people(texts: list[str]) -> dict[str, Person]:
    """The people the texts name, by key: those listed under a historiography heading, with
    their group, and those named with initials anywhere else, who are quoted."""
    people: dict[str, Person] = {}
    small = small_words(texts)
    for text in texts:
        groups = historiography_groups(text)
        listed = [name for names in groups.values() for name in names]
        for group, names in groups.items():
            for name in names:
                person = _person(people, name)
                person.group = person.group or group
                person.is_historiography_author = True
        listed_from = min((n.start for n in listed), default=len(text))
        listed_to = max((n.end for n in listed), default=0)
        for name in prose_names(text):
            if not listed_from <= name.start < listed_to:
                _person(people, name).is_quoted = True
    for text in texts:
        for name in full_names(text, small):
            _same_person(people, name).is_quoted = True
    named = {person.family.lower() for person in people.values()}
    for name in lone_family_names(texts, small):
        # A family name alone is the person already named with initials or in full, if one is.
        if name.family.lower() not in named:
            _person(people, name).is_quoted = True
    return people


def _same_person(people: dict[str, Person], name: Name) -> Person:
    """The person a name written in full names: one already named by the family name and the given
    name's initial ("Н.Ә. Назарбаев" for "Нұрсұлтан Назарбаев"), else a person of their own."""
    initial = f"{name.family.lower()}|{name.initials[:1].lower()}"
    known = next((person for key, person in people.items() if key.startswith(initial)), None)
    if known is None:
        return _person(people, name)
    known.forms.add(name.form)
    return known


def _person(people: dict[str, Person], name: Name) -> Person:
    person = people.setdefault(name.key, Person(name.family, name.initials, name.display))
    person.forms.add(name.form)
    return person


def _tidy_initials(raw: str) -> str:
    """ "Н.Ә." for "Н.Ә" or "Н. Ә"; "Қ.-Ж.К." keeps the hyphen of a double given name."""
    letters = re.findall(rf"-?[{UPPER}{LOWER}]", raw)
    return ".".join(letters) + "."
