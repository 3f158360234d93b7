"""One reader per source package: archive -> (label, spelling, original identifier).

Readers parse the package's files statically (``ast`` for Python, ``json``/``tomllib``,
regexes for YAML and docstrings); nothing here imports the package it reads.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ._archive import Archive
from ._spell import (
    Spelling,
    camel_words,
    can_be_name,
    dataset_spelling,
    key,
    hub_spelling,
    open_clip_spelling,
    spelling,
    timm_spelling,
    torchvision_spelling,
)


class Found(NamedTuple):
    label: str
    spelling: Spelling
    identifier: str


Reader = Callable[[Archive], Iterator[Found]]
READERS: dict[str, Reader] = {}


def reader(name: str) -> Callable[[Reader], Reader]:
    def register(function: Reader) -> Reader:
        READERS[name] = function
        return function

    return register


def _parse(path: str, text: str) -> ast.Module | None:
    try:
        return ast.parse(text, filename=path)
    except SyntaxError:
        return None


def _decorated(tree: ast.Module, decorator: str) -> Iterator[str]:
    """Names of functions decorated with ``@decorator`` or ``@decorator(...)``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for dec in node.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                name = target.attr if isinstance(target, ast.Attribute) else (
                    target.id if isinstance(target, ast.Name) else "")
                if name == decorator:
                    yield node.name


