"""Whose draft titles a user may read in the admin: the rule the page explorer, the choosers
and the foreign-id guards share (:mod:`.admin_restrictions`, :mod:`.chooser_views`,
:mod:`.foreign_ids`). Signatory editors and translators see only their own pages' drafts;
staff (moderators, superusers) see everything, and a host's own editors what Wagtail shows.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from pact_pages.onboarding.admin import REVIEW_PERMISSION
from pact_pages.trust.plugin_users import limited_by_plugin


def sees_every_draft(user) -> bool:
    """Staff, and anyone the plugin does not limit (a host's own editors: their admin is
    Wagtail's, ``pact_pages.trust.plugin_users``)."""
    if user.is_superuser or user.has_perm(REVIEW_PERMISSION):
        return True
    return bool(getattr(user, "is_authenticated", False)) and not limited_by_plugin(user)


def pages_visible_to(user) -> QuerySet:
    """Pages whose admin title ``user`` may read: their own (and ancestors), or published
    pages without pending changes (whose admin title is their public title)."""
    # The registered policy: without the pages a translator may not see (translation_rules).
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return Page.objects.filter(
        Q(pk__in=explorable.values("pk")) | Q(live=True, has_unpublished_changes=False)
    )
