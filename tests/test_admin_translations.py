"""Every string an editor sees in the admin is in Kazakh and Russian: the archive's own, Django's, its
admin's and simple-history's, checked in the catalogues and in the pages as they are rendered."""

import re
from pathlib import Path

import django
import pytest
import simple_history
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from lxml import html

from thesis.editorial import editing, replace
from thesis.ingest import import_jobs
from thesis.ingest.uploads import Upload
from thesis.models import Author, IgnoredWord, Passage, Section, Source, Thesis, TimelineEvent

from .conftest import SEED, account

LANGUAGES = ("kk", "ru")
ADMIN_LOCALE = Path(django.__file__).parent / "contrib" / "admin" / "locale"
HISTORY_TEMPLATES = Path(simple_history.__file__).parent / "templates"
# Text a reader sees or hears in attributes: tooltips, placeholders, button labels, alternatives.
VISIBLE_ATTRIBUTES = ("title", "placeholder", "alt", "aria-label")
# An English phrase has a Latin word of three letters or more that is no Roman numeral (the thesis
# prints centuries as "XVII ғ."); shorter ones are the likes of "id", and Cyrillic text is the thesis's own.
ENGLISH_WORD = re.compile(r"\b(?![IVXLCDM]+\b)[A-Za-z]{3,}")
# Placeholders are code, the same in every language.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
# Text of the rendered pages that is the same in every language, each with why: data, not interface.
SAME_IN_EVERY_LANGUAGE = {
    "aigul",  # the editor's login, shown where Django names the account
    "berik",  # the reviewer's login
    "admin",  # the administrator's login
    "English",  # the language switcher names each language in that language
    "Axes",  # django-axes, the login lockout, listed among the administrator's apps by its name
    "Editors",  # the groups' names, which the archive's code and migrations look them up by
    "Reviewers",
    "diplomacy-thesis",  # the thesis's title as the importer first gave it, from its file's name, in history
}
DATA = re.compile(
    r"^(?:"
    r"[\d\s.,:/()+−#-]+"  # numbers, dates, versions
    r"|[\w.-]+\.txt(?: \(\w+\))?"  # the source file's name, with the start of its SHA-256
    r"|\[\{.*\}\]"  # the declared structure, stored as JSON
    r")$"
)


def _unescape(value: str | None) -> str | None:
    return value if value is None else value.encode("latin-1", "backslashreplace").decode("unicode-escape")


def msgids(po: Path) -> list[tuple[str | None, str]]:
    """The (context, msgid) of each entry of a catalogue, the header left out."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields, current = {}, None
        for line in block.splitlines():
            if match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line):
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            entries.append((_unescape(fields.get("msgctxt")), _unescape(fields["msgid"])))
    return entries


def history_msgids() -> list[tuple[None, str]]:
    """simple-history's strings in its admin templates (its catalogues name no Kazakh, nor Russian as "ru")."""
    found = set()
    for template in HISTORY_TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        found |= {m.group(2) for m in re.finditer(r"""\{% trans(late)? ["']([^"']+)["'] %\}""", text)}
        found |= {
            " ".join(m.group(1).split()) for m in re.finditer(r"\{% blocktrans %\}(.+?)\{% endblocktrans %\}", text)
        }
    return [(None, msgid) for msgid in sorted(found)]


