"""A page's view restrictions are the same in every locale (issue 14).

Each locale has its own page tree (wagtail-localize), and Wagtail's restrictions work by
tree path: a password on the English page left its French and German translations, their
subpages, their API entries, feeds, sitemap and search results public. Here a page's
"family" is the page, its translations (same ``translation_key``) and the aliases of any of
them (an alias serves the same content at another address); every member carries the same
restrictions, as separate ``PageViewRestriction`` rows:

* a restriction created, changed (type, password, groups) or deleted on a page is mirrored
  onto the rest of its family, from the privacy modal of any locale;
* a page that joins a family later (``copy_for_translation``, an alias, a page created with
  that translation key) gets its family's restrictions, all of them if they ever differ
  (never fewer restrictions than any member had);
* a page moved in the admin under a restricted parent: a translation that could not follow
  (pact_pages.translation.hooks) gets those restrictions as its own (``cover_moved``).

The mirrored rows fire the usual signals, so the CDN purges (``pact_pages.public.frontend_cache``)
and the API index follow each translation; this module ignores its own writes (a
thread-local guard). Deleting a page (which deletes its restrictions) never lifts the
restrictions of its translations.

The plugin's pages only, and those of the apps that ask for its rules
(``pact_pages.core.page_rules``): a host's own pages keep Wagtail's rule, one locale's
restriction on that locale's tree.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from pact_pages.core.page_rules import follows_page_rules

# A restriction as mirrored: its type, its password, its group ids.
Signature = tuple[str, str, frozenset[int]]

_state = threading.local()
# The attribute of a new page's object holding the rows it was given at creation.
PROVISIONAL = "_pact_provisional_restrictions"


def _paused() -> bool:
    return getattr(_state, "depth", 0) > 0


@contextmanager
def paused() -> Iterator[None]:
    """Writes inside are not mirrored (this module's own, and a migration's set-up)."""
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1


def family(page: Page) -> list[Page]:
    """The page's translations and aliases (and theirs), without the page itself."""
    pages = {page.pk: page}
    keys, ids = {page.translation_key}, {page.pk}
    originals = {page.alias_of_id} - {None}
    while True:
        found = Page.objects.filter(
            Q(translation_key__in=keys) | Q(alias_of_id__in=ids) | Q(pk__in=originals)
        ).exclude(pk__in=ids)
        new = list(found)
        if not new:
            break
        for member in new:
            pages[member.pk] = member
            keys.add(member.translation_key)
            ids.add(member.pk)
            if member.alias_of_id:
                originals.add(member.alias_of_id)
    return [member for pk, member in sorted(pages.items()) if pk != page.pk]


def signatures(page: Page) -> list[Signature]:
    """The page's own restrictions, oldest first, without repeats."""
    found: list[Signature] = []
    for restriction in page.view_restrictions.order_by("pk").prefetch_related("groups"):
        signature = _signature(restriction)
        if signature not in found:
            found.append(signature)
    return found


def _signature(restriction: PageViewRestriction) -> Signature:
    groups = frozenset(group.pk for group in restriction.groups.all())
    return (restriction.restriction_type, restriction.password, groups)


def apply(page: Page, wanted: list[Signature]) -> None:
    """Makes ``page``'s own restrictions exactly ``wanted``, keeping the rows it has (a
    visitor who unlocked one keeps it while its password is unchanged)."""
    existing = list(page.view_restrictions.order_by("pk").prefetch_related("groups"))
    with paused():
        for restriction, (kind, password, groups) in zip(existing, wanted, strict=False):
            if (restriction.restriction_type, restriction.password) != (kind, password):
                restriction.restriction_type, restriction.password = kind, password
                restriction.save()
            if frozenset(group.pk for group in restriction.groups.all()) != groups:
                restriction.groups.set(groups)
        for kind, password, groups in wanted[len(existing) :]:
            restriction = PageViewRestriction(page=page, restriction_type=kind, password=password)
            restriction.save()
            restriction.groups.set(groups)
        for restriction in existing[len(wanted) :]:
            restriction.delete()


@transaction.atomic
def mirror_from(page: Page) -> None:
    """Gives ``page``'s family exactly ``page``'s restrictions (it was just changed)."""
    wanted = signatures(page)
    for member in family(page):
        apply(member, wanted)


