"""RSS and Atom feeds of the latest initiatives, per language and per P."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from pact_pages.api import index
from pact_pages.models import Pillar
from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def rss_titles(channel: ET.Element) -> list[str]:
    return [item.findtext("title") for item in channel.findall("item")]


@pytest.fixture
def stories(library, signatory):
    """Three initiatives, the newest last: one per P, plus the fixture's prevention one."""
    older = InitiativePageFactory(
        parent=signatory, title="Child-safe courts", pillars=("prosecution",)
    )
    newer = InitiativePageFactory(
        parent=signatory,
        title="Children's council",
        pillars=("participation", "prevention"),
        tags=["youth", "council"],
    )
    return older, newer


class TestRss:
    def test_a_valid_feed_of_the_latest_initiatives(self, client, stories, signatory):
        older, newer = stories

        channel = rss(client, "/en/feeds/initiatives.rss")

        assert channel.findtext("title") == "ONE in FIVE Pact: latest initiatives"
        assert channel.findtext("link") == "http://testserver/en/initiatives/"
        assert channel.findtext("language") == "en"
        assert rss_titles(channel) == ["Children's council", "Child-safe courts"]
        item = channel.find("item")
        assert item.findtext("link") == f"http://testserver{newer.url}"
        assert item.findtext("description") == newer.summary
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Strasbourg"
        assert [c.text for c in item.findall("category")] == [
            "Participation",
            "Prevention",
            "council",
            "youth",
        ]
        assert item.findtext("guid") == f"urn:uuid:{newer.translation_key}"
        assert item.findtext("pubDate")  # RFC 822 date of first publication

    def test_every_link_is_absolute(self, client, stories):
        channel = rss(client, "/en/feeds/initiatives.rss")
        links = [channel.findtext("link")] + [i.findtext("link") for i in channel.iter("item")]
        links.append(channel.find("{http://www.w3.org/2005/Atom}link").get("href"))
        assert all(link.startswith("http://testserver/en/") for link in links), links

    def test_per_p(self, client, stories):
        channel = rss(client, "/en/feeds/initiatives/prosecution.rss")

        assert channel.findtext("title") == "ONE in FIVE Pact: latest initiatives for Prosecution"
        assert channel.findtext("link") == "http://testserver/en/initiatives/?pillar=prosecution"
        assert rss_titles(channel) == ["Child-safe courts"]

    def test_an_unknown_p_is_not_found(self, client, stories):
        assert client.get("/en/feeds/initiatives/perseverance.rss").status_code == 404
        assert client.get("/en/feeds/initiatives/perseverance.atom").status_code == 404

    def test_the_number_of_items_is_capped(self, client, signatory, settings, quiet_saves):
        settings.PACT_FEED_ITEMS = 3
        for number in range(5):
            InitiativePageFactory(parent=signatory, title=f"Story {number}")

        channel = rss(client, "/en/feeds/initiatives.rss")

        assert rss_titles(channel) == ["Story 4", "Story 3", "Story 2"]

    def test_a_bounded_number_of_queries(
        self, client, signatory, directory, django_assert_max_num_queries, quiet_saves
    ):
        rss(client, "/en/feeds/initiatives.rss")  # warms the site root paths cache
        for number in range(12):
            parent = SignatoryPageFactory(parent=directory) if number % 3 else signatory
            InitiativePageFactory(
                parent=parent, pillars=("prevention", "protection"), tags=[f"tag{number}", "x"]
            )
        # The feed reads the API's read index, which takes in this thread's saves at its next
        # read: done here, as a reader's request (another thread) finds it done.
        index.flush()

        # The same whatever the number of items, signatories and tags (measured: 16, plus
        # the card images the shared listing query prefetches).
        with django_assert_max_num_queries(18):
            channel = rss(client, "/en/feeds/initiatives.rss")
        assert len(channel.findall("item")) == 12
        with django_assert_max_num_queries(18):
            rss(client, "/en/feeds/initiatives/protection.rss")


class TestAtom:
    def test_a_valid_atom_feed(self, client, stories):
        older, newer = stories

        feed = atom(client, "/en/feeds/initiatives.atom")

        assert feed.findtext(f"{ATOM}title") == "ONE in FIVE Pact: latest initiatives"
        self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
        assert self_link == "http://testserver/en/feeds/initiatives.atom"
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == [newer.title, older.title]
        entry = entries[0]
        assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{newer.url}"
        assert entry.findtext(f"{ATOM}summary") == newer.summary
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Strasbourg"
        assert entry.findtext(f"{ATOM}published")
        assert entry.findtext(f"{ATOM}updated")
        terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
        assert terms == ["Participation", "Prevention", "council", "youth"]

    def test_per_p(self, client, stories):
        feed = atom(client, "/en/feeds/initiatives/participation.atom")
        titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
        assert titles == ["Children's council"]


