"""Identifier -> paper spelling conversions of the registry lexicon build (table-driven)."""

from __future__ import annotations

import pytest

from extractor.lexicon.build._archive import licence_of, split_filename
from extractor.lexicon.build._common import is_common_word
from extractor.lexicon.build._readers import drop_renamed_copies, hub_ids
from extractor.lexicon.build._spell import (
    can_be_name,
    dataset_spelling,
    hub_spelling,
    open_clip_spelling,
    timm_spelling,
    torchvision_spelling,
)

TIMM = [
    ("vit_base_patch16_224", "ViT-B/16", ["ViT-B/16", "ViT-B-16", "vit_base_patch16_224"]),
    ("vit_large_patch14_clip_224", "ViT-L/14", ["ViT-L/14", "ViT-L-14"]),
    ("vit_tiny_patch16_224", "ViT-Ti/16", ["ViT-Ti/16"]),
    ("deit_small_patch16_224", "DeiT-S/16", ["DeiT-S/16"]),
    ("resnet50", "ResNet-50", ["ResNet-50", "ResNet50", "resnet50"]),
    ("resnet101d", "ResNet-101-D", ["ResNet-101-D", "ResNet101-D"]),
    ("densenet121", "DenseNet-121", ["DenseNet-121", "DenseNet121"]),
    ("vgg16_bn", "VGG-16", ["VGG-16", "VGG16", "vgg16_bn"]),
    ("convnext_tiny", "ConvNeXt-T", ["ConvNeXt-T", "ConvNeXt-Tiny", "convnext_tiny"]),
    ("convnextv2_base", "ConvNeXt V2-B", ["ConvNeXt V2-Base"]),
    ("efficientnet_b0", "EfficientNet-B0", ["EfficientNet-B0", "EfficientNetB0"]),
    ("tf_efficientnet_b7", "EfficientNet-B7", ["tf_efficientnet_b7"]),
    ("efficientnetv2_s", "EfficientNetV2-S", ["EfficientNetV2-S", "EfficientNetV2S"]),
    ("swin_tiny_patch4_window7_224", "Swin-T", ["Swin-T", "Swin-Tiny"]),
    ("inception_next_tiny", "InceptionNeXt-T", ["InceptionNeXt-Tiny"]),
    ("inception_v3", "Inception-v3", ["Inception-v3", "inception_v3"]),
    ("some_unknown_net", "some_unknown_net", ["some_unknown_net"]),
]


@pytest.mark.parametrize(("identifier", "id_", "patterns"), TIMM, ids=[t[0] for t in TIMM])
def test_timm_spelling(identifier: str, id_: str, patterns: list[str]) -> None:
    found = timm_spelling(identifier)
    assert found is not None
    assert found.id == id_
    assert found.patterns[0] == id_
    assert set(patterns) <= set(found.patterns)
    assert identifier in found.patterns


@pytest.mark.parametrize("identifier", ["test_vit", "test_efficientnet", "ab", "12"])
def test_timm_internal_or_short_names_dropped(identifier: str) -> None:
    assert timm_spelling(identifier) is None


TORCHVISION = [
    ("vit_b_16", "ViT-B/16"),
    ("vit_h_14", "ViT-H/14"),
    ("swin_v2_b", "SwinV2-B"),
    ("resnet50", "ResNet-50"),
    ("convnext_tiny", "ConvNeXt-T"),
    ("mobilenet_v3_large", "MobileNetV3-L"),
    ("efficientnet_v2_s", "EfficientNetV2-S"),
    ("fasterrcnn_resnet50_fpn", "Faster R-CNN"),
    ("maskrcnn_resnet50_fpn_v2", "Mask R-CNN"),
    ("deeplabv3_resnet101", "DeepLabv3"),
    ("r2plus1d_18", "R(2+1)D-18"),
    ("googlenet", "GoogLeNet"),
    ("alexnet", "AlexNet"),
    ("wide_resnet50_2", "WRN-50-2"),
]


@pytest.mark.parametrize(("identifier", "id_"), TORCHVISION, ids=[t[0] for t in TORCHVISION])
def test_torchvision_spelling(identifier: str, id_: str) -> None:
    found = torchvision_spelling(identifier)
    assert found is not None
    assert found.id == id_
    assert identifier in found.patterns


OPEN_CLIP = [
    ("ViT-B-32", "ViT-B/32", ("ViT-B/32", "ViT-B-32")),
    ("ViT-L-14-336", "ViT-L/14@336px", ("ViT-L/14@336px", "ViT-L/14-336", "ViT-L-14-336")),
    (
        "ViT-SO400M-14-SigLIP",
        "ViT-SO400M/14-SigLIP",
        ("ViT-SO400M/14-SigLIP", "ViT-SO400M-14-SigLIP"),
    ),
    ("RN50", "RN50", ("RN50",)),
]


@pytest.mark.parametrize(
    ("identifier", "id_", "patterns"), OPEN_CLIP, ids=[t[0] for t in OPEN_CLIP]
)
def test_open_clip_spelling(identifier: str, id_: str, patterns: tuple[str, ...]) -> None:
    found = open_clip_spelling(identifier)
    assert found is not None
    assert (found.id, found.patterns) == (id_, patterns)


