"""A publish adjusts the counts stored with the read index (pact_pages.api.index_counts) by
the difference its rebuilt rows make, without counting every row again: after each change the
stored totals, per-P-combination counts, figures and facet counts equal a full count, in
English and for a French reader (translations and untranslated fallbacks)."""

import pytest
from wagtail.models import Locale, Page

from pact_pages.api import index, index_counts
from pact_pages.api.models import ApiIndexCount, ApiIndexFigure, ApiIndexTotal
from pact_pages.signatories.models import SignatoryType
from tests.factories import InitiativePageFactory, SignatoryPageFactory, publish

API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.PACT_API_CACHE_TIMEOUT = 0


@pytest.fixture
def full_counts(monkeypatch) -> list:
    """Each full count taken (the repair path), noted."""
    taken: list = []
    full = index_counts.full

    def noted(*args):
        taken.append(args)
        return full(*args)

    monkeypatch.setattr(index_counts, "full", noted)
    return taken


@pytest.fixture
def site(directory, signatory, initiative, fr_locale, full_counts):
    """Two signatories in two countries, their initiatives, French translations of some;
    counted once (fr_locale is a new language), then only adjusted."""
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", country="BE")
    lyon.commitment_protection = "We protect."
    publish(lyon)
    InitiativePageFactory(parent=lyon, title="Street games", pillars=("protection",), tags=["play"])
    publish(signatory.copy_for_translation(fr_locale, copy_parents=True))
    publish(initiative.copy_for_translation(fr_locale))
    index.flush()
    full_counts.clear()
    return lyon


def assert_adjusted(full_counts: list) -> None:
    """The stored counts equal a full count, and the change made none."""
    index.flush()
    assert full_counts == [], "the publish counted everything again"
    assert index_counts.stale(Locale.get_default(), index.in_language) == set()
    full_counts.clear()  # stale() counted


def facet(client, path: str, locale: str, field: str = "initiative_count") -> dict:
    response = client.get(f"{API}/{path}", {"locale": locale})
    assert response.status_code == 200, response.content
    return {row.get("code", row.get("slug")): row[field] for row in response.json()}


def test_publish_and_unpublish(client, site, signatory, full_counts):
    new = InitiativePageFactory(
        parent=signatory, title="Night buses", pillars=("prosecution",), tags=["bus", "play"]
    )
    assert_adjusted(full_counts)
    assert facet(client, "tags", "fr") == {"sport": 1, "play": 2, "bus": 1}

    new.unpublish()
    assert_adjusted(full_counts)
    assert facet(client, "tags", "en") == {"sport": 1, "play": 1}  # "bus": no row left
    assert not ApiIndexCount.objects.filter(value="bus").exists()


def test_move_and_delete(client, site, initiative, full_counts):
    initiative.move(site, pos="last-child")
    assert_adjusted(full_counts)
    assert facet(client, "countries", "en") == {"BE": 2, "FR": 0}
    assert facet(client, "countries", "en", "signatory_count") == {"BE": 1, "FR": 1}

    Page.objects.get(pk=initiative.pk).delete()
    assert_adjusted(full_counts)
    assert facet(client, "countries", "en") == {"BE": 1, "FR": 0}


def test_signatory_changes(client, site, signatory, full_counts):
    signatory.country = "DE"
    signatory.signatory_type = SignatoryType.ASSOCIATION
    signatory.commitment_prevention = "We prevent."
    publish(signatory)
    assert_adjusted(full_counts)
    assert facet(client, "countries", "en") == {"DE": 1, "BE": 1}
    assert facet(client, "pillars", "en", "signatory_count")["prevention"] == 1
    # The French translation is still a town in France: each type and country counted once.
    stats = client.get(f"{API}/stats").json()
    assert stats["countries"] == 3 and stats["per_type"] == {"town": 2, "association": 1}

    site.unpublish()
    assert_adjusted(full_counts)
    stats = client.get(f"{API}/stats").json()
    assert stats["countries"] == 2 and stats["per_type"] == {"town": 1, "association": 1}
    assert facet(client, "pillars", "fr", "signatory_count")["protection"] == 0
    assert index.differences() == 0


def test_translation_published(client, site, full_counts, fr_locale):
    street = Page.objects.get(title="Street games").specific
    publish(site.copy_for_translation(fr_locale))
    french = street.copy_for_translation(fr_locale)
    french.title = "Jeux de rue"
    publish(french)
    assert_adjusted(full_counts)
    assert facet(client, "tags", "fr") == {"sport": 1, "play": 1}
    assert client.get(f"{API}/initiatives", {"locale": "fr"}).json()["count"] == 2


def test_drift_is_repaired_by_a_full_count(site, full_counts):
    ApiIndexTotal.objects.update(total=0)
    ApiIndexFigure.objects.filter(name="countries").update(value=9)
    Page.objects.get(title="Street games").specific.unpublish()
    index.flush()

    assert len(full_counts) == 1  # a total would have gone below zero
    assert index_counts.stale(Locale.get_default(), index.in_language) == set()


def test_facets_read_stored_counts_until_none(client, site, django_assert_max_num_queries):
    for path in ("countries", "tags", "pillars"):
        with django_assert_max_num_queries(6):
            facet(client, path, "fr")
    ApiIndexTotal.objects.all().delete()  # not counted (a site upgraded, before its count)
    assert facet(client, "tags", "fr") == {"sport": 1, "play": 1}
    assert facet(client, "countries", "fr", "signatory_count") == {"BE": 1, "FR": 1}


def test_deleting_a_signatory_with_its_initiatives(client, site, signatory, full_counts):
    InitiativePageFactory(parent=signatory, title="Night buses", tags=["bus"])
    index.flush()
    full_counts.clear()
    Page.objects.get(pk=signatory.pk).delete()  # its rows go with it, then the rebuild
    assert_adjusted(full_counts)
    assert facet(client, "tags", "en") == {"play": 1}
