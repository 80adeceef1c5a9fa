"""``/api/pact/v1/events``: the public calendar as JSON (list, detail), its filters, its
refusals (problem details), its privacy and its constant query counts."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.event_helpers import days_from_now, make_calendar, make_event
from tests.factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


@pytest.fixture
def calendar(home_page):
    return make_calendar(home_page)


@pytest.fixture
def berlin(directory):
    return SignatoryPageFactory(parent=directory, title="Berlin", country="DE")


@pytest.fixture
def events(signatory, berlin, calendar):
    """Past, soon, later: in person in Strasbourg, online in Berlin, hybrid by the staff."""
    return {
        "past": make_event(signatory, "Past workshop", days_from_now(-30)),
        "training": make_event(
            signatory,
            "Teacher training",
            days_from_now(10),
            pillars=("prevention", "protection"),
            tags=("schools",),
            registration_url="https://example.org/register",
        ),
        "webinar": make_event(
            berlin,
            "Webinar on courts",
            days_from_now(20),
            pillars=("prosecution",),
            attendance="online",
            address="",
            latitude=None,
            longitude=None,
            time_zone="Europe/Berlin",
        ),
        "day": make_event(
            calendar,
            "European Day",
            days_from_now(40),
            pillars=("participation",),
            attendance="hybrid",
        ),
    }


def titles(client, query: str = "") -> list[str]:
    response = client.get(f"{API}/events{query}")
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


class TestList:
    def test_every_public_event_by_start(self, client, events):
        body = client.get(f"{API}/events").json()
        assert body["count"] == 4
        assert [item["title"] for item in body["results"]] == [
            "Past workshop",
            "Teacher training",
            "Webinar on courts",
            "European Day",
        ]

    def test_an_item_says_when_in_utc_and_in_its_own_zone(self, client, events, signatory):
        training = events["training"]
        item = next(
            i for i in client.get(f"{API}/events").json()["results"] if i["id"] == training.pk
        )
        assert item["start"] == training.start.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        assert item["time_zone"] == "Europe/Paris"
        assert item["local_start"] == training.local_start.isoformat()
        assert item["local_start"].endswith(("+01:00", "+02:00"))
        assert item["all_day"] is False
        assert item["attendance"] == "in_person"
        assert item["attendance_label"] == "In person"
        assert item["registration_url"] == "https://example.org/register"
        assert [p["slug"] for p in item["pillars"]] == ["prevention", "protection"]
        assert [t["slug"] for t in item["tags"]] == ["schools"]
        assert item["signatory"]["id"] == signatory.pk
        assert item["url"] == f"http://testserver{training.url}"
        assert item["ics_url"].startswith("http://testserver/en/")
        assert item["ics_url"].endswith(".ics")
        assert item["fallback"] is False and item["served_locale"] == "en"
        assert "body" not in item

    def test_an_event_of_the_site_wide_calendar_has_no_signatory(self, client, events):
        item = client.get(f"{API}/events?q=European").json()["results"][0]
        assert item["title"] == "European Day" and item["signatory"] is None

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("?pillar=prosecution", ["Webinar on courts"]),
            ("?pillar=protection&pillar=participation", ["Teacher training", "European Day"]),
            ("?country=DE", ["Webinar on courts"]),
            ("?type=online", ["Webinar on courts", "European Day"]),  # hybrid is online too
            ("?type=in_person", ["Past workshop", "Teacher training", "European Day"]),
            ("?type=hybrid", ["European Day"]),
            ("?when=upcoming", ["Teacher training", "Webinar on courts", "European Day"]),
            ("?when=past", ["Past workshop"]),
            ("?q=TEACHER", ["Teacher training"]),
            ("?q=teacher%20training", ["Teacher training"]),
            ("?q=nothing-like-it", []),
        ],
    )
    def test_filters(self, client, events, query, expected):
        assert titles(client, query) == expected

    def test_filter_by_signatory_any_translation(self, client, events, berlin):
        assert titles(client, f"?signatory={berlin.pk}") == ["Webinar on courts"]

    def test_filter_by_days_and_month(self, client, events):
        soon = events["training"].start.date()
        later = events["webinar"].start.date()
        assert titles(client, f"?from={soon}&to={soon}") == ["Teacher training"]
        assert titles(client, f"?from={later}") == ["Webinar on courts", "European Day"]
        assert titles(client, f"?to={soon}") == ["Past workshop", "Teacher training"]
        month = events["day"].local_start.strftime("%Y-%m")
        assert "European Day" in titles(client, f"?month={month}")
        assert "Past workshop" not in titles(client, f"?month={month}")

    def test_pagination(self, client, events):
        body = client.get(f"{API}/events?limit=2").json()
        assert body["count"] == 4 and len(body["results"]) == 2
        assert body["previous"] is None
        assert "offset=2" in body["next"]
        rest = client.get(body["next"]).json()
        assert [item["title"] for item in rest["results"]] == ["Webinar on courts", "European Day"]
        assert rest["next"] is None

    def test_an_all_day_event(self, client, signatory):
        start = datetime.datetime(2026, 11, 18, 10, tzinfo=datetime.UTC)
        make_event(signatory, "Awareness day", start, start, all_day=True)
        item = client.get(f"{API}/events").json()["results"][0]
        assert item["all_day"] is True
        assert item["start_date"] == item["end_date"] == "2026-11-18"
        # Stored as the local midnight of the day: 23:00 UTC the day before, in winter.
        assert item["start"] == "2026-11-17T23:00:00Z"
        assert item["local_start"] == "2026-11-18T00:00:00+01:00"


class TestDetail:
    def test_an_event_by_id_with_its_body(self, client, events):
        training = events["training"]
        item = client.get(f"{API}/events/{training.pk}").json()
        assert item["id"] == training.pk and item["title"] == "Teacher training"
        assert item["body"] == ""
        assert item["summary"] == "What Teacher training is about."

    def test_an_unknown_id_is_a_problem_404(self, client, events):
        response = client.get(f"{API}/events/999999")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"

    def test_a_signatorys_page_id_is_not_an_event(self, client, events, signatory):
        assert client.get(f"{API}/events/{signatory.pk}").status_code == 404


class TestBadParameters:
    @pytest.mark.parametrize(
        "query, parameter",
        [
            ("from=2026-13-01", "from"),
            ("from=18/11/2026", "from"),
            ("to=tomorrow", "to"),
            ("month=2026-13", "month"),
            ("month=2026-1", "month"),
            ("pillar=prudence", "pillar"),
            ("type=boat", "type"),
            ("when=soon", "when"),
            ("country=XX", "country"),
            ("signatory=abc", "signatory"),
            ("locale=xx", "locale"),
            ("limit=0", "limit"),
            ("from=0001-01-01", "from"),
            ("to=2026-11-01&from=2026-11-18", "to"),
            ("q=%00", "q"),
        ],
    )
    def test_a_problem_400_names_the_parameter(self, client, events, query, parameter):
        response = client.get(f"{API}/events?{query}")
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == 400
        assert [error["parameter"] for error in body["errors"]] == [parameter]

    def test_a_bad_id_is_a_400(self, client):
        assert client.get(f"{API}/events/0").status_code == 400


class TestPrivacy:
    """Drafts, private events and events of a signatory taken down never appear."""

    @pytest.fixture
    def hidden(self, signatory, directory, calendar):
        draft = make_event(signatory, "Draft meeting", days_from_now(5), live=False)
        private = make_event(calendar, "Private board", days_from_now(6))
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        gone = SignatoryPageFactory(parent=directory, title="Gone town")
        orphan = make_event(gone, "Orphan fair", days_from_now(7))
        gone.unpublish()
        return [draft, private, orphan]

    def test_not_in_the_list_nor_by_id(self, client, events, hidden):
        listed = titles(client, "?limit=100")
        assert listed == ["Past workshop", "Teacher training", "Webinar on courts", "European Day"]
        for page in hidden:
            assert client.get(f"{API}/events/{page.pk}").status_code == 404
            assert client.get(f"{API}/events/{page.pk}?locale=en").status_code == 404

    def test_not_on_the_map(self, client, events, hidden):
        names = [
            feature["properties"]["name"]
            for feature in client.get(f"{API}/events.geojson").json()["features"]
        ]
        assert names == ["Teacher training", "European Day"]

    def test_a_private_initiative_is_not_linked(self, client, signatory, initiative):
        PageViewRestriction.objects.create(page=initiative, restriction_type="login")
        make_event(signatory, "Linked", days_from_now(3), initiative=initiative)
        item = client.get(f"{API}/events").json()["results"][0]
        assert item["initiative"] is None

    def test_a_public_initiative_is_linked(self, client, signatory, initiative):
        make_event(signatory, "Linked", days_from_now(3), initiative=initiative)
        item = client.get(f"{API}/events").json()["results"][0]
        assert item["initiative"]["id"] == initiative.pk
        assert item["initiative"]["url"] == f"http://testserver{initiative.url}"


QUERIES = {
    "events?limit=100": 12,
    "events?limit=100&locale=fr&pillar=prevention&country=FR&q=Event&when=upcoming": 12,
    "events.geojson": 5,
    "events.geojson?locale=fr": 5,
}


class TestQueries:
    """The same queries for 5 events as for 50: the locales, the view restrictions, the
    default locale, the count, the rows, their P links, tags, the Ps' names in the reader's
    language (none when the layout cache holds them), signatories, translations, the site
    (for the addresses) and the first publications; the map: the locales, the view
    restrictions, the default locale, the rows, the site."""

    def build(self, signatory, calendar, first: int, count: int) -> None:
        for number in range(first, first + count):
            make_event(
                signatory if number % 2 else calendar,
                f"Event {number}",
                days_from_now(number * 3 - 6),
                pillars=("prevention", "participation"),
                tags=(f"topic-{number}", "schools"),
                attendance=("in_person", "online", "hybrid")[number % 3],
            )

    def measure(self, client) -> dict[str, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = {}
        for query in QUERIES:
            client.get(f"{API}/{query}")  # anything computed once per process
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{API}/{query}").status_code == 200
            counts[query] = len(queries)
        return counts

    def test_a_fixed_number_of_queries(
        self, client, signatory, calendar, fr_locale, quiet_saves, django_assert_max_num_queries
    ):
        self.build(signatory, calendar, 0, 5)
        five = self.measure(client)
        self.build(signatory, calendar, 5, 45)
        assert client.get(f"{API}/events?limit=100").json()["count"] == 50
        fifty = self.measure(client)
        assert five == fifty
        for query, bound in QUERIES.items():
            with django_assert_max_num_queries(bound, info=query):
                client.get(f"{API}/{query}")
