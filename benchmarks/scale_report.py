"""The scale benchmark's tables and targets (benchmarks/scale.py), and their place in the docs.

Targets (issue 18), all read from one interleaved run:

- every public page (uncached HTML, the site search included): p50 at the large size
  <= 1.5x its p50 at the small one;
- search (site and API ``?q=``) at the large size: p95 <= 30 ms on PostgreSQL, <= 50 ms on
  SQLite;
- API list: throughput >= 0.5x the one-query floor at both sizes, p95 large/small <= 1.5x;
- a cached HTML page >= 20x faster (p50) than the same page uncached;
- the large data set (100,000 initiatives), indexes included, built in under 10 minutes.
"""

import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
PAGE_GROWTH, API_GROWTH, FLOOR_SHARE, CACHE_GAIN, BUILD_SECONDS = 1.5, 1.5, 0.5, 20, 600
SEARCH_P95 = {"PostgreSQL": 30, "SQLite": 50}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def _run(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine(moment: str) -> dict:
    """The machine's load and its busiest other processes, at ``moment``."""
    busy = _run("ps", "-eo", "pcpu,etime,args", "--sort=-pcpu").splitlines()[1:8]
    return {
        "moment": moment,
        "time": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "commit": _run("git", "rev-parse", "--short", "HEAD"),
        "busy": [line.strip()[:110] for line in busy],
    }


def figures(result: dict) -> dict:
    """p50, p95, mean (ms) and the counted request's stats, per size and route."""
    table = {}
    for size in result["sizes"]:
        for route in result["routes"]:
            times = result["latencies"][size][route["name"]]
            table[size, route["name"]] = {
                "p50": percentile(times, 0.5),
                "p95": percentile(times, 0.95),
                "mean": mean(times),
                "n": len(times),
                **result["stats"][size][route["name"]],
            }
    return table


def checks(result: dict) -> list[tuple[str, float, str, bool]]:
    """(what, measured, target, met) for every target the run can tell."""
    small, large = result["sizes"]
    data = figures(result)
    engine = result["info"]["engine"].split()[0]
    names = {route["name"]: route for route in result["routes"]}
    found = []
    for name, route in names.items():
        if route["kind"] in ("page", "search") and not route.get("cached"):
            ratio = data[large, name]["p50"] / data[small, name]["p50"]
            found.append(
                (
                    f"p50 {name}, {large:,} / {small:,}",
                    ratio,
                    f"<= {PAGE_GROWTH}x",
                    ratio <= PAGE_GROWTH,
                )
            )
    for name, route in names.items():
        if route["kind"] in ("search", "api search"):
            p95, limit = data[large, name]["p95"], SEARCH_P95[engine]
            found.append((f"p95 {name} at {large:,}, ms", p95, f"<= {limit} ms", p95 <= limit))
    if "API list" in names and "floor" in names:
        for size in (small, large):
            share = data[size, "floor"]["mean"] / data[size, "API list"]["mean"]
            found.append(
                (
                    f"API list / floor (req/s) at {size:,}",
                    share,
                    f">= {FLOOR_SHARE}x",
                    share >= FLOOR_SHARE,
                )
            )
        growth = data[large, "API list"]["p95"] / data[small, "API list"]["p95"]
        found.append(
            (
                f"p95 API list, {large:,} / {small:,}",
                growth,
                f"<= {API_GROWTH}x",
                growth <= API_GROWTH,
            )
        )
    for name in names:
        if name.endswith(" (cached)") and names[name]["kind"] == "page":
            page = name.removesuffix(" (cached)")
            for size in (small, large):
                gain = data[size, page]["p50"] / data[size, name]["p50"]
                found.append(
                    (
                        f"{page} uncached / cached (p50) at {size:,}",
                        gain,
                        f">= {CACHE_GAIN}x",
                        gain >= CACHE_GAIN,
                    )
                )
    built = result["setups"][large].get("built") or {}
    if large >= 10000 and built:
        seconds = sum(built.values())
        found.append(
            (
                f"build of {large:,} signatories, s",
                seconds,
                f"< {BUILD_SECONDS} s",
                seconds < BUILD_SECONDS,
            )
        )
    return found


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f}"


