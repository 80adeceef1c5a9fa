"""Demo pictures drawn locally with Pillow (the demo downloads nothing).

Illustrations are flat campaign-style compositions: a light ground in the colours of the
initiative's Ps, a large pictogram for its first theme and smaller ones for the others,
placed differently for each initiative. No text is drawn into them (a crop would cut it) and
no one is depicted. Emblems are heraldic shields, their shape telling the signatory's type.
"""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

from .pictograms import PICTOGRAMS, skyline, star

SIZE = (1600, 900)
Colour = tuple[int, int, int]


def _hex_to_rgb(colour: str) -> Colour:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _mix(colour: Colour, other: Colour, amount: float) -> Colour:
    """``amount`` of ``other`` mixed into ``colour``."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))  # type: ignore[return-value]


def _png(image: PILImage.Image, name: str) -> ImageFile:
    """A palette PNG: drawn in a few flat colours, it stays small and saves fast."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


WHITE, INK = (255, 255, 255), (24, 32, 48)


def illustration(colours: list[str], tags: list[str], seed: int, name: str) -> ImageFile:
    """A 1600×900 illustration for an initiative of these Ps (colours) and themes (tags)."""
    rng = random.Random(seed)
    width, height = SIZE
    primary = _hex_to_rgb(colours[0])
    secondary = _hex_to_rgb(colours[1]) if len(colours) > 1 else _mix(primary, INK, 0.35)
    background = _mix(primary, WHITE, 0.9)
    # Palette mode: ImageDraw adds each flat colour to the palette as it is used.
    image = PILImage.new("P", SIZE)
    image.putpalette(background)
    draw = ImageDraw.Draw(image)
    # Large soft shapes, then a ground the pictograms stand on.
    for _ in range(3):
        r = rng.randint(220, 520)
        x, y = rng.randint(0, width), rng.randint(0, height)
        tint = _mix(rng.choice([primary, secondary]), WHITE, rng.uniform(0.72, 0.84))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tint)
    ground = _mix(primary, WHITE, 0.7)
    horizon = int(height * rng.uniform(0.72, 0.8))
    draw.ellipse([-width * 0.3, horizon, width * 1.3, horizon + height], fill=ground)
    if rng.random() < 0.5 and "urban safety" not in tags:  # no second skyline
        skyline(
            draw,
            rng.randint(200, 1400),
            horizon - 80,
            150,
            _mix(primary, WHITE, 0.6),
            _mix(secondary, WHITE, 0.6),
            ground,
        )
    _dots(draw, rng, _mix(secondary, WHITE, 0.45))
    main = rng.choice([0.3, 0.5, 0.7])
    fg, accent = _mix(primary, INK, 0.15), secondary
    _pictogram(draw, tags[0], main * width, horizon - 230, 200, fg, accent, background)
    others = [tag for tag in tags[1:] if PICTOGRAMS.get(tag) != PICTOGRAMS.get(tags[0])][:2]
    spots = [x for x in (0.14, 0.86, 0.5) if abs(x - main) > 0.25]
    for tag, x in zip(others, rng.sample(spots, len(spots)), strict=False):
        size = rng.randint(105, 140)
        _pictogram(
            draw,
            tag,
            x * width,
            rng.randint(260, horizon - size),
            size,
            secondary,
            _mix(primary, INK, 0.1),
            background,
        )
    return _png(image, name)


def _pictogram(draw, tag, x, y, size, fg, accent, bg) -> None:
    PICTOGRAMS.get(tag, PICTOGRAMS["multi-agency"])(draw, x, y, size, fg, accent, bg)


def _dots(draw: ImageDraw.ImageDraw, rng: random.Random, colour: Colour) -> None:
    """A small grid of dots and a few confetti rings, as campaign layouts use."""
    left, top = rng.randint(60, 1300), rng.randint(40, 300)
    for row in range(4):
        for column in range(6):
            x, y = left + column * 34, top + row * 34
            draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=colour)
    for _ in range(5):
        x, y, r = rng.randint(40, 1560), rng.randint(30, 560), rng.randint(10, 26)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=colour, width=6)


# Emblems: tinctures of heraldry, and a shield shape and charge per type of signatory.
TINCTURES = [(178, 34, 52), (29, 79, 145), (30, 123, 69), (40, 40, 48), (107, 63, 160)]
METALS = [(236, 190, 48), (245, 245, 240)]


