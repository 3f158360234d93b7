"""The selection question of the result linker, on the made-up cases of cases/selection.toml."""

from __future__ import annotations

from typing import Any

import pytest
from _cases import check, load


@pytest.mark.parametrize("case", load("selection"))
def test_selection_case(case: dict[str, Any]) -> None:
    check(case)
