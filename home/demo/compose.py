"""An initiative's texts in one language: its archetype, filled with its own plan.

``initiative_texts`` gives the same structure in every language (the same choices drawn
from the initiative's seed), so that the English and the translated texts pair up string by
string into a wagtail-localize translation (see ``translations.py``).
"""

import random
import re

from . import phrases
from .plan import REFERENCE_DAY, Planned, person, population

# How English place names read in French and German (the demo's translated share).
EXONYMS = {
    "Strasbourg": {"de": "Straßburg"},
    "Munich": {"de": "München"},
    "Cologne": {"de": "Köln"},
    "Naples": {"de": "Neapel"},
    "Turin": {"de": "Turin"},
    "Bologna": {"fr": "Bologne"},
    "Valencia": {"fr": "Valence"},
    "Seville": {"fr": "Séville", "de": "Sevilla"},
    "Lisbon": {"fr": "Lisbonne", "de": "Lissabon"},
    "Ghent": {"fr": "Gand", "de": "Gent"},
    "Liège": {"de": "Lüttich"},
    "Catalonia": {"fr": "la Catalogne", "de": "Katalonien"},  # French regions take an article
    "Warsaw": {"fr": "Varsovie", "de": "Warschau"},
    "Padua": {"fr": "Padoue", "de": "Padua"},
    # Names that take an article in running English text.
    "Azores": {"en": "the Azores"},
    "Basque Country": {"en": "the Basque Country"},
    "South Moravian Region": {"en": "the South Moravian Region"},
    "Central Denmark Region": {"en": "the Central Denmark Region"},
}
MAX_SUMMARY = 400


def local_name(place: str, language: str) -> str:
    return EXONYMS.get(place, {}).get(language, place)


def title_name(place: str, language: str) -> str:
    """The name as a page title: "Catalogne", not "la Catalogne"."""
    return capitalised(re.sub(r"^(la |le |les |l')", "", local_name(place, language)))


def month_year(day, language: str) -> str:
    return f"{phrases.MONTHS[language].split()[day.month - 1]} {day.year}"


def number(value: int, language: str) -> str:
    text = f"{value:,}"
    return {"fr": text.replace(",", "\u202f"), "de": text.replace(",", ".")}.get(language, text)


def rounded(value: float) -> int:
    """Two significant figures, as a report would give them."""
    if value < 100:
        return max(1, round(value))
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


def french(text: str, place: str, region: bool) -> str:
    """Elision before a vowel ("d'Utrecht") and "en" before a region ("en Catalogne")."""
    name = re.escape(place)
    if place[:1].upper() in "AEIOUYHÉÈÎ":
        text = re.sub(rf"\b([Dd])e {name}", rf"\1'{place}", text)
        text = re.sub(rf"\b([Qq])ue {name}", rf"\1u'{place}", text)
    if region:
        bare = re.sub(r"^(la |l')", "", place)
        text = re.sub(rf"\bà {name}", f"en {bare}", text)
        text = re.sub(rf"\bÀ {name}", f"En {bare}", text)
    return text


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentences_capitalised(text: str, place: str) -> str:
    """ "The Azores …", "La Catalogne …" where a sentence begins with a name's article."""
    if not place[:1].islower():
        return capitalised(text)
    pattern = rf"(^|[.!?] ){re.escape(place)}"
    return re.sub(pattern, lambda match: match.group(1) + capitalised(place), text)


