"""The scale benchmark: every route at two data sizes, measured in one interleaved run.

    make bench                                   # SQLite, 1,000 and 10,000 signatories
    make bench BENCH_ARGS="--keep --no-fail"     # reuse the data sets; report, exit 0
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench make bench   # bench_1000, bench_10000
    .venv/bin/python benchmarks/scale.py --sizes 1000 10000 --rounds 20 --write-docs

Each size has a database of its own: ``benchmarks/scale_<size>.sqlite3`` by default, or the
name of ``DATABASE_URL`` with ``_<size>`` appended (``sqlite:///x.sqlite3`` → ``x_1000.sqlite3``,
``postgres://…/bench`` → ``bench_1000``). Without ``--keep`` they are built anew; with it the
pages are kept and the indexes rebuilt only if their code changed since (see scale_worker).
Building: benchmarks/scale_data.py (ten initiatives a signatory, the demo's stories).

One worker process per size (benchmarks/scale_worker.py) holds its data set; this process
sends them the routes round-robin: every round visits every route at every size, a few
requests each (the sizes' order alternates), so that a busy neighbour on the machine weighs
on all of them alike. Printed: p50/p95 per size and route, queries, bytes, the ratios against
the targets (benchmarks/scale_report.py), the machine's load. Exit 1 if a target is missed
(``--no-fail``: 0). ``--write-docs`` puts the tables into docs/performance.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import scale_report  # noqa: E402

WORKER = ROOT / "benchmarks" / "scale_worker.py"
SLOW_MS = 500


def database_url(base: str | None, size: int) -> str:
    """The database of one size, derived from ``DATABASE_URL`` (or the default SQLite file)."""
    if not base:
        return f"sqlite:///{ROOT / 'benchmarks' / f'scale_{size}.sqlite3'}"
    parts = urlsplit(base)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
        suffix = path.suffix or ".sqlite3"
        return f"sqlite:///{path.with_name(f'{path.stem}_{size}{suffix}')}"
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def _record(url: str) -> Path:
    """Where a kept data set notes its build (git-ignored)."""
    parts = urlsplit(url)
    name = Path(parts.path).name if parts.scheme.startswith("sqlite") else parts.path.strip("/")
    return ROOT / "benchmarks" / f".scale-{parts.scheme}-{name}.json"


def fresh(url: str) -> None:
    """Removes the data set of ``url`` (a new SQLite file, or a new PostgreSQL database)."""
    _record(url).unlink(missing_ok=True)
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = parts.path.strip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return
    import psycopg

    name = parts.path.strip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


class Worker:
    """A worker process, one command at a time over its stdin and stdout."""

    def __init__(self, size: int, url: str, reuse_index: bool = False) -> None:
        self.size = size
        env = {**os.environ, "DATABASE_URL": url, "SCALE_RECORD": str(_record(url))}
        if reuse_index:
            env["SCALE_REUSE_INDEX"] = "1"
        env.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
        )

    def send(self, do: str, **arguments) -> None:
        self.process.stdin.write(json.dumps({"do": do, **arguments}) + "\n")

    def answer(self):
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker of {self.size} stopped")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"worker of {self.size}: {answer['error']}")
        return answer["ok"]

    def call(self, do: str, **arguments):
        self.send(do, **arguments)
        return self.answer()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


class LocalWorker:
    """A worker's ``Bench`` in this process (tests/test_benchmarks.py), with Worker's calls."""

    def __init__(self, size: int, bench) -> None:
        self.size, self.bench, self.pending = size, bench, None

    def send(self, do: str, **arguments) -> None:
        self.pending = getattr(self.bench, do)(**arguments)

    def answer(self):
        return self.pending

    def call(self, do: str, **arguments):
        self.send(do, **arguments)
        return self.answer()


def run(workers: dict, rounds: int, repeat: int, only: str | None = None) -> dict:
    """The interleaved measurement; ``workers`` maps a size to anything with ``call``."""
    sizes = sorted(workers)
    for size in sizes:  # both build at once, each in its process
        workers[size].send("setup", size=size)
    setups = {size: workers[size].answer() for size in sizes}
    names = [r["name"] for r in setups[sizes[0]]["routes"] if not only or only in r["name"]]
    routes = {r["name"]: r for r in setups[sizes[0]]["routes"]}
    stats = {
        size: {name: workers[size].call("warm", name=name) for name in names} for size in sizes
    }
    latencies = {size: {name: [] for name in names} for size in sizes}
    # A route slower than SLOW_MS (Wagtail API v2) takes one request a round, not ``repeat``.
    slow = {name for name in names if max(stats[s][name]["ms"] for s in sizes) > SLOW_MS}
    loads = [os.getloadavg()[0]]
    started = time.perf_counter()
    for number in range(rounds):
        order = sizes if number % 2 == 0 else sizes[::-1]
        for name in names:
            for size in order:
                times = 1 if name in slow else repeat
                latencies[size][name] += workers[size].call("measure", name=name, repeat=times)
        loads.append(os.getloadavg()[0])
        print(f"  round {number + 1}/{rounds}, load {loads[-1]:.2f}", file=sys.stderr, flush=True)
    return {
        "sizes": sizes,
        "routes": [routes[name] for name in names],
        "setups": setups,
        "stats": stats,
        "latencies": latencies,
        "loads": loads,
        "seconds": round(time.perf_counter() - started, 1),
        "info": workers[sizes[0]].call("info"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=12, help="Rounds (default 12).")
    parser.add_argument(
        "--repeat", type=int, default=4, help="Requests per route and size a round (default 4)."
    )
    parser.add_argument("--keep", action="store_true", help="Reuse the data sets.")
    parser.add_argument(
        "--build-only", action="store_true", help="Build (or complete) the data sets and stop."
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="With --keep: keep the built indexes even if their code changed since.",
    )
    parser.add_argument("--only", help="Only the routes whose name contains this.")
    parser.add_argument("--no-fail", action="store_true", help="Exit 0 when a target is missed.")
    parser.add_argument("--write-docs", action="store_true", help="Update docs/performance.md.")
    args = parser.parse_args()
    urls = {size: database_url(os.environ.get("DATABASE_URL"), size) for size in args.sizes}
    machine = scale_report.machine("before")
    for url in urls.values():
        ensure_database(url) if args.keep else fresh(url)
    workers = {size: Worker(size, url, args.reuse_index) for size, url in urls.items()}
    try:
        if args.build_only:
            for size, worker in workers.items():
                worker.send("setup", size=size)
            for size, worker in workers.items():
                built = worker.answer()
                cpu = built.get("cpu") or {}
                print(f"{size:,}: {built['counts']}, stages {built['stages']}, CPU s {cpu}")
            return 0
        result = run(workers, args.rounds, args.repeat, args.only)
    finally:
        for worker in workers.values():
            worker.close()
    result["machine"] = {"before": machine, "after": scale_report.machine("after")}
    result["command"] = " ".join(["benchmarks/scale.py", *sys.argv[1:]])
    result["urls"] = {size: scale_report.hide_password(url) for size, url in urls.items()}
    text, missed = scale_report.report(result)
    print(text)
    if args.write_docs:
        scale_report.write_docs(result)
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
