"""The name finder's overlap and clean-up fast paths equal their plain versions."""

from __future__ import annotations

import random

from extractor.components import names
from extractor.components.names import NameMatch

_SOURCES = ("list", "acronym", "pattern")
_LABELS = (names.MODEL, names.BENCHMARK, names.METRIC)


def _plain_resolve_overlaps(matches: list[NameMatch], length: int) -> list[NameMatch]:
    """The plain version: a byte array marks the characters taken."""
    ordered = sorted(matches, key=lambda m: (m.start - m.end, names._PRIORITY[m.source], m.start))
    taken = bytearray(length + 1)
    kept: list[NameMatch] = []
    for match in ordered:
        if any(taken[match.start : match.end]):
            continue
        kept.append(match)
        taken[match.start : match.end] = b"\x01" * (match.end - match.start)
    return sorted(kept, key=lambda m: m.start)


def _random_matches(rng: random.Random, length: int) -> list[NameMatch]:
    found = []
    for _ in range(rng.randint(0, 30)):
        start = rng.randint(0, length)
        end = min(length, start + rng.choice((0, 0, 1, 2, 3, 5, 8, 13)))
        found.append(NameMatch(start, end, rng.choice(_LABELS), f"k{start}", rng.choice(_SOURCES)))
    return found


def test_overlaps_resolved_by_bisection_match_the_byte_array() -> None:
    rng = random.Random(7)
    tricky = [
        [],
        [NameMatch(3, 3, "MODEL", "a", "list")],  # empty inside a kept name
        [NameMatch(0, 5, "MODEL", "a", "pattern"), NameMatch(2, 2, "MODEL", "b", "list")],
        [NameMatch(0, 5, "MODEL", "a", "pattern"), NameMatch(5, 5, "MODEL", "b", "list")],
        [NameMatch(0, 5, "MODEL", "a", "pattern"), NameMatch(0, 5, "METRIC", "b", "list")],
        [NameMatch(0, 4, "MODEL", "a", "list"), NameMatch(4, 8, "MODEL", "b", "list")],
        [NameMatch(2, 6, "MODEL", "a", "list"), NameMatch(0, 3, "MODEL", "b", "acronym")],
    ]
    cases = tricky + [_random_matches(rng, 40) for _ in range(3000)]
    for matches in cases:
        assert names._resolve_overlaps(matches) == _plain_resolve_overlaps(matches, 40)


def _plain_label_of_long_form(long: str) -> str | None:
    """The plain version: the version is always stripped before the last word is read."""
    last = long.rsplit(None, 1)[-1]
    if names._is_benchmark_noun(last):
        return names.BENCHMARK
    if last == "Model" and sum(w[:1].isupper() for w in long.split()) >= 2:
        return names.MODEL
    words = names._strip_version(long).split()
    if (
        len(words) >= 2
        and words[-1] in names._MODEL_NOUNS
        and words[-2] != "Neural"
        and sum(w[:1].isupper() for w in words) >= 2
    ):
        return names.MODEL
    return None


def test_long_forms_without_version_or_model_noun_label_as_the_plain_version() -> None:
    tricky = [
        "Generative Pre-trained Transformer 2",
        "Generative Pre-trained Transformer v2.1",
        "Masked Autoencoder",
        "Masked Autoencoder\n",
        "Vision Transformer 2\n",
        "Vision Transformer\u00a03",
        "Vision Transformer\u20033",
        "Vision Transformer\x1c3",
        "Vision Transformer ²",
        "Vision Transformer ٣",
        "Vision Transformer v",
        "Vision Transformer vX",
        "Spiking Neural Transformer",
        "Zebra Reward Benchmark",
        "Chinese Reward Model",
        "Transformer",
        "Foo Bar Transformers",
        "Stable Diffusion XL",
        "Vision Transformer 2 ",
        "Masked Autoencoder \x1c",
        "Foo Transformer 3\x1c",
    ]
    rng = random.Random(3)
    words = ["Vision", "Transformer", "Autoencoder", "Neural", "v2", "3", "1.5", "model", "X"]
    spaces = [" ", "  ", "\u00a0", "\x1c", "\n", "\t"]
    generated = [
        "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(1, 4))).strip()
        or "x"
        for _ in range(3000)
    ]
    for long in tricky + generated:
        assert names._label_of_long_form(long) == _plain_label_of_long_form(long), repr(long)
