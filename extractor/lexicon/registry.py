"""The registry lexicon: model, benchmark and metric names gathered from public registries.

One JSON object a line (``LEXICON_FORMAT.md``)::

    {"label": "MODEL", "pattern": "ViT-B/16", "id": "ViT-B/16", "common_word": false,
     "source": {"package": "timm", "version": "1.0.15", "license": "Apache-2.0", ...}}

The same name from two packages is one line per package; here it is one entry. The
curated lists (``extractor/data``) win on every conflict: a registry spelling that a
curated list or the stop list already has, in any case, is left out, and a registry id
that a curated list files under another label keeps the curated label (the entry is
left out). A missing registry file is an empty list: the pipeline works on the curated
lists alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson
import regex

from extractor.gazetteers import Entry

# The lists the name finder uses. Metrics are left out: a metric's record field needs a
# direction ("higher" or "lower" is better), which only the curated list gives.
REGISTRY_LISTS = ("models", "benchmarks")


def registry_dir() -> Path:
    """Where the package's registry files are (they may be missing)."""
    return Path(__file__).parent / "data" / "registry"


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    label: str
    pattern: str
    id: str
    common_word: bool


def registry_files(directory: Path, lists: Iterable[str] = REGISTRY_LISTS) -> list[Path]:
    """The registry files present in ``directory``, in list order."""
    return [path for name in lists if (path := directory / f"{name}.jsonl").is_file()]


def parse_registry(path: Path, data: bytes) -> list[RegistryEntry]:
    """The entries of one registry file, one per (label, pattern, id), in file order.

    >>> parse_registry(Path("m.jsonl"), b'{"label": "MODEL", "pattern": "Atlas", '
    ...     b'"id": "Atlas", "common_word": true, "source": {}}\\n')
    [RegistryEntry(label='MODEL', pattern='Atlas', id='Atlas', common_word=True)]
    """
    entries: dict[tuple[str, str, str], RegistryEntry] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = orjson.loads(line)
            entry = RegistryEntry(
                str(raw["label"]), str(raw["pattern"]), str(raw["id"]), bool(raw["common_word"])
            )
        except (orjson.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(f"{path}:{number}: not a registry entry: {e}") from e
        key = (entry.label, entry.pattern, entry.id)
        # One line per source package: a name is common if any source says so.
        if key not in entries or (entry.common_word and not entries[key].common_word):
            entries[key] = entry
    return list(entries.values())


# A spelling in lower-case letters alone ("embeddings", "dense", "alexnet") is a code
# identifier or an ordinary word: papers write names with a capital or a digit.
_is_lower_word = regex.compile(r"[\p{Ll}\-\s]+").fullmatch


# Spellings that need a context cue besides the flagged ordinary words: capitals alone, at
# most five ("SNAP", "ACE"), which papers coin for their own terms ("Semantic Naming
# Average Precision (SNAP)"), and one capitalised word ("Affine", "Timer"), which is word-
# shaped whether or not a word list knows it.
_is_word_shaped = regex.compile(r"\p{Lu}{2,5}|\p{Lu}\p{Ll}+").fullmatch


def needs_cue(entry: RegistryEntry) -> bool:
    """Whether the name is accepted only with a context cue: an ordinary word ("Atlas"),
    one capitalised word ("Timer") or a short acronym ("SNAP").

    >>> needs_cue(RegistryEntry("BENCHMARK", "SNAP", "SNAP", False))
    True
    >>> needs_cue(RegistryEntry("MODEL", "Zorblax-7", "Zorblax-7", False))
    False
    """
    return entry.common_word or bool(_is_word_shaped(entry.pattern))


def without_curated(
    entries: Iterable[RegistryEntry], curated: Iterable[Entry], not_names: Iterable[str]
) -> list[RegistryEntry]:
    """The registry entries the curated lists and the stop list leave room for, without
    spellings in lower-case letters alone.

    >>> curated = [Entry("MODEL", "BERT", "BERT"), Entry("BENCHMARK", "Atlas", "Atlas")]
    >>> entries = [RegistryEntry("MODEL", "Bert", "BERT", False),
    ...            RegistryEntry("MODEL", "Atlas v1", "Atlas", False),
    ...            RegistryEntry("MODEL", "LLMs", "LLMs", False),
    ...            RegistryEntry("MODEL", "FooNet", "FooNet", False),
    ...            RegistryEntry("MODEL", "embeddings", "embeddings", False)]
    >>> [e.pattern for e in without_curated(entries, curated, ["LLMs"])]
    ['FooNet']
    """
    curated = list(curated)
    taken = {e.pattern.casefold() for e in curated} | {w.casefold() for w in not_names}
    labels = {e.id: e.label for e in curated}
    return [
        e
        for e in entries
        if e.pattern.casefold() not in taken
        and labels.get(e.id, e.label) == e.label
        and not _is_lower_word(e.pattern)
    ]
