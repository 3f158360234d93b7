"""``PaperRecord``'s span check: its fast all-spans test fails exactly where a span does.

The record validator first tests every span without naming it, and names the spans only
when one fails; the error must be the one the named loop over ``spans()`` gives.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from pydantic import ValidationError

from extractor_schemas import Entity, Link, PaperRecord, Result, Span

TEXT = "Model A reaches 85.7% on ImageNet and B 80.1%; see https://github.com/a/b."


def _at(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


BAD_SLICE = Span(start=0, end=3, text="XXX")
PAST_END = Span(start=len(TEXT) - 1, end=len(TEXT) + 2, text="abc")
EMPTY_PAST_END = Span(start=len(TEXT) + 5, end=len(TEXT) + 5, text="")


def _fields(bad: Span, where: int) -> dict[str, Any]:
    """A record's fields with ``bad`` as span number ``where`` (in ``spans()`` order)."""
    spans = [_at("Model A"), _at("A"), _at("ImageNet"), _at("85.7%"), _at(TEXT[:45])]
    spans += [_at("80.1%"), _at("B"), _at("https://github.com/a/b")]
    spans[where] = bad
    return {
        "id": "p",
        "text": TEXT,
        "method": Entity(name="Model A", mentions=[spans[0]]),
        "models": [Entity(name="A", mentions=[spans[1]])],
        "benchmarks": [Entity(name="ImageNet", mentions=[spans[2]])],
        "metrics": [
            Result(text="85.7%", value=85.7, span=spans[3], sentence=spans[4]),
            Result(text="80.1%", value=80.1, span=spans[5], sentence=spans[6]),
        ],
        "code_urls": [Link(url="https://github.com/a/b", span=spans[7])],
    }


def _named_loop_error(record: PaperRecord) -> str | None:
    """The message of the check as written before the fast test: a loop over ``spans()``."""
    for where, span in record.spans():
        if span.end > len(record.text):
            return f"{where}: span [{span.start}, {span.end}) runs past the text"
        if record.text[span.start : span.end] != span.text:
            return f"{where}: span [{span.start}, {span.end}) says {span.text!r}"
    return None


@pytest.mark.parametrize(
    ("bad", "where"), list(itertools.product([BAD_SLICE, PAST_END, EMPTY_PAST_END], range(8)))
)
def test_a_bad_span_anywhere_fails_with_its_name(bad: Span, where: int) -> None:
    fields = _fields(bad, where)
    unchecked = PaperRecord.model_construct(**fields)
    expected = _named_loop_error(unchecked)
    assert expected is not None
    assert not unchecked._all_spans_match_text()
    with pytest.raises(ValidationError) as error:
        PaperRecord.model_validate(fields)
    assert expected in str(error.value)


def test_a_record_whose_spans_all_match_passes_both_checks() -> None:
    fields = _fields(_at("Model A"), 0)
    unchecked = PaperRecord.model_construct(**fields)
    assert _named_loop_error(unchecked) is None
    assert unchecked._all_spans_match_text()
    assert PaperRecord.model_validate(fields).method is not None
