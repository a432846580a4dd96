"""Importing the seed thesis: what the text says, all or nothing, and idempotent."""

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from thesis.ingest.exceptions import ImportRefused
from thesis.ingest.importer import decode_source, import_bytes, import_file
from thesis.models import (
    Author,
    AuthorAlias,
    Citation,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from thesis.text.normalisation import reading_text

from . import layouts
from .conftest import SEED

ALL_MODELS = [Thesis, SourceDocument, Section, Passage, Source, Citation, Author, AuthorAlias, Mention, TimelineEvent]

pytestmark = pytest.mark.django_db


def row_counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_thesis_record(seed_thesis):
    assert seed_thesis.language == "kk"
    assert seed_thesis.kind == "diploma"
    assert seed_thesis.title.startswith("Дипломатиялық келіссөздердің ерекшеліктері")
    assert seed_thesis.declared_structure == [
        {"kind": "introduction"},
        {"kind": "chapter", "count": 2},
        {"kind": "conclusion"},
        {"kind": "bibliography"},
    ]
    assert not seed_thesis.is_complete
    assert "mid-sentence" in seed_thesis.completeness_note_en
    assert seed_thesis.completeness_note == (
        "Мәтін сөйлемнің ортасында үзіледі. Жоқ бөліктер: 2-тарау, қорытынды, пайдаланылған әдебиеттер тізімі."
    )
    document = seed_thesis.source_document
    assert document.sha256 == "cf59af8196d6c16e56647d03617a868fd05b800273864e743eedb35cedcfd546"
    assert document.content.encode("utf-8") == SEED.read_bytes()
    assert document.file_name == "diplomacy-thesis.kk.txt"


def test_sections_form_a_hierarchy(seed_thesis):
    sections = {s.title: s for s in seed_thesis.sections.all()}
    intro = sections["КІРІСПЕ"]
    sources_heading = sections["Зерттеу жұмысының дерек көздері"]
    chapter = sections["ДИПЛОМАТИЯ – МЕМЛЕКЕТТІК ҚЫЗМЕТТІҢ ЕРЕКШЕ ТҮРІ"]
    section = sections["Дипломатиялық Қызметтің Ерекшеліктері"]
    assert (intro.kind, intro.parent) == ("introduction", None)
    assert (sources_heading.kind, sources_heading.parent) == ("subsection", intro)
    assert (chapter.kind, chapter.number, chapter.label, chapter.parent) == ("chapter", "1", "1 ТАРАУ", None)
    assert (section.kind, section.number, section.parent) == ("section", "1.1", chapter)
    assert [s.passages.count() for s in (intro, sources_heading, chapter, section)] == [3, 4, 0, 4]


def test_passages_keep_the_original_and_derive_the_reading_text(seed_thesis):
    passages = list(seed_thesis.passages.all())
    assert len(passages) == 11
    source = seed_thesis.source_document.content
    for passage in passages:
        assert passage.original_text == source[passage.span_start : passage.span_end]
        assert passage.status == "unreviewed"
        assert passage.version == 1
    assert "т.б. жатады.Мамандар" in passages[2].text
    assert "Сатоу Э, Д. Вуд., Ж.Серре" in passages[3].text
    assert "президентіміз Н.Ә. Назарбаев жасаған" in passages[8].text


def test_rebuild_from_spans_is_byte_for_byte(seed_thesis):
    from thesis.editions.export import rebuild_original

    assert rebuild_original(seed_thesis).encode("utf-8") == SEED.read_bytes()


CITED_SENTENCES = {
    23: ["Бүгінгі таңда жаңа мемлекеттер мен одақтар ай сайын бой көтереді десе де болады"],
    3: [
        "АҚШ-тың бұл белдеудегі геостратегиялық мақсаты - бұл геосаяси кеңістікті",
        "Үшінші топқа – дипломатиялық қызмет пен келіссөздер ерекшеліктеріне арналған",
        "Қазіргі қазақ дипломатиясы сол кеңестік дипломатиядан өсіп өркендеді",
        "Қазақстан Республикасының дипломатиясы халықаралық практиканың бейбіт қүралдарының",
    ],
    5: [
        "Бұл дерек көздері ішкі саясаттың басымдылықтарын",
        "Феодалдық бытыраңқылықтың орнына келген абсолютизм, дипломатияға",
        "Тура байланыс тет а тет кейде күрделі халықаралық мәселелерді",
    ],
    9: [
        "Бұл құжаттар да Қазақстан Республикасының дипломатиялық қызметінің",
        "«Дипломатиялық сөздік» анықтамасында былай делінген",
        "бейбіт құралдарды пайдалана отырып, дипломатия сыртқы саясаттың",
        "Бұл концепцияның негізінде өз қауіпсіздігін басқалардың қауіпсіздіздігі",
    ],
    26: ["Сол кезеңде мемлекеттердің дипломатиялық қызметтерінің сипаты мен формасын"],
    4: ["Ресей үкіметі өз дипломаттарынан тарихи тенденцияларды,,"],
    28: ["Бүгінгі таңда, Қазақстан Республикасының әлемнің 130 мемлекеттерімен"],
    6: ["Төртіншіден, Қазақстанның ЕҚЫҰ (Қазақстанның ЕҚЫҰ-ға алғашқы сапары 1993 жылы болды)"],
    7: ["Ал, Қазақстанда тұрақтылыққа қол жеткізу үшін мынадай мақсаттары бар"],
}


def test_citations_of_each_number_and_the_sentences_they_close(seed_thesis):
    citations = Citation.objects.filter(passage__thesis=seed_thesis).select_related("source", "passage")
    assert Counter(c.source.number for c in citations) == {n: len(s) for n, s in CITED_SENTENCES.items()}
    for number, openings in CITED_SENTENCES.items():
        sentences = [c.sentence for c in citations if c.source.number == number]
        for sentence, opening in zip(sentences, openings, strict=True):
            assert sentence.startswith(opening), (number, sentence)
        for citation in citations:
            text = citation.passage.text
            assert text[citation.sentence_start : citation.sentence_end] == citation.sentence
            assert text[citation.marker_start : citation.marker_end] == f"[{citation.source.number}]"


def test_sentence_ends_are_exact(seed_thesis):
    endings = {
        c.source.number: c.sentence
        for c in Citation.objects.filter(passage__thesis=seed_thesis, source__number__in=[23, 26, 4, 7])
    }
    assert endings[23].endswith("түбегейлі еңсе көтеріп, құрылымын орнықтыруы үшін санаулы-ақ жылдар қажет.")
    assert endings[26].endswith("ресми қатынастардағы ақыл–ойлары мен тактларының қолданылуы» (Э.Сатоу),")
    assert endings[4].endswith("және өз тарапына одақтастарды тарту сияқты т.")
    assert endings[7].endswith("елдерге көмек көрсету, қолдау.")


def test_sources_need_bibliographic_data(seed_thesis):
    sources = list(seed_thesis.sources.all())
    assert [s.number for s in sources] == [3, 4, 5, 6, 7, 9, 23, 26, 28]
    assert {s.status for s in sources} == {"needs_data"}
    assert all(s.title == "" and s.authors == [] and s.issued_year is None for s in sources)


HISTORIOGRAPHY = {
    "foreign": {"Сатоу", "Вуд", "Серре", "Фишер", "Юри"},
    "russian": set(
        "Борунков Захарова Коновалова Загорский Лебедева Исраэлян Камбон Ковалев Карягин Левин Матвеев "
        "Молочков Холопова Усачев Челядинский".split()
    ),
    "domestic": {"Назарбаев", "Тоқаев", "Гаджиев", "Гизатов", "Арыстанбекова"},
}


def test_three_historiography_groups_and_who_is_in_each(seed_thesis):
    for group, families in HISTORIOGRAPHY.items():
        members = Author.objects.filter(thesis=seed_thesis, group=group)
        assert {a.family_name for a in members} == families
        assert all(a.is_historiography_author for a in members)


def test_one_person_however_the_text_writes_the_name(seed_thesis):
    nazarbayev = Author.objects.get(thesis=seed_thesis, family_name="Назарбаев")
    assert nazarbayev.display_name == "Н.Ә. Назарбаев"
    assert nazarbayev.roles == ["historiography", "quoted"]
    assert set(nazarbayev.aliases.values_list("form", flat=True)) == {
        "Н.Ә.Назарбаев",
        "Назарбаев Н.Ә",
        "Н.Ә Назарбаев",
        "Н.Ә. Назарбаев",
    }
    assert nazarbayev.mentions.count() == 4
    assert Author.objects.filter(thesis=seed_thesis, family_name="Лебедева").count() == 1
    assert Author.objects.get(thesis=seed_thesis, family_name="Лебедева").mentions.count() == 2


def test_name_broken_by_the_line_cut_is_joined(seed_thesis):
    wood = Author.objects.get(thesis=seed_thesis, family_name="Вуд")
    assert (wood.given_names, wood.group) == ("Д.", "foreign")
    assert list(wood.aliases.values_list("form", flat=True)) == ["Д. Вуд"]


QUOTED = "Н.Ә. Назарбаев, Э. Сатоу, Г. Мартене, Гарден, Збигнев Бжезинский, Генри Уоттен, Жан Лабрюер"


def test_quoted_people(seed_thesis):
    quoted = Author.objects.filter(thesis=seed_thesis, is_quoted=True)
    assert {a.display_name for a in quoted} == set(QUOTED.split(", "))
    assert Author.objects.get(thesis=seed_thesis, family_name="Мартене").group == ""
    assert Author.objects.count() == 30


EVENTS = [
    ("XVI-XVII ғғ.", 1501, 1700, "century", "stated"),
    ("XVII ғ.", 1601, 1700, "century", "stated"),
    ("", 1604, 1604, "year", "inferred"),
    ("", 1990, 1991, "range", "inferred"),
    ("", 1991, 1991, "day", "inferred"),
    ("1992ж", 1992, 1992, "year", "stated"),
    ("1992 ж 2 наурызда", 1992, 1992, "day", "stated"),
    ("БҰҰ Бас Ассамблеясының 47 сессиясы", 1992, 1992, "day", "inferred"),
    ("1993 жылы", 1993, 1993, "year", "stated"),
    ("1996ж", 1996, 1996, "year", "stated"),
    ("ХХI ғасырда", 2001, 2100, "century", "stated"),
]


def test_every_dated_statement_is_an_event(seed_thesis):
    events = list(seed_thesis.events.all())
    assert [(e.date_display, e.start_year, e.end_year, e.precision, e.basis) for e in events] == EVENTS
    un = next(e for e in events if e.date_display == "1992 ж 2 наурызда")
    assert (un.start_month, un.start_day) == (3, 2)
    assert un.headline == "Қазақстан Республикасы БҰҰ-ға мүше болды"
    assert "БҰҰ-на мүше болып" in un.description and un.passage.text.find(un.description) >= 0
    for event in events:
        assert event.headline
        if event.basis == "inferred":
            assert event.basis_note and event.passage is not None
    labruyere = next(e for e in events if e.date_display == "XVII ғ.")
    assert [a.family_name for a in labruyere.authors.all()] == ["Лабрюер"]


def test_import_is_recorded_in_history(seed_thesis):
    passage = seed_thesis.passages.first()
    [record] = passage.history.all()
    assert record.history_change_reason == "Imported from diplomacy-thesis.kk.txt"


HISTORY_MODELS = [Thesis, Section, Passage, Source, Author, TimelineEvent]


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda model: model.__name__)
def test_an_import_writes_one_history_record_per_record_created(seed_thesis, model):
    assert model.history.count() == model.objects.count() > 0
    records = model.history.values_list("history_type", "version").distinct()
    assert set(records) == {("+", 1)}
    assert set(model.history.values_list("id", flat=True)) == set(model.objects.values_list("pk", flat=True))


