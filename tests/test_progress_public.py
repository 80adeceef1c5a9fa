"""Public progress (issue 20): a signatory's plan and reports on its profile, the rounds'
pages, and the directory's and map's filter "reported in the last round"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pact_pages.models import MapPage
from tests.factories import SignatoryPageFactory
from tests.progress_helpers import (
    action_plan,
    actions_of,
    follow_up_section,
    progress_report,
    reporting_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page):
    return follow_up_section(home_page)


@pytest.fixture
def rounds(section):
    """(closed 2024 round, open 2026 round)."""
    return reporting_round(section, 2024, closed=True), reporting_round(section, 2026)


@pytest.fixture
def plan(signatory):
    return action_plan(
        signatory,
        ("prevention", "Train every sports coach", "coaches trained", 400),
        ("participation", "A children's council", "", None),
        ("protection", "A helpline in schools", "schools covered", 30),
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_profile_shows_the_plan_per_p_with_each_actions_latest_status(
    client, signatory, plan, rounds
):
    old, current = rounds
    coaches, council, helpline = actions_of(plan)
    progress_report(signatory, old, (coaches, "in_progress", 40, 150), (council, "done", 100, None))
    progress_report(signatory, current, (coaches, "done", 100, 410))

    page = text(client.get(signatory.url))

    assert "Action plan and progress" in page
    assert "Train every sports coach" in page and "A helpline in schools" in page
    # The coaches' status comes from the newest round's report, the council's from 2024's.
    coaches_part = page[page.index("Train every sports coach") : page.index("A children")]
    assert (
        "Done" in coaches_part
        and "410" in coaches_part
        and "reported in Round 2026" in coaches_part
    )
    assert "Not reported yet" in page  # the helpline: in no report
    assert "Reported in Round 2026" in page
    # The timeline: both reports, newest first, linked.
    timeline = page[page.index("Progress reports") :]
    assert timeline.index("Round 2026") < timeline.index("Round 2024")


def test_profile_never_shows_a_draft_or_a_report_waiting_in_moderation(
    client, signatory, rounds, django_user_model
):
    from pact_pages.moderation.workflow import setup_moderation

    setup_moderation()
    draft_plan = action_plan(signatory, ("prevention", "SECRET-DRAFT-ACTION", "", None), live=False)
    waiting = progress_report(signatory, rounds[1], title="WAITING-REPORT", live=False)
    editor = django_user_model.objects.create_user("editor", password="pw")
    waiting.get_workflow().start(waiting, editor)

    page = text(client.get(signatory.url))

    assert "SECRET-DRAFT-ACTION" not in page
    assert "WAITING-REPORT" not in page and "Reported in" not in page
    assert "Action plan and progress" not in page  # nothing public: no section at all
    assert draft_plan.pk


def test_profile_queries_do_not_grow_with_signatories_or_reports(
    client, directory, signatory, plan, rounds, django_assert_max_num_queries
):
    coaches, council, helpline = actions_of(plan)
    progress_report(signatory, rounds[0], (coaches, "in_progress", 40, 150))
    client.get(signatory.url)  # warm the layout's caches

    with CaptureQueriesContext(connection) as few:
        client.get(signatory.url)
    bound = len(few)  # now: the connection keeps only the last 9,000 queries
    for number in range(6):
        other = SignatoryPageFactory(parent=directory, title=f"Other {number}")
        other_plan = action_plan(other, ("prevention", "Coaches", "coaches trained", 10))
        progress_report(other, rounds[0], (actions_of(other_plan)[0], "done", 100, 10))
    progress_report(signatory, rounds[1], (coaches, "done", 100, 300), (council, "done", 100, None))
    client.get(signatory.url)

    with django_assert_max_num_queries(bound):
        response = client.get(signatory.url)
    assert response.status_code == 200


def test_round_page_shows_who_reported_by_country_and_p_with_indicators_summed(
    client, directory, rounds, django_assert_max_num_queries
):
    old = rounds[0]
    for number, country in enumerate(("FR", "FR", "DE")):
        town = SignatoryPageFactory(parent=directory, title=f"Town {number}", country=country)
        plan = action_plan(town, ("prevention", "Coaches", "Coaches trained", 100))
        progress_report(town, old, (actions_of(plan)[0], "done", 100, 10 * (number + 1)))
    silent = SignatoryPageFactory(parent=directory, title="Silent town", country="IT")
    action_plan(silent, ("prevention", "Coaches", "coaches trained", 100))
    client.get(old.url)

    with django_assert_max_num_queries(20):
        response = client.get(old.url)
    page = text(response)

    assert "3 signatories reported" in page
    assert "Town 0" in page and "Town 2" in page and "Silent town" not in page
    assert re.search(r"France</th><td>2</td>", page) and re.search(r"Germany</th><td>1</td>", page)
    # "Coaches trained" and "coaches trained" are one indicator: 10 + 20 + 30.
    assert re.search(r"Coaches trained</th><td>60</td><td>3</td>", page)
    assert "What did you do to prevent sexual violence?" in page
    assert "Reports are asked in: English, Français" in page


def test_round_index_lists_the_rounds_newest_first_with_their_reports(
    client, section, rounds, signatory, plan
):
    progress_report(signatory, rounds[0], (actions_of(plan)[0], "done", 100, 1))

    page = text(client.get(section.url))

    assert page.index("Round 2026") < page.index("Round 2024")
    assert "1 report published" in page and "0 reports published" in page


def names(client, url, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return sorted(signatory.title for signatory in response.context["page_obj"])


def test_directory_and_map_filter_reported_in_the_last_closed_round(
    client, home_page, directory, rounds, django_assert_max_num_queries
):
    old, current = rounds
    reported = SignatoryPageFactory(parent=directory, title="Reported")
    action = actions_of(action_plan(reported, ("prevention", "Coaches", "", None)))[0]
    progress_report(reported, old, (action, "done", 100, None))
    only_open = SignatoryPageFactory(parent=directory, title="Only the open round")
    progress_report(only_open, current)
    draft = SignatoryPageFactory(parent=directory, title="Draft report")
    progress_report(draft, old, live=False)
    SignatoryPageFactory(parent=directory, title="Silent")
    map_page = MapPage(title="Map", slug="map")
    home_page.add_child(instance=map_page)

    assert names(client, directory.url, reported="1") == ["Reported"]
    assert len(names(client, directory.url)) == 4
    assert names(client, map_page.url, reported="1") == ["Reported"]
    assert (
        'name="reported" value="1" checked'
        in client.get(directory.url, {"reported": "1"}).content.decode()
    )
    # One subquery: as many queries with the filter as without.
    with CaptureQueriesContext(connection) as unfiltered:
        client.get(directory.url, {"country": "FR"})
    bound = len(unfiltered) + 1
    with django_assert_max_num_queries(bound):
        client.get(directory.url, {"country": "FR", "reported": "1"})


def test_api_signatories_and_map_filter_reported(client, directory, rounds):
    reported = SignatoryPageFactory(parent=directory, title="Reported")
    progress_report(reported, rounds[0])
    SignatoryPageFactory(parent=directory, title="Silent")

    listed = client.get("/api/pact/v1/signatories", {"reported": "true"}).json()
    features = client.get("/api/pact/v1/map.geojson", {"reported": "true"}).json()["features"]

    assert [item["title"] for item in listed["results"]] == ["Reported"]
    assert [feature["properties"]["name"] for feature in features] == ["Reported"]
    assert client.get("/api/pact/v1/signatories").json()["count"] == 2


def test_no_closed_round_means_nobody_reported_in_the_last_round(client, section, directory):
    open_round = reporting_round(section, 2026)
    signatory = SignatoryPageFactory(parent=directory, title="Early")
    progress_report(signatory, open_round)

    assert names(client, directory.url, reported="1") == []
