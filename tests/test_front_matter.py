"""Reading a title page or an article's head: its fields and the lines that print them, in Kazakh,
Russian and English layouts, and nothing from a text that starts with its own words."""

import pytest

from thesis.text.front_matter import line_starts, read_front_matter

from . import layouts

DIPLOMA = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ БІЛІМ ЖӘНЕ ҒЫЛЫМ МИНИСТРЛІГІ
ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ
Халықаралық қатынастар факультеті
Дипломатия кафедрасы

              Сейткали Айгерім Нұрланқызы

«ДИПЛОМАТИЯЛЫҚ КЕЛІССӨЗДЕРДІҢ ЕРЕКШЕЛІКТЕРІ ЖӘНЕ
ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ САЯСАТЫ»

ДИПЛОМДЫҚ ЖҰМЫС

5В020200 – Халықаралық қатынастар

Орындаған:                               Сейткали А.
Ғылыми жетекші:                т.ғ.к., доцент Әбенова Г.

Алматы 2019

МАЗМҰНЫ
Кіріспе.......3
"""

MASTER_RU = """МИНИСТЕРСТВО НАУКИ И ВЫСШЕГО ОБРАЗОВАНИЯ РЕСПУБЛИКИ КАЗАХСТАН
Евразийский национальный университет имени Л.Н. Гумилева
Кафедра международных отношений

МАГИСТЕРСКАЯ ДИССЕРТАЦИЯ

на тему: «Внешняя политика Казахстана в Центральной Азии»

6M020200 – Международные отношения

Выполнила: Жумабаева Д.К.
Научный руководитель: д.и.н., профессор Абенов Е.М.

Астана, 2021 г.

ВВЕДЕНИЕ
"""

PHD = """Қ.А. Ясауи атындағы Халықаралық
қазақ-түрік университеті

ӘОЖ 327(574)                                   Қолжазба құқығында

ТӘЖІБАЕВА МАДИНА ЕРЛАНҚЫЗЫ

Қазақстан мен Түркия арасындағы мәдени дипломатия

8D02201 – Халықаралық қатынастар

Философия докторы (PhD) дәрежесін алу үшін дайындалған диссертация

Ғылыми кеңесшілер:
PhD, қауымдастырылған профессор Нұрғалиева С.Т.

Түркістан, 2023

МАЗМҰНЫ
"""

ARTICLE_KK = """ӘОЖ 94(574)
А.Б. Сапарова¹, Н.Қ. Жақсылықов²
¹Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан
²Абай атындағы Қазақ ұлттық педагогикалық университеті, Алматы, Қазақстан
saparova@example.kz
ҚАЗАҚ ХАНДЫҒЫНЫҢ СЫРТҚЫ САЯСАТЫ
Аңдатпа. Мақалада Қазақ хандығының көршілерімен қарым-қатынасы қарастырылады.
Түйін сөздер: хандық, дипломатия, елшілік, сыртқы саясат.
Кіріспе
Мәтін осы жерден басталады.
Аннотация
В статье рассматриваются внешние связи Казахского ханства.
Ключевые слова: ханство, дипломатия, посольство.
"""

ARTICLE_EN = """IRSTI 03.20.00
ON THE FOREIGN POLICY OF THE KAZAKH KHANATE
A.B. Saparova*, N.K. Zhaksylykov
Al-Farabi Kazakh National University, Almaty, Kazakhstan
Abstract. The article considers the khanate's relations with its neighbours.
Keywords: khanate, diplomacy, embassy.

Introduction
"""

COURSEWORK = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ БІЛІМ ЖӘНЕ ҒЫЛЫМ МИНИСТРЛІГІ
ШӘКӘРІМ АТЫНДАҒЫ СЕМЕЙ МЕМЛЕКЕТТІК УНИВЕРСИТЕТІ

МӨЖ

Тақырыбы: Магистрлік диссертацияға қойылатын талаптар

Тексерген: Ахметов О.Н.
Орындаған: Сапаров А.Ж.

Семей, 2017

Магистрлік диссертация ғылыми мазмұндағы соңғы біліктілік жұмысы болып табылады және ол толық ашылуы тиіс.
"""


