"""The safeguarding check over everything a page carries, whatever its type.

Generic on purpose (no feature's model is imported): the page's own text fields, its
StreamFields block by block, the titles, alt texts and captions of its pictures and the
titles of its documents, and the text fields of its inline children (ParentalKey relations,
e.g. an action plan's actions). Each finding says which form field holds it, so the editor's
panel can link to it, and carries a key that survives re-saves (``finding_key``).
"""

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.rich_text import RichText, get_text_for_indexing

from .scanner import Finding, scan_text

# Page fields that hold no one's words: addresses and copies Wagtail derives.
NOT_TEXT = frozenset({"slug", "url_path", "draft_title", "path", "file_hash", "file"})
# Fields whose whole purpose is a link or a contact that the plugin publishes by its own rules
# (a signatory's contact e-mail, shown only when made public).
STRUCTURED = (models.URLField, models.EmailField)
CONTEXT = 60


@dataclass(frozen=True)
class FieldFinding:
    field: str  # form field name in the editor ("summary", "body", "actions-0-description")
    label: str  # what the editor calls it ("Body › Quote › Quote")
    block_path: str  # "" or the StreamField block's id
    finding: Finding
    context: str  # the passage with about 60 characters around it


def _text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, StreamField))
        and not isinstance(field, STRUCTURED)
        and field.editable
        and not field.choices
        and field.name not in NOT_TEXT
    ]


def _plain(value) -> str:
    """Rich text's words without markup ("<p>Anna, 12</p>" -> "Anna, 12")."""
    if isinstance(value, RichText):
        value = value.source
    text = get_text_for_indexing(str(value or ""))
    return re.sub(r"[ \t]+", " ", text).strip()


def _media_texts(item, label: str) -> Iterator[tuple[str, str]]:
    """(label, text) of a picture's or a document's title, alt text, caption…"""
    if item is None:
        return
    for field in _text_fields(type(item)):
        text = getattr(item, field.name, "")
        if isinstance(text, str) and text.strip():
            yield f"{label} › {capfirst(field.verbose_name)}", text
    alt = getattr(item, "contextual_alt_text", None)  # an ImageBlock's own alt text
    if isinstance(alt, str) and alt.strip():
        yield f"{label} › alt", alt


def _block_texts(block, value, label: str) -> Iterator[tuple[str, str]]:
    """(label, text) of every text inside a block's value, nested blocks included."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_texts(child.block, child.value, f"{label} › {child.block.label}")
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, item, label)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_texts(
                child_block, value.get(name), f"{label} › {capfirst(child_block.label)}"
            )
    elif isinstance(value, RichText):
        yield label, _plain(value)
    elif isinstance(value, (get_image_model(), get_document_model())):
        yield from _media_texts(value, label)
    elif isinstance(value, str) and not isinstance(block, (blocks.URLBlock, blocks.EmailBlock)):
        yield label, value
    elif hasattr(value, "get_prep_value") and not isinstance(value, str):
        return  # an embed, a page link: no words of the editor's own


def _field_texts(obj, field: models.Field, label: str) -> Iterator[tuple[str, str, str]]:
    """(block id, label, text) of one field of a page or inline child."""
    value = getattr(obj, field.name, None)
    if isinstance(field, StreamField):
        for child in value or ():
            child_label = f"{label} › {capfirst(child.block.label)}"
            for text_label, text in _block_texts(child.block, child.value, child_label):
                yield child.id or "", text_label, text
    elif value:
        # A rich text field holds HTML; a plain one may hold "<" in a sentence: strip only tags.
        text = _plain(value) if "<" in str(value) else str(value)
        yield "", label, text


def _media_fields(obj) -> Iterator[tuple[str, str, str]]:
    """(field name, label, text) of the pictures and documents a page or child points to."""
    media = (get_image_model(), get_document_model())
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, media):
            item = getattr(obj, field.name, None)
            for label, text in _media_texts(item, capfirst(field.verbose_name)):
                yield field.name, label, text


def page_texts(page) -> Iterator[tuple[str, str, str, str]]:
    """(form field, label, block id, text) of everything the page carries."""
    for field in _text_fields(type(page)):
        for block_id, label, text in _field_texts(page, field, capfirst(field.verbose_name)):
            yield field.name, label, block_id, text
    for name, label, text in _media_fields(page):
        yield name, label, "", text
    for relation in page._meta.related_objects:
        if not isinstance(relation.field, ParentalKey):
            continue
        accessor = relation.get_accessor_name()
        title = capfirst(relation.related_model._meta.verbose_name_plural)
        for index, child in enumerate(getattr(page, accessor).all()):
            prefix = f"{accessor}-{index}-"
            for field in _text_fields(type(child)):
                label = f"{title} {index + 1} › {capfirst(field.verbose_name)}"
                for block_id, text_label, text in _field_texts(child, field, label):
                    yield prefix + field.name, text_label, block_id, text
            for name, label, text in _media_fields(child):
                yield prefix + name, f"{title} {index + 1} › {label}", "", text


def _public_fields(page) -> frozenset[str]:
    """Fields a page type declares public contact lines (a children's helpline): their phone
    numbers and e-mail addresses are meant to be there."""
    return frozenset(getattr(page, "safeguarding_public_fields", ()))


def scan_page(page, languages: Sequence[str] | None = None) -> list[FieldFinding]:
    """Every finding in ``page`` (its specific type, as it is in memory: a draft or a revision
    works as well as the live page), field by field in the editor's order."""
    page = getattr(page, "specific", page)
    public = _public_fields(page)
    found = []
    for field, label, block_id, text in page_texts(page):
        for finding in scan_text(text, languages):
            if field in public and finding.kind in ("phone", "email"):
                continue
            context = around(text, finding.start, finding.end)
            found.append(FieldFinding(field, str(label), block_id, finding, context))
    return found


def around(text: str, start: int, end: int) -> str:
    """The passage with about ``CONTEXT`` characters either side, widened to whole words
    (within 20 more), "…" where the text goes on: the moderator reads "just fourteen –
    joined her…", not "just fourtee"."""
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if left:
        space = text.rfind(" ", left - 20, left + 1)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.find(" ", right - 1, right + 20)
        right = space if space != -1 else right
    excerpt = text[left:right].strip()
    return ("…" if left else "") + excerpt + ("…" if right < len(text) else "")


def _normalised(kind: str, text: str) -> str:
    if kind == "phone":
        return re.sub(r"\D", "", text)
    return " ".join(text.casefold().split())


def finding_key(ff: FieldFinding) -> str:
    """A stable key of (field, kind, passage): a moderator's tick survives re-saves that do not
    change the passage, and a changed passage asks again."""
    raw = "\x1f".join((ff.field, ff.finding.kind, _normalised(ff.finding.kind, ff.finding.text)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]
