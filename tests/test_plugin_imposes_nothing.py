"""The plugin imposes nothing on a host (issue 16): two-factor sign-in is an opt-in app of its
own, the reference site's hardening (CSP, lockout, throttle middleware) is never loaded by
default, and rich text is re-cleaned on the plugin's own models only (and on the apps that opt
in, here the reference site's ``home``), whatever blocks a StreamField holds."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.db.models.signals import pre_save
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from pact_pages.core.richtext_clean import clean_block_value, clean_rich_text_before_save
from pact_pages.twofactor.checks import check_two_factor
from tests.factories import ImageFactory

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "pact_pages"
SITE_ONLY = ("csp", "axes", "django_otp", "segno", "corsheaders", "whitenoise")
OTP = "django_otp.middleware.OTPMiddleware"
TWO_FACTOR = "pact_pages.twofactor.middleware.TwoFactorMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"


# Two-factor sign-in: an opt-in app


def test_the_core_plugin_never_imports_the_sub_app_or_site_hardening():
    offenders = []
    for path in PLUGIN.rglob("*.py"):
        relative = path.relative_to(PLUGIN)
        if relative.parts[0] in ("twofactor", "security", "migrations"):
            continue
        for line in path.read_text().splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and len(words) > 1:
                module = words[1]
                if module.startswith(("pact_pages.twofactor", "pact_pages.security")) or (
                    module.split(".")[0] in SITE_ONLY
                ):
                    offenders.append(f"{relative}: {line.strip()}")
    assert offenders == []


STOCK_HOST = """
    import builtins, sys
    import django
    from django.conf import settings

    settings.INSTALLED_APPS  # the reference settings load (and import django-csp) first
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS
        if app not in {"axes", "csp", "corsheaders", "django_otp", "django_otp.plugins.otp_totp",
                       "pact_pages.twofactor"}
    ]
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE
        if not m.startswith(("axes.", "csp.", "corsheaders.", "django_otp.", "whitenoise.",
                             "pact_pages.twofactor.", "pact_pages.security."))
    ]
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    options = settings.TEMPLATES[0]["OPTIONS"]
    options["context_processors"] = [
        c for c in options["context_processors"] if not c.startswith("csp.")
    ]
    # A host without the site's extras: importing one of them fails, as it would there.
    for name in list(sys.modules):
        if name.split(".")[0] in SITE_ONLY or name.startswith("pact_pages.security"):
            del sys.modules[name]
    real_import = builtins.__import__

    def guarded(name, *args, **kwargs):
        if name.split(".")[0] in SITE_ONLY:
            raise ImportError(f"{name} is not installed on this host")
        return real_import(name, *args, **kwargs)

    builtins.__import__ = guarded
    django.setup()

    from django.core.management import call_command
    from django.urls import NoReverseMatch, get_resolver, reverse
    from wagtail import hooks

    for hook in ("register_admin_urls", "register_account_menu_item", "register_admin_menu_item"):
        hooks.get_hooks(hook)
    get_resolver().url_patterns  # every URL module, the admin's hooks included
    call_command("check")
    try:
        reverse("pact_2fa_setup")
    except NoReverseMatch:
        pass
    else:
        raise AssertionError("two-factor pages without the two-factor app")
    loaded = sorted(
        name for name in sys.modules
        if name.startswith(("pact_pages.twofactor", "pact_pages.security"))
    )
    assert not loaded, loaded
    print("stock host ok")
