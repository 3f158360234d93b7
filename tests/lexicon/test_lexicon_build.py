"""The build on a small wheel made here: static reading, provenance, byte-identical reruns."""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractor.lexicon.build._archive import Archive, find_cached
from extractor.lexicon.build._lexicon import Entry, Source, deduplicate, write_files
from extractor.lexicon.build._main import entries_of, respell

TIMM_MODULE = """
from ._registry import register_model, generate_default_cfgs

default_cfgs = generate_default_cfgs({
    "resnet50.a1_in1k": _cfg(hf_hub_id="timm/"),
    "vit_base_patch16_224.augreg2_in21k_ft_in1k": _cfg(hf_hub_id="timm/"),
    "vit_base_patch16_clip_224.openai": _cfg(hf_hub_id="openai/clip-vit-base-patch16"),
})


@register_model
def resnet50(pretrained=False, **kwargs):
    raise RuntimeError("never imported by the build")


@register_model
def vit_base_patch16_224(pretrained=False, **kwargs):
    raise RuntimeError("never imported by the build")


@register_model
def test_vit(pretrained=False, **kwargs):
    raise RuntimeError("internal test model")
"""
METADATA = "Metadata-Version: 2.1\nName: timm\nVersion: 9.9.9\nLicense: Apache-2.0\n\n"
ZIPF = {"atlas": 3.5}.get


def _wheel(folder: Path) -> Path:
    path = folder / "timm-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("timm/models/resnet.py", TIMM_MODULE)
        wheel.writestr("timm-9.9.9.dist-info/METADATA", METADATA)
    return path


def _build(cache: Path, out: Path) -> list[Entry]:
    path = find_cached(cache, "timm", "9.9.9")
    assert path is not None
    archive = Archive(path)
    source = Source("timm", "9.9.9", "architectures", "timm", archive.licence())
    entries = deduplicate(entries_of(source, archive, lambda w: ZIPF(w, 0.0), {}))
    write_files(out, entries, [source], {})
    return entries


def test_wheel_read_statically_with_provenance(tmp_path: Path) -> None:
    _wheel(tmp_path)
    entries = _build(tmp_path, tmp_path / "out")
    by_pattern = {e.pattern: e for e in entries}
    assert by_pattern["ResNet-50"].id == "ResNet-50"
    assert by_pattern["resnet50.a1_in1k"].id == "ResNet-50"
    assert by_pattern["ViT-B/16"].identifier == "vit_base_patch16_224"
    assert by_pattern["openai/clip-vit-base-patch16"].id == "clip-vit-base-patch16"
    assert not any("test_vit" in e.pattern for e in entries)
    assert {(e.package, e.version, e.license) for e in entries} == {("timm", "9.9.9", "Apache-2.0")}


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    _wheel(tmp_path)
    _build(tmp_path, tmp_path / "first")
    _build(tmp_path, tmp_path / "second")
    for name in ("models.jsonl", "benchmarks.jsonl", "metrics.jsonl", "MANIFEST.json"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    assert (tmp_path / "first" / "models.jsonl").read_text(encoding="utf-8").count("\n") > 5


def test_curated_spelling_used_only_for_bare_identifiers() -> None:
    from extractor.lexicon.build._readers import Found
    from extractor.lexicon.build._spell import spelling

    curated = {
        ("BENCHMARK", "hellaswag"): ("HellaSwag", "HellaSwag"),
        ("MODEL", "convnextt"): ("ConvNeXt", "ConvNeXt-T"),
        ("MODEL", "llama27b"): ("Llama 2 7B", "Llama-2-7B"),
    }
    bare = respell(Found("BENCHMARK", spelling("hellaswag"), "hellaswag"), curated)
    assert (bare.spelling.id, bare.spelling.patterns) == ("HellaSwag", ("HellaSwag", "hellaswag"))
    sized = respell(
        Found("MODEL", spelling("ConvNeXt-T", "convnext_tiny"), "convnext_tiny"), curated
    )
    assert sized.spelling.id == "ConvNeXt-T"  # the curated id is coarser: ours stays
    same = respell(
        Found(
            "MODEL", spelling("Llama-2-7b", "meta-llama/Llama-2-7b-hf"), "meta-llama/Llama-2-7b-hf"
        ),
        curated,
    )
    assert same.spelling.id == "Llama 2 7B"
    assert "meta-llama/Llama-2-7b-hf" in same.spelling.patterns