def test_the_history_record_of_an_event_holds_its_people_as_imported(seed_thesis):
    events = TimelineEvent.objects.filter(authors__isnull=False).distinct()
    assert events.exists()
    for event in events:
        [record] = event.history.all()
        assert record.headline == event.headline
        assert {link.author_id for link in record.authors.all()} == set(event.authors.values_list("pk", flat=True))


def test_second_import_changes_nothing(seed_thesis):
    before = row_counts()
    result = import_file(SEED)
    assert not result.created and result.thesis == seed_thesis
    assert row_counts() == before


def test_second_import_keeps_an_editors_correction(seed_thesis):
    passage = seed_thesis.passages.get(order=2)
    passage.text = passage.text.replace("қауіпсіздіздігі", "қауіпсіздігі")
    passage.status = Passage.Status.CORRECTED
    passage.save()
    event = seed_thesis.events.get(date_display="1993 жылы")
    event.headline = "Түзетілген тақырып"
    event.save()
    before = row_counts()
    import_file(SEED)
    passage.refresh_from_db()
    event.refresh_from_db()
    assert "қауіпсіздіздігі" not in passage.text and passage.status == "corrected"
    assert event.headline == "Түзетілген тақырып"
    assert row_counts() == before


def test_second_import_restores_a_missing_curated_record_only(seed_thesis):
    seed_thesis.events.get(key="inferred:gulf-war").delete()
    seed_thesis.events.get(key="inferred:wotton-ambassador").delete()
    result = import_file(SEED)
    assert result.counts == {"people_added": 0, "events_added": 2, "notes_completed": 0}
    restored = seed_thesis.events.get(key="inferred:wotton-ambassador")
    [record] = restored.history.all()
    assert record.history_type == "+" and record.authors.count() == restored.authors.count() == 1


