"""Each thesis's own data version, begun at the archive's: the answers cached so far stay keyed as they were."""

from django.db import migrations, models


def start_at_archive_version(apps, schema_editor):
    alias = schema_editor.connection.alias
    number = apps.get_model("thesis", "DataVersion").objects.using(alias).filter(pk=1).values_list("number", flat=True)
    apps.get_model("thesis", "Thesis").objects.using(alias).update(data_version=models.Subquery(number[:1]))


class Migration(migrations.Migration):
    dependencies = [("thesis", "0026_passage_words")]

    operations = [
        migrations.AddField(
            model_name="thesis",
            name="data_version",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="data version"),
        ),
        migrations.RunPython(start_at_archive_version, migrations.RunPython.noop),
    ]
