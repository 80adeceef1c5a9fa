"""Template tags of the map: Leaflet's files, its layers, the texts map.js shows.

No inline script anywhere (a Content-Security-Policy forbids it): map.js reads the country
outlines' address, the tile server (if any) and their credits from data-* attributes and its
texts from a ``json_script`` block.
"""

from collections.abc import Callable

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext, ngettext

from pact_pages.map.models import OUTLINES_ATTRIBUTION, OUTLINES_STATIC_PATH, tile_settings
from pact_pages.signatories.models import SignatoryType

register = template.Library()

STYLESHEETS = (
    "pact_pages/vendor/leaflet/leaflet.css",
    "pact_pages/vendor/leaflet.markercluster/MarkerCluster.css",
)
LEAFLET_SCRIPT = "pact_pages/vendor/leaflet/leaflet.js"
MAP_SCRIPT = "pact_pages/js/map.js"
SCRIPTS = (
    LEAFLET_SCRIPT,
    "pact_pages/vendor/leaflet.markercluster/leaflet.markercluster.js",
    MAP_SCRIPT,  # what both maps share (window.PactMap), and the mini-map
    "pact_pages/js/signatory-map.js",
    "pact_pages/js/event-layer.js",  # the upcoming events' layer, on the signatories' map
)
# A number in each CLDR plural category (as Intl.PluralRules names them), to render every
# plural form of a message server-side; map.js picks one with Intl.PluralRules.
PLURAL_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 5, "other": 10}


@register.simple_tag
def map_scripts() -> str:
    """The map page's scripts, deferred (they run in order once parsed), for ``extra_js``."""
    return format_html_join(
        "\n", '<script src="{}" defer></script>', ((static(path),) for path in SCRIPTS)
    )


@register.simple_tag
def mini_map_script() -> str:
    """Only map.js for a profile's mini-map: it fetches Leaflet itself (``map_files``) once
    the mini-map comes near the screen, so a profile read from its top stays light."""
    return format_html('<script src="{}" defer></script>', static(MAP_SCRIPT))


@register.simple_tag
def map_files() -> dict[str, str]:
    """Addresses for the maps' data-* attributes. map.js adds the stylesheets itself, before
    it starts a map, so that they hold up no page's first paint; the mini-map also fetches
    Leaflet's script then (not markercluster: it shows one marker)."""
    return {
        "stylesheets": " ".join(static(path) for path in STYLESHEETS),
        "leaflet_stylesheet": static(STYLESHEETS[0]),
        "leaflet_script": static(LEAFLET_SCRIPT),
    }


@register.simple_tag
def map_tiles() -> dict[str, str]:
    """The layers under the markers: the site's own outlines (a static file, fingerprinted
    and cached for a year in production) and the optional tiles."""
    layers = tile_settings()
    layers.update(outlines=static(OUTLINES_STATIC_PATH), outlines_attribution=OUTLINES_ATTRIBUTION)
    return layers


def plural_forms(message: Callable[[int], str]) -> dict[str, str]:
    """Every plural form of ``message`` (a lambda around ngettext, so that makemessages
    still finds the strings), keyed by plural category."""
    return {category: message(number) for category, number in PLURAL_SAMPLES.items()}


@register.simple_tag
def map_texts() -> dict:
    """What map.js writes into the page, in the reader's language (for ``json_script``)."""
    return {
        "language": get_language(),
        "types": {value: {"label": str(label)} for value, label in SignatoryType.choices},
        "signatories": plural_forms(
            lambda n: ngettext("%(counter)s signatory", "%(counter)s signatories", n)
        ),
        "initiatives": plural_forms(
            lambda n: ngettext("%(counter)s initiative", "%(counter)s initiatives", n)
        ),
        "noResults": gettext("No signatory matches these filters."),
        "loadFailed": gettext("The map could not be loaded. The list shows the same signatories."),
        "zoomIn": gettext("Zoom in"),
        "zoomOut": gettext("Zoom out"),
        "closePopup": gettext("Close"),
        "events": plural_forms(
            lambda n: ngettext(
                "%(counter)s upcoming event on the map", "%(counter)s upcoming events on the map", n
            )
        ),
        "eventsFailed": gettext("The events could not be loaded."),
        "onlineToo": gettext("Also online"),
        "cluster": plural_forms(
            lambda n: ngettext(
                "%(counter)s signatory here: zoom in", "%(counter)s signatories here: zoom in", n
            )
        ),
    }
