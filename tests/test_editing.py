"""The editorial service: checked saves, the version guard, replacements, reverts and author merges."""

import sqlite3
import threading

import pytest
from django.contrib.auth.models import User
from django.db import InterfaceError, OperationalError, connection

from thesis import history
from thesis.editorial import editing
from thesis.models import Author, AuthorAlias, IgnoredWord, Mention, Passage, Section, Source, Thesis, TimelineEvent

WRONG = "қауіпсіздіздігі"
RIGHT = "қауіпсіздігі"


@pytest.fixture
def editor(db):
    return User.objects.create_user("aigul", password="unused-password-1")


@pytest.fixture
def passage(seed_thesis):
    return Passage.objects.filter(thesis=seed_thesis, text__contains=WRONG).order_by("order").first()


def test_save_increments_version_and_records_history(passage, editor):
    saved = editing.save_passage(
        passage.pk,
        text=passage.text.replace(WRONG, RIGHT, 1),
        status="corrected",
        expected_version=1,
        user=editor,
        reason="Қайталанған буын",
    )
    assert saved.version == 2
    latest = passage.history.latest()
    assert (latest.version, latest.history_user, latest.history_change_reason) == (2, editor, "Қайталанған буын")
    assert latest.text.count(RIGHT) >= 1 and latest.status == "corrected"


def test_stale_save_is_refused_and_nothing_is_overwritten(passage, editor):
    editing.save_passage(passage.pk, text=passage.text + " A", expected_version=1, user=editor, reason="first")
    with pytest.raises(editing.StaleEdit) as refused:
        editing.save_passage(passage.pk, text="overwrite", expected_version=1, user=editor, reason="second")
    passage.refresh_from_db()
    assert passage.text.endswith(" A") and passage.version == 2
    conflict = refused.value.conflict
    assert conflict.latest.history_change_reason == "first" and conflict.latest.history_user == editor
    assert {"op": "insert", "text": " A"} in conflict.diff_of("text")


def refused(passage, text: str, status: str):
    """The conflict of an edit from version 1, refused as stale."""
    with pytest.raises(editing.StaleEdit) as stale:
        editing.save_passage(passage.pk, text=text, status=status, expected_version=1, user=None, reason="Менікі")
    return stale.value.conflict


def test_a_refused_edit_is_carried_onto_the_current_text_with_the_status_the_editor_chose(passage, editor):
    original, status_opened = passage.text, passage.status
    editing.save_passage(passage.pk, text=original + " Берік.", expected_version=1, user=editor, reason="Берік")
    mine = original.replace(WRONG, RIGHT, 1)

    carried = editing.carried_onto_current(refused(passage, mine, status_opened), mine, status_opened)

    assert (carried.text, carried.version, carried.conflicts) == (mine + " Берік.", 2, ())
    # A status left as it was opened does not undo the one saved meanwhile; one the editor chose is kept.
    assert carried.status == "corrected" and not carried.changes_nothing
    assert status_opened == "unreviewed"
    # (Verifying a text one changes is refused when it is saved, as any save of it is.)
    assert editing.carried_onto_current(refused(passage, mine, "corrected"), mine, "verified").status == "verified"
    assert [op for op in carried.diff if op["op"] != "equal"] == [
        {"op": "delete", "text": WRONG},
        {"op": "insert", "text": RIGHT},
    ]


def test_nothing_is_carried_when_only_the_status_changed_or_the_text_already_holds_the_change(passage, editor):
    editing.save_passage(passage.pk, status="unreviewed", expected_version=1, user=editor, reason="Күйі")
    assert editing.carried_onto_current(refused(passage, passage.text + " А.", "corrected"), "", "corrected") is None
    text = passage.text + " Б."
    editing.save_passage(passage.pk, text=text, status="corrected", expected_version=2, user=editor, reason="Б")
    carried = editing.carried_onto_current(refused(passage, text, "corrected"), text, "corrected")
    assert carried.changes_nothing and carried.text == text


def test_a_reason_is_required(passage, editor):
    with pytest.raises(editing.EditRefused):
        editing.save_passage(passage.pk, text="x", expected_version=1, user=editor, reason="  ")
    assert Passage.objects.get(pk=passage.pk).version == 1


def test_long_automatic_reasons_fit_the_history_column():
    assert len(history.clean_reason("ы" * 500)) == history.REASON_MAX_LENGTH


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_saves_cannot_both_win(seed_thesis):
    editor = User.objects.create_user("racer", password="unused-password-1")
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    barrier, outcomes = threading.Barrier(2), []

    def save(n):
        barrier.wait()
        try:
            editing.save_passage(passage.pk, text=f"text {n}", expected_version=1, user=editor, reason=f"save {n}")
            outcomes.append("saved")
        except editing.StaleEdit:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - a lock error is what this test looks for
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert Passage.objects.get(pk=passage.pk).version == 2


