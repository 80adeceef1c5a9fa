"""`make faults`: PostgreSQL restarted, then Redis killed, while 50 clients use the site.

    python benchmarks/faults.py                      # the data set of `make load`, 90 s
    python benchmarks/faults.py --signatories 1000 --seconds 90

The same private stack and mix as benchmarks/load.py. Timeline (seconds after the load
starts): at ``--db-down-at`` (20) PostgreSQL is stopped (``pg_ctl stop -m fast``), and started
again ``--outage`` (10) seconds later; at ``--redis-down-at`` (55) redis-server is killed
(SIGKILL) and started again ``--outage`` seconds later. A probe requests the home page every
0.1 s throughout, besides Locust's clients. The join and newsletter forms weigh 10 each in
the mix here (1 in `make load`), so that many sign-ups meet the outage. With ``--replica``
the site reads from a streaming replica too (``DATABASE_REPLICA_URL``), which is stopped at
``--replica-down-at`` (78) for ``--outage`` seconds.

Expectations, each checked (exit status 1 when one fails):

- while PostgreSQL is down every failing response is a clean 503 (the site's page or the
  API's problem details, ``Retry-After``, no traceback); no other 5xx, no refused connection;
- once it is back, the workers serve pages again by themselves within ``--recovery-limit``
  (10) s, and stop answering 503 (gunicorn's access log: the time in a worker, without the
  clients' queueing, which the probe's figure includes);
- no 503 outside the outage (and its recovery), no 5xx at all while Redis is down;
- every join and newsletter request acknowledged to its sender is in the database;
- with ``--replica``: when it stops, only the requests running on it get a (clean) 503, at
  most one per worker; the next ones read the primary.
"""

import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import (  # noqa: E402
    LocustRun,
    arguments,
    lost_acknowledgements,
    prepare,
    print_acknowledgements,
    print_stats,
    read_events,
    read_stats,
    run_bounded,
    server_log_problems,
)
from benchmarks.stack import Stack, new_run_dir, write_json  # noqa: E402

BAD = {"5xx", "503-unclean", "error"}
IN_FLIGHT_SECONDS = 2  # after the replica stops: requests that were running on it


@dataclass
class Probe:
    """GETs one page every ``interval`` seconds: (time answered, status, clean 503, answered
    from the page cache)."""

    url: str
    interval: float = 0.1
    answers: list[tuple[float, int, bool, bool]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def run(self) -> None:
        while not self._stop.is_set():
            self.answers.append(self._once())
            time.sleep(self.interval)

    def _once(self) -> tuple[float, int, bool, bool]:
        try:
            with urllib.request.urlopen(self.url, timeout=10) as response:
                cached = response.headers.get("X-Cache") == "hit"
                return time.time(), response.status, False, cached
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            clean = (
                error.code == 503
                and bool(error.headers.get("Retry-After"))
                and 'class="brand-mark"' in body
                and "Traceback" not in body
            )
            return time.time(), error.code, clean, False
        except OSError:
            return time.time(), 0, False, False

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        # Waits for the request in flight: the stack must not be stopped under it.
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)


@dataclass
class Timeline:
    started: float = 0.0
    db_down: float = 0.0
    db_up: float = 0.0
    redis_down: float = 0.0
    redis_up: float = 0.0
    replica_down: float = 0.0
    replica_up: float = 0.0

    def relative(self) -> dict[str, float]:
        return {
            name: round(value - self.started, 1)
            for name, value in vars(self).items()
            if name != "started" and value
        }


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def outage(timeline: Timeline, name: str, at: float, seconds: float, stop, start, words) -> None:
    """``stop()`` at ``at`` s after the start, ``start()`` ``seconds`` later, both timed.

    ``words``: what to print after each, e.g. ("PostgreSQL stopped", "PostgreSQL accepting
    again"); the times go to the timeline's ``<name>_down`` and ``<name>_up``.
    """
    sleep_until(timeline.started + at)
    down = time.time()
    setattr(timeline, f"{name}_down", down)
    stop()
    print(f"  {words[0]} at {down - timeline.started:.1f} s", flush=True)
    sleep_until(down + seconds)
    start()  # pg_ctl -w returns once it accepts connections
    up = time.time()
    setattr(timeline, f"{name}_up", up)
    print(f"  {words[1]} at {up - timeline.started:.1f} s", flush=True)


