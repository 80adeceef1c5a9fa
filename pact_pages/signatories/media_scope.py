"""Which uploads the media boundary guards (``pact_pages.core.media_public``): setting
``PACT_GUARDED_MEDIA``.

- ``"plugin"`` (the default): the plugin's collections only, where its users' uploads go:
  "Signatories" with every signatory's collection under it (``access.ensure_access``),
  "Former signatories" (a departed signatory's files, ``access.remove_access``), anything
  below them, and a signatory's collection wherever an administrator moved it. A host's own
  files keep Wagtail's rule: whoever has a document's link downloads it (a snippet, a form
  or a mail may link a document that no page uses).
- ``"all"``: every file of the site, as the reference site has it.

Both are a subquery: the hook and the API filter with it in SQL, whatever the number of
signatories.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Collection

from pact_pages.conf import pact_setting
from pact_pages.signatories.access import ARCHIVE_COLLECTION, SIGNATORY_COLLECTIONS_ROOT
from pact_pages.signatories.models import SignatoryAccess

PLUGIN, ALL = "plugin", "all"
CHOICES = (PLUGIN, ALL)


def plugin_collections() -> QuerySet:
    """The collections the plugin creates for its users' uploads, and those below them."""
    # A collection's top-level ancestor is the first two steps of its tree path: the plugin
    # creates its two parents right under the root (depth 2).
    tops = Collection.objects.filter(
        depth=2, name__in=(SIGNATORY_COLLECTIONS_ROOT, ARCHIVE_COLLECTION)
    ).values("path")
    return Collection.objects.annotate(top=Substr("path", 1, 2 * Collection.steplen)).filter(
        Q(top__in=tops) | Q(pk__in=SignatoryAccess.objects.values("collection_id"))
    )


def guarded_collections() -> QuerySet | None:
    """The collections whose files wait for a live, public page; None: every collection."""
    scope = pact_setting("PACT_GUARDED_MEDIA")
    if scope == ALL:
        return None
    if scope == PLUGIN:
        return plugin_collections().values("pk")
    raise ImproperlyConfigured(f"PACT_GUARDED_MEDIA must be one of {CHOICES}, not {scope!r}.")
