"""Phone numbers in free text: Google's libphonenumber (the ``phonenumbers`` port), the field's
standard, run with the numbering plan of every member state a signatory may come from.

A number in national format ("06 12 34 56 78") is only a number in some countries' plans,
and a text does not say which: the matcher runs once per region and the hits are merged.
Some plans accept very short numbers (Luxembourg's four digits, Andorra's six), so what the
matcher calls valid is also checked against what reads like a count, a year or a range.
"""

import re
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from pact_pages.core.countries import member_state_codes

# The matcher's windows: a slice of a run of digits, the characters around it, and how many
# a text gets at most (a text with hundreds of figures is read in its first 40 runs).
WINDOW, CONTEXT, MAX_WINDOWS = 32, 4, 40
# Below this many digits a hit counts only with a phone word beside it ("Tel. 26 12 34").
MIN_DIGITS = 8
# Harmonised European services of social value (116 000 missing children, 116 111 child
# helplines, 116 123 emotional support) and emergency numbers: public, never a person's.
PUBLIC_SERVICES = re.compile(r"^(116\d{3}|11[0-9]|15|17|18|19|999|911)$")
# Thousands written with spaces, dots, commas or thin spaces: "150 000", "1.234.567".
THOUSANDS = re.compile(r"^\d{1,3}(?:([ .,\u00a0\u202f])\d{3})(?:\1\d{3})*$")
YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d$")
# A file or case number: a year, a slash and a serial ("2023/1456").
REFERENCE = re.compile(r"^(?:19|20)\d\d\s?/\s?\d+$")
# Where a phone number may be: six digits or more with a phone's separators between them.
PHONE_SHAPED = re.compile(r"\+?\(?\d[\d\s().\-/\u00a0\u202f]{4,}\d")
# Words that say a number is a phone number, in the content languages.
PHONE_WORDS = re.compile(
    r"(?:\btel\b|\btél\b|\bteléfono|\btelefon|\btelephone|\btéléphone|\btelefono|\bphone|"
    r"\bmobile\b|\bportable\b|\bhandy\b|\bcellulare|\bcall\b|\bring\b|\btext\b|\bsms\b|"
    r"\bwhatsapp|\bappel|\bappele[rz]|\bjoindre|\bjoignable|\banrufen|\banruf|\berreichbar|"
    r"\bchiama|\bтел\b|\bтелефон|\bзвон|\bмоб\b|\bмобильн|\bfax\b|\bnumber\b|"
    r"\bnuméro\b|\bnummer\b|\bnumero\b|\bномер|☎|📞)",
    re.IGNORECASE,
)
# A unit, a currency or a count after the number: "150 000 residents", "22 000 €".
COUNT_AFTER = re.compile(
    r"^\s*(?:%|‰|€|\$|£|eur\b|euros?\b|chf\b|km\b|m2\b|m²|ha\b|kg\b|pages?\b|people\b|"
    r"children\b|pupils\b|residents\b|inhabitants\b|habitants\b|enfants\b|élèves\b|"
    r"personnes\b|einwohner|kinder\b|personen\b|schüler|abitanti\b|bambini\b|persone\b|"
    r"studenti\b|жител|детей\b|человек\b|учени|рубл)",
    re.IGNORECASE,
)


# A phone-shaped run of digits right after a phone word: numbers of plans outside the member
# states ("тел. 8 (495) 123-45-67") that no region's matcher reads.
AFTER_PHONE_WORD = re.compile(r"[:.]?\s{0,3}(\+?\(?\d[\d\s().\-/]{7,18}\d)")


@cache
def regions(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The numbering plans the matcher runs with: the member states phonenumbers knows."""
    known = phonenumbers.SUPPORTED_REGIONS
    return tuple(code for code in codes if code in known)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _plausible(text: str, start: int, end: int, raw: str) -> bool:
    """Whether a valid number also reads as a phone number here, not as a count or a year."""
    digits = _digits(raw)
    international = raw.lstrip().startswith(("+", "00"))
    if PUBLIC_SERVICES.match(digits):
        return False
    if (YEAR_RANGE.match(raw.strip()) or REFERENCE.match(raw.strip())) and not international:
        return False
    before = text[max(0, start - 40) : start]
    after = text[end : end + 20]
    phone_word = bool(PHONE_WORDS.search(before))
    if COUNT_AFTER.match(after) and not (international or phone_word):
        return False
    if THOUSANDS.match(raw.strip()) and not (international or phone_word):
        return False
    if before.rstrip().endswith(("n°", "No.", "no.", "№", "#", "Art.", "art.")):
        return False
    return international or len(digits) >= MIN_DIGITS or (phone_word and len(digits) >= 6)


def _windows(text: str) -> list[tuple[int, str]]:
    """(offset, passage) of the places a number could be: each phone-shaped run with a few
    characters around it (what the matcher looks at beside a number), long runs in
    overlapping slices, at most ``MAX_WINDOWS`` of them."""
    windows: list[tuple[int, str]] = []
    for run in PHONE_SHAPED.finditer(text):
        if len(_digits(run.group())) < 6:
            continue
        for start in range(run.start(), max(run.end() - WINDOW // 2, run.start() + 1), WINDOW // 2):
            left = max(0, start - CONTEXT)
            right = min(len(text), min(start + WINDOW, run.end()) + CONTEXT)
            windows.append((left, text[left:right]))
            if len(windows) >= MAX_WINDOWS:
                return windows
    return windows


@lru_cache(maxsize=4096)
def _matches(passage: str, codes: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, raw) of the valid numbers in ``passage``, under every plan."""
    found: dict[tuple[int, int], str] = {}
    for region in regions(codes):
        for match in PhoneNumberMatcher(passage, region, leniency=Leniency.VALID):
            found.setdefault((match.start, match.end), match.raw_string)
    return tuple((start, end, raw) for (start, end), raw in found.items())


def phone_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every phone number in ``text``, overlaps merged, in reading order."""
    # The matcher runs once per plan (46): only over the runs of digits where a number
    # could be, never over the whole text (it is slow on long texts full of figures).
    spans: dict[tuple[int, int], str] = {}
    codes = member_state_codes()
    for offset, passage in _windows(text):
        for start, end, raw in _matches(passage, codes):
            spans.setdefault((offset + start, offset + end), raw)
    for word in PHONE_WORDS.finditer(text):
        shaped = AFTER_PHONE_WORD.match(text, word.end())
        if shaped and len(_digits(shaped.group(1))) >= 9:
            spans.setdefault(shaped.span(1), shaped.group(1))
    kept: list[tuple[int, int]] = []
    # Longest first, so a number's tail read alone in another plan folds into the whole.
    for (start, end), raw in sorted(spans.items(), key=lambda item: item[0][0] - item[0][1]):
        if not _plausible(text, start, end, raw):
            continue
        if any(start < other_end and other_start < end for other_start, other_end in kept):
            continue
        kept.append((start, end))
    return sorted(kept)
