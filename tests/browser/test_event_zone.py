"""The reader's time zone on event pages in a real browser (pact_pages/js/event-zone.js): the
browser's own zone goes into the address, a zone the reader chooses is remembered for the
next page, and an emptied field forgets it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def tokyo_tab(browser, live_server):
    """A tab whose browser believes it is in Tokyo (Intl's zone)."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Asia/Tokyo"
    )
    context.set_default_timeout(60_000)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


def zone_in_address(zone: str):
    return re.compile(r"[?&]tz=" + re.escape(zone.replace("/", "%2F")) + r"(&|$)")


def test_the_reader_sees_event_times_in_the_zone_of_their_choice(tokyo_tab, calendar_events):
    page, training = tokyo_tab, calendar_events["training"]
    reader_time = page.locator(".event-reader-time")

    page.goto(training.url)
    expect(page).to_have_url(zone_in_address("Asia/Tokyo"))
    expect(reader_time).to_contain_text("Asia/Tokyo")
    expect(page.locator(".event-when time")).to_contain_text("Europe/Paris")

    page.get_by_label("Show times in the time zone").fill("America/New_York")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(zone_in_address("America/New_York"))
    expect(reader_time).to_contain_text("America/New_York")

    # The next page without a zone in its address takes the one chosen, not the browser's.
    page.goto(calendar_events["calendar"].url)
    expect(page).to_have_url(zone_in_address("America/New_York"))
    expect(page.locator(".event-card .event-reader-time").first).to_contain_text("America/New_York")

    # Emptied: each event in its own zone here, and the browser's zone again next time.
    page.get_by_label("Show times in the time zone").fill("")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Without a time zone, each event is shown in its own.")).to_be_visible()
    expect(page.locator(".event-reader-time")).to_have_count(0)
    page.goto(training.url)
    expect(page).to_have_url(zone_in_address("Asia/Tokyo"))
