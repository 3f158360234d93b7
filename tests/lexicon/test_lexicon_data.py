"""The committed registry lexicon files: format, order, provenance, manifest, known names."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from extractor.lexicon.build._lexicon import FILES, Entry, deduplicate, write_files

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "extractor" / "lexicon" / "data" / "registry"
SOURCES = ROOT / "extractor" / "lexicon" / "build" / "sources.toml"
KEYS = ["label", "pattern", "id", "common_word", "source"]
SOURCE_KEYS = ["package", "version", "license", "identifier"]


def _lines(name: str) -> list[str]:
    return (REGISTRY / name).read_text(encoding="utf-8").splitlines()


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REGISTRY / "MANIFEST.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def entries() -> dict[str, list[Entry]]:
    return {
        label: [Entry.from_json(line) for line in _lines(name)] for label, name in FILES.items()
    }


@pytest.mark.parametrize(("label", "name"), list(FILES.items()))
def test_lines_have_the_agreed_keys_in_order(label: str, name: str) -> None:
    pins = {
        s["package"]: s["version"]
        for s in tomllib.loads(SOURCES.read_text(encoding="utf-8"))["source"]
    }
    for number, line in enumerate(_lines(name), 1):
        data = json.loads(line)
        assert list(data) == KEYS, f"{name}:{number}"
        assert list(data["source"]) == SOURCE_KEYS, f"{name}:{number}"
        assert data["label"] == label, f"{name}:{number}"
        assert isinstance(data["common_word"], bool), f"{name}:{number}"
        source = data["source"]
        assert pins.get(source["package"]) == source["version"], f"{name}:{number}"
        assert source["license"] and source["identifier"], f"{name}:{number}"
        pattern = data["pattern"]
        assert len(pattern) >= 3 and pattern == pattern.strip(), f"{name}:{number}"
        assert " ".join(pattern.split()) == pattern, f"{name}:{number}"
        assert any(ch.isalpha() for ch in pattern), f"{name}:{number}"
        assert len(data["id"]) >= 3, f"{name}:{number}"


@pytest.mark.parametrize("label", list(FILES))
def test_sorted_and_unique(entries: dict[str, list[Entry]], label: str) -> None:
    lines = entries[label]
    assert lines == deduplicate(lines)


def test_rewriting_the_entries_gives_the_same_bytes(
    tmp_path: Path, entries: dict[str, list[Entry]]
) -> None:
    manifest = _manifest()
    everything = [e for label in FILES for e in entries[label]]
    extra = {
        k: v
        for k, v in manifest.items()
        if k not in {"format", "files", "sources", "totals", "pattern_clashes"}
    }
    from extractor.lexicon.build._lexicon import Source

    sources = [
        Source(s["package"], s["version"], s["contributes"], s["package"], s["license"])
        for s in manifest["sources"]
    ]
    write_files(tmp_path, everything, sources, extra)
    for name in [*FILES.values(), "MANIFEST.json"]:
        assert (tmp_path / name).read_bytes() == (REGISTRY / name).read_bytes(), name


def test_manifest_hashes_and_counts_match_the_files() -> None:
    manifest = _manifest()
    for name in FILES.values():
        data = (REGISTRY / name).read_bytes()
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert manifest["files"][name]["lines"] == len(data.splitlines())


def test_manifest_lists_every_pinned_source_with_its_licence() -> None:
    pinned = tomllib.loads(SOURCES.read_text(encoding="utf-8"))["source"]
    listed = {s["package"]: s for s in _manifest()["sources"]}
    for source in pinned:
        entry = listed[source["package"]]
        assert entry["version"] == source["version"]
        assert entry["license"] and entry["license"] != "UNKNOWN"


def test_every_id_is_spelled_by_one_of_its_patterns(entries: dict[str, list[Entry]]) -> None:
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for label in FILES:
        for entry in entries[label]:
            patterns[(label, entry.id)].add(entry.pattern)
    missing = [k for k, v in patterns.items() if k[1] not in v]
    assert not missing[:20]


KNOWN = [
    ("MODEL", "ResNet-50", "ResNet-50"),
    ("MODEL", "ResNet-50", "resnet50"),
    ("MODEL", "ViT-B/16", "ViT-B/16"),
    ("MODEL", "ViT-B/16", "vit_base_patch16_224"),
    ("MODEL", "ConvNeXt-T", "ConvNeXt-Tiny"),
    ("MODEL", "Llama 2 7B", "meta-llama/Llama-2-7b-hf"),
    ("MODEL", "EfficientNet-B0", "EfficientNet-B0"),
    ("MODEL", "Swin-T", "Swin-T"),
    ("BENCHMARK", "ImageNet", "ImageNet"),
    ("BENCHMARK", "CIFAR-10", "CIFAR-10"),
]


@pytest.mark.parametrize(("label", "id_", "pattern"), KNOWN, ids=[k[2] for k in KNOWN])
def test_known_names_present(
    entries: dict[str, list[Entry]], label: str, id_: str, pattern: str
) -> None:
    assert any(e.id == id_ and e.pattern == pattern for e in entries[label])


def test_ordinary_words_flagged(entries: dict[str, list[Entry]]) -> None:
    flagged = {e.pattern for label in FILES for e in entries[label] if e.common_word}
    names = {e.pattern for label in FILES for e in entries[label] if not e.common_word}
    assert "ResNet-50" in names and "ImageNet" in names
    assert flagged, "no ordinary word flagged at all"


def test_a_bare_identifier_is_not_its_own_id_when_spelled_elsewhere(
    entries: dict[str, list[Entry]],
) -> None:
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for label in FILES:
        for entry in entries[label]:
            ids[(label, entry.pattern)].add(entry.id)
            patterns[(label, entry.id)].add(entry.pattern)
    clashes = [
        (k, v)
        for k, v in ids.items()
        if len(v) > 1 and k[1] in v and patterns[(k[0], k[1])] == {k[1]}
    ]
    assert not clashes[:10]


def test_sources_md_matches_the_manifest() -> None:
    from extractor.lexicon.build._sources_md import sources_md

    written = (REGISTRY / "SOURCES.md").read_text(encoding="utf-8")
    assert written == sources_md(_manifest())
    assert "ViT-B/16" in written and "timm" in written
