"""Browser tests: Playwright for Python drives Debian's chromium against pytest-django's
live server.

Only the system's chromium is used (``apt-get install -y chromium``), never a browser that
Playwright downloads. Without it the tests are skipped, except on CI (``CI=true``) where a
missing browser fails them: CI must never pass by skipping them.

The live server reads the test database from another thread, so the tests use a
transactional database; ``serialized_rollback`` restores what the migrations created (the
home page, the four Ps, the locales) that the flush after each test removes. Each module
says so in its ``pytestmark``.
"""

import contextlib
import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from playwright.sync_api import Error as PlaywrightError
from wagtail.models import Locale

from home.models import HomePage
from pact_pages.models import JoinPage, MapPage
from tests.browser.helpers import settled
from tests.event_helpers import days_from_now, make_calendar, make_event
from tests.factories import (
    InitiativeLibraryPageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
)
from tests.test_i18n import translate

# Playwright's sync API keeps an asyncio loop on the main thread, which makes Django refuse
# ORM calls from test code ("SynchronousOnlyOperation"); the calls really are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A transparent 1×1 PNG answered for every request leaving the live server (map tiles):
# the tests run offline and an unreachable tile server is not the page's error.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        reason = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: browser tests may not be skipped on CI", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen while a test browsed."""

    messages: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.messages.append(f"console error at {message.location.get('url')}: {message.text}")

    def on_page_error(self, error) -> None:
        self.messages.append(f"uncaught exception: {error}")


@pytest.fixture
def tolerated_console() -> tuple[str, ...]:
    """Console messages a test module expects (override it there), e.g. a refused form's 400."""
    return ()


@pytest.fixture
def page(browser, live_server, tolerated_console) -> Iterator:
    """A fresh browser tab (own cookies) whose console must stay free of errors."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG),
    )
    tab = context.new_page()
    problems = PageProblems()
    tab.on("console", problems.on_console)
    tab.on("pageerror", problems.on_page_error)
    yield tab
    # A reload still under way (event-zone.js adds the reader's zone) would hold the live
    # server's database while the test's flush empties it: "database table is locked".
    with contextlib.suppress(AssertionError, PlaywrightError):
        settled(tab)
        tab.wait_for_load_state("networkidle", timeout=5_000)
    context.close()
    unexpected = [m for m in problems.messages if not any(t in m for t in tolerated_console)]
    assert not unexpected, "\n".join(unexpected)


def _no_capture(execute: bool = True):
    """Stands in for django_capture_on_commit_callbacks: in a transactional test the
    on-commit callbacks (wagtail-localize's publishing) already run at once."""
    return contextlib.nullcontext()


@dataclass
class SiteContent:
    """The pages a reader browses, in English and French."""

    home: HomePage
    directory: object
    library: object
    signatory: object
    initiative: object
    other_initiative: object
    french_initiative: object
    join: JoinPage
    map: MapPage


@pytest.fixture
def site_content(live_server) -> SiteContent:
    from tests.test_map import MapPageFactory

    fr_locale = Locale.objects.get_or_create(language_code="fr")[0]
    home = HomePage.objects.get(depth=2)
    directory = SignatoryIndexPageFactory(parent=home, show_in_menus=True)
    library = InitiativeLibraryPageFactory(parent=home, show_in_menus=True)
    signatory = SignatoryPageFactory(
        parent=directory, title="Strasbourg", official_name="Ville de Strasbourg"
    )
    initiative = InitiativePageFactory(
        parent=signatory,
        title="Safe sports clubs",
        pillars=("prevention", "participation"),
        tags=["sport"],
    )
    other = InitiativePageFactory(
        parent=signatory, title="Court hearings for children", pillars=("prosecution",)
    )
    join = home.add_child(instance=JoinPage(title="Join the Pact", slug="join"))
    map_page = MapPageFactory(parent=home, show_in_menus=True)
    for page in (home, directory, library, signatory, join, map_page, other):
        translate(page, fr_locale, {}, _no_capture)
    french = translate(
        initiative, fr_locale, {"Safe sports clubs": "Clubs sportifs sûrs"}, _no_capture
    )
    return SiteContent(
        home=home,
        directory=directory,
        library=library,
        signatory=signatory,
        initiative=initiative,
        other_initiative=other,
        french_initiative=french,
        join=join,
        map=map_page,
    )


@pytest.fixture
def calendar_events(live_server) -> dict:
    """A calendar; Strasbourg's training in ten days and its camp the month after, both in
    person; an online webinar with no place."""
    home = HomePage.objects.get(depth=2)
    directory = SignatoryIndexPageFactory(parent=home)
    strasbourg = SignatoryPageFactory(parent=directory, title="Strasbourg")
    calendar = make_calendar(home, show_in_menus=True)
    training = make_event(strasbourg, "Teacher training", days_from_now(10))
    webinar = make_event(
        calendar,
        "Webinar on courts",
        days_from_now(12),
        pillars=("prosecution",),
        attendance="online",
        address="",
        latitude=None,
        longitude=None,
    )
    # In the month after the training's: the month view's "Next month" shows it.
    first_of_next = (training.local_start.replace(day=1) + datetime.timedelta(days=32)).replace(
        day=15
    )
    camp = make_event(
        strasbourg,
        "Summer camp",
        first_of_next,
        pillars=("participation",),
        address="Lac de Gérardmer",
        latitude=Decimal("48.070000"),
        longitude=Decimal("6.870000"),
    )
    return {"calendar": calendar, "training": training, "webinar": webinar, "camp": camp}
