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


# The fast paths in find_quantities skip regex calls that cannot match; these check them
# against the plain regexes on tricky inputs (case, odd spaces, non-ASCII that case-folds).
_BOUND_WORDS = (
    "up to", "at most", "below", "under", "less than", "fewer than", "no more than", "<",
    "≤", "<=", "over", "above", "at least", "more than", "greater than", "exceeding",
    "beyond", ">", "≥", ">=", "about", "around", "approximately", "roughly", "nearly",
    "almost", "~", "≈", "circa",
)  # fmt: skip
_BEFORE_NUMBERS = [
    *(f"it reaches {w} " for w in _BOUND_WORDS),
    *(f"X{w.upper()}\u2003\n" for w in _BOUND_WORDS),
    *(f"{w}" for w in _BOUND_WORDS),
    "ABOUT ", "Up\tTo ", "up  to", "setup to ", "ſtill under\x1c ", "abou\u0130 ", "by ", "of ",
    "reaches ", "", " ", "x", "run ", "a", "(", "and ", "3 x ", "4 times ", "2 by", "3×",
    "5 X ", "ALMOST\u00a0", "circA ", "fewer  than\n", "discover ", "thunder ", "and ",
    "reaching ", "than ", "mo\u017ft ", "lea\u017ft ", "almo\u017ft ", "x approximately ",
    "é approximately ", "éé aboveground ", "to", "TO ", "thereto ",
]  # fmt: skip


@pytest.mark.parametrize("before", _BEFORE_NUMBERS)
def test_bound_before_fast_path_equals_the_search(before: str) -> None:
    from extractor.components.quantities import _bound_before, _search_bound

    text = before + "12"
    found = _search_bound(text, max(0, len(before) - 24), len(before))
    plain = (
        next(n for n in ("at_most", "at_least", "approx") if found.group(n)) if found else "exact"
    )
    assert _bound_before(text, len(before)) == plain


_AFTER_NUMBERS = [
    "", " ", "x", " x 512", "×1024", " times 3", "by 4", " by 4.5", "x2", " X 2", "\u2003x 3",
    "\n\nx 4", "t", " b", " percent", "% of", "  x 3", "times 8%", " ×  5",
]  # fmt: skip


@pytest.mark.parametrize("before", _BEFORE_NUMBERS)
def test_dimension_fast_path_equals_the_regexes(before: str) -> None:
    from extractor.components.quantities import (
        _is_dimension,
        _match_times_number,
        _search_times_before,
    )

    for after in _AFTER_NUMBERS:
        plain = bool(_match_times_number(after) or _search_times_before(before))
        assert _is_dimension(after, before) == plain, (before, after)


@pytest.mark.parametrize(
    "gap",
    [" to ", " TO\n", "  to  ", "to", " to", " and ", " AND\u2003", " vs ", " vs. ", " VS. ",
     " versus ", " Versus\t", " vſ ", " \u0130 ", " to\x1c", " into ", ", ", " and 3 ", "",
     " ", " or ", " tO ", "\u00a0to\u00a0"],
)  # fmt: skip
def test_pair_gap_fast_path_equals_the_regexes(gap: str) -> None:
    from extractor.components.quantities import (
        _match_and,
        _match_to,
        _match_versus,
        _may_join_pair,
    )

    if _match_to(gap) or _match_and(gap) or _match_versus(gap):
        assert _may_join_pair(gap)


@pytest.mark.parametrize(
    "written",
    [
        *("%", " %", "\u2003%", " percent", " percentage  points", "-fold", " -fold", "×", " x"),
        *(" GB", " ms", " FPS", " fps", " pts", " p.p.", " dB", "-points", " Points", "x\n"),
    ],
)
def test_unit_spellings_from_the_table_equal_the_plain_normalisation(written: str) -> None:
    from extractor.components.quantities import _unit_name_plain, unit_name

    assert unit_name(written) == _unit_name_plain(written)


@pytest.mark.parametrize(
    ("text", "relations"),
    [
        ("from 43.42 (BM25) to 52.59", ["from", "to"]),
        ("from 86.1% (LLaVA) to 90.3%", ["from", "to"]),
        ("from 0.88 (p = 0.02) to 0.57", [None, None, None]),
        ("from 12.1 (Llama 3) to 15.2", [None, None, None]),
    ],
)
def test_a_name_in_brackets_may_stand_inside_a_pair(text: str, relations: list[str | None]) -> None:
    """A name with a digit ("BM25") is an aside; a bracket with a number of its own is not."""
    assert [q.relation for q in find_quantities(text)] == relations


@pytest.mark.parametrize(
    ("text", "relations"),
    [
        # B below A: a change, not a range
        ("lowers WER 12.1% to 9.8% on X", [("12.1%", "from"), ("9.8%", "to")]),
        # a signed change in brackets after B
        ("SPK-SIM 78.30% to 89.38% (+14.15%)", [("78.30%", "from"), ("89.38%", "to")]),
        # a list continuing "from X to Y"
        (
            "increases from 82.48% to 89.74%, 66.24% to 78.88% for X",
            [("82.48%", "from"), ("89.74%", "to"), ("66.24%", "from"), ("78.88%", "to")],
        ),
        # written upwards with no cue: still a range
        ("accuracies of 71% to 75% across tasks", [("71%", "range_low"), ("75%", "range_high")]),
    ],
)
def test_a_to_b_without_from_is_a_change_when_it_reads_as_one(
    text: str, relations: list[tuple[str, str]]
) -> None:
    from extractor.components.quantities import find_quantities

    found = [(q.text, q.relation) for q in find_quantities(text) if q.relation]
    assert found == relations
