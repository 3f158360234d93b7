"""Cues of the fifth quality pass (issue 3), each on invented sentences: where it fires
and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.components._name_patterns import (
    _finditer_compared_name,
    _finditer_introduced_model,
    _is_number_format,
)
from extractor.pipeline.results._cues import _match_possessive_gap
from extractor_schemas import PaperRecord


def _models(record: PaperRecord) -> list[str]:
    return [m.name for m in record.models]


# A model-shaped name right after a comparison cue is a compared system.


def test_a_coined_name_after_a_comparison_cue_is_a_model() -> None:
    record = extract(
        "Our detector gains 4.2% mAP compared to Heron-S2 and runs faster than the "
        "QuillNet-B baseline."
    )
    assert _models(record) == ["Heron-S2", "QuillNet-B"]


def test_the_comparison_cue_reads_past_articles_and_example_words() -> None:
    found = [
        m.group("name")
        for m in _finditer_compared_name(
            "It outperforms strong baselines such as ZetaLM-3B. It surpasses the MarbleGPT-2 model."
        )
    ]
    assert found == ["ZetaLM-3B", "MarbleGPT-2"]


def test_no_model_after_a_comparison_cue_without_a_model_shape() -> None:
    # An all-capital acronym, a plain word, a number, a technique and a CamelCase name
    # alone (often a technique) stay unnamed.
    record = extract(
        "Our policy is better than BRIDGER, over Twenty tasks, with more than 3B "
        "parameters, and it is faster than LoRA and than FedMix."
    )
    assert _models(record) == []


def test_no_model_for_number_formats_metrics_or_benchmark_variants() -> None:
    record = extract(
        "Decoding in W4A16 is faster than FP32, our score is higher than WER-SN, and "
        "training on COCO-Stuff is better than on COCO-Panoptic."
    )
    assert _models(record) == []
    assert [bool(_is_number_format(w)) for w in ("FP32", "W4A16", "NF4", "Fox32")] == [
        True,
        True,
        True,
        False,
    ]


def test_a_compared_name_followed_by_a_dataset_noun_is_a_benchmark() -> None:
    record = extract("Accuracy is 3% higher than on the OrbitQA2 dataset.")
    assert _models(record) == []


# A one-word name a paper introduces as a model.


def test_an_introduced_one_word_name_called_a_model_is_a_model() -> None:
    record = extract(
        "This report introduces Heron, a large-scale multilingual speech recognition (ASR) "
        "model trained on public data."
    )
    assert _models(record) == ["Heron"]


def test_a_model_called_by_a_name_is_a_model() -> None:
    found = [
        m.group("name")
        for m in _finditer_introduced_model("We train a compact network called Sparrow on it.")
    ]
    assert found == ["Sparrow"]


def test_no_one_word_model_without_an_introducing_verb_or_a_model_noun() -> None:
    assert [
        m.group("name")
        for m in _finditer_introduced_model(
            "Finally, a simple model wins. We present Falcon, a toolkit for data cleaning. "
            "We build a dataset called Orchard."
        )
    ] == []


# A possessive model name owns the number right after it.


def test_a_possessive_model_name_owns_its_number() -> None:
    record = extract(
        "Plain backbones trade accuracy for speed, as shown by ResNet-50's 71.2% top-1 "
        "accuracy on a noisy split."
    )
    assert [(r.text, r.model) for r in record.metrics] == [("71.2%", "ResNet-50")]


def test_the_possessive_gap_holds_only_a_few_qualifiers() -> None:
    assert _match_possessive_gap("ResNet-50's best ", len("ResNet-50"))
    assert _match_possessive_gap("ResNet-50’s ", len("ResNet-50"))
    assert not _match_possessive_gap("ResNet-50's head reaches ", len("ResNet-50"))


# A range after "by" may carry a bound word, and a symbol rendered twice is one symbol.


def test_a_range_after_by_and_a_bound_word_gives_both_ends() -> None:
    record = extract("ZorbNet cuts cache misses by over 9.7x to 15.4x and latency by 3%.")
    assert [(r.text, r.role, r.bound) for r in record.metrics] == [
        ("9.7x", "improvement", "at_least"),
        ("15.4x", "improvement", "at_most"),
        ("3%", "improvement", "exact"),
    ]


def test_a_symbol_rendered_and_left_as_latex_counts_once() -> None:
    record = extract(r"ZorbNet raises throughput by 2.5×\times to 3.1×\times over BarNet.")
    assert record.text == "ZorbNet raises throughput by 2.5× to 3.1× over BarNet."
    found = [(r.text, r.bound) for r in record.metrics]
    assert found == [("2.5×", "at_least"), ("3.1×", "at_most")]


def test_a_time_measured_as_latency_is_a_result_and_a_budget_is_not() -> None:
    record = extract("ZorbNet at 40 ms latency matches BarNet at 320 ms latency.")
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("40 ms", "latency"),
        ("320 ms", "latency"),
    ]
    assert extract("It decodes at 20 ms per token.").metrics[0].text == "20 ms"
    for text in (
        "We train for 20 hours on 8 GPUs with a 30 s time limit per task.",
        "Each clip lasts 10 seconds and starts 2 s after the cue.",
    ):
        assert extract(text).metrics == []