def test_replace_occurrence_checks_the_place(passage, editor):
    start = passage.text.index(WRONG)
    with pytest.raises(editing.EditRefused):
        editing.replace_occurrence(
            passage.pk, start=start + 1, found=WRONG, replacement=RIGHT, expected_version=1, user=editor, reason="r"
        )
    saved = editing.replace_occurrence(
        passage.pk, start=start, found=WRONG, replacement=RIGHT, expected_version=1, user=editor, reason="Spell-check"
    )
    assert saved.text[start : start + len(RIGHT)] == RIGHT and saved.version == 2


def test_revert_restores_text_and_is_itself_recorded(passage, editor):
    original = passage.text
    first = passage.history.earliest()
    editing.save_passage(passage.pk, text="changed", expected_version=1, user=editor, reason="change")
    reverted = editing.revert_passage(
        passage.pk, history_id=first.history_id, expected_version=2, user=editor, reason="wrong change"
    )
    assert reverted.text == original and reverted.version == 3
    assert passage.history.latest().history_change_reason == "Reverted to version 1: wrong change"


def test_save_derives_citations_again(passage, editor):
    editing.save_passage(
        passage.pk, text="Бірінші сөйлем [3]. Екінші [77].", expected_version=1, user=editor, reason="r"
    )
    numbers = list(passage.citations.order_by("order").values_list("source__number", flat=True))
    assert numbers == [3, 77]


def test_merge_authors_moves_aliases_mentions_and_events(seed_thesis, editor):
    target = Author.objects.create(thesis=seed_thesis, key="x|a", family_name="Иксов", display_name="А. Иксов")
    other = Author.objects.create(
        thesis=seed_thesis, key="x|b", family_name="Иксов", display_name="Иксов", is_quoted=True
    )
    AuthorAlias.objects.create(author=other, form="Иксовтың")
    passage = Passage.objects.filter(thesis=seed_thesis).first()
    Mention.objects.create(author=other, passage=passage, form="Иксов", start=0, end=5)
    event = TimelineEvent.objects.filter(thesis=seed_thesis).first()
    event.authors.add(other)
    other_id = other.pk

    editing.merge_authors(target, [target, other], user=editor, reason="Бір адам")

    assert not Author.objects.filter(pk=other_id).exists()
    assert set(target.aliases.values_list("form", flat=True)) >= {"Иксовтың", "Иксов"}
    assert target.mentions.count() == 1 and list(event.authors.all()) == [target]
    assert target.is_quoted
    assert target.history.latest().history_change_reason == "Merged Иксов: Бір адам"
    deleted = Author.history.filter(id=other_id, history_type="-").get()
    assert deleted.history_change_reason.startswith("Merged into А. Иксов") and deleted.history_user == editor


def test_merge_needs_two_authors_of_one_thesis(seed_thesis, editor):
    author = Author.objects.filter(thesis=seed_thesis).first()
    with pytest.raises(editing.EditRefused):
        editing.merge_authors(author, [author], user=editor, reason="r")


EDITABLE = [
    (Thesis, "title"),
    (Section, "title"),
    (Source, "title"),
    (Author, "note"),
    (TimelineEvent, "headline"),
    (IgnoredWord, "word"),
]


@pytest.mark.parametrize(("model", "field"), EDITABLE, ids=[model.__name__ for model, _ in EDITABLE])
def test_every_editable_record_refuses_a_stale_save(seed_thesis, editor, model, field):
    if model is IgnoredWord:
        IgnoredWord.objects.create(thesis=seed_thesis, word="тест")
    first = model.objects.filter(**_of(model, seed_thesis)).order_by("pk").first()
    stale = model.objects.get(pk=first.pk)
    opened_value = getattr(stale, field)
    setattr(first, field, "бірінші түзету")
    editing.save_checked(first, expected_version=1, user=editor, reason="first")
    setattr(stale, field, "екінші")
    with pytest.raises(editing.StaleEdit) as refused:
        editing.save_checked(stale, expected_version=1, user=editor, reason="second")
    kept = model.objects.get(pk=first.pk)
    assert (getattr(kept, field), kept.version) == ("бірінші түзету", 2)
    conflict = refused.value.conflict
    assert conflict.latest.history_change_reason == "first"
    diff = conflict.diff_of(field)
    assert "".join(op["text"] for op in diff if op["op"] != "delete") == "бірінші түзету"
    assert "".join(op["text"] for op in diff if op["op"] != "insert") == opened_value
    assert [h.history_change_reason for h in kept.history.filter(version=2)] == ["first"]