class TestWhatNeverAppears:
    def test_drafts_private_and_taken_down_initiatives(self, client, directory, signatory):
        InitiativePageFactory(parent=signatory, title="Published story")
        InitiativePageFactory(parent=signatory, title="Draft story", live=False)
        private = InitiativePageFactory(parent=signatory, title="Private story")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        taken_down = SignatoryPageFactory(parent=directory, title="Taken down")
        InitiativePageFactory(parent=taken_down, title="Story of a taken-down signatory")
        taken_down.unpublish()

        for url in ("/en/feeds/initiatives.rss", "/en/feeds/initiatives/prevention.rss"):
            assert rss_titles(rss(client, url)) == ["Published story"]
        body = client.get("/en/feeds/initiatives.atom").content.decode()
        for title in ("Draft story", "Private story", "taken-down"):
            assert title not in body


class TestLanguages:
    @pytest.fixture
    def french(self, library, signatory, initiative, fr_locale, django_capture_on_commit_callbacks):
        capture = django_capture_on_commit_callbacks
        for pillar in Pillar.objects.filter(locale=Locale.get_default()):
            translate(pillar, fr_locale, {"Prevention": "Prévention"}, capture)
        translate(library, fr_locale, {"Initiatives": "Initiatives (fr)"}, capture)
        untranslated = InitiativePageFactory(parent=signatory, title="Only in English")
        french = translate(
            initiative, fr_locale, {"Safe sports clubs": "Clubs sportifs sûrs"}, capture
        )
        return french, untranslated

    def test_in_the_readers_language_with_the_source_as_fallback(self, client, french):
        translated, untranslated = french

        channel = rss(client, "/fr/feeds/initiatives.rss")

        assert channel.findtext("language") == "fr"
        assert channel.findtext("title") == "Pacte UN sur CINQ : dernières initiatives"
        assert sorted(rss_titles(channel)) == ["Clubs sportifs sûrs", "Only in English"]
        links = {i.findtext("title"): i.findtext("link") for i in channel.findall("item")}
        assert links["Clubs sportifs sûrs"] == f"http://testserver{translated.url}"
        # The untranslated story is linked under /fr/, where it is shown with a note.
        assert links["Only in English"] == "http://testserver" + untranslated.url.replace(
            "/en/", "/fr/", 1
        )
        categories = [c.text for c in channel.find("item").findall("category")]
        assert "Prévention" in categories or "Prévention" in str(
            [c.text for i in channel.findall("item") for c in i.findall("category")]
        )

    def test_per_p_in_the_readers_language(self, client, french):
        channel = rss(client, "/fr/feeds/initiatives/prevention.rss")
        assert channel.findtext("title").endswith("Prévention")
        assert channel.findtext("link").startswith("http://testserver/fr/")
        assert channel.findtext("link").endswith("?pillar=prevention")

    def test_a_language_without_content_gets_the_source(self, client, stories):
        channel = rss(client, "/de/feeds/initiatives.rss")
        assert channel.findtext("language") == "de"
        assert "Children's council" in rss_titles(channel)
        assert all(
            i.findtext("link").startswith("http://testserver/de/") for i in channel.iter("item")
        )


