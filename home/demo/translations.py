"""Demo translations, made through wagtail-localize as a translator's work would be.

Each translated string is stored as a wagtail-localize ``StringTranslation`` of the source
segment, then the translation is created (or updated) and published through a
wagtail-localize ``Translation`` record, as "Translate this page" makes it: the translated
page opens in wagtail-localize's editor (synchronised fields locked to the source's), the
"out of date" tracking follows its source, and re-syncing from the source keeps these
translations, as it would keep a translator's.
"""

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from . import texts
from .compose import initiative_texts, title_name
from .plan import Planned
from .profiles import signatory_texts

DATA_DIR = Path(__file__).parent / "data"
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def load(name: str, language: str):
    path = DATA_DIR / f"{name}.{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def pairs(english, translated) -> Iterator[tuple[str, str]]:
    """(English, translated) string pairs of two structures of the same shape.

    HTML texts are paired paragraph by paragraph, as wagtail-localize segments them.
    """
    if isinstance(english, str) and isinstance(translated, str):
        paragraphs = PARAGRAPH.findall(english)
        if paragraphs:
            yield from zip(paragraphs, PARAGRAPH.findall(translated), strict=False)
        else:
            yield english, translated
    elif isinstance(english, dict) and isinstance(translated, dict):
        for key, value in english.items():
            if key in translated:
                yield from pairs(value, translated[key])
    elif isinstance(english, list | tuple) and isinstance(translated, list | tuple):
        for value, other in zip(english, translated, strict=False):
            yield from pairs(value, other)


def formatted(mapping: dict[str, str], **values) -> dict[str, str]:
    return {english.format(**values): text.format(**values) for english, text in mapping.items()}


def _plain(text: str) -> str:
    return html.unescape(text).strip()


@transaction.atomic
def translate(instance, locale: Locale, mapping: dict[str, str]) -> object:
    """Translates ``instance`` (a page or snippet) into ``locale`` with the given strings."""
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    lookup = {_plain(english): text for english, text in mapping.items()}
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = lookup.get(_plain(segment.string.data))
        if text is None:
            continue
        if html.unescape(segment.string.data) != segment.string.data:
            text = html.escape(text, quote=False)  # the segment holds HTML
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    # A page or snippet translated without a Translation record is a plain copy: Wagtail's
    # own editor, every field editable, no sync. save_target() falls back to the source for
    # strings without a translation and copies parent pages that are not translated yet.
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(user=None, publish=True)
    return instance.get_translation(locale)


def needs_translation(instance, locale: Locale) -> bool:
    """Not translated yet, or translated by an earlier demo loader as a plain copy (no
    ``Translation`` record): loading the demo again makes it a wagtail-localize translation."""
    if not instance.has_translation(locale):
        return True
    # A disabled record is a translator's choice ("Stop synced translation"): kept.
    return not Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=locale
    ).exists()


class DemoTranslations:
    """French for the home page, the four Ps and a share of the signatories and initiatives;
    German for a smaller share. Texts come from ``data/*.fr.json`` and ``data/*.de.json``."""

    # How many signatories (in the CSV's order, plus those of the demo editors) per language.
    SHARE = {"fr": 21, "de": 8}  # about 48 and 20 initiatives, as many as before

    def __init__(
        self,
        archetypes: list[dict],
        plan: dict[str, list[Planned]],
        rows: list[dict[str, str]],
        progress=None,
    ):
        """``plan`` and ``rows``: the builder's, to translate the texts it wrote."""
        self.site_texts = texts.english_site_texts()
        self.archetypes = archetypes
        self.plan = plan
        self.rows = {slugify(row["name"]): row for row in rows}
        self.progress = progress or (lambda items, _label: items)

    def build(self, home: Page, pages: dict[str, Page], signatories: list, pillars) -> None:
        for language, share in self.SHARE.items():
            site, initiatives = load("site_texts", language), load("initiatives", language)
            if site is None or initiatives is None:
                continue
            site |= texts.EXTRA[language]
            locale, _ = Locale.objects.get_or_create(language_code=language)
            for pillar in pillars:
                if needs_translation(pillar, locale):
                    translate(
                        pillar,
                        locale,
                        dict(pairs(self._pillar(pillar), site["PILLARS"][pillar.slug])),
                    )
            site_mapping = dict(pairs(self.site_texts, site))
            for page in [home, *pages.values()]:
                if needs_translation(page, locale):
                    translate(page, locale, site_mapping)
            chosen = signatories[:share]
            for signatory in self.progress(chosen, f"Translations ({language})"):
                self._signatory(signatory, locale, site, initiatives)

    @staticmethod
    def _pillar(pillar) -> dict:
        return {"name": pillar.name, "description": pillar.description}

    def _signatory(self, signatory, locale: Locale, site: dict, initiatives: list[dict]) -> None:
        row, planned = self.rows.get(signatory.slug), self.plan.get(signatory.slug, [])
        if row is None:  # not one of the demo's signatories
            return
        language = locale.language_code
        if needs_translation(signatory, locale):
            focus = self.archetypes[planned[0].archetype]["pillars"][0] if planned else None
            english = signatory_texts(row, focus, "en")
            mapping = dict(pairs(english, signatory_texts(row, focus, language)))
            mapping[signatory.title] = title_name(signatory.title, language)
            translate(signatory, locale, mapping)
        by_title = {}
        for item in planned:
            archetype = self.archetypes[item.archetype]
            english = initiative_texts(archetype, archetype, item, row, "en")
            by_title[english["title"]] = (item, english)
        for initiative in signatory.get_children().specific():
            if initiative.title not in by_title or not needs_translation(initiative, locale):
                continue
            item, english = by_title[initiative.title]
            archetype = self.archetypes[item.archetype]
            translated = initiative_texts(
                archetype, initiatives[item.archetype], item, row, language
            )
            translate(initiative, locale, dict(pairs(english, translated)))
