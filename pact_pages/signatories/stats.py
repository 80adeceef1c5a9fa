"""Figures about the Pact, computed from published signatories and initiatives.

The home page counters use these; the API's statistics endpoint is meant to as well,
so that both always say the same.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, ngettext

from pact_pages.core.signals import index_read
from pact_pages.signatories.models import TERRITORIAL_TYPES
from pact_pages.signatories.queries import live_signatories

# The names of the figures stored for the counters (pact_pages.api.models.ApiIndexFigure).
FIGURES = ("territorial", "other", "countries")


@dataclass(frozen=True)
class SignatoryCounts:
    """How many distinct signatories have signed, from how many countries."""

    territorial: int  # towns, municipalities and regions
    other: int  # associations, elected representatives, organisations
    countries: int  # countries of all signatories

    @property
    def total(self) -> int:
        return self.territorial + self.other


def signatory_counts() -> SignatoryCounts:
    """Counts each signatory once, whatever the number of its translations.

    Read from the figures the API's read index stores when a page changes (one query, however
    many signatories); counted from the pages on a site whose index has not stored them yet.
    """
    figure = apps.get_model("pact_pages", "ApiIndexFigure")
    index_read.send(sender=figure)
    stored = dict(figure.objects.filter(name__in=FIGURES).values_list("name", "value"))
    if len(stored) == len(FIGURES):
        return SignatoryCounts(**stored)
    return SignatoryCounts(**signatory_figures(live_signatories()))


def signatory_figures(signatories: QuerySet) -> dict[str, int]:
    """The counters' figures over ``signatories`` (live signatory pages, or the read index's
    rows of them): distinct translation keys by kind of signatory, distinct countries."""
    return signatories.aggregate(
        territorial=Count(
            "translation_key", distinct=True, filter=Q(signatory_type__in=TERRITORIAL_TYPES)
        ),
        other=Count(
            "translation_key", distinct=True, filter=~Q(signatory_type__in=TERRITORIAL_TYPES)
        ),
        countries=Count("country", distinct=True),
    )


def counter_sentence(counts: SignatoryCounts) -> str:
    """The home page's headline, e.g. "77 cities and regions from 22 countries"."""
    if counts.total == 0:
        return gettext("No town or region has signed the Pact yet.")
    territorial = ngettext(
        "%(count)s city or region", "%(count)s cities and regions", counts.territorial
    ) % {"count": counts.territorial}
    countries = ngettext("%(count)s country", "%(count)s countries", counts.countries) % {
        "count": counts.countries
    }
    sentence = gettext("%(signatories)s from %(countries)s") % {
        "signatories": territorial,
        "countries": countries,
    }
    if counts.other:
        others = ngettext(
            "and %(count)s association, representative or organisation",
            "and %(count)s associations, representatives and organisations",
            counts.other,
        ) % {"count": counts.other}
        sentence = gettext("%(sentence)s, %(others)s") % {"sentence": sentence, "others": others}
    return sentence
