"""Lighthouse (mobile) on the demo: home, library, a profile, an initiative, an initiative's
version for children, the map, the calendar and an event.

    make lighthouse                          # installs the pinned lighthouse, then runs this
    python benchmarks/lighthouse.py --runs 3 # the median of three runs per page
    python benchmarks/lighthouse.py --no-write --details   # print, and list what failed
    python benchmarks/lighthouse.py --pages map --reports /tmp/lh  # keep the JSON reports

The demo is loaded once into a database of its own (``.lighthouse/demo.sqlite3``, with its
media and collected static files beside it; ``--reload`` loads it again). The site runs as
``make run`` serves it (oneinfive/settings/run.py: runserver, static files fingerprinted,
gzip-compressed, cached for a year; pages gzip-compressed): what a reader of the demo gets.
Production serves the same bytes (WhiteNoise, the same storage, the same middleware) through
gunicorn, but its media need a front web server this script does not have.

Each page is fetched once first, so that its image renditions exist (they are made on the
first view of a page, once for every reader). Lighthouse then runs in Debian's chromium
(CHROME_PATH, ``--headless=new --no-sandbox``) with its default mobile preset: a Moto G
Power screen, simulated slow-4G throttling and a 4x slower CPU. The table (scores, largest
contentful paint, bytes transferred, requests) is printed and written into
docs/performance.md between its markers.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".lighthouse"
LIGHTHOUSE = WORK / "node_modules" / "lighthouse" / "cli" / "index.js"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = "every category ≥ 98; home ≤ 150 KB, library ≤ 300 KB; LCP ≤ 1.8 s"
BYTE_TARGETS = {"home": 150_000, "library": 300_000}


def site_environment() -> dict[str, str]:
    """The demo's own database, media and static files, under make run's settings."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oneinfive.settings.run",
        "DATABASE_URL": f"sqlite:///{WORK / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str], reload: bool) -> None:
    database = WORK / "demo.sqlite3"
    if reload:
        database.unlink(missing_ok=True)
        shutil.rmtree(WORK / "media", ignore_errors=True)
    new = not database.exists()
    manage(env, "migrate", "--noinput", "-v", "0")
    if new:
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")


ROUTES_SCRIPT = """
import json
from pact_pages.models import (
    CalendarPage, EventPage, InitiativeLibraryPage, InitiativePage, MapPage,
)
english = dict(locale__language_code="en")
initiatives = InitiativePage.objects.live().public().filter(**english)
initiative = (initiatives.exclude(featured_image=None).order_by("-first_published_at").first())
for_children = initiatives.exclude(children_summary="").order_by("-first_published_at").first()
event = EventPage.objects.live().public().filter(**english).order_by("start").last()
print(json.dumps({
    "home": "/en/",
    "library": InitiativeLibraryPage.objects.live().filter(**english).first().url,
    "profile": initiative.get_parent().url,
    "initiative": initiative.url,
    "children": for_children.url + "?version=children",
    "map": MapPage.objects.live().filter(**english).first().url,
    "calendar": CalendarPage.objects.live().filter(**english).first().url,
    "event": event.url,
}))
"""


def routes(env: dict[str, str]) -> dict[str, str]:
    """English addresses of the pages measured: the newest initiative with a picture, and
    the profile of the signatory behind it."""
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ROUTES_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def start_server(env: dict[str, str], port: int, *options: str) -> subprocess.Popen:
    """runserver on ``port`` (with ``options``), once it answers; benchmarks/screenshots.py
    starts its site with it too."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=30)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the site did not answer on port {port}")


def lighthouse(url: str, keep: Path | None = None, attempts: int = 3) -> dict:
    """One Lighthouse run, mobile preset; its JSON report (a copy in ``keep``).

    On a busy machine Lighthouse now and then fails to record its trace (NO_NAVSTART):
    such a run is tried again."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--chrome-flags=--headless=new --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        for attempt in range(attempts):
            done = subprocess.run([*command, f"--output-path={report.name}"], env=env)
            if done.returncode == 0:
                break
            print(f"Lighthouse failed on {url} (attempt {attempt + 1})", file=sys.stderr)
        else:
            raise SystemExit(f"Lighthouse failed {attempts} times on {url}")
        if keep is not None:
            keep.write_text(Path(report.name).read_text())
        return json.loads(Path(report.name).read_text())


def summary(report: dict) -> dict:
    audits = report["audits"]
    row = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    row["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    row["bytes"] = int(audits["total-byte-weight"]["numericValue"])
    row["requests"] = len(audits["network-requests"]["details"]["items"])
    row["failed"] = sorted(
        f"{key} ({audit['displayValue']})" if audit.get("displayValue") else key
        for key, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return row


def median_run(rows: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's own advice for variance)."""
    rows = sorted(rows, key=lambda row: row["performance"])
    return rows[len(rows) // 2]


def table(results: dict[str, dict]) -> str:
    lines = [
        "| page | performance | accessibility | best practices | SEO | LCP | transferred "
        "| requests |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, row in results.items():
        scores = " | ".join(str(row[name]) for name in CATEGORIES)
        lines.append(
            f"| {page} | {scores} | {row['lcp']:.1f} s | {row['bytes'] / 1000:.0f} KB "
            f"| {row['requests']} |"
        )
    return "\n".join(lines)


def misses(results: dict[str, dict]) -> list[str]:
    found = []
    for page, row in results.items():
        found += [f"{page}: {name} {row[name]}" for name in CATEGORIES if row[name] < 98]
        if row["lcp"] > 1.8:
            found.append(f"{page}: LCP {row['lcp']:.1f} s")
        if row["bytes"] > BYTE_TARGETS.get(page, float("inf")):
            found.append(f"{page}: {row['bytes'] / 1000:.0f} KB")
    return found


def write_doc(text: str, runs: int) -> None:
    block = (
        f"{START}\n{text}\n\nMeasured with `make lighthouse` ({runs} run(s) a page, the median "
        f"by performance), {time.strftime('%Y-%m-%d')}. Targets: {TARGETS}.\n{END}"
    )
    doc = DOC.read_text()
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + block + doc[doc.index(END) + len(END) :]
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8460)
    parser.add_argument("--runs", type=int, default=1, help="runs a page; the median is kept")
    parser.add_argument("--reload", action="store_true", help="load the demo again")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--details", action="store_true", help="list the audits below 0.9")
    parser.add_argument(
        "--pages",
        nargs="*",
        help="some of: home library profile initiative children map calendar event",
    )
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse`, which installs it")
    WORK.mkdir(exist_ok=True)
    if options.reports:
        options.reports.mkdir(parents=True, exist_ok=True)
    env = site_environment()
    prepare(env, options.reload)
    pages = routes(env)
    if options.pages:
        pages = {name: url for name, url in pages.items() if name in options.pages}
    server = start_server(env, options.port)
    try:
        results = {}
        for name, path in pages.items():
            url = f"http://127.0.0.1:{options.port}{path}"
            urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - renditions made
            runs = []
            for run in range(options.runs):
                keep = options.reports / f"{name}-{run + 1}.json" if options.reports else None
                runs.append(summary(lighthouse(url, keep)))
            results[name] = median_run(runs)
            print(f"{name}: {url}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
    text = table(results)
    print(text)
    if options.details:
        for name, row in results.items():
            print(f"{name}: {', '.join(row['failed']) or 'nothing below 0.9'}")
    missed = misses(results)
    print("Targets met." if not missed else "Missed: " + "; ".join(missed))
    if not options.no_write:
        write_doc(text, options.runs)


if __name__ == "__main__":
    main()
