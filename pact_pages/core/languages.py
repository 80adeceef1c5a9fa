"""The languages of the Council of Europe, for ``LANGUAGES`` and ``WAGTAIL_CONTENT_LANGUAGES``.

English and French are the official languages, German, Italian and Russian the working
languages; then come the official languages of the 46 member states (from
``data/coe_member_states.csv``). A site picks its subset with :func:`content_languages`.
"""

import csv
from pathlib import Path

OFFICIAL = ("en", "fr")
WORKING = ("de", "it", "ru")
DATA_FILE = Path(__file__).parent / "data" / "coe_member_states.csv"

# Names as each language writes itself. Django's own table lacks Maltese and Romansh.
NAMES = {
    "az": "Azərbaycanca", "bg": "Български", "bs": "Bosanski", "ca": "Català",
    "cs": "Čeština", "cy": "Cymraeg", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά",
    "en": "English", "es": "Español", "et": "Eesti", "eu": "Euskara", "fi": "Suomi",
    "fr": "Français", "ga": "Gaeilge", "gl": "Galego", "hr": "Hrvatski", "hu": "Magyar",
    "hy": "Հայերեն", "is": "Íslenska", "it": "Italiano", "ka": "ქართული",
    "lb": "Lëtzebuergesch", "lt": "Lietuvių", "lv": "Latviešu", "mk": "Македонски",
    "mt": "Malti", "nb": "Norsk (bokmål)", "nl": "Nederlands", "nn": "Norsk (nynorsk)",
    "pl": "Polski", "pt": "Português", "rm": "Rumantsch", "ro": "Română", "ru": "Русский",
    "sk": "Slovenčina", "sl": "Slovenščina", "sq": "Shqip", "sr": "Српски",
    "sr-latn": "Srpski (latinica)", "sv": "Svenska", "tr": "Türkçe", "uk": "Українська",
}  # fmt: skip

EXTRA_LANG_INFO = {
    "mt": {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"},
    "rm": {"bidi": False, "code": "rm", "name": "Romansh", "name_local": "Rumantsch"},
}


def member_state_languages() -> list[str]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        codes = [
            code
            for row in csv.DictReader(handle)
            for code in row["official_languages_iso639_1"].split()
        ]
    return list(dict.fromkeys(codes))


def all_codes() -> list[str]:
    """Official, then working languages, then the member states' languages, each once."""
    return list(dict.fromkeys([*OFFICIAL, *WORKING, *member_state_languages()]))


def content_languages(selection: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs for a comma-separated selection, "all", or every language.

    Unknown codes raise ``ValueError`` naming them, so a typo in the environment fails fast.
    """
    known = all_codes()
    if not selection or selection.strip() == "all":
        codes = known
    else:
        codes = [code.strip() for code in selection.split(",") if code.strip()]
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(f"Not a Council of Europe language: {', '.join(unknown)}")
    return [(code, NAMES[code]) for code in codes]


def register_lang_info() -> None:
    """Teaches Django the languages its table lacks (call from settings)."""
    from django.conf.locale import LANG_INFO

    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)
