"""The "Reviewers" group: verifying passages that another editor corrected, and reading what that needs."""

from django.db import migrations

from ._groups import group_operation

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


MAKE_GROUP = group_operation(GROUP, PERMISSIONS)
create_group, delete_group = MAKE_GROUP.code, MAKE_GROUP.reverse_code


class Migration(migrations.Migration):
    dependencies = [("thesis", "0010_passage_verify_permission")]

    operations = [MAKE_GROUP]
