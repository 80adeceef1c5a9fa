"""The read index's items with placeholders: written once by :class:`IndexReader`, filled per
request by :class:`Filler` (see :mod:`.index` for why).

Placeholders are delimited by U+0001, which JSON always escapes inside strings
(``\\u0001``) and which is removed from content before serialising (:func:`_clean`): a raw
one in the stored JSON can only come from here.
"""

import json
import re
from urllib.parse import quote

from django.urls import reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from ninja.responses import NinjaJSONEncoder
from wagtail.models import Locale, Page, Site

from pact_pages.api import serializers
from pact_pages.core.countries import country_name
from pact_pages.core.fallbacks import translated_copy_q
from pact_pages.initiatives.models import (
    InitiativeStatus,
)
from pact_pages.signatories.models import SignatoryType

MARK = "\x01"


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
