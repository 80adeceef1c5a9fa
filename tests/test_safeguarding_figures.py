"""The safeguarding check's figures (issue 19, docs/safeguarding.md): the labelled corpus
keeps its size and the targets hold on it and on the demo's texts, so that a change of the
patterns that loses recall or adds false alarms fails here; and the command that writes them."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from home.demo.safeguarding import sample_texts
from pact_pages.safeguarding import figures
from tests.factories import InitiativePageFactory

CORPUS = Path(__file__).parent / "data" / "safeguarding" / "corpus.jsonl"


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return figures.load_corpus(CORPUS)


def test_the_corpus_is_labelled_in_five_languages(corpus):
    assert len(corpus) >= 300
    languages = {sample["lang"] for sample in corpus}
    assert languages == {"en", "fr", "de", "it", "ru"}
    for language in languages:
        samples = [sample for sample in corpus if sample["lang"] == language]
        assert len(samples) >= 60
        assert sum(bool(s["expected"]) for s in samples) >= 25  # with personal data
        assert sum(not s["expected"] for s in samples) >= 30  # and without
    assert len({sample["id"] for sample in corpus}) == len(corpus)
    for sample in corpus:
        for item in sample["expected"]:
            assert item["kind"] in ("phone", "email", "child_age", "birth_date", "address")
            assert item["text"] in sample["text"], sample["id"]


def test_recall_and_false_alarms_on_the_corpus_meet_the_targets(corpus):
    measured = figures.measure_corpus(corpus)
    for kind, target in figures.RECALL_TARGETS.items():
        assert measured.kinds[kind].expected >= 20, kind
        assert measured.kinds[kind].recall >= target, (kind, measured.misses)
    for kind in ("birth_date", "address"):
        assert measured.kinds[kind].recall >= 0.85, (kind, measured.misses)
    assert measured.negatives_flagged / measured.negatives <= figures.FALSE_ALARM_TARGET, (
        measured.false_alarms
    )


def test_false_alarms_on_the_demos_texts_stay_under_five_percent():
    measured = figures.measure_texts(sample_texts())
    assert sum(measured.texts.values()) > 5000
    assert {"initiatives", "signatories", "site pages"} <= set(measured.texts)
    assert measured.rate() <= figures.FALSE_ALARM_TARGET, measured.examples[:20]
    assert measured.page_rate("initiatives") <= figures.FALSE_ALARM_TARGET, measured.examples[:20]


def test_a_flagged_text_counts_for_its_page():
    measured = figures.measure_texts(
        [
            ("stories", "a", "Anna, 12, told her teacher."),
            ("stories", "a", "The club trained 40 coaches."),
            ("stories", "b", "In 2023, 12 schools joined."),
        ]
    )
    assert (measured.texts["stories"], measured.flagged["stories"]) == (3, 1)
    assert measured.rate("stories") == pytest.approx(1 / 3)
    assert measured.page_rate("stories") == pytest.approx(1 / 2)


def test_the_command_writes_its_figures_into_the_docs(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "en-1", "lang": "en", "text": "Call Dan on 07911 123456.", '
        '"expected": [{"kind": "phone", "text": "07911 123456"}]}\n'
        '{"id": "en-2", "lang": "en", "text": "Anna, 12, spoke.", "expected": []}\n',
        encoding="utf-8",
    )
    doc = tmp_path / "safeguarding.md"
    doc.write_text(
        f"# Title\n\nBefore.\n\n{figures.START}\nold figures\n{figures.END}\n\nAfter.\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command(
        "safeguarding_figures",
        corpus=corpus,
        texts="tests.test_safeguarding_figures.two_texts",
        write=doc,
        stdout=out,
    )
    written = doc.read_text(encoding="utf-8")
    assert "old figures" not in written
    assert written.startswith("# Title\n\nBefore.") and written.endswith("After.\n")
    assert "| phone | 1 | 1 | 100.0 % | ≥ 95.0 % | 1 | 100.0 % |" in written
    assert "| child_age | 0 | 0 |" in written  # the false alarm: a finding, no label
    assert "| demo | 2 | 1 | 50.0 % | 2 | 1 | 50.0 % |" in written
    assert "2 sentences" in out.getvalue() and "1 flagged" in out.getvalue()


def two_texts():
    """A --texts source for the command's test."""
    return [("demo", "p1", "Léa, 10 ans, a dessiné."), ("demo", "p2", "Le 116 111 répond.")]


def test_the_command_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="No corpus"):
        call_command("safeguarding_figures", corpus=tmp_path / "none.jsonl", stdout=StringIO())
    with pytest.raises(CommandError, match="--texts"):
        call_command(
            "safeguarding_figures", corpus=CORPUS, texts="home.nowhere.texts", stdout=StringIO()
        )
    doc = tmp_path / "plain.md"
    doc.write_text("# No figures section\n", encoding="utf-8")
    with pytest.raises(CommandError, match="figures:start"):
        call_command(
            "safeguarding_figures",
            corpus=CORPUS,
            texts="tests.test_safeguarding_figures.two_texts",
            write=doc,
            stdout=StringIO(),
        )


@pytest.mark.django_db
def test_without_texts_the_command_reads_the_live_pages(signatory):
    InitiativePageFactory(parent=signatory, summary="Anna, 12, told her coach.")
    InitiativePageFactory(parent=signatory, summary="Tom (9) drew it.", live=False)
    out = StringIO()
    call_command("safeguarding_figures", corpus=CORPUS, stdout=out)
    row = next(line for line in out.getvalue().splitlines() if line.startswith("| initiative"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[4:6] == ["1", "1"]  # one live initiative, flagged; the draft is not read
