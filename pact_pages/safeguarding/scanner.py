"""The safeguarding check: where a text names a child, or gives a phone number, an e-mail
address, a date of birth or a shelter's address (issue 19, docs/safeguarding.md).

``scan_text`` is pure (no database): the editor's panel, the moderator's review and the
figures command (``manage.py safeguarding_figures``) all call it. A finding is a pointer for a
person to check, never a refusal: public helplines and a town hall's address are fine.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import patterns
from .phones import phone_spans

KINDS = ("phone", "email", "child_age", "birth_date", "address")
LANGUAGES = ("en", "fr", "de", "it", "ru")
MESSAGES: dict[str, Promise] = {
    "phone": _("A phone number: keep it only if it is a service's public line, not a person's."),
    "email": _("An e-mail address: keep it only if it is a service's public address."),
    "child_age": _("A child named with an age or a school class: no child may be recognisable."),
    "birth_date": _("A date of birth: remove it, it identifies a person."),
    "address": _("A street address next to a shelter: its location must stay secret."),
}
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b",
    re.IGNORECASE,
)
# Capitalised words that stand before a number without being a child's name.
NOT_NAMES = frozenset(
    """
    article articles art section chapter paragraph annex room level page phase step stage year
    years grade class classe klasse point item table figure objective goal priority line bus
    route gate hall building floor salle raum saal aula zimmer stanza kapitel absatz artikel
    paragraf ziffer nummer numéro numero punkt seite etage tome volume edition ausgabe round
    session module unit lesson workshop workshops schools towns regions children pupils
    participants kinder schulen jugendliche teilnehmende gemeinden enfants élèves écoles
    bambini scuole ragazzi дети школы статья глава пункт раздел часть том класс этап шаг
    lanzarote convention pact pillar prevention protection prosecution participation total
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi
    samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag lunedì martedì
    mercoledì giovedì venerdì sabato domenica понедельник вторник среда четверг пятница
    суббота воскресенье via rue strada piazza corso platz straße улица ул
    """.split()
    + patterns.MONTHS["en"].split("|")
    + patterns.MONTHS["fr"].split("|")
    + patterns.MONTHS["de"].split("|")
    + patterns.MONTHS["it"].split("|")
    + patterns.MONTHS["ru"].split("|")
)
# Words that describe a child without naming one ("Pupil, 12", "Mitglied des Forums, 12
# Jahre"): anonymised attributions are the practice to encourage, not a finding. A longer
# word also counts as a German compound's end ("Kinderschutz-Botschafterin").
ROLES = frozenset(
    """
    pupil child girl boy student teenager teen youth kid participant member volunteer
    ambassador survivor filmmaker mother father parent son daughter brother sister victim
    adolescent schoolgirl schoolboy
    élève enfant fille garçon jeune adolescent adolescente collégien collégienne lycéen
    lycéenne écolier écolière membre ambassadeur ambassadrice victime participant
    participante cinéaste survivant survivante mère père fils sœur frère
    schüler schülerin kind mädchen junge jugendliche jugendlicher teilnehmer teilnehmerin
    mitglied botschafter botschafterin filmemacher filmemacherin betroffene betroffener opfer
    sohn tochter bruder schwester mutter vater
    alunno alunna bambino bambina ragazzo ragazza studente studentessa giovane adolescente
    membro partecipante vittima figlio figlia fratello sorella madre padre ambasciatore
    ambasciatrice
    ученик ученица школьник школьница девочка мальчик ребёнок ребенок подросток участник
    участница член сын дочь брат сестра мама папа жертва девочку девочке девочки мальчика
    мальчику ребёнка ребенка подростка ученицу ученика школьницу школьника
    """.split()
)
# An article before a capitalised word makes it a noun, not a first name: "des Forums, 12
# Jahre", "aus der Testgruppe, 13 Jahre", "the Group, 12". Prepositions alone do not ("von
# Ida", "with Anna"); those fused with an article do ("vom", "zur", "della").
DETERMINERS = frozenset(
    """
    the their this these those its
    le la les l' l’ un une du des au aux leur leurs ce cette ces
    der die das dem den des ein eine einer eines einem einen vom zum zur im am
    beim
    il lo gli i un una uno del della dello dei degli delle al alla
    """.split()
)
# Endings of German (and French, Italian) nouns that no first name has: "Prozessbegleitung".
NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "zione", "ement")
# A word before the "name" that makes it a street or a reference: "Via Roma, 12", "Art. 12".
STREET_BEFORE = re.compile(
    r"(?:\b(?:via|viale|piazza|corso|largo|rue|avenue|place|boulevard|quai|straße|strasse|"
    r"platz|street|road|square|ул\.?|улица|площадь|пл\.|проспект|пр\.|переулок|пер\.|"
    r"бульвар|article|art\.|artikel|articolo|статья|§)\s*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "phone" | "email" | "child_age" | "birth_date" | "address"
    start: int
    end: int
    text: str  # the matched passage

    @property
    def message(self) -> Promise:
        """What the finding is and what to check, in the reader's language."""
        return MESSAGES[self.kind]