def emblem(signatory_type: str, slug: str, name: str) -> ImageFile:
    """A coat of arms standing in for a signatory's logo (drawn twice as large, then reduced,
    for smooth edges)."""
    rng = random.Random(f"emblem-{slug}")
    size = 640
    field, metal = rng.choice(TINCTURES), rng.choice(METALS)
    image = PILImage.new("RGBA", (size, size), (255, 255, 255, 0))
    shape = PILImage.new("L", (size, size), 0)
    _shield_outline(ImageDraw.Draw(shape), signatory_type, size)
    art = PILImage.new("RGBA", (size, size), field + (255,))
    draw = ImageDraw.Draw(art)
    _partition(draw, rng.randrange(4), size, _mix(field, WHITE, 0.25), metal)
    _charge(draw, signatory_type, size, metal, field)
    image.paste(art, (0, 0), shape)
    if signatory_type == "town":  # a mural crown above the shield
        crown = ImageDraw.Draw(image)
        crown.rectangle([190, 50, 450, 100], fill=metal + (255,))
        for x in (190, 290, 390):
            crown.rectangle([x, 14, x + 60, 50], fill=metal + (255,))
    image = image.resize((320, 320), PILImage.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def _shield_outline(draw: ImageDraw.ImageDraw, signatory_type: str, size: int) -> None:
    top, left, right, bottom = 110, 130, size - 130, size - 30
    middle = size // 2
    if signatory_type == "representative":  # an oval cartouche
        draw.ellipse([left + 20, top - 40, right - 20, bottom], fill=255)
    elif signatory_type == "organisation":  # round-bottomed
        draw.rectangle([left, top, right, bottom - 190], fill=255)
        draw.pieslice([left, bottom - 380, right, bottom], 0, 180, fill=255)
    elif signatory_type == "association":  # square with a point
        draw.polygon(
            [
                (left, top),
                (right, top),
                (right, bottom - 90),
                (middle, bottom),
                (left, bottom - 90),
            ],
            fill=255,
        )
    else:  # heater shield, for towns and regions: straight top, sides curving to a point
        shoulder, steps = top + 170, 24
        side = [
            _bezier((left, shoulder), (left, bottom - 90), (middle, bottom), i / steps)
            for i in range(steps + 1)
        ]
        mirrored = [(size - x, y) for x, y in side]
        draw.polygon([(left, top), (right, top), *mirrored, *reversed(side)], fill=255)


def _bezier(start, control, end, t: float) -> tuple[float, float]:
    """A point of a quadratic Bézier curve."""
    return tuple(  # type: ignore[return-value]
        (1 - t) ** 2 * a + 2 * (1 - t) * t * b + t**2 * c
        for a, b, c in zip(start, control, end, strict=True)
    )


def _partition(draw, kind: int, size: int, lighter: Colour, metal: Colour) -> None:
    if kind == 1:  # per pale
        draw.rectangle([size // 2, 0, size, size], fill=lighter)
    elif kind == 2:  # a chief
        draw.rectangle([0, 0, size, 200], fill=lighter)
    elif kind == 3:  # a bend
        draw.polygon([(0, 60), (80, 0), (size, size - 80), (size - 60, size)], fill=lighter)


def _charge(draw, signatory_type: str, size: int, metal: Colour, field: Colour) -> None:
    x, y = size // 2, 330
    if signatory_type == "town":  # a gate tower
        draw.rectangle([x - 90, y - 70, x + 90, y + 130], fill=metal)
        for dx in (-90, -30, 30):
            draw.rectangle([x + dx, y - 110, x + dx + 50, y - 70], fill=metal)
        draw.pieslice([x - 40, y + 20, x + 40, y + 100], 180, 360, fill=field)
        draw.rectangle([x - 40, y + 60, x + 40, y + 130], fill=field)
    elif signatory_type == "region":  # mountains under a star
        draw.polygon(
            [
                (x - 150, y + 120),
                (x - 40, y - 40),
                (x + 30, y + 60),
                (x + 80, y),
                (x + 150, y + 120),
            ],
            fill=metal,
        )
        star(draw, x, y - 120, 50, metal)
    elif signatory_type == "association":  # linked rings
        for dx, dy in ((-60, -30), (60, -30), (0, 70)):
            draw.ellipse(
                [x + dx - 70, y + dy - 70, x + dx + 70, y + dy + 70], outline=metal, width=22
            )
    elif signatory_type == "representative":  # a star in a ring, a civic badge
        draw.ellipse([x - 130, y - 110, x + 130, y + 150], outline=metal, width=24)
        star(draw, x, y + 20, 85, metal)
    else:  # organisations: a heart
        draw.ellipse([x - 110, y - 90, x, y + 20], fill=metal)
        draw.ellipse([x, y - 90, x + 110, y + 20], fill=metal)
        draw.polygon([(x - 106, y - 20), (x, y + 140), (x + 106, y - 20)], fill=metal)
