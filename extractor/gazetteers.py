"""Curated name lists, loaded once from ``extractor/data`` and never mutated.

Each list is JSONL in spaCy's span_ruler pattern format, ``{"label", "pattern", "id"}``,
where ``id`` is the canonical name that groups spellings; metric entries add
``"direction"`` ("higher" or "lower" is better). ``data/SOURCES.md`` says where the
names come from. Word lists (``*.txt``) hold one entry a line; ``#`` starts a comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import orjson


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    pattern: str
    id: str
    direction: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """The entries of one list, with look-ups by surface form."""

    name: str
    entries: tuple[Entry, ...]
    _by_pattern: dict[str, Entry] = field(repr=False, default_factory=dict)

    def has_pattern(self, text: str) -> bool:
        return text in self._by_pattern

    def entry(self, text: str) -> Entry | None:
        """The entry spelled ``text`` (metrics: also in lower case), if any."""
        return self._by_pattern.get(text)


def _read(name: str) -> str:
    return resources.files("extractor").joinpath("data", name).read_text(encoding="utf-8")


def _plural(word: str) -> str:
    """
    >>> _plural("accuracy"), _plural("win rate"), _plural("loss")
    ('accuracies', 'win rates', 'losses')
    """
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "sh", "ch")) else "s")


def _variants(pattern: str) -> set[str]:
    """Hyphen and space spellings of a metric ("win rate" / "win-rate"), and for words
    in lower case their plural ("accuracies")."""
    forms = {pattern, pattern.replace(" ", "-"), pattern.replace("-", " ")}
    if pattern.islower() and pattern[-1:].isalpha():
        forms |= {_plural(form) for form in forms}
    return forms


def _is_acronym(pattern: str) -> bool:
    """One word of two or more characters ending in a capital or a digit, with a capital:
    "SPL", "mAP", "F1" (not "accuracy", "FPS" is left as it is by the caller's list)."""
    return (
        len(pattern) >= 2
        and " " not in pattern
        and "-" not in pattern
        and (pattern[-1].isupper() or pattern[-1].isdigit())
        and any(c.isupper() for c in pattern)
        and pattern.isalnum()
    )


@cache
def load_gazetteer(name: str) -> Gazetteer:
    """The list ``data/{name}.jsonl``; metric patterns also get hyphen/space variants."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, line in enumerate(_read(f"{name}.jsonl").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = orjson.loads(line)
            base = Entry(raw["label"], raw["pattern"], raw["id"], raw.get("direction"))
        except (orjson.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(f"data/{name}.jsonl:{number}: not a pattern entry: {e}") from e
        patterns = _variants(base.pattern) if base.label == "METRIC" else {base.pattern}
        for pattern in sorted(patterns):
            if pattern not in seen:
                seen.add(pattern)
                entries.append(Entry(base.label, pattern, base.id, base.direction))
    if entries and entries[0].label == "METRIC":
        # An acronym in the plural, where no listed name is spelt so: "SPLs", "mAPs",
        # "MAEs" (the record names the metric in the singular: ``metric_names``).
        for entry in list(entries):
            plural = entry.pattern + "s"
            if _is_acronym(entry.pattern) and plural not in seen:
                seen.add(plural)
                entries.append(Entry(entry.label, plural, entry.id, entry.direction))
    by_pattern = {e.pattern: e for e in entries}
    if entries and entries[0].label == "METRIC":
        by_pattern.update({e.pattern.lower(): e for e in entries})
    return Gazetteer(name, tuple(entries), by_pattern)


@cache
def load_word_list(name: str) -> frozenset[str]:
    """The words of ``data/{name}.txt``, comments and blank lines left out."""
    words = (line.split("#", 1)[0].strip() for line in _read(f"{name}.txt").splitlines())
    return frozenset(word for word in words if word)
