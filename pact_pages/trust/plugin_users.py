"""Whom the plugin's admin boundaries limit: its signatory editors and translators.

The boundaries (another signatory's draft titles kept out of the choosers and reports, the
accounts named in the admin's lists) exist for the users the plugin makes: members of a
signatory's group (``SignatoryAccess``) or of a locale's translator group
(``LocaleTranslators``) who have page rights through those groups only. A host's own editors
have page rights through groups of their own (Wagtail's "Editors", say): they see the admin
as Wagtail shows it, whatever else they belong to; so does an account in none of the
plugin's groups.
"""

from wagtail.models import GroupPagePermission

from pact_pages.signatories.models import SignatoryAccess
from pact_pages.translation.models import LocaleTranslators

CACHE = "_pact_limited_by_plugin"


def plugin_groups_among(group_ids: set[int]) -> set[int]:
    """Those of ``group_ids`` that are a signatory's or a locale's translators' group."""
    return {
        *SignatoryAccess.objects.filter(group_id__in=group_ids).values_list("group_id", flat=True),
        *LocaleTranslators.objects.filter(group_id__in=group_ids).values_list(
            "group_id", flat=True
        ),
    }


def limited_by_plugin(user) -> bool:
    """A signatory editor or a translator: in one of the plugin's groups, with page rights
    through no other group. Kept on the user object (the request's) like Django's own
    permission cache."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    cached = getattr(user, CACHE, None)
    if cached is not None:
        return cached
    groups = set(user.groups.values_list("pk", flat=True))
    ours = plugin_groups_among(groups) if groups else set()
    limited = bool(ours) and not (
        GroupPagePermission.objects.filter(group_id__in=groups - ours).exists()
    )
    setattr(user, CACHE, limited)
    return limited
