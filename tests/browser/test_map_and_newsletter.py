"""A reader on the map (open a marker, follow its link) and subscribing to the newsletter
(confirm through the link in the mail)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from pact_pages.models import NewsletterPage, NewsletterSubscriber

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
    expect(page.locator("main")).to_contain_text(re.compile("confirm", re.IGNORECASE))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert not NewsletterSubscriber.objects.get(email="reader@example.org").confirmed_at

    page.goto(link)
    expect(page.locator("main")).to_be_visible()
    page_text = page.locator("main").inner_text()
    subscriber = NewsletterSubscriber.objects.get(email="reader@example.org")
    if not subscriber.confirmed_at:  # a confirmation button (no state change on GET)
        page.locator("main").get_by_role("button").first.click()
        subscriber.refresh_from_db()
    assert subscriber.confirmed_at, page_text
