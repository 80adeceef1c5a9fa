"""Timing the stages of the data set builders (benchmarks/scale_data.py, benchmarks/dataset.py).

Each stage is measured in wall time and in CPU time: of this process, and of its
PostgreSQL server process when the server runs on this machine (read from ``/proc``). On a
machine shared with other work the wall time mostly measures the neighbours; the CPU seconds
say what the build itself costs, and bound its wall time on an idle machine (the client and
its server process take turns: the build needs at most their sum).
"""

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection


def _backend() -> tuple[int, float] | None:
    """(pid, CPU seconds so far) of this connection's PostgreSQL server process, or None
    (another database, or a server whose processes this machine cannot read)."""
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, ValueError):
        return None
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(
    stages: dict[str, float],
    name: str,
    step: Callable[[], Any],
    cpu: dict[str, dict[str, float]] | None = None,
) -> Any:
    """Runs ``step``; its wall seconds go into ``stages[name]``, its CPU seconds (``process``
    and, when known, ``database``) into ``cpu[name]``. Returns what ``step`` returns."""
    load = os.getloadavg()[0]
    backend = _backend()
    started, process = time.perf_counter(), time.process_time()
    result = step()
    stages[name] = round(time.perf_counter() - started, 1)
    used = {"process": round(time.process_time() - process, 1)}
    after = _backend()
    if backend and after and after[0] == backend[0]:  # the same server process throughout
        used["database"] = round(after[1] - backend[1], 1)
    if cpu is not None:
        cpu[name] = used
    spent = ", ".join(f"{who} {seconds} s" for who, seconds in used.items())
    print(
        f"  {name}: {stages[name]} s (CPU: {spent}; load {load:.1f} -> {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    return result


def total(cpu: dict[str, dict[str, float]]) -> float:
    """The CPU seconds of every stage, the process's and the database's."""
    return round(sum(sum(used.values()) for used in cpu.values()), 1)
