"""axe-core, the accessibility checker the browser tests inject into each page, from npm.

The tests must run offline and on a machine without Node, so ``axe.min.js`` and its licence
are extracted from the pinned npm tarball (its ``dist.integrity`` is checked) and committed
under ``tests/browser/vendor/axe-core/`` with a ``vendor-lock.json``, by the same code that
vendors Leaflet for the map (pact_pages/map/vendor.py).

To upgrade: change ``version`` and ``integrity`` below (https://registry.npmjs.org/axe-core/X
gives ``dist.integrity``), then ``make vendor``; ``make vendor-check`` verifies offline.
"""

import argparse
import sys
from pathlib import Path

from pact_pages.map.vendor import Package, VendorError, check, refresh

VENDOR_DIR = Path(__file__).parent / "vendor"
AXE_CORE = Package(
    name="axe-core",
    version="4.14.1",
    integrity=(
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
    ),
    files={"LICENSE": "LICENSE", "axe.min.js": "axe.min.js"},
)
AXE_JS = VENDOR_DIR / AXE_CORE.name / "axe.min.js"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files (offline)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check((AXE_CORE,), VENDOR_DIR)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    try:
        lock = refresh((AXE_CORE,), VENDOR_DIR)
    except (VendorError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    for name, entry in lock.items():
        print(f"{name}@{entry['version']}: {len(entry['files'])} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
