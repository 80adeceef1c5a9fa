"""Keeps the search index in step with initiatives' tags (connected by being imported in
``PactPagesConfig.ready``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index as search_index

from pact_pages.initiatives.models import InitiativePage, InitiativePageTag


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
