"""The search index: one row per live, public signatory, initiative or searchable host page.

Visibility is in the columns (only what a reader may see has a row; ``locale`` and
``is_source`` pick the reader's language or its fallback), so a search never joins the page
tree. The searchable text lives beside the row, in the engine's own structure: a weighted
``tsvector`` column with a GIN index on PostgreSQL, an FTS5 table on SQLite (migration
0017), written by :mod:`pact_pages.search.index`.
"""

from django.db import models
from wagtail.models import Locale


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        SIGNATORY = "s", "signatory"
        INITIATIVE = "i", "initiative"
        PAGE = "p", "page"

    # The page's id, not a foreign key: deleting pages (migration 0014's way back included)
    # never has to know this table; the index's signal handlers remove the row.
    page_id = models.IntegerField(primary_key=True)
    kind = models.CharField(max_length=1, choices=Kind.choices)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    is_source = models.BooleanField(help_text="The page is in the site's default language.")
    translation_key = models.UUIDField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True, help_text="Plain text the result's snippet is cut from.")
    url = models.TextField(blank=True, help_text="The page's address in its own language.")
    # As the API's index: bit n, another row of the page's translation group is in the
    # locale of id n (pact_pages.core.fallbacks.mark_groups).
    locale_bits = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "search index entry"
        verbose_name_plural = "search index entries"
        indexes = [
            models.Index(fields=["translation_key", "locale"], name="pact_search_key_locale"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.page_id}"
