"""Keeps the cached social links and footer links (``home.templatetags.home_tags``) in step
with the admin."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SocialLinks
from .templatetags.home_tags import FOOTER_GENERATION_KEY, cache_key


@receiver([post_save, post_delete], sender=SocialLinks, dispatch_uid="home_social_links")
def forget_social_links(sender, instance: SocialLinks, **kwargs) -> None:
    cache.delete(cache_key(instance.site_id))


@receiver([page_published, page_unpublished, post_page_move], dispatch_uid="home_footer_links")
def forget_footer_links(sender, **kwargs) -> None:
    try:
        cache.incr(FOOTER_GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: from the clock, never a number used before
        cache.set(FOOTER_GENERATION_KEY, int(time.time() * 1000), None)


@receiver(post_delete, dispatch_uid="home_footer_links_deleted")
def forget_footer_links_of_deleted_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_footer_links(sender)