def used(text: str) -> list[str]:
    return [text[start:end] for start, end in read_front_matter(text).lines]


def test_a_diploma_title_page():
    found = read_front_matter(DIPLOMA)
    assert found.title == "ДИПЛОМАТИЯЛЫҚ КЕЛІССӨЗДЕРДІҢ ЕРЕКШЕЛІКТЕРІ ЖӘНЕ ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ САЯСАТЫ"
    assert found.authors == ["Сейткали Айгерім Нұрланқызы"]
    assert found.supervisor == "Әбенова Г."
    assert found.institution == "ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ"
    assert (found.place, found.year, found.kind) == ("Алматы", 2019, "diploma")
    assert (found.abstracts, found.keywords) == ([], [])


def test_every_line_of_the_title_page_is_used_and_nothing_after_it():
    lines = used(DIPLOMA)
    assert lines[0] == "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ БІЛІМ ЖӘНЕ ҒЫЛЫМ МИНИСТРЛІГІ"
    assert lines[-1] == "Алматы 2019"
    assert len(lines) == len([line for line in DIPLOMA.split("МАЗМҰНЫ")[0].splitlines() if line.strip()])
    # Each span is a line's text without its indent, where the parser finds the line.
    assert "Сейткали Айгерім Нұрланқызы" in lines
    assert DIPLOMA.index("Сейткали Айгерім") in line_starts(read_front_matter(DIPLOMA))


def test_a_master_thesis_with_russian_labels():
    found = read_front_matter(MASTER_RU)
    assert found.kind == "master"
    assert found.title == "Внешняя политика Казахстана в Центральной Азии"
    assert found.authors == ["Жумабаева Д.К."]
    assert found.supervisor == "Абенов Е.М."
    assert found.institution == "Евразийский национальный университет имени Л.Н. Гумилева"
    assert (found.place, found.year) == ("Астана", 2021)
    assert "ВВЕДЕНИЕ" not in used(MASTER_RU)


def test_a_doctoral_thesis_with_a_name_over_two_lines_and_consultants():
    found = read_front_matter(PHD)
    assert found.kind == "doctoral"
    assert found.institution == "Қ.А. Ясауи атындағы Халықаралық қазақ-түрік университеті"
    assert found.title == "Қазақстан мен Түркия арасындағы мәдени дипломатия"
    assert found.supervisor == "Нұрғалиева С.Т."
    assert found.authors == ["ТӘЖІБАЕВА МАДИНА ЕРЛАНҚЫЗЫ"]
    assert (found.place, found.year) == ("Түркістан", 2023)


def test_a_kazakh_article_with_a_byline_affiliations_and_abstracts_in_two_languages():
    found = read_front_matter(ARTICLE_KK)
    assert found.kind == "article"
    assert found.title == "ҚАЗАҚ ХАНДЫҒЫНЫҢ СЫРТҚЫ САЯСАТЫ"
    assert found.authors == ["А.Б. Сапарова", "Н.Қ. Жақсылықов"]
    assert (found.institution, found.place) == ("Әл-Фараби атындағы Қазақ ұлттық университеті", "Алматы")
    assert found.abstracts == [
        "Мақалада Қазақ хандығының көршілерімен қарым-қатынасы қарастырылады.",
        "В статье рассматриваются внешние связи Казахского ханства.",
    ]
    assert found.keywords == ["хандық", "дипломатия", "елшілік", "сыртқы саясат", "ханство", "посольство"]
    # The head's lines; the abstract and keywords are their sections' text, not the head's.
    assert used(ARTICLE_KK)[-1] == "ҚАЗАҚ ХАНДЫҒЫНЫҢ СЫРТҚЫ САЯСАТЫ"
    assert len(used(ARTICLE_KK)) == 6


def test_an_english_article():
    found = read_front_matter(ARTICLE_EN)
    assert found.kind == "article"
    assert found.title == "ON THE FOREIGN POLICY OF THE KAZAKH KHANATE"
    assert found.authors == ["A.B. Saparova", "N.K. Zhaksylykov"]
    assert (found.institution, found.place) == ("Al-Farabi Kazakh National University", "Almaty")
    assert found.abstracts == ["The article considers the khanate's relations with its neighbours."]
    assert found.keywords == ["khanate", "diplomacy", "embassy"]


