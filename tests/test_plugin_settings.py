"""A host sets only what it wants: every setting the plugin reads has its default in
pact_pages.conf; the default locale and the content languages are Wagtail's; the network's
name, the mails' signature and the list of countries come from settings."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core import mail
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

import pact_pages
from pact_pages.conf import DEFAULTS, email_signature, pact_name
from pact_pages.core.countries import check_countries, country_choices, member_state_codes
from pact_pages.models import InitiativePage, Pillar, SignatoryPage, SignupRequest
from pact_pages.onboarding.decisions import acknowledge
from pact_pages.onboarding.forms import JoinForm
from tests import test_validation
from tests.factories import SignatoryPageFactory
from tests.test_map import MapPageFactory

pytestmark = pytest.mark.django_db

PLUGIN = Path(pact_pages.__file__).parent
ROOT = PLUGIN.parent
# Opt-in sub-apps that document their own settings.
OWN_SETTINGS = ("twofactor", "security")
NAME = "Northern Lights Network"
SIGNATURE = "The Northern Lights secretariat"


def plugin_sources() -> list[Path]:
    return [
        path
        for path in PLUGIN.rglob("*.py")
        if path.relative_to(PLUGIN).parts[0] not in (*OWN_SETTINGS, "migrations")
    ]


@pytest.fixture
def bare_host(settings):
    """The reference settings without a single PACT_* setting."""
    for name in [name for name in dir(django_settings) if name.startswith("PACT_")]:
        delattr(settings, name)
    return settings


def run_with_settings(tmp_path: Path, body: str, *command: str) -> subprocess.CompletedProcess:
    """``command`` in a fresh Python whose settings are the tests' plus ``body``: what a host's
    settings hold when the plugin's modules are first imported."""
    (tmp_path / "host_settings.py").write_text(
        "from oneinfive.settings.test import *  # noqa: F403\n"
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}\n'
        + body
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "host_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


class TestDefaults:
    def test_every_setting_read_has_its_default_in_conf(self):
        read = set()
        for path in plugin_sources():
            text = path.read_text()
            assert not re.search(r"getattr\(settings, \"PACT_|settings\.PACT_", text), path
            read |= set(re.findall(r"pact_setting\(\"(PACT_\w+)\"\)", text))
            read |= set(re.findall(r"recipient_allows\([^)]*\"(PACT_\w+)\"\)", text))
        assert read, "no pact_setting() found: the pattern is out of date"
        assert read <= set(DEFAULTS), read - set(DEFAULTS)

    def test_listings_feeds_and_api_of_a_host_without_settings(
        self, client, bare_host, home_page, directory, signatory, initiative, library
    ):
        map_page = MapPageFactory(parent=home_page)
        pages = {
            directory.url: "Strasbourg",
            library.url: "Safe sports clubs",
            map_page.url: "Strasbourg",
            signatory.url: "Safe sports clubs",
            initiative.url: "Strasbourg",
        }
        for url, shown in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            assert shown in response.content.decode(), url
        for url in ("/en/feeds/initiatives.rss", "/en/feeds/initiatives.atom"):
            response = client.get(url)
            assert response.status_code == 200 and b"Safe sports clubs" in response.content
        for path in ("signatories", "initiatives", "pillars", "countries", "map.geojson"):
            assert client.get(f"/api/pact/v1/{path}").status_code == 200, path
        schema = client.get("/api/pact/v1/openapi.json").json()
        assert schema["info"]["title"] == f"{django_settings.WAGTAIL_SITE_NAME} API"
        assert "cacheable for 60 seconds" in schema["info"]["description"]

    def test_api_imports_without_content_languages_or_pact_settings(self, tmp_path):
        # Wagtail's default: the default language alone (en-us → en).
        body = (
            "for _name in [n for n in dir() if n.startswith('PACT_')]:\n"
            "    del globals()[_name]\n"
            "del WAGTAIL_CONTENT_LANGUAGES  # noqa: F821\n"
            'LANGUAGE_CODE = "en-us"\n'
        )
        script = (
            "import django; django.setup()\n"
            "import pact_pages.api.urls\n"
            "from pact_pages.api.endpoints import api\n"
            "from pact_pages.api.filters import LocaleCode\n"
            "print([code.value for code in LocaleCode])\n"
            'print(api.get_openapi_schema(path_prefix="/api/pact/v1")["info"]["title"])\n'
        )
        result = run_with_settings(tmp_path, body, "-c", script)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "['en']",
            "ONE in FIVE: Pact of Towns and Regions API",
        ]


