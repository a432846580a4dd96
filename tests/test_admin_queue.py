"""The work queue over HTTP: claims from the index, a passage's conversation on its page, the editor's own
work and what changed on the index, e-mail notices turned off, in Kazakh and Russian, in constant queries."""

import pytest
from django.urls import reverse

from thesis.editorial import discussion, editing, review
from thesis.models import EditorProfile, Passage, PassageClaim, PassageNote

from .conftest import account

pytestmark = pytest.mark.usefixtures("shared_seed")

WRONG, RIGHT = "қауіпсіздіздігі", "қауіпсіздігі"


@pytest.fixture
def people(db):
    return account("aigul"), account("dana"), account("berik", "Reviewers")


def passage_url(passage_id):
    return reverse("admin:thesis_passage_change", args=[passage_id])


def claimed_from_the_index(client, thesis):
    response = client.get(reverse("admin:thesis_thesis_claim_next", args=[thesis.pk]))
    assert response.status_code == 302
    return int(response["Location"].rstrip("/").split("/")[-2])


def test_two_editors_opening_the_next_passage_get_different_ones(client, seed_thesis, people):
    aigul, dana, _berik = people
    client.force_login(aigul)
    mine = claimed_from_the_index(client, seed_thesis)
    client.force_login(dana)
    theirs = claimed_from_the_index(client, seed_thesis)
    assert mine != theirs
    assert dict(PassageClaim.objects.values_list("editor__username", "passage_id")) == {"aigul": mine, "dana": theirs}
    # The index offers dana the passage she holds, never aigul's.
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:thesis_thesis_claim_next", args=[seed_thesis.pk]) in index


def test_opening_a_passage_another_editor_holds_gives_another(client, seed_thesis, people):
    aigul, dana, _berik = people
    client.force_login(aigul)
    held = claimed_from_the_index(client, seed_thesis)
    client.force_login(dana)
    response = client.get(reverse("admin:thesis_passage_claim", args=[held]), follow=True)
    assert response.redirect_chain[0][0] == reverse("admin:thesis_thesis_claim_next", args=[seed_thesis.pk])
    assert response.request["PATH_INFO"] != passage_url(held)
    assert "is working on" in response.content.decode()


