"""The map's base layer: country outlines served by the site, built at vendor time.

Without a tile server (the default) the map must still show where things are, with no
request leaving the site. The npm package ``world-atlas`` redistributes Natural Earth's
country boundaries (public domain) as TopoJSON; ``make vendor`` turns them into one small
GeoJSON file (``vendor/world-atlas/countries.json``), so that neither Node nor a TopoJSON
library is needed, in Python or in the browser.

What keeps the file light (about 180 KB, 53 KB gzip-compressed): the 1:110m countries
(enough at the map's Europe-wide zooms), coordinates rounded to 0.01° (about 1 km) around
Europe and 0.1° elsewhere (where borders are simplified too), no Antarctica, no names. What
the 1:110m data lacks in Europe comes from the 1:50m data, so that no signatory's marker
stands in the sea: the micro-states
(Malta, Andorra, Monaco, San Marino, Liechtenstein...) and the islands (the Azores, the
Canaries, the Balearics, Funen, Gotland, the Greek and Croatian islands...), simplified. The
output is deterministic: its digest is in vendor-lock.json and ``make vendor-check``
verifies it offline.
"""

import json
import math

Point = list[float]
Ring = list[Point]
Polygon = list[Ring]

# West, south, east, north: the Council of Europe's member states and their neighbours.
EUROPE = (-32.0, 25.0, 70.0, 83.0)
# Where the 1:50m islands are added: the member states, not the Arctic.
ISLANDS = (-32.0, 27.0, 45.0, 72.0)
ISLAND_MIN_AREA = 0.01  # square degrees of the bounding box: about 10 × 10 km
ISLAND_TOLERANCE = 0.005  # degrees: simplification that no zoom of the map shows
ELSEWHERE_TOLERANCE = 0.1  # degrees: under a pixel at the zooms that show other continents
EUROPE_DIGITS = 2
ELSEWHERE_DIGITS = 1
SMALL_STATE_DIGITS = 3
LEFT_OUT = {"Antarctica"}

SMALL_SCALE = "countries-110m.json"
MEDIUM_SCALE = "countries-50m.json"
OUTLINES = "countries.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc in longitude/latitude: TopoJSON stores quantized, delta-encoded positions."""
    (scale_x, scale_y), (move_x, move_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    """A closed ring from its arcs; a negative index (~i) is arc i walked backwards."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(arcs: list, geometry: dict) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, indices) for indices in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, indices) for indices in polygon] for polygon in geometry["arcs"]]
    return []  # a country without a shape at this scale (a null geometry)


def rounded(points: list[tuple[float, float]], digits: int) -> Ring:
    """Rounded positions, without the repeats rounding makes, and with no jump across the
    antimeridian: Leaflet draws on a plane, where a ring going from 179.9° to -179.9°
    (eastern Russia, Fiji) would cross the whole map."""
    out: Ring = []
    last = None
    for x, y in points:
        if last is not None:  # within 180° of the previous point, in either direction
            x += 360.0 * round((last - x) / 360.0)
        last = x
        point = [round(x, digits), round(y, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def bounds(polygon: list) -> tuple[float, float, float, float]:
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def in_box(polygon: list, box: tuple[float, float, float, float] = EUROPE) -> bool:
    """Whether the polygon's bounding box meets the box."""
    west, south, east, north = bounds(polygon)
    return west <= box[2] and east >= box[0] and south <= box[3] and north >= box[1]


def contains(ring: list[tuple[float, float]], point: tuple[float, float]) -> bool:
    """Even-odd rule: whether the point is inside the ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def simplified(points: list[tuple[float, float]], tolerance: float) -> list:
    """Douglas-Peucker: the points that keep the line within ``tolerance`` of the original."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                gap = abs((by - ay) * (px - ax) - (bx - ax) * (py - ay)) / length
            else:
                gap = math.hypot(px - ax, py - ay)
            if gap > distance:
                farthest, distance = index, gap
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [point for index, point in enumerate(points) if index in keep]


def shape(polygon_list: list, digits: int) -> dict:
    coordinates = []
    for polygon in polygon_list:
        rings = [rounded(points, digits) for points in polygon]
        if len(rings[0]) >= 4:  # a ring rounded to less than a triangle is not drawn
            coordinates.append(rings)
    return {"type": "MultiPolygon", "coordinates": coordinates}


def far_arcs_simplified(topology: dict, arcs: list) -> list:
    """The arcs no European country uses, simplified: the rest of the world is only seen
    zoomed out. Arcs, not rings, so that neighbours keep their common border."""
    near: set[int] = set()
    for country in topology["objects"]["countries"]["geometries"]:
        if any(in_box(polygon) for polygon in polygons(arcs, country)):
            near.update(index if index >= 0 else ~index for index in arc_indices(country))
    return [
        arc if index in near else simplified(arc, ELSEWHERE_TOLERANCE)
        for index, arc in enumerate(arcs)
    ]


def arc_indices(geometry: dict):
    nested = geometry.get("arcs", [])
    depth = {"Polygon": 1, "MultiPolygon": 2}.get(geometry["type"], 0)
    for _ in range(depth):
        nested = [index for part in nested for index in part]
    return nested if depth else []


def countries(small: dict, medium: dict) -> list[dict]:
    geometries = []
    arcs = decode_arcs(small)
    arcs = far_arcs_simplified(small, arcs)
    coarse: dict[str, list] = {}
    for country in small["objects"]["countries"]["geometries"]:
        found = coarse[country["properties"]["name"]] = polygons(arcs, country)
        if not found or country["properties"]["name"] in LEFT_OUT:
            continue
        near = any(in_box(polygon) for polygon in found)
        geometries.append(shape(found, EUROPE_DIGITS if near else ELSEWHERE_DIGITS))
    # Drawn after (over) the 1:110m countries that surround the enclaves among them.
    arcs = decode_arcs(medium)
    for country in medium["objects"]["countries"]["geometries"]:
        found = polygons(arcs, country)
        name = country["properties"]["name"]
        if name not in coarse:
            if found and all(in_box(polygon) for polygon in found):
                geometries.append(shape(found, SMALL_STATE_DIGITS))
            continue
        extra = [polygon for polygon in found if missing_island(polygon, coarse[name])]
        if extra:
            simple = [[simplified(ring, ISLAND_TOLERANCE) for ring in p] for p in extra]
            geometries.append(shape(simple, EUROPE_DIGITS))
    return geometries


def missing_island(polygon: list, coarse: list) -> bool:
    """A European island of some size that none of its country's 1:110m polygons covers."""
    if not in_box(polygon, ISLANDS):
        return False
    west, south, east, north = bounds(polygon)
    if (east - west) * (north - south) < ISLAND_MIN_AREA:
        return False
    outline = polygon[0]
    centre = (sum(x for x, _ in outline) / len(outline), sum(y for _, y in outline) / len(outline))
    return not any(contains(other[0], centre) for other in coarse)


def build(extracted: dict[str, bytes]) -> dict[str, bytes]:
    """The files vendored from world-atlas: its licence and the outlines (compact JSON)."""
    small = json.loads(extracted[SMALL_SCALE])
    medium = json.loads(extracted[MEDIUM_SCALE])
    collection = {"type": "GeometryCollection", "geometries": countries(small, medium)}
    data = json.dumps(collection, separators=(",", ":")).encode("ascii") + b"\n"
    return {"LICENSE": extracted["LICENSE"], OUTLINES: data}
