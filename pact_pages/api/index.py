"""The API's read index (:class:`~pact_pages.models.ApiIndexEntry`): built, kept fresh, read.

Each listable page's list item is serialised once, by the same code as the detail
endpoints (:mod:`.serializers`), through an :class:`IndexReader` that writes placeholders
instead of what depends on the request. A response fills them in with a few string
replacements and one split and join over the whole page of results, so a list costs one
query for the rows (plus the stored total, :class:`~pact_pages.models.ApiIndexTotal`) and
no per-item Python work beyond that.

Placeholders are delimited by U+0001, which JSON always escapes inside strings
(``\\u0001``) and which is removed from content before serialising (:func:`_clean`): a raw
one in the stored JSON can only come from here.

Freshness: signal handlers (connected in ``PactPagesConfig.ready``) note the translation
keys of the pages that changed; the notes are applied when the transaction commits, and
before any read from the index in the same thread (so a request, a script or a test sees
its own changes). ``manage.py rebuild_api_index`` rebuilds everything.
"""

import datetime
import json
import re
import threading
import uuid
from collections.abc import Iterable
from urllib.parse import quote

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from ninja.responses import NinjaJSONEncoder
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pact_pages.api import geojson, serializers
from pact_pages.core.countries import country_name
from pact_pages.core.fallbacks import translated_copy_q
from pact_pages.core.queries import (
    LOGO_SPEC,
    initiatives_for_listing,
    live_initiatives,
    live_signatories,
)
from pact_pages.models import (
    ApiIndexEntry,
    ApiIndexTag,
    ApiIndexTotal,
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
    InitiativeStatus,
    SignatoryPage,
    SignatoryType,
)
from pact_pages.pillars.models import PILLAR_SLUGS

MARK = "\x01"
# Sort key of a live page without a publication date (imports): the oldest, never NULL, so
# that cursors can compare it.
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
BATCH = 500
Kind = ApiIndexEntry.Kind


class _Placeholder(str):
    """A string built by :class:`IndexReader`, trusted to hold placeholders."""


def _mark(name: str, arg: str = "") -> _Placeholder:
    return _Placeholder(f"{MARK}{name}:{arg}{MARK}")


