"""Full-text search on the plugin's index (pact_pages.search): what readers find, in which
order, in which language, and how the index follows every change (site search and API)."""

import html
import re

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from pact_pages.api import index
from pact_pages.search import query as search_query
from pact_pages.search.backends import uses_own_index
from pact_pages.search.models import SearchEntry
from tests.factories import (
    InitiativePageFactory,
    SignatoryPageFactory,
    StandardPageFactory,
    publish,
)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db
API = "/api/pact/v1"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's stemmers (SQLite has one for all)"
)


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


def titles(client, query: str, language: str = "en") -> list[str]:
    page = client.get(f"/{language}/search/", {"q": query}).content.decode()
    found = re.findall(r'<h2 class="card-title"><a href="[^"]*">(.*?)</a></h2>', page)
    return [html.unescape(re.sub(r"</?mark>", "", title)) for title in found]


def api(client, path: str, **params) -> dict:
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def api_titles(client, path: str, **params) -> list[str]:
    return [item["title"] for item in api(client, path, **params)["results"]]


def indexed(**lookup) -> set[int]:
    index.flush()
    return set(SearchEntry.objects.filter(**lookup).values_list("page_id", flat=True))


class TestWords:
    def test_the_search_runs_on_the_plugins_index(self):
        assert uses_own_index()

    def test_word_forms_find_each_other(self, client, signatory):
        InitiativePageFactory(parent=signatory, title="Protection of children in clubs")

        assert titles(client, "protecting club") == ["Protection of children in clubs"]
        assert api_titles(client, "initiatives", q="protecting clubs") == [
            "Protection of children in clubs"
        ]

    def test_french_plural_finds_singular(self, client, signatory, fr_locale, capture):
        story = InitiativePageFactory(parent=signatory, title="A school for all")
        translate(story, fr_locale, {"A school for all": "Une école pour tous"}, capture)

        assert titles(client, "écoles", "fr") == ["Une école pour tous"]
        assert api_titles(client, "initiatives", q="ecoles", locale="fr") == ["Une école pour tous"]

    @on_postgresql
    def test_each_language_is_stemmed_with_its_own_rules(
        self, client, signatory, fr_locale, capture
    ):
        story = InitiativePageFactory(parent=signatory, title="Meeting the families")
        french = {"Meeting the families": "Protéger les enfants des familles"}
        translate(story, fr_locale, french, capture)

        # French plurals and verb forms share a stem; English stop words are skipped.
        found = titles(client, "enfant protégé famille", "fr")
        assert found == ["Protéger les enfants des familles"]
        assert titles(client, "the meetings of families") == ["Meeting the families"]

    def test_accents_and_case_do_not_matter(self, client, signatory):
        InitiativePageFactory(parent=signatory, title="Sécurité à l'école")

        assert titles(client, "SECURITE ecole") == ["Sécurité à l'école"]
        assert api_titles(client, "initiatives", q="securite") == ["Sécurité à l'école"]
        page = client.get("/en/search/", {"q": "securite"}).content.decode()
        assert "<mark>Sécurité</mark> à l&#x27;école" in page

    def test_title_hits_rank_above_text_hits(self, client, signatory):
        InitiativePageFactory(
            parent=signatory, title="Helpline", summary="A phone line: swimming pools call it."
        )
        InitiativePageFactory(parent=signatory, title="Swimming lessons", summary="Lessons.")

        assert titles(client, "swimming") == ["Swimming lessons", "Helpline"]

    def test_common_words_put_title_matches_first_then_the_newest(
        self, client, signatory, settings, monkeypatch
    ):
        monkeypatch.setattr(search_query, "RANK_LIMIT", 2)  # as if thousands matched
        settings.PACT_SEARCH_RESULTS_PER_PAGE = 3
        for number in range(3):
            InitiativePageFactory(parent=signatory, title=f"Story {number}", summary="Walnut.")
        InitiativePageFactory(parent=signatory, title="Walnut trees", summary="Walnut walnut.")
        InitiativePageFactory(parent=signatory, title="Walnut", summary="Orchards.")

        first = titles(client, "walnut")
        second = client.get("/en/search/", {"q": "walnut", "page": 2}).content.decode()

        assert sorted(first[:2]) == ["Walnut", "Walnut trees"] and first[2] == "Story 2"
        assert re.findall(r'card-title"><a href="[^"]*">([^<]*)<', second) == [
            "Story 1",
            "Story 0",
        ]

    def test_beyond_the_count_limit_the_page_says_more_than(
        self, client, signatory, settings, monkeypatch
    ):
        monkeypatch.setattr(search_query, "COUNT_LIMIT", 3)  # as if 100,000 matched
        monkeypatch.setattr(search_query, "RANK_LIMIT", 3)
        settings.PACT_SEARCH_RESULTS_PER_PAGE = 2
        for number in range(4):
            InitiativePageFactory(parent=signatory, title=f"Story {number}", summary="Walnut.")
        InitiativePageFactory(parent=signatory, title="Walnut", summary="Orchards.")

        first = client.get("/en/search/", {"q": "walnut"}).content.decode()
        second = client.get("/en/search/", {"q": "walnut", "page": 2}).content.decode()

        assert "More than 3 results for “walnut”" in first
        assert titles(client, "walnut") == ["Walnut", "Story 3"]
        # Two pages of the three counted results: the second ends at the limit.
        assert re.findall(r'card-title"><a href="[^"]*">([^<]*)<', second) == ["Story 2"]

    def test_at_the_count_limit_the_count_is_exact(self, client, signatory, monkeypatch):
        monkeypatch.setattr(search_query, "COUNT_LIMIT", 3)
        for number in range(3):
            InitiativePageFactory(parent=signatory, title=f"Story {number}", summary="Walnut.")

        page = client.get("/en/search/", {"q": "walnut"}).content.decode()

        assert "3 results for “walnut”" in page and "More than" not in page

    def test_the_api_lists_common_words_as_rare_ones(self, client, signatory, monkeypatch):
        for number in range(4):
            InitiativePageFactory(parent=signatory, title=f"Story {number}", summary="Walnut.")
        InitiativePageFactory(parent=signatory, title="Pear", summary="Orchards.")
        monkeypatch.setattr(search_query, "DENSE", 2.0)  # never a common word
        rare = api(client, "initiatives", q="walnut", ordering="title", limit=3)

        monkeypatch.setattr(search_query, "DENSE", 0.25)  # "walnut" is now a common word
        common = api(client, "initiatives", q="walnut", ordering="title", limit=3)

        assert common == rare
        assert rare["count"] == 4
        assert [item["title"] for item in rare["results"]] == ["Story 0", "Story 1", "Story 2"]

    @pytest.mark.parametrize(
        "query",
        ['"sport"', "sport*", "(sport)", "(sport", "sport:*", "-sport", "^sport:", "_sport_"],
    )
    def test_operators_are_words_or_nothing(self, client, initiative, query):
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200
        assert titles(client, query) == ["Safe sports clubs"]
        assert api_titles(client, "initiatives", q=query) == ["Safe sports clubs"]

    @pytest.mark.parametrize("query", ['"', "*", "()", "-", "' OR 1=1 --", "_", "__", "_ _"])
    def test_no_words_give_an_empty_result(self, client, initiative, query):
        assert client.get("/en/search/", {"q": query}).status_code == 200
        assert api(client, "initiatives", q=query)["count"] == 0

    def test_nul_is_a_problem_for_the_api_and_ignored_by_the_page(self, client, initiative):
        response = client.get(f"{API}/initiatives", {"q": "sport\x00"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert titles(client, "sport\x00") == ["Safe sports clubs"]

    def test_too_long_is_a_problem_for_the_api(self, client, initiative):
        response = client.get(f"{API}/initiatives", {"q": "sport " * 60})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert client.get("/en/search/", {"q": "sport " * 60}).status_code == 200


class TestVisibility:
    def test_never_found_never_counted(self, client, home_page, directory, signatory):
        InitiativePageFactory(parent=signatory, title="Puddle draft", live=False)
        hidden = SignatoryPageFactory(parent=directory, title="Puddle town")
        InitiativePageFactory(parent=hidden, title="Puddle story")
        hidden.unpublish()
        private = StandardPageFactory(parent=home_page, title="Puddle notes")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        assert titles(client, "puddle") == []
        assert api(client, "initiatives", q="puddle")["count"] == 0
        assert api(client, "signatories", q="puddle")["count"] == 0
        assert index.differences() == 0

    def test_french_reader_gets_translations_and_untranslated_sources(
        self, client, signatory, fr_locale, capture
    ):
        translated = InitiativePageFactory(parent=signatory, title="Harbour games")
        translate(translated, fr_locale, {"Harbour games": "Jeux du port harbour"}, capture)
        InitiativePageFactory(parent=signatory, title="Harbour walks")

        assert sorted(titles(client, "harbour", "fr")) == ["Harbour walks", "Jeux du port harbour"]
        assert sorted(api_titles(client, "initiatives", q="harbour", locale="fr")) == [
            "Harbour walks",
            "Jeux du port harbour",
        ]
        assert sorted(titles(client, "harbour")) == ["Harbour games", "Harbour walks"]

    def test_unpublished_translation_is_not_found(self, client, signatory, fr_locale, capture):
        story = InitiativePageFactory(parent=signatory, title="Lantern festival")
        french = translate(story, fr_locale, {"Lantern festival": "Fête des lanternes"}, capture)
        french.unpublish()

        assert titles(client, "fête", "fr") == []
        assert titles(client, "lantern", "fr") == ["Lantern festival"]


class TestFollowsChanges:
    def test_publish_and_unpublish(self, client, signatory):
        story = InitiativePageFactory(parent=signatory, title="Kite day", live=False)
        assert titles(client, "kite") == []

        publish(story)
        assert titles(client, "kite") == ["Kite day"]
        story.title = "Kite weekend"
        publish(story)
        assert titles(client, "kite") == ["Kite weekend"]

        story.unpublish()
        assert titles(client, "kite") == []
        assert index.differences() == 0

    def test_move_changes_the_address(self, client, directory, signatory):
        story = InitiativePageFactory(parent=signatory, title="Moving story")
        other = SignatoryPageFactory(parent=directory, title="Colmar")
        story.move(other, pos="last-child")

        page = client.get("/en/search/", {"q": "moving"}).content.decode()
        assert '<a href="/en/participants/colmar/' in page
        assert index.differences() == 0

    def test_delete(self, client, signatory, initiative):
        page_id = initiative.pk
        initiative.delete()

        assert titles(client, "sports") == []
        assert page_id not in indexed()
        assert index.differences() == 0

    def test_signatory_taken_down_takes_its_initiatives(self, client, signatory, initiative):
        signatory.unpublish()

        assert titles(client, "sports") == []
        assert titles(client, "strasbourg") == []
        assert not indexed(kind="i")

    def test_translation_published(self, client, signatory, initiative, fr_locale, capture):
        translate(initiative, fr_locale, {"Safe sports clubs": "Clubs sportifs sûrs"}, capture)

        assert titles(client, "sportifs", "fr") == ["Clubs sportifs sûrs"]
        # The English original is not offered (its untranslated summary is in the French page).
        assert titles(client, "safe", "fr") == ["Clubs sportifs sûrs"]
        assert index.differences() == 0

    def test_host_pages_follow_publish_move_restriction_and_delete(self, client, home_page):
        about = StandardPageFactory(parent=home_page, title="Quarry notes", live=False)
        assert titles(client, "quarry") == []

        publish(about)
        assert titles(client, "quarry") == ["Quarry notes"]
        section = StandardPageFactory(parent=home_page, title="Section", slug="section")
        about.move(section, pos="last-child")
        page = client.get("/en/search/", {"q": "quarry"}).content.decode()
        assert '<a href="/en/section/' in page
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        assert titles(client, "quarry") == []
        restriction.delete()
        assert titles(client, "quarry") == ["Quarry notes"]
        Page.objects.get(pk=about.pk).unpublish()
        assert titles(client, "quarry") == []
        publish(Page.objects.get(pk=about.pk).specific)
        Page.objects.get(pk=about.pk).delete()
        assert titles(client, "quarry") == []
        assert index.differences() == 0

    def test_rebuild_writes_the_search_rows(self, home_page, signatory, initiative):
        StandardPageFactory(parent=home_page, title="Plain page")
        SearchEntry.objects.all().delete()

        index.rebuild()

        assert {kind for kind in SearchEntry.objects.values_list("kind", flat=True)} == {
            "s",
            "i",
            "p",
        }
        assert index.differences() == 0


class TestEngines:
    def test_wagtail_backend_answers_when_chosen(self, client, settings, initiative):
        settings.PACT_SEARCH_ENGINE = "wagtail"
        assert not uses_own_index()

        assert titles(client, "sports") == ["Safe sports clubs"]
        assert api_titles(client, "initiatives", q="sports") == ["Safe sports clubs"]

    def test_auto_follows_wagtails_backend(self, settings):
        settings.PACT_SEARCH_ENGINE = "auto"
        assert uses_own_index(get_search_backend())
        assert not uses_own_index(object())  # any backend that is not a database one


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.mark.parametrize("size", [5, 25])
def test_bounded_queries_for_the_api(client, directory, size, django_assert_max_num_queries):
    for number in range(size):
        signatory = SignatoryPageFactory(parent=directory, title=f"Meadow {number}")
        InitiativePageFactory(parent=signatory, title=f"Meadow project {number}")
    api(client, "initiatives", q="meadow")  # warms Wagtail's site and locale caches

    with django_assert_max_num_queries(6):
        found = api(client, "initiatives", q="meadow project", limit=10)

    assert found["count"] == size and len(found["results"]) == min(size, 10)
