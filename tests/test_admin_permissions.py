"""The Editors group and the create_editor command: exactly what editing needs, checked before writing."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

EDITING = {
    "thesis.change_passage",
    "thesis.change_section",
    "thesis.change_source",
    "thesis.change_author",
    "thesis.change_timelineevent",
    "thesis.add_source",
    "thesis.add_author",
    "thesis.add_timelineevent",
    "thesis.view_thesis",
    "thesis.view_section",
    "thesis.view_passage",
    "thesis.view_citation",
}
NEVER = {
    "thesis.delete_thesis",
    "thesis.delete_section",
    "thesis.delete_passage",
    "thesis.change_thesis",
    "thesis.add_passage",
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.change_group",
}


@pytest.fixture
def editor(db):
    call_command("create_editor", "aigul", email="aigul@example.kz", password="Қазақ-тілі-2024")
    return User.objects.get(username="aigul")


def test_editors_group_holds_what_editing_needs(editor):
    permissions = editor.get_all_permissions()
    assert permissions >= EDITING
    assert not NEVER & permissions
    assert not {p for p in permissions if p.startswith("auth.")}


def test_editor_account(editor):
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert editor.email == "aigul@example.kz" and editor.check_password("Қазақ-тілі-2024")


def test_superuser_can_do_everything(db):
    admin = User.objects.create_superuser("root", password="unused-password-1")
    assert admin.has_perm("thesis.delete_passage") and admin.has_perm("auth.change_user")


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["bad name!"], {"password": "Қазақ-тілі-2024"}),
        (["aigul2"], {"password": "Қазақ-тілі-2024", "email": "not-an-email"}),
        (["aigul3"], {"password": "123"}),
        (["aigul4"], {"interactive": False}),
    ],
)
def test_bad_input_is_refused_before_writing(db, args, options):
    with pytest.raises(CommandError):
        call_command("create_editor", *args, **options)
    assert not User.objects.exists()


def test_taken_username_is_refused(editor):
    with pytest.raises(CommandError, match="taken"):
        call_command("create_editor", "aigul", password="Қазақ-тілі-2024")


def test_no_input_reads_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "Қазақ-тілі-2024")
    call_command("create_editor", "berik", interactive=False)
    assert User.objects.get(username="berik").check_password("Қазақ-тілі-2024")


def test_prompted_password_must_match(db, monkeypatch):
    answers = iter(["Қазақ-тілі-2024", "different-2024"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="match"):
        call_command("create_editor", "berik")
    assert not User.objects.exists()


def test_missing_group_is_reported(db):
    Group.objects.filter(name="Editors").delete()
    with pytest.raises(CommandError, match="migrate"):
        call_command("create_editor", "berik", password="Қазақ-тілі-2024")


def test_group_migration_reverses(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("thesis.migrations.0004_editors_group")
    migration.delete_group(apps, None)
    assert not Group.objects.filter(name="Editors").exists()
    migration.create_group(apps, None)
    assert Group.objects.get(name="Editors").permissions.count() == sum(map(len, migration.PERMISSIONS.values()))


def test_the_reviewers_group_may_verify_and_nothing_more(db):
    group = Group.objects.get(name="Reviewers")
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert granted == {"thesis.view_thesis", "thesis.view_section", "thesis.view_passage", "thesis.verify_passage"}
    editor = User.objects.create_user("berik", password="unused-password-1", is_staff=True)
    assert not editor.has_perm("thesis.verify_passage")
    editor.groups.add(group)
    assert User.objects.get(pk=editor.pk).has_perm("thesis.verify_passage")


def test_editors_may_not_verify(editor):
    assert not editor.has_perm("thesis.verify_passage")
