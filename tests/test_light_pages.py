"""Light pages: responsive pictures, static files cached for a year, compressed HTML.

Pictures: every public card, logo and hero is a WebP Wagtail rendition, at several widths
(srcset) where the column's width varies, with width and height (no layout shift), lazy
below the fold, and the largest paint (the initiative's hero) fetched first.
Static files: under ``make run``'s settings (oneinfive/settings/run.py), their URLs carry a
fingerprint and WhiteNoise answers them compressed with a one-year immutable Cache-Control.
"""

import gzip
import importlib
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def picture(db):
    return ImageFactory(file__width=1280, file__height=720)


@pytest.fixture
def story(directory, library, picture):
    signatory = SignatoryPageFactory(parent=directory, title="Brno", logo=picture)
    return InitiativePageFactory(parent=signatory, title="Safe playgrounds", featured_image=picture)


def images(html: str, css_class: str) -> list[dict[str, str]]:
    """The attributes of each <img> of that class."""
    tags = [attributes(tag) for tag in re.findall(r"<img [^>]+>", html)]
    return [tag for tag in tags if tag.get("class") == css_class]


def attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def check_card_picture(img: dict[str, str]) -> dict[str, str]:
    """WebP at 320 and 640 px wide, the smaller one's size given."""
    assert re.search(r"\.webp 320w, .+\.webp 640w$", img["srcset"])
    assert img["src"].endswith(".webp")
    assert (img["width"], img["height"]) == ("320", "180")
    assert img["sizes"].endswith("calc(100vw - 2rem)")  # a phone's column
    return img


@pytest.mark.parametrize("where", ["library", "home"])
def test_initiative_cards_are_responsive_lazy_pictures(client, story, library, where):
    url = library.url if where == "library" else "/en/"
    html = client.get(url).content.decode()
    (img,) = images(html, "card-image")
    check_card_picture(img)
    # The home page's cards are below the fold; the library's first is not (see below).
    assert img["loading"] == ("eager" if where == "library" else "lazy")
    assert img["alt"] == ""  # the title beside it says what it shows


def test_the_librarys_first_card_picture_is_fetched_first(client, story, library, picture):
    """On a phone the first card's picture is in the first screen: its largest paint."""
    signatory = story.get_parent()
    InitiativePageFactory(parent=signatory, title="Safe libraries", featured_image=picture)
    html = client.get(library.url).content.decode()
    first, second = images(html, "card-image")
    assert first["loading"] == "eager" and first["fetchpriority"] == "high"
    assert second["loading"] == "lazy" and "fetchpriority" not in second


def test_initiative_hero_is_fetched_first_not_lazily(client, story):
    html = client.get(story.url).content.decode()
    (img,) = images(html, "hero-image")
    assert img["fetchpriority"] == "high"
    assert "loading" not in img
    assert re.search(r"\.webp 480w, .+\.webp 720w, .+\.webp 1200w$", img["srcset"])
    # Not cropped: the whole picture, at its own shape (16:9 here), so nothing in it is cut.
    assert (img["width"], img["height"]) == ("480", "270")


def test_logos_are_pictures_with_their_size(client, story, directory):
    html = client.get(directory.url).content.decode()
    (img,) = images(html, "logo")
    assert img["src"].endswith(".webp")
    assert (img["width"], img["height"]) == ("160", "90")
    assert img["loading"] == "lazy"


@pytest.fixture
def run_settings(tmp_path):
    """``make run``'s static settings, with the site's own files collected into tmp_path."""
    run = importlib.import_module("oneinfive.settings.run")
    assert run.INSTALLED_APPS[0] == "whitenoise.runserver_nostatic"
    with override_settings(
        STORAGES=run.STORAGES,
        STATIC_ROOT=tmp_path,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        WHITENOISE_AUTOREFRESH=run.WHITENOISE_AUTOREFRESH,
        WHITENOISE_USE_FINDERS=run.WHITENOISE_USE_FINDERS,
        DEBUG=True,  # make run's DEBUG: the URLs keep their fingerprint all the same
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


def test_make_run_serves_fingerprinted_static_files_for_a_year(run_settings):
    url = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
    # WhiteNoise also writes Brotli files when the brotli module is installed (the `load`
    # extra's Locust brings it); a browser gets whichever the machine made.
    body = b"".join(response.streaming_content)
    if response["Content-Encoding"] == "br":
        import brotli

        assert b"body" in brotli.decompress(body)
    else:
        assert response["Content-Encoding"] == "gzip"
        assert b"body" in gzip.decompress(body)


def test_pages_are_gzipped_for_a_client_that_accepts_it(client, home_page):
    compressed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content)
    assert b"<html" in html
    assert len(compressed.content) < len(html) / 2
    plain = client.get("/en/")
    assert not plain.has_header("Content-Encoding")
    assert plain.content.startswith(b"<!DOCTYPE html>")


def test_compressed_api_answers_still_revalidate_with_304(client, signatory):
    """Compression weakens the ETag (W/"…"); a client sending it back still gets a 304."""
    gzip_client = {"accept-encoding": "gzip"}
    first = client.get("/api/pact/v1/signatories", headers=gzip_client)
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
    again = client.get(
        "/api/pact/v1/signatories", headers={**gzip_client, "if-none-match": first["ETag"]}
    )
    assert again.status_code == 304
