"""The translators' work list and dashboard at scale, as a French translator, at two sizes.

How to run it (from the project root, with the virtualenv; no Makefile target):

    .venv/bin/python benchmarks/translation_work.py                # 1,000 and 10,000 signatories
    .venv/bin/python benchmarks/translation_work.py --signatories 500 5000 --seconds 3
    createdb -h 127.0.0.1 -U postgres <yours>        # PostgreSQL: a new, empty database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<yours> \\
        .venv/bin/python benchmarks/translation_work.py

(On PostgreSQL the rebuild is ``flush`` + ``migrate``: a flushed database has lost the home
page its migrations made, so drop and create the database again before each run.)

The data is benchmarks/api.py's synthetic set (signatories of ten initiatives each, bulk
inserted), in a database of its own (``benchmarks/translation_work.sqlite3``, rebuilt each
run; ``--keep`` reuses it, or ``DATABASE_URL``). On top of it: the French home and directory
translated through wagtail-localize (as in tests/test_translation_work.py), the translator
groups, a French translator, and French translations of every tenth signatory with its
initiatives (bulk inserted, with their wagtail-localize sources), so that the translated share
stays 10% at every size: of those, one in seven is out of date (its source published after
the translation's last sync) and one in eleven is a draft (in progress).

Each address is rendered through Django's full stack with the test client, logged in as the
translator; the addresses are measured in interleaved rounds (every address for a slice of
time, again and again) so that a noisy neighbour weighs on all of them alike. Printed: p50,
p95, queries of one request, the ratio of p95 at the large size to the small one, and the
plan of the "to translate" query (page 3) and of its count (SQLite: EXPLAIN QUERY PLAN;
PostgreSQL: EXPLAIN ANALYZE) with the time of each.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'translation_work.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail_localize.models import TranslatableObject, TranslationSource  # noqa: E402

from benchmarks import api as data  # noqa: E402
from pact_pages.models import (  # noqa: E402
    InitiativePage,
    LocaleTranslators,
    SignatoryIndexPage,
    SignatoryPage,
)
from pact_pages.translation import worklist  # noqa: E402
from pact_pages.translation.rules import without_hidden_pages  # noqa: E402
from pact_pages.translation.translators import setup_translator_groups  # noqa: E402
from pact_pages.translation.views import TABS  # noqa: E402

# benchmarks/settings.py defines no "api" cache, which the site's settings now name: the
# API's response cache lives in the default one here (no API request is measured).
settings.PACT_API_CACHE = "default"

WORK = "/admin/pact/translations/?locale=fr"
ROUTES = {
    "to translate": f"{WORK}&tab=missing",
    "to translate p3": f"{WORK}&tab=missing&p=3",
    "out of date": f"{WORK}&tab=outdated",
    "out of date p3": f"{WORK}&tab=outdated&p=3",
    "in progress": f"{WORK}&tab=progress",
    "in progress p3": f"{WORK}&tab=progress&p=3",
    "filtered": f"{WORK}&tab=missing&kind=initiative&q=77",
    "dashboard": "/admin/",
}
PAGED = tuple(name for name in ROUTES if name.endswith("p3"))
TRANSLATED_EVERY = 10  # every tenth signatory (and its initiatives) has a French translation
OUT_OF_DATE_EVERY = 7
DRAFT_EVERY = 11


# --- Data ------------------------------------------------------------------------------------


def _translate_with_localize(page: Page, locale: Locale) -> None:
    """As tests/test_i18n.translate: wagtail-localize's own translation, published."""
    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    source.create_or_update_translation(
        locale, user=None, publish=True, copy_parent_pages=True, fallback=True
    )


