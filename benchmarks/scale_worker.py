"""The scale benchmark's worker: one data set, Django set up once, requests timed in process.

benchmarks/scale.py starts one worker per data size, each with its own ``DATABASE_URL``, and
sends it commands, one JSON line each on its stdin; the worker answers one JSON line on its
stdout (what Django or the build prints goes to stderr). tests/test_benchmarks.py drives the
same ``Bench`` in the test process.

Each request goes through Django's whole stack (every middleware, URL routing) with the test
client and is timed with ``perf_counter``; the network and the WSGI server, the same for every
route, are left out. The response caches are off for every route except those named
"(cached)", which are answered from a warm cache: the API's (``PACT_API_CACHE``) or the
anonymous readers' page cache (``PACT_PAGE_CACHE``; a cached page that is not a hit stops the
run, and "home (cached, gzip)" asks as browsers do, so gzip runs on each hit).
"""

import gzip
import hashlib
import json
import os
import platform
import sqlite3
import sys
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()

import wagtail  # noqa: E402
from django import get_version  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from benchmarks import scale_data  # noqa: E402
from pact_pages.models import InitiativePage, SignatoryPage  # noqa: E402

API = "/api/pact/v1/initiatives"
PAGE_CACHE_MIDDLEWARE = "pact_pages.public.page_cache.PageCacheMiddleware"
# The same information as an item of our API, as far as Wagtail API v2 declares it
# (api_fields and meta fields: no last_published_at, translations or signatory).
V2_FIELDS = "summary,status,start_date,end_date,pillars,tags,featured_image,first_published_at"
# Wagtail API v3 with its default fields; it has no locale filter, so every language's pages.
V3 = "/api/v3/pages/?type=pact_pages.InitiativePage&limit=100&order=-first_published_at"
# Code whose change makes a kept data set's indexes stale (rebuilt with --keep).
INDEX_CODE = ("pact_pages/api/index*.py", "pact_pages/api/serializers.py", "pact_pages/search/*")


def page_cache_present() -> bool:
    return PAGE_CACHE_MIDDLEWARE in settings.MIDDLEWARE


