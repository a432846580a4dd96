"""An index of each timeline event's span in years, from which year-range filters read the longest."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("thesis", "0005_data_version_and_search")]

    operations = [
        migrations.AddIndex(
            model_name="timelineevent",
            index=models.Index(models.F("end_year") - models.F("start_year"), name="event_span"),
        ),
    ]
