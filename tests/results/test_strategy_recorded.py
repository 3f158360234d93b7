"""Each result records which strategy decided its role, metric, benchmark and model."""

from __future__ import annotations

from extractor import extract
from extractor.pipeline.results import benchmark, metric, model, role


def test_record_names_the_deciding_strategies() -> None:
    record = extract(
        "We present FooNet. FooNet reaches 85.7% top-1 accuracy on ImageNet, 2.1 points above "
        "BarNet."
    )
    first, gain = record.metrics
    assert first.strategy is not None and gain.strategy is not None
    assert (first.strategy.role, first.strategy.metric) == ("plain_result", "listed_after")
    assert (first.strategy.benchmark, first.strategy.model) == ("on_after_list", "subject")
    assert gain.strategy.role == "change_after"
    assert gain.metric == "top-1 accuracy" and gain.strategy.metric == "listed_before"
    assert gain.strategy.benchmark == "nearest_name"


def test_an_attribute_nobody_decided_has_no_strategy() -> None:
    (result,) = extract("It reaches 85.7% top-1 accuracy.").metrics
    assert result.benchmark is None and result.strategy is not None
    assert result.strategy.benchmark is None


def test_a_strategy_may_decide_that_the_text_does_not_say() -> None:
    (result,) = extract("It gains 8.9% on average across ImageNet, COCO and ADE20K.").metrics
    assert result.benchmark is None and result.strategy is not None
    assert result.strategy.benchmark == "on_after_list"


def test_strategy_names_are_unique_per_question() -> None:
    for module in (role, metric, benchmark, model):
        names = [s.__name__ for s in module.STRATEGIES]
        assert len(names) == len(set(names)), module.__name__
        assert all(s.__doc__ for s in module.STRATEGIES), module.__name__
