"""A reader on the map (open a marker, follow its link) and subscribing to the newsletter
(confirm through the link in the mail)."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from pact_pages.models import NewsletterPage, NewsletterSubscriber
from tests.factories import SignatoryPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_marker_opens_a_popup_whose_link_leads_to_the_profile(page, site_content):
    page.goto(site_content.map.url)
    # The markers come from the GeoJSON: the map is busy until they are drawn.
    expect(page.locator("[data-geojson-url]")).not_to_have_attribute("aria-busy", "true")
    marker = page.locator(".map-marker").first
    expect(marker).to_be_visible()

    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Strasbourg")
    popup.get_by_role("link", name="Strasbourg").click()

    expect(page.locator("h1")).to_have_text("Strasbourg")
    assert page.url.endswith(site_content.signatory.url)


def countries_drawn(page, container, at_least: int = 150) -> int:
    """How many country outlines a map drew (map.js counts them in data-outlines-drawn),
    waiting up to 10 s for ``at_least``. (No wait_for_function: the site's
    Content-Security-Policy refuses the eval it needs.)"""
    drawn = 0
    for _ in range(100):
        drawn = int(container.get_attribute("data-outlines-drawn") or 0)
        if drawn > at_least:
            break
        page.wait_for_timeout(100)
    return drawn


def test_the_map_draws_countries_and_markers_from_this_site_alone(page, site_content, live_server):
    # Tiles are off by default: the country outlines are a static file of the site.
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
        ),
    )

    page.goto(site_content.map.url)

    expect(page.locator("[data-geojson-url]")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".map-marker")).to_have_count(1)
    # Drawn on a canvas, a few at a time: every country, and Europe's islands and micro-states.
    expect(page.locator(".leaflet-pact-outlines-pane canvas")).to_be_attached()
    assert countries_drawn(page, page.locator("[data-signatory-map]")) > 150
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Leaflet")
    page.wait_for_load_state("networkidle")
    assert elsewhere == []


def test_a_profile_fetches_leaflet_only_when_its_mini_map_comes_near(
    page, site_content, live_server
):
    # A profile with a long introduction: its mini-map (under the text) starts off screen.
    signatory = site_content.signatory
    signatory.introduction = "Strasbourg signed the Pact with its schools and clubs. " * 30
    signatory.save_revision().publish()
    page.set_viewport_size({"width": 360, "height": 640})
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(signatory.url)
    page.wait_for_load_state("networkidle")
    mini = page.locator("[data-mini-map]")
    assert mini.bounding_box()["y"] > 640 + 200  # beyond the 200 px map.js looks ahead

    def map_files() -> list[str]:
        return [url for url in fetched if "leaflet" in url or "world-atlas" in url]

    assert map_files() == []
    expect(page.locator(".leaflet-container")).to_have_count(0)

    mini.scroll_into_view_if_needed()
    expect(mini.locator(".map-marker")).to_be_visible()
    expect(mini).to_have_class(re.compile(r"\bleaflet-container\b"))
    assert countries_drawn(page, mini) > 150
    names = [url.rsplit("/", 1)[-1].split(".")[0] for url in map_files()]
    assert sorted(names) == ["countries", "leaflet", "leaflet"]  # script, stylesheet; no cluster
    assert all(url.startswith(live_server.url) for url in fetched)


def boxes_meet(one: dict, other: dict) -> bool:
    return not (
        one["x"] + one["width"] <= other["x"]
        or other["x"] + other["width"] <= one["x"]
        or one["y"] + one["height"] <= other["y"]
        or other["y"] + other["height"] <= one["y"]
    )


def steady_box(page, locator) -> dict:
    """The box of ``locator`` once it has stopped moving (two reads 100 ms apart agree):
    Leaflet animates zooms, drags glide on, and an opening popup pans the map."""
    box = locator.bounding_box()
    for _ in range(50):
        page.wait_for_timeout(100)
        again = locator.bounding_box()
        if again == box:
            return box
        box = again
    raise AssertionError(f"{locator} still moving after 5 s")


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag_map(page, area: dict, by: tuple[float, float]) -> None:
    # From an empty spot near the map's foot, the end of the drag held still so that
    # Leaflet's inertia has little to carry on.
    start = (area["x"] + area["width"] / 2, area["y"] + area["height"] - 40)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + by[0], start[1] + by[1], steps=12)
    page.wait_for_timeout(150)
    page.mouse.up()


def test_on_a_phone_the_zoom_buttons_never_cover_a_popup(page, site_content):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_content.map.url)
    expect(page.locator("[data-geojson-url]")).not_to_have_attribute("aria-busy", "true")
    marker = page.locator(".map-marker")
    expect(marker).to_be_visible()
    page.locator("[data-signatory-map]").scroll_into_view_if_needed()
    area = steady_box(page, page.locator("[data-signatory-map]"))
    zoom = steady_box(page, page.locator(".leaflet-control-zoom"))

    # Drag the map until the marker sits right under the zoom buttons, where a popup opened
    # with Leaflet's defaults had its title behind them. Each drag is measured again once the
    # map has come to rest, and corrected: inertia makes a single drag land a little off.
    target = (zoom["x"] + zoom["width"] / 2, zoom["y"] + zoom["height"] + 30)
    for _ in range(4):
        here = centre(steady_box(page, marker))
        off = (target[0] - here[0], target[1] - here[1])
        if abs(off[0]) <= 12 and abs(off[1]) <= 12:
            break
        drag_map(page, area, off)
    here = centre(steady_box(page, marker))
    assert abs(here[0] - target[0]) <= 12 and abs(here[1] - target[1]) <= 12, (here, target)

    marker.click()
    title = page.locator(".leaflet-popup .map-popup-title")
    expect(title).to_contain_text("Strasbourg")
    steady_box(page, page.locator(".leaflet-popup"))  # the popup pans the map into view

    assert not boxes_meet(
        title.bounding_box(), page.locator(".leaflet-control-zoom").bounding_box()
    )
    popup = page.locator(".leaflet-popup").bounding_box()
    assert popup["x"] >= area["x"] and popup["x"] + popup["width"] <= area["x"] + area["width"]


def test_cluster_counts_sit_in_the_middle_of_their_circle(page, site_content):
    # Two signatories a street apart: one cluster at every zoom below the highest.
    for number, name in enumerate(("Kehl", "Schiltigheim", "Illkirch")):
        SignatoryPageFactory(
            parent=site_content.directory,
            title=name,
            slug=name.lower(),
            latitude=Decimal("48.5839") + number,
            longitude=Decimal("7.7455"),
        )
    page.goto(site_content.map.url)
    cluster = page.locator(".map-cluster").first
    expect(cluster).to_be_visible()

    offsets = cluster.evaluate(
        """(cluster) => {
            const circle = cluster.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(cluster.querySelector("[aria-hidden]"));
            const text = range.getBoundingClientRect();
            return [
                text.x + text.width / 2 - (circle.x + circle.width / 2),
                text.y + text.height / 2 - (circle.y + circle.height / 2),
            ];
        }"""
    )
    assert abs(offsets[0]) <= 1 and abs(offsets[1]) <= 2, offsets


def test_subscribe_and_confirm_from_the_mail(page, site_content, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    newsletter = site_content.home.add_child(
        instance=NewsletterPage(title="Newsletter", slug="newsletter")
    )
    mail.outbox = []

    page.goto(newsletter.url)
    page.get_by_role("textbox", name="E-mail address").fill("reader@example.org")
    page.get_by_role("checkbox", name=re.compile("privacy", re.IGNORECASE)).check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_test_id("newsletter-sent")).to_be_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert not NewsletterSubscriber.objects.get(email="reader@example.org").confirmed_at

    page.goto(link)
    expect(page.get_by_test_id("newsletter-confirmed")).to_be_visible()
    assert NewsletterSubscriber.objects.get(email="reader@example.org").confirmed_at
