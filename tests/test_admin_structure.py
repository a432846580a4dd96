"""The admin's repair pages (thesis/admin/structure.py), and where a merged-away passage's addresses lead."""

import html

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesis.admin.structure import outcome_text
from thesis.editorial import relayout
from thesis.models import Passage, PassageSuccessor, Section, Thesis
from thesis.text.normalisation import Layout

from .conftest import EDITOR_PASSWORD, account

pytestmark = pytest.mark.usefixtures("shared_seed")

REASON = "Құрылымды түзету"


@pytest.fixture
def editor_client(client, seed_thesis):
    user = account("aigul")
    assert not user.is_superuser and user.has_perm("thesis.repair_structure")
    client.login(username="aigul", password=EDITOR_PASSWORD)
    return client


@pytest.fixture
def reader_client(seed_thesis):
    """A member of staff who may read every passage and section, and change nothing."""
    client = Client()
    reader = User.objects.create_user("reader", password=EDITOR_PASSWORD, is_staff=True)
    reader.groups.add(Group.objects.get(name="Reviewers"))
    client.login(username="reader", password=EDITOR_PASSWORD)
    return client


def two_in_a_section(thesis) -> Passage:
    for passage in Passage.objects.filter(thesis=thesis, role="text").order_by("order"):
        following = Passage.objects.filter(thesis=thesis, order=passage.order + 1).first()
        if following and following.section_id == passage.section_id and ". " in passage.text.strip():
            return passage
    raise AssertionError("no two passages of one section follow each other")


def test_the_passage_page_links_the_repairs_for_an_editor_only(editor_client, reader_client, seed_thesis):
    passage = two_in_a_section(seed_thesis)
    url = reverse("admin:thesis_passage_change", args=[passage.pk])
    page = editor_client.get(url).content.decode()
    assert reverse("admin:thesis_passage_split", args=[passage.pk]) in page and "structure.js" in page
    assert "split-at-caret" not in reader_client.get(url).content.decode()


def test_an_editor_splits_and_merges_a_passage(editor_client, seed_thesis):
    passage = two_in_a_section(seed_thesis)
    text, cut = passage.text, passage.text.index(". ") + 1
    split = reverse("admin:thesis_passage_split", args=[passage.pk])

    page = editor_client.get(split, {"offset": cut})
    assert page.status_code == 200 and text[:cut] in page.content.decode()
    response = editor_client.post(split, {"offset": cut, "opened_version": passage.version, "change_reason": REASON})

    second = Passage.objects.get(thesis=seed_thesis, order=passage.order + 1)
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:thesis_passage_change", args=[second.pk]
    )
    assert Passage.objects.get(pk=passage.pk).text == text[:cut]
    first = Passage.objects.get(pk=passage.pk)
    response = editor_client.post(
        reverse("admin:thesis_passage_merge", args=[first.pk]),
        {"opened_version": first.version, "next_version": second.version, "change_reason": REASON},
    )
    assert response.status_code == 302
    assert Passage.objects.get(pk=passage.pk).text == text
    assert PassageSuccessor.objects.get(old_id=second.pk).passage_id == passage.pk


@pytest.mark.parametrize(
    "data, error",
    [
        ({"offset": 100000, "change_reason": REASON}, "inside the text"),
        ({"offset": 5, "change_reason": ""}, "This field is required"),
        ({"offset": 5, "change_reason": REASON, "stale": True}, "Nothing was overwritten"),
        ({"offset": "x", "change_reason": REASON}, "Enter a whole number"),
    ],
)
def test_a_refused_split_is_the_forms_error(editor_client, seed_thesis, data, error):
    passage = two_in_a_section(seed_thesis)
    version = passage.version + 1 if data.pop("stale", False) else passage.version
    response = editor_client.post(
        reverse("admin:thesis_passage_split", args=[passage.pk]), {**data, "opened_version": version}
    )
    assert response.status_code == 200 and error in response.content.decode()
    assert Passage.objects.get(pk=passage.pk).text == passage.text