def untranslated(language: str, domain: str, entries) -> list[str]:
    """The entries that the catalogue Django builds for `language` (every app's and LOCALE_PATHS') leaves
    without a translation, or translates with the same English words."""
    if domain == "django":
        catalogue = DjangoTranslation(language)
    else:  # as the admin's jsi18n view builds it: the admin's own catalogue, then LOCALE_PATHS'
        catalogue = DjangoTranslation(language, domain=domain, localedirs=[str(ADMIN_LOCALE)])
    missing = []
    for context, msgid in entries:
        key = f"{context}\x04{msgid}" if context else msgid
        found = catalogue._catalog.get(key) or catalogue._catalog.get((key, 0))
        if not found or (found == msgid and ENGLISH_WORD.search(PLACEHOLDER.sub("", msgid))):
            missing.append(msgid if context is None else f"[{context}] {msgid}")
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_of_djangos_admin_is_translated(language, domain):
    """Django's admin and its widgets (the people picker, calendars, filters) have every string in
    Kazakh and Russian: Django's own Kazakh catalogue lacks a third of them."""
    entries = msgids(ADMIN_LOCALE / "en" / "LC_MESSAGES" / f"{domain}.po")
    assert len(entries) > 70
    assert untranslated(language, domain, entries) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_simple_historys_pages_is_translated(language):
    entries = history_msgids()
    assert ("Change reason" in {m for _, m in entries}) and len(entries) > 15
    assert untranslated(language, "django", entries) == []


@pytest.mark.parametrize(
    ("msgid", "wrong", "right"),
    [
        ("Change %s", "%s өзгету", "%s өзгерту"),
        ("Change history: %s", "Өзгерес тарихы: %s", "Өзгерістер тарихы: %s"),
        ("Change", "Өзгетру", "Өзгерту"),
        ("Date/time", "Өшіру/Уақыт", "Күні/уақыты"),
    ],
)
def test_djangos_misspellings_are_corrected_in_kazakh(msgid, wrong, right):
    """Django's Kazakh catalogue spells these wrongly ("Date/time" even as "Delete/time")."""
    with translation.override("kk"):
        assert translation.gettext(msgid) == right != wrong


def test_the_widgets_catalogue_is_served_in_kazakh(client, db):
    account("aigul")
    client.login(username="aigul", password="Қазақ-тілі-2024")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    for kazakh in ("Қолжетімді %s", "Таңдалған %s", "Бүгін", "Қаңтар"):
        assert kazakh in catalogue or kazakh.encode("unicode-escape").decode() in catalogue


# The rendered pages.


def visible_text(page: str) -> set[str]:
    """Each piece of text a reader meets on the page: text between tags, and visible attributes."""
    tree = html.document_fromstring(page)
    # A key's name (Ctrl, Enter) is printed on the keyboard, the same in every language.
    for hidden in tree.xpath("//script | //style | //template | //noscript | //kbd"):
        hidden.drop_tree()
    pieces = {" ".join(text.split()) for text in tree.xpath("//body//text()")}
    for attribute in VISIBLE_ATTRIBUTES:
        pieces |= {" ".join(value.split()) for value in tree.xpath(f"//body//@{attribute}")}
    pieces |= {" ".join(v.split()) for v in tree.xpath("//body//input[@type='submit' or @type='button']/@value")}
    return {piece for piece in pieces if piece}


def english_notes() -> set[str]:
    """The notes' English, which the admin shows beside the Kazakh whatever the interface's language."""
    fields = {Thesis: ["title_note_en", "completeness_note_en"], Author: ["note_en"], TimelineEvent: ["basis_note_en"]}
    notes = set()
    for model, names in fields.items():
        for name in names:
            notes |= {" ".join(note.split()) for note in model.objects.values_list(name, flat=True) if note}
    return notes


def english_left(english: set[str], translated: set[str], data: set[str] = frozenset()) -> set[str]:
    """The English rendering's phrases that stayed English in the translated one, data left out."""
    return {
        piece
        for piece in english & translated
        if ENGLISH_WORD.search(piece)
        and piece not in SAME_IN_EVERY_LANGUAGE
        and piece not in data
        and not DATA.match(piece)
    }


def first(model):
    return model.objects.order_by("pk").first().pk


# The repairs of a section's structure, each its own page.
REPAIRS = ("structure", "to_passage", "insert", "remove")


