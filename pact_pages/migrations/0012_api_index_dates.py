from django.db import migrations


def empty_index(apps, schema_editor):
    """Empties the API's read index, so that ``migrate`` rebuilds it with the new dates.

    Entries of earlier releases date a translation by its own first publication (a story of
    2025 translated today sorts as today's) and list wagtail-localize's aliases of
    untranslated pages as translations. ``pact_pages.api.index.rebuild_if_empty`` runs
    after every ``migrate`` and rebuilds an empty index with the release's code.
    """
    apps.get_model("pact_pages", "ApiIndexEntry").objects.all().delete()
    apps.get_model("pact_pages", "ApiIndexTotal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0011_mirror_view_restrictions"),
    ]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
    ]
