"""Sentence boundaries on characters, for pipelines without a sentencizer.

spaCy's rule-based sentencizer visits every token; the result linker only needs the
sentence around each result, so a compiled pattern over the text does the job at a
fraction of the cost.

A "sentence" longer than :data:`MAX_SENTENCE_CHARS` is not one (an abstract with no full
stop, a list of thousands of numbers): it is cut into pieces of at most that length, at a
"; " or ", " where it can, else at a space. Work done per sentence downstream (pairing
every number with every name of its sentence) is then bounded whatever the input.
"""

from __future__ import annotations

import re

import regex

# A sentence ends at ".", "!" or "?" (and closing quotes or brackets) followed by white
# space and a capital letter, digit, quote or bracket, unless the full stop ends a common
# abbreviation ("e.g.", "et al.", "Fig.") or a single capital ("J. Smith").
_BOUNDARY = regex.compile(
    r"""
    [.!?]  # first, so the engine only tries the rest at a stop
    (?<!\b(?:e\.g|i\.e|et\sal|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|approx|resp|i\.i\.d)\.)
    (?<!(?:^|\s)\p{Lu}\.)
    ["'”’)\]]*
    \s+
    (?=["'“‘(\[]?[\p{Lu}\p{N}])
    """,
    regex.VERBOSE,
)
_finditer_boundary = _BOUNDARY.finditer
_match_boundary = _BOUNDARY.match

# The same pattern for ASCII text, in ``re``, which tries it at a stop in about a third of
# the time. On ASCII, ``\p{Lu}`` is [A-Z], ``\p{N}`` is [0-9] and ``regex``'s ``\s`` is
# the class below (``re``'s own ``\s`` also takes U+001C-U+001F); the quotes ” ’ “ ‘
# cannot occur. ``re`` wants a fixed width behind, so each look-behind is split into one
# per length of what it rejects: not matching any of them is not matching the whole.
_ASCII_SPACE = r"[ \t\n\v\f\r]"
_match_ascii_boundary = re.compile(
    rf"""
    [.!?]
    (?<!\b(?:vs|cf|Eq|No)\.)
    (?<!\b(?:e\.g|i\.e|etc|Fig|Eqs|Sec|Tab)\.)
    (?<!\b(?:Figs|resp)\.)
    (?<!\b(?:et{_ASCII_SPACE}al|i\.i\.d)\.)
    (?<!\bapprox\.)
    (?<!{_ASCII_SPACE}[A-Z]\.)
    (?<!^[A-Z]\.)
    ["')\]]*
    {_ASCII_SPACE}+
    (?=["'(\[]?[A-Z0-9])
    """,
    re.VERBOSE,
).match

#: The longest sentence, in characters; the longest in 320 hand-checked abstracts has 752.
MAX_SENTENCE_CHARS = 1_200

_STOPS = ".!?"
# What may follow a stop in a boundary: a closing quote or bracket, or white space
# (``str.isspace`` holds for every character ``regex`` counts as ``\s``, and more).
_CLOSERS = frozenset("\"'”’)]")


def _stops(text: str) -> list[int]:
    """Where ".", "!" and "?" stand in ``text``, in order, found by ``str.find``."""
    found = []
    for stop in _STOPS:
        at = text.find(stop)
        while at != -1:
            found.append(at)
            at = text.find(stop, at + 1)
    found.sort()
    return found


def _boundaries(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each boundary match, as ``_finditer_boundary`` finds them.

    A match starts at a stop, so it is enough to try the pattern anchored at each stop a
    closing quote, bracket or white space follows (a decimal point such as "3.1" is skipped
    without calling the engine). A match holds one stop only (what follows it is closers
    and white space), so matches at successive stops never overlap, as in a scan.
    """
    spans = []
    last = len(text) - 1
    match_boundary = _match_ascii_boundary if text.isascii() else _match_boundary
    for at in _stops(text):
        if at == last:
            break
        after = text[at + 1]
        if after in _CLOSERS or after.isspace():
            boundary = match_boundary(text, at)
            if boundary is not None:
                spans.append(boundary.span())
    return spans


def find_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, without surrounding white space.

    >>> text = "It works, e.g. on GSM8K. We gain 3.1 points! Done"
    >>> [text[s:e] for s, e in find_sentences(text)]
    ['It works, e.g. on GSM8K.', 'We gain 3.1 points!', 'Done']
    >>> text = "It beats X vs. Y 3 (Fig. 2), as J. Smith et al. Found. Yes"
    >>> [text[s:e] for s, e in find_sentences(text)]
    ['It beats X vs. Y 3 (Fig. 2), as J. Smith et al. Found.', 'Yes']
    >>> find_sentences("")
    []
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for stop, boundary_end in _boundaries(text):
        end = stop + len(text[stop:boundary_end].rstrip())
        _append_bounded(spans, text, start, end)
        start = boundary_end
    end = len(text.rstrip())
    if start < end:
        _append_bounded(spans, text, start, end)
    return spans


def _append_bounded(
    spans: list[tuple[int, int]], text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS
) -> None:
    """Append the sentence ``text[start:end]``, cut into pieces of at most ``limit``.

    >>> text = "a b, c d; e f g h i j k"
    >>> spans = []
    >>> _append_bounded(spans, text, 0, len(text), limit=10)
    >>> [text[s:e] for s, e in spans]
    ['a b, c d;', 'e f g h i', 'j k']
    """
    while end - start > limit:
        cut = _cut(text, start, start + limit)
        spans.append((start, start + len(text[start:cut].rstrip())))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a piece of ``text[start:stop]``: after its last "; " or ", " in the
    second half, else at its last space, else at ``stop`` (a run with no space at all)."""
    half = start + (stop - start) // 2
    for mark in ("; ", ", "):
        at = text.rfind(mark, half, stop + 1)
        if at != -1:
            return at + 1
    at = text.rfind(" ", start + 1, stop + 1)
    return at if at > start else stop
