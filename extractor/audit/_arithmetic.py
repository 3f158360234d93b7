"""Arithmetic: stated changes, percentages and improvements that do not add up (A2xx)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from extractor.audit._findings import Finding, finding
from extractor.audit._text import (
    is_rate_metric,
    metric_direction,
    precision_of,
    sentence_key,
    span_holds_text,
)
from extractor_schemas import PaperRecord, Result

# What may stand between "from A" and "B": " to ", an arrow.
_match_from_to_gap = regex.compile(r"\s*(?:to|→|->|⟶)\s*$").match
# A sentence about something going down: an improvement there is a reduction.
_search_reduction = regex.compile(
    r"\b(?:reduc|lower|decreas|cut|drop|fewer|less|sav|shrink|smaller)", regex.IGNORECASE
).search

_search_relative = regex.compile(r"\brelative", regex.IGNORECASE).search


@dataclass(frozen=True, slots=True)
class Change:
    """One "from A to B" pair in a sentence."""

    before: Result
    after: Result


def _by_sentence(record: PaperRecord) -> dict[tuple[int, int], list[Result]]:
    sentences: dict[tuple[int, int], list[Result]] = defaultdict(list)
    for result in record.metrics:
        if span_holds_text(record.text, result.span):
            sentences[sentence_key(result)].append(result)
    for results in sentences.values():
        results.sort(key=lambda r: r.span.start)
    return sentences


def from_to_pairs(text: str, results: list[Result]) -> list[Change]:
    """The "from A to B" pairs among one sentence's results: a baseline, then a result
    with only "to" (or an arrow) between them."""
    pairs = []
    for before, after in itertools.pairwise(results):
        gap = text[before.span.end : after.span.start]
        if before.role == "baseline" and after.role == "result" and _match_from_to_gap(gap):
            pairs.append(Change(before, after))
    return pairs


def _interval(
    f: Callable[[float, float], float], a: float, ha: float, b: float, hb: float
) -> tuple[float, float]:
    """The range of ``f`` over the rounding box of its two arguments (its corners)."""
    values = [f(x, y) for x in (a - ha, a + ha) for y in (b - hb, b + hb)]
    return min(values), max(values)


def _readings(change: Change, unit: str | None) -> dict[str, tuple[float, float]]:
    """What a stated change of this unit may mean for this pair, each with its range."""
    a, b = change.before.value, change.after.value
    ha, hb = precision_of(change.before), precision_of(change.after)
    readings: dict[str, tuple[float, float]] = {}
    if unit == "x":
        if a > ha and b > hb:
            readings["ratio"] = _interval(lambda x, y: max(x, y) / min(x, y), a, ha, b, hb)
        return readings
    if unit != "%" or change.before.unit == "%":
        readings["difference"] = _interval(lambda x, y: abs(y - x), a, ha, b, hb)
    if unit == "%" and abs(a) > ha:
        readings["relative change"] = _interval(
            lambda x, y: abs(y - x) / abs(x) * 100, a, ha, b, hb
        )
    return readings


def _describe(change: Change) -> str:
    a, b = change.before.value, change.after.value
    parts = [f"a difference of {abs(b - a):.4g}"]
    if a:
        parts.append(f"a relative change of {abs(b - a) / abs(a) * 100:.4g}%")
    if a > 0 and b > 0:
        parts.append(f"a ratio of {max(a, b) / min(a, b):.4g}x")
    return ", ".join(parts)


def check_changes(record: PaperRecord) -> Iterator[Finding]:
    """A201: an improvement stated beside "from A to B" that is none of B - A, the
    relative change or the ratio (allowing for the rounding of every written number)."""
    for results in _by_sentence(record).values():
        pairs = from_to_pairs(record.text, results)
        stated = [r for r in results if r.role == "improvement" and r.bound == "exact"]
        if not pairs or len(pairs) != len(stated):
            continue  # which change belongs to which pair cannot be told
        for change, improvement in zip(pairs, stated, strict=True):
            readings = _readings(change, improvement.unit)
            half = precision_of(improvement)
            low, high = improvement.value - half, improvement.value + half
            if not readings or any(lo <= high and low <= hi for lo, hi in readings.values()):
                continue
            yield finding(
                record.id,
                "A201",
                f"from {change.before.text} to {change.after.text} is {_describe(change)}, "
                f"but the sentence states {improvement.text}",
                [change.before.span, change.after.span, improvement.span],
            )


def check_percent_range(record: PaperRecord) -> Iterator[Finding]:
    """A202: a rate or an accuracy (a result or baseline in %) below 0 or above 100."""
    for result in record.metrics:
        if result.role == "improvement" or result.unit != "%" or not is_rate_metric(result.metric):
            continue
        if not 0 <= result.value <= 100:
            yield finding(
                record.id,
                "A202",
                f"{result.metric} of {result.text} is outside 0-100%",
                [result.span],
            )


def _improved(improvement: Result, results: list[Result]) -> Result | None:
    """The one result of the sentence this improvement improves, if it can be told."""
    candidates = [r for r in results if r.role == "result" and r.unit in ("%", "points", None)]
    for attribute in ("metric", "model", "benchmark"):
        mine = getattr(improvement, attribute)
        if mine is not None and len(candidates) > 1:
            candidates = [r for r in candidates if getattr(r, attribute) in (mine, None)]
    return candidates[0] if len(candidates) == 1 else None


def check_improvement_size(record: PaperRecord) -> Iterator[Finding]:
    """A203: a gain in points (or in an unqualified %) larger than the result it improves,
    for a higher-is-better metric; as an absolute gain the baseline would be below zero."""
    for results in _by_sentence(record).values():
        sentence = results[0].sentence.text
        if _search_reduction(sentence):
            continue
        for improvement in results:
            if improvement.role != "improvement" or improvement.unit not in ("%", "points"):
                continue
            improved = _improved(improvement, results)
            if improved is None or improvement.value <= improved.value:
                continue
            metric = improvement.metric or improved.metric
            if metric_direction(metric) == "lower":
                continue
            if improvement.unit == "%" and _search_relative(sentence):
                continue
            if improvement.unit == "points":
                why = "as an absolute gain the baseline would be below zero"
            else:
                floor = improved.value / (1 + improvement.value / 100)
                why = (
                    "it cannot be an absolute gain; as a relative gain the baseline "
                    f"was {floor:.3g}"
                )
            yield finding(
                record.id,
                "A203",
                f"improvement {improvement.text} is larger than the result "
                f"{improved.text} it improves: {why}",
                [improvement.span, improved.span],
            )


def check_arithmetic(record: PaperRecord) -> Iterator[Finding]:
    """All arithmetic findings of one record."""
    yield from check_changes(record)
    yield from check_percent_range(record)
    yield from check_improvement_size(record)
