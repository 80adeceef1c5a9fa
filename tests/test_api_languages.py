"""The API in a reader's language: each item's real language, dates and own slug.

A French reader (``?locale=fr``) gets French translations and, until translated, English
sources flagged ``fallback``; wagtail-localize's aliases of untranslated pages (made when a
child is translated) hold English text and are fallbacks too. Items are dated and ordered by
the initiative's own first publication, not by when its translation went live.
"""

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from pact_pages.api import index
from tests.conftest import IN_2026
from tests.factories import InitiativePageFactory
from tests.test_api import API, _no_response_cache, get  # noqa: F401  (autouse fixture)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(old_story_translated_today):
    return old_story_translated_today


class TestDates:
    def test_a_translation_published_today_is_dated_by_its_initiative(self, client, french):
        translation, english = french
        assert translation.first_published_at > IN_2026  # it went live today

        data = get(client, "initiatives", locale="fr")

        assert [item["title"] for item in data["results"]] == [
            "Only in English",
            "Clubs sportifs sûrs",
        ]
        item = data["results"][1]
        assert item["first_published_at"].startswith("2025-03-01T09:00:00")
        # Its own last publication stays today's: sync clients see the new translation.
        assert item["last_published_at"] >= translation.first_published_at.isoformat()[:10]

    def test_oldest_first_and_cursors_use_the_same_date(self, client, french):
        oldest = get(client, "initiatives", locale="fr", ordering="oldest")
        assert [item["title"] for item in oldest["results"]] == [
            "Clubs sportifs sûrs",
            "Only in English",
        ]
        first = get(client, "initiatives", locale="fr", limit=1)
        second = get(client, "initiatives", locale="fr", limit=1, cursor=first["next_cursor"])
        assert [first["results"][0]["title"], second["results"][0]["title"]] == [
            "Only in English",
            "Clubs sportifs sûrs",
        ]
        assert second["next_cursor"] is None

    def test_the_detail_gives_the_same_date(self, client, french):
        translation, english = french
        detail = get(client, f"initiatives/{translation.pk}")
        assert detail["first_published_at"].startswith("2025-03-01T09:00:00")

    def test_the_index_is_exact(self, french):
        assert index.differences() == 0


class TestLanguages:
    def test_each_item_says_the_language_of_its_text(self, client, french):
        data = get(client, "initiatives", locale="fr")

        facts = {
            item["title"]: (item["locale"], item["served_locale"], item["fallback"])
            for item in data["results"]
        }
        assert facts == {
            "Clubs sportifs sûrs": ("fr", "fr", False),
            "Only in English": ("fr", "en", True),
        }

    def test_a_translated_slug_is_the_items_own(self, client, french, initiative):
        translation, english = french

        item = get(client, "initiatives", locale="fr")["results"][1]

        assert item["slug"] == "clubs-sportifs-surs"
        assert item["url"] == f"http://testserver{translation.url}"
        assert item["url"].endswith("/clubs-sportifs-surs/")
        assert item["translations"]["fr"] == item["url"]
        assert item["translations"]["en"] == f"http://testserver{initiative.url}"


class TestAliases:
    """The French alias of Strasbourg holds English text: a fallback, never a translation."""

    @pytest.fixture
    def alias(self, french, signatory, fr_locale):
        copy = Page.objects.get(alias_of=signatory, locale=fr_locale)
        assert copy.live and copy.title == "Strasbourg"
        return copy

    def test_listed_as_its_source_flagged_fallback(self, client, alias, signatory):
        data = get(client, "signatories", locale="fr")

        assert data["count"] == 1
        item = data["results"][0]
        assert (item["id"], item["served_locale"], item["fallback"]) == (
            signatory.pk,
            "en",
            True,
        )
        assert item["url"] == f"http://testserver{alias.url}"  # under /fr/, as the site links
        assert "fr" not in item["translations"]  # not a translation

    def test_its_detail_says_english(self, client, alias):
        for params in ({}, {"locale": "fr"}):
            detail = get(client, f"signatories/{alias.pk}", **params)
            assert (detail["locale"], detail["served_locale"], detail["fallback"]) == (
                "fr",
                "en",
                True,
            ), params

    def test_once_translated_it_is_the_french_item(
        self, client, alias, signatory, fr_locale, django_capture_on_commit_callbacks
    ):
        translate(
            signatory,
            fr_locale,
            {"Strasbourg": "Strasbourg (fr)"},
            django_capture_on_commit_callbacks,
        )

        item = get(client, "signatories", locale="fr")["results"][0]

        # wagtail-localize turns the alias into the translation: same page, now French.
        assert (item["id"], item["title"]) == (alias.pk, "Strasbourg (fr)")
        assert (item["served_locale"], item["fallback"]) == ("fr", False)
        assert item["translations"]["fr"] == f"http://testserver{alias.url}"

    def test_the_english_list_is_unchanged(self, client, alias, signatory):
        data = get(client, "signatories")
        assert [(i["id"], i["served_locale"], i["fallback"]) for i in data["results"]] == [
            (signatory.pk, "en", False)
        ]


class TestDrafts:
    def test_an_unpublished_translation_never_appears(self, client, signatory, fr_locale, french):
        story = InitiativePageFactory(parent=signatory, title="Draft in French")
        source, _created = TranslationSource.update_or_create_from_instance(story)
        title = StringSegment.objects.get(source=source, string__data="Draft in French")
        StringTranslation.objects.create(
            translation_of=title.string, locale=fr_locale, context=title.context, data="Brouillon"
        )
        source.create_or_update_translation(
            fr_locale, publish=False, copy_parent_pages=True, fallback=True
        )
        draft = story.get_translation(fr_locale)
        assert not draft.live

        data = get(client, "initiatives", locale="fr")

        items = {item["title"]: item for item in data["results"]}
        assert "Brouillon" not in items
        assert (items["Draft in French"]["id"], items["Draft in French"]["fallback"]) == (
            story.pk,
            True,
        )
        assert "fr" not in items["Draft in French"]["translations"]
        get(client, f"initiatives/{draft.pk}", expect=404)
        assert get(client, f"initiatives/{story.pk}", locale="fr")["id"] == story.pk


class TestWagtailApiV2:
    """Wagtail's stock API lists the tree as it is: the alias is a page of its locale, and
    its ``alias_of`` names the page whose text it holds."""

    def test_the_alias_names_its_source(self, client, french, signatory, fr_locale):
        copy = Page.objects.get(alias_of=signatory, locale=fr_locale)

        detail = client.get(f"/api/v2/pages/{copy.pk}/").json()

        assert detail["meta"]["locale"] == "fr"
        assert detail["meta"]["alias_of"]["id"] == signatory.pk
