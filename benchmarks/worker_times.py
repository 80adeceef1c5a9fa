"""Time spent in a gunicorn worker per kind of request, read from the run's access log.

Locust's latencies include the clients' queue (50 clients, a few workers); the access log's
duration (``%(M)s``, oneinfive/gunicorn.conf.py) is the time a worker spent on the request
alone: where the server's time goes. Each request line is put in the kind the load mix names
it (benchmarks/locustfile.py), from its path and the run's targets.
"""

import json
import re
import statistics
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<target>\S+) [^"]*" (?P<status>\d{3}) \S+ (?P<ms>\d+)ms'
    r" ?(?P<cache>\S*)"  # X-Cache (hit, miss, -); absent in logs of older runs
)
API = "/api/pact/v1/"


class Kinds:
    """The load mix's name of a request, from its method and address."""

    def __init__(self, targets: dict) -> None:
        self.pages = {"directory": targets["directory"], "library": targets["library"]}
        self.exact = {targets["map"]: "map page"}
        self.exact.update({url: "initiative page" for url in targets["initiatives"]})
        self.exact.update({url: "signatory profile" for url in targets["signatories"]})
        self.forms = {targets["join"]: "join", targets["newsletter"]: "newsletter"}

    def of(self, method: str, target: str) -> str:
        path = urlsplit(target).path
        if path in self.forms:
            return f"{self.forms[path]} {'POST' if method == 'POST' else 'form'}"
        if path.startswith(API):
            return _api_kind(path[len(API) :])
        if re.fullmatch(r"/[a-z]{2}/", path):
            return "home"
        if re.fullmatch(r"/[a-z]{2}/search/", path):
            return "search"
        if "/feeds/" in path:
            return "feed"
        for name, base in self.pages.items():
            if path == base:
                return name
        return self.exact.get(path, "other")


def _api_kind(rest: str) -> str:
    if rest.startswith("map.geojson"):
        return "api map.geojson"
    for plural, singular in (("initiatives", "initiative"), ("signatories", "signatory")):
        if rest == plural:
            return f"api {plural}"
        if rest.startswith(f"{plural}/"):
            return f"api {singular}"
    return "api facets"


def read(access_log: Path, targets: Path) -> dict[str, list[tuple[int, bool]]]:
    """(milliseconds in a worker, answered from a cache) per kind; warm-up requests included
    (they are few)."""
    kinds = Kinds(json.loads(targets.read_text()))
    times: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    if not access_log.exists():
        return times
    for line in access_log.read_text(errors="replace").splitlines():
        match = LINE.search(line)
        if match:
            kind = kinds.of(match["method"], match["target"])
            times[kind].append((int(match["ms"]), match["cache"] == "hit"))
    return times


def summary(times: dict[str, list[tuple[int, bool]]]) -> dict[str, dict[str, float]]:
    """Count, cache hits, mean, p50, p95, max and the share of all worker time, per kind."""
    spent = sum(ms for values in times.values() for ms, _hit in values) or 1
    rows = {}
    for kind, values in sorted(times.items(), key=lambda item: -sum(ms for ms, _ in item[1])):
        ordered = sorted(ms for ms, _hit in values)
        rows[kind] = {
            "count": len(values),
            "hits": round(100 * sum(hit for _ms, hit in values) / len(values)),
            "mean": round(statistics.fmean(ordered), 1),
            "p50": ordered[len(ordered) // 2],
            "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
            "max": ordered[-1],
            "share": round(100 * sum(ordered) / spent, 1),
        }
    return rows


def print_summary(rows: dict[str, dict[str, float]]) -> None:
    print("  time in a worker (gunicorn's access log), per kind:")
    header = f"{'count':>7}{'hits':>6}{'mean ms':>9}{'p50':>6}{'p95':>6}{'max':>7}{'share':>7}"
    print(f"    {'request':<20}{header}")
    for kind, row in rows.items():
        print(
            f"    {kind:<20}{row['count']:>7}{row['hits']:>5}%{row['mean']:>9.1f}{row['p50']:>6}"
            f"{row['p95']:>6}{row['max']:>7}{row['share']:>6.1f}%"
        )
