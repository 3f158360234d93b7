"""Ambiguity: numbers a reader cannot take at face value (A3xx)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractor.audit._arithmetic import from_to_pairs
from extractor.audit._findings import Finding, finding
from extractor.audit._text import is_rate_metric, sentence_key, span_holds_text
from extractor_schemas import PaperRecord, Result

# Words that say which kind of percentage change is meant.
_search_change_kind = regex.compile(
    r"\b(?:absolute|relative|relatively|percentage[-\s]points?|pp|p\.p\.|points?)\b",
    regex.IGNORECASE,
).search

# A bound written right before a number: "up to 85%", "over 50%", "~3x".
_search_bound_before = regex.compile(
    r"""
    (?:\b(?:up\s+to|over|more\s+than|above|at\s+least|at\s+most|less\s+than|under|below
         |nearly|almost|around|about|approximately|roughly|exceeding|beyond)
     |[~≈<>≤≥])
    \s*$
    """,
    regex.VERBOSE | regex.IGNORECASE,
).search
_BOUND_WINDOW = 24  # characters before a number searched for its bound word


def _percent_based(result: Result, sentence: list[Result]) -> bool:
    """Whether the thing improved is itself a percentage (a rate, an accuracy, or a
    quantity the same sentence gives in %)."""
    if is_rate_metric(result.metric):
        return True
    return any(r.unit == "%" and r.role != "improvement" for r in sentence)


def check_percent_kind(record: PaperRecord) -> Iterator[Finding]:
    """A301: gains in "%" of a percentage, with no word saying whether they are absolute
    (percentage points) or relative, and no "from A to B" in the sentence to tell; one
    finding per sentence."""
    sentences: dict[tuple[int, int], list[Result]] = {}
    for result in record.metrics:
        sentences.setdefault(sentence_key(result), []).append(result)
    for results in sentences.values():
        results.sort(key=lambda r: r.span.start)
        text = results[0].sentence.text
        if _search_change_kind(text) or from_to_pairs(record.text, results):
            continue
        gains = [
            r
            for r in results
            if r.role == "improvement" and r.unit == "%" and _percent_based(r, results)
        ]
        if gains:
            what = next((r.metric for r in gains if r.metric), "a percentage")
            written = ", ".join(r.text for r in gains)
            noun = "gain" if len(gains) == 1 else "gains"
            yield finding(
                record.id,
                "A301",
                f"{noun} of {written} in {what}: percentage points or a relative change? "
                "The sentence does not say",
                [r.span for r in gains],
            )


def check_bounds(record: PaperRecord) -> Iterator[Finding]:
    """A302: a number written with a bound ("up to", "over", "about") recorded as exact."""
    for i, result in enumerate(record.metrics):
        if result.bound != "exact" or not span_holds_text(record.text, result.span):
            continue
        start = max(result.sentence.start, result.span.start - _BOUND_WINDOW, 0)
        before = record.text[start : result.span.start]
        bound = _search_bound_before(before)
        if bound:
            words = bound.group().strip()
            yield finding(
                record.id,
                "A302",
                f"metrics[{i}] {words!r} {result.text} is a bound, but the record says exact",
                [result.span],
            )


def check_ambiguity(record: PaperRecord) -> Iterator[Finding]:
    """All ambiguity findings of one record."""
    yield from check_percent_kind(record)
    yield from check_bounds(record)
