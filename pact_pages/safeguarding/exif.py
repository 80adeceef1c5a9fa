"""Uploaded images lose their EXIF data (GPS position, camera, dates, names) on upload.

A photo taken at a shelter carries its GPS position; the public gets the original file
through Wagtail's renditions and the media API. So every image model of the site (Wagtail's
``Image`` or a host's ``AbstractImage`` subclass) strips the metadata when its file is
new or replaced, whichever way it came in (the add view, the chooser's upload, multiple
upload, a script): a ``pre_save`` receiver, since Wagtail has no upload hook. So does every
document model for a document that is a picture (a host may allow photos as documents; the
reference site does not).

The orientation is applied to the pixels (``ImageOps.exif_transpose``) instead of being
kept as a tag: Wagtail reads ``width`` and ``height`` from the stored pixels, so a portrait
photo with an orientation tag would be cropped and sized as a landscape one.

JPEG, PNG and WebP are rewritten only when they carry metadata; GIF holds no EXIF and is
kept as it is. Colour profiles (ICC) are kept: they are not personal data.
"""

from __future__ import annotations

import logging
import os
from io import BytesIO

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, JpegImagePlugin
from wagtail.documents.models import AbstractDocument
from wagtail.images import forms as image_forms
from wagtail.images.fields import WagtailImageField
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike

logger = logging.getLogger(__name__)

UPLOAD_NOTE = _(
    "Location and other photo data (EXIF) are removed on upload; the orientation is kept."
)
# Info keys of Pillow that hold metadata: XMP, comments, IPTC.
METADATA_KEYS = ("xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")
REWRITTEN = ("JPEG", "MPO", "PNG", "WEBP")
# A document is read only when its name says it is a picture (a PDF is left unopened).
PICTURE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "mpo"}
ORIENTATION = 0x0112


def _has_metadata(image: Image.Image) -> bool:
    exif = image.getexif()
    if any(tag != ORIENTATION for tag in exif) or exif.get(ORIENTATION, 1) != 1:
        return True
    if any(key in image.info for key in METADATA_KEYS):
        return True
    if image.format == "PNG" and getattr(image, "text", None):
        return True
    # JPEG application segments: APP1 (Exif, XMP) and APP13 (IPTC).
    return any(marker in ("APP1", "APP13") for marker, _ in getattr(image, "applist", ()))


def _save_options(image: Image.Image, transposed: bool) -> dict:
    options: dict = {"exif": b""}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if image.format in ("JPEG", "MPO"):
        if transposed:
            options.update(quality=90, subsampling=JpegImagePlugin.get_sampling(image))
        else:  # the same quantisation tables: no visible loss
            options.update(quality="keep", subsampling="keep")
    elif image.format == "WEBP":
        options["lossless"] = image.info.get("compression") == "lossless"
        options["quality"] = 90
    return options


def strip_metadata(data: bytes) -> bytes | None:
    """``data`` (an image file) without its metadata, oriented; None when there is nothing
    to remove or the file is not an image Pillow rewrites (left to Wagtail's validation)."""
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in REWRITTEN or not _has_metadata(image):
                return None
            output = BytesIO()
            file_format = "JPEG" if image.format == "MPO" else image.format
            if getattr(image, "is_animated", False):
                # Every frame, without metadata (an animation is not a camera's photo).
                options = {"exif": b"", "icc_profile": image.info.get("icc_profile")}
                image.save(output, image.format, save_all=True, **options)
                return output.getvalue()
            transposed = image.getexif().get(ORIENTATION, 1) != 1
            source = ImageOps.exif_transpose(image) if transposed else image
            source.save(output, file_format, **_save_options(image, transposed))
            return output.getvalue()
    except (OSError, ValueError, SyntaxError) as error:  # not an image: Wagtail says so
        logger.info("Image metadata not stripped: %s", error)
        return None


def _is_picture_name(name: str) -> bool:
    return os.path.splitext(name or "")[1].lstrip(".").lower() in PICTURE_EXTENSIONS


def strip_stored(item: AbstractImage | AbstractDocument, dry_run: bool = False) -> bool:
    """A picture stored before the site stripped uploads (``manage.py strip_photo_metadata``):
    its file rewritten without metadata under a new name, the old one deleted, and for an
    image its renditions dropped (Wagtail makes them again from the clean file). True when it
    had metadata; with ``dry_run`` nothing changes."""
    if isinstance(item, AbstractDocument) and not _is_picture_name(item.file.name):
        return False
    old_name = item.file.name
    try:
        with item.file.storage.open(old_name, "rb") as stored:
            cleaned = strip_metadata(stored.read())
    except OSError as error:
        logger.warning("%s %s: file not read: %s", type(item).__name__, item.pk, error)
        return False
    if cleaned is None or dry_run:
        return cleaned is not None
    item.file = ContentFile(cleaned, name=os.path.basename(old_name))
    item.file_size = len(cleaned)
    item.file_hash = hash_filelike(BytesIO(cleaned))
    item.save()
    item.file.storage.delete(old_name)
    if isinstance(item, AbstractImage):
        for rendition in item.renditions.all():
            rendition.delete()  # Wagtail deletes the rendition's file with it
    return True


def _file_changed(instance: AbstractImage | AbstractDocument) -> bool:
    if instance._state.adding or instance.pk is None:
        return True
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list("file", flat=True)
    return stored.first() != instance.file.name


def strip_uploaded_image(
    sender, instance: AbstractImage | AbstractDocument, raw: bool = False, **kwargs
) -> None:
    """``pre_save`` of an image or document model: a new or replaced file loses its metadata
    (a document only when it is a picture: a host may allow photos in its documents)."""
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    if isinstance(instance, AbstractDocument) and not _is_picture_name(instance.file.name):
        return
    field_file = instance.file
    if not field_file:
        return
    committed = field_file._committed
    if committed and not _file_changed(instance):
        return
    old_name = field_file.name
    if committed:  # already in storage (multiple upload's "create from upload", scripts)
        with field_file.storage.open(old_name, "rb") as stored:
            data = stored.read()
    else:
        field_file.seek(0)
        data = field_file.read()
        field_file.seek(0)
    cleaned = strip_metadata(data)
    if cleaned is None:
        return
    # The descriptor re-reads width and height from the new content.
    instance.file = ContentFile(cleaned, name=os.path.basename(old_name))
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(BytesIO(cleaned))
    if committed:
        field_file.storage.delete(old_name)


class NotedImageField(WagtailImageField):
    """Wagtail's upload field, whose help text says that the metadata goes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.help_text = format_lazy("{} {}", self.help_text, UPLOAD_NOTE)

    def check_image_pixel_size(self, f) -> None:
        """Wagtail's, where Willow decodes the whole file: a truncated or broken picture
        (OSError from Pillow) is the field's "not a valid image" error instead of a 500."""
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


def picture_models() -> list[type]:
    """Every concrete image and document model of the site, the host's own included."""
    return [
        model for model in apps.get_models() if issubclass(model, (AbstractImage, AbstractDocument))
    ]


def connect_signals() -> None:
    for model in picture_models():
        pre_save.connect(
            strip_uploaded_image, sender=model, dispatch_uid=f"pact_exif_{model._meta.label}"
        )
    # The note under every image upload field (the add view, the chooser's upload tab and
    # multiple upload, whose drop zone shows the field's help text): Wagtail builds the field
    # in ``wagtail.images.forms.formfield_for_dbfield`` from this name, for any image model
    # and any WAGTAILIMAGES_IMAGE_FORM_BASE, and offers no hook for it.
    image_forms.WagtailImageField = NotedImageField
