"""Signatory listings (directory, map, API, home page) with a fixed number of queries.

Listings in a locale show each item once: its version in that locale where there is one,
the source language's otherwise (:func:`pact_pages.core.queries.prefer_locale`).

The page classes (:mod:`pact_pages.signatories.models`) render these listings and import
this module, so the models are looked up by name here, as ``ForeignKey("app.Model")`` does.
"""

from django.apps import apps
from django.db.models import Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Locale, Page

from pact_pages.core.collation import collated
from pact_pages.core.queries import (
    LOGO_PICTURE,
    LOGO_SPEC,
    _images_with,
    children_of_any_translation,
    picture_specs,
    prefer_locale,
    public,
)
from pact_pages.core.signals import index_read
from pact_pages.pillars.models import PILLAR_SLUGS

SIGNATORY_ENTRY = "s"  # ApiIndexEntry.Kind.SIGNATORY


def _index_entries() -> QuerySet:
    """The signatory rows of the API's read index, fresh for this thread's own changes.

    ``pact_pages.api.index`` builds them from these listings and sits above them: it applies
    its pending changes when :data:`~pact_pages.core.signals.index_read` is sent.
    """
    entry = apps.get_model("pact_pages", "ApiIndexEntry")
    index_read.send(sender=entry)
    return entry.objects.filter(kind=SIGNATORY_ENTRY)


def live_signatories(locale: Locale | None = None) -> QuerySet:
    """Published signatories visible to anonymous readers (no view restrictions)."""
    signatory_page = apps.get_model("pact_pages", "SignatoryPage")
    return prefer_locale(public(signatory_page.objects.live()), locale)


def initiative_count_subquery() -> Coalesce:
    """Each signatory's published initiatives, counted once per translation key.

    Read from the API's read index (:mod:`pact_pages.api.index`), which counts them when a
    page changes: counting them here, a correlated count over every initiative for each row,
    made the map of 10,000 signatories take seconds. Every translation of a signatory shows
    the same count, a draft translation included.
    """
    counts = (
        _index_entries()
        .filter(translation_key=OuterRef("translation_key"))
        .values("initiative_count")[:1]
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def signatories_for_listing(locale: Locale | None = None, parent: Page | None = None) -> QuerySet:
    """Signatories with their logo rendition and initiative count, ordered by name."""
    queryset = live_signatories(locale)
    if parent is not None:
        queryset = children_of_any_translation(queryset, parent)
    queryset = (
        queryset.select_related("locale")
        .prefetch_related(
            Prefetch("logo", queryset=_images_with(LOGO_SPEC, *picture_specs(LOGO_PICTURE)))
        )
        .annotate(initiative_count=initiative_count_subquery())
    )
    return by_name(queryset, locale)


def by_name(signatories: QuerySet, locale: Locale | None) -> QuerySet:
    """Ordered by name as readers of ``locale`` sort them ("Bălți" before "Brno")."""
    language = locale.language_code if locale is not None else None
    return signatories.order_by(collated("title", language, signatories.db), "pk")


def with_any_pillar_bit(entries: QuerySet, slugs: list[str]) -> QuerySet:
    """Read-index rows whose ``pillar_mask`` has the bit of one of the given P slugs.

    As the list of the masks that have one of these bits (at most 15 of the 16): a bit test
    can use no index, a list of values can (``pact_api_kind_facets``), so that a filtered
    list is counted without reading the rows.
    """
    bits = sum(1 << PILLAR_SLUGS.index(slug) for slug in set(slugs))
    masks = [mask for mask in range(1 << len(PILLAR_SLUGS)) if mask & bits]
    return entries.filter(pillar_mask__in=masks)


def signatories_with_any_pillar(signatories: QuerySet, slugs: list[str]) -> QuerySet:
    """Signatories with a commitment or a published initiative (of this page or any
    translation) under one of the given Ps: the read index holds both in each page's P bits,
    so the filter costs a primary-key lookup per row, not a search of every initiative."""
    matching = with_any_pillar_bit(_index_entries().filter(page_id=OuterRef("pk")), slugs)
    return signatories.filter(Exists(matching))


# --- "Reported in the last round" (issue 20) -----------------------------------------------
# The follow-up feature sits above this one: its models by name, as ``ForeignKey`` does.


def last_closed_round() -> QuerySet:
    """The translation key of the latest closed reporting round (live), as a one-row
    subquery: the latest deadline, as ``pact_pages.follow_up.queries.latest_closed_round``."""
    rounds = apps.get_model("pact_pages", "ReportingRoundPage").objects.live()
    return rounds.filter(closed=True).order_by("-deadline", "pk").values("translation_key")[:1]


def reported_signatory_keys(round_keys: QuerySet) -> QuerySet:
    """Translation keys of the signatories with a published, public report for one of the
    rounds of ``round_keys`` (a subquery of round translation keys).

    A report is a child page of its signatory: its parent's path is its own without the last
    step, so the signatories come from one IN over the pages' unique paths, without a test
    of every signatory.
    """
    reports = apps.get_model("pact_pages", "ProgressReportPage").objects.live()
    reports = public(reports.filter(round__translation_key__in=round_keys))
    parents = reports.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen)).values(
        "parent_path"
    )
    return Page.objects.filter(path__in=parents).values("translation_key")


def with_report_in_last_round(queryset: QuerySet) -> QuerySet:
    """Signatories (pages or read-index rows: both have ``translation_key``) whose report for
    the latest closed round is published: the directory's, the map's and the API's
    ``reported`` filter. None match while no round is closed."""
    return queryset.filter(translation_key__in=reported_signatory_keys(last_closed_round()))