def _strings(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


_QUOTED_HUB_ID = re.compile(
    r"""(?:["'\[`(]|huggingface\.co/)([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?=["'\])`])""")


def hub_ids(text: str) -> Iterator[str]:
    """Quoted or linked "org/name" ids in source text.

    >>> list(hub_ids('from_pretrained("google/vit-base-patch16-224") [a/b](x)'))
    ['google/vit-base-patch16-224', 'a/b']
    """
    for match in _QUOTED_HUB_ID.finditer(text):
        yield match.group(1)


def _hub(hub_id: str) -> Iterator[Found]:
    if hub_id.startswith("timm/"):  # timm/<arch>.<tag>: the architecture's spelling
        arch = timm_spelling(hub_id.removeprefix("timm/").split(".")[0])
        if arch is not None and arch.id != arch.patterns[-1]:
            yield Found("MODEL", spelling(arch.id, hub_id.removeprefix("timm/"), hub_id),
                        hub_id)
            return
    found = hub_spelling(hub_id)
    if found is not None:
        yield Found("MODEL", found, hub_id)


# ----------------------------------------------------------------------------- vision


@reader("timm")
def read_timm(archive: Archive) -> Iterator[Found]:
    """Registered architectures and the hub ids of their pretrained weights."""
    for path, text in archive.texts(".py", under="timm/models/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for name in _decorated(tree, "register_model"):
            found = timm_spelling(name)
            if found is not None:
                yield Found("MODEL", found, name)
        tables = [c.args[0] for c in _calls(tree, "generate_default_cfgs") if c.args]
        tables += [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "default_cfgs" for t in n.targets)]
        for table in tables:
            if isinstance(table, ast.Dict):
                for key_node in table.keys:
                    if isinstance(key_node, ast.Constant) and isinstance(key_node.value, str):
                        yield from _pretrained_tag(key_node.value)
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "hf_hub_id":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    if not value.value.startswith("timm/"):
                        yield from _hub(value.value)


def _pretrained_tag(name: str) -> Iterator[Found]:
    """``arch.tag`` of timm's pretrained configs: one more pattern of the arch's id."""
    arch, _, tag = name.partition(".")
    found = timm_spelling(arch)
    if tag and found is not None and can_be_name(name):
        yield Found("MODEL", spelling(found.id, name), name)


@reader("open_clip_torch")
def read_open_clip(archive: Archive) -> Iterator[Found]:
    """Architecture configs (model_configs/*.json) and pretrained hub ids."""
    for path, _ in archive.texts(".json", under="open_clip/model_configs/"):
        name = path.rsplit("/", 1)[1].removesuffix(".json")
        found = open_clip_spelling(name)
        if found is not None:
            yield Found("MODEL", found, name)
    for _, text in archive.texts("pretrained.py", under="open_clip/"):
        for match in re.finditer(r"hf_hub=['\"]([^'\"]+?)/?['\"]", text):
            hub_id = match.group(1)
            if not hub_id.startswith("timm/"):
                yield from _hub(hub_id)


_TV_DATASET_BASES = re.compile(r"Dataset|Folder|MNIST|CIFAR10|Kinetics|Stereo|Flow|Caltech")


@reader("torchvision")
def read_torchvision(archive: Archive) -> Iterator[Found]:
    """Registered model builders and the dataset classes."""
    for path, text in archive.texts(".py", under="torchvision/models/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for name in _decorated(tree, "register_model"):
            found = torchvision_spelling(name)
            if found is not None:
                yield Found("MODEL", found, name)
    for path, text in archive.texts(".py", under="torchvision/datasets/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in tree.body:
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue
            bases = " ".join(ast.unparse(b) for b in node.bases)
            if not _TV_DATASET_BASES.search(bases) or node.name in {
                    "DatasetFolder", "ImageFolder", "FakeData", "VisionDataset"}:
                continue
            found = dataset_spelling(node.name)
            if found is not None:
                yield Found("BENCHMARK", found, node.name)


# ------------------------------------------------------------------------------ text


@reader("transformers")
def read_transformers(archive: Archive) -> Iterator[Found]:
    """Model families' display names (auto mapping) and checkpoint ids in docstrings."""
    for path, text in archive.texts("configuration_auto.py", under="transformers/models/auto/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "MODEL_NAMES_MAPPING"
                    for t in node.targets)):
                for pair in ast.walk(node.value):
                    if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                        model_type, display = pair.elts
                        if (isinstance(display, ast.Constant) and isinstance(display.value, str)
                                and isinstance(model_type, ast.Constant)):
                            yield from _display_name(display.value, str(model_type.value))
    found: set[str] = set()
    for _, text in archive.texts(".py", under="transformers/models/"):
        found.update(hub_ids(text))
    for hub_id in sorted(drop_renamed_copies(found)):
        yield from _hub(hub_id)


def drop_renamed_copies(hub_ids: set[str]) -> set[str]:
    """Drop ids that code generation made by renaming one real id across many models.

    ``meta-llama/Llama-2-7b-hf`` copied into each new model's file becomes
    ``meta-afmoe/Afmoe-2-7b-hf``, ``meta-glm/Glm-2-7b-hf``...: ids sharing an org prefix
    and a name tail with three or more others, from an org seen only once, are dropped.

    >>> ids = {"meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-13b-hf"} | {
    ...     f"meta-{m}/{m.title()}-2-7b-hf" for m in ("afmoe", "glm", "cwm", "dory")}
    >>> sorted(drop_renamed_copies(ids | {"google/gemma-7b"}))
    ['google/gemma-7b', 'meta-llama/Llama-2-13b-hf', 'meta-llama/Llama-2-7b-hf']
    """
    def group(hub_id: str) -> tuple[str, str]:
        org, name = hub_id.split("/", 1)
        return re.split(r"[-_]", org)[0], "-".join(name.split("-")[1:])

    orgs: dict[str, int] = {}
    groups: dict[tuple[str, str], int] = {}
    for hub_id in hub_ids:
        orgs[hub_id.split("/", 1)[0]] = orgs.get(hub_id.split("/", 1)[0], 0) + 1
        groups[group(hub_id)] = groups.get(group(hub_id), 0) + 1
    return {h for h in hub_ids if "/" in h and not (
        orgs[h.split("/", 1)[0]] == 1 and groups[group(h)] >= 4 and group(h)[1])}


def _display_name(display: str, identifier: str) -> Iterator[Found]:
    if can_be_name(display):
        yield Found("MODEL", spelling(display), identifier)


# ------------------------------------------------------------------- benchmarks


def _calls(tree: ast.AST, *names: str) -> Iterator[ast.Call]:
    """Calls of a function or class whose (last) name is one of ``names``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else (
                func.id if isinstance(func, ast.Name) else "")
            if name in names:
                yield node


def _keyword(call: ast.Call, name: str) -> str | None:
    for keyword in call.keywords:
        if (keyword.arg == name and isinstance(keyword.value, ast.Constant)
                and isinstance(keyword.value.value, str)):
            return keyword.value.value
    return None


def _benchmark(identifier: str) -> Iterator[Found]:
    found = dataset_spelling(identifier)
    if found is not None:
        yield Found("BENCHMARK", found, identifier)


_YAML_NAME = re.compile(r"^(task|group|tag):[ \t]*[\"']?([A-Za-z0-9][\w.\-]*)[\"']?[ \t]*$",
                        re.MULTILINE)
_YAML_LIST_ITEM = re.compile(r"^tag:[ \t]*\n((?:[ \t]*-[ \t]*\S+[ \t]*\n)+)", re.MULTILINE)
# Variants of one task (prompt number, few-shot, chain of thought, translated, split
# per language or subject) are not names papers write.
_VARIANT = re.compile(
    r"(?:^|_)(?:prompt|p\d|cot|light|translate|gen|generate|greedy|fewshot|zeroshot|"
    r"mc\d?|loglikelihood|llama|nonparallel|direct|native|sampled|\d+shot|v\d+_\w+)(?:_|$)",
    re.IGNORECASE)


def is_task_variant(name: str) -> bool:
    """True for an lm-eval task that is a variant or a slice of a benchmark.

    >>> [is_task_variant(t) for t in ["hellaswag", "arc_challenge", "mmlu_pro",
    ...  "belebele_yor_prompt_5", "afrimgsm_cot_xho", "mmlu_pro_llama_economics",
    ...  "kmmlu_hard_korean_history"]]
    [False, False, False, True, True, True, True]
    """
    return bool(_VARIANT.search(name)) or name.count("_") >= 3


def _readme_title(text: str) -> str | None:
    r"""The benchmark name in a task README's first heading.

    >>> _readme_title("# HellaSwag\n"), _readme_title("# LongBench v2\ntext")
    ('HellaSwag', 'LongBench v2')
    >>> _readme_title("# ZhoBLiMP: A Systematic Assessment of Language Models\n")
    'ZhoBLiMP'
    >>> _readme_title("# Catalan Bias Benchmark for Question Answering (CaBBQ)\n")
    'CaBBQ'
    >>> _readme_title("# Task-name\n"), _readme_title("### Changelog\n")
    (None, None)
    """
    match = re.match(r"\s*#[ \t]+([^\n]+)", text)
    if match is None:
        return None
    title = match.group(1).split(":")[0].strip()
    acronym = re.search(r"\(([A-Za-z][\w.\- ]{1,30})\)\s*$", title)
    if acronym:
        title = acronym.group(1).strip()
    if title.lower() in {"task-name", "changelog", "readme", "tasks", "task", "overview"}:
        return None
    if len(title.split()) > 4 or len(title) > 40:
        return None
    return title


@reader("lm-eval")
def read_lm_eval(archive: Archive) -> Iterator[Found]:
    """Benchmark names: task READMEs' titles, groups and tags, tasks that are not variants."""
    for path, text in archive.texts("README.md", under="lm_eval/tasks/"):
        parts = path.split("/")
        if len(parts) != 4:  # lm_eval/tasks/<folder>/README.md only
            continue
        title = _readme_title(text)
        if title is not None:
            folder = parts[2]
            extra = (folder,) if key(folder) == key(title) else ()
            yield Found("BENCHMARK", spelling(title, *extra), folder)
    names: set[str] = set()
    for _, text in archive.texts(".yaml", under="lm_eval/tasks/"):
        for match in _YAML_NAME.finditer(text):
            names.add(match.group(2))
        for block in _YAML_LIST_ITEM.finditer(text):
            names.update(re.findall(r"-[ \t]*(\S+)", block.group(1)))
    folders = {p.split("/")[2] for p in archive.names()
               if p.startswith("lm_eval/tasks/") and p.count("/") >= 3}
    for name in sorted(names):
        if is_task_variant(name):
            continue
        found = dataset_spelling(name)
        if found is not None and ("_" not in name or found.id != name or name in folders):
            yield Found("BENCHMARK", found, name)
    paths: set[str] = set()
    for _, text in archive.texts(".yaml", under="lm_eval/tasks/"):
        paths.update(re.findall(r"^dataset_path:[ \t]*[\"']?([\w.\-]+/[\w.\-]+)", text, re.M))
    for dataset in sorted(paths):
        name = dataset.split("/", 1)[1]
        if can_be_name(name) and not name.startswith(("test", "tiny")):
            found = dataset_spelling(name)
            if found is not None:
                yield Found("BENCHMARK", spelling(found.id, *found.patterns[1:], dataset), dataset)


@reader("mteb")
def read_mteb(archive: Archive) -> Iterator[Found]:
    """Task names (TaskMetadata), benchmark suites (Benchmark) and models (ModelMeta)."""
    for path, text in archive.texts(".py", under="mteb/"):
        if "TaskMetadata(" not in text and "Benchmark(" not in text and (
                "ModelMeta(" not in text):
            continue
        tree = _parse(path, text)
        if tree is None:
            continue
        for call in _calls(tree, "TaskMetadata"):
            name = _keyword(call, "name")
            if name is not None:
                yield from _benchmark(name)
        for call in _calls(tree, "Benchmark"):
            name, display = _keyword(call, "name"), _keyword(call, "display_name")
            if name is not None and can_be_name(name):
                yield Found("BENCHMARK", spelling(name), name)
        for call in _calls(tree, "ModelMeta"):
            name = _keyword(call, "name")
            if name is None:
                continue
            if "/" in name:
                yield from _hub(name)
            elif can_be_name(name):
                yield Found("MODEL", spelling(name), name)


def snake_case(name: str) -> str:
    """TFDS's registered name of a builder class (its camelcase_to_snakecase).

    >>> snake_case("Cifar10"), snake_case("Imagenet2012Real"), snake_case("MNIST")
    ('cifar10', 'imagenet2012_real', 'mnist')
    """
    step = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", step).lower()


@reader("tensorflow-datasets")
def read_tfds(archive: Archive) -> Iterator[Found]:
    """Registered dataset names: folders of datasets/ and legacy builder classes."""
    names: set[str] = set()
    for path in archive.names():
        parts = path.split("/")
        if (len(parts) >= 4 and parts[:2] == ["tensorflow_datasets", "datasets"]
                and parts[3].endswith("_dataset_builder.py")):
            names.add(parts[2])
    builder = re.compile(r"^class ([A-Za-z0-9]+)\((?:[\w.]*)(?:Builder|BuilderBase)\)",
                         re.MULTILINE)
    for path, text in archive.texts(".py", under="tensorflow_datasets/"):
        if "/datasets/" in path or path.endswith("_test.py") or "/testing/" in path:
            continue
        for match in builder.finditer(text):
            if not match.group(1).endswith(("Test", "Base", "Config")):
                names.add(snake_case(match.group(1)))
    for name in sorted(names):
        yield from _benchmark(name)


# ------------------------------------------------------------------ more sources


def _yaml() -> Any:
    """PyYAML, a build-time helper (imported lazily: the test venv need not have it)."""
    return importlib.import_module("yaml")


def classes(archive: Archive, under: str, bases: str = r".", *,
            skip: str = r"^_|Base|Mixin|Config|Test|Mock|Dummy|Fake|Abstract") -> Iterator[str]:
    """Public class names defined under ``under`` whose bases' source matches ``bases``."""
    base_re, skip_re = re.compile(bases), re.compile(skip)
    for path, text in archive.texts(".py", under=under):
        if "/tests/" in path or path.rsplit("/", 1)[-1].startswith("test_"):
            continue
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not skip_re.search(node.name):
                if base_re.search(" ".join(ast.unparse(b) for b in node.bases)):
                    yield node.name


def _model(name: str, *extra: str) -> Iterator[Found]:
    if can_be_name(name):
        yield Found("MODEL", spelling(name, *extra), name)


def _suffixed(name: str, suffix: str) -> Iterator[Found]:
    """A class named ``<Name><suffix>`` -> model ``<Name>`` (the class name kept).

    >>> [f.spelling.patterns for f in _suffixed("NBEATSModel", "Model")]
    [('NBEATS', 'NBEATSModel')]
    """
    stem = name.removesuffix(suffix)
    if stem != name and can_be_name(stem):
        yield Found("MODEL", spelling(stem, name), name)
    elif stem == name:
        yield from _model(name)


def _metafile_sections(text: str) -> tuple[list[Any], list[Any]]:
    data = _yaml().safe_load(text)
    if not isinstance(data, dict):
        return [], []
    return list(data.get("Collections") or []), list(data.get("Models") or [])


_NOT_A_METRIC = re.compile(r"iter|time|memory|params|flops|fps|epoch|speed|latency|step|"
                           r"inference|size|\\|\$|\*", re.IGNORECASE)


def _metric_name(metric: str) -> Iterator[Found]:
    r"""A results-table column -> a metric name, without its qualifier in parentheses.

    >>> [f.spelling.id for m in ["BRISQUE (Y)", "box AP", "Total Iters*", "FID (Iter)",
    ...  "Accuracy (testB)", r"$\sigma$", "mIoU"] for f in _metric_name(m)]
    ['BRISQUE', 'box AP', 'mIoU']
    """
    bare = re.sub(r"\s*\([^)]*\)$", "", metric).strip()
    if bare != metric and not re.fullmatch(r"\s*\((?:Y|RGB|y|rgb)\)", metric[len(bare):]):
        return
    if _NOT_A_METRIC.search(bare) or not re.fullmatch(r"[A-Za-z][\w\-@/+. ]*", bare):
        return
    if can_be_name(bare):
        yield Found("METRIC", spelling(bare), metric)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _openmmlab(archive: Archive) -> Iterator[Found]:
    """Collections (model families), datasets and metric names of OpenMMLab metafiles."""
    for _, text in archive.texts("metafile.yml", "metafile.yaml"):
        collections, models = _metafile_sections(text)
        for collection in collections:
            if isinstance(collection, dict) and isinstance(collection.get("Name"), str):
                yield from _model(collection["Name"])
        for model in models:
            if not isinstance(model, dict):
                continue
            family, config = model.get("In Collection"), model.get("Name")
            if isinstance(family, str) and isinstance(config, str) and can_be_name(family):
                config = config.removesuffix(".py")
                if can_be_name(config) and config != family:
                    yield Found("MODEL", spelling(family, config), config)
            metadata = model.get("Metadata") or {}
            datasets = _as_list(metadata.get("Training Data")) if isinstance(
                metadata, dict) else []
            for result in model.get("Results") or []:
                if isinstance(result, dict):
                    datasets += _as_list(result.get("Dataset"))
                    metrics = result.get("Metrics")
                    if isinstance(metrics, dict):
                        for metric in metrics:
                            if isinstance(metric, str):
                                yield from _metric_name(metric)
            for dataset in datasets:
                yield from _benchmark(dataset)


for _name in ("mmdet", "mmsegmentation", "mmpretrain", "mmaction2", "mmdet3d", "mmocr",
              "mmrotate", "mmyolo", "mmagic"):
    READERS[_name] = _openmmlab


_YOLO_FILE = re.compile(r"(?P<family>yolo(?:v\d+|\d+)|rtdetr|yoloe)(?P<rest>[-\w.]*)")


def yolo_spelling(stem: str) -> Spelling | None:
    """An ultralytics model config name -> its paper spelling.

    >>> yolo_spelling("yolov8").patterns, yolo_spelling("yolo11").patterns
    (('YOLOv8', 'yolov8'), ('YOLO11', 'yolo11'))
    >>> yolo_spelling("rtdetr-l").patterns, yolo_spelling("yolov8-seg-p6")
    (('RT-DETR-L', 'rtdetr-l'), None)
    """
    match = _YOLO_FILE.fullmatch(stem)
    if match is None:
        return None
    family = {"rtdetr": "RT-DETR", "yoloe": "YOLOE"}.get(
        match["family"], "YOLO" + match["family"][4:])
    rest = match["rest"]
    if not rest:
        return spelling(family, stem)
    if re.fullmatch(r"-[a-z0-9]{1,3}", rest) and match["family"] == "rtdetr":
        return spelling(f"{family}{rest.upper()}", stem)
    return None


@reader("ultralytics")
def read_ultralytics(archive: Archive) -> Iterator[Found]:
    """YOLO / RT-DETR model configs with their scales, and dataset configs."""
    for path, text in archive.texts(".yaml", under="ultralytics/cfg/models/"):
        stem = path.rsplit("/", 1)[1].removesuffix(".yaml")
        found = yolo_spelling(stem)
        if found is None:
            continue
        yield Found("MODEL", found, stem)
        scales = re.search(r"^scales:.*?\n((?:[ \t]+\w+:.*\n)+)", text, re.MULTILINE)
        if scales and found.id.startswith("YOLO"):
            for scale in re.findall(r"^[ \t]+(\w):", scales.group(1), re.MULTILINE):
                yield Found("MODEL", spelling(f"{found.id}{scale}", f"{stem}{scale}"),
                            f"{stem}{scale}")
    for path, _ in archive.texts(".yaml", under="ultralytics/cfg/datasets/"):
        stem = path.rsplit("/", 1)[1].removesuffix(".yaml")
        if re.search(r"\d{1,3}(?:-|$)|formats|grayscale|multispectral", stem) and not re.search(
                r"(?:20\d\d|365|110K|100K|v7|3K)$", stem):
            continue  # coco8, coco128, dota8...: small test slices
        yield from _benchmark(stem)


@reader("torch-geometric")
def read_torch_geometric(archive: Archive) -> Iterator[Found]:
    """Dataset classes, dataset names in their docstrings, GNN model classes."""
    for name in classes(archive, "torch_geometric/datasets/", r"Dataset"):
        yield from _dataset_class(name)
    quoted = re.compile(r':obj:`"([A-Za-z][\w.\-]{2,40})"`')
    for _, text in archive.texts(".py", under="torch_geometric/datasets/"):
        for block in re.findall(r"name \(str\):(.*?)(?:\n\s+\w+ \(|\n\s*\"\"\")", text, re.S):
            for name in quoted.findall(block):
                yield from _benchmark(name)
    for name in classes(archive, "torch_geometric/nn/models/", r"Module|torch\.nn|Basic"):
        if not re.search(r"(?:Layer|Block|Encoder|Decoder|Loss)$", name):
            yield from _model(name)
    for name in classes(archive, "torch_geometric/nn/conv/", r"Conv|MessagePassing"):
        yield from _suffixed(name, "Conv")


@reader("ogb")
def read_ogb(archive: Archive) -> Iterator[Found]:
    """OGB dataset names (the master.csv headers) and the LSC datasets."""
    for _, text in archive.texts("master.csv", under="ogb/"):
        for name in text.splitlines()[0].split(",")[1:]:
            yield from _benchmark(name.strip())
    for name in classes(archive, "ogb/lsc/", r"object|Dataset"):
        stem = re.sub(r"^(?:Pyg|Dgl)|(?:Dataset|Evaluator)$", "", name)
        if stem != name and can_be_name(stem):
            yield Found("BENCHMARK", spelling(stem), name)


def env_spelling(env_id: str) -> Spelling | None:
    """A Gym environment id -> the environment name, the versioned id kept.

    >>> env_spelling("CartPole-v1").patterns, env_spelling("ALE/Pong-v5").patterns
    (('CartPole', 'CartPole-v1'), ('Pong', 'ALE/Pong-v5'))
    """
    name = re.sub(r"-v\d+$", "", env_id.split("/")[-1])
    if not can_be_name(name):
        return None
    return spelling(name, env_id)


@reader("gymnasium")
def read_gymnasium(archive: Archive) -> Iterator[Found]:
    """Registered environment ids."""
    for _, text in archive.texts(".py", under="gymnasium/envs/"):
        for env_id in re.findall(r"\bid=[\"']([A-Za-z][\w/]*-v\d+)[\"']", text):
            found = env_spelling(env_id)
            if found is not None:
                yield Found("BENCHMARK", found, env_id)


@reader("minari")
def read_minari(archive: Archive) -> Iterator[Found]:
    """Dataset ids named in the docs and code ("D4RL/door/human-v2")."""
    for _, text in archive.texts(".py", ".md", under="minari"):
        for dataset in re.findall(r"[\"'`]((?:D4RL|mujoco|atari)/[\w\-]+/[\w\-]+-v\d+)[\"'`]",
                                  text):
            yield Found("BENCHMARK", spelling(dataset), dataset)


@reader("torchaudio")
def read_torchaudio(archive: Archive) -> Iterator[Found]:
    """Dataset classes and model classes."""
    for name in classes(archive, "torchaudio/datasets/", r"Dataset"):
        yield from _benchmark(name)
    for name in classes(archive, "torchaudio/models/", r"Module|nn\."):
        if not re.search(r"(?:Block|Layer|Module|Encoder|Decoder|Net[A-Z]|Joiner|Predictor"
                         r"|Transcriber|Wrapper|Bundle|Model)$", name):
            yield from _model(name)
    for bundle in re.findall(r"^([A-Z][A-Z0-9_]{3,}) = \w*Bundle\(", "\n".join(
            t for _, t in archive.texts(".py", under="torchaudio/pipelines/")), re.MULTILINE):
        yield from _model(bundle)


@reader("recbole")
def read_recbole(archive: Archive) -> Iterator[Found]:
    """Recommender model classes and the datasets of url.yaml / kg_url.yaml."""
    for name in classes(archive, "recbole/model/", r"Recommender"):
        yield from _model(name)
    for path, text in archive.texts("url.yaml", under="recbole/properties/dataset/"):
        knowledge_graph = path.endswith("kg_url.yaml")  # same keys, the KG companions
        for key_, url in re.findall(r"^([\w\-]+):\s*(\S+)", text, re.MULTILINE):
            stem = url.rsplit("/", 1)[-1].removesuffix(".zip")
            display = stem.replace("_", " ") if can_be_name(stem) else key_
            if knowledge_graph:
                yield Found("BENCHMARK", spelling(display), f"{key_} (kg_url.yaml)")
            else:
                yield Found("BENCHMARK", spelling(display, key_), key_)


@reader("sktime")
def read_sktime(archive: Archive) -> Iterator[Found]:
    """Forecasters, classifiers, regressors and detectors (estimator classes)."""
    for area in ("forecasting", "classification", "regression", "detection",
                 "clustering"):
        for name in classes(archive, f"sktime/{area}/",
                            r"Base\w*(?:Forecaster|Classifier|Regressor|Detector|Clusterer)"
                            r"|_StatsModels|_PmdArima|_Sktime|_Tbats|_Delegated|_Prophet"):
            yield from _suffixed(name, "Forecaster")
    yield from _time_series_datasets(archive, "sktime/datasets/", "tsc_dataset_names.py",
                                     "tsf_dataset_names.py")


@reader("darts")
def read_darts(archive: Archive) -> Iterator[Found]:
    """Forecasting model classes (``NBEATSModel`` -> NBEATS)."""
    for name in classes(archive, "darts/models/forecasting/", r"Model|Forecasting"):
        if not name.endswith("ForecastingModel"):
            yield from _suffixed(name, "Model")


@reader("statsforecast")
def read_statsforecast(archive: Archive) -> Iterator[Found]:
    """Statistical forecasting model classes (AutoARIMA, AutoETS, CrostonClassic...)."""
    for name in classes(archive, "statsforecast/models.py", r"_TS|Model"):
        if not name.endswith("Model"):
            yield from _model(name)


@reader("neuralforecast")
def read_neuralforecast(archive: Archive) -> Iterator[Found]:
    """Neural forecasting model classes (NHITS, PatchTST, TimesNet...)."""
    for name in classes(archive, "neuralforecast/models/", r"Base\w*|Model"):
        yield from _model(name)
    for name in classes(archive, "neuralforecast/auto.py", r"BaseAuto"):
        yield from _model(name)


@reader("pyod")
def read_pyod(archive: Archive) -> Iterator[Found]:
    """Outlier detector classes (IForest, ECOD, COPOD, DeepSVDD...)."""
    for name in classes(archive, "pyod/models/", r"BaseDetector|BaseDeepLearningDetector"):
        yield from _model(name)


@reader("deepchem")
def read_deepchem(archive: Archive) -> Iterator[Found]:
    """MoleculeNet loaders (``load_tox21`` -> Tox21) and model classes."""
    for _, text in archive.texts(".py", under="deepchem/molnet/"):
        for name in re.findall(r"^def load_(\w+)\(", text, re.MULTILINE):
            yield from _benchmark(name)
    for name in classes(archive, "deepchem/models/", r"Model|nn\.Module"):
        if not re.search(r"(?:Layer|Loss|Wrapper|Generator)$", name):
            yield from _suffixed(name, "Model")


def _hub_ids_of(archive: Archive, under: str, org: str = "") -> Iterator[Found]:
    seen: set[str] = set()
    for _, text in archive.texts(".py", ".yaml", ".md", under=under):
        seen.update(h for h in hub_ids(text) if not org or h.startswith(org))
    for hub_id in sorted(seen):
        yield from _hub(hub_id)


@reader("speechbrain")
def read_speechbrain(archive: Archive) -> Iterator[Found]:
    """Pretrained model ids named in the code and docstrings."""
    yield from _hub_ids_of(archive, "speechbrain/", "speechbrain/")


@reader("nemo-toolkit")
def read_nemo(archive: Archive) -> Iterator[Found]:
    """Pretrained model names (``pretrained_model_name=``) and nvidia/ hub ids."""
    for _, text in archive.texts(".py", under="nemo/"):
        for name in re.findall(r"pretrained_model_name=[\"']([\w\-.]+)[\"']", text):
            yield from _model(name)
    yield from _hub_ids_of(archive, "nemo/", "nvidia/")


@reader("espnet")
def read_espnet(archive: Archive) -> Iterator[Found]:
    """Pretrained model ids named in the code and docstrings."""
    yield from _hub_ids_of(archive, "espnet", "espnet/")


def _dataset_class(name: str) -> Iterator[Found]:
    """A dataset class -> the dataset (``MalNetTinyDataset`` -> MalNetTiny), class kept."""
    stem = name.removesuffix("Dataset")
    if stem != name and can_be_name(stem):
        found = dataset_spelling(stem)
        if found is not None:
            yield Found("BENCHMARK", found, name)
    else:
        yield from _benchmark(name)


_BRANDS = {
    "gpt": "GPT", "claude": "Claude", "gemini": "Gemini", "gemma": "Gemma", "llama": "Llama",
    "qwen": "Qwen", "mistral": "Mistral", "mixtral": "Mixtral", "grok": "Grok",
    "deepseek": "DeepSeek", "kimi": "Kimi", "glm": "GLM", "phi": "Phi", "command": "Command",
    "jamba": "Jamba", "codestral": "Codestral", "pixtral": "Pixtral", "magistral": "Magistral",
    "ministral": "Ministral", "devstral": "Devstral", "nova": "Nova", "titan": "Titan",
    "sonar": "Sonar", "minimax": "MiniMax", "ernie": "ERNIE", "hunyuan": "Hunyuan",
    "yi": "Yi", "dbrx": "DBRX", "olmo": "OLMo", "granite": "Granite", "nemotron": "Nemotron",
    "whisper": "Whisper", "dall": "DALL", "imagen": "Imagen", "veo": "Veo", "sora": "Sora",
    "flux": "FLUX", "palm": "PaLM", "chatgpt": "ChatGPT", "codex": "Codex", "o1": "o1",
    "o3": "o3", "o4": "o4", "mimo": "MiMo", "doubao": "Doubao", "seed": "Seed",
}
_DATE_SUFFIX = re.compile(r"(?:[-@_](?:\d{4}-?\d{2}-?\d{2}|\d{6}|\d{4}|latest|preview|"
                          r"default|v\d+:\d+|\d+k))+$")


def api_model_spelling(key_: str) -> Spelling | None:
    """A hosted model key (provider/route/name) -> the model name, brand-cased.

    >>> api_model_spelling("bedrock/ap-south-1/moonshotai.kimi-k2.5").patterns
    ('Kimi-k2.5', 'kimi-k2.5')
    >>> api_model_spelling("gpt-4o-mini-2024-07-18").patterns
    ('GPT-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18')
    >>> api_model_spelling("together_ai/zai-org/GLM-4.7").patterns
    ('GLM-4.7',)
    >>> api_model_spelling("tinyfish/search") is None
    True
    """
    name = key_.rsplit("/", 1)[-1]
    name = re.sub(r"^(?:(?:us|eu|apac|global|jp|au)\.)?[a-z0-9\-]+\.(?=[a-zA-Z])", "", name)
    name = re.sub(r"(?:-v\d+)?:\d+$", "", name).split(":")[0]
    if not re.search(r"\d", name) or not can_be_name(name) or len(name) > 60:
        return None
    short = _DATE_SUFFIX.sub("", name)
    if not can_be_name(short) or not re.search(r"\d", short):
        short = name
    head = re.match(r"[a-z]+", short)
    display = short
    if head and head.group(0) in _BRANDS and short == short.lower():
        display = _BRANDS[head.group(0)] + short[len(head.group(0)):]
    return spelling(display, short, name)


@reader("litellm")
def read_litellm(archive: Archive) -> Iterator[Found]:
    """Hosted model names of the price table (chat, completion, embedding, speech, image)."""
    for _, text in archive.texts("model_prices_and_context_window_backup.json",
                                 under="litellm/"):
        table = json.loads(text)
        for key_ in sorted(table):
            info = table[key_]
            if key_ == "sample_spec" or not isinstance(info, dict):
                continue
            if info.get("mode") in {"search", "moderation", "ocr", "vector_store"}:
                continue
            found = api_model_spelling(key_)
            if found is not None:
                yield Found("MODEL", found, key_)


_SPLIT = re.compile(r"^(?:train|dev|test|val|valid|validation|small|judged|eval|fold\d+|"
                    r"subtask\d?|head|tail|torso|queries|docs|qrels|en|[a-z]{2}|"
                    r"dev\d?|test-?[a-z\d]?|train-?\w*|dev-?\w*|test-?\w*|\d+)$")


@reader("ir_datasets")
def read_ir_datasets(archive: Archive) -> Iterator[Found]:
    """Collections' pretty names (docs/*.yaml) and dataset ids that are not plain splits."""
    for path, text in archive.texts(".yaml", under="ir_datasets/docs/"):
        collection = path.rsplit("/", 1)[1].removesuffix(".yaml")
        pretty = re.search(r"^_:\s*\n\s+pretty_name:\s*['\"]([^'\"]+)['\"]", text, re.M)
        if pretty:
            name = re.sub(r"\s*\((?:benchmark suite|Internet Archive)\)$", "", pretty.group(1))
            if can_be_name(name):
                extra = (collection,) if key(collection) == key(name) else ()
                yield Found("BENCHMARK", spelling(name, *extra), collection)
    for _, text in archive.texts("metadata.json", under="ir_datasets/etc/"):
        for dataset_id in sorted(json.loads(text)):
            last = dataset_id.rsplit("/", 1)[-1]
            if "/" in dataset_id and _SPLIT.match(last):
                continue
            if can_be_name(dataset_id):
                yield Found("BENCHMARK", spelling(dataset_id), dataset_id)


def _title_words(snake: str) -> str:
    """``montezuma_revenge`` -> ``Montezuma Revenge``.

    >>> _title_words("montezuma_revenge"), _title_words("air_raid")
    ('Montezuma Revenge', 'Air Raid')
    """
    return " ".join(w.capitalize() for w in snake.split("_"))


@reader("ale-py")
def read_ale(archive: Archive) -> Iterator[Found]:
    """Atari 2600 games of the Arcade Learning Environment (ROM names)."""
    for path in archive.names():
        if path.startswith("ale_py/roms/") and path.endswith(".bin"):
            rom = path.rsplit("/", 1)[1].removesuffix(".bin")
            words = _title_words(rom)
            if can_be_name(rom):
                yield Found("BENCHMARK", spelling(words, words.replace(" ", ""), rom), rom)


@reader("lighteval")
def read_lighteval(archive: Archive) -> Iterator[Found]:
    """Task names (the benchmark part before ``:``) of the task configs."""
    names: set[str] = set()
    for _, text in archive.texts(".py", under="lighteval/tasks/"):
        for name in re.findall(r"\bname=[\"']([A-Za-z][\w\-.:]+)[\"']", text):
            names.add(name.split(":")[0])
    for name in sorted(names):
        if not is_task_variant(name):
            yield from _benchmark(name)


@reader("crfm-helm")
def read_helm(archive: Archive) -> Iterator[Found]:
    """Scenario names (``name = "..."`` of the scenario classes)."""
    for _, text in archive.texts(".py", under="helm/benchmark/scenarios/"):
        for name in re.findall(r"^    name(?:: str)? = [\"']([A-Za-z][\w\-.]+)[\"']", text, re.M):
            yield from _benchmark(name)


@reader("torchgeo")
def read_torchgeo(archive: Archive) -> Iterator[Found]:
    """Geospatial dataset classes and model builders."""
    for name in classes(archive, "torchgeo/datasets/", r"NonGeo|Raster|Vector|Geo\w*Dataset"):
        if not re.match(r"(?:Xarray|Raster|Vector|NonGeo|Geo|Intersection|Union)", name):
            yield from _dataset_class(name)
    for name in classes(archive, "torchgeo/models/", r"Module|nn\.|Model"):
        if not re.search(r"(?:Block|Layer|Weights|Encoder|Decoder|Head)$", name):
            yield from _model(name)


def _string_lists(archive: Archive, under: str, *files: str) -> Iterator[str]:
    for path, text in archive.texts(*files, under=under):
        tree = _parse(path, text)
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, ast.List | ast.Set | ast.Tuple) and len(node.elts) >= 8:
                    for element in node.elts:
                        if isinstance(element, ast.Constant) and isinstance(element.value, str):
                            yield element.value


_TS_NAME = re.compile(r"[A-Z][A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*")


def _time_series_datasets(archive: Archive, under: str, *files: str) -> Iterator[Found]:
    for name in sorted(set(_string_lists(archive, under, *files))):
        if _TS_NAME.fullmatch(name):
            yield from _benchmark(name)


@reader("aeon")
def read_aeon(archive: Archive) -> Iterator[Found]:
    """UCR/UEA classification, regression, forecasting and anomaly dataset names."""
    yield from _time_series_datasets(archive, "aeon/datasets/", "tsc_datasets.py",
                                     "tser_datasets.py", "tsf_datasets.py", "tsad_datasets.py")


@reader("pykeen")
def read_pykeen(archive: Archive) -> Iterator[Found]:
    """Knowledge-graph datasets and embedding models."""
    for name in classes(archive, "pykeen/datasets/", r"Dataset"):
        if not re.match(r"(?:Lazy|Eager|Remote|Zip|Packed|Tabbed|Compressed|Unpacked|Single"
                        r"|Path|Inductive|TarFile|ZipFile)", name):
            yield from _dataset_class(name)
    for name in classes(archive, "pykeen/models/", r"ERModel|Model|EntityRelationEmbedding"):
        yield from _model(name)


@reader("gluonts")
def read_gluonts(archive: Archive) -> Iterator[Found]:
    """Repository dataset names and estimator classes (``DeepAREstimator`` -> DeepAR)."""
    for _, text in archive.texts("datasets.py", under="gluonts/dataset/repository/"):
        block = text.split("dataset_recipes = {", 1)[-1].split("\n}", 1)[0]
        for name in re.findall(r"^    \"([\w\-]+)\":", block, re.M):
            yield from _benchmark(name)
    for name in classes(archive, "gluonts/", r"Estimator"):
        if name.endswith("Estimator"):
            yield from _suffixed(name, "Estimator")


def _registered_envs(archive: Archive, under: str) -> Iterator[Found]:
    for _, text in archive.texts(".py", under=under):
        for env_id in re.findall(r"\bid=[\"'f]*([A-Za-z][\w/\-]*-v\d+)[\"']", text):
            if "{" not in env_id:
                found = env_spelling(env_id)
                if found is not None:
                    yield Found("BENCHMARK", found, env_id)


@reader("minigrid")
def read_minigrid(archive: Archive) -> Iterator[Found]:
    """Registered MiniGrid / BabyAI environment ids."""
    yield from _registered_envs(archive, "minigrid/")


@reader("gymnasium-robotics")
def read_gymnasium_robotics(archive: Archive) -> Iterator[Found]:
    """Registered robotics environment ids (Fetch, Shadow Hand, Maze, Adroit...)."""
    yield from _registered_envs(archive, "gymnasium_robotics/")


@reader("pettingzoo")
def read_pettingzoo(archive: Archive) -> Iterator[Found]:
    """Multi-agent environments (module ``boxing_v2`` -> Boxing)."""
    for path in archive.names():
        match = re.fullmatch(r"pettingzoo/(\w+)/(\w+?)_v\d+\.py", path)
        if match and match.group(1) in {"atari", "butterfly", "classic", "mpe", "sisl"}:
            env = match.group(2)
            words = _title_words(env)
            identifier = path.rsplit("/", 1)[1].removesuffix(".py")
            if can_be_name(env):
                yield Found("BENCHMARK", spelling(words, identifier), identifier)


@reader("diffusers")
def read_diffusers(archive: Archive) -> Iterator[Found]:
    """Checkpoint ids named in pipelines' code and docstrings."""
    yield from _hub_ids_of(archive, "diffusers/")


@reader("sentence-transformers")
def read_sentence_transformers(archive: Archive) -> Iterator[Found]:
    """Pretrained embedding and cross-encoder model names in code and docstrings."""
    seen: set[str] = set()
    for _, text in archive.texts(".py", ".md", under="sentence_transformers/"):
        seen.update(hub_ids(text))
        seen.update(re.findall(
            r"(?:SentenceTransformer|CrossEncoder|SparseEncoder)\(\s*[\"']([\w\-.]+)[\"']", text))
    for name in sorted(seen):
        if "/" in name:
            yield from _hub(name)
        else:
            yield from _model(name)


@reader("opencompass")
def read_opencompass(archive: Archive) -> Iterator[Found]:
    """Benchmark names: the dataset config folders."""
    names: set[str] = set()
    for path in archive.names():
        parts = path.split("/")
        if len(parts) > 4 and parts[:3] == ["opencompass", "configs", "datasets"]:
            names.add(parts[3])
    for name in sorted(names):
        if not name.startswith("_"):
            yield from _benchmark(name)


@reader("inspect-evals")
def read_inspect_evals(archive: Archive) -> Iterator[Found]:
    """Benchmark names: each eval's title (before its colon), the eval folder kept."""
    for path, text in archive.texts("eval.yaml", under="inspect_evals/"):
        folder = path.split("/")[-2]
        title = re.search(r"^title:\s*['\"]?([^'\"\n]+)", text, re.M)
        name = title.group(1).split(":")[0].strip() if title else ""
        if name and len(name.split()) <= 4 and can_be_name(name):
            extra = (folder,) if key(folder) == key(name) else ()
            yield Found("BENCHMARK", spelling(name, *extra), folder)
        else:
            yield from _benchmark(folder)


@reader("river")
def read_river(archive: Archive) -> Iterator[Found]:
    """Online learning models (classifiers, regressors, anomaly detectors, forecasters)."""
    for name in classes(archive, "river/", r"base\.(?:Classifier|Regressor|Clusterer|"
                        r"AnomalyDetector|Forecaster|MultiLabelClassifier)|anomaly\.base"):
        yield from _model(name)


@reader("monai")
def read_monai(archive: Archive) -> Iterator[Found]:
    """Medical imaging network classes (UNet, SwinUNETR, SegResNet...)."""
    for name in classes(archive, "monai/networks/nets/", r"Module|nn\.|Net|Model"):
        if not re.search(r"(?:Block|Layer|Encoder|Decoder|Head|Stem|Wrapper|Module)$", name):
            yield from _model(name)


@reader("openai")
def read_openai(archive: Archive) -> Iterator[Found]:
    """Model names of the API's model literals."""
    names: set[str] = set()
    for _, text in archive.texts(".py", under="openai/types/"):
        for literal in re.findall(r"Literal\[([^\]]+)\]", text, re.S):
            names.update(re.findall(r"\"((?:gpt|o\d|chatgpt|dall-e|whisper|tts|text-embedding|"
                                    r"codex|computer-use|sora|davinci|babbage)[\w\-.]*)\"",
                                    literal))
    for name in sorted(names):
        found = api_model_spelling(name)
        if found is not None:
            yield Found("MODEL", found, name)


@reader("nltk")
def read_nltk(archive: Archive) -> Iterator[Found]:
    """Corpus names of the lazy corpus loaders."""
    for _, text in archive.texts("__init__.py", under="nltk/corpus/"):
        for name in re.findall(r"LazyCorpusLoader\(\s*[\"']([\w\-.]+)[\"']", text):
            yield from _benchmark(name)


@reader("tsai")
def read_tsai(archive: Archive) -> Iterator[Found]:
    """Time-series model classes (InceptionTime, XceptionTime, TST...)."""
    for name in classes(archive, "tsai/models/", r"Module|nn\.|Sequential"):
        if not re.search(r"(?:Block|Layer|Module|Head|Backbone|Plus|_)$", name):
            yield from _model(name)


@reader("segmentation-models-pytorch")
def read_smp(archive: Archive) -> Iterator[Found]:
    """Segmentation architectures (Unet, FPN, DeepLabV3+...)."""
    for name in classes(archive, "segmentation_models_pytorch/decoders/", r"SegmentationModel"):
        yield from _model(name)


@reader("medmnist")
def read_medmnist(archive: Archive) -> Iterator[Found]:
    """MedMNIST datasets (``python_class`` of the INFO table)."""
    for _, text in archive.texts("info.py", under="medmnist/"):
        for name in re.findall(r"\"python_class\":\s*\"(\w+)\"", text):
            yield from _benchmark(name)


@reader("avalanche-lib")
def read_avalanche(archive: Archive) -> Iterator[Found]:
    """Continual-learning benchmarks (SplitMNIST, PermutedMNIST, CORe50...)."""
    for _, text in archive.texts(".py", under="avalanche/benchmarks/classic/"):
        for name in re.findall(r"^def ([A-Z]\w+)\(", text, re.M):
            yield from _benchmark(name)


@reader("fair-esm")
def read_esm(archive: Archive) -> Iterator[Found]:
    """Pretrained protein language models (``esm2_t33_650M_UR50D``...)."""
    for _, text in archive.texts("pretrained.py", under="esm/"):
        for name in re.findall(r"^def (esm\w+|msa\w+)\(", text, re.M):
            yield from _model(name)


@reader("pyannote.audio")
def read_pyannote(archive: Archive) -> Iterator[Found]:
    """Pretrained pipelines and models (pyannote/... ids)."""
    yield from _hub_ids_of(archive, "pyannote/", "pyannote/")


@reader("torchtext")
def read_torchtext(archive: Archive) -> Iterator[Found]:
    """Text datasets (the dataset functions)."""
    for _, text in archive.texts(".py", under="torchtext/datasets/"):
        for name in re.findall(r"^def ([A-Z][\w]+)\(", text, re.M):
            yield from _benchmark(name)


@reader("metaworld")
def read_metaworld(archive: Archive) -> Iterator[Found]:
    """Meta-World manipulation tasks (``sawyer_pick_place_v3.py`` -> pick-place-v3)."""
    for path in archive.names():
        match = re.fullmatch(r"metaworld/envs/(?:[\w/]+/)?sawyer_(\w+)_(v\d)\.py", path)
        if match:
            task = f"{match.group(1).replace('_', '-')}-{match.group(2)}"
            found = env_spelling(task)
            if found is not None:
                yield Found("BENCHMARK", found, task)


@reader("safety-gymnasium")
def read_safety_gymnasium(archive: Archive) -> Iterator[Found]:
    """Registered safe-RL environment ids."""
    yield from _registered_envs(archive, "safety_gymnasium/")
    for _, text in archive.texts("__init__.py", under="safety_gymnasium/"):
        for env_id in re.findall(r"[\"'](Safety\w+-v\d+)[\"']", text):
            found = env_spelling(env_id)
            if found is not None:
                yield Found("BENCHMARK", found, env_id)


@reader("mani-skill")
def read_mani_skill(archive: Archive) -> Iterator[Found]:
    """Registered manipulation task ids."""
    for _, text in archive.texts(".py", under="mani_skill/envs/"):
        for env_id in re.findall(r"register_env\(\s*[\"']([A-Za-z][\w\-]*-v\d+)[\"']", text):
            found = env_spelling(env_id)
            if found is not None:
                yield Found("BENCHMARK", found, env_id)


@reader("litgpt")
def read_litgpt(archive: Archive) -> Iterator[Found]:
    """Checkpoints of the model configs (``hf_config=dict(org=..., name=...)``)."""
    for _, text in archive.texts("config.py", under="litgpt/"):
        for org, name in re.findall(
                r"hf_config=dict\(\s*org=[\"']([\w.\-]+)[\"'],\s*name=[\"']([\w.\-{}]+)[\"']", text):
            if "{" not in name:
                yield from _hub(f"{org}/{name}")


@reader("xinference")
def read_xinference(archive: Archive) -> Iterator[Found]:
    """Model families (``model_name``) and checkpoint ids of the built-in model registry."""
    names: set[str] = set()
    ids: set[str] = set()
    for _, text in archive.texts(".json", under="xinference/model/"):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        ids.update(v for v in json_values(data, "model_id") if "{" not in v)
        names.update(json_values(data, "model_name"))
    for name in sorted(names):
        if re.search(r"[\d\-.]", name):
            yield from _model(name)
    for hub_id in sorted(ids):
        yield from _hub(hub_id)


@reader("fschat")
def read_fschat(archive: Archive) -> Iterator[Found]:
    """Models of the chatbot-arena registry (``register_model_info([...], "name", ...)``)."""
    for path, text in archive.texts("model_registry.py", under="fastchat/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for call in _calls(tree, "register_model_info"):
            if len(call.args) >= 2 and isinstance(call.args[0], ast.List):
                for element in call.args[0].elts:
                    if isinstance(element, ast.Constant) and isinstance(element.value, str):
                        value = element.value
                        if "/" in value:
                            yield from _hub(value)
                        else:
                            found = api_model_spelling(value)
                            if found is not None:
                                yield Found("MODEL", found, value)


@reader("anthropic")
def read_anthropic(archive: Archive) -> Iterator[Found]:
    """Claude model names of the SDK's model literals."""
    names: set[str] = set()
    for _, text in archive.texts(".py", under="anthropic/types/"):
        names.update(re.findall(r"\"(claude-[\w\-.@]+)\"", text))
    for name in sorted(names):
        found = api_model_spelling(name)
        if found is not None:
            yield Found("MODEL", found, name)


@reader("tasksource")
def read_tasksource(archive: Archive) -> Iterator[Found]:
    """Datasets of the task collection (``dataset_name=``), by their dataset name."""
    names: set[str] = set()
    for _, text in archive.texts(".py", under="tasksource/"):
        names.update(re.findall(r"dataset_name\s*=\s*[\"']([\w.\-/]+)[\"']", text))
    for dataset in sorted(names):
        name = dataset.rsplit("/", 1)[-1]
        found = dataset_spelling(name)
        if found is not None:
            yield Found("BENCHMARK", spelling(found.id, *found.patterns[1:], dataset), dataset)


@reader("sacrebleu")
def read_sacrebleu(archive: Archive) -> Iterator[Found]:
    """Machine translation test sets (keys of the DATASETS table)."""
    for _, text in archive.texts("__init__.py", under="sacrebleu/dataset/"):
        for name in re.findall(r"^    [\"']([\w/.\-]+)[\"']:\s*\w+\(", text, re.M):
            yield from _benchmark(name)


@reader("pmlb")
def read_pmlb(archive: Archive) -> Iterator[Found]:
    """Penn Machine Learning Benchmark dataset names (summary table)."""
    for _, text in archive.texts("all_summary_stats.tsv", under="pmlb/"):
        for line in text.splitlines()[1:]:
            name = line.split("\t", 1)[0]
            if name:
                yield from _benchmark(name)


@reader("dm-control")
def read_dm_control(archive: Archive) -> Iterator[Found]:
    """DeepMind Control Suite tasks (``cheetah-run``, also "Cheetah Run")."""
    for path, text in archive.texts(".py", under="dm_control/suite/"):
        domain = path.rsplit("/", 1)[1].removesuffix(".py")
        if "/" in path.removeprefix("dm_control/suite/") or domain.startswith("_"):
            continue
        for task in re.findall(r"@SUITE\.add\([^)]*\)\s*\ndef (\w+)\(", text):
            env = f"{domain}-{task}"
            words = f"{_title_words(domain)} {_title_words(task)}"
            if can_be_name(env):
                yield Found("BENCHMARK", spelling(env, f"{domain}_{task}", words), env)


@reader("dgl")
def read_dgl(archive: Archive) -> Iterator[Found]:
    """Graph dataset classes."""
    for name in classes(archive, "dgl/data/", r"Dataset"):
        if not re.match(r"(?:DGL|CSV|Builtin|Sub|Knowledge|Heterograph|Graph)(?:Builtin)?Dataset",
                        name):
            yield from _dataset_class(name)


@reader("bert-score")
def read_bert_score(archive: Archive) -> Iterator[Found]:
    """Models BERTScore has a tuned layer for (the ``model2layers`` table)."""
    for _, text in archive.texts("utils.py", under="bert_score/"):
        block = text.split("model2layers = {", 1)[-1].split("\n}", 1)[0]
        for name in re.findall(r"[\"']([\w/.\-]+)[\"']:\s*\d+", block):
            if "/" in name:
                yield from _hub(name)
            else:
                yield from _model(name)


@reader("textattack")
def read_textattack(archive: Archive) -> Iterator[Found]:
    """Fine-tuned victim models of the attack recipes (textattack/... ids)."""
    yield from _hub_ids_of(archive, "textattack/", "textattack/")


@reader("jumanji")
def read_jumanji(archive: Archive) -> Iterator[Found]:
    """Registered combinatorial environment ids."""
    yield from _registered_envs(archive, "jumanji/")


@reader("gymnax")
def read_gymnax(archive: Archive) -> Iterator[Found]:
    """Registered JAX environment ids (classic control, bsuite, MinAtar, misc)."""
    for _, text in archive.texts("registration.py", under="gymnax/"):
        for env_id in sorted(set(re.findall(r"[\"']([A-Z][A-Za-z0-9]*-[A-Za-z0-9\-]+)[\"']",
                                            text))):
            found = env_spelling(env_id)
            if found is not None:
                yield Found("BENCHMARK", found, env_id)


@reader("popgym")
def read_popgym(archive: Archive) -> Iterator[Found]:
    """Partially observable environments."""
    for _, text in archive.texts("__init__.py", under="popgym/envs/"):
        for env_id in sorted(set(re.findall(r"[\"']popgym-([A-Z][A-Za-z]+-v\d+)[\"']", text))):
            found = env_spelling(env_id)
            if found is not None:
                yield Found("BENCHMARK", found, env_id)


@reader("miniworld")
def read_miniworld(archive: Archive) -> Iterator[Found]:
    """Registered 3D navigation environment ids."""
    yield from _registered_envs(archive, "miniworld/")


@reader("mo-gymnasium")
def read_mo_gymnasium(archive: Archive) -> Iterator[Found]:
    """Registered multi-objective environment ids."""
    yield from _registered_envs(archive, "mo_gymnasium/")


@reader("datasetsforecast")
def read_datasetsforecast(archive: Archive) -> Iterator[Found]:
    """Forecasting benchmark datasets (M3, M4, M5, ETT, ECL, ILI, Weather...)."""
    for path, text in archive.texts(".py", under="datasetsforecast/"):
        for name in re.findall(r"@dataclass\s*\nclass (\w+)", text):
            if not name.endswith(("Info", "Dataset", "Config")) and name != "LongHorizon":
                yield from _benchmark(name)


@reader("unbabel-comet")
def read_comet(archive: Archive) -> Iterator[Found]:
    """COMET evaluation models (Unbabel/... ids)."""
    yield from _hub_ids_of(archive, "comet/", "Unbabel/")


@reader("pycocoevalcap")
def read_pycocoevalcap(archive: Archive) -> Iterator[Found]:
    """Captioning metrics (one folder each: bleu, meteor, rouge, cider, spice)."""
    folders = {p.split("/")[1] for p in archive.names()
               if p.startswith("pycocoevalcap/") and p.count("/") == 2 and p.endswith(".py")}
    for folder in sorted(folders):
        if folder not in {"tokenizer", "eval"} and can_be_name(folder):
            yield Found("METRIC", spelling(folder), folder)


@reader("lhotse")
def read_lhotse(archive: Archive) -> Iterator[Found]:
    """Speech corpora with a data preparation recipe (one module per corpus)."""
    for path in archive.names():
        match = re.fullmatch(r"lhotse/recipes/([a-z][\w]*)\.py", path)
        if match and match.group(1) not in {"utils", "__init__"}:
            yield from _benchmark(match.group(1))


@reader("PyTDC")
def read_tdc(archive: Archive) -> Iterator[Found]:
    """Therapeutics Data Commons datasets (keys of ``name2id``) and benchmark groups."""
    for path, text in archive.texts("metadata.py", under="tdc/"):
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in tree.body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                    and any(isinstance(t, ast.Name) and t.id in {"name2id", "benchmark_names"}
                            for t in node.targets)):
                for key_node in node.value.keys:
                    if (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)
                            and not re.search(r"(?:train|test|valid|val)[-_]?\d*$",
                                              key_node.value)):
                        yield from _benchmark(key_node.value)


