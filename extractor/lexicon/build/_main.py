"""Read every pinned source, convert its identifiers, write the registry files."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._archive import Archive, download
from ._common import (
    THRESHOLD,
    VERY_FREQUENT,
    dictionary_words,
    is_common_word,
    wordfreq_zipf,
)
from ._lexicon import (
    FILES,
    Entry,
    Source,
    deduplicate,
    merge_respelt_ids,
    prefer_display_ids,
    write_files,
)
from ._readers import READERS, Found
from ._sources_md import sources_md
from ._spell import can_be_name, key, spelling

ROOT = Path(__file__).resolve().parents[3]
SOURCES = Path(__file__).with_name("sources.toml")
OUT = ROOT / "extractor" / "lexicon" / "data" / "registry"
CURATED = ROOT / "extractor" / "data"


def load_sources(path: Path = SOURCES) -> tuple[list[Source], dict[str, str]]:
    """The pinned sources and the pinned build helpers (``[helpers]``)."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    sources = [
        Source(s["package"], s["version"], s["contributes"], s.get("reader", s["package"]))
        for s in config["source"]
    ]
    return sources, dict(config.get("helpers", {}))


def curated_spellings(folder: Path = CURATED) -> dict[tuple[str, str], tuple[str, str]]:
    """(label, key(pattern)) -> (id, pattern) of the hand-curated gazetteers, where unique.

    Used only to spell an identifier the way the curated lists already do
    ("hellaswag" -> "HellaSwag"); the entry's provenance stays the registry package.
    """
    seen: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for name in ("models.jsonl", "benchmarks.jsonl", "metrics.jsonl"):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                seen.setdefault((data["label"], key(data["pattern"])), set()).add(
                    (data["id"], data["pattern"]))
    return {k: min(v) for k, v in seen.items() if len({i for i, _ in v}) == 1}


def respell(found: Found, curated: dict[tuple[str, str], tuple[str, str]]) -> Found:
    """Spell like the curated gazetteers: their id when it only respells ours
    ("Llama-2-7b" -> "Llama 2 7B"), their id and pattern when we found no spelling."""
    hit = curated.get((found.label, key(found.spelling.id)))
    if hit is not None and key(hit[0]) != key(found.spelling.id):
        hit = None  # a coarser curated id ("ConvNeXt" for "ConvNeXt-T"): keep ours
    code_like = found.identifier == found.identifier.lower() or "_" in found.identifier
    if hit is None and found.spelling.id == found.identifier and code_like:
        hit = curated.get((found.label, key(found.identifier)))
    if hit is None or hit[0] == found.spelling.id:
        return found
    id_, pattern = hit
    return Found(found.label, spelling(id_, pattern, *found.spelling.patterns),
                 found.identifier)


def entries_of(source: Source, archive: Archive, zipf: Callable[[str], float],
               curated: dict[tuple[str, str], tuple[str, str]],
               in_dictionary: Callable[[str], bool] = lambda word: True) -> Iterator[Entry]:
    for found in READERS[source.reader](archive):
        found = respell(found, curated)
        if not can_be_name(found.spelling.id):
            continue
        for pattern in found.spelling.patterns:
            if can_be_name(pattern):
                yield Entry(found.label, found.spelling.id, pattern, source.package,
                            found.identifier, source.version, source.license,
                            is_common_word(pattern, zipf, in_dictionary))


def read_existing(out: Path) -> list[Entry]:
    entries: list[Entry] = []
    for name in FILES.values():
        path = out / name
        if path.exists():
            entries += [Entry.from_json(line) for line in
                        path.read_text(encoding="utf-8").splitlines() if line]
    return entries


def file_digest(paths: Iterable[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.exists()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.lexicon.build",
                                     description=__doc__)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "extractor-lexicon",
                        help="where pip downloads the pinned packages (not committed)")
    parser.add_argument("--only", action="append", default=[], metavar="PACKAGE",
                        help="rebuild only this source (repeatable); others kept as written")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)

    sources, helpers = load_sources()
    zipf, wordfreq_version = wordfreq_zipf()
    in_dictionary, dictionary_version = dictionary_words()
    for helper, installed in (("wordfreq", wordfreq_version),
                              ("english-words", dictionary_version)):
        if helpers.get(helper) and helpers[helper] != installed:
            print(f"{helper} {installed} installed, sources.toml pins {helpers[helper]}: "
                  "common_word flags may differ", file=sys.stderr)
    unknown = set(args.only) - {s.package for s in sources}
    if unknown:
        parser.error(f"not in sources.toml: {', '.join(sorted(unknown))}")
    curated = curated_spellings()
    entries: list[Entry] = []
    if args.only:
        entries = [e for e in read_existing(args.out) if e.package not in args.only]
    done: list[Source] = []
    known = _manifest_licences(args.out) if args.only else {}
    for source in sources:
        if args.only and source.package not in args.only:
            licence = known.get((source.package, source.version))
            done.append(Source(source.package, source.version, source.contributes,
                               source.reader, licence) if licence
                        else _licensed(source, args.cache))
            continue
        path = download(args.cache, source.package, source.version)
        archive = Archive(path)
        source = Source(source.package, source.version, source.contributes, source.reader,
                        archive.licence())
        new = list(entries_of(source, archive, zipf, curated, in_dictionary))
        print(f"{source.package} {source.version}: {len(new)} lines", file=sys.stderr)
        entries += new
        done.append(source)
    entries = prefer_display_ids(merge_respelt_ids(deduplicate(entries), key))
    manifest = write_files(args.out, entries, done, {
        "common_word": {"wordfreq": wordfreq_version, "zipf_threshold": THRESHOLD,
                        "english-words": dictionary_version,
                        "very_frequent": VERY_FREQUENT,
                        "rule": "every word frequent and a lowercase dictionary entry "
                                "(singular forms tried), or very frequent"},
        "spellings_from_curated": file_digest(
            CURATED / n for n in ("models.jsonl", "benchmarks.jsonl", "metrics.jsonl")),
    })
    (args.out / "SOURCES.md").write_text(sources_md(manifest), encoding="utf-8")
    for name, info in manifest["files"].items():
        print(f"{name}: {info['lines']} lines", file=sys.stderr)
    return 0


def _licensed(source: Source, cache: Path) -> Source:
    path = download(cache, source.package, source.version)
    return Source(source.package, source.version, source.contributes, source.reader,
                  Archive(path).licence())


def _manifest_licences(out: Path) -> dict[tuple[str, str], str]:
    """(package, version) -> licence of the manifest already written in ``out``."""
    path = out / "MANIFEST.json"
    if not path.exists():
        return {}
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return {(s["package"], s["version"]): s["license"] for s in manifest.get("sources", [])}
