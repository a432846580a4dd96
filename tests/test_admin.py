"""The editorial admin through HTTP: passage page, conflicts, history and revert, sections, sources, people, events."""

import re
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesis.derived.suspects import find_suspects
from thesis.editorial import editing
from thesis.ingest.importer import import_bytes
from thesis.models import Author, Passage, Section, Source, TimelineEvent
from thesis.proofing import progress

from . import layouts
from .admin_forms import form_data, form_fields, page_forms
from .conftest import synthetic_thesis

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


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
    # Against the reading text of the original, which is what an unedited passage holds.
    assert "No change: the text is the reading text of the original." in page
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


def test_a_reason_too_long_is_refused_with_its_limit_never_cut(client, passage):
    page = client.get(change_url(passage)).content.decode()
    reason_input = re.search(r'<input[^>]*name="change_reason"[^>]*>', page).group()
    # The browser's maxlength would stop the typing, or cut a pasted reason, without a word.
    assert "maxlength" not in reason_input and 'data-max-length="100"' in reason_input
    assert "at most 100 characters" in page
    assert "thesis/drafts.js" in page and 'id="draft-banner"' in page  # drafts kept, and offered back
    long_reason = "Түзету " * 20  # 140 characters, 139 once stripped
    page = post_passage(client, passage, "Менің нұсқам", reason=long_reason).content.decode()
    assert "At most 100 characters: this reason has 139. Shorten it." in page
    assert "Менің нұсқам" in page and long_reason.strip() in page  # both still in the form
    assert Passage.objects.get(pk=passage.pk).version == 1
    post_passage(client, passage, "Менің нұсқам", reason="ә" * 100)
    assert Passage.objects.get(pk=passage.pk).history.latest("history_id").history_change_reason == "ә" * 100


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


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_conflict_tells_its_time_in_the_archives_time_zone_on_a_24_hour_clock(client, passage, language):
    other = User.objects.create_user("berik", password="unused-password-1")
    editing.save_passage(passage.pk, text=passage.text + " Б.", expected_version=1, user=other, reason="Берік")
    when = Passage.history.filter(id=passage.pk).latest("history_id").history_date
    local = when.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d %H:%M")
    data = {"text": "Менің нұсқам", "status": "corrected", "change_reason": "Түзету", "opened_version": 1}
    page = client.post(change_url(passage), data, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    # In the refusal and in the list of the changes since: history keeps UTC, five hours behind Almaty.
    assert page.count(local) == 2
    assert when.astimezone(UTC).strftime("%Y-%m-%d %H:%M") not in page


def carried_form(page: str) -> dict[str, list[str]]:
    """The fields of the conflict box's merge, as its buttons post them."""
    [form] = [form for form in page_forms(page) if form.get("id") == "carried-edit"]
    return form_fields(form)


def refused_with_a_merge(client, passage, mine: str, theirs: str, reason="Түзету"):
    """Berik saves `theirs` after the editor opened version 1; the editor's `mine` is refused."""
    other = User.objects.get_or_create(username="berik")[0]
    editing.save_passage(passage.pk, text=theirs, expected_version=1, user=other, reason="Берік түзетті")
    return post_passage(client, passage, mine, reason=reason, version=1).content.decode()


def test_a_refused_change_of_other_words_is_merged_and_saved_in_one_click(client, passage, editor):
    original = passage.text
    mine, theirs = original.replace(WRONG, RIGHT, 1), original + " Берік."
    page = refused_with_a_merge(client, passage, mine, theirs, reason="Қайталанған буын")
    assert "Not saved: berik changed this passage" in page and 'id="carried-edit"' in page
    assert "the merged text keeps both" in page and "conflict-words" not in page
    assert f"<del>{WRONG}</del><ins>{RIGHT}</ins>" in page  # from the current text to the merged one
    fields = carried_form(page)
    assert fields == {
        "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
        "text": [mine + " Берік."],
        "status": ["corrected"],
        "change_reason": ["Қайталанған буын"],
        "opened_version": ["2"],
    }

    saved = client.post(change_url(passage), fields, follow=True).content.decode()

    assert "Saved as version 3" in saved
    passage.refresh_from_db()
    assert (passage.text, passage.version, passage.status) == (mine + " Берік.", 3, "corrected")
    latest = passage.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (editor, "Қайталанған буын")


def test_words_both_changed_are_marked_as_conflicts_and_keep_the_editors(client, passage):
    original = passage.text
    mine = original.replace(WRONG, RIGHT, 1) + " Менің сөйлемім."
    theirs = original.replace(WRONG, "қауіпсіздік", 1)
    page = refused_with_a_merge(client, passage, mine, theirs)
    assert "In 1 place you both changed the same words differently: your words were kept there." in page
    label = "Conflict: both of you changed these words; yours are kept here."
    assert (
        f'<mark class="conflict-words" title="{label}"><span class="visually-hidden" lang="en">{label} </span>'
        f"<del>қауіпсіздік</del><ins>{RIGHT}</ins></mark>"
    ) in page
    assert "<ins> Менің сөйлемім.</ins>" in page  # the editor's other change, no conflict
    assert carried_form(page)["text"] == [mine]  # the editor's words where both changed them

    # Put in the form instead, to adjust: shown at the current version, with the reason, and not saved.
    adjust = client.post(change_url(passage), {**carried_form(page), "_adjust_merge": "1"})
    shown = form_data(adjust.content.decode())
    assert adjust.status_code == 200 and "The merged text is in the form, at the current version" in (
        adjust.content.decode()
    )
    assert (shown["text"], shown["opened_version"], shown["change_reason"]) == ([mine], ["2"], ["Түзету"])
    assert Passage.objects.get(pk=passage.pk).version == 2
    shown["text"] = [mine.replace(RIGHT, "қауіпсіздігі (түзетілді)", 1)]
    assert client.post(change_url(passage), shown).status_code == 302
    assert Passage.objects.get(pk=passage.pk).text == shown["text"][0]


def test_a_merge_saved_after_yet_another_save_is_refused_and_offered_again(client, passage):
    original = passage.text
    mine = original.replace(WRONG, RIGHT, 1)
    page = refused_with_a_merge(client, passage, mine, original + " Берік.")
    merged = carried_form(page)
    third = Passage.objects.get(pk=passage.pk).text.replace(" Берік.", " Берік. Үшінші.")
    editing.save_passage(passage.pk, text=third, expected_version=2, user=None, reason="Үшінші")

    refused = client.post(change_url(passage), merged)

    again = refused.content.decode()
    assert refused.status_code == 200 and "Not saved:" in again and "Үшінші" in again
    assert form_data(again)["text"][0] == merged["text"][0]  # the merge is still in the page's own form
    assert carried_form(again)["text"] == [mine + " Берік. Үшінші."]
    assert carried_form(again)["opened_version"] == ["3"]
    assert Passage.objects.get(pk=passage.pk).text == third


def test_a_refused_save_with_its_merge_costs_as_many_queries_however_many_saves_came_between(client, passage):
    original = passage.text
    page = refused_with_a_merge(client, passage, original.replace(WRONG, RIGHT, 1), original + " Б.")
    assert 'id="carried-edit"' in page

    def queries_of_a_refusal() -> int:
        mine = original.replace(WRONG, RIGHT, 1) + " Менің."
        data = {"text": mine, "status": "corrected", "change_reason": "Түзету", "opened_version": 1}
        with CaptureQueriesContext(connection) as queries:
            assert 'id="carried-edit"' in client.post(change_url(passage), data).content.decode()
        return len(queries)

    once = queries_of_a_refusal()
    for version, ending in ((2, " Б. В."), (3, " Б. В. Менің сөзім.")):
        editing.save_passage(passage.pk, text=original + ending, expected_version=version, user=None, reason="Тағы")
    assert queries_of_a_refusal() == once


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
        change_url(section),
        {"title": "Дипломатиялық қызметтің ерекшеліктері", "change_reason": "Бас әріп", "opened_version": 1},
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
        "opened_version": 1,
    }
    assert client.post(change_url(source), data).status_code == 302
    source.refresh_from_db()
    assert source.status == "complete" and source.authors[0]["family"] == "Громыко"
    assert source.history.latest().history_change_reason == "Библиография"
    listing = client.get(reverse("admin:thesis_source_changelist") + "?incomplete=yes").content.decode()
    assert row not in listing