def editor_pages(thesis, user) -> list[str]:
    """The pages an editor works in: the index, each model's list, form and history, and the tools."""
    passage = first(Passage)
    version = Passage.history.filter(id=passage).order_by("history_id").first().history_id
    pages = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["thesis"]),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
        reverse("admin:thesis_thesis_changelist"),
        reverse("admin:thesis_thesis_change", args=[thesis.pk]),
        reverse("admin:thesis_thesis_history", args=[thesis.pk]),
        reverse("admin:thesis_thesis_suspects", args=[thesis.pk]),
        reverse("admin:thesis_thesis_suspects_bulk", args=[thesis.pk, "missing_space"]),
        reverse("admin:thesis_thesis_suspects_dismissed", args=[thesis.pk]),
        reverse("admin:thesis_thesis_suspects_ignore", args=[thesis.pk]) + "?word=Қазақстан",
        reverse("admin:thesis_thesis_suspects_ignored", args=[thesis.pk]),
        reverse("admin:thesis_thesis_import"),
        reverse("admin:thesis_thesis_replace", args=[thesis.pk]) + "?pattern=Қазақстан&replacement=Қазақстан",
        reverse("admin:thesis_passage_changelist") + "?q=дипломатия",
        reverse("admin:thesis_passage_changelist") + "?status__exact=transcribed",
        reverse("admin:thesis_passage_change", args=[passage]),
        reverse("admin:thesis_passage_history", args=[passage]),
        reverse("admin:thesis_passage_simple_history", args=[passage, version]),
        reverse("admin:thesis_replacebatch_changelist"),
        reverse("admin:thesis_passage_split", args=[passage]) + "?offset=5",
        reverse("admin:thesis_passage_merge", args=[passage]),
        reverse("admin:thesis_passage_heading", args=[passage]),
        *(reverse(f"admin:thesis_section_{what}", args=[first(Section)]) for what in REPAIRS),
    ]
    for model in (Section, Source, Author, TimelineEvent, IgnoredWord):
        name = model._meta.model_name
        pages.append(reverse(f"admin:thesis_{name}_changelist"))
        if user.has_perm(f"thesis.add_{name}"):
            pages.append(reverse(f"admin:thesis_{name}_add"))
        if model.objects.exists():
            pages.append(reverse(f"admin:thesis_{name}_change", args=[first(model)]))
            pages.append(reverse(f"admin:thesis_{name}_history", args=[first(model)]))
    return pages


