"""Registry entries: one name, one spelling, one source; sorted JSONL and the manifest."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

Label = Literal["MODEL", "BENCHMARK", "METRIC"]
FILES: dict[str, str] = {
    "MODEL": "models.jsonl", "BENCHMARK": "benchmarks.jsonl", "METRIC": "metrics.jsonl",
}


@dataclass(frozen=True)
class Source:
    """One pinned package and what it contributes."""

    package: str
    version: str
    contributes: str
    reader: str
    license: str = ""


@dataclass(frozen=True, order=True)
class Entry:
    """One line of a registry file; field order is the sort order of the files."""

    label: str
    id: str
    pattern: str
    package: str
    identifier: str
    version: str
    license: str
    common_word: bool

    def to_json(self) -> str:
        """The line as the agreed format spells it (keys in a fixed order).

        >>> Entry("MODEL", "ResNet-50", "ResNet50", "timm", "resnet50", "1.0", "MIT",
        ...       False).to_json()  # doctest: +NORMALIZE_WHITESPACE
        '{"label": "MODEL", "pattern": "ResNet50", "id": "ResNet-50", "common_word": false,
          "source": {"package": "timm", "version": "1.0", "license": "MIT",
          "identifier": "resnet50"}}'
        """
        return json.dumps({
            "label": self.label, "pattern": self.pattern, "id": self.id,
            "common_word": self.common_word,
            "source": {"package": self.package, "version": self.version,
                       "license": self.license, "identifier": self.identifier},
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Entry:
        data = json.loads(line)
        source = data["source"]
        return cls(data["label"], data["id"], data["pattern"], source["package"],
                   source["identifier"], source["version"], source["license"],
                   data["common_word"])


def deduplicate(entries: Iterable[Entry]) -> list[Entry]:
    """Sorted entries, one per (label, id, pattern, package): the first identifier wins.

    >>> a = Entry("MODEL", "ResNet-50", "ResNet-50", "timm", "resnet50", "1", "MIT", False)
    >>> b = Entry("MODEL", "ResNet-50", "ResNet-50", "timm", "resnet50d", "1", "MIT", False)
    >>> [e.identifier for e in deduplicate([b, a, b])]
    ['resnet50']
    """
    kept: dict[tuple[str, str, str, str], Entry] = {}
    for entry in sorted(set(entries)):
        kept.setdefault((entry.label, entry.id, entry.pattern, entry.package), entry)
    return sorted(kept.values())


def prefer_display_ids(entries: list[Entry]) -> list[Entry]:
    """Drop a bare identifier's own id where the same pattern has a display id.

    When one source keeps "cabbq" as its own id (and no other spelling of it) and another
    spells it "CaBBQ", the pattern "cabbq" names one thing: the bare id's line goes.

    >>> a = Entry("BENCHMARK", "CaBBQ", "cabbq", "lm-eval", "cabbq", "1", "MIT", False)
    >>> b = Entry("BENCHMARK", "cabbq", "cabbq", "lm-eval", "cabbq_x", "1", "MIT", False)
    >>> [e.id for e in prefer_display_ids([a, b])]
    ['CaBBQ']
    """
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries:
        ids[(entry.label, entry.pattern)].add(entry.id)
        patterns[(entry.label, entry.id)].add(entry.pattern)
    return [e for e in entries if not (
        e.id == e.pattern and len(ids[(e.label, e.pattern)]) > 1
        and patterns[(e.label, e.id)] == {e.pattern})]


def merge_respelt_ids(entries: list[Entry], key: Callable[[str], str]) -> list[Entry]:
    """One id for ids that are the same name respelt and share a pattern.

    "deepseek-coder-33b-instruct" (a hub id kept as it is) and "DeepSeek-coder-33b-instruct"
    (the brand-cased API name) share the pattern "deepseek-coder-33b-instruct": the lines of
    the all-lowercase id move to the cased one. Ids that only look alike ("Blink", "BLINK")
    but share no pattern stay apart.

    >>> k = lambda t: t.lower().replace("-", "")
    >>> a = Entry("MODEL", "deepseek-x-7b", "deepseek-x-7b", "p", "deepseek-x-7b", "1", "M", False)
    >>> b = Entry("MODEL", "DeepSeek-x-7b", "deepseek-x-7b", "q", "deepseek-x-7b", "1", "M", False)
    >>> sorted({e.id for e in merge_respelt_ids([a, b], k)})
    ['DeepSeek-x-7b']
    """
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries:
        ids[(entry.label, entry.pattern)].add(entry.id)
    target: dict[tuple[str, str], str] = {}
    for (label, _), group in sorted(ids.items()):
        by_key: dict[str, list[str]] = defaultdict(list)
        for id_ in sorted(group):
            by_key[key(id_)].append(id_)
        for same in by_key.values():
            if len(same) > 1:
                keep = min(same, key=lambda i: (i == i.lower(), i))
                for id_ in same:
                    if id_ != keep:
                        target.setdefault((label, id_), keep)
    moved = [replace(e, id=target.get((e.label, e.id), e.id)) for e in entries]
    return deduplicate(moved)


def write_files(out: Path, entries: list[Entry], sources: list[Source],
                extra: dict[str, Any]) -> dict[str, Any]:
    """Write the three JSONL files and MANIFEST.json into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Any] = {}
    for label, name in FILES.items():
        lines = [e.to_json() + "\n" for e in entries if e.label == label]
        data = "".join(lines).encode("utf-8")
        (out / name).write_bytes(data)
        files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "lines": len(lines)}
    manifest = {
        "format": "one JSON object a line: label, pattern, id, common_word, source",
        "files": files,
        "sources": [source_summary(s, entries) for s in sources],
        "totals": counts(entries),
        "pattern_clashes": clashes(entries),
        **extra,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    (out / "MANIFEST.json").write_text(text, encoding="utf-8")
    return manifest


def counts(entries: Iterable[Entry]) -> dict[str, dict[str, int]]:
    """Per label: lines, distinct ids, distinct patterns, common-word lines.

    >>> e = Entry("MODEL", "A-1", "A-1", "p", "a1", "1", "MIT", False)
    >>> counts([e, Entry("MODEL", "A-1", "A1", "p", "a1", "1", "MIT", True)])
    {'MODEL': {'lines': 2, 'ids': 1, 'patterns': 2, 'common_word_lines': 1}}
    """
    lines: dict[str, int] = defaultdict(int)
    ids: dict[str, set[str]] = defaultdict(set)
    patterns: dict[str, set[str]] = defaultdict(set)
    common: dict[str, int] = defaultdict(int)
    for entry in entries:
        lines[entry.label] += 1
        ids[entry.label].add(entry.id)
        patterns[entry.label].add(entry.pattern)
        common[entry.label] += entry.common_word
    return {label: {"lines": lines[label], "ids": len(ids[label]),
                    "patterns": len(patterns[label]), "common_word_lines": common[label]}
            for label in sorted(lines)}


def clashes(entries: Iterable[Entry]) -> int:
    """How many (label, pattern) pairs name more than one id.

    >>> e = Entry("MODEL", "A", "a-1", "p", "a", "1", "MIT", False)
    >>> clashes([e, Entry("MODEL", "B", "a-1", "q", "a", "1", "MIT", False)])
    1
    """
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries:
        ids[(entry.label, entry.pattern)].add(entry.id)
    return sum(len(group) > 1 for group in ids.values())


def source_summary(source: Source, entries: list[Entry]) -> dict[str, Any]:
    return {
        "package": source.package, "version": source.version, "license": source.license,
        "contributes": source.contributes,
        "counts": counts(e for e in entries if e.package == source.package),
    }