def _of(model, thesis):
    return {"pk": thesis.pk} if model is Thesis else {"thesis": thesis}


def test_a_merge_moves_the_versions_of_what_it_changes(seed_thesis, editor):
    target = Author.objects.create(thesis=seed_thesis, key="y|a", family_name="Игреков", display_name="Игреков")
    other = Author.objects.create(thesis=seed_thesis, key="y|b", family_name="Игреков", display_name="Б. Игреков")
    event = TimelineEvent.objects.filter(thesis=seed_thesis).first()
    event.authors.add(other)
    editing.merge_authors(target, [target, other], user=editor, reason="Бір адам")
    assert Author.objects.get(pk=target.pk).version == 2
    assert TimelineEvent.objects.get(pk=event.pk).version == 2


def test_lock_errors_of_either_database_are_refusals_not_faults():
    sqlite_busy = OperationalError("database is locked")
    sqlite_busy.__cause__ = sqlite3.OperationalError("database is locked")
    sqlite_busy.__cause__.sqlite_errorcode = 517  # SQLITE_BUSY_SNAPSHOT, an extended SQLITE_BUSY
    deadlock = OperationalError("deadlock detected")
    deadlock.__cause__ = type("DeadlockDetected", (Exception,), {"sqlstate": "40P01"})()
    assert isinstance(editing.as_refusal(sqlite_busy), editing.DatabaseBusy)
    assert isinstance(editing.as_refusal(deadlock), editing.DatabaseBusy)
    missing_table = OperationalError("no such table: x")
    missing_table.__cause__ = sqlite3.OperationalError("no such table: x")
    missing_table.__cause__.sqlite_errorcode = 1
    assert editing.as_refusal(missing_table) is None
    assert editing.as_refusal(ValueError("x")) is None


def database_error(message: str, **cause) -> OperationalError:
    """Django's wrapper of a driver's error, the driver's own (its SQLSTATE or SQLite code) as the cause."""
    error = OperationalError(message)
    error.__cause__ = type("DriverError", (Exception,), cause)(message)
    return error


def test_a_full_disk_on_either_database_is_a_refusal_of_its_own():
    sqlite_full = database_error("database or disk is full", sqlite_errorcode=13)
    postgres_full = database_error("could not extend file", sqlstate="53100")
    assert isinstance(editing.as_refusal(sqlite_full), editing.DiskFull)
    assert isinstance(editing.as_refusal(postgres_full), editing.DiskFull)


def test_a_database_out_of_reach_is_a_refusal_not_a_fault():
    unreachable = [
        database_error("connection failed: Connection refused", sqlstate=None),
        database_error("consuming input failed: server closed the connection unexpectedly", sqlstate=None),
        database_error("terminating connection due to administrator command", sqlstate="57P01"),
        database_error("the database system is starting up", sqlstate="57P03"),
        database_error("connection failure", sqlstate="08006"),
        database_error("unable to open database file", sqlite_errorcode=14),
        database_error("disk I/O error", sqlite_errorcode=266),  # SQLITE_IOERR_READ
        InterfaceError("connection already closed"),
    ]
    assert all(isinstance(editing.as_refusal(error), editing.DatabaseUnavailable) for error in unreachable)
    # A mistake of the query's own is no fault of the database: it goes on up as a 500.
    assert editing.as_refusal(database_error('column "x" does not exist', sqlstate="42703")) is None
    assert editing.as_refusal(OperationalError("no cause known")) is None


def test_a_form_save_not_ready_stays_in_progress_while_suspects_are_left(passage, editor):
    text = passage.text + " Жаңа."
    saved = editing.save_passage(passage.pk, text=text, expected_version=1, user=editor, reason="Ж", ready=False)
    passage.refresh_from_db()
    assert passage.open_suspects > 0
    assert saved.status == passage.status == Passage.Status.IN_PROGRESS
    assert passage.history.order_by("-history_id").first().status == Passage.Status.IN_PROGRESS


def test_a_form_save_that_leaves_no_open_suspect_is_ready_for_review(seed_thesis, editor):
    passage = Passage.objects.filter(thesis=seed_thesis, role="text").order_by("order").first()
    clean = "Бұл сөйлем дұрыс."
    saved = editing.save_passage(passage.pk, text=clean, expected_version=1, user=editor, reason="Ж", ready=False)
    passage.refresh_from_db()
    assert passage.open_suspects == 0
    assert saved.status == passage.status == Passage.Status.CORRECTED
    # The version's history record tells the same status, and no second version was written.
    assert passage.version == 2 and passage.history.count() == 2
    assert passage.history.order_by("-history_id").first().status == Passage.Status.CORRECTED
