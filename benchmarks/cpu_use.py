"""Where the machine's CPU went during a load run: gunicorn, PostgreSQL, Redis, Locust, others.

All of them share the same cores; the split tells what a run measured (a server starved by
the load generator or by other people's work reads very differently from one that used
both cores itself). psutil comes with Locust (the `load` extra).
"""

import os
from dataclasses import dataclass, field

import psutil


def tree_seconds(pid: int | None) -> float:
    """CPU seconds (user + system) of a process, its live descendants and the children each
    of them has reaped (gunicorn's recycled workers, PostgreSQL's closed connections)."""
    if pid is None:
        return 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def reaped_children_seconds() -> float:
    """CPU seconds of this process's children that have exited: the load generator, read
    after it ends (gunicorn and Redis are children too, but alive until the stack stops)."""
    times = os.times()
    return times.children_user + times.children_system


@dataclass
class CpuUse:
    """Snapshots of the parts' CPU seconds; ``spent()`` is the difference since ``start()``.

    ``pids`` names the stack's parts (their process trees); ``reaped`` the part that is a
    child of this process and has exited by the time ``spent()`` is called.
    """

    pids: dict[str, int | None]
    reaped: str = "locust"
    before: dict[str, float] = field(default_factory=dict)

    def _now(self) -> dict[str, float]:
        now = {name: tree_seconds(pid) for name, pid in self.pids.items()}
        now[self.reaped] = reaped_children_seconds()
        now["machine"] = machine_busy_seconds()
        return now

    def start(self) -> None:
        self.before = self._now()

    def spent(self) -> dict[str, float]:
        after = self._now()
        spent = {name: round(after[name] - self.before[name], 1) for name in after}
        ours = sum(value for name, value in spent.items() if name != "machine")
        spent["others"] = round(max(0.0, spent.pop("machine") - ours), 1)
        return spent


def print_use(spent: dict[str, float], seconds: float) -> None:
    parts = ", ".join(
        f"{name} {value:.0f} s ({value / seconds:.2f})" for name, value in spent.items()
    )
    print(f"  CPU seconds during the load (cores in use): {parts}; {psutil.cpu_count()} cores")


def print_capacity(spent: dict[str, float], requests: int) -> None:
    """Requests per CPU second of the stack and load generator, times the machine's cores: an
    estimate of the rate on cores of their own, when other work shared them during the run
    (CPU time under contention runs a little slower, so it errs low)."""
    ours = sum(value for name, value in spent.items() if name != "others")
    if ours <= 0:
        return
    rate = requests / ours * psutil.cpu_count()
    print(
        f"  {requests / ours:.1f} requests per CPU second of the stack and Locust; "
        f"on {psutil.cpu_count()} cores of their own: about {rate:.0f} requests/s"
    )
