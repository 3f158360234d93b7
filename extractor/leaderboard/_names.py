"""Canonical benchmark and metric names, and each metric's direction, from the name lists.

A name found in ``data/benchmarks.jsonl`` or ``data/metrics.jsonl`` (as spelled, or equal
up to case, spaces, hyphens and underscores) becomes the list's ``id``: "GSM8k" and
"gsm8k" are "GSM8K". A name the lists lack keeps its spelling, and is grouped with names
equal to it up to the same differences.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

import regex

from extractor.gazetteers import load_gazetteer

Direction = Literal["higher", "lower"]

_strip_punctuation = regex.compile(r"[\s\-_]+").sub


def loose_key(name: str) -> str:
    """The form two spellings of one name share.

    >>> loose_key("MT-Bench") == loose_key("mt bench") == loose_key("MTBench")
    True
    >>> loose_key("ImageNet 256×256") == loose_key("ImageNet 256x256")
    True
    """
    key: str = _strip_punctuation("", name.casefold().replace("×", "x"))
    return key


@dataclass(frozen=True, slots=True)
class Name:
    """A name as the leaderboard groups it."""

    key: str  # what groups spellings
    display: str  # the list's id, or the name as first seen
    known: bool  # whether the name list has it
    direction: Direction | None = None  # metrics only: which way is better


@dataclass(frozen=True)
class NameIndex:
    """Look-ups from a spelling to its canonical name, exact first, then loose."""

    exact: dict[str, Name]
    loose: dict[str, Name]

    def canonical(self, name: str) -> Name:
        found = self.exact.get(name) or self.loose.get(loose_key(name))
        return found or Name(key=loose_key(name), display=name, known=False)


@cache
def name_index(list_name: Literal["benchmarks", "metrics"]) -> NameIndex:
    """The index of ``data/{list_name}.jsonl``; loose forms two ids share are dropped."""
    exact: dict[str, Name] = {}
    loose: dict[str, Name] = {}
    clashes: set[str] = set()
    for entry in load_gazetteer(list_name).entries:
        direction = cast(Direction | None, entry.direction)
        name = Name(key=f"={entry.id}", display=entry.id, known=True, direction=direction)
        exact.setdefault(entry.pattern, name)
        key = loose_key(entry.pattern)
        if key in loose and loose[key].display != entry.id:
            clashes.add(key)
        loose.setdefault(key, name)
    for key in clashes:
        del loose[key]
    return NameIndex(exact, loose)


def close_names(
    list_name: Literal["benchmarks", "metrics"], wanted: str, seen: Iterable[str] = ()
) -> list[str]:
    """Names close to ``wanted`` (difflib), from the list's ids and the names ``seen``.

    >>> "ImageNet" in close_names("benchmarks", "ImageNett")
    True
    """
    index = name_index(list_name)
    candidates = {name.display for name in index.exact.values()}
    candidates.update(index.canonical(name).display for name in seen)
    by_key = {loose_key(c): c for c in sorted(candidates)}
    found = difflib.get_close_matches(loose_key(wanted), list(by_key), n=5, cutoff=0.6)
    return [by_key[key] for key in found]
