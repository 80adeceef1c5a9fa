"""Builds the data set of `make load` / `make faults` in the private PostgreSQL cluster.

Run by benchmarks/load.py in a process of its own, with the stack's environment (production
settings, ``DATABASE_URL`` of the private cluster, tasks run at once). Steps, each timed:
migrate and collect the static files; the demo site (home, directory, library, map, join,
newsletter and search pages; its first ``--demo`` signatories and their initiatives in
several languages, in the search index); ``--signatories`` synthetic signatories with 10
initiatives each, bulk inserted as in the API benchmark (benchmarks/api.py); the API's read
index; ANALYZE.

Prints one JSON object (timings and row counts) on its last line. With ``--targets FILE``
it builds nothing and writes the addresses the load mix requests (benchmarks/locustfile.py).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from benchmarks.api import add_signatories  # noqa: E402
from home.demo.builder import DemoBuilder  # noqa: E402
from pact_pages.api import index  # noqa: E402
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


def _timed(timings: dict[str, float], name: str, step) -> None:
    started = time.perf_counter()
    step()
    timings[name] = round(time.perf_counter() - started, 1)
    print(f"  {name}: {timings[name]} s", flush=True)


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
    # add_signatories fills up to a total: the synthetic ones come on top of the demo's.
    target = SignatoryPage.objects.count() + signatories
    _timed(timings, "synthetic", lambda: add_signatories(target))
    _timed(timings, "api_index", index.rebuild)
    with connection.cursor() as cursor:
        _timed(timings, "analyze", lambda: cursor.execute("VACUUM ANALYZE"))
    return {"signatories_added": signatories, "seconds": timings, "counts": counts()}


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
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, help="Build: synthetic signatories to add.")
    parser.add_argument("--demo", type=int, default=10, help="Demo signatories (default 10).")
    parser.add_argument("--targets", type=Path, help="Write the mix's addresses here instead.")
    args = parser.parse_args()
    if args.targets:
        args.targets.write_text(json.dumps(targets()))
        return 0
    if args.signatories is None:
        parser.error("--signatories or --targets is required")
    print(json.dumps(build(args.signatories, args.demo)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
