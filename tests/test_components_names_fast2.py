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
