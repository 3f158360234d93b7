"""Test cases as data: ``cases/<question>.toml`` holds made-up sentences and what the
extractor must find in them, each with why.

A case is ``[[case]]`` with ``text``, ``why`` and either ``numbers`` (the texts of every
result found, in order: a selection case) or ``expect`` (a list of tables: a result's
``text`` and the attributes it must have: ``role``, ``metric``, ``benchmark``, ``model``,
``bound``; a value ``""`` stands for null). ``xfail = "reason"`` marks a known miss,
strict: a fix makes the test fail until the mark is removed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from extractor import extract

CASES = Path(__file__).with_name("cases")


def load(question: str) -> list[Any]:
    """The cases of ``cases/<question>.toml`` as pytest params, with ids and xfail marks."""
    with (CASES / f"{question}.toml").open("rb") as handle:
        cases = tomllib.load(handle)["case"]
    params = []
    for i, case in enumerate(cases):
        assert case.get("why"), f"{question} case {i} says not why"
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        params.append(pytest.param(case, id=f"{i}-{case['text'][:40]}", marks=marks))
    return params


def check(case: dict[str, Any]) -> None:
    """Assert what the case expects of the record of its text."""
    record = extract(case["text"])
    found = [m.text for m in record.metrics]
    if "numbers" in case:
        assert found == case["numbers"], case["why"]
    for expected in case.get("expect", []):
        matches = [m for m in record.metrics if m.text == expected["text"]]
        assert matches, f"{expected['text']!r} not found in {found}: {case['why']}"
        result = matches[0]
        for key, value in expected.items():
            if key == "text":
                continue
            got = getattr(result, key)
            assert got == (value or None), f"{expected['text']} {key}: {got!r} ({case['why']})"
