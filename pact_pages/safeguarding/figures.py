"""How well the safeguarding check works, measured (``manage.py safeguarding_figures``).

Two measures, as issue 19 asks: recall and precision on a labelled corpus (sentences written
for the purpose, each with the passages a moderator should see), and the false-alarm rate on
a site's ordinary texts (the share of texts, and of pages, with any finding at all).
"""

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps

from .page_scan import page_texts
from .scanner import KINDS, Finding, scan_text

# Issue 19's targets: recall per kind, and the most false alarms on ordinary texts.
RECALL_TARGETS = {"phone": 0.95, "email": 0.95, "child_age": 0.85}
FALSE_ALARM_TARGET = 0.05
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


@dataclass
class KindFigures:
    expected: int = 0  # labelled passages
    recalled: int = 0  # labelled passages a finding of the kind overlaps
    flagged: int = 0  # findings
    correct: int = 0  # findings that overlap a labelled passage of the kind

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.flagged if self.flagged else 1.0


@dataclass
class CorpusFigures:
    sentences: int = 0
    negatives: int = 0  # sentences without a labelled passage
    negatives_flagged: int = 0
    languages: Counter = field(default_factory=Counter)
    kinds: dict[str, KindFigures] = field(default_factory=lambda: defaultdict(KindFigures))
    misses: list[str] = field(default_factory=list)  # "id: kind «passage»" not found
    false_alarms: list[str] = field(default_factory=list)  # findings with no label


@dataclass
class SampleFigures:
    texts: Counter = field(default_factory=Counter)  # group -> texts
    flagged: Counter = field(default_factory=Counter)  # group -> texts with a finding
    pages: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    flagged_pages: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    examples: list[str] = field(default_factory=list)

    def rate(self, group: str | None = None) -> float:
        texts = self.texts[group] if group else sum(self.texts.values())
        flagged = self.flagged[group] if group else sum(self.flagged.values())
        return flagged / texts if texts else 0.0

    def page_rate(self, group: str | None = None) -> float:
        groups = [group] if group else list(self.pages)
        pages = sum(len(self.pages[name]) for name in groups)
        flagged = sum(len(self.flagged_pages[name]) for name in groups)
        return flagged / pages if pages else 0.0


def load_corpus(path: Path) -> list[dict]:
    """The labelled sentences: one JSON object a line, {id, lang, text, expected: [{kind,
    text}]}."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


def measure_corpus(samples: Iterable[dict]) -> CorpusFigures:
    """Recall and precision per kind; a finding counts when it overlaps a labelled passage of
    its kind (the moderator's eye is drawn to the right place)."""
    figures = CorpusFigures()
    for sample in samples:
        text, expected = sample["text"], sample["expected"]
        findings = scan_text(text)
        figures.sentences += 1
        figures.languages[sample["lang"]] += 1
        if not expected:
            figures.negatives += 1
            figures.negatives_flagged += bool(findings)
        labelled = [(item["kind"], text.find(item["text"]), item["text"]) for item in expected]
        for kind, start, passage in labelled:
            kind_figures = figures.kinds[kind]
            kind_figures.expected += 1
            end = start + len(passage)
            if any(f.kind == kind and _overlaps(f, start, end) for f in findings):
                kind_figures.recalled += 1
            else:
                figures.misses.append(f"{sample['id']}: {kind} «{passage}»")
        for finding in findings:
            kind_figures = figures.kinds[finding.kind]
            kind_figures.flagged += 1
            if any(
                kind == finding.kind and _overlaps(finding, start, start + len(passage))
                for kind, start, passage in labelled
            ):
                kind_figures.correct += 1
            else:
                figures.false_alarms.append(f"{sample['id']}: {finding.kind} «{finding.text}»")
    return figures


def measure_texts(samples: Iterable[tuple[str, str, str]]) -> SampleFigures:
    """The share of texts ((group, page, text) triples) and of pages with any finding."""
    figures = SampleFigures()
    for group, page, text in samples:
        findings = scan_text(text)
        figures.texts[group] += 1
        figures.pages[group].add(page)
        if findings:
            figures.flagged[group] += 1
            figures.flagged_pages[group].add(page)
            passages = ", ".join(f"{f.kind} «{f.text}»" for f in findings)
            figures.examples.append(f"{group} / {page}: {passages}")
    return figures


def live_page_texts() -> Iterator[tuple[str, str, str]]:
    """(page type, page, text) of every live page of the site, as the check reads them."""
    page_model = apps.get_model("wagtailcore", "Page")
    for page in page_model.objects.live().specific().iterator(chunk_size=200):
        group = str(type(page)._meta.verbose_name)
        for _field, _label, _block, text in page_texts(page):
            yield group, f"{page.pk}", text


def _percent(value: float) -> str:
    return f"{value * 100:.1f} %"


def table(corpus: CorpusFigures, sample: SampleFigures, sample_name: str) -> str:
    """The figures as Markdown tables."""
    languages = ", ".join(f"{code} {count}" for code, count in sorted(corpus.languages.items()))
    lines = [
        f"Corpus: {corpus.sentences} sentences ({languages}); {corpus.negatives} without "
        f"personal data, of which {corpus.negatives_flagged} flagged.",
        "",
        "| Kind | Labelled | Found | Recall | Target | Findings | Precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in KINDS:
        figures = corpus.kinds[kind]
        target = RECALL_TARGETS.get(kind)
        lines.append(
            f"| {kind} | {figures.expected} | {figures.recalled} | {_percent(figures.recall)} "
            f"| {'≥ ' + _percent(target) if target else '–'} | {figures.flagged} "
            f"| {_percent(figures.precision)} |"
        )
    lines += [
        "",
        f"False alarms on {sample_name} (target ≤ {_percent(FALSE_ALARM_TARGET)}):",
        "",
        "| Texts of | Texts | Flagged | Rate | Pages | Pages flagged | Rate |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group in sorted(sample.texts):
        lines.append(
            f"| {group} | {sample.texts[group]} | {sample.flagged[group]} "
            f"| {_percent(sample.rate(group))} | {len(sample.pages[group])} "
            f"| {len(sample.flagged_pages[group])} | {_percent(sample.page_rate(group))} |"
        )
    total_pages = sum(len(pages) for pages in sample.pages.values())
    total_flagged = sum(len(pages) for pages in sample.flagged_pages.values())
    lines.append(
        f"| all | {sum(sample.texts.values())} | {sum(sample.flagged.values())} "
        f"| {_percent(sample.rate())} | {total_pages} | {total_flagged} "
        f"| {_percent(sample.page_rate())} |"
    )
    return "\n".join(lines)


def rewrite_section(path: Path, body: str) -> None:
    """Replaces what stands between the figures markers of ``path`` with ``body``."""
    text = Path(path).read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise ValueError(f"{path} has no {START} … {END} section to rewrite.")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    replaced = pattern.sub(lambda _match: f"{START}\n{body}\n{END}", text, count=1)
    Path(path).write_text(replaced, encoding="utf-8")
