"""What the map needs from npm: Leaflet, Leaflet.markercluster and the country outlines.

A newcomer's machine has Python, git and make but no Node, and the site must not load code
from a CDN; so the few files the map uses are extracted from the pinned npm tarballs and
committed under ``static/pact_pages/vendor/<package>/``, with ``vendor-lock.json`` recording
each package's version, the tarball's ``dist.integrity`` and the sha512 of every extracted
file (tests/test_map.py checks the committed files against it, so an edit is caught).
A package may build its files from the tarball's instead of copying them: world-atlas's
TopoJSON becomes the map's GeoJSON base layer (pact_pages/map/outlines.py), deterministically,
so the lock's digests still catch an edit.

To upgrade: change ``version`` and ``integrity`` below (``npm view leaflet@X dist.integrity``
or https://registry.npmjs.org/leaflet/X), then ``make vendor``. ``make vendor-check``
verifies the committed files offline.
"""

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pact_pages.map import outlines

REGISTRY = "https://registry.npmjs.org"
VENDOR_DIR = Path(__file__).parent.parent / "static" / "pact_pages" / "vendor"
LOCK_FILE = VENDOR_DIR / "vendor-lock.json"


class VendorError(Exception):
    """A download that does not match its pin, or a committed file that was changed."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # npm's dist.integrity of the tarball: "sha512-<base64>"
    files: dict[str, str]  # path in the tarball (under package/) -> path under vendor/<name>/
    # Makes the committed files from the extracted ones (default: the extracted ones as such).
    build: Callable[[dict[str, bytes]], dict[str, bytes]] | None = None
    outputs: tuple[str, ...] = ()  # what ``build`` writes, when there is a build

    @property
    def targets(self) -> set[str]:
        """The committed files' paths under vendor/<name>/."""
        return set(self.outputs) if self.build else set(self.files.values())

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


# Only what the pages load, their licences and the source maps: the production static
# storage (ManifestStaticFilesStorage) fails on a sourceMappingURL to a missing file.
PACKAGES = (
    Package(
        name="leaflet",
        version="1.9.4",
        integrity=(
            "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
        ),
        files={
            "LICENSE": "LICENSE",
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.js.map": "leaflet.js.map",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
        },
    ),
    Package(
        name="leaflet.markercluster",
        version="1.5.3",
        integrity=(
            "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA=="
        ),
        files={
            "MIT-LICENCE.txt": "MIT-LICENCE.txt",
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/leaflet.markercluster.js.map": "leaflet.markercluster.js.map",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
        },
    ),
    # Natural Earth's countries (public domain), by the author of TopoJSON (ISC licence):
    # the base layer drawn when no tile server is set, built by pact_pages/map/outlines.py.
    Package(
        name="world-atlas",
        version="2.0.2",
        integrity=(
            "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
        ),
        files={
            "LICENSE": "LICENSE",
            outlines.SMALL_SCALE: outlines.SMALL_SCALE,
            outlines.MEDIUM_SCALE: outlines.MEDIUM_SCALE,
        },
        build=outlines.build,
        outputs=("LICENSE", outlines.OUTLINES),
    ),
)


def sri(data: bytes) -> str:
    """Subresource-integrity style digest, as npm writes it: ``sha512-<base64>``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (fixed https URL)
        return response.read()


def extract(package: Package, tarball: bytes) -> dict[str, bytes]:
    """The package's listed files, after checking the tarball against the pinned integrity."""
    actual = sri(tarball)
    if actual != package.integrity:
        raise VendorError(
            f"{package.name}@{package.version}: tarball integrity {actual} does not match "
            f"the pinned {package.integrity}"
        )
    contents: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for source, target in package.files.items():
            try:
                member = archive.getmember(f"package/{source}")
            except KeyError:
                raise VendorError(f"{package.name}: {source} is not in the tarball") from None
            handle = archive.extractfile(member)
            if handle is None:
                raise VendorError(f"{package.name}: {source} is not a regular file")
            contents[target] = handle.read()
    return contents


def refresh(
    packages=PACKAGES, vendor_dir: Path = VENDOR_DIR, fetch: Callable[[str], bytes] = download
) -> dict:
    """Downloads, verifies and writes every package, then the lock file; returns the lock."""
    lock = {}
    extracted = {}
    # Everything is verified before anything is written: a bad download changes nothing.
    for package in packages:
        contents = extract(package, fetch(package.tarball_url))
        extracted[package.name] = package.build(contents) if package.build else contents
    for package in packages:
        target_dir = vendor_dir / package.name
        files = {}
        for target, data in sorted(extracted[package.name].items()):
            path = target_dir / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            files[target] = sri(data)
        lock[package.name] = {
            "version": package.version,
            "tarball": package.tarball_url,
            "integrity": package.integrity,
            "files": files,
        }
    lock_file = vendor_dir / LOCK_FILE.name
    lock_file.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return lock


def check(packages=PACKAGES, vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Problems with the committed files (empty when they match the pins and the lock)."""
    lock_file = vendor_dir / LOCK_FILE.name
    if not lock_file.exists():
        return [f"{lock_file} is missing: run make vendor"]
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    problems = []
    for package in packages:
        entry = lock.get(package.name)
        if entry is None:
            problems.append(f"{package.name} is not in the lock file")
            continue
        if (entry["version"], entry["integrity"]) != (package.version, package.integrity):
            problems.append(f"{package.name}: the lock file is not for the pinned version")
        if set(entry["files"]) != package.targets:
            problems.append(f"{package.name}: the lock file lists other files than the pin")
        for target, digest in entry["files"].items():
            path = vendor_dir / package.name / target
            if not path.exists():
                problems.append(f"{package.name}/{target} is missing")
            elif sri(path.read_bytes()) != digest:
                problems.append(f"{package.name}/{target} differs from the npm release")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files (offline)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    try:
        lock = refresh()
    except (VendorError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    for name, entry in lock.items():
        print(f"{name}@{entry['version']}: {len(entry['files'])} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
