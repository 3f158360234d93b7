"""One reader per source package: archive -> (label, spelling, original identifier).

Readers parse the package's files statically (``ast`` for Python, ``json``/``tomllib``,
regexes for YAML and docstrings); nothing here imports the package it reads.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ._archive import Archive
from ._spell import (
    Spelling,
    camel_words,
    dataset_spelling,
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
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "hf_hub_id":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    if not value.value.startswith("timm/"):
                        yield from _hub(value.value)


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
    from ._spell import can_be_name

    if can_be_name(display):
        yield Found("MODEL", spelling(display), identifier)


# --------------------------------------------------------------------------- helpers


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