HUB = [
    (
        "meta-llama/Llama-2-7b-hf",
        "Llama-2-7b",
        ("Llama-2-7b", "Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf"),
    ),
    (
        "google/vit-base-patch16-224",
        "vit-base-patch16-224",
        ("vit-base-patch16-224", "google/vit-base-patch16-224"),
    ),
    (
        "google-bert/bert-base-uncased",
        "BERT-base-uncased",
        ("BERT-base-uncased", "bert-base-uncased", "google-bert/bert-base-uncased"),
    ),
    ("google/flan-t5-xl", "flan-t5-xl", ("flan-t5-xl", "google/flan-t5-xl")),
    (
        "mistralai/Mistral-7B-v0.1",
        "Mistral-7B-v0.1",
        ("Mistral-7B-v0.1", "mistralai/Mistral-7B-v0.1"),
    ),
]


@pytest.mark.parametrize(("hub_id", "id_", "patterns"), HUB, ids=[t[0] for t in HUB])
def test_hub_spelling(hub_id: str, id_: str, patterns: tuple[str, ...]) -> None:
    found = hub_spelling(hub_id)
    assert found is not None
    assert (found.id, found.patterns) == (id_, patterns)


@pytest.mark.parametrize(
    "hub_id",
    [
        "hf-internal-testing/tiny-random-bert",
        "path/to/model",
        "3/8",
        "org/config.json",
        "username/my-model",
        "google/x",
    ],
)
def test_hub_spelling_rejects_placeholders(hub_id: str) -> None:
    assert hub_spelling(hub_id) is None


DATASETS = [
    ("imagenet2012", "ImageNet", ("ImageNet", "imagenet2012")),
    ("cifar10", "CIFAR-10", ("CIFAR-10", "CIFAR10", "cifar10")),
    ("hellaswag", "HellaSwag", ("HellaSwag", "hellaswag")),
    ("ogbg-molhiv", "ogbg-molhiv", ("ogbg-molhiv",)),
    ("arc_challenge", "ARC-Challenge", ("ARC-Challenge", "arc_challenge")),
]


@pytest.mark.parametrize(("identifier", "id_", "patterns"), DATASETS, ids=[t[0] for t in DATASETS])
def test_dataset_spelling(identifier: str, id_: str, patterns: tuple[str, ...]) -> None:
    found = dataset_spelling(identifier)
    assert found is not None
    assert (found.id, found.patterns) == (id_, patterns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ResNet-50", True),
        ("ogbg-molhiv", True),
        ("VGG", True),
        ("ab", False),
        ("x", False),
        ("", False),
        ("123", False),
        ("1.5", False),
        ("test_model", False),
        ("dummy-net", False),
        ("tiny-random-llama", False),
        ("{name}", False),
    ],
)
def test_can_be_name(text: str, expected: bool) -> None:
    assert can_be_name(text) is expected


FREQUENCIES = {
    "atlas": 3.4,
    "phoenix": 3.9,
    "genesis": 3.6,
    "pioneer": 3.5,
    "speech": 4.9,
    "commands": 3.9,
    "swag": 2.5,
    "hiera": 1.2,
    "bert": 3.2,
}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("Atlas", True),
        ("Phoenix", True),
        ("Genesis", True),
        ("Pioneer", True),
        ("Transformer", True),
        ("Linear", True),
        ("Naive", True),
        ("Speech Commands", True),
        ("HellaSwag", False),
        ("BERT", False),
        ("Hiera", False),
        ("ResNet-50", False),
        ("atlas-7b", False),
        ("Phoenix-2", False),
    ],
)
def test_common_word(pattern: str, expected: bool) -> None:
    assert is_common_word(pattern, lambda w: FREQUENCIES.get(w, 0.0)) is expected


def test_renamed_copies_dropped_and_real_ids_kept() -> None:
    copies = {f"meta-{m}/{m.title()}-2-7b-hf" for m in ("afmoe", "glm", "cwm", "dory", "ergo")}
    real = {"meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-70b-hf", "google/gemma-7b"}
    assert drop_renamed_copies(copies | real) == real


def test_hub_ids_found_in_quotes_and_links() -> None:
    text = (
        'ckpt = "google/vit-base-patch16-224"\n'
        "[facebook/dinov2-base](https://huggingface.co/facebook/dinov2-base)"
    )
    assert list(hub_ids(text)) == [
        "google/vit-base-patch16-224",
        "facebook/dinov2-base",
        "facebook/dinov2-base",
    ]


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("timm-1.0.31-py3-none-any.whl", ("timm", "1.0.31")),
        ("open_clip_torch-3.3.0-py3-none-any.whl", ("open_clip_torch", "3.3.0")),
        ("lm-eval-0.4.13.tar.gz", ("lm_eval", "0.4.13")),
        ("notes.txt", None),
    ],
)
def test_split_filename(filename: str, expected: tuple[str, str] | None) -> None:
    assert split_filename(filename) == expected


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ("Name: a\nLicense-Expression: MIT\nLicense: BSD\n\n", "MIT"),
        ("Name: a\nLicense: Apache 2.0\n\n", "Apache 2.0"),
        ("Name: a\nClassifier: License :: OSI Approved :: BSD License\n\n", "BSD License"),
        ("Name: a\n\n", "UNKNOWN"),
    ],
)
def test_licence_of(metadata: str, expected: str) -> None:
    assert licence_of(metadata) == expected


@pytest.mark.parametrize(
    ("identifier", "id_"),
    [
        ("mnasnet0_75", "MnasNet"),
        ("squeezenet1_1", "SqueezeNet"),
        ("shufflenet_v2_x1_0", "ShuffleNetV2"),
    ],
)
def test_torchvision_width_variants_keep_the_family(identifier: str, id_: str) -> None:
    found = torchvision_spelling(identifier)
    assert found is not None
    assert found.id == id_
