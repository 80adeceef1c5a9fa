"""The site's header and print, as a reader sees them: the navigation on one line on a
desktop, a compact header with a Menu button on a phone, and printed pages that give each
link's full address."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BOX = (
    "(selector) => { const b = document.querySelector(selector).getBoundingClientRect();"
    " return {top: b.top, bottom: b.bottom, height: b.height}; }"
)
LINK_TOPS = (
    "() => [...document.querySelectorAll('header ul.nav a')]"
    ".map((a) => Math.round(a.getBoundingClientRect().top))"
)


def french(url: str) -> str:
    return url.replace("/en/", "/fr/", 1)


@pytest.mark.parametrize("width", [1440, 1024])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_desktop_navigation_stands_on_one_line(page, site_content, width, language):
    site_content.join.show_in_menus = True
    site_content.join.save_revision().publish()
    page.set_viewport_size({"width": width, "height": 900})
    url = site_content.library.url
    page.goto(url if language == "en" else french(url))

    tops = page.evaluate(LINK_TOPS)
    assert len(tops) >= 3 and len(set(tops)) == 1, tops
    expect(page.locator("summary.menu-toggle")).to_be_hidden()
    # "Join the Pact" is the call to action beside the logo, never alone on a line below.
    cta, brand = page.evaluate(BOX, "a.header-cta"), page.evaluate(BOX, "a.brand")
    assert cta["top"] < brand["bottom"] and cta["bottom"] > brand["top"], (cta, brand)
    assert cta["bottom"] <= min(tops)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_phone_header_is_compact_and_its_menu_opens(page, site_content, language):
    page.set_viewport_size({"width": 360, "height": 800})
    url = site_content.library.url
    page.goto(url if language == "en" else french(url))

    header = page.evaluate(BOX, "header.site-header")
    assert header["height"] <= 0.25 * 800, header
    brand = page.evaluate("() => document.querySelector('a.brand svg').getBoundingClientRect()")
    assert brand["width"] == brand["height"]  # the 1/5 mark is a circle, not an oval
    nav = page.locator("header ul.nav")
    expect(nav).to_be_hidden()

    page.locator("summary.menu-toggle").click()

    expect(nav.get_by_role("link").first).to_be_visible()
    expect(page.locator("#header-search-query")).to_be_visible()
    expect(page.locator("header .language-switcher a[hreflang=fr]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(page.locator("summary.menu-toggle")).to_be_focused()
    # Open again, then the keyboard goes on into the page: the menu folds away.
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link").first).to_be_visible()
    page.locator("main a").first.focus()
    expect(nav).to_be_hidden()


@pytest.mark.parametrize("width", [320, 360])
def test_no_language_makes_the_phone_header_wider_than_the_screen(page, site_content, width):
    """The site's name is longer in some languages ("UNO de CADA CINCO", "JEDNO na
    PIĘCIORO"): it wraps, and the Menu button stays whole on the screen."""
    page.set_viewport_size({"width": width, "height": 800})
    for language in ["en", "de", "it", "ru", "es", "pl", "uk", "el"]:
        page.goto(site_content.library.url.replace("/en/", f"/{language}/", 1))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, language
        toggle = page.evaluate(
            "() => document.querySelector('summary.menu-toggle').getBoundingClientRect().right"
        )
        assert toggle <= width, (language, toggle)


def test_printed_links_give_absolute_addresses(page, site_content, live_server):
    page.goto(site_content.signatory.url)
    page.emulate_media(media="print")

    after = page.evaluate(
        """() => [...document.querySelectorAll("main a[href^='/']")].map(
            (a) => getComputedStyle(a, "::after").content)"""
    )
    initiative = f"{live_server.url}{site_content.initiative.url}"
    assert f'" <{initiative}>"' in after, after
    assert all(live_server.url in content for content in after), after
    expect(page.locator("header nav.main-nav")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
