"""The "Editors" group: exactly the permissions that correcting the thesis needs."""

from django.db import migrations

from ._groups import group_operation

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


MAKE_GROUP = group_operation(GROUP, PERMISSIONS)
create_group, delete_group = MAKE_GROUP.code, MAKE_GROUP.reverse_code


class Migration(migrations.Migration):
    dependencies = [
        ("thesis", "0003_replace_batches"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [MAKE_GROUP]
