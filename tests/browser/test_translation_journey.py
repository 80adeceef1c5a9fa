"""The translator's day, in Debian chromium: the French translator finds the page to
translate in the work list, translates it in wagtail-localize's editor and submits it; the
reader of /fr/ still gets the English page with the note; the moderator reviews it beside
its original and sends it back with a comment; the translator sees the comment, submits
again; the moderator approves, and /fr/ shows the translation.

With ``PACT_SCREENSHOTS=<folder>`` each step is saved there (docs/translation.md shows them).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Locale

from home.models import HomePage
from pact_pages.models import LocaleTranslators
from pact_pages.moderation.workflow import setup_moderation
from tests.browser.conftest import _no_capture
from tests.browser.helpers import sign_in
from tests.browser.vendor_axe import AXE_JS
from tests.factories import SignatoryIndexPageFactory, SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "journey-pw-2026"
FRENCH_TITLE = "Lyon (métropole)"


@dataclass
class Journey:
    english_url: str
    french_url: str


@pytest.fixture
def journey(live_server) -> Journey:
    french = Locale.objects.get_or_create(language_code="fr")[0]
    home = HomePage.objects.get(depth=2)
    directory = SignatoryIndexPageFactory(parent=home, show_in_menus=True)
    for page in (home, directory):
        translate(page, french, {}, _no_capture)
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    moderators = setup_moderation().group
    users = get_user_model().objects
    translator = users.create_user("traductrice", "t@example.org", PASSWORD)
    translator.groups.add(LocaleTranslators.objects.get(locale=french).group)
    moderator = users.create_user("moderatrice", "m@example.org", PASSWORD)
    moderator.groups.add(moderators)
    return Journey(english_url=lyon.url, french_url="/fr/" + lyon.url[len("/en/") :])


# axe-core over one of our own parts of an admin page (Wagtail's own chrome is Wagtail's).
AXE_ON = """async (selector) => {
    const results = await axe.run(selector, {
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    });
    return results.violations
        .filter((violation) => ["serious", "critical"].includes(violation.impact))
        .map((violation) => violation.id + ": " + violation.nodes.map((n) => n.target).join(", "));
}"""


def accessible(page, selector: str) -> list[str]:
    return page.evaluate(AXE_ON, selector)


def shot(page, name: str) -> None:
    folder = os.environ.get("PACT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"translation-{name}.png"))


def new_tab(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    return context, tab


def test_translate_submit_review_request_changes_approve(browser, live_server, journey):
    translator_context, translator = new_tab(browser, live_server)
    moderator_context, moderator = new_tab(browser, live_server)
    reader_context, reader = new_tab(browser, live_server)

    # The translator starts from the work list.
    sign_in(translator, "traductrice", PASSWORD)
    expect(translator.get_by_text("Your translation work")).to_be_visible()
    translator.get_by_role("link", name="Translations", exact=True).click()
    expect(translator.get_by_role("heading", name="Translations into Français")).to_be_visible()
    shot(translator, "1-work-list")
    assert accessible(translator, "main") == []
    translator.get_by_role("link", name="Translate Lyon").click()
    expect(translator.get_by_role("checkbox", name="Français")).to_be_checked()
    translator.get_by_role("button", name="Submit").click()

    # wagtail-localize's editor: the title, translated; then to the moderators.
    translator.get_by_role("button", name="Translate", exact=True).first.click()
    translator.locator("main textarea").first.fill(FRENCH_TITLE)
    translator.get_by_role("button", name="Save", exact=True).first.click()
    expect(translator.get_by_text("Translated manually")).to_be_visible()
    shot(translator, "2-editor")
    translator.get_by_role("button", name="Submit the translation for moderation").click()
    expect(translator.get_by_text("The translation was submitted for moderation.")).to_be_visible()

    # Readers of /fr/ still get the English page, with the note.
    reader.goto(journey.french_url)
    expect(reader.locator("h1")).to_have_text("Lyon")
    expect(reader.locator(".fallback-note")).to_be_visible()
    shot(reader, "3-reader-before")

    # The moderator is told, reviews it beside the original, and asks for a change.
    sign_in(moderator, "moderatrice", PASSWORD)
    expect(moderator.get_by_text(FRENCH_TITLE).first).to_be_visible()
    moderator.get_by_role("link", name=FRENCH_TITLE).first.click()
    expect(moderator.get_by_role("heading", name="Review this translation")).to_be_visible()
    moderator.get_by_label("Comment (sent to the translator)").fill("Please keep « Lyon ».")
    shot(moderator, "4-review")
    assert accessible(moderator, "form[aria-labelledby=pact-review-heading]") == []
    moderator.get_by_role("button", name="Request changes").click()
    expect(moderator.get_by_role("heading", name="Review this translation")).to_have_count(0)

    translator.goto("/admin/pact/translations/?locale=fr&tab=progress")
    expect(translator.get_by_text("Changes requested")).to_be_visible()
    expect(translator.get_by_text("Please keep « Lyon ».")).to_be_visible()
    assert accessible(translator, "main") == []
    shot(translator, "5-changes-requested")
    translator.get_by_role("link", name=f"Continue translating {FRENCH_TITLE}").click()
    translator.get_by_role("button", name="Submit the translation for moderation").click()
    expect(translator.get_by_text("The translation was submitted for moderation.")).to_be_visible()

    # Approved: /fr/ shows the translation, in French, without the note.
    moderator.goto("/admin/")
    moderator.get_by_role("link", name=FRENCH_TITLE).first.click()
    moderator.get_by_role("button", name="Approve", exact=True).click()
    expect(moderator.get_by_role("heading", name="Review this translation")).to_have_count(0)
    reader_context.close()  # a new visit: not the copy the browser kept (Cache-Control)
    reader_context, reader = new_tab(browser, live_server)
    reader.goto(journey.french_url)
    expect(reader.locator("h1")).to_have_text(FRENCH_TITLE)
    expect(reader.locator(".fallback-note")).to_have_count(0)
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    shot(reader, "6-reader-after")
    for context in (translator_context, moderator_context, reader_context):
        context.close()
