"""The facet endpoints (pillars, countries, tags, stats) read the API's read index and the
figures stored with it: same answers as a count over the pages, in English and for a French
reader (translations and untranslated fallbacks), drafts, private and unpublished excluded."""

import pytest
from wagtail.models import PageViewRestriction

from pact_pages.api import index
from pact_pages.initiatives.models import InitiativePage
from pact_pages.initiatives.queries import live_initiatives
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.signatories.queries import live_signatories
from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish

API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


@pytest.fixture
def site(directory, signatory, initiative, fr_locale):
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
    InitiativePageFactory(parent=lyon, title="Street games", pillars=("protection",), tags=["play"])
    draft = InitiativePageFactory(parent=lyon, title="Draft", tags=["play"])
    draft.unpublish()
    hidden = SignatoryPageFactory(parent=directory, title="Hidden", country="DE")
    InitiativePageFactory(parent=hidden, title="Hidden work", tags=["secret"])
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    gone = SignatoryPageFactory(parent=directory, title="Gone", country="IT")
    InitiativePageFactory(parent=gone, title="Gone work", tags=["gone"])
    gone.unpublish()
    french = signatory.copy_for_translation(fr_locale, copy_parents=True)
    publish(french)
    translated = initiative.copy_for_translation(fr_locale)
    publish(translated)


def _get(client, path: str, locale: str):
    response = client.get(f"{API}/{path}", {"locale": locale})
    assert response.status_code == 200, response.content
    return response.json()


def _brute(locale: str) -> dict:
    """The facets counted page by page, as a reader of ``locale`` sees the lists."""
    shown = [p for p in live_initiatives() if p.locale.language_code == locale] or []
    keys = {p.translation_key for p in shown}
    source = [p for p in live_initiatives() if p.locale.language_code == "en"]
    listed = shown + [p for p in source if p.translation_key not in keys]
    listed = [InitiativePage.objects.get(pk=p.pk) for p in listed]
    pillars = {
        s: sum(s in {link.pillar.slug for link in p.pillar_links.all()} for p in listed)
        for s in PILLAR_SLUGS
    }
    tags: dict = {}
    countries: dict = {}
    for page in listed:
        for tag in page.tags.all():
            tags[tag.slug] = tags.get(tag.slug, 0) + 1
        country = page.get_parent().specific.country
        countries[country] = countries.get(country, 0) + 1
    keys_all = {p.translation_key for p in live_initiatives()}
    return {"pillars": pillars, "tags": tags, "countries": countries, "total": len(keys_all)}


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_facets_equal_a_count_over_pages(client, site, locale):
    expected = _brute(locale)
    pillars = {p["slug"]: p["initiative_count"] for p in _get(client, "pillars", locale)}
    assert pillars == expected["pillars"]
    tags = {t["slug"]: t["initiative_count"] for t in _get(client, "tags", locale)}
    assert tags == expected["tags"] and "secret" not in tags and "gone" not in tags
    countries = {c["code"]: c["initiative_count"] for c in _get(client, "countries", locale)}
    assert countries == expected["countries"]
    stats = _get(client, "stats", locale)
    assert stats["initiatives"] == expected["total"] == 2
    assert stats["per_pillar"]["protection"] == 1
    assert stats["per_type"] == {
        kind: len({p.translation_key for p in live_signatories() if p.signatory_type == kind})
        for kind in {p.signatory_type for p in live_signatories()}
    }
    assert index.differences() == 0


@pytest.mark.parametrize("count", [10, 100])
def test_facet_queries_do_not_grow(client, directory, django_assert_max_num_queries, count):
    signatory = SignatoryPageFactory(parent=directory, title="Many")
    with index.deferred():
        for n in range(count):
            InitiativePageFactory(parent=signatory, title=f"I{n}", tags=[f"t{n % 7}"])
    for path in ("pillars", "countries", "tags", "stats"):
        with django_assert_max_num_queries(8):
            _get(client, path, "fr")
