"""Names written with initials, in any case and in capitals, one key per person, and the historiography list."""

import pytest

from thesis.text.names import (
    display_name,
    every_name,
    find_names,
    full_names,
    historiography_groups,
    lone_family_names,
    nominative,
    person_key,
    prose_names,
    read_people,
)


def test_every_spelling_of_one_person_has_one_key():
    forms = ["Н.Ә.Назарбаев", "Назарбаев Н.Ә", "Н.Ә Назарбаев", "Н.Ә. Назарбаев"]
    keys = {name.key for form in forms for name in find_names(form)}
    assert keys == {"назарбаев|нә"}


def test_display_form():
    assert display_name("Назарбаев", "Н.Ә") == "Н.Ә. Назарбаев"
    assert display_name("Бжезинский", "Збигнев") == "Збигнев Бжезинский"
    assert display_name("Гарден", "") == "Гарден"
    assert person_key("Сатоу", "Э.") == person_key("Сатоу", "Э")


def test_historiography_groups_from_the_reading_text():
    text = (
        "үш түрге бөледі:1. Шетелдік тарихнама- Сатоу Э, Д. Вуд., Ж.Серре.2. Ресейлік тарихнама - "
        "Холопова Т.И Лебедева М.М, Усачев И.Г 3. Отандық тарихнамаға дипломаттары – Назарбаев Н.Ә, "
        "Арыстанбекова А т.б кіреді"
    )
    groups = historiography_groups(text)
    assert {g: [n.display for n in names] for g, names in groups.items()} == {
        "foreign": ["Э. Сатоу", "Д. Вуд", "Ж. Серре"],
        "russian": ["Т.И. Холопова", "М.М. Лебедева", "И.Г. Усачев"],
        "domestic": ["Н.Ә. Назарбаев", "А. Арыстанбекова"],
    }


def test_abbreviations_are_not_names():
    assert find_names("т.б кіреді, ОА Қазақстан, ҚР Сыртқы істер") == []


def test_read_people_keeps_groups_forms_and_who_is_quoted_outside_the_listing():
    listing = "1. Шетелдік тарихнама- Сатоу Э, Д. Вуд. 2. Ресейлік тарихнама - Лебедева М.М"
    elsewhere = "Бұл туралы Э.Сатоу жазды, ал Н.Ә. Назарбаев айтты."
    people = read_people([listing, elsewhere])
    assert {key: (p.group, p.is_historiography_author, p.is_quoted) for key, p in people.items()} == {
        person_key("Сатоу", "Э"): ("foreign", True, True),
        person_key("Вуд", "Д"): ("foreign", True, False),
        person_key("Лебедева", "М.М"): ("russian", True, False),
        person_key("Назарбаев", "Н.Ә"): ("", False, True),
    }
    assert people[person_key("Сатоу", "Э")].forms == {"Сатоу Э", "Э.Сатоу"}


# Each family of case endings (and the plural) on a family name, in sentences a thesis writes.
INFLECTED = {
    "genitive": ("Ә.Х. Марғұланның еңбектерінде Сарыарқа қорғандары сипатталады.", "Марғұлан", "Ә.Х."),
    "genitive after -ов": ("Бұл М.О. Әуезовтің романында айтылады.", "Әуезов", "М.О."),
    "genitive after -ев": ("Н.Ә. Назарбаевтың жолдауы жарияланды.", "Назарбаев", "Н.Ә."),
    "genitive after -ова": ("Бұл пікір Т.И. Холопованың кітабында бар.", "Холопова", "Т.И."),
    "dative": ("Хат Қ.К. Тоқаевқа жолданды.", "Тоқаев", "Қ.К."),
    "dative after a vowel": ("Сыйлық А. Арыстанбековаға берілді.", "Арыстанбекова", "А."),
    "accusative": ("Зерттеуші Ә.Н. Бөкейхановты жиі келтіреді.", "Бөкейханов", "Ә.Н."),
    "locative": ("Ш.Ш. Уәлихановта бұл туралы жазба бар.", "Уәлиханов", "Ш.Ш."),
    "ablative": ("Бұл дерек А. Байтұрсыновтан алынды.", "Байтұрсынов", "А."),
    "ablative after a vowel": ("Үзінді Л.Н. Гумилевтен және М.М. Лебедевадан алынды.", "Гумилев", "Л.Н."),
    "instrumental": ("Елші Н.Ә. Назарбаевпен кездесті.", "Назарбаев", "Н.Ә."),
    "instrumental after a consonant": ("Ол Ә.Х. Марғұланмен бірге жұмыс істеді.", "Марғұлан", "Ә.Х."),
    "plural": ("Ш. Уәлихановтар мен А. Байтұрсыновтар заманы.", "Уәлиханов", "Ш."),
    "plural and case": ("М. Әуезовтерге арналған кеш.", "Әуезов", "М."),
}


