"""Metric names as records carry them: the convention of GUIDELINES.md ("metric")."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.metric_names import metric_name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("F1 score", "F1"),
        ("closed-loop success rate", "success rate"),  # a setting word
        ("end-to-end speedup", "speedup"),
        ("total memory footprint", "memory footprint"),  # an aggregation qualifier
        # a capitalised word is no metric by its shape: "Score" stays
        ("Continuous Ranked Probabilistic Score", "Continuous Ranked Probabilistic Score"),
        ("PESQ scores", "PESQ"),
        ("ZorbEval score", "ZorbEval"),  # a coined name: "score" is generic
        ("mean Dice", "Dice"),
        ("average success rates", "success rate"),
        ("overall win rate", "win rate"),
        ("relative improvement", "improvement"),
        ("top-1 average accuracy", "top-1 accuracy"),
        ("word error rates", "word error rate"),
        ("Hausdorff Distances", "Hausdorff Distance"),
        ("accuracies", "accuracy"),
        ("losses", "loss"),
        ("BLEU-4 score", "BLEU-4"),  # listed under BLEU, but "BLEU-4" is a name itself
        ("rendering speedups", "rendering speedup"),  # the last word is a listed measure
        ("class-wise F1-scores", "class-wise F1"),
        ("greater rate", "rate"),  # a judging adjective says nothing of what is measured
        ("near-perfect recall", "recall"),
        ("in-vitro binding accuracy", "binding accuracy"),  # a setting word
        ("5-shot accuracy", "accuracy"),  # any "-shot" setting, not only the listed ones
        ("k-shot exact match", "exact match"),
    ],
)
def test_qualifiers_generic_score_and_plurals_are_dropped(written: str, name: str) -> None:
    assert metric_name(written) == name


@pytest.mark.parametrize(
    "written",
    [
        "mean average precision",  # dropping "mean" names another metric (AP)
        "average displacement error",  # dropping "average" names no listed metric
        "mean squared error",
        "median absolute error",  # listed (MedAE): "median" and "absolute" are its own
        "median rank",
        "overall accuracy",  # listed as a metric of its own (OA)
        "Brier score",  # "score" is part of the listed name
        "CLIP score",
        "average score",  # nothing left but "score"
        "reasoning score",  # the rest is a plain word, not a metric's name
        "FLOPs",
        "FPS",
        "loss",
        "bias",
        "accuracy",
        "parameters",  # counted things keep their plural
        "valid molecules",
        "cache fetches",
    ],
)
def test_names_whose_words_measure_something_stay_whole(written: str) -> None:
    assert metric_name(written) == written


def test_records_carry_the_metric_name_without_qualifiers() -> None:
    record = extract(
        "We propose ZorbNet. ZorbNet reaches an average accuracy of 81.2% on ImageNet "
        "and an F1 score of 77.5 on FooSet."
    )
    assert {(m.text, m.metric) for m in record.metrics} == {("81.2%", "accuracy"), ("77.5", "F1")}
