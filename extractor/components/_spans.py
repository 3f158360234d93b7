"""Helpers shared by the components: exact character matches and their token spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from extractor.components import _msgpack  # noqa: F401  (payloads serialise with the Doc)
from extractor.components._frozen import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class CharMatch:
    """Characters ``[start, end)`` of ``doc.text`` that a component found, with a label."""

    start: int
    end: int
    label: str


_TEXT_KEY = "paper_text"


def payload(doc: Doc, name: str) -> Any:
    """What an earlier component stored in ``doc._.{name}``; None if it has not run.

    Reads the value where spaCy's ``doc._`` keeps it (``doc.user_data``), which skips
    building an ``Underscore`` object on every access; the components read payloads often.
    """
    user_data: dict[Any, Any] = doc.user_data
    return user_data.get(("._.", name, None, None))


def set_payload(doc: Doc, name: str, value: Any) -> None:
    """Store ``value`` as ``doc._.{name}`` (the extension must be registered)."""
    user_data: dict[Any, Any] = doc.user_data
    user_data[("._.", name, None, None)] = value


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc and kept in ``doc.user_data``.

    spaCy rebuilds ``doc.text`` from the tokens on every access; the components read it
    often, so they share one copy.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


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
