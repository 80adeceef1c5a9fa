"""Measures the safeguarding check (docs/safeguarding.md): recall and precision on the
labelled corpus, false alarms on a site's texts; ``--write`` puts the figures in the docs.

    manage.py safeguarding_figures --texts home.demo.safeguarding.sample_texts \
        --write docs/safeguarding.md
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from pact_pages.safeguarding import figures

DEFAULT_CORPUS = Path("tests/data/safeguarding/corpus.jsonl")


class Command(BaseCommand):
    help = "Measures the safeguarding check: recall on the corpus, false alarms on texts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=DEFAULT_CORPUS,
            help=f"The labelled sentences, JSON lines (default: {DEFAULT_CORPUS}).",
        )
        parser.add_argument(
            "--texts",
            default="",
            help="Dotted path of a function giving (group, page, text) triples, e.g. "
            "home.demo.safeguarding.sample_texts (the demo's texts, no database needed). "
            "Default: every live page in the database.",
        )
        parser.add_argument("--write", type=Path, help="Markdown file whose figures to rewrite.")
        parser.add_argument("--details", action="store_true", help="List misses and false alarms.")

    def handle(self, *args, corpus: Path, texts: str, write: Path | None, details: bool, **kw):
        if not corpus.exists():
            raise CommandError(f"No corpus at {corpus}: run from the project's directory.")
        started = time.perf_counter()
        corpus_figures = figures.measure_corpus(figures.load_corpus(corpus))
        try:
            source = import_string(texts) if texts else figures.live_page_texts
        except ImportError as error:
            raise CommandError(f"--texts {texts}: {error}") from error
        sample_name = f"`{texts}`" if texts else "the live pages in the database"
        sample = figures.measure_texts(source())
        body = figures.table(corpus_figures, sample, sample_name)
        self.stdout.write(body)
        if details:
            self.stdout.write("\nMissed:\n  " + "\n  ".join(corpus_figures.misses or ["none"]))
            self.stdout.write(
                "\nFalse alarms in the corpus:\n  "
                + "\n  ".join(corpus_figures.false_alarms or ["none"])
            )
            self.stdout.write(
                "\nFlagged texts:\n  " + "\n  ".join(sample.examples[:50] or ["none"])
            )
        self.stdout.write(f"\n({time.perf_counter() - started:.1f} s)")
        if write:
            try:
                figures.rewrite_section(write, body)
            except (OSError, ValueError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Figures written to {write}.")
