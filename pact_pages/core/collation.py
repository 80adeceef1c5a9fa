"""Names as a reader expects them: found without accents or capitals, sorted in their language.

Two tools, both portable (SQLite and PostgreSQL, no database extension, no superuser right):

- :func:`search_text`, the normalised form of a name (casefolded, accents stripped, letters
  that do not decompose spelled out: "Łódź" → "lodz"). Pages store it (e.g.
  ``SignatoryPage.search_key``) and a query, normalised the same way, is matched with a plain
  ``contains``: "Balti" finds "Bălți", "KRAKOW" finds "Kraków".
- :func:`collated`, the ``ORDER BY`` of a name in the reader's language: PostgreSQL's ICU
  collations ("pl-x-icu", falling back to "und-x-icu"); on SQLite, collations registered on
  each new connection that compare :func:`sort_key` (the same alphabet tailorings, written
  here). "Bălți" sorts after "Baden" and before "Brno"; "Łódź" after "Lublin" in Polish.
- :func:`stored_key`, the same order as a string compared code point by code point, which
  SQLite stores and indexes for the read index's lists (:func:`by_title`) without a
  collation of its own: an index in a Python-registered collation would make every client
  without it (the ``sqlite3`` tool, backup tools) fail to write or ``VACUUM``.
"""

import unicodedata
from functools import lru_cache

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import F, Func, QuerySet
from django.db.models.functions import Collate
from wagtail.coreutils import get_content_languages

# Letters that carry no combining mark to strip (NFKD leaves them whole).
SPELLED = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "ı": "i",
        "ĸ": "k",
        "ŀ": "l",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŋ": "n",
        "ə": "e",
    }
)


