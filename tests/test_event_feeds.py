"""RSS and Atom feeds of the upcoming events, per language and per P, read back with
feedparser as a feed reader would."""

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.event_helpers import days_from_now, make_calendar, make_event
from tests.factories import SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


def parse(client, url: str, content_type: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed, as a reader parses it
    return feed


def rss(client, url: str):
    feed = parse(client, url, "application/rss+xml")
    assert feed.version == "rss20"
    return feed


def atom(client, url: str):
    feed = parse(client, url, "application/atom+xml")
    assert feed.version == "atom10"
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


@pytest.fixture
def calendar(home_page):
    return make_calendar(home_page)


@pytest.fixture
def events(signatory, calendar):
    return {
        "past": make_event(signatory, "Past workshop", days_from_now(-3)),
        "training": make_event(
            signatory,
            "Teacher training",
            days_from_now(10),
            pillars=("prevention", "protection"),
            tags=("schools",),
        ),
        "webinar": make_event(
            calendar,
            "Webinar on courts",
            days_from_now(20),
            pillars=("prosecution",),
            attendance="online",
            address="",
        ),
    }


class TestRss:
    def test_the_upcoming_events_soonest_first(self, client, events, signatory):
        feed = rss(client, "/en/feeds/events.rss")
        assert feed.feed.title == "ONE in FIVE Pact: upcoming events"
        assert feed.feed.link == "http://testserver/en/calendar/"
        assert feed.feed.language == "en"
        assert titles(feed) == ["Teacher training", "Webinar on courts"]
        training, webinar = feed.entries
        assert training.link == f"http://testserver{events['training'].url}"
        assert training.id == f"urn:uuid:{events['training'].translation_key}"
        assert training.author == "Strasbourg"
        assert "Place Kléber, Strasbourg" in training.summary
        assert "What Teacher training is about." in training.summary
        assert "(Europe/Paris)" in training.summary
        assert [tag.term for tag in training.tags] == ["Prevention", "Protection", "schools"]
        assert training.published_parsed is not None
        assert "Online" in webinar.summary and "author" not in webinar

    def test_per_p(self, client, events):
        assert titles(rss(client, "/en/feeds/events/prosecution.rss")) == ["Webinar on courts"]
        feed = rss(client, "/en/feeds/events/protection.rss")
        assert titles(feed) == ["Teacher training"]
        assert feed.feed.title == "ONE in FIVE Pact: upcoming events for Protection"
        assert feed.feed.link == "http://testserver/en/calendar/?pillar=protection"

    def test_an_unknown_p_is_not_found(self, client, events):
        assert client.get("/en/feeds/events/prudence.rss").status_code == 404

    def test_no_event_no_item(self, client, home_page):
        feed = rss(client, "/en/feeds/events.rss")
        assert feed.entries == []
        assert feed.feed.link == "http://testserver/en/"  # no calendar yet: the site

    def test_a_summary_is_text_not_markup(self, client, signatory):
        make_event(signatory, "Safe <b>clubs</b>", days_from_now(2), summary="<script>x</script>")
        response = client.get("/en/feeds/events.rss")
        assert b"<script>" not in response.content
        # Escaped in the HTML a reader shows: the text "<script>x</script>", never a script.
        summary = feedparser.parse(response.content).entries[0].summary
        assert "&lt;script&gt;x&lt;/script&gt;" in summary and "<script>" not in summary


class TestAtom:
    def test_a_valid_atom_feed(self, client, events):
        feed = atom(client, "/en/feeds/events.atom")
        assert feed.feed.title == "ONE in FIVE Pact: upcoming events"
        assert titles(feed) == ["Teacher training", "Webinar on courts"]
        assert all(entry.updated_parsed for entry in feed.entries)
        assert feed.entries[0].get("language") is None or feed.entries[0].language == "en"

    def test_per_p(self, client, events):
        feed = atom(client, "/en/feeds/events/prosecution.atom")
        assert titles(feed) == ["Webinar on courts"]


class TestPrivacy:
    def test_drafts_private_and_taken_down_events_never_appear(
        self, client, directory, signatory, calendar
    ):
        make_event(signatory, "Public one", days_from_now(1))
        make_event(signatory, "Draft meeting", days_from_now(2), live=False)
        private = make_event(calendar, "Private board", days_from_now(3))
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        gone = SignatoryPageFactory(parent=directory, title="Gone town")
        make_event(gone, "Orphan fair", days_from_now(4))
        gone.unpublish()
        for url in ("/en/feeds/events.rss", "/en/feeds/events/prevention.rss"):
            assert titles(rss(client, url)) == ["Public one"]
        assert titles(atom(client, "/en/feeds/events.atom")) == ["Public one"]

    def test_a_private_calendar_is_not_the_feeds_link(self, client, signatory, calendar):
        make_event(signatory, "Public one", days_from_now(1))
        PageViewRestriction.objects.create(
            page=calendar, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        feed = rss(client, "/en/feeds/events.rss")
        assert titles(feed) == ["Public one"]
        assert calendar.url not in feed.feed.link


class TestLanguages:
    def test_in_the_readers_language_with_the_source_as_fallback(
        self, client, events, fr_locale, fr_pillar, django_capture_on_commit_callbacks
    ):
        translate(
            events["training"],
            fr_locale,
            {"Teacher training": "Formation des enseignants"},
            django_capture_on_commit_callbacks,
        )
        feed = rss(client, "/fr/feeds/events.rss")
        assert feed.feed.language == "fr"
        assert titles(feed) == ["Formation des enseignants", "Webinar on courts"]
        french, english = feed.entries
        assert french.link.startswith("http://testserver/fr/")
        assert "Prévention" in [tag.term for tag in french.tags]
        # The untranslated event says its text is English, under the French address.
        assert english.link.startswith("http://testserver/fr/")
        response = client.get("/fr/feeds/events.rss")
        assert b"<dc:language>en</dc:language>" in response.content
        assert b"<dc:language>fr</dc:language>" in response.content


class TestQueries:
    def test_a_fixed_number_of_queries(
        self, client, signatory, calendar, quiet_saves, django_assert_max_num_queries
    ):
        counts = []
        for first, size in ((0, 5), (5, 25)):
            for number in range(first, first + size):
                make_event(
                    signatory if number % 2 else calendar,
                    f"Event {number}",
                    days_from_now(number + 1),
                    tags=(f"topic-{number}",),
                )
            client.get("/en/feeds/events.rss")
            with django_assert_max_num_queries(15) as queries:
                assert client.get("/en/feeds/events.rss").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
