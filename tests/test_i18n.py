"""Multilingual behaviour: wagtail-localize sync, localized listings, fallback, switcher."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from pact_pages.core.languages import all_codes, content_languages
from pact_pages.models import Pillar, SignatoryPage
from tests.factories import InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db


def translate(instance, locale, strings: dict[str, str], capture):
    """Translates through wagtail-localize as its editor does, then publishes."""
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": strings[segment.string.data], "translation_type": "manual"},
            )
    with capture(execute=True):
        source.create_or_update_translation(
            locale, user=None, publish=True, copy_parent_pages=True, fallback=True
        )
    return instance.get_translation(locale)


@pytest.fixture
def french_pillars(fr_locale, django_capture_on_commit_callbacks):
    names = {"Prevention": "Prévention", "Participation": "Participation des enfants"}
    for pillar in Pillar.objects.filter(locale=Locale.get_default()):
        translate(pillar, fr_locale, names, django_capture_on_commit_callbacks)


class TestLanguages:
    def test_the_council_of_europe_languages(self):
        codes = all_codes()
        assert codes[:5] == ["en", "fr", "de", "it", "ru"]
        assert {"hy", "ka", "el", "uk", "sr-latn", "mt", "rm"} <= set(codes)
        assert len(codes) == len(set(codes))

    def test_a_typo_in_the_setting_fails_fast(self):
        with pytest.raises(ValueError, match="xx"):
            content_languages("en,fr,xx")

    def test_the_reference_site_languages(self, settings):
        assert {"en", "fr", "de", "it", "ru", "es", "pt", "nl", "pl", "uk", "tr", "el"} <= {
            code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        }


class TestTranslationSync:
    def test_synchronised_fields_follow_the_source(
        self, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        page = SignatoryPageFactory(parent=directory, introduction="A safe town.")
        french = translate(page, fr_locale, {"A safe town.": "Une ville sûre."}, capture)
        assert (french.introduction, french.country) == ("Une ville sûre.", "FR")

        page.country, page.latitude, page.population = "BE", "50.850000", 1200
        page.introduction = "A safe town."
        page.save_revision().publish()
        french = translate(page, fr_locale, {}, capture)

        french.refresh_from_db()
        assert (french.country, str(french.latitude), french.population) == (
            "BE",
            "50.850000",
            1200,
        )
        assert french.introduction == "Une ville sûre."  # the translation is kept

    def test_the_ps_of_a_translated_initiative_are_the_french_ps(
        self, directory, fr_locale, french_pillars, django_capture_on_commit_callbacks
    ):
        signatory = SignatoryPageFactory(parent=directory)
        initiative = InitiativePageFactory(parent=signatory, pillars=("prevention",))

        french = translate(initiative, fr_locale, {}, django_capture_on_commit_callbacks)

        link = french.pillar_links.get()
        assert link.pillar.locale == fr_locale
        assert link.pillar.name == "Prévention"

    def test_country_is_not_offered_for_translation(self, directory):
        page = SignatoryPageFactory(parent=directory, country="FR")
        source, _ = TranslationSource.update_or_create_from_instance(page)
        paths = set(
            StringSegment.objects.filter(source=source).values_list("context__path", flat=True)
        )
        assert "introduction" in paths
        assert not paths & {"country", "signatory_type", "official_name", "contact_email"}


class TestReaders:
    def test_listings_show_each_item_once_in_the_readers_language(
        self, client, directory, library, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
        nice = SignatoryPageFactory(parent=directory, title="Nice", slug="nice")
        translate(lyon, fr_locale, {"Lyon signed the Pact.": "Lyon a signé le Pacte."}, capture)
        translate(library, fr_locale, {}, capture)

        html = client.get("/fr/participants/").content.decode()

        assert html.count('href="/fr/participants/lyon/"') == 1
        assert html.count('href="/fr/participants/nice/"') == 1  # source, under /fr/
        assert "/en/participants/" not in html.split("<main", 1)[1].split("</main>", 1)[0]
        assert nice.title in html

    def test_an_untranslated_page_is_shown_with_a_note(
        self, client, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        translate(SignatoryPageFactory(parent=directory, slug="lyon"), fr_locale, {}, capture)
        SignatoryPageFactory(parent=directory, title="Nice", slug="nice")

        response = client.get("/fr/participants/nice/")

        html = response.content.decode()
        assert response.status_code == 200
        assert "Nice" in html
        assert '<html lang="fr">' in html
        assert 'class="fallback-note"' in html
        assert 'lang="en"' in html

    def test_a_translated_page_has_no_note_and_hreflang_alternates(
        self, client, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        page = SignatoryPageFactory(parent=directory, slug="lyon")
        translate(page, fr_locale, {}, django_capture_on_commit_callbacks)

        html = client.get("/fr/participants/lyon/").content.decode()

        assert "fallback-note" not in html
        assert 'hreflang="en" href="http://testserver/en/participants/lyon/"' in html
        assert 'hreflang="fr" href="http://testserver/fr/participants/lyon/"' in html
        assert 'rel="alternate" hreflang="de"' not in html  # no German translation

    def test_the_language_switcher_targets_the_same_page(
        self, client, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        page = SignatoryPageFactory(parent=directory, slug="lyon")
        translate(page, fr_locale, {}, django_capture_on_commit_callbacks)

        html = client.get("/en/participants/lyon/").content.decode()
        switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]

        assert 'href="/fr/participants/lyon/" hreflang="fr"' in switcher
        assert 'href="/de/participants/lyon/" hreflang="de"' in switcher
        assert 'class="untranslated"' in switcher.split('hreflang="de"', 1)[1][:120]

    def test_pillar_names_are_in_the_readers_language(
        self,
        client,
        directory,
        library,
        fr_locale,
        french_pillars,
        django_capture_on_commit_callbacks,
    ):
        signatory = SignatoryPageFactory(parent=directory)
        InitiativePageFactory(parent=signatory, title="Safe clubs", pillars=("prevention",))
        translate(library, fr_locale, {}, django_capture_on_commit_callbacks)

        html = client.get("/fr/initiatives/").content.decode()

        assert "Safe clubs" in html  # shown in English: not translated yet
        assert ">Prévention<" in html  # but its P in French
        assert ">Prevention<" not in html

    @pytest.mark.parametrize("language", ["fr", "de", "it", "ru"])
    def test_the_interface_speaks_the_readers_language(self, client, home_page, language):
        html = client.get(f"/{language}/").content.decode()

        assert f'<html lang="{language}">' in html
        assert "Skip to content" not in html
        assert "The four Ps" not in html


class TestTranslators:
    @pytest.fixture
    def translator(self, fr_locale, home_page, django_capture_on_commit_callbacks):
        from pact_pages.models import LocaleTranslators
        from pact_pages.moderation.workflow import setup_moderation

        translate(home_page, fr_locale, {}, django_capture_on_commit_callbacks)
        Locale.objects.get_or_create(language_code="de")
        setup_moderation()
        user = get_user_model().objects.create_user("tr", "tr@example.org", "pw")
        user.groups.add(LocaleTranslators.objects.get(locale=fr_locale).group)
        return user

    def test_own_locale_yes_source_and_other_locales_no(
        self, client, translator, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        english = SignatoryPageFactory(parent=directory, slug="lyon")
        french = translate(english, fr_locale, {}, capture)
        german = translate(english, Locale.objects.get(language_code="de"), {}, capture)

        assert french.permissions_for_user(translator).can_edit()
        assert not english.permissions_for_user(translator).can_edit()
        assert not german.permissions_for_user(translator).can_edit()
        assert not french.permissions_for_user(translator).can_publish()
        client.force_login(translator)
        assert client.get(f"/admin/pages/{french.pk}/edit/").status_code == 200
        for page in (english, german):
            assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302

    def test_translate_offers_only_their_locales(self, client, translator, directory, fr_locale):
        page = SignatoryPageFactory(parent=directory, slug="lyon")
        client.force_login(translator)

        html = client.get(f"/admin/localize/submit/page/{page.pk}/").content.decode()
        german = Locale.objects.get(language_code="de")

        assert f'value="{fr_locale.pk}"' in html
        assert f'value="{german.pk}"' not in html
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [german.pk]})
        assert response.status_code == 200  # the form refuses the German locale
        assert not page.has_translation(german)

    def test_the_four_ps_of_other_locales_are_refused(
        self, client, translator, french_pillars, fr_locale
    ):
        english = Pillar.objects.get(slug="prevention", locale=Locale.get_default())
        french = Pillar.objects.get(slug="prevention", locale=fr_locale)
        client.force_login(translator)

        assert client.get(f"/admin/snippets/pact_pages/pillar/edit/{french.pk}/").status_code == 200
        refused = client.get(f"/admin/snippets/pact_pages/pillar/edit/{english.pk}/")
        assert refused.status_code in (302, 403)

    def test_out_of_date_translations_panel(
        self, client, translator, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        page = SignatoryPageFactory(parent=directory, slug="lyon", title="Lyon")
        french = translate(page, fr_locale, {}, django_capture_on_commit_callbacks)
        client.force_login(translator)
        assert "Translations out of date" not in client.get("/admin/").content.decode()

        page.introduction = "Lyon changed its plan."
        page.save_revision().publish()

        html = client.get("/admin/").content.decode()
        assert "Translations out of date" in html
        assert f"/admin/pages/{french.pk}/edit/" in html


def test_signatory_pages_of_every_locale_are_counted_once(
    directory, fr_locale, django_capture_on_commit_callbacks
):
    from pact_pages.signatories.stats import signatory_counts

    page = SignatoryPageFactory(parent=directory)
    translate(page, fr_locale, {}, django_capture_on_commit_callbacks)

    assert SignatoryPage.objects.count() == 2
    assert signatory_counts().territorial == 1


def test_the_admin_speaks_the_editors_preferred_language(client, home_page):
    from wagtail.users.models import UserProfile

    editor = get_user_model().objects.create_superuser("ana", "ana@example.org", "pw")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert '<html lang="de"' in html
    assert "Suche" in html  # Wagtail's own German catalogue


def soup(response):
    from bs4 import BeautifulSoup

    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


class TestFallbackCopies:
    """wagtail-localize's alias of an untranslated parent holds the source's text: readers
    get it exactly as a page not translated yet."""

    @pytest.fixture
    def strasbourg(self, initiative, signatory, fr_locale, django_capture_on_commit_callbacks):
        """Strasbourg's initiative translated: its French parent is an alias of Strasbourg."""
        translate(initiative, fr_locale, {}, django_capture_on_commit_callbacks)
        french = signatory.get_translation(fr_locale)
        assert french.alias_of_id == signatory.pk
        return french

    def test_an_alias_is_shown_with_the_note_in_its_real_language(self, client, strasbourg):
        page = soup(client.get("/fr/participants/strasbourg/"))

        assert page.html["lang"] == "fr"
        assert page.main["lang"] == "en"
        note = page.main.find(class_="fallback-note")
        assert note is not None and note["lang"] == "fr"
        assert "Strasbourg" in page.main.h1.text

    def test_an_alias_is_no_translation_for_hreflang(self, client, strasbourg):
        for url in ("/fr/participants/strasbourg/", "/en/participants/strasbourg/"):
            page = soup(client.get(url))
            alternates = {
                link["hreflang"]: link["href"]
                for link in page.find_all("link", rel="alternate", hreflang=True)
            }
            assert alternates == {"en": "http://testserver/en/participants/strasbourg/"}, url
            french = page.find(class_="language-switcher").find("a", hreflang="fr")
            assert "untranslated" in french["class"]

    def test_a_real_translation_has_no_note(self, client, strasbourg, initiative, fr_locale):
        french = initiative.get_translation(fr_locale)
        page = soup(client.get(french.url))

        assert page.html["lang"] == "fr"
        assert not page.main.has_attr("lang")
        assert page.main.find(class_="fallback-note") is None


