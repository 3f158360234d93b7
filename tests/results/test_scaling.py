"""The result linker's work grows about linearly with the numbers of one long sentence.

Regression: carrying metrics and benchmarks within a sentence compared every result with
every other and scanned the text between them (cubic): 1,500 repetitions of "MMLU 1% "
with no full stop took about a minute. Later, a list of bare decimals made a count pattern
backtrack (cubic) and each number look itself up in its list (quadratic). The limits below
are generous wall-clock bounds (a shared, slow machine passes them; the cubic code did not).
"""

from __future__ import annotations

import random
import time

import pytest

from extractor import extract
from extractor.pipeline.results._cues import _search_clause_change
from extractor.pipeline.results.context import Context

SHAPES = [
    "MMLU 1% " * 1500,
    "an accuracy of 1%, " * 1500,
    "FooNet reaches 1% on MMLU and 2% on GSM8K but " * 500,
    # bare decimals are results (numbers first): one list of thousands of them, and a list
    # a count pattern reads ahead into (once cubic: 441 s at 48,000 characters)
    "0.5, 0.6, 0.7, " * 1500,
    "0.5 and 0.6 on X, " * 1500,
]


@pytest.mark.parametrize(
    "text", SHAPES, ids=["benchmark-number", "metric-number", "clauses", "decimals", "pairs"]
)
def test_one_long_sentence_of_many_numbers_is_fast(text: str) -> None:
    started = time.perf_counter()
    record = extract(text)
    elapsed = time.perf_counter() - started
    assert len(record.metrics) >= 1000
    assert elapsed < 20, f"{elapsed:.1f} s"


def test_clause_changes_are_found_as_the_search_finds_them() -> None:
    text = "a but b; whereas butter but1 while_x while, but" * 3 + " x but"
    ctx = Context.build(text, [], [], None, [])
    rng = random.Random(7)
    for _ in range(3000):
        lo = rng.randrange(len(text))
        hi = rng.randrange(lo, len(text) + 1)
        expected = bool(_search_clause_change(text, lo, hi))
        assert ctx.clause_change(lo, hi) == expected, (lo, hi, text[lo:hi])
        assert (ctx.last_clause_change(hi) >= lo) == expected, (lo, hi, text[lo:hi])
