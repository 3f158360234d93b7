"""Numbers, units, bounds, ranges and pairs."""

from __future__ import annotations

import pytest

from extractor.components.quantities import find_quantities


def _one(text: str) -> tuple[str, float, str | None, str, str]:
    (q,) = find_quantities(text)
    return q.text, q.value, q.unit, q.bound, q.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("achieves 85.7% top-1", ("85.7%", 85.7, "%", "exact", "measure")),
        ("by 12 percent", ("12 percent", 12.0, "%", "exact", "measure")),
        ("a gain of 3.1 points", ("3.1 points", 3.1, "points", "exact", "measure")),
        ("gains 2.5 pp over", ("2.5 pp", 2.5, "points", "exact", "measure")),
        ("10x faster", ("10x", 10.0, "x", "exact", "measure")),
        ("13 x more compact", ("13 x", 13.0, "x", "exact", "measure")),
        ("a 3-fold speedup", ("3-fold", 3.0, "x", "exact", "measure")),
        ("up to 85.1% faster", ("85.1%", 85.1, "%", "at_most", "measure")),
        ("an F1 score above 80%", ("80%", 80.0, "%", "at_least", "measure")),
        ("over 50% of", ("50%", 50.0, "%", "at_least", "measure")),
        ("about 7.5 on", ("7.5", 7.5, None, "approx", "number")),
        ("with 1,009k pairs", ("1,009k", 1009.0, None, "exact", "size")),
        ("a 7B model", ("7B", 7.0, None, "exact", "size")),
        ("in 2023 we", ("2023", 2023.0, None, "exact", "year")),
        ("4 seconds faster", ("4 seconds", 4.0, "seconds", "exact", "measure")),
    ],
)
def test_single_quantity(text: str, expected: tuple[str, float, str | None, str, str]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4 and H100",
        "FP8 vs INT4 with W4A8",
        "Qwen2.5 and v1.5",
        "top-1 error",
        "L_2 and 2^k",
        "MATH500 and ImageNet-1K",
    ],
)
def test_numbers_inside_names_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_from_to_pair_shares_unit() -> None:
    a, b = find_quantities("a steady improvement from 81.09 to 91.36 points")
    assert (a.text, a.relation, a.unit) == ("81.09", "from", "points")
    assert (b.text, b.relation, b.unit) == ("91.36 points", "to", "points")


def test_ranging_from_to_is_a_range() -> None:
    a, b = find_quantities("gains ranging from 17% to 28%")
    assert (a.relation, a.bound, b.relation, b.bound) == (
        "range_low",
        "at_least",
        "range_high",
        "at_most",
    )


def test_between_and_is_a_range() -> None:
    a, b = find_quantities("between 5% and 9%")
    assert (a.relation, b.relation) == ("range_low", "range_high")


def test_hyphen_range_inherits_unit() -> None:
    a, b = find_quantities("by 8-12% overall")
    assert (a.text, a.value, a.unit, b.text, b.value) == ("8", 8.0, "%", "12%", 12.0)


def test_resolution_is_a_dimension_not_a_factor() -> None:
    kinds = [q.kind for q in find_quantities("fine-tuning 512 times 512 images and 256x256 crops")]
    assert kinds == ["dimension", "dimension"]