@pytest.mark.parametrize(("sentence", "family", "initials"), INFLECTED.values(), ids=INFLECTED.keys())
def test_a_name_in_any_case_is_read_in_the_nominative(sentence, family, initials):
    first = prose_names(sentence)[0]
    assert (first.family, first.initials) == (family, initials)
    assert sentence[first.start : first.end] == first.form


def test_the_form_keeps_the_ending_the_text_wrote():
    [name] = prose_names("Бұл М.О. Әуезовтің романында айтылады.")
    assert (name.form, name.display, name.key) == ("М.О. Әуезовтің", "М.О. Әуезов", "әуезов|мо")


def test_names_in_capitals_are_read_in_title_case():
    text = "Б.Б.КӘРІБАЕВ, Ә.Н. НАЗАРБАЕВ және ТОҚАЕВ Қ.К. ҚАЗАҚСТАННЫҢ СЫРТҚЫ САЯСАТЫ"
    assert [(n.family, n.initials, n.form) for n in find_names(text)] == [
        ("Кәрібаев", "Б.Б.", "Б.Б.КӘРІБАЕВ"),
        ("Назарбаев", "Ә.Н.", "Ә.Н. НАЗАРБАЕВ"),
        ("Тоқаев", "Қ.К.", "ТОҚАЕВ Қ.К."),
    ]
    assert nominative("КӘРІБАЕВТЫҢ") == "Кәрібаев"


def test_initials_after_the_name_hyphenated_or_not():
    text = "Назарбаев Н.Ә. Қазақстан жолы. – Астана, 2006. Тоқаев Қ.-Ж.К. Дипломатия"
    assert [(n.display, n.key) for n in find_names(text)] == [
        ("Н.Ә. Назарбаев", "назарбаев|нә"),
        ("Қ.-Ж.К. Тоқаев", "тоқаев|қжк"),
    ]
    [before] = prose_names("Бұл туралы Қ.-Ж.К. Тоқаевтың кітабында айтылады.")
    assert before.key == "тоқаев|қжк"
    assert display_name("Тоқаев", "Қ.-Ж.К") == "Қ.-Ж.К. Тоқаев"


def test_every_form_of_one_person_is_one_person():
    texts = [
        "1. Отандық тарихнама - Назарбаев Н.Ә, Тоқаев Қ.К.",
        "Н.Ә. Назарбаевтың жолдауында айтылғандай, Н.Ә.НАЗАРБАЕВ бастамасы Н.Ә. Назарбаевпен бірге қолдау тапты.",
    ]
    people = read_people(texts)
    assert set(people) == {"назарбаев|нә", "тоқаев|қк"}
    nazarbayev = people["назарбаев|нә"]
    assert (nazarbayev.family, nazarbayev.group, nazarbayev.is_quoted) == ("Назарбаев", "domestic", True)
    assert nazarbayev.forms == {"Назарбаев Н.Ә", "Н.Ә. Назарбаевтың", "Н.Ә.НАЗАРБАЕВ", "Н.Ә. Назарбаевпен"}


