"""The countries signatories come from, with names in the reader's language.

``PACT_COUNTRIES`` (ISO 3166-1 alpha-2 codes) lists them; by default the Council of Europe's
member states, shipped as data (``data/coe_member_states.csv``, 46 states since 16 March
2022). The names come from the CLDR through Babel, so every content language gets its own
country names without a hand-typed table. Model fields take ``country_choices`` itself (a
callable), so a host's list never shows in the plugin's migrations.
"""

import csv
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from django.core import checks
from django.utils.translation import get_language

from pact_pages.conf import pact_setting
from pact_pages.core.collation import sort_key

DATA_FILE = Path(__file__).parent / "data" / "coe_member_states.csv"
# Two-letter CLDR territories that are not countries a signatory can be in.
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})


@cache
def _member_states() -> dict[str, tuple[str, ...]]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return {
            row["iso3166_alpha2"]: tuple(row["official_languages_iso639_1"].split())
            for row in csv.DictReader(handle)
        }


def member_state_codes() -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes of the countries signatories come from (``PACT_COUNTRIES``,
    by default the Council of Europe's 46 member states)."""
    configured = pact_setting("PACT_COUNTRIES")
    if configured is None:
        return tuple(_member_states())
    return tuple(dict.fromkeys(str(code).upper() for code in configured))


def official_languages(code: str) -> tuple[str, ...]:
    """ISO 639-1 codes of a Council of Europe member state's official languages."""
    return _member_states().get(code, ())


def unknown_country_codes(codes) -> list[str]:
    """The codes among ``codes`` that are not a country's ISO 3166-1 alpha-2 code in the CLDR."""
    territories = Locale.parse("en").territories
    return [
        str(code)
        for code in codes
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha())
        or code.upper() not in territories
        or code.upper() in NOT_COUNTRIES
    ]


@checks.register()
def check_countries(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``PACT_COUNTRIES``: a list of country codes Babel can name."""
    configured = pact_setting("PACT_COUNTRIES")
    if configured is None:
        return []
    if isinstance(configured, str) or not hasattr(configured, "__iter__") or not configured:
        return [
            checks.Error(
                f"PACT_COUNTRIES must be a non-empty list of ISO 3166-1 alpha-2 codes, "
                f"not {configured!r}.",
                hint='For example PACT_COUNTRIES = ["US", "CA"]; leave it unset for the '
                "Council of Europe's 46 member states.",
                id="pact_pages.E020",
            )
        ]
    unknown = unknown_country_codes(configured)
    if not unknown:
        return []
    return [
        checks.Error(
            f"PACT_COUNTRIES: not a country's ISO 3166-1 alpha-2 code: {', '.join(unknown)}.",
            hint="Use two-letter codes such as FR, US or CA (the CLDR's territories).",
            id="pact_pages.E021",
        )
    ]


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
    """Model-field choices: the countries, named and sorted in the active language."""
    language = get_language() or "en"
    choices = [(code, country_name(code, language)) for code in member_state_codes()]
    # In the reader's alphabet: "Österreich" before "Zypern", Polish "Łotwa" after "Luksemburg".
    return sorted(choices, key=lambda choice: sort_key(choice[1], language))
