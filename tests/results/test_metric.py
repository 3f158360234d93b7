"""The metric question of the result linker, on the made-up cases of cases/metric.toml."""

from __future__ import annotations

from typing import Any

import pytest
from _cases import check, load


@pytest.mark.parametrize("case", load("metric"))
def test_metric_case(case: dict[str, Any]) -> None:
    check(case)
