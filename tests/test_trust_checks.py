"""A host site without a boundary's middleware or e-mail setting is told at `check`."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from pact_pages.trust.checks import REQUIRED_MIDDLEWARE, check_boundaries


def test_the_reference_site_passes():
    assert check_boundaries() == []


@pytest.mark.parametrize("name", REQUIRED_MIDDLEWARE)
def test_a_missing_boundary_middleware_stops_check(settings, name):
    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if entry != name]
    with pytest.raises(SystemCheckError, match=name.rsplit(".", 1)[-1]):
        call_command("check", tags=["security"])


def test_unconfirmed_address_changes_are_warned_about(settings):
    settings.WAGTAIL_EMAIL_MANAGEMENT_ENABLED = True
    ids = [problem.id for problem in check_boundaries()]
    assert ids == ["pact_pages.W001"]


def test_every_required_middleware_is_importable():
    from django.utils.module_loading import import_string

    for name in REQUIRED_MIDDLEWARE:
        assert callable(import_string(name))
    assert set(REQUIRED_MIDDLEWARE) <= set(settings.MIDDLEWARE)
