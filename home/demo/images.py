"""Demo pictures drawn locally with Pillow (the demo downloads nothing)."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _png(image: PILImage.Image, name: str) -> ImageFile:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def banner(text: str, colour: str, name: str, size=(1200, 675)) -> ImageFile:
    """A gradient banner in a P's colour with soft circles and a caption."""
    width, height = size
    base = _hex_to_rgb(colour)
    image = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = 0.55 + 0.45 * y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    seed = int(hashlib.sha1(text.encode()).hexdigest(), 16)
    for index in range(6):
        radius = 60 + (seed >> (index * 5)) % 180
        x = (seed >> (index * 7)) % width
        y = (seed >> (index * 11)) % height
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            outline=(255, 255, 255),
            width=3,
        )
    draw.rectangle([0, height - 130, width, height], fill=(0, 0, 0))
    draw.text((48, height - 100), text[:60], font=_font(44), fill=(255, 255, 255))
    return _png(image, name)


def emblem(initials: str, colour: str, name: str) -> ImageFile:
    """A round emblem with a signatory's initials, standing in for a logo."""
    size = 320
    image = PILImage.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([8, 8, size - 8, size - 8], fill=_hex_to_rgb(colour), outline=(255, 255, 255))
    draw.ellipse([28, 28, size - 28, size - 28], outline=(255, 255, 255), width=6)
    font = _font(120)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, font=font, fill=(255, 255, 255))
    return _png(image, name)
