"""The demo site: realistic data files, and a loader that is safe to run twice."""

import datetime
import io
import json
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import translation
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import Translation

from home.demo import children, events, images
from home.demo.builder import (
    EDITED_SIGNATORIES,
    DemoBuilder,
    demo_plan,
    read_initiatives,
    read_signatories,
)
from home.demo.compose import initiative_texts, local_name
from home.demo.plan import REFERENCE_DAY
from home.demo.profiles import signatory_texts
from home.demo.translations import load
from pact_pages.api import index
from pact_pages.core.countries import member_state_codes
from pact_pages.models import EventPage, InitiativePage, Pillar, SignatoryPage, SignatoryType
from pact_pages.pillars.models import PILLAR_SLUGS
from pact_pages.translation.translators import out_of_date_translations


class TestDemoData:
    """The data files alone (no database): as many signatories as the real campaign."""

    def test_towns_and_regions_from_many_countries(self):
        rows = read_signatories()
        territorial = [row for row in rows if row["type"] in ("town", "region")]

        assert len(territorial) >= 77
        assert len({row["country"] for row in territorial}) >= 22

    def test_every_type_of_signatory(self):
        types = Counter(row["type"] for row in read_signatories())

        assert set(types) == set(SignatoryType.values)

    def test_countries_are_member_states(self):
        countries = {row["country"] for row in read_signatories()}

        assert countries <= set(member_state_codes())

    def test_rows_are_unique_and_complete(self):
        rows = read_signatories()
        slugs = [slugify(row["name"]) for row in rows]

        assert len(slugs) == len(set(slugs))
        assert set(EDITED_SIGNATORIES.values()) <= set(slugs)
        for row in rows:
            assert row["name"] and row["signed_on"], row
            assert bool(row["latitude"]) == bool(row["longitude"]), row
            if row["latitude"]:
                assert -90 <= float(row["latitude"]) <= 90, row
                assert -180 <= float(row["longitude"]) <= 180, row

    def test_enough_initiatives(self):
        archetypes = read_initiatives()

        assert len(archetypes) >= 60
        assert sum(len(planned) for planned in demo_plan().values()) >= 180

    def test_every_p_is_used(self):
        archetypes = read_initiatives()
        used = Counter(slug for archetype in archetypes for slug in archetype["pillars"])

        assert set(used) == set(PILLAR_SLUGS)
        for archetype in archetypes:
            assert archetype["pillars"], archetype["title"]
            assert len(archetype["pillars"]) == len(set(archetype["pillars"])), archetype["title"]


def snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "signatories": SignatoryPage.objects.count(),
        "initiatives": InitiativePage.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "revisions": Revision.objects.count(),
    }


def tiny_png(name: str) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 9), "#1f6f43").save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


