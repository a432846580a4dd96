"""Notes in the reader's language (thesis/text/notes.py): the rule, where the site and the API apply it,
and the migration that moved the English notes of an earlier import beside the Kazakh."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings

from thesis.models import Author, Thesis, TimelineEvent
from thesis.text.notes import note_in

MIGRATION = importlib.import_module("thesis.migrations.0013_notes_in_english_and_field_names")


@pytest.mark.parametrize(
    ("kazakh", "english", "language", "expected"),
    [
        ("Қазақша", "English", "kk", ("Қазақша", "kk")),
        ("Қазақша", "English", "ru", ("Қазақша", "kk")),  # no Russian notes: the archive's Kazakh
        ("Қазақша", "English", "en", ("English", "en")),
        ("Қазақша", "English", "en-gb", ("English", "en")),
        ("Қазақша", "", "en", ("Қазақша", "kk")),  # no English yet: the Kazakh
        ("", "English", "kk", ("English", "en")),  # no Kazakh yet: the English
        ("  ", "", "kk", ("", "")),
        ("Қазақша", "English", None, ("Қазақша", "kk")),
    ],
)
def test_a_note_in_the_readers_language(kazakh, english, language, expected):
    assert note_in(kazakh, english, language) == expected


def test_the_api_gives_both_notes(client, seed_thesis):
    wotton = seed_thesis.authors.get(family_name="Уоттен")
    body = client.get(f"/api/authors/{wotton.pk}/").json()
    assert (body["note"], body["note_en"]) == (
        "Сэр Генри Уоттон, ағылшын дипломаты.",
        "Sir Henry Wotton, English diplomat.",
    )
    assert (
        client.get(f"/api/authors/{wotton.pk}/", {"script": "latn"}).json()["note"]
        == "Ser Genri Uotton, ağylşyn diplomaty."
    )


@pytest.mark.parametrize(
    ("language", "note", "code"),
    [("kk", "Сэр Генри Уоттон, ағылшын дипломаты.", "kk"), ("ru", "Сэр Генри Уоттон", "kk"), ("en", "Sir Henry", "en")],
)
def test_the_person_page_shows_the_note_in_the_readers_language(client, seed_thesis, language, note, code):
    wotton = seed_thesis.authors.get(family_name="Уоттен")
    page = client.get(f"/people/{wotton.pk}/", {"lang": language}).content.decode()
    assert f'<p lang="{code}">{note}' in page


def test_the_timeline_says_on_what_grounds_in_the_readers_language(client, seed_thesis):
    # The API follows the browser's languages, never the admin's language cookie, which no cache keys on.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    query = {"thesis": seed_thesis.pk}
    english = client.get("/api/timeline/timelinejs/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    kazakh = client.get("/api/timeline/timelinejs/", query, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Iraq invaded Kuwait" in english and "Iraq invaded Kuwait" not in kazakh
    assert "Ирак Кувейтке" in kazakh


def test_the_migration_moves_english_notes_beside_the_kazakh(seed_thesis):
    """Before the English fields, the importer's and the curation's notes were English: a note without a
    Cyrillic letter moves to its English field; one in Kazakh, or one whose English is written, stays."""
    Thesis.objects.filter(pk=seed_thesis.pk).update(
        completeness_note="The text breaks off mid-sentence.", completeness_note_en=""
    )
    wotton = seed_thesis.authors.get(family_name="Уоттен")
    Author.objects.filter(pk=wotton.pk).update(note="Sir Henry Wotton, English diplomat.", note_en="")
    gulf = seed_thesis.events.get(key="inferred:gulf-war")
    TimelineEvent.objects.filter(pk=gulf.pk).update(basis_note="Iraq invaded Kuwait.", basis_note_en="Written.")
    MIGRATION.english_notes_beside(apps, None)
    seed_thesis.refresh_from_db()
    wotton.refresh_from_db()
    gulf.refresh_from_db()
    assert (seed_thesis.completeness_note, seed_thesis.completeness_note_en) == (
        "",
        "The text breaks off mid-sentence.",
    )
    assert seed_thesis.title_note.startswith("Редакторлар")  # Kazakh: stays
    assert (wotton.note, wotton.note_en) == ("", "Sir Henry Wotton, English diplomat.")
    assert (gulf.basis_note, gulf.basis_note_en) == ("Iraq invaded Kuwait.", "Written.")
