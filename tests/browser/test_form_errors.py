"""A failed submit of the join form, in a browser: the focus lands on the error summary (no
script: autofocus), fields in error are drawn with a red border, and a drawn checkbox still
shows its tick in forced-colours mode."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def tolerated_console() -> tuple[str, ...]:
    # The refused submit answers 400, which the browser logs; that is the point of the test.
    return ("status of 400",)


RGB = "(() => getComputedStyle(document.querySelector(SELECTOR)).borderTopColor)()"


def _rgb(page, selector: str) -> tuple[int, ...]:
    colour = page.evaluate(RGB.replace("SELECTOR", repr(selector)))
    return tuple(int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])


@pytest.mark.parametrize("width", [360, 1440])
def test_a_failed_join_moves_the_focus_to_the_summary(page, site_content, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_content.join.url)
    page.get_by_label("Organisation or person").fill("Ville de Namur")
    page.get_by_label("E-mail").fill("not-an-address")
    page.get_by_role("button", name="Send my request").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="E-mail: Enter a valid email address.")).to_be_visible()
    red, green, blue = _rgb(page, "#id_email")
    assert red > 150 and green < 80 and blue < 80, (red, green, blue)
    assert _rgb(page, "#id_name")[0] < 150  # a field without error keeps its grey border

    summary.get_by_role("link", name="Country: Choose a country.").click()
    expect(page.locator("#id_country")).to_be_focused()


def test_a_ticked_box_stays_visible_in_forced_colours(page, site_content):
    page.emulate_media(forced_colors="active")
    page.goto(site_content.join.url)
    box = page.locator("#id_accepted_pact")
    before = box.screenshot()
    box.check()
    assert box.screenshot() != before


def test_a_join_form_in_error_is_axe_clean(page, site_content):
    from tests.browser.test_accessibility import AXE_JS, BLOCKING, RUN_AXE

    page.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    page.goto(site_content.join.url)
    page.get_by_role("checkbox", name="I have read the Pact", exact=False).check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.locator(".error-summary")).to_be_focused()

    violations = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]
    assert not violations, violations
