"""The public route in two queries (pact_pages.public.routing) serves what Wagtail's walk
would: the same page, the same 404s, the view restrictions of every ancestor and alias."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from pact_pages.public.routing import MAX_LEVELS, PICTURE_FIELDS, fast_route
from pact_pages.templatetags.pact_meta import IMAGE_FIELDS

pytestmark = pytest.mark.django_db


def restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="not-for-readers"
    )


def components(page) -> list[str]:
    return [part for part in page.url.split("/") if part][1:]  # after the language prefix


def test_the_same_page_as_wagtail(home_page, initiative, django_assert_num_queries):
    parts = components(initiative)
    with django_assert_num_queries(2):
        route = fast_route(home_page.specific, parts)
    expected = home_page.specific.route(RequestFactory().get("/"), parts)

    assert route.page == expected.page and type(route.page) is type(expected.page)
    assert route.page.get_parent().pk == initiative.get_parent().pk
    assert not route.page.get_view_restrictions().exists()


def test_what_is_not_there_is_left_to_wagtail(home_page, initiative):
    parts = components(initiative)

    assert fast_route(home_page.specific, [*parts[:-1], "no-such-page"]) is None
    assert fast_route(home_page.specific, [*parts, "below"]) is None
    initiative.unpublish()
    assert fast_route(home_page.specific, parts) is None


def test_an_ancestors_restriction_still_applies(client, signatory, initiative):
    restrict(signatory)

    route = fast_route(signatory.get_parent().get_parent().specific, components(initiative))

    assert route.page.get_view_restrictions().exists()
    response = client.get(initiative.url)
    assert response.status_code == 200 and initiative.title not in response.content.decode()
    assert "password" in response.content.decode().lower()


def test_an_alias_reads_its_sources_restrictions(home_page, directory, signatory):
    alias = signatory.create_alias(parent=directory, update_slug="alias-of-signatory")
    restrict(signatory)

    route = fast_route(home_page.specific, components(alias))

    assert route is None or route.page.get_view_restrictions().exists()


def test_the_home_page(home_page, directory):
    route = fast_route(home_page.specific, [])

    assert route.page.pk == home_page.pk and not route.page.get_view_restrictions().exists()
    restrict(home_page)
    assert fast_route(home_page.specific, []).page.get_view_restrictions().exists()
    assert fast_route(home_page.specific, components(directory)).page.get_view_restrictions()


def test_the_picture_comes_with_the_page():
    assert {name for name, _spec in IMAGE_FIELDS} == set(PICTURE_FIELDS)


def test_a_long_address_is_left_to_wagtail(client, home_page, django_assert_max_num_queries):
    # One join a level: 64 levels failed on SQLite (500), 600 took over a minute on PostgreSQL.
    assert fast_route(home_page.specific, ["a"] * (MAX_LEVELS + 1)) is None
    with django_assert_max_num_queries(30):
        assert client.get("/en/" + "a/" * 600).status_code == 404