def _languages(languages: Sequence[str] | None) -> tuple[str, ...]:
    """The check's languages among ``languages`` ("fr-ch" counts as "fr"); all when none is."""
    wanted = tuple(dict.fromkeys(code.split("-")[0].lower() for code in languages or ()))
    return tuple(code for code in wanted if code in LANGUAGES) or LANGUAGES


@cache
def _compiled(languages: tuple[str, ...]) -> dict[str, list[re.Pattern]]:
    return {
        "child_trigger": [patterns.child_trigger(list(languages))],
        "child_age": [p for lang in languages for p in patterns.child_patterns(lang)],
        "birth_date": [p for lang in languages for p in patterns.birth_patterns(lang)],
        "address": [patterns.address_pattern(lang) for lang in languages],
        "shelter": [patterns.shelter_pattern(list(languages))],
    }


def _is_role(word: str) -> bool:
    word = word.casefold()
    return word in ROLES or any(len(role) >= 6 and word.endswith(role) for role in ROLES)


def _is_name(text: str, match: re.Match) -> bool:
    """Whether the pattern's ``name`` is a first name: capitalised, not a month, a role, a
    street or a noun after a determiner."""
    name, start = match.group("name"), match.start("name")
    if not (name[0].isupper() and not name.isupper()) or name.casefold() in NOT_NAMES:
        return False
    initial = match.groupdict().get("initial")
    if initial and not initial.isupper():
        return False
    if _is_role(name) or name.casefold().endswith(NOUN_ENDINGS):
        return False
    before = text[max(0, start - 24) : start]
    if STREET_BEFORE.search(before[-14:]):
        return False
    previous = before.split()[-1:] or [""]
    return previous[0].casefold() not in DETERMINERS


def _children(text: str, compiled: dict[str, list[re.Pattern]]) -> list[tuple[int, int]]:
    if not compiled["child_trigger"][0].search(text):
        return []
    spans = []
    for pattern in compiled["child_age"]:
        position = 0
        # Not finditer: a match refused for its name ("Als wir Emma…") must not hide a
        # match that starts inside it, so the search goes on from the refused name.
        while match := pattern.search(text, position):
            if _is_name(text, match):
                spans.append(match.span("hit"))
                position = match.end()
            else:
                position = match.start("name") + 1
    return spans


def _addresses(text: str, compiled: dict[str, list[re.Pattern]]) -> list[tuple[int, int]]:
    """Street addresses with a shelter's word within 200 characters of them."""
    spans = []
    for pattern in compiled["address"]:
        for match in pattern.finditer(text):
            start, end = match.span("hit")
            near = text[max(0, start - 200) : end + 200]
            if compiled["shelter"][0].search(near):
                spans.append((start, end))
    return spans


def _merge(kind: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping passages of one kind as one (the widest)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def scan_text(text: str, languages: Sequence[str] | None = None) -> list[Finding]:
    """Every passage of ``text`` a moderator should check, in reading order.

    ``languages``: the languages whose wording to read (children, dates, addresses); phone
    numbers and e-mail addresses are found whatever the language. None: every language the
    check knows (en, fr, de, it, ru).
    """
    if not text or not text.strip():
        return []
    compiled = _compiled(_languages(languages))
    found: dict[str, list[tuple[int, int]]] = {
        "email": [match.span() for match in EMAIL.finditer(text)],
        "child_age": _children(text, compiled),
        "birth_date": [
            match.span("hit")
            for pattern in compiled["birth_date"]
            for match in pattern.finditer(text)
        ],
        "address": _addresses(text, compiled),
    }
    taken = [span for spans in found.values() for span in spans]
    # A number inside a date of birth or an address is not a phone number of its own.
    found["phone"] = [
        (start, end)
        for start, end in phone_spans(text)
        if not any(start < other_end and other_start < end for other_start, other_end in taken)
    ]
    findings = [
        Finding(kind, start, end, text[start:end])
        for kind in KINDS
        for start, end in _merge(kind, found[kind])
    ]
    return sorted(findings, key=lambda finding: (finding.start, finding.end, finding.kind))
