"""The selection question of the result linker, on the made-up cases of cases/selection.toml."""

from __future__ import annotations

from typing import Any

import pytest
from _cases import check, load

from extractor import build_pipeline
from extractor.pipeline.results.component import context_of
from extractor.pipeline.results.selection import select


@pytest.mark.parametrize("case", load("selection"))
def test_selection_case(case: dict[str, Any]) -> None:
    check(case)


# Why a candidate is dropped: each reason names itself (example, the number, the reason).
DROPPED = [
    ("In 2024, FooNet reaches 81.2% accuracy.", "2024", "size_or_year"),
    ("FooNet, a 7B model, reaches 81.2% accuracy.", "7B", "size_or_year"),
    ("With only 3.3% of the labels, FooNet reaches 81.2% accuracy.", "3.3%", "condition_share"),
    ("FooNet is 3.75x larger than BERT and reaches 81.2% accuracy.", "3.75x", "factor_without_cue"),
    ("FooNet is trained for 3 hours and reaches 81.2% accuracy.", "3 hours", "amount_or_setting"),
    (
        "We give two parts: (1) a loss and (2) a sampler; FooNet reaches 81.2% accuracy.",
        "1",
        "list_marker",
    ),
    ("As shown in Section 4, FooNet reaches 81.2% accuracy.", "4", "citation_or_section"),
    ("With a learning rate of 0.001, FooNet reaches 81.2% accuracy.", "0.001", "hyper_parameter"),
    ("Tested on 15 languages, FooNet reaches 81.2% accuracy.", "15", "count_of_things"),
    ("In the 2 stages, FooNet reaches 81.2% accuracy.", "2", "count_of_things"),
    ("FooNet reaches 81.2% accuracy after the 2 of them.", "2", "whole_number_without_cue"),
    ("FooNet reaches 81.2% accuracy (± 0.12 over seeds).", "0.12", "spread_or_statistic"),
    ("FooNet reaches 81.2% accuracy (p < 0.01).", "0.01", "spread_or_statistic"),
    ("FooNet reaches 81.2% accuracy (95% CI 79.9-82.5).", "79.9", "spread_or_statistic"),
    ("FooNet reaches 81.2% accuracy in mAP@[0.5:0.95] terms.", "0.5", "threshold_of_metric"),
    ("FooNet, averaging 3.9 per question, reaches 81.2% accuracy.", "3.9", "count_of_things"),
    ("FooNet reads 1.2 million images and reaches 81.2% accuracy.", "1.2", "count_of_things"),
    ("Using a margin of 0.35, FooNet reaches 81.2% accuracy.", "0.35", "hyper_parameter"),
    (
        "With learning rates of 0.1/0.02, FooNet reaches 81.2% accuracy.",
        "0.02",
        "hyper_parameter",
    ),
]


@pytest.mark.parametrize(("text", "number", "reason"), DROPPED)
def test_each_dropped_candidate_has_a_named_reason(text: str, number: str, reason: str) -> None:
    ctx = context_of(build_pipeline(doc_spans=False)(text))
    selection = select(ctx)
    assert [q.text for q in selection.chosen] == ["81.2%"]
    by_text = {q.text: selection.dropped[q.start] for q in ctx.kept if q.start in selection.dropped}
    assert by_text.get(number) == reason, by_text