def routes() -> list[dict]:
    """What is measured, named alike at every size: the first signatory (the same place, the
    same stories at every size) gives the profile, the initiative and the rare search word."""
    english = Locale.get_default()
    profile = SignatoryPage.objects.filter(locale=english).order_by("path").first()
    initiative = InitiativePage.objects.child_of(profile).order_by("path").first()
    rare = scale_data.place_name(0)
    pages = {
        "home": "/en/",
        "library": "/en/initiatives/",
        "library by P": "/en/initiatives/?pillar=prevention",
        "library by 2 P": "/en/initiatives/?pillar=prevention&pillar=participation",
        "directory": "/en/participants/",
        "directory by P": "/en/participants/?pillar=protection&page=2",
        "profile": profile.url,
        "initiative": initiative.url,
        "map": "/en/map/",
    }
    searches = {
        "children": ("en", "children"),  # in most stories
        "school training": ("en", "school training"),
        "barnahus": ("en", "barnahus"),  # in a few stories
        rare: ("en", rare),  # one place: a signatory and its ten initiatives
        "fr enfants": ("fr", "enfants"),
        f"fr {rare}": ("fr", rare),
        "nothing": ("en", "xylophone"),  # in no page: the cost of finding nothing
    }
    table = [{"name": name, "kind": "page", "url": url} for name, url in pages.items()]
    if page_cache_present():
        table += [
            {"name": f"{name} (cached)", "kind": "page", "url": url, "cached": True}
            for name, url in pages.items()
        ]
        home, gzip = pages["home"], {"accept-encoding": "gzip"}
        table.append(
            {"name": "home (cached, gzip)", "kind": "page", "url": home, "cached": True}
            | {"headers": gzip}
        )
    table += [
        {"name": f"search {label}", "kind": "search", "url": f"/{lang}/search/?q={query}"}
        for label, (lang, query) in searches.items()
    ]
    table += [
        {"name": "map.geojson", "kind": "api", "url": "/api/pact/v1/map.geojson"},
        {"name": "API list", "kind": "api", "url": f"{API}?limit=100"},
        {"name": "API list by P", "kind": "api", "url": f"{API}?limit=100&pillar=prevention"},
        {"name": "API list (cached)", "kind": "api", "url": f"{API}?limit=100", "cached": True},
        {
            "name": "Wagtail API v2",
            "kind": "api",
            "url": "/api/v2/pages/?type=pact_pages.InitiativePage&locale=en&limit=100"
            f"&order=-first_published_at&fields={V2_FIELDS}",
        },
        {"name": "floor", "kind": "api", "url": "/bench/floor-items/"},
    ]
    if apps.is_installed("wagtail.api.v3"):  # benchmarks/settings.py installs it, tests do not
        table.append({"name": "Wagtail API v3", "kind": "api", "url": V3})
    table += [
        {
            "name": f"API q {label}",
            "kind": "api search",
            "url": f"{API}?limit=20&q={query}" + ("&locale=fr" if lang == "fr" else ""),
        }
        for label, (lang, query) in searches.items()
    ]
    table += [
        {
            "name": f"API signatories q {label}",
            "kind": "api search",
            "url": f"/api/pact/v1/signatories?limit=20&q={query}",
        }
        for label, (_lang, query) in searches.items()
        if label in ("children", rare)
    ]
    return table


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for pattern in INDEX_CODE:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Bench:
    """One data set and the routes measured on it."""

    def __init__(
        self, record: Path | None = None, migrate: bool = True, reuse_index: bool = False
    ) -> None:
        self.client = Client()
        self.record = record  # where a kept data set notes its build (None: not kept)
        self.migrate = migrate
        self.reuse_index = reuse_index  # keep a built index even if its code changed since
        self.table: dict[str, dict] = {}

    def setup(self, size: int) -> dict:
        """Builds the data set, or completes a kept one; indexes rebuilt if their code changed."""
        noted = json.loads(self.record.read_text()) if self.record and self.record.exists() else {}
        fingerprint = _fingerprint()
        started = time.perf_counter()
        same_code = self.reuse_index or noted.get("fingerprint") == fingerprint
        fresh = not same_code or noted.get("size") != size
        result = scale_data.build(size, indexes=fresh, migrate=self.migrate)
        result["seconds"] = round(time.perf_counter() - started, 1)
        # The stages of the runs that built it: pages kept from one, indexes from a later one.
        earlier = noted.get("built") or {}
        kept = {k: earlier[k] for k in ("sections", "pages") if k in earlier}
        result["built"] = {**result["stages"], **(kept if noted.get("size") == size else {})}
        if "indexes" not in result["stages"]:
            result["built"] = noted.get("built") or result["stages"]
        elif self.record:
            noted = {"size": size, "fingerprint": fingerprint, "built": result["built"]}
            self.record.write_text(json.dumps(noted))
        self.table = {route["name"]: route for route in routes()}
        result["routes"] = list(self.table.values())
        return result

    def info(self) -> dict:
        vendor = connection.vendor
        if vendor == "sqlite":
            engine = f"SQLite {sqlite3.sqlite_version}"
        else:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                engine = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        return {
            "engine": engine,
            "database": str(settings.DATABASES["default"]["NAME"]),
            "python": platform.python_version(),
            "django": get_version(),
            "wagtail": wagtail.__version__,
            "page_cache": page_cache_present(),
            "search_index": (ROOT / "pact_pages" / "search").is_dir(),
        }

    def _settings(self, route: dict):
        api = "api" if route.get("cached") and route["kind"] == "api" else "none"
        changes = {"PACT_API_CACHE": api}
        if page_cache_present():
            changes["PACT_PAGE_CACHE"] = "pages" if route.get("cached") else None
        return override_settings(**changes) if changes else nullcontext()

    def _get(self, route: dict):
        response = self.client.get(route["url"], headers=route.get("headers"))
        if response.status_code != 200:
            raise RuntimeError(f"{route['url']}: {response.status_code}")
        return response

    def warm(self, name: str) -> dict:
        """Two requests (templates, caches, the database's pages), then one counted."""
        route = self.table[name]
        with self._settings(route):
            for _ in range(2):
                self._get(route)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = self._get(route)
            elapsed = (time.perf_counter() - started) * 1000
        # A "cached" page the cache does not answer would report a rendering as a hit.
        if route.get("cached") and route["kind"] == "page" and response.get("X-Cache") != "hit":
            raise RuntimeError(f"{route['url']}: not answered from the page cache")
        content = response.content
        items = None
        if "json" in response["Content-Type"]:
            data = json.loads(content)
            found = data.get("results", data.get("items", data.get("features")))
            items = len(found) if isinstance(found, list) else None
        return {
            "queries": len(queries),
            "ms": elapsed,
            "bytes": len(content),
            "gzip": len(gzip.compress(content, 6)),
            "items": items,
        }

    def measure(self, name: str, repeat: int) -> list[float]:
        """Milliseconds of ``repeat`` requests, one after another."""
        route = self.table[name]
        latencies = []
        with self._settings(route):
            for _ in range(repeat):
                started = time.perf_counter()
                self._get(route)
                latencies.append((time.perf_counter() - started) * 1000)
        return latencies


def serve() -> None:
    """Answers the runner's commands until its stdin closes."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    sys.stdout = sys.stderr  # anything else printed must not mix with the answers
    record = os.environ.get("SCALE_RECORD")
    bench = Bench(
        Path(record) if record else None, reuse_index=bool(os.environ.get("SCALE_REUSE_INDEX"))
    )
    for line in sys.stdin:
        command = json.loads(line)
        try:
            answer = {"ok": getattr(bench, command.pop("do"))(**command)}
        except Exception as error:  # reported to the runner, which stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        channel.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    serve()
