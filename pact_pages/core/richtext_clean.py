"""Rich text is cleaned again on every save, whatever wrote it.

The admin's editor (Draftail) only produces the features a field allows, but rich text also
arrives by other roads: wagtail-localize translations and PO imports, the demo loader, the
shell, future importers. Before a model of the plugin (or of an app that opted in with
``clean_rich_text_on_save``) with a RichTextField or StreamField is saved, every rich text
value is passed through a whitelist built from the field's (or block's) features in Wagtail's
database format: unknown tags are unwrapped (their text stays, escaped), script and
style contents go with them, attributes not listed are dropped (so every ``on…=`` handler), and
links pass Wagtail's ``check_url`` (no ``javascript:``, ``vbscript:`` or ``data:`` URLs).
"""

from collections.abc import MutableMapping

from bs4 import BeautifulSoup
from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.html import escape
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

# Wagtail's database format for links, documents, images and embeds: a linktype/embedtype and
# an id, never raw markup.
LINK = attribute_rule({"href": check_url, "linktype": True, "id": True})
EMBED = attribute_rule({"embedtype": True, "id": True, "format": True, "alt": True, "url": True})
PARAGRAPH = attribute_rule({"data-block-key": True})

FEATURE_TAGS: dict[str, dict] = {
    "bold": {"b": allow_without_attributes, "strong": allow_without_attributes},
    "italic": {"i": allow_without_attributes, "em": allow_without_attributes},
    "ol": {"ol": allow_without_attributes, "li": allow_without_attributes},
    "ul": {"ul": allow_without_attributes, "li": allow_without_attributes},
    "link": {"a": LINK},
    "document-link": {"a": LINK},
    "image": {"embed": EMBED},
    "embed": {"embed": EMBED},
    "hr": {"hr": allow_without_attributes},
    "blockquote": {"blockquote": PARAGRAPH},
    "code": {"code": allow_without_attributes},
    "superscript": {"sup": allow_without_attributes},
    "subscript": {"sub": allow_without_attributes},
    "strikethrough": {"s": allow_without_attributes},
    **{f"h{level}": {f"h{level}": PARAGRAPH} for level in range(1, 7)},
}

_whitelisters: dict[tuple[str, ...], Whitelister] = {}


class FeatureWhitelister(Whitelister):
    def __init__(self, features: tuple[str, ...]):
        rules = {
            "[document]": allow_without_attributes,
            "p": PARAGRAPH,
            "br": allow_without_attributes,
        }
        for feature in features:
            rules.update(FEATURE_TAGS.get(feature, {}))
        self.element_rules = rules


def clean_html(html: str, features=None) -> str:
    """``html`` with only what ``features`` (None: Wagtail's defaults) allow.

    Unchanged (byte for byte) when nothing had to go: re-serialising alone would rewrite
    entities (' as &#x27;), and a save that changes nothing must not look like an edit.
    """
    key = tuple(features if features is not None else feature_registry.get_default_features())
    if key not in _whitelisters:
        _whitelisters[key] = FeatureWhitelister(key)
    cleaned = _whitelisters[key].clean(html)
    untouched = BeautifulSoup(html, "html.parser").decode(formatter=escape)
    return html if cleaned == untouched else cleaned


def clean_block_value(block, value):
    """Cleans the rich text inside a StreamField value, in place where the value allows it.

    Only RichTextBlock values change. A container is walked only when its value has the shape
    its block class implies: a StructBlock subclass may hold something else (Wagtail's own
    ImageBlock gives an image, not a StructValue), and values may be None.
    """
    if value is None:
        return value
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(value, RichText):
            value.source = clean_html(value.source, block.features)
    elif isinstance(block, blocks.StreamBlock):
        if isinstance(value, blocks.StreamValue):
            for child in value:
                child.value = clean_block_value(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(value, MutableMapping):
            for name, child_block in block.child_blocks.items():
                if name in value:
                    value[name] = clean_block_value(child_block, value[name])
    elif isinstance(block, blocks.ListBlock):
        if isinstance(value, blocks.list_block.ListValue):
            for bound in value.bound_blocks:
                bound.value = clean_block_value(bound.block, bound.value)
        elif isinstance(value, list):
            value[:] = [clean_block_value(block.child_block, item) for item in value]
    return value


def clean_rich_text_before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loading fixtures: stored as given
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, RichTextField):
            html = getattr(instance, field.attname)
            if html:
                setattr(instance, field.attname, clean_html(html, field.features))
        elif isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            if value:
                clean_block_value(field.stream_block, value)


def clean_rich_text_on_save(app_config: AppConfig) -> None:
    """Cleans the rich text of ``app_config``'s models before each save (from its ``ready()``).

    Only models that are asked for: the plugin's own (``PactPagesConfig``); a host site opts
    its apps in the same way. Every model of the site would mean rewriting content the plugin
    does not own, with block types it does not know.
    """
    for model in app_config.get_models():
        if any(isinstance(f, RichTextField | StreamField) for f in model._meta.concrete_fields):
            pre_save.connect(
                clean_rich_text_before_save,
                sender=model,
                dispatch_uid=f"pact_clean_rich_text_{model._meta.label_lower}",
            )
