"""The calendar's filters in a real browser (a P, a type, a month: the list follows, the URL
carries them), its month view's navigation, and axe-core over both views."""

import json
import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from tests.browser.helpers import settled
from tests.browser.test_accessibility import BLOCKING, RUN_AXE
from tests.browser.vendor_axe import AXE_JS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _patience(page):
    # A calendar page builds its month and filters on the first request of a fresh server:
    # on a loaded machine that took more than the tab's default 10 seconds.
    page.set_default_timeout(60_000)


def card_titles(page):
    return page.locator(".event-card h3")


def test_filtering_by_a_p_a_type_and_a_month(page, calendar_events):
    page.goto(calendar_events["calendar"].url)
    settled(page)
    titles = card_titles(page)
    expect(titles).to_have_text(["Teacher training", "Webinar on courts", "Summer camp"])

    page.get_by_role("checkbox", name="Prosecution").check()
    page.get_by_role("button", name="Filter").click()
    expect(titles).to_have_text(["Webinar on courts"])
    assert "pillar=prosecution" in page.url
    expect(page.get_by_role("checkbox", name="Prosecution")).to_be_checked()

    page.get_by_role("checkbox", name="Prosecution").uncheck()
    page.get_by_label("Type").select_option("in_person")
    page.get_by_role("button", name="Filter").click()
    expect(titles).to_have_text(["Teacher training", "Summer camp"])
    assert "type=in_person" in page.url
    expect(page.get_by_label("Type")).to_have_value("in_person")

    month = calendar_events["camp"].local_start.strftime("%Y-%m")
    page.get_by_label("Month").fill(month)
    page.get_by_role("button", name="Filter").click()
    expect(titles).to_have_text(["Summer camp"])
    assert f"month={month}" in page.url

    page.go_back()
    expect(titles).to_have_text(["Teacher training", "Summer camp"])


def test_the_month_view_and_its_navigation(page, calendar_events):
    training, camp = calendar_events["training"], calendar_events["camp"]
    month = training.local_start.strftime("%Y-%m")
    page.goto(f"{calendar_events['calendar'].url}?view=month&month={month}")
    settled(page)
    heading = page.locator("#month-heading")
    expect(heading).to_have_text(training.local_start.strftime("%B %Y"))
    grid = page.locator(".month-grid")
    expect(grid.get_by_role("link", name="Teacher training")).to_be_visible()
    expect(grid.get_by_role("link", name="Summer camp")).to_have_count(0)

    page.get_by_role("link", name="Next month").click()
    settled(page)
    expect(heading).to_have_text(camp.local_start.strftime("%B %Y"))
    expect(grid.get_by_role("link", name="Summer camp")).to_be_visible()
    expect(grid.get_by_role("link", name="Teacher training")).to_have_count(0)

    page.get_by_role("link", name="Previous month").click()
    settled(page)
    expect(heading).to_have_text(training.local_start.strftime("%B %Y"))

    grid.get_by_role("link", name="Teacher training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teacher training")


def test_no_serious_or_critical_violation(page, calendar_events):
    page.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    url = calendar_events["calendar"].url
    month = calendar_events["training"].local_start.strftime("%Y-%m")
    report = []
    for view in (url, f"{url}?pillar=prevention&type=in_person", f"{url}?view=month&month={month}"):
        response = page.goto(view)
        assert response.ok, view
        settled(page)
        for violation in page.evaluate(RUN_AXE):
            if violation["impact"] in BLOCKING:
                report.append({"page": view, **violation})
    assert not report, json.dumps(report, indent=2, ensure_ascii=False)


def test_the_map_shows_the_upcoming_events_on_demand(page, calendar_events):
    from tests.test_map import MapPageFactory

    home = Page.objects.get(depth=2)
    map_page = MapPageFactory(parent=home)
    page.goto(map_page.url)
    expect(page.locator("[data-geojson-url]")).not_to_have_attribute("aria-busy", "true")
    events = page.locator(".map-marker--event")
    expect(events).to_have_count(0)

    toggle = page.get_by_role("checkbox", name="Show upcoming events on the map")
    toggle.check()
    # The two upcoming events in person with a point; not the online webinar.
    expect(events).to_have_count(2)
    expect(page.locator("[data-event-layer-status]")).to_have_text("2 upcoming events on the map")
    events.first.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Place Kléber, Strasbourg")
    popup.get_by_role("link", name="Teacher training").click()
    settled(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Teacher training")

    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(map_page.url) + "$"))
    toggle = page.get_by_role("checkbox", name="Show upcoming events on the map")
    if toggle.is_checked():  # restored by the browser: the layer follows
        expect(events).to_have_count(2)
        toggle.uncheck()
    expect(events).to_have_count(0)
