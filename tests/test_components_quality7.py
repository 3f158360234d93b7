"""Cues of the seventh quality pass (issue 3): how abstracts tie a number to its dataset
and metric. Each on invented sentences from several fields: where it fires and where it
must not."""

from __future__ import annotations

from extractor import extract
from extractor.components.quantities import find_quantities
from extractor.metric_names import metric_name
from extractor.pipeline.results import _cues as _result_cues
from extractor_schemas import PaperRecord


def _attributed(record: PaperRecord) -> list[tuple[str, str | None, str | None]]:
    return [(r.text, r.metric, r.benchmark) for r in record.metrics]


def _roles(record: PaperRecord) -> list[tuple[str, str]]:
    return [(r.text, r.role) for r in record.metrics]


# A benchmark in brackets right after the number.


def test_a_benchmark_in_brackets_after_a_number_is_its_own() -> None:
    record = extract("FooDet reaches 54.3 AP (COCO) and 41.2 AP (LVIS).")
    assert _attributed(record) == [("54.3", "AP", "COCO"), ("41.2", "AP", "LVIS")]
    record = extract("MedNet attains 0.91 AUC (on CheXpert) and 0.86 AUC (on MIMIC-CXR).")
    assert _attributed(record) == [("0.91", "AUC", "CheXpert"), ("0.86", "AUC", "MIMIC-CXR")]


def test_a_bracketed_training_set_is_not_where_the_number_is_measured() -> None:
    record = extract("FooDet reaches 54.3 AP (trained on COCO) in our tests.")
    assert _attributed(record) == [("54.3", "AP", None)]


# Benchmarks written as a list right after a list of as many numbers pair in order.


def test_a_benchmark_list_after_a_number_list_pairs_in_order() -> None:
    record = extract(
        "On LibriSpeech, it achieves WERs of 2.0% and 4.1% on test-clean and test-other."
    )
    assert _attributed(record) == [("2.0%", "WER", "test-clean"), ("4.1%", "WER", "test-other")]
    record = extract("GraphMix reaches 83.1% and 72.4% accuracy on Cora and Citeseer.")
    assert _attributed(record) == [("83.1%", "accuracy", "Cora"), ("72.4%", "accuracy", "Citeseer")]


def test_more_benchmarks_than_numbers_do_not_pair() -> None:
    record = extract("GraphMix reaches 83.1% and 72.4% accuracy on Cora, Citeseer and PubMed.")
    assert [r.benchmark for r in record.metrics] != ["Cora", "Citeseer"]


# A number after another by a comma alone keeps its own role cue.


def test_an_apposition_keeps_its_cue_to_itself() -> None:
    record = extract("GraphNet achieves 85.2% accuracy on Cora, 1.5% higher than GCN.")
    assert _roles(record) == [("85.2%", "result"), ("1.5%", "improvement")]
    record = extract("SumNet reaches ROUGE-L of 44.1 on CNN/DailyMail, 1.3 higher than BART.")
    assert _roles(record) == [("44.1", "result"), ("1.3", "improvement")]


def test_a_list_joined_by_and_shares_the_cue_after_it() -> None:
    record = extract("It cuts latency by 28%, 31% and 40% on three GPUs.")
    assert {role for _, role in _roles(record)} == {"improvement"}
    record = extract("It reaches 28% and 40% lower error than FooNet.")
    assert _roles(record) == [("28%", "improvement"), ("40%", "improvement")]


# A benchmark named as training data is not where a number is measured.


def test_a_training_set_is_not_a_results_benchmark() -> None:
    record = extract("Models trained on LAION-400M reach 71.2% zero-shot accuracy.")
    assert _attributed(record) == [("71.2%", "accuracy", None)]
    record = extract("Fine-tuning Llama-2-7B on UltraFeedback improves the win rate by 8.2%.")
    assert _attributed(record) == [("8.2%", "win rate", None)]


