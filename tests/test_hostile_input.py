"""Pathological abstracts: every one under the size limit ends as a record or an error
record within its time budget, and the papers around it are written.

The shapes come from the reliability probe (issue 13: a "sentence" of thousands of
numbers, lists of names, LaTeX, brackets) plus long runs of numbers, brackets, hyphens,
URLs, unicode combining marks and text with no full stop. The only clock assertions are
generous limits around a small budget, never timings of normal input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from extractor import extract_many
from extractor._text import clean
from extractor.cli import main
from extractor.components._sentences import MAX_SENTENCE_CHARS, find_sentences
from extractor_schemas import ErrorRecord, PaperRecord

BUDGET = 1.0
# What the harness allows one abstract on top of its budget (process load, clean-up).
SLACK = 20.0
SIZE = 20_000


def _repeat(piece: str, size: int = SIZE) -> str:
    return (piece * (size // len(piece) + 1))[:size].strip()


def _words(piece: str, size: int = SIZE) -> str:
    """``piece`` repeated into 900-character words (runs over 1,000 are refused)."""
    return _repeat(_repeat(piece, 900) + " ", size)


COMBINING = "a" + "\u0301\u0323" * 15

SHAPES: dict[str, Callable[[], str]] = {
    # from the probe (its slowest shapes)
    "mmlu_pct": lambda: _repeat("MMLU 1% "),
    "on_mmlu_pct": lambda: _repeat("on MMLU and 5% "),
    "respectively": lambda: _repeat("85.7% and 86.1% on ImageNet and COCO respectively, "),
    "bleu_wmt": lambda: _repeat("42.0 BLEU on WMT14 and "),
    "outperforms": lambda: _repeat("outperforms GPT-4 by 2.1 points on MMLU and "),
    "reaches_map": lambda: _repeat("X reaches 39.9% mAP on ImageNet, a 9.6% gain over Y "),
    "pct_comma": lambda: _repeat("5%, "),
    "dollar_math": lambda: _repeat("$1.6\\% "),
    "paren_num": lambda: _repeat("(85.7%) ("),
    "gpt4_comma": lambda: _repeat("GPT-4, "),
    "bench_list": lambda: _repeat("ImageNet, COCO, MMLU, GSM8K, "),
    "model_list": lambda: _repeat("GPT-4, LLaMA-2, Mistral-7B, "),
    "by_pct_and": lambda: " ".join(f"by {i}% and" for i in range(1, 5000))[:SIZE],
    # long runs of numbers
    "numbers": lambda: " ".join(map(str, range(10_000)))[:SIZE],
    "decimals_pm": lambda: _repeat("85.7 ± 0.3 "),
    "ranges": lambda: _repeat("1-2 "),
    "factors": lambda: _repeat("3x 4× "),
    "units": lambda: _repeat("3 GB 5 ms 7 TFLOPs "),
    # brackets
    "brackets": lambda: _repeat("( [ { "),
    "bracket_words": lambda: _words("([{"),
    "closers": lambda: _repeat(") ] } "),
    "abbreviation_open": lambda: _repeat("Large Language Models ("),
    "abbreviations": lambda: " ".join(f"Alpha Beta Gamma (ABG{i})" for i in range(3000))[:SIZE],
    "defined_models": lambda: _repeat("Generative Pre-trained Transformer 2 (GPT-2) "),
    "defined_metrics": lambda: _repeat("Click-Through Rate (CTR) "),
    "defined_benchmarks": lambda: _repeat("ImageNet (IN) "),
    # hyphens
    "hyphens": lambda: _repeat("- "),
    "hyphen_words": lambda: _words("a-"),
    "compounds": lambda: _repeat("state-of-the-art "),
    # URLs
    "urls": lambda: _repeat("https://github.com/a/b "),
    "url_words": lambda: _words("https://github.com/" + "a/" * 400),
    "url_brackets": lambda: _repeat("(https://x.io/a) "),
    "www": lambda: _repeat("www.a.com "),
    # unicode marks
    "combining": lambda: _repeat(COMBINING + " "),
    "combining_words": lambda: _words(COMBINING),
    "bidi_numbers": lambda: _repeat("\u202e85.7%\u202c on ImageNet "),
    "zero_width": lambda: _repeat("a\u200b\u200d "),
    # no full stops, names, metrics
    "no_stops": lambda: _repeat("word "),
    "metric_words": lambda: _repeat("accuracy F1 BLEU "),
    "proposals": lambda: _repeat("We propose ZetaNet, "),
    "model_versions": lambda: " ".join(f"GPT-{i}" for i in range(5000))[:SIZE],
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_pathological_abstract_ends_within_its_budget(shape: str) -> None:
    text = SHAPES[shape]()
    started = time.monotonic()
    (output,) = extract_many([{"id": shape, "abstract": text}], budget=BUDGET)
    assert time.monotonic() - started < BUDGET + SLACK
    if isinstance(output, ErrorRecord):
        assert output.error.code == "E302", output.error
    else:
        assert isinstance(output, PaperRecord) and output.text == clean(text)


def test_the_sentences_of_any_text_are_bounded() -> None:
    for make in SHAPES.values():
        text = make()
        spans = find_sentences(text)
        assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
        assert all(text[start:end] == text[start:end].strip() for start, end in spans)
        # every word of the text is in exactly one sentence
        assert " ".join(text[s:e] for s, e in spans).split() == text.split()


def test_the_issue_abstract_ends_and_the_papers_around_it_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: a good line, 49,000 characters of "MMLU 1% " (no full stop), a good line;
    before, the run was killed after 900 s with nothing written."""
    good = "ZetaNet reaches 85.7% top-1 accuracy on ImageNet."
    lines = [
        {"id": "before", "abstract": good},
        {"id": "slow", "abstract": _repeat("MMLU 1% ", 49_000)},
        {"id": "after", "abstract": good},
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    code = main(["extract", str(source), "-o", str(out), "--budget", "2"])
    assert time.monotonic() - started < 30
    ids = [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()]
    if code == 1:  # stopped at its budget
        assert ids == ["before", "after"]
        assert f"{source}:2: [E302]" in capsys.readouterr().err
    else:
        assert code == 0 and ids == ["before", "slow", "after"]