class TestFeedLinks:
    def test_autodiscovery_in_the_head_of_every_page(
        self, client, home_page, directory, signatory, initiative, library
    ):
        titles = {
            "en": "ONE in FIVE Pact: latest initiatives",
            "fr": "Pacte UN sur CINQ : dernières initiatives",
        }
        for url in ("/en/", directory.url, signatory.url, initiative.url, library.url, "/fr/"):
            html = client.get(url).content.decode()
            head = html[: html.index("</head>")]
            language = url.split("/")[1]
            assert (
                f'<link rel="alternate" type="application/rss+xml" title="{titles[language]} '
                f'(RSS)" href="/{language}/feeds/initiatives.rss">'
            ) in head, url
            assert (
                f'<link rel="alternate" type="application/atom+xml" title="{titles[language]} '
                f'(Atom)" href="/{language}/feeds/initiatives.atom">'
            ) in head, url

    def test_the_footer_links_to_the_feeds(self, client, home_page):
        html = client.get("/en/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert '<a href="/en/feeds/initiatives.rss" type="application/rss+xml">RSS</a>' in footer
        assert '<a href="/en/feeds/initiatives.atom" type="application/atom+xml">Atom</a>' in footer

    def test_each_p_on_the_home_page_has_its_feed(self, client, home_page, library):
        html = client.get("/en/").content.decode()
        for slug, name in (("prevention", "Prevention"), ("participation", "Participation")):
            assert f"Follow the initiatives for {name}:" in html
            assert f'href="/en/feeds/initiatives/{slug}.rss"' in html
            assert f'href="/en/feeds/initiatives/{slug}.atom"' in html

    def test_the_library_filtered_by_one_p_links_to_its_feed(self, client, library, initiative):
        html = client.get(library.url, {"pillar": "protection"}).content.decode()
        head, body = html.split("</head>")
        assert 'href="/en/feeds/initiatives/protection.rss"' in head
        assert 'href="/en/feeds/initiatives/protection.atom"' in head
        assert "Follow the initiatives for Protection:" in body

        for params in ({}, {"pillar": ["protection", "prevention"]}):
            html = client.get(library.url, params).content.decode()
            assert "/feeds/initiatives/" not in html


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "{http://purl.org/dc/elements/1.1/}"


class TestEachItemsOwnLanguageAndDate:
    """A feed in French holds French translations and English stories not yet translated:
    each says its own language, and each is dated by the initiative, not its translation."""

    @pytest.fixture
    def feed(self, old_story_translated_today):
        return old_story_translated_today

    def test_a_translation_published_today_keeps_the_initiatives_date(self, client, feed):
        french, english = feed
        assert french.first_published_at.year == 2026  # the translation went live today

        channel = rss(client, "/fr/feeds/initiatives.rss")

        assert rss_titles(channel) == ["Only in English", "Clubs sportifs sûrs"]
        dates = {i.findtext("title"): i.findtext("pubDate") for i in channel.findall("item")}
        assert dates["Clubs sportifs sûrs"] == "Sat, 01 Mar 2025 09:00:00 +0000"
        assert dates["Only in English"] == "Mon, 01 Jun 2026 09:00:00 +0000"

    def test_rss_items_say_their_own_language(self, client, feed):
        french, english = feed

        channel = rss(client, "/fr/feeds/initiatives.rss")

        assert channel.findtext("language") == "fr"
        languages = {i.findtext("title"): i.findtext(f"{DC}language") for i in channel.iter("item")}
        assert languages == {"Clubs sportifs sûrs": "fr", "Only in English": "en"}

    def test_atom_entries_say_their_own_language_and_dates(self, client, feed):
        french, english = feed

        feed_root = atom(client, "/fr/feeds/initiatives.atom")

        assert feed_root.get(XML_LANG) == "fr"
        entries = {e.findtext(f"{ATOM}title"): e for e in feed_root.findall(f"{ATOM}entry")}
        assert list(entries) == ["Only in English", "Clubs sportifs sûrs"]
        assert entries["Only in English"].get(XML_LANG) == "en"
        assert entries["Clubs sportifs sûrs"].get(XML_LANG) == "fr"
        translated = entries["Clubs sportifs sûrs"]
        assert translated.findtext(f"{ATOM}published").startswith("2025-03-01")
        # Updated: when this translation was last published (today), never before published.
        assert translated.findtext(f"{ATOM}updated") >= translated.findtext(f"{ATOM}published")

    def test_links_go_to_the_translated_slug_or_the_source_under_fr(self, client, feed):
        french, english = feed
        assert french.slug == "clubs-sportifs-surs"

        channel = rss(client, "/fr/feeds/initiatives.rss")

        links = {i.findtext("title"): i.findtext("link") for i in channel.iter("item")}
        assert links["Clubs sportifs sûrs"] == f"http://testserver{french.url}"
        assert links["Clubs sportifs sûrs"].endswith("/clubs-sportifs-surs/")
        assert links["Only in English"] == "http://testserver" + english.url.replace(
            "/en/", "/fr/", 1
        )

    def test_the_english_feed_keeps_the_source(self, client, feed, initiative):
        channel = rss(client, "/en/feeds/initiatives.rss")
        assert rss_titles(channel) == ["Only in English", "Safe sports clubs"]
        assert {i.findtext(f"{DC}language") for i in channel.iter("item")} == {"en"}
        assert "Clubs sportifs" not in client.get("/en/feeds/initiatives.atom").content.decode()

    def test_a_draft_translation_never_appears(self, client, signatory, fr_locale, feed):
        story = InitiativePageFactory(parent=signatory, title="Draft in French")
        source, _created = TranslationSource.update_or_create_from_instance(story)
        title = StringSegment.objects.get(source=source, string__data="Draft in French")
        StringTranslation.objects.create(
            translation_of=title.string,
            locale=fr_locale,
            context=title.context,
            data="Brouillon en français",
        )
        source.create_or_update_translation(
            fr_locale, publish=False, copy_parent_pages=True, fallback=True
        )
        draft = story.get_translation(fr_locale)
        assert not draft.live
        assert draft.get_latest_revision_as_object().title == "Brouillon en français"

        for url in ("/fr/feeds/initiatives.rss", "/fr/feeds/initiatives.atom"):
            assert "Brouillon" not in client.get(url).content.decode()
        channel = rss(client, "/fr/feeds/initiatives.rss")
        # The reader gets the English source, marked English, until the draft is published.
        item = next(i for i in channel.iter("item") if i.findtext("title") == "Draft in French")
        assert item.findtext(f"{DC}language") == "en"
        assert item.findtext("link") == "http://testserver" + story.url.replace("/en/", "/fr/", 1)


def test_listings_order_translations_by_the_initiatives_date(old_story_translated_today, fr_locale):
    """The library and the home page's latest initiatives, as the feeds: a 2025 story
    translated today does not come first in French."""
    from pact_pages.initiatives.queries import initiatives_for_listing

    titles = [page.title for page in initiatives_for_listing(locale=fr_locale)]

    assert titles == ["Only in English", "Clubs sportifs sûrs"]
