"""Behaviours added while measuring against gold (issue 3), each on invented text."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor_schemas import PaperRecord


def _rows(record: PaperRecord) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.role, r.metric, r.benchmark, r.model) for r in record.metrics]


def test_signed_numbers_are_changes_with_their_own_benchmarks() -> None:
    record = extract("Our filter gives SNR improvements of +12.5% on FooSet and +3.1% on BarSet-2.")
    assert _rows(record) == [
        ("+12.5%", "improvement", "SNR", "FooSet", None),
        ("+3.1%", "improvement", "SNR", "BarSet-2", None),
    ]
    assert [b.name for b in record.benchmarks] == ["FooSet", "BarSet-2"]


def test_plural_metric_and_respectively_pair_models() -> None:
    record = extract(
        "Models such as GPT-4o, Gemini 1.5 Pro, and Claude 3 Opus reach the highest average "
        "accuracies of 0.61, 0.57, and 0.54, respectively."
    )
    assert [(r.value, r.model, r.metric) for r in record.metrics] == [
        (0.61, "GPT-4o", "accuracy"),
        (0.57, "Gemini 1.5 Pro", "accuracy"),
        (0.54, "Claude 3 Opus", "accuracy"),
    ]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It retains 97% of the dense model's performance.", [97.0]),
        ("It removes 50% of Llama-3.1-70B's parameters.", []),
        ("Even GPT-4o is incorrect on 34% of instances.", [34.0]),
        ("Trained with only 34% of the samples, it works.", []),
        ("accuracy improvements of 43% to 70% over baselines", [43.0, 70.0]),
    ],
)
def test_shares_are_rates_or_conditions_by_what_they_are_shares_of(
    text: str, values: list[float]
) -> None:
    assert [r.value for r in extract(text).metrics] == values


def test_range_written_with_of_and_to() -> None:
    low, high = extract("accuracy improvements of 43% to 70% over baselines").metrics
    assert (low.bound, high.bound, low.role) == ("at_least", "at_most", "improvement")


def test_names_glued_by_a_hyphen_belong_to_the_longer_name() -> None:
    record = extract("KG-BERT and EfficientViT-M5 are compared with Wave-U-Net.")
    assert [m.name for m in record.models] == ["KG-BERT", "EfficientViT-M5", "Wave-U-Net"]
    assert record.benchmarks == []


def test_acronym_definitions_name_benchmarks() -> None:
    record = extract("Results on the Chinese Reward Benchmark (CRBench) are strong.")
    (bench,) = record.benchmarks
    assert (bench.name, bench.aliases) == ("Chinese Reward Benchmark", ["CRBench"])


def test_acronym_defined_in_the_text_overrides_the_lists() -> None:
    record = extract(
        "We propose Online Pre-Training for Offline RL (OPT), and OPT improves returns by 30%."
    )
    assert record.models == []  # OPT is defined here as a method, not Meta's OPT model
    assert record.method is not None
    assert record.method.name == "Online Pre-Training for Offline RL"


def test_method_title_case_name_after_a_generic_description() -> None:
    record = extract("We propose a new algorithm, Binary Margin Optimization, that works.")
    assert record.method is not None and record.method.name == "Binary Margin Optimization"


def test_method_hyphenated_term_is_not_a_name() -> None:
    record = extract("We then propose Pre-Training with care; pre-training matters.")
    assert record.method is None


def test_single_word_title_name_used_as_a_name() -> None:
    record = extract(
        "We present a model. Trained on 1M hours, Zorbl beats baselines.", title="Zorbl: A Model"
    )
    assert record.method is not None and record.method.name == "Zorbl"
    assert extract("Overview of methods.", title="Overview: Methods").method is None


def test_the_model_a_method_is_applied_to_wins_over_the_method() -> None:
    # GUIDELINES.md, "A method applied to a named model": the record's method says what
    # was applied, the number's model says what was measured.
    record = extract(
        "We propose Bolt. When fine-tuning LLaMA2-7B on GSM8K, Bolt achieves 49.4% accuracy."
    )
    assert [(r.value, r.model) for r in record.metrics] == [(49.4, "LLaMA2-7B")]


def test_names_compared_against_are_not_the_result_model() -> None:
    record = extract("This accuracy surpasses similar models - CLIP and ALIGN - by 9.3%.")
    assert [(r.value, r.model) for r in record.metrics] == [(9.3, None)]


def test_a_listed_pair_of_models_pairs_with_a_pair_of_numbers() -> None:
    record = extract("It improves SD v1.5 and SDXL's performance by 10.5% and 5.3%.")
    assert [(r.value, r.model) for r in record.metrics] == [(10.5, "SD v1.5"), (5.3, "SDXL")]


def test_benchmark_splits_are_part_of_the_name() -> None:
    record = extract("It reaches 2.4% WER on LibriSpeech test-clean.")
    assert [b.name for b in record.benchmarks] == ["LibriSpeech test-clean"]


def test_named_score_metric_but_not_for_listed_metrics() -> None:
    record = extract("It gains 10% in VeriSpeak score and PESQ scores of 4.04.")
    assert [r.metric for r in record.metrics] == ["VeriSpeak", "PESQ"]


def test_benchmark_paper_results_default_to_its_benchmark() -> None:
    record = extract(
        "We introduce ZorpBench, a benchmark of puzzles. The best model scores 41.2% accuracy.",
        title="ZorpBench: Puzzles for Models",
    )
    assert [(r.value, r.benchmark) for r in record.metrics] == [(41.2, "ZorpBench")]


def test_decibels_and_frames_per_second_are_result_units() -> None:
    record = extract("It improves PSNR by 1.2 dB on Set5 and runs at 45 FPS.")
    assert [(r.text, r.unit, r.role, r.metric) for r in record.metrics] == [
        ("1.2 dB", "dB", "improvement", "PSNR"),
        ("45 FPS", "FPS", "result", None),  # a unit names no metric (gold: null)
    ]


def test_the_method_is_a_model_only_when_the_text_calls_it_one() -> None:
    record = extract("We propose Zeta-ViT, a token pruning scheme. Zeta-ViT cuts FLOPs by 40%.")
    assert record.method is not None and record.method.name == "Zeta-ViT"
    assert record.models == []
    called = extract("We propose Zeta-ViT. Our Zeta-ViT model cuts FLOPs by 40%.")
    assert [m.name for m in called.models] == ["Zeta-ViT"]


def test_plural_kinds_spelled_out_are_not_models() -> None:
    record = extract("Medical Vision-Language Models (Med-VLMs) answer questions.")
    assert record.models == []


def test_evaluated_on_names_and_the_sentence_setting() -> None:
    record = extract(
        "Evaluated on VisDrone2019-DET, our detector achieves 55.3% mAP@50 and 35.6% "
        "mAP@50-95, outperforming YOLOv8s by 16.6 and 12.3 points respectively."
    )
    assert [b.name for b in record.benchmarks] == ["VisDrone2019-DET"]
    assert {r.benchmark for r in record.metrics} == {"VisDrone2019-DET"}
    assert [r.metric for r in record.metrics][:2] == ["mAP@50", "mAP@50-95"]


def test_one_of_two_listed_benchmarks_is_not_guessed() -> None:
    record = extract("On ImageNet-100 and ImageNet-1K, it achieves up to 49.4% FLOPs reduction.")
    assert [(r.value, r.benchmark) for r in record.metrics] == [(49.4, None)]


def test_a_phrase_ended_by_a_comma_is_not_a_list() -> None:
    record = extract("Results on FooQA, ToaSt achieves 88.5% accuracy.")
    assert [b.name for b in record.benchmarks] == ["FooQA"]


def test_what_a_change_is_in_names_the_metric_when_no_list_does() -> None:
    record = extract(
        "It brings a 19.5% increase in conversational abilities. It reduces response delay by "
        "an average of 28%. It improves performance by 5%."
    )
    assert [(r.value, r.metric) for r in record.metrics] == [
        (19.5, "conversational abilities"),
        (28.0, "response delay"),
        (5.0, None),
    ]


def test_metric_phrase_beside_the_number_when_no_list_has_it() -> None:
    record = extract("It reaches 50% answer consistency, and reasoning scores of 0.69.")
    assert [(r.value, r.metric) for r in record.metrics] == [
        (50.0, "answer consistency"),
        (0.69, "reasoning score"),
    ]


def test_names_with_a_digit_match_in_any_case() -> None:
    record = extract("We fine-tune llama-2-7b and gpt-4 on gsm8k.")
    assert [m.name for m in record.models] == ["llama-2-7b", "gpt-4"]
    assert [b.name for b in record.benchmarks] == ["gsm8k"]


def test_invented_abstracts_from_three_areas() -> None:
    seg = extract(
        "We present SwiftSeg, an efficient segmentation transformer. On ADE20K, SwiftSeg-B "
        "achieves 48.3 mIoU at 62 FPS, outperforming SegFormer-B2 by 1.8 mIoU while being "
        "2.1x faster. On Cityscapes it reaches 80.4% mIoU.",
        title="SwiftSeg: Real-Time Semantic Segmentation",
    )
    assert [(r.text, r.role, r.metric, r.benchmark, r.model) for r in seg.metrics] == [
        # the sized variant written as the subject is named as written
        ("48.3", "result", "mIoU", "ADE20K", "SwiftSeg-B"),
        ("62 FPS", "result", None, "ADE20K", "SwiftSeg-B"),
        ("1.8", "improvement", "mIoU", "ADE20K", "SwiftSeg-B"),
        ("2.1x", "improvement", None, "ADE20K", "SwiftSeg-B"),
        ("80.4%", "result", "mIoU", "Cityscapes", None),
    ]
    asr = extract(
        "Our model reduces WER on LibriSpeech test-other from 5.2% to 4.1% and achieves 2.0% "
        "on test-clean, compared with 2.5% for Whisper large-v3."
    )
    assert [(r.value, r.role, r.benchmark, r.model) for r in asr.metrics] == [
        (5.2, "baseline", "LibriSpeech test-other", None),
        (4.1, "result", "LibriSpeech test-other", None),
        (2.0, "result", "test-clean", None),
        (2.5, "baseline", None, "Whisper large-v3"),
    ]
    rl = extract(
        "We propose CTR, a conservative transformer. Across 9 D4RL locomotion tasks, CTR "
        "attains an average normalized score of 78.4."
    )
    assert [(r.value, r.metric, r.model) for r in rl.metrics] == [(78.4, "normalized score", "CTR")]


def test_invented_abstracts_baselines_in_brackets_and_after_for() -> None:
    graph = extract(
        "We introduce GraphMix. On ogbg-molhiv, GraphMix achieves a ROC-AUC of 81.2 ± 0.4, "
        "compared to 77.1 for GIN and 78.3 for Graphormer."
    )
    assert [(r.value, r.role, r.model) for r in graph.metrics] == [
        (81.2, "result", "GraphMix"),
        (77.1, "baseline", "GIN"),
        (78.3, "baseline", "Graphormer"),
    ]
    math = extract(
        "We propose MathPlanner. MathPlanner-1.5B reaches 72.4% on GSM8K and 41.0% on MATH500, "
        "surpassing Llama-3.1-8B-Instruct (70.1% and 30.2%, respectively)."
    )
    assert [(r.value, r.role, r.benchmark, r.model) for r in math.metrics] == [
        (72.4, "result", "GSM8K", "MathPlanner-1.5B"),
        (41.0, "result", "MATH500", "MathPlanner-1.5B"),
        (70.1, "baseline", "GSM8K", "Llama-3.1-8B-Instruct"),
        (30.2, "baseline", "MATH500", "Llama-3.1-8B-Instruct"),
    ]
    speech = extract("Open models such as Qwen2-Audio score below 40%.")
    assert [(r.value, r.bound, r.metric, r.model) for r in speech.metrics] == [
        (40.0, "at_most", None, "Qwen2-Audio")
    ]


def test_invented_abstracts_factor_by_gaps_and_bracketed_baselines() -> None:
    ctx = extract(
        "We introduce LongCtx. Applied to Llama-3-8B, LongCtx cuts prefill latency by 3.4x "
        "and memory usage by 62%. On LongBench, LongCtx-8B achieves an average score of 48.7, "
        "outperforming YaRN (44.1) and LongLoRA (42.9)."
    )
    assert [(r.text, r.role, r.metric, r.model) for r in ctx.metrics] == [
        ("3.4x", "improvement", "prefill latency", "Llama-3-8B"),
        ("62%", "improvement", "memory usage", "Llama-3-8B"),
        ("48.7", "result", "average score", "LongCtx-8B"),
        # The compared numbers share the clause's one metric (third quality pass); the
        # name before each bracket is the compared system, listed or not.
        ("44.1", "baseline", "average score", "YaRN"),
        ("42.9", "baseline", "average score", "LongLoRA"),
    ]
    gap = extract("Cascaded systems remain competitive, with a gap of less than 2 BLEU points.")
    assert [(r.value, r.role, r.bound, r.metric) for r in gap.metrics] == [
        (2.0, "improvement", "at_most", "BLEU")
    ]
    robot = extract("DexDiff achieves a 91% success rate on 12 tasks from Meta-World.")
    assert [(r.value, r.benchmark) for r in robot.metrics] == [(91.0, "Meta-World")]


def test_a_benchmark_claimed_by_an_earlier_number_and_factor_higher() -> None:
    record = extract(
        "It reaches 49.8 mIoU on ADE20K, while using 30% fewer FLOPs than Swin-S. "
        "The throughput is 1.7 times higher than ConvNeXt-S."
    )
    assert [(r.text, r.role, r.metric, r.benchmark) for r in record.metrics] == [
        ("49.8", "result", "mIoU", "ADE20K"),
        ("30%", "improvement", "FLOPs", None),
        ("1.7 times", "improvement", "throughput", None),
    ]


def test_benchmark_versions_years_and_scores() -> None:
    record = extract(
        "We evaluate on MS-COCO 2014, FooBench 2.0 and BarEval-v1.5. It scores 8.2% higher "
        "on MT-Bench 7.5 here."
    )
    assert [b.name for b in record.benchmarks] == [
        "MS-COCO 2014",
        "FooBench 2.0",
        "BarEval-v1.5",
        "MT-Bench",
    ]
    assert record.models == []
