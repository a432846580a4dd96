"""Headings in their common forms, tables of contents and page furniture, in theses other than the seed."""

from pathlib import Path

import pytest

from thesis.text.headings import (
    chapter_form,
    contents_entry,
    is_furniture,
    labelled_form,
    numbered_heading,
    part_form,
    plan_entry,
    roman_number,
    run_in_heading,
    running_heads,
    unlabelled_plans,
)
from thesis.text.parsing import CONTENTS, FURNITURE, TEXT, heading_in, parse_document
from thesis.text.structure import completeness, contents_structure

DATA = Path(__file__).resolve().parent / "data"


def covered_in_order(parsed):
    spans = sorted([(h.start, h.end) for h in parsed.headings] + [(p.start, p.end) for p in parsed.paragraphs])
    position = 0
    for start, end in spans:
        assert start >= position, "spans overlap"
        assert parsed.text[position:start].strip() == "", "non-whitespace left uncovered"
        position = end
    assert parsed.text[position:].strip() == ""


@pytest.fixture(scope="module")
def diploma():
    return parse_document((DATA / "diploma-with-contents.kk.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article():
    return parse_document((DATA / "article-with-abstract.kk.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("figures", "value"), [("I", 1), ("II", 2), ("ІІ", 2), ("IV", 4), ("ІХ", 9), ("XII", 12), ("ХІV", 14)]
)
def test_roman_numbers_in_latin_or_cyrillic_letters(figures, value):
    assert roman_number(figures) == value


@pytest.mark.parametrize(
    ("line", "number", "label"),
    [
        ("I БӨЛІМ", "1", "I БӨЛІМ"),
        ("1-ТАРАУ", "1", "1-ТАРАУ"),
        ("I ТАРАУ", "1", "I ТАРАУ"),
        ("1 тарау", "1", "1 тарау"),
        ("1-бөлім", "1", "1-бөлім"),
        ("ІІ ТАРАУ", "2", "ІІ ТАРАУ"),
        ("3 – ТАРАУ", "3", "3 – ТАРАУ"),
    ],
)
def test_chapter_labels_in_their_common_forms(line, number, label):
    form = chapter_form(line, 0)
    assert (form.kind, form.number, form.label) == ("chapter", number, label)


def test_a_word_that_only_starts_like_a_chapter_is_none():
    assert chapter_form("1-тарауда айтылғандай", 0) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("КІРІСПЕ", "introduction"),
        ("Кіріспе", "introduction"),
        ("Қорытынды", "conclusion"),
        ("ҚОЛДАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ", "bibliography"),
        ("ПАЙДАЛАНҒАН ӘДЕБИЕТТЕР МЕН ДЕРЕКТЕР ТІЗІМІ", "bibliography"),
        ("Пайдаланылған әдебиеттер", "bibliography"),
        ("Әдебиеттер:", "bibliography"),
        ("ҚОСЫМШАЛАР", "appendix"),
        ("Қосымша А", "appendix"),
        ("Аңдатпа", "abstract"),
        ("Аннотация", "abstract"),
        ("Abstract", "abstract"),
        ("МАЗМҰНЫ", "contents"),
        ("Мазмұны", "contents"),
        ("МАЗМҰН", "contents"),
        ("СОДЕРЖАНИЕ", "contents"),
        ("Əдебиеттер", "bibliography"),  # the Latin schwa a Word font types for ә
        ("НЕГІЗГІ БӨЛІМ", "chapter"),
        ("Негізгі бөлім", "chapter"),
    ],
)
def test_parts_alone_on_their_line_in_any_case(line, kind):
    assert part_form(line, 0).kind == kind
    assert heading_in(line).kind == kind


def test_a_sentence_that_starts_with_a_part_word_is_no_heading():
    assert part_form("Кіріспе бөлімде зерттеудің өзектілігі айтылады.", 0) is None


@pytest.mark.parametrize(
    ("line", "kind", "label"),
    [
        ("Түйін сөздер: дипломатия, елшілік", "keywords", "Түйін сөздер:"),
        ("Кілт сөздер: дипломатия", "keywords", "Кілт сөздер:"),
        ("Ключевые слова: дипломатия", "keywords", "Ключевые слова:"),
        ("Keywords: diplomacy", "keywords", "Keywords:"),
        ("Аңдатпа. Мақалада қарастырылады.", "abstract", "Аңдатпа."),
        ("Кiлт сөздер: елшілік, дəстүр.", "keywords", "Кiлт сөздер:"),
    ],
)
def test_labels_their_text_follows_on_the_line(line, kind, label):
    form = labelled_form(line, 0)
    assert (form.kind, form.label) == (kind, label)


@pytest.mark.parametrize(
    ("line", "title", "page"),
    [
        ("Кіріспе.....................3", "Кіріспе", 3),
        ("1.1 Тарих ... 11", "1.1 Тарих", 11),
        ("ІІ ТАРАУ ДИПЛОМАТИЯ…………18", "ІІ ТАРАУ ДИПЛОМАТИЯ", 18),
    ],
)
def test_contents_entries_with_leader_dots(line, title, page):
    entry = contents_entry(line, loose=False)
    assert (entry.title, entry.page) == (title, page)


def test_an_entry_without_leader_dots_counts_only_under_a_contents_heading():
    assert contents_entry("Кіріспе   3", loose=False) is None
    assert contents_entry("Кіріспе   3", loose=True).page == 3


def test_page_furniture():
    heads = running_heads(["Хабаршы №2", "мәтін", "Хабаршы №2", "Хабаршы  №2"])
    assert heads == {"Хабаршы №2"}
    assert is_furniture("  12 ", heads)
    assert is_furniture("- 12 -", heads)
    assert is_furniture("Pdf көрінісі", heads)
    assert is_furniture("Хабаршы №2", heads)
    assert not is_furniture("2019", heads)
    assert not is_furniture("Мәтін 12", heads)


def test_a_repeated_heading_or_sentence_is_no_running_head():
    assert running_heads(["Иә, солай.", "Иә, солай.", "Иә, солай."]) == set()
    text = "1 ТАРАУ  А\nҚорытынды\nМәтін.\n2 ТАРАУ  Б\nҚорытынды\nМәтін.\n3 ТАРАУ  В\nҚорытынды\nМәтін.\n"
    parsed = parse_document(text)
    assert [h.kind for h in parsed.headings].count("conclusion") == 3
    assert all(b.role == TEXT for b in parsed.paragraphs)


def test_diploma_headings_are_the_real_ones_not_the_contents(diploma):
    found = [(h.kind, h.number, h.label, h.title) for h in diploma.headings]
    assert found == [
        ("contents", "", "МАЗМҰНЫ", "МАЗМҰНЫ"),
        ("introduction", "", "Кіріспе", "Кіріспе"),
        ("chapter", "1", "I ТАРАУ", "ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ"),
        ("section", "1.1", "1.1", "Хандықтың құрылуы"),
        ("section", "1.2", "1.2", "Көршілермен қарым-қатынас"),
        ("chapter", "2", "ІІ ТАРАУ", "ХАНДЫҚТЫҢ ДИПЛОМАТИЯСЫ"),
        ("subsection", "2.1.1", "2.1.1", "Елшілік жоралары"),
        ("conclusion", "", "Қорытынды", "Қорытынды"),
        ("bibliography", "", "ПАЙДАЛАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ", "ПАЙДАЛАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ"),
    ]
    assert not any(".." in h.title for h in diploma.headings)
    covered_in_order(diploma)


def test_a_chapter_title_on_the_line_below_its_label_is_part_of_the_heading(diploma):
    chapter = diploma.headings[2]
    assert diploma.text[chapter.start : chapter.end] == "I ТАРАУ\nҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ"


def test_contents_entries_are_blocks_of_their_own_and_the_declared_structure(diploma):
    entries = [diploma.text[b.start : b.end] for b in diploma.paragraphs if b.role == CONTENTS]
    assert len(entries) == 8
    assert (
        entries[1] == "I ТАРАУ ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ\nОНЫҢ КӨРШІЛЕРІ.........................................6"
    )
    assert all(b.heading == 0 for b in diploma.paragraphs if b.role == CONTENTS)
    assert contents_structure(diploma.contents) == [
        {"kind": "introduction", "title": "Кіріспе", "page": 3},
        {"kind": "chapter", "number": "1", "title": "ҚАЗАҚ ХАНДЫҒЫНЫҢ ҚҰРЫЛУЫ ЖӘНЕ ОНЫҢ КӨРШІЛЕРІ", "page": 6},
        {"kind": "section", "number": "1.1", "title": "Хандықтың құрылуы", "page": 6},
        {"kind": "section", "number": "1.2", "title": "Көршілермен қарым-қатынас", "page": 11},
        {"kind": "chapter", "number": "2", "title": "ХАНДЫҚТЫҢ ДИПЛОМАТИЯСЫ", "page": 18},
        {"kind": "subsection", "number": "2.1.1", "title": "Елшілік жоралары", "page": 20},
        {"kind": "conclusion", "title": "Қорытынды", "page": 31},
        {"kind": "bibliography", "title": "Пайдаланылған әдебиеттер тізімі", "page": 34},
    ]


def test_a_bare_page_number_is_furniture_not_a_passage(diploma):
    furniture = [diploma.text[b.start : b.end] for b in diploma.paragraphs if b.role == FURNITURE]
    assert furniture == ["3", "4"]
    texts = [diploma.text[b.start : b.end] for b in diploma.paragraphs if b.role == TEXT]
    assert not any(text.strip().isdigit() for text in texts)


def test_the_table_of_contents_is_compared_with_the_headings_found(diploma):
    declared = contents_structure(diploma.contents)
    kinds = [h.kind for h in diploma.headings]
    assert completeness(declared, kinds, ["1", "2"], "Соңы.") == (True, "")
    complete, note = completeness(declared, [k for k in kinds if k != "conclusion"], ["1"], "Соңы.")
    assert (complete, note) == (False, "Missing: chapter 2, the conclusion.")


def test_article_with_an_abstract_keywords_and_no_chapters(article):
    found = [(h.kind, h.label, h.title) for h in article.headings]
    assert found == [
        ("abstract", "Аңдатпа.", "Аңдатпа"),
        ("keywords", "Түйін сөздер:", "Түйін сөздер"),
        ("untitled", "", ""),
        ("bibliography", "Әдебиеттер", "Әдебиеттер"),
    ]
    blocks = [(b.role, b.heading, article.text[b.start : b.end]) for b in article.paragraphs]
    assert blocks[4] == (TEXT, 1, "дипломатия, елшілік, хандық, сыртқы саясат.")
    assert blocks[5][:2] == (TEXT, 2)
    assert blocks[5][2].startswith("Қазақ хандығының сыртқы саясаты")
    covered_in_order(article)


def test_article_page_furniture_is_marked(article):
    furniture = [article.text[b.start : b.end] for b in article.paragraphs if b.role == FURNITURE]
    head = "ҚазҰУ Хабаршысы. Тарих сериясы. №2 (85). 2017"
    assert furniture == [head, "Pdf көрінісі", "12", head, head]


@pytest.mark.parametrize(
    "text",
    [
        "МАЗМҰНЫ\nКіріспе....3\n\nКіріспе\nМәтін.",
        "I ТАРАУ\n\n",
        "Түйін сөздер: а, б\nМәтін\n12\nМәтін жалғасы.",
        "Мазмұны\nҰзын тақырып\nжалғасы ... 5\nКіріспе 3",
        "12\n\n13",
    ],
)
def test_spans_cover_any_of_these_layouts(text):
    covered_in_order(parse_document(text))


def test_a_part_heading_takes_its_closing_colon_which_is_no_text_of_its_own():
    form = part_form("Әдебиеттер тізімі:", 0)
    assert (form.label, form.end) == ("Әдебиеттер тізімі", len("Әдебиеттер тізімі:"))


@pytest.mark.parametrize(
    "line",
    [
        "Халықаралық қатынастар теориясы пәнінен дәрістер жүктеу 89,5 Kb.",
        "Дата05.11.2016",
        "өлшемі8,3 Mb.",
        "бет9/22",
        "1   ...   5   6   7   8   9   10   ...   22",
        "Pdf просмотр",
    ],
)
def test_a_sharing_sites_header_lines_are_furniture(line):
    assert is_furniture(line, set())


def test_a_sentence_with_numbers_or_a_list_of_years_is_no_furniture():
    assert not is_furniture("1991 жылы Қазақстан тәуелсіздігін жариялады.", set())
    assert not is_furniture("1995, 2000 жылдары", set())


# An essay's plan: its parts in Roman figures, its sections in Arabic ones, no page numbers; then the
# text, whose sections are headed "1. Title" alone on their line, and a list whose items are no headings.
ESSAY = """Жоспары:
I. Кіріспе
II. Негізгі бөлім
1. Сыртқы саясаттың құқықтық негіздері
2. Көпвекторлы саясат
III. Қорытынды

Кіріспе
Қазақстан 1991 жылы тәуелсіздігін жариялады.

1. Сыртқы саясаттың құқықтық негіздері
Сыртқы саясаттың бағыттары Конституцияда бекітілді. Олар:
1. Бейбітшілік
2. Көпвекторлық
Бұл қағидалар өзгерген жоқ.

2. Көпвекторлы саясат
Бұл саясат тең қарым-қатынасты көздейді.

Қорытынды
Сонымен, саясат тұрақты.

Әдебиеттер
1. Тоқаев Қ.К. Белестер
2. Назарбаев Н.Ә. Ғасырлар тоғысында
"""


def test_a_plan_is_a_table_of_contents_without_page_numbers():
    parsed = parse_document(ESSAY)
    entries = [parsed.text[b.start : b.end] for b in parsed.paragraphs if b.role == CONTENTS]
    assert entries == [
        "I. Кіріспе",
        "II. Негізгі бөлім",
        "1. Сыртқы саясаттың құқықтық негіздері",
        "2. Көпвекторлы саясат",
        "III. Қорытынды",
    ]
    assert contents_structure(parsed.contents) == [
        {"kind": "introduction", "title": "Кіріспе"},
        {"kind": "chapter", "title": "Негізгі бөлім"},
        {"kind": "section", "number": "1", "title": "Сыртқы саясаттың құқықтық негіздері"},
        {"kind": "section", "number": "2", "title": "Көпвекторлы саясат"},
        {"kind": "conclusion", "title": "Қорытынды"},
    ]
    # The main part a plan names is carried by its sections; the text lacks none of the parts.
    kinds = [h.kind for h in parsed.headings]
    assert completeness(contents_structure(parsed.contents), kinds, [], "Соңы.") == (True, "")


def test_a_heading_numbered_at_one_level_stands_alone_between_paragraphs():
    parsed = parse_document(ESSAY)
    headings = [(h.kind, h.number, h.title) for h in parsed.headings]
    assert headings == [
        ("contents", "", "Жоспары"),
        ("introduction", "", "Кіріспе"),
        ("section", "1", "Сыртқы саясаттың құқықтық негіздері"),
        ("section", "2", "Көпвекторлы саясат"),
        ("conclusion", "", "Қорытынды"),
        ("bibliography", "", "Әдебиеттер"),
    ]
    texts = [parsed.text[b.start : b.end] for b in parsed.paragraphs if b.role == TEXT]
    # A list's items and a reference list's entries, numbered alike, are no headings.
    assert "1. Бейбітшілік\n2. Көпвекторлық\nБұл қағидалар өзгерген жоқ." in texts[1]
    assert texts[-1] == "1. Тоқаев Қ.К. Белестер\n2. Назарбаев Н.Ә. Ғасырлар тоғысында"
    covered_in_order(parsed)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. Сыртқы саясаттың құқықтық негіздері", ("1", "Сыртқы саясаттың құқықтық негіздері")),
        ("12. Көпвекторлы саясат", ("12", "Көпвекторлы саясат")),
        ("1. Тоқаев Қ.К. Белестер. – Алматы, 2003.", None),  # a sentence's end: an entry
        ("3. Үш Ү. Кітап. –", None),  # runs on to the next line
        ("1. Шанхай ынтымақтастық ұйымы [1]", None),
        ("1. бейбітшілік", None),
        ("1.1 Хандықтың құрылуы", None),  # a section of two levels is read as such elsewhere
    ],
)
def test_numbered_heading(line, expected):
    assert numbered_heading(line) == expected


