"""Strategies and reasons a document's text rules out are skipped for it; the records
stay what running all of them gives."""

from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.bench import DEFAULT_INPUT, ROOT, load_papers
from extractor.lexicon.cues import places_of
from extractor.pipeline.results import benchmark, metric, model, role
from extractor.pipeline.results.context import Context
from extractor.pipeline.results.types import without


def _a(c: object) -> None: ...
def _b(c: object) -> None: ...
def _c(c: object) -> None: ...


def test_without_keeps_the_order_and_is_built_once_per_tuple() -> None:
    strategies = (_a, _b, _c)
    kept = without(strategies, frozenset({"_b"}))
    assert kept == (_a, _c)
    assert without(strategies, frozenset({"_b"})) is kept
    other = (_c, _b, _a)  # another tuple: its own answer, not the cached one
    assert without(other, frozenset({"_b"})) == (_c, _a)
    assert without(strategies, frozenset()) == strategies


def test_gated_names_are_strategies_of_their_question() -> None:
    def names(strategies: tuple[object, ...]) -> set[str]:
        return {getattr(s, "__name__", "") for s in strategies}

    assert names(benchmark.STRATEGIES) >= benchmark.NEED_BENCHMARK
    assert "measured_on_hardware" not in benchmark.NEED_BENCHMARK
    assert names(model.STRATEGIES) >= model.NEED_MODEL
    assert names(role.STRATEGIES) >= role.NEED_PLUS
    assert names(metric.STRATEGIES) >= metric.NEED_SLASH


def _records(texts: list[str]) -> list[str]:
    return [extract(text).model_dump_json() for text in texts]


def _texts() -> list[str]:
    """Abstracts of the tuned gold split and of the daily papers, and a few made up."""
    texts = []
    for path in sorted((ROOT / "fixtures" / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            paper = json.loads(line)
            if paper["split"] == "tuned":
                texts.append(paper["abstract"])
    return [
        *texts[:300],
        *[p.abstract for p in load_papers(DEFAULT_INPUT)][:80],
        "FooNet reaches 85.7% top-1 accuracy, 2.1 points above BarNet (+ 1.2 F1).",
        "Our model achieves 91.2/88.0 EM/F1 and uses 3.1 GFLOPs; it reaches 72.1 mAP@0.5.",
        "With FooLM-7B, the gain is 3.2 points on GSM8K, respectively 4.1% on MATH.",
    ]


def test_gates_leave_the_records_as_all_strategies_give_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _texts()
    gated = _records(texts)
    # every gate open: each strategy and reason runs for every number
    for name in ("names_benchmark", "names_model", "holds_plus", "holds_slash"):
        monkeypatch.setattr(Context, name, property(lambda self: True))
    assert sum('"metrics":[]' not in record for record in gated) > 200  # results to decide
    assert _records(texts) == gated
    skipped = sum(1 for t in texts if "+" not in t or "/" not in t)
    assert skipped > 10  # the texts do exercise the gates


def test_result_verbs_are_found_at_their_stems() -> None:
    verbs, stems = model._SUBJECT_RESULT_VERBS, model._SUBJECT_RESULT_VERB_STEMS
    assert len(stems) < len(verbs)
    assert all(verb.startswith(stems) for verb in verbs)
    for text in _texts()[:120]:
        for lo, hi in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
            # as the words themselves give them: the last coined subject in the window
            places = sorted(set(places_of(text, verbs, lo, hi)), reverse=True)
            want = None
            for at in places:
                if model._match_result_verb(text, at, hi) and at > lo and text[at - 1].isspace():
                    want = model._search_coined_before_verb(text, max(lo, at - 80), at)
                    if want is not None:
                        break
            found = model._coined_subject_at(text, lo, hi)
            assert (found and found.span()) == (want and want.span()), text[lo:hi]