@reader("anomalib")
def read_anomalib(archive: Archive) -> Iterator[Found]:
    """Anomaly detection models (one folder each) and anomaly detection datasets."""
    for path, text in archive.texts("lightning_model.py", under="anomalib/models/"):
        folder = path.split("/")[-2]
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and "Anomalib" in " ".join(
                    ast.unparse(b) for b in node.bases):
                if can_be_name(node.name):
                    yield Found("MODEL", spelling(node.name, folder), folder)
    for name in classes(archive, "anomalib/data/datasets/", r"AnomalibDataset|Dataset"):
        if not re.match(r"(?:Anomalib|Folder|Datumaro|Tabular|Video|Depth)", name):
            yield from _dataset_class(name)


@reader("earth2studio")
def read_earth2studio(archive: Archive) -> Iterator[Found]:
    """Weather and climate models (prognostic and diagnostic) and their data sources."""
    for area in ("earth2studio/models/px/", "earth2studio/models/dx/"):
        for name in classes(archive, area, r"PrognosticMixin|DiagnosticModel|AutoModelMixin"
                            r"|torch\.nn\.Module"):
            if not re.search(r"(?:Base|Mixin|Wrapper|Identity|Derived|Persistence)", name):
                yield from _model(name)
    for name in classes(archive, "earth2studio/data/", r"object|DataSource|Base|^$"):
        if re.fullmatch(r"[A-Z][A-Z0-9_]{2,}(?:[A-Z][a-z]+)?|[A-Z]+\d*[A-Z]+\d*", name):
            yield from _benchmark(name)


