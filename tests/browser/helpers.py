"""Waits shared by the browser tests: signing in to Wagtail's admin, and a page that reloads
itself with the reader's time zone."""

import re

from playwright.sync_api import expect


def sign_in(page, username: str, password: str) -> None:
    """Sign in and wait until the admin's dashboard has replaced the login page: the login
    page has a heading of its own, so a heading alone would not prove the session exists,
    and a ``goto`` right after the click would cut the login off."""
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def settled(page) -> None:
    """Wait for event-zone.js to put the reader's zone into the address. It reloads the page
    (location.replace) when the page shows event times: a box ticked or "Back" pressed
    before that lands is lost. The month grid shows none and stays as it is; the home page's
    cards state each event's own zone and carry no zone form, so no script reloads them."""
    page.wait_for_load_state()
    if page.locator("[data-event-times]").count() and page.locator("#zone-input").count():
        expect(page).to_have_url(re.compile(r"[?&]tz="))
        page.wait_for_load_state()
