"""Lists filtered by P alone are counted from the stored per-P-combination counts
(pact_pages.api.mask_counts), and those counts follow exactly what the list shows: for a
French reader, the French translations plus the initiatives not translated yet."""

from itertools import combinations

import pytest
from django.http import QueryDict
from wagtail.models import Locale

from pact_pages.api import mask_counts
from pact_pages.api.index import differences, flush
from pact_pages.api.models import ApiIndexEntry
from pact_pages.pillars.models import PILLAR_SLUGS
from tests.factories import InitiativePageFactory
from tests.test_api import get
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db
P_SETS = [list(c) for n in range(1, len(PILLAR_SLUGS) + 1) for c in combinations(PILLAR_SLUGS, n)]


@pytest.fixture
def partly_french(signatory, library, fr_locale, django_capture_on_commit_callbacks) -> Locale:
    InitiativePageFactory(parent=signatory, title="Coaches", pillars=("prevention",))
    InitiativePageFactory(parent=signatory, title="Courts", pillars=("prosecution",))
    both = InitiativePageFactory(
        parent=signatory, title="Helplines", pillars=("protection", "participation")
    )
    InitiativePageFactory(parent=signatory, title="Schools", pillars=("prevention", "protection"))
    translate(both, fr_locale, {"Helplines": "Lignes d'écoute"}, django_capture_on_commit_callbacks)
    flush()
    return fr_locale


def test_the_library_counts_each_p_combination_as_it_lists_it(library, partly_french):
    for pillars in P_SETS:
        params = QueryDict(mutable=True)
        params.setlist("pillar", pillars)
        listed = library.filtered_initiatives(params, partly_french)
        shown = listed.rows(slice(0, 100))  # the rows themselves, not counted

        assert listed._count is not None, pillars  # the stored count, not a count query
        assert listed.count() == len(shown), pillars


def test_the_api_counts_each_p_combination_as_it_lists_it(client, partly_french):
    stored = mask_counts.stored_count(ApiIndexEntry.Kind.INITIATIVE, partly_french, ["protection"])
    assert stored == 2  # "Lignes d'écoute" and "Schools", each once
    for pillars in P_SETS:
        data = get(client, "initiatives", pillar=pillars, locale="fr", limit=100)

        assert data["count"] == len(data["results"]), pillars


def test_the_stored_counts_are_checked_with_the_index(partly_french):
    assert differences() == 0
