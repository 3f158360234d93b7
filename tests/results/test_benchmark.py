"""The benchmark question of the result linker, on the made-up cases of cases/benchmark.toml."""

from __future__ import annotations

from typing import Any

import pytest
from _cases import check, load


@pytest.mark.parametrize("case", load("benchmark"))
def test_benchmark_case(case: dict[str, Any]) -> None:
    check(case)


def test_slash_runs_count_the_numbers_of_each_item() -> None:
    from extractor.components.quantities import Quantity
    from extractor.pipeline.results.pairs import _slash_runs

    def numbers(text: str) -> list[Quantity]:
        found: list[Quantity] = []
        at = 0
        for word in text.replace("/", " / ").replace(",", " ").split():
            if word[0].isdigit():
                at = text.index(word, at)
                found.append(Quantity(at, at + len(word), word, float(word), None))
                at += len(word)
        return found

    pairs = "0.91/3.2, 0.88/4.1 and 0.79/6.3"
    assert _slash_runs(pairs, numbers(pairs)) == 2
    uneven = "0.91/3.2 and 0.88"
    assert _slash_runs(uneven, numbers(uneven)) == 1
    plain = "0.91, 0.88 and 0.79"
    assert _slash_runs(plain, numbers(plain)) == 1
