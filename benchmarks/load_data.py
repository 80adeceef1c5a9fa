"""The data set of `make load` and `make faults` in the private cluster: kept, refreshed or built.

benchmarks/dataset.py does the work in a process of its own (Django set up with the stack's
environment); this side decides what is needed, runs it and records it in
``.load/dataset.json``.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.stack import DATABASE, ROOT, STATE, Stack, write_json

DATASET_MARKER = STATE / "dataset.json"
# Raised when the steps after the bulk insert change (benchmarks/dataset.py refresh()): a kept
# data set of an older version gets them again, without the slow rebuild of everything.
# 2: the synthetic initiatives carry the demo's texts, and every page is in the search index.
# 3: the search index's text as the site search reads it; the index's stored figures.
DATASET_VERSION = 3


def ensure_dataset(stack: Stack, signatories: int, demo: int, fresh: bool) -> dict:
    """The data set in the private cluster: reused when it has the asked size, else built."""
    wanted = {"signatories_added": signatories, "demo": demo}
    if not fresh and DATASET_MARKER.exists():
        existing = json.loads(DATASET_MARKER.read_text())
        present = stack.pg.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
        if present == "1" and all(existing.get(k) == v for k, v in wanted.items()):
            if existing.get("version", 1) != DATASET_VERSION:
                existing = refresh_dataset(stack, existing)
            print(f"Data set kept from {existing['built_at']}: {_describe(existing)}")
            return existing
    DATASET_MARKER.unlink(missing_ok=True)
    print(f"Building the data set: demo ({demo} signatories) + {signatories:,} synthetic")
    stack.pg.psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    stack.pg.psql(f"CREATE DATABASE {DATABASE}")
    started = time.perf_counter()
    built = _run_dataset(stack, "--signatories", str(signatories), "--demo", str(demo))
    dataset = {
        **built,
        **wanted,
        "version": DATASET_VERSION,
        "total_seconds": round(time.perf_counter() - started, 1),
        "built_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    write_json(DATASET_MARKER, dataset)
    print(f"Data set built in {dataset['total_seconds']} s: {_describe(dataset)}")
    return dataset


def refresh_dataset(stack: Stack, existing: dict) -> dict:
    """Brings a kept data set to DATASET_VERSION: texts, indexes and ANALYZE again."""
    print(f"Refreshing the data set (version {existing.get('version', 1)} -> {DATASET_VERSION})")
    refreshed = _run_dataset(stack, "--refresh")
    dataset = {
        **existing,
        "counts": refreshed["counts"],
        "refresh_seconds": refreshed["seconds"],
        "version": DATASET_VERSION,
        "refreshed_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    write_json(DATASET_MARKER, dataset)
    return dataset


def _run_dataset(stack: Stack, *args: str) -> dict:
    """Runs benchmarks/dataset.py, shows its progress and returns the JSON of its last line."""
    # Tasks at once (the demo's search index), and no Redis yet: the local-memory cache.
    env = {**stack.env(), "LOAD_IMMEDIATE_TASKS": "1", "REDIS_URL": ""}
    result = subprocess.run(
        [sys.executable, "benchmarks/dataset.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = result.stdout.rstrip().splitlines()
    print("\n".join(lines[:-1]))
    return json.loads(lines[-1])


def _describe(dataset: dict) -> str:
    counts = dataset["counts"]
    return (
        f"{counts['signatories']:,} signatories, {counts['initiatives']:,} initiatives "
        f"(source language; {counts['pages']:,} such pages in all languages)"
    )


def write_targets(stack: Stack, run_dir: Path) -> Path:
    path = run_dir / "targets.json"
    subprocess.run(
        [sys.executable, "benchmarks/dataset.py", "--targets", str(path)],
        cwd=ROOT,
        env={**stack.env(), "REDIS_URL": ""},
        check=True,
    )
    return path
