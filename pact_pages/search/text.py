"""What the index reads of a page, and how words are written for it and for queries."""

import html
import re
from collections.abc import Iterable
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Manager
from django.utils.html import strip_tags
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pact_pages.core.collation import search_text

# Letters and digits: the underscore separates words in both engines' tokenizers.
WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 16  # a longer query only makes the engine work harder; nobody types more

# PostgreSQL's text search configurations (its Snowball stemmers) by language; 'simple'
# (no stemming, no stop words) for the others.
PG_CONFIGS = {
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def pg_config(language_code: str) -> str:
    """The PostgreSQL configuration for a language code ('pt-br' → 'portuguese')."""
    return PG_CONFIGS.get(language_code.split("-")[0].lower(), "simple")


def fold(text: str) -> str:
    """Case and accents folded ("Sécurité" → "securite"), the same for pages and queries: the
    engines then match "securite" and "Sécurité" without an extension (unaccent)."""
    if text.isascii():  # most text: nothing to decompose (a third of the indexing time)
        return " ".join(text.lower().split())
    return search_text(text)


def query_words(query: str) -> list[str]:
    """The folded words of a query. Only words reach the engines: quotes, stars, brackets and
    NUL are operators or errors there, never something a reader means."""
    words: list[str] = []
    for word in WORD.findall(fold(query)):
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    text = str(value)
    if "<" in text:
        text = strip_tags(text)
    return html.unescape(text) if "&" in text else text


@cache
def _plan(model: type[Page]) -> tuple:
    """(search field, its model field or None) of each field a page type searches, resolved
    once per type: Wagtail's ``get_value`` looks the field up again for every page."""
    plan = []
    for field in model.get_search_fields():
        if isinstance(field, index.SearchField):
            try:
                plan.append((field, model._meta.get_field(field.field_name)))
            except FieldDoesNotExist:
                plan.append((field, None))  # a method or property
        elif isinstance(field, index.RelatedFields):
            plan.append((field, None))
    return tuple(plan)


def _value(page: Page, field: index.SearchField, model_field):
    if model_field is None:
        value = getattr(page, field.field_name, None)
        return value() if callable(value) else value
    value = model_field.value_from_object(page)
    if hasattr(model_field, "get_searchable_content"):  # StreamField: its blocks' text
        return model_field.get_searchable_content(value)
    return value


def _related_text(page: Page, field: index.RelatedFields) -> Iterable[str]:
    related = field.get_value(page)
    if related is None:
        return
    objects = related.all() if isinstance(related, Manager) else [related]
    for obj in objects:
        for sub_field in field.fields:
            if isinstance(sub_field, index.SearchField):
                yield _plain(sub_field.get_value(obj))


def page_text(page: Page, related: dict[str, list[str]] | None = None) -> tuple[str, str]:
    """(title, body) of ``page`` as its ``search_fields`` declare them, folded.

    ``related`` gives the texts of related fields the caller already holds (an initiative's
    tag names, prefetched), instead of a query per page.
    """
    related = related or {}
    title, body = [], []
    for field, model_field in _plan(type(page)):
        if isinstance(field, index.SearchField):
            text = _plain(_value(page, field, model_field))
            (title if field.field_name == "title" else body).append(text)
        elif isinstance(field, index.RelatedFields):
            if field.field_name in related:
                body.extend(related[field.field_name])
            else:
                body.extend(_related_text(page, field))
    return fold(" ".join(title)), fold(" ".join(body))


def summary_of(page: Page) -> str:
    """The text a result's snippet is cut from: the summary (initiatives) or the
    introduction (signatories, plain pages), as plain text."""
    for name in ("summary", "introduction"):
        text = getattr(page, name, "")
        if text:
            field = page._meta.get_field(name)
            return strip_tags(text) if isinstance(field, RichTextField) else str(text)
    return ""
