"""API benchmark: the same page of 100 initiatives through four routes, in one run.

    python benchmarks/api.py                       # 1,000 signatories x 10 initiatives
    python benchmarks/api.py --signatories 1000 10000   # and the scale ratio between them
    make bench-api                                 # the same as the first line

Routes: (a) /api/pact/v1/initiatives uncached (response cache off), (b) the same cached,
(c) Wagtail API v2's pages endpoint with the equivalent ``fields``, (v3) Wagtail API v3's
pages endpoint with its default fields, (d) a floor: one ``values()`` query and
``JsonResponse``. Requests go through Django's full stack (middleware, URL routing) in
process, one after another, with the test client: the figures leave out the network and
the WSGI server, which cost every route the same.

The synthetic data is bulk inserted (rows straight into the page tree, the way a data
import would), then published signals are not sent: the API's read index is built once
with ``rebuild_api_index``'s function, which writes the plugin's search index with it
(Wagtail's own search index is left empty).
"""

import argparse
import os
import sys
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from pact_pages.api import index  # noqa: E402
from pact_pages.core.countries import member_state_codes  # noqa: E402
from pact_pages.models import (  # noqa: E402
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
    InitiativeStatus,
    Pillar,
    SignatoryIndexPage,
    SignatoryPage,
    SignatoryType,
)
from pact_pages.pillars.models import PILLAR_SLUGS  # noqa: E402

PER_SIGNATORY = 10
PAGE_SIZE = 100
TAGS = ["schools", "sport", "online", "training", "helpline", "police", "youth", "parents"]
V2_FIELDS = "summary,status,start_date,end_date,tags,featured_image,first_published_at"
ROUTES = {
    "a": ("our API, uncached", f"/api/pact/v1/initiatives?limit={PAGE_SIZE}"),
    "b": ("our API, cached", f"/api/pact/v1/initiatives?limit={PAGE_SIZE}"),
    "c": (
        "Wagtail API v2",
        f"/api/v2/pages/?type=pact_pages.InitiativePage&limit={PAGE_SIZE}"
        f"&order=-first_published_at&fields={V2_FIELDS}",
    ),
    "v3": (
        "Wagtail API v3",
        f"/api/v3/pages/?type=pact_pages.InitiativePage&limit={PAGE_SIZE}"
        "&order=-first_published_at",
    ),
    "d": ("floor (values + JsonResponse)", "/bench/floor/"),
}


# --- Data ------------------------------------------------------------------------------------


def _fresh_database() -> None:
    if connection.vendor == "sqlite":
        connection.close()
        Path(settings.DATABASES["default"]["NAME"]).unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def _directory() -> Page:
    directory = SignatoryIndexPage.objects.first()
    if directory is None:
        home = Page.objects.get(depth=2)
        directory = home.add_child(
            instance=SignatoryIndexPage(title="Participants", slug="participants")
        )
    return directory


def _page(model, parent: Page, position: int, title: str, slug: str, when, locale) -> Page:
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=ContentType.objects.get_for_model(model),
        live=True,
        has_unpublished_changes=False,
        url_path=f"{parent.url_path}{slug}/",
        first_published_at=when,
        last_published_at=when,
        locale=locale,
        translation_key=uuid.uuid4(),
        path=Page._get_path(parent.path, parent.depth + 1, position),
        depth=parent.depth + 1,
        numchild=0,
    )


def _insert_specific(model, pages: list[Page], values: list[dict]) -> None:
    """Child-table rows of multi-table pages (Django's bulk_create refuses them)."""
    rows = [
        model(page_ptr_id=page.pk, **fields) for page, fields in zip(pages, values, strict=True)
    ]
    local = [field for field in model._meta.local_concrete_fields]
    for start in range(0, len(rows), 500):
        model._base_manager._insert(rows[start : start + 500], fields=local, raw=True)


