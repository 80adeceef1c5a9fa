"""Keeps translators' rights in step with the page tree (connected by being imported in
``PactPagesConfig.ready``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from pact_pages.translation.models import LocaleTranslators
from pact_pages.translation.translators import sync_translator_permissions


@receiver(post_save)
def translators_follow_new_locale_roots(sender, instance, created: bool, raw=False, **kwargs):
    """A locale's first home page (its tree's root) gets that locale's translators."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    translators = LocaleTranslators.objects.filter(locale_id=instance.locale_id).first()
    if translators is not None:
        sync_translator_permissions(translators)
