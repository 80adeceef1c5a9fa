"""Whose draft titles a user may read in the admin: the rule the page explorer, the choosers
and the foreign-id guards share (:mod:`.admin_restrictions`, :mod:`.chooser_views`,
:mod:`.foreign_ids`). Signatory editors and translators see only their own pages' drafts;
staff (moderators, superusers) see everything.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from pact_pages.onboarding.admin import REVIEW_PERMISSION


def sees_every_draft(user) -> bool:
    return user.is_superuser or user.has_perm(REVIEW_PERMISSION)


def pages_visible_to(user) -> QuerySet:
    """Pages whose admin title ``user`` may read: their own (and ancestors), or published
    pages without pending changes (whose admin title is their public title)."""
    # The registered policy: without the pages a translator may not see (translation_rules).
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return Page.objects.filter(
        Q(pk__in=explorable.values("pk")) | Q(live=True, has_unpublished_changes=False)
    )
