"""Candidates and features of the attribution pair-ranker trial (scripts/, dev-only; issue 14).

Offline and fast: hand-built records and spans, no pipeline run, no scikit-learn.
"""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import ranker_features as rf
import train_ranker as tr

from extractor.components.names import BENCHMARK, METRIC, NameMatch
from extractor_schemas import PaperRecord

TEXT = "Our model reaches 85.7% top-1 accuracy on ImageNet and 70.1% on COCO."


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _features(
    text: str, number: str, candidate: rf.Candidate, candidates: list[rf.Candidate], **chosen: str
) -> dict[str, float]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+\.\d+%", text)]
    span = _span(text, number)
    sentence = next((s, e) for s, e in _sentences(text) if s <= span[0] < e)
    picked: dict[str, str | None] = {a: None for a in rf.ATTRIBUTES}
    picked.update(chosen)
    num = rf.Number(span, sentence, picked)
    return rf.pair_features(text, num, candidate, candidates, spans, "benchmark", str.lower)


def _sentences(text: str) -> list[tuple[int, int]]:
    from extractor.components._sentences import find_sentences

    return find_sentences(text)


def _benchmarks(text: str) -> list[rf.Candidate]:
    return [
        rf.Candidate("ImageNet", (_span(text, "ImageNet"),), "list"),
        rf.Candidate("COCO", (_span(text, "COCO"),), "list"),
        rf.Candidate(None, (), "none"),
    ]


def test_the_module_doctests_pass() -> None:
    failed, attempted = doctest.testmod(rf)
    assert attempted > 0
    assert failed == 0


def test_a_name_after_the_number_with_on_between() -> None:
    imagenet, coco, _ = cands = _benchmarks(TEXT)
    f = _features(TEXT, "85.7%", imagenet, cands, benchmark="ImageNet")
    assert f["same_sentence"] == f["after"] == f["nearest"] == f["rule"] == 1.0
    assert f["cue_on"] == f["cue_on_after"] == 1.0
    assert "cue_on_before" not in f
    assert f.get("numbers_between", 0.0) == 0.0
    assert f.get("adjacent_after", 0.0) == 0.0  # "top-1 accuracy on" stands between
    far = _features(TEXT, "85.7%", coco, cands, benchmark="ImageNet")
    assert far["numbers_between"] > 0  # 70.1% stands between 85.7% and COCO
    assert far.get("nearest", 0.0) == far.get("nearest_on_side", 0.0) == 0.0
    assert far.get("rule", 0.0) == 0.0
    assert far["cue_and"] == 1.0


def test_a_name_right_after_its_number_is_adjacent() -> None:
    imagenet, coco, _ = cands = _benchmarks(TEXT)
    f = _features(TEXT, "70.1%", coco, cands)
    assert f["adjacent_after"] == 1.0  # "70.1% on COCO": one word between
    assert f["nearest"] == 1.0
    back = _features(TEXT, "70.1%", imagenet, cands)
    assert back["before"] == back["nearest_on_side"] == 1.0
    assert back.get("after", 0.0) == 0.0
    assert back["cue_and_before"] == 1.0


def test_the_none_candidate_knows_what_the_rules_chose_and_the_rivals() -> None:
    cands = _benchmarks(TEXT)
    none = cands[-1]
    f = _features(TEXT, "85.7%", none, cands)
    assert f["none"] == f["none_rule"] == 1.0
    assert f["none_no_rival_in_sentence"] == 0.0  # ImageNet and COCO are in the sentence
    assert "same_sentence" not in f
    g = _features(TEXT, "85.7%", none, cands, benchmark="COCO")
    assert g["none_rule"] == 0.0


def test_a_name_from_another_sentence_is_far() -> None:
    text = "We evaluate on ImageNet. Our model reaches 85.7% accuracy."
    cands = [rf.Candidate("ImageNet", (_span(text, "ImageNet"),), "list")]
    cands.append(rf.Candidate(None, (), "none"))
    f = _features(text, "85.7%", cands[0], cands)
    assert f["other_sentence"] == f["far_before"] == 1.0
    assert f["far_only_name"] == f["far_rule_none"] == f["far_no_rival_in_sentence"] == 1.0
    assert f["on_before_any"] == 1.0  # "evaluate on ImageNet"
    assert "same_sentence" not in f and "before" not in f


