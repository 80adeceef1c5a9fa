"""Per-signatory editing rights: one group and one media collection per signatory.

The group gets page permissions on the signatory's page in every locale (each locale has
its own page tree) and on its media collection; signal handlers keep that in step when a
translation is created and clean up when the signatory is deleted.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from pact_pages.signatories.models import SignatoryAccess, SignatoryPage

# Publishing is left out unless the signatory is trusted: the others go through moderation.
PAGE_PERMISSIONS = ("add_page", "change_page")
TRUSTED_PAGE_PERMISSIONS = ("publish_page",)
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
SIGNATORY_COLLECTIONS_ROOT = "Signatories"
ARCHIVE_COLLECTION = "Former signatories"


def permission(app_label: str, codename: str) -> Permission:
    """A Django permission by app label and codename (codenames repeat across apps)."""
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _child_collection(parent: Collection, name: str) -> Collection:
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def _fit(text: str, max_length: int) -> str:
    """``text`` cut to ``max_length`` characters: a page title may be longer than the names
    of groups (150) and collections (255), which PostgreSQL would refuse with an error."""
    return text if len(text) <= max_length else text[: max_length - 1] + "…"


def _unique_group_name(signatory: SignatoryPage) -> str:
    limit = Group._meta.get_field("name").max_length
    name = _fit(f"Signatory: {signatory.title}", limit)
    if Group.objects.filter(name=name).exists():
        suffix = f" ({signatory.translation_key.hex[:8]})"
        name = _fit(f"Signatory: {signatory.title}", limit - len(suffix)) + suffix
    return name


def _collection_name(root: Collection, signatory: SignatoryPage) -> str:
    """ "Title (FR)", or with the key when another signatory of that name and country has
    it already (each access has a collection of its own)."""
    limit = Collection._meta.get_field("name").max_length
    suffix = f" ({signatory.country})"
    name = _fit(signatory.title, limit - len(suffix)) + suffix
    taken = SignatoryAccess.objects.filter(
        collection__in=root.get_children().filter(name=name)
    ).exists()
    if taken:
        suffix = f" ({signatory.country}, {signatory.translation_key.hex[:8]})"
        name = _fit(signatory.title, limit - len(suffix)) + suffix
    return name


@transaction.atomic
def ensure_access(signatory: SignatoryPage) -> SignatoryAccess:
    """The signatory's group and collection, created on first use, with rights in step."""
    access = SignatoryAccess.objects.filter(translation_key=signatory.translation_key).first()
    if access is None:
        root = _child_collection(Collection.get_first_root_node(), SIGNATORY_COLLECTIONS_ROOT)
        access = SignatoryAccess.objects.create(
            translation_key=signatory.translation_key,
            group=Group.objects.create(name=_unique_group_name(signatory)),
            collection=_child_collection(root, _collection_name(root, signatory)),
        )
    sync_permissions(access)
    return access


def sync_permissions(access: SignatoryAccess) -> None:
    """Gives the group exactly its rights on every translation of the page and its media."""
    group = access.group
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    codenames = PAGE_PERMISSIONS + (TRUSTED_PAGE_PERMISSIONS if access.can_publish else ())
    wanted = [permission("wagtailcore", codename) for codename in codenames]
    pages = Page.objects.filter(translation_key=access.translation_key)
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=pages, permission__in=wanted
    ).delete()
    for page in pages:
        for page_permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=page_permission
            )
    for app_label, media_codenames in MEDIA_PERMISSIONS.items():
        for codename in media_codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=access.collection,
                permission=permission(app_label, codename),
            )


def grant(user, signatory: SignatoryPage) -> SignatoryAccess:
    """Lets ``user`` edit ``signatory`` (and its translations and media)."""
    access = ensure_access(signatory)
    user.groups.add(access.group)
    return access


def revoke(user, signatory: SignatoryPage) -> bool:
    """Takes ``user``'s rights on ``signatory`` away; True if the user had them."""
    access = SignatoryAccess.objects.filter(translation_key=signatory.translation_key).first()
    if access is None or not user.groups.filter(pk=access.group_id).exists():
        return False
    user.groups.remove(access.group)
    return True


def signatories_of(user) -> list[SignatoryPage]:
    """The signatories (default-locale pages first) that ``user`` can edit through a group."""
    keys = SignatoryAccess.objects.filter(group__user=user).values("translation_key")
    return list(SignatoryPage.objects.filter(translation_key__in=keys).order_by("title", "locale"))


@transaction.atomic
def remove_access(translation_key) -> None:
    """Deletes a departed signatory's group; its media move to an archive collection."""
    access = SignatoryAccess.objects.filter(translation_key=translation_key).first()
    if access is None:
        return
    collection = access.collection
    archive = _child_collection(Collection.get_first_root_node(), ARCHIVE_COLLECTION)
    for model in _media_models():
        model.objects.filter(collection=collection).update(collection=archive)
    group = access.group
    access.delete()
    group.delete()
    collection.delete()


def _media_models():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return (get_image_model(), get_document_model())
