"""Making a group of editors with exactly the permissions it names, in a data migration.

A name starting with "_" keeps this module out of the migration graph; the migrations that make
groups (0004 Editors, 0011 Reviewers) call it with the historical models they are given."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def group_operation(name: str, permissions: dict[str, list[str]]) -> migrations.RunPython:
    """Create the group `name` holding `permissions` (codenames by app label); reversed, delete it."""

    def create_group(apps, schema_editor):
        # Permissions are normally made after migrate finishes; the group needs them now.
        for app_config in apps.get_app_configs():
            models_module, app_config.models_module = getattr(app_config, "models_module", None), True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = models_module
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in permissions.items():
            found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            missing = set(codenames) - set(found.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"permissions not found: {sorted(missing)}")
            group.permissions.add(*found)

    def delete_group(apps, schema_editor):
        apps.get_model("auth", "Group").objects.filter(name=name).delete()

    return migrations.RunPython(create_group, delete_group)
