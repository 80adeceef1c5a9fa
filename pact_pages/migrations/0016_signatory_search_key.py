"""Signatories' names as the directory's search matches them (accents and case aside).

The field is filled for the pages that already exist, in batches (a site with 10,000
signatories in 11 languages would not hold them all in memory at once).

Going back leaves the column in place, with its database default, so that older code can
still insert rows: migration 0014, undone after this one on the way to ``zero``, deletes the
plugin's pages through Wagtail with today's page models, which read every column. The table
goes with 0001; coming forward again finds the column there and keeps it.
"""

from django.db import migrations, models

from pact_pages.core.collation import search_text

BATCH = 500


def _search_key_field() -> models.TextField:
    return models.TextField(blank=True, db_default="", default="", editable=False)


def add_column(apps, schema_editor) -> None:
    model = apps.get_model("pact_pages", "SignatoryPage")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, model._meta.db_table)
    if "search_key" in {column.name for column in columns}:
        return
    field = _search_key_field()
    field.set_attributes_from_name("search_key")
    field.model = model
    schema_editor.add_field(model, field)


def fill_search_keys(apps, schema_editor) -> None:
    signatory_page = apps.get_model("pact_pages", "SignatoryPage")
    pages = signatory_page.objects.using(schema_editor.connection.alias)
    last = 0
    while batch := list(
        pages.filter(pk__gt=last).order_by("pk").only("pk", "title", "official_name")[:BATCH]
    ):
        for page in batch:
            page.search_key = search_text(f"{page.title} {page.official_name}")
        pages.bulk_update(batch, ["search_key"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0015_pillar_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="signatorypage", name="search_key", field=_search_key_field()
                ),
            ],
            database_operations=[migrations.RunPython(add_column, migrations.RunPython.noop)],
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
    ]