class Filler:
    """Fills an archetype's strings in one language with one initiative's draws."""

    def __init__(self, item: Planned, row: dict[str, str], language: str):
        self.item, self.row, self.language = item, row, language
        self.place = local_name(item.place, language)
        rng = random.Random(item.seed)  # the same draws, in the same order, in every language
        self.scale = min(max((population(row) / 100_000) ** 0.6, 0.15), 8) * rng.uniform(0.7, 1.3)
        start = month_year(item.start, language)
        end = month_year(item.end, language) if item.end else ""
        self.values = {
            "start": start,
            "end": end,
            "district": rng.choice(phrases.DISTRICTS)[language],
            "partner": rng.choice(phrases.PARTNERS)[language],
            "count": rng.randint(6, 38),
            "actor": self._actor(),
            "place": self.place,
        }
        self.choices = [rng.random() for _ in range(4)]

    def _actor(self) -> str:
        row, kind = self.row, self.row["type"]
        if kind == "representative":
            return person(row) if self.language == "en" else row["contact_person"]
        acronym = re.search(r"\(([A-Z]{2,})\)$", row["name"])
        if kind == "association" and acronym:
            return acronym.group(1)
        if kind == "association":
            return f"the {row['name']}" if self.language == "en" else row["official_name"]
        return row["name"]

    def pick(self, options: list, number: int):
        return options[int(self.choices[number] * len(options))]

    def fill(self, template: str) -> str:
        text = template.format(**self.values)
        if self.language == "fr":
            text = french(text, self.place, self.row["type"] == "region")
        elif self.language == "en":  # "the {place}" with a place that has its article
            text = re.sub(r"\b([Tt]he) the\b", r"\1", text)
        return capitalised(sentences_capitalised(text, self.place))

    def figures_sentence(self, figures: list[dict]) -> str:
        """The summary's last sentence: the initiative's own first key figure (scaled), so
        the number always fits what it did; a plan states it as its target."""
        if not figures:
            return ""
        lead = FIGURE_LEADS["planned" if self.item.status == "planned" else "done"]
        figure = figures[0]
        return f"{lead[self.language]} {figure['value']} {figure['label']}."

    def lead(self) -> str:
        if self.item.status == "planned":
            return self.fill(self.pick(phrases.PLANNED_LEADS, 1)[self.language])
        return self.fill(self.pick(phrases.LEADS[self.row["type"]], 1)[self.language])

    def closing(self) -> str:
        options = [c for c in phrases.CLOSINGS if self.item.status in c["statuses"]]
        closing = self.pick(options, 2)
        year = REFERENCE_DAY.year + 1
        if closing.get("past"):
            year = min(self.item.start.year + 1, REFERENCE_DAY.year)
        return self.fill(closing[self.language].replace("{year}", str(year)))

    def key_figures(self, figures: list[dict], english: list[dict]) -> list[dict]:
        """The archetype's figures, the counts scaled to this signatory."""
        scaled = []
        for figure, source in zip(figures, english, strict=False):
            value = source["value"].replace(",", "")
            if value.isdigit() and int(value) >= 10:
                figure = {
                    **figure,
                    "value": number(rounded(int(value) * self.scale), self.language),
                }
            scaled.append(figure)
        return scaled


# Before the figure ending a summary: what was done, or what a plan aims at.
FIGURE_LEADS = {
    "done": {"en": "In figures:", "fr": "En chiffres :", "de": "In Zahlen:"},
    "planned": {"en": "The target:", "fr": "L'objectif :", "de": "Das Ziel:"},
}


def initiative_texts(
    english: dict, archetype: dict, item: Planned, row: dict, language: str
) -> dict:
    """The initiative's texts in ``language`` (``archetype`` is ``english`` or its translation)."""
    filler = Filler(item, row, language)
    fill = filler.fill
    summary = fill(archetype["summary"])
    figures = filler.key_figures(
        archetype.get("key_figures") or [], english.get("key_figures") or []
    )
    with_figures = f"{summary} {filler.figures_sentence(figures)}".strip()
    body = [fill(text) for text in archetype["body"]]
    body[0] = f"{filler.lead()} {body[0]}"
    partners = fill(archetype["partners"])
    if row["type"] in ("association", "organisation"):
        town = {"en": "City of {place}", "fr": "Ville de {place}", "de": "Stadt {place}"}
        separator = " ; " if language == "fr" else "; "
        partners = f"{fill(town[language])}{separator}{partners}"
    planned_only_now = item.status == "planned" and english["status"] != "planned"
    return {
        "title": fill(archetype["title"]),
        "summary": with_figures if len(with_figures) <= MAX_SUMMARY else summary[:MAX_SUMMARY],
        "body": [*body, filler.closing()],
        "heading": archetype.get("heading") or "",
        "quote": None if planned_only_now else archetype.get("quote"),
        "key_figures": [] if planned_only_now else figures,
        "target_groups": archetype["target_groups"],
        "partners": partners,
        "results": "" if planned_only_now else fill(archetype["results"]),
    }
