"""The "Editors" group: exactly the permissions that correcting the thesis needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

# Editors correct text and fill in data; they never delete the thesis's structure or manage users.
PERMISSIONS = {
    "thesis": [
        "view_thesis",
        "view_sourcedocument",
        "view_section",
        "change_section",
        "view_passage",
        "change_passage",
        "view_citation",
        "view_source",
        "add_source",
        "change_source",
        "view_author",
        "add_author",
        "change_author",
        "view_authoralias",
        "add_authoralias",
        "change_authoralias",
        "delete_authoralias",
        "view_mention",
        "view_timelineevent",
        "add_timelineevent",
        "change_timelineevent",
        "view_ignoredword",
        "add_ignoredword",
        "change_ignoredword",
        "delete_ignoredword",
        "view_replacebatch",
        "view_replacebatchitem",
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
    dependencies = [
        ("thesis", "0003_replace_batches"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
