"""People's names as the thesis writes them: parsing, one key per person, and finding them in text.

A name is a family name with initials on either side ("Назарбаев Н.Ә", "Н.Ә.Назарбаев",
"Н.Ә Назарбаев", "Д. Вуд"). Two spellings are one person when family name and initials
agree once periods and spaces are set aside.
"""

import re
from dataclasses import dataclass, field

from .alphabet import LOWER, UPPER

FAMILY = rf"[{UPPER}][{LOWER}]{{2,40}}(?:-[{UPPER}][{LOWER}]{{1,40}})?(?![{LOWER}])"
INITIALS = rf"[{UPPER}](?:\.\s?[{UPPER}](?![{LOWER}]))?\.?"
INITIALS_FIRST = rf"(?<![{UPPER}{LOWER}])(?P<lead>[{UPPER}]\.\s?(?:[{UPPER}]\.?\s?)?)(?P<family1>{FAMILY})"
FAMILY_FIRST = rf"(?P<family2>{FAMILY})\s(?P<trail>{INITIALS})(?![{UPPER}{LOWER}])"
NAME_RE = re.compile(rf"{INITIALS_FIRST}|{FAMILY_FIRST}")
INITIALS_FIRST_RE = re.compile(INITIALS_FIRST)

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
    initials = "".join(word[0] for word in re.split(r"[\s.]+", given) if word)
    return f"{family.lower()}|{initials.lower()}"


def display_name(family: str, given: str) -> str:
    """ "Н.Ә. Назарбаев" for initials; "Збигнев Бжезинский" for given names."""
    if not given:
        return family
    words = [w for w in re.split(r"[\s.]+", given) if w]
    if all(len(w) == 1 for w in words):
        return "".join(f"{w}." for w in words) + " " + family
    return f"{given} {family}"


def find_names(text: str, initials_first_only: bool = False) -> list[Name]:
    """Every "initials + family name" in `text`, either order unless told otherwise."""
    pattern = INITIALS_FIRST_RE if initials_first_only else NAME_RE
    names = []
    for match in pattern.finditer(text):
        family = match["family1"] or match["family2"]
        initials = match["lead"] if match["family1"] else match["trail"]
        form = match.group().strip()
        names.append(Name(family, _tidy_initials(initials), form, match.start(), match.start() + len(form)))
    return names


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
    their group, and those named initials first anywhere else, who are quoted."""
    people: dict[str, Person] = {}
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
        for name in find_names(text, initials_first_only=True):
            if not listed_from <= name.start < listed_to:
                _person(people, name).is_quoted = True
    return people


def _person(people: dict[str, Person], name: Name) -> Person:
    person = people.setdefault(name.key, Person(name.family, name.initials, name.display))
    person.forms.add(name.form)
    return person


def _tidy_initials(raw: str) -> str:
    letters = re.findall(rf"[{UPPER}]", raw)
    return ".".join(letters) + "."
