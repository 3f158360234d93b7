"""The run-time attribution ranker (issue 14): off by default, one switch, shipped weights
and their gate.

Offline and fast: made-up abstracts and hand-set weights; the shipped weights file is only
loaded and checked against what the training script writes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import extractor.pipeline.results.ranker_features as rf
from extractor import extract
from extractor.pipeline.results import ranker
from extractor_schemas import PaperRecord

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

ABSTRACT = (
    "We propose FooNet. On CIFAR-10 and ImageNet, FooNet reaches 91.2% top-1 accuracy "
    "and 80.4% top-1 accuracy, respectively. It also runs 2.5x faster than ResNet-50."
)


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set EXTRACTOR_RANKER in a test; the switch is read again before and after."""
    ranker.enabled.cache_clear()
    yield monkeypatch
    monkeypatch.delenv(ranker.ENV, raising=False)
    ranker.enabled.cache_clear()


def test_the_switch_names_attributes_and_rejects_others() -> None:
    assert ranker.parse_switch("metric,benchmark") == {"metric", "benchmark"}
    assert ranker.parse_switch("all") == set(rf.ATTRIBUTES)
    assert ranker.parse_switch("none") == ranker.parse_switch(" ") == frozenset()
    assert ranker.parse_switch(None) == ranker.parse_switch(ranker.DEFAULT) == frozenset()
    with pytest.raises(ValueError, match=r"unknown attribute.*role"):
        ranker.parse_switch("metric,role")
    with pytest.raises(ValueError, match=r"unknown attribute.*none"):
        ranker.parse_switch("none,metric")


def test_the_switch_is_off_by_default_and_read_once(switch: pytest.MonkeyPatch) -> None:
    switch.delenv(ranker.ENV, raising=False)
    assert ranker.enabled() == frozenset()
    switch.setenv(ranker.ENV, "model")
    assert ranker.enabled() == frozenset()  # read once per process
    ranker.enabled.cache_clear()
    assert ranker.enabled() == {"model"}
    switch.setenv(ranker.ENV, "none")
    ranker.enabled.cache_clear()
    assert ranker.enabled() == frozenset()


def test_the_shipped_weights_load_in_the_scripts_format() -> None:
    raw = resources.files(ranker.__package__).joinpath(ranker.WEIGHTS_FILE).read_text()
    document = json.loads(raw)
    weights = ranker.load_weights()
    assert set(weights) == set(rf.ATTRIBUTES)
    assert weights == ranker.weights_of(document)
    for attribute, entry in document["attributes"].items():
        assert entry["c"] > 0 and "cv_margin" in entry
        assert weights[attribute]["rule"] > 0  # the rules' choice is the strongest cue
        assert weights[attribute]["bias"] != 0
    # The strategy ids are features: the shipped weights know the rules' strategies.
    assert any(name.startswith("by_") for name in weights["benchmark"])
    assert any(name.startswith("none_by_") for name in weights["model"])
    # Each attribute has a gate, and the metric's reopens the numbers no strategy decided.
    gates = ranker.load_reopens()
    assert set(gates) == set(rf.ATTRIBUTES)
    assert all(gate is not None and gate for gate in gates.values())
    assert ranker.NO_STRATEGY in (gates["metric"] or ())
    assert "listed_after" not in (gates["metric"] or ())


def test_the_script_writes_what_the_ranker_reads() -> None:
    tr = pytest.importorskip("train_ranker")
    attributes = {
        a: {"c": 0.3, "cv_margin": 0.0, "reopens": ["nothing"], "weights": {"bias": -1.0}}
        for a in rf.ATTRIBUTES
    }
    document = json.loads(tr.weights_document(attributes))
    assert ranker.weights_of(document) == {a: {"bias": -1.0} for a in rf.ATTRIBUTES}
    assert ranker.reopens_of(document) == {a: {"nothing"} for a in rf.ATTRIBUTES}


def test_the_scripts_gate_reopens_strategies_whose_overrides_win() -> None:
    tr = pytest.importorskip("train_ranker")

    def group(strategy: str, labels: list[int], rule: int) -> object:
        # Two candidates; the model below always prefers the second (feature "b").
        return tr.Group(
            "p",
            "tuned",
            "metric",
            [{"a": 1.0}, {"b": 1.0}],
            labels,
            rule,
            bool(labels[rule]),
            ["x", "y"],
            "",
            strategy,
        )

    model = {"a": 0.0, "b": 1.0}
    scored = [
        (group("nothing", [0, 1], 0), model),  # override right: a win
        (group("nothing", [0, 1], 0), model),  # another win
        (group("nothing", [1, 0], 0), model),  # override wrong: a loss
        (group("listed_after", [1, 0], 0), model),  # a loss only
        (group("listed_before", [0, 1], 1), model),  # the ranker agrees: no override
    ]
    gate, table = tr.reopens(scored)
    assert gate == ["nothing"]
    assert table["nothing"] == [3, 3, 2, 1]
    assert table["listed_after"] == [1, 1, 0, 1]
    assert table["listed_before"] == [1, 0, 0, 0]


