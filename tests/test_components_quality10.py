"""Name and method cues of the tenth quality pass (issue 3): the gold decisions on
benchmark extents, architectures and the paper's own system as models. Each cue on
invented sentences from several fields: where it fires and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.gazetteers import load_gazetteer, load_word_list


def _models(text: str, title: str | None = None) -> list[str]:
    return [m.name for m in extract(text, title=title).models]


def _benchmarks(text: str) -> list[str]:
    return [b.name for b in extract(text).benchmarks]


def _method(text: str, title: str | None = None) -> str | None:
    method = extract(text, title=title).method
    return method.name if method else None


# Benchmark extents: a resolution, a numbered task or track.


def test_a_resolution_after_a_listed_benchmark_is_not_read_as_a_version() -> None:
    text = "On FFHQ 64×64, FooDiff reaches an FID of 2.43 and on LSUN 256x256 an FID of 5.1."
    assert _benchmarks(text) == ["FFHQ 64×64", "LSUN 256x256"]


def test_the_bare_name_goes_when_the_text_gives_the_benchmark_one_resolution() -> None:
    text = (
        "We test on CIFAR-10 and FFHQ. On FFHQ 64×64, BarFlow reaches an FID of 2.4, "
        "and on CIFAR-10 an FID of 1.9."
    )
    assert _benchmarks(text) == ["CIFAR-10", "FFHQ 64×64"]


def test_the_bare_name_stays_when_the_text_gives_two_resolutions() -> None:
    text = "We train on ImageNet and report FID on ImageNet 256x256 and ImageNet 512x512."
    assert _benchmarks(text) == ["ImageNet", "ImageNet 256x256", "ImageNet 512x512"]


def test_a_numbered_task_or_track_is_part_of_the_benchmark() -> None:
    text = (
        "We evaluate on the Medical Segmentation Decathlon Task01_BrainTumour benchmark "
        "and on DCASE 2023 Task 4, where our system ranks first."
    )
    assert _benchmarks(text) == [
        "Medical Segmentation Decathlon Task01_BrainTumour",
        "DCASE 2023 Task 4",
    ]


def test_a_lower_case_task_word_after_a_benchmark_is_no_track() -> None:
    assert _benchmarks("Results on LibriSpeech task 4 times faster than before.") == ["LibriSpeech"]


# The paper's own system as a model.


def test_an_own_architecture_defined_by_apposition_is_a_model() -> None:
    text = (
        "We propose GlintNet, a lightweight vision transformer architecture for drones. "
        "GlintNet reaches 78.2% top-1 accuracy on ImageNet-1K."
    )
    assert _models(text) == ["GlintNet"]


def test_an_own_u_net_variant_is_a_model() -> None:
    text = (
        "This paper presents KidneySeg-3D, a compact 3D U-Net variant for CT scans. "
        "KidneySeg-3D reaches a Dice of 0.91 on KiTS19."
    )
    assert "KidneySeg-3D" in _models(text)


def test_an_own_module_or_pipeline_is_no_model() -> None:
    text = (
        "We propose GridFlow, a plug-in attention module for transformer architectures. "
        "GridFlow improves accuracy by 1.2%."
    )
    assert _models(text) == []
    text = "We present TideKit, a data pipeline for encoder training that cuts cost by 30%."
    assert _models(text) == []


def test_a_title_name_matches_the_abstracts_hyphenated_long_form() -> None:
    title = "PolarViT: Polar Attention Vision Transformer"
    text = (
        "We propose Polar-ViT (PViT), a compact vision transformer architecture. "
        "Our PViT-S model achieves 79.1% top-1 accuracy on ImageNet-1K."
    )
    record = extract(text, title=title)
    assert record.method is not None
    assert record.method.aliases == ["Polar-ViT", "PViT"]
    assert "Polar-ViT" in [m.name for m in record.models]


def test_a_noun_before_a_coined_name_makes_it_a_model() -> None:
    text = "Built upon YOLOv8n, our detector SkyDet improves mAP by 3.1% on VisDrone."
    assert _models(text) == ["YOLOv8n", "SkyDet"]
    text = "The proposed network HeartNet-S reaches 97.1% accuracy on PTB-XL."
    assert _models(text) == ["HeartNet-S"]


def test_a_noun_before_a_plain_word_or_a_framework_is_no_model() -> None:
    assert _models("Our model achieves 80% accuracy on ImageNet.") == []
    assert _models("Our framework FooAlign improves the win rate by 5%.") == []
    assert _models("Our policy network is trained on Atari with PPO.") == []


def test_a_system_noun_then_a_comma_before_the_method_keeps_it_a_method() -> None:
    # "the X classifier, RTFM": the classifier is X, not the method after the comma.
    text = "Applied to the TabPFN V2 classifier, RiftAdv improves AUC by 6%."
    assert _models(text) == ["TabPFN V2"]


# Kinds and families.


def test_a_title_case_kind_suffix_names_a_kind() -> None:
    text = "Compared with BERT-Based encoders and GPT-Style decoders, FooLM-7B wins by 3%."
    assert _models(text) == ["FooLM-7B"]


def test_a_listed_acronym_defined_by_a_title_case_family_name_stays_a_model() -> None:
    text = (
        "Speech foundation models, such as Open Whisper-Style Speech Models (OWSM), are "
        "strong. We adapt OWSM v3.1 to biasing."
    )
    assert _models(text) == ["Open Whisper-Style Speech Models", "OWSM v3.1"]


def test_an_acronym_of_a_plural_kind_is_still_no_model() -> None:
    text = "Large Reasoning Models (LRMs) think long. An LRM’s budget does not help."
    assert _models(text) == []


def test_coined_gnn_names_are_models_but_gnn_kinds_are_not() -> None:
    text = "We build on HydraGNN and compare it with SchNet; GNN-based models and GNN-FP fail."
    assert _models(text) == ["HydraGNN", "SchNet"]


def test_kind_acronyms_are_on_the_stop_list() -> None:
    not_names = load_word_list("not_names")
    for word in ("LRMs", "VLAs", "SSMs", "TFMs", "KANs", "PINNs", "TTS"):
        assert word in not_names
    # ASR is also the metric "attack success rate": it must stay out of the stop list.
    assert "ASR" not in not_names
    assert _models("Vision-language-action models (VLAs) fail; a VLA and an SSM do too.") == []


def test_width_multiplier_is_no_version() -> None:
    assert _models("The student, a MobileNet-V2 1.0x, reaches 72.1% top-1 accuracy.") == [
        "MobileNet-V2"
    ]
    assert _models("We also fine-tune Llama 3.1 on math.") == ["Llama 3.1"]


# List entries.


def test_new_list_entries_are_found() -> None:
    text = (
        "We compare Residual U-Net, Swin-UNETR and UNet3+ on BraTS, and LoFTR with "
        "SuperGlue and LightGlue on MegaDepth; whisper-small and R50 are baselines."
    )
    assert _models(text) == [
        "Residual U-Net",
        "Swin-UNETR",
        "UNet3+",
        "LoFTR",
        "SuperGlue",
        "LightGlue",
        "whisper-small",
        "R50",
    ]


def test_ambiguous_lrm_left_the_models_list() -> None:
    models = load_gazetteer("models")
    assert not models.has_pattern("LRM")
    assert models.has_pattern("ResUNet") and models.has_pattern("TabM")


# The method's name.


def test_we_call_names_the_method_when_the_name_is_coined() -> None:
    text = "We propose a simple recipe, which we call FooMix, for data mixing."
    assert _method(text) == "FooMix"
    assert _method("We call this combination BarRec. BarRec is 23% better.") == "BarRec"
    assert _method("Our algorithm is referred to as DeepSlot in the following.") == "DeepSlot"


def test_we_call_with_a_plain_word_names_nothing() -> None:
    assert _method("We call them Transformers and we name the rest as usual.") is None


def test_coined_as_names_the_method() -> None:
    text = "In this work, a novel detector, coined as FastEye, is introduced."
    assert _method(text) == "FastEye"
    assert _models(text + " FastEye reaches 40.1 AP on COCO.") == ["FastEye"]


def test_the_proposed_name_with_a_performance_verb_is_the_method() -> None:
    assert _method("The proposed OrcaSeg-B obtains 51.2 mIoU on ADE20K.") == "OrcaSeg-B"
    # A listed name is never the method, nor a name without a performance verb.
    assert _method("The proposed ImageNet-1K results achieve more.") is None
    assert _method("The proposed FooNet layers are small.") is None


def test_a_dataset_the_paper_builds_gives_way_to_the_method_it_proposes() -> None:
    text = (
        "We construct FooQA, a dataset of 10k questions. To close the gap, we propose "
        "BarTune, which aligns answers across phrasings."
    )
    assert _method(text) == "BarTune"


def test_a_dataset_alone_is_still_the_papers_named_contribution() -> None:
    text = "We construct FooQA, a dataset of 10k questions, and evaluate 12 models on it."
    assert _method(text) == "FooQA"
    text = "We introduce ZooBench, a new benchmark for agents. We also introduce a method."
    assert _method(text) == "ZooBench"


def test_a_subset_size_before_a_named_split_is_part_of_the_benchmark() -> None:
    text = "On the LibriSpeech 100 test-clean set, the biased WER drops by 7.5%."
    assert _benchmarks(text) == ["LibriSpeech 100 test-clean"]
    # A count before an ordinary word stays outside the name.
    text = "LibriSpeech 100 hours are used; WER is 2.1 on LibriSpeech test-other."
    assert _benchmarks(text) == ["LibriSpeech", "LibriSpeech test-other"]


def test_an_own_recommender_vocoder_or_forecaster_is_a_model() -> None:
    text = "We present RecFoo, a generative recommender, and compare with TIGER and HSTU."
    assert _models(text) == ["RecFoo", "TIGER", "HSTU"]
    assert _models("We introduce WaveFoo, a neural vocoder that reaches a MOS of 4.4.") == [
        "WaveFoo"
    ]


def test_an_own_training_recipe_for_a_recommender_is_no_model() -> None:
    text = "We propose RankMix, a training recipe for recommenders that lifts NDCG by 2%."
    assert _models(text) == []


def test_the_plural_of_an_architecture_names_its_class() -> None:
    text = "Graph Convolutional Networks (GCNs) are popular; GCNs fail on heterophily."
    assert _models(text) == []
    text = "We compare a graph convolutional network (GCN) with GAT and GraphSAGE on Cora."
    assert _models(text) == ["GCN", "GAT", "GraphSAGE"]
    text = "Neural radiance fields (NeRFs) are slow; we compare with NeRF and Zip-NeRF."
    assert _models(text) == ["NeRF", "Zip-NeRF"]
