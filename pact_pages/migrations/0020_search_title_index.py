"""The search index's titles on their own (PostgreSQL): a GIN index on the title's words.

The search page puts the pages with every word in their title first when a common word
matches thousands. Testing weight A of the whole document rereads the tsvector of every
page with the words (a weighted query needs the recheck); ``ts_filter(document, '{a}')`` is
the title's words alone, and its GIN index answers "every word in the title" without
reading a row that does not have them. SQLite's FTS5 filters on its title column already.
"""

from django.db import migrations

INDEX = "pact_search_title"


def add_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON pact_pages_searchentry "
            "USING gin (ts_filter(document, '{a}')) WITH (fastupdate = off)"
        )


def remove_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0019_api_index_figures")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
