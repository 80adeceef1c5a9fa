"""Moving around as a reader does: the language switcher, and the keyboard alone."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUSED = "document.activeElement"


def focus_outline(page) -> str:
    """The focused element's computed outline style ("none" when focus is invisible)."""
    return page.evaluate(f"getComputedStyle({FOCUSED}).outlineStyle")


def test_the_language_switcher_leads_to_the_french_initiative(page, site_content):
    page.goto(site_content.initiative.url)
    expect(page.locator("h1")).to_have_text("Safe sports clubs")

    # On a desktop the languages are a drop-down in the header's strip: open it first.
    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("summary").click()
    switcher.get_by_role("link", name="Français").click()

    expect(page.locator("h1")).to_have_text("Clubs sportifs sûrs")
    assert page.url.endswith(site_content.french_initiative.url)
    assert "/fr/" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    switcher = page.get_by_role("navigation", name="Langue")
    switcher.locator("summary").click()
    expect(switcher.get_by_role("link", name="English")).to_be_visible()


def test_the_first_tab_reaches_a_visible_skip_link_to_the_content(page, site_content):
    page.goto(site_content.library.url)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_outline(page) != "none"

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The next Tab continues inside the content, past the header's links.
    page.keyboard.press("Tab")
    assert page.evaluate(f"{FOCUSED}.closest('main') !== null")


def test_focus_is_visible_on_links_and_filter_controls(page, site_content):
    page.goto(site_content.library.url)
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        tag = page.evaluate(f"{FOCUSED}.tagName.toLowerCase() + ':' + ({FOCUSED}.type || '')")
        if tag.startswith("body"):
            break
        assert focus_outline(page) != "none", f"no visible focus on {tag}"
        seen.add(tag)
    assert {"a:", "input:checkbox", "select:select-one", "button:submit"} <= seen, seen