def test_plan_entry():
    assert plan_entry("IV. Пайдаланылған әдебиеттер тізімі").title == "Пайдаланылған әдебиеттер тізімі"
    assert plan_entry("1.2 Тарихы").title == "1.2 Тарихы"
    assert plan_entry("Кіріспе").page is None
    assert (
        plan_entry(
            "Сол сәттен бастап елдің сыртқы саясаты жаңа негізде құрыла бастады және ол бүгін де жалғасып келеді."
        )
        is None
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. Кіріспе. ХІХ ғасырдың соңында", ("1", "Кіріспе", 11)),
        ("2. Қоныс аудару басқармасының құрылуы.", ("2", "Қоныс аудару басқармасының құрылуы", 38)),
        ("  3. Әсері. Қоныс аудару", ("3", "Әсері", 11)),
        ("1. Аполлова Н.Г. Присоединение Казахстана", None),  # an author's initial: a reference
        ("2. Конституция. – Астана, 1995.", None),  # no paragraph after it: a reference
        ("1. Кіріспе. мұнда", None),
        ("1. Шанхай [1]. Келесі", None),
        ("4. Бұл бөлімде біз қоныс аудару саясатының негізгі кезеңдерін жан-жақты қарастырдық. Ол", None),
    ],
)
def test_run_in_heading(line, expected):
    assert run_in_heading(line) == expected