def _rules_record() -> PaperRecord:
    record = extract(ABSTRACT, id="foonet")
    assert [(r.text, r.benchmark) for r in record.metrics][:2] == [
        ("91.2%", "CIFAR-10"),
        ("80.4%", "ImageNet"),
    ]
    return record


# Hand-set weights: keep the rules' choice, except that a benchmark named first in the
# abstract wins by far ("first_named"), so the ranker moves 80.4% to CIFAR-10.
FIRST_NAMED = {"rule": 1.0, "first_named": 5.0, "none": -3.0}


def test_the_ranker_changes_only_the_attribute_it_is_switched_on_for() -> None:
    rules = _rules_record()
    weights = {a: FIRST_NAMED for a in rf.ATTRIBUTES}
    reranked = ranker.rerank(rules, [], attributes={"benchmark"}, weights=weights)
    before, after = rules.metrics[1], reranked.metrics[1]
    assert (before.benchmark, after.benchmark) == ("ImageNet", "CIFAR-10")
    assert after.strategy is not None and before.strategy is not None
    assert after.strategy.benchmark == ranker.STRATEGY
    same = {"metric", "model", "role", "span", "unit", "value", "setting"}
    assert after.model_dump(include=same) == before.model_dump(include=same)
    assert after.strategy.metric == before.strategy.metric
    assert reranked.metrics[0] == rules.metrics[0]  # CIFAR-10 already: unchanged
    # The record is still valid as a whole (spans, schema).
    assert PaperRecord.model_validate(reranked.model_dump()) == reranked
    # Switched off: the very same record.
    assert ranker.rerank(rules, [], attributes=(), weights=weights) is rules


def test_the_gate_keeps_answers_of_strategies_it_does_not_reopen() -> None:
    rules = _rules_record()
    weights = {a: FIRST_NAMED for a in rf.ATTRIBUTES}
    decided_by = ranker.deciding_strategy(rules.metrics[1], "benchmark")
    assert decided_by != ranker.NO_STRATEGY
    closed = {"benchmark": frozenset({"no_such_strategy"})}
    kept = ranker.rerank(rules, [], attributes={"benchmark"}, weights=weights, reopens=closed)
    assert kept is rules  # no number the gate reopens: the very same record
    opened = {"benchmark": frozenset({decided_by})}
    moved = ranker.rerank(rules, [], attributes={"benchmark"}, weights=weights, reopens=opened)
    assert moved.metrics[1].benchmark == "CIFAR-10"


def test_ties_keep_the_rules_choice() -> None:
    rules = _rules_record()
    flat = {a: {"bias": 1.0} for a in rf.ATTRIBUTES}  # every candidate scores the same
    assert ranker.rerank(rules, [], attributes=rf.ATTRIBUTES, weights=flat) == rules


def test_the_switch_reaches_extraction(switch: pytest.MonkeyPatch) -> None:
    weights = {a: FIRST_NAMED for a in rf.ATTRIBUTES}
    switch.setattr(ranker, "load_weights", lambda: weights)
    switch.setattr(ranker, "load_reopens", dict)  # no gate: every answer reopened
    switch.setenv(ranker.ENV, "benchmark")
    ranker.enabled.cache_clear()
    on = extract(ABSTRACT, id="foonet")
    switch.setenv(ranker.ENV, ranker.OFF)
    ranker.enabled.cache_clear()
    off = extract(ABSTRACT, id="foonet")
    assert [r.benchmark for r in off.metrics][:2] == ["CIFAR-10", "ImageNet"]
    assert [r.benchmark for r in on.metrics][:2] == ["CIFAR-10", "CIFAR-10"]
    assert [r.metric for r in on.metrics] == [r.metric for r in off.metrics]
    assert [r.model for r in on.metrics] == [r.model for r in off.metrics]


def test_the_shipped_weights_keep_a_plain_case_as_the_rules_decide_it(
    switch: pytest.MonkeyPatch,
) -> None:
    rules = _rules_record()
    switch.setenv(ranker.ENV, "all")
    ranker.enabled.cache_clear()
    reranked = extract(ABSTRACT, id="foonet")
    pick = [(r.metric, r.benchmark, r.model) for r in reranked.metrics]
    assert pick == [(r.metric, r.benchmark, r.model) for r in rules.metrics]
