"""The public search page: what a reader finds, in their language, and what they never find."""

import re

import pytest
from wagtail.models import Locale, PageViewRestriction

from pact_pages.public.search import highlight, query_terms, snippet
from tests.factories import InitiativePageFactory, SignatoryPageFactory, StandardPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

# The site, the reader's and default locales, view restrictions (once per kind of page),
# the count, the page of results, their specific pages (one query per type), locale codes;
# one more on PostgreSQL.
SEARCH_QUERIES = 17


def titles(response) -> list[str]:
    """The result titles, as text (highlighting removed)."""
    html = response.content.decode()
    found = re.findall(r'<h2 class="card-title"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def links(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h2 class="card-title"><a href="([^"]*)">', html)


@pytest.fixture
def content(home_page, directory, signatory, initiative):
    """A signatory, its initiative and a plain page, all about sport in some way."""
    about = StandardPageFactory(
        parent=home_page,
        title="Sport and safeguarding",
        introduction="How sport clubs keep children safe.",
    )
    return {"signatory": signatory, "initiative": initiative, "page": about}


class TestFinding:
    def test_finds_signatories_initiatives_and_pages_with_their_type(self, client, content):
        response = client.get("/en/search/?q=sport")

        assert response.status_code == 200
        assert sorted(titles(response)) == ["Safe sports clubs", "Sport and safeguarding"]
        html = response.content.decode()
        assert '<p class="search-result-type">Initiative</p>' in html
        assert '<p class="search-result-type">Page</p>' in html
        assert "2 results for “sport”" in html

        response = client.get("/en/search/?q=strasbourg")
        assert titles(response) == ["Strasbourg"]
        assert '<p class="search-result-type">Signatory</p>' in response.content.decode()

    def test_all_words_must_match(self, client, content):
        assert titles(client.get("/en/search/?q=keep+clubs")) == ["Sport and safeguarding"]
        assert titles(client.get("/en/search/?q=sport+strasbourg+nowhere")) == []

    def test_french_reader_finds_french_text_and_untranslated_items(
        self, client, content, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        french = translate(
            content["initiative"],
            fr_locale,
            {"Safe sports clubs": "Clubs sportifs sûrs"},
            capture,
        )
        untranslated = InitiativePageFactory(
            parent=content["signatory"], title="Sports day for all"
        )

        response = client.get("/fr/search/?q=sportifs")
        assert titles(response) == ["Clubs sportifs sûrs"]
        assert links(response) == [french.url]

        # Not translated yet: found in English, linked under /fr/ (shown with the note).
        response = client.get("/fr/search/?q=day")
        assert titles(response) == ["Sports day for all"]
        assert links(response) == [untranslated.url.replace("/en/", "/fr/", 1)]

        # Each item once: the English version of a translated story is not offered in French.
        assert "Safe sports clubs" not in titles(client.get("/fr/search/?q=safe"))
        assert titles(client.get("/en/search/?q=sportifs")) == []

    def test_results_are_paginated_and_keep_the_query(self, client, signatory, settings):
        settings.PACT_SEARCH_RESULTS_PER_PAGE = 2
        for number in range(3):
            InitiativePageFactory(parent=signatory, title=f"Garden project {number}")

        first = client.get("/en/search/?q=garden")
        assert len(titles(first)) == 2
        html = first.content.decode()
        assert "3 results for “garden”" in html
        assert 'href="?q=garden&amp;page=2"' in html
        second = client.get("/en/search/?q=garden&page=2")
        assert len(titles(second)) == 1
        assert not set(titles(first)) & set(titles(second))


class TestHighlighting:
    def test_query_words_are_marked_in_title_and_summary(self, client, content):
        html = client.get("/en/search/?q=Sport").content.decode()
        assert "Safe <mark>sports</mark> clubs" in html  # a word that starts with the query's
        assert "How <mark>sport</mark> <mark>clubs</mark>" not in html  # only "sport" asked
        assert "How <mark>sport</mark> clubs keep children safe." in html

    def test_editor_and_reader_text_is_escaped(self, client, signatory):
        InitiativePageFactory(
            parent=signatory,
            title="Kids <script>alert(1)</script> & sport",
            summary="<b>Bold</b> claims about sport",
        )

        html = client.get("/en/search/?q=sport").content.decode()
        assert "<script>alert" not in html
        assert "<b>Bold</b>" not in html
        assert "Kids &lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>sport</mark>" in html
        assert "&lt;b&gt;Bold&lt;/b&gt; claims about <mark>sport</mark>" in html

        html = client.get("/en/search/?q=<i>sport").content.decode()
        assert "<i>sport" not in html
        assert "“&lt;i&gt;sport”" in html  # the query as shown in the count

    def test_highlight_folds_case_and_accents(self):
        terms = query_terms("securite ENFANTS")
        assert highlight("Sécurité des enfants <et> du sport", terms) == (
            "<mark>Sécurité</mark> des <mark>enfants</mark> &lt;et&gt; du sport"
        )

    def test_snippet_is_cut_around_the_first_match(self):
        text = "word " * 100 + "needle " + "word " * 100
        cut = snippet(text, query_terms("needle"), length=60)
        assert cut.startswith("… ") and cut.endswith(" …")
        assert "needle" in cut and len(cut) <= 64


class TestNeverFound:
    def test_drafts(self, client, directory, signatory):
        SignatoryPageFactory(parent=directory, title="Draftville", live=False)
        InitiativePageFactory(parent=signatory, title="Draft story", live=False)

        assert titles(client.get("/en/search/?q=draftville")) == []
        assert titles(client.get("/en/search/?q=draft")) == []

    def test_private_pages(self, client, home_page, directory, signatory):
        private = SignatoryPageFactory(parent=directory, title="Hiddenburg")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        InitiativePageFactory(parent=private, title="Hiddenburg youth council")
        page = StandardPageFactory(parent=home_page, title="Hiddenburg staff notes")
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        response = client.get("/en/search/?q=hiddenburg")
        assert titles(response) == []
        assert "0 results" in response.content.decode()

    def test_initiatives_of_an_unpublished_signatory(self, client, directory):
        taken_down = SignatoryPageFactory(parent=directory, title="Taken down town")
        InitiativePageFactory(parent=taken_down, title="Orphaned youth story")
        taken_down.unpublish()

        assert titles(client.get("/en/search/?q=orphaned")) == []
        assert titles(client.get("/en/search/?q=taken")) == []

    def test_contact_details_are_not_searchable(self, client, directory):
        SignatoryPageFactory(
            parent=directory, contact_person="Jeanne Secretname", contact_email="j@example.org"
        )
        assert titles(client.get("/en/search/?q=secretname")) == []


class TestPage:
    def test_empty_query_shows_the_form_and_a_hint(self, client, content):
        response = client.get("/en/search/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<label for="search-query">' in html
        assert "Type one or more words" in html
        assert titles(response) == []

    def test_nothing_found_says_so(self, client, content):
        html = client.get("/en/search/?q=zzzz").content.decode()
        assert "0 results for “zzzz”" in html
        assert "Nothing matches all these words." in html

    def test_in_french(self, client, content):
        html = client.get("/fr/search/?q=zzzz").content.decode()
        assert '<html lang="fr">' in html
        assert "<h1>Recherche</h1>" in html

    def test_a_language_without_a_locale_searches_the_default_one(self, client, content):
        """/de/ is a language of the site (LANGUAGES) whose locale an admin deleted: the
        search reads the default locale's pages, as Wagtail's Locale.get_active() would."""
        Locale.objects.filter(language_code="de").delete()
        english = client.get("/en/search/", {"q": "sport"})
        response = client.get("/de/search/", {"q": "sport"})

        assert response.status_code == 200
        assert titles(response) == titles(english) != []

    @pytest.mark.parametrize("query", ['"', "*", "AND OR NOT", "NEAR(", "-", "a'b", "%", "x" * 500])
    def test_odd_input_is_not_an_error(self, client, content, query):
        assert client.get("/en/search/", {"q": query}).status_code == 200

    def test_header_has_a_labelled_search_field(self, client, content):
        html = client.get(content["page"].url).content.decode()
        assert 'action="/en/search/"' in html
        assert '<label class="visually-hidden" for="header-search-query">Search the site' in html
        assert 'id="header-search-query" type="search" name="q"' in html

    def test_the_menu_is_shown_on_the_search_page(self, client, content):
        content["page"].show_in_menus = True
        content["page"].save()
        html = client.get("/en/search/").content.decode()
        assert f'<a href="{content["page"].url}">Sport and safeguarding</a>' in html

    def test_search_results_are_not_indexed_by_robots(self, client, content):
        assert (
            '<meta name="robots" content="noindex">' in client.get("/en/search/").content.decode()
        )

    def test_throttled(self, client, content, settings):
        settings.PACT_SEARCH_RATE_LIMIT = (2, 60)
        assert client.get("/en/search/?q=sport").status_code == 200
        assert client.get("/en/search/?q=sport").status_code == 200
        refused = client.get("/en/search/?q=sport")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"


@pytest.mark.parametrize("size", [5, 25])
def test_bounded_queries(client, home_page, directory, size, django_assert_max_num_queries):
    for number in range(size):
        signatory = SignatoryPageFactory(parent=directory, title=f"Riverside {number}")
        InitiativePageFactory(parent=signatory, title=f"Riverside project {number}")
        StandardPageFactory(parent=home_page, title=f"Riverside notes {number}")
    client.get("/en/search/?q=riverside")  # warms Wagtail's site and locale caches

    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get("/en/search/?q=riverside")

    assert f"{size * 3} results" in response.content.decode()
    assert len(titles(response)) == 10
