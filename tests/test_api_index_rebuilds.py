"""One change, one rebuild of the read index's groups it touches.

Wagtail publishes, unpublishes and moves outside a transaction: each save and signal
committed on its own, and each commit rebuilt the same groups (three times per publish at
0.1 to 0.25 s each with 10,000 signatories). A draft (``save_revision``) changes nothing the
index shows and rebuilds nothing. Transactional tests: the rebuilds run when Wagtail's own
writes commit, as on a site.
"""

import pytest
from wagtail.models import Locale, Page

from pact_pages.api import index
from tests.factories import SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def rebuilds(monkeypatch) -> list:
    calls: list = []
    real = index.rebuild

    def counted(keys=None) -> int:
        calls.append(keys)
        return real(keys)

    monkeypatch.setattr(index, "rebuild", counted)
    return calls


@pytest.fixture
def group(signatory, initiative, fr_locale: Locale) -> dict:
    """An initiative translated into French: two pages, one translation group."""
    french = initiative.copy_for_translation(fr_locale, copy_parents=True)
    for ancestor in french.get_ancestors().filter(depth__gt=1, live=False):
        publish(ancestor.specific)
    return {"initiative": initiative, "french": publish(french), "signatory": signatory}


def test_a_publish_rebuilds_once(group, rebuilds, client):
    page = group["initiative"]
    page.title = "Safe swimming clubs"
    page.save_revision().publish()
    assert len(rebuilds) == 1
    assert page.translation_key in rebuilds[0]
    listed = client.get("/api/pact/v1/initiatives").json()["results"]
    assert "Safe swimming clubs" in str(listed)
    assert index.differences() == 0


def test_a_draft_rebuilds_nothing(group, rebuilds, client):
    page = group["initiative"]
    page.title = "Not yet"
    page.save_revision()
    assert rebuilds == []
    assert "Not yet" not in str(client.get("/api/pact/v1/initiatives").json())
    assert index.differences() == 0


def test_an_unpublish_rebuilds_once(group, rebuilds):
    group["french"].unpublish()
    assert len(rebuilds) == 1
    assert index.differences() == 0


def test_a_move_rebuilds_once(group, directory, rebuilds):
    other = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    rebuilds.clear()
    group["initiative"].move(other, pos="last-child")
    assert len(rebuilds) == 1
    # Both signatories' counts and Ps change: their groups are in the same rebuild.
    assert {other.translation_key, group["signatory"].translation_key} <= set(rebuilds[0])
    assert index.differences() == 0


def test_a_delete_rebuilds_once(group, rebuilds):
    Page.objects.get(pk=group["french"].pk).delete()
    assert len(rebuilds) == 1
    assert index.differences() == 0


def test_host_pages_are_published_as_wagtail_does(group, monkeypatch):
    """Only the plugin's page types are published in one transaction: a host's page (here
    the site's home page) goes through Wagtail's own publish, untouched."""
    from pact_pages.api import index_signals

    wrapped: list = []
    real = index_signals._acts_on_indexed_page

    def seen(action) -> bool:
        answer = real(action)
        wrapped.append(answer)
        return answer

    monkeypatch.setattr(index_signals, "_acts_on_indexed_page", seen)
    home = Page.objects.get(depth=2, locale__language_code="en").specific
    home.save_revision().publish()
    group["initiative"].save_revision().publish()
    assert wrapped == [False, True]
