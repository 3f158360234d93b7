"""Cues of the third quality pass (issue 3), each on invented sentences: where it fires
and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.components.quantities import find_quantities
from extractor.pipeline.results._cues import _match_list_gap, _match_margin_after
from extractor_schemas import PaperRecord


def _rows(record: PaperRecord) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.role, r.metric, r.benchmark, r.model) for r in record.metrics]


def _models(record: PaperRecord) -> list[str]:
    return [e.name for e in record.models]


def _benchmarks(record: PaperRecord) -> list[str]:
    return [e.name for e in record.benchmarks]


# Lists of results across benchmarks whose names carry digits.


def test_a_list_gap_may_name_a_place_with_digits() -> None:
    assert _match_list_gap(" on ZorbSet-10 and ")
    assert _match_list_gap(" on the Quux v2.1 benchmark, and ")
    assert _match_list_gap(" against Zorb-7 and ")
    # Never across another number or a sentence end.
    assert not _match_list_gap(" on 5 tasks and ")
    assert not _match_list_gap(" on ZorbSet. And ")


def test_results_listed_over_digit_bearing_benchmarks_share_the_metric() -> None:
    record = extract("We report a top-1 accuracy of 94.1% on CIFAR-10 and 76.3% on CIFAR-100.")
    assert _rows(record) == [
        ("94.1%", "result", "top-1 accuracy", "CIFAR-10", None),
        ("76.3%", "result", "top-1 accuracy", "CIFAR-100", None),
    ]


# A digit inside a metric or a model name does not claim the benchmark after it.


def test_a_metric_with_a_digit_does_not_claim_the_benchmark_after_it() -> None:
    record = extract("Our coder improves pass@1 on HumanEval from 61.0% to 72.6%.")
    assert [(r.text, r.role, r.metric, r.benchmark) for r in record.metrics] == [
        ("61.0%", "baseline", "pass@1", "HumanEval"),
        ("72.6%", "result", "pass@1", "HumanEval"),
    ]


def test_a_number_before_a_benchmark_still_claims_it() -> None:
    record = extract("FooNet scores 7.55 on MT-Bench and reaches a BLEU of 32.1.")
    assert [(r.text, r.metric, r.benchmark) for r in record.metrics] == [
        ("7.55", None, "MT-Bench"),
        ("32.1", "BLEU", None),
    ]


# "mean" before a metric is read with it, and the record names the metric without it.


def test_mean_before_a_metric_is_read_with_it_and_dropped_from_the_name() -> None:
    record = extract("The classifier achieves a mean AUROC of 0.91 across five cohorts.")
    assert [(r.text, r.metric) for r in record.metrics] == [("0.91", "AUROC")]


# The one metric a clause gives numbers of the same unit.


def test_a_compared_number_shares_the_clauses_metric_of_its_unit() -> None:
    record = extract(
        "Our approach obtains a success rate of 63% on the tasks, compared with 41% for "
        "the strongest baseline."
    )
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("63%", "result", "success rate"),
        ("41%", "baseline", "success rate"),
    ]


def test_a_gain_in_decibels_takes_the_metric_in_decibels() -> None:
    record = extract(
        "The model achieves a PSNR of 32.4 dB and an SSIM of 0.912, exceeding prior work by 0.8 dB."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("32.4 dB", "PSNR"),
        ("0.912", "SSIM"),
        ("0.8 dB", "PSNR"),
    ]


def test_no_metric_is_carried_when_two_of_the_unit_are_named() -> None:
    record = extract(
        "FooNet reaches an accuracy of 85% and a recall of 80%, compared with 70% for BarNet."
    )
    assert [(r.text, r.metric) for r in record.metrics][-1] == ("70%", None)


def test_a_contrasting_clause_that_only_restates_the_value_takes_its_metric() -> None:
    # "while Y only reaches N" states Y's value of the same measure (the gold reads it so:
    # "A reaches 90.5% F1 ..., while B attains 79.1%"); a clause that changes something
    # else keeps no metric.
    record = extract("FooNet reaches a win rate of 58.2%, while the old system only reaches 31.0%.")
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("58.2%", "win rate"),
        ("31.0%", "win rate"),
    ]


def test_no_metric_is_carried_across_a_new_clause() -> None:
    record = extract("FooNet reaches a win rate of 58.2%, while BarNet drops by 31.0%.")
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("58.2%", "win rate"),
        ("31.0%", None),
    ]


def test_a_number_with_its_own_metric_keeps_it() -> None:
    record = extract("FooNet reaches a BLEU of 32.1, compared with a score of 7.5 for BarNet.")
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("32.1", "result", "BLEU"),
        ("7.5", "result", "score"),
    ]


# Margins after a number, and "up from".


def test_a_margin_after_a_number_is_an_improvement() -> None:
    assert _match_margin_after(" 1.4 points above ZorbNet", 11)
    assert _match_margin_after(" 3% ahead of the best baseline", 3)
    assert _match_margin_after(" 2% over the strongest baseline", 3)
    assert _match_margin_after(" 2% over ZorbNet", 3)
    record = extract("It reaches a top-5 accuracy of 95.2%, 1.4 points above ZorbNet.")
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("95.2%", "result", "top-5 accuracy"),
        ("1.4 points", "improvement", "top-5 accuracy"),
    ]


def test_over_a_set_or_runs_is_no_margin() -> None:
    assert not _match_margin_after(" 85% over the test set", 4)
    assert not _match_margin_after(" 85% over 5 runs", 4)
    record = extract("FooNet reaches an accuracy of 85% over the full test set.")
    assert [(r.text, r.role) for r in record.metrics] == [("85%", "result")]


def test_up_from_marks_a_baseline() -> None:
    record = extract("The tuned model reaches 83% accuracy, up from 64% for the zero-shot model.")
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("83%", "result", "accuracy"),
        ("64%", "baseline", "accuracy"),
    ]


# Slash-separated value lists.


def test_slash_separated_values_are_each_a_number() -> None:
    found = find_quantities("reaches 77.7%/78.4%/80.1% AP50 and BLEU/chrF of 45.3/62.1")
    assert [(q.text, q.unit) for q in found] == [
        ("77.7%", "%"),
        ("78.4%", "%"),
        ("80.1%", "%"),
        ("45.3", None),
        ("62.1", None),
    ]


def test_slashes_in_names_fractions_and_dates_give_no_numbers() -> None:
    found = find_quantities("ViT-B/16 on 3/4 of tasks, Zorb1.5/2.5, released 10/12/2024")
    assert [q.text for q in found] == ["3", "10"]


def test_a_slash_list_of_results_shares_the_metric_after_it() -> None:
    record = extract("FooDet achieves 77.7%/78.4%/80.1% AP50 on the ZorbAir dataset.")
    assert [(r.text, r.metric, r.benchmark) for r in record.metrics] == [
        ("77.7%", "AP50", "ZorbAir"),
        ("78.4%", "AP50", "ZorbAir"),
        ("80.1%", "AP50", "ZorbAir"),
    ]


# Model names.


def test_no_function_word_is_a_model_before_a_size() -> None:
    record = extract("Our 7B model, trained from Mistral-7B-v0.3, beats The 13B baseline.")
    assert _models(record) == ["Mistral-7B-v0.3"]
    assert _models(extract("We train ZorbLM 7B and ZorbLM 13B.")) == ["ZorbLM 7B", "ZorbLM 13B"]


def test_two_versions_of_a_listed_family_joined_by_a_slash_are_one_model() -> None:
    record = extract("We fine-tune Qwen2/2.5 models and Llama 3/3.1 with our data.")
    assert _models(record) == ["Qwen2/2.5", "Llama 3/3.1"]


def test_a_slash_after_an_unlisted_word_names_no_model() -> None:
    record = extract("We use Zorbic2/3 splits and ViT-B/16 features.")
    assert "Zorbic2/3" not in _models(record)


# A dataset noun's given name.


def test_a_dataset_called_x_is_a_benchmark() -> None:
    record = extract("This work introduces a new dataset called ZorbSound-XL for sound tagging.")
    assert _benchmarks(record) == ["ZorbSound-XL"]
    record = extract("We release a benchmark, dubbed Quuxbench, of 500 tasks.")
    assert "Quuxbench" in _benchmarks(record)


def test_a_lower_case_word_after_called_is_no_benchmark() -> None:
    record = extract("We build a dataset called after its source and a corpus named by users.")
    assert _benchmarks(record) == []


# Each number of a list keeps the metric named right after it.


def test_each_number_of_a_list_keeps_its_own_metric() -> None:
    record = extract(
        "We obtain a relative improvement of 50% in exact match and 47% in F1 score on "
        "the ZorbQA dataset."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("50%", "exact match"),
        ("47%", "F1"),
    ]


def test_a_list_without_own_metrics_shares_the_last_one() -> None:
    record = extract("FooNet reaches 53.1 and 54.4 AP on ZorbSet.")
    assert [(r.text, r.metric) for r in record.metrics] == [("53.1", "AP"), ("54.4", "AP")]


def test_versus_pairs_share_the_metric_after_them() -> None:
    record = extract("FooNet transfers well, achieving 52.2 versus 51.9 mAP on COCO.")
    assert [(r.text, r.role, r.metric, r.benchmark) for r in record.metrics] == [
        ("52.2", "result", "mAP", "COCO"),
        ("51.9", "baseline", "mAP", "COCO"),
    ]


# "scores" as a verb names no metric.


def test_a_name_followed_by_the_verb_scores_is_no_metric() -> None:
    record = extract("ZorbNet scores 62.5 on MT-Bench, and the old model scored 41.2 on MT-Bench.")
    assert [(r.text, r.metric) for r in record.metrics] == [("62.5", None), ("41.2", None)]


def test_a_metric_phrase_with_scores_of_is_kept() -> None:
    record = extract("FooNet reaches reasoning scores of 0.696 on ZorbSet.")
    assert [(r.text, r.metric) for r in record.metrics] == [("0.696", "reasoning score")]


def test_a_metric_with_a_two_digit_suffix_does_not_claim_the_benchmark() -> None:
    record = extract("Our retriever boosts nDCG@10 on ZorbIR from 42.1 to 47.3.")
    assert [(r.text, r.benchmark) for r in record.metrics] == [
        ("42.1", "ZorbIR"),
        ("47.3", "ZorbIR"),
    ]


def test_a_bare_compared_number_shares_the_clauses_one_metric() -> None:
    record = extract(
        "FooNet achieves a concordance index of 0.78, outperforming Cox regression (0.71)."
    )
    assert [(r.text, r.role, r.metric) for r in record.metrics] == [
        ("0.78", "result", "concordance index"),
        ("0.71", "baseline", "concordance index"),
    ]


def test_a_bare_result_does_not_take_another_numbers_metric() -> None:
    record = extract("FooNet achieves a BLEU of 32.1 and scores 7.5 on ZorbBench.")
    assert [(r.text, r.metric) for r in record.metrics] == [("32.1", "BLEU"), ("7.5", None)]


def test_a_coined_name_improved_on_is_a_benchmark() -> None:
    record = extract("Our method improves robustness on ZorbCorrupt and boosts recall on QuuxIR.")
    assert _benchmarks(record) == ["ZorbCorrupt", "QuuxIR"]


def test_a_plain_word_or_listed_model_improved_on_is_no_benchmark() -> None:
    record = extract("Our method improves accuracy on Llama-2-7B and obtains gains on average.")
    assert _benchmarks(record) == []
    assert _models(record) == ["Llama-2-7B"]