_PTV_FAMILIES = {"slowfast": "SlowFast", "x3d": "X3D", "i3d": "I3D", "c2d": "C2D",
                 "csn": "CSN", "slow": "Slow", "mvit": "MViT", "r2plus1d": "R(2+1)D",
                 "efficient": "X3D"}


@reader("pytorchvideo")
def read_pytorchvideo(archive: Archive) -> Iterator[Found]:
    """Video datasets (data functions) and the model zoo's builders."""
    for _, text in archive.texts(".py", under="pytorchvideo/data/"):
        for name in re.findall(r"^def ([A-Z]\w+)\(", text, re.M):
            yield from _benchmark(name)
    for _, text in archive.texts(".py", under="pytorchvideo/models/hub/"):
        for name in re.findall(r"^def ([a-z]\w+)\(", text, re.M):
            head, _, rest = name.partition("_")
            family = _PTV_FAMILIES.get(head)
            if family is None or not can_be_name(name):
                continue
            if re.fullmatch(r"xs|s|m|l", rest):
                yield Found("MODEL", spelling(f"{family}-{rest.upper()}", name), name)
            else:
                yield Found("MODEL", spelling(family, name), name)


@reader("openai-whisper")
def read_whisper(archive: Archive) -> Iterator[Found]:
    """Whisper checkpoints (``_MODELS``: tiny.en ... large-v3, turbo)."""
    for _, text in archive.texts("__init__.py", under="whisper/"):
        block = text.split("_MODELS = {", 1)[-1].split("\n}", 1)[0]
        for size in re.findall(r"^\s+[\"']([\w.\-]+)[\"']:", block, re.M):
            yield Found("MODEL", spelling(f"Whisper {size}", f"Whisper-{size}",
                                          f"whisper-{size}"), size)


