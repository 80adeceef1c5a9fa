"""The Council of Europe member states, named and sorted in the reader's language."""

import unicodedata

from django.utils.translation import override

from pact_pages.core.countries import (
    country_choices,
    country_name,
    member_state_codes,
    official_languages,
)


def test_the_46_member_states():
    codes = member_state_codes()

    assert len(codes) == 46
    assert len(set(codes)) == 46
    assert {"FR", "DE", "TR", "UA", "AZ", "IS", "SM", "GB"} <= set(codes)


def test_russia_is_no_longer_a_member():
    # Expelled on 16 March 2022.
    assert "RU" not in member_state_codes()
    assert "BY" not in member_state_codes()


def test_names_in_the_requested_language():
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("DE", "en") == "Germany"
    assert country_name("FR", "it") == "Francia"


def test_names_in_other_scripts():
    greek = country_name("GR", "el")
    assert greek == "Ελλάδα"
    assert all(unicodedata.name(char).startswith("GREEK") for char in greek)
    assert country_name("UA", "uk") == "Україна"


def test_names_in_the_active_language_by_default():
    with override("fr"):
        assert country_name("ES") == "Espagne"
    with override("de"):
        assert country_name("ES") == "Spanien"


def test_unknown_language_falls_back_to_english():
    assert country_name("DE", "xx") == "Germany"


def test_official_languages():
    assert official_languages("BE") == ("nl", "fr", "de")
    assert official_languages("RU") == ()


def test_choices_cover_every_member_state_once():
    with override("en"):
        choices = country_choices()

    assert sorted(code for code, _ in choices) == sorted(member_state_codes())


def test_choices_sorted_in_english():
    with override("en"):
        names = [name for _, name in country_choices()]

    assert names[0] == "Albania"
    assert names.index("Germany") < names.index("Greece") < names.index("Hungary")


def test_choices_sorted_in_german_with_umlauts_among_the_o():
    with override("de"):
        names = [name for _, name in country_choices()]

    assert "Österreich" in names
    assert names.index("Norwegen") < names.index("Österreich") < names.index("Polen")
    assert names[-1] == "Zypern"


def test_choices_sorted_in_french():
    with override("fr"):
        names = [name for _, name in country_choices()]

    assert names.index("Allemagne") < names.index("Autriche")
    assert names.index("Espagne") < names.index("Estonie") < names.index("France")
    assert names.index("Irlande") < names.index("Islande") < names.index("Italie")
