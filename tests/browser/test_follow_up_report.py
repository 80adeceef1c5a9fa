"""A signatory reports on its plan, in Debian chromium (issue 20): its editor opens a new
progress report (the plan's actions are listed), saves a draft, completes it and submits it
to moderation; the profile shows nothing yet; the Congress moderator approves it; the
profile shows each action's status, the report in its timeline and "Reported in Round 2026".

With ``PACT_SCREENSHOTS=<folder>`` each step is saved there (docs/follow-up.md shows them).
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import HomePage
from pact_pages.models import ProgressReportPage
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests.browser.helpers import sign_in
from tests.factories import SignatoryIndexPageFactory, SignatoryPageFactory
from tests.progress_helpers import action_plan, follow_up_section, reporting_round

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "report-pw-2026"


@pytest.fixture
def world(live_server):
    home = HomePage.objects.get(depth=2)
    directory = SignatoryIndexPageFactory(parent=home, show_in_menus=True)
    signatory = SignatoryPageFactory(parent=directory, title="Strasbourg", slug="strasbourg")
    action_plan(
        signatory,
        ("prevention", "Train every sports coach", "coaches trained", 400),
        ("participation", "A children's council", "", None),
    )
    today = datetime.date.today()
    round_page = reporting_round(
        follow_up_section(home), 2026, deadline=today + datetime.timedelta(days=20)
    )
    moderators = setup_moderation().group
    users = get_user_model().objects
    editor = users.create_user("editrice", "e@example.org", PASSWORD)
    access.grant(editor, signatory)
    moderator = users.create_user("moderatrice", "m@example.org", PASSWORD)
    moderator.groups.add(moderators)
    return signatory, round_page


def shot(page, name: str) -> None:
    folder = os.environ.get("PACT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"follow-up-{name}.png"), full_page=True)


def new_tab(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_fill_save_draft_submit_approve_then_public(browser, live_server, world):
    signatory, round_page = world
    editor_context, editor = new_tab(browser, live_server)
    moderator_context, moderator = new_tab(browser, live_server)
    reader_context, reader = new_tab(browser, live_server)

    # The editor starts a report: the plan's actions are already listed.
    sign_in(editor, "editrice", PASSWORD)
    editor.goto(f"/admin/pages/add/pact_pages/progressreportpage/{signatory.pk}/")
    editor.fill("#id_title", "Strasbourg: Round 2026")
    # The round's choice states its deadline (pact_pages.follow_up.report_form.round_label).
    choice = editor.locator("#id_round option", has_text="Round 2026 (deadline ")
    editor.select_option("#id_round", value=choice.get_attribute("value"))
    editor.fill("#id_summary", "Coaches trained in every club.")
    editor.select_option("#id_entries-0-status", "in_progress")
    editor.fill("#id_entries-0-progress", "40")
    editor.fill("#id_entries-0-indicator_value", "150")
    shot(editor, "1-editor-fills")
    editor.get_by_role("button", name="Save draft").click()
    # Wagtail's message after the redirect names the page (its status panel already said
    # "To be created", and autosave may have created the page before the click).
    expect(editor.locator(".messages .success")).to_contain_text("Strasbourg: Round 2026")

    # Nothing typed is lost: the draft comes back; the editor completes it and submits it.
    expect(editor.locator("#id_entries-0-indicator_value")).to_have_value("150")
    editor.fill("#id_entries-0-progress", "60")
    editor.fill("#id_entries-0-indicator_value", "210")
    editor.select_option("#id_entries-1-status", "done")
    editor.fill("#id_entries-1-progress", "100")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Pact moderation").click()
    expect(editor.get_by_text("has been submitted for moderation").first).to_be_visible()
    shot(editor, "2-submitted")
    report = ProgressReportPage.objects.get()
    assert not report.live
    # The editor is done: the open editor's pings (Wagtail's editing sessions) would meet
    # the moderator's approval in the live server's in-memory SQLite ("table is locked").
    editor_context.close()

    reader.goto(signatory.url)
    expect(reader.get_by_text("Reported in Round 2026")).to_have_count(0)

    # The moderator approves it from the page's editor.
    sign_in(moderator, "moderatrice", PASSWORD)
    moderator.goto(f"/admin/pages/{report.pk}/edit/")
    shot(moderator, "3-moderator-reviews")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    # Back to the signatory's pages in the explorer, the report published.
    moderator.wait_for_url(re.compile(rf"/admin/pages/{signatory.pk}/$"), timeout=60_000)
    report.refresh_from_db()
    assert report.live

    # Public on the profile: the statuses of the approved report, and its mark.
    reader_context.close()
    reader_context, reader = new_tab(browser, live_server)
    reader.goto(signatory.url)
    expect(reader.get_by_text("Reported in Round 2026", exact=True)).to_be_visible()
    plan = reader.locator(".follow-up")
    expect(plan.get_by_text("In progress")).to_be_visible()
    expect(plan.get_by_text("Done", exact=True)).to_be_visible()
    expect(plan.get_by_text("210")).to_be_visible()
    shot(reader, "4-profile")
    reader.goto(round_page.url)
    expect(reader.get_by_role("heading", name="1 signatory reported")).to_be_visible()
    shot(reader, "5-round")

    # The staff's dashboard of the round: submitted 1, nobody overdue yet.
    moderator.goto(f"/admin/pact/follow-up/{round_page.pk}/")
    expect(moderator.locator('#follow-up-totals td[data-state="submitted"]')).to_have_text("1")
    shot(moderator, "6-dashboard")
    for context in (moderator_context, reader_context):
        context.close()