def test_respectively_pairs_the_kth_number_with_the_kth_name() -> None:
    text = "On ImageNet and COCO, it reaches 80.1% and 60.2%, respectively."
    imagenet, coco, _ = cands = _benchmarks(text)
    assert _features(text, "60.2%", coco, cands)["respectively_aligned"] == 1.0
    assert _features(text, "60.2%", imagenet, cands)["respectively_aligned"] == 0.0
    assert _features(text, "80.1%", imagenet, cands)["respectively_aligned"] == 1.0


def test_the_nearest_mention_is_taken_from_the_numbers_sentence() -> None:
    text = "X is on ImageNet. It gets 85.7% here, as on ImageNet."
    first, second = _span(text, "ImageNet"), _span(text, "ImageNet", 10)
    number = rf.Number(_span(text, "85.7%"), (18, len(text)), {})
    candidate = rf.Candidate("ImageNet", (first, second), "list")
    # The first mention is nearer in characters, but it is in another sentence.
    assert rf.nearest_mention(number, candidate) == second
    assert rf.nearest_mention(number, rf.Candidate(None, (), "none")) is None


def _record(text: str) -> PaperRecord:
    def entity(name: str, *at: tuple[int, int]) -> dict[str, object]:
        mentions = [{"start": s, "end": e, "text": text[s:e]} for s, e in at]
        return {"name": name, "mentions": mentions}

    return PaperRecord.model_validate(
        {
            "id": "x",
            "text": text,
            "method": entity("FooNet", _span(text, "FooNet")),
            "models": [entity("GPT-4", _span(text, "GPT-4"))],
            "benchmarks": [entity("GSM8K", _span(text, "GSM8K"), _span(text, "gsm8k"))],
        }
    )


def test_candidates_cover_names_method_rules_and_none() -> None:
    text = "FooNet beats GPT-4 on GSM8K with 85.1% average accuracy and 3% win rate on gsm8k."
    record = _record(text)
    acc, wr = _span(text, "average accuracy"), _span(text, "win rate")
    names = [
        NameMatch(acc[0], acc[1], METRIC, "accuracy", "list"),
        NameMatch(wr[0], wr[1], METRIC, "winrate", "pattern"),
        NameMatch(*_span(text, "GSM8K"), BENCHMARK, "gsm8k", "list"),
    ]
    chosen: dict[str, str | None] = {"metric": "pass rate", "benchmark": "gsm8k", "model": None}
    number = rf.Number(_span(text, "85.1%"), (0, len(text)), chosen)
    key = str.lower

    metrics = tr.candidates_for(text, record, names, number, "metric", key)
    # Metric names are normalised as records write them ("average accuracy" -> "accuracy");
    # the rules' choice, written nowhere, is a candidate of its own without mentions.
    assert [(c.name, c.source) for c in metrics] == [
        ("accuracy", "list"),
        ("win rate", "pattern"),
        ("pass rate", "rules"),
        (None, "none"),
    ]
    assert metrics[2].mentions == ()

    benchmarks = tr.candidates_for(text, record, names, number, "benchmark", key)
    # The rules' "gsm8k" is the listed GSM8K: one candidate with both mentions.
    assert [(c.name, c.source, len(c.mentions)) for c in benchmarks] == [
        ("GSM8K", "list", 2),
        (None, "none", 0),
    ]

    models = tr.candidates_for(text, record, names, number, "model", key)
    assert [(c.name, c.source) for c in models] == [
        ("GPT-4", "list"),
        ("FooNet", "method"),
        (None, "none"),
    ]


def _group(labels: list[int], rule: int, features: list[dict[str, float]]) -> tr.Group:
    rule_correct = bool(labels[rule])
    names: list[str | None] = [str(i) for i in range(len(labels))]
    return tr.Group("p", "tuned", "metric", features, labels, rule, rule_correct, names, "")


@pytest.mark.parametrize(
    ("margin", "expected"),
    [(None, True), (0.0, True), (1.5, True), (2.5, False)],
)
def test_the_ranker_overrides_the_rules_only_above_the_margin(
    margin: float | None, expected: bool
) -> None:
    # The rules chose candidate 0 (wrong); the ranker scores candidate 1 (right) 2.0 higher.
    group = _group([0, 1], 0, [{"rule": 1.0}, {"adjacent_after": 1.0}])
    weights = {"rule": 1.0, "adjacent_after": 3.0}
    assert tr._choice(group, weights, margin) is expected


def test_folds_are_a_seeded_partition_by_paper() -> None:
    papers = [f"p{i}" for i in range(23)] * 2
    folds = tr._folds(papers)
    assert folds == tr._folds(list(reversed(papers)))
    assert len(folds) == tr.FOLDS
    assert set().union(*folds) == set(papers)
    assert sum(len(f) for f in folds) == 23
