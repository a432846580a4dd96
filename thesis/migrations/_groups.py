"""Making a group of editors with exactly the permissions it names, in a data migration.

A name starting with "_" keeps this module out of the migration graph; the migrations that make
groups (0004 Editors, 0011 Reviewers) call it with the historical models they are given."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def group_operation(name: str, permissions: dict[str, list[str]]) -> migrations.RunPython:
    """Create the group `name` holding `permissions` (codenames by app label); reversed, delete it."""

    def create_group(apps, schema_editor):
        group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, permissions))

    def delete_group(apps, schema_editor):
        apps.get_model("auth", "Group").objects.filter(name=name).delete()

    return migrations.RunPython(create_group, delete_group)


def grant_operation(name: str, permissions: dict[str, list[str]]) -> migrations.RunPython:
    """Give the group `name` (made if missing) `permissions` too; reversed, take them back and leave the group."""

    def grant(apps, schema_editor):
        group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, permissions))

    def revoke(apps, schema_editor):
        for group in apps.get_model("auth", "Group").objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, permissions))

    return migrations.RunPython(grant, revoke)


def _permissions(apps, permissions: dict[str, list[str]]) -> list:
    # Permissions are normally made after migrate finishes; the group needs them now.
    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    granted = []
    for app_label, codenames in permissions.items():
        found = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"permissions not found: {sorted(missing)}")
        granted += found
    return granted