@reader("rank-bm25")
def read_rank_bm25(archive: Archive) -> Iterator[Found]:
    """Lexical retrieval baselines (BM25Okapi, BM25L, BM25Plus)."""
    for name in classes(archive, "rank_bm25", r"BM25"):
        yield from _model(name)


def _hub_reader(under: str, org: str) -> Reader:
    def read(archive: Archive) -> Iterator[Found]:
        yield from _hub_ids_of(archive, under, org)

    read.__doc__ = f"Checkpoint ids ({org or 'any org'}) named in the code under ``{under}``."
    return read


# The org keeps out the datasets these packages also name (BeIR/msmarco...).
for _name, _under, _org in (("FlagEmbedding", "FlagEmbedding/", "BAAI/"),
                            ("rerankers", "rerankers/", ""),
                            ("uni2ts", "uni2ts/", "Salesforce/"),
                            ("chronos-forecasting", "chronos/", "amazon/"),
                            ("audiocraft", "audiocraft/", "facebook/")):
    READERS[_name] = _hub_reader(_under, _org)


@reader("evalscope")
def read_evalscope(archive: Archive) -> Iterator[Found]:
    """Benchmarks registered with a display name (``BenchmarkMeta(name=, pretty_name=)``)."""
    for path, text in archive.texts(".py", under="evalscope/benchmarks/"):
        if "pretty_name" not in text:
            continue
        tree = _parse(path, text)
        if tree is None:
            continue
        for call in _calls(tree, "BenchmarkMeta"):
            name, pretty = _keyword(call, "name"), _keyword(call, "pretty_name")
            if name and pretty and can_be_name(pretty) and len(pretty) <= 40:
                extra = (name,) if can_be_name(name) else ()
                yield Found("BENCHMARK", spelling(pretty, *extra), name)