"""


def test_a_stock_host_loads_the_plugin_without_the_sites_extras():
    script = f"SITE_ONLY = {SITE_ONLY!r}\n" + textwrap.dedent(STOCK_HOST)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "oneinfive.settings.test"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "stock host ok" in result.stdout


def error_ids(settings, middleware) -> list[str]:
    settings.MIDDLEWARE = middleware
    return [problem.id for problem in check_two_factor()]


def test_the_reference_site_installs_two_factor_completely(settings):
    assert apps.is_installed("pact_pages.twofactor")
    assert check_two_factor() == []


def test_two_factor_without_its_middleware_is_an_error(settings):
    assert error_ids(settings, [AUTH]) == ["pact_twofactor.E003", "pact_twofactor.E004"]
    assert error_ids(settings, [AUTH, OTP]) == ["pact_twofactor.E004"]
    assert error_ids(settings, [AUTH, TWO_FACTOR, OTP]) == ["pact_twofactor.E005"]
    problem = check_two_factor()[0]
    assert OTP in problem.hint and "docs/security.md" in problem.hint


def test_two_factor_without_the_otp_apps_is_an_error(settings):
    settings.MIDDLEWARE = [AUTH, OTP, TWO_FACTOR]
    with mock.patch.object(apps, "is_installed", lambda name: not name.startswith("django_otp")):
        assert [problem.id for problem in check_two_factor()] == [
            "pact_twofactor.E001",
            "pact_twofactor.E002",
        ]


# Rich text: the plugin's models (and the apps that opt in) only


def cleaned_senders() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if clean_rich_text_before_save in pre_save._live_receivers(model)[0]
    }


def test_rich_text_is_cleaned_on_the_plugin_and_opted_in_models_only():
    senders = cleaned_senders()
    assert "pact_pages.InitiativePage" in senders
    assert "pact_pages.SignatoryPage" in senders
    assert "home.StandardPage" in senders  # the reference site opts its app in
    assert {label.split(".")[0] for label in senders} == {"pact_pages", "home"}
    # Wagtail's own models, and any other app's, are the host's: never rewritten.
    assert "wagtailcore.Page" not in senders


def test_unsafe_rich_text_in_a_plugin_stream_field_is_removed(initiative):
    image = ImageFactory()
    initiative.body = json.dumps(
        [
            {"type": "paragraph", "value": '<p>Hello <script>alert("x")</script></p>'},
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": None}},
            {"type": "key_figures", "value": {"figures": [{"value": "85%", "label": "<b>x</b>"}]}},
        ]
    )
    initiative.save_revision().publish()
    initiative.refresh_from_db()
    assert initiative.live
    paragraph, picture, figures = initiative.body
    assert "<script" not in paragraph.value.source and "Hello" in paragraph.value.source
    assert picture.value["image"] == image
    assert figures.value["figures"][0]["label"] == "<b>x</b>"  # plain text: left as typed


STORY = blocks.StreamBlock(
    [
        ("picture", ImageBlock()),
        ("text", blocks.RichTextBlock(features=["bold"])),
        (
            "card",
            blocks.StructBlock(
                [
                    ("picture", ImageBlock(required=False)),
                    ("body", blocks.RichTextBlock(features=["bold"], required=False)),
                ]
            ),
        ),
        ("items", blocks.ListBlock(blocks.RichTextBlock(features=["bold"]))),
        ("nested", blocks.StreamBlock([("text", blocks.RichTextBlock(features=["bold"]))])),
    ]
)
UNSAFE = '<p><b>kept</b><script>alert("x")</script><i onclick="x()">gone</i></p>'


@pytest.mark.django_db
def test_any_stream_field_is_walked_without_touching_other_blocks():
    image = ImageFactory()
    value = STORY.to_python(
        [
            {"type": "picture", "value": {"image": image.pk, "decorative": False, "alt_text": "A"}},
            {"type": "text", "value": UNSAFE},
            {"type": "card", "value": {"picture": None, "body": UNSAFE}},
            {"type": "card", "value": {"picture": image.pk, "body": None}},
            {"type": "items", "value": [UNSAFE, UNSAFE]},
            {"type": "nested", "value": [{"type": "text", "value": UNSAFE}]},
        ]
    )

    clean_block_value(STORY, value)

    picture, text, card, card_with_image, items, nested = value
    # (Images with alt text in context compare unequal to the bare image: compare keys.)
    assert picture.value.pk == image.pk and picture.value.contextual_alt_text == "A"
    assert card.value["picture"] is None
    assert card_with_image.value["picture"].pk == image.pk
    sources = [
        text.value.source,
        card.value["body"].source,
        *(item.source for item in items.value),
        nested.value[0].value.source,
    ]
    for source in sources:
        assert "<b>kept</b>" in source
        assert "<script" not in source and "onclick" not in source
    # What is stored reads back the same: the image block's value is intact.
    assert STORY.get_prep_value(value)[0]["value"]["image"] == image.pk