def test_second_import_gives_english_notes_their_kazakh(seed_thesis):
    """A thesis imported when its notes were English (the migration moved them to the English fields)
    gets the curated Kazakh beside them; a note an editor wrote stays as it is."""
    wotton = seed_thesis.authors.get(family_name="Уоттен")
    Author.objects.filter(pk=wotton.pk).update(note="", note_en="Sir Henry Wotton, English diplomat.")
    event = seed_thesis.events.get(key="inferred:gulf-war")
    TimelineEvent.objects.filter(pk=event.pk).update(basis_note="Редактордың ескертпесі", basis_note_en="")
    result = import_file(SEED)
    assert result.counts["notes_completed"] == 1
    wotton.refresh_from_db()
    event.refresh_from_db()
    assert (wotton.note, wotton.note_en) == (
        "Сэр Генри Уоттон, ағылшын дипломаты.",
        "Sir Henry Wotton, English diplomat.",
    )
    assert (event.basis_note, event.basis_note_en) == ("Редактордың ескертпесі", "")
    assert import_file(SEED).counts["notes_completed"] == 0


def test_the_command_reports_once_and_is_idempotent(capsys, caplog):
    call_command("import_thesis", str(SEED))
    call_command("import_thesis", str(SEED))
    out = capsys.readouterr().out
    assert "Imported thesis" in out and "11 passages" in out
    # The console shows the thesis logger too: a logged summary would print it a second time.
    assert out.count("Imported") == 1 and not [r for r in caplog.records if r.name.startswith("thesis")]
    assert "already imported" in out and "nothing changed" in out
    assert Thesis.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Қазақстан".encode("utf-16"), "not UTF-8"),
        ("Қазақстан".encode("cp1251", errors="replace") + b"\xaa\xba", "not UTF-8"),
        (b"text with a bell \x07 inside", "control characters"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(data, message):
    with pytest.raises(ImportRefused, match=message):
        import_bytes(data, "bad.txt")
    assert all(count == 0 for count in row_counts().values())


def test_absurdly_large_input_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportRefused, match="the limit is 1,000"):
        import_bytes(b"a" * 1001, "large.txt")
    assert decode_source(b"a" * 1000) == "a" * 1000
    assert Thesis.objects.count() == 0


