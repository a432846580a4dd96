"""Writing a synthetic corpus into the archive and clearing it: the rows an import would write."""

import pytest
from django.core.management import CommandError, call_command

from synthetic.corpus import SYNTHETIC_PREFIX
from thesis.derived.derivation import find_mentions, refresh_derived
from thesis.ingest.importer import import_bytes
from thesis.models import (
    Author,
    AuthorAlias,
    Citation,
    IgnoredWord,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from thesis.text.normalisation import reading_text

TINY_OPTIONS = {"theses": 3, "passages": 75, "events": 36, "sources": 15, "authors": 12, "verbosity": 0}
MODELS = [SourceDocument, Thesis, Section, Passage, Source, Citation, Author, AuthorAlias, Mention, TimelineEvent]


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_the_importer_reads_a_synthetic_text_as_planned(plans):
    plan = plans[0]
    thesis = import_bytes(plan.content.encode("utf-8"), "imported.txt", use_curation=False).thesis
    assert [(s.kind, s.number, s.title, s.span_start) for s in thesis.sections.order_by("order")] == [
        (s.kind, s.number, s.title, s.start) for s in plan.sections
    ]
    passages = list(thesis.passages.order_by("order"))
    assert [(p.text, p.span_start, p.span_end) for p in passages] == [(p.text, p.start, p.end) for p in plan.passages]
    for passage, planned in zip(passages, plan.passages, strict=True):
        citations = passage.citations.order_by("order").select_related("source")
        assert [(c.source.number, c.marker_start, c.sentence) for c in citations] == [
            (c.number, c.marker_start, c.sentence) for c in planned.citations
        ]
        mentions = passage.mentions.order_by("start").select_related("author")
        assert [(m.author.key, m.form, m.start) for m in mentions] == [(k, f, s) for k, f, s, _ in planned.mentions]
    authors = thesis.authors.prefetch_related("aliases")
    assert {
        (a.key, a.group, a.is_historiography_author, a.is_quoted, frozenset(x.form for x in a.aliases.all()))
        for a in authors
    } == {(a.key, a.group, True, a.is_quoted, frozenset(a.forms)) for a in plan.authors}
    stated = [e for e in plan.events if e.basis == "stated"]
    assert list(thesis.events.order_by("pk").values_list("key", "headline", "start_year", "end_year", "precision")) == [
        (e.key, e.headline, e.start[0], e.end[0], e.precision) for e in stated
    ]
    assert (thesis.declared_structure, thesis.is_complete) == (plan.declared, plan.is_complete)


@pytest.mark.django_db
def test_generate_corpus_writes_the_counts_asked_for(seed_thesis):
    before = row_counts()
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    synthetic = Thesis.objects.exclude(pk=seed_thesis.pk)
    assert synthetic.count() == 3
    assert all(t.source_document.file_name.startswith(SYNTHETIC_PREFIX) for t in synthetic)
    added = {name: count - before[name] for name, count in row_counts().items()}
    assert (added["Passage"], added["TimelineEvent"], added["Source"], added["Author"]) == (75, 36, 15, 12)
    assert added["Citation"] > 0 and added["Mention"] > 0 and added["AuthorAlias"] >= 12
    assert TimelineEvent.authors.through.objects.filter(timelineevent__thesis__in=synthetic).exists()


@pytest.mark.django_db
def test_spans_citations_and_mentions_agree_with_the_text():
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    passages = Passage.objects.select_related("thesis__source_document").prefetch_related(
        "citations__source", "mentions__author__aliases"
    )
    authors = {}
    for passage in passages:
        content = passage.thesis.source_document.content
        assert passage.original_text == content[passage.span_start : passage.span_end]
        assert passage.text == reading_text(passage.original_text)
        for citation in passage.citations.all():
            assert passage.text[citation.marker_start : citation.marker_end] == f"[{citation.source.number}]"
            assert passage.text[citation.sentence_start : citation.sentence_end] == citation.sentence
            assert citation.source.thesis_id == passage.thesis_id
        if passage.thesis_id not in authors:
            authors[passage.thesis_id] = list(Author.objects.filter(thesis=passage.thesis).prefetch_related("aliases"))
        expected = [(a.pk, f, s, e) for a, f, s, e in find_mentions(passage.text, authors[passage.thesis_id])]
        assert sorted((m.author_id, m.form, m.start, m.end) for m in passage.mentions.all()) == sorted(expected)
    for event in TimelineEvent.objects.filter(basis="stated").select_related("passage"):
        assert event.date_display in event.passage.text


@pytest.mark.django_db
def test_saving_a_synthetic_passage_derives_the_same_rows():
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    passage = Passage.objects.filter(citations__isnull=False, mentions__isnull=False).first()
    before = _derived(passage)
    refresh_derived(passage)
    assert _derived(passage) == before


def _derived(passage):
    citations = list(passage.citations.values_list("source_id", "order", "marker_start", "sentence", "sentence_start"))
    mentions = sorted(passage.mentions.values_list("author_id", "form", "start", "end"))
    return citations, mentions


@pytest.mark.django_db
def test_the_same_seed_writes_the_same_rows():
    call_command("generate_corpus", seed=5, **TINY_OPTIONS)
    first = _canonical()
    call_command("generate_corpus", seed=5, clear=True, **TINY_OPTIONS)
    assert _canonical() == first
    call_command("generate_corpus", seed=6, clear=True, **TINY_OPTIONS)
    assert _canonical() != first


def _canonical():
    """Every synthetic row without its key and timestamps, related rows named by their place."""
    theses = Thesis.objects.filter(source_document__file_name__startswith=SYNTHETIC_PREFIX).order_by(
        "source_document__file_name"
    )
    return [
        (
            thesis.source_document.file_name,
            thesis.source_document.sha256,
            thesis.title,
            thesis.kind,
            thesis.declared_structure,
            list(thesis.sections.values_list("order", "parent__order", "kind", "number", "title", "span_start")),
            list(thesis.passages.values_list("order", "section__order", "original_text", "text", "span_start")),
            list(thesis.sources.values_list("number", "title", "authors", "issued_year", "publisher")),
            list(
                Citation.objects.filter(passage__thesis=thesis)
                .order_by("passage__order", "order")
                .values_list("passage__order", "order", "source__number", "sentence", "marker_start")
            ),
            list(thesis.authors.values_list("key", "group", "is_quoted", "display_name")),
            sorted(AuthorAlias.objects.filter(author__thesis=thesis).values_list("author__key", "form")),
            sorted(
                Mention.objects.filter(passage__thesis=thesis).values_list("passage__order", "author__key", "start")
            ),
            list(
                thesis.events.order_by("key").values_list(
                    "key",
                    "passage__order",
                    "headline",
                    "start_year",
                    "start_month",
                    "start_day",
                    "end_year",
                    "precision",
                )
            ),
            sorted(
                TimelineEvent.authors.through.objects.filter(timelineevent__thesis=thesis).values_list(
                    "timelineevent__key", "author__key"
                )
            ),
        )
        for thesis in theses
    ]


@pytest.mark.django_db
def test_clear_removes_only_synthetic_theses(seed_thesis):
    seed_rows = row_counts()
    seed_passages = list(Passage.objects.values_list("pk", "text"))
    call_command("generate_corpus", seed=3, history=True, **TINY_OPTIONS)
    assert Passage.history.exclude(thesis_id=seed_thesis.pk).count() == 75
    call_command("generate_corpus", clear_only=True, verbosity=0)
    assert row_counts() == seed_rows
    assert list(Passage.objects.values_list("pk", "text")) == seed_passages
    assert not Passage.history.exclude(thesis_id=seed_thesis.pk).exists()
    assert not Thesis.history.exclude(id=seed_thesis.pk).exists()
    assert Passage.history.filter(thesis_id=seed_thesis.pk).count() == seed_rows["Passage"]


@pytest.mark.django_db
def test_clear_also_removes_what_editors_added_to_a_synthetic_thesis(seed_thesis):
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    synthetic = Thesis.objects.exclude(pk=seed_thesis.pk).first()
    IgnoredWord.objects.create(thesis=synthetic, word="сөз")
    IgnoredWord.objects.create(thesis=seed_thesis, word="сөз")
    call_command("generate_corpus", clear_only=True, verbosity=0)
    assert list(IgnoredWord.objects.values_list("thesis_id", flat=True)) == [seed_thesis.pk]
    assert not SourceDocument.objects.filter(file_name__startswith=SYNTHETIC_PREFIX).exists()


@pytest.mark.django_db
def test_history_is_written_only_when_asked():
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    assert not Passage.history.exists()
    call_command("generate_corpus", seed=3, clear=True, history=True, **TINY_OPTIONS)
    assert Passage.history.count() == 75
    assert set(Passage.history.values_list("history_change_reason", flat=True)) == {"Generated by generate_corpus"}


@pytest.mark.django_db
def test_a_second_run_without_clear_is_refused():
    call_command("generate_corpus", seed=3, **TINY_OPTIONS)
    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_corpus", seed=3, **TINY_OPTIONS)
