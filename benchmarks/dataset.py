"""Builds the data set of `make load` / `make faults` in the private PostgreSQL cluster.

Run by benchmarks/load.py in a process of its own, with the stack's environment (production
settings, ``DATABASE_URL`` of the private cluster, tasks run at once). Steps, each timed:
migrate and collect the static files; the demo site (home, directory, library, map, join,
newsletter and search pages; its first ``--demo`` signatories and their initiatives in
several languages); ``--signatories`` synthetic signatories with 10 initiatives each, bulk
inserted as in the API benchmark (benchmarks/api.py), then given the demo's initiative texts
(``vary_texts``); the read index (the API's and the site search's: every page searchable);
ANALYZE.

Prints one JSON object (timings and row counts) on its last line. With ``--targets FILE``
it builds nothing and writes the addresses the load mix requests (benchmarks/locustfile.py);
with ``--refresh`` it brings a data set kept from an older build up to date (texts,
migrations, the read index, ANALYZE) without building it again.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load_settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from benchmarks import stage_clock  # noqa: E402
from benchmarks.api import add_signatories  # noqa: E402
from benchmarks.scale_data import postgresql_statistics  # noqa: E402
from home.demo.builder import DemoBuilder  # noqa: E402
from home.demo.sources import read_initiatives  # noqa: E402
from pact_pages.api import index_bulk  # noqa: E402
from pact_pages.api.models import ApiIndexEntry  # noqa: E402
from pact_pages.models import (  # noqa: E402
    InitiativeLibraryPage,
    InitiativePage,
    JoinPage,
    MapPage,
    NewsletterPage,
    SignatoryIndexPage,
    SignatoryPage,
)
from pact_pages.pillars.models import PILLAR_SLUGS  # noqa: E402

# The synthetic initiatives' slugs (benchmarks/api.py): "initiative-" and a six-digit number,
# ten a signatory; signatory n is "Town {n:05d}" and owns the numbers 10 n to 10 n + 9.
SYNTHETIC_SLUG = r"^initiative-[0-9]{6}$"


# CPU seconds of each stage (this process's, the PostgreSQL server process's), printed with it
# and returned as "cpu_seconds": the wall times of a shared machine say little.
CPU: dict[str, dict[str, float]] = {}


def _timed(timings: dict[str, float], name: str, step) -> None:
    stage_clock.timed(timings, name, step, CPU)


def counts() -> dict[str, int]:
    default = Locale.get_default()
    return {
        "signatories": SignatoryPage.objects.filter(locale=default).count(),
        "initiatives": InitiativePage.objects.filter(locale=default).count(),
        "pages": SignatoryPage.objects.count() + InitiativePage.objects.count(),
    }


def build(signatories: int, demo: int) -> dict:
    timings: dict[str, float] = {}
    _timed(timings, "migrate", lambda: call_command("migrate", verbosity=0, interactive=False))
    _timed(
        timings,
        "collectstatic",
        lambda: call_command("collectstatic", verbosity=0, interactive=False),
    )
    # The demo's first signatories with their translations: its page types, languages and
    # search index; the whole demo (134 signatories in 5 languages) takes far longer to build.
    _timed(timings, "demo", lambda: DemoBuilder(limit=demo).build())
    # add_signatories fills up to a total: the synthetic ones come on top of the demo's. The
    # server plans its foreign key checks again with the statistics of the demo, and of the
    # first thousand (see postgresql_statistics): without, each check read the page table.
    target = SignatoryPage.objects.count() + signatories
    _timed(timings, "synthetic", lambda: _synthetic(target))
    return {
        "signatories_added": signatories,
        "seconds": refresh(timings),
        "cpu_seconds": CPU,
        "counts": counts(),
    }


def _synthetic(target: int) -> None:
    postgresql_statistics()
    add_signatories(min(target, SignatoryPage.objects.count() + 1000))
    postgresql_statistics()
    add_signatories(target)


def refresh(timings: dict[str, float]) -> dict[str, float]:
    """The steps after the bulk insert: the synthetic initiatives' texts, the read index (the
    API's and the site search's, written anew as ``index.rebuild`` writes them, by its bulk
    path ``index_bulk.rebuild_all``), ANALYZE."""
    _timed(timings, "texts", vary_texts)
    _timed(timings, "statistics", postgresql_statistics)  # for the rebuild's batch queries
    _timed(timings, "api_index", index_bulk.rebuild_all)
    _analyze(timings)
    return timings


def refresh_kept(timings: dict[str, float]) -> dict[str, float]:
    """The same on a data set kept from an older build, which may lack recent migrations.

    The index is emptied before ``migrate``: after it, ``index.rebuild_if_empty`` builds it
    once with every table a new migration added (a search index) and the new texts; it is
    built here only when migrate did not.
    """
    _timed(timings, "texts", vary_texts)
    _timed(timings, "empty_index", index_bulk.empty)
    _timed(timings, "migrate_index", lambda: call_command("migrate", verbosity=0))
    if not ApiIndexEntry.objects.exists():
        _timed(timings, "api_index", index_bulk.rebuild_all)
    _analyze(timings)
    return timings


def _analyze(timings: dict[str, float]) -> None:
    with connection.cursor() as cursor:
        _timed(timings, "analyze", lambda: cursor.execute("VACUUM ANALYZE"))


def vary_texts() -> None:
    """Gives each synthetic initiative the title and summary of one of the demo's 63
    archetypes, placed in its town ("Barnahus child house in Town 00042").

    A reader's search words then match the synthetic pages the way they match a real
    library (a topic word finds a share of the 100,000 initiatives, a town's name its own
    ten), where the bulk insert wrote one sentence for all of them. Idempotent; PostgreSQL.
    """
    archetypes = [(n, a["title"], a["summary"]) for n, a in enumerate(read_initiatives())]
    initiative_type = ContentType.objects.get_for_model(InitiativePage).pk
    page, specific = Page._meta.db_table, InitiativePage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE load_archetype (n int PRIMARY KEY, title text, summary text)"
        )
        cursor.executemany("INSERT INTO load_archetype VALUES (%s, %s, %s)", archetypes)
        # A town's ten initiatives take ten different archetypes (k * 6 mod 63 differ for k < 10).
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE load_text AS
            SELECT p.id, replace(a.title, '{{place}}', t.place) AS title,
                   replace(a.summary, '{{place}}', t.place) AS summary
            FROM {page} p
            CROSS JOIN LATERAL (SELECT substring(p.slug FROM 12)::int AS number) s
            CROSS JOIN LATERAL (
                SELECT 'Town ' || lpad((s.number / 10)::text, 5, '0') AS place,
                       ((s.number / 10) * 13 + (s.number %% 10) * 6) %% %s AS k
            ) t
            JOIN load_archetype a ON a.n = t.k
            WHERE p.content_type_id = %s AND p.slug ~ %s
            """,
            [len(archetypes), initiative_type, SYNTHETIC_SLUG],
        )
        cursor.execute(
            f"UPDATE {page} p SET title = l.title, draft_title = l.title "
            "FROM load_text l WHERE p.id = l.id"
        )
        cursor.execute(
            f"UPDATE {specific} i SET summary = l.summary FROM load_text l "
            "WHERE i.page_ptr_id = l.id"
        )
        cursor.execute("DROP TABLE load_text, load_archetype")


