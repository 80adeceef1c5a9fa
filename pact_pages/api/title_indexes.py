"""The read index's titles in each content language's alphabetical order, through indexes.

The directory, the map list and the API's ``ordering=title``/``name`` list items by title as
readers of their language sort names (:func:`pact_pages.core.collation.by_title`: "Bălți"
before "Brno", "Łódź" after "Lublin" in Polish). Without an index in that order, each page of
20 sorted every item first (a quarter of a second at 10,000 signatories on SQLite). With one,
the database walks the index in order and stops after the page it shows.

- SQLite has no alphabet of its own. The titles' keys (:func:`~pact_pages.core.collation.
  stored_key`) are stored in :class:`ApiIndexTitleKey`, one row per entry and alphabet a
  reader may see it in (its own language's; every content language's for a source-language
  entry, which readers of an untranslated item see in their alphabet), under a plain index:
  any SQLite client (the ``sqlite3`` tool, backup tools, DB browsers) can write, ``VACUUM``
  and ``REINDEX`` the database. (Indexes in collations registered from Python, the former
  way, made such clients fail.) The index build writes the keys with the entries; a content
  language with a new alphabet gets its keys after the next ``migrate`` (:func:`ensure`).
- PostgreSQL has ICU's alphabets: one index per content language's ICU collation and kind
  (:func:`ensure`, after every ``migrate``). They give ICU's exact order, a stored key only
  the common cases of it, and work in every client, since the server holds the collation.
"""

import re
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, models
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from pact_pages.api.models import ApiIndexEntry
from pact_pages.core.collation import keyed_alphabets, postgresql_collation, sqlite_collation
from pact_pages.core.collation import stored_key as _stored_key
from pact_pages.core.layout_cache import locales

TABLE = "pact_pages_apiindexentry"
BATCH = 2000


class ApiIndexTitleKey(models.Model):
    """An entry's title as it sorts in one alphabet (SQLite; see the module)."""

    entry = models.ForeignKey(ApiIndexEntry, on_delete=models.CASCADE, related_name="title_keys")
    kind = models.CharField(max_length=1, choices=ApiIndexEntry.Kind.choices)
    alphabet = models.CharField(max_length=16)  # collation.sqlite_collation()'s name
    key = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "alphabet", "key", "entry"], name="pact_api_title_key")
        ]

    def __str__(self) -> str:
        return f"{self.alphabet} {self.entry_id}"


def key_rows(rows: Iterable[tuple], alphabets: set[str], model=ApiIndexTitleKey) -> list:
    """Keys of ``rows`` (page id, kind, language, is source, title) in ``alphabets``: an
    entry's own language's alphabet, and every one for an entry of the source language."""
    keys = []
    for page_id, kind, language, is_source, title in rows:
        own = sqlite_collation(language)
        for alphabet in sorted(alphabets if is_source else alphabets & {own}):
            key = _stored_key(title, "root" if alphabet == "pact_root" else alphabet[5:])
            keys.append(model(entry_id=page_id, kind=kind, alphabet=alphabet, key=key))
    return keys


def write(entries: list[ApiIndexEntry]) -> None:
    """Stores the title keys of new entries (with them, in the index build)."""
    if not entries or connections[ApiIndexEntry.objects.db].vendor != "sqlite":
        return
    # The site's locales as the layout cache holds them (no query on a publication), read
    # again for a locale new since.
    known = locales()
    if any(entry.locale_id not in known for entry in entries):
        known = {locale.pk: locale for locale in Locale.objects.all()}
    language = {pk: locale.language_code for pk, locale in known.items()}
    rows = ((e.page_id, e.kind, language[e.locale_id], e.is_source, e.title) for e in entries)
    ApiIndexTitleKey.objects.bulk_create(key_rows(rows, keyed_alphabets()), batch_size=BATCH)


def fill(entry_model, key_model, alphabets: set[str], kind: str | None = None) -> int:
    """Stores the keys in ``alphabets`` of the entries already indexed (of ``kind``): for
    migration 0022 and for an alphabet new to the site. Returns the number of keys."""
    entries = entry_model.objects.all() if kind is None else entry_model.objects.filter(kind=kind)
    columns = ("page_id", "kind", "locale__language_code", "is_source", "title")
    last, written = 0, 0
    while rows := list(entries.filter(pk__gt=last).order_by("pk").values_list(*columns)[:BATCH]):
        keys = key_rows(rows, alphabets, key_model)
        key_model.objects.bulk_create(keys, batch_size=BATCH)
        last, written = rows[-1][0], written + len(keys)
    return written


# --- PostgreSQL: ICU-collated indexes --------------------------------------------------------


def collations(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """PostgreSQL's ICU collations of the site's content languages."""
    if connections[using].vendor != "postgresql":
        return set()
    named = (postgresql_collation(language, using) for language in get_content_languages())
    return {name for name in named if name}


def index_name(collation: str, kind: str = ApiIndexEntry.Kind.SIGNATORY) -> str:
    prefix = "pact_api_title_" if kind == ApiIndexEntry.Kind.SIGNATORY else "pact_api_ititle_"
    return prefix + re.sub(r"\W", "_", collation.lower())[:40]


# What the directory and the map filter on and show, held in the signatories' indexes: the
# walk to the page shown reads no row (rows hold each item's JSON). The API reads the JSON
# of the rows it shows, so the initiatives' indexes hold the order alone.
COVERED = (
    "locale_id",
    "is_source",
    "pillar_mask",
    "country",
    "signatory_type",
    "latitude",
    "longitude",
    "initiative_count",
)


def statement(collation: str, kind: str) -> str:
    name, quoted = index_name(collation, kind), f'"{collation}"'
    covered = ", ".join(f'"{column}"' for column in COVERED)
    include = f" INCLUDE ({covered})" if kind == ApiIndexEntry.Kind.SIGNATORY else ""
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
        f'("title" COLLATE {quoted}, "page_id"){include} WHERE "kind" = \'{kind}\''
    )


def ensure(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate`` (not after ``migrate pact_pages zero``, which leaves no table): on
    PostgreSQL, the missing ICU title indexes; on SQLite, the keys of an alphabet new to the
    site, and no index left in a Python collation."""
    connection = connections[using]
    tables = connection.introspection.table_names()
    if TABLE not in tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for collation in sorted(collations(using)):
                for kind in ApiIndexEntry.Kind.values:
                    cursor.execute(statement(collation, kind))
        elif connection.vendor == "sqlite":
            drop_collated(cursor)
    if connection.vendor == "sqlite" and ApiIndexTitleKey._meta.db_table in tables:
        for kind in ApiIndexEntry.Kind.values:
            if not ApiIndexEntry.objects.using(using).filter(kind=kind).exists():
                continue
            keyed = ApiIndexTitleKey.objects.using(using).filter(kind=kind)
            missing = {a for a in keyed_alphabets() if not keyed.filter(alphabet=a).exists()}
            if missing:
                fill(ApiIndexEntry, ApiIndexTitleKey, missing, kind)


def drop_collated(cursor) -> None:
    """Drops the title indexes in the plugin's Python collations (before migration 0022)."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'pact_api_title%%' "
        "AND sql LIKE '%%COLLATE%%'"
    )
    for (name,) in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