def test_command_error_names_the_problem(tmp_path):
    bad = tmp_path / "thesis.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="nothing was written: the file is binary"):
        call_command("import_thesis", str(bad))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_thesis", str(tmp_path / "missing.txt"))
    assert Thesis.objects.count() == 0


def test_a_failure_midway_rolls_everything_back(tmp_path):
    curation = tmp_path / "broken.curation.json"
    curation.write_text(
        '{"source_sha256": "cf59af8196d6c16e56647d03617a868fd05b800273864e743eedb35cedcfd546",'
        ' "events": [{"date": "1066 жылы", "headline": "Жоқ оқиға"}]}',
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="does not print"):
        import_file(SEED, curation_path=curation)
    assert all(count == 0 for count in row_counts().values())


MARKED = (
    "КІРІСПЕ\n"
    "  Бірінші дерек айтылған [1, 25 б.]. Екінші дерек [1, с. 25; 4]. Үшінші дерек [1-3]\n"
    "  Төртінші дерек [3,185-231] бесінші [5, т. 2, 45 б.] мен [2, 45 p.] аударма [sic] дерек [Аударма].\n"
)


def test_markers_of_every_form_are_imported_as_citations_with_their_locators():
    thesis = import_bytes(MARKED.encode(), "marked.txt", use_curation=False).thesis
    citations = Citation.objects.filter(passage__thesis=thesis).order_by("passage__order", "order")
    assert [(c.source.number, c.locator) for c in citations] == [
        (1, "25 б."),
        (1, "с. 25"),
        (4, None),
        (1, None),
        (2, None),
        (3, None),
        (3, "185-231"),
        (5, "т. 2, 45 б."),
        (2, "45 p."),
    ]
    assert sorted(thesis.sources.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert [c.sentence for c in citations[:2]] == ["Бірінші дерек айтылған", "Екінші дерек"]


def test_import_without_curation_still_derives_everything():
    thesis = import_file(SEED, use_curation=False).thesis
    assert thesis.title == "diplomacy-thesis"
    assert thesis.events.count() == 7
    assert thesis.authors.count() == 26
    assert Citation.objects.filter(passage__thesis=thesis).count() == 17


def test_a_person_in_any_case_and_in_capitals_is_one_author_in_the_nominative():
    text = (
        "КІРІСПЕ\n"
        "  Н.Ә. Назарбаевтың жолдауы [1] жарияланды.\n"
        "  Сонымен Н.Ә.НАЗАРБАЕВ елшілермен кездесті, елшілер Н.Ә. Назарбаевпен келісті.\n"
        "  Бұл туралы Назарбаев Н.Ә. және М.О. Әуезовтің еңбектерінде айтылады.\n"
    )
    thesis = import_bytes(text.encode(), "cases.txt", use_curation=False).thesis
    assert sorted(thesis.authors.values_list("key", "family_name", "display_name", "is_quoted")) == [
        ("назарбаев|нә", "Назарбаев", "Н.Ә. Назарбаев", True),
        ("әуезов|мо", "Әуезов", "М.О. Әуезов", True),
    ]
    nazarbayev = thesis.authors.get(key="назарбаев|нә")
    forms = ["Н.Ә. Назарбаевтың", "Н.Ә.НАЗАРБАЕВ", "Н.Ә. Назарбаевпен", "Назарбаев Н.Ә."]
    assert sorted(nazarbayev.aliases.values_list("form", flat=True)) == sorted(forms)
    assert sorted(nazarbayev.mentions.values_list("form", flat=True)) == sorted(forms)


# What a line break stands for, decided per document --------------------------------------------------


def test_the_seed_is_read_as_cut_at_every_period(seed_thesis):
    assert seed_thesis.line_breaks == Thesis.LineBreaks.LOST_PERIOD
    passage = seed_thesis.passages.get(order=0)
    assert passage.text == reading_text(passage.original_text)


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        (layouts.word_processor(60), " ".join(layouts.PROSE)),
        (layouts.word_processor(80), " ".join(layouts.PROSE)),
        # A word hyphenated at a line end, its suffix on the next line, is read whole.
        (layouts.pdf(), " ".join(layouts.PROSE)),
    ],
    ids=["word-60", "word-80", "pdf"],
)
def test_a_hard_wrapped_document_gets_no_period_inside_a_sentence(text, prose):
    result = import_bytes(text.encode(), "wrapped.txt", use_curation=False)
    thesis = result.thesis
    assert thesis.line_breaks == Thesis.LineBreaks.WRAP == result.decision.layout
    passages = list(thesis.passages.order_by("order"))
    # Each passage is a stretch of the prose as written: a period put at a line break would break it.
    assert len(passages) >= 3 and all(passage.text in prose for passage in passages)


