"""The reference slots of the admin's forms, for the foreign-id sweep (tests/test_foreign_ids.py).

A *slot* is a form field, or a place inside a StreamField or rich text, that names an
image, a document, a page or a snippet by id. ``slots()`` enumerates them from every page
and snippet model registered with Wagtail; ``fill()`` puts an object's id in one. A slot of
a kind this module does not know raises ``Unfillable``, so that the sweep fails, named.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, get_page_models
from wagtail.rich_text import features as feature_registry
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import (
    nested_form_data,
    rich_text,
    streamfield,
)

from pact_pages.models import Pillar, PlanAction

# Snippets shared by every signatory: naming one by id is choosing it (the four Ps are the
# same for all, in each locale; the initiative form offers those of the page's locale).
SHARED_SNIPPETS = {Pillar}

# Rich text features: the kind of object each names by id, or None for none.
FEATURE_KINDS = {
    "link": "page",
    "document-link": "document",
    "image": "image",
    **dict.fromkeys(
        [
            "bold",
            "italic",
            "ol",
            "ul",
            "hr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "code",
            "superscript",
            "subscript",
            "strikethrough",
            "blockquote",
            "embed",
        ],  # fmt: skip
    ),
}


class Unfillable(Exception):
    pass


@dataclass(frozen=True)
class Slot:
    """One place of a model's form that names an object by id."""

    model: type
    field: str  # the form field (in the inline formset ``formset`` if set)
    kind: str  # "image", "document", "page", "snippet" or "plan action"
    blocks: tuple[str, ...] = ()  # the block names down a StreamField to the slot
    features: tuple[str, ...] | None = None  # rich text: its features
    formset: str | None = None

    def __str__(self) -> str:
        where = ".".join((self.formset or "", self.field, *self.blocks)).lstrip(".")
        text = " (rich text)" if self.features is not None else ""
        return f"{self.model.__name__}.{where}: {self.kind}{text}"


# ---------------------------------------------------------------------------------------
# Enumerating the slots
# ---------------------------------------------------------------------------------------


def form_class(model: type) -> type:
    """The form class the admin's edit view of ``model`` uses."""
    if issubclass(model, Page):
        return model.get_edit_handler().get_form_class()
    return model.snippet_viewset.get_form_class(for_update=True)


def edited_models() -> list[type]:
    return [*get_page_models(), *get_snippet_models()]


def slots() -> Iterator[Slot]:
    for model in edited_models():
        form = form_class(model)
        for name, field in form.base_fields.items():
            yield from _field_slots(model, name, field, None)
        for relation, formset in getattr(form, "formsets", {}).items():
            for name, field in formset.form.base_fields.items():
                yield from _field_slots(formset.model, name, field, relation, model)


def _field_slots(model, name, field, formset, owner=None) -> Iterator[Slot]:
    owner = owner or model
    model_field = next((f for f in model._meta.get_fields() if f.name == name), None)
    if isinstance(model_field, StreamField):
        yield from _block_slots(owner, name, model_field.stream_block, (), formset)
    elif isinstance(model_field, RichTextField):
        yield from _rich_text_slots(owner, name, (), model_field.features, formset)
    elif isinstance(field, forms.ModelChoiceField):
        yield Slot(owner, name, kind_of(field.queryset.model), formset=formset)
    elif hasattr(model_field, "extract_references"):
        raise Unfillable(f"{owner.__name__}.{name}: a field with references of its own kind")


def kind_of(model: type) -> str:
    if issubclass(model, Page):
        return "page"
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, get_document_model()):
        return "document"
    if model in get_snippet_models():
        return "snippet"
    if issubclass(model, PlanAction):
        # An action of a signatory's plan (an inline row of ActionPlanPage), which a
        # progress report's entry names: A's own plan's action, or B's.
        return "plan action"
    raise Unfillable(f"a reference to {model.__name__}, neither page, media nor snippet")


def _block_slots(owner, field, block, path, formset) -> Iterator[Slot]:
    leaf = {
        ImageBlock: "image",  # a StructBlock: before the struct walk
        ImageChooserBlock: "image",
        DocumentChooserBlock: "document",
        blocks.PageChooserBlock: "page",
        SnippetChooserBlock: "snippet",
    }
    kind = next((k for cls, k in leaf.items() if isinstance(block, cls)), None)
    if kind:
        yield Slot(owner, field, kind, path, formset=formset)
    elif isinstance(block, blocks.RichTextBlock):
        yield from _rich_text_slots(owner, field, path, block.features, formset)
    elif isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for name, child in block.child_blocks.items():
            yield from _block_slots(owner, field, child, (*path, name), formset)
    elif isinstance(block, blocks.ListBlock):
        yield from _block_slots(owner, field, block.child_block, (*path, "item"), formset)
    elif type(block).extract_references is not blocks.Block.extract_references:
        raise Unfillable(f"{owner.__name__}.{field}: block {type(block).__name__} at {path}")


def _rich_text_slots(owner, field, path, features, formset) -> Iterator[Slot]:
    features = tuple(features or feature_registry.get_default_features())
    unknown = [feature for feature in features if feature not in FEATURE_KINDS]
    if unknown:
        raise Unfillable(f"{owner.__name__}.{field} {path}: rich text features {unknown}")
    for kind in sorted({FEATURE_KINDS[f] for f in features} - {None}):
        yield Slot(owner, field, kind, path, features, formset)


# ---------------------------------------------------------------------------------------
# Filling a slot
# ---------------------------------------------------------------------------------------


def rich_text_naming(kind: str, pk: int, features) -> str:
    html = {
        "page": f'<p><a linktype="page" id="{pk}">a link</a></p>',
        "document": f'<p><a linktype="document" id="{pk}">a file</a></p>',
        "image": f'<embed embedtype="image" id="{pk}" format="fullwidth" alt="a picture"/>',
    }[kind]
    return rich_text(html, features=list(features))


def _leaf(slot: Slot, pk: int):
    return str(pk) if slot.features is None else rich_text_naming(slot.kind, pk, slot.features)


def _block_data(block, path: tuple[str, ...], leaf):
    """The nested form data of ``block`` with ``leaf`` at ``path`` (other children empty)."""
    if isinstance(block, ImageBlock):
        return {"image": leaf, "decorative": "", "alt_text": "a picture"}
    if not path:
        return leaf
    name, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        return streamfield([(name, _block_data(block.child_blocks[name], rest, leaf))])
    if isinstance(block, blocks.ListBlock):
        value = _block_data(block.child_block, rest, leaf)
        return {"count": "1", "0": {"value": value, "deleted": "", "order": "0", "id": "x"}}
    return {
        child_name: _block_data(child, rest, leaf) if child_name == name else _empty(child)
        for child_name, child in block.child_blocks.items()
    }


def _empty(block):
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        return {"count": "0"}
    if isinstance(block, blocks.StructBlock):
        return {name: _empty(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text("", features=block.features)
    return ""


def fill(slot: Slot, data: dict, pk: int) -> dict:
    """``data`` (an edit form's) with the object ``pk`` in ``slot``."""
    filled = dict(data)
    if slot.formset:
        filled[f"{slot.formset}-0-{slot.field}"] = str(pk)
    elif slot.blocks:
        stream = slot.model._meta.get_field(slot.field).stream_block
        filled = {k: v for k, v in filled.items() if not k.startswith(f"{slot.field}-")}
        filled |= nested_form_data({slot.field: _block_data(stream, slot.blocks, _leaf(slot, pk))})
    else:
        filled[slot.field] = _leaf(slot, pk)
    return filled