def test_running_text_names_people_with_initials_after_them_too():
    people = read_people(["Бұл мәселені Марғұлан Ә.Х. зерттеді, кейін оны Әуезов М.О. жалғастырды."])
    assert {key: p.is_quoted for key, p in people.items()} == {"марғұлан|әх": True, "әуезов|мо": True}


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        # A capitalised word at the start of a sentence, before someone's initials: they are that person's.
        ("Алайда Ә. Бөкейханов бұл пікірмен келіспеді.", "бөкейханов|ә"),
        ("Сонымен А.Байтұрсынов әліпбиді түзді.", "байтұрсынов|а"),
        ("Ресейде А.Байтұрсыновтың еңбектері белгілі болды.", "байтұрсынов|а"),
    ],
)
def test_a_word_before_someones_initials_is_no_person(sentence, key):
    assert list(read_people([sentence])) == [key]


@pytest.mark.parametrize(
    "sentence",
    [
        "Қазақстанның ЕҚЫҰ-дағы төрағалығы 2010 жылы болды.",
        "Астанаға ТМД елдерінің басшылары келді.",
        "Мәскеуде ҚР Сыртқы істер министрлігі өкілдігі ашылды.",
        "ҚАЗАҚСТАННЫҢ СЫРТҚЫ САЯСАТЫ. Алматыда өткен кездесу.",
        "Ж. ТМД елдері туралы.",
    ],
)
def test_places_and_abbreviations_are_no_people_in_any_case(sentence):
    assert find_names(sentence) == []
    assert read_people([sentence]) == {}


def test_initials_between_two_names_are_read_as_a_list_or_as_prose_reads_them():
    listing = "Холопова Т.И Лебедева М.М"
    assert [n.display for n in find_names(listing)] == ["Т.И. Холопова", "М.М. Лебедева"]
    assert [n.display for n in every_name(listing)] == ["Т.И. Холопова", "Т.И. Лебедева", "М.М. Лебедева"]
    prose = "Бұл М.О. Әуезовтің романы."
    assert [n.display for n in find_names(prose)] == ["М.О. Бұл"]
    assert [n.display for n in prose_names(prose)] == ["М.О. Әуезов"]


def test_a_short_or_whole_name_keeps_its_letters():
    # Гар-ден and Уот-тен would be three-letter stems; Кенесар-ы a possessive no name takes.
    assert [n.family for n in find_names("Г. Гарден, Г. Уоттен және К. Кенесары")] == ["Гарден", "Уоттен", "Кенесары"]


@pytest.mark.parametrize(
    ("entry", "people"),
    [
        ("3. Попов В.И. Современная дипломатия: теория и практика. – М., 2010.", ["Попов|В.И."]),
        ("2) Ерофеева И.В. Хан Абулхаир. – Алматы: Санат, 1999.", ["Ерофеева|И.В."]),
        ("[4] Никольсон Г. Дипломатия. – М., 1941.", ["Никольсон|Г."]),
        ("1. Кляшторный С.Г., Султанов Т.И. Казахстан: летопись.", ["Кляшторный|С.Г.", "Султанов|Т.И."]),
        # A name in full, without initials, before the title: the author, his given names in full.
        ("1. Мұхаммед Хайдар Дулати. Тарих-и Рашиди. – Алматы, 2003.", ["Дулати|Мұхаммед Хайдар"]),
        ("2. Шоқан Уәлиханов. Таңдамалы. – Алматы: Жазушы, 1985.", ["Уәлиханов|Шоқан"]),
        ("6. Рысқалиқызы Ұлдай. Қазақ хандығы. – Алматы, 2004.", ["Рысқалиқызы|Ұлдай"]),
        # A title in two or three words is no name: its words take endings, or no title follows it.
        ("3. Қазақстан Республикасының Конституциясы. – Астана: Ақорда, 1995.", []),
        ("4. Қазақ Совет Энциклопедиясы. Т. 3. – Алматы, 1974.", []),
        ("5. Орталық Азия. – Алматы: Ғылым, 2003.", []),
    ],
)
def test_a_numbered_list_of_works_gives_the_initials_to_the_name_before_them(entry, people):
    """In an entry of a reference list the initials follow the family name, and the word after them is the title's."""
    assert [f"{name.family}|{name.initials}" for name in prose_names(entry)] == people


def test_a_name_an_institution_bears_is_no_person_of_the_text():
    text = "Л.Н. Гумилев атындағы Еуразия ұлттық университеті. Л.Н. Гумилев еңбектерінде айтылған."
    assert [(name.family, name.start) for name in prose_names(text)] == [("Гумилев", text.rindex("Л.Н."))]


