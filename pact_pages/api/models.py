"""The API's read index: one row per listable signatory or initiative page.

The list endpoints of ``/api/pact/v1/`` answer from this table with one query for the rows
and one for the count, whatever the filters: each row holds the columns the filters and
orderings need and the item's JSON, serialised once when the page changes (see
:mod:`pact_pages.api.index`), with placeholders for what depends on the request (host,
reader's language, labels). Only live, public pages of live signatories have a row.
"""

from django.db import models
from wagtail.models import Locale, Page


class ApiIndexEntry(models.Model):
    class Kind(models.TextChoices):
        SIGNATORY = "s", "signatory"
        INITIATIVE = "i", "initiative"

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    is_source = models.BooleanField(help_text="The page is in the site's default language.")
    translation_key = models.UUIDField()
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    last_published_at = models.DateTimeField(null=True)
    # Signatory: its own; initiative: its signatory's (for the `country` filter).
    country = models.CharField(max_length=2, blank=True)
    signatory_type = models.CharField(max_length=32, blank=True)
    signed_on = models.DateField(null=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    initiative_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=32, blank=True)
    # Initiatives: translation key of the signatory (for the `signatory` filter).
    signatory_key = models.UUIDField(null=True)
    # Initiatives: the page has a version for children (the `for_children` filters).
    for_children = models.BooleanField(default=False)
    # One bit per P, in PILLAR_SLUGS order (for "any of these Ps" in one comparison).
    pillar_mask = models.PositiveSmallIntegerField(default=0)
    # Signatories: the Ps they wrote a commitment for, as pillar_mask (the pillars facet's
    # signatory counts). NULL only on rows from before migration 0023, which fills them.
    commitment_mask = models.PositiveSmallIntegerField(null=True)
    # Bit n: another row of the item's translation group is in the locale of id n
    # (pact_pages.core.fallbacks.mark_groups), so that "in the reader's language, or the
    # source's where not translated" is a test of the row itself.
    locale_bits = models.BigIntegerField(default=0)
    data = models.TextField(help_text="The list item as JSON, with request placeholders.")
    # Signatories with coordinates: their GeoJSON feature for the map, as ``data``.
    feature = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "API index entry"
        verbose_name_plural = "API index entries"
        indexes = [
            models.Index(
                fields=["kind", "locale", "first_published_at"], name="pact_api_kind_published"
            ),
            models.Index(fields=["kind", "locale", "title"], name="pact_api_kind_title"),
            # A translation's reader's lists (its rows and the source's fallbacks), newest
            # first: walked in order and tested row by row, stopping at the page shown.
            models.Index(fields=["kind", "first_published_at", "page"], name="pact_api_kind_date"),
            models.Index(fields=["kind", "translation_key"], name="pact_api_kind_key"),
            models.Index(fields=["signatory_key"], name="pact_api_signatory_key"),
            # Counts of filtered lists from the index alone (no row read): "any of these
            # Ps" is a list of pillar_mask values, then country, type, place; the page id
            # for the directory's own test (PostgreSQL has no implicit rowid).
            models.Index(
                fields=[
                    "kind",
                    "locale",
                    "pillar_mask",
                    "country",
                    "signatory_type",
                    "latitude",
                    "longitude",
                    "page",
                ],
                name="pact_api_kind_facets",
            ),
            # The library by country (and status): its page newest first and its count
            # from the rows of that country, not a walk through every initiative.
            models.Index(
                fields=["kind", "locale", "country", "status", "first_published_at"],
                name="pact_api_kind_country",
            ),
            # The initiatives with a version for children, newest first: their list and
            # count read only those rows.
            models.Index(
                fields=["kind", "for_children", "locale", "first_published_at"],
                name="pact_api_kind_children",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.page_id}"


class ApiIndexTag(models.Model):
    """Tag slugs of an indexed initiative (for the `tag` filter)."""

    entry = models.ForeignKey(ApiIndexEntry, on_delete=models.CASCADE, related_name="tags")
    slug = models.SlugField(max_length=100, allow_unicode=True)

    class Meta:
        indexes = [models.Index(fields=["slug"], name="pact_api_tag_slug")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "slug"], name="pact_api_tag_unique")
        ]

    def __str__(self) -> str:
        return self.slug


class ApiIndexTotal(models.Model):
    """How many items an unfiltered list shows, per kind and language.

    Counting 100,000 index rows costs tens of milliseconds on every request; the totals are
    recounted when the index changes (a few queries per publish) and read in one.
    """

    kind = models.CharField(max_length=1, choices=ApiIndexEntry.Kind.choices)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    total = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="pact_api_total_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.locale_id}: {self.total}"


class ApiIndexFigure(models.Model):
    """A site-wide figure the public pages show, such as the home page's counters.

    Counting distinct signatories and countries over every page costs time in proportion to
    the site on each home page; the figures are recounted with the totals when the index
    changes and read in one query.
    """

    name = models.CharField(max_length=64, primary_key=True)
    value = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class ApiIndexCount(models.Model):
    """How many items of a list (kind, reader's language) have a value of a facet: a
    signatory's or its initiatives' country, an initiative's tag, a signatory's commitment.

    The facet endpoints read these instead of grouping every listed row; each publish adds
    the difference its rebuilt rows make (:mod:`pact_pages.api.index_counts`). Countries and
    tags without items have no row; the four commitments always have one.
    """

    class Facet(models.TextChoices):
        COUNTRY = "country", "country"
        TAG = "tag", "tag"
        COMMITMENT = "commitment", "commitment"

    kind = models.CharField(max_length=1, choices=ApiIndexEntry.Kind.choices)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=16, choices=Facet.choices)
    value = models.CharField(max_length=100)
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "locale", "facet", "value"], name="pact_api_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.locale_id} {self.facet} {self.value}: {self.items}"
