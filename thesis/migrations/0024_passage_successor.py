"""Former passages' ids kept beside the passage they went into, and the Editors' right to repair the structure."""

import django.db.models.deletion
from django.db import migrations, models

from ._groups import grant_operation

# Editors repair the structure an import misread; the Editors group made by 0004 gains the right.
GRANT = grant_operation("Editors", {"thesis": ["repair_structure"]})
grant = GRANT.code


class Migration(migrations.Migration):
    dependencies = [
        ("thesis", "0023_source_raw"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="passage",
            options={
                "ordering": ["thesis", "order"],
                "permissions": [
                    ("verify_passage", "Can verify a passage another editor corrected"),
                    ("repair_structure", "Can split and merge passages and repair sections"),
                ],
                "verbose_name": "passage",
                "verbose_name_plural": "passages",
            },
        ),
        migrations.CreateModel(
            name="PassageSuccessor",
            fields=[
                (
                    "old_id",
                    models.PositiveBigIntegerField(primary_key=True, serialize=False, verbose_name="former passage id"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "passage",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="predecessors",
                        to="thesis.passage",
                        verbose_name="passage",
                    ),
                ),
            ],
            options={
                "verbose_name": "former passage",
                "verbose_name_plural": "former passages",
            },
        ),
        GRANT,
    ]
