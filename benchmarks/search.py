"""Search benchmark: the search page and the API's ``q`` on the API benchmark's data set.

    python benchmarks/search.py                          # 1,000 signatories x 10 initiatives
    python benchmarks/search.py --signatories 10000 --keep
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/search.py

The data set is benchmarks/api.py's (bulk inserted, then ``index.rebuild()``, which writes
the API's read index and the search index together; its time is printed). Every initiative's
summary says "What initiative N does to protect children.", so "children" and "protect"
match every initiative: the common-word case. Requests go through Django's full stack in
process, the API's response cache and the page cache off, the search throttle lifted; the
first rows are the same pages without a search.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from benchmarks.api import (  # noqa: E402  (sets Django up)
    PER_SIGNATORY,
    _fresh_database,
    _percentile,
    add_signatories,
    count_queries,
)
from pact_pages.api import index  # noqa: E402
from pact_pages.search.models import SearchEntry  # noqa: E402

QUERIES = [
    "children",  # every initiative
    "protect children",  # every initiative, two words
    "training school",  # half the signatories' commitments
    "town 00042",  # one signatory (and "town" in every signatory)
    "initiative 004242",  # one initiative
    "securite",  # nothing
]
ROUTES = {
    "site search": "/en/search/?q={q}",
    "API initiatives": "/api/pact/v1/initiatives?q={q}&limit=20",
    "API signatories": "/api/pact/v1/signatories?q={q}&limit=20",
}

BASELINES = {
    "site search": "/en/search/?q=",
    "API initiatives": "/api/pact/v1/initiatives?limit=20",
}


def measure(client: Client, url: str, seconds: float) -> dict:
    for _ in range(3):  # warm-up: imports, caches, the database's pages
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = count_queries(client, url)
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(latencies) < 20:
        started = time.perf_counter()
        client.get(url)
        latencies.append(time.perf_counter() - started)
    return {
        "p50": _percentile(latencies, 0.50) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "queries": queries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=1.0, help="Per query and route.")
    parser.add_argument("--keep", action="store_true", help="Reuse the benchmark database.")
    args = parser.parse_args()

    print(f"Database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not args.keep:
        _fresh_database()
    started = time.perf_counter()
    add_signatories(args.signatories)
    loaded = time.perf_counter() - started
    if not args.keep or not SearchEntry.objects.exists():
        started = time.perf_counter()
        entries = index.rebuild()
        built = time.perf_counter() - started
        print(
            f"  loaded in {loaded:.1f} s; read index + search index: {entries:,} pages in "
            f"{built:.1f} s"
        )
    print(f"\n{args.signatories:,} signatories, {args.signatories * PER_SIGNATORY:,} initiatives")
    print(f"  {'route':<18}{'query':<22}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    client = Client()
    worst = 0.0
    limits = {
        "PACT_API_CACHE": "none",
        "PACT_PAGE_CACHE": None,
        "PACT_SEARCH_RATE_LIMIT": (10**9, 60),
    }
    with override_settings(**limits):
        # The same pages without a search: what the page and the list cost on this machine.
        for route, url in BASELINES.items():
            result = measure(client, url, args.seconds)
            print(
                f"  {route:<18}{'(no search)':<22}{result['p50']:>9.2f}{result['p95']:>9.2f}"
                f"{result['queries']:>9}"
            )
        for query in QUERIES:
            for route, url in ROUTES.items():
                result = measure(client, url.format(q=query.replace(" ", "+")), args.seconds)
                worst = max(worst, result["p95"])
                print(
                    f"  {route:<18}{query:<22}{result['p50']:>9.2f}{result['p95']:>9.2f}"
                    f"{result['queries']:>9}"
                )
    print(f"  worst p95: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
