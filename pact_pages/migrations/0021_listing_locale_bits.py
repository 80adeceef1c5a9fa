"""A translation's reader's lists cost what a page shows.

"Each item once: in the reader's language where translated, in the source language
otherwise" tested each source row against the other rows (``translation_key NOT IN`` the
reader's language's keys): PostgreSQL and SQLite read and sorted every row of the kind before
a page of 20 (half a second at 100,000 initiatives). ``locale_bits`` holds on every row the
locales its translation group has a row in (pact_pages.core.fallbacks), so the test is of the
row alone, and ``pact_api_kind_date`` gives the list newest first across languages: the
database walks it and stops at the page.

The rows already indexed get their bits here (the index rebuilds of later changes keep them).
"""

from django.db import migrations, models

# A locale's bit: ids up to 62 (pact_pages.core.fallbacks.LAST_BIT).
FILL = (
    "UPDATE {table} SET locale_bits = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << t.locale_id) "
    "FROM {table} t WHERE t.kind = {table}.kind AND t.translation_key = {table}.translation_key "
    "AND t.locale_id BETWEEN 0 AND 62), 0)"
)


# SQLite adds a column with a default by making the table anew, which drops its triggers:
# migration 0017's, which empties the FTS5 text of a removed row, comes back.
TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS pact_pages_searchentry_text AFTER DELETE ON "
    "pact_pages_searchentry BEGIN DELETE FROM pact_pages_searchtext WHERE rowid = old.page_id; "
    "END"
)


def fill(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(TRIGGER)
    for table in ("pact_pages_apiindexentry", "pact_pages_searchentry"):
        schema_editor.execute(FILL.format(table=table))


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0020_search_title_index")]

    operations = [
        migrations.AddField(
            model_name="apiindexentry",
            name="locale_bits",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="locale_bits",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="apiindexentry",
            index=models.Index(
                fields=["kind", "first_published_at", "page"], name="pact_api_kind_date"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
