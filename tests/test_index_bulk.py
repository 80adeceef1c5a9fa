"""The bulk rebuild of the read index and the search index (pact_pages.api.index_bulk), used by
the data set builders: the same rows as ``index.rebuild``, the tables' indexes back as they were."""

import pytest
from wagtail.models import Locale

from benchmarks.scale_data import Builder
from pact_pages.api import index, index_bulk
from pact_pages.api.models import ApiIndexEntry
from pact_pages.search.models import SearchEntry


@pytest.fixture
def data_set(db):
    builder = Builder()
    builder.sections()
    builder.add(11)  # signatories 0 and 10 have French copies: two languages, fallbacks
    return builder


def test_the_bulk_rebuild_writes_what_the_rebuild_writes(data_set):
    before = index_bulk.secondary_indexes(index_bulk.tables())
    assert before  # the lists' and the search's indexes exist to be deferred

    written = index_bulk.rebuild_all()

    assert written == ApiIndexEntry.objects.count() == (11 + 110) + (2 + 20)
    assert SearchEntry.objects.filter(locale=Locale.get_default()).count() >= 11 + 110
    assert index.differences() == 0
    assert index_bulk.secondary_indexes(index_bulk.tables()) == before
    # Again over a full index: its rows replaced, not added to.
    assert index_bulk.rebuild_all() == written
    assert index.differences() == 0
    assert index_bulk.secondary_indexes(index_bulk.tables()) == before


def test_emptying_leaves_no_row(data_set):
    index_bulk.rebuild_all()
    index_bulk.empty()
    assert not ApiIndexEntry.objects.exists()
    assert not SearchEntry.objects.exists()
