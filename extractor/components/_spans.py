"""Helpers shared by the components: exact character matches and their token spans."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex
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


class Intervals:
    """Character intervals ``[start, end)`` asked whether any overlaps a new one.

    The question costs a binary search and a look at the intervals starting within the
    longest interval's length before the new one's end, not a scan of all of them: a
    text listing thousands of names stays linear.

    >>> taken = Intervals([(0, 5), (10, 12)])
    >>> taken.overlaps(4, 8), taken.overlaps(5, 10), taken.overlaps(11, 20)
    (True, False, True)
    >>> taken.add(20, 30)
    >>> taken.overlaps(25, 26)
    True
    """

    __slots__ = ("_longest", "_spans")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((end - start for start, end in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        spans = self._spans
        i = bisect_left(spans, (end,))  # the first interval starting at or after ``end``
        lowest = start - self._longest
        while i > 0:
            i -= 1
            s, e = spans[i]
            if s <= lowest:  # it, and every interval before it, ends by ``start``
                return False
            if e > start:
                return True
        return False


# A character that joins a word to its neighbour: the ``[\w\-]`` of ``(?<![\w\-])`` and
# ``(?![\w\-])``.
_match_joining = regex.compile(r"[\w\-]").match


def whole_word_spans(text: str, word: str) -> Iterator[tuple[int, int]]:
    """The spans where ``word`` stands on its own (no word character or hyphen on either
    side), left to right and not overlapping: what
    ``regex.finditer(rf"(?<![\\w\\-]){regex.escape(word)}(?![\\w\\-])", text)`` finds,
    without compiling a pattern for every word (str.find, then two one-character checks).

    >>> list(whole_word_spans("CTR, CTR-2 and xCTR; CTR.", "CTR"))
    [(0, 3), (21, 24)]
    """
    if not word:  # the pattern would match the empty string: leave that to regex
        yield from (m.span() for m in regex.finditer(_whole_word_pattern(word), text))
        return
    size = len(word)
    at = text.find(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not _match_joining(text, at - 1)) and not _match_joining(text, end):
            yield at, end
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _whole_word_pattern(word: str) -> str:
    return rf"(?<![\w\-]){regex.escape(word)}(?![\w\-])"