def test_a_topic_label_a_checker_and_running_text_after_the_page():
    found = read_front_matter(COURSEWORK)
    assert found.title == "Магистрлік диссертацияға қойылатын талаптар"
    assert (found.authors, found.supervisor) == (["Сапаров А.Ж."], "Ахметов О.Н.")
    assert found.institution == "ШӘКӘРІМ АТЫНДАҒЫ СЕМЕЙ МЕМЛЕКЕТТІК УНИВЕРСИТЕТІ"
    assert (found.place, found.year) == ("Семей", 2017)
    assert not any(line.startswith("Магистрлік диссертация ғылыми") for line in used(COURSEWORK))


@pytest.mark.parametrize(
    "text",
    [
        layouts.cut(),
        layouts.word_processor(60),
        layouts.pdf(),
        "КІРІСПЕ         Бүгінгі таңда дипломатия\nМәтін",
        # An epigraph's author alone on a line is no byline; a university named in the text no title page.
        "Н.Ә. Назарбаев\n" + layouts.cut(),
        "Әл-Фараби атындағы Қазақ ұлттық университеті\n" + layouts.cut(),
    ],
    ids=["cut", "word", "pdf", "seed-like", "epigraph", "university"],
)
def test_a_text_that_starts_with_its_own_words_has_no_front_matter(text):
    found = read_front_matter(text)
    assert (found.title, found.authors, found.kind, found.lines) == ("", [], "", [])


def test_the_seed_has_no_title_page():
    from .conftest import SEED

    found = read_front_matter(SEED.read_text(encoding="utf-8"))
    assert (found.title, found.authors, found.supervisor, found.year, found.lines) == ("", [], "", None, [])


# A student's conference paper as a PDF conversion runs it: the author and the address on the title's
# line, the supervisor on the affiliation's.
PAPER = """ӘОЖ 811.512.122

ҚАЗАҚ ТІЛІНДЕГІ КІРМЕ СӨЗДЕР Нұрланова Ә. Б., nurlanova@example.kz

Абай атындағы Қазақ ұлттық педагогикалық университеті, Алматы Ғылыми жетекшісі – Қ. Сәрсенова

Жаһандану кезеңінде тілдер арасындағы байланыс күшейіп, кірме сөздердің саны артып отыр [1, 12 б.].
"""

# A journal's rubric above the byline, the author's degree before the name, the title below the affiliation.
RUBRIC = """Филологические науки/2.Казахский язык
и литература
К.ф.н. Омарова Г.Т.
Карагандинский государственный университет
Термин
и его определение в казахском языке
В статье рассматриваются основные проблемы казахской терминологии
и тенденции её развития [1].
"""

# An approval block over a guide's title; its compilers named under a label after the city and year.
APPROVED = """«Шапағат» колледжі

«Бекітемін»

Директордың орынбасары

___________Қасымова Д.Ж.

«12» қаңтар 2020 ж.

ӘДІСТЕМЕЛІК НҰСҚАУЛЫҚ

Шымкент, 2020 ж.

Дайындаған оқытушылар: А.А. Оспанова

Б.Б. Серікова

Кіріспе
"""

# A web page's keywords: the label alone on its line, the terms apart by slashes below it.
SLASHED = """Ключевые слова
ORAL SPEECH / RHETORIC / STYLISTICS
"""


def test_an_author_and_a_supervisor_run_into_other_lines():
    found = read_front_matter(PAPER)
    assert found.title == "ҚАЗАҚ ТІЛІНДЕГІ КІРМЕ СӨЗДЕР"
    assert (found.authors, found.supervisor) == (["Нұрланова Ә. Б."], "Қ. Сәрсенова")
    assert (found.institution, found.place) == ("Абай атындағы Қазақ ұлттық педагогикалық университеті", "Алматы")
    assert not any("Жаһандану" in line for line in used(PAPER))


