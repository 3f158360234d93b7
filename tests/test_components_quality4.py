"""Cues of the fourth quality pass (issue 3), each on invented sentences: where it fires
and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.metric_names import metric_name
from extractor.pipeline.results._cues import (
    _match_comparative_metric,
    _search_evaluated_on_before,
    _search_other_setting,
)
from extractor_schemas import PaperRecord


def _rows(record: PaperRecord) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.role, r.metric, r.benchmark, r.model) for r in record.metrics]


# A paper evaluated on one benchmark reports its later scores on it.


def test_a_sole_evaluation_benchmark_is_where_later_scores_are() -> None:
    record = extract(
        "We study question answering on the SQuAD corpus. Our retriever is simple. "
        "In the end, the tuned reader reaches an F1 of 88.4%, at a small cost."
    )
    assert [(r.text, r.metric, r.benchmark) for r in record.metrics] == [("88.4%", "F1", "SQuAD")]


def test_no_sole_benchmark_when_it_is_only_trained_with() -> None:
    record = extract(
        "We fine-tune a reader on SQuAD. Our retriever is simple. "
        "In the end, the tuned reader reaches an F1 of 88.4%, at a small cost."
    )
    assert [(r.text, r.benchmark) for r in record.metrics] == [("88.4%", None)]


def test_the_sole_benchmark_carries_to_a_part_of_it() -> None:
    # GUIDELINES: the one evaluation benchmark is that of numbers whose sentence names
    # none, a part of it ("on rare question types") included; a named other setting is
    # not ("On ZorbQA-2, ...": see the sole-benchmark cases in tests/results).
    record = extract(
        "We study question answering on the SQuAD corpus. Our retriever is simple. "
        "On rare question types, the reader reaches an F1 of 61.2%."
    )
    assert [(r.text, r.benchmark) for r in record.metrics] == [("61.2%", "SQuAD")]


def test_no_sole_benchmark_with_two_benchmarks_or_without_a_metric() -> None:
    two = extract(
        "We evaluate on SQuAD and on ImageNet. Our reader is simple. "
        "In the end, it reaches an F1 of 88.4%."
    )
    assert [(r.text, r.benchmark) for r in two.metrics] == [("88.4%", None)]
    unnamed = extract(
        "We study question answering on the SQuAD corpus. Our retriever is simple. "
        "It also cuts latency by 3.1x."
    )
    assert [(r.text, r.benchmark) for r in unnamed.metrics] == [("3.1x", None)]


def test_the_evaluated_on_cue() -> None:
    for before in ("We study NER on the ", "Evaluated on the official ", "results across "):
        assert _search_evaluated_on_before(before), before
    for before in ("We fine-tune on ", "trained on the ", "We use the "):
        assert not _search_evaluated_on_before(before), before


def test_the_other_setting_cue() -> None:
    for sentence in ("gains on tiny object classes", "across all durations", "on the GPU"):
        assert _search_other_setting(sentence), sentence
    for sentence in ("on par with GPT-4o", "scores across all metrics", "on semantic metrics"):
        assert not _search_other_setting(sentence), sentence


# A comparative adjective names its metric.


def test_more_accurate_names_accuracy() -> None:
    record = extract("ZorbNet-S is 3.4% more accurate than QuuxNet-B at the same cost.")
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("3.4%", "improvement", "accuracy")
    ]
    assert _match_comparative_metric(" points more precise").group("adj") == "precise"
    assert not _match_comparative_metric(" more robust")
    assert not _match_comparative_metric(" of accurate answers")


def test_a_named_metric_wins_over_the_comparative() -> None:
    record = extract("ZorbNet-S reaches 81.2% top-1 accuracy and is more accurate overall.")
    assert [(r.text, r.metric) for r in record.metrics] == [("81.2%", "top-1 accuracy")]


# Metric names drop the setting they were measured in.


def test_metric_names_drop_leading_setting_words() -> None:
    assert metric_name("inference-time win rates") == "win rate"
    assert metric_name("zero-shot top-1 accuracy") == "top-1 accuracy"
    assert metric_name("test-time error rate") == "error rate"
    assert metric_name("target mIoU") == "mIoU"


def test_metric_names_keep_setting_words_that_are_all_there_is() -> None:
    assert metric_name("test-time") == "test-time"
    assert metric_name("validation") == "validation"
    assert metric_name("top-1 accuracy") == "top-1 accuracy"
    assert metric_name("target score") == "target score"


# Names: versions written with a capital "V", versions before a dataset noun.


def _names(record: PaperRecord) -> tuple[list[str], list[str]]:
    return [e.name for e in record.models], [e.name for e in record.benchmarks]


def test_a_listed_model_grows_over_a_capital_version() -> None:
    record = extract("We compare our tree model against TabPFN V2 on tabular tasks.")
    assert _names(record)[0] == ["TabPFN V2"]


def test_a_capital_v_word_is_not_a_version() -> None:
    record = extract("We compare against TabPFN Variants of the prior.")
    assert _names(record)[0] == ["TabPFN"]


def test_a_versioned_name_before_a_dataset_noun_is_a_benchmark() -> None:
    record = extract("Our tagger reaches 0.91 F1 on the ZorbNER 2.1 benchmark.")
    assert _names(record)[1] == ["ZorbNER 2.1"]
    assert [(r.text, r.metric, r.benchmark) for r in record.metrics] == [
        ("0.91", "F1", "ZorbNER 2.1")
    ]


def test_a_count_before_a_dataset_noun_is_not_a_version() -> None:
    record = extract("We evaluate FooNet on the 12 benchmark tasks and on 3.5 dataset hours.")
    assert _names(record)[1] == []


def test_listed_names_added_in_this_pass() -> None:
    record = extract(
        "Gradient-boosted trees (XGBoost, CatBoost and LightGBM) trail our model, and "
        "MAR-H is 2x slower; detectors are compared on DOTA1.0."
    )
    models, benchmarks = _names(record)
    assert models == ["XGBoost", "CatBoost", "LightGBM", "MAR-H"]
    assert benchmarks == ["DOTA1.0"]
