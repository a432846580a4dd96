"""The editorial admin through HTTP: passage page, conflicts, history and revert, sections, sources, people, events."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from thesis import editing
from thesis.models import Author, Passage, Section, Source, TimelineEvent

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def editor(db):
    call_command("create_editor", "aigul", password="Қазақ-тілі-2024")
    return User.objects.get(username="aigul")


@pytest.fixture
def client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def passage(seed_thesis):
    return Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()


def change_url(obj):
    return reverse(f"admin:thesis_{obj._meta.model_name}_change", args=[obj.pk])


def post_passage(client, passage, text, reason="Түзету", version=None, status="corrected"):
    data = {"text": text, "status": status, "change_reason": reason, "opened_version": version or passage.version}
    return client.post(change_url(passage), data, follow=True)


def test_passage_page_shows_original_beside_text_and_diffs(client, passage):
    page = client.get(change_url(passage)).content.decode()
    assert 'class="original-text"' in page and "side-by-side" in page
    assert 'name="change_reason"' in page and 'name="opened_version"' in page and 'name="status"' in page
    assert "<del>" in page and "<ins>" in page  # the reading text differs from the original
    assert "There is no previous version." in page


def test_save_with_reason_records_history_and_shows_citations(client, passage, editor):
    text = passage.text.replace(WRONG, RIGHT) + ". Жаңа сөйлем [77]."
    page = post_passage(client, passage, text, reason="Қайталанған буын").content.decode()
    passage.refresh_from_db()
    assert passage.version == 2 and passage.text == text and passage.status == "corrected"
    latest = passage.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Қайталанған буын")
    assert "Saved as version 2" in page and "[77] Жаңа сөйлем" in page
    assert f"<del>{WRONG}</del><ins>{RIGHT}</ins>" in page  # against the previous version


def test_reason_is_required(client, passage):
    page = post_passage(client, passage, "Басқа мәтін", reason="")
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    assert Passage.objects.get(pk=passage.pk).version == 1


def test_stale_save_is_refused_with_the_other_change(client, passage, editor):
    other = User.objects.create_user("berik", password="unused-password-1")
    editing.save_passage(
        passage.pk, text=passage.text + " Берік.", expected_version=1, user=other, reason="Берік түзетті"
    )
    page = post_passage(client, passage, "Менің нұсқам", version=1).content.decode()
    assert "Not saved: berik changed this passage" in page
    assert 'class="conflict"' in page and "Берік түзетті" in page and "<ins> Берік.</ins>" in page
    passage.refresh_from_db()
    assert passage.text.endswith(" Берік.") and passage.version == 2


def test_history_page_shows_whole_diffs_and_revert_restores(client, passage, editor):
    original = passage.text
    long_tail = " ".join(["ұзақ"] * 300)
    post_passage(client, passage, passage.text.replace(WRONG, RIGHT) + " " + long_tail)
    history = client.get(reverse("admin:thesis_passage_history", args=[passage.pk])).content.decode()
    assert f"<del>{WRONG}</del><ins>{RIGHT}</ins>" in history
    assert long_tail in history and "Түзету" in history and "aigul" in history
    first = passage.history.earliest()
    revert_url = reverse("admin:thesis_passage_simple_history", args=[passage.pk, first.history_id])
    confirm = client.get(revert_url).content.decode()
    assert 'name="change_reason"' in confirm and "<ins>" in confirm
    assert client.post(revert_url, {"change_reason": "", "opened_version": 2}).status_code == 200
    client.post(revert_url, {"change_reason": "Қате түзету", "opened_version": 2})
    passage.refresh_from_db()
    assert passage.text == original and passage.version == 3
    latest = passage.history.latest()
    assert latest.history_change_reason == "Reverted to version 1: Қате түзету" and latest.history_user == editor


def test_editor_cannot_add_or_delete_passages(client, passage):
    assert client.get(reverse("admin:thesis_passage_delete", args=[passage.pk])).status_code == 403
    assert client.get(reverse("admin:thesis_passage_add")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_section_title_is_editable_and_recorded(client, seed_thesis, editor):
    section = Section.objects.filter(thesis=seed_thesis, kind="section").first()
    response = client.post(
        change_url(section), {"title": "Дипломатиялық қызметтің ерекшеліктері", "change_reason": "Бас әріп"}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.title == "Дипломатиялық қызметтің ерекшеліктері"
    latest = section.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Бас әріп", editor)
    history = client.get(reverse("admin:thesis_section_history", args=[section.pk])).content.decode()
    assert "<del>Қызметтің</del><ins>қызметтің</ins>" in history


def test_sources_filter_incomplete_and_show_citing_sentences(client, seed_thesis, editor):
    source = Source.objects.get(thesis=seed_thesis, number=9)
    row = f'<a href="{change_url(source)}?_changelist_filters=incomplete%3Dyes">9</a>'
    listing = client.get(reverse("admin:thesis_source_changelist") + "?incomplete=yes").content.decode()
    assert row in listing
    page = client.get(change_url(source)).content.decode()
    sentence = source.citations.first().sentence
    assert sentence[:40] in page
    data = {
        "thesis": seed_thesis.pk,
        "number": 9,
        "status": "complete",
        "csl_type": "book",
        "title": "Дипломатический словарь",
        "authors": '[{"family": "Громыко", "given": "А. А."}]',
        "issued_year": 1984,
        "publisher": "Наука",
        "publisher_place": "Москва",
        "container_title": "",
        "page": "",
        "language": "ru",
        "note": "",
        "change_reason": "Библиография",
    }
    assert client.post(change_url(source), data).status_code == 302
    source.refresh_from_db()
    assert source.status == "complete" and source.authors[0]["family"] == "Громыко"
    assert source.history.latest().history_change_reason == "Библиография"
    listing = client.get(reverse("admin:thesis_source_changelist") + "?incomplete=yes").content.decode()
    assert row not in listing


def test_merging_authors_asks_for_confirmation(client, seed_thesis, editor):
    first = Author.objects.create(thesis=seed_thesis, key="ж|a", family_name="Жанов", display_name="А. Жанов")
    second = Author.objects.create(thesis=seed_thesis, key="ж|", family_name="Жанов", display_name="Жанов")
    url = reverse("admin:thesis_author_changelist")
    selection = {"action": "merge_authors", "_selected_action": [first.pk, second.pk]}
    page = client.post(url, selection)
    assert page.status_code == 200 and b'name="confirm"' in page.content
    assert Author.objects.filter(pk=second.pk).exists()
    client.post(url, {**selection, "confirm": "yes", "target": first.pk, "change_reason": "Бір адам"})
    assert not Author.objects.filter(pk=second.pk).exists()
    assert "Жанов" in set(first.aliases.values_list("form", flat=True))
    assert first.history.latest().history_change_reason == "Merged Жанов: Бір адам"


def event_data(seed_thesis, **changes):
    data = {
        "thesis": seed_thesis.pk,
        "passage": "",
        "headline": "Оқиға",
        "description": "",
        "date_display": "",
        "start_year": 1992,
        "start_month": "",
        "start_day": "",
        "end_year": 1992,
        "end_month": "",
        "end_day": "",
        "precision": "year",
        "basis": "stated",
        "basis_note": "",
        "change_reason": "Жаңа оқиға",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"start_month": 13}, "The month must be 1 to 12."),
        ({"start_month": 2, "start_day": 30, "precision": "day"}, "That month has no such day"),
        ({"end_year": 1991}, "The end is before the start."),
        ({"start_month": 5, "end_month": 3}, "The end is before the start."),
        ({"basis": "inferred"}, "An inferred date needs a note"),
    ],
)
def test_event_dates_are_validated(client, seed_thesis, changes, error):
    response = client.post(reverse("admin:thesis_timelineevent_add"), event_data(seed_thesis, **changes))
    assert response.status_code == 200 and error in response.content.decode()


def test_valid_event_is_saved_with_its_reason(client, seed_thesis, editor):
    data = event_data(seed_thesis, start_month=2, start_day=29, end_month=2, end_day=29, precision="day")
    assert client.post(reverse("admin:thesis_timelineevent_add"), data).status_code == 302
    event = TimelineEvent.objects.get(headline="Оқиға")
    assert (
        event.history.latest().history_change_reason == "Жаңа оқиға" and event.history.latest().history_user == editor
    )


def test_events_filter_by_century_precision_and_basis(client, seed_thesis):
    url = reverse("admin:thesis_timelineevent_changelist")
    page = client.get(url).content.decode()
    assert "XVII century" in page and "?century=17" in page
    seventeenth = client.get(url + "?century=17").content.decode()
    assert "Лабрюер" in seventeenth and "БҰҰ-ға мүше" not in seventeenth
    assert client.get(url + "?precision__exact=day&basis__exact=inferred").status_code == 200


def test_ignored_words_are_editable(client, seed_thesis):
    response = client.post(reverse("admin:thesis_ignoredword_add"), {"thesis": seed_thesis.pk, "word": "Ирактын"})
    assert response.status_code == 302
    assert seed_thesis.ignored_words.get().added_by.username == "aigul"


def test_century_filter_lists_only_centuries_with_events(client, seed_thesis):
    page = client.get(reverse("admin:thesis_timelineevent_changelist")).content.decode()
    assert "?century=21" in page and "?century=19" not in page
    twentieth = client.get(reverse("admin:thesis_timelineevent_changelist") + "?century=20").content.decode()
    assert "1992" in twentieth and "Лабрюер" not in twentieth


def test_other_records_revert_through_the_history_with_a_reason(client, seed_thesis, editor):
    section = Section.objects.filter(thesis=seed_thesis, kind="section").first()
    first = section.history.earliest()
    client.post(change_url(section), {"title": "Жаңа атау", "change_reason": "Қате"})
    revert_url = reverse("admin:thesis_section_simple_history", args=[section.pk, first.history_id])
    form = client.get(revert_url).content.decode()
    assert 'name="change_reason"' in form and first.title in form
    assert client.post(revert_url, {"title": first.title, "change_reason": ""}).status_code == 200
    client.post(revert_url, {"title": first.title, "change_reason": "Түпнұсқа атау"})
    section.refresh_from_db()
    assert section.title == first.title
    latest = section.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Түпнұсқа атау", editor)


def test_diffs_are_escaped(client, passage):
    post_passage(client, passage, passage.text + " <script>alert(1)</script>")
    page = client.get(change_url(passage)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