def test_a_rubric_above_the_byline_is_not_the_title():
    found = read_front_matter(RUBRIC)
    assert found.title == "Термин и его определение в казахском языке"
    assert found.authors == ["Омарова Г.Т."]
    assert found.institution == "Карагандинский государственный университет"
    # The paragraph's first line, which a wrap left without its period, is the text's.
    assert not any(line.startswith("В статье") for line in used(RUBRIC))


def test_an_approval_block_names_no_author_and_compilers_follow_the_city():
    found = read_front_matter(APPROVED)
    assert found.title == "ӘДІСТЕМЕЛІК НҰСҚАУЛЫҚ"
    assert found.authors == ["А.А. Оспанова", "Б.Б. Серікова"]
    assert (found.institution, found.place, found.year) == ("«Шапағат» колледжі", "Шымкент", 2020)
    assert "«12» қаңтар 2020 ж." in used(APPROVED)


def test_keywords_below_their_label():
    assert read_front_matter(SLASHED).keywords == ["ORAL SPEECH", "RHETORIC", "STYLISTICS"]


# A newspaper's web article: a rubric and a date as list items, the headline in capitals, and the
# author's signature with a degree at the end.
NEWSPAPER = """• Тарих
• 12 Қыркүйек, 2021

ҚАЗАҚ ДИПЛОМАТИЯСЫНЫҢ БАСТАУЫ

Қазақ дипломатиясының тарихы ғасырлар тереңінен бастау алады. Хандық көршілерімен елшілік алмасқан.

Ерлан САПАРОВ,
тарих ғылымдарының кандидаты
"""

# A web page's headline in small letters under a date and a counter, and above them.
WEB_PAGE = """Дүйсенбі, 25 Қараша 2024
Билік 11131 0 пікір 31 Шілде, 2014 сағат 15:35

Тәуелсіздік тарихымызды қайта зерделеуді қажет етеді

Қазақ мемлекеттілігі және оның тарихы қай заманда да зерттеушілердің назарынан тыс қалған емес.
"""
COUNTED = """Шығармашылық мұра және пәнаралық зерттеу
08.12.2017
2393

Абай ғылыми-зерттеу институты «Абайдың шығармашылық мұрасы» деген тақырыпта конференция өткізді.
"""

# A paper converted from Word: the title over two lines, a byline, every paragraph hard-wrapped.
WRAPPED = """ҚАЗАҚСТАН МЕН ОРТАЛЫҚ АЗИЯ ЕЛДЕРІНІҢ
ӨҢІРЛІК ЫНТЫМАҚТАСТЫҒЫ

Д.Ж. Омарова

Орталық Азия елдерінің өңірлік ынтымақтастығы
тәуелсіздік алғаннан кейінгі алғашқы жылдардан
бастап сыртқы саясаттың басым бағыттарының бірі
болды [1]. Бұл үдеріс бірнеше кезеңнен өтті.
"""

# A journal's web page: its header and the paper's description in Russian, the title, each person's
# name over their post and affiliation.
JOURNAL_PAGE = """Статья опубликована в рамках: Научного журнала «Студенческий» № 12(224)
Рубрика журнала: Политология
Библиографическое описание:
Серікқызы А. ҚАЗАҚСТАННЫҢ ШЫҰ-ДАҒЫ РӨЛІ // Студенческий: электрон. научн. журн. 2023. № 12(224).

ҚАЗАҚСТАННЫҢ ШЫҰ-ДАҒЫ РӨЛІ

Серікқызы Аружан
студент, «Халықаралық қатынастар» факультеті, Туран университеті,
ҚР, Алматы қ.

Әбенова Гүлнар Сапарқызы
ғылыми жетекші, қауымдастырылған профессор, Туран университеті,
ҚР, Алматы қ.

АННОТАЦИЯ
Мақалада Қазақстанның ұйымдағы қызметі қарастырылады.
"""

