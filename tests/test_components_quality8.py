"""Name cues of the eighth quality pass (issue 3), each on invented sentences from several
fields: where it fires and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.components._name_patterns import (
    _match_benchmark_split,
    _match_benchmark_tail,
    _match_number_with_unit,
)
from extractor.components.abbreviations import find_abbreviations


def _models(text: str) -> list[str]:
    return [m.name for m in extract(text).models]


def _benchmarks(text: str) -> list[str]:
    return [b.name for b in extract(text).benchmarks]


# A spelled-out name whose tail is a known model is the longer name.


def test_a_spelled_out_name_grows_over_the_listed_model_it_ends_with() -> None:
    text = (
        "We classify retinal scans with a Compact Vision Transformer (CompactViT). "
        "CompactViT reaches 91.2% accuracy."
    )
    assert _models(text) == ["Compact Vision Transformer"]


def test_a_versioned_fragment_of_a_spelled_out_name_is_the_whole_name() -> None:
    text = "The tracker reuses a frozen Masked Motion Prior v2 (MMPv2) encoder for robots."
    assert _models(text) == ["Masked Motion Prior v2"]


def test_a_lower_case_prefix_does_not_grow_a_listed_model() -> None:
    # Only capitalised words spell a name: "a small Vision Transformer (ViT)" is the ViT.
    models = _models("We distil a small Vision Transformer (ViT) into a graph network.")
    assert models == ["Vision Transformer"]


def test_a_spelled_out_transformer_keeps_its_listed_acronym() -> None:
    text = (
        "Captions come from a Generative Pre-trained Transformer 2 (GPT-2) decoder; "
        "GPT-2 is fine-tuned on speech transcripts."
    )
    assert _models(text) == ["Generative Pre-trained Transformer 2"]


def test_a_kind_of_network_spelled_out_is_no_model() -> None:
    text = "A Spiking Neural Network (SNN) and a Feature Pyramid Network (FPN) are combined."
    assert _models(text) == []


# A bare family used as a modifier beside one of its variants.


def test_a_family_modifying_a_part_beside_its_variant_is_not_listed() -> None:
    text = "We prune ViT components and report results with ViT-L/14 on ImageNet-1K."
    assert _models(text) == ["ViT-L/14"]


def test_a_family_named_as_a_system_beside_its_variant_stays() -> None:
    text = "Similar to Whisper and OWSM, our recogniser beats Whisper large-v3 on CSJ."
    assert _models(text)[:2] == ["Whisper", "OWSM"]


def test_a_family_modifier_without_a_variant_stays() -> None:
    assert _models("The CLIP encoder is frozen while the adapter trains.") == ["CLIP"]


# Benchmark extents: glued splits, capitalised variants, a number before the noun.


def test_a_split_needs_a_hyphen_underscore_or_digit() -> None:
    assert _match_benchmark_split(" test-other", 0)
    assert _match_benchmark_split(" val2017", 0)
    assert _match_benchmark_split(" eval3 set", 0)
    assert not _match_benchmark_split(" evaluation", 0)
    assert not _match_benchmark_split(" validation", 0)
    assert not _match_benchmark_split(" testing", 0)


def test_plain_evaluation_after_a_benchmark_is_not_part_of_it() -> None:
    text = "Agents exceed 90% under the standard LIBERO evaluation but fail on new scenes."
    assert _benchmarks(text) == ["LIBERO"]


def test_a_model_with_a_glued_test_split_is_that_test_set() -> None:
    text = "We score open TTS systems on LibriSpeech test-clean and Seed-TTS test-zh."
    assert _benchmarks(text) == ["LibriSpeech test-clean", "Seed-TTS test-zh"]
    assert _models(text) == []


def test_a_model_followed_by_a_plain_test_word_stays_a_model() -> None:
    assert _models("We test GPT-4o test prompts and Seed-TTS evaluation runs.") == [
        "GPT-4o",
        "Seed-TTS",
    ]


def test_a_capitalised_variant_word_extends_a_benchmark() -> None:
    assert _match_benchmark_tail("-Strong on", 0).group() == "-Strong"
    assert _match_benchmark_tail("-style", 0) is None  # lower case: a kind suffix
    text = "Detection improves on AudioSet-Strong, and pose accuracy on COCO-WholeBody."
    assert _benchmarks(text)[0] == "AudioSet-Strong"


def test_a_capitalised_variant_never_swallows_a_model() -> None:
    text = "We instruction-tune FLAN-T5 and report zero-shot accuracy on MMLU."
    assert "FLAN-T5" in _models(text)
    assert "FLAN-T5" not in _benchmarks(text)


def test_a_number_before_the_dataset_noun_is_a_version() -> None:
    assert not _match_number_with_unit(" 1 dataset", 0)
    assert not _match_number_with_unit(" 2 benchmark", 0)
    assert _match_number_with_unit(" 7.5 points", 0)
    assert _match_number_with_unit(" 12 tasks", 0)
    text = "Speaker verification on the VoxCeleb 1 dataset improves for short clips."
    assert _benchmarks(text) == ["VoxCeleb 1"]


# Coordinated coined names keep a version written after a space.


def test_a_coordinated_name_keeps_its_spaced_version() -> None:
    text = "We evaluate NovaSpeech 3, CosyVoice, and MaskGCT on expressive speech."
    assert _models(text) == ["NovaSpeech 3", "CosyVoice", "MaskGCT"]


def test_a_number_that_is_not_a_list_version_stays_out() -> None:
    # "3 times" is a factor, and a plain word with a number is not a coined name.
    assert "FooNet 3" not in _models("We compare GPT-4o and FooNet 3 times faster.")
    assert _models("Baselines include GPT-4o and Stage 2 of training.") == ["GPT-4o"]


# A benchmark name right before "baseline" names a compared setting.


def test_a_benchmark_before_baseline_is_not_a_benchmark() -> None:
    text = "On MuJoCo, the policy improves success by 12% over an IsaacSim baseline."
    assert _benchmarks(text) == ["MuJoCo"]
    assert [r.benchmark for r in extract(text).metrics] == ["MuJoCo"]


def test_simulators_are_environments_not_models() -> None:
    text = "Policies trained in Isaac Sim transfer to PyBullet and Gazebo without tuning."
    assert _models(text) == []
    assert _benchmarks(text) == ["Isaac Sim", "PyBullet", "Gazebo"]


# An acronym with a version the long form does not spell.


def test_an_acronym_with_a_version_is_spelled_out_without_it() -> None:
    found = find_abbreviations("Tools such as Rapid Object Tracker (ROT-3) run on phones.")
    assert [(a.long, a.short) for a in found] == [("Rapid Object Tracker", "ROT-3")]
    assert find_abbreviations("the first round (R-1) of talks") == []


def test_a_listed_versioned_acronym_is_named_by_its_long_form() -> None:
    text = "Systems such as Multimodal AI for Radiology Applications (MAIRA-2) need many views."
    assert _models(text) == ["Multimodal AI for Radiology Applications"]


def test_an_acronym_spelled_out_as_a_technique_is_still_no_model() -> None:
    text = "We pair Online Pre-Training (OPT) with a small policy network for control."
    assert "OPT" not in _models(text)


# The method is a model when an apposition calls it a detector, classifier and the like.


def test_a_method_called_a_detector_is_a_model() -> None:
    text = "We present KestrelDet, a real-time aerial detector. KestrelDet reaches 41.2 mAP."
    assert _models(text) == ["KestrelDet"]


def test_a_classifier_before_the_method_does_not_make_it_a_model() -> None:
    text = (
        "We propose Robust Prior Tuning (RPT), an adversarial training framework. "
        "Applied to the Foo classifier, RPT raises AUC by 6%."
    )
    assert "Robust Prior Tuning" not in _models(text)


# The subject of a performance verb, and CamelCase names with a size letter.


def test_a_versioned_subject_of_a_performance_verb_is_a_model() -> None:
    assert _models("On graphs, GraphHop-3 outperforms the others.") == ["GraphHop-3"]
    assert _models("Here, Tern-B7 achieves 48.1 mIoU on Cityscapes.") == ["Tern-B7"]
    # A sized name without a digit may be the paper's own method's variant: left alone.
    assert _models("In our tests, KiteSeg-B achieves 48.1 mIoU.") == []


def test_a_sized_camel_case_name_is_a_model_after_a_comparison() -> None:
    text = "Our tagger runs 2x faster than SwiftTagger-L on speech and sound events."
    assert _models(text) == ["SwiftTagger-L"]


def test_plain_or_camel_case_subjects_stay_unnamed() -> None:
    # A capitalised word, a technique-like CamelCase name, a number format: no model.
    assert _models("Overall, Pruning achieves 2x speed-ups on graphs.") == []
    assert _models("In federated rounds, FedProx outperforms the local baseline.") == []
    assert _models("Quantised to INT4, W4A16 reaches 3x throughput.") == []


def test_a_hyphenated_word_with_a_size_letter_is_no_model() -> None:
    assert _models("We compare our ranker with Top-K and Multi-L retrieval.") == []