def search_text(text: str) -> str:
    """``text`` casefolded, without accents, its letters spelled in their base form."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(bare.translate(SPELLED).split())


# --- Sorting -----------------------------------------------------------------------------------

# Letters an alphabet sorts as letters of their own: letter → (the letter it follows, rank).
# CLDR's tailorings of the letters (contractions such as Czech "ch" are left out).
_ROOT = {
    # Cyrillic letters outside Russian's contiguous block, placed as ICU's root places them.
    "ђ": ("д", 1),
    "є": ("е", 1),
    "ѕ": ("з", 1),
    "і": ("и", 1),
    "й": ("и", 2),
    "ј": ("и", 3),
    "љ": ("л", 1),
    "њ": ("н", 1),
    "ћ": ("т", 1),
    "џ": ("ч", 1),
    "ґ": ("г", 0),
}
_NORDIC_SV = {
    "å": ("z", 1),
    "ä": ("z", 2),
    "æ": ("z", 2),
    "ö": ("z", 3),
    "ø": ("z", 3),
    "œ": ("z", 3),
}
_NORDIC_DA = {"æ": ("z", 1), "ä": ("z", 1), "ø": ("z", 2), "ö": ("z", 2), "å": ("z", 3)}
_SOUTH_SLAVIC = {"č": ("c", 1), "ć": ("c", 2), "đ": ("d", 2), "š": ("s", 1), "ž": ("z", 1)}
_TURKIC = {
    "ç": ("c", 1),
    "ğ": ("g", 1),
    "ı": ("i", -1),
    "ö": ("o", 1),
    "ş": ("s", 1),
    "ü": ("u", 1),
}
TAILORINGS: dict[str, dict[str, tuple[str, int]]] = {
    "pl": {
        "ą": ("a", 1),
        "ć": ("c", 1),
        "ę": ("e", 1),
        "ł": ("l", 1),
        "ń": ("n", 1),
        "ó": ("o", 1),
        "ś": ("s", 1),
        "ź": ("z", 1),
        "ż": ("z", 2),
    },
    "tr": _TURKIC,
    "az": {**_TURKIC, "ə": ("e", 1)},
    "es": {"ñ": ("n", 1)},
    "sv": _NORDIC_SV,
    "fi": _NORDIC_SV,
    "da": _NORDIC_DA,
    "nb": _NORDIC_DA,
    "nn": _NORDIC_DA,
    "no": _NORDIC_DA,
    "is": {
        "á": ("a", 1),
        "ð": ("d", 1),
        "é": ("e", 1),
        "í": ("i", 1),
        "ó": ("o", 1),
        "ú": ("u", 1),
        "ý": ("y", 1),
        "þ": ("z", 1),
        "æ": ("z", 2),
        "ä": ("z", 2),
        "ö": ("z", 3),
        "ø": ("z", 3),
        "å": ("z", 4),
    },
    "cs": {"č": ("c", 1), "ř": ("r", 1), "š": ("s", 1), "ž": ("z", 1)},
    "sk": {"ä": ("a", 1), "č": ("c", 1), "ô": ("o", 1), "š": ("s", 1), "ž": ("z", 1)},
    "hr": _SOUTH_SLAVIC,
    "bs": _SOUTH_SLAVIC,
    "sl": {"č": ("c", 1), "š": ("s", 1), "ž": ("z", 1)},
    "ro": {
        "ă": ("a", 1),
        "â": ("a", 2),
        "î": ("i", 1),
        "ș": ("s", 1),
        "ş": ("s", 1),
        "ț": ("t", 1),
        "ţ": ("t", 1),
    },
    "hu": {"ö": ("o", 1), "ő": ("o", 1), "ü": ("u", 1), "ű": ("u", 1)},
    "lt": {"č": ("c", 1), "š": ("s", 1), "ž": ("z", 1)},
    "lv": {
        "č": ("c", 1),
        "ģ": ("g", 1),
        "ķ": ("k", 1),
        "ļ": ("l", 1),
        "ņ": ("n", 1),
        "š": ("s", 1),
        "ž": ("z", 1),
    },
}
# Alphabets that put capitals first when names differ only in case.
UPPER_FIRST = frozenset({"da"})
# Spaces and punctuation before digits and letters, in ICU's root order.
_PUNCTUATION = {
    char: rank for rank, char in enumerate(" _-,;:!?.'‘’\"“”()[]{}@*/\\&#%`^+<=>|~$", 1)
}


def _language(language: str | None) -> str:
    return (language or "").lower().replace("_", "-").split("-")[0]


def _weight(base: str, rank: int = 0) -> int:
    if base in _PUNCTUATION:
        return _PUNCTUATION[base]
    return ord(base) * 64 + 32 + rank


@lru_cache(maxsize=100_000)
def sort_key(text: str, language: str | None = None) -> tuple:
    """A key that sorts names as ICU's collation of ``language`` does, for the common cases:
    letters first (accents and case ignored, an alphabet's own letters where it puts them),
    then accents, then lower case before capitals."""
    code = _language(language)
    tailoring = {**_ROOT, **TAILORINGS.get(code, {})}
    text = unicodedata.normalize("NFC", text)
    if code in ("tr", "az"):  # dotted and dotless i are two letters
        text = unicodedata.normalize("NFD", text.replace("İ", "i")).replace("I", "ı")
        text = unicodedata.normalize("NFC", text)
    folded = text.casefold()
    primary: list[int] = []
    secondary: list[str] = []  # each letter's accents, compared letter by letter
    for char in folded:
        marks = unicodedata.normalize("NFD", char)[1:]
        if unicodedata.combining(char) and secondary:
            secondary[-1] += char
        elif char in tailoring:
            primary.append(_weight(*tailoring[char]))
            secondary.append("")
        else:
            for index, part in enumerate(search_text(char) if not char.isspace() else " "):
                primary.append(_weight(*tailoring.get(part, (part, 0))))
                secondary.append("" if index else marks)
    tertiary = text if code in UPPER_FIRST else text.swapcase()
    return (tuple(primary), tuple(secondary), tertiary, text)


# A stored key (:func:`stored_key`) holds a primary weight in one character where it can:
# letters as 64 + 8 × code point + (rank + 2), which keeps their order for ranks -2 to 5.
if any(not -2 <= rank <= 5 for t in (_ROOT, *TAILORINGS.values()) for _b, rank in t.values()):
    raise ValueError("collation.TAILORINGS: ranks must lie in -2..5 (see stored_key)")
_END = "\x01"  # ends a level and each accent string: below every character a key holds


def _stored_weight(weight: int) -> str:
    value = weight + 1 if weight < 64 else 64 + weight // 64 * 8 + weight % 64 - 30
    if value < 0xD000:
        return chr(value)
    # Past the surrogates: an escape character above every single one, then the low bits.
    return chr(0xE000 + (value >> 15)) + chr(0x100 + (value & 0x7FFF))


@lru_cache(maxsize=100_000)
def stored_key(text: str, language: str | None = None) -> str:
    """:func:`sort_key` as one string that sorts the same by code point (SQLite's BINARY
    collation of UTF-8 text): a column any client can index, compare and write, where an
    index in a collation registered from Python breaks the tools that lack it. (Titles hold
    no control characters U+0000-U+0002, which the key's separators rely on.)"""
    primary, secondary, tertiary, text = sort_key(text, language)
    weights = "".join(_stored_weight(weight) for weight in primary)
    accents = "".join(marks + _END for marks in secondary)
    return weights + _END + accents + _END + tertiary + _END + text


def _compare(language: str):
    def compare(left: str, right: str) -> int:
        a, b = sort_key(left, language), sort_key(right, language)
        return (a > b) - (a < b)

    return compare


def sqlite_collation(language: str | None) -> str:
    """The name of the SQLite collation registered for ``language``."""
    code = _language(language)
    return f"pact_{code}" if code in TAILORINGS else "pact_root"


def register_sqlite_collations(sender, connection, **kwargs) -> None:
    """Gives a new SQLite connection the plugin's collations (SQLite has no locale of its own)."""
    if connection.vendor != "sqlite":
        return
    for code in (None, *TAILORINGS):
        connection.connection.create_collation(sqlite_collation(code), _compare(code or "root"))


_icu: dict[str, frozenset[str]] = {}


def _icu_collations(alias: str) -> frozenset[str]:
    """PostgreSQL's ICU collations (none on a server built without ICU), read once."""
    if alias not in _icu:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT collname FROM pg_collation WHERE collprovider = 'i'")
            _icu[alias] = frozenset(row[0] for row in cursor.fetchall())
    return _icu[alias]


def _remember_icu(sender, connection, **kwargs) -> None:
    # Read when the connection opens, so that no listing pays for it in its own queries.
    if connection.vendor == "postgresql" and connection.alias not in _icu:
        with connection.cursor() as cursor:
            cursor.execute("SELECT collname FROM pg_collation WHERE collprovider = 'i'")
            _icu[connection.alias] = frozenset(row[0] for row in cursor.fetchall())


def postgresql_collation(language: str | None, alias: str = "default") -> str | None:
    """The ICU collation for ``language`` ("pt-BR-x-icu", "pt-x-icu", "und-x-icu"), if any."""
    available = _icu_collations(alias)
    parts = (language or "").replace("_", "-").split("-")
    region = "-".join(
        [parts[0].lower(), *(p.upper() if len(p) == 2 else p.title() for p in parts[1:])]
    )
    for name in (f"{region}-x-icu", f"{parts[0].lower()}-x-icu", "und-x-icu"):
        if name in available:
            return name
    return None


def collated(field: str, language: str | None, alias: str = "default") -> Func | F:
    """``field`` for ``order_by()``, compared as readers of ``language`` sort names."""
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return Collate(F(field), sqlite_collation(language))
    if vendor == "postgresql" and (name := postgresql_collation(language, alias)):
        return Collate(F(field), name)
    return F(field)  # another database: its own collation


def keyed_alphabets() -> set[str]:
    """The alphabets the read index stores title keys in on SQLite (the site's content
    languages'; :mod:`pact_pages.api.title_indexes`)."""
    return {sqlite_collation(language) for language in get_content_languages()}


def by_title(
    entries: QuerySet, kind: str, language: str | None, fields: tuple[str, ...]
) -> tuple[QuerySet, tuple[str, ...]]:
    """Read index rows of ``kind`` ordered by ``fields``, their title compared as readers of
    ``language`` sort names: ``title`` becomes ``sort_title``, in the order and in a cursor's
    "after this title" alike. On SQLite the title's stored key, whose index gives the page in
    order (:mod:`pact_pages.api.title_indexes`); elsewhere the collated title, which
    PostgreSQL's ICU title indexes give in order."""
    if "title" not in {field.lstrip("-") for field in fields}:
        return entries, fields
    alphabet = sqlite_collation(language)
    names = {"title": "sort_title"}
    if connections[entries.db].vendor == "sqlite" and alphabet in keyed_alphabets():
        keyed = entries.filter(title_keys__kind=kind, title_keys__alphabet=alphabet)
        # The tie-break on the key's own entry column: on the entry's, SQLite sorted the
        # keys of each title once more, not knowing both columns equal.
        entries = keyed.annotate(sort_title=F("title_keys__key"), sort_id=F("title_keys__entry"))
        names |= {"pk": "sort_id", "page_id": "sort_id"}
    else:
        entries = entries.annotate(sort_title=collated("title", language, entries.db))
    ordered = ((field[:1] == "-", field.lstrip("-")) for field in fields)
    return entries, tuple("-" * back + names.get(name, name) for back, name in ordered)


def connect() -> None:
    connection_created.connect(register_sqlite_collations, dispatch_uid="pact_sqlite_collations")
    connection_created.connect(_remember_icu, dispatch_uid="pact_icu_collations")