def add_signatories(count: int) -> None:
    """Adds signatories (each with PER_SIGNATORY initiatives) until there are ``count``."""
    directory = _directory()
    have = SignatoryPage.objects.count()
    if have >= count:
        return
    locale = Locale.get_default()
    countries = member_state_codes()
    types = [SignatoryType.TOWN, SignatoryType.REGION, SignatoryType.ASSOCIATION]
    pillars = {p.slug: p for p in Pillar.objects.filter(locale=locale)}
    tags = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in TAGS]
    start = timezone.now() - timedelta(days=365 * 3)
    for first in range(have, count, 1000):
        last = min(first + 1000, count)
        with transaction.atomic():
            directory.refresh_from_db()
            signatories = [
                _page(
                    SignatoryPage,
                    directory,
                    directory.numchild + 1 + n - first,
                    f"Town {n:05d}",
                    f"town-{n:05d}",
                    start + timedelta(minutes=n),
                    locale,
                )
                for n in range(first, last)
            ]
            signatories = Page.objects.bulk_create(signatories)
            _insert_specific(
                SignatoryPage,
                signatories,
                [
                    {
                        "official_name": f"Municipality of Town {n:05d}",
                        "signatory_type": types[n % len(types)],
                        "country": countries[n % len(countries)],
                        "signed_on": date(2020, 1, 1) + timedelta(days=n % 1500),
                        "latitude": Decimal("35") + Decimal(n % 3000) / 100,
                        "longitude": Decimal("-10") + Decimal(n % 5000) / 100,
                        "introduction": f"Town {n:05d} signed the Pact.",
                        "commitment_prevention": "Training for every school." if n % 2 else "",
                    }
                    for n in range(first, last)
                ],
            )
            Page.objects.filter(pk=directory.pk).update(
                numchild=directory.numchild + len(signatories)
            )
            initiatives, values, links, tagged = [], [], [], []
            for n, signatory in zip(range(first, last), signatories, strict=True):
                for k in range(PER_SIGNATORY):
                    number = n * PER_SIGNATORY + k
                    initiatives.append(
                        _page(
                            InitiativePage,
                            signatory,
                            k + 1,
                            f"Initiative {number:06d}",
                            f"initiative-{number:06d}",
                            start + timedelta(minutes=number),
                            locale,
                        )
                    )
                    values.append(
                        {
                            "summary": f"What initiative {number} does to protect children.",
                            "status": list(InitiativeStatus.values)[number % 3],
                            "start_date": date(2021, 1, 1) + timedelta(days=number % 900),
                        }
                    )
            initiatives = Page.objects.bulk_create(initiatives, batch_size=1000)
            _insert_specific(InitiativePage, initiatives, values)
            for number, page in enumerate(initiatives):
                for order, slug in enumerate(PILLAR_SLUGS[: 1 + number % 4]):
                    links.append(
                        InitiativePillar(
                            page_id=page.pk,
                            pillar=pillars[slug],
                            sort_order=order,
                            locale=locale,
                            translation_key=uuid.uuid4(),
                        )
                    )
                for tag in (tags[number % len(tags)], tags[(number * 3 + 1) % len(tags)]):
                    tagged.append(InitiativePageTag(content_object_id=page.pk, tag=tag))
            InitiativePillar.objects.bulk_create(links, batch_size=1000)
            InitiativePageTag.objects.bulk_create(tagged, batch_size=1000, ignore_conflicts=True)
            Page.objects.filter(pk__in=[p.pk for p in signatories]).update(numchild=PER_SIGNATORY)
            # Bulk rows send no signals: forget what the helpers above noted.
            index._keys().clear()
        print(f"  {last:>6} signatories, {last * PER_SIGNATORY:>7} initiatives", flush=True)


# --- Measuring -------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def count_queries(client: Client, url: str) -> int:
    """The SQL queries of one request (DEBUG only for it: it slows every query down)."""
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    settings.DEBUG = False
    return len(connection.queries)


def measure(client: Client, url: str, seconds: float, cache: str) -> dict:
    with override_settings(PACT_API_CACHE=cache):
        for _ in range(3):  # warm-up: imports, caches, the database's pages
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content)
        queries = count_queries(client, url)
        latencies = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline or len(latencies) < 20:
            started = time.perf_counter()
            response = client.get(url)
            latencies.append(time.perf_counter() - started)
            assert response.status_code == 200
    items = _items(response)
    return {
        "rps": len(latencies) / sum(latencies),
        "p50": _percentile(latencies, 0.50) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "queries": queries,
        "items": items,
        "bytes": len(response.content),
    }


def _items(response) -> int:
    data = response.json()
    if isinstance(data, list):
        return len(data)
    return len(data.get("results") or data.get("items") or data.get("pages") or [])


def run_size(client: Client, seconds: float) -> dict:
    results = {}
    for key, (_label, url) in ROUTES.items():
        results[key] = measure(client, url, seconds, "none" if key != "b" else "default")
    return results


def report(size: int, results: dict) -> None:
    print(f"\n{size:,} signatories, {size * PER_SIGNATORY:,} initiatives; page of {PAGE_SIZE}")
    print(f"  {'route':<34}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'items':>7}")
    for key, (label, _url) in ROUTES.items():
        r = results[key]
        print(
            f"  ({key}) {label:<29}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p95']:>9.2f}"
            f"{r['queries']:>9}{r['items']:>7}"
        )
    rps = {key: r["rps"] for key, r in results.items()}
    checks = [
        ("(a) / (c)  our API vs Wagtail v2", rps["a"] / rps["c"], 10),
        ("(a) / (v3) our API vs Wagtail v3", rps["a"] / rps["v3"], 3),
        ("(a) / (d)  our API vs the floor", rps["a"] / rps["d"], 0.5),
        ("(b) / (a)  cached vs uncached", rps["b"] / rps["a"], 5),
    ]
    print("  throughput ratios (target):")
    for label, ratio, target in checks:
        verdict = "ok" if ratio >= target else "MISSED"
        print(f"    {label:<36}{ratio:>8.2f}x  (>= {target}x) {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--signatories",
        type=int,
        nargs="+",
        default=[1000],
        help="Dataset sizes, in signatories of 10 initiatives each (default 1000).",
    )
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="Measuring time per route (default 3)."
    )
    parser.add_argument(
        "--keep", action="store_true", help="Reuse the benchmark database if it exists."
    )
    args = parser.parse_args()

    print(f"Database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not args.keep:
        _fresh_database()
    client = Client()
    by_size = {}
    for size in sorted(args.signatories):
        started = time.perf_counter()
        add_signatories(size)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        entries = index.rebuild()
        indexed = time.perf_counter() - started
        print(f"  loaded in {loaded:.1f} s; API index: {entries:,} entries in {indexed:.1f} s")
        by_size[size] = run_size(client, args.seconds)
        report(size, by_size[size])
    if len(by_size) > 1:
        sizes = sorted(by_size)
        small, large = by_size[sizes[0]]["a"], by_size[sizes[-1]]["a"]
        ratio = large["p95"] / small["p95"]
        verdict = "ok" if ratio <= 1.5 else "MISSED"
        print(
            f"\np95 of (a) at {sizes[-1]:,} / at {sizes[0]:,} signatories: {ratio:.2f}x "
            f"(<= 1.5x) {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
