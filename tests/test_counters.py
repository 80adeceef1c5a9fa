"""The home page's headline counters: who has signed, from how many countries."""

import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from pact_pages.models import SignatoryType
from pact_pages.signatories.stats import SignatoryCounts, counter_sentence, signatory_counts
from tests.factories import SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db

NOBODY = "No town or region has signed the Pact yet."


def sign(directory, signatory_type=SignatoryType.TOWN, country="FR", **fields):
    return SignatoryPageFactory(
        parent=directory, signatory_type=signatory_type, country=country, **fields
    )


def test_nobody_has_signed(directory):
    counts = signatory_counts()

    assert counts == SignatoryCounts(territorial=0, other=0, countries=0)
    assert counts.total == 0
    assert counter_sentence(counts) == NOBODY


def test_one_town(directory):
    sign(directory, country="FR")

    counts = signatory_counts()

    assert counts == SignatoryCounts(territorial=1, other=0, countries=1)
    assert counter_sentence(counts) == "1 city or region from 1 country"


def test_towns_regions_and_an_association(directory):
    sign(directory, country="FR")
    sign(directory, country="FR")
    sign(directory, country="IT")
    sign(directory, SignatoryType.REGION, country="IT")
    sign(directory, SignatoryType.ASSOCIATION, country="PT")

    counts = signatory_counts()

    assert counts == SignatoryCounts(territorial=4, other=1, countries=3)
    assert counts.total == 5
    assert counter_sentence(counts) == (
        "4 cities and regions from 3 countries, and 1 association, representative or organisation"
    )


def test_every_kind_of_other_signatory(directory):
    sign(directory, SignatoryType.REGION, country="ES")
    sign(directory, SignatoryType.ASSOCIATION, country="ES")
    sign(directory, SignatoryType.REPRESENTATIVE, country="BE")
    sign(directory, SignatoryType.ORGANISATION, country="NL")

    counts = signatory_counts()

    assert counts == SignatoryCounts(territorial=1, other=3, countries=3)
    assert counter_sentence(counts) == (
        "1 city or region from 3 countries, and 3 associations, representatives and organisations"
    )


def test_only_other_signatories(directory):
    sign(directory, SignatoryType.ORGANISATION, country="CH")

    assert counter_sentence(signatory_counts()) == (
        "0 cities and regions from 1 country, and 1 association, representative or organisation"
    )


def test_drafts_unpublished_and_private_signatories_are_not_counted(directory):
    sign(directory, country="FR")
    sign(directory, country="DE", live=False)
    sign(directory, country="AT").unpublish()
    private = sign(directory, country="PL")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert signatory_counts() == SignatoryCounts(territorial=1, other=0, countries=1)


def test_a_translated_signatory_is_counted_once(directory, fr_locale):
    strasbourg = publish(sign(directory, country="FR", title="Strasbourg"))
    sign(directory, SignatoryType.ASSOCIATION, country="DE")
    french = strasbourg.copy_for_translation(fr_locale, copy_parents=True)
    publish(french)

    assert french.live
    assert french.translation_key == strasbourg.translation_key
    assert signatory_counts() == SignatoryCounts(territorial=1, other=1, countries=2)


def test_home_page_shows_the_sentence(client, directory):
    sign(directory, country="FR")
    sign(directory, SignatoryType.REGION, country="IT")

    response = client.get("/en/")

    assert response.status_code == 200
    sentence = "2 cities and regions from 2 countries"
    assert response.context["counter_sentence"] == sentence
    assert f"<strong>{escape(sentence)}</strong>" in response.content.decode()


def test_home_page_before_anyone_signed(client, home_page):
    response = client.get("/en/")

    assert response.status_code == 200
    assert f"<strong>{escape(NOBODY)}</strong>" in response.content.decode()