def test_a_cut_document_gets_its_periods_back():
    thesis = import_bytes(layouts.cut().encode(), "cut.txt", use_curation=False).thesis
    assert thesis.line_breaks == Thesis.LineBreaks.LOST_PERIOD
    assert [passage.text + "." for passage in thesis.passages.order_by("order")] == layouts.PROSE


def test_verse_keeps_its_lines():
    thesis = import_bytes(layouts.VERSE.encode(), "verse.txt", use_curation=False).thesis
    assert thesis.line_breaks == Thesis.LineBreaks.LINE
    first = thesis.passages.order_by("order").first()
    assert first.text == "Өлең – сөздің патшасы, сөз сарасы,\nҚиыннан қиыстырар ер данасы."


def test_the_layout_the_caller_chooses_overrides_the_text_s():
    result = import_bytes(
        layouts.word_processor().encode(), "forced.txt", use_curation=False, line_breaks="lost-period"
    )
    assert result.decision.layout == Thesis.LineBreaks.WRAP
    assert result.thesis.line_breaks == Thesis.LineBreaks.LOST_PERIOD
    assert ". " in result.thesis.passages.order_by("order").first().text.split("бастады. ")[1]


def test_the_command_reads_line_breaks_as_told(tmp_path, capsys):
    path = tmp_path / "wrapped.txt"
    path.write_text(layouts.word_processor(), encoding="utf-8")
    call_command("import_thesis", str(path), "--no-curation", "--line-breaks", "line")
    thesis = Thesis.objects.get()
    assert thesis.line_breaks == Thesis.LineBreaks.LINE
    assert "\n" in thesis.passages.order_by("order").first().text
    out = capsys.readouterr().out
    assert "Line breaks read as line (the text says wrap); rule 'wrap'" in out


