"""Keeps translators' rights in step with the page tree (connected by being imported in
``PactPagesConfig.ready``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from pact_pages.core.page_rules import follows_page_rules
from pact_pages.translation.models import LocaleTranslators
from pact_pages.translation.translators import sync_translator_permissions


@receiver(post_save, dispatch_uid="pact_translators_follow_new_roots")
def translators_follow_new_locale_roots(sender, instance, created: bool, raw=False, **kwargs):
    """A locale's new topmost page of the plugin (its first directory under a host's home
    page, or the home page of a site whose pages follow the plugin's rules) gets that
    locale's translators; a host's own new pages give them nothing."""
    if raw or not created or not isinstance(instance, Page) or instance.depth < 2:
        return
    if not follows_page_rules(instance) or follows_page_rules(instance.get_parent()):
        return
    translators = LocaleTranslators.objects.filter(locale_id=instance.locale_id).first()
    if translators is not None:
        sync_translator_permissions(translators)
