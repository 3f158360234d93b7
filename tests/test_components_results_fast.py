"""The result linker's fast paths find exactly what the plain scans find."""

from __future__ import annotations

import random

from extractor.components import _sentences

# Stops, closers, openers and white space of several kinds (one, U+001C, is white space
# to ``str.isspace`` but not to ``regex``), abbreviations, single capitals, digits.
_ALPHABET = [".", "!", "?", '"', "'", "”", "’", ")", "]", "(", "[", "“", "‘"]
_ALPHABET += [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "a", "b", "A", "Z", "É"]
_ALPHABET += ["3", "3.1", "e.g.", "i.e.", "et al.", "Fig.", "vs.", "J. ", "U.S. ", "No. "]
_ALPHABET += [". ", ".) ", '?" ', "! The ", ". 4 ", "."]


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    """``find_sentences`` as one scan of the boundary pattern over the whole text."""
    spans = []
    start = 0
    for boundary in _sentences._finditer_boundary(text):
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def test_sentences_found_at_stops_match_one_scan() -> None:
    rng = random.Random(7)
    texts = ["", ".", "A.", "A. B", "x. ", "It ends.\u00a0Then 3.1 more!  “Quote” here? [1] Ok."]
    texts += [
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(20000)
    ]
    for text in texts:
        assert _sentences.find_sentences(text) == _plain_sentences(text), repr(text)
