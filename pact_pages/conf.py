"""Every setting of the plugin, with its default, in one place (docs/plugin.md lists them).

A host site sets only what it wants to change. Values are read at the time of use, never at
import, so that ``override_settings`` and settings changed by a host's own code apply.

    from pact_pages.conf import pact_setting
    per_page = pact_setting("PACT_SIGNATORIES_PER_PAGE")
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Listings
    "PACT_SIGNATORIES_PER_PAGE": 24,
    "PACT_INITIATIVES_PER_PAGE": 24,
    "PACT_MAP_LIST_PER_PAGE": 100,
    "PACT_FEED_ITEMS": 20,
    # The map's tiles ({z}/{x}/{y}) and their credit (HTML; empty: OpenStreetMap's, translated)
    "PACT_MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "PACT_MAP_ATTRIBUTION": "",
}


def pact_setting(name: str) -> Any:
    """The host's value of ``name``, or the plugin's default for it."""
    if name not in DEFAULTS:
        raise KeyError(f"{name} is not a pact_pages setting (pact_pages.conf.DEFAULTS)")
    return getattr(settings, name, DEFAULTS[name])
