"""The language the interface is really shown in.

A content language may have no interface catalogue of ours yet: Django then shows our
strings untranslated (in the source language, English). WCAG 3.1.1/3.1.2 ask for the ``lang``
that the text is written in, so the header, footer and notes of such a page say
``lang="en"`` rather than the reader's language (base.html; ``pact_i18n.interface_language``).
"""

from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import get_language, to_locale

# The language of our msgids: what Django shows where a catalogue lacks a string.
SOURCE_LANGUAGE = "en"
PROJECT_APPS = ("pact_pages", "home", "oneinfive")


def catalogue_dirs() -> tuple[Path, ...]:
    """Our catalogues: settings.LOCALE_PATHS and our apps' locale folders (not Django's or
    Wagtail's, whose strings are a small part of a page)."""
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    for label in PROJECT_APPS:
        if apps.is_installed(label):
            dirs.append(Path(apps.get_app_config(label).path) / "locale")
    return tuple(dirs)


def has_catalogue(language: str) -> bool:
    """Whether one of our catalogues is compiled (a .mo file) for ``language``."""
    return _has_catalogue(language, catalogue_dirs())


@cache
def _has_catalogue(language: str, dirs: tuple[Path, ...]) -> bool:
    # Keyed by the folders too, so that a test overriding LOCALE_PATHS is answered afresh.
    names = {to_locale(language), to_locale(language.split("-")[0])}
    return any(
        (folder / name / "LC_MESSAGES" / "django.mo").is_file() for folder in dirs for name in names
    )


def interface_language(language: str | None = None) -> str:
    """The language of the interface strings shown to a reader of ``language`` (the active
    language by default): that language when we have its catalogue, else English."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == SOURCE_LANGUAGE or has_catalogue(language):
        return language
    return SOURCE_LANGUAGE
