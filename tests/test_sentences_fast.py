"""The ASCII sentence-boundary pattern (``re``) agrees with the Unicode one (``regex``)."""

from __future__ import annotations

import random

import pytest

from extractor.components import _sentences
from extractor.components._sentences import find_sentences

PIECES = ["e.g.", "i.e.", "et al.", "et\tal.", "etc.", "vs.", "cf.", "Fig.", "Figs.", "Eq."]
PIECES += ["Eqs.", "Sec.", "Tab.", "No.", "approx.", "resp.", "i.i.d.", "xe.g.", "Xi.i.d."]
PIECES += [" ", "  ", "\t", "\n", "\x0b", "\x1c", ".", "!", "?", '"', "'", ")", "]", "(", "["]
PIECES += ["A", "Z", "a", "3", "_", "x.", "A.", " A.", "We gain 3.1 points. "]


def _matches(match: object, text: str) -> list[tuple[int, int]]:
    assert callable(match)
    return [found.span() for at in range(len(text)) if (found := match(text, at))]


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    """``find_sentences`` as one scan of the Unicode pattern over the whole text."""
    spans, start = [], 0
    for boundary in _sentences._finditer_boundary(text):
        stop = boundary.start()
        spans.append((start, stop + len(text[stop : boundary.end()].rstrip())))
        start = boundary.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _random_texts(count: int) -> list[str]:
    rng = random.Random(5)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10))) for _ in range(count)]


def test_ascii_pattern_matches_where_the_unicode_one_does() -> None:
    for text in _random_texts(4000):
        assert text.isascii()
        expected = _matches(_sentences._match_boundary, text)
        assert _matches(_sentences._match_ascii_boundary, text) == expected, repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "It works, e.g. on GSM8K. We gain 3.1 points! Done",
        "It beats X vs. Y 3 (Fig. 2), as J. Smith et al. Found. Yes",
        "A. Start with a capital. (Then a bracket.) 'Quoted.' 2 more",
        "Ends at approx. 5 ms. Next.\u00a0Not ASCII: \u201cQuoted.\u201d Done.",
    ],
)
def test_find_sentences_equals_one_scan_of_the_unicode_pattern(text: str) -> None:
    assert find_sentences(text) == _plain_sentences(text)


def test_find_sentences_equals_one_scan_on_random_text() -> None:
    for text in _random_texts(4000):
        assert find_sentences(text) == _plain_sentences(text), repr(text)
