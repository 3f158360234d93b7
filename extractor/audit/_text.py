"""Small pure helpers on record text shared by the checks: spans, numbers, sentences."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from extractor.gazetteers import load_gazetteer
from extractor_schemas import PaperRecord, Result, Span

# A written number: digits with optional thousands separators and decimals, optional sign.
_finditer_number = regex.compile(
    r"""
    (?P<sign>[-−–+])?                    # ASCII, Unicode minus, en dash or plus
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)   # 1,234 or 1234
    (?P<decimals>\.\d+)?
    """,
    regex.VERBOSE,
).finditer

# Words that make a metric a rate, an accuracy or another share bounded by 0 and 100%.
_search_rate_metric = regex.compile(
    r"""
    accurac|\bacc\b|rate|precision|recall|\bf1\b|\bf-1\b|success|pass@|exact[-\s]match
    |\bem\b|top-?\d|\bhit|coverage|agreement|\biou\b|\bmap\b|\bap\b|\bauc\b|\bwin
    """,
    regex.VERBOSE | regex.IGNORECASE,
).search


def all_spans(record: PaperRecord) -> Iterator[tuple[str, Span]]:
    """Every span of a record, named by where it sits (``metrics[0].span``)."""
    return record.spans()


def span_holds_text(text: str, span: Span) -> bool:
    """Whether ``span`` points at characters of ``text`` equal to its own ``text``."""
    return 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.text


def span_at(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]``, clamped into the text.

    >>> span_at("abc", 1, 9)
    Span(start=1, end=3, text='bc')
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Span(start=start, end=end, text=text[start:end])


def located(text: str, span: Span) -> Span:
    """The span as the text has it: where ``span`` points, with the text found there."""
    return span_at(text, span.start, span.end)


def written_numbers(text: str) -> list[tuple[float, float]]:
    """Each number written in ``text``, with half its last written digit (the rounding).

    >>> written_numbers("from 81.09 to 1,234 and −3%")
    [(81.09, 0.005), (1234.0, 0.5), (-3.0, 0.5)]
    """
    numbers = []
    for match in _finditer_number(text):
        decimals = match.group("decimals") or ""
        number = float(match.group("digits").replace(",", "") + decimals)
        if match.group("sign") in ("-", "−"):
            number = -number
        numbers.append((number, 0.5 * 10.0 ** -max(len(decimals) - 1, 0)))
    return numbers


def precision_of(result: Result) -> float:
    """Half the last written digit of a result's value (0.005 for "81.09")."""
    for number, half in written_numbers(result.text):
        if abs(abs(number) - abs(result.value)) < 1e-9:
            return half
    return 0.5 * 10.0 ** -len(repr(float(result.value)).partition(".")[2].rstrip("0"))


def is_rate_metric(metric: str | None) -> bool:
    """Whether a metric is a rate, an accuracy or another share of 100%.

    >>> is_rate_metric("top-1 accuracy"), is_rate_metric("win-rate"), is_rate_metric("FID")
    (True, True, False)
    """
    return bool(metric) and _search_rate_metric(metric or "") is not None


@cache
def _metric_entries() -> dict[str, tuple[str, str | None]]:
    gazetteer = load_gazetteer("metrics")
    return {e.pattern.casefold(): (e.id, e.direction) for e in gazetteer.entries}


def metric_id(metric: str) -> str:
    """The canonical name of a metric when the metric list knows it, else the metric.

    >>> metric_id("Top-1 Accuracy") == metric_id("top-1 accuracy")
    True
    """
    entry = _metric_entries().get(metric.casefold())
    return entry[0] if entry else metric.casefold()


def metric_direction(metric: str | None) -> str | None:
    """ "higher" or "lower" (is better) when the metric list says, else None."""
    if not metric:
        return None
    entry = _metric_entries().get(metric.casefold())
    return entry[1] if entry else None


def sentence_key(result: Result) -> tuple[int, int]:
    """The sentence a result sits in, as a grouping key."""
    return (result.sentence.start, result.sentence.end)


def in_span(inner: Span, outer: Span) -> bool:
    """Whether ``inner`` lies inside ``outer``."""
    return outer.start <= inner.start and inner.end <= outer.end
