from django.db import migrations, models


def empty_index(apps, schema_editor):
    """Empties the API's read index, so that ``migrate`` rebuilds it with the map features.

    ``pact_pages.api.index.rebuild_if_empty`` runs after every ``migrate`` and rebuilds an
    empty index with the code of the release being installed; entries left from the
    previous release would have no feature and keep their signatories off the map.
    """
    apps.get_model("pact_pages", "ApiIndexEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0009_api_index_totals"),
    ]

    operations = [
        migrations.AddField(
            model_name="apiindexentry",
            name="feature",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(empty_index, migrations.RunPython.noop),
    ]
