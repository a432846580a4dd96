"""Reference lists: entries split by their numbers, read in GOST 7.1 style, and left unread when unsure."""

import pytest

from thesis.text.parsing import parse_document
from thesis.text.references import bibliography_lines, read_reference, split_entries

NAZARBAYEV = {"family": "Назарбаев", "given": "Н.Ә."}


def fields(raw: str) -> dict:
    """What an entry reads as, without the fields it leaves empty."""
    reference = read_reference(raw)
    assert reference is not None, raw
    found = {name: value for name, value in vars(reference).items() if value not in ("", [], None)}
    return found | {"complete": reference.complete}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007. – 372 б.",
            {
                "csl_type": "book",
                "title": "Қазақстан жолы",
                "authors": [NAZARBAYEV],
                "issued_year": 2007,
                "publisher": "Елорда",
                "publisher_place": "Астана",
                "language": "kk",
            },
        ),
        (
            "Токаев К.К. Под стягом независимости. – Алматы, 1997. – 272 с.",
            {
                "csl_type": "book",
                "title": "Под стягом независимости",
                "authors": [{"family": "Токаев", "given": "К.К."}],
                "issued_year": 1997,
                "publisher_place": "Алматы",
                "language": "ru",
            },
        ),
        (
            # A hyphen and em dashes for the en dash, and quotes around the publisher.
            "Бекмаханов Е.Б. Присоединение Казахстана к России - М.: «Изд-во АН СССР», 1957 — 340 с.",
            None,
        ),
        (
            "Бекмаханов Е.Б. Присоединение Казахстана к России. - М.: «Изд-во АН СССР», 1957. — 340 с.",
            {
                "csl_type": "book",
                "title": "Присоединение Казахстана к России",
                "authors": [{"family": "Бекмаханов", "given": "Е.Б."}],
                "issued_year": 1957,
                "publisher": "Изд-во АН СССР",
                "publisher_place": "М.",
                "language": "ru",
            },
        ),
        (
            "Әбжанов Х.М. Тарих және тағдыр // Қазақстан тарихы. – 2010. – №3. – Б. 25-31.",
            {
                "csl_type": "article-journal",
                "title": "Тарих және тағдыр",
                "authors": [{"family": "Әбжанов", "given": "Х.М."}],
                "issued_year": 2010,
                "container_title": "Қазақстан тарихы",
                "page": "25-31",
                "language": "kk",
            },
        ),
        (
            "Абсадықов А. Тәуелсіздік жылдары // ҚазҰУ хабаршысы. Тарих сериясы. – 2012. – № 2 (65). – Б. 45–52.",
            {
                "csl_type": "article-journal",
                "title": "Тәуелсіздік жылдары",
                "authors": [{"family": "Абсадықов", "given": "А."}],
                "issued_year": 2012,
                "container_title": "ҚазҰУ хабаршысы. Тарих сериясы",
                "page": "45-52",
                "language": "kk",
            },
        ),
        (
            "Ерофеева И.В. Эпистолярное наследие // Вопросы истории. — 2001. — № 4. — С. 112-120.",
            {
                "csl_type": "article-journal",
                "title": "Эпистолярное наследие",
                "authors": [{"family": "Ерофеева", "given": "И.В."}],
                "issued_year": 2001,
                "container_title": "Вопросы истории",
                "page": "112-120",
                "language": "ru",
            },
        ),
        (
            "Қозыбаев М.Қ. Ақтаңдақтар ақиқаты // Тарих тағылымы: жинақ. – Алматы: Ғылым, 1992. – с. 10-20.",
            {
                "csl_type": "chapter",
                "title": "Ақтаңдақтар ақиқаты",
                "authors": [{"family": "Қозыбаев", "given": "М.Қ."}],
                "issued_year": 1992,
                "publisher": "Ғылым",
                "publisher_place": "Алматы",
                "container_title": "Тарих тағылымы: жинақ",
                "page": "10-20",
                "language": "kk",
            },
        ),
        (
            # The authors after "/" in the statement of responsibility, two of them.
            "Қазақстан тарихы: көне заманнан / М.Қ. Қозыбаев, Ж.Қ. Қасымбаев. — Алматы: Атамұра, 2010. — 640 б.",
            {
                "csl_type": "book",
                "title": "Қазақстан тарихы: көне заманнан",
                "authors": [{"family": "Қозыбаев", "given": "М.Қ."}, {"family": "Қасымбаев", "given": "Ж.Қ."}],
                "issued_year": 2010,
                "publisher": "Атамұра",
                "publisher_place": "Алматы",
                "language": "kk",
            },
        ),
        (
            # An editor or translator after "/" is no author.
            "Шежіре / Ауд. Шәймерденов Р. – Алматы: Ана тілі, 1995. – 104 б.",
            {
                "csl_type": "book",
                "title": "Шежіре",
                "issued_year": 1995,
                "publisher": "Ана тілі",
                "publisher_place": "Алматы",
                "language": "kk",
            },
        ),
        (
            "Рычков П.И., Рычков Н.П. Капитан жазбалары. – Алматы: Ана тілі, 1995. – 104 б.",
            {
                "csl_type": "book",
                "title": "Капитан жазбалары",
                "authors": [{"family": "Рычков", "given": "П.И."}, {"family": "Рычков", "given": "Н.П."}],
                "issued_year": 1995,
                "publisher": "Ана тілі",
                "publisher_place": "Алматы",
                # No letter of its own tells the title is Kazakh; the pages counted in "б." do.
                "language": "kk",
            },
        ),
        (
            "Қазақстан Республикасының Конституциясы [Электронный ресурс]. – "
            "URL: https://adilet.zan.kz/kaz/docs/K950001000_ (дата обращения: 12.03.2020).",
            {
                "csl_type": "webpage",
                "title": "Қазақстан Республикасының Конституциясы",
                "url": "https://adilet.zan.kz/kaz/docs/K950001000_",
                "language": "kk",
            },
        ),
        (
            "Olcott M.B. The Kazakhs. – Stanford: Hoover Institution Press, 1995. – 388 p.",
            {
                "csl_type": "book",
                "title": "The Kazakhs",
                "authors": [{"family": "Olcott", "given": "M.B."}],
                "issued_year": 1995,
                "publisher": "Hoover Institution Press",
                "publisher_place": "Stanford",
                "language": "en",
            },
        ),
        (
            "Allen, John. Lost Geographies of Power. Oxford, UK: Blackwell, 2003.",
            {
                "csl_type": "book",
                "title": "Lost Geographies of Power",
                "authors": [{"family": "Allen", "given": "John"}],
                "issued_year": 2003,
                "publisher": "Blackwell",
                "publisher_place": "Oxford, UK",
                "language": "en",
            },
        ),
        (
            "Smith, J. (2003). Central Asia in transition. London: Routledge, 2003.",
            {
                "csl_type": "book",
                "title": "Central Asia in transition",
                "authors": [{"family": "Smith", "given": "J."}],
                "issued_year": 2003,
                "publisher": "Routledge",
                "publisher_place": "London",
                "language": "en",
            },
        ),
        (
            # An older list without the dashes, initials before the name.
            "М. Шоқай. Түркістанның қилы тағдыры. А., 1996.",
            {
                "csl_type": "book",
                "title": "Түркістанның қилы тағдыры",
                "authors": [{"family": "Шоқай", "given": "М."}],
                "issued_year": 1996,
                "publisher_place": "А.",
                "language": "kk",
            },
        ),
        (
            "Молдабеков Ж.Ж. Ұлтшылдық мәселесі. Ақиқат. 2001. №2.",
            {
                "csl_type": "article-journal",
                "title": "Ұлтшылдық мәселесі",
                "authors": [{"family": "Молдабеков", "given": "Ж.Ж."}],
                "issued_year": 2001,
                "container_title": "Ақиқат",
                "language": "kk",
            },
        ),
        (
            # One slash where the style puts two.
            "Мурзалин Ж.А. О модернизации / Саясат. 2000. № 2.",
            {
                "csl_type": "article-journal",
                "title": "О модернизации",
                "authors": [{"family": "Мурзалин", "given": "Ж.А."}],
                "issued_year": 2000,
                "container_title": "Саясат",
                "language": "ru",
            },
        ),
        (
            "Ахметова Г.Б. Қазақ хандығының сыртқы саясаты: тарих ғыл. канд. ... дис. – Алматы, 2004. – 160 б.",
            {
                "csl_type": "thesis",
                "title": "Қазақ хандығының сыртқы саясаты: тарих ғыл. канд. ... дис",
                "authors": [{"family": "Ахметова", "given": "Г.Б."}],
                "issued_year": 2004,
                "publisher_place": "Алматы",
                "language": "kk",
            },
        ),
    ],
)
def test_an_entry_is_read_into_its_fields(raw, expected):
    if expected is None:
        assert read_reference(raw) is None
    else:
        assert fields(raw) == expected | {"complete": True}


