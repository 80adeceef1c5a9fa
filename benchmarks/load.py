"""`make load`: gunicorn (4 workers) on a private PostgreSQL and Redis under 50 Locust clients.

    python benchmarks/load.py                        # 10,000 signatories, 50 clients, 60 s
    python benchmarks/load.py --signatories 1000 --seconds 30
    python benchmarks/load.py --fresh                # rebuild the data set first

The stack (benchmarks/stack.py) listens on 127.0.0.1 only; the data set is built once into
``.load/pg`` (benchmarks/dataset.py) and kept between runs. Locust runs headless
(benchmarks/locustfile.py); its CSV statistics are read back and printed: requests, requests
per second, failures and p50/p95/p99 per kind of request and in total. Afterwards every
join and newsletter request the site acknowledged is looked up in the database.

Exit status 1 on any failed request, any 5xx, any acknowledged request missing from the
database, or a traceback in the server's log. docs/reliability.md has the figures.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import pg_top, worker_times  # noqa: E402
from benchmarks.cpu_use import CpuUse, print_capacity, print_use  # noqa: E402
from benchmarks.load_data import ensure_dataset, write_targets  # noqa: E402
from benchmarks.stack import (  # noqa: E402
    DATABASE,
    ROOT,
    VENV_BIN,
    Stack,
    new_run_dir,
    transactions,
    write_json,
)


class Deadline(Exception):
    """The run's own time limit (or a SIGTERM from `timeout`) was reached."""


def bound_in_time(minutes: float) -> None:
    """SIGALRM after ``minutes``, SIGTERM at any time: both unwind, so the stack is stopped."""

    def stop(signum, _frame):
        raise Deadline(f"stopped by signal {signal.Signals(signum).name}")

    signal.signal(signal.SIGALRM, stop)
    signal.signal(signal.SIGTERM, stop)
    signal.alarm(int(minutes * 60))


# --- Locust ----------------------------------------------------------------------------------


