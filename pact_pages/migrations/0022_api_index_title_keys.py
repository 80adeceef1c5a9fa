"""SQLite: the lists' alphabetical order from stored keys, not from indexes in Python collations.

The title indexes of migration 0018 named the collations the plugin registers on Django's
connections: the ``sqlite3`` tool, backup tools and DB browsers, which lack them, failed on
``VACUUM``, ``REINDEX`` and any write to the read index. The titles' keys in each content
language's alphabet (:mod:`pact_pages.api.title_indexes`) sort the same under SQLite's own
binary order, for initiatives as for signatories; the keys of the rows already indexed are
stored here (the index build keeps them) and the old indexes dropped. PostgreSQL keeps its
ICU indexes (made after ``migrate``, now for initiatives too) and stores no key.
"""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

# migrate pact_pages zero: the plugin's pages go (0014's reverse) while this table, which
# Django's collector reads when it deletes their index entries, is still there.
removal = import_module("pact_pages.migrations.0014_removal_takes_content")


def store_keys(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    from pact_pages.api import title_indexes
    from pact_pages.core.collation import keyed_alphabets

    with schema_editor.connection.cursor() as cursor:
        title_indexes.drop_collated(cursor)
    entry = apps.get_model("pact_pages", "ApiIndexEntry")
    key = apps.get_model("pact_pages", "ApiIndexTitleKey")
    title_indexes.fill(entry, key, keyed_alphabets())


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0021_listing_locale_bits")]

    operations = [
        migrations.CreateModel(
            name="ApiIndexTitleKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("s", "signatory"), ("i", "initiative")], max_length=1
                    ),
                ),
                ("alphabet", models.CharField(max_length=16)),
                ("key", models.TextField()),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="title_keys",
                        to="pact_pages.apiindexentry",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["kind", "alphabet", "key", "entry"], name="pact_api_title_key"
                    )
                ],
            },
        ),
        migrations.RunPython(store_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(migrations.RunPython.noop, removal.remove_content, elidable=False),
    ]