def french_team(french: Locale) -> Client:
    """The French home and directory, the translator groups and a logged-in translator."""
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    directory = SignatoryIndexPage.objects.get(locale=Locale.get_default())
    for page in (home, directory):
        if not Page.objects.filter(translation_key=page.translation_key, locale=french).exists():
            _translate_with_localize(page, french)
    setup_translator_groups()
    user, _created = get_user_model().objects.get_or_create(
        username="traductrice", defaults={"email": "t@example.org"}
    )
    user.groups.add(LocaleTranslators.objects.get(locale=french).group)
    client = Client()
    client.force_login(user)
    return client


def _copy(page: Page, parent: Page, position: int, number: int, french: Locale) -> Page:
    when = page.last_published_at
    copy = data._page(
        page.specific_class, parent, position, f"{page.title} (FR)", page.slug, when, french
    )
    copy.translation_key = page.translation_key
    if number % DRAFT_EVERY == 0:  # begun, not published yet
        copy.live, copy.has_unpublished_changes = False, True
        copy.first_published_at = copy.last_published_at = None
    return copy


def _specific_values(model, pages: list[Page]) -> list[dict]:
    rows = {row.pk: row for row in model.objects.filter(pk__in=[p.pk for p in pages])}
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    return [{f.attname: getattr(rows[p.pk], f.attname) for f in fields} for p in pages]


def _sources(pages: list[Page], numbers: list[int], english: Locale) -> None:
    """wagtail-localize's records of the sources, synced after (or, one in seven, before) the
    source's last publication."""
    base = ContentType.objects.get_for_model(Page)
    TranslatableObject.objects.bulk_create(
        [TranslatableObject(translation_key=p.translation_key, content_type=base) for p in pages],
        ignore_conflicts=True,
    )
    sources = []
    for page, number in zip(pages, numbers, strict=True):
        stale = number % OUT_OF_DATE_EVERY == 0
        synced = page.last_published_at + timedelta(days=-1 if stale else 1)
        sources.append(
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type=ContentType.objects.get_for_model(page.specific_class),
                locale=english,
                object_repr=page.title,
                content_json="{}",
                last_updated_at=synced,
            )
        )
    TranslationSource.objects.bulk_create(sources, batch_size=1000)


def _translate_signatory(signatory: Page, parent: Page, position: int, french: Locale) -> int:
    """The French copy of ``signatory`` and its initiatives; returns the pages added."""
    english = Locale.get_default()
    number = signatory.pk
    french_signatory = Page.objects.bulk_create(
        [_copy(signatory, parent, position, number, french)]
    )
    data._insert_specific(
        SignatoryPage, french_signatory, _specific_values(SignatoryPage, [signatory])
    )
    initiatives = list(Page.objects.child_of(signatory).order_by("path"))
    copies = [_copy(p, french_signatory[0], k + 1, p.pk, french) for k, p in enumerate(initiatives)]
    copies = Page.objects.bulk_create(copies)
    data._insert_specific(InitiativePage, copies, _specific_values(InitiativePage, initiatives))
    Page.objects.filter(pk=french_signatory[0].pk).update(numchild=len(copies))
    _sources([signatory, *initiatives], [number, *(p.pk for p in initiatives)], english)
    return 1 + len(copies)


def add_french_translations(french: Locale) -> int:
    """French copies of every TRANSLATED_EVERY-th signatory not translated yet."""
    english = Locale.get_default()
    parent = SignatoryIndexPage.objects.get(locale=french)
    done = Page.objects.filter(locale=french).values("translation_key")
    signatories = list(
        SignatoryPage.objects.filter(locale=english).order_by("path").values_list("pk", flat=True)
    )
    wanted = signatories[::TRANSLATED_EVERY]
    todo = Page.objects.filter(pk__in=wanted).exclude(translation_key__in=done).order_by("path")
    added = 0
    with transaction.atomic():
        for signatory in todo:
            parent.refresh_from_db()
            added += _translate_signatory(signatory, parent, parent.numchild + 1, french)
            Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return added


