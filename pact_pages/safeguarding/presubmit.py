"""The safeguarding check before a page is submitted (imported by ``pact_pages.wagtail_hooks``).

An editor who types a child's name or a phone number and clicks "Submit to moderation" at
once has not seen the editor's warning, which lists the findings of the saved draft. So a
submission (from the editor or the create form, or a workflow restarted after changes were
requested) whose text holds a passage the editor has not been shown is saved as a draft
instead: the editor lands on the edit form with the findings listed, each linked to its
field. Submitting again sends it: the check points at passages, it never decides; the
moderators tick each one before approving.

The submitted text is read from the POST itself, the fields the page scan reads (text and
rich text fields, StreamField blocks, inline children): a second page form built on the same
POST would share Wagtail's block and widget state with the view's own form. "Shown" is
remembered in the editor's session by passage (kind and passage, whatever the field): one
listed above the form, or held back once, is not asked about again; a new one is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from django.contrib import messages
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.fields import StreamField

from .models import is_checked
from .page_scan import _normalised, _text_fields
from .review import ShownFinding
from .scanner import scan_text

SESSION_KEY = "pact_safeguarding_shown"
REMEMBERED = 500  # passages kept in the session, the latest ones
SUBMISSIONS = ("action-submit", "action-restart-workflow")
# Parts of a StreamField's POST names that carry no words of the editor's.
BLOCK_META = {"type", "id", "deleted", "order", "count"}


def passage_key(kind: str, passage: str) -> str:
    raw = f"{kind}\x1f{_normalised(kind, passage)}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def remember_shown(request, findings: list[ShownFinding]) -> None:
    _remember(request, {passage_key(finding.kind, finding.passage) for finding in findings})


def _remember(request, keys: set[str]) -> None:
    shown = list(request.session.get(SESSION_KEY, []))
    new = sorted(keys - set(shown))
    if new:
        request.session[SESSION_KEY] = (shown + new)[-REMEMBERED:]


def _words(value: str) -> str:
    """A rich text's words from Draftail's contentstate JSON; any other value as it is."""
    if value.startswith("{") and '"blocks"' in value:
        try:
            state = json.loads(value)
        except ValueError:
            return value
        if isinstance(state, dict) and isinstance(state.get("blocks"), list):
            return "\n".join(str(block.get("text", "")) for block in state["blocks"])
    return value


def _scanned_names(page_class: type) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """(plain and rich text fields, StreamFields, {inline children's prefix: their text
    fields}) of ``page_class``: what ``page_scan`` reads, by the names of the POST."""
    plain, streams = set(), set()
    for field in _text_fields(page_class):
        (streams if isinstance(field, StreamField) else plain).add(field.name)
    children = {
        relation.get_accessor_name(): {field.name for field in _text_fields(relation.related_model)}
        for relation in page_class._meta.related_objects
        if isinstance(relation.field, ParentalKey)
    }
    return plain, streams, children


def _submitted_texts(post, page_class: type) -> Iterator[tuple[str, str]]:
    """(field name, text) of each POST value the page scan would read."""
    plain, streams, children = _scanned_names(page_class)
    for name, values in post.lists():
        head, _, rest = name.partition("-")
        parts = rest.split("-")
        if name in plain:
            pass
        elif head in streams and rest and parts[-1] not in BLOCK_META:
            pass
        elif head in children and len(parts) == 2 and parts[1] in children[head]:
            name = f"{head}-{parts[0]}-{parts[1]}"
        else:
            continue
        for value in values:
            if value.strip():
                yield name, _words(value)


def _unseen(request, page_class: type) -> set[str]:
    shown = set(request.session.get(SESSION_KEY, []))
    public = set(getattr(page_class, "safeguarding_public_fields", ()))
    unseen = set()
    for field, text in _submitted_texts(request.POST, page_class):
        for finding in scan_text(text):
            if field in public and finding.kind in ("phone", "email"):
                continue
            key = passage_key(finding.kind, finding.text)
            if key not in shown:
                unseen.add(key)
    return unseen


def _is_submission(request) -> bool:
    return request.method == "POST" and any(request.POST.get(name) for name in SUBMISSIONS)


def _hold_back(request, page_class: type) -> None:
    """Turns the submission into a saved draft when it holds passages not shown yet."""
    unseen = _unseen(request, page_class)
    if not unseen:
        return
    post = request.POST.copy()
    for name in SUBMISSIONS:
        post.pop(name, None)  # Wagtail's views then save a draft and reopen the editor
    request.POST = post
    _remember(request, unseen)  # held back once: the next submission goes
    messages.error(
        request,
        ngettext(
            "Not submitted yet: the safeguarding check found %(count)d passage that may "
            "identify a child or a person. Your changes are saved as a draft. Check the "
            "passage listed below, then submit again.",
            "Not submitted yet: the safeguarding check found %(count)d passages that may "
            "identify a child or a person. Your changes are saved as a draft. Check the "
            "passages listed below, then submit again.",
            len(unseen),
        )
        % {"count": len(unseen)},
    )


@hooks.register("before_edit_page")
def hold_back_unseen_findings_on_edit(request, page):
    if _is_submission(request) and is_checked(page):
        _hold_back(request, type(page.specific))
    return None


@hooks.register("before_create_page")
def hold_back_unseen_findings_on_create(request, parent_page, page_class):
    if _is_submission(request) and is_checked(parent_page):
        _hold_back(request, page_class)
    return None
