"""Claims without evidence: "state of the art" or "outperforms" with no number (A5xx)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractor.audit._findings import Finding, finding
from extractor.audit._text import span_at
from extractor.components._sentences import find_sentences
from extractor_schemas import PaperRecord

# A claim of superiority: the paper beats others, or sets the state of the art.
_search_claim = regex.compile(
    r"""
    \b(?:outperform|surpass)\w*
    | \b(?:achiev|attain|set|establish|reach|deliver|obtain|yield)\w*\s+
      (?:[\w-]+\s+){0,3}?(?:state[-\s]of[-\s]the[-\s]art|SOTA)\b
    | \bnew\s+(?:state[-\s]of[-\s]the[-\s]art|SOTA)\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
).search

# A number that could back a claim: a percentage, a factor, points, or a decimal score.
_search_evidence = regex.compile(
    r"\d(?:[\d,]*\.\d+)?\s*(?:%|x\b|×|points?\b|pp\b)|\d\.\d", regex.IGNORECASE
).search


def check_claims(record: PaperRecord) -> Iterator[Finding]:
    """A501: a sentence claiming superiority that holds no result and no score-like number.

    Counts ("on 24 benchmarks") are not evidence; a percentage, factor, points or a
    decimal score in the sentence is, whether or not the record kept it as a result.
    """
    results = [r.span for r in record.metrics]
    for start, end in find_sentences(record.text):
        sentence = record.text[start:end]
        claim = _search_claim(sentence)
        if claim is None or _search_evidence(sentence):
            continue
        if any(start <= span.start and span.end <= end for span in results):
            continue
        yield finding(
            record.id,
            "A501",
            f"{claim.group()!r} with no number in its sentence",
            [span_at(record.text, start + claim.start(), start + claim.end())],
        )
