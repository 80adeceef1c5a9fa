"""A translation's reader's lists cost what a page shows.

"Each item once: in the reader's language where translated, in the source language
otherwise" tested each source row against the other rows (``translation_key NOT IN`` the
reader's language's keys): PostgreSQL and SQLite read and sorted every row of the kind before
a page of 20 (half a second at 100,000 initiatives). ``locale_bits`` holds on each row the
locales of the other rows of its translation group (pact_pages.core.fallbacks), so the test
is of the row alone, and ``pact_api_kind_date`` gives the list newest first across languages: the
database walks it and stops at the page.

The rows already indexed get their bits here (the index rebuilds of later changes keep them).
"""

from django.db import migrations, models

# A locale's bit: ids up to 62 (pact_pages.core.fallbacks.LAST_BIT). Only the rows of a group
# of several have bits (those of the group's other rows): a site's untranslated items, most
# of its rows, keep the column's 0 and are not rewritten.
FILL = (
    "UPDATE {table} SET locale_bits = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << t.locale_id) "
    "FROM {table} t WHERE t.kind = {table}.kind AND t.translation_key = {table}.translation_key "
    "AND t.locale_id <> {table}.locale_id AND t.locale_id BETWEEN 0 AND 62), 0) "
    "WHERE translation_key IN (SELECT translation_key FROM {table} GROUP BY translation_key "
    "HAVING COUNT(*) > 1)"
)
TABLES = ("pact_pages_apiindexentry", "pact_pages_searchentry")
# The column as ALTER TABLE ADD COLUMN makes it on both databases: Django's AddField makes a
# SQLite table anew for a NOT NULL column (copying every row's JSON: more than half an hour
# at 100,000 initiatives on a loaded machine) and drops the table's triggers with it.
ADD = "ALTER TABLE {table} ADD COLUMN locale_bits bigint NOT NULL DEFAULT 0"
DROP = "ALTER TABLE {table} DROP COLUMN locale_bits"


def fill(apps, schema_editor) -> None:
    for table in TABLES:
        schema_editor.execute(FILL.format(table=table))


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0020_search_title_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(ADD.format(table=table), DROP.format(table=table))
                for table in TABLES
            ],
            state_operations=[
                migrations.AddField(
                    model_name=model,
                    name="locale_bits",
                    field=models.BigIntegerField(default=0),
                )
                for model in ("apiindexentry", "searchentry")
            ],
        ),
        migrations.AddIndex(
            model_name="apiindexentry",
            index=models.Index(
                fields=["kind", "first_published_at", "page"], name="pact_api_kind_date"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