def routes_table(result: dict) -> list[str]:
    small, large = result["sizes"]
    data = figures(result)
    lines = [
        f"| route | p50 {small:,} | p95 {small:,} | p50 {large:,} | p95 {large:,} | p50 ratio "
        f"| queries | KB (gzip) {large:,} | items |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for route in result["routes"]:
        a, b = data[small, route["name"]], data[large, route["name"]]
        queries = (
            f"{a['queries']}"
            if a["queries"] == b["queries"]
            else f"{a['queries']} / {b['queries']}"
        )
        items = "" if b["items"] is None else f"{b['items']}"
        lines.append(
            f"| {route['name']} | {_number(a['p50'])} | {_number(a['p95'])} | {_number(b['p50'])} "
            f"| {_number(b['p95'])} | {b['p50'] / a['p50']:.2f}x | {queries} "
            f"| {_kb(b['bytes'])} ({_kb(b['gzip'])}) | {items} |"
        )
    return lines


def checks_table(result: dict) -> tuple[list[str], bool]:
    lines = ["| target | measured | target | |", "| --- | ---: | ---: | --- |"]
    missed = False
    for what, value, target, met in checks(result):
        missed |= not met
        lines.append(f"| {what} | {_number(value)} | {target} | {'ok' if met else '**MISSED**'} |")
    return lines, missed


def _setup_lines(result: dict) -> list[str]:
    lines = []
    for size in result["sizes"]:
        setup = result["setups"][size]
        counts = ", ".join(f"{value:,} {key}" for key, value in setup["counts"].items())
        built = setup.get("built") or {}
        stages = ", ".join(f"{key} {value} s" for key, value in built.items())
        lines.append(f"- {size:,}: {counts}; built in {sum(built.values()):.0f} s ({stages}).")
    return lines


def _samples(result: dict) -> str:
    counts = {
        len(times) for by_route in result["latencies"].values() for times in by_route.values()
    }
    return " to ".join(str(n) for n in sorted({min(counts), max(counts)}))


def _machine_lines(result: dict) -> list[str]:
    before, after = result["machine"]["before"], result["machine"]["after"]
    loads, info = result["loads"], result["info"]
    lines = [
        f"- {info['engine']}, Python {info['python']}, Django {info['django']}, Wagtail "
        f"{info['wagtail']}; commit {before['commit']}; {before['time']}; {before['cpus']} CPUs.",
        f"- Load average (1 min) {before['load'][0]} before the run, {after['load'][0]} after; "
        f"during the measuring rounds {min(loads):.2f} to {max(loads):.2f} "
        f"(mean {mean(loads):.2f}).",
        f"- Page cache present: {info['page_cache']}; search index present: "
        f"{info['search_index']}. Measuring: {result['seconds']} s, {len(loads) - 1} rounds, "
        f"{_samples(result)} requests per route and size.",
        "- Busiest processes when the run began (% CPU, elapsed, command):",
    ]
    lines += [f"  - `{line}`" for line in before["busy"]]
    return lines


def report(result: dict) -> tuple[str, bool]:
    checks_lines, missed = checks_table(result)
    lines = [
        f"Command: `{result['command']}`",
        *_machine_lines(result),
        "",
        "Data sets:",
        *_setup_lines(result),
        "",
        "Milliseconds; queries of one request; bytes of the larger size's response:",
        "",
        *routes_table(result),
        "",
        *checks_lines,
    ]
    return "\n".join(lines), missed


def write_docs(result: dict, path: Path = DOCS) -> None:
    """Replaces the engine's block between its markers in docs/performance.md."""
    engine = result["info"]["engine"].split()[0].lower()
    start, end = f"<!-- scale-{engine}:start -->", f"<!-- scale-{engine}:end -->"
    text = path.read_text()
    if start not in text:
        raise SystemExit(f"{path} has no {start} … {end} block")
    body, _missed = report(result)
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    path.write_text(pattern.sub(lambda _m: f"{start}\n{body}\n{end}", text))
