"""The "Reviewers" group: verifying passages that another editor corrected, and reading what that needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Reviewers"

# Reviewers approve or send back corrections; correcting the text themselves is the Editors' group.
PERMISSIONS = {
    "thesis": [
        "view_thesis",
        "view_section",
        "view_passage",
        "verify_passage",
    ],
}


def create_group(apps, schema_editor):
    # Permissions are normally made after migrate finishes; the group needs them now.
    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"permissions not found: {sorted(missing)}")
        group.permissions.add(*permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("thesis", "0010_passage_verify_permission")]

    operations = [migrations.RunPython(create_group, delete_group)]
