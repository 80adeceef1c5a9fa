"""Keeps per-signatory rights in step with the page tree (see pact_pages.signatories.access)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pact_pages.signatories import access
from pact_pages.signatories.models import SignatoryAccess, SignatoryPage


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