class TestDefaultLocale:
    """Wagtail's default locale for ``LANGUAGE_CODE = "en-us"`` is ``en``: the Ps go there."""

    @override_settings(
        LANGUAGE_CODE="en-us", WAGTAIL_CONTENT_LANGUAGES=[("en", "English"), ("fr", "French")]
    )
    def test_the_ps_are_seeded_in_wagtails_default_locale(self, admin_client, signatory):
        seeding = importlib.import_module("pact_pages.migrations.0002_seed_pillars")
        Pillar.objects.all().delete()

        seeding.seed(apps, None)

        assert Locale.get_default().language_code == "en"
        assert set(Pillar.objects.values_list("locale__language_code", flat=True)) == {"en"}
        assert Pillar.objects.count() == 4
        assert not Locale.objects.filter(language_code="en-us").exists()
        prevention = Pillar.objects.get(slug="prevention")
        form = test_validation.TestInitiativeCreateForm
        response = admin_client.post(form.url(signatory), form.post_data([prevention]))
        assert response.status_code == 302
        page = InitiativePage.objects.get(slug="kiko-in-schools")
        assert [link.pillar for link in page.pillar_links.all()] == [prevention]

    @override_settings(LANGUAGE_CODE="fr")
    def test_a_row_without_language_gets_the_default_of_the_moment(self):
        # Not the LANGUAGE_CODE the models were imported with ("en").
        subscriber = apps.get_model("pact_pages", "NewsletterSubscriber")
        assert SignupRequest(name="Town", email="a@example.org").language == "fr"
        assert subscriber(email="a@example.org").language == "fr"

    @pytest.mark.parametrize("language_code", ["fr", "en-us"])
    def test_no_pending_migration_whatever_the_language(self, tmp_path, language_code):
        result = run_with_settings(
            tmp_path,
            f"LANGUAGE_CODE = {language_code!r}\n",
            "manage.py",
            "makemigrations",
            "pact_pages",
            "--check",
            "--dry-run",
        )
        assert result.returncode == 0, result.stdout + result.stderr


class TestBranding:
    def test_the_name_defaults_to_the_site_name_then_to_a_neutral_one(self, bare_host):
        assert pact_name() == str(django_settings.WAGTAIL_SITE_NAME)
        assert email_signature() == pact_name()
        del bare_host.WAGTAIL_SITE_NAME
        assert pact_name() == "The Pact"
        with translation.override("fr"):
            assert pact_name() == "Le Pacte"

    @override_settings(PACT_NAME=NAME)
    def test_the_feeds_and_their_links_carry_the_name(self, client, library, initiative):
        rss = client.get("/en/feeds/initiatives.rss").content.decode()
        assert f"<title>{NAME}: latest initiatives</title>" in rss
        prevention = client.get("/en/feeds/initiatives/prevention.rss").content.decode()
        assert f"<title>{NAME}: latest initiatives for Prevention</title>" in prevention
        head = client.get(library.url).content.decode().split("</head>")[0]
        assert f'title="{NAME}: latest initiatives (RSS)"' in head
        schema = client.get("/api/pact/v1/openapi.json").json()
        assert schema["info"]["title"] == f"{NAME} API"

    @override_settings(PACT_NAME=NAME, PACT_EMAIL_SIGNATURE=SIGNATURE)
    def test_the_mails_are_named_and_signed(self, client, newsletter_page):
        client.post(
            newsletter_page.url, {"email": "reader@example.org", "language": "en", "consent": "on"}
        )
        signup = SignupRequest.objects.create(
            name="Northern Town", signatory_type="town", country="FR", place="Lille",
            contact_person="Ana", email="ana@example.org", role="Mayor", language="en",
        )  # fmt: skip
        acknowledge(signup)

        newsletter, acknowledgement = mail.outbox
        assert newsletter.subject == f"{NAME}: please confirm your subscription to the newsletter"
        assert f"the newsletter of {NAME} at this address" in newsletter.body
        assert newsletter.body.rstrip().endswith(SIGNATURE)
        assert f"<p>{SIGNATURE}</p>" in newsletter.alternatives[0][0]
        assert acknowledgement.body.rstrip().endswith(SIGNATURE)
        assert "Congress" not in acknowledgement.body + newsletter.body

    def test_the_reference_site_keeps_its_own(self, client, newsletter_page):
        client.post(
            newsletter_page.url, {"email": "reader@example.org", "language": "en", "consent": "on"}
        )

        [message] = mail.outbox
        assert message.subject == (
            "ONE in FIVE Pact: please confirm your subscription to the newsletter"
        )
        assert message.body.rstrip().endswith(
            "The Congress of Local and Regional Authorities of the Council of Europe"
        )


class TestCountries:
    @override_settings(PACT_COUNTRIES=["US", "CA"])
    def test_a_network_lists_its_own_countries(self, client, directory):
        assert member_state_codes() == ("US", "CA")
        assert country_choices() == [("CA", "Canada"), ("US", "United States")]
        with translation.override("fr"):
            assert country_choices() == [("CA", "Canada"), ("US", "États-Unis")]
        field = SignatoryPage._meta.get_field("country")
        assert [code for code, _name in field.choices] == ["CA", "US"]
        assert JoinForm({"country": "US"}).fields["country"].valid_value("US")
        assert not JoinForm({"country": "FR"}).fields["country"].valid_value("FR")
        SignatoryPageFactory(parent=directory, title="Toronto", slug="toronto", country="CA")
        html = client.get(directory.url).content.decode()
        assert '<option value="US">United States</option>' in html
        assert '<option value="FR">' not in html
        assert check_countries() == []

    def test_by_default_the_council_of_europe(self):
        assert len(member_state_codes()) == 46 and "FR" in member_state_codes()
        assert check_countries() == []

    @override_settings(PACT_COUNTRIES=["US", "XX", "EU", "usa"])
    def test_an_unknown_code_is_a_system_check_error(self):
        [error] = check_countries()
        assert error.id == "pact_pages.E021"
        assert "XX, EU, usa" in error.msg

    @override_settings(PACT_COUNTRIES="US")
    def test_a_string_is_not_a_list(self):
        [error] = check_countries()
        assert error.id == "pact_pages.E020"
