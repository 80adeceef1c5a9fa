"""Signatories' names as the directory's search matches them (accents and case aside).

The field is filled for the pages that already exist, in batches (a site with 10,000
signatories in 11 languages would not hold them all in memory at once).
"""

from django.db import migrations, models

from pact_pages.core.collation import search_text

BATCH = 500


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
        migrations.AddField(
            model_name="signatorypage",
            name="search_key",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
    ]
