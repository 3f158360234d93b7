"""Cues of the second quality pass (issue 3), each on invented sentences."""

from __future__ import annotations

from extractor import extract
from extractor_schemas import PaperRecord


def _rows(record: PaperRecord) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.role, r.metric, r.benchmark, r.model) for r in record.metrics]


def _models(record: PaperRecord) -> list[str]:
    return [e.name for e in record.models]


def test_a_name_inside_a_url_is_not_a_mention() -> None:
    record = extract(
        "We propose ZorbAlign. ZorbAlign beats CLIP by 5%. "
        "Code: https://github.com/someone/ZorbAlign and https://github.com/x/GPT-4-tools."
    )
    assert record.method is not None
    assert [m.text for m in record.method.mentions] == ["ZorbAlign", "ZorbAlign"]
    assert all(m.start < record.text.index("https") for m in record.method.mentions)
    assert _models(record) == ["CLIP"]


def test_a_name_glued_to_a_kind_suffix_names_no_model() -> None:
    record = extract("YOLO-based detectors and BERT-style encoders lag behind FooGAN-style models.")
    assert _models(record) == []
    assert _models(extract("Our YOLO-based detector beats YOLOv8n by 2.1 AP.")) == ["YOLOv8n"]


def test_the_only_benchmark_of_a_sentence_is_each_results() -> None:
    record = extract(
        "FooNet reaches 39.9% mAP on the ZorbSet dataset, a 9.6% improvement over BarNet, "
        "with 5.3x less memory."
    )
    assert [(r.text, r.benchmark) for r in record.metrics] == [
        ("39.9%", "ZorbSet"),
        ("9.6%", "ZorbSet"),
        ("5.3x", None),
    ]


def test_the_evaluation_benchmark_reaches_every_result_of_the_next_sentence() -> None:
    record = extract(
        "We evaluate our model on the ZorbSet benchmark. It reaches an accuracy of 81.9%, "
        "outperforming BarNet by 5.3%."
    )
    assert [(r.text, r.benchmark) for r in record.metrics] == [
        ("81.9%", "ZorbSet"),
        ("5.3%", "ZorbSet"),
    ]


def test_a_benchmark_paired_by_respectively_is_not_carried() -> None:
    record = extract(
        "FooNet achieves an average 21.6% and 27.5% higher success rate than BarNet and DDIM "
        "on the ZorbSet benchmark and real-world tasks, respectively."
    )
    assert [r.benchmark for r in record.metrics] == [None, None]
    setting = extract("On the ZorbSet dataset, FooNet and BarNet gain 2.1% and 5.3%, respectively.")
    assert [r.benchmark for r in setting.metrics] == ["ZorbSet", "ZorbSet"]


def test_a_result_without_a_metric_takes_the_one_of_its_clause() -> None:
    record = extract(
        "FooNet reaches an average success rate of 81.9%, which outperforms BarNet by 5.3%."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("81.9%", "success rate"),
        ("5.3%", "success rate"),
    ]
    record = extract(
        "Our approach reduces response length by 28%, "
        "while incurring performance drops of 2.5 points."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("28%", "response length"),
        ("2.5 points", None),
    ]


def test_a_listed_model_spelled_out_in_lower_case_stays_a_model() -> None:
    record = extract(
        "We compare graph convolutional networks (GCN) and a graph isomorphism network (GIN). "
        "GCN reaches an RMSE of 0.518."
    )
    assert _models(record) == ["GCN", "GIN"]
    assert [r.model for r in record.metrics] == ["GCN"]
    other = extract("We study Online Pre-Training (OPT). OPT improves accuracy by 3%.")
    assert _models(other) == []


def test_a_coined_name_listed_with_a_known_model_is_a_model() -> None:
    record = extract("Standard retrievers (e.g., Contriever, ZorbIR) miss such entities.")
    assert _models(record) == ["Contriever", "ZorbIR"]
    assert _models(extract("It beats GPT-4o and FooLM-7 on every task.")) == ["GPT-4o", "FooLM-7"]
    # A plain capitalised word or a metric beside a model is not a model.
    assert _models(extract("We compare GPT-4o and Gemini on Accuracy and BLEU.")) == [
        "GPT-4o",
        "Gemini",
    ]
    assert _models(extract("We fine-tune CLIP and Pick-Style on our data.")) == ["CLIP"]
    # A comma alone ends a phrase: "With GPT-4o, ZorbLM-2 reaches ..." is not a list.
    assert _models(extract("With GPT-4o, ZorbLM-2 reaches 71.0% accuracy.")) == ["GPT-4o"]