def test_an_editor_makes_a_heading_and_back(editor_client, seed_thesis):
    passage = two_in_a_section(seed_thesis)
    response = editor_client.post(
        reverse("admin:thesis_passage_heading", args=[passage.pk]),
        {"opened_version": passage.version, "change_reason": REASON, "kind": "", "level": 2},
    )
    section = Section.objects.get(heading_original=passage.original_text, thesis=seed_thesis)
    assert response.status_code == 302 and response["Location"].endswith(f"/section/{section.pk}/change/")
    page = editor_client.get(reverse("admin:thesis_section_change", args=[section.pk])).content.decode()
    assert reverse("admin:thesis_section_to_passage", args=[section.pk]) in page
    response = editor_client.post(
        reverse("admin:thesis_section_to_passage", args=[section.pk]),
        {"opened_version": section.version, "change_reason": REASON},
    )
    assert response.status_code == 302
    assert Passage.objects.get(thesis=seed_thesis, order=passage.order).text == passage.text


def test_an_editor_changes_a_sections_kind_and_level(editor_client, seed_thesis):
    section = Section.objects.get(thesis=seed_thesis, number="1.1")
    url = reverse("admin:thesis_section_structure", args=[section.pk])
    assert 'value="2"' in editor_client.get(url).content.decode()
    response = editor_client.post(
        url, {"opened_version": section.version, "change_reason": REASON, "kind": "chapter", "level": 1}
    )
    assert response.status_code == 302
    assert Section.objects.filter(pk=section.pk, kind="chapter", parent=None).exists()
    response = editor_client.post(
        url, {"opened_version": section.version + 1, "change_reason": REASON, "kind": "chapter", "level": 5}
    )
    assert response.status_code == 200 and "level 5" in response.content.decode()


def test_an_editor_adds_and_removes_an_empty_section(editor_client, seed_thesis):
    after = Section.objects.get(thesis=seed_thesis, kind="chapter")
    count = Section.objects.count()
    response = editor_client.post(
        reverse("admin:thesis_section_insert", args=[after.pk]),
        {"kind": "appendix", "title": "Қосымша", "change_reason": REASON},
    )
    added = Section.objects.get(title="Қосымша")
    assert response.status_code == 302 and Section.objects.count() == count + 1
    page = editor_client.get(reverse("admin:thesis_section_change", args=[added.pk])).content.decode()
    assert reverse("admin:thesis_section_remove", args=[added.pk]) in page
    response = editor_client.post(
        reverse("admin:thesis_section_remove", args=[added.pk]),
        {"opened_version": added.version, "change_reason": REASON},
    )
    assert response.status_code == 302 and Section.objects.count() == count
    # A section holding passages is refused on the form.
    response = editor_client.post(
        reverse("admin:thesis_section_remove", args=[after.pk]),
        {"opened_version": after.version, "change_reason": REASON},
    )
    assert response.status_code == 200 and "empty" in response.content.decode()


def repair_urls(thesis) -> list[str]:
    passage = two_in_a_section(thesis)
    section = Section.objects.filter(thesis=thesis).order_by("order").last()
    return [reverse(f"admin:thesis_passage_{what}", args=[passage.pk]) for what in ("split", "merge", "heading")] + [
        reverse(f"admin:thesis_section_{what}", args=[section.pk])
        for what in ("structure", "to_passage", "insert", "remove")
    ]


def test_a_reader_may_not_repair(reader_client, seed_thesis):
    count = (Passage.objects.count(), Section.objects.count())
    for url in repair_urls(seed_thesis):
        assert reader_client.get(url).status_code == 403, url
        data = {"opened_version": 1, "change_reason": REASON, "offset": 3, "kind": "chapter", "level": 1}
        assert reader_client.post(url, data).status_code == 403, url
    assert (Passage.objects.count(), Section.objects.count()) == count
    page = reader_client.get(reverse("admin:thesis_passage_change", args=[Passage.objects.first().pk]))
    assert "split-at-caret" not in page.content.decode()


