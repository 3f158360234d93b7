"""Helpers shared by the components: exact character matches and their token spans."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class CharMatch:
    """Characters ``[start, end)`` of ``doc.text`` that a component found, with a label."""

    start: int
    end: int
    label: str

    def text(self, doc: Doc) -> str:
        return doc.text[self.start : self.end]


def token_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The smallest token span covering characters ``[start, end)``, labelled.

    Components keep exact character offsets in their payloads; this span is what other
    spaCy code (``doc.spans``, displaCy) sees.
    """
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def set_spans(doc: Doc, key: str, matches: list[CharMatch]) -> None:
    """Store ``matches`` as token spans in ``doc.spans[key]`` (in order, no duplicates)."""
    spans = []
    seen: set[tuple[int, int, str]] = set()
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        span = token_span(doc, match.start, match.end, match.label)
        if span is None:
            continue
        ident = (span.start, span.end, match.label)
        if ident not in seen:
            seen.add(ident)
            spans.append(span)
    doc.spans[key] = spans