def test_sources_show_their_printed_entry_and_filter_the_entries_still_to_read(client, editor):
    thesis = import_bytes(layouts.REFERENCE_LIST.encode(), "reference-list.kk.txt", use_curation=False).thesis
    sources = {source.number: source for source in thesis.sources.all()}
    changelist = reverse("admin:thesis_source_changelist")

    def listed(query: str) -> set[int]:
        page = client.get(f"{changelist}?thesis__id__exact={thesis.pk}&{query}").content.decode()
        return {number for number, source in sources.items() if f'href="{change_url(source)}?' in page}

    assert listed("entry=unread") == {4}
    assert listed("entry=read") == {1, 2, 3, 5}
    assert listed("entry=unlisted") == {7}
    assert listed("q=мұрағат") == {4}
    page = client.get(change_url(sources[4])).content.decode()
    assert "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе" in page
    assert 'name="raw"' not in page
    # An editor's save keeps the entry as printed.
    data = {
        "thesis": thesis.pk,
        "number": 4,
        "status": "needs_data",
        "csl_type": "document",
        "title": "Ресми мұрағат құжаттары",
        "authors": "[]",
        "change_reason": "Мұрағат",
        "opened_version": 1,
    }
    assert client.post(change_url(sources[4]), data).status_code == 302
    sources[4].refresh_from_db()
    assert (sources[4].title, sources[4].raw) == (
        "Ресми мұрағат құжаттары",
        "Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе",
    )


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


