"""Model, benchmark and metric names: lists, tails, unseen-name patterns, acronyms."""

from __future__ import annotations

import pytest

from extractor import extract


def _names(text: str, label: str) -> list[str]:
    record = extract(text)
    entities = record.models if label == "models" else record.benchmarks
    return [e.name for e in entities]


@pytest.mark.parametrize(
    ("text", "models"),
    [
        ("We fine-tune Llama 3.1 8B Instruct and GPT-4o.", ["Llama 3.1 8B Instruct", "GPT-4o"]),
        ("Results on Qwen2.5-7B-Instruct improve.", ["Qwen2.5-7B-Instruct"]),
        ("We compare with Mistral-7B and Mixtral-8x7B.", ["Mistral-7B", "Mixtral-8x7B"]),
        ("A ViT-B/16 backbone beats ResNet-50.", ["ViT-B/16", "ResNet-50"]),
        # Coined names no list has, found by their shape.
        ("Our Falconet-Zeta-13B model wins.", ["Falconet-Zeta-13B"]),
        ("We compare against Orcabird-Instruct.", ["Orcabird-Instruct"]),
        ("Compared to Kandelabra v2.2, ours is better.", ["Kandelabra v2.2"]),
    ],
)
def test_models(text: str, models: list[str]) -> None:
    assert _names(text, "models") == models


@pytest.mark.parametrize(
    "text",
    [
        "We align LLMs with DPO, RLHF and LoRA on GPUs.",
        "Large language models (LLMs) are trained with PPO.",
        "The Llama-3-70B base models are strong.",  # "base" lower-case is not a suffix
    ],
)
def test_generic_words_and_algorithms_are_not_models(text: str) -> None:
    names = _names(text, "models")
    assert not {"LLMs", "DPO", "RLHF", "LoRA", "PPO", "GPUs", "LLM"} & set(names)
    assert all(not name.endswith(" base") for name in names)


def test_acronym_of_a_model_carries_its_label_and_merges() -> None:
    record = extract("We fine-tune Stable Diffusion XL (SDXL). Later SDXL is compared.")
    (sdxl,) = record.models
    assert sdxl.name == "Stable Diffusion XL"
    assert sdxl.aliases == ["SDXL"]
    assert len(sdxl.mentions) == 3


@pytest.mark.parametrize(
    ("text", "benchmarks"),
    [
        ("Results on GSM8K, MATH and MMLU.", ["GSM8K", "MATH", "MMLU"]),
        ("We report AlpacaEval 2.0 and MT-Bench.", ["AlpacaEval 2.0", "MT-Bench"]),
        ("Top-1 on ImageNet and CIFAR-100.", ["ImageNet", "CIFAR-100"]),
        # Unseen names by shape or by the noun after them.
        ("We evaluate on ZebraBench and the HumQA set.", ["ZebraBench", "HumQA"]),
        ("We build the OctoMix-2 dataset for training.", ["OctoMix-2"]),
    ],
)
def test_benchmarks(text: str, benchmarks: list[str]) -> None:
    assert _names(text, "benchmarks") == benchmarks


def test_spellings_of_one_benchmark_are_one_entity() -> None:
    record = extract("On GSM8K we gain; GSM8K again.")
    (gsm,) = record.benchmarks
    assert len(gsm.mentions) == 2


def test_metric_acronyms_match_case_sensitively() -> None:
    record = extract("A feature map and a map of the city; mAP of 45.2 on COCO.")
    (result,) = record.metrics
    assert result.metric == "mAP"
    assert result.value == 45.2


def test_model_name_followed_by_metric_noun_is_not_a_model() -> None:
    assert _names("We report the CLIPZ-Quality metric for all runs.", "models") == []


def test_every_evaluated_on_cue_word_opens_its_windows() -> None:
    """The "evaluated on" windows run only where one of ``needs`` stands before the
    anchor; a cue word added to the pattern without its stem would be skipped silently."""
    import re

    from extractor.components._name_patterns import _EVALUATION_CUE_STEMS, _evaluated_on

    group = _evaluated_on.pattern.split("(?:", 1)[1].split(")\\s+", 1)[0]
    group = re.sub(r"\(\?:[^()]*\)\??", "", group)  # "benchmark(?:ed|ing|s)?" -> "benchmark"
    words = [re.sub(r"[^a-z].*", "", alternative) for alternative in group.split("|")]
    assert len(words) > 10
    for word in words:
        assert any(word.startswith(stem) for stem in _EVALUATION_CUE_STEMS), word


