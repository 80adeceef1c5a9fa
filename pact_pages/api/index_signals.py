"""Keeps the read index (:mod:`.index`) fresh: signal handlers note the translation keys of
the pages that changed; the notes are applied when the transaction commits, and before any
read from the index in the same thread. Connected in ``PactPagesConfig.ready``."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pact_pages.api import index_counts, title_indexes
from pact_pages.api.index import flush, in_language, note_changed, rebuild_if_empty
from pact_pages.core.plugin_content import (
    concerns_plugin,
    is_plugin_page,
    plugin_has_pages,
    plugin_pages_under,
)
from pact_pages.core.signals import index_read
from pact_pages.events.models import EventPage
from pact_pages.initiatives.models import (
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
)
from pact_pages.search.backends import extra_page_models
from pact_pages.signatories.models import SignatoryPage

# Events have search rows only (index_search), kept fresh the same way.
_INDEXED = (SignatoryPage, InitiativePage, EventPage)
# What save_revision (a draft), a lock or a comment writes to a live page: no index entry
# reads them, only the live content does.
_DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        COMMENTS_RELATION_NAME,
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _changes_live_content(kwargs: dict) -> bool:
    fields = kwargs.get("update_fields")
    return fields is None or not set(fields) <= _DRAFT_FIELDS


def _page_changed(sender, instance=None, **kwargs):
    page = instance
    if not concerns_plugin(page):  # a host's own page: nothing of the index shows it
        return
    note_changed(Page.objects.filter(pk=page.pk))
    # A page moved away from a signatory: that signatory's count and Ps change too.
    before = kwargs.get("parent_page_before")
    if before is not None:
        note_changed(keys=[before.translation_key])


def _urls_changed(sender, instance=None, **kwargs):
    # A page moved or given a new slug: the entries of the plugin's pages under it hold their
    # old URLs (a host's section holding the directory, the directory, a signatory).
    if instance is not None:
        note_changed(plugin_pages_under(instance))


def _page_deleted(sender, instance, **kwargs):
    # A host page's plugin descendants are deleted with it and send their own signal.
    if is_plugin_page(instance) and not kwargs.get("raw"):
        keys = {instance.translation_key}
        parent_path = instance.path[: -Page.steplen]
        keys |= set(
            SignatoryPage.objects.filter(path=parent_path).values_list("translation_key", flat=True)
        )
        note_changed(keys=keys)


def _page_deleting(sender, instance, origin=None, **kwargs):
    index_counts.page_deleting(instance, origin, in_language)


def _live_page_saved(sender, instance, raw=False, **kwargs):
    if raw or not _changes_live_content(kwargs):
        return
    if isinstance(instance, _INDEXED) and instance.live:
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
    if concerns_plugin(restricted):
        note_changed(Page.objects.filter(path__startswith=restricted.path))


def _image_changed(sender, instance, raw=False, **kwargs):
    # Without plugin pages (after migrate pact_pages zero, its tables gone) no image is its.
    if raw or not plugin_has_pages():
        return
    pages = Page.objects.filter(pk__in=InitiativePage.objects.filter(featured_image=instance))
    pages |= Page.objects.filter(pk__in=SignatoryPage.objects.filter(logo=instance))
    note_changed(pages)


# --- Host pages the site search finds (PACT_SEARCH_EXTRA_PAGE_MODELS): their search rows ----


def _is_searchable_host_page(instance) -> bool:
    if not isinstance(instance, Page):  # post_save and post_delete: any model's
        return False
    models = tuple(extra_page_models())
    return bool(models) and isinstance(instance, models)


def _host_page_changed(sender, instance=None, **kwargs):
    # Published, unpublished, deleted, or saved while live (scripts, imports, tests).
    if kwargs.get("raw") or not _is_searchable_host_page(instance):
        return
    if kwargs.get("signal") is post_save and not (instance.live and _changes_live_content(kwargs)):
        return
    note_changed(keys=[instance.translation_key])


def _host_pages_under(sender, instance=None, **kwargs):
    # Moved or renamed (their addresses change), or restricted: the host's searchable pages
    # at or below the page. A restriction's page is its ``page``.
    page = getattr(instance, "page", instance)
    models = extra_page_models()
    if kwargs.get("raw") or not isinstance(page, Page) or not models:
        return
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    under = Page.objects.filter(path__startswith=page.path, content_type__in=list(types))
    note_changed(keys=set(under.values_list("translation_key", flat=True)))


def _flush_before_read(sender, **kwargs):
    # The listings below the API (pact_pages.signatories.queries) read the index too.
    flush()


def _acts_on_indexed_page(action) -> bool:
    # Publish and unpublish actions hold the page as ``object``, a move as ``page``.
    page = getattr(action, "page", None) or getattr(action, "object", None)
    if not isinstance(page, Page):
        return False
    return issubclass(page.specific_class or type(page), _INDEXED)


def _in_one_transaction(action_class: type) -> None:
    """Runs the Wagtail action's ``execute`` in one transaction (as Wagtail's delete does).

    Wagtail publishes, unpublishes and moves outside a transaction: the page's save, its
    signal and each alias's save and signal committed one by one, and each commit rebuilt
    the same translation groups again (three rebuilds for one publish, more with aliases).
    Within one transaction, the notes are applied once, when it commits. Only for the
    plugin's own page types: a host's pages are published exactly as Wagtail does it.
    """
    execute = action_class.execute
    if getattr(execute, "pact_atomic", False):
        return

    @functools.wraps(execute)
    def atomic_execute(self, *args, **kwargs):
        if not _acts_on_indexed_page(self):
            return execute(self, *args, **kwargs)
        with transaction.atomic():
            return execute(self, *args, **kwargs)

    atomic_execute.pact_atomic = True
    action_class.execute = atomic_execute


def connect(app_config) -> None:
    """Connects the handlers (from ``PactPagesConfig.ready``)."""
    from django.db.models.signals import post_migrate

    for action_class in (PublishPageRevisionAction, UnpublishPageAction, MovePageAction):
        _in_one_transaction(action_class)

    post_migrate.connect(rebuild_if_empty, sender=app_config, dispatch_uid="pact_api_index")
    # The lists' title indexes, for a content language added since the last migrate.
    post_migrate.connect(
        title_indexes.ensure, sender=app_config, dispatch_uid="pact_api_title_indexes"
    )
    index_read.connect(_flush_before_read, dispatch_uid="pact_api_index_read")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pact_api_index_{id(signal)}")
    for signal in (post_page_move, page_slug_changed):
        signal.connect(_urls_changed, dispatch_uid=f"pact_api_index_urls_{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="pact_api_index_deleted")
    # A deleted page's index rows go with it, before any rebuild: the counts follow.
    pre_delete.connect(_page_deleting, sender=Page, dispatch_uid="pact_api_counts")
    post_delete.connect(index_counts.page_deleted, sender=Page, dispatch_uid="pact_api_counts")
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
    for signal in (page_published, page_unpublished, post_delete, post_save):
        signal.connect(_host_page_changed, dispatch_uid=f"pact_search_host_{id(signal)}")
    for signal in (post_page_move, page_slug_changed):
        signal.connect(_host_pages_under, dispatch_uid=f"pact_search_host_under_{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(
            _host_pages_under,
            sender=PageViewRestriction,
            dispatch_uid=f"pact_search_host_restriction_{id(signal)}",
        )
