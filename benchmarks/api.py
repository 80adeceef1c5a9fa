"""Synthetic data shared by the benchmarks: signatories of ten initiatives each, bulk inserted.

``add_signatories`` puts rows straight into the page tree (the way a data import would), so
no published signal is sent: a caller builds the API's read index afterwards
(``pact_pages.api.index.rebuild``, which writes the plugin's search index with it).
benchmarks/scale_data.py (the scale benchmark's data), dataset.py and translation_work.py
build on these helpers.

This module was the API benchmark (our API, cached and not, Wagtail API v2 and v3, a floor,
one size after the other); `make bench` (benchmarks/scale.py) measures those routes now, at
two sizes in one interleaved run.
"""

import os
import sys
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
from django.test import Client  # noqa: E402
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
TAGS = ["schools", "sport", "online", "training", "helpline", "police", "youth", "parents"]


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


# --- Measuring (benchmarks/translation_work.py) -----------------------------------------


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
