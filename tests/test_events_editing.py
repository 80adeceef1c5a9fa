"""Creating events in the admin: wall times in the event's zone, the form's refusals, and
who may add an event where (a signatory's editors under their own page only; the calendar is
the Congress staff's)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pact_pages.models import EventPage
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests.events_pages import calendar_under
from tests.factories import SignatoryPageFactory, pillar

pytestmark = pytest.mark.django_db


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["pact_pages", "eventpage", parent.pk])


def post_data(**fields) -> dict:
    data = {
        "title": "Teacher training",
        "slug": "teacher-training",
        "summary": "Recognising and reporting abuse, for teachers.",
        "all_day": "",
        "start": ["2026-12-10", "18:00"],
        "end": ["2026-12-10", "20:00"],
        "time_zone": "Europe/Paris",
        "attendance": "in_person",
        "address": "Place Kléber, Strasbourg",
        "latitude": "48.5839",
        "longitude": "7.7455",
        "online_url": "",
        "event_languages": ["fr", "de"],
        "pillar_links": inline_formset([{"pillar": pillar("prevention").pk}], min=0, max=4),
        "tags": "schools",
        "registration_url": "",
        "initiative": "",
        "body": streamfield([]),
    }
    data.update(fields)
    start, end = data.pop("start"), data.pop("end")
    form = nested_form_data(data)
    form.update({"start_0": start[0], "start_1": start[1], "end_0": end[0], "end_1": end[1]})
    form["event_languages"] = data["event_languages"]
    return form


def errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_a_timed_event_is_stored_in_utc_from_its_zones_wall_time(admin_client, signatory):
    response = admin_client.post(add_url(signatory), post_data(time_zone="Europe/Moscow"))
    assert response.status_code == 302, errors(response)
    event = EventPage.objects.get(slug="teacher-training")
    assert event.start == datetime.datetime(2026, 12, 10, 15, 0, tzinfo=datetime.UTC)
    assert event.local_start.hour == 18 and event.time_zone == "Europe/Moscow"
    assert event.event_languages == ["fr", "de"]
    # The edit form shows the same wall time back, not the server's.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'value="18:00"' in edit and 'value="2026-12-10"' in edit


def test_an_all_day_event_needs_no_time(admin_client, signatory):
    data = post_data(all_day="on", start=["2026-11-18", ""], end=["2026-11-18", ""])
    response = admin_client.post(add_url(signatory), data)
    assert response.status_code == 302, errors(response)
    event = EventPage.objects.get(slug="teacher-training")
    assert event.all_day and event.first_day == event.last_day == datetime.date(2026, 11, 18)
    assert event.local_start.hour == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end": ["2026-12-09", "20:00"]}, "end", "The end cannot be before the start."),
        ({"start": ["2026-12-10", ""]}, "start", "Give a time, or tick “all day”."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice."),
        (
            {"start": ["2026-03-29", "02:30"], "end": ["2026-03-29", "04:00"]},
            "start",
            "This time does not exist",
        ),
        ({"attendance": "online"}, "online_url", "An online event needs the link to join it."),
        ({"address": ""}, "address", "An event in person needs an address."),
        ({"longitude": ""}, "longitude", "Give both latitude and longitude, or neither."),
    ],
)
def test_the_form_refuses_with_a_message_on_the_field(
    admin_client, signatory, fields, field, message
):
    response = admin_client.post(add_url(signatory), post_data(**fields))
    found = errors(response)
    assert field in found, found
    assert message in " ".join(found[field])
    assert not EventPage.objects.exists()


@pytest.fixture
def editors(directory, signatory):
    setup_moderation()
    other = SignatoryPageFactory(parent=directory, title="Berlin", country="DE")
    users = get_user_model().objects
    clients = {}
    for name, page in (("own", signatory), ("other", other)):
        user = users.create_user(f"editor_{name}", f"{name}@example.org", "pw")
        access.grant(user, page)
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def test_a_signatory_editor_adds_events_under_its_own_page_only(editors, signatory):
    assert editors["own"].get(add_url(signatory)).status_code == 200
    response = editors["own"].post(add_url(signatory), post_data())
    assert response.status_code == 302, errors(response)
    event = EventPage.objects.get(slug="teacher-training")
    assert not event.live  # a draft, for the Congress moderators to approve
    refused = editors["other"].post(add_url(signatory), post_data(slug="intruder"))
    assert refused.status_code in (302, 403)
    assert not EventPage.objects.filter(slug="intruder").exists()
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert editors["other"].get(edit).status_code in (302, 403)


def test_the_calendar_is_the_congress_staffs(editors, home_page, admin_client):
    calendar = calendar_under(home_page)
    # A section page of the plugin: the Congress's moderation applies to it when created.
    assert calendar.get_workflow().name == "Pact moderation"
    refused = editors["own"].post(add_url(calendar), post_data(slug="not-mine"))
    assert refused.status_code in (302, 403)
    assert not EventPage.objects.filter(slug="not-mine").exists()
    response = admin_client.post(add_url(calendar), post_data(slug="congress-day"))
    assert response.status_code == 302, errors(response)
    assert EventPage.objects.get(slug="congress-day").get_parent().pk == calendar.pk


def test_another_editor_cannot_explore_a_draft_event(editors, signatory):
    from tests.events_pages import event_under, wall

    draft = event_under(
        signatory, "Confidential draft meeting", wall(datetime.date(2026, 12, 1), 18), live=False
    )
    explore = reverse("wagtailadmin_explore", args=[draft.pk])
    response = editors["other"].get(explore, follow=True)
    assert "Confidential draft meeting" not in response.content.decode()
    assert "Confidential draft meeting" in editors["own"].get(explore).content.decode()
