"""The search index (pact_pages.search): its rows, and the engine's text beside them.

PostgreSQL: a weighted ``tsvector`` column with a GIN index (the model does not declare it;
pact_pages.search.index writes it with each row). SQLite: an FTS5 table whose rowid is the
page's id, and a trigger that removes its text with the row. Other databases get the rows
only (searches there go through Wagtail's backend).

The rows of existing pages are written after ``migrate`` by the read index's
``rebuild_if_empty`` (pact_pages.api.index), from today's page models.

On SQLite, Django remakes a table to alter it (and drops its triggers): a later migration
that changes this table must create the trigger again.
"""

from django.db import migrations, models

FTS = (
    "CREATE VIRTUAL TABLE pact_pages_searchtext USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
TRIGGER = (
    "CREATE TRIGGER pact_pages_searchentry_text AFTER DELETE ON pact_pages_searchentry "
    "BEGIN DELETE FROM pact_pages_searchtext WHERE rowid = old.page_id; END"
)
PG = (
    "ALTER TABLE pact_pages_searchentry ADD COLUMN document tsvector",
    # fastupdate off: a search never scans a pending list of rows not merged yet (after a
    # rebuild, until autovacuum runs, every query read all of them); publishing writes a
    # page's few rows, which the index takes at once.
    "CREATE INDEX pact_search_document ON pact_pages_searchentry USING gin (document) "
    "WITH (fastupdate = off)",
)


def add_text(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG, "sqlite": (FTS, TRIGGER)}.get(vendor, ())
    for statement in statements:
        schema_editor.execute(statement)


def remove_text(apps, schema_editor) -> None:
    # The column and the trigger go with the table (the next step back).
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS pact_pages_searchentry_text")
        schema_editor.execute("DROP TABLE IF EXISTS pact_pages_searchtext")


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0016_signatory_search_key"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("page_id", models.IntegerField(primary_key=True, serialize=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[("s", "signatory"), ("i", "initiative"), ("p", "page")],
                        max_length=1,
                    ),
                ),
                (
                    "is_source",
                    models.BooleanField(help_text="The page is in the site's default language."),
                ),
                ("translation_key", models.UUIDField()),
                ("title", models.CharField(max_length=255)),
                (
                    "summary",
                    models.TextField(
                        blank=True, help_text="Plain text the result's snippet is cut from."
                    ),
                ),
                (
                    "url",
                    models.TextField(
                        blank=True, help_text="The page's address in its own language."
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
                "indexes": [
                    models.Index(
                        fields=["translation_key", "locale"], name="pact_search_key_locale"
                    )
                ],
            },
        ),
        migrations.RunPython(add_text, remove_text),
    ]
