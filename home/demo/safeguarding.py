"""The demo's texts as the safeguarding check's false-alarm sample, built without a database.

``manage.py safeguarding_figures --texts home.demo.safeguarding.sample_texts`` scans them
(docs/safeguarding.md): every text the demo loader writes into initiatives (title, summary,
body paragraphs, heading, quote and its attribution, key figures, target groups, partners,
results, picture caption), signatory profiles (introduction, body, commitments) and the site's
own pages, in English and in the French and German versions of the same texts; the
children's versions' texts (each P's, with their helpline) and the events' titles and
summaries. Signatories' contact e-mail addresses are left out: they are contact fields, not
text (the check skips e-mail fields).
"""

import html
import re
from collections.abc import Iterator

from django.utils.text import slugify

from . import children, events, texts
from .compose import initiative_texts
from .profiles import signatory_texts
from .sources import demo_plan, read_initiatives, read_signatories
from .translations import load

LANGUAGES = ("en", "fr", "de")
TAG = re.compile(r"<[^>]+>")


def _leaves(value) -> Iterator[str]:
    """Every string of a nested structure, HTML paragraphs one by one, tags stripped."""
    if isinstance(value, str):
        paragraphs = re.findall(r"<p>(.*?)</p>", value, re.DOTALL) or [value]
        for paragraph in paragraphs:
            text = html.unescape(TAG.sub("", paragraph)).strip()
            if text:
                yield text
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)


def _initiative(content: dict) -> Iterator[str]:
    for key in ("title", "summary", "body", "heading", "target_groups", "partners", "results"):
        yield from _leaves(content[key])
    yield from _leaves(content["quote"] or {})
    for figure in content["key_figures"]:
        yield f"{figure['value']} {figure['label']}"
    yield content["title"]  # the caption of its picture


def sample_texts() -> Iterator[tuple[str, str, str]]:
    """(group, page, text): one text as the check sees it (a field or a block's text)."""
    english = read_initiatives()
    archetypes = {"en": english} | {
        language: load("initiatives", language) for language in LANGUAGES[1:]
    }
    plan = demo_plan()
    for row in read_signatories():
        planned = plan[slugify(row["name"])]
        focus = english[planned[0].archetype]["pillars"][0] if planned else None
        for language in LANGUAGES:
            profile = signatory_texts(row, focus, language)
            page = f"{row['name']} ({language})"
            for text in _leaves([row["name"], profile["introduction"], profile["body"]]):
                yield "signatories", page, text
            for text in _leaves(profile["commitments"]):
                yield "signatories", page, text
            for item in planned:
                archetype = archetypes[language][item.archetype]
                content = initiative_texts(english[item.archetype], archetype, item, row, language)
                for text in _initiative(content):
                    yield "initiatives", f"{content['title']} ({language})", text
    for language, by_pillar in children.TEXTS.items():
        for pillar, (summary, meaning) in by_pillar.items():
            page = f"children's version, {pillar} ({language})"
            for text in (summary.format(place="Strasbourg"), meaning, children.HELPLINE):
                yield "children's versions", page, text
    for number, (title, summary, _pillars, _attendance) in enumerate(events.KINDS):
        for text in (title.format(place="Strasbourg"), summary):
            yield "events", f"event {number}", text
    for language, (title, summary) in events.TRANSLATED.items():
        yield "events", f"European Day ({language})", title
        yield "events", f"European Day ({language})", summary
    yield "events", "European Day (en)", events.DAY_TITLE
    yield "events", "European Day (en)", events.DAY_SUMMARY
    site = {"en": texts.english_site_texts()} | {
        language: load("site_texts", language) for language in LANGUAGES[1:]
    }
    for language, values in site.items():
        for text in _leaves(values):
            yield "site pages", f"site ({language})", text
