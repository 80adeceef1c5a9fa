"""Uploaded images lose their EXIF data, the GPS position first (issue 19).

Each way an editor uploads an image (the add view, the chooser's upload tab, multiple
upload and its "create from upload" step) stores a file without EXIF but oriented: a photo
taken in portrait (orientation 6) is stored as portrait pixels, and Wagtail's width and
height say so. PNG, WebP and GIF still upload.
"""

from io import BytesIO, StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

pytestmark = pytest.mark.django_db

GPS = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 21.0, 3.0)}


def photo(file_format: str = "JPEG", orientation: int = 6, size=(60, 20)) -> bytes:
    """A landscape picture whose EXIF says "rotate 90°" (orientation 6) and where it was."""
    image = Image.new("RGB", size, "red")
    image.paste((0, 0, 255), (0, 0, 10, 10))  # a blue corner, to follow the rotation
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.DateTimeOriginal] = "2026:05:01 10:00:00"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    output = BytesIO()
    image.save(output, file_format, exif=exif)
    return output.getvalue()


def stored(title: str):
    image = get_image_model().objects.get(title=title)
    with image.open_file() as file:
        data = file.read()
    return image, data


def assert_clean_portrait(image, data: bytes) -> None:
    with Image.open(BytesIO(data)) as pixels:
        exif = pixels.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert dict(exif) == {}  # nothing left, not even the orientation (applied)
        assert pixels.size == (20, 60)  # rotated: portrait
        # Orientation 6 turns the picture clockwise: the top-left corner goes top-right.
        assert pixels.convert("RGB").getpixel((15, 2))[2] > 200
    assert (image.width, image.height) == (20, 60)
    assert image.file_size == len(data)
    assert image.file_hash and b"PhoneMaker" not in data


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    return client


def test_the_add_view_stores_the_photo_without_exif_and_upright(admin_client):
    upload = SimpleUploadedFile("shelter.jpg", photo(), "image/jpeg")
    response = admin_client.post("/admin/images/add/", {"title": "shelter", "file": upload})

    assert response.status_code == 302
    assert_clean_portrait(*stored("shelter"))


def test_the_upload_form_says_that_the_location_goes(admin_client):
    for url in ("/admin/images/add/", "/admin/images/multiple/add/", "/admin/images/chooser/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        content = (
            response.content.decode()
            if url != "/admin/images/chooser/"
            else response.json()["html"]
        )
        assert "Location and other photo data (EXIF) are removed on upload" in content, url


def test_the_chooser_upload_strips_too(admin_client):
    upload = SimpleUploadedFile("playground.jpg", photo(), "image/jpeg")
    response = admin_client.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "playground", "image-chooser-upload-file": upload},
    )
    assert response.status_code == 200
    assert_clean_portrait(*stored("playground"))


def test_multiple_upload_strips_too(admin_client):
    upload = SimpleUploadedFile("refuge.jpg", photo(), "image/jpeg")
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:300]
    assert_clean_portrait(*stored("refuge.jpg"))


def test_an_image_made_from_an_earlier_upload_strips_too(admin_client, django_user_model):
    """Multiple upload's second step (the upload kept as an UploadedFile, e.g. when the
    form asked for more): the file is already in storage when the image is made."""
    user = django_user_model.objects.get(username="admin")
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=user,
        file=ContentFile(photo(), "foyer.jpg"),
    )
    response = admin_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {f"uploaded-image-{upload.pk}-title": "foyer", f"uploaded-image-{upload.pk}-collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:500]
    assert_clean_portrait(*stored("foyer"))


@pytest.mark.parametrize("file_format", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_and_still_upload(admin_client, file_format):
    name = f"garden.{file_format.lower()}"
    upload = SimpleUploadedFile(name, photo(file_format), f"image/{file_format.lower()}")
    response = admin_client.post("/admin/images/add/", {"title": name, "file": upload})

    assert response.status_code == 302
    image, data = stored(name)
    with Image.open(BytesIO(data)) as pixels:
        assert pixels.format == file_format
        assert not pixels.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert pixels.size == (20, 60)


def test_a_gif_and_a_plain_png_are_stored_as_they_came(admin_client):
    for name, file_format in (("drawing.gif", "GIF"), ("chart.png", "PNG")):
        output = BytesIO()
        Image.new("RGB", (30, 10), "green").save(output, file_format)
        upload = SimpleUploadedFile(name, output.getvalue(), f"image/{file_format.lower()}")
        response = admin_client.post("/admin/images/add/", {"title": name, "file": upload})

        assert response.status_code == 302
        image, data = stored(name)
        assert data == output.getvalue()  # nothing to remove: not even re-encoded
        assert (image.width, image.height) == (30, 10)


def test_replacing_a_file_in_the_edit_view_strips_the_new_one(admin_client):
    plain = BytesIO()
    Image.new("RGB", (30, 10), "green").save(plain, "JPEG")
    admin_client.post(
        "/admin/images/add/",
        {"title": "mural", "file": SimpleUploadedFile("mural.jpg", plain.getvalue(), "image/jpeg")},
    )
    image = get_image_model().objects.get(title="mural")
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "mural",
            "file": SimpleUploadedFile("mural2.jpg", photo(), "image/jpeg"),
            "collection": image.collection_id,
        },
    )

    assert response.status_code == 302, response.content[:500]
    assert_clean_portrait(*stored("mural"))


def test_a_photo_uploaded_as_a_document_loses_its_location(admin_client, settings):
    # The reference site takes no pictures as documents; a host may (WAGTAILDOCS_EXTENSIONS).
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "jpg"]
    upload = SimpleUploadedFile("shelter-visit.jpg", photo(), "image/jpeg")
    response = admin_client.post("/admin/documents/add/", {"title": "visit", "file": upload})

    assert response.status_code == 302
    document = get_document_model().objects.get(title="visit")
    with document.open_file() as file:
        data = file.read()
    with Image.open(BytesIO(data)) as pixels:
        assert not pixels.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert pixels.size == (20, 60)  # upright
    assert document.file_size == len(data) and b"PhoneMaker" not in data


def test_a_pdf_document_is_stored_as_it_came(admin_client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("minutes.pdf", pdf, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "minutes", "file": upload})

    assert response.status_code == 302

    document = get_document_model().objects.get(title="minutes")
    with document.open_file() as file:
        assert file.read() == pdf


def test_pictures_stored_before_are_stripped_by_the_command(admin_client):
    # Stored as a site would hold them before the plugin: bulk_create sends no signals.
    storage = get_image_model()._meta.get_field("file").storage
    name = storage.save("original_images/old-visit.jpg", ContentFile(photo()))
    get_image_model().objects.bulk_create(
        [get_image_model()(title="old visit", file=name, width=60, height=20)]
    )
    image = get_image_model().objects.get(title="old visit")
    image.get_rendition("width-10")
    out = StringIO()

    call_command("strip_photo_metadata", "--dry-run", stdout=out)
    assert "1 of 1 pictures and documents have photo metadata (dry run" in out.getvalue()
    assert stored("old visit")[1] == storage.open(name).read()  # unchanged

    call_command("strip_photo_metadata", stdout=out)
    image, data = stored("old visit")
    assert_clean_portrait(image, data)
    assert not storage.exists(name) and not image.renditions.exists()
    out = StringIO()
    call_command("strip_photo_metadata", stdout=out)  # again: nothing left to do
    assert "0 of 1 pictures and documents had photo metadata" in out.getvalue()
