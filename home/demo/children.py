"""Versions for children of 30 demo initiatives, a third of them also in French.

Written for readers of about 10 to 13: short sentences, everyday words, one idea at a time;
each text reaches the editor's readability target (pact_pages.initiatives.readability, tested
in tests/test_children_version.py). The French ones are translated through wagtail-localize,
as a translator would, on initiatives whose French translation the demo made already.
Safe to run again: an initiative that has a version for children is left as it is.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from pact_pages.models import InitiativePage

from . import images
from .compose import title_name
from .translations import translate

COUNT = 30
IN_FRENCH = 10
HELPLINE = "116 111"

# By the initiative's first P: (summary, what it means for a child), {place} its signatory.
TEXTS = {
    "en": {
        "prevention": (
            "In {place}, grown-ups learn how to keep children safe. Teachers and coaches "
            "learn to see when a child is not OK. Children learn that their body belongs "
            "to them.",
            "Your body belongs to you. Nobody may touch you in a way that feels wrong. You "
            "can say no. You can tell an adult you trust. It is never your fault.",
        ),
        "protection": (
            "In {place}, there is a safe place for children who have been hurt. Kind people "
            "listen to them. Doctors, police and helpers work together in one house. So the "
            "child tells the story only once.",
            "If someone hurts you, you can get help. People will believe you and listen to "
            "you. You will not be alone. You can call a helpline for free, day and night.",
        ),
        "prosecution": (
            "In {place}, people who hurt children must answer for it. Judges and police learn "
            "how to talk with children. A child can speak in a calm room, with a person they "
            "trust.",
            "The law is on your side. What happened to you matters. If you talk to the "
            "police, a helper can stay with you. You can ask questions at any time.",
        ),
        "participation": (
            "In {place}, children help to make the town safer. They meet in a children's "
            "council. They tell the grown-ups what they need. The grown-ups listen and act.",
            "Your ideas count. You can say what makes you feel safe or not safe. You can "
            "join the council or share your ideas at school.",
        ),
    },
    "fr": {
        "prevention": (
            "À {place}, les adultes apprennent à protéger les enfants. Les profs et les "
            "coachs apprennent à voir quand un enfant ne va pas bien. Les enfants apprennent "
            "que leur corps est à eux.",
            "Ton corps est à toi. Personne n'a le droit de te toucher si cela te gêne. Tu "
            "peux dire non. Tu peux en parler à un adulte de confiance. Ce n'est jamais ta "
            "faute.",
        ),
        "protection": (
            "À {place}, il y a un lieu sûr pour les enfants qui ont eu mal. Des gens gentils "
            "les écoutent. Médecins, police et aidants sont dans la même maison. Ainsi, "
            "l'enfant ne raconte son histoire qu'une fois.",
            "Si quelqu'un te fait du mal, tu peux avoir de l'aide. On va te croire et "
            "t'écouter. Tu ne seras pas seul. Tu peux appeler un numéro d'aide gratuit, de "
            "jour comme de nuit.",
        ),
        "prosecution": (
            "À {place}, ceux qui font du mal aux enfants doivent en répondre. Les juges et la "
            "police apprennent à parler avec les enfants. Un enfant peut parler dans une "
            "salle calme, avec une personne de confiance.",
            "La loi est de ton côté. Ce qui t'est arrivé compte. Si tu parles à la police, "
            "un adulte peut rester avec toi. Tu peux poser des questions quand tu veux.",
        ),
        "participation": (
            "À {place}, les enfants aident à rendre la ville plus sûre. Ils se réunissent "
            "dans un conseil des enfants. Ils disent aux adultes ce dont ils ont besoin. Les "
            "adultes écoutent et agissent.",
            "Tes idées comptent. Tu peux dire ce qui te fait te sentir en sécurité ou pas. "
            "Tu peux rejoindre le conseil ou donner tes idées à l'école.",
        ),
    },
}


def texts_for(initiative: InitiativePage, place: str, language: str) -> tuple[str, str]:
    """(summary, meaning) for children of ``initiative`` of the signatory ``place``."""
    links = list(initiative.pillar_links.select_related("pillar").order_by("sort_order"))
    slug = links[0].pillar.slug if links else "prevention"
    summary, meaning = TEXTS[language][slug]
    name = title_name(place, language) if language != "en" else place
    return summary.format(place=name), meaning


def build_children_versions(collection: Collection, count: int = COUNT) -> int:
    """Gives ``count`` English demo initiatives a version for children, IN_FRENCH of them
    also in French; returns how many English initiatives have one.

    Chosen among the initiatives translated into French alone, then those not translated at
    all: a German translation would get the English text (the demo has no German one).
    """
    english = InitiativePage.objects.filter(locale__language_code="en", alias_of__isnull=True)
    needed = max(0, count - english.exclude(children_summary="").count())
    languages = _translated_languages()
    candidates = list(english.filter(children_summary="").live().order_by("path"))
    french_only = [page for page in candidates if languages.get(page.translation_key) == {"fr"}]
    untranslated = [page for page in candidates if page.translation_key not in languages]
    others = [page for page in candidates if page not in french_only + untranslated]
    chosen = french_only[: min(IN_FRENCH, needed)]
    chosen += (untranslated + others)[: needed - len(chosen)]
    for page in chosen:
        _add_version(page, collection)
    return english.exclude(children_summary="").count()


def _translated_languages() -> dict:
    """translation key → the languages an initiative is translated into (not aliases)."""
    rows = InitiativePage.objects.filter(alias_of__isnull=True).exclude(locale__language_code="en")
    languages: dict = {}
    for key, code in rows.values_list("translation_key", "locale__language_code"):
        languages.setdefault(key, set()).add(code)
    return languages


@transaction.atomic
def _add_version(page: InitiativePage, collection: Collection) -> None:
    place = page.get_parent().title
    summary, meaning = texts_for(page, place, "en")
    colours = [link.pillar.colour for link in page.pillar_links.select_related("pillar")]
    title = f"Picture for children: {page.title}"
    Image = get_image_model()
    picture = Image.objects.filter(title=title, collection=collection).first()
    if picture is None:
        drawn = images.illustration(
            colours or ["#1d5fa8"],
            ["helpline", "children's council"],
            page.pk + 7,
            f"kids-{page.pk}.png",
        )
        picture = Image.objects.create(title=title, file=drawn, collection=collection)
    page.children_summary = summary
    page.children_meaning = meaning
    page.children_helpline = HELPLINE
    page.children_image = picture
    page.save_revision().publish()
    # Its translations follow (none is left out of date): the French one in French.
    for translation in page.get_translations().filter(alias_of__isnull=True):
        language = translation.locale.language_code
        mapping = {}
        if language in TEXTS:
            summary_there, meaning_there = texts_for(page, place, language)
            mapping = {summary: summary_there, meaning: meaning_there}
        translate(page, translation.locale, mapping)
