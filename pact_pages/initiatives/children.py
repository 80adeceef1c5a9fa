"""An initiative's version for children: its editor panel with readability guidance, the
address readers reach it at, and the admin view that scores a draft as the editor types.

The version is the same page at ``?version=children`` (``VERSION_PARAMETER``): a query string
keeps the fast one-statement route (a routable page would fall back to Wagtail's walk for
every initiative), is one more variant of the page in the page cache and the CDN registry,
and works in Wagtail's preview as the page's second preview mode.
"""

from __future__ import annotations

import json
import re

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from rest_framework import serializers as drf_serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from pact_pages.initiatives.readability import TARGET, assess, children_text

VERSION_PARAMETER = "version"
CHILDREN = "children"
PREVIEW_MODE = "children"
TEL = re.compile(r"\+?\d{3,15}")
MAX_TEXT = 20_000  # characters scored by the admin view; a longer text is cut


def children_requested(request: HttpRequest | None) -> bool:
    """The reader asked for the version for children (its address, or the preview mode)."""
    if request is None:
        return False
    if getattr(request, "pact_children_preview", False):
        return True
    return request.GET.get(VERSION_PARAMETER) == CHILDREN


def children_context(page, request: HttpRequest | None) -> dict:
    """What the initiative's templates need of its version for children."""
    shown = page.has_children_version and children_requested(request)
    helpline = (page.children_helpline or "").strip()
    # A number alone ("116 111", "+33 1 23 45 67 89") is also a tel: link.
    dial = re.sub(r"[\s.()-]", "", helpline)
    return {
        "children_version": shown,
        "helpline_tel": dial if TEL.fullmatch(dial) else "",
    }


def children_url(url: str) -> str:
    """The address of the version for children of the page at ``url``."""
    return f"{url}?{VERSION_PARAMETER}={CHILDREN}"


def page_language(page) -> str:
    """The language the editor writes the page in (its parent's for a page not saved yet)."""
    locale = getattr(page, "locale", None) if getattr(page, "locale_id", None) else None
    return locale.language_code if locale is not None else ""


class ReadabilityPanel(Panel):
    """The readability of the version for children, under its fields: the saved text's score
    on load, updated as the editor types (readability.js asks ``readability_view``)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pact_pages/admin/readability_panel.html"

        class Media:
            js = ["pact_pages/js/readability.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            language = page_language(self.instance)
            context.update(
                assessment=assess(children_text(self.instance), language),
                language=language,
                target=TARGET,
            )
            return context


class ChildrenPanel(MultiFieldPanel):
    """ "For children": collapsed while the page has no version for children."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def classes(self):
            classes = list(super().classes())
            if not children_text(self.instance):
                classes.append("collapsed")
            return classes


def children_panel() -> ChildrenPanel:
    return ChildrenPanel(
        [
            FieldPanel("children_summary"),
            FieldPanel("children_meaning"),
            FieldPanel("children_helpline"),
            FieldPanel("children_image"),
            ReadabilityPanel(),
        ],
        heading=_("For children"),
        help_text=_(
            "Optional: a short version of this initiative written for children and young "
            "people. Short sentences, everyday words. Readers switch to it on the page."
        ),
    )


class ChildrenVersionField(drf_serializers.Field):
    """The version for children in Wagtail API v2 (``for_children``): null without one."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> dict | None:
        if not page.has_children_version:
            return None
        image = page.children_image
        return {
            "summary": page.children_summary,
            "meaning": page.children_meaning,
            "helpline": page.children_helpline,
            "image": None if image is None else {"id": image.pk, "title": image.title},
        }


@require_POST
def readability_view(request: HttpRequest) -> JsonResponse:
    """The readability of a draft (JSON: ``text`` and ``language``), for the editor's panel.
    Reached through the admin's URLs: signed-in editors only."""
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"detail": "Expected a JSON object."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"detail": "Expected a JSON object."}, status=400)
    text, language = data.get("text", ""), data.get("language", "")
    if not isinstance(text, str) or not isinstance(language, str):
        return JsonResponse({"detail": "text and language must be strings."}, status=400)
    result = assess(text[:MAX_TEXT], language[:16])
    return JsonResponse(
        {
            "score": result.score,
            "target": result.target,
            "level": result.level,
            "message": result.message,
            "tips": result.tips,
        }
    )
