"""The Council of Europe member states, with names in the reader's language.

The list of codes is shipped as data (``data/coe_member_states.csv``, 46 states since
16 March 2022); the names come from the CLDR through Babel, so every content language
gets its own country names without a hand-typed table.
"""

import csv
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

DATA_FILE = Path(__file__).parent / "data" / "coe_member_states.csv"


@cache
def _member_states() -> dict[str, tuple[str, ...]]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return {
            row["iso3166_alpha2"]: tuple(row["official_languages_iso639_1"].split())
            for row in csv.DictReader(handle)
        }


def member_state_codes() -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes of the 46 member states."""
    return tuple(_member_states())


def official_languages(code: str) -> tuple[str, ...]:
    """ISO 639-1 codes of a member state's official languages."""
    return _member_states().get(code, ())


@cache
def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def country_name(code: str, language: str | None = None) -> str:
    """The name of a country in ``language`` (the active language by default)."""
    locale = _babel_locale(language or get_language() or "en")
    return locale.territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """Model-field choices: the member states, named and sorted in the active language."""
    language = get_language() or "en"
    choices = [(code, country_name(code, language)) for code in member_state_codes()]
    return sorted(choices, key=lambda choice: _sort_key(choice[1]))


def _sort_key(name: str) -> str:
    # Without this, "Österreich" sorts after "Zypern" in German.
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