def inject(stack: Stack, args, timeline: Timeline) -> None:
    """The faults, at their times after the start of the load."""
    outage(
        timeline,
        "db",
        args.db_down_at,
        args.outage,
        lambda: stack.pg.stop("fast"),
        stack.pg.start,
        ("PostgreSQL stopped", "PostgreSQL accepting again"),
    )
    outage(
        timeline,
        "redis",
        args.redis_down_at,
        args.outage,
        stack.redis.kill,
        stack.redis.start,
        ("Redis killed", "Redis back"),
    )
    if stack.replica is not None:
        outage(
            timeline,
            "replica",
            args.replica_down_at,
            args.outage,
            lambda: stack.replica.stop("fast"),
            stack.replica.start,
            ("replica stopped", "replica accepting again"),
        )


def recovery_seconds(probe: Probe, timeline: Timeline) -> float | None:
    """From PostgreSQL accepting connections to the probe's first 200 (queueing included)."""
    for when, status, _clean, _cached in probe.answers:
        if when >= timeline.db_up and status == 200:
            return when - timeline.db_up
    return None


# The last field, X-Cache (hit, miss or -), came later: older runs' logs lack it.
ACCESS_LINE = re.compile(r'^\[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d{3}) \S+ (\d+)ms(?: \S+)?$')


def read_access_log(run_dir: Path) -> list[tuple[float, str, int]]:
    """(time the worker finished, path, status) from gunicorn's access log (1 s resolution)."""
    entries = []
    for line in (run_dir / "access.log").read_text(errors="replace").splitlines():
        match = ACCESS_LINE.match(line)
        if match:
            finished = datetime.strptime(match[1], "%d/%b/%Y:%H:%M:%S %z").timestamp()
            entries.append((finished, match[3], int(match[4])))
    return entries


def server_recovery(access: list[tuple[float, str, int]], timeline: Timeline) -> dict:
    """What the workers did once PostgreSQL was back, without the clients' queueing.

    A page (not the API, whose responses may come from the cache) answered 200 after the
    restart shows a worker reached the database again; 503s after it show it had not yet.
    """
    # Until the replica's own outage, if any: its in-flight 503s are counted apart (the log's
    # times are whole seconds, rounded down).
    end = int(timeline.replica_down) if timeline.replica_down else float("inf")
    after = [(when, status) for when, path, status in access if int(timeline.db_up) <= when < end]
    pages = [
        when
        for when, path, status in access
        if int(timeline.db_up) <= when < end and status == 200 and not path.startswith("/api/")
    ]
    late_503 = [when for when, status in after if status == 503]
    return {
        "first_page_200_s": round(max(0.0, pages[0] - timeline.db_up), 1) if pages else None,
        "last_503_s": round(late_503[-1] - timeline.db_up, 1) if late_503 else None,
    }


def _count(events, start: float, end: float) -> dict[str, int]:
    counts: dict[str, int] = {}
    for when, _name, status, kind in events:
        if start <= when < end:
            key = f"{status} {kind}"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _outage_answer_ok(answer: tuple[float, int, bool, bool], replica: bool) -> bool:
    """The probe's home page while PostgreSQL is down: the clean 503, or a 200 that needed no
    database (the page cache's copy in Redis; with a replica, any 200: it reads from it)."""
    _when, status, clean, cached = answer
    return (status == 503 and clean) or (status == 200 and (cached or replica))


