"""Flat pictograms for the demo's illustrations: buildings, objects and symbols, never people's
faces (and no children). Each draws centred on (x, y) within about ``s`` pixels of it."""

import math

from PIL import ImageDraw

Colour = tuple[int, int, int]


def _box(x: float, y: float, w: float, h: float) -> list[float]:
    return [x - w, y - h, x + w, y + h]


def school(d: ImageDraw.ImageDraw, x, y, s, fg: Colour, accent: Colour, bg: Colour) -> None:
    d.rectangle([x - s, y - 0.25 * s, x + s, y + s], fill=fg)
    d.polygon(
        [(x - 1.15 * s, y - 0.2 * s), (x, y - 0.95 * s), (x + 1.15 * s, y - 0.2 * s)], fill=fg
    )
    d.ellipse(_box(x, y - 0.35 * s, 0.18 * s, 0.18 * s), fill=accent)
    d.rectangle([x - 0.18 * s, y + 0.45 * s, x + 0.18 * s, y + s], fill=bg)
    for dx in (-0.7, -0.4, 0.4, 0.7):
        d.rectangle(_box(x + dx * s, y + 0.25 * s, 0.1 * s, 0.14 * s), fill=bg)
    d.line([(x, y - 0.95 * s), (x, y - 1.35 * s)], fill=fg, width=max(2, int(s / 22)))
    d.polygon([(x, y - 1.35 * s), (x + 0.35 * s, y - 1.25 * s), (x, y - 1.15 * s)], fill=accent)


def house(d, x, y, s, fg, accent, bg) -> None:
    d.rectangle([x - 0.8 * s, y - 0.2 * s, x + 0.8 * s, y + s], fill=fg)
    d.polygon([(x - s, y - 0.1 * s), (x, y - s), (x + s, y - 0.1 * s)], fill=fg)
    d.rectangle([x + 0.45 * s, y - 0.85 * s, x + 0.65 * s, y - 0.4 * s], fill=fg)
    heart(d, x, y + 0.35 * s, 0.38 * s, accent)


def heart(d, x, y, s, colour) -> None:
    d.ellipse([x - s, y - 0.75 * s, x, y + 0.2 * s], fill=colour)
    d.ellipse([x, y - 0.75 * s, x + s, y + 0.2 * s], fill=colour)
    d.polygon([(x - 0.97 * s, y - 0.1 * s), (x, y + s), (x + 0.97 * s, y - 0.1 * s)], fill=colour)


def hands(d, x, y, s, fg, accent, bg) -> None:
    """Two cupped hands (rounded shapes) holding a heart."""
    d.pieslice(_box(x, y + 0.1 * s, s, 0.85 * s), 0, 180, fill=fg)
    d.ellipse(_box(x - 0.9 * s, y + 0.1 * s, 0.25 * s, 0.18 * s), fill=fg)
    d.ellipse(_box(x + 0.9 * s, y + 0.1 * s, 0.25 * s, 0.18 * s), fill=fg)
    heart(d, x, y - 0.3 * s, 0.45 * s, accent)


def shield(d, x, y, s, fg, accent, bg) -> None:
    d.polygon(
        [
            (x - 0.85 * s, y - s),
            (x + 0.85 * s, y - s),
            (x + 0.85 * s, y),
            (x, y + s),
            (x - 0.85 * s, y),
        ],
        fill=fg,
    )
    d.pieslice(_box(x, y - 0.05 * s, 0.85 * s, 1.0 * s), 0, 180, fill=fg)
    w = max(4, int(s / 7))
    d.line(
        [(x - 0.4 * s, y - 0.1 * s), (x - 0.1 * s, y + 0.25 * s), (x + 0.45 * s, y - 0.4 * s)],
        fill=accent,
        width=w,
    )


def badge(d, x, y, s, fg, accent, bg) -> None:
    shield(d, x, y, s, fg, fg, bg)
    star(d, x, y - 0.1 * s, 0.5 * s, accent)