@reader("lmms-eval")
def read_lmms_eval(archive: Archive) -> Iterator[Found]:
    """Multimodal benchmarks: task folders and task names that are not variants."""
    folders = sorted({p.split("/")[2] for p in archive.names()
                      if p.startswith("lmms_eval/tasks/") and p.count("/") >= 3})
    for folder in folders:
        if not folder.startswith("_"):
            yield from _benchmark(folder)
    names: set[str] = set()
    for _, text in archive.texts(".yaml", under="lmms_eval/tasks/"):
        names.update(m.group(2) for m in _YAML_NAME.finditer(text))
    for name in sorted(names - set(folders)):
        found = dataset_spelling(name)
        if found is not None and not is_task_variant(name) and (
                "_" not in name or found.id != name):
            yield Found("BENCHMARK", found, name)


@reader("paddlenlp")
def read_paddlenlp(archive: Archive) -> Iterator[Found]:
    """Dataset modules of paddlenlp.datasets (Chinese and English NLP datasets)."""
    for path in archive.names():
        match = re.fullmatch(r"paddlenlp/datasets/([a-z][\w]*)\.py", path)
        if match and match.group(1) not in {"dataset", "utils"}:
            yield from _benchmark(match.group(1))


@reader("wilds")
def read_wilds(archive: Archive) -> Iterator[Found]:
    """WILDS distribution-shift datasets (``supported_datasets``)."""
    for _, text in archive.texts("__init__.py", under="wilds/"):
        for block in re.findall(r"^(?:benchmark|additional)_datasets = \[(.*?)\]", text,
                                re.M | re.S):
            for name in re.findall(r"[\"']([\w\-]+)[\"']", block):
                yield from _benchmark(name)


