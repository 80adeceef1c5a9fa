"""Every interface string is translated into each configured content language.

Strings are collected from the sources the way `makemessages` does (Django's templatize for
templates, then a Python extractor), so a new string that was never added to the catalogues
fails here too, not only an empty translation.
"""

import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "de", "it", "ru", "es", "pt", "nl", "pl", "uk", "tr", "el")
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "gettext_noop": None,
}
# Each catalogue and the sources whose strings it must hold (as makemessages is run).
CATALOGUES = {
    ROOT / "pact_pages" / "locale": [ROOT / "pact_pages"],
    ROOT / "locale": [ROOT / "home", ROOT / "oneinfive", ROOT / "templates"],
}


# templatize() turns a template into gettext() calls for xgettext, not into valid Python.
TEMPLATE_CALL = re.compile(r"(?:\bn?gettext|\b_)\(\s*u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def _extract(path: Path) -> set[str]:
    source = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".txt"):
        code = templatize(source, origin=str(path))
        return {ast.literal_eval(literal) for literal in TEMPLATE_CALL.findall(code)}
    messages = extract_python(io.BytesIO(source.encode("utf-8")), KEYWORDS, [], {})
    found = set()
    for _lineno, _function, message, _comments in messages:
        strings = message if isinstance(message, tuple) else (message,)
        if strings and strings[0]:
            found.add(strings[0])
    return found


def _source_strings(folders: list[Path]) -> set[str]:
    strings = set()
    for folder in folders:
        for path in folder.rglob("*"):
            if "migrations" in path.parts or path.suffix not in (".py", ".html", ".txt"):
                continue
            strings |= _extract(path)
    return strings


def _catalogue(folder: Path, language: str):
    with (folder / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("folder", list(CATALOGUES), ids=["pact_pages", "site"])
def test_every_string_is_translated(folder, language):
    catalogue = _catalogue(folder, language)
    untranslated = sorted(
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    )
    missing = sorted(_source_strings(CATALOGUES[folder]) - _ids(catalogue))

    assert untranslated == [], f"untranslated in {language}"
    assert missing == [], f"not in the {language} catalogue: run `make messages`"


def _ids(catalogue) -> set[str]:
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue
        if message.id
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogues_are_loaded(language):
    """`make` compiles the catalogues before the tests; Django must find them."""
    from django.utils import translation

    with translation.override(language):
        assert translation.gettext("Skip to content") != "Skip to content"
        assert translation.gettext("Join the Pact") != "Join the Pact"
