"""A broken picture is a form error or stored as it came, never a server error (issue 19):
a truncated photo with its GPS position, a file that only starts like a JPEG, a photo whose
EXIF block is garbage, through the add view, the chooser's upload and multiple upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tests.test_image_exif import admin_client, photo  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def truncated() -> bytes:
    return photo(size=(600, 400))[:-400]


def not_really_a_jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 300


def garbage_exif() -> bytes:
    data = photo()
    at = data.find(b"Exif\x00\x00") + 6
    return data[:at] + b"\x13" * 40 + data[at + 40 :]


CASES = [truncated, not_really_a_jpeg, garbage_exif]


def gps_left(data: bytes) -> bool:
    from io import BytesIO

    try:
        with Image.open(BytesIO(data)) as pixels:
            return bool(pixels.getexif().get_ifd(ExifTags.IFD.GPSInfo))
    except Exception:  # noqa: BLE001
        return False


@pytest.mark.parametrize("make", CASES)
def test_the_add_view(admin_client, make):  # noqa: F811
    upload = SimpleUploadedFile("broken.jpg", make(), "image/jpeg")
    response = admin_client.post("/admin/images/add/", {"title": "broken", "file": upload})
    if make is garbage_exif:  # Pillow reads the pixels: stored, without the EXIF block
        assert response.status_code == 302
    else:  # the form again, with its error on the file
        assert response.status_code == 200
        assert response.context["form"].errors["file"]


@pytest.mark.parametrize("make", CASES)
def test_the_chooser_upload(admin_client, make):  # noqa: F811
    upload = SimpleUploadedFile("broken.jpg", make(), "image/jpeg")
    response = admin_client.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "broken", "image-chooser-upload-file": upload},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("make", CASES)
def test_multiple_upload(admin_client, make):  # noqa: F811
    upload = SimpleUploadedFile("broken.jpg", make(), "image/jpeg")
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("make", [truncated, garbage_exif])
def test_what_was_stored_has_no_gps(admin_client, make):  # noqa: F811
    from wagtail.images import get_image_model

    upload = SimpleUploadedFile("broken.jpg", make(), "image/jpeg")
    admin_client.post("/admin/images/add/", {"title": "broken", "file": upload})
    image = get_image_model().objects.filter(title="broken").first()
    if image is not None:
        with image.open_file() as file:
            assert not gps_left(file.read())