def test_a_plain_viewer_cannot_claim(client, seed_thesis, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw-Long-123", is_staff=True)
    client.force_login(viewer)
    assert client.get(reverse("admin:thesis_thesis_claim_next", args=[seed_thesis.pk])).status_code == 403
    assert not PassageClaim.objects.exists()


def test_a_note_and_its_reply_show_on_the_passage_page(client, seed_thesis, people):
    aigul, dana, _berik = people
    passage = Passage.objects.filter(thesis=seed_thesis).order_by("order").first()
    notes_url = reverse("admin:thesis_passage_notes", args=[passage.pk])
    client.force_login(aigul)
    assert client.post(notes_url, {"body": "Бұл күн дұрыс па? @dana", "kind": "question"}).status_code == 302
    question = PassageNote.objects.get()
    client.force_login(dana)
    reply = {"body": "Иә, дұрыс.", "kind": "answer", "parent": question.pk}
    assert client.post(notes_url, reply).status_code == 302
    page = client.get(passage_url(passage.pk)).content.decode()
    assert f'id="note-{question.pk}"' in page and "Бұл күн дұрыс па?" in page and "Иә, дұрыс." in page
    assert f'name="parent" value="{question.pk}"' in page


@pytest.mark.parametrize(
    ("data", "named"), [({"body": "", "kind": "question"}, "body"), ({"body": "Х", "kind": "x"}, "kind")]
)
def test_a_bad_note_is_a_400_naming_the_parameter(client, seed_thesis, people, data, named):
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    client.force_login(people[0])
    response = client.post(reverse("admin:thesis_passage_notes", args=[passage.pk]), data)
    assert response.status_code == 400 and response.content.decode().startswith(f"{named}:")
    assert not PassageNote.objects.exists()


def test_the_index_shows_my_work_first_with_the_send_back_note(client, seed_thesis, people):
    aigul, _dana, berik = people
    passage = Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()
    saved = editing.save_passage(
        passage.pk, text=passage.text.replace(WRONG, RIGHT, 1), expected_version=1, user=aigul, reason="Т"
    )
    review.send_back(passage.pk, expected_version=saved.version, user=berik, comment="Үтірді тексер")
    other = Passage.objects.filter(thesis=seed_thesis).exclude(pk=passage.pk).order_by("order").first()
    editing.save_passage(other.pk, text=other.text + " Х.", expected_version=1, user=aigul, reason="Т", ready=False)
    client.force_login(aigul)
    page = client.get(reverse("admin:index")).content.decode()
    assert page.index('id="sent-back-') < page.index('id="in-progress-') < page.index('class="next-passage"')
    assert f'id="sent-back-{passage.pk}"' in page and "Үтірді тексер" in page
    assert f'id="in-progress-{other.pk}"' in page


def test_notices_turned_off_and_on(client, people):
    aigul = people[0]
    client.force_login(aigul)
    assert client.get(reverse("admin:notices")).status_code == 405
    assert client.post(reverse("admin:notices"), {}).status_code == 302
    assert not EditorProfile.objects.get(user=aigul).notify
    client.post(reverse("admin:notices"), {"notify": "on"})
    assert EditorProfile.objects.get(user=aigul).notify


@pytest.mark.parametrize(
    ("language", "words"), [("kk", ["Менің жұмысым", "Соңғы келгенімнен"]), ("ru", ["Моя работа", "Что изменилось"])]
)
def test_the_new_parts_of_the_index_and_passage_page_are_translated(client, seed_thesis, people, language, words):
    client.force_login(people[0])
    client.post("/i18n/setlang/", {"language": language})
    index = client.get(reverse("admin:index")).content.decode()
    assert all(word in index for word in words) and "My work" not in index
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    page = client.get(passage_url(passage.pk)).content.decode()
    assert "Conversation" not in page and "Ready for review" not in page


def busy_day(seed_thesis, people, rounds):
    """Of each thing the index and the passage page list, one more for each of `rounds`: a note with a
    reply, a passage sent back, one in progress, and others' saves."""
    aigul, dana, berik = people
    passages = list(Passage.objects.filter(thesis=seed_thesis).order_by("order"))
    first = passages[0]
    for n in rounds:
        note = discussion.add_note(first.pk, author=dana, body=f"Сұрақ {n}")
        discussion.add_note(first.pk, author=aigul, body=f"Жауап {n}", kind="answer", parent_id=note.pk)
        mine, theirs = passages[1 + 2 * n], passages[2 + 2 * n]
        editing.save_passage(mine.pk, text=mine.text + " Х.", expected_version=1, user=aigul, reason="Т", ready=True)
        review.send_back(mine.pk, expected_version=2, user=berik, comment=f"Қайта {n}")
        editing.save_passage(
            theirs.pk, text=theirs.text + " Х.", expected_version=1, user=dana, reason="Д", ready=False
        )
        mine_too = passages[10 - n]
        editing.save_passage(
            mine_too.pk, text=mine_too.text + " Х.", expected_version=1, user=aigul, reason="Т", ready=False
        )
    return first


def test_the_index_and_the_passage_page_read_the_same_queries_however_much_there_is(
    client, seed_thesis, people, django_assert_max_num_queries, django_assert_num_queries
):
    first = busy_day(seed_thesis, people, range(1))
    client.force_login(people[0])
    counts = {}
    for url in (reverse("admin:index"), passage_url(first.pk)):
        client.get(url)  # once first: what a process reads once and keeps (content types) is no request's cost
        with django_assert_max_num_queries(60) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured)
    busy_day(seed_thesis, people, range(1, 3))
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
