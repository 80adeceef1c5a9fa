"""The directory finds names whatever their accents and capitals, and sorts them as readers
of its language do ("Bălți" after "Baden", before "Brno"), on SQLite and on PostgreSQL."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html

from pact_pages.core.collation import search_text, sort_key
from pact_pages.core.countries import country_choices
from pact_pages.map.models import MapFilters
from pact_pages.models import MapPage, SignatoryPage
from pact_pages.signatories.queries import signatories_for_listing
from tests.factories import SignatoryPageFactory, publish
from tests.test_i18n import translate

NAMES = [
    "Brno",
    "Bălți",
    "Baden-Baden",
    "Łódź",
    "Lublin",
    "Zürich",
    "Çanakkale",
    "Cork",
    "Izmir",
    "İstanbul",
    "Ilıca",
    "Ödemiş",
    "Ordu",
    "Oviedo",
    "Śrem",
    "Szczecin",
    "Ñuñoa",
    "Nuuk",
    "Αθήνα",
    "Київ",
    "Москва",
]
ENGLISH = [
    "Baden-Baden",
    "Bălți",
    "Brno",
    "Çanakkale",
    "Cork",
    "Ilıca",
    "İstanbul",
    "Izmir",
    "Łódź",
    "Lublin",
    "Ñuñoa",
    "Nuuk",
    "Ödemiş",
    "Ordu",
    "Oviedo",
    "Śrem",
    "Szczecin",
    "Zürich",
    "Αθήνα",
    "Київ",
    "Москва",
]
EXPECTED = {
    "en": ENGLISH,
    "fr": ENGLISH,
    "de": ENGLISH,
    # Polish: ł after l, ś after s.
    "pl": [*ENGLISH[:8], "Lublin", "Łódź", *ENGLISH[10:15], "Szczecin", "Śrem", *ENGLISH[17:]],
    # Turkish: ç after c, dotless ı before i (capital I is dotless), ö after o.
    "tr": [
        *ENGLISH[:3],
        "Cork",
        "Çanakkale",
        "Ilıca",
        "Izmir",
        "İstanbul",
        *ENGLISH[8:12],
        "Ordu",
        "Oviedo",
        "Ödemiş",
        *ENGLISH[15:],
    ],
    # Spanish: ñ after n.
    "es": [*ENGLISH[:10], "Nuuk", "Ñuñoa", *ENGLISH[12:]],
}


def names(response) -> list[str]:
    assert response.status_code == 200
    return [signatory.title for signatory in response.context["page_obj"]]


@pytest.fixture
def towns(directory, settings, quiet_saves):
    settings.PACT_SIGNATORIES_PER_PAGE = 50
    for number, name in enumerate(NAMES):
        SignatoryPageFactory(parent=directory, title=name, slug=f"town-{number}")


# --- Finding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Balti", "Bălți"),
        ("reykjavik", "Reykjavík"),
        ("KRAKOW", "Kraków"),
        ("lodz", "Łódź"),
        ("Łódź", "Łódź"),
        ("goteborg", "Göteborg"),
        ("strasse", "Großstraße"),
        ("tromso", "Tromsø"),
        ("ISTANBUL", "İstanbul"),
        ("limerick", "Councillor Aoife Brennan (Limerick)"),
        ("kyiv", "Kyiv"),
        ("киев", "Київ — Киев"),
    ],
)
def test_the_search_ignores_accents_and_capitals(client, directory, query, found):
    for number, name in enumerate(
        [
            "Bălți",
            "Reykjavík",
            "Kraków",
            "Łódź",
            "Göteborg",
            "Großstraße",
            "Tromsø",
            "İstanbul",
            "Councillor Aoife Brennan (Limerick)",
            "Київ — Киев",
            "Brno",
        ]
    ):
        SignatoryPageFactory(parent=directory, title=name, slug=f"s-{number}")
    SignatoryPageFactory(parent=directory, title="Kiev", slug="kiev", official_name="Kyiv")

    response = client.get(directory.url, {"q": query})

    expected = [found] if found != "Kyiv" else ["Kiev"]  # by its official name
    assert names(response) == expected
    assert f'value="{query}"' in response.content.decode()  # the reader's words, as typed


def test_every_word_must_match_and_the_introduction_still_counts(client, directory):
    SignatoryPageFactory(
        parent=directory, title="Bălți", slug="balti", introduction="A town in Moldova."
    )
    SignatoryPageFactory(parent=directory, title="Brno", slug="brno")

    assert names(client.get(directory.url, {"q": "balti moldova"})) == ["Bălți"]
    assert names(client.get(directory.url, {"q": "balti brno"})) == []


def test_search_text_spells_letters_that_do_not_decompose():
    assert search_text("  Łódź  ØRESUND Đakovo Straße Æbeltoft Œuvre Þingvellir ") == (
        "lodz oresund dakovo strasse aebeltoft oeuvre thingvellir"
    )


# --- Kept in step on every save path ---------------------------------------------------------


def test_a_new_page_and_a_published_revision_get_their_key(directory):
    page = SignatoryPageFactory(
        parent=directory, title="Bălți", slug="balti", official_name="Municipiul Bălți"
    )
    assert SignatoryPage.objects.get(pk=page.pk).search_key == "balti municipiul balti"

    page.title = "Reykjavík"
    publish(page)
    assert SignatoryPage.objects.get(pk=page.pk).search_key == "reykjavik municipiul balti"

    page.official_name = "Reykjavíkurborg"
    page.save(update_fields=["official_name"])
    assert SignatoryPage.objects.get(pk=page.pk).search_key == "reykjavik reykjavikurborg"


def test_publishing_from_the_admin_edit_view(directory):
    page = SignatoryPageFactory(parent=directory, title="Balti", slug="balti")
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client = Client()
    client.force_login(admin)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data = {
        key: values if len(values) > 1 else values[0]
        for key, values in form.lists()
        if "__prefix__" not in key
    }
    data.update({"title": "Bălți", "body-count": "0", "action-publish": "action-publish"})

    response = client.post(edit, data)

    assert response.status_code == 302, response.context["form"].errors
    assert SignatoryPage.objects.get(pk=page.pk).search_key.startswith("balti ")
    assert names(Client().get(directory.url, {"q": "BALTI"})) == ["Bălți"]


def test_a_translation_synced_by_wagtail_localize(directory, django_capture_on_commit_callbacks):
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    krakow = SignatoryPageFactory(
        parent=directory, title="Cracow", slug="cracow", official_name="Gmina Miejska Kraków"
    )

    translated = translate(krakow, polish, {"Cracow": "Kraków"}, django_capture_on_commit_callbacks)

    assert translated.title == "Kraków"
    assert SignatoryPage.objects.get(pk=translated.pk).search_key == ("krakow gmina miejska krakow")


def test_the_migration_fills_existing_pages(directory):
    migration = importlib.import_module("pact_pages.migrations.0016_signatory_search_key")
    for number, name in enumerate(["Łódź", "Bălți", "Göteborg"]):
        SignatoryPageFactory(parent=directory, title=name, slug=f"s-{number}", official_name=name)
    SignatoryPage.objects.update(search_key="")  # as the rows were before the migration

    migration.BATCH = 2  # more than one batch
    migration.fill_search_keys(django_apps, SimpleNamespace(connection=connection))

    keys = SignatoryPage.objects.order_by("search_key").values_list("search_key", flat=True)
    assert list(keys) == ["balti balti", "goteborg goteborg", "lodz lodz"]


# --- Sorting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_listings_sort_names_in_the_readers_language(towns, directory, language):
    locale = Locale.objects.get_or_create(language_code=language)[0]

    listed = [page.title for page in signatories_for_listing(locale, parent=directory)]

    assert listed == EXPECTED[language]
    assert sorted(NAMES, key=lambda name: sort_key(name, language)) == EXPECTED[language]


def test_the_directory_page_sorts_in_english(towns, directory, django_assert_max_num_queries):
    reader = Client()
    assert names(reader.get(directory.url)) == ENGLISH
    # As tests/test_queries.py counts the directory (10 with logos): the search and the
    # collation add none.
    with django_assert_max_num_queries(10):
        response = reader.get(directory.url, {"q": "BALȚI"})
    assert names(response) == ["Bălți"]


def test_the_polish_directory_sorts_in_polish(towns, directory):
    Locale.objects.get_or_create(language_code="pl")
    response = Client().get("/pl/" + directory.url[len("/en/") :])
    assert names(response) == EXPECTED["pl"]


def test_the_map_list_sorts_in_the_readers_language(towns, home_page):
    map_page = home_page.add_child(instance=MapPage(title="Map", slug="map"))
    turkish = Locale.objects.get_or_create(language_code="tr")[0]

    listed = [page.title for page in map_page.signatories(MapFilters(), turkish)]

    assert listed == EXPECTED["tr"]


def test_case_and_accents_break_ties_as_icu_does(directory):
    for number, name in enumerate(["ABC", "ábc", "Abc", "abc", "abd"]):
        SignatoryPageFactory(parent=directory, title=name, slug=f"s-{number}")
    listed = [page.title for page in signatories_for_listing(Locale.get_default(), directory)]
    assert listed == ["abc", "Abc", "ABC", "ábc", "abd"]


def test_country_options_follow_the_readers_alphabet():
    with translation.override("pl"):
        polish = [name for _code, name in country_choices()]
    with translation.override("en"):
        english = [name for _code, name in country_choices()]

    assert polish.index("Luksemburg") < polish.index("Łotwa")  # ł after l
    assert english.index("Latvia") < english.index("Luxembourg")


@pytest.mark.parametrize("language", ["en", "pl", "tr"])
def test_the_api_sorts_names_in_the_requested_language(towns, settings, language):
    settings.PACT_API_CACHE_TIMEOUT = 0
    Locale.objects.get_or_create(language_code=language)
    reader = Client()
    url = "/api/pact/v1/signatories"

    def titles(**params) -> tuple[list[str], str | None]:
        data = reader.get(url, {"locale": language, "ordering": "name", **params}).json()
        return [item["title"] for item in data["results"]], data["next_cursor"]

    everything, _cursor = titles(limit=100)
    walked, cursor = titles(limit=4)
    while cursor:  # keyset pages compare titles in the same collation
        page, cursor = titles(limit=4, cursor=cursor)
        walked += page

    assert everything == walked == EXPECTED[language]
    backwards = reader.get(url, {"locale": language, "ordering": "-name", "limit": 100}).json()
    assert [item["title"] for item in backwards["results"]] == EXPECTED[language][::-1]