def test_an_evaluation_set_after_a_training_set_is_kept() -> None:
    record = extract(
        "Trained on ImageNet and evaluated on ObjectNet, FooNet reaches 61.0% accuracy."
    )
    assert _attributed(record) == [("61.0%", "accuracy", "ObjectNet")]
    record = extract("Pre-training on AudioSet boosts mAP by 2.1 points on ESC-50.")
    assert _attributed(record) == [("2.1 points", "mAP", "ESC-50")]


# A number reported on counted parts of a benchmark.


def test_a_number_on_counted_parts_of_a_benchmark_is_on_it() -> None:
    record = extract("Our agent improves the normalized return by 14% on 9 D4RL tasks.")
    assert _attributed(record) == [("14%", "normalized return", "D4RL")]
    record = extract("It reaches a 23% higher success rate across 50 Meta-World tasks.")
    assert _attributed(record) == [("23%", "success rate", "Meta-World")]


def test_counted_parts_of_a_training_set_are_not_where_a_number_is_measured() -> None:
    record = extract("The agent gains 14% in return after pre-training on 9 D4RL datasets.")
    assert _attributed(record) == [("14%", "return", None)]


# A metric after a number under a condition is not the number's metric.


def test_a_metric_after_a_condition_word_is_not_the_numbers() -> None:
    record = extract("The pruned model achieves a compression ratio of 4.2 with negligible loss.")
    assert _attributed(record) == [("4.2", "compression ratio", None)]


def test_a_metric_right_after_or_in_a_number_is_still_its_own() -> None:
    record = extract("It improves 4.2% in accuracy on the VQAv2 benchmark.")
    assert _attributed(record) == [("4.2%", "accuracy", "VQAv2")]
    record = extract("The tracker obtains 63.5 HOTA and 78.2 IDF1 on MOT17.")
    assert _attributed(record) == [("63.5", "HOTA", "MOT17"), ("78.2", "IDF1", "MOT17")]


# Coordinated results "12.3% in NDCG@10 and 9.8% in HR@10 on X" share X.


def test_coordinated_results_with_in_metrics_share_the_benchmark_after() -> None:
    record = extract(
        "SeqRec achieves improvements of 12.3% in NDCG@10 and 9.8% in HR@10 on MovieLens-1M."
    )
    assert _attributed(record) == [
        ("12.3%", "NDCG@10", "MovieLens-1M"),
        ("9.8%", "HR@10", "MovieLens-1M"),
    ]


# Acronyms in the plural are written in the singular.


def test_acronym_plurals_are_written_in_the_singular() -> None:
    names = ["WERs", "AUCs", "mIoUs", "PSNRs", "test WERs"]
    assert [metric_name(n) for n in names] == ["WER", "AUC", "mIoU", "PSNR", "WER"]


def test_plural_acronyms_that_are_names_or_unlisted_stay() -> None:
    names = ["FLOPs", "GFLOPs", "MACs", "LLMs", "GPUs"]
    assert [metric_name(n) for n in names] == names


# "long name (ACRONYM) of N": the acronym in brackets links the number to its metric.


def test_a_bracketed_acronym_before_of_links_the_number() -> None:
    record = extract("It reaches a mean average precision (mAP) of 41.2 on KITTI.")
    assert _attributed(record) == [("41.2", "mean average precision", "KITTI")]


# A bare decimal change after a named metric.


def test_a_decimal_change_after_a_named_metric_is_a_result() -> None:
    record = extract(
        "The model reaches an AUROC of 0.91, an absolute improvement of 0.07 over the baseline."
    )
    assert _roles(record) == [("0.91", "result"), ("0.07", "improvement")]
    record = extract(
        "On the Waymo Open Dataset, our detector achieves 74.2 mAPH, surpassing CenterPoint by 2.1."
    )
    assert _attributed(record) == [
        ("74.2", "mAPH", "Waymo Open Dataset"),
        ("2.1", "mAPH", "Waymo Open Dataset"),
    ]


