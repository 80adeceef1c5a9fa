"""Where each kind of page may be created: the admin must not offer a wrong place."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailTestUtils

from home.models import HomePage, StandardPage
from pact_pages.models import (
    CalendarPage,
    EventPage,
    InitiativeLibraryPage,
    InitiativePage,
    SignatoryIndexPage,
    SignatoryPage,
)

pytestmark = pytest.mark.django_db

DENIED = "Sorry, you do not have permission to access this area."


def test_signatory_pages_belong_only_in_the_directory():
    assert SignatoryPage.allowed_parent_page_models() == [SignatoryIndexPage]
    for model in get_page_models():
        allowed = SignatoryPage in model.allowed_subpage_models()
        assert allowed == (model is SignatoryIndexPage), model


def test_initiatives_belong_only_under_a_signatory():
    assert InitiativePage.allowed_parent_page_models() == [SignatoryPage]
    for model in get_page_models():
        allowed = InitiativePage in model.allowed_subpage_models()
        assert allowed == (model is SignatoryPage), model


def test_signatory_page_can_be_created_in_the_directory_only(
    home_page, directory, library, signatory, initiative
):
    assert SignatoryPage.can_create_at(directory)
    assert SignatoryPage.can_exist_under(directory)
    for parent in (home_page, library, signatory, initiative):
        assert not SignatoryPage.can_create_at(parent), parent
        assert not SignatoryPage.can_exist_under(parent), parent


def test_initiative_can_be_created_under_a_signatory_only(
    home_page, directory, library, signatory, initiative
):
    assert InitiativePage.can_create_at(signatory)
    assert InitiativePage.can_exist_under(signatory)
    for parent in (home_page, directory, library, initiative):
        assert not InitiativePage.can_create_at(parent), parent
        assert not InitiativePage.can_exist_under(parent), parent


def test_allowed_subpage_types_of_each_section(home_page, directory, library, initiative):
    assert directory.specific.allowed_subpage_models() == [SignatoryPage]
    # Initiatives first (the "Add child page" list), then the other kinds (events…).
    signatory_children = SignatoryPage.allowed_subpage_models()
    assert signatory_children[0] is InitiativePage
    assert EventPage in signatory_children
    assert initiative.allowed_subpage_models() == []
    assert library.allowed_subpage_models() == []
    home_children = set(home_page.allowed_subpage_models())
    assert {StandardPage, SignatoryIndexPage, InitiativeLibraryPage} <= home_children
    assert not home_children & {SignatoryPage, InitiativePage}


def test_events_only_under_a_signatory_or_the_calendar(home_page, directory, signatory):
    assert set(EventPage.allowed_parent_page_models()) == {SignatoryPage, CalendarPage}
    assert CalendarPage.allowed_subpage_models() == [EventPage]
    assert CalendarPage in home_page.allowed_subpage_models()
    assert EventPage.can_create_at(signatory)
    for parent in (home_page, directory):
        assert not EventPage.can_create_at(parent), parent


def test_home_page_only_under_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_one_directory_and_one_library_per_home_page(home_page, directory, library):
    assert not SignatoryIndexPage.can_create_at(home_page)
    assert not InitiativeLibraryPage.can_create_at(home_page)


class TestAdminRefusesWrongPlaces(WagtailTestUtils):
    """What a logged-in superuser sees in Wagtail's admin (Wagtail 8 redirects to the
    dashboard with an error message when a page cannot be created at a place)."""

    def test_initiative_offers_no_page_type_to_add(self, admin_client, initiative):
        response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[initiative.pk]))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert DENIED in [str(m).strip() for m in get_messages(response.wsgi_request)]

    def test_signatory_cannot_be_created_under_an_initiative(self, admin_client, initiative):
        url = reverse("wagtailadmin_pages:add", args=["pact_pages", "signatorypage", initiative.pk])

        response = admin_client.get(url)

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert DENIED in [str(m).strip() for m in get_messages(response.wsgi_request)]
        assert not SignatoryPage.objects.descendant_of(initiative).exists()

    def test_signatory_cannot_be_posted_under_the_home_page(self, admin_client, home_page):
        url = reverse("wagtailadmin_pages:add", args=["pact_pages", "signatorypage", home_page.pk])

        response = admin_client.post(url, {"title": "Lyon", "slug": "lyon"})

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert not SignatoryPage.objects.filter(slug="lyon").exists()

    def test_directory_offers_signatory_pages_straight_away(self, admin_client, directory):
        response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[directory.pk]))

        # A single allowed type: Wagtail skips the chooser and opens its create form.
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "wagtailadmin_pages:add", args=["pact_pages", "signatorypage", directory.pk]
        )

    def test_home_page_offers_the_site_sections(self, admin_client, home_page):
        response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[home_page.pk]))

        assert response.status_code == 200
        links = {a["href"] for a in self.get_soup(response.content).select("ul.listing a")}
        add = "wagtailadmin_pages:add"
        assert reverse(add, args=["home", "standardpage", home_page.pk]) in links
        assert reverse(add, args=["pact_pages", "signatoryindexpage", home_page.pk]) in links
        assert reverse(add, args=["pact_pages", "signatorypage", home_page.pk]) not in links
        assert reverse(add, args=["pact_pages", "initiativepage", home_page.pk]) not in links