# Bylines with degrees after the name, with an affiliation and an address, in a Latin schwa, and a
# list of authors under its label.
BYLINES = """ШОҚАН ЖӘНЕ ҚАЗАҚ ДИПЛОМАТИЯСЫ

Б.Б. Кәрібаев, т.ғ.д., профессор
Ə.Т. Жұмабаева, әл-Фараби атындағы ҚазҰУ, zhumabaeva@example.kz

Шоқан Уәлиханов 1858 жылы Қашғарияға барған сапарында көрші елдердің саяси жағдайын жазып қалдырды.
"""
AUTHORS_LISTED = """Тарихты кезеңдеудің жаңа міндеттері

Авторлар
  • Талас Омарбеков
  • Улжан Тулешова

Аннотация
Мақалада тарихты кезеңдеу мәселесі қарастырылады.
"""


def test_a_newspapers_headline_under_its_rubric_and_the_signature_at_the_end():
    found = read_front_matter(NEWSPAPER)
    assert (found.title, found.authors) == ("ҚАЗАҚ ДИПЛОМАТИЯСЫНЫҢ БАСТАУЫ", ["Ерлан САПАРОВ"])
    assert used(NEWSPAPER) == [
        "• Тарих",
        "• 12 Қыркүйек, 2021",
        "ҚАЗАҚ ДИПЛОМАТИЯСЫНЫҢ БАСТАУЫ",
        "Ерлан САПАРОВ,",
        "тарих ғылымдарының кандидаты",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (WEB_PAGE, "Тәуелсіздік тарихымызды қайта зерделеуді қажет етеді"),
        (COUNTED, "Шығармашылық мұра және пәнаралық зерттеу"),
    ],
)
def test_a_web_pages_headline_among_its_dates_and_counters(text, title):
    found = read_front_matter(text)
    assert found.title == title
    assert len(used(text)) == 3 and not any(line.startswith(("Қазақ мем", "Абай")) for line in used(text))


def test_a_title_over_a_byline_and_a_paragraph_wrapped_from_its_first_line():
    found = read_front_matter(WRAPPED)
    assert (found.title, found.authors) == (
        "ҚАЗАҚСТАН МЕН ОРТАЛЫҚ АЗИЯ ЕЛДЕРІНІҢ ӨҢІРЛІК ЫНТЫМАҚТАСТЫҒЫ",
        ["Д.Ж. Омарова"],
    )
    assert used(WRAPPED)[-1] == "Д.Ж. Омарова"


def test_a_journal_pages_header_and_the_posts_under_the_names():
    found = read_front_matter(JOURNAL_PAGE)
    assert found.title == "ҚАЗАҚСТАННЫҢ ШЫҰ-ДАҒЫ РӨЛІ"
    assert (found.authors, found.supervisor) == (["Серікқызы Аружан"], "Әбенова Гүлнар Сапарқызы")
    assert len(used(JOURNAL_PAGE)) == 11


def test_bylines_with_degrees_or_an_address_and_authors_listed_under_their_label():
    found = read_front_matter(BYLINES)
    assert (found.title, found.authors) == ("ШОҚАН ЖӘНЕ ҚАЗАҚ ДИПЛОМАТИЯСЫ", ["Б.Б. Кәрібаев"])
    assert used(BYLINES)[1:] == [
        "Б.Б. Кәрібаев, т.ғ.д., профессор",
        "Ə.Т. Жұмабаева, әл-Фараби атындағы ҚазҰУ, zhumabaeva@example.kz",
    ]
    found = read_front_matter(AUTHORS_LISTED)
    assert (found.title, found.authors) == (
        "Тарихты кезеңдеудің жаңа міндеттері",
        ["Талас Омарбеков", "Улжан Тулешова"],
    )
    assert used(AUTHORS_LISTED)[-1] == "• Улжан Тулешова"


@pytest.mark.parametrize(
    "text",
    [
        # An epigraph over the headline and a counter: no headline is told from the quotation.
        "«Бүгінгі күнді түсініп-түйсіну үшін кешегі кезеңге көз жіберуіміз керек»\nН.Ә. Назарбаев\n\n"
        "Тарихнама\n\n9226\n" + layouts.cut(),
        # A paragraph that is the text's own, whatever its first line looks like.
        "Қазақ хандығы 1465 жылы\nқұрылды. Керей мен Жәнібек хандар көршілермен келісім жасап, елшілік жүйесін"
        " қалыптастырды [1].\n",
        # A name alone closing the text is a quotation's author, no signature: a signature gives a degree or post.
        layouts.cut() + "\n\nН.Ә. Назарбаев\n",
    ],
    ids=["epigraph", "wrapped-opening", "quotation-at-the-end"],
)
def test_no_headline_where_the_page_prints_none(text):
    found = read_front_matter(text)
    assert (found.title, found.lines) == ("", [])