def rendered(client: Client, language: str, url: str, data: dict | None = None) -> set[str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return visible_text(response.content.decode())


def english_left_on(client: Client, url: str, data: dict | None = None) -> dict[str, set[str]]:
    english = rendered(client, "en", url, data)
    found = {}
    for language in LANGUAGES:
        if left := english_left(english, rendered(client, language, url, data), english_notes()):
            found[f"{language} {url}"] = left
    return found


def import_job_pages() -> list[str]:
    """The page of an import job waiting, of one done, and of one refused (its reason in the editor's Kazakh)."""
    jobs = [import_jobs.create(Upload(SEED.name, SEED.read_bytes()), None, "en") for _ in range(2)]
    jobs.append(import_jobs.create(Upload("x.txt", b"\x00"), None, "kk"))
    for job in jobs[1:]:
        import_jobs.run(job.pk)
    return [reverse("admin:thesis_thesis_import_job", args=[job.pk]) for job in jobs]


@pytest.fixture
def batch(seed_thesis):
    editor = account("aigul")
    replace.apply(seed_thesis, "ХХI", "XXI", reason="Латын әріптері", user=editor)
    return seed_thesis.replace_batches.get()


def test_every_page_an_editor_sees_is_in_kazakh_and_russian(client, seed_thesis, batch):
    """Rendered in English and then in Kazakh and Russian, no English phrase of a page is left unchanged."""
    client.login(username="aigul", password="Қазақ-тілі-2024")
    pages = [
        *editor_pages(seed_thesis, batch.user),
        reverse("admin:thesis_replacebatch_undo", args=[batch.pk]),
        *import_job_pages(),
    ]
    left = {}
    for url in pages:
        left |= english_left_on(client, url)
    # A form refused: the error banner, the field's error.
    passage = Passage.objects.get(pk=first(Passage))
    refused = {"text": passage.text, "status": passage.status, "change_reason": "", "opened_version": passage.version}
    left |= english_left_on(client, reverse("admin:thesis_passage_change", args=[passage.pk]), refused)
    # A save refused as stale, with the editor's change carried onto the current version and a conflict
    # marked in it; then that merge put in the form.
    opened = passage.version
    editing.save_passage(passage.pk, text=passage.text + " Берік.", expected_version=opened, user=None, reason="Б")
    stale = {**refused, "text": passage.text + " Менің.", "change_reason": "Түзету"}
    left |= english_left_on(client, reverse("admin:thesis_passage_change", args=[passage.pk]), stale)
    adjust = {**stale, "opened_version": opened + 1, "_adjust_merge": "1"}
    left |= english_left_on(client, reverse("admin:thesis_passage_change", args=[passage.pk]), adjust)
    # A repair refused: the form's error and the refusal's reason.
    split = {"offset": len(passage.text), "change_reason": "себеп", "opened_version": passage.version}
    left |= english_left_on(client, reverse("admin:thesis_passage_split", args=[passage.pk]), split)
    for where, phrases in sorted(left.items()):
        print(where, sorted(phrases))
    for where, phrases in sorted(left.items()):
        print(where, sorted(phrases))
    assert left == {}


def test_every_page_a_reviewer_and_an_administrator_see_is_translated(client, seed_thesis, reviewer):
    """The review page, and the delete confirmations only an administrator reaches. (The accounts' pages
    are left out: Django stores its permissions' names in English and never translates them.)"""
    client.login(username="berik", password="Қазақ-тілі-2024")
    left = english_left_on(client, reverse("admin:thesis_thesis_review", args=[seed_thesis.pk]))
    admin = account("admin")
    admin.is_superuser = True
    admin.save()
    client.login(username="admin", password="Қазақ-тілі-2024")
    for url in (
        reverse("admin:thesis_ignoredword_delete", args=[IgnoredWord.objects.create(thesis=seed_thesis, word="ҚР").pk]),
        reverse("admin:thesis_source_delete", args=[first(Source)]),
        reverse("admin:auth_group_changelist"),
    ):
        left |= english_left_on(client, url)
    for where, phrases in sorted(left.items()):
        print(where, sorted(phrases))
    assert left == {}


def test_the_login_and_logout_pages_are_translated(client, db):
    account("aigul")
    left = english_left_on(client, reverse("admin:login"))
    client.login(username="aigul", password="Қазақ-тілі-2024")
    english = rendered(client, "en", reverse("admin:logout"), {})
    for language in LANGUAGES:
        client.login(username="aigul", password="Қазақ-тілі-2024")
        if remaining := english_left(english, rendered(client, language, reverse("admin:logout"), {})):
            left[language] = remaining
    for where, phrases in sorted(left.items()):
        print(where, sorted(phrases))
    assert left == {}


def test_english_left_finds_an_untranslated_phrase():
    """The check itself: an English phrase left is found, data and a translated phrase are not."""
    english = visible_text('<body><p>Show counts</p><p title="Toggle theme">aigul</p><p>1992</p></body>')
    kazakh = visible_text('<body><p>Show counts</p><p title="Тақырыпты ауыстыру">aigul</p><p>1992</p></body>')
    assert english_left(english, kazakh) == {"Show counts"}


def test_a_page_that_only_views_a_record_asks_for_no_reason(client, seed_thesis):
    """An editor only views a thesis: Django would print the save's fields as "Change reason: None"."""
    account("aigul")
    client.login(username="aigul", password="Қазақ-тілі-2024")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    page = client.get(reverse("admin:thesis_thesis_change", args=[seed_thesis.pk])).content.decode()
    assert "field-change_reason" not in page and "field-opened_version" not in page
    assert ">None<" not in page and 'alt="Жоқ"' in page  # not complete: the icon says so in Kazakh
    assert "Редакторлар берген тақырып" in page and "Editorial title" in page  # the note, its English beside it