@reader("flair")
def read_flair(archive: Archive) -> Iterator[Found]:
    """NLP corpora of flair.datasets (NER, UD treebanks, classification, entity linking)."""
    for name in classes(archive, "flair/datasets/", r"Corpus|Dataset|HUNER|BIGBIO|UD_|CONLL",
                        skip=r"^_|Base|Mixin|Config|Test|Mock|Dummy|Fake|Abstract|^BIGBIO"):
        # HUNER_* / BIOBERT_* are flair's per-entity re-splits of corpora listed elsewhere
        if re.fullmatch(r"[A-Z][A-Z0-9_]+", name) and not name.startswith(
                ("HUNER_", "BIOBERT_", "BIGBIO_")):
            yield from _benchmark(name)


@reader("dm-meltingpot")
def read_meltingpot(archive: Archive) -> Iterator[Found]:
    """Melting Pot substrates (one config module each)."""
    for path in archive.names():
        match = re.search(r"meltingpot/configs/substrates/([a-z]\w+)\.py$", path)
        if match:
            yield from _benchmark(match.group(1))


@reader("imbalanced-learn")
def read_imblearn(archive: Archive) -> Iterator[Found]:
    """Imbalanced benchmark datasets (``fetch_datasets`` names)."""
    for _, text in archive.texts("_zenodo.py", under="imblearn/datasets/"):
        block = text.split("MAP_NAME_ID_KEYS = [", 1)[-1].split("]", 1)[0]
        for name in re.findall(r"[\"']([\w\-]+)[\"']", block):
            yield from _benchmark(name)


