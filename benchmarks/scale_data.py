"""The scale benchmark's data set: signatories of ten initiatives each, with searchable text.

Rows go in bulk straight into the page tree (as benchmarks/api.py does, the way an import
would), but the text is the demo's (home/demo/data/initiatives*.json): each initiative is one
of the 63 demo stories told of its signatory's place, so common words ("children", "school",
"training") match thousands of items, a story's own words ("canteen", "barnahus") hundreds,
and a place's name (made up, one per signatory, e.g. "Orvaldin") eleven pages. Every tenth
signatory and its initiatives also exist in French (the French demo stories), under French
home, directory, library and map pages made by wagtail-localize.

Then the indexes are built with what ``pact_pages.api.index.rebuild`` writes (the API's read
index and the search index), through its bulk path for a whole rebuild
(``pact_pages.api.index_bulk``: the tables' secondary indexes created after the rows). Every
stage is timed in wall and CPU seconds (benchmarks/stage_clock.py).
"""

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page

from benchmarks import stage_clock
from benchmarks.api import _directory, _insert_specific, _page
from pact_pages.api import index, index_bulk
from pact_pages.core.countries import member_state_codes
from pact_pages.models import (
    InitiativeLibraryPage,
    InitiativePage,
    InitiativePageTag,
    InitiativePillar,
    MapPage,
    Pillar,
    SignatoryIndexPage,
    SignatoryPage,
    SignatoryType,
)

PER_SIGNATORY = 10
FRENCH_EVERY = 10  # every tenth signatory (and its initiatives) is also in French
BATCH = 500  # signatories per transaction
DEMO = Path(__file__).resolve().parent.parent / "home" / "demo" / "data"
# Syllables of the made-up place names: 24 x 24 x 24 names, each a word no story uses.
FIRST = (
    "Al Bren Cor Dal Em Fen Gar Hol Is Jor Kel Lun Mar Nor Or Pel Quin Ros Sel Tor Ul Val Wen Yr"
)
MIDDLE = "a e i o u ar en il on ur an el ir os un ad em ib ok ut ag ev in ol"
LAST = (
    "bach dorf gen holm ing ka lund mer nik ove port rin sted tal var wick zell by dal feld ham "
    "mo rup ton"
)
TYPES = [SignatoryType.TOWN, SignatoryType.REGION, SignatoryType.ASSOCIATION]