def test_a_listed_family_in_lower_case_with_a_version_is_a_model() -> None:
    record = extract("gpt-5.3-codex solves 86.4% of tasks, outperforming claude-opus-4.6 (68.2%).")
    assert _models(record) == ["gpt-5.3-codex", "claude-opus-4.6"]
    assert [(r.text, r.model) for r in record.metrics] == [
        ("86.4%", "gpt-5.3-codex"),
        ("68.2%", "claude-opus-4.6"),
    ]
    assert _models(extract("We map text-2 inputs to zero-1 outputs.")) == []


def test_a_grown_listed_name_that_is_listed_itself_is_that_entity() -> None:
    record = extract(
        "We build on Segment Anything Model 2 (SAM 2). The SAM 2 baseline reaches 89.0% IoU."
    )
    assert [(e.name, e.aliases) for e in record.models] == [("Segment Anything Model 2", ["SAM 2"])]


def test_model_agnostic_does_not_call_the_method_a_model() -> None:
    record = extract("We propose ZorbSel, a training-free model-agnostic framework for ranking.")
    assert record.method is not None and record.method.name == "ZorbSel"
    assert _models(record) == []
    called = extract("We propose ZorbLM, a small language model for ranking.")
    assert _models(called) == ["ZorbLM"]


def test_a_coined_name_called_a_model_in_apposition_is_a_model() -> None:
    record = extract("ZORBL, a model with structured prompts, achieved a mean AUROC of 0.82.")
    assert _models(record) == ["ZORBL"]
    assert [r.model for r in record.metrics] == ["ZORBL"]
    assert _models(extract("ZorbSel, an approach that ranks prompts, is fast.")) == []


def test_coined_names_given_as_examples_of_models_are_models() -> None:
    record = extract("It beats recent models, such as ZorbRec and FooRec-2, on every split.")
    assert _models(record) == ["ZorbRec", "FooRec-2"]
    assert _models(extract("It beats recent methods, such as ZorbRec, on every split.")) == []
    assert _models(extract("Some models, such as Transformers and RNNs, are slow.")) == []


def test_what_a_number_changes_by_names_its_metric() -> None:
    record = extract(
        "It achieves increased energy efficiency over the baselines for both CPU and GPU by 44%."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [("44%", "energy efficiency")]
    cut = extract("It cuts remote feature fetches by over 9.7x.")
    assert [(r.text, r.metric, r.bound) for r in cut.metrics] == [
        ("9.7x", "remote feature fetches", "at_least")
    ]
    vague = extract("It improves overall efficiency by 12% and visual perception tasks by 5%.")
    assert [r.metric for r in vague.metrics] == [None, None]


def test_the_thing_changed_by_a_number_beats_an_earlier_metric() -> None:
    record = extract(
        "Agents reach 11% higher success rates and improve sample efficiency by 19% over PPO."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [
        ("11%", "success rate"),
        ("19%", "sample efficiency"),
    ]


def test_a_metric_acronym_defined_in_the_text_and_the_inception_score() -> None:
    record = extract(
        "We study Click-Through Rate (CTR) prediction. An online test confirms a 5.3% "
        "relative CTR gain and an IS of 304.4."
    )
    assert [(r.text, r.metric) for r in record.metrics] == [("5.3%", "CTR"), ("304.4", "IS")]
    method = extract("We propose CTR, a transformer. CTR attains a score of 78.4.")
    assert [(r.metric, r.model) for r in method.metrics] == [("score", "CTR")]


def test_the_first_benchmark_in_apposition_is_a_benchmark() -> None:
    record = extract(
        "We introduce ZQ-AGI, the first open-source benchmark for software agents. "
        "The best agent solves 86.4% of ZQ-AGI tasks."
    )
    assert [e.name for e in record.benchmarks] == ["ZQ-AGI"]
    assert [r.benchmark for r in record.metrics] == ["ZQ-AGI"]


def test_an_image_resolution_after_a_benchmark_is_part_of_its_name() -> None:
    record = extract("On ImageNet 256x256, our model reaches an FID of 1.48.")
    assert [e.name for e in record.benchmarks] == ["ImageNet 256x256"]
    assert [(r.text, r.benchmark) for r in record.metrics] == [("1.48", "ImageNet 256x256")]