def test_the_section_page_reads_as_many_queries_whatever_it_holds(editor_client, seed_thesis):
    # Both after the first section, which offers no "heading to passage" and reads one query less for it.
    later = list(Section.objects.filter(thesis=seed_thesis).order_by("order"))[1:]
    small = min(later, key=lambda s: s.passages.count())
    large = max(later, key=lambda s: s.passages.count())
    assert small.passages.count() < large.passages.count()
    editor_client.get(reverse("admin:thesis_section_change", args=[large.pk]))  # caches filled once a process
    counts = []
    for section in (small, large):
        for url in (
            reverse("admin:thesis_section_change", args=[section.pk]),
            reverse("admin:thesis_section_structure", args=[section.pk]),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert editor_client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def merged_away(thesis, editor_client) -> tuple[int, Passage]:
    passage = two_in_a_section(thesis)
    following = Passage.objects.get(thesis=thesis, order=passage.order + 1)
    editor_client.post(
        reverse("admin:thesis_passage_merge", args=[passage.pk]),
        {"opened_version": passage.version, "next_version": following.version, "change_reason": REASON},
    )
    return following.pk, passage


def test_a_merged_away_passage_leads_to_the_one_it_went_into(editor_client, client, seed_thesis):
    gone, heir = merged_away(seed_thesis, editor_client)
    client.logout()

    api = client.get(reverse("api:passage-detail", args=[gone]) + "?script=latn")
    assert api.status_code == 301 and api["Location"] == reverse("api:passage-detail", args=[heir.pk]) + "?script=latn"
    history = client.get(reverse("api:passage-history", args=[gone]))
    assert history.status_code == 301 and history["Location"] == reverse("api:passage-history", args=[heir.pk])
    assert client.get(reverse("api:passage-detail", args=[999999])).status_code == 404

    address = client.get(reverse("reading:passage_address", args=[gone]))
    assert address.status_code == 301 and address["Location"] == reverse("reading:passage_address", args=[heir.pk])
    page = client.get(reverse("reading:passage_address", args=[heir.pk]))
    assert page.status_code == 302
    assert page["Location"] == reverse("reading:passage", args=[seed_thesis.pk, heir.order])
    assert client.get(reverse("reading:passage_address", args=[999999])).status_code == 404


def test_an_editor_reads_the_line_breaks_another_way_and_sees_what_it_will_do_first(
    editor_client, reader_client, seed_thesis
):
    url = reverse("admin:thesis_thesis_line_breaks", args=[seed_thesis.pk])
    assert url in editor_client.get(reverse("admin:thesis_thesis_change", args=[seed_thesis.pk])).content.decode()
    page = editor_client.get(url).content.decode()
    # Before anything is changed, the page says what each other reading would do.
    for layout in (Layout.WRAP, Layout.LINE):
        assert html.escape(outcome_text(relayout.preview(seed_thesis, layout))) in page
    assert relayout.preview(seed_thesis, Layout.WRAP).rederived > 0
    assert reader_client.get(url).status_code == 403
    refused = editor_client.post(url, {"opened_version": 1, "change_reason": REASON, "line_breaks": "sideways"})
    assert refused.status_code == 200 and "sideways" in refused.content.decode()
    done = editor_client.post(url, {"opened_version": 1, "change_reason": REASON, "line_breaks": "wrap"})
    assert done.status_code == 302
    seed_thesis.refresh_from_db()
    assert seed_thesis.line_breaks == "wrap" and seed_thesis.version == 2
    stale = editor_client.post(url, {"opened_version": 1, "change_reason": REASON, "line_breaks": "line"})
    assert stale.status_code == 200 and Thesis.objects.get(pk=seed_thesis.pk).line_breaks == "wrap"
