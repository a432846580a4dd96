"""Editors may import a thesis from the admin (add_thesis): the import page, which makes everything the file holds."""

from django.db import migrations

from ._groups import group_operation

GROUP = "Editors"
PERMISSIONS = {"thesis": ["add_thesis"]}

# Adding to the group that 0004 made; reversed, only this permission is taken away again.
create_group = group_operation(GROUP, PERMISSIONS).code


def remove_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="thesis", codename="add_thesis"))


class Migration(migrations.Migration):
    dependencies = [("thesis", "0013_notes_in_english_and_field_names")]

    operations = [migrations.RunPython(create_group, remove_permission)]