def test_the_command_refuses_an_unknown_reading_of_line_breaks(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_thesis", str(SEED), "--line-breaks", "period")
    assert not Thesis.objects.exists()


@pytest.fixture
def listed(db):
    """A work with a reference list, imported."""
    return import_bytes(layouts.REFERENCE_LIST.encode(), "reference-list.kk.txt", use_curation=False).thesis


def test_a_reference_list_becomes_the_sources(listed):
    sources = {source.number: source for source in listed.sources.all()}
    assert sorted(sources) == [1, 2, 3, 4, 5, 7]
    book = sources[1]
    assert (book.csl_type, book.title, book.authors) == (
        "book",
        "Қазақстан жолы",
        [{"family": "Назарбаев", "given": "Н.Ә."}],
    )
    assert (book.publisher_place, book.publisher, book.issued_year, book.language) == ("Астана", "Елорда", 2007, "kk")
    assert book.raw == "Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007. – 372 б."
    article = sources[2]
    assert (article.csl_type, article.container_title, article.page) == ("article-journal", "Қазақстан тарихы", "25-31")
    # A wrapped entry is kept with its line break, and read as one.
    assert (
        sources[3].raw
        == "Ерофеева И.В. Хан Абулхаир: полководец, правитель и политик. –\nАлматы: Санат, 1999. – 336 с."
    )
    assert (sources[3].publisher, sources[3].issued_year) == ("Санат", 1999)
    assert sources[5].language == "en"
    complete = {number for number, source in sources.items() if source.status == Source.Status.COMPLETE}
    assert complete == {1, 2, 3, 5}


def test_an_entry_not_read_is_kept_as_printed_and_left_for_an_editor(listed):
    unread = listed.sources.get(number=4)
    assert unread.status == Source.Status.NEEDS_DATA
    assert unread.raw == "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе"
    assert (unread.title, unread.csl_type, unread.issued_year) == ("", "", None)


def test_a_number_cited_but_not_listed_still_makes_a_source_needing_data(listed):
    unlisted = listed.sources.get(number=7)
    assert (unlisted.status, unlisted.raw, unlisted.title) == (Source.Status.NEEDS_DATA, "", "")
    assert unlisted.history.get().history_change_reason == "Cited as [7] in the text"


def test_citations_link_to_the_listed_sources_by_number(listed):
    cited = [(c.source.number, c.locator) for c in Citation.objects.filter(passage__thesis=listed).order_by("pk")]
    # "[1-3]" cites three sources, "[3,185-231]" pages 185-231 of the third.
    assert cited == [(1, "25 б."), (1, None), (2, None), (3, None), (3, "185-231"), (4, None), (7, None)]
    assert not listed.sources.get(number=5).citations.exists()


def test_each_listed_source_has_one_history_record_of_the_import(listed):
    for source in listed.sources.all():
        assert [record.history_type for record in source.history.all()] == ["+"]
    assert listed.sources.get(number=1).history.get().history_change_reason == "Imported from reference-list.kk.txt"


def test_a_reference_list_a_second_time_changes_nothing(listed):
    before = row_counts()
    result = import_bytes(layouts.REFERENCE_LIST.encode(), "reference-list.kk.txt", use_curation=False)
    assert not result.created
    assert row_counts() == before


def test_a_list_numbered_in_brackets_cites_nothing_itself(db):
    text = re.sub(r"(?m)^(\d)\. ", r"[\1] ", layouts.REFERENCE_LIST)
    thesis = import_bytes(text.encode(), "bracketed-list.kk.txt", use_curation=False).thesis
    assert sorted(thesis.sources.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 7]
    assert thesis.sources.get(number=1).raw.startswith("Назарбаев Н.Ә.")
    cited = [c.source.number for c in Citation.objects.filter(passage__thesis=thesis).order_by("pk")]
    assert cited == [1, 1, 2, 3, 3, 4, 7]
    assert not Citation.objects.filter(passage__section__kind="bibliography").exists()


# A diploma work as converted from Word: a title page, then its introduction.
TITLE_PAGE = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҒЫЛЫМ ЖӘНЕ ЖОҒАРЫ БІЛІМ МИНИСТРЛІГІ
ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ
Халықаралық қатынастар факультеті

                 Сейткали Айгерім Нұрланқызы

        «ҚАЗАҚ ХАНДЫҒЫНЫҢ ДИПЛОМАТИЯСЫ»

              ДИПЛОМДЫҚ ЖҰМЫС

5В020200 – Халықаралық қатынастар

Орындаған:                  Сейткали А.
Ғылыми жетекші:    т.ғ.к., доцент Әбенова Г.

                Алматы, 2019 ж.

КІРІСПЕ
"""


def title_page_document() -> str:
    return TITLE_PAGE + layouts.word_processor(72)


def test_a_title_page_gives_the_thesis_its_fields():
    thesis = import_bytes(title_page_document().encode(), "scan-0412.txt", use_curation=False).thesis
    assert thesis.title == "ҚАЗАҚ ХАНДЫҒЫНЫҢ ДИПЛОМАТИЯСЫ" != "scan-0412"
    assert thesis.author_names == ["Сейткали Айгерім Нұрланқызы"]
    assert (thesis.supervisor, thesis.institution) == ("Әбенова Г.", "ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ")
    assert (thesis.place, thesis.year, thesis.kind) == ("Алматы", 2019, Thesis.Kind.DIPLOMA)


def test_the_title_page_lines_are_furniture_each_kept_as_printed():
    text = title_page_document()
    thesis = import_bytes(text.encode(), "scan-0412.txt", use_curation=False).thesis
    furniture = list(thesis.passages.filter(role=Passage.Role.FURNITURE).order_by("order"))
    page = [line.strip() for line in TITLE_PAGE.split("КІРІСПЕ")[0].splitlines() if line.strip()]
    assert [passage.original_text for passage in furniture] == page
    assert all(text[p.span_start : p.span_end] == p.original_text for p in furniture)
    own = " ".join(thesis.passages.filter(role=Passage.Role.TEXT).values_list("text", flat=True))
    assert "Орындаған" not in own and "Әбенова" not in own and "2019" not in own
    # No year of the title page is an event of the text, and no name on it a person the text names.
    assert not thesis.events.filter(start_year=2019).exists()
    assert not thesis.authors.filter(family_name__in=["Сейткали", "Әбенова"]).exists()
    assert thesis.sections.first().kind == "untitled"


def test_a_curation_wins_over_the_title_page(tmp_path):
    import json

    data = title_page_document().encode()
    curation = {
        "source_sha256": SourceDocument.digest(data),
        "thesis": {"title": "Қазақ хандығының дипломатиясы", "supervisor": "Әбенова Гүлнар", "year": 2020},
    }
    path = tmp_path / "x.curation.json"
    path.write_text(json.dumps(curation, ensure_ascii=False), encoding="utf-8")
    thesis = import_bytes(data, "scan-0412.txt", curation_path=path).thesis
    assert (thesis.title, thesis.supervisor, thesis.year) == ("Қазақ хандығының дипломатиясы", "Әбенова Гүлнар", 2020)
    assert thesis.place == "Алматы"  # what the curation does not give is still read


def test_the_seed_reads_no_title_page(seed_thesis):
    assert (seed_thesis.author_names, seed_thesis.supervisor, seed_thesis.institution) == ([], "", "")
    assert (seed_thesis.place, seed_thesis.year, seed_thesis.abstract, seed_thesis.keywords) == ("", None, "", [])
    assert not seed_thesis.passages.filter(role=Passage.Role.FURNITURE, order__lt=3).exists()


def test_a_title_longer_than_its_field_is_cut():
    line = " ".join(["ДИПЛОМАТИЯЛЫҚ"] * 10)
    title = "«" + "\n".join([line] * 6) + "»"
    text = TITLE_PAGE.replace("«ҚАЗАҚ ХАНДЫҒЫНЫҢ ДИПЛОМАТИЯСЫ»", title) + layouts.word_processor(72)
    thesis = import_bytes(text.encode(), "long.txt", use_curation=False).thesis
    assert len(thesis.title) == Thesis._meta.get_field("title").max_length
    assert thesis.title.startswith("ДИПЛОМАТИЯЛЫҚ ДИПЛОМАТИЯЛЫҚ")
