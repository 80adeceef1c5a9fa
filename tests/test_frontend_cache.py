"""CDN purges: a published or unpublished initiative purges the pages and API that list it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from tests.factories import InitiativePageFactory, publish


class RecordingBackend(BaseBackend):
    urls: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.urls.append(url)


@pytest.fixture
def purged(settings, library):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    settings.WAGTAILAPI_BASE_URL = "https://pact.example.org"
    RecordingBackend.urls = []
    return RecordingBackend.urls


def paths(urls) -> set[str]:
    return {url.split("://", 1)[1].split("/", 1)[1] for url in urls}


def test_publishing_an_initiative_purges_what_lists_it(purged, signatory):
    page = InitiativePageFactory(parent=signatory, title="Helpline", live=False)
    publish(page)

    shown = paths(purged)
    assert "en/participants/strasbourg/helpline/" in shown  # Wagtail's own purge
    assert {"en/", "en/participants/", "en/initiatives/", "en/participants/strasbourg/"} <= shown
    assert "https://pact.example.org/api/pact/v1/initiatives" in purged
    assert "https://pact.example.org/api/pact/v1/map.geojson" in purged


def test_feeds_and_sitemap_are_purged_in_every_language(purged, settings, signatory):
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = ["en", "fr"]
    page = InitiativePageFactory(parent=signatory, title="Helpline", live=False)
    publish(page)

    shown = paths(purged)
    assert "sitemap.xml" in shown
    for language in ("en", "fr"):
        assert f"{language}/feeds/initiatives.rss" in shown
        assert f"{language}/feeds/initiatives.atom" in shown
        assert f"{language}/feeds/initiatives/prevention.rss" in shown
        assert f"{language}/feeds/initiatives/participation.atom" in shown
    assert "de/feeds/initiatives.rss" not in shown  # not a language the CDN is purged for


def test_a_signatory_change_purges_the_feeds_that_name_it(purged, signatory):
    signatory.title = "Strasbourg Eurométropole"
    publish(signatory)

    assert "en/feeds/initiatives.rss" in paths(purged)


def test_unpublishing_purges_too(purged, initiative):
    initiative.unpublish()

    assert "en/initiatives/" in paths(purged)
    assert "https://pact.example.org/api/pact/v1/stats" in purged


def test_nothing_is_sent_without_a_cdn(settings, initiative):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingBackend.urls = []

    initiative.unpublish()

    assert RecordingBackend.urls == []


def test_unknown_cdn_fails_fast(monkeypatch):
    import importlib

    import oneinfive.settings.base as base

    monkeypatch.setenv("FRONTEND_CACHE", "akamai")
    with pytest.raises(ImproperlyConfigured, match="cloudflare, cloudfront, http"):
        importlib.reload(base)
    monkeypatch.delenv("FRONTEND_CACHE")
    importlib.reload(base)