@pytest.fixture
def swedish(settings):
    """Swedish as a content language: Django has its own catalogue, we have none."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("sv", "Svenska")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    return Locale.objects.get_or_create(language_code="sv")[0]


class TestInterfaceLanguage:
    def test_our_catalogues_are_what_counts(self, settings, tmp_path):
        from pact_pages.core.interface_language import has_catalogue, interface_language

        assert has_catalogue("fr") and not has_catalogue("sv")
        assert interface_language("fr") == "fr"
        assert interface_language("sv") == "en"
        (tmp_path / "sv" / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / "sv" / "LC_MESSAGES" / "django.mo").write_bytes(b"")
        settings.LOCALE_PATHS = [tmp_path]
        assert interface_language("sv") == "sv"

    def test_without_our_catalogue_the_interface_says_english(self, client, home_page, swedish):
        page = soup(client.get("/sv/"))

        assert page.html["lang"] == "en"  # the header, footer and note are in English
        assert "Skip to content" in page.text
        note = page.main.find(class_="fallback-note")  # no Swedish home page yet
        assert note["lang"] == "en" and "Svenska" in note.text
        assert not page.main.has_attr("lang")  # the English home page, in English

    def test_a_swedish_page_in_an_english_interface(
        self, client, directory, swedish, django_capture_on_commit_callbacks
    ):
        lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
        translate(
            lyon,
            swedish,
            {"Lyon signed the Pact.": "Lyon har undertecknat."},
            django_capture_on_commit_callbacks,
        )

        page = soup(client.get("/sv/participants/lyon/"))

        assert page.html["lang"] == "en"
        assert page.main["lang"] == "sv"
        assert page.main.find(class_="fallback-note") is None
        assert "Lyon har undertecknat." in page.main.text
        assert page.find("a", class_="brand")["href"] == "/sv/"

    def test_with_our_catalogue_the_page_is_in_the_readers_language(
        self, client, directory, fr_locale, django_capture_on_commit_callbacks
    ):
        lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
        translate(lyon, fr_locale, {}, django_capture_on_commit_callbacks)

        page = soup(client.get("/fr/participants/lyon/"))

        assert page.html["lang"] == "fr"
        assert not page.main.has_attr("lang")
