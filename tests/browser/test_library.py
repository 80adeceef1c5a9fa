"""The initiative library's filters in a real browser: the URL carries them, Back restores."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_filtering_by_a_p_changes_the_list_and_the_url(page, site_content):
    page.goto(site_content.library.url)
    cards = page.locator(".card-title")
    expect(cards).to_have_count(2)

    page.get_by_role("checkbox", name="Prosecution").check()
    page.get_by_role("button", name="Filter").click()

    expect(cards).to_have_count(1)
    expect(cards).to_have_text(["Court hearings for children"])
    assert "pillar=prosecution" in page.url
    expect(page.get_by_role("checkbox", name="Prosecution")).to_be_checked()

    page.go_back()
    expect(cards).to_have_count(2)
    assert "pillar=" not in page.url
    expect(page.get_by_role("checkbox", name="Prosecution")).not_to_be_checked()


def test_a_shared_filter_url_opens_the_filtered_list(page, site_content):
    page.goto(f"{site_content.library.url}?pillar=participation&pillar=prevention")
    expect(page.locator(".card-title")).to_have_text(["Safe sports clubs"])
    expect(page.get_by_role("checkbox", name="Participation")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Prevention")).to_be_checked()
