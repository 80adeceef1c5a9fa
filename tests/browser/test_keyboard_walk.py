"""A reader with the keyboard alone, on a phone-sized and a desktop-sized window, in English
and French: Tab reaches every control of every public page type (opening the disclosures it
meets, as the phone's Menu), each with a visible focus indicator inside the window, and no
page scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import public_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"narrow": (360, 740), "wide": (1440, 900)}
MAX_TAB_STOPS = 250

# Where the focus is after one Tab, and whether a reader can see it there.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    el.dataset.walked = "1";
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const label = (el.getAttribute("aria-label") || el.textContent || el.name || "").trim();
    const where = [box.left, box.top, box.right, box.bottom].map(Math.round).join(",");
    return {
        what: `${el.tagName.toLowerCase()}#${el.id} "${label.slice(0, 30)}" at ${where}`,
        seen: box.width > 0 && box.height > 0
            && box.left >= -1 && box.right <= innerWidth + 1
            // Chromium scrolls a focused control into view only when none of it shows.
            && box.top < innerHeight && box.bottom > 0,
        indicated: style.outlineStyle !== "none" || style.boxShadow !== "none",
        // The button of a closed disclosure (the phone's Menu, the languages): a reader
        // opens it to reach what it holds.
        closedDisclosure: el.tagName === "SUMMARY" && !el.parentElement.open,
    };
}"""

# Controls a reader can operate that the walk never reached.
UNREACHED = """() => Array.from(document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]"))
    .filter((el) => el.getClientRects().length && !el.disabled
        && el.tabIndex >= 0 && getComputedStyle(el).visibility !== "hidden"
        && !el.dataset.walked)
    .map((el) => el.outerHTML.slice(0, 120))"""

SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"


def settle(page) -> None:
    """The page's late parts drawn before the walk: the profile's mini-map starts when it
    nears the screen (its attribution links then join the Tab order), the map's markers come
    with its GeoJSON. A walk that passed them before they existed would call them unreached
    (CI saw it on a slow run)."""
    minis = page.locator("[data-mini-map]")
    for index in range(minis.count()):
        mini = minis.nth(index)
        mini.scroll_into_view_if_needed()
        expect(mini).to_have_class(re.compile(r"\b(leaflet-container|map-unavailable)\b"))
    expect(page.locator("[data-geojson-url][aria-busy]")).to_have_count(0)
    page.evaluate("window.scrollTo(0, 0)")


def walk(page) -> list[str]:
    """Tabs through the page once; returns the problems seen on the way."""
    problems = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:  # past the last control: back to the document
            break
        if not state["seen"]:
            problems.append(f"focused outside the window: {state['what']}")
        if not state["indicated"]:
            problems.append(f"focus not visible: {state['what']}")
        if state["closedDisclosure"]:
            page.keyboard.press("Enter")
    else:
        problems.append(f"more than {MAX_TAB_STOPS} tab stops: a keyboard trap?")
    problems += [f"not reachable with Tab: {html}" for html in page.evaluate(UNREACHED)]
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_can_be_walked_with_the_keyboard(page, site_content, language, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    report = []
    for name, url in public_pages(site_content, language).items():
        response = page.goto(url)
        assert response.ok, f"{name}: {url} answered {response.status}"
        overflow = page.evaluate(SIDEWAYS)
        if overflow > 0:
            report.append(f"{name}: scrolls sideways by {overflow} px")
        settle(page)
        report += [f"{name}: {problem}" for problem in walk(page)]
    assert not report, "\n".join(report)
