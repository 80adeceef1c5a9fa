"""Content-Security-Policy: a strict policy for the public pages, a looser one for the admin.

Public pages run no inline script (scripts come from 'self'; an inline one needs the request's
nonce) and no inline style. Wagtail's admin still ships a few inline scripts (inline panels, date
pickers) and inline style attributes, so under /admin/ scripts and styles may be inline; every
other directive stays as strict. Settings build both with ``public_directives`` and
``admin_directives``; ``CSPMiddleware`` picks one per request.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse

from pact_pages.conf import pact_setting


def origin(url: str) -> str | None:
    """``https://tile.example.org`` from a URL template such as ``https://tile.example.org/{z}``."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc.split('{')[0].rstrip('.')}"
    return None


def public_directives(*, frame_sources: list[str] = (), report_uri: str = "") -> dict:
    directives = {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Style attributes: only the templates' pillar colours (style="--pillar-colour: …");
        # rich text can carry none (pact_pages.core.richtext_clean drops them).
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Video embeds in stories (StreamField EmbedBlock) and Wagtail's preview iframe.
        "frame-src": [SELF, *frame_sources],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
    if report_uri:
        directives["report-uri"] = report_uri
    return directives


def admin_directives(public: dict) -> dict:
    directives = dict(public)
    directives.update(
        {
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "style-src-attr": [UNSAFE_INLINE],
            # Previews of images being uploaded.
            "img-src": [*public["img-src"], "blob:"],
        }
    )
    return directives


def runtime_sources() -> dict[str, list[str]]:
    """Origins known from other settings, read at request time so that production overrides
    count: the map's tile server (PACT_MAP_TILE_URL; none by default, the map then draws the
    site's own country outlines), media and static files on another host (object storage, CDN),
    from which map.js also fetches those outlines (connect-src)."""
    sources: dict[str, list[str]] = {}
    tiles = origin(pact_setting("PACT_MAP_TILE_URL") or "")
    media = origin(settings.MEDIA_URL or "")
    static = origin(settings.STATIC_URL or "")
    images = [o for o in (tiles, media, static) if o]
    if images:
        sources["img-src"] = sorted(set(images))
    if media:
        sources["media-src"] = [SELF, media]
    if static:
        for directive in ("script-src", "style-src", "font-src", "connect-src"):
            sources[directive] = [static]
    return sources


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the admin policy under Wagtail's admin prefix."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra = runtime_sources()
        if extra:
            update = dict(parts.update or {})
            for directive, values in extra.items():
                update[directive] = [*update.get(directive, []), *values]
            parts.update = update
        name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        in_use = getattr(settings, name, None)
        admin = getattr(settings, "PACT_CSP_ADMIN_DIRECTIVES", None)
        if in_use and admin and request.path_info.startswith(reverse("wagtailadmin_home")):
            # No nonce here: a nonce would make browsers ignore 'unsafe-inline'.
            parts.config = default_config(admin)
            parts.nonce = None
        return parts