def test_run_in_headings_with_their_paragraph_on_the_same_line_or_the_next():
    text = (
        "1. Кіріспе. ХІХ ғасырдың соңында қоныс аудару\nсаясатқа айналды.\n\n"
        "2. Басқарманың құрылуы.\n1896 жылы басқарма\nқұрылды.\n"
    )
    parsed = parse_document(text)
    assert [(h.kind, h.number, h.title) for h in parsed.headings] == [
        ("introduction", "1", "Кіріспе"),
        ("section", "2", "Басқарманың құрылуы"),
    ]
    assert [text[h.start : h.end] for h in parsed.headings] == ["1. Кіріспе.", "2. Басқарманың құрылуы."]
    texts = [text[b.start : b.end] for b in parsed.paragraphs]
    assert texts == ["ХІХ ғасырдың соңында қоныс аудару\nсаясатқа айналды.", "1896 жылы басқарма\nқұрылды."]


def test_a_numbered_list_of_sentences_is_no_run_in_heading():
    text = "Кезеңдер:\n1. Бірінші кезең. Жер алынды.\n2. Екінші кезең. Қоныстар салынды.\n"
    assert parse_document(text).headings == []


def test_a_subheading_that_closes_a_page_heads_the_next_pages_paragraph():
    text = "Реформа жер тапшылығын азайтты.\n\nСтолыпин реформасы\n\n12\n\n1906 жылдан бастап\nқоныс аудару күшейді.\n"
    parsed = parse_document(text)
    assert [(h.kind, h.title) for h in parsed.headings] == [("subsection", "Столыпин реформасы")]
    roles = [(text[b.start : b.end], b.role) for b in parsed.paragraphs]
    assert roles[1:] == [("12", FURNITURE), ("1906 жылдан бастап\nқоныс аудару күшейді.", TEXT)]


