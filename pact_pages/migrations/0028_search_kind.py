"""The search index's kind inside the engine's own full-text structure (issue 18).

SQLite: the FTS5 table gains a ``kind`` column ("s", "i" or "p", the row's
``SearchEntry.kind``), so that the API's search of signatories reads the signatories'
matches only (``… AND kind : "s"``), not the 90,000 initiatives' of a common word first. FTS5
tables cannot be altered: a new one is filled from the old text and the rows' kinds, then
takes its name; the trigger that removes a row's text is created again.

PostgreSQL: a GIN index of the signatories' rows alone (``WHERE kind = 's'``), so that a
search of signatories builds the bitmap of their matches only: a common word's bitmap over
every row held 90,000 initiatives to reach a few thousand signatories.
"""

from django.db import migrations

TABLE = "pact_pages_searchtext"
TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
TRIGGER = (
    "CREATE TRIGGER pact_pages_searchentry_text AFTER DELETE ON pact_pages_searchentry "
    f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.page_id; END"
)


def _remake(schema_editor, columns: str, select: str) -> None:
    new = f"{TABLE}_new"
    for statement in (
        f"CREATE VIRTUAL TABLE {new} USING fts5({columns}, {TOKENIZE})",
        f"INSERT INTO {new} (rowid, {columns}) {select}",
        "DROP TRIGGER IF EXISTS pact_pages_searchentry_text",
        f"DROP TABLE {TABLE}",
        f"ALTER TABLE {new} RENAME TO {TABLE}",
        TRIGGER,
    ):
        schema_editor.execute(statement)


SIGNATORIES = "pact_search_signatories"


def add_kind(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SIGNATORIES} ON pact_pages_searchentry "
            "USING gin (document) WITH (fastupdate = off) WHERE kind = 's'"
        )
    if schema_editor.connection.vendor == "sqlite":
        _remake(
            schema_editor,
            "title, body, kind",
            f"SELECT t.rowid, t.title, t.body, e.kind FROM {TABLE} t "  # noqa: S608 (constants)
            "JOIN pact_pages_searchentry e ON e.page_id = t.rowid",
        )


def remove_kind(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SIGNATORIES}")
    if schema_editor.connection.vendor == "sqlite":
        _remake(schema_editor, "title, body", f"SELECT rowid, title, body FROM {TABLE}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0027_follow_up")]

    operations = [migrations.RunPython(add_kind, remove_kind, elidable=False)]
