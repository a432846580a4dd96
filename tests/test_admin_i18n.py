"""The admin in Kazakh, Russian and English: the user's choice, the browser's, and complete translations."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from thesis.models import Passage

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.fixture
def client(client, db):
    call_command("create_editor", "aigul", password="Қазақ-тілі-2024")
    client.force_login(User.objects.get(username="aigul"))
    return client


@pytest.mark.parametrize(
    ("language", "ours", "djangos"),
    [
        ("kk", "Жұмыстар мұрағаты", "Құпия сөзді өзгерту"),
        ("ru", "Архив работ", "Изменить пароль"),
        ("en", "Thesis archive", "Change password"),
    ],
)
def test_language_chosen_in_the_header(client, seed_thesis, language, ours, djangos):
    index = client.get(reverse("admin:index")).content.decode()
    assert 'action="/i18n/setlang/"' in index and 'name="language"' in index
    client.post("/i18n/setlang/", {"language": language, "next": reverse("admin:index")})
    page = client.get(reverse("admin:thesis_passage_changelist")).content.decode()
    assert f'<html lang="{language}"' in page and ours in page and djangos in page


def test_browser_language_is_used(client, seed_thesis):
    page = client.get(reverse("admin:index"), headers={"accept-language": "ru"}).content.decode()
    assert "Архив работ" in page and "Фрагменты" in page


def test_suspects_page_in_kazakh(client, seed_thesis):
    client.post("/i18n/setlang/", {"language": "kk"})
    page = client.get(reverse("admin:thesis_thesis_suspects", args=[seed_thesis.pk])).content.decode()
    assert "Көшірудегі күмәнді қателер" in page and "Үш рет қайталанған әріптер" in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_is_translated_and_compiled(language):
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
    assert untranslated == [] and "#, fuzzy" not in po
    with translation.override(language):
        assert translation.gettext("Reason for change") != "Reason for change"
        assert str(settings.LANGUAGES[0][1]) in {"Қазақша", "Казахский"}


@pytest.mark.parametrize(
    ("language", "panel", "queue"),
    [
        ("kk", ["Сақтап, келесі үзіндіге өту", "Пернетақта тіркесімдері", 'value="Сақтау"'], "Атқарылатын жұмыс"),
        (
            "ru",
            ["Сохранить и перейти к следующему фрагменту", "Сочетания клавиш", 'value="Сохранить"'],
            "Предстоящая работа",
        ),
    ],
)
def test_passage_page_and_work_queue_in_kazakh_and_russian(client, seed_thesis, language, panel, queue):
    client.post("/i18n/setlang/", {"language": language})
    passage = Passage.objects.get(thesis=seed_thesis, order=0)
    page = client.get(reverse("admin:thesis_passage_change", args=[passage.pk])).content.decode()
    assert all(text in page for text in panel), language
    assert queue in client.get(reverse("admin:index")).content.decode()
