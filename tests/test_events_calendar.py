"""The calendar page and an event's page: upcoming and past, the filters, the month grid
without JavaScript, pagination, bounded queries, only public events."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pact_pages.events.queries import past, upcoming
from tests.events_pages import calendar_under, event_under, wall
from tests.factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db


def soon(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def calendar(home_page):
    return calendar_under(home_page)


@pytest.fixture
def berlin(directory):
    return SignatoryPageFactory(parent=directory, title="Berlin", country="DE")


@pytest.fixture
def events(signatory, berlin, calendar):
    return {
        "past": event_under(signatory, "Past workshop", wall(soon(-30), 18)),
        "training": event_under(
            signatory, "Teacher training", wall(soon(10), 18), pillars=("protection",)
        ),
        "webinar": event_under(
            berlin,
            "Webinar on courts",
            wall(soon(20), 10, "Europe/Berlin"),
            time_zone="Europe/Berlin",
            attendance="online",
            address="",
            latitude=None,
            longitude=None,
            pillars=("prosecution",),
        ),
        "day": event_under(
            calendar,
            "European Day",
            wall(soon(40), 0),
            wall(soon(40), 0),
            all_day=True,
            pillars=("participation",),
        ),
        "draft": event_under(signatory, "Draft meeting", wall(soon(5), 18), live=False),
    }


def titles(client, calendar, **params) -> list[str]:
    response = client.get(calendar.url, params)
    assert response.status_code == 200
    return [event.title for event in response.context["events"]]


def test_upcoming_soonest_first_and_past_latest_first(client, calendar, events):
    assert titles(client, calendar) == ["Teacher training", "Webinar on courts", "European Day"]
    assert titles(client, calendar, when="past") == ["Past workshop"]


def test_the_filters(client, calendar, events, signatory):
    assert titles(client, calendar, pillar="prosecution") == ["Webinar on courts"]
    assert titles(client, calendar, country="DE") == ["Webinar on courts"]
    assert titles(client, calendar, signatory=signatory.slug) == ["Teacher training"]
    assert titles(client, calendar, type="online") == ["Webinar on courts"]
    assert titles(client, calendar, type="in_person") == ["Teacher training", "European Day"]
    assert titles(client, calendar, q="teacher") == ["Teacher training"]
    month = soon(40).strftime("%Y-%m")
    assert "European Day" in titles(client, calendar, month=month)
    # Nonsense is ignored, never a 500.
    assert len(titles(client, calendar, month="2026-13", type="x", country="ZZ", page="x")) == 3


def test_drafts_private_and_orphan_events_are_not_listed(
    client, calendar, events, directory, signatory
):
    PageViewRestriction.objects.create(
        page=events["training"], restriction_type="password", password="x"
    )
    gone = SignatoryPageFactory(parent=directory, title="Departed")
    event_under(gone, "Orphan", wall(soon(3), 18))
    gone.unpublish()
    page = client.get(calendar.url).content.decode()
    for hidden in ("Draft meeting", "Teacher training", "Orphan"):
        assert hidden not in page


def test_the_month_grid_works_without_javascript(client, calendar, events):
    day = soon(40)
    key = day.strftime("%Y-%m")
    response = client.get(calendar.url, {"view": "month", "month": key})
    html = response.content.decode()
    assert "<table" in html and 'scope="col"' in html
    (cell,) = [d for week in response.context["weeks"] for d in week if d.date == day]
    assert [event.title for event in cell.events] == ["European Day"]
    previous_key = (day.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    assert f"month={previous_key}" in html and 'rel="next"' in html
    response = client.get(calendar.url, {"view": "month", "month": previous_key})
    assert response.status_code == 200


def test_pagination(client, calendar, signatory, settings):
    settings.PACT_INITIATIVES_PER_PAGE = 2
    for day in range(1, 6):
        event_under(signatory, f"Session {day}", wall(soon(day), 18))
    first = client.get(calendar.url)
    assert first.context["paginator"].count == 5
    assert [e.title for e in first.context["events"]] == ["Session 1", "Session 2"]
    last = client.get(calendar.url, {"page": 3})
    assert [e.title for e in last.context["events"]] == ["Session 5"]


@pytest.mark.parametrize(
    "params", [{}, {"view": "month"}, {"pillar": "prevention", "tz": "Asia/Tokyo"}]
)
def test_queries_do_not_grow_with_the_events(
    client, calendar, signatory, berlin, django_assert_max_num_queries, params
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar.url, params).status_code == 200
        return len(queries)

    event_under(signatory, "One", wall(soon(2), 18))
    few = count()
    for day in range(3, 15):
        parent = signatory if day % 2 else berlin
        event_under(
            parent, f"Event {day}", wall(soon(day), 18), pillars=("prevention", "protection")
        )
    with django_assert_max_num_queries(few):
        client.get(calendar.url, params)


def test_the_event_page(client, signatory, initiative, events):
    event = events["training"]
    event.initiative = initiative
    event.registration_url = "https://example.org/register"
    event.event_languages = ["fr", "de"]
    event.save_revision().publish()
    html = client.get(event.url, {"tz": "Europe/Moscow"}).content.decode()
    for expected in (
        "Teacher training",
        "(Europe/Paris)",
        "your time (Europe/Moscow)",
        "Place Kléber, Strasbourg",
        "Français, Deutsch",
        "https://example.org/register",
        initiative.title,
        "Add to my calendar",
        "openstreetmap.org/?mlat=48.583900",
        'data-mini-map hidden data-latitude="48.583900"',
        "/static/pact_pages/js/map.js",
    ):
        assert expected in html, expected
    webinar = client.get(events["webinar"].url).content.decode()
    assert "https://meet.example.org/pact" in webinar and "Place Kléber" not in webinar


def test_an_event_of_an_unpublished_signatory_is_gone(client, events, signatory):
    url = events["training"].url
    signatory.unpublish()
    assert client.get(url).status_code == 404


def test_an_all_day_event_is_upcoming_until_its_day_is_over(signatory):
    day = event_under(signatory, "European Day", wall(soon(0), 0), wall(soon(0), 0), all_day=True)
    # The afternoon of the day itself: still on, though its stored end (midnight) has passed.
    afternoon = wall(soon(0), 15)
    assert [event.pk for event in upcoming(now=afternoon)] == [day.pk]
    assert list(past(now=afternoon)) == []
    next_morning = wall(soon(1), 9)
    assert upcoming(now=next_morning) == []
    assert [event.pk for event in past(now=next_morning)] == [day.pk]