def star(d, x, y, r, colour) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    d.polygon(points, fill=colour)


def scales(d, x, y, s, fg, accent, bg) -> None:
    w = max(3, int(s / 12))
    d.rectangle([x - 0.06 * s, y - 0.8 * s, x + 0.06 * s, y + 0.8 * s], fill=fg)
    d.rectangle([x - 0.45 * s, y + 0.8 * s, x + 0.45 * s, y + 0.95 * s], fill=fg)
    d.line([(x - s, y - 0.6 * s), (x + s, y - 0.6 * s)], fill=fg, width=w)
    d.ellipse(_box(x, y - 0.8 * s, 0.14 * s, 0.14 * s), fill=accent)
    for side in (-1, 1):
        px = x + side * 0.85 * s
        d.line([(px, y - 0.6 * s), (px - 0.3 * s, y + 0.1 * s)], fill=fg, width=max(2, w // 2))
        d.line([(px, y - 0.6 * s), (px + 0.3 * s, y + 0.1 * s)], fill=fg, width=max(2, w // 2))
        d.pieslice(_box(px, y + 0.1 * s, 0.38 * s, 0.25 * s), 0, 180, fill=accent)


def bubbles(d, x, y, s, fg, accent, bg) -> None:
    d.rounded_rectangle([x - s, y - 0.9 * s, x + 0.35 * s, y + 0.05 * s], radius=0.22 * s, fill=fg)
    d.polygon([(x - 0.7 * s, y), (x - 0.8 * s, y + 0.35 * s), (x - 0.4 * s, y)], fill=fg)
    d.rounded_rectangle(
        [x - 0.25 * s, y - 0.2 * s, x + s, y + 0.7 * s], radius=0.22 * s, fill=accent
    )
    d.polygon(
        [(x + 0.5 * s, y + 0.65 * s), (x + 0.8 * s, y + 1.0 * s), (x + 0.75 * s, y + 0.65 * s)],
        fill=accent,
    )
    for dx in (-0.65, -0.35, -0.05):
        d.ellipse(_box(x + dx * s, y - 0.45 * s, 0.08 * s, 0.08 * s), fill=bg)
    for row in (0.1, 0.3, 0.5):
        d.rounded_rectangle(
            [x - 0.05 * s, y + row * s - 0.04 * s, x + 0.8 * s, y + row * s + 0.04 * s],
            radius=0.04 * s,
            fill=bg,
        )


def phone(d, x, y, s, fg, accent, bg) -> None:
    d.rounded_rectangle([x - 0.5 * s, y - s, x + 0.5 * s, y + s], radius=0.15 * s, fill=fg)
    d.rectangle([x - 0.4 * s, y - 0.8 * s, x + 0.4 * s, y + 0.7 * s], fill=bg)
    d.ellipse(_box(x, y + 0.85 * s, 0.07 * s, 0.07 * s), fill=bg)
    w = max(3, int(s / 14))
    for r in (0.3, 0.55, 0.8):
        d.arc(_box(x + 0.55 * s, y - 0.6 * s, r * s, r * s), -60, 20, fill=accent, width=w)
    bubbles(d, x, y - 0.1 * s, 0.32 * s, accent, fg, bg)


def laptop(d, x, y, s, fg, accent, bg) -> None:
    d.rounded_rectangle(
        [x - 0.85 * s, y - 0.75 * s, x + 0.85 * s, y + 0.4 * s], radius=0.06 * s, fill=fg
    )
    d.rectangle([x - 0.75 * s, y - 0.65 * s, x + 0.75 * s, y + 0.3 * s], fill=bg)
    d.polygon(
        [
            (x - 0.95 * s, y + 0.45 * s),
            (x + 0.95 * s, y + 0.45 * s),
            (x + 1.1 * s, y + 0.65 * s),
            (x - 1.1 * s, y + 0.65 * s),
        ],
        fill=fg,
    )
    d.arc(
        _box(x, y - 0.25 * s, 0.17 * s, 0.2 * s), 180, 360, fill=accent, width=max(3, int(s / 14))
    )
    d.rounded_rectangle(
        [x - 0.25 * s, y - 0.22 * s, x + 0.25 * s, y + 0.15 * s], radius=0.04 * s, fill=accent
    )


def pitch(d, x, y, s, fg, accent, bg) -> None:
    w = max(3, int(s / 16))
    d.rounded_rectangle(
        [x - 1.2 * s, y - 0.75 * s, x + 1.2 * s, y + 0.75 * s], radius=0.08 * s, fill=fg
    )
    d.rectangle([x - 1.1 * s, y - 0.65 * s, x + 1.1 * s, y + 0.65 * s], outline=bg, width=w)
    d.line([(x, y - 0.65 * s), (x, y + 0.65 * s)], fill=bg, width=w)
    d.ellipse(_box(x, y, 0.25 * s, 0.25 * s), outline=bg, width=w)
    d.rectangle([x - 1.1 * s, y - 0.3 * s, x - 0.8 * s, y + 0.3 * s], outline=bg, width=w)
    d.rectangle([x + 0.8 * s, y - 0.3 * s, x + 1.1 * s, y + 0.3 * s], outline=bg, width=w)
    d.ellipse(_box(x + 0.45 * s, y + 0.35 * s, 0.16 * s, 0.16 * s), fill=accent)


def skyline(d, x, y, s, fg, accent, bg) -> None:
    heights = [0.9, 1.4, 0.7, 1.8, 1.1, 0.8, 1.3]
    width = 2.4 * s / len(heights)
    for i, h in enumerate(heights):
        left = x - 1.2 * s + i * width
        d.rectangle(
            [left + 2, y + s - h * s, left + width - 2, y + s], fill=fg if i % 3 else accent
        )
        for row in range(int(h * 3)):
            top = y + s - h * s + 0.12 * s + row * 0.3 * s
            d.rectangle([left + 0.3 * width, top, left + 0.7 * width, top + 0.1 * s], fill=bg)


def megaphone(d, x, y, s, fg, accent, bg) -> None:
    d.polygon(
        [
            (x - 0.8 * s, y - 0.2 * s),
            (x + 0.4 * s, y - 0.7 * s),
            (x + 0.4 * s, y + 0.7 * s),
            (x - 0.8 * s, y + 0.2 * s),
        ],
        fill=fg,
    )
    d.rectangle([x - s, y - 0.25 * s, x - 0.75 * s, y + 0.25 * s], fill=fg)
    d.polygon(
        [
            (x - 0.6 * s, y + 0.2 * s),
            (x - 0.3 * s, y + 0.2 * s),
            (x - 0.4 * s, y + 0.75 * s),
            (x - 0.6 * s, y + 0.75 * s),
        ],
        fill=fg,
    )
    w = max(3, int(s / 12))
    for r in (0.35, 0.65):
        d.arc(_box(x + 0.5 * s, y, r * s, r * s), -50, 50, fill=accent, width=w)


def network(d, x, y, s, fg, accent, bg) -> None:
    nodes = [(0, 0), (-0.85, -0.55), (0.85, -0.6), (-0.7, 0.7), (0.8, 0.65), (0, -1.0)]
    w = max(3, int(s / 14))
    for nx, ny in nodes[1:]:
        d.line([(x, y), (x + nx * s, y + ny * s)], fill=fg, width=w)
    d.line(
        [(x + nodes[1][0] * s, y + nodes[1][1] * s), (x + nodes[5][0] * s, y + nodes[5][1] * s)],
        fill=fg,
        width=w,
    )
    for i, (nx, ny) in enumerate(nodes):
        r = 0.32 * s if i == 0 else 0.2 * s
        d.ellipse(_box(x + nx * s, y + ny * s, r, r), fill=accent if i == 0 else fg)


def magnifier(d, x, y, s, fg, accent, bg) -> None:
    for i, h in enumerate((0.3, 0.55, 0.4, 0.75)):
        left = x - 0.75 * s + i * 0.3 * s
        d.rectangle([left, y + 0.2 * s - h * s, left + 0.2 * s, y + 0.2 * s], fill=accent)
    w = max(5, int(s / 8))
    d.ellipse(_box(x - 0.15 * s, y - 0.15 * s, 0.75 * s, 0.75 * s), outline=fg, width=w)
    d.line([(x + 0.4 * s, y + 0.4 * s), (x + s, y + s)], fill=fg, width=int(w * 1.6))


def cross(d, x, y, s, fg, accent, bg) -> None:
    d.rounded_rectangle(_box(x, y, s, s), radius=0.25 * s, fill=fg)
    d.rectangle(_box(x, y, 0.22 * s, 0.65 * s), fill=bg)
    d.rectangle(_box(x, y, 0.65 * s, 0.22 * s), fill=bg)
    d.ellipse(_box(x + 0.75 * s, y - 0.75 * s, 0.2 * s, 0.2 * s), fill=accent)


def pin(d, x, y, s, fg, accent, bg) -> None:
    d.ellipse(_box(x, y - 0.35 * s, 0.65 * s, 0.65 * s), fill=fg)
    d.polygon([(x - 0.56 * s, y - 0.05 * s), (x, y + s), (x + 0.56 * s, y - 0.05 * s)], fill=fg)
    d.ellipse(_box(x, y - 0.35 * s, 0.25 * s, 0.25 * s), fill=bg)
    d.ellipse(_box(x, y + s, 0.7 * s, 0.12 * s), outline=accent, width=max(3, int(s / 14)))


def document(d, x, y, s, fg, accent, bg) -> None:
    d.polygon(
        [
            (x - 0.7 * s, y - s),
            (x + 0.4 * s, y - s),
            (x + 0.7 * s, y - 0.7 * s),
            (x + 0.7 * s, y + s),
            (x - 0.7 * s, y + s),
        ],
        fill=fg,
    )
    for i in range(5):
        top = y - 0.6 * s + i * 0.25 * s
        d.rectangle([x - 0.5 * s, top, x + (0.5 if i % 2 else 0.2) * s, top + 0.08 * s], fill=bg)
    d.ellipse(_box(x + 0.35 * s, y + 0.65 * s, 0.3 * s, 0.3 * s), fill=accent)


def people(d, x, y, s, fg, accent, bg) -> None:
    """Three standing figures drawn as simple signs (head and rounded body), adults' height."""
    for dx, scale, colour in ((-0.7, 0.8, accent), (0.7, 0.8, accent), (0, 1.0, fg)):
        cx, k = x + dx * s, scale * s
        d.ellipse(_box(cx, y - 0.55 * k, 0.25 * k, 0.25 * k), fill=colour)
        d.rounded_rectangle(
            [cx - 0.38 * k, y - 0.22 * k, cx + 0.38 * k, y + 1.0 * k], radius=0.3 * k, fill=colour
        )


PICTOGRAMS = {
    "schools": school,
    "kindergartens": house,
    "training": document,
    "multi-agency": network,
    "barnahus": house,
    "child-friendly justice": scales,
    "justice": scales,
    "parents": people,
    "sport": pitch,
    "safer recruitment": shield,
    "lanzarote convention": document,
    "youth work": people,
    "children's council": bubbles,
    "youth participation": bubbles,
    "urban safety": skyline,
    "helpline": phone,
    "awareness campaign": megaphone,
    "online safety": laptop,
    "digital tools": phone,
    "police": badge,
    "victim support": hands,
    "social services": house,
    "peer education": bubbles,
    "data sharing": network,
    "disability": people,
    "health": cross,
    "perpetrator prevention": phone,
    "research": magnifier,
    "exploitation": pin,
    "outreach": pin,
    "migrant children": bubbles,
    "underwear rule": shield,
}