@pytest.mark.parametrize(
    ("viaf", "wikidata", "error"),
    [
        ("https://viaf.org/viaf/113230702", "Q42", "A VIAF identifier is its number alone"),
        ("113230702", "42", "A Wikidata identifier is Q and its number"),
        ("0113", "Q42", "A VIAF identifier is its number alone"),
    ],
)
def test_authority_identifiers_are_checked(client, seed_thesis, viaf, wikidata, error):
    author = seed_thesis.authors.first()
    data = form_data(client.get(change_url(author)).content.decode())
    data.update(viaf_id=viaf, wikidata_id=wikidata, change_reason="Дерек")
    response = client.post(change_url(author), data)
    assert response.status_code == 200 and error in response.content.decode()
    author.refresh_from_db()
    assert (author.viaf_id, author.wikidata_id) == ("", "")


def test_authority_identifiers_are_saved_with_their_reason(client, seed_thesis, editor):
    author = seed_thesis.authors.first()
    data = form_data(client.get(change_url(author)).content.decode())
    data.update(viaf_id="113230702", wikidata_id="Q42", change_reason="Авторитетті файлдар")
    assert client.post(change_url(author), data).status_code == 302
    author.refresh_from_db()
    assert (author.viaf_id, author.wikidata_id) == ("113230702", "Q42")
    latest = author.history.latest()
    assert (latest.wikidata_id, latest.history_user, latest.history_change_reason) == (
        "Q42",
        editor,
        "Авторитетті файлдар",
    )


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
    data = {"thesis": seed_thesis.pk, "word": "Ирактын", "change_reason": "Жалқы есім"}
    response = client.post(reverse("admin:thesis_ignoredword_add"), data)
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
    client.post(change_url(section), {"title": "Жаңа атау", "change_reason": "Қате", "opened_version": 1})
    revert_url = reverse("admin:thesis_section_simple_history", args=[section.pk, first.history_id])
    form = client.get(revert_url).content.decode()
    assert 'name="change_reason"' in form and first.title in form
    # The form carries the version now, not the one it restores.
    assert 'name="opened_version" value="2"' in form
    assert client.post(revert_url, {"title": first.title, "change_reason": "", "opened_version": 2}).status_code == 200
    client.post(revert_url, {"title": first.title, "change_reason": "Түпнұсқа атау", "opened_version": 2})
    section.refresh_from_db()
    assert section.title == first.title
    latest = section.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Түпнұсқа атау", editor)


