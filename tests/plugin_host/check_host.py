"""What a site builder does after following docs/plugin.md, run inside the host project.

tests/test_plugin_install.py runs this file with the host's own Python (its virtualenv, where
only the wheel of pact_pages is installed), in the host's folder, after `migrate`:

    DJANGO_SETTINGS_MODULE=mysite.settings.dev python check_host.py

Everything goes through the admin with Django's test client, as a browser would post it: a
superuser creates the directory and the signatories, a user given the signatory with
`manage.py signatory_access` writes an initiative, the superuser approves it. Then the public
pages, the API, the editor's boundaries and the host's own pages are checked. Each check is
reported on its own line (``ok`` or ``FAIL`` with the reason); the exit status is 1 if any
failed, so one run shows every problem, not only the first.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

import django

sys.path.insert(0, os.getcwd())  # the host project's packages
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import Resolver404, resolve, reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from host_admin import (  # noqa: E402  (beside this script)
    add_url,
    body_text,
    create_page,
    edit_url,
    expect_status,
    page_form,
    refused,
    stylesheets,
)
from wagtail.models import Locale, Page  # noqa: E402

from pact_pages.models import (  # noqa: E402
    InitiativePage,
    Pillar,
    SignatoryIndexPage,
    SignatoryPage,
)

# As in Django's tests: responses carry their context (the forms' errors), mails (moderation
# notices) are kept in memory, not printed into the test's output.
setup_test_environment()

FAILURES: list[str] = []


class Stop(Exception):
    """A step that later steps need has failed: the run ends there."""


def check(name: str, step: Callable[[], Any], *, needed: bool = False) -> Any:
    """Runs one check; records and prints its failure. ``needed``: stop the run if it fails."""
    try:
        result = step()
    except Exception as error:  # noqa: BLE001  (every failure is reported, none hidden)
        detail = (
            str(error)
            if isinstance(error, AssertionError)
            else "".join(traceback.format_exception(error)).rstrip()
        )
        FAILURES.append(name)
        print(f"FAIL {name}\n     {detail}", flush=True)
        if needed:
            raise Stop(name) from error
        return None
    print(f"ok   {name}", flush=True)
    return result


def main() -> int:
    User = get_user_model()
    admin = User.objects.create_superuser("site-admin", "admin@example.org", "Admin-pass-2026")
    staff = Client()
    staff.force_login(admin)
    home = Page.objects.get(depth=2).specific
    ghent_title, other_title = "Ghent", "Leuven"
    initiative_title = "Safe sport clubs in Ghent"

    def host_stylesheets() -> set[str]:
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        base = getattr(settings, "PACT_BASE_TEMPLATE", "base.html")
        found = stylesheets(render_to_string(base, request=request))
        assert found, f"the host's {base} links no stylesheet"
        return found

    # What the host's base template links: a page that extends it links it too.
    host_styles = check("the host's base template renders", host_stylesheets, needed=True)

    def admin_pages_answer() -> None:
        for url in ("/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/"):
            expect_status(staff.get(url), 200, f"GET {url} as superuser")

    check("the admin's dashboard and page explorer answer 200", admin_pages_answer)

    def one_default_locale() -> None:
        codes = sorted(Locale.objects.values_list("language_code", flat=True))
        default = Locale.get_default().language_code
        assert default == "en", f"default locale {default!r}, expected 'en'"
        assert "en-us" not in codes, f"locales {codes}: an en-us locale beside en"
        pillar_locales = set(Pillar.objects.values_list("locale__language_code", flat=True))
        assert pillar_locales == {"en"}, f"the four Ps are in the locales {pillar_locales}"

    check("one default locale 'en' (LANGUAGE_CODE 'en-us'), the four Ps in it", one_default_locale)

    def interface_translated() -> None:
        with translation.override("fr"):
            name = str(SignatoryIndexPage._meta.verbose_name)
        assert name == "répertoire des signataires", f"in French: {name!r} (no compiled .mo?)"

    check("the plugin's interface is translated (its .mo are installed)", interface_translated)

    directory = check(
        "the superuser creates a signatory directory under the home page",
        lambda: create_page(
            staff,
            SignatoryIndexPage,
            home,
            {"title": "Signatories", "slug": "signatories"},
            "action-publish",
        ),
        needed=True,
    )
    signatory_fields = {
        "official_name": "City of Ghent",
        "signatory_type": "town",
        "country": "BE",
        "signed_on": "2024-11-18",
        "latitude": "51.054300",
        "longitude": "3.717400",
        "introduction": "Ghent signed the Pact in 2024.",
    }
    ghent = check(
        "the superuser creates and publishes a signatory",
        lambda: create_page(
            staff,
            SignatoryPage,
            directory,
            signatory_fields | {"title": ghent_title, "slug": "ghent"},
            "action-publish",
        ),
        needed=True,
    )
    other = check(
        "the superuser creates and publishes a second signatory",
        lambda: create_page(
            staff,
            SignatoryPage,
            directory,
            signatory_fields
            | {"title": other_title, "slug": "leuven", "official_name": "City of Leuven"},
            "action-publish",
        ),
        needed=True,
    )

    editor = User.objects.create_user("julie", "julie@example.org", "Julie-pass-2026")
    check(
        "manage.py signatory_access grant julie ghent",
        lambda: call_command("signatory_access", "grant", "julie", "ghent"),
        needed=True,
    )
    writer = Client()
    writer.force_login(editor)

    def editor_sees_admin() -> None:
        for url in ("/admin/", edit_url(ghent)):
            expect_status(writer.get(url), 200, f"GET {url} as the signatory's editor")

    check("the editor reaches the dashboard and its signatory's edit form", editor_sees_admin)

    def editor_writes_initiative() -> InitiativePage:
        # The Ps the form offers are those of the page's locale.
        prevention = Pillar.objects.filter(slug="prevention", locale=ghent.locale).first()
        assert prevention is not None, f"no P 'prevention' in the locale {ghent.locale}"
        fields = {
            "title": initiative_title,
            "slug": "safe-sport-clubs",
            "summary": "Coaches of every sports club learn to spot and report abuse.",
            "status": "ongoing",
            "start_date": "2025-01-06",
            "tags": "sport",
            "pillar_links-TOTAL_FORMS": "1",
            "pillar_links-0-pillar": str(prevention.pk),
            "pillar_links-0-ORDER": "1",
        }
        page = create_page(writer, InitiativePage, ghent, fields, "action-submit")
        assert page.owner_id == editor.pk, "the initiative is not the editor's"
        assert [link.pillar_id for link in page.pillar_links.all()] == [prevention.pk]
        return page

    initiative = check(
        "the editor writes an initiative with a P and submits it", editor_writes_initiative
    )
    if initiative is None:
        raise Stop("no initiative")

    def in_moderation() -> None:
        state = initiative.current_workflow_state
        assert state is not None, "the submitted initiative is in no workflow"
        name = state.workflow.name
        assert name == "Pact moderation", f"the initiative is in the workflow {name!r}"

    check("the initiative awaits the Pact moderation (no command run)", in_moderation)

    def moderator_publishes() -> None:
        state = initiative.current_workflow_state
        if state is not None:  # approved as a moderator does, from the workflow's action
            task_state = state.current_task_state
            url = reverse(
                "wagtailadmin_pages:workflow_action",
                args=[initiative.pk, "approve", task_state.pk],
            )
            response = staff.post(url, {"comment": ""})
        else:
            url = edit_url(initiative)
            response = staff.post(
                url, page_form(staff, url, InitiativePage) | {"action-publish": "publish"}
            )
        assert response.status_code in (200, 302), f"POST {url}: {response.status_code}"
        initiative.refresh_from_db()
        assert initiative.live, f"the initiative is not live after POST {url}"

    check("the superuser approves the initiative: it is live", moderator_publishes, needed=True)

    public = {
        "directory": (directory, ghent_title),
        "signatory": (ghent, ghent_title),
        "initiative": (initiative, initiative_title),
    }
    for name, (page, text) in public.items():

        def public_page(page=page, text=text) -> None:
            page.refresh_from_db()
            url = page.get_url()
            response = Client().get(url)
            expect_status(response, 200, f"GET {url}")
            html = body_text(response)
            assert text in html, f"{url} does not show {text!r}"
            missing = host_styles - stylesheets(html)
            assert not missing, f"{url} lacks the host's {missing}: it does not extend base.html"

        check(f"the {name}'s public page answers 200 with its text", public_page)

    def stylesheet_linked() -> None:
        html = body_text(Client().get(directory.get_url()))
        assert "pact_pages/css/pact.css" in html, "no link to pact_pages/css/pact.css"

    check("the directory links the plugin's stylesheet (block extra_css)", stylesheet_linked)

    def map_assets_linked() -> None:
        html = body_text(Client().get(ghent.get_url())).lower()
        assert "leaflet" in html, "the signatory's page (it has a place) has no map assets"

    check("the signatory's map is in the page (blocks extra_css, extra_js)", map_assets_linked)

    for endpoint, text in (("signatories", ghent_title), ("initiatives", initiative_title)):

        def api_lists(endpoint=endpoint, text=text) -> None:
            url = f"/api/pact/v1/{endpoint}"
            response = Client().get(url)
            expect_status(response, 200, f"GET {url}")
            assert text in body_text(response), f"{url} does not list {text!r}"

        check(f"the API lists the {endpoint}", api_lists)

    def feed_lists() -> None:
        url = "/feeds/initiatives.rss"
        response = Client().get(url)
        expect_status(response, 200, f"GET {url}")
        assert initiative_title in body_text(response), f"{url} does not list the initiative"

    check("the initiatives' feed lists the initiative", feed_lists)

    def host_addresses_kept() -> None:
        search = resolve("/search/")
        module = search.func.__module__
        assert not module.startswith("pact_pages"), f"/search/ is the plugin's ({module})"
        for url in ("/sitemap.xml", "/robots.txt", "/favicon.ico"):
            try:
                module = resolve(url).func.__module__
            except Resolver404:
                continue  # free for the host
            assert not module.startswith("pact_pages"), f"{url} is the plugin's ({module})"

    check("the host's /search/, sitemap, robots.txt and favicon stay its own", host_addresses_kept)

    def editor_refused(page: Page, what: str) -> None:
        title = page.title
        url = edit_url(page)
        response = writer.get(url)
        assert refused(response), f"GET {url} ({what}) as the editor: {response.status_code}"
        data = page_form(staff, url, type(page.specific)) | {"title": "Taken over"}
        response = writer.post(url, data | {"action-publish": "publish"})
        assert refused(response), f"POST {url} ({what}) as the editor: {response.status_code}"
        page.refresh_from_db()
        latest = page.get_latest_revision_as_object()
        assert page.title == latest.title == title, f"the editor changed {what}'s title"

    check(
        "the editor cannot edit another signatory",
        lambda: editor_refused(other, "the other signatory"),
    )
    check(
        "the editor cannot edit the host's home page",
        lambda: editor_refused(home, "the home page"),
    )

    def editor_cannot_add_signatory() -> None:
        url = add_url(SignatoryPage, directory)
        response = writer.get(url)
        assert refused(response), f"GET {url} as the editor: {response.status_code}"

    check("the editor cannot create a signatory", editor_cannot_add_signatory)

    def host_page_publishes() -> None:
        url = edit_url(home)
        data = page_form(staff, url, type(home)) | {
            "title": "Welcome to the host",
            "action-publish": "publish",
        }
        response = staff.post(url, data)
        expect_status(response, 302, f"POST {url} (publish the host's home page)")
        home.refresh_from_db()
        assert home.title == "Welcome to the host" and home.live, "not published"
        assert not home.has_unpublished_changes, "the home page has unpublished changes"
        new = create_page(
            staff,
            type(home),
            home,
            {"title": "About the host", "slug": "about-the-host"},
            "action-publish",
        )
        assert new.live, "the host's new page is not live"
        expect_status(Client().get(new.get_url()), 200, f"GET {new.get_url()}")

    check("the host's own pages save and publish through the admin", host_page_publishes)

    def admin_lists_plugin_pages() -> None:
        for url in (f"/admin/pages/{directory.pk}/", f"/admin/pages/{ghent.pk}/"):
            expect_status(staff.get(url), 200, f"GET {url} as superuser")

    check("the page explorer lists the plugin's pages", admin_lists_plugin_pages)

    def host_workflow_kept() -> None:
        call_command("setup_groups")  # optional for a host; it must not take the host's pages
        for page in (home, Page.objects.get(depth=1)):
            workflow = page.get_workflow()
            name = workflow.name if workflow else None
            assert name == "Moderators approval", f"{page.title!r} has the workflow {name!r}"

    check("the host's pages keep Wagtail's workflow, also after setup_groups", host_workflow_kept)
    # The plugin's pages stay for the removal: `migrate pact_pages zero` takes them out.
    return 1 if FAILURES else 0


if __name__ == "__main__":
    try:
        status = main()
    except Stop as stop:
        print(f"stopped: a step the others need failed ({stop})", flush=True)
        status = 1
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed: " + "; ".join(FAILURES), flush=True)
    sys.exit(status)
