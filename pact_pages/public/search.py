"""The public search page: signatories, initiatives and plain pages, in the reader's language.

Results come from the plugin's search index (pact_pages.search), best first, each drawn from
its index row (title, summary, address): no page is loaded to show them. With a search
backend that is not a database one (Elasticsearch/OpenSearch), Wagtail's ``search()`` runs
over the same live, public pages instead. Either way the words of the query are marked
here, on escaped text.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from pact_pages.api.index import flush
from pact_pages.conf import pact_setting
from pact_pages.core import layout_cache
from pact_pages.core.fallbacks import content_locale_id
from pact_pages.core.queries import default_locale, prefer_locale, public
from pact_pages.core.reader_links import in_reader_language, locale_codes, reader_page_url
from pact_pages.core.search_throttle import is_search, page_refusal, search_allowed
from pact_pages.core.templating import base_template_context
from pact_pages.events.models import EventPage
from pact_pages.events.queries import public_events
from pact_pages.initiatives.queries import live_initiatives
from pact_pages.search.backends import extra_page_models, uses_own_index
from pact_pages.search.models import SearchEntry
from pact_pages.search.query import Hits, Match
from pact_pages.search.text import query_words, summary_of
from pact_pages.signatories.queries import live_signatories

MAX_QUERY_LENGTH = 200  # longer input is cut: nobody types more, and the index need not see it
SNIPPET_LENGTH = 240
WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so that "securite" marks "Sécurité"."""
    if text.isascii():  # most words: nothing to decompose (highlight folds every word)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_terms(query: str) -> list[str]:
    """The words of the query, folded, each reduced by a plural "s" so "clubs" marks "club"."""
    terms = []
    for word in WORD.findall(_fold(query)):
        if len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        if word not in terms:
            terms.append(word)
    return terms


def _matches(word: str, terms: list[str]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(term) for term in terms)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with each word that starts with a query word inside <mark>."""
    parts, position = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(), terms):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    # Every piece of the reader's or the editor's text went through escape() above.
    return mark_safe("".join(parts))  # noqa: S308


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """About ``length`` characters of ``text`` around its first matching word."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    first = next((m.start() for m in WORD.finditer(text) if _matches(m.group(), terms)), 0)
    start = max(0, first - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # cut between words
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def searchable_pages(locale: Locale | None) -> QuerySet:
    """Every page a reader may find: the same live, public querysets as the listings.

    Initiatives of an unpublished signatory, drafts and view-restricted pages are left out
    here, before the search, so that they count neither in results nor in the total.
    """
    allowed = (
        Q(pk__in=live_signatories(locale).values("pk"))
        | Q(pk__in=live_initiatives(locale).values("pk"))
        | Q(pk__in=public_events(locale).values("pk"))
    )
    for model in extra_page_models():
        extra = prefer_locale(public(model.objects.live()), locale)
        allowed |= Q(pk__in=extra.values("pk"))
    return Page.objects.filter(allowed)


@dataclass
class Result:
    kind: str
    title: SafeString
    snippet: SafeString
    url: str
    locale_id: int  # of the result's text (for its ``lang``)


KIND_LABELS = {
    SearchEntry.Kind.SIGNATORY: _("Signatory"),
    SearchEntry.Kind.INITIATIVE: _("Initiative"),
    SearchEntry.Kind.PAGE: _("Page"),
}
# Events are "page" rows of the index (pact_pages.api.index_search); their results say so.
EVENT_LABEL = _("Event")


def type_label(page: Page) -> str:
    from pact_pages.initiatives.models import InitiativePage
    from pact_pages.signatories.models import SignatoryPage

    if isinstance(page, SignatoryPage):
        return KIND_LABELS[SearchEntry.Kind.SIGNATORY]
    if isinstance(page, InitiativePage):
        return KIND_LABELS[SearchEntry.Kind.INITIATIVE]
    if isinstance(page, EventPage):
        return EVENT_LABEL
    return KIND_LABELS[SearchEntry.Kind.PAGE]


def to_result(request, page: Page, terms: list[str]) -> Result:
    """A result from a page (through Wagtail's search backend)."""
    return Result(
        kind=type_label(page),
        title=highlight(page.title, terms),
        snippet=highlight(snippet(summary_of(page), terms), terms),
        url=reader_page_url(request, page),
        locale_id=content_locale_id(page),
    )


def hit_result(request, hit, terms: list[str], events: frozenset = frozenset()) -> Result:
    """A result from the plugin's index row: no page loaded (``events``: the ids of the
    page rows that are events)."""
    language = locale_codes(request).get(hit.locale_id)
    return Result(
        kind=EVENT_LABEL if hit.page_id in events else KIND_LABELS[hit.kind],
        title=highlight(hit.title, terms),
        snippet=highlight(snippet(hit.summary, terms), terms),
        url=in_reader_language(hit.url, language),
        locale_id=hit.locale_id,
    )


def specific_pages(pages) -> list[Page]:
    """The specific pages (summary, introduction) of a page of results, in the same order.

    The search backend returns base pages whatever the queryset asked; one query per page type.
    """
    ids = [page.pk for page in pages]
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


def _found(query: str, words: str, own: bool):
    """What a reader finds, best first: index rows (own index) or pages (Wagtail's)."""
    if not words:
        return []
    if own:
        # query_words() keeps letters and digits only: "_" is a word character to the pattern
        # above but no word to the index (FTS5 refuses an empty MATCH).
        terms = query_words(query)
        if not terms:
            return []
        flush()  # this thread's own changes first (a script, a test)
        return Hits(Match(terms, _reader_locale(), default_locale()))
    return searchable_pages(_reader_locale()).search(words, operator="and")


def _reader_locale() -> Locale:
    """``Locale.get_active()`` from the layout's cache (a query fewer a search): the default
    locale where the reader's language has none, as Wagtail's."""
    try:
        return layout_cache.active_locale()
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def search(request):
    if is_search(request) and not search_allowed(request):
        return page_refusal(request)
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    # Only words reach the search backend: quotes, brackets and stars are full-text operators
    # in SQLite's FTS5 and make it fail.
    words = " ".join(WORD.findall(query))
    site = Site.find_for_request(request)
    context = {
        "query": query,
        "page_obj": None,
        "results": [],
        # The header's menu, which takes it from the page on page views.
        "nav_root": site.root_page.localized if site else None,
    }
    if query:
        per_page = pact_setting("PACT_SEARCH_RESULTS_PER_PAGE")
        own = uses_own_index()
        paginator = Paginator(_found(query, words, own), per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        terms = query_terms(words)
        if own:
            # One query for the page of results: which of its "page" rows are events.
            pages = [hit.page_id for hit in page_obj if hit.kind == SearchEntry.Kind.PAGE]
            ids = EventPage.objects.filter(pk__in=pages).values_list("pk", flat=True)
            events = frozenset(ids) if pages else frozenset()
            results = [hit_result(request, hit, terms, events) for hit in page_obj]
        else:
            results = [to_result(request, page, terms) for page in specific_pages(page_obj)]
        # Beyond COUNT_LIMIT matches the index stops counting: "more than 1,000 results".
        capped = getattr(paginator.object_list, "capped", False)
        context.update(page_obj=page_obj, paginator=paginator, results=results, capped=capped)
    context.update(base_template_context())
    return render(request, "pact_pages/search.html", context)
