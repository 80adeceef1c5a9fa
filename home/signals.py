"""Keeps the cached social links (``home.templatetags.home_tags``) in step with the admin."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SocialLinks
from .templatetags.home_tags import cache_key


@receiver([post_save, post_delete], sender=SocialLinks, dispatch_uid="home_social_links")
def forget_social_links(sender, instance: SocialLinks, **kwargs) -> None:
    cache.delete(cache_key(instance.site_id))