def test_latin_look_alikes_are_read_as_the_kazakh_letters_they_stand_for():
    """A Word font's Latin ə: "ЕЛШІЛІК ДƏСТҮРЛЕРІ" holds no name, and the form stays as printed."""
    assert prose_names("ҚАЗАҚ ХАНДЫҒЫНЫҢ ЕЛШІЛІК ДƏСТҮРЛЕРІ") == []
    [name] = prose_names("Бұл туралы Б.С. Нұрланoв жазған.")  # a Latin o
    assert (name.family, name.form) == ("Нұрланов", "Б.С. Нұрланoв")


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Жоспары:\nI. Кіріспе\nII. Негізгі бөлім\nIII.Қорытынды", []),  # a plan's Roman figures
        ("І.Есенберлин жазған", ["Есенберлин|І."]),
        ("Серікқызы А. ҚАЗАҚСТАННЫҢ ШАНХАЙ ЫНТЫМАҚТАСТЫҚ ҰЙЫМЫНДАҒЫ РӨЛІ", ["Серікқызы|А."]),
        ("Мақаланы Б.Б.КӘРІБАЕВ жазған.", ["Кәрібаев|Б.Б."]),
    ],
)
def test_a_roman_figure_numbering_a_part_and_a_title_in_capitals_are_no_names(text, people):
    assert [f"{name.family}|{name.initials}" for name in prose_names(text)] == people


def test_a_name_in_full_is_a_person_when_its_given_name_is_no_word_of_the_text():
    texts = [
        "Шоқан Уәлиханов қазақ тарихын зерттеген. Бұл Назарбаевтың сөзі емес.",
        "Н.Ә. Назарбаев айтқан. Нұрсұлтан Назарбаевтың еңбегі. Кейін Уәлиханов жазды.",
        "Ресейлік Романовтар әулеті. Сонымен Бөкейханов келді. Мәскеу Ивановқа хат жазды, мәскеу емес.",
    ]
    people = read_people(texts)
    assert sorted(people) == ["назарбаев|нә", "уәлиханов|ш"]
    # Written in full, the same family name and the initial are the person named with initials.
    assert people["назарбаев|нә"].forms == {"Н.Ә. Назарбаев", "Нұрсұлтан Назарбаевтың"}
    assert people["уәлиханов|ш"].display == "Шоқан Уәлиханов"


def families(texts):
    return sorted({name.family for name in lone_family_names(texts, set())})


def test_a_family_name_written_alone_twice_is_a_person():
    text = "1906 жылдан бастап Столыпин жүргізген реформа күшейді. Столыпиннің мақсаты жер тапшылығы еді."
    assert families([text]) == ["Столыпин"]
    assert "столыпин|" in read_people([text])


def test_a_family_name_alone_in_two_texts_is_read_across_them():
    assert families(["Губернатор Неплюев хат жазды.", "Неплюев көнбеді."]) == ["Неплюев"]


@pytest.mark.parametrize(
    "text",
    [
        "Кейін Столыпин келді.",  # once only
        "Столыпин келді. Столыпин кетті.",  # only where a sentence starts
        "Делегация Ростов қаласына барды. Кейін Ростовта кездесу өтті.",  # a town
        "Ол Берлинде оқыды. Кейін Берлин университетіне түсті. Берлин университеті",
        "Бұрын ол жақын болды. Бұрын біз айттық, кейін Бұрын",  # no Russian family name's form
    ],
)
def test_a_family_name_alone_without_good_evidence_is_no_person(text):
    assert families([text]) == []


def test_a_family_name_alone_is_the_person_named_with_initials():
    people = read_people(["Н.Г. Аполлова жазды. Кейін Аполлова толықтырды, Аполлова дәлелдеді."])
    assert list(people) == ["аполлова|нг"]


def test_a_name_in_full_has_a_family_name_of_five_letters_at_least():
    text = "1757 жылы Абылай Цин империясына елшілік жіберді. Әлихан Бөкейханов жазды."
    assert [name.family for name in full_names(text, set())] == ["Бөкейханов"]