def test_a_list_under_its_lead_in_is_the_text_s_own_not_a_headline_over_furniture():
    text = "Жұмыстың міндеттері:\n1) елшілік байланыстарды сипаттау;\n2) ережелерді талдау;\n3) саясатын бағалау.\n"
    found = read_front_matter(text)
    assert (found.title, found.lines) == ("", [])
    # A mark before an affiliation is still the head's.
    assert read_front_matter("ЕЛШІЛІК ТАРИХЫ\nА.Б. Оспанова¹\n¹Әл-Фараби атындағы ҚазҰУ\n\nМәтін басы.").lines


def test_a_labelled_topic_over_the_text_is_the_title_without_its_label():
    """A topic its label names is the document's title even with nothing else of a title page around it."""
    text = (
        "Тақырыбы:     «ҰЛТ БОЛАШАҒЫ ЖОЛЫНДАҒЫ АЛАШ ТҰЛҒАЛАРЫ»\n\nАННОТАЦИЯ\n\n"
        "Бұл жұмыста Алаш тұлғалары туралы жазылған.\n"
    )
    found = read_front_matter(text)
    assert found.title == "ҰЛТ БОЛАШАҒЫ ЖОЛЫНДАҒЫ АЛАШ ТҰЛҒАЛАРЫ"
    assert used(text) == ["Тақырыбы:     «ҰЛТ БОЛАШАҒЫ ЖОЛЫНДАҒЫ АЛАШ ТҰЛҒАЛАРЫ»"]


def test_a_byline_whose_marks_lost_their_superscript_is_a_byline():
    text = (
        "ӘОЖ 94(574)\nҚАЗАҚ ДАЛАСЫНДАҒЫ ҚОНЫС АУДАРУ САЯСАТЫ\n1Есенова Б.Т., 2Омаров Д.К.\n"
        "1Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан\n\n"
        "Аңдатпа. Мақалада қоныс аудару саясаты қарастырылады.\n"
    )
    found = read_front_matter(text)
    assert found.authors == ["Есенова Б.Т.", "Омаров Д.К."]
    assert found.title == "ҚАЗАҚ ДАЛАСЫНДАҒЫ ҚОНЫС АУДАРУ САЯСАТЫ"


def test_authors_set_one_name_a_line_are_all_authors():
    text = (
        "ҚАЗАҚ ДАЛАСЫНДАҒЫ ҚОНЫС АУДАРУ САЯСАТЫ\nЕсенова Бағдат Төлегенқызы\nОмаров Дәурен Қайратұлы\n\n"
        "ХІХ ғасырдың соңында Ресей империясы қазақ даласына шаруаларды қоныс аударуды саясатқа айналдырды.\n"
    )
    found = read_front_matter(text)
    assert found.authors == ["Есенова Бағдат Төлегенқызы", "Омаров Дәурен Қайратұлы"]
    assert found.title == "ҚАЗАҚ ДАЛАСЫНДАҒЫ ҚОНЫС АУДАРУ САЯСАТЫ"
    assert len(line_starts(found)) == 3


def test_a_students_form_names_the_author_and_the_group():
    text = (
        "Тақырыбы: Қоныс аудару саясаты\nАты-жөні: Есенова Бағдат\nТобы: ТР-21\n\n"
        "ХІХ ғасырдың соңында Ресей империясы қазақ даласына шаруаларды қоныс аударуды саясатқа айналдырды.\n"
    )
    found = read_front_matter(text)
    assert (found.title, found.authors) == ("Қоныс аудару саясаты", ["Есенова Бағдат"])
    assert len(line_starts(found)) == 3