@pytest.mark.parametrize(
    "word", ["Benchmark", "BENCH", "bench", "Benchmarks", "Dataset", "corpus", "Suite", "Suites",
             "ſuite", "Data", "", "benchmarking", "CORPUS"],
)  # fmt: skip
def test_benchmark_noun_compiled_once_equals_the_pattern_string(word: str) -> None:
    import regex

    from extractor.components.names import _is_benchmark_noun

    plain = regex.fullmatch(r"(?i)(?:bench(?:mark)?|dataset|corpus|suite)", word)
    assert bool(_is_benchmark_noun(word)) == bool(plain)


@pytest.mark.parametrize(
    ("text", "metric_names"),
    [
        (
            "FooTTS reaches Entity-Hit-Rate (EHR) 0.473; Nova-3 reaches EHR 0.16.",
            ["Entity-Hit-Rate", "EHR"],
        ),
        ("a volume overlap error (VOE) of 11.91%", ["volume overlap error"]),
        ("the Mix Error Rate (MER) falls to 12.1% MER", ["MER"]),
    ],
)
def test_an_acronym_spelled_out_as_a_measure_is_a_metric(
    text: str, metric_names: list[str]
) -> None:
    assert [m.metric for m in extract(text).metrics] == metric_names


@pytest.mark.parametrize(
    "text",
    [
        "We propose Error Level Noise (ELN), which reaches 71.2% accuracy.",
        "Rate (R) and Score Matching Network (SMN) reach 71.2% accuracy.",
    ],
)
def test_an_acronym_not_ending_in_a_measure_is_no_metric(text: str) -> None:
    assert [m.metric for m in extract(text).metrics] == ["accuracy"]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("FooVLM cuts CHAIR-i to 4.4 and CHAIR-s to 12.1.", ["CHAIR-i", "CHAIR-s"]),
        ("FooDub lowers MCD-SL from 5.24 to 4.74.", ["MCD-SL", "MCD-SL"]),
        ("FooASR reaches a Mix Error Rate of 12.1%.", ["Mix Error Rate"]),
        ("FooNet keeps its WER-based ranking at 12.1% WER.", ["WER"]),  # "-based" is no variant
    ],
)
def test_listed_metrics_keep_a_short_variant_and_title_case_words(
    text: str, metrics: list[str]
) -> None:
    assert [m.metric for m in extract(text).metrics] == metrics


@pytest.mark.parametrize(
    ("text", "benchmarks"),
    [
        ("FooChem reaches 59.82% exact match on ChEBI-20.", ["ChEBI-20"]),
        ("HQF-Net achieves 71.82% mIoU on OpenEarthMap.", ["OpenEarthMap"]),
        ("It gives 5.4% SPL gains on IR2R over the best baseline.", ["IR2R"]),
        ("It gives a 3.2x speedup on H100 GPUs.", []),  # hardware, not data
    ],
)
def test_a_coined_name_reported_on_after_a_number_and_its_metric_is_a_benchmark(
    text: str, benchmarks: list[str]
) -> None:
    assert _names(text, "benchmarks") == benchmarks


@pytest.mark.parametrize(
    ("text", "benchmarks"),
    [
        ("(1) On DexYCB, we obtain an FVD of 29.13.", ["DexYCB"]),
        (
            "It gains 3.3% on BraTS2023; on BraTS2024, it delivers 4.5% Dice.",
            ["BraTS2023", "BraTS2024"],
        ),
        ("We train on data; on average, it is fast.", []),
    ],
)
def test_a_clause_opening_on_a_coined_name_after_a_marker_or_semicolon(
    text: str, benchmarks: list[str]
) -> None:
    assert _names(text, "benchmarks") == benchmarks


@pytest.mark.parametrize(
    ("text", "benchmarks"),
    [
        # data the paper introduces
        ("We present BaltiVoice, a 16-hour read-speech corpus.", ["BaltiVoice"]),
        (
            "We constructed a multi-level dataset, BioMedMCQs, consisting of questions.",
            ["BioMedMCQs"],
        ),
        # a setting opening a sentence, with a bracketed split or no comma
        (
            "On S3DIS (Area 5), FooSeg gets 71.6% mIoU. On DALES it gets 81.1% mIoU.",
            ["S3DIS", "DALES"],
        ),
    ],
)
def test_benchmarks_as_introduced_data_and_bracketed_settings(
    text: str, benchmarks: list[str]
) -> None:
    assert _names(text, "benchmarks") == benchmarks


def test_a_bare_name_written_after_the_full_one_is_that_model() -> None:
    record = extract(
        "We fine-tune Whisper-large-v3 on FooSet. After that, Whisper reaches 12.1% WER."
    )
    names = {m.name: m.aliases for m in record.models}
    assert "Whisper" not in names and "Whisper" in names["Whisper-large-v3"]
    assert [r.model for r in record.metrics] == ["Whisper-large-v3"]
    # two fuller names begin with it: not folded
    two = extract("We test Llama-2-7B and Llama-3-8B; Llama reaches 50% accuracy.")
    assert "Llama" in [m.name for m in two.models]