def union(pages: Iterable[Page]) -> list[Signature]:
    found: list[Signature] = []
    for page in pages:
        found += [signature for signature in signatures(page) if signature not in found]
    return found


def _effective(page: Page) -> set[Signature]:
    """The restrictions ``page`` is under: its own and its ancestors'."""
    return {_signature(r) for r in page.get_view_restrictions().prefetch_related("groups")}


@hooks.register("after_move_page")
def cover_moved(request, page: Page) -> None:
    """After a move in the admin: a translation left under its old parent (its locale has no
    translation of the destination) gets, as its own, the restrictions the page now has from
    its new ancestors, so that a translation of a closed page never stays public."""
    if not follows_page_rules(page):
        return
    needed = _effective(page)
    with transaction.atomic():
        for member in family(page) if needed else []:
            missing = needed - _effective(member)
            if missing:
                apply(member, signatures(member) + sorted(missing, key=_order))


def _order(signature: Signature) -> tuple:
    kind, password, groups = signature
    return kind, password, sorted(groups)


def _restriction_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or _paused():
        return
    if created and _replaces_provisional(instance):
        return
    _mirror_restricted_page(instance.page_id)


def _replaces_provisional(restriction: PageViewRestriction) -> bool:
    """Wagtail's copy and alias actions copy the source page's own restrictions onto the new
    page after saving it, when this module has already given it its family's: the copy
    takes the place of the row it repeats (its groups follow, through ``_groups_changed``),
    so that a visitor is not asked for the same password twice.

    The rows given at creation are kept on the new page's object (``_page_saved``), which
    those actions hand to the restrictions they make: nothing outlives the request."""
    if not PageViewRestriction.page.is_cached(restriction):
        return False
    ids = getattr(restriction.page, PROVISIONAL, [])
    key = (restriction.restriction_type, restriction.password)
    for old in PageViewRestriction.objects.filter(pk__in=ids).exclude(pk=restriction.pk):
        if (old.restriction_type, old.password) == key:
            ids.remove(old.pk)
            with paused():
                old.delete()
            return True
    return False


def _restriction_deleted(sender, instance, origin=None, **kwargs) -> None:
    # A page being deleted takes its restrictions along: its translations keep theirs.
    if _paused() or _deleting_pages(origin):
        return
    _mirror_restricted_page(instance.page_id)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if _paused() or not action.startswith("post_"):
        if action == "pre_clear" and reverse:
            instance._pact_cleared_restrictions = list(
                PageViewRestriction.objects.filter(groups=instance).values_list("pk", flat=True)
            )
        return
    if not reverse:
        _mirror_restricted_page(instance.page_id)
        return
    ids = pk_set if pk_set is not None else getattr(instance, "_pact_cleared_restrictions", [])
    page_ids = PageViewRestriction.objects.filter(pk__in=ids).values_list("page_id", flat=True)
    for page_id in set(page_ids):
        _mirror_restricted_page(page_id)


def _mirror_restricted_page(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if follows_page_rules(page):
        mirror_from(page)


def _page_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A new page joins its family's restrictions (its translations' and aliases')."""
    if raw or not created or _paused() or not isinstance(instance, Page):
        return
    if not follows_page_rules(instance):
        return
    members = family(instance)
    if not union(members):
        return
    apply(instance, union([instance, *members]))
    setattr(instance, PROVISIONAL, list(instance.view_restrictions.values_list("pk", flat=True)))


def _deleting_pages(origin) -> bool:
    """Whether a deletion started from a page (or pages) rather than from a restriction."""
    if isinstance(origin, QuerySet):
        return issubclass(origin.model, Page)
    return isinstance(origin, Page)


def connect_signals() -> None:
    """Connects the receivers (from ``PactPagesConfig.ready``)."""
    uid = "pact_privacy_sync"
    post_save.connect(_restriction_saved, sender=PageViewRestriction, dispatch_uid=f"{uid}_save")
    post_delete.connect(
        _restriction_deleted, sender=PageViewRestriction, dispatch_uid=f"{uid}_delete"
    )
    m2m_changed.connect(
        _groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid=f"{uid}_groups"
    )
    post_save.connect(_page_saved, dispatch_uid=f"{uid}_page")