def test_diffs_are_escaped(client, passage):
    post_passage(client, passage, passage.text + " <script>alert(1)</script>")
    page = client.get(change_url(passage)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Each editable record, the field an editor changes on its page, and how to find one in the seed.
STALE_FORMS = [
    ("thesis", "title_note"),
    ("section", "title"),
    ("source", "title"),
    ("author", "note"),
    ("timelineevent", "headline"),
    ("ignoredword", "word"),
    ("passage", "text"),
]


def a_record(seed_thesis, model_name):
    if model_name == "thesis":
        return seed_thesis
    if model_name == "ignoredword":
        return seed_thesis.ignored_words.create(word="Ирактын")
    return getattr(
        seed_thesis, {"timelineevent": "events", "author": "authors"}.get(model_name, model_name + "s")
    ).first()


@pytest.mark.parametrize(("model_name", "field"), STALE_FORMS, ids=[name for name, _ in STALE_FORMS])
def test_a_stale_form_on_every_editable_record_is_refused(client, admin_client, seed_thesis, model_name, field):
    if model_name == "thesis":
        client = admin_client  # editors correct the text, not the thesis's own description
    record = a_record(seed_thesis, model_name)
    url = change_url(record)
    mine = form_data(client.get(url).content.decode())
    theirs = form_data(client.get(url).content.decode())
    theirs.update({field: ["Сенбаев"], "change_reason": ["Бірінші түзету"]})
    assert client.post(url, theirs).status_code == 302
    mine.update({field: ["Менің нұсқам"], "change_reason": ["Екінші түзету"]})

    refused = client.post(url, mine)

    page = refused.content.decode()
    assert refused.status_code == 200 and "Not saved:" in page and 'id="conflict"' in page
    assert "Бірінші түзету" in page and "<ins>Сенбаев</ins>" in page  # who, why and what they changed
    assert "Менің нұсқам" in page  # the refused editor's own text is still in the form
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("Сенбаев", 2)
    assert list(record.history.order_by("history_id").values_list("history_change_reason", flat=True))[-1] == (
        "Бірінші түзету"
    )
    assert not record.history.filter(history_change_reason="Екінші түзету").exists()


def test_a_form_without_its_version_is_refused(client, seed_thesis):
    section = seed_thesis.sections.first()
    data = form_data(client.get(change_url(section)).content.decode())
    data.update({"title": "Жаңа", "change_reason": "Түзету"})
    del data["opened_version"]
    response = client.post(change_url(section), data)
    assert response.status_code == 200 and "missing the version it was opened at" in response.content.decode()
    assert Section.objects.get(pk=section.pk).version == 1


def test_a_save_that_loses_the_race_after_its_check_keeps_the_editors_text(client, passage, editor, monkeypatch):
    data = form_data(client.get(change_url(passage)).content.decode())
    data.update({"text": ["Менің мәтінім"], "change_reason": ["Түзету"]})
    # Another save lands between the form's check and this one's write.
    check = editing.current_version

    def check_then_lose(model, pk):
        opened = check(model, pk)
        Passage.objects.filter(pk=pk).update(version=opened + 1)
        return opened

    monkeypatch.setattr("thesis.forms.current_version", check_then_lose)
    refused = client.post(change_url(passage), data)
    page = refused.content.decode()
    assert refused.status_code == 200 and "Not saved:" in page and "Менің мәтінім" in page
    assert Passage.objects.get(pk=passage.pk).text == passage.text


def test_a_save_that_meets_a_locked_database_is_refused_not_a_500(client, passage, monkeypatch):
    data = form_data(client.get(change_url(passage)).content.decode())
    data.update({"text": ["Менің мәтінім"], "change_reason": ["Түзету"]})
    locked = OperationalError("database is locked")
    locked.__cause__ = type("Locked", (Exception,), {"sqlite_errorcode": 5})()

    def busy(*args, **kwargs):
        raise locked

    monkeypatch.setattr(editing, "save_passage", busy)
    refused = client.post(change_url(passage), data)
    page = refused.content.decode()
    assert refused.status_code == 200 and "the archive stayed busy" in page and "Менің мәтінім" in page
    assert Passage.objects.get(pk=passage.pk).version == 1


def test_passage_page_puts_reason_save_and_the_passages_suspects_beside_the_text(client, seed_thesis):
    first = Passage.objects.get(thesis=seed_thesis, order=0)
    page = client.get(change_url(first)).content.decode()
    editor, panel = page.index('class="passage-editor"'), page.index('class="save-panel"')
    assert editor < page.index('id="id_text"') < panel < page.index('name="change_reason"') < page.index('name="_save"')
    assert page.index('name="_savenext"') < page.index('id="fieldset-0-1-heading"')  # before the diffs
    assert page.count('name="_save"') == 1 and 'name="_continue"' not in page
    assert 'class="select-suspect" data-start="142" data-end="145" data-found="ХХI"' in page
    assert "Words mixing Latin and Cyrillic letters" in page and "XXI, ХХІ" in page
    assert "Keyboard shortcuts" in page and "<kbd>Ctrl</kbd>+<kbd>S</kbd>" in page and "thesis/passage.js" in page
    assert "Next passage to check: §" in page


def test_diffs_show_only_the_changed_words_with_the_whole_text_a_click_away(client, seed_thesis):
    longest = max(Passage.objects.filter(thesis=seed_thesis), key=lambda p: len(p.text))
    word = next(w for w in longest.text.split()[20:] if w.isalpha() and len(w) > 5)
    changed = longest.text.replace(word, word.upper(), 1)
    post_passage(client, longest, changed)
    page = client.get(change_url(longest)).content.decode()
    compact = re.findall(r'<div class="word-diff compact" lang="kk">(.*?)</div>', page, re.S)
    assert len(compact) == 2  # against the reading text of the original and against the previous version
    for diff in compact:
        assert f"<del>{word}</del><ins>{word.upper()}</ins>" in diff and len(diff) < 600 and "unchanged words" in diff
    assert page.count('<details class="whole-diff">') == 2 and longest.text[-40:] in page


def test_diff_against_the_original_leaves_out_what_the_normalisation_did(client, seed_thesis):
    passage = Passage.objects.filter(thesis=seed_thesis, original_text__contains="\n").first()
    post_passage(client, passage, passage.text + " Жаңа.")
    page = client.get(change_url(passage)).content.decode()
    original_diff = page[page.index("field-diff_against_original") : page.index("field-diff_against_previous")]
    compact = re.search(r'<div class="word-diff compact" lang="kk">(.*?)</div>', original_diff, re.S).group(1)
    assert re.findall(r"<(?:del|ins)>(.*?)</(?:del|ins)>", compact) == [" Жаңа."]


def test_save_and_go_to_the_next_passage(client, seed_thesis):
    current = Passage.objects.get(thesis=seed_thesis, order=0)
    following = progress.next_to_check(seed_thesis, exclude=current.pk)
    data = {**form_data(client.get(change_url(current)).content.decode()), "_savenext": "1"}
    data.update({"text": [current.text.replace("ХХI", "XXI")], "change_reason": ["Рим цифры"]})
    response = client.post(change_url(current), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:thesis_passage_change", args=[following.passage_id])
    assert Passage.objects.get(pk=current.pk).version == 2


def test_save_and_go_next_with_nothing_left_goes_to_the_list(client, seed_thesis):
    Passage.objects.filter(thesis=seed_thesis).update(status=Passage.Status.CORRECTED)
    current = Passage.objects.get(thesis=seed_thesis, order=0)
    data = {**form_data(client.get(change_url(current)).content.decode()), "_savenext": "1", "change_reason": ["Бір"]}
    response = client.post(change_url(current), data, follow=True)
    assert response.redirect_chain[-1][0] == (
        reverse("admin:thesis_passage_changelist") + f"?thesis__id__exact={seed_thesis.pk}"
    )
    assert "No unreviewed passage is left to check in this thesis." in response.content.decode()


def test_passage_list_shows_open_suspects_in_the_same_queries_however_many_passages(
    client, seed_thesis, django_assert_num_queries
):
    url = reverse("admin:thesis_passage_changelist")
    with CaptureQueriesContext(connection) as unfiltered:
        client.get(url)
    other = synthetic_thesis(60)
    page = client.get(url + f"?thesis__id__exact={seed_thesis.pk}").content.decode()
    report = find_suspects(seed_thesis)
    first = Passage.objects.get(thesis=seed_thesis, order=0)
    count = sum(s.passage_id == first.pk for items in report.by_kind.values() for s in items)
    assert "open suspects" in page.lower() and count > 0
    row = rf'href="{change_url(first)}[^"]*">0</a>.*?<td class="field-open_suspects">{count}</td>'
    assert re.search(row, page, re.S)
    with CaptureQueriesContext(connection) as few:
        client.get(url + f"?thesis__id__exact={seed_thesis.pk}")
    with django_assert_num_queries(len(few)):
        assert client.get(url + f"?thesis__id__exact={other.pk}").context["cl"].result_count == 60
    with django_assert_num_queries(len(unfiltered)):
        client.get(url)  # every passage of both theses


def test_passage_list_counts_no_more_than_its_pages_need(client, seed_thesis):
    url = reverse("admin:thesis_passage_changelist") + "?status__exact=unreviewed"
    page = client.get(url).content.decode()
    # show_full_result_count is off: no second COUNT(*) of the whole table for "(N total)".
    assert "11 results" in page and "total)" not in page


def test_passage_list_filters_by_the_sections_of_the_chosen_thesis_only(client, seed_thesis):
    other = synthetic_thesis(30)
    url = reverse("admin:thesis_passage_changelist")
    unchosen = client.get(url).content.decode()
    assert "section__id__exact=" not in unchosen
    chosen = client.get(url + f"?thesis__id__exact={other.pk}").content.decode()
    listed = {int(pk) for pk in re.findall(r"section__id__exact=(\d+)", chosen)}
    assert listed == set(Section.objects.filter(thesis=other).values_list("pk", flat=True))


@pytest.mark.parametrize("term", ["Қазақстан", "қазақстан", "ҚАЗАҚСТАН"])
def test_passage_search_folds_kazakh_case(client, seed_thesis, term):
    # Django's icontains folds only ASCII on SQLite: "қазақстан" found none of the passages "Қазақстан" found.
    expected = sum("қазақстан" in text.lower() for text in Passage.objects.values_list("text", flat=True))
    found = client.get(reverse("admin:thesis_passage_changelist"), {"q": term}).context["cl"].result_count
    assert found == expected > 1


def test_the_other_records_search_folds_kazakh_case(client, seed_thesis):
    author = Author.objects.filter(thesis=seed_thesis).exclude(family_name="").first()
    found = client.get(reverse("admin:thesis_author_changelist"), {"q": author.family_name.lower()}).context["cl"]
    assert author in found.result_list


@pytest.mark.parametrize(
    ("authors", "saved"),
    [
        ('"Сейткали А."', None),
        ("[1, 2]", None),
        ('["Сейткали А.", " "]', ["Сейткали А."]),
    ],
)
def test_the_title_page_fields_are_edited_with_a_list_of_names(client, seed_thesis, authors, saved, django_user_model):
    # Editors change passages and records; a thesis's own fields are an administrator's.
    client.force_login(django_user_model.objects.create_superuser("admin", password="Қазақ-тілі-2024"))
    data = form_data(client.get(change_url(seed_thesis)).content.decode())
    data.update(author_names=authors, supervisor="Әбенова Г.", year="2019", change_reason="Титул беті")
    response = client.post(change_url(seed_thesis), data)
    seed_thesis.refresh_from_db()
    if saved is None:
        assert response.status_code == 200 and "Give a list of texts" in response.content.decode()
        assert (seed_thesis.author_names, seed_thesis.supervisor) == ([], "")
    else:
        assert response.status_code == 302
        assert (seed_thesis.author_names, seed_thesis.supervisor, seed_thesis.year) == (saved, "Әбенова Г.", 2019)
