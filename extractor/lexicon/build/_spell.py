"""Code identifiers -> the spellings papers use.

Each function takes one identifier as a package spells it and returns a :class:`Spelling`
(the display id and every surface pattern, the identifier itself included when it could
appear in text), or ``None`` when the identifier cannot be a name in text (internal test
models, pure numbers, one or two characters).  The doctests are the specification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Spelling:
    """A display id and its surface patterns (the id first, then the rest in order)."""

    id: str
    patterns: tuple[str, ...]

    def _replace_identifier(self, identifier: str) -> Spelling:
        """The same spelling with its last pattern (the identifier) replaced."""
        return spelling(self.id, *self.patterns[1:-1], identifier)


def spelling(id_: str, *patterns: str) -> Spelling:
    """A :class:`Spelling` whose patterns are the id then ``patterns``, deduplicated.

    >>> spelling("ResNet-50", "ResNet50", "ResNet-50", "resnet50")
    Spelling(id='ResNet-50', patterns=('ResNet-50', 'ResNet50', 'resnet50'))
    """
    seen: list[str] = []
    for pattern in (id_, *patterns):
        pattern = " ".join(pattern.split())
        if pattern and pattern not in seen:
            seen.append(pattern)
    return Spelling(id_, tuple(seen))


_LETTER = re.compile(r"[A-Za-z]")
_JUNK_CAMEL = re.compile(r"(?:Mock|Dummy|Fake|Test|Random|Tiny)[A-Z0-9]")
_JUNK_TOKEN = re.compile(
    r"(?:^|[-_./\s])(?:test|tests|testing|dummy|random|debug|mock|toy|placeholder|foo|bar|"
    r"example|my|your|custom)(?:$|[-_./\s])",
    re.IGNORECASE,
)


def can_be_name(text: str) -> bool:
    """True when ``text`` could be a name in an abstract.

    >>> [can_be_name(t) for t in ["ResNet-50", "VGG", "ab", "123", "2.0", "test_vit"]]
    [True, True, False, False, False, False]
    >>> can_be_name("hf-internal-testing/tiny-random-bert"), can_be_name("T5")
    (False, False)
    >>> can_be_name("MockRetrievalTask"), can_be_name("Mockingbird")
    (False, True)
    """
    text = text.strip()
    if len(text) < 3 or not _LETTER.search(text):
        return False
    if sum(ch.isalpha() for ch in text) < 2 or len(text) > 80:
        return False
    if _JUNK_TOKEN.search(text) or "internal" in text.lower() or _JUNK_CAMEL.match(text):
        return False
    return all(ch.isprintable() for ch in text) and "{" not in text and "<" not in text


def key(text: str) -> str:
    """The comparison key of a name: case-folded, without separators.

    >>> key("HellaSwag"), key("ogbg-molhiv"), key("ResNet 50"), key("arc_challenge")
    ('hellaswag', 'ogbgmolhiv', 'resnet50', 'arcchallenge')
    """
    return re.sub(r"[\s\-_./]+", "", text.casefold())


# --------------------------------------------------------------------------------------
# timm / open_clip architecture names
# --------------------------------------------------------------------------------------

# Family token (as timm spells it) -> display name; ViT-like families write the patch
# size after a slash ("ViT-B/16").
_VIT_LIKE = {
    "vit": "ViT", "deit": "DeiT", "deit3": "DeiT III", "eva": "EVA", "eva02": "EVA-02",
    "beit": "BEiT", "beitv2": "BEiT v2", "beit3": "BEiT-3", "flexivit": "FlexiViT",
    "naflexvit": "NaFlexViT", "samvit": "SAM ViT", "vitamin": "ViTamin", "aimv2": "AIMv2",
}
_FAMILIES = {
    "resnet": "ResNet", "resnetv2": "ResNetV2", "resnext": "ResNeXt", "wide_resnet": "WRN",
    "seresnet": "SE-ResNet", "seresnext": "SE-ResNeXt", "senet": "SENet",
    "resnest": "ResNeSt", "res2net": "Res2Net", "res2next": "Res2NeXt", "resnetrs": "ResNet-RS",
    "ecaresnet": "ECA-ResNet", "skresnet": "SK-ResNet", "skresnext": "SK-ResNeXt",
    "densenet": "DenseNet", "vgg": "VGG", "dpn": "DPN", "dla": "DLA", "inception": "Inception",
    "xception": "Xception", "darknet": "DarkNet", "cspdarknet": "CSPDarkNet",
    "cspresnet": "CSPResNet", "cspresnext": "CSPResNeXt",
    "efficientnet": "EfficientNet", "efficientnetv2": "EfficientNetV2",
    "mobilenetv1": "MobileNetV1", "mobilenetv2": "MobileNetV2", "mobilenetv3": "MobileNetV3",
    "mobilenetv4": "MobileNetV4", "mobilenetv5": "MobileNetV5", "mobilevit": "MobileViT",
    "mobilevitv2": "MobileViTv2", "mobileone": "MobileOne", "mnasnet": "MnasNet",
    "ghostnet": "GhostNet", "ghostnetv2": "GhostNetV2", "ghostnetv3": "GhostNetV3",
    "regnetx": "RegNetX", "regnety": "RegNetY", "regnetz": "RegNetZ", "rexnet": "ReXNet",
    "convnext": "ConvNeXt", "convnextv2": "ConvNeXt V2", "swin": "Swin", "swinv2": "SwinV2",
    "maxvit": "MaxViT", "coatnet": "CoAtNet", "coat": "CoaT", "levit": "LeViT",
    "xcit": "XCiT", "cait": "CaiT", "volo": "VOLO", "pit": "PiT", "tnt": "TNT",
    "twins": "Twins", "pvt": "PVT", "pvt_v2": "PVTv2", "crossvit": "CrossViT",
    "convit": "ConViT", "convmixer": "ConvMixer", "mixer": "MLP-Mixer", "resmlp": "ResMLP",
    "gmlp": "gMLP", "poolformer": "PoolFormer", "poolformerv2": "PoolFormerV2",
    "convformer": "ConvFormer", "caformer": "CAFormer", "focalnet": "FocalNet",
    "davit": "DaViT", "gcvit": "GC ViT", "efficientformer": "EfficientFormer",
    "efficientformerv2": "EfficientFormerV2", "efficientvit": "EfficientViT",
    "fastvit": "FastViT", "repvgg": "RepVGG", "repvit": "RepViT", "hiera": "Hiera",
    "hrnet": "HRNet", "nfnet": "NFNet", "edgenext": "EdgeNeXt", "tresnet": "TResNet",
    "mambaout": "MambaOut", "inception_next": "InceptionNeXt", "starnet": "StarNet", "inception_v3": "Inception-v3",
    "inception_v4": "Inception-v4", "inception_resnet_v2": "Inception-ResNet-v2",
    "nasnetalarge": "NASNet-A Large", "pnasnet5large": "PNASNet-5 Large",
    "sequencer2d": "Sequencer2D", "visformer": "Visformer", "nest": "NesT",
    "mvitv2": "MViTv2", "hgnet": "HGNet", "hgnetv2": "HGNetV2", "fasternet": "FasterNet",
    "lcnet": "LCNet", "tinynet": "TinyNet", "mixnet": "MixNet", "rdnet": "RDNet",
    "iformer": "iFormer", "nextvit": "Next-ViT", "swiftformer": "SwiftFormer",
    "selecsls": "SelecSLS", "botnet": "BoTNet", "halonet": "HaloNet", "gernet": "GENet",
    "vovnet": "VoVNet", "hardcorenas": "HardCoRe-NAS", "fbnetv3": "FBNetV3",
    "repghostnet": "RepGhostNet", "shvit": "SHViT", "sam2": "SAM 2",
}
_SIZES_LETTER = {
    "atto": "A", "femto": "F", "pico": "P", "nano": "N", "tiny": "T", "small": "S",
    "medium": "M", "base": "B", "large": "L", "xlarge": "XL", "huge": "H", "giant": "g",
    "gigantic": "G", "so400m": "SO400M", "so150m": "SO150M",
}
_SIZES_WORD = {
    "atto": "Atto", "femto": "Femto", "pico": "Pico", "nano": "Nano", "tiny": "Tiny",
    "small": "Small", "medium": "Medium", "base": "Base", "large": "Large",
    "xlarge": "XLarge", "huge": "Huge", "giant": "Giant", "gigantic": "Gigantic",
}
_VIT_SIZES = {**_SIZES_LETTER, "tiny": "Ti"}
_DEPTH = re.compile(r"(?P<family>[a-z][a-z0-9]*?[a-z]|[a-z]+\d[a-z]+)(?P<depth>\d+)(?P<suffix>[a-z]?)")
_PATCH = re.compile(r"patch(\d+)")
_LETTER_SIZE = re.compile(r"(?:[a-z]?\d{1,2}[a-z]?|[smlx]|xl|xs|xxs)")


def timm_spelling(name: str) -> Spelling | None:
    """How papers write a timm architecture; the identifier stays a pattern.

    >>> timm_spelling("vit_base_patch16_224")
    Spelling(id='ViT-B/16', patterns=('ViT-B/16', 'ViT-B-16', 'vit_base_patch16_224'))
    >>> timm_spelling("resnet50").patterns
    ('ResNet-50', 'ResNet50', 'resnet50')
    >>> timm_spelling("convnext_tiny").patterns
    ('ConvNeXt-T', 'ConvNeXt-Tiny', 'convnext_tiny')
    >>> timm_spelling("tf_efficientnet_b7").patterns
    ('EfficientNet-B7', 'EfficientNetB7', 'tf_efficientnet_b7')
    >>> timm_spelling("swin_base_patch4_window7_224").id
    'Swin-B'
    >>> timm_spelling("resnet50d").patterns
    ('ResNet-50-D', 'ResNet50-D', 'resnet50d')
    >>> timm_spelling("mobilenetv3_large_100").id, timm_spelling("deit_small_patch16_224").id
    ('MobileNetV3-L', 'DeiT-S/16')
    >>> timm_spelling("inception_next_tiny").id, timm_spelling("inception_v3").id
    ('InceptionNeXt-T', 'Inception-v3')
    >>> timm_spelling("test_vit"), timm_spelling("some_unknown_net_v9")
    (None, Spelling(id='some_unknown_net_v9', patterns=('some_unknown_net_v9',)))
    """
    if not can_be_name(name):
        return None
    tokens = name.split("_")
    while tokens and tokens[0] in {"tf", "legacy"}:
        tokens = tokens[1:]
    if not tokens:
        return None
    head, rest = tokens[0], tokens[1:]
    if head == "wide" and rest and (wide := re.fullmatch(r"resnet(\d+)", rest[0])):
        widen = f"-{rest[1]}" if len(rest) > 1 and rest[1].isdigit() else ""
        depth_widen = wide.group(1) + widen
        return spelling(f"WRN-{depth_widen}", f"Wide ResNet-{depth_widen}", name)
    if head in _VIT_LIKE:
        size = next((_VIT_SIZES[t] for t in rest if t in _VIT_SIZES), None)
        patch = next((m.group(1) for t in rest if (m := _PATCH.fullmatch(t))), None)
        if size is None and len(rest) >= 2 and rest[0] in {"t", "s", "b", "l", "h", "g"}:
            size = rest[0].upper() if rest[0] != "t" else "Ti"
            patch = rest[1] if rest[1].isdigit() and len(rest[1]) <= 2 else patch
        vit_family = _VIT_LIKE[head]
        if size is None:
            return spelling(name)
        if patch is None:
            return spelling(f"{vit_family}-{size}", name)
        return spelling(f"{vit_family}-{size}/{patch}", f"{vit_family}-{size}-{patch}", name)
    depth = suffix = ""
    if rest and f"{head}_{rest[0]}" in _FAMILIES:
        head, rest = f"{head}_{rest[0]}", rest[1:]
    family = _FAMILIES.get(head)
    if family is None and (match := _DEPTH.fullmatch(head)) and match["family"] in _FAMILIES:
        family = _FAMILIES[match["family"]]
        depth, suffix = match["depth"], match["suffix"]
    if family is None:
        return spelling(name)
    size_letter = _SIZES_LETTER.get(rest[0]) if rest else None
    size_word = _SIZES_WORD.get(rest[0]) if rest else None
    if depth:
        base = f"{family}-{depth}"
        joined = f"{family}{depth}"
        if suffix:
            base, joined = f"{base}-{suffix.upper()}", f"{joined}-{suffix.upper()}"
        return spelling(base, joined, name)
    if size_letter is not None:
        if size_word is not None:
            return spelling(f"{family}-{size_letter}", f"{family}-{size_word}", name)
        return spelling(f"{family}-{size_letter}", name)
    if rest and _LETTER_SIZE.fullmatch(rest[0]):
        variant = rest[0].upper()
        return spelling(f"{family}-{variant}", f"{family}{variant}", name)
    return spelling(family, name) if not rest else spelling(name)


_TORCHVISION = {
    "fasterrcnn": "Faster R-CNN", "maskrcnn": "Mask R-CNN", "keypointrcnn": "Keypoint R-CNN",
    "retinanet": "RetinaNet", "fcos": "FCOS", "ssd300": "SSD300", "ssdlite320": "SSDlite320",
    "deeplabv3": "DeepLabv3", "fcn": "FCN", "lraspp": "LR-ASPP", "raft": "RAFT",
    "r3d": "R3D", "r2plus1d": "R(2+1)D", "mc3": "MC3", "s3d": "S3D", "mvit": "MViT",
    "swin3d": "Video Swin", "googlenet": "GoogLeNet", "alexnet": "AlexNet",
    "regnet": "RegNet", "mobilenet": "MobileNet", "maxvit": "MaxViT",
    "efficientnet": "EfficientNet", "wide": "Wide ResNet", "quantized": "",
}


def torchvision_spelling(name: str) -> Spelling | None:
    """How papers write a torchvision model builder.

    >>> torchvision_spelling("vit_b_16").patterns
    ('ViT-B/16', 'ViT-B-16', 'vit_b_16')
    >>> torchvision_spelling("swin_t").patterns, torchvision_spelling("resnet50").id
    (('Swin-T', 'swin_t'), 'ResNet-50')
    >>> torchvision_spelling("fasterrcnn_resnet50_fpn").patterns
    ('Faster R-CNN', 'fasterrcnn_resnet50_fpn')
    >>> torchvision_spelling("mobilenet_v3_large").patterns
    ('MobileNetV3-L', 'MobileNetV3-Large', 'mobilenet_v3_large')
    >>> torchvision_spelling("efficientnet_v2_s").id, torchvision_spelling("r2plus1d_18").id
    ('EfficientNetV2-S', 'R(2+1)D-18')
    """
    if not can_be_name(name):
        return None
    tokens = name.split("_")
    if tokens[0] in {"swin", "maxvit", "swin3d", "mvit"} and len(tokens) >= 2:
        family = {"swin": "Swin", "maxvit": "MaxViT", "swin3d": "Video Swin",
                  "mvit": "MViT"}[tokens[0]]
        if tokens[1] in {"v1", "v2"}:
            family, tokens = family + tokens[1].upper(), tokens[1:]
        if len(tokens) == 2 and tokens[1] in {"t", "s", "b", "l"}:
            return spelling(f"{family}-{tokens[1].upper()}", name)
    if len(tokens) >= 3 and tokens[1] in {"v2", "v3"} and tokens[0] in {
            "mobilenet", "efficientnet"}:
        found = timm_spelling(f"{tokens[0]}{tokens[1]}_" + "_".join(tokens[2:]))
        return None if found is None else found._replace_identifier(name)
    head = tokens[0]
    if head.startswith(("mnasnet", "squeezenet", "shufflenet")):
        family = {"m": "MnasNet", "s": "SqueezeNet"}[head[0]] if head[1] != "h" else (
            "ShuffleNetV2" if "v2" in tokens else "ShuffleNet")
        return spelling(family, name)
    if (match := re.fullmatch(r"(r3d|mc3|r2plus1d)", head)) and len(tokens) == 2:
        return spelling(f"{_TORCHVISION[match.group(1)]}-{tokens[1]}", name)
    if head in _TORCHVISION and _TORCHVISION[head] and head not in {
            "efficientnet", "mobilenet", "wide", "regnet"}:
        return spelling(_TORCHVISION[head], name)
    return timm_spelling(name)


def open_clip_spelling(name: str) -> Spelling | None:
    """How papers write an open_clip architecture name.

    >>> open_clip_spelling("ViT-B-32")
    Spelling(id='ViT-B/32', patterns=('ViT-B/32', 'ViT-B-32'))
    >>> open_clip_spelling("ViT-L-14-336").patterns
    ('ViT-L/14@336px', 'ViT-L/14-336', 'ViT-L-14-336')
    >>> open_clip_spelling("RN50x4").patterns, open_clip_spelling("EVA02-L-14").id
    (('RN50x4',), 'EVA02-L/14')
    """
    if not can_be_name(name):
        return None
    tokens = name.split("-")
    index = next((i for i, t in enumerate(tokens) if i >= 2 and t.isdigit()), None)
    if index is None:
        return spelling(name)
    head, patch = "-".join(tokens[:index]), tokens[index]
    rest = tokens[index + 1 :]
    if rest and rest[0].isdigit() and len(rest[0]) >= 3:
        res, tail = rest[0], "".join(f"-{t}" for t in rest[1:])
        return spelling(f"{head}/{patch}@{res}px{tail}", f"{head}/{patch}-{res}{tail}", name)
    tail = "".join(f"-{t}" for t in rest)
    return spelling(f"{head}/{patch}{tail}", name)


# --------------------------------------------------------------------------------------
# Hub checkpoint ids ("org/name")
# --------------------------------------------------------------------------------------

_HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{1,60}/[A-Za-z0-9][A-Za-z0-9_.-]{1,95}")
_JUNK_ORGS = {"hf-internal-testing", "trl-internal-testing", "fxmarty", "ybelkada",
              "username", "user", "org", "organization", "path", "model", "models",
              "my-org", "your-org", "huggingface", "datasets", "hf-tiny-model-private",
              "none", "application", "text", "image", "audio", "video", "multipart"}
_JUNK_HUB_NAMES = {"to", "model", "models", "name", "encoder", "decoder", "main", "base",
                   "config", "tokenizer", "checkpoint", "weights", "repo", "data", "dataset"}
_HUB_SUFFIX = re.compile(
    r"(?:[-_.](?:hf|HF|transformers|timm|pt|safetensors|diffusers|GGUF|gguf|AWQ|awq|GPTQ|gptq"
    r"|Int4|Int8|int4|int8|Int8Mix|MLX|mlx|fp16|bf16|fp8|FP8|4bit|8bit|3bit|6bit|MLC))+$")


def is_hub_id(text: str) -> bool:
    """True for a plausible "org/name" checkpoint id.

    >>> [is_hub_id(t) for t in ["meta-llama/Llama-2-7b-hf", "3/8", "path/to/model",
    ...  "hf-internal-testing/tiny-bert", "a/b.json", "google/vit-base-patch16-224"]]
    [True, False, False, False, False, True]
    """
    if not _HUB_ID.fullmatch(text):
        return False
    org, name = text.split("/")
    if org.lower() in _JUNK_ORGS or "." in org or name.lower() in _JUNK_HUB_NAMES:
        return False
    if re.search(r"\.(?:json|py|txt|bin|yaml|yml|pt|pth|ckpt|md|csv|gz|zip|tar)$", name):
        return False
    return can_be_name(name) and can_be_name(org.replace("-", "x") + "xx")


# Leading tokens of lowercase checkpoint names -> the family's own casing.
HUB_BRANDS = {
    "bert": "BERT", "roberta": "RoBERTa", "xlm": "XLM", "distilbert": "DistilBERT",
    "albert": "ALBERT", "deberta": "DeBERTa", "electra": "ELECTRA", "bart": "BART",
    "mbart": "mBART", "t5": "T5", "mt5": "mT5", "gpt2": "GPT-2", "opt": "OPT",
    "bloom": "BLOOM", "bloomz": "BLOOMZ", "llama": "Llama", "mistral": "Mistral",
    "mixtral": "Mixtral", "qwen": "Qwen", "qwen2": "Qwen2", "gemma": "Gemma", "phi": "Phi",
    "whisper": "Whisper", "hubert": "HuBERT", "wavlm": "WavLM", "e5": "E5", "bge": "BGE",
    "gte": "GTE", "minilm": "MiniLM", "mpnet": "MPNet", "longformer": "Longformer",
    "bigbird": "BigBird", "pegasus": "PEGASUS", "codegen": "CodeGen", "starcoder": "StarCoder",
    "falcon": "Falcon", "pythia": "Pythia", "layoutlm": "LayoutLM", "layoutlmv3": "LayoutLMv3",
    "olmo": "OLMo", "smollm": "SmolLM", "smollm2": "SmolLM2",
}  # families written "<Family>-<size>"; vision names ("vit-base-patch16") are left as they are


def brand_cased(name: str) -> str | None:
    """A lowercase checkpoint name with its family cased as the family writes it.

    >>> brand_cased("bert-base-uncased"), brand_cased("t5-small"), brand_cased("gpt2")
    ('BERT-base-uncased', 'T5-small', 'GPT-2')
    >>> brand_cased("Llama-2-7b"), brand_cased("unknownnet-base")
    (None, None)
    """
    if name != name.lower():
        return None
    head, sep, rest = name.partition("-")
    brand = HUB_BRANDS.get(head)
    return None if brand is None else brand + sep + rest


def hub_spelling(hub_id: str) -> Spelling | None:
    """A hub checkpoint id -> the checkpoint name papers write, the full id kept.

    >>> hub_spelling("meta-llama/Llama-2-7b-hf")
    Spelling(id='Llama-2-7b', patterns=('Llama-2-7b', 'Llama-2-7b-hf', 'meta-llama/Llama-2-7b-hf'))
    >>> hub_spelling("bert-base-uncased/x") is None, hub_spelling("google/flan-t5-xl").id
    (True, 'flan-t5-xl')
    >>> hub_spelling("google-bert/bert-base-uncased").patterns
    ('BERT-base-uncased', 'bert-base-uncased', 'google-bert/bert-base-uncased')
    >>> hub_spelling("hf-internal-testing/tiny-random-gpt2") is None
    True
    >>> hub_spelling("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4").id
    'Qwen2.5-7B-Instruct'
    
    """
    if not is_hub_id(hub_id):
        return None
    name = hub_id.split("/", 1)[1]
    short = _HUB_SUFFIX.sub("", name)
    if not can_be_name(short):
        return None
    cased = brand_cased(short)
    if cased is not None:
        return spelling(cased, short, name, hub_id)
    return spelling(short, name, hub_id)


# --------------------------------------------------------------------------------------
# Benchmarks, datasets, tasks
# --------------------------------------------------------------------------------------

# Spellings the curated gazetteers (extractor/data) do not give, for identifiers the
# registries use; keys are :func:`key` of the identifier.
_DATASET_SPELLINGS = {
    "imagenet2012": "ImageNet", "imagenet": "ImageNet", "imagenet1k": "ImageNet-1K",
    "imagenet21k": "ImageNet-21K", "imagenet22k": "ImageNet-22K", "cifar10": "CIFAR-10",
    "cifar100": "CIFAR-100", "mnist": "MNIST", "fashionmnist": "Fashion-MNIST",
    "kmnist": "KMNIST", "emnist": "EMNIST", "svhn": "SVHN", "svhncropped": "SVHN",
    "stl10": "STL-10", "coco": "COCO", "coco2017": "COCO 2017", "coco2014": "COCO 2014",
    "voc": "PASCAL VOC", "celeba": "CelebA", "lsun": "LSUN", "cityscapes": "Cityscapes",
    "ade20k": "ADE20K", "caltech101": "Caltech-101", "caltech256": "Caltech-256",
    "oxfordiiitpet": "Oxford-IIIT Pet", "oxfordflowers102": "Oxford Flowers-102",
    "flowers102": "Flowers-102", "food101": "Food-101", "stanfordcars": "Stanford Cars",
    "dtd": "DTD", "eurosat": "EuroSAT", "gtsrb": "GTSRB", "fgvcaircraft": "FGVC-Aircraft",
    "sun397": "SUN397", "places365": "Places365", "kinetics400": "Kinetics-400",
    "kinetics600": "Kinetics-600", "kinetics700": "Kinetics-700", "ucf101": "UCF101",
    "hmdb51": "HMDB51", "librispeech": "LibriSpeech", "commonvoice": "Common Voice",
    "speechcommands": "Speech Commands", "vctk": "VCTK", "ljspeech": "LJSpeech",
    "glue": "GLUE", "superglue": "SuperGLUE", "squad": "SQuAD", "squadv2": "SQuAD 2.0",
    "hellaswag": "HellaSwag", "winogrande": "WinoGrande", "piqa": "PIQA", "boolq": "BoolQ",
    "mmlu": "MMLU", "mmlupro": "MMLU-Pro", "gsm8k": "GSM8K", "arcchallenge": "ARC-Challenge",
    "arceasy": "ARC-Easy", "truthfulqa": "TruthfulQA", "openbookqa": "OpenBookQA",
    "lambada": "LAMBADA", "triviaqa": "TriviaQA", "naturalquestions": "Natural Questions",
    "nq": "Natural Questions", "humaneval": "HumanEval", "mbpp": "MBPP", "bbh": "BBH",
    "drop": "DROP", "race": "RACE", "sciq": "SciQ", "wikitext": "WikiText",
    "wikitext103": "WikiText-103", "wikitext2": "WikiText-2", "pubmedqa": "PubMedQA",
    "medqa": "MedQA", "medmcqa": "MedMCQA", "xnli": "XNLI", "pawsx": "PAWS-X",
    "xcopa": "XCOPA", "xstorycloze": "XStoryCloze", "copa": "COPA", "mnli": "MNLI",
    "qnli": "QNLI", "rte": "RTE", "sst2": "SST-2", "cola": "CoLA", "mrpc": "MRPC",
    "qqp": "QQP", "stsb": "STS-B", "wnli": "WNLI", "wsc": "WSC", "wic": "WiC",
    "multirc": "MultiRC", "record": "ReCoRD", "cb": "CB", "anli": "ANLI",
    "logiqa": "LogiQA", "math": "MATH", "minerva_math": "MATH", "ifeval": "IFEval",
    "gpqa": "GPQA", "agieval": "AGIEval", "cmmlu": "CMMLU", "ceval": "C-Eval",
    "headqa": "HEAD-QA", "mathqa": "MathQA", "asdiv": "ASDiv", "coqa": "CoQA",
    "qasper": "Qasper", "mgsm": "MGSM", "belebele": "Belebele", "flores": "FLORES",
    "flores200": "FLORES-200", "wmt14": "WMT14", "wmt16": "WMT16", "wmt19": "WMT19",
    "blimp": "BLiMP", "crowspairs": "CrowS-Pairs", "toxigen": "ToxiGen",
    "realtoxicityprompts": "RealToxicityPrompts", "bigbenchhard": "BIG-Bench Hard",
    "bigbench": "BIG-bench", "musr": "MuSR", "scrolls": "SCROLLS", "longbench": "LongBench",
    "cnndailymail": "CNN/DailyMail", "xsum": "XSum", "imdb": "IMDB", "agnews": "AG News",
    "yelp": "Yelp", "dbpedia": "DBpedia", "cora": "Cora", "citeseer": "CiteSeer",
    "pubmed": "PubMed", "reddit": "Reddit", "ppi": "PPI", "movielens": "MovieLens",
    "ml100k": "MovieLens-100K", "ml1m": "MovieLens-1M", "ml10m": "MovieLens-10M",
    "ml20m": "MovieLens-20M", "amazonbooks": "Amazon-Book", "gowalla": "Gowalla",
    "yelp2018": "Yelp2018", "lastfm": "Last.fm", "tox21": "Tox21", "toxcast": "ToxCast",
    "qm7": "QM7", "qm8": "QM8", "qm9": "QM9", "esol": "ESOL", "freesolv": "FreeSolv",
    "lipophilicity": "Lipophilicity", "hiv": "HIV", "bace": "BACE", "bbbp": "BBBP",
    "sider": "SIDER", "clintox": "ClinTox", "muv": "MUV", "pcba": "PCBA", "zinc": "ZINC",
}


def dataset_spelling(identifier: str) -> Spelling | None:
    """A dataset or task identifier -> its usual spelling, the identifier kept.

    >>> dataset_spelling("imagenet2012")
    Spelling(id='ImageNet', patterns=('ImageNet', 'imagenet2012'))
    >>> dataset_spelling("hellaswag").patterns, dataset_spelling("ogbg-molhiv").patterns
    (('HellaSwag', 'hellaswag'), ('ogbg-molhiv',))
    >>> dataset_spelling("cifar10").patterns
    ('CIFAR-10', 'CIFAR10', 'cifar10')
    >>> dataset_spelling("ab") is None
    True
    """
    if not can_be_name(identifier):
        return None
    display = _DATASET_SPELLINGS.get(key(identifier))
    if display is None:
        return spelling(identifier)
    joined = display.replace("-", "") if re.fullmatch(r"[A-Z]+-\d+", display) else display
    return spelling(display, joined, identifier)


def camel_words(name: str) -> str:
    """A CamelCase class name split at word starts, acronyms and digits kept whole.

    >>> camel_words("SpeechCommands"), camel_words("TUDataset"), camel_words("LibriTTS")
    ('Speech Commands', 'TU Dataset', 'Libri TTS')
    """
    return " ".join(re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", name))
