"""The querysets of the translation work list, one locale at a time.

Each is one query (plus a count for its paginator), whatever the number of pages: the
statuses come from subqueries, not from a query per row.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import Locale, Page, TaskState, WorkflowState

from pact_pages.core.fallbacks import translated_copy_q
from pact_pages.core.page_rules import page_rule_apps
from pact_pages.pillars.models import Pillar
from pact_pages.translation.rules import without_hidden_pages
from pact_pages.translation.translators import out_of_date_translations

# Counts stop here ("1000+"): a translator needs the order of magnitude, and counting every
# untranslated page of a large site on every request costs more than the page of rows.
COUNT_CAP = 1000

# The work list's "Show" choices: kind → its page models (app label, model name).
PAGE_KINDS = {
    "signatory": (("pact_pages", "signatorypage"),),
    "initiative": (("pact_pages", "initiativepage"),),
    "event": (("pact_pages", "eventpage"),),
    "follow_up": (
        ("pact_pages", "actionplanpage"),
        ("pact_pages", "progressreportpage"),
        ("pact_pages", "reportingroundpage"),
    ),
}


def _of_models(models: tuple[tuple[str, str], ...]) -> Q:
    found = Q(pk__in=[])
    for app_label, model in models:
        found |= Q(content_type__app_label=app_label, content_type__model=model)
    return found


def to_translate(locale: Locale, kind: str = "", query: str = "") -> QuerySet:
    """Live pages of the source language with no translation (draft or live) in ``locale``.

    A fallback copy (an alias made for a translated child) does not count as a translation.
    """
    source = Locale.get_default()
    # NOT EXISTS, looked up per row on (translation_key, locale): a page of rows and a capped
    # count stop early instead of reading every translation of the locale first.
    begun = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=locale).exclude(
        translated_copy_q()
    )
    pages = (
        Page.objects.live()
        .filter(locale=source, depth__gt=1, alias_of__isnull=True)
        .exclude(Exists(begun))
    )
    return _narrowed(pages, kind, query).order_by("path")


def _narrowed(pages: QuerySet, kind: str, query: str) -> QuerySet:
    # The plugin's pages (and those of an app that follows its rules): a host's own pages
    # are not its translators' work (pact_pages.core.page_rules).
    pages = pages.filter(content_type__app_label__in=page_rule_apps())
    if kind in PAGE_KINDS:
        pages = pages.filter(_of_models(PAGE_KINDS[kind]))
    elif kind == "other":
        pages = pages.exclude(_of_models(tuple(m for ms in PAGE_KINDS.values() for m in ms)))
    if query:
        pages = pages.filter(title__icontains=query)
    return pages


def in_progress(locale: Locale, kind: str = "", query: str = "") -> QuerySet:
    """Translations in ``locale`` with changes not yet published, with their moderation
    status and the moderator's last comment when changes were requested."""
    pages = (
        Page.objects.filter(locale=locale)
        .exclude(translated_copy_q())
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
    )
    return with_moderation(_narrowed(pages, kind, query)).order_by("-latest_revision_created_at")


def with_moderation(pages: QuerySet) -> QuerySet:
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
    )
    comments = (
        TaskState.objects.filter(
            workflow_state__base_content_type=page_type,
            workflow_state__object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status=TaskState.STATUS_REJECTED,
        )
        .exclude(comment="")
        .order_by("-finished_at")
    )
    return pages.annotate(
        moderation=Subquery(states.values("status")[:1]),
        moderator_comment=Subquery(comments.values("comment")[:1]),
    )


def out_of_date(locale: Locale, kind: str = "", query: str = "") -> QuerySet:
    return _narrowed(out_of_date_translations([locale]), kind, query)


def pillars_to_translate(locale: Locale) -> QuerySet:
    source = Locale.get_default()
    done = Pillar.objects.filter(locale=locale).values("translation_key")
    return Pillar.objects.filter(locale=source).exclude(translation_key__in=done)


def capped_count(queryset: QuerySet) -> int:
    """The number of rows, counted up to ``COUNT_CAP + 1`` only."""
    return queryset.order_by()[: COUNT_CAP + 1].count()


def count_label(count: int) -> str:
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


def tabs(user, locale: Locale, kind: str = "", query: str = "") -> dict[str, QuerySet]:
    """The work list's three tabs for ``user`` (the list and the dashboard's summary)."""
    return {
        # Live pages of the source language only: none is hidden from anyone.
        "missing": to_translate(locale, kind, query),
        "outdated": without_hidden_pages(user, out_of_date(locale, kind, query)),
        "progress": without_hidden_pages(user, in_progress(locale, kind, query)),
    }
