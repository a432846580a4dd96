"""Names written with initials, one key per person, and the historiography list."""

from thesis.text.names import display_name, find_names, historiography_groups, person_key


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
