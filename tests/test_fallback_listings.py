"""A page shown in the source language under /fr/ (not translated yet) lists the French
versions of what it lists; a French initiative stays online under its signatory's French
translation while that translation is a draft awaiting moderation."""

import pytest
from django.test import Client
from wagtail.models import Page

from pact_pages.translation.publish import save_draft
from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


def _in_french(page: Page) -> str:
    return "/fr/" + page.url[len("/en/") :]


def test_an_untranslated_directory_lists_the_french_signatories(
    home_page, directory, fr_locale, django_capture_on_commit_callbacks
):
    translate(home_page, fr_locale, {}, django_capture_on_commit_callbacks)
    lyon = SignatoryPageFactory(parent=directory, title="Lyon")
    SignatoryPageFactory(parent=directory, title="Nantes")
    translate(lyon, fr_locale, {"Lyon": "Lyon (FR)"}, django_capture_on_commit_callbacks)
    assert (
        not directory.has_translation(fr_locale) or directory.get_translation(fr_locale).alias_of_id
    )

    html = Client().get(_in_french(directory)).content.decode()

    assert 'class="fallback-note"' in html
    assert "Lyon (FR)" in html and "Nantes" in html


def test_a_french_initiative_stays_online_while_its_signatory_is_translated(
    directory, fr_locale, django_capture_on_commit_callbacks, library
):
    capture = django_capture_on_commit_callbacks
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
    clubs = InitiativePageFactory(parent=lyon, title="Safe clubs", slug="clubs")
    french_clubs = translate(clubs, fr_locale, {"Safe clubs": "Clubs sûrs"}, capture)
    alias = lyon.get_translation(fr_locale)
    assert alias.alias_of_id == lyon.pk and french_clubs.live

    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(lyon)
    translation = Translation.objects.create(source=source, target_locale=fr_locale)
    with capture(execute=True):
        save_draft(translation, None)  # the translator's draft of the signatory
    alias.refresh_from_db()
    assert not alias.live and alias.alias_of_id is None

    reader = Client()
    signatory_page = reader.get(_in_french(lyon))
    assert signatory_page.status_code == 200 and 'class="fallback-note"' in (
        signatory_page.content.decode()
    )
    french = reader.get(french_clubs.url)
    assert french.status_code == 200, french.status_code
    assert "Clubs sûrs" in french.content.decode()
    assert "Clubs sûrs" in reader.get(_in_french(library)).content.decode()
    assert "Clubs sûrs" in reader.get(_in_french(lyon)).content.decode()
