"""Acronym definitions: the fast window search equals the plain one."""

from __future__ import annotations

import pytest
import regex

from extractor.components.abbreviations import _window_start


def _plain_window_start(text: str, paren: int, max_words: int) -> int:
    """The window start as first written: slice, cut at the last stop, list every word."""
    head_start = max(0, paren - 200)
    head = text[head_start:paren]
    for stop in (". ", "; ", ": ", "? ", "! ", "("):
        cut = head.rfind(stop)
        if cut >= 0:
            head_start += cut + len(stop)
            head = text[head_start:paren]
    words = list(regex.finditer(r"\S+", head))
    if not words:
        return paren
    return head_start + words[max(0, len(words) - max_words)].start()


_TEXTS = [
    "We propose Metrics-Weighted Averaging (MWA).",
    "Results. We train Stable Diffusion (SD)",
    "a (b (Direct Preference Optimization (DPO)",
    "x" * 250 + " Long Form (LF)",
    "word " * 60 + "(W)",
    "(X)",
    " \n\t (Y)",
    "Tab\tseparated\u2003words\u00a0here\x1cand there (TS)",
    "Q? A! B: C; D. E (F)",
    "trailing spaces   \n (TS)",
]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("max_words", [1, 2, 3, 6, 9, 18])
def test_window_start_equals_listing_every_word(text: str, max_words: int) -> None:
    paren = text.rindex("(")
    assert _window_start(text, paren, max_words) == _plain_window_start(text, paren, max_words)


def test_long_form_found_by_rfind_equals_the_plain_scan() -> None:
    import random

    from extractor.components.abbreviations import _best_long_form_plain, best_long_form

    # Characters that lower to two ("İ"), lower by context ("Σ"), fold oddly ("ß", "K"),
    # digits, hyphens, spaces of several kinds, and word starts.
    alphabet = ["a", "b", "c", "A", "B", "C", "İ", "i", "Σ", "σ", "ß", "K", "k", "1", "2"]
    alphabet += ["-", " ", "\u00a0", "\x1c", "(", "é", "É", "Metrics", "Weighted", "x"]
    rng = random.Random(13)
    cases = [("MWA", "we propose Metrics-Weighted Averaging"), ("İB", "İnce Bağ"), ("ΣA", "Σa")]
    for _ in range(20000):
        short = "".join(rng.choices([*alphabet[:15], "-", "2"], k=rng.randint(1, 4)))
        candidate = "".join(rng.choices(alphabet, k=rng.randint(0, 14)))
        cases.append((short, candidate))
    for short, candidate in cases:
        assert best_long_form(short, candidate) == _best_long_form_plain(short, candidate), (
            short,
            candidate,
        )
    assert sum(best_long_form(s, c) is not None for s, c in cases) > 1000


def test_window_start_by_str_split_equals_the_word_scan() -> None:
    import random

    from extractor.components import abbreviations

    def plain(text: str, paren: int, max_words: int) -> int:
        head_start = max(0, paren - 200)
        for stop in (". ", "; ", ": ", "? ", "! ", "("):
            cut = text.rfind(stop, head_start, paren)
            if cut >= 0:
                head_start = cut + len(stop)
        first = paren
        words = abbreviations._finditer_words_backwards(text, head_start, paren)
        for count, word in enumerate(words, start=1):
            first = word.start()
            if count == max_words:
                break
        return first

    pieces = ["a", "Bb", "c-d", " ", "  ", "\t", "\n", "\x1c", "\x1f", "\u00a0", "é", ". ", "("]
    rng = random.Random(17)
    for _ in range(20000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 150)))
        paren = rng.randint(0, len(text))
        max_words = rng.randint(1, 8)
        got = abbreviations._window_start(text, paren, max_words)
        assert got == plain(text, paren, max_words), (text, paren, max_words)


def test_a_short_acronym_may_spell_out_a_long_form_with_small_words() -> None:
    from extractor.components.abbreviations import find_abbreviations

    text = "an area under the receiver operating characteristic curve (AUC) of 0.93"
    assert [(a.long, a.short) for a in find_abbreviations(text)] == [
        ("area under the receiver operating characteristic curve", "AUC")
    ]