def _sample(model, size: int) -> list:
    # Random pages of every language: the demo's translations and the synthetic pages.
    return list(model.objects.live().order_by("?")[:size])


def targets(size: int = 2000) -> dict:
    """Real addresses and ids for the load mix, sampled from the data set."""
    default = Locale.get_default()

    def first_url(model) -> str:
        return model.objects.live().filter(locale=default).order_by("path").first().url

    initiatives = _sample(InitiativePage, size)
    signatories = _sample(SignatoryPage, size // 2)
    used_tags = InitiativePage.tags.through.objects.values_list("tag__slug", flat=True)
    return {
        "directory": first_url(SignatoryIndexPage),
        "library": first_url(InitiativeLibraryPage),
        "map": first_url(MapPage),
        "join": first_url(JoinPage),
        "newsletter": first_url(NewsletterPage),
        "initiatives": [page.url for page in initiatives],
        "initiative_ids": [page.pk for page in initiatives],
        "signatories": [page.url for page in signatories],
        "signatory_ids": [page.pk for page in signatories],
        "countries": sorted(
            set(SignatoryPage.objects.live().values_list("country", flat=True).distinct())
        ),
        "pillars": list(PILLAR_SLUGS),
        "tags": sorted(set(used_tags.distinct())),
        # Names readers search for: the sampled signatories' (synthetic towns and the demo's).
        "places": sorted({page.title for page in signatories}),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, help="Build: synthetic signatories to add.")
    parser.add_argument("--demo", type=int, default=10, help="Demo signatories (default 10).")
    parser.add_argument("--targets", type=Path, help="Write the mix's addresses here instead.")
    parser.add_argument(
        "--refresh", action="store_true", help="Migrate, then texts, indexes and ANALYZE only."
    )
    args = parser.parse_args()
    if args.targets:
        args.targets.write_text(json.dumps(targets()))
        return 0
    if args.refresh:
        seconds = refresh_kept({})
        print(json.dumps({"seconds": seconds, "cpu_seconds": CPU, "counts": counts()}))
        return 0
    if args.signatories is None:
        parser.error("--signatories or --targets is required")
    print(json.dumps(build(args.signatories, args.demo)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
