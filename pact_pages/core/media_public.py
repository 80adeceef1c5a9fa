"""Which uploaded files the public may reach: those a live, public page uses.

A file (image or document) is public once a page that anonymous readers can see refers to
it: the page is live, has no view restriction (nor has any ancestor), and every ancestor is
live (a signatory taken down takes its initiatives' files down too). "Refers to" is read
from Wagtail's ``ReferenceIndex``, which indexes each page's database row: for a live page
that row is the published content (drafts live in revisions and are never indexed), for a
never-published page it is its first draft, which the ``live`` condition leaves out.

Which files wait for such a page is the caller's choice (``guarded``: a query of
collections, None for all of them): the plugin's collections by default, every file with
``PACT_GUARDED_MEDIA = "all"`` (``pact_pages.signatories.media_scope``). A file outside them
is public as Wagtail has it.

Documents in a collection with a view restriction are never public (Wagtail asks for the
collection's password or sign-in before serving them; the public APIs leave them out).

Everyone else who may see a file anyway: whoever uploaded it, the editors of its
signatory's collection and moderators (their collection permissions), superusers.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from pact_pages.core.queries import public

MANAGE_ACTIONS = ("change", "choose", "delete")


def public_pages() -> QuerySet:
    """Live pages anonymous readers can see: no restriction, no unpublished ancestor."""
    # Unpublished pages with children: the only ones that can hide a live descendant
    # (a handful, whatever the number of drafts).
    dead_paths = Page.objects.filter(live=False, depth__gt=1, numchild__gt=0).values_list(
        "path", flat=True
    )
    under_dead = Q()
    for path in dead_paths:
        under_dead |= Q(path__startswith=path)
    pages = public(Page.objects.live())
    return pages.exclude(under_dead) if under_dead else pages


def public_files(
    queryset: QuerySet,
    restricted_collections: bool = False,
    for_search: bool = False,
    guarded: QuerySet | None = None,
) -> QuerySet:
    """``queryset`` (images or documents) narrowed to the files a public page uses, or that
    are outside the ``guarded`` collections; documents of restricted collections only with
    ``restricted_collections`` (the download view then asks for the collection's password or
    sign-in, as Wagtail does). ``for_search``: plain ids instead of subqueries, which the
    search backends cannot filter on."""
    model = queryset.model
    used = _used(model).annotate(file_id=Cast("to_object_id", IntegerField())).values("file_id")
    if for_search:
        used = list(used.values_list("file_id", flat=True))
    shown = Q(pk__in=used)
    if guarded is not None:
        if for_search:
            guarded = list(guarded.values_list("pk", flat=True))
        shown |= ~Q(collection__in=guarded)
    files = queryset.filter(shown)
    if _is_document(model) and not restricted_collections:
        files = files.exclude(collection__in=_restricted_collection_ids())
    return files


def _used(model) -> QuerySet:
    """The reference index's rows from public pages to files of ``model``."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_pages().annotate(key=Cast("pk", CharField())).values("key"),
        to_content_type=ContentType.objects.get_for_model(model),
    )


def _restricted_collection_ids() -> list[int]:
    """Collections under a view restriction, with their sub-collections (Wagtail's rule)."""
    restricted = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(path__startswith=path)
    if not restricted:
        return []
    return list(Collection.objects.filter(restricted).values_list("pk", flat=True))


def _is_document(model) -> bool:
    from wagtail.documents import get_document_model

    return issubclass(model, get_document_model())


def is_guarded(file, guarded: QuerySet | None = None) -> bool:
    """Whether ``file`` waits for a public page (it is in the ``guarded`` collections)."""
    return guarded is None or guarded.filter(pk=file.collection_id).exists()


def is_public(file, guarded: QuerySet | None = None) -> bool:
    """Whether the public may download ``file`` (subject to its collection's restriction)."""
    if not is_guarded(file, guarded):
        return True
    return _used(type(file)).filter(to_object_id=str(file.pk)).exists()


def can_manage(user, file) -> bool:
    """The uploader, the editors of its collection, moderators and superusers."""
    if user is None or not user.is_authenticated:
        return False
    if file.uploaded_by_user_id == user.pk:
        return True
    policy = _policy(type(file))
    return policy.user_has_any_permission_for_instance(user, MANAGE_ACTIONS, file)


def _policy(model):
    return policy_registry.get_by_type(model)


def may_see(user, file, guarded: QuerySet | None = None) -> bool:
    return can_manage(user, file) or is_public(file, guarded)
