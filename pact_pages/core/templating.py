"""The site's base template for the plugin's pages (setting ``PACT_BASE_TEMPLATE``).

``pact_pages/base.html`` extends ``{{ pact_base_template }}``: the plugin's pages and views put
it in their context, so that a host sets one setting and adds no context processor.
"""

from __future__ import annotations

from typing import Any

from pact_pages.conf import pact_setting


def base_template_context() -> dict[str, Any]:
    return {"pact_base_template": pact_setting("PACT_BASE_TEMPLATE")}


class BaseTemplateMixin:
    """For the plugin's Page models: their templates extend the site's base template."""

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(base_template_context())
        return context
