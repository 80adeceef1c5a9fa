"""The findings of the safeguarding check where people work: the editor's warning in the
page editor, the moderator's ticks in the approval form, and their log.

A page's findings are those of its latest revision (what a moderator approves and Wagtail
then publishes), one per ``finding_key``: the same passage twice in a field is one tick. A
finding is *open* until a moderator ticked it for this page; the key ignores re-saves that
leave the passage as it was, so an approved passage is not asked about again.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.log_actions import log
from wagtail.models import Page

from .checks import SafeguardingCheck
from .page_scan import FieldFinding, finding_key, scan_page

logger = logging.getLogger(__name__)

LOG_ACTION = "pact_pages.safeguarding_checked"
CACHE_ATTRIBUTE = "_pact_safeguarding_findings"


@dataclass(frozen=True)
class ShownFinding:
    """One finding as the editor and the moderator see it."""

    key: str
    kind: str
    message: str
    label: str
    field: str
    anchor: str  # the id of the field's place in the page editor
    passage: str
    context: SafeString  # the passage marked (<mark>) in its sentence
    checked: bool  # a moderator ticked it for this page


def _walk(panel, prefix: str, sections: dict[str, str]) -> None:
    field_name = getattr(panel, "field_name", None)
    if field_name:
        sections.setdefault(field_name, f"{prefix}-section")
    identifiers = getattr(panel, "child_identifiers", None)
    if identifiers:
        for child, identifier in zip(panel.children, identifiers, strict=False):
            _walk(child, f"{prefix}-child-{identifier}", sections)


@functools.cache
def field_sections(page_class) -> dict[str, str]:
    """Field name -> the id of its panel in the editor ("panel-child-content-summary-section"),
    named as Wagtail's panels name them (a group's prefix, "-child-", the panel's name)."""
    sections: dict[str, str] = {}
    try:
        _walk(page_class.get_edit_handler(), "panel", sections)
    except Exception:  # noqa: BLE001  (a host's odd edit handler: links to form ids instead)
        logger.warning("No editor panels for %s", page_class, exc_info=True)
    return sections


def anchor_for(page_class, field: str) -> str:
    """Top-level fields link to their panel; an inline child's field ("actions-0-title") and
    anything else to its form field's id, as Django names it."""
    return field_sections(page_class).get(field) or f"id_{field}"


def highlight(found: FieldFinding) -> SafeString:
    """The context with the passage in ``<mark>``, escaped."""
    context, passage = found.context, found.finding.text
    at = context.find(passage)
    if at < 0:
        return format_html("<mark>{}</mark>", passage)
    end = at + len(passage)
    return format_html("{}<mark>{}</mark>{}", context[:at], passage, context[end:])


def _latest(page: Page):
    page = page.specific
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page


def findings_of(page: Page, content=None) -> list[ShownFinding]:
    """Every finding of ``content`` (by default the page's latest revision), once per key."""
    content = content if content is not None else _latest(page)
    found: dict[str, FieldFinding] = {}
    for item in scan_page(content):
        found.setdefault(finding_key(item), item)
    checked = set(
        SafeguardingCheck.objects.filter(page_id=page.pk, finding_key__in=found).values_list(
            "finding_key", flat=True
        )
    )
    return [
        ShownFinding(
            key=key,
            kind=item.finding.kind,
            message=str(item.finding.message),
            label=item.label,
            field=item.field,
            anchor=anchor_for(type(content), item.field),
            passage=item.finding.text,
            context=highlight(item),
            checked=key in checked,
        )
        for key, item in found.items()
    ]


def open_findings_of(page: Page, refresh: bool = False) -> list[ShownFinding]:
    """The findings no moderator ticked yet; kept on ``page`` for the request (Wagtail asks
    a task for its actions several times while drawing one editor)."""
    cached = getattr(page, CACHE_ATTRIBUTE, None)
    if cached is not None and not refresh and cached[0] == page.latest_revision_id:
        return cached[1]
    findings = [finding for finding in findings_of(page) if not finding.checked]
    setattr(page, CACHE_ATTRIBUTE, (page.latest_revision_id, findings))
    return findings


def record_checks(page: Page, findings: list[ShownFinding], user) -> None:
    """The moderator ticked ``findings``: one row each, and one entry in the page's history."""
    if not findings:
        return
    page = page.specific
    revision = page.get_latest_revision()
    SafeguardingCheck.objects.bulk_create(
        SafeguardingCheck(
            page_id=page.pk,
            revision=revision,
            user=user,
            finding_key=finding.key,
            kind=finding.kind,
            field=finding.field,
            passage=finding.passage,
        )
        for finding in findings
    )
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        revision=revision,
        data={
            "findings": [
                {"kind": finding.kind, "field": finding.label, "passage": finding.passage}
                for finding in findings
            ]
        },
    )
