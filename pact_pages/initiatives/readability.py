"""How easy a text for children is to read: a Flesch reading-ease score (``textstat``) in
the languages it has a formula for, with a target, shown to editors as guidance only.

Each language's score is its own adaptation of Flesch's formula, on the same 0–100 scale
(higher is easier): Flesch (en), Kandel & Moles (fr), Amstad (de), Flesch–Vacca (it),
Fernández Huerta (es), Douma (nl), Oborneva (ru). textstat has no formula of its own for
Polish (it would apply the English one) nor for the other site languages: those get no score.

70 is "fairly easy" on every one of these scales (a text for readers of 12 or 13): the
target of a page written for children. Nothing here refuses a save: a score is an estimate,
and a short, clear text can score low (a name, a helpline number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Languages with their own reading-ease formula in textstat (LANG_CONFIGS' "fre_base").
SCORED_LANGUAGES = ("en", "fr", "de", "it", "es", "nl", "ru")
TARGET = 70
# Fewer words than this and no score is given: a few words say nothing of a text.
MIN_WORDS = 8
# Beyond these, the guidance names the cause (averages of texts scoring about 70).
LONG_SENTENCE = 14
LONG_WORD_SYLLABLES = 3

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Readability:
    language: str
    score: float | None  # None: no formula for the language, or too short a text
    target: int
    words: int
    words_per_sentence: float
    long_words: int  # words of LONG_WORD_SYLLABLES syllables or more

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def meets_target(self) -> bool:
        return self.score is not None and self.score >= self.target

    @property
    def level(self) -> str:
        """ "good", "close" (within 15 points) or "hard"; "none" when not scored."""
        if self.score is None:
            return "none"
        if self.score >= self.target:
            return "good"
        return "close" if self.score >= self.target - 15 else "hard"

    @property
    def message(self) -> str:
        if self.score is None and self.language not in SCORED_LANGUAGES:
            return str(_("No readability score is available for this language."))
        if self.score is None:
            return str(_("Write a few sentences to get a readability score."))
        if self.meets_target:
            return str(_("Easy to read for children: well done."))
        return str(_("This may be hard for children to read. Aim for the target."))

    @property
    def tips(self) -> list[str]:
        """What to change, when the score is below the target."""
        if self.score is None or self.meets_target:
            return []
        tips = []
        if self.words_per_sentence > LONG_SENTENCE:
            tips.append(str(_("Use shorter sentences: one idea per sentence.")))
        if self.long_words:
            tips.append(str(_("Use shorter, everyday words where you can.")))
        return tips or [str(_("Use shorter sentences and everyday words."))]


def _language(code: str) -> str:
    return (code or "").replace("_", "-").split("-")[0].lower()


def _textstat(language: str):
    import textstat

    _offline_syllables()
    textstat.set_lang(language)
    return textstat


def _offline_syllables() -> None:
    """textstat reads English syllables from NLTK's CMU dictionary and downloads it when it is
    missing: never from a web request (no network, or a long wait). Without the data,
    English syllables come from pyphen's hyphenation dictionary, as for the other languages
    (textstat's own fallback for a word the dictionary lacks)."""
    from textstat.backend.counts import _count_syllables

    if getattr(_count_syllables, "_pact_offline", False):
        return
    original = _count_syllables.get_cmudict

    def get_cmudict(lang: str):
        import nltk

        try:
            nltk.data.find("corpora/cmudict")
        except LookupError:
            return None
        return original(lang)

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables._pact_offline = True


def assess(text: str, language: str) -> Readability:
    """The readability of ``text`` written in ``language`` (a language code)."""
    language = _language(language)
    words = _WORD.findall(text or "")
    if language not in SCORED_LANGUAGES or len(words) < MIN_WORDS:
        return Readability(language, None, TARGET, len(words), 0.0, 0)
    stats = _textstat(language)
    score = max(0.0, min(100.0, float(stats.flesch_reading_ease(text))))
    long_words = sum(1 for word in words if stats.syllable_count(word) >= LONG_WORD_SYLLABLES)
    sentences = max(1, stats.sentence_count(text))
    return Readability(
        language=language,
        score=round(score, 1),
        target=TARGET,
        words=len(words),
        words_per_sentence=round(len(words) / sentences, 1),
        long_words=long_words,
    )


def children_text(page) -> str:
    """The text of an initiative's version for children that readers read in one go."""
    parts = (getattr(page, "children_summary", ""), getattr(page, "children_meaning", ""))
    return "\n\n".join(part.strip() for part in parts if part and part.strip())
