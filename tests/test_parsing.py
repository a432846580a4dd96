"""Parsing the thesis layout into headings and paragraphs whose spans cover the whole source."""

from pathlib import Path

import pytest

from thesis.text.parsing import parse_document

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "diplomacy-thesis.kk.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_document(SEED.read_text(encoding="utf-8"))


def covered_in_order(parsed):
    spans = sorted([(h.start, h.end) for h in parsed.headings] + [(p.start, p.end) for p in parsed.paragraphs])
    position = 0
    for start, end in spans:
        assert start >= position, "spans overlap"
        assert parsed.text[position:start].strip() == "", "non-whitespace left uncovered"
        position = end
    assert parsed.text[position:].strip() == ""


def test_seed_headings(seed):
    found = [(h.kind, h.number, h.label, h.title) for h in seed.headings]
    assert found == [
        ("introduction", "", "КІРІСПЕ", "КІРІСПЕ"),
        ("subsection", "", "", "Зерттеу жұмысының дерек көздері"),
        ("chapter", "1", "1 ТАРАУ", "ДИПЛОМАТИЯ – МЕМЛЕКЕТТІК ҚЫЗМЕТТІҢ ЕРЕКШЕ ТҮРІ"),
        ("section", "1.1", "1.1", "Дипломатиялық Қызметтің Ерекшеліктері"),
    ]


def test_seed_heading_spans_are_the_printed_headings(seed):
    assert [seed.text[h.start : h.end] for h in seed.headings] == [
        "КІРІСПЕ",
        "Зерттеу  жұмысының   дерек көздері",
        "1 ТАРАУ  ДИПЛОМАТИЯ – МЕМЛЕКЕТТІК ҚЫЗМЕТТІҢ ЕРЕКШЕ ТҮРІ",
        "1.1 Дипломатиялық Қызметтің Ерекшеліктері",
    ]


def test_seed_paragraphs(seed):
    assert len(seed.paragraphs) == 11
    assert [p.heading for p in seed.paragraphs] == [0, 0, 0, 1, 1, 1, 1, 3, 3, 3, 3]
    first, last = seed.paragraphs[0], seed.paragraphs[-1]
    assert seed.text[first.start :].startswith("Бүгінгі таңда, халықаралық")
    assert seed.text[: last.end].endswith("Иракты ...........")


def test_marker_at_a_line_start_closes_the_previous_paragraph(seed):
    ends = [seed.text[p.start : p.end] for p in seed.paragraphs]
    assert ends[9].endswith("көмек көрсету, қолдау\n[7]")
    assert seed.text[seed.paragraphs[10].start :].startswith("Соңғы жылдары")


def test_a_marker_with_a_locator_at_a_line_start_closes_the_previous_paragraph_too():
    text = "  Бірінші азат жол, оның сөйлемі, жолдың соңында кесілген\n[3, 25 б.] [4; 5]   Екінші азат жол.\n"
    first, second = (text[p.start : p.end] for p in parse_document(text).paragraphs)
    assert first.endswith("кесілген\n[3, 25 б.] [4; 5]")
    assert second == "Екінші азат жол."


def test_paragraph_ending_before_an_inline_heading_keeps_its_period(seed):
    block = seed.paragraphs[6]
    assert seed.text[block.start : block.end].endswith("әдебиеттер тізімінен тұрады.")


def test_seed_spans_cover_everything_but_whitespace(seed):
    covered_in_order(seed)


@pytest.mark.parametrize(
    "text",
    [
        "жай мәтін",
        "  \n\n  бір\n\n  екі  \n",
        "КІРІСПЕ\n\n",
        "[3] басында белгі\nжалғасы",
        "1 ТАРАУ  АТАУЫ\n1.1 Бөлім   Мәтін.2.3 Тағы   бір",
        "КІРІСПЕ мәтін\r\nжалғасы\r\n   Қысқа тақырып\r\nсоңы",
    ],
)
def test_spans_cover_any_layout(text):
    covered_in_order(parse_document(text))


def test_indented_line_starts_a_paragraph_and_short_indented_line_is_a_subheading():
    parsed = parse_document("КІРІСПЕ Бір\nекі\n     Үш төрт бес алты жеті сегіз тоғыз он\n   Қысқа тақырып\nТөрт")
    assert [h.title for h in parsed.headings] == ["КІРІСПЕ", "Қысқа тақырып"]
    assert len(parsed.paragraphs) == 3


def test_a_number_after_a_sentence_that_starts_no_title_is_body_text():
    text = "Сөйлем..1 ТАРАУ " + "А" * 400 + " соңы.2 ТАРАУ  АТАУЫ"
    parsed = parse_document(text)
    assert [h.label for h in parsed.headings] == ["2 ТАРАУ"]
    covered_in_order(parsed)


# A PDF's copy with a blank line after every line: its sentences run on over the blank lines, and two
# blank lines or more stand between its paragraphs.
DOUBLE_SPACED = (
    "Алаш қозғалысы ұлт зиялыла-\n\nры тұрды. Бұл сиез «Қазақ» газетін-\n\nде тұңғыш сиез ретінде \n\n"
    "бағаланды. Торғай сиезінен кейінгі \n\nЖетісу, Орал, Ақмола облы-\n\nстық сиездері өтті.\n\n \n\n"
    "Екінші абзац мұнда басталып \n\nкелесі жолға өтеді де \n\nосы жерде аяқталады.\n"
)


def texts_of(parsed):
    return [parsed.text[p.start : p.end] for p in parsed.paragraphs]


def test_a_double_spaced_copy_reads_its_paragraphs_across_single_blank_lines():
    parsed = parse_document(DOUBLE_SPACED)
    paragraphs = texts_of(parsed)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Алаш") and paragraphs[0].endswith("сиездері өтті.")
    assert paragraphs[1].startswith("Екінші") and paragraphs[1].endswith("аяқталады.")
    covered_in_order(parsed)


def test_one_line_paragraphs_apart_by_blank_lines_stay_apart():
    """Short paragraphs that each end a sentence are no double spacing, however many there are."""
    text = "\n\n".join(f"Бұл {n}-абзац, ол бір жолдан тұрады." for n in range(1, 10))
    assert len(parse_document(text).paragraphs) == 9


def test_a_few_lines_apart_by_blank_lines_are_no_manner_of_the_text():
    text = "Бірінші жол жалғасады\n\nекінші жол\n\nүшінші."
    assert len(parse_document(text).paragraphs) == 3


def test_an_initial_at_a_line_end_before_its_marker_ends_no_paragraph():
    text = "Деректерді кейін толықтырған Қасымбаев Ж.\n[3]. Басқарма 1917 жылға дейін жұмыс істеді.\n"
    [paragraph] = parse_document(text).paragraphs
    assert (paragraph.start, paragraph.end) == (0, len(text.rstrip()))


def test_a_sentence_at_a_line_end_before_a_marker_still_ends_the_paragraph():
    text = "Деректерді кейін толықтырды.\n[3] Басқарма жұмыс істеді.\n"
    assert len(parse_document(text).paragraphs) == 2


def test_initials_at_a_line_end_before_their_family_name_end_no_paragraph():
    text = "Бұл мәселені арнайы зерттеген М.Х.\nАсылбеков салдарын көрсетті.\n"
    [paragraph] = parse_document(text).paragraphs
    assert (paragraph.start, paragraph.end) == (0, len(text.rstrip()))


def test_a_list_of_names_with_trailing_initials_is_a_line_each():
    text = "Жұмысқа қатысқан зерттеушілер Қасымбаев Ж.\nАсылбеков М.\n"
    assert len(parse_document(text).paragraphs) == 2