def test_a_short_line_that_ends_a_paragraph_before_the_page_number_is_the_paragraphs():
    text = "Реформа жер тапшылығын\nазайтты деп\nжазды\n\n12\n\nКелесі бет.\n"
    assert parse_document(text).headings == []


def test_a_plan_without_its_heading_runs_from_a_part_to_a_part():
    lines = [
        "Абылай ханның сыртқы саясаты",
        "",
        "Кіріспе",
        "1. Абылайдың билікке келуі",
        "2. Ресей империясымен қатынас",
        "Қорытынды",
        "Пайдаланылған әдебиеттер",
        "",
        "Абылай хан XVIII ғасырдағы қайраткер.",
    ]
    assert unlabelled_plans(lines) == {2, 3, 4, 5, 6}


@pytest.mark.parametrize(
    "lines",
    [
        ["Кіріспе", "Абылай хан XVIII ғасырдағы ең көрнекті қайраткерлерінің бірі болды.", "Қорытынды"],
        ["Кіріспе", "Қорытынды"],  # two lines: no entry between them
        ["1. Абылайдың билікке келуі", "2. Ресей империясымен қатынас", "Қорытынды"],  # opens with no part
        ["Қорытынды", "", "1. Тоқаев Қ.К. Белестер", "Пайдаланылған әдебиеттер"],  # a blank line between
    ],
)
def test_no_plan_without_a_part_at_both_ends(lines):
    assert unlabelled_plans(lines) == set()


def test_the_text_after_a_plan_without_its_heading_is_no_reference_list():
    text = (
        "Кіріспе\n1. Билікке келуі\nҚорытынды\nПайдаланылған әдебиеттер\n\n"
        "Абылай хан көрнекті қайраткер болды [1].\n\n"
        "Пайдаланылған әдебиеттер\n1. Кенжеәлі Ә. Абылай хан. – Алматы, 1993.\n"
    )
    parsed = parse_document(text)
    assert [(h.kind, h.title) for h in parsed.headings] == [("bibliography", "Пайдаланылған әдебиеттер")]
    assert [entry.title for entry in parsed.contents] == [
        "Кіріспе",
        "1. Билікке келуі",
        "Қорытынды",
        "Пайдаланылған әдебиеттер",
    ]
    roles = [(text[b.start : b.end], b.role, b.heading) for b in parsed.paragraphs]
    assert roles[4] == ("Абылай хан көрнекті қайраткер болды [1].", TEXT, None)
