"""Where events go out beside the API and the feeds: the sitemap, the site search, the map's
layer of upcoming events and the home page's next three events. Drafts, private events and
events of a signatory taken down reach none of them."""

import json
import re

import pytest
from wagtail.models import PageViewRestriction

from tests.event_helpers import days_from_now, make_calendar, make_event
from tests.factories import SignatoryPageFactory
from tests.test_map import MapPageFactory
from tests.test_search import titles as search_titles
from tests.test_seo import absolute, sitemap

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


@pytest.fixture
def calendar(home_page):
    return make_calendar(home_page)


@pytest.fixture
def shown(signatory, calendar):
    """Public events: one past, three upcoming (one of them online), one later still."""
    return {
        "past": make_event(signatory, "Past handball workshop", days_from_now(-5)),
        "training": make_event(signatory, "Handball coaches training", days_from_now(3)),
        "webinar": make_event(
            calendar,
            "Webinar on handball clubs",
            days_from_now(5),
            attendance="online",
            address="",
            latitude=None,
            longitude=None,
        ),
        "day": make_event(
            calendar, "European Day for handball", days_from_now(8), attendance="hybrid"
        ),
        "later": make_event(signatory, "Handball summer camp", days_from_now(60)),
    }


@pytest.fixture
def hidden(directory, signatory, calendar):
    """A draft, a private event, an event of a signatory taken down: all about handball."""
    draft = make_event(signatory, "Draft handball meeting", days_from_now(4), live=False)
    private = make_event(calendar, "Private handball board", days_from_now(4))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    gone = SignatoryPageFactory(parent=directory, title="Gone town")
    orphan = make_event(gone, "Orphan handball fair", days_from_now(4))
    gone.unpublish()
    return [draft, private, orphan]


class TestSitemap:
    def test_public_events_and_the_calendar(self, client, home_page, shown, hidden, calendar):
        locations = sitemap(client)
        assert absolute(calendar) in locations
        for event in shown.values():
            assert absolute(event) in locations
        for event in hidden:
            event.refresh_from_db()
            assert not any(event.slug in location for location in locations), event


class TestSearch:
    def test_finds_public_events_with_their_type(self, client, shown, hidden):
        response = client.get("/en/search/?q=handball")
        assert response.status_code == 200
        assert sorted(search_titles(response)) == sorted(event.title for event in shown.values())
        assert '<p class="search-result-type">Event</p>' in response.content.decode()

    def test_follows_unpublishing_and_the_signatory_taken_down(self, client, signatory, shown):
        shown["later"].unpublish()
        assert "Handball summer camp" not in search_titles(client.get("/en/search/?q=handball"))
        signatory.unpublish()
        assert sorted(search_titles(client.get("/en/search/?q=handball"))) == [
            "European Day for handball",
            "Webinar on handball clubs",
        ]

    def test_a_restriction_added_later_hides_it(self, client, calendar, shown):
        PageViewRestriction.objects.create(page=calendar, restriction_type="login")
        assert sorted(search_titles(client.get("/en/search/?q=handball"))) == [
            "Handball coaches training",
            "Handball summer camp",
            "Past handball workshop",
        ]

    def test_tags_are_searched(self, client, signatory):
        make_event(signatory, "Coaches day", days_from_now(2), tags=("volleyball",))
        assert search_titles(client.get("/en/search/?q=volleyball")) == ["Coaches day"]


class TestMapLayer:
    def test_upcoming_public_in_person_events_with_a_point(self, client, shown, hidden):
        response = client.get(f"{API}/events.geojson")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        collection = json.loads(response.content)
        assert collection["type"] == "FeatureCollection"
        names = [feature["properties"]["name"] for feature in collection["features"]]
        # Soonest first; not the past one, not the online one, nothing hidden.
        assert names == [
            "Handball coaches training",
            "European Day for handball",
            "Handball summer camp",
        ]
        feature = collection["features"][0]
        assert feature["type"] == "Feature" and feature["id"] == shown["training"].pk
        # RFC 7946: [longitude, latitude].
        assert feature["geometry"] == {"type": "Point", "coordinates": [7.7455, 48.5839]}
        assert feature["properties"]["url"] == absolute(shown["training"])
        assert feature["properties"]["start"].endswith("Z")
        assert feature["properties"]["time_zone"] == "Europe/Paris"

    def test_an_event_without_a_point_is_left_out(self, client, signatory):
        make_event(signatory, "Somewhere", days_from_now(2), latitude=None, longitude=None)
        assert json.loads(client.get(f"{API}/events.geojson").content)["features"] == []

    def test_the_map_page_offers_the_layer(self, client, home_page, shown):
        map_page = MapPageFactory(parent=home_page)
        html = client.get(map_page.url).content.decode()
        assert "Show upcoming events on the map" in html
        assert f'data-events-url="{API}/events.geojson"' in html
        assert "pact_pages/js/event-layer.js" in html
        block = re.search(r'<script id="pact-map-texts"[^>]*>(.*?)</script>', html, re.S)
        texts = json.loads(block.group(1))
        assert texts["events"]["one"] == "%(counter)s upcoming event on the map"  # map.js fills it


class TestHomePage:
    def test_the_next_three_events(self, client, home_page, shown, hidden, calendar):
        html = client.get("/en/").content.decode()
        assert "Next events" in html
        section = html.split('id="events-heading"')[1].split("</section>")[0]
        for title in ("Handball coaches training", "Webinar on handball clubs"):
            assert title in section
        assert "European Day for handball" in section
        assert "Handball summer camp" not in section  # the fourth
        assert "Past handball workshop" not in section
        for event in hidden:
            assert event.title not in html
        assert f'href="{calendar.url}"' in section  # "All events"

    def test_nothing_when_no_event_is_coming(self, client, home_page, signatory):
        make_event(signatory, "Over already", days_from_now(-2))
        html = client.get("/en/").content.decode()
        assert "Next events" not in html and 'id="events-heading"' not in html

    def test_a_bounded_number_of_queries(
        self, client, home_page, signatory, calendar, quiet_saves, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = []
        for first, size in ((0, 3), (3, 20)):
            for number in range(first, first + size):
                make_event(signatory, f"Event {number}", days_from_now(number + 1))
            client.get("/en/")
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/en/").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
