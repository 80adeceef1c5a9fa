"""Public pages at scale: home, directory, map, library and a profile, at two data sizes.

    python benchmarks/pages.py                          # 1,000 and 10,000 signatories
    python benchmarks/pages.py --signatories 500 5000   # other sizes
    make bench-pages                                    # the first line

Each page is rendered through Django's full stack with the test client, one request after
another; the script prints p50/p95, the number of queries, and the ratio of p95 at the large
size to p95 at the small one. A listing that pages its results should stay near 1x: a ratio
that grows with the data (the map lists every signatory, so it grows by design) points at
work done per row in the whole table, such as a correlated count.

The data is the API benchmark's (benchmarks/api.py: ten initiatives per signatory, bulk
inserted, the API's read index rebuilt), in a database of its own
(``benchmarks/pages.sqlite3``, or ``DATABASE_URL``).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'pages.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

from benchmarks import api as data  # noqa: E402
from pact_pages.api import index  # noqa: E402
from pact_pages.models import InitiativeLibraryPage, MapPage, SignatoryPage  # noqa: E402

# Pages whose cost must not grow with the data (they page or bound their lists).
BOUNDED = ("home", "directory", "directory by P", "library", "library by P", "profile")


def _sections() -> None:
    """The library and the map, which the API benchmark's data does not need."""
    home = Page.objects.get(depth=2)
    if not InitiativeLibraryPage.objects.exists():
        home.add_child(instance=InitiativeLibraryPage(title="Initiatives", slug="initiatives"))
    if not MapPage.objects.exists():
        home.add_child(instance=MapPage(title="Map", slug="map"))


def routes() -> dict[str, str]:
    profile = SignatoryPage.objects.order_by("pk").first()
    return {
        "home": "/en/",
        "directory": "/en/participants/",
        "directory by P": "/en/participants/?pillar=protection&page=2",
        "library": "/en/initiatives/",
        "library by P": "/en/initiatives/?pillar=prevention&pillar=participation",
        "profile": profile.url,
        "map": "/en/map/",
    }


def measure(client: Client, url: str, seconds: float) -> dict:
    for _ in range(2):  # warm-up: templates, renditions, the database's pages
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = data.count_queries(client, url)
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(latencies) < 5:
        started = time.perf_counter()
        client.get(url)
        latencies.append(time.perf_counter() - started)
    return {
        "p50": data._percentile(latencies, 0.5) * 1000,
        "p95": data._percentile(latencies, 0.95) * 1000,
        "queries": queries,
    }


def run_size(size: int, seconds: float) -> dict:
    started = time.perf_counter()
    data.add_signatories(size)
    _sections()
    entries = index.rebuild()
    print(
        f"  {size:,} signatories ready in {time.perf_counter() - started:.0f} s "
        f"({entries:,} API index entries)"
    )
    client = Client()
    # Anonymous readers get cached pages from the CDN and the page cache (benchmarks/
    # page_cache.py measures it); the figures are the origin's rendering.
    with override_settings(PACT_API_CACHE="none", PACT_PAGE_CACHE=None):
        return {name: measure(client, url, seconds) for name, url in routes().items()}


def report(size: int, results: dict) -> None:
    print(f"\n{size:,} signatories, {size * data.PER_SIGNATORY:,} initiatives")
    print(f"  {'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for name, r in results.items():
        print(f"  {name:<18}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['queries']:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, nargs=2, default=[1000, 10000])
    parser.add_argument("--seconds", type=float, default=2.0, help="Per page (default 2).")
    parser.add_argument("--keep", action="store_true", help="Reuse the database if it exists.")
    args = parser.parse_args()
    print(f"Database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not args.keep:
        data._fresh_database()
    small, large = sorted(args.signatories)
    by_size = {}
    for size in (small, large):
        by_size[size] = run_size(size, args.seconds)
        report(size, by_size[size])
    print(f"\np95 at {large:,} / p95 at {small:,} signatories (bounded pages: target <= 2x)")
    missed = False
    for name in by_size[small]:
        ratio = by_size[large][name]["p95"] / by_size[small][name]["p95"]
        bounded = name in BOUNDED
        verdict = ("ok" if ratio <= 2 else "MISSED") if bounded else "grows with the data"
        missed |= bounded and ratio > 2
        print(f"  {name:<18}{ratio:>8.2f}x  {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
