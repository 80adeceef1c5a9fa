"""Overrides in wagtail-localize's translation editor (issue 14, hole 5).

A translation may replace an image or a document of its source ("overridable segments"):
the editor sends the new object's id, and wagtail-localize stores it without asking
whether the translator may use that object. Here the id must pass the test of every
saved form (``pact_pages.trust.foreign_ids``): unless it is the source's own object or
the translation's current one, an id of an object the user may not use is refused (403).
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

from pact_pages.trust.draft_titles import sees_every_draft
from pact_pages.trust.foreign_ids import foreign_references


def edit_override(request, kwargs) -> None:
    if request.method == "PUT" and not sees_every_draft(request.user):
        value = QueryDict(request.body).get("value")
        segment = (
            OverridableSegment.objects.select_related("source", "context")
            .filter(pk=kwargs.get("overridable_segment_id"))
            .first()
        )
        translation = Translation.objects.filter(pk=kwargs.get("translation_id")).first()
        if (
            value
            and segment
            and translation
            and _foreign(request.user, segment, translation, value)
        ):
            raise PermissionDenied


def _foreign(user, segment, translation, value: str) -> bool:
    current = SegmentOverride.objects.filter(
        locale_id=translation.target_locale_id, context_id=segment.context_id
    ).first()
    kept = {str(segment.data), str(json.loads(current.data_json)) if current else None}
    model = overridden_model(segment)
    if value in kept or model is None:
        return False
    return bool(foreign_references(user, {(model, value)}))


def overridden_model(segment: OverridableSegment) -> type | None:
    """The model of the object the segment names by id (None: a text, a URL…)."""
    instance = segment.source.as_instance()
    name, *rest = segment.context.path.split(".")
    field = instance._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        return field.related_model
    if isinstance(field, StreamField):
        bound = field.get_block_by_content_path(field.value_from_object(instance), rest)
        block = bound.block if bound is not None else None
        if isinstance(block, ImageBlock):
            return get_image_model()
        return getattr(block, "target_model", None)
    return None