def test_settings_and_whole_numbers_after_change_words_are_not_results() -> None:
    assert (
        extract("We report accuracy; the learning rate is increased by 0.5 each epoch.").metrics
        == []
    )
    assert extract("We report accuracy and beat it by 2 layers.").metrics == []
    assert extract("Accuracy is reported. A margin of 0.5 is used in the loss.").metrics == []


# List markers are not results.


def test_list_markers_are_not_results() -> None:
    record = extract(
        "We propose two variants: (1) hypervolume-guided weighting and (2) a dual method."
    )
    assert record.metrics == []


def test_a_score_in_brackets_after_a_name_is_not_a_marker() -> None:
    record = extract(
        "FooRL reaches a normalized score of 78.5, outperforming IQL (71.2) and CQL (69.8)."
    )
    assert [r.text for r in record.metrics] == ["78.5", "71.2", "69.8"]


# One metric spelled two ways in a clause is one metric to carry.


def test_a_metric_spelled_long_and_short_is_carried_as_one() -> None:
    record = extract(
        "TriageNet achieves an area under the curve (AUC) of 0.85, an absolute improvement of "
        "0.19 compared to the baseline's AUC of 0.66."
    )
    assert [r.metric for r in record.metrics] == ["area under the curve"] * 2 + ["AUC"]


# The word gates of the new cues skip only windows the plain patterns cannot match.

_WINDOWS = [
    "Models trained on ",
    "Fine-tuning Llama-2-7B on ",
    "after pre-training on 9 ",
    "Distilling from GPT-4 on ",
    "Trained on ImageNet and evaluated on ",
    "an absolute improvement of ",
    "surpassing CenterPoint by ",
    "the learning rate is increased by ",
    "a margin of about ",
    "reaches ",
    "",
]


def test_the_gated_cues_agree_with_their_plain_patterns() -> None:
    pairs = [
        (_result_cues._search_trained_on, _result_cues._search_trained_on_plain),
        (_result_cues._search_change_of, _result_cues._search_change_of_plain),
    ]
    for gated, plain in pairs:
        for window in _WINDOWS:
            for text in (window, window.upper(), window.lower()):
                assert bool(gated(text)) == bool(plain(text)), (window, text)


# A benchmark after a number that opens a list of benchmarks: which one is not said.


def test_a_number_across_a_list_of_benchmarks_takes_none() -> None:
    record = extract(
        "FooTS reduces the MAE by 8.9% on average across ETTh1, ETTh2 and Weather, "
        "compared with PatchTST."
    )
    assert _attributed(record) == [("8.9%", "MAE", None)]


def test_a_number_before_its_own_benchmark_in_a_list_keeps_it() -> None:
    record = extract("It achieves 80.1% accuracy on CIFAR-10 and 76.3% on CIFAR-100.")
    assert _attributed(record) == [
        ("80.1%", "accuracy", "CIFAR-10"),
        ("76.3%", "accuracy", "CIFAR-100"),
    ]


# A bare number with its metric after "in": "0.82 in BLEU", "71.3 in terms of mIoU".


def test_a_bare_number_in_a_named_metric_is_a_result() -> None:
    record = extract(
        "FooMT achieves 45.1 and 0.82 in BLEU and COMET, respectively, on WMT22 En-De."
    )
    assert _attributed(record) == [
        ("45.1", "BLEU", "WMT22 En-De"),
        ("0.82", "COMET", "WMT22 En-De"),
    ]
    record = extract("SegFoo reaches 52.1 in terms of mIoU on ADE20K.")
    assert _attributed(record) == [("52.1", "mIoU", "ADE20K")]


def test_a_bare_number_in_something_else_is_not_a_result() -> None:
    assert extract("We add 2 in the decoder and 3 in the number of heads.").metrics == []


# The change a number states is in what follows it, before a metric named earlier.