def analyse(events, access, probe: Probe, timeline: Timeline, args) -> tuple[dict, list[str]]:
    """The figures of each phase and the expectations that were not met."""
    recovery = recovery_seconds(probe, timeline)
    server = server_recovery(access, timeline)
    # Requests in flight when PostgreSQL returned may still end in a 503 just after; a 503 of
    # a worker after that shows up in ``server["last_503_s"]``.
    db_window_end = timeline.db_up + max(recovery or 0, server["last_503_s"] or 0) + 2
    outage = [e for e in events if timeline.db_down <= e[0] < db_window_end]
    redis = [e for e in events if timeline.redis_down <= e[0] < timeline.redis_up + 2]
    # Requests running on the replica when it stops get a 503 (at most one per worker);
    # the next ones read the primary.
    in_flight_end = timeline.replica_down + IN_FLIGHT_SECONDS if timeline.replica_down else 0
    replica_503 = [
        e for e in events if timeline.replica_down <= e[0] < in_flight_end and e[3] == "503-clean"
    ]
    outside = [
        e
        for e in events
        if not (timeline.db_down <= e[0] < db_window_end) and e[3] != "ok" and e not in replica_503
    ]
    # The probe waits in the same queue as the clients: its first answers after the stop may
    # be for requests served before it.
    probe_outage = [a for a in probe.answers if timeline.db_down + 5 <= a[0] < timeline.db_up]
    figures = {
        "timeline_s": timeline.relative(),
        "db_outage_responses": _count(events, timeline.db_down, db_window_end),
        "redis_outage_responses": _count(events, timeline.redis_down, timeline.redis_up + 2),
        "probe_recovery_s": None if recovery is None else round(recovery, 2),
        "server_recovery_s": server,
        "probe_during_db_outage": {
            "answers": len(probe_outage),
            "clean_503": sum(1 for a in probe_outage if a[1] == 503 and a[2]),
            "200": sum(1 for a in probe_outage if a[1] == 200),
            "200 from the page cache": sum(1 for a in probe_outage if a[1] == 200 and a[3]),
        },
        "not_ok_outside_db_outage": _count(outside, 0, float("inf")),
    }
    if timeline.replica_down:
        figures["replica_outage_responses"] = _count(
            events, timeline.replica_down, timeline.replica_up + 2
        )
        figures["replica_in_flight_503"] = len(replica_503)
    violations = []
    if any(e[3] in BAD for e in outage):
        violations.append("a response during the database outage was not a clean 503")
    if not any(e[3] == "503-clean" for e in outage):
        violations.append("no 503 was seen during the database outage (was it down?)")
    first_page = server["first_page_200_s"]
    if first_page is None or first_page > args.recovery_limit:
        violations.append(f"no page served within {args.recovery_limit} s of PostgreSQL's return")
    if (server["last_503_s"] or 0) > args.recovery_limit:
        violations.append(f"503s went on more than {args.recovery_limit} s after the return")
    if recovery is None:
        violations.append("the probe never got a 200 after PostgreSQL's return")
    if any(not _outage_answer_ok(a, bool(timeline.replica_down)) for a in probe_outage):
        violations.append("the probe got something else than the clean 503 page or a cached 200")
    if any(e[3] != "ok" for e in redis):
        violations.append("a request failed while Redis was down")
    if outside:
        violations.append("requests failed outside the database outage")
    if len(replica_503) > args.workers:
        violations.append("more 503s when the replica stopped than requests it was serving")
    return figures, violations


def run(args) -> int:
    run_dir = new_run_dir("faults")
    stack = Stack(run_dir)
    try:
        targets = prepare(stack, run_dir, args)
        locust = LocustRun(args.users, args.seconds, args.think, args.form_weight)
        probe = Probe(f"{stack.web.base_url}/en/")
        print(f"Locust: {args.users} clients for {args.seconds} s; faults:")
        process = locust.start(stack, run_dir, targets)
        timeline = Timeline(started=time.time())
        probe.start()
        inject(stack, args, timeline)
        locust.wait(process)
        probe.stop()
        print(f"  machine load average at the end: {os.getloadavg()[0]:.1f}")
        rows = read_stats(run_dir)
        acks = lost_acknowledgements(stack, run_dir)
        problems = server_log_problems(run_dir)
    finally:
        stack.stop()
    return report(args, run_dir, rows, probe, timeline, acks, problems)


def report(args, run_dir: Path, rows, probe, timeline, acks, problems) -> int:
    print("Locust's statistics (503s during the outage count as failures there):")
    print_stats(rows)
    access = read_access_log(run_dir)
    figures, violations = analyse(read_events(run_dir), access, probe, timeline, args)
    for name, value in figures.items():
        print(f"  {name}: {value}")
    if print_acknowledgements(acks):
        violations.append("acknowledged requests are missing from the database")
    # Tracebacks in the log are expected only as the 503s' log entries (Django logs the
    # error it turned into a 503); the access log must hold no 500 and no worker timeout.
    print(f"  server log: {problems}")
    if problems["500 in access log"] or problems["worker timeouts"]:
        violations.append("the server answered 500 or a worker timed out")
    if problems["warm-up failures"]:
        violations.append("pages failed before the faults, while warming up")
    write_json(run_dir / "summary.json", {**figures, "acks": acks, "violations": violations})
    for violation in violations:
        print(f"VIOLATED: {violation}")
    print("OK: every expectation met" if not violations else "FAILED")
    return 0 if not violations else 1


def main() -> int:
    parser = arguments(__doc__.split("\n")[0], seconds=90)
    parser.add_argument("--db-down-at", type=float, default=20)
    parser.add_argument("--redis-down-at", type=float, default=55)
    parser.add_argument(
        # After Redis's return plus PACT_REPLICA_LAG (10 s): Redis comes back empty, which
        # keeps reads on the primary for that long (oneinfive/replica.py).
        "--replica-down-at",
        type=float,
        default=78,
        help="with --replica: when it stops",
    )
    parser.add_argument("--outage", type=float, default=10, help="seconds each fault lasts")
    parser.add_argument("--recovery-limit", type=float, default=10)
    parser.add_argument(
        "--form-weight", type=int, default=10, help="join and newsletter tasks (reads: ~100)"
    )
    return run_bounded(run, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