def place_name(n: int) -> str:
    """The n-th made-up place name (unique for n below 13,824)."""
    first, middle, last = FIRST.split(), MIDDLE.split(), LAST.split()
    return first[n % 24] + middle[n // 24 % 24] + last[n // 576 % 24]


def stories() -> dict[str, list[dict]]:
    return {
        lang: json.loads((DEMO / f"initiatives{suffix}.json").read_text())
        for lang, suffix in (("en", ""), ("fr", ".fr"))
    }


def _paragraphs(texts: list[str], heading: str) -> str:
    blocks = [{"type": "heading", "value": heading, "id": str(uuid.uuid4())}]
    blocks += [
        {"type": "paragraph", "value": f"<p>{t}</p>", "id": str(uuid.uuid4())} for t in texts
    ]
    return json.dumps(blocks)


def _story(story: dict, original: dict, place: str) -> dict:
    """A story's texts told of ``place``; its status from the English original."""

    def fill(text: str | None) -> str:
        return (text or "").replace("{place}", place)

    return {
        "title": fill(story["title"])[:255],
        "summary": fill(story["summary"]),
        "body": _paragraphs([fill(t) for t in story["body"]], fill(story.get("heading"))),
        "target_groups": fill(story.get("target_groups"))[:500],
        "partners": fill(story.get("partners"))[:1000],
        "results": fill(story.get("results"))[:2000],
        "status": original["status"],
    }


class Builder:
    """Adds signatories (and their initiatives) to the current database up to a total."""

    def __init__(self) -> None:
        self.english = Locale.get_default()
        self.french, _ = Locale.objects.get_or_create(language_code="fr")
        self.stories = stories()
        self.countries = member_state_codes()
        self.start = timezone.now() - timedelta(days=365 * 3)

    def sections(self) -> None:
        """The library and the map beside the directory, and their French translations."""
        home = Page.objects.get(depth=2, locale=self.english)
        _directory()
        for model, title, slug in (
            (InitiativeLibraryPage, "Initiatives", "initiatives"),
            (MapPage, "Map", "map"),
        ):
            if not model.objects.filter(locale=self.english).exists():
                home.add_child(instance=model(title=title, slug=slug))
        english = Page.objects.filter(locale=self.english, depth__in=(2, 3)).specific()
        for page in english.order_by("depth"):
            if not Page.objects.filter(
                translation_key=page.translation_key, locale=self.french
            ).exists():
                # wagtail-localize's own translation, published (as tests/test_i18n does).
                from wagtail_localize.models import TranslationSource

                source, _created = TranslationSource.update_or_create_from_instance(page)
                source.create_or_update_translation(
                    self.french, user=None, publish=True, copy_parent_pages=True, fallback=True
                )

    def add(self, count: int) -> None:
        english = SignatoryPage.objects.filter(locale=self.english)
        start = english.count()
        for first in range(start, count, BATCH):
            last = min(first + BATCH, count)
            with transaction.atomic():
                self._batch(range(first, last))
                # Bulk rows send no signals: forget what the index's helpers noted.
                index._keys().clear()
            if first == start:
                postgresql_statistics()
            print(f"    {last:>6} signatories", flush=True)

    def _batch(self, numbers: range) -> None:
        english = self._signatories(numbers, self.english, "en")
        keys = {n: page.translation_key for n, page in zip(numbers, english, strict=True)}
        story_keys: dict = {}
        self._initiatives(numbers, english, "en", story_keys)
        french = [n for n in numbers if n % FRENCH_EVERY == 0]
        if french:  # the French copies share their originals' translation keys
            copies = self._signatories(french, self.french, "fr", keys)
            self._initiatives(french, copies, "fr", story_keys)

    def _signatories(self, numbers, locale: Locale, lang: str, keys=None) -> list[Page]:
        directory = SignatoryIndexPage.objects.get(locale=locale)
        pages = []
        for k, n in enumerate(numbers):
            page = _page(
                SignatoryPage,
                directory,
                directory.numchild + 1 + k,
                place_name(n),
                f"{place_name(n).lower()}-{n}",
                self.start + timedelta(minutes=n),
                locale,
            )
            if keys:
                page.translation_key = keys[n]
            pages.append(page)
        pages = Page.objects.bulk_create(pages)
        intro = {
            "en": "{p} signed the Pact to protect children from sexual violence in its schools, "
            "sports clubs and youth services.",
            "fr": "{p} a signé le Pacte pour protéger les enfants des violences sexuelles dans "
            "ses écoles, ses clubs sportifs et ses services de jeunesse.",
        }[lang]
        _insert_specific(
            SignatoryPage,
            pages,
            [
                {
                    "official_name": f"Municipality of {place_name(n)}",
                    "signatory_type": TYPES[n % len(TYPES)],
                    "country": self.countries[n % len(self.countries)],
                    "signed_on": date(2020, 1, 1) + timedelta(days=n % 1500),
                    "latitude": Decimal("35") + Decimal(n % 3000) / 100,
                    "longitude": Decimal("-10") + Decimal(n % 5000) / 100,
                    "introduction": intro.format(p=place_name(n)),
                    "commitment_prevention": "Training for every school." if n % 2 else "",
                }
                for n in numbers
            ],
        )
        Page.objects.filter(pk=directory.pk).update(numchild=directory.numchild + len(pages))
        Page.objects.filter(pk__in=[p.pk for p in pages]).update(numchild=PER_SIGNATORY)
        return pages

    def _initiatives(self, numbers, parents: list[Page], lang: str, keys: dict) -> None:
        pillars = {
            p.slug: p
            for p in Pillar.objects.filter(locale=self.english if lang == "en" else self.french)
        }
        if not pillars:  # Ps not translated: the French pages link the English ones
            pillars = {p.slug: p for p in Pillar.objects.filter(locale=self.english)}
        pages, values, stories = [], [], []
        for n, parent in zip(numbers, parents, strict=True):
            for k in range(PER_SIGNATORY):
                number = n * PER_SIGNATORY + k
                story_index = (number * 7 + n) % len(self.stories["en"])
                story = _story(
                    self.stories[lang][story_index], self.stories["en"][story_index], place_name(n)
                )
                page = _page(
                    InitiativePage,
                    parent,
                    k + 1,
                    story["title"],
                    f"initiative-{number}",
                    self.start + timedelta(minutes=number),
                    parent.locale,
                )
                if (n, k) in keys:
                    page.translation_key = keys[(n, k)]
                keys[(n, k)] = page.translation_key
                pages.append(page)
                stories.append(self.stories["en"][story_index])
                values.append(
                    {
                        **{f: v for f, v in story.items() if f != "title"},
                        "start_date": date(2021, 1, 1) + timedelta(days=number % 900),
                    }
                )
        pages = Page.objects.bulk_create(pages, batch_size=1000)
        _insert_specific(InitiativePage, pages, values)
        self._links(pages, stories, pillars)

    def _links(self, pages: list[Page], stories: list[dict], pillars: dict) -> None:
        links, tagged = [], []
        for page, story in zip(pages, stories, strict=True):
            for order, slug in enumerate(story["pillars"]):
                links.append(
                    InitiativePillar(
                        page_id=page.pk,
                        pillar=pillars[slug],
                        sort_order=order,
                        locale=page.locale,
                        translation_key=uuid.uuid4(),
                    )
                )
            for name in story["tags"]:
                tagged.append(InitiativePageTag(content_object_id=page.pk, tag=self._tag(name)))
        InitiativePillar.objects.bulk_create(links, batch_size=1000)
        InitiativePageTag.objects.bulk_create(tagged, batch_size=1000, ignore_conflicts=True)

    def _tag(self, name: str) -> Tag:
        cache = self.__dict__.setdefault("_tags", {})
        if name not in cache:
            slug = name.replace(" ", "-").replace("'", "")
            cache[name] = Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        return cache[name]


def postgresql_statistics() -> None:
    """ANALYZE on PostgreSQL, for the plans of the rows still to come. A server process keeps
    the plans of the foreign keys' checks: planned while the page table held a few rows,
    each check read the whole table (in `make load`'s build, 2 billion rows and 200 s of
    the server's CPU for 100,000 pages), until statistics make it plan again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build(signatories: int, indexes: bool = True, migrate: bool = True) -> dict:
    """Migrates, adds what is missing up to ``signatories``, rebuilds the indexes (always
    when pages were added); every stage timed, in wall and CPU seconds."""
    stages: dict[str, float] = {}
    cpu: dict[str, dict[str, float]] = {}

    def timed(name: str, step) -> object:
        return stage_clock.timed(stages, name, step, cpu)

    if migrate:
        timed("migrate", lambda: call_command("migrate", verbosity=0, interactive=False))
    builder = Builder()
    timed("sections", builder.sections)
    before = SignatoryPage.objects.count()
    timed("pages", lambda: builder.add(signatories))
    entries = None
    if indexes or SignatoryPage.objects.count() != before:
        # The rebuild reads the pages in batches (IN lists of 500 ids): planned with the
        # statistics of empty tables, PostgreSQL read whole tables for them.
        timed("statistics", postgresql_statistics)
        # Every entry is written anew: the bulk path (the same rows as index.rebuild).
        entries = timed("indexes", index_bulk.rebuild_all)
        # Fresh statistics for the planners; only after a change (on SQLite, ANALYZE reads
        # the title indexes through the plugin's Python collations). PostgreSQL vacuums too,
        # as docs/search.md asks after a bulk load (autovacuum would, later): without the
        # visibility map an index-only scan reads every row it counts. Not in a transaction
        # (tests/test_benchmarks.py builds in its test's), where PostgreSQL refuses VACUUM.
        vacuums = connection.vendor == "postgresql" and not connection.in_atomic_block
        statement = "VACUUM ANALYZE" if vacuums else "ANALYZE"
        with connection.cursor() as cursor:
            timed("analyze", lambda: cursor.execute(statement))
    return {"stages": stages, "cpu": cpu, "index_entries": entries, "counts": counts()}


def counts() -> dict[str, int]:
    return {
        "signatories": SignatoryPage.objects.count(),
        "initiatives": InitiativePage.objects.count(),
        "english initiatives": InitiativePage.objects.filter(locale=Locale.get_default()).count(),
    }
