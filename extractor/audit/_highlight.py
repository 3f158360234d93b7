"""An abstract as displaCy span markup: values, names, metrics, URLs and findings marked.

displaCy's span style works on tokens and escapes each token's text (``&``, ``<``, ``>``,
``"``); labels and colours come from this module only, never from the record.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from spacy import displacy

from extractor.audit._findings import Finding
from extractor.audit._text import span_at
from extractor_schemas import PaperRecord, Result, Span

#: Label -> colour of each kind of highlighted span.
COLOURS = {
    "VALUE": "#ffd54f",
    "METRIC": "#a5d6a7",
    "MODEL": "#90caf9",
    "BENCHMARK": "#ce93d8",
    "METHOD": "#80deea",
    "URL": "#bcaaa4",
}
SEVERITY_COLOURS = {"error": "#ef5350", "warning": "#ffa726", "info": "#b0bec5"}

_finditer_word = regex.compile(r"\S+").finditer


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of the text and its label."""

    start: int
    end: int
    label: str


def _metric_mark(text: str, result: Result) -> Mark | None:
    """The mention of a result's metric in its sentence nearest to the number."""
    if not result.metric:
        return None
    lowered, metric = text.casefold(), result.metric.casefold()
    if len(lowered) != len(text):
        return None  # case folding moved offsets; do not guess
    found, start = [], result.sentence.start
    while (at := lowered.find(metric, start, result.sentence.end)) >= 0:
        found.append(at)
        start = at + 1
    if not found:
        return None
    nearest = min(found, key=lambda at: abs(at - result.span.start))
    return Mark(nearest, nearest + len(metric), "METRIC")


def record_marks(record: PaperRecord) -> Iterator[Mark]:
    """What to highlight in a record's text: every value, name, metric and URL."""

    def mark(span: Span, label: str) -> Mark:
        located = span_at(record.text, span.start, span.end)
        return Mark(located.start, located.end, label)

    if record.method:
        yield from (mark(m, "METHOD") for m in record.method.mentions)
    for label, entities in (("MODEL", record.models), ("BENCHMARK", record.benchmarks)):
        for entity in entities:
            yield from (mark(m, label) for m in entity.mentions)
    for result in record.metrics:
        yield mark(result.span, "VALUE")
        metric = _metric_mark(record.text, result)
        if metric:
            yield metric
    yield from (mark(link.span, "URL") for link in record.code_urls)


def finding_marks(text: str, findings: Iterable[Finding]) -> Iterator[Mark]:
    """Each finding's spans, labelled with its code."""
    for found in findings:
        for span in found.spans:
            located = span_at(text, span.start, span.end)
            yield Mark(located.start, located.end, found.code)


def _tokens(text: str, marks: list[Mark]) -> list[tuple[int, int]]:
    """Words of ``text``, split where a mark starts or ends inside one.

    displaCy puts a space after every token, so a word is split only between pieces that
    marks cover differently; a piece no mark covers stays glued to its neighbour (the
    full stop after a marked name, the brackets round a marked acronym).

    >>> text = "Net, (SD) ab"
    >>> [text[s:e] for s, e in _tokens(text, [Mark(0, 3, "M"), Mark(6, 8, "M")])]
    ['Net,', '(SD)', 'ab']
    >>> [text[s:e] for s, e in _tokens(text, [Mark(0, 3, "M"), Mark(3, 4, "X")])]
    ['Net', ',', '(SD)', 'ab']
    """
    cuts = {edge for m in marks for edge in (m.start, m.end)}

    def cover(start: int, end: int) -> frozenset[Mark]:
        return frozenset(m for m in marks if m.start < end and m.end > start)

    tokens: list[tuple[int, int]] = []
    for word in _finditer_word(text):
        edges = [
            word.start(),
            *sorted(c for c in cuts if word.start() < c < word.end()),
            word.end(),
        ]
        pieces = [(s, e, cover(s, e)) for s, e in itertools.pairwise(edges)]
        merged: list[tuple[int, int, frozenset[Mark]]] = []
        for start, end, covered in pieces:
            if merged and (not covered or not merged[-1][2] or covered == merged[-1][2]):
                prev_start, _, prev_covered = merged.pop()
                merged.append((prev_start, end, prev_covered or covered))
            else:
                merged.append((start, end, covered))
        tokens.extend((start, end) for start, end, _ in merged)
    return tokens


def render_marked(text: str, marks: Iterable[Mark], colours: dict[str, str]) -> str:
    """displaCy span-style HTML of ``text`` with ``marks`` highlighted."""
    unique = sorted({m for m in marks if m.start < m.end}, key=lambda m: (m.start, -m.end, m.label))
    tokens = _tokens(text, unique)
    spans = []
    for m in unique:
        covered = [i for i, (s, e) in enumerate(tokens) if s < m.end and e > m.start]
        if covered:
            spans.append(
                {"start_token": covered[0], "end_token": covered[-1] + 1, "label": m.label}
            )
    html: str = displacy.render(
        {"text": text, "tokens": [text[s:e] for s, e in tokens], "spans": spans},
        style="span",
        manual=True,
        jupyter=False,
        options={"colors": colours},
    )
    return html