class IndexReader(serializers.Reader):
    """Serialises items for the index: request-dependent values become placeholders."""

    def __init__(self):
        self.request = None
        self._locales = list(Locale.objects.all())
        self.codes = {locale.pk: locale.language_code for locale in self._locales}
        self.source = Locale.get_default()
        self.locale = self.source
        self.language = _mark("L")
        self.ui_language = self.source.language_code
        self._pillars = None
        self._urls: dict[int, str | None] = {}
        self._root_paths = None
        self._prefixes: dict[str, str] = {}

    def _url(self, page: Page) -> str | None:
        # Every page's address is needed twice (its own, its translations') and a signatory's
        # once per initiative: Wagtail's get_url reverses a URL pattern each time.
        if page.pk not in self._urls:
            self._urls[page.pk] = self._page_path(page)
        return self._urls[page.pk]

    def _page_path(self, page: Page) -> str | None:
        """``page.get_url()`` for a single site, without a URL reversal per page.

        The serve pattern's reversal only prefixes the language and quotes the path: done
        once per language here. With several sites, Wagtail's own get_url decides.
        """
        if self._root_paths is None:
            self._root_paths = Site.get_site_root_paths()
        if len({root.site_id for root in self._root_paths}) > 1:
            return page.get_url()
        root = next((r for r in self._root_paths if page.url_path.startswith(r.root_path)), None)
        if root is None:
            return None
        if root.language_code not in self._prefixes:
            with translation.override(root.language_code):
                self._prefixes[root.language_code] = reverse("wagtail_serve", args=("",))
        rest = quote(page.url_path[len(root.root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        return self._prefixes[root.language_code] + rest

    def translations(self, pages, live) -> dict:
        keys = {page.translation_key for page in pages}
        translated = live.filter(translation_key__in=keys).exclude(translated_copy_q())
        rows = Page.objects.filter(pk__in=translated.values("pk"))
        by_key: dict = {}
        for row in rows.order_by("path").only("url_path", "locale_id", "translation_key"):
            url = self._url(row)
            if url:
                by_key.setdefault(row.translation_key, {})[self.codes.get(row.locale_id)] = (
                    self.absolute(url)
                )
        return by_key

    def type_label(self, code: str) -> str:
        return _mark("T", code)

    def status_label(self, code: str) -> str:
        return _mark("S", code)

    def country_name(self, code: str) -> str:
        return _mark("C", code)

    def pillar_name(self, pillar) -> str:
        return _mark("PN", pillar.slug)

    def pillar_colour(self, pillar) -> str:
        return _mark("PC", pillar.slug)

    def fallback(self, served: str) -> str:  # replaced by a JSON boolean
        return _mark("F", served)

    def absolute(self, url: str | None) -> str | None:
        if url and url.startswith("/") and not url.startswith("//"):
            return _Placeholder(_mark("B") + url)
        return url

    def page_url(self, page: Page) -> str | None:
        url = self._url(page)
        if not url:
            return None
        prefix = f"/{self.codes.get(page.locale_id)}/"
        if url.startswith(prefix):  # the reader's language prefix, as the public pages do
            url = f"/{self.language}/{url[len(prefix) :]}"
        return _Placeholder(self.absolute(url))


# --- Building --------------------------------------------------------------------------------


def _pillar_mask(slugs: Iterable[str]) -> int:
    return sum(1 << PILLAR_SLUGS.index(slug) for slug in set(slugs) if slug in PILLAR_SLUGS)


def mask_for(slugs: Iterable[str]) -> int:
    """The bits of ``pillar_mask`` that stand for the given P slugs."""
    return _pillar_mask(slugs)


def _clean(value):
    """``value`` with U+0001 removed from content strings, placeholders kept.

    Content never legitimately holds U+0001; removing it means a raw one in the stored
    JSON can only come from a placeholder.
    """
    if isinstance(value, _Placeholder):
        return str(value)
    if isinstance(value, str):
        return value.replace(MARK, "")
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


_ESCAPED_MARK = re.compile(r"\\\\|\\u0001")


def _dump(item: dict) -> str:
    """The item as JSON with raw placeholders.

    JSON escapes U+0001 as ``\\u0001``; matching escaped backslashes first keeps content
    such as a literal backslash followed by ``u0001`` intact.
    """
    text = json.dumps(_clean(item), cls=NinjaJSONEncoder, ensure_ascii=False)
    return _ESCAPED_MARK.sub(lambda m: MARK if m.group() == "\\u0001" else m.group(), text)


def _entry(reader: IndexReader, page: Page, item: dict, **fields) -> ApiIndexEntry:
    """The entry of a serialised page: the columns every kind has, then ``fields``."""
    return ApiIndexEntry(
        page_id=page.pk,
        locale_id=page.locale_id,
        is_source=page.locale_id == reader.source.pk,
        translation_key=page.translation_key,
        title=page.title,
        # The item's own date (first publication in any language), as its JSON gives it:
        # "newest" orders a translation of an old story by the story, not the translation.
        first_published_at=item["first_published_at"] or EPOCH,
        last_published_at=page.last_published_at,
        data=_dump(item),
        **fields,
    )


def _signatory_rows(reader: IndexReader, keys: set[uuid.UUID] | None) -> Iterable:
    # Not signatories_for_listing(): its per-row initiative count is a correlated subquery
    # over every initiative; _children_facts counts a whole batch in one query instead.
    # A fallback copy (an alias holding the source's text) is listed as its source is.
    queryset = (
        live_signatories()
        .exclude(translated_copy_q())
        .prefetch_related(
            Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LOGO_SPEC))
        )
    )
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    for pages in _batches(queryset):
        children = _children_facts(pages)
        for page in pages:
            page.initiative_count = len(children.get(page.translation_key, {}))
        items = serializers.signatories(reader, pages, live_signatories())
        for page, item in zip(pages, items, strict=True):
            committed = [slug for slug in PILLAR_SLUGS if getattr(page, f"commitment_{slug}")]
            entry = _entry(
                reader,
                page,
                item,
                kind=Kind.SIGNATORY,
                country=page.country,
                signatory_type=page.signatory_type,
                signed_on=page.signed_on,
                latitude=page.latitude,
                longitude=page.longitude,
                feature=_dump(feature) if (feature := geojson.feature(item)) else "",
                initiative_count=page.initiative_count,
                pillar_mask=_pillar_mask(
                    committed
                    + [
                        slug
                        for slugs in children.get(page.translation_key, {}).values()
                        for slug in slugs
                    ]
                ),
            )
            yield entry, []


def _batches(queryset: QuerySet) -> Iterable[list]:
    """The queryset in lists of BATCH pages, by increasing id (no OFFSET scans)."""
    last = 0
    while True:
        pages = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not pages:
            return
        yield pages
        last = pages[-1].pk


def _children_facts(signatories: list) -> dict:
    """Signatory key → {initiative key: its P slugs}, for the published initiatives under
    any translation of each signatory: three queries for a whole batch."""
    keys = {page.translation_key for page in signatories}
    translations = SignatoryPage.objects.filter(translation_key__in=keys)
    key_of = dict(translations.values_list("path", "translation_key"))
    if not key_of:
        return {}
    children = (
        live_initiatives()
        .annotate(parent_path=_parent_of("path"))
        .filter(parent_path__in=list(key_of))
        .values_list("pk", "path", "translation_key")
    )
    facts: dict = {}
    place = {}  # initiative page id → (signatory key, initiative key)
    for pk, path, key in children:
        signatory_key = key_of[path[: -Page.steplen]]
        facts.setdefault(signatory_key, {}).setdefault(key, set())
        place[pk] = (signatory_key, key)
    links = InitiativePillar.objects.filter(page_id__in=list(place))
    for page_id, slug in links.values_list("page_id", "pillar__slug"):
        signatory_key, key = place[page_id]
        facts[signatory_key][key].add(slug)
    return facts


def _parent_of(path_field: str) -> Substr:
    return Substr(path_field, 1, Length(path_field) - Page.steplen)


def _initiative_rows(reader: IndexReader, keys: set[uuid.UUID] | None) -> Iterable:
    queryset = initiatives_for_listing(None).exclude(translated_copy_q())
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    for pages in _batches(queryset):
        items = serializers.initiatives(reader, pages, live_initiatives())
        for page, item in zip(pages, items, strict=True):
            signatory = page.signatory
            entry = _entry(
                reader,
                page,
                item,
                kind=Kind.INITIATIVE,
                country=signatory.country if signatory else "",
                status=page.status,
                signatory_key=signatory.translation_key if signatory else None,
                pillar_mask=_pillar_mask(link.pillar.slug for link in page.pillar_links.all()),
            )
            tags = [tagged.tag.slug for tagged in page.tagged_items.all()]
            yield entry, tags


def _write(rows: Iterable) -> int:
    entries, tags = [], []
    for entry, slugs in rows:
        entries.append(entry)
        tags.extend(ApiIndexTag(entry_id=entry.page_id, slug=slug) for slug in set(slugs))
    ApiIndexEntry.objects.bulk_create(entries, batch_size=BATCH)
    ApiIndexTag.objects.bulk_create(tags, batch_size=BATCH)
    return len(entries)


def rebuild(keys: set[uuid.UUID] | None = None) -> int:
    """Rebuilds the entries of the given translation keys (all entries when None).

    Returns the number of entries written.
    """
    reader = IndexReader()
    with transaction.atomic(), translation.override(reader.ui_language):
        stale = ApiIndexEntry.objects.all()
        if keys is not None:
            stale = stale.filter(translation_key__in=keys)
        stale.delete()
        written = _write(_signatory_rows(reader, keys))
        written += _write(_initiative_rows(reader, keys))
        recount(reader.source)
    return written


def recount(source: Locale) -> None:
    """Stores the unfiltered list totals of every kind and language (see ApiIndexTotal)."""
    totals = [
        ApiIndexTotal(
            kind=kind,
            locale=locale,
            total=in_language(ApiIndexEntry.objects.filter(kind=kind), locale, source).count(),
        )
        for kind in Kind.values
        for locale in Locale.objects.all()
    ]
    ApiIndexTotal.objects.all().delete()
    ApiIndexTotal.objects.bulk_create(totals)


def total(kind: str, locale: Locale) -> int | None:
    """The stored total of an unfiltered list (None if the index has not counted it yet)."""
    row = ApiIndexTotal.objects.filter(kind=kind, locale=locale).values_list("total", flat=True)
    return row.first()


def differences() -> int:
    """Number of pages whose entry differs from a fresh build, plus stored list totals that
    differ from a count (0 when the index is exact)."""
    flush()
    reader = IndexReader()
    with translation.override(reader.ui_language):
        fresh = {
            entry.page_id: (entry, sorted(set(tags)))
            for rows in (_signatory_rows(reader, None), _initiative_rows(reader, None))
            for entry, tags in rows
        }
    fields = [field.attname for field in ApiIndexEntry._meta.concrete_fields]
    stored = {entry.page_id: entry for entry in ApiIndexEntry.objects.prefetch_related("tags")}
    different = set(fresh) ^ set(stored)
    source = Locale.get_default()
    for kind in Kind.values:
        for locale in Locale.objects.all():
            counted = in_language(ApiIndexEntry.objects.filter(kind=kind), locale, source).count()
            if total(kind, locale) != counted:
                different.add(f"total {kind} {locale.language_code}")
    for page_id in set(fresh) & set(stored):
        (new, tags), old = fresh[page_id], stored[page_id]
        if any(getattr(new, name) != getattr(old, name) for name in fields) or tags != sorted(
            tag.slug for tag in old.tags.all()
        ):
            different.add(page_id)
    return len(different)


def rebuild_if_empty(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate``: builds the index once for a site that has pages but no index yet.

    Not after ``migrate pact_pages zero``, which leaves no table to read or build it in.
    """
    tables = set(connections[using].introspection.table_names())
    if not {ApiIndexEntry._meta.db_table, SignatoryPage._meta.db_table} <= tables:
        return
    if not ApiIndexEntry.objects.exists() and SignatoryPage.objects.live().exists():
        rebuild()


# --- Keeping it fresh ------------------------------------------------------------------------

_pending = threading.local()


def _keys() -> set:
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    return _pending.keys


def _related_keys(pages: QuerySet) -> set:
    """The keys of these pages, of their signatories and of their initiatives."""
    rows = list(pages.values_list("translation_key", "path", "content_type__model"))
    keys = {key for key, _path, _model in rows}
    parent_paths = {path[: -Page.steplen] for _key, path, model in rows if model != "signatorypage"}
    signatory_paths = [path for _key, path, model in rows if model == "signatorypage"]
    if parent_paths:
        keys |= set(
            SignatoryPage.objects.filter(path__in=parent_paths).values_list(
                "translation_key", flat=True
            )
        )
    if signatory_paths:
        children = InitiativePage.objects.annotate(parent_path=_parent_of("path")).filter(
            parent_path__in=signatory_paths
        )
        keys |= set(children.values_list("translation_key", flat=True))
    return keys


def note_changed(pages: QuerySet | None = None, keys: Iterable = ()) -> None:
    """Notes that these pages (and what lists them) need their entries rebuilt."""
    pending = _keys()
    pending.update(keys)
    if pages is not None:
        pending.update(_related_keys(pages))
    if pending:
        # robust: a failure is logged, not raised into the request that already committed;
        # the notes stay pending and the next read retries.
        transaction.on_commit(flush, robust=True)


def flush() -> None:
    """Applies the pending notes of this thread (called on commit and before reads)."""
    pending = _keys()
    if not pending:
        return
    keys = set(pending)
    # Translations of the noted pages list each other: rebuild whole translation groups,
    # with their signatories and initiatives.
    keys |= _related_keys(Page.objects.filter(translation_key__in=keys))
    try:
        rebuild(keys)
    except IntegrityError:
        # Another process rebuilt the same entries at the same moment: once more, after it.
        rebuild(keys)
    pending.difference_update(keys)


def entries(kind: str) -> QuerySet:
    """The index rows of ``kind``, fresh for this thread's own changes."""
    flush()
    return ApiIndexEntry.objects.filter(kind=kind)


def in_language(queryset: QuerySet, locale: Locale, source: Locale) -> QuerySet:
    """Each item once: in ``locale`` where translated, in the source language otherwise."""
    if locale.pk == source.pk:
        return queryset.filter(locale=source)
    translated = queryset.filter(locale=locale).values("translation_key")
    return queryset.filter(locale=locale) | queryset.filter(is_source=True).exclude(
        translation_key__in=translated
    )


# --- Filling the placeholders per request ----------------------------------------------------


def _json_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


class Filler:
    """Fills an index item's placeholders for one reader (language and host)."""

    def __init__(self, reader: serializers.Reader):
        self.reader = reader
        self.base = reader.request.build_absolute_uri("/").rstrip("/")
        self._values: dict = {}

    def _value(self, placeholder: str) -> str:
        """The text for a placeholder's inside (``name:arg``), computed once per response."""
        value = self._values.get(placeholder)
        if value is None:
            name, _colon, arg = placeholder.partition(":")
            value = self._values[placeholder] = self._compute(name, arg)
        return value

    def _compute(self, name: str, arg: str) -> str:
        reader = self.reader
        with translation.override(reader.ui_language):
            if name == "B":
                return self.base
            if name == "L":
                return reader.language
            if name == "T":
                return _json_text(str(SignatoryType(arg).label))
            if name == "S":
                return _json_text(str(InitiativeStatus(arg).label))
            if name == "C":
                return _json_text(country_name(arg, reader.language))
            if name == "F":  # without its quotes: cannot happen, fill() replaces them first
                return "true" if arg != reader.language else "false"
            pillar = reader.pillars.get(arg)
            if name == "PN":
                return _json_text(pillar.name if pillar else arg)
            if name == "PC":
                return _json_text(pillar.colour if pillar else "")
        return ""  # not written by IndexReader: cannot happen, never fails a response

    def fill(self, text: str) -> str:
        # The host, the language and the fallback flags are most of the placeholders and take
        # a handful of values: plain replacements (C speed) first. Then the text splits on
        # the marks into literal text (even positions) and placeholders (odd positions).
        text = text.replace(_mark("B"), self.base).replace(_mark("L"), self.reader.language)
        for code in self.reader.codes.values():
            flag = "false" if code == self.reader.language else "true"
            text = text.replace(f'"{_mark("F", code)}"', flag)
        parts = text.split(MARK)
        parts[1::2] = [self._value(placeholder) for placeholder in parts[1::2]]
        return "".join(parts)


# --- Signals ---------------------------------------------------------------------------------

_INDEXED = (SignatoryPage, InitiativePage)


def _page_changed(sender, instance=None, **kwargs):
    page = instance
    if page is None:
        return
    note_changed(Page.objects.filter(pk=page.pk))
    # A page moved away from a signatory: that signatory's count and Ps change too.
    before = kwargs.get("parent_page_before")
    if before is not None:
        note_changed(keys=[before.translation_key])


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and not kwargs.get("raw"):
        keys = {instance.translation_key}
        parent_path = instance.path[: -Page.steplen]
        keys |= set(
            SignatoryPage.objects.filter(path=parent_path).values_list("translation_key", flat=True)
        )
        note_changed(keys=keys)


def _live_page_saved(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, _INDEXED) and instance.live:
        note_changed(Page.objects.filter(pk=instance.pk))


def _link_changed(sender, instance, raw=False, **kwargs):
    # Ps and tags of an initiative saved outside a publish (scripts, imports).
    if raw:
        return
    page_id = getattr(instance, "page_id", None) or getattr(instance, "content_object_id", None)
    if page_id is not None:
        note_changed(Page.objects.filter(pk=page_id))


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    restricted = Page.objects.filter(pk=instance.page_id).first()
    if restricted is not None:
        note_changed(Page.objects.filter(path__startswith=restricted.path))


def _image_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pages = Page.objects.filter(pk__in=InitiativePage.objects.filter(featured_image=instance))
    pages |= Page.objects.filter(pk__in=SignatoryPage.objects.filter(logo=instance))
    note_changed(pages)


def connect(app_config) -> None:
    """Connects the handlers (from ``PactPagesConfig.ready``)."""
    from django.db.models.signals import post_migrate

    post_migrate.connect(rebuild_if_empty, sender=app_config, dispatch_uid="pact_api_index")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pact_api_index_{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="pact_api_index_deleted")
    post_save.connect(_live_page_saved, dispatch_uid="pact_api_index_saved")
    for model in (InitiativePillar, InitiativePageTag):
        post_save.connect(_link_changed, sender=model, dispatch_uid=f"pact_api_link_{model}")
        post_delete.connect(_link_changed, sender=model, dispatch_uid=f"pact_api_unlink_{model}")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"pact_api_restriction_{id(signal)}",
        )
    post_save.connect(_image_changed, sender=get_image_model(), dispatch_uid="pact_api_image")


__all__ = [
    "Filler",
    "IndexReader",
    "connect",
    "differences",
    "entries",
    "flush",
    "in_language",
    "mask_for",
    "note_changed",
    "rebuild",
]
