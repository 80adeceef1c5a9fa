"""The directory's and the map's lists, read from the API's read index a page at a time.

Filtering, ordering and counting 10,000 signatory pages per request (live, public, in the
reader's language, with their initiative counts) cost the directory a quarter of a second.
The read index (:mod:`pact_pages.api.index`) holds one row per listable signatory with the
columns these lists filter on, under indexes that keep each step bounded by what the page
shows: the ids of the shown page come in the reader's alphabetical order from an index
(``pact_pages.api.title_indexes``; on SQLite, of the titles' stored keys), the count from a
covering index or a stored total, and only the shown signatories are then loaded, with what
their cards need.

Nothing changes for the reader: the index holds exactly the live, public signatories (a
fallback copy is listed as its source), each once in the reader's language, kept fresh before
every read (:data:`~pact_pages.core.signals.index_read`).
"""

from collections.abc import Iterator

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from wagtail.models import Locale, Page

from pact_pages.core.collation import by_title, search_text
from pact_pages.core.fallbacks import listed_in
from pact_pages.core.queries import (
    LOGO_PICTURE,
    LOGO_SPEC,
    _images_with,
    children_of_any_translation,
    in_row_order,
    picture_specs,
)
from pact_pages.core.reader_links import source_language
from pact_pages.signatories.queries import SIGNATORY_ENTRY, _index_entries


def in_reader_language(entries: QuerySet, locale: Locale) -> QuerySet:
    """Each signatory once: in ``locale`` where translated, in the source language otherwise
    (as :func:`pact_pages.api.index.in_language`, without asking for the source locale)."""
    if locale.language_code == source_language():
        return entries.filter(locale=locale)
    # A test of the row itself (its group's languages), not a NOT IN over the language's keys.
    return entries.filter(listed_in(entries, locale.pk))


def under(entries: QuerySet, directory: Page) -> QuerySet:
    """Entries of the signatories under ``directory`` (or one of its translations).

    A site has one directory as a rule, and then every signatory is under it (signatories
    live only under directories): one cheap query spares the test of each row's parent.
    Folded into the list's queries instead, the test made PostgreSQL estimate a count of
    10,000 rows costly enough to compile it (JIT: 20 ms) though it never ran.
    """
    # By content type (Django caches it; an indexed column): joined to the directories' own
    # table, the test scanned every page.
    kind = ContentType.objects.get_for_model(apps.get_model("pact_pages", "SignatoryIndexPage"))
    other = Page.objects.filter(content_type=kind).exclude(
        translation_key=directory.translation_key
    )
    if not other.exists():
        return entries
    here = children_of_any_translation(Page.objects.filter(pk=OuterRef("page_id")), directory)
    return entries.filter(Exists(here))


def with_words(entries: QuerySet, text: str) -> QuerySet:
    """Every word, in the name (either form, accents and case aside: "balti" finds "Bălți")
    or the introduction."""
    words = text.split()
    if not words:
        return entries
    pages = apps.get_model("pact_pages", "SignatoryPage").objects.all()
    for word in words:
        pages = pages.filter(
            Q(search_key__contains=search_text(word)) | Q(introduction__icontains=word)
        )
    return entries.filter(page_id__in=pages.values("pk"))


def listable(locale: Locale) -> QuerySet:
    """The read index's rows of the signatories listed to readers of ``locale``."""
    return in_reader_language(_index_entries(), locale)


class IndexedSignatories:
    """A list of signatories for a ``Paginator``: counted, sliced and ordered in the read
    index; a slice loads only its own pages (with their logos and initiative counts).

    ``total``, when known (a stored figure), spares the count; ``counted``: the same rows
    filtered in a form the count reads faster, when there is one.
    """

    def __init__(
        self,
        entries: QuerySet,
        language: str,
        total: int | None = None,
        counted: QuerySet | None = None,
    ):
        # Without the title's key: a count needs no order.
        self._counted = entries if counted is None else counted
        entries, fields = by_title(entries, SIGNATORY_ENTRY, language, ("title", "page_id"))
        self.entries = entries.order_by(*fields)
        self._count = total

    def count(self) -> int:
        if self._count is None:
            self._count = self._counted.order_by().count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            rows = list(self.entries.values_list("page_id", "initiative_count")[index])
            return _signatories(rows)
        (page,) = self[index : index + 1]
        return page

    def __iter__(self) -> Iterator:
        return iter(self[:])


def _signatories(rows: list[tuple[int, int]]) -> list:
    """The pages of ``rows`` (page id, initiative count), in their order, ready for cards."""
    if not rows:
        return []
    model = apps.get_model("pact_pages", "SignatoryPage")
    logos = _images_with(LOGO_SPEC, *picture_specs(LOGO_PICTURE))
    pages = (
        model.objects.live()
        .filter(pk__in=[page_id for page_id, _count in rows])
        .select_related("locale")
        .prefetch_related(Prefetch("logo", queryset=logos))
    )
    return in_row_order(pages, rows, "initiative_count")
