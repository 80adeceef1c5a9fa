"""The safeguarding check's findings in admin templates (pact_pages.safeguarding.review)."""

from django import template
from wagtail.models import Page

from pact_pages.safeguarding.review import ShownFinding, open_findings_of

register = template.Library()


@register.simple_tag
def safeguarding_open_findings(page) -> list[ShownFinding]:
    """The findings of ``page``'s latest revision that no moderator ticked yet."""
    if not isinstance(page, Page):
        return []
    return open_findings_of(page)
