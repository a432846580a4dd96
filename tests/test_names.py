"""Names written with initials, one key per person, and the historiography list."""

from thesis.text.names import display_name, find_names, historiography_groups, person_key, read_people


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