def test_a_numbers_own_change_in_wins_over_an_earlier_metric() -> None:
    record = extract(
        "We observe a 3.1% increase in recall and a 2.2% decrease in false alarms on CheXpert."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("3.1%", "recall"),
        ("2.2%", "false alarms"),
    ]


def test_a_vague_change_keeps_the_earlier_metric() -> None:
    record = extract("FooNet lifts accuracy to 81.0%, a 3.2% gain in performance over BarNet.")
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("81.0%", "accuracy"),
        ("3.2%", "accuracy"),
    ]


# Coordinated changes share the benchmark after the last ("... by 41% and increases the
# success rate by 12% in CARLA").


def test_coordinated_changes_share_the_benchmark_after_them() -> None:
    record = extract(
        "It reduces the collision rate by 41% and increases the success rate by 12% in CARLA."
    )
    assert _attributed(record) == [
        ("41%", "collision rate", "CARLA"),
        ("12%", "success rate", "CARLA"),
    ]


# "X: 45.2": a benchmark name introduces its score.


def test_a_benchmark_name_with_a_colon_introduces_its_score() -> None:
    record = extract("FooLM sets new records (MMLU: 72.4, GSM8K: 81.0).")
    assert _attributed(record) == [("72.4", None, "MMLU"), ("81.0", None, "GSM8K")]


def test_a_colon_after_other_words_introduces_no_score() -> None:
    assert extract("We study two settings (layers: 12, heads: 8).").metrics == []
    assert extract("FooLM is evaluated in three stages: 1 pass per query.").metrics == []


# A signed number in brackets after a comparison is a change, not a compared score.


def test_a_signed_number_in_brackets_after_a_comparison_is_a_change() -> None:
    record = extract("FooLM improves over BarLM on GSM8K (+4.2%) and MATH (+3.1%).")
    assert [(r.text, r.role, r.benchmark) for r in record.metrics] == [
        ("+4.2%", "improvement", "GSM8K"),
        ("+3.1%", "improvement", "MATH"),
    ]


def test_an_unsigned_number_in_brackets_after_a_comparison_stays_a_baseline() -> None:
    record = extract("FooRL reaches a normalized score of 78.5, outperforming IQL (71.2).")
    assert _roles(record) == [("78.5", "result"), ("71.2", "baseline")]


def test_a_count_after_a_benchmark_colon_is_not_a_score() -> None:
    assert extract("We pre-train on ImageNet: 1000 classes and 1.28M images.").metrics == []


def test_a_decimal_after_a_margin_hyper_parameter_is_not_a_change() -> None:
    assert extract("We report accuracy and use a margin of 0.5 in the loss.").metrics == []


# "from A (X) to B": an aside between the two numbers of a change.


def test_a_change_with_an_aside_keeps_its_pair() -> None:
    found = [(q.text, q.relation) for q in find_quantities("from 86.1% (LLaVA) to 90.3%")]
    assert found == [("86.1%", "from"), ("90.3%", "to")]
    record = extract("The accuracy on ScienceQA improves from 86.1% (LLaVA) to 90.3%.")
    assert [(r.text, r.role, r.benchmark, r.model) for r in record.metrics] == [
        ("86.1%", "baseline", "ScienceQA", "LLaVA"),
        ("90.3%", "result", "ScienceQA", None),
    ]


def test_an_aside_with_numbers_does_not_join_a_pair() -> None:
    found = [q.relation for q in find_quantities("from 41.2% (seed 3) to 47.5%")]
    assert found != ["from", "to"]


# A decimal number inside a comparison clause does not end it.


def test_a_name_after_a_compared_number_is_compared() -> None:
    record = extract("Compared to 65.2% for GPT-4, our model reaches 71.8% on MathVista.")
    assert [(r.text, r.role, r.model) for r in record.metrics] == [
        ("65.2%", "baseline", "GPT-4"),
        ("71.8%", "result", None),
    ]
