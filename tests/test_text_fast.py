"""``clean``'s fast paths return what the plain steps return, on tricky inputs."""

from __future__ import annotations

import html
import random
import unicodedata

import pytest

from extractor import _text
from extractor._text import clean


def _plain_clean(raw: str) -> str:
    """``clean`` without its fast paths: every step runs on every text."""
    text = unicodedata.normalize("NFC", raw).translate(_text._TO_SPACE)
    if _text._search_html_entity(text):
        text = html.unescape(text)
    text = _text._undouble(text)
    text = _text._sub_inline_math(_text._unmath, text)
    text = _text._sub_paren_math(_text._unmath, text)
    text = _text._doubled_symbol.sub(lambda m: m.group()[0], text)
    text = _text._sub_latex_symbol(lambda m: _text._LATEX_SYMBOLS[m.group()], text)
    text = _text._sub_latex_escape(r"\1", text)
    text = _text._sub_glued_percent(" ", text)
    text = _text._sub_latex_quotes(r'"\1"', text)
    text = _text._sub_mangled_entity(_text._decode_entity, text)
    return " ".join(text.split())


TRICKY = [
    "",
    " ",
    "plain ASCII prose, nothing to do.",
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\there",
    "line\nbreak and carriage\rreturn",
    "separators \x1c\x1d\x1e\x1f are white space to str.split",
    "vertical\x0btab and form\x0cfeed",
    "delete \x7f and bell \x07 and NUL \x00",
    "next line \x85 and no-break\xa0space",
    "zero\u200bwidth and word\u2060joiner and \ufeffBOM",
    "combining e\u0301 and precomposed \u00e9",
    "an entity &#10; that decodes to a line break",
    "an entity &#1; that decodes to a control character",
    "no-break &nbsp; entity and AT&amp;T",
    "``quoted'' and a lone ` back-tick",
    "samplesx2013less and 0x2013",
    r"gains of $1.63\%$ and $2\times$",
    r"2.46×\times faster",
    "89.37%AUC and 75\\,FPS",
    r"34.8%34.8\% and R2=0.973R^{2}{=}0.973, +1.0{+}1.0 dB",
    r"a set {1, 2} and 2^{10} and 11 and 1.11.1",
    r"\(15-500\times\) better and \(x\) and \( unclosed",
    "ends with an entity &#32;",
    "&#32;starts with an entity",
    "entity makes two spaces: a&#32; b",
]


@pytest.mark.parametrize("raw", TRICKY)
def test_clean_equals_the_plain_steps(raw: str) -> None:
    assert clean(raw) == _plain_clean(raw)


def test_clean_equals_the_plain_steps_on_random_mixtures() -> None:
    pieces = [" ", "  ", "\t", "\n", "\x1f", "\x7f", "\x85", "\xa0", "e\u0301", "é", "&amp;"]
    pieces += [
        "&#10;",
        "&#1;",
        "``",
        "''",
        "`",
        "x2013",
        "$",
        "\\%",
        "\\times",
        "a",
        "Zz",
        ".",
        "1.5",
        "{=}",
        "{",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert clean(raw) == _plain_clean(raw), repr(raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words.", True),
        ("", True),
        ("tab\there", False),
        ("delete\x7f", False),
        ("unit \x1f separator", False),
        ("no-break\xa0space", False),
        ("é", False),
    ],
)
def test_is_printable_ascii_agrees_with_isprintable(text: str, expected: bool) -> None:
    assert _text._is_printable_ascii(text) is expected
    assert (text.isascii() and text.isprintable()) is expected


def test_a_clean_text_comes_back_as_the_same_object() -> None:
    text = "A plain abstract with single spaces."
    assert clean(text) is text


def test_doubled_symbols_are_undoubled_as_the_plain_substitution_does() -> None:
    symbols = sorted(set(_text._LATEX_SYMBOLS.values()))
    pieces = [*symbols, *_text._LATEX_SYMBOLS, "\\", "\\t", "\\times", "x", "1.5", "×\\", " "]
    rng = random.Random(11)
    changed = 0
    for _ in range(20_000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        expected = _text._doubled_symbol.sub(lambda m: m.group()[0], raw)
        assert _text._sub_doubled_symbol(lambda m: m.group()[0], raw) == expected, repr(raw)
        changed += expected != raw
    assert changed > 1000  # the mixtures do hold doubled symbols