def build(size: int, french: Locale) -> Client:
    started = time.perf_counter()
    # add_signatories counts every SignatoryPage: the French copies are on top of ``size``.
    french_copies = SignatoryPage.objects.filter(locale=french).count()
    data.add_signatories(size + french_copies)
    client = french_team(french)
    added = add_french_translations(french)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics for the planner, on both databases
    print(
        f"  {size:,} signatories ready in {time.perf_counter() - started:.0f} s "
        f"({added:,} French pages added, {Page.objects.filter(locale=french).count():,} in all)"
    )
    return client


# --- Measuring -------------------------------------------------------------------------------


def measure(client: Client, seconds: float, rounds: int) -> dict:
    latencies: dict[str, list[float]] = {name: [] for name in ROUTES}
    queries = {}
    for name, url in ROUTES.items():
        for _ in range(2):  # warm-up: templates, the database's pages
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queries[name] = data.count_queries(client, url)
    for _ in range(rounds):
        for name, url in ROUTES.items():
            deadline = time.perf_counter() + seconds / rounds
            while time.perf_counter() < deadline or len(latencies[name]) < 5:
                started = time.perf_counter()
                client.get(url)
                latencies[name].append(time.perf_counter() - started)
    return {
        name: {
            "p50": data._percentile(values, 0.5) * 1000,
            "p95": data._percentile(values, 0.95) * 1000,
            "queries": queries[name],
            "n": len(values),
        }
        for name, values in latencies.items()
    }


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def explain(french: Locale) -> None:
    """The plan of the "to translate" tab's page 3 and of its count, as the view runs them."""
    user = get_user_model().objects.get(username="traductrice")
    pages = without_hidden_pages(user, worklist.to_translate(french))
    page3 = pages[50:75]
    sql, params = pages.order_by().values("pk").query.sql_with_params()
    count_sql = f"SELECT COUNT(*) FROM ({sql}) subquery"
    if connection.vendor == "postgresql":
        print("  rows (page 3):\n" + page3.explain(analyze=True))
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ANALYZE {count_sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    else:
        print("  rows (page 3):\n" + page3.explain())
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {count_sql}", params)
            plan = "\n".join(" ".join(str(c) for c in row[1:]) for row in cursor.fetchall())
    print("  count:\n" + plan)
    rows_ms = min(_timed(lambda: list(page3.all())) for _ in range(3))
    count_ms = min(_timed(pages.count) for _ in range(3))
    print(f"  page 3 rows: {rows_ms:.1f} ms; count ({pages.count():,}): {count_ms:.1f} ms")
    tabs = {
        key: without_hidden_pages(user, build(french)).count() for key, (_l, build) in TABS.items()
    }
    print(f"  rows per tab: {tabs}")


def report(size: int, results: dict) -> None:
    print(f"\n{size:,} signatories, {size * data.PER_SIGNATORY:,} initiatives")
    print(f"  {'address':<18}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'n':>6}")
    for name, r in results.items():
        print(f"  {name:<18}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['queries']:>9}{r['n']:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatories", type=int, nargs=2, default=[1000, 10000])
    parser.add_argument("--seconds", type=float, default=3.0, help="Per address (default 3).")
    parser.add_argument("--rounds", type=int, default=3, help="Interleaved rounds (default 3).")
    parser.add_argument("--keep", action="store_true", help="Reuse the database if it exists.")
    args = parser.parse_args()
    print(f"Database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not args.keep:
        data._fresh_database()
    french = Locale.objects.get_or_create(language_code="fr")[0]
    small, large = sorted(args.signatories)
    by_size = {}
    for size in (small, large):
        client = build(size, french)
        by_size[size] = measure(client, args.seconds, args.rounds)
        report(size, by_size[size])
        explain(french)
    print(f"\np95 at {large:,} / p95 at {small:,} signatories (paged tabs: target <= 1.5x)")
    for name in ROUTES:
        ratio = by_size[large][name]["p95"] / by_size[small][name]["p95"]
        verdict = ("ok" if ratio <= 1.5 else "MISSED") if name in PAGED else ""
        print(f"  {name:<18}{ratio:>8.2f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
