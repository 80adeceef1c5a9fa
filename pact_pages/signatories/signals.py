"""Keeps per-signatory rights in step with the page tree (see pact_pages.signatories.access)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.search import index as search_index

from pact_pages.models import (
    InitiativePage,
    InitiativePageTag,
    LocaleTranslators,
    SignatoryAccess,
    SignatoryPage,
)
from pact_pages.signatories import access
from pact_pages.translation.translators import sync_translator_permissions


@receiver(post_save, sender=SignatoryPage)
def grant_on_new_translation(sender, instance: SignatoryPage, created: bool, raw=False, **kwargs):
    """A new translation of a signatory page gets the signatory group's rights."""
    if raw or not created:
        return
    existing = SignatoryAccess.objects.filter(translation_key=instance.translation_key).first()
    if existing is not None:
        access.sync_permissions(existing)


@receiver(post_delete, sender=SignatoryPage)
def clean_up_on_delete(sender, instance: SignatoryPage, **kwargs):
    """When the last translation of a signatory goes, its group and collection go too."""
    key = instance.translation_key

    def clean_up():
        if not SignatoryPage.objects.filter(translation_key=key).exists():
            access.remove_access(key)

    transaction.on_commit(clean_up)


@receiver(post_save, sender=SignatoryAccess)
def sync_on_access_change(sender, instance: SignatoryAccess, raw=False, **kwargs):
    """Ticking or unticking "may publish" takes effect at once on every translation."""
    if not raw:
        access.sync_permissions(instance)


@receiver(post_save)
def translators_follow_new_locale_roots(sender, instance, created: bool, raw=False, **kwargs):
    """A locale's first home page (its tree's root) gets that locale's translators."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    translators = LocaleTranslators.objects.filter(locale_id=instance.locale_id).first()
    if translators is not None:
        sync_translator_permissions(translators)


@receiver(post_save, sender=InitiativePageTag)
@receiver(post_delete, sender=InitiativePageTag)
def reindex_on_tag_change(sender, instance: InitiativePageTag, raw=False, **kwargs):
    """Tag words are searchable from the moment the tag is saved.

    A page's tags are written after the page row (modelcluster), so the search index update
    of the page's own save misses them when the page is created with its tags in one go
    (scripts, imports); publishing again would fix it, this makes it unnecessary.
    """
    if raw:
        return
    page = InitiativePage.objects.filter(pk=instance.content_object_id).first()
    if page is not None:
        search_index.insert_or_update_object(page)