def test_a_wrapped_entry_reads_as_one_line():
    raw = "Кушаев Г.А. Этюды истории степного Приуралья. –\nУральск: «Диалог», 1993. – 171 c."
    assert fields(raw)["publisher"] == "Диалог"
    assert fields(raw)["title"] == "Этюды истории степного Приуралья"


def test_an_entry_read_without_its_year_is_not_complete():
    reference = read_reference("Дулатов М. Оян, қазақ! – Алматы: Жазушы. – 80 б.")
    assert reference is not None
    assert (reference.title, reference.publisher_place, reference.publisher) == ("Оян, қазақ!", "Алматы", "Жазушы")
    assert reference.issued_year is None
    assert not reference.complete


@pytest.mark.parametrize(
    "raw",
    [
        "Кан Г.В. История Казахстана — Алматы — 2002 — С.",  # no period before the dashes
        "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе",  # an archive's file, not a publication
        "Ы.Алтынсарин . Таңдамалы шығармалары Алматы 1994",  # neither dashes nor a comma before the year
        "Азаркин Н. История учений Москва., 1994Выпуск оска. Социс. 1995. № 4, 5, 8.",  # two entries run together
        "Қазақтар. Анықтамалық. – Алматы: Даму институты: VII том. Хақында. 1998. – 285 б.",
        "",
        # Text the list ran into: read, it would give a book, but no entry runs over 2000 characters.
        "Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007" + ". – 372 б" * 300 + ".",
    ],
)
def test_an_entry_not_read_confidently_is_left_as_printed(raw):
    assert read_reference(raw) is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["1. Бір. – А., 1990.", "2. Екі. – А., 1991."], [(1, ["Бір. – А., 1990."]), (2, ["Екі. – А., 1991."])]),
        (["1) Бір.", "2) Екі."], [(1, ["Бір."]), (2, ["Екі."])]),
        (["[1] Бір.", "[2] Екі."], [(1, ["Бір."]), (2, ["Екі."])]),
        (["21 Бір.", "22 Екі."], [(21, ["Бір."]), (22, ["Екі."])]),
        (["1.Бір.", "2.Екі."], [(1, ["Бір."]), (2, ["Екі."])]),
        # Unnumbered: an entry on each line, numbered in order.
        (["Бір. – А., 1990.", "Екі. – А., 1991."], [(1, ["Бір. – А., 1990."]), (2, ["Екі. – А., 1991."])]),
        # A wrapped line continues its entry, even when it starts with a number that is not the next.
        (
            ["1 Бір. – Алматы:", "Ғылым,", "1993. – 248 с.", "2 Екі.", "285 б."],
            [(1, ["Бір. – Алматы:", "Ғылым,", "1993. – 248 с."]), (2, ["Екі.", "285 б."])],
        ),
        ([], []),
    ],
)
def test_a_list_is_split_into_its_entries(lines, expected):
    assert [(entry.number, entry.lines) for entry in split_entries(lines)] == expected