@pytest.fixture
def quick_pictures(monkeypatch):
    """Drawing and compressing the 60-odd full-size demo pictures takes seconds; the
    loader's bookkeeping is the same with tiny ones."""
    monkeypatch.setattr(images, "illustration", lambda *args: tiny_png(name=args[-1]))
    monkeypatch.setattr(images, "emblem", lambda *args: tiny_png(name=args[-1]))


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """The demo (limit=1) built once for the module's tests that start from it: building it
    is the slow part. Built as each of them built it (tiny pictures, quiet saves, the
    on-commit callbacks run), in a transaction the module's end rolls back; each test runs in
    a savepoint of it (pytest-django's TestCase), so it sees the demo as built, never another
    test's changes."""
    quiet = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with (
                pytest.MonkeyPatch.context() as patch,
                override_settings(WAGTAILSEARCH_BACKENDS=quiet),
                disable_reference_index_auto_update(),
                translation.override(settings.LANGUAGE_CODE),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                patch.setattr(images, "illustration", lambda *args: tiny_png(name=args[-1]))
                patch.setattr(images, "emblem", lambda *args: tiny_png(name=args[-1]))
                DemoBuilder(limit=1).build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing_the_second_time(
    built_demo, quick_pictures, quiet_saves
):
    # Strasbourg (the first row) and Catalonia (edited by a demo editor) only.
    first = snapshot()

    DemoBuilder(limit=1).build()

    assert snapshot() == first
    english = SignatoryPage.objects.filter(locale__language_code="en")
    assert sorted(english.values_list("slug", flat=True)) == ["catalonia", "strasbourg"]
    english_initiatives = InitiativePage.objects.filter(locale__language_code="en")
    plan = demo_plan()
    assert english_initiatives.count() == len(plan["strasbourg"]) + len(plan["catalonia"])
    assert len(plan["strasbourg"]) >= 2 and len(plan["catalonia"]) >= 2  # pages to edit
    assert get_user_model().objects.filter(username__in=["admin", "editor", "editor2"]).count() == 3


@pytest.mark.django_db
def test_the_api_index_matches_the_demo(built_demo):
    # The loader backdates publications with queryset updates, which send no signal; the
    # demo was built with its on-commit callbacks run (built_demo).
    assert index.differences() == 0


def editor_segments(response) -> list[dict]:
    """The segments wagtail-localize's translation editor offers (its React app's props)."""
    return json.loads(response.context["props"])["segments"]


@pytest.mark.django_db
def test_the_demo_translations_are_wagtail_localize_translations(built_demo, quiet_saves, client):
    translated_pages = Page.objects.filter(depth__gt=1).exclude(locale__language_code="en")
    translated = [*translated_pages, *Pillar.objects.exclude(locale__language_code="en")]
    assert {item.locale.language_code for item in translated} == {"fr", "de"}
    enabled = {
        (translation.source.object_id, translation.target_locale_id)
        for translation in Translation.objects.filter(enabled=True).select_related("source")
    }
    for item in translated:
        assert (item.translation_key, item.locale_id) in enabled, item

    # The French translator edits in wagtail-localize's editor, the facts locked.
    french_locale = Locale.objects.get(language_code="fr")
    english = SignatoryPage.objects.get(locale__language_code="en", slug="strasbourg")
    french = english.get_translation(french_locale)
    client.force_login(get_user_model().objects.get(username="translator"))
    response = client.get(f"/admin/pages/{french.pk}/edit/")

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    fields = {segment["location"]["field"].lower() for segment in editor_segments(response)}
    assert "introduction" in fields  # translatable
    # Neither a string to translate nor a value to override: the source's.
    for name in ("country", "signatory_type", "latitude", "longitude"):
        assert str(SignatoryPage._meta.get_field(name).verbose_name).lower() not in fields
        assert getattr(french, name) == getattr(english, name)

    # Out of date once the source has a newer publication, not before.
    assert french not in out_of_date_translations([french_locale])
    english.introduction = "Strasbourg renews its commitment."
    english.save_revision().publish()

    assert list(out_of_date_translations([french_locale])) == [french.page_ptr]


@pytest.mark.django_db
def test_loading_the_demo_again_upgrades_its_earlier_plain_copies(
    built_demo, quick_pictures, quiet_saves
):
    """Demo databases loaded before the demo made wagtail-localize translations."""
    Translation.objects.filter(target_locale__language_code="fr").delete()
    german = Translation.objects.filter(target_locale__language_code="de")
    german.update(enabled=False)  # "Stop synced translation": the translator's choice
    pages = Page.objects.count()

    DemoBuilder(limit=1).build()

    assert Page.objects.count() == pages
    french_pages = Page.objects.filter(locale__language_code="fr", depth__gt=1)
    french = Translation.objects.filter(target_locale__language_code="fr", enabled=True)
    assert french.count() == french_pages.count() + len(PILLAR_SLUGS)  # the pages, the Ps
    assert not german.filter(enabled=True).exists()


class TestDemoPlan:
    """What the demo says (no database): varied, dated consistently, grammatical."""

    @pytest.fixture(scope="class")
    @classmethod
    def texts(cls) -> dict:
        """Every initiative's and signatory's texts, by language."""
        rows = {slugify(row["name"]): row for row in read_signatories()}
        archetypes = read_initiatives()
        translated = {language: load("initiatives", language) for language in ("fr", "de")}
        result = {}
        for language in ("en", "fr", "de"):
            initiatives, signatories = [], []
            for slug, planned in demo_plan().items():
                row = rows[slug]
                focus = archetypes[planned[0].archetype]["pillars"][0] if planned else None
                signatories.append((row, signatory_texts(row, focus, language)))
                for item in planned:
                    english = archetypes[item.archetype]
                    source = english if language == "en" else translated[language][item.archetype]
                    texts = initiative_texts(english, source, item, row, language)
                    initiatives.append((row, texts))
            result[language] = {"initiatives": initiatives, "signatories": signatories}
        return result

    def test_every_archetype_is_used_about_as_often(self):
        plan = demo_plan()
        uses = Counter(item.archetype for planned in plan.values() for item in planned)

        assert len(uses) == len(read_initiatives())
        assert max(uses.values()) - min(uses.values()) <= 1
        assert max(uses.values()) <= 3  # few look-alikes in the library
        for planned in plan.values():  # no signatory does the same thing twice
            assert len({item.archetype for item in planned}) == len(planned)

    def test_signatories_publish_different_numbers_of_initiatives(self):
        counts = Counter(len(planned) for planned in demo_plan().values())

        assert set(counts) == {0, 1, 2, 3, 4}
        assert counts[2] < sum(counts.values()) / 2

    def test_dates_follow_the_signature_and_the_status(self):
        signed = {
            slugify(row["name"]): datetime.date.fromisoformat(row["signed_on"])
            for row in read_signatories()
        }
        for slug, planned in demo_plan().items():
            for item in planned:
                assert item.start > signed[slug], (slug, item)
                assert item.end is None or item.end > item.start, (slug, item)
                if item.status == "completed":
                    assert item.end <= REFERENCE_DAY, (slug, item)
                elif item.status == "ongoing":
                    assert item.start <= REFERENCE_DAY, (slug, item)
                else:
                    assert item.start > REFERENCE_DAY, (slug, item)

    @pytest.mark.parametrize("language", ["en", "fr", "de"])
    def test_every_initiative_has_its_own_summary_and_body(self, texts, language):
        initiatives = [content for _row, content in texts[language]["initiatives"]]

        assert len({content["summary"] for content in initiatives}) == len(initiatives)
        assert len({content["body"][0] for content in initiatives}) == len(initiatives)
        assert all(len(content["summary"]) <= 400 for content in initiatives)
        assert not [text for content in initiatives for text in content["body"] if "{" in text]

    @pytest.mark.parametrize("language", ["en", "fr", "de"])
    def test_titles_name_a_place_never_a_person_or_an_organisation(self, texts, language):
        for row, content in texts[language]["initiatives"]:
            title = content["title"]
            assert "{" not in title, title
            if row["type"] not in ("town", "region"):
                assert row["name"] not in title and row["contact_person"] not in title, title
            for word in ("Councillor", "Mayor", "Association", "Foundation"):
                assert word not in title, title
            assert " the the " not in f" {title.lower()} ", title  # "the Azores" in "the {place}"
            if row["type"] == "representative":
                town = row["name"].rsplit("(", 1)[1].rstrip(")")
                assert local_name(town, language) in title, title

    @pytest.mark.parametrize("language", ["en", "fr", "de"])
    def test_every_signatory_introduces_itself_in_its_own_words(self, texts, language):
        signatories = texts[language]["signatories"]
        introductions = [content["introduction"] for _row, content in signatories]
        bodies = [content["body"][0] for _row, content in signatories]

        assert len(set(introductions)) == len(signatories)
        assert len(set(bodies)) == len(signatories)
        by_type = {}
        for row, content in signatories:
            sentences = set(content["introduction"].split(". "))
            by_type[row["type"]] = by_type.get(row["type"], sentences) & sentences
        assert not any(by_type.values()), by_type  # no sentence every town (region…) shares


class TestDemoPictures:
    def test_illustrations_are_light_campaign_pictures_that_differ(self):
        first = images.illustration(["#1f6f43", "#1d5fa8"], ["schools", "training"], 1, "a.png")
        second = images.illustration(["#1f6f43", "#1d5fa8"], ["schools", "training"], 2, "b.png")
        picture = PILImage.open(first)

        assert picture.size == (1600, 900)
        assert first.size < 150_000
        assert PILImage.open(second).tobytes() != picture.tobytes()  # neighbouring cards

    @pytest.mark.parametrize("kind", list(SignatoryType.values))
    def test_emblems_are_shields_on_a_transparent_ground(self, kind):
        emblem = PILImage.open(images.emblem(kind, "lyon", "e.png"))

        assert emblem.mode == "RGBA"
        assert emblem.getpixel((2, emblem.height - 2))[3] == 0  # a corner outside the shield
        assert emblem.getpixel((emblem.width // 2, emblem.height // 2))[3] == 255


@pytest.mark.django_db
def test_the_translated_initiatives_read_in_their_language(built_demo):
    english = InitiativePage.objects.filter(locale__language_code="en")
    for language in ("fr", "de"):
        locale = Locale.objects.get(language_code=language)
        for page in english:
            translated = page.get_translation(locale)
            assert translated.title != page.title
            assert translated.summary != page.summary
            assert str(translated.body[0].value) != str(page.body[0].value)


@pytest.mark.django_db
def test_the_demo_loader_adds_the_children_versions(built_demo):
    """home/demo/children.py's versions for children (tests/test_demo_children.py), loaded."""
    english = InitiativePage.objects.filter(locale__language_code="en")
    assert english.count() < children.COUNT  # a small demo: every initiative gets one
    assert all(page.has_children_version for page in english)
    french = InitiativePage.objects.filter(locale__language_code="fr", alias_of__isnull=True)
    assert any(page.children_summary.startswith("À ") for page in french)
    # Their translations follow: none out of date.
    assert not list(out_of_date_translations(list(Locale.objects.exclude(language_code="en"))))
    assert children.HELPLINE == english.first().children_helpline


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # A year back and a year ahead: this year's and next year's; last year's is too far.
        (datetime.date(2026, 12, 6), [datetime.date(2026, 11, 18), datetime.date(2027, 11, 18)]),
        (datetime.date(2026, 6, 1), [datetime.date(2025, 11, 18), datetime.date(2026, 11, 18)]),
        # On the day itself, a year either side is still within reach.
        (
            datetime.date(2026, 11, 18),
            [datetime.date(2025, 11, 18), datetime.date(2026, 11, 18), datetime.date(2027, 11, 18)],
        ),
    ],
)
def test_each_european_day_in_the_window_once(today, expected):
    assert events.european_days(today) == expected


@pytest.mark.django_db
def test_the_demo_calendar(built_demo):
    """40 events from a year back to a year ahead, online and in person; each European Day
    (18 November) once, in French and German too."""
    today = datetime.date.today()
    english = EventPage.objects.filter(locale__language_code="en")
    assert english.count() == events.COUNT
    days = [page.local_start.date() for page in english]
    assert min(days) >= today - datetime.timedelta(days=366)
    assert max(days) <= today + datetime.timedelta(days=366)
    assert {page.attendance for page in english} >= {"online", "in_person", "hybrid"}
    european = english.filter(all_day=True)
    assert sorted(page.local_start.date() for page in european) == events.european_days(today)
    assert len({page.title for page in european}) == european.count()
    for code in ("fr", "de"):
        translated = EventPage.objects.filter(locale__language_code=code, all_day=True)
        assert translated.count() == european.count(), code
        assert all(page.title != english.first().title for page in translated)
