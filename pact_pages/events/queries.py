"""Event listings (calendar, feeds, API, map, home page) with a fixed number of queries,
whatever the number of events.

Public events are those a reader without an account may see: published, under no view
restriction, under a published signatory (or calendar) page; each event once, in the reader's
language where translated and in the source language otherwise (as initiatives,
:func:`pact_pages.core.queries.prefer_locale`). Drafts never appear: only live pages do.

The page classes render these listings and import this module: models by name.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from pact_pages.core.fallbacks import stands_in_for_live_source
from pact_pages.core.queries import (
    _parent_path,
    children_of_any_translation,
    from_own_table,
    prefer_locale,
    public,
)
from pact_pages.pillars.queries import pillars_by_slug
from pact_pages.signatories.models import SignatoryPage


def _model(name: str):
    return apps.get_model("pact_pages", name)


def public_events(locale: Locale | None = None) -> QuerySet:
    """Live, public events under a live parent, each once in ``locale`` (or the source)."""
    live_parent = Page.objects.filter(path=_parent_path()).filter(stands_in_for_live_source())
    events = public(from_own_table(_model("EventPage").objects.live())).filter(Exists(live_parent))
    return prefer_locale(events, locale)


def for_listing(events: QuerySet) -> QuerySet:
    """``events`` with their Ps and tags prefetched (two queries for any number of rows)."""
    pillar_links = _model("EventPillar").objects.select_related("pillar").order_by("sort_order")
    tagged = _model("EventPageTag").objects.select_related("tag").order_by("pk")
    return events.prefetch_related(
        Prefetch("pillar_links", queryset=pillar_links),
        Prefetch("tagged_items", queryset=tagged),
    )


def upcoming(
    locale: Locale | None = None, limit: int | None = None, now: datetime.datetime | None = None
) -> list:
    """Events not over yet, soonest first, decorated (``signatory``, ``pillars``)."""
    events = for_listing(upcoming_events(public_events(locale), now))
    return decorate(events[:limit] if limit else events, locale)


def past(locale: Locale | None = None, now: datetime.datetime | None = None) -> QuerySet:
    """Events over, latest first (a queryset: callers page it, then :func:`decorate`)."""
    return for_listing(past_events(public_events(locale), now))


def _not_over(now: datetime.datetime | None) -> Q:
    # An all-day event's end is the local midnight that starts its last day: it runs until
    # that day is over (a day later, near enough across a clock change).
    now = now or timezone.now()
    return Q(end__gte=now) | Q(all_day=True, end__gt=now - datetime.timedelta(days=1))


def upcoming_events(events: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
    return events.filter(_not_over(now)).order_by("start", "pk")


def past_events(events: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
    return events.exclude(_not_over(now)).order_by("-start", "-pk")


def of_signatory(events: QuerySet, signatory: Page) -> QuerySet:
    """Events published under ``signatory`` or any of its translations."""
    return children_of_any_translation(events, signatory)


def with_any_pillar(events: QuerySet, slugs: Sequence[str]) -> QuerySet:
    links = _model("EventPillar").objects.filter(page=OuterRef("pk"), pillar__slug__in=slugs)
    return events.filter(Exists(links))


def in_countries(events: QuerySet, countries: Sequence[str]) -> QuerySet:
    """Events of a signatory (the parent page) in one of ``countries``."""
    parents = SignatoryPage.objects.filter(country__in=countries, path=_parent_path())
    return events.filter(Exists(parents))


def of_attendance(events: QuerySet, kind: str) -> QuerySet:
    """``online``: online and hybrid events; ``in_person``: in person and hybrid ones."""
    if kind == "online":
        return events.filter(attendance__in=("online", "hybrid"))
    if kind == "in_person":
        return events.filter(attendance__in=("in_person", "hybrid"))
    return events


def overlapping(events: QuerySet, first: datetime.datetime, after: datetime.datetime) -> QuerySet:
    """Events taking place at some time in [first, after)."""
    return events.filter(start__lt=after, end__gte=first)


def matching(events: QuerySet, text: str) -> QuerySet:
    """Events whose title, summary or address holds ``text`` (each word, any case)."""
    for word in text.split()[:8]:
        events = events.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(address__icontains=word)
        )
    return events


def decorate(events: Iterable, locale: Locale | None = None, pillars: dict | None = None) -> list:
    """Sets ``signatory`` (None for the calendar's own events) and ``pillars`` (in the
    reader's locale) on a page of results: one query for the parents, one for the Ps."""
    events = list(events)
    parent_paths = {event.path[: -Page.steplen] for event in events}
    parents = {}
    if parent_paths:
        parents = {page.path: page for page in SignatoryPage.objects.filter(path__in=parent_paths)}
    if pillars is None and events:
        pillars = pillars_by_slug(locale or Locale.get_default())
    for event in events:
        event.signatory = parents.get(event.path[: -Page.steplen])
        event.pillars = [
            pillars.get(link.pillar.slug, link.pillar) for link in event.pillar_links.all()
        ]
    return events