@dataclass
class LocustRun:
    users: int
    seconds: int
    think: float = 0.0
    form_weight: int = 1

    def command(self, base_url: str, prefix: Path) -> list[str]:
        return [
            str(VENV_BIN / "locust"),
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(self.users),
            "--spawn-rate",
            str(max(1, self.users // 2)),
            "--run-time",
            f"{self.seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            base_url,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ]

    def env(self, stack: Stack, run_dir: Path, targets: Path) -> dict[str, str]:
        return {
            **os.environ,
            "LOAD_TARGETS": str(targets),
            "LOAD_EVENTS": str(run_dir / "events.tsv"),
            "LOAD_ACKS": str(run_dir / "acks.tsv"),
            "LOAD_RUN_ID": run_dir.name,
            "LOAD_THINK": str(self.think),
            "LOAD_FORM_WEIGHT": str(self.form_weight),
        }

    def start(self, stack: Stack, run_dir: Path, targets: Path) -> subprocess.Popen:
        log = (run_dir / "locust.log").open("ab")
        return subprocess.Popen(
            self.command(stack.web.base_url, run_dir / "locust"),
            cwd=ROOT,
            env=self.env(stack, run_dir, targets),
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, process: subprocess.Popen) -> None:
        try:
            process.wait(timeout=self.seconds + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise


def read_stats(run_dir: Path) -> list[dict]:
    """Locust's per-request statistics (the _stats.csv it writes), the total last."""
    with (run_dir / "locust_stats.csv").open() as file:
        return list(csv.DictReader(file))


def print_stats(rows: list[dict]) -> None:
    header = f"  {'request':<22}{'requests':>9}{'req/s':>8}{'fail':>6}"
    print(header + f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"  {name:<22}{int(row['Request Count']):>9}{float(row['Requests/s']):>8.1f}"
            f"{int(row['Failure Count']):>6}{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
            f"{float(row['Max Response Time']):>8.0f}"
        )


# --- Checks afterwards -----------------------------------------------------------------------


def read_events(run_dir: Path) -> list[tuple[float, str, int, str]]:
    """(time, name, status, class) of every request of the run."""
    path = run_dir / "events.tsv"
    if not path.exists():
        return []
    events = []
    for line in path.read_text().splitlines():
        when, name, status, kind, _ms = line.split("\t")
        events.append((float(when), name, int(status), kind))
    return events


def lost_acknowledgements(stack: Stack, run_dir: Path) -> dict:
    """Acknowledged join and newsletter requests, and those missing from the database."""
    path = run_dir / "acks.tsv"
    acked: dict[str, set[str]] = {"join": set(), "newsletter": set()}
    if path.exists():
        for line in path.read_text().splitlines():
            _when, kind, email = line.split("\t")
            acked[kind].add(email.lower())
    tables = {"join": "pact_pages_signuprequest", "newsletter": "pact_pages_newslettersubscriber"}
    result = {}
    for kind, table in tables.items():
        rows = stack.pg.psql(
            f"SELECT lower(email) FROM {table} WHERE email LIKE '%-{run_dir.name}-%'", DATABASE
        )
        stored = set(rows.split()) if rows else set()
        result[kind] = {
            "acknowledged": len(acked[kind]),
            "stored": len(stored),
            "missing": sorted(acked[kind] - stored),
        }
    return result


def print_acknowledgements(result: dict) -> int:
    missing = 0
    for kind, figures in result.items():
        missing += len(figures["missing"])
        print(
            f"  {kind:<11} acknowledged {figures['acknowledged']:>5}, in the database "
            f"{figures['stored']:>5}, acknowledged but missing {len(figures['missing'])}"
        )
        for email in figures["missing"][:10]:
            print(f"    missing: {email}")
    return missing


def server_log_problems(run_dir: Path) -> dict[str, int]:
    text = (run_dir / "gunicorn.log").read_text(errors="replace")
    access = run_dir / "access.log"
    statuses = access.read_text(errors="replace") if access.exists() else ""
    warm_up_failures = run_dir / "warm-up-failures"
    return {
        "warm-up failures": int(warm_up_failures.read_text()) if warm_up_failures.exists() else 0,
        "tracebacks": text.count("Traceback (most recent call last)"),
        "worker timeouts": text.count("WORKER TIMEOUT"),
        "500 in access log": statuses.count('" 500 '),
    }


# --- The load run ----------------------------------------------------------------------------


def arguments(description: str, seconds: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--signatories", type=int, default=10_000, help="synthetic, 10 initiatives each"
    )
    parser.add_argument("--demo", type=int, default=10, help="demo signatories (translated)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data set")
    parser.add_argument("--users", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=int, default=seconds, help="duration of the load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between requests")
    parser.add_argument("--max-minutes", type=float, default=80, help="time limit of the run")
    parser.add_argument(
        "--replica",
        action="store_true",
        help="clone a streaming replica and give it to the site (DATABASE_REPLICA_URL)",
    )
    return parser


def prepare(stack: Stack, run_dir: Path, args: argparse.Namespace) -> Path:
    """Starts the stack with the data set; returns the targets file of the mix."""
    stack.start_data()
    dataset = ensure_dataset(stack, args.signatories, args.demo, args.fresh)
    write_json(run_dir / "dataset.json", dataset)
    # A data set kept from an older checkout gets the migrations and static files added since
    # (a template naming a static file missing from the manifest would answer 500).
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env={**stack.env(), "REDIS_URL": ""},
            check=True,
        )
    targets = write_targets(stack, run_dir)
    if args.replica:
        stack.start_replica()
    stack.start_all(args.workers)
    print(f"gunicorn: {args.workers} workers at {stack.web.base_url}; run files in {run_dir}")
    warm_up(stack, targets)
    return targets


def warm_up(stack: Stack, targets: Path) -> None:
    """Each kind of page once per worker, unmeasured: image renditions, templates, imports."""
    addresses = json.loads(targets.read_text())
    paths = [addresses[name] for name in ("directory", "library", "map", "join", "newsletter")]
    paths += ["/fr/", "/en/search/?q=school", "/en/feeds/initiatives.rss"]
    paths += ["/api/pact/v1/initiatives", "/api/pact/v1/map.geojson"]
    paths += addresses["initiatives"][:10] + addresses["signatories"][:5]
    started = time.perf_counter()
    failed = 0
    for _ in range(stack.web.workers):
        for path in paths:
            try:
                stack.web.get(path)
            except (OSError, RuntimeError) as error:  # HTTPError and timeouts are OSErrors
                failed += 1
                print(f"  warm-up: {path} failed: {error}")
    seconds = time.perf_counter() - started
    print(f"  warm-up: {len(paths)} addresses x {stack.web.workers} workers in {seconds:.0f} s")
    (stack.run_dir / "warm-up-failures").write_text(str(failed))


def run(args: argparse.Namespace) -> int:
    run_dir = new_run_dir("load")
    stack = Stack(run_dir)
    try:
        targets = prepare(stack, run_dir, args)
        locust = LocustRun(args.users, args.seconds, args.think)
        print(f"Locust: {args.users} clients for {args.seconds} s (think time {args.think} s)")
        before = os.getloadavg()[0]
        counted = database_transactions(stack)
        cpu = CpuUse(stack.pids())
        statements = pg_top.prepare(stack.pg)
        cpu.start()
        locust.wait(locust.start(stack, run_dir, targets))
        print(f"  machine load average: {before:.1f} before, {os.getloadavg()[0]:.1f} after")
        spent = cpu.spent()
        print_use(spent, args.seconds)
        print_database_work(stack, counted)
        if statements:
            pg_top.print_top(pg_top.read(stack.pg, run_dir))
        rows = read_stats(run_dir)
        acks = lost_acknowledgements(stack, run_dir)
        problems = server_log_problems(run_dir)
    finally:
        stack.stop()
    # Read once gunicorn has stopped: the requests still queued at the end are logged too.
    workers = worker_times.summary(worker_times.read(run_dir / "access.log", targets))
    return report(rows, read_events(run_dir), acks, problems, run_dir, workers, spent)


def database_transactions(stack: Stack) -> dict[str, int]:
    """Transactions committed so far on the primary (and the replica, if any)."""
    counts = {"primary": transactions(stack.pg)}
    if stack.replica:
        counts["replica"] = transactions(stack.replica)
    return counts


def print_database_work(stack: Stack, before: dict[str, int]) -> None:
    """Where the site's reads went during the run (the replica's share shows the routing)."""
    after = database_transactions(stack)
    work = ", ".join(f"{name} {after[name] - before[name]:,}" for name in before)
    print(f"  database transactions during the run: {work}")
    if stack.replica:
        print(f"  replica lag at the end: {stack.replica.lag_seconds():.1f} s")


def report(rows, events, acks, problems, run_dir: Path, workers=None, spent=None) -> int:
    print_stats(rows)
    if workers:
        worker_times.print_summary(workers)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    if spent:
        print_capacity(spent, int(total["Request Count"]))
    kinds: dict[str, int] = {}
    for _when, _name, _status, kind in events:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"  responses by class: {kinds}")
    missing = print_acknowledgements(acks)
    print(f"  server log: {problems}")
    write_json(
        run_dir / "summary.json",
        {
            "total": total,
            "classes": kinds,
            "acks": acks,
            "worker_ms": workers or {},
            "cpu_seconds": spent or {},
        },
    )
    failures = int(total["Failure Count"]) + sum(problems.values()) + missing
    print("OK: no error" if failures == 0 else f"FAILED: {failures} problem(s)")
    return 0 if failures == 0 else 1


def run_bounded(run_once, args: argparse.Namespace) -> int:
    """Runs ``run_once(args)`` within ``--max-minutes``: exit status 2 past the limit."""
    bound_in_time(args.max_minutes)
    try:
        return run_once(args)
    except Deadline as error:
        print(f"FAILED: time limit ({error})", file=sys.stderr)
        return 2


def main() -> int:
    return run_bounded(run, arguments(__doc__.split("\n")[0], seconds=60).parse_args())


if __name__ == "__main__":
    sys.exit(main())
