"""axe-core over every public page type, in English and French: no serious or critical
violation of WCAG 2.1 AA (and axe's best practices) may be found."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from pact_pages.models import NewsletterPage
from tests.browser.helpers import settled
from tests.browser.vendor_axe import AXE_JS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING = {"serious", "critical"}

# What axe.run() returns, reduced to what a reader of a failure needs.
RUN_AXE = """async () => {
    const results = await axe.run(document, {
        runOnly: {
            type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => node.target.join(" ") + " — " + node.failureSummary),
    }));
}"""


@pytest.fixture
def axe_page(page):
    """The tab with axe-core loaded in every document. An init script, not a <script> tag:
    the Content-Security-Policy rightly refuses inline scripts without the page's nonce."""
    page.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    return page


def public_pages(site_content, language: str) -> dict[str, str]:
    """Every public page type, in the given language."""
    locale = Locale.objects.get(language_code=language)
    pages = {
        "home": site_content.home,
        "directory": site_content.directory,
        "signatory": site_content.signatory,
        "library": site_content.library,
        "initiative": site_content.initiative,
        "join": site_content.join,
        "map": site_content.map,
    }
    newsletter = NewsletterPage.objects.live().filter(locale__language_code="en").first()
    if newsletter is not None:
        pages["newsletter"] = newsletter
    with translation.override(language):
        urls = {name: page.get_translation(locale).url for name, page in pages.items()}
        urls["search"] = f"{reverse('pact_search')}?q=Strasbourg"
    return urls


@pytest.fixture
def for_children(site_content):
    """An initiative with a version for children (issue 19), in English and French."""
    from tests.browser.conftest import _no_capture
    from tests.factories import ImageFactory, InitiativePageFactory
    from tests.test_i18n import translate

    page = InitiativePageFactory(
        parent=site_content.signatory,
        title="Children's council",
        pillars=("participation",),
        children_summary="Children meet in a council. They tell the grown-ups what they need.",
        children_meaning="Your ideas count. You can say what makes you feel safe.",
        children_helpline="116 111",
        children_image=ImageFactory(title="Children in a circle"),
    )
    strings = {
        "Children's council": "Conseil des enfants",
        page.children_summary: "Les enfants se réunissent. Ils disent ce dont ils ont besoin.",
        page.children_meaning: "Tes idées comptent. Tu peux dire ce qui te rassure.",
    }
    translate(page, Locale.objects.get(language_code="fr"), strings, _no_capture)
    return page


@pytest.fixture
def follow_up_and_events(site_content) -> dict[str, str]:
    """The pages of issues 20 and 21, in English: a round, an action plan, a progress report,
    the follow-up section, a calendar and an event (the profile then shows its plan, its
    reports and its events)."""
    from tests.event_helpers import days_from_now, make_calendar, make_event
    from tests.progress_helpers import (
        action_plan,
        actions_of,
        follow_up_section,
        progress_report,
        reporting_round,
    )

    section = follow_up_section(site_content.home)
    round_page = reporting_round(section, 2024, closed=True)
    plan = action_plan(
        site_content.signatory, ("prevention", "Train teachers", "Teachers trained", 200)
    )
    (action,) = actions_of(plan)
    report = progress_report(site_content.signatory, round_page, (action, "in_progress", 40, 80))
    calendar = make_calendar(site_content.home)
    event = make_event(site_content.signatory, "Teacher training", days_from_now(10))
    pages = {
        "follow-up": section,
        "round": round_page,
        "action plan": plan,
        "progress report": report,
        "calendar": calendar,
        "event": event,
    }
    with translation.override("en"):
        urls = {name: page.url for name, page in pages.items()}
    urls["calendar, month view"] = f"{urls['calendar']}?view=month"
    return urls


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_serious_or_critical_violation(
    axe_page, site_content, for_children, follow_up_and_events, language
):
    report = []
    pages = public_pages(site_content, language)
    with translation.override(language):
        translated = for_children.get_translation(Locale.objects.get(language_code=language))
        pages["initiative with a version for children"] = translated.url
        pages["version for children"] = f"{translated.url}?version=children"
    if language == "en":
        pages.update(follow_up_and_events)
    for name, url in pages.items():
        response = axe_page.goto(url)
        assert response.ok, f"{name}: {url} answered {response.status}"
        settled(axe_page)  # an event's times reload the page with the zone: axe the second
        assert axe_page.locator("html").get_attribute("lang") == language, url
        for violation in axe_page.evaluate(RUN_AXE):
            if violation["impact"] in BLOCKING:
                report.append({"page": f"{name} ({url})", **violation})
    assert not report, json.dumps(report, indent=2, ensure_ascii=False)
