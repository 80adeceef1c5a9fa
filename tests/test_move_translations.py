"""A page moved in the admin takes its translations along (helper E's check of issue 18).

Each locale has its own page tree: Wagtail's move view moved only the English initiative, so
that moving it under a signatory closed to the public left its French translation under the
old signatory, public: served, found by the site search, listed by the API and the sitemap.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from pact_pages.search.models import SearchEntry
from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db


def translated(page: Page, locale: Locale) -> Page:
    copy = page.specific.copy_for_translation(locale, copy_parents=True)
    for ancestor in copy.get_ancestors().filter(depth__gt=1, live=False):
        publish(ancestor.specific)
    return publish(copy)


def test_moved_initiative_takes_its_translation_under_the_closed_signatory(
    directory, signatory, initiative, fr_locale, django_capture_on_commit_callbacks
):
    closed = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    with django_capture_on_commit_callbacks(execute=True):
        french = translated(initiative, fr_locale)
        closed_french = translated(closed, fr_locale)
        PageViewRestriction.objects.create(page=closed, restriction_type="login")
    reader = Client()
    assert reader.get(french.url).status_code == 200
    assert SearchEntry.objects.filter(page_id=french.pk).exists()

    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "r@x.org", "pw"))
    url = reverse("wagtailadmin_pages:move_confirm", args=[initiative.pk, closed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(url).status_code == 302

    french.refresh_from_db()
    assert french.get_parent().pk == closed_french.pk
    assert not Page.objects.public().filter(pk=french.pk).exists()
    assert reader.get(french.url).status_code == 302  # to the sign-in
    assert not SearchEntry.objects.filter(page_id=french.pk).exists()
    listed = reader.get("/api/pact/v1/initiatives", {"locale": "fr"}).json()["results"]
    assert french.url not in str(listed)


def test_a_translation_left_behind_gets_the_closed_destination_s_restriction(
    directory, signatory, initiative, fr_locale, django_capture_on_commit_callbacks
):
    # The closed signatory has no French translation: the French initiative cannot follow.
    closed = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    with django_capture_on_commit_callbacks(execute=True):
        french = translated(initiative, fr_locale)
        PageViewRestriction.objects.create(page=closed, restriction_type="login")
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "r@x.org", "pw"))
    url = reverse("wagtailadmin_pages:move_confirm", args=[initiative.pk, closed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(url).status_code == 302

    french.refresh_from_db()
    assert french.get_parent().specific.translation_key == signatory.translation_key
    assert not Page.objects.public().filter(pk=french.pk).exists()
    assert Client().get(french.url).status_code == 302  # to the sign-in
    assert not SearchEntry.objects.filter(page_id=french.pk).exists()


def test_a_move_a_translation_cannot_follow_is_refused_before_anything_moves(
    directory, signatory, initiative, fr_locale, django_capture_on_commit_callbacks
):
    # The French Lyon already has a page with the French initiative's slug: Wagtail moved the
    # English page, then failed (500) on the French one, left public under Strasbourg.
    closed = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    with django_capture_on_commit_callbacks(execute=True):
        french = translated(initiative, fr_locale)
        translated(closed, fr_locale)
        other = translated(InitiativePageFactory(parent=closed, slug="other"), fr_locale)
        Page.objects.filter(pk=other.pk).update(slug=french.slug)
        PageViewRestriction.objects.create(page=closed, restriction_type="login")
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "r@x.org", "pw"))
    url = reverse("wagtailadmin_pages:move_confirm", args=[initiative.pk, closed.pk])

    response = admin.post(url)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:move", args=[initiative.pk])
    assert initiative.get_parent().pk == signatory.pk  # nothing moved
    assert Page.objects.get(pk=initiative.pk).get_parent().pk == signatory.pk
    assert Page.objects.get(pk=french.pk).get_parent().translation_key == signatory.translation_key
