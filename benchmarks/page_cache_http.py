"""Throughput of the page cache over HTTP: the `make load` stack (gunicorn, PostgreSQL, Redis,
production settings), concurrent clients asking the public pages' plain addresses.

    python benchmarks/page_cache_http.py                  # 50 clients, 30 s, cache on
    python benchmarks/page_cache_http.py --off            # the same with PACT_PAGE_CACHE=None

Uses the data set `make load` builds and keeps (``.load/``, or ``LOAD_STATE``; ports from
``LOAD_PG_PORT``, ``LOAD_REDIS_PORT``, ``LOAD_WEB_PORT``). Each address is asked once per worker
first (the hits' rendering); the run then counts requests per second, the answers' ``X-Cache``
and the client-side p50/p95. `make load`'s mix asks thousands of different addresses (every
initiative and profile, filters, the API, searches, forms), most of them once in a minute:
this run shows what the cache does for the pages many readers ask.

Beside `make bench` (benchmarks/scale.py), whose "(cached)" routes time a hit in one process
through the test client: this run is the page cache as production serves it, over real HTTP
through gunicorn's workers with Redis as the cache and clients queueing concurrently, which
an in-process benchmark cannot show (throughput, not the cost of one hit).
"""

import argparse
import collections
import os
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_data import ensure_dataset  # noqa: E402
from benchmarks.stack import Stack, new_run_dir  # noqa: E402

PATHS = ("/en/", "/en/participants/", "/en/initiatives/", "/en/map/", "/fr/", "/fr/initiatives/")


def hammer(base: str, clients: int, seconds: float) -> tuple[collections.Counter, list[float]]:
    answers: collections.Counter = collections.Counter()
    latencies: list[float] = []
    stop = time.time() + seconds

    def client(number: int) -> None:
        while time.time() < stop:
            path = PATHS[number % len(PATHS)]
            number += 1
            started = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
                answers[(response.status, response.headers.get("X-Cache"))] += 1
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, sorted(latencies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--signatories", type=int, default=10_000, help="of the data set")
    parser.add_argument("--off", action="store_true", help="the page cache off")
    args = parser.parse_args()
    if args.off:
        os.environ["LOAD_PAGE_CACHE"] = "0"  # read by benchmarks/load_settings.py
    stack = Stack(new_run_dir("page-cache"))
    try:
        stack.start_data()
        ensure_dataset(stack, args.signatories, 10, False)
        stack.start_all(args.workers)
        base = stack.web.base_url
        for path in PATHS:
            for _ in range(2 * args.workers):
                urllib.request.urlopen(base + path, timeout=120).read()
        with open("/proc/loadavg") as load:
            before = load.read().split()[0]
        started = time.time()
        answers, latencies = hammer(base, args.clients, args.seconds)
        elapsed = time.time() - started
    finally:
        stack.stop()
    total = sum(answers.values())
    state = "off" if args.off else "on"
    print(f"page cache {state}: {total:,} requests in {elapsed:.1f} s, {total / elapsed:.1f} req/s")
    print(f"  answers (status, X-Cache): {dict(answers)}; machine load before: {before}")
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    print(f"  client-side p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
