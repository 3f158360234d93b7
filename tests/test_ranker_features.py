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

import train_ranker as tr

import extractor.pipeline.results.ranker_features as rf
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

    metrics = rf.candidates_for(text, record, names, number, "metric", key)
    # Metric names are normalised as records write them ("average accuracy" -> "accuracy");
    # the rules' choice, written nowhere, is a candidate of its own without mentions.
    assert [(c.name, c.source) for c in metrics] == [
        ("accuracy", "list"),
        ("win rate", "pattern"),
        ("pass rate", "rules"),
        (None, "none"),
    ]
    assert metrics[2].mentions == ()

    benchmarks = rf.candidates_for(text, record, names, number, "benchmark", key)
    # The rules' "gsm8k" is the listed GSM8K: one candidate with both mentions.
    assert [(c.name, c.source, len(c.mentions)) for c in benchmarks] == [
        ("GSM8K", "list", 2),
        (None, "none", 0),
    ]

    models = rf.candidates_for(text, record, names, number, "model", key)
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


def test_the_deciding_strategy_is_a_feature_of_the_rules_choice_and_of_none() -> None:
    imagenet, coco, none = cands = _benchmarks(TEXT)
    span = _span(TEXT, "85.7%")
    chose = rf.Number(
        span, (0, len(TEXT)), {"benchmark": "ImageNet"}, {"benchmark": "own_on_after"}, "%"
    )
    f = rf.pair_features(TEXT, chose, imagenet, cands, [span], "benchmark", str.lower)
    assert f["by_own_on_after"] == 1.0
    other = rf.pair_features(TEXT, chose, coco, cands, [span], "benchmark", str.lower)
    assert not any(k.startswith("by_") for k in other)  # only the chosen name carries it
    said_none = rf.Number(span, (0, len(TEXT)), {"benchmark": None}, {"benchmark": "not_named"})
    g = rf.pair_features(TEXT, said_none, none, cands, [span], "benchmark", str.lower)
    assert g["none_by_not_named"] == 1.0
    undecided = rf.Number(span, (0, len(TEXT)), {"benchmark": None})
    h = rf.pair_features(TEXT, undecided, none, cands, [span], "benchmark", str.lower)
    assert h["none_by_nothing"] == 1.0 and "none_by_not_named" not in h
    # When the rules chose a name, "none" carries no strategy id.
    assert not any(
        k.startswith("none_by_")
        for k in rf.pair_features(TEXT, chose, none, cands, [span], "benchmark", str.lower)
    )


@pytest.mark.parametrize(
    ("unit", "metric", "feature"),
    [
        ("%", "top-1 accuracy", "unit_percent_score"),
        ("x", "speedup", "unit_factor_speed"),
        ("ms", "latency", "unit_time_time"),
        ("x", "accuracy", "unit_factor_score"),
        (None, "perplexity", "unit_none_error"),
    ],
)
def test_the_numbers_unit_meets_the_metrics_kind(
    unit: str | None, metric: str, feature: str
) -> None:
    text = f"It reaches 3.5 {metric}."
    span = _span(text, "3.5")
    cand = rf.Candidate(metric, (_span(text, metric),), "list")
    number = rf.Number(span, (0, len(text)), {"metric": None}, {}, unit)
    f = rf.pair_features(text, number, cand, [cand], [span], "metric", str.lower)
    assert f[feature] == 1.0
    assert sum(k.startswith("unit_") for k in f) == 1


def test_the_only_evaluated_on_name_and_the_sentence_cues() -> None:
    text = "We evaluate on ImageNet and use COCO. Across all datasets, our model gains 2.5%."
    span = _span(text, "2.5%")
    sentence = (text.index("Across"), len(text))
    imagenet = rf.Candidate("ImageNet", (_span(text, "ImageNet"),), "list")
    coco = rf.Candidate("COCO", (_span(text, "COCO"),), "list")
    method = rf.Candidate("FooNet", (), "method")
    none = rf.Candidate(None, (), "none")
    cands = [imagenet, coco, none]
    number = rf.Number(span, sentence, {"benchmark": None})
    f = rf.pair_features(text, number, imagenet, cands, [span], "benchmark", str.lower)
    assert f["only_evaluated"] == f["only_evaluated_rule_none"] == f["far_only_evaluated"] == 1.0
    assert f["named_once"] == f["far_just_before"] == 1.0
    assert "only_evaluated" not in rf.pair_features(
        text, number, coco, cands, [span], "benchmark", str.lower
    )
    n = rf.pair_features(text, number, none, cands, [span], "benchmark", str.lower)
    assert n["none_own_subject"] == n["none_aggregate"] == n["none_data_word"] == 1.0
    m = rf.pair_features(text, number, method, [method, none], [span], "model", str.lower)
    assert m["method_own_subject"] == 1.0 and m["no_mention"] == 1.0


def test_other_results_names_are_candidates_the_finder_never_built() -> None:
    text = "It cuts response length by 30% and reaches 85.1% on GSM8K."
    record = _record_with_results(text)
    number = rf.Number(_span(text, "85.1%"), (0, len(text)), {"metric": None, "model": None})
    with_others = rf.candidates_for(text, record, [], number, "metric", str.lower)
    assert [(c.name, c.source, c.mentions) for c in with_others] == [
        ("response length", "other_result", (_span(text, "response length"),)),
        (None, "none", ()),
    ]
    without = rf.candidates_for(text, record, [], number, "metric", str.lower, others=False)
    assert [c.name for c in without] == [None]


def _record_with_results(text: str) -> PaperRecord:
    at = _span(text, "30%")
    result = {
        "text": "30%",
        "value": 30.0,
        "unit": "%",
        "metric": "response length",
        "span": {"start": at[0], "end": at[1], "text": "30%"},
        "sentence": {"start": 0, "end": len(text), "text": text},
    }
    return PaperRecord.model_validate({"id": "x", "text": text, "metrics": [result]})


def test_a_blind_batch_named_by_exclude_is_never_loaded(tmp_path: Path) -> None:
    for name in (
        "external-a",
        "external-b",
        "external-bb",
        "external-bc",
        "external-bz",
        "sample-a",
    ):
        (tmp_path / f"{name}.jsonl").write_text("")
    assert [p.stem for p in tr.gold_files(tmp_path, r"external-b[c-z]")] == [
        "external-a",
        "external-b",
        "external-bb",
        "sample-a",
    ]
    assert len(tr.gold_files(tmp_path)) == 6  # no exclusion: every file