def test_an_entry_keeps_its_lines_as_printed():
    [entry] = split_entries(["1. Кушаев Г.А. Этюды. –", "  Уральск, 1993."])
    assert entry.raw == "Кушаев Г.А. Этюды. –\nУральск, 1993."


def test_the_lines_of_each_bibliography_without_page_numbers_or_subheadings():
    text = (
        "КІРІСПЕ\nМәтін [1].\n\nҚОЛДАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ\n"
        "1. Бір Б. Кітап. – Алматы, 1990.\n"
        "  Мақалалар\n"
        "2. Екі Е. Мақала // Журнал. – 1991. – Б. 3-4.\n"
        "15\n"
        "3. Үш Ү. Кітап. –\nАстана, 2000.\n"
        "ҚОСЫМША\nКесте.\n"
    )
    assert bibliography_lines(parse_document(text)) == [
        [
            "1. Бір Б. Кітап. – Алматы, 1990.",
            "2. Екі Е. Мақала // Журнал. – 1991. – Б. 3-4.",
            "3. Үш Ү. Кітап. –",
            "Астана, 2000.",
        ]
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "ҚОЛДАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ",
        "ПАЙДАЛАНҒАН ӘДЕБИЕТТЕР МЕН ДЕРЕКТЕР ТІЗІМІ",
        "Пайдаланылған әдебиеттер тізімі:",
        "Әдебиеттер",
        "Список литературы",
        "СПИСОК ИСПОЛЬЗОВАННОЙ ЛИТЕРАТУРЫ",
        "References",
    ],
)
def test_every_bibliography_heading_opens_a_list(heading):
    text = f"КІРІСПЕ\nМәтін [1].\n\n{heading}\n1. Бір Б. Кітап. – Алматы, 1990.\n"
    assert bibliography_lines(parse_document(text)) == [["1. Бір Б. Кітап. – Алматы, 1990."]]


def test_a_document_without_a_bibliography_has_no_list():
    assert bibliography_lines(parse_document("КІРІСПЕ\nМәтін [1].\n")) == []


@pytest.mark.parametrize(
    ("raw", "author", "title"),
    [
        (
            "Мұхаммед Хайдар Дулати. Тарих-и Рашиди. – Алматы: Тұран, 2003. – 616 б.",
            ("Дулати", "Мұхаммед Хайдар"),
            "Тарих-и Рашиди",
        ),
        ("Рысқалиқызы Ұлдай. Қазақ хандығы. – Алматы, 2004.", ("Рысқалиқызы", "Ұлдай"), "Қазақ хандығы"),
        # Two capitalised words before a title are no name when they take endings, or when no title follows.
        (
            "Қазақстан Республикасының Конституциясы. Ресми мәтін. – Астана: Ақорда, 1995.",
            None,
            "Қазақстан Республикасының Конституциясы. Ресми мәтін",
        ),
        ("Орталық Азия. – Алматы: Ғылым, 2003.", None, "Орталық Азия"),
    ],
)
def test_an_author_named_in_full_without_initials(raw, author, title):
    reference = read_reference(raw)
    assert [(a["family"], a["given"]) for a in reference.authors] == ([author] if author else [])
    assert reference.title == title
