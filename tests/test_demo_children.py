"""The demo's versions for children (home/demo/children.py): 30 initiatives, some in French,
written to the editor's readability target."""

import pytest
from wagtail.models import Collection, Locale

from home.demo.children import COUNT, IN_FRENCH, TEXTS, build_children_versions
from pact_pages.initiatives.readability import assess
from pact_pages.models import InitiativePage
from pact_pages.translation.translators import out_of_date_translations
from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.test_demo import quick_pictures  # noqa: F401 (a fixture)
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_texts_are_easy_to_read(language):
    for summary, meaning in TEXTS[language].values():
        text = f"{summary.format(place='Strasbourg')}\n\n{meaning}"
        result = assess(text, language)
        assert result.meets_target, (language, result.score, summary)


def test_thirty_initiatives_ten_in_french(
    quick_pictures,  # noqa: F811
    quiet_saves,
    directory,
    fr_locale,
    django_capture_on_commit_callbacks,
):
    english = []
    for number in range(4):
        town = SignatoryPageFactory(parent=directory, title=f"Town {number}")
        english += [
            InitiativePageFactory(parent=town, title=f"Story {number}-{n}") for n in range(9)
        ]
    for page in english[:12]:
        translate(page, fr_locale, {}, django_capture_on_commit_callbacks)
    collection = Collection.get_first_root_node()

    assert build_children_versions(collection) == COUNT
    assert build_children_versions(collection) == COUNT  # again: nothing more

    with_version = InitiativePage.objects.filter(locale__language_code="en").exclude(
        children_summary=""
    )
    assert with_version.count() == COUNT
    french = InitiativePage.objects.filter(locale=fr_locale).exclude(children_summary="")
    assert french.count() == IN_FRENCH
    for page in french:
        assert page.children_summary.startswith("À ")
        assert page.children_helpline == "116 111"
        assert (
            page.children_image_id == page.get_translation(Locale.get_default()).children_image_id
        )
    assert not list(out_of_date_translations([fr_locale]))


# The demo loader adds them: tests/test_demo.py (test_the_demo_loader_adds_the_children_versions),
# on the demo that module builds once for its tests.
