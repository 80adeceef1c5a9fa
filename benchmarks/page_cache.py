"""The page cache for anonymous readers: a cached page against the same page rendered.

    python benchmarks/page_cache.py                      # 1,000 signatories, 200 rounds
    python benchmarks/page_cache.py --signatories 10000 --rounds 500 --keep
    python benchmarks/page_cache.py --keep --gzip     # as browsers ask: gzip runs on each hit

Each round asks each page twice through Django's full stack with the test client, in one
process: once with the page cache off (``override_settings(PACT_PAGE_CACHE=None)``, the
switch any benchmark uses to measure the origin's rendering) and once answered from it; the
two are interleaved so that both see the same machine. Prints the median and p95 of each, the
ratio of the medians (target: a cached page >= 20x faster) and the queries of each.

The data is benchmarks/pages.py's (its database, ``benchmarks/pages.sqlite3`` or
``DATABASE_URL``); ``--keep`` reuses it.
"""

import argparse
import os
import statistics
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import api as data  # noqa: E402
from benchmarks import pages  # noqa: E402
from pact_pages.api import index  # noqa: E402

PAGES = ("home", "directory", "library", "profile")
TARGET = 20


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def compare(url: str, rounds: int, headers: dict) -> dict:
    client = Client(headers=headers)
    uncached, cached = [], []
    with override_settings(PACT_PAGE_CACHE=None):
        timed(client, url)  # warm-up: templates, renditions, the database's pages
        rendered_queries = queries(client, url)
    client.get(url)
    assert client.get(url).get("X-Cache") == "hit", f"{url} is not answered from the cache"
    hit_queries = queries(client, url)
    for _ in range(rounds):
        with override_settings(PACT_PAGE_CACHE=None):
            uncached.append(timed(client, url))
        cached.append(timed(client, url))
    return {
        "uncached": uncached,
        "cached": cached,
        "queries": (rendered_queries, hit_queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Reuse the database if it exists.")
    parser.add_argument("--gzip", action="store_true", help="Send Accept-Encoding: gzip.")
    args = parser.parse_args()
    print(f"Database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not args.keep:
        data._fresh_database()
    data.add_signatories(args.signatories)
    pages._sections()
    index.rebuild()
    routes = pages.routes()
    gzip = ", gzip" if args.gzip else ""
    print(f"{args.signatories:,} signatories, {args.rounds} interleaved rounds per page{gzip}\n")
    print(f"  {'page':<11}{'rendered ms':>12}{'p95':>7}{'cached ms':>11}{'p95':>7}"
          f"{'ratio':>8}{'queries':>10}")  # fmt: skip
    missed = False
    # The API's cache off too: a rendering must not be helped by the listings' API cache.
    with override_settings(PACT_API_CACHE="none"):
        for name in PAGES:
            headers = {"accept-encoding": "gzip"} if args.gzip else {}
            result = compare(routes[name], args.rounds, headers)
            rendered = statistics.median(result["uncached"]) * 1000
            cached = statistics.median(result["cached"]) * 1000
            ratio = rendered / cached
            missed |= ratio < TARGET
            print(
                f"  {name:<11}{rendered:>12.2f}"
                f"{data._percentile(result['uncached'], 0.95) * 1000:>7.2f}"
                f"{cached:>11.3f}{data._percentile(result['cached'], 0.95) * 1000:>7.3f}"
                f"{ratio:>7.0f}x{'{} → {}'.format(*result['queries']):>10}"
            )
    print(f"\nTarget: a cached page >= {TARGET}x faster than its rendering: "
          f"{'MISSED' if missed else 'ok'}")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
