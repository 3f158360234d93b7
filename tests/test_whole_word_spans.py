"""``whole_word_spans`` (a str.find fast path) against the regex it stands in for."""

from __future__ import annotations

import random

import regex

from extractor.components._spans import whole_word_spans


def _plain(text: str, word: str) -> list[tuple[int, int]]:
    pattern = rf"(?<![\w\-]){regex.escape(word)}(?![\w\-])"
    return [m.span() for m in regex.finditer(pattern, text)]


def test_known_cases() -> None:
    assert list(whole_word_spans("CTR, CTR-2 and xCTR; CTR.", "CTR")) == [(0, 3), (21, 24)]
    assert list(whole_word_spans("aa aaa aa", "aa")) == [(0, 2), (7, 9)]
    assert list(whole_word_spans("CTR_x CTR", "CTR")) == [(6, 9)]
    assert list(whole_word_spans("éCTR CTRé CTR", "CTR")) == [(10, 13)]


def test_matches_the_regex_on_random_texts() -> None:
    rng = random.Random(15)
    alphabet = ["a", "A", "b", "-", "_", " ", ".", "(", ")", "é", "1", "+", "*", "\u0301"]
    words = ["a", "aa", "a-b", "A+", "(a)", "a.", "é", "1", "a b", "*", ""]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        word = rng.choice(words)
        assert list(whole_word_spans(text, word)) == _plain(text, word), (text, word)