@reader("highway-env")
def read_highway_env(archive: Archive) -> Iterator[Found]:
    """Registered autonomous driving environment ids (highway, merge, roundabout...)."""
    yield from _registered_envs(archive, "highway_env/")


@reader("browsergym-miniwob")
def read_miniwob(archive: Archive) -> Iterator[Found]:
    """MiniWoB++ web tasks (``subdomain`` of each task class), browsergym id kept."""
    for _, text in archive.texts("all.py", under="browsergym/miniwob/"):
        for task in re.findall(r"subdomain = [\"']([\w\-]+)[\"']", text):
            if can_be_name(task):
                yield Found("BENCHMARK", spelling(task, f"miniwob.{task}"), task)


@reader("libero")
def read_libero(archive: Archive) -> Iterator[Found]:
    """LIBERO task suites (``libero_goal`` -> LIBERO-Goal)."""
    suites = {m.group(1) for p in archive.names()
              if (m := re.search(r"bddl_files/(libero_\w+)/", p))}
    for suite in sorted(suites):
        display = "LIBERO-" + suite.removeprefix("libero_").capitalize()
        yield Found("BENCHMARK", spelling(display, suite), suite)


@reader("robosuite")
def read_robosuite(archive: Archive) -> Iterator[Found]:
    """Manipulation tasks (environment classes: Lift, NutAssembly, TwoArmTransport...)."""
    for name in classes(archive, "robosuite/environments/manipulation/",
                        r"ManipulationEnv|TwoArmEnv|SingleArmEnv"):
        if not name.endswith("Env") and not re.match(r"(?:Two|Single)ArmEnv|Manipulation", name):
            yield from _benchmark(name)


@reader("scikit-learn")
def read_sklearn(archive: Archive) -> Iterator[Found]:
    """Datasets of sklearn.datasets (``fetch_covtype`` -> covtype, ``load_iris`` -> iris)."""
    for _, text in archive.texts(".py", under="sklearn/datasets/"):
        for name in re.findall(r"^def (?:fetch|load)_(\w+)\(", text, re.M):
            if name not in {"files", "svmlight_file", "svmlight_files", "sample_image",
                            "sample_images", "openml", "file", "csv_data", "descr",
                            "gzip_compressed_csv_data", "arff_from_gzip_file", "files_root"}:
                yield from _benchmark(name)


@reader("statsmodels")
def read_statsmodels(archive: Archive) -> Iterator[Found]:
    """Datasets shipped by statsmodels (one folder each)."""
    folders = {m.group(1) for p in archive.names()
               if (m := re.fullmatch(r"statsmodels/datasets/([a-z]\w+)/data\.py", p))}
    for name in sorted(folders):
        yield from _benchmark(name)


# ---------------------------------------------------------------------- metrics


def _metric(name: str, *extra: str, identifier: str = "") -> Iterator[Found]:
    if can_be_name(name):
        yield Found("METRIC", spelling(name, *extra), identifier or name)


@reader("torchmetrics")
def read_torchmetrics(archive: Archive) -> Iterator[Found]:
    """Metric classes: their words ("Structural Similarity Index Measure") and acronym."""
    for path, text in archive.texts(".py", under="torchmetrics/"):
        if "/functional/" in path or "/utilities/" in path or "/wrappers/" in path:
            continue
        tree = _parse(path, text)
        if tree is None:
            continue
        for node in tree.body:
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue
            bases = " ".join(ast.unparse(b) for b in node.bases)
            if "Metric" not in bases or re.search(r"Base|Abstract|Wrapper", node.name):
                continue
            words = camel_words(re.sub(r"^(?:Binary|Multiclass|Multilabel)", "", node.name))
            doc = ast.get_docstring(node) or ""
            acronym = re.search(r"\(`?([A-Z][A-Za-z0-9\-]{1,12})_?`?\)", doc.split("\n\n")[0])
            if acronym and re.fullmatch(r"[A-Za-z]?[A-Z0-9\-]{2,12}", acronym.group(1)):
                yield from _metric(acronym.group(1), words, identifier=node.name)
            else:
                yield from _metric(words, identifier=node.name)


@reader("jiwer")
def read_jiwer(archive: Archive) -> Iterator[Found]:
    """Speech recognition error rates (``wer``, ``cer``, ``mer``, ``wil``, ``wip``)."""
    for _, text in archive.texts("measures.py", under="jiwer/"):
        for name in re.findall(r"^def (\w+)\(", text, re.MULTILINE):
            if not name.startswith("_") and len(name) == 3:
                yield from _metric(name.upper(), identifier=name)


@reader("evaluate")
def read_evaluate(archive: Archive) -> Iterator[Found]:
    """Metric names the library's code and docs load by name (``evaluate.load("bleu")``)."""
    for _, text in archive.texts(".py", ".md", under="evaluate"):
        for name in re.findall(r"evaluate\.load\(\s*[\"']([a-z][\w\-]+)[\"']", text):
            yield from _metric(name)


# --------------------------------------------------------------------------- helpers


def json_values(data: object, field: str) -> Iterator[str]:
    """String values of ``field`` anywhere in a parsed JSON document.

    >>> list(json_values({"a": [{"model_id": "x/y"}, {"model_id": 3}]}, "model_id"))
    ['x/y']
    """
    yield from json_names(json.dumps(data), field)


def json_names(text: str, field: str) -> Iterator[str]:
    """Values of ``field`` anywhere in a JSON document."""
    def walk(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == field and isinstance(v, str):
                    yield v
                else:
                    yield from walk(v)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(json.loads(text))


__all__ = ["READERS", "Found", "camel_words"]
