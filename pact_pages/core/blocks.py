"""StreamField blocks shared by signatory profiles and initiative stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Editors get the features a story needs; nothing that lets markup or scripts in.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the alternative text and caption a reader needs."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "pact_pages/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pact_pages/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the media library, e.g. an action plan as PDF."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave blank to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "pact_pages/blocks/document_link.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=40, help_text=_("e.g. 1,200 or 85%"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of figures that sum up an initiative's reach."""

    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "pact_pages/blocks/key_figures.html"


class StoryStreamBlock(blocks.StreamBlock):
    """The body of a signatory profile or an initiative story."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        template="pact_pages/blocks/paragraph.html",
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        form_classname="title",
        template="pact_pages/blocks/heading.html",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Video or other embed"), template="pact_pages/blocks/embed.html")
    document = DocumentLinkBlock()
    key_figures = KeyFiguresBlock()
