"""The demo site: realistic data files, and a loader that is safe to run twice."""

import io
import json
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from home.demo import images
from home.demo.builder import (
    EDITED_SIGNATORIES,
    INITIATIVES_PER_SIGNATORY,
    DemoBuilder,
    read_initiatives,
    read_signatories,
)
from pact_pages.api import index
from pact_pages.core.countries import member_state_codes
from pact_pages.models import InitiativePage, Pillar, SignatoryPage, SignatoryType
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
        assert len(read_signatories()) * INITIATIVES_PER_SIGNATORY >= 150

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
    monkeypatch.setattr(images, "banner", lambda text, colour, name: tiny_png(name=name))
    monkeypatch.setattr(images, "emblem", lambda initials, colour, name: tiny_png(name=name))


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing_the_second_time(quick_pictures, quiet_saves):
    # Strasbourg (the first row) and Catalonia (edited by a demo editor) only.
    DemoBuilder(limit=1).build()
    first = snapshot()

    DemoBuilder(limit=1).build()

    assert snapshot() == first
    english = SignatoryPage.objects.filter(locale__language_code="en")
    assert sorted(english.values_list("slug", flat=True)) == ["catalonia", "strasbourg"]
    english_initiatives = InitiativePage.objects.filter(locale__language_code="en")
    assert english_initiatives.count() == 2 * INITIATIVES_PER_SIGNATORY
    assert get_user_model().objects.filter(username__in=["admin", "editor", "editor2"]).count() == 3


@pytest.mark.django_db
def test_the_api_index_matches_the_demo(
    quick_pictures, quiet_saves, django_capture_on_commit_callbacks
):
    # The loader backdates publications with queryset updates, which send no signal.
    with django_capture_on_commit_callbacks(execute=True):
        DemoBuilder(limit=1).build()

    assert index.differences() == 0


def editor_segments(response) -> list[dict]:
    """The segments wagtail-localize's translation editor offers (its React app's props)."""
    return json.loads(response.context["props"])["segments"]


@pytest.mark.django_db
def test_the_demo_translations_are_wagtail_localize_translations(
    quick_pictures, quiet_saves, client
):
    # One build for the three checks: building the demo is the slow part.
    DemoBuilder(limit=1).build()

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
def test_loading_the_demo_again_upgrades_its_earlier_plain_copies(quick_pictures, quiet_saves):
    """Demo databases loaded before the demo made wagtail-localize translations."""
    DemoBuilder(limit=1).build()
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


def test_every_archetype_is_used_about_as_often():
    from collections import Counter

    from home.demo.builder import archetype_index, read_initiatives, read_signatories

    archetypes = len(read_initiatives())
    uses = Counter(
        archetype_index(number, offset, archetypes)
        for number in range(len(read_signatories()))
        for offset in range(INITIATIVES_PER_SIGNATORY)
    )
    assert len(uses) == archetypes
    assert max(uses.values()) - min(uses.values()) <= 1
