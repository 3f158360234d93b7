"""Clean raw abstract text: LaTeX escapes, mangled entities, stray whitespace.

Every span in a record indexes into the text this module returns, so cleaning happens
once, before the pipeline, and the cleaned text is what the record carries.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable

import regex

# "\%", "\&", "\_", "\#", "\$": LaTeX escapes of characters that are plain in prose.
_sub_latex_escape = regex.compile(r"\\([%&_#$])").sub

# ``quoted'' -> "quoted". Only a doubled back-tick opens a LaTeX quote, so apostrophes and
# primes elsewhere stay as they are.
_sub_latex_quotes = regex.compile(r"``(.*?)''", regex.DOTALL).sub

# Feeds that lose the "&#" of an HTML character reference leave "x2013" glued to the words
# around it ("samplesx2013less"). Only the General Punctuation block (U+2010-U+205F) is
# repaired, and only after a letter, a space or punctuation, so hex literals such as
# "0x2013" are not touched.
_sub_mangled_entity = regex.compile(
    r"(?<=[\p{L}\s.,;:)])x(20[1-5][0-9a-fA-F])(?=[\p{L}\p{N}\s(])"
).sub

# Inline LaTeX math around plain content: "$1.63\\%$" -> "1.63%", "$\\times$" -> "×".
_sub_inline_math = regex.compile(r"\$([^$]{1,40})\$").sub
# The same written with LaTeX's other delimiters: "\(15-500\times\)" -> "15-500×".
_sub_paren_math = regex.compile(r"\\\(((?:(?!\\\)).){1,40})\\\)").sub
_LATEX_SYMBOLS = {
    r"\times": "×",
    r"\pm": "±",
    r"\approx": "≈",
    r"\sim": "~",
    r"\leq": "≤",
    r"\geq": "≥",
    r"\le": "≤",
    r"\ge": "≥",
    r"\%": "%",
    # Thin and medium spaces between a number and its unit: "75\,FPS", "3\;ms".
    r"\,": " ",
    r"\;": " ",
}
# LaTeX text styles around plain words, as raw arXiv abstracts keep them:
# "by up to \\textbf{89%}" -> "by up to 89%", "\\texttt{NVIDIA-GV100}" -> "NVIDIA-GV100".
_sub_text_style = regex.compile(
    r"\\(?:textbf|textit|texttt|textsc|textrm|textsf|emph|underline|mathbf|mathrm|mathit|"
    r"mathsf|mathtt|boldsymbol|bm)\{((?:[^{}\\]|\\[%&_#$]){1,80})\}"
).sub
_sub_latex_symbol = regex.compile(
    "|".join(regex.escape(s) for s in sorted(_LATEX_SYMBOLS, key=len, reverse=True))
).sub


# A symbol rendered and also left as LaTeX right after it ("2.46×\\times", from pages that
# show both): one symbol.
_doubled_symbol = regex.compile(
    "|".join(regex.escape(sym + tex) for tex, sym in _LATEX_SYMBOLS.items())
)
# Each symbol (one character) and the LaTeX names of it.
_NAMES_OF_SYMBOL = {
    sym: tuple(tex for tex, other in _LATEX_SYMBOLS.items() if other == sym)
    for sym in _LATEX_SYMBOLS.values()
}


def _sub_doubled_symbol(repl: Callable[[regex.Match[str]], str], text: str) -> str:
    """``_doubled_symbol.sub(repl, text)``, run only when a symbol stands right before a
    LaTeX name of it: at the backslashes (``str.find``), not by a scan of every position
    of the text (the alternation opens with eleven different characters; about 35 us an
    abstract). A match is a symbol followed by its name, which opens with the backslash,
    so where no backslash has them around it the text has no match."""
    at = text.find("\\", 1)
    while at > 0:
        names = _NAMES_OF_SYMBOL.get(text[at - 1])
        if names is not None and text.startswith(names, at):
            undoubled: str = _doubled_symbol.sub(repl, text)
            return undoubled
        at = text.find("\\", at + 1)
    return text


_search_prose_word = regex.compile(r"(?<!\\)\b[A-Za-z]{3,}").search


def _unmath(match: regex.Match[str]) -> str:
    """Inline math without its dollars; prose between two "$" amounts is left alone."""
    inner: str = match.group(1)
    if _search_prose_word(inner):
        whole: str = match.group()
        return whole
    plain: str = _sub_latex_symbol(lambda m: _LATEX_SYMBOLS[m.group()], inner)
    return plain.replace("{", "").replace("}", "")


# Pages that render a formula twice, as text and then as its LaTeX source, glue the two:
# "34.8%34.8\\%", "r=0.986r{=}0.986", "+1.0{+}1.0 dB". Only a token holding a digit and
# a LaTeX mark ("{", "\\", "^") is looked at, and it is cut to one copy only when it is
# exactly two equal halves once the marks are removed.
_TRAILING = ",;:.)]"


def _one_rendering(token: str) -> str:
    """``token`` once when it is a formula written twice, else as it is."""
    body = token.rstrip(_TRAILING).lstrip("([")
    head = token[: len(token) - len(token.lstrip("(["))]
    tail = token[len(head) + len(body) :]
    plain = body.replace("\\%", "%").replace("{", "").replace("}", "").replace("^", "")
    half = len(plain) // 2
    if (
        half >= 2
        and len(plain) % 2 == 0
        and plain[:half] == plain[half:]
        and any(c.isdigit() for c in plain[:half])
        and "\\" not in plain
    ):
        return head + plain[:half] + tail
    return token


def _undouble(text: str) -> str:
    """``text`` with every formula rendered twice written once: each token (between white
    space) holding a LaTeX mark is looked at once."""
    pieces: list[str] = []
    done, changed = 0, False  # text[:done] is in pieces
    for mark in _finditer_mark(text):
        at = mark.start()
        if at < done:
            continue  # in a token already looked at
        start = max(text.rfind(space, 0, at) for space in _SPACES) + 1
        found = _search_space(text, at)
        end = found.start() if found else len(text)
        token = text[start:end]
        once = _one_rendering(token) if any(c.isdigit() for c in token) else token
        changed = changed or once is not token
        pieces += [text[done:start], once]
        done = end
    return "".join(pieces) + text[done:] if changed else text


_finditer_mark = regex.compile(r"[{\\^]").finditer
_search_space = regex.compile(r"\s").search
_SPACES = (" ", "\t", "\n", "\r")


# A percentage glued to the metric after it: "89.37%AUC" -> "89.37% AUC".
_sub_glued_percent = regex.compile(r"(?<=\d%)(?=\p{Lu})").sub


# A number glued to "vs." in raw text: "(vs.20.0% for X)".
_sub_glued_versus = regex.compile(r"(?<=\bvs\.)(?=\d)").sub


def _has_glued_percent(text: str) -> bool:
    """Whether a digit's "%" has a capital right after it (``str.find``: most abstracts
    have a few "%" and no such capital)."""
    at = text.find("%")
    while at > 0:
        if text[at + 1 : at + 2].isupper() and text[at - 1].isdigit():
            return True
        at = text.find("%", at + 1)
    return False


# Real HTML entities: "&amp;", "&#8211;", "&#x2013;".
_search_html_entity = regex.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,31});").search

# Control characters other than white space carry no text, and no-break and zero-width
# spaces separate words: all become spaces, then runs of white space become one space.
_TO_SPACE = {code: " " for code in (*range(0x00, 0x20), *range(0x7F, 0xA1))}
_TO_SPACE.update({0x200B: " ", 0x2060: " ", 0xFEFF: " "})


def _decode_entity(match: regex.Match[str]) -> str:
    code: str = match.group(1)
    return chr(int(code, 16))


def clean(raw: str) -> str:
    """Return ``raw`` as readable prose with single spaces and no markup escapes.

    >>> clean(r"from 33.25\\% to 1.74\\%, as in Harmless\\&Helpful")
    'from 33.25% to 1.74%, as in Harmless&Helpful'
    >>> clean("a theory, ``Weight Guide'' aimed at")
    'a theory, "Weight Guide" aimed at'
    >>> clean("paired samplesx2013less than 1% of the data")
    'paired samples\u2013less than 1% of the data'
    >>> clean("  AT&amp;T \\n\\n scores&#x2014;high ")
    'AT&T scores\u2014high'
    >>> clean(r"gains of $1.63\\%$ and $2\\times$ faster, $\\sim$5 s")
    'gains of 1.63% and 2× faster, ~5 s'
    >>> clean(r"by 2.46×\\times to 3.00×\\times")
    'by 2.46× to 3.00×'
    >>> clean("costs $5 and then $10 more")
    'costs $5 and then $10 more'
    >>> clean(r"89.37%AUC at 75\\,FPS")
    '89.37% AUC at 75 FPS'
    >>> clean(r"gains of 34.8%34.8\\% and r=0.986r{=}0.986 (+1.0{+}1.0 dB)")
    'gains of 34.8% and r=0.986 (+1.0 dB)'
    >>> clean(r"\\(15-500\\times\\) better")
    '15-500× better'
    >>> clean("reaches 95.6% (vs.85.2% for X)")
    'reaches 95.6% (vs. 85.2% for X)'
    >>> clean(r"by up to \\textbf{89\\%} on \\texttt{NVIDIA-GV100}")
    'by up to 89% on NVIDIA-GV100'
    >>> clean("")
    ''
    """
    printable_ascii = _is_printable_ascii(raw)
    # NFC and the control-character map would leave printable ASCII as it is.
    text = raw if printable_ascii else unicodedata.normalize("NFC", raw).translate(_TO_SPACE)
    # Each repair runs only where its trigger appears: most abstracts need none.
    if "&" in text and _search_html_entity(text):
        text = html.unescape(text)
    if "{" in text or "\\%" in text:
        text = _undouble(text)
    if "$" in text:
        text = _sub_inline_math(_unmath, text)
    if "\\(" in text:
        text = _sub_paren_math(_unmath, text)
    if "\\" in text:
        if "{" in text:
            text = _sub_text_style(r"\1", text)
        text = _sub_doubled_symbol(lambda m: m.group()[0], text)
        text = _sub_latex_symbol(lambda m: _LATEX_SYMBOLS[m.group()], text)
        text = _sub_latex_escape(r"\1", text)
    if "%" in text and _has_glued_percent(text):
        text = _sub_glued_percent(" ", text)
    if "vs." in text:
        text = _sub_glued_versus(" ", text)
    if "`" in text and "``" in text:  # one character is found faster than two
        text = _sub_latex_quotes(r'"\1"', text)
    if "x20" in text:
        text = _sub_mangled_entity(_decode_entity, text)
    if text is not raw:  # a repair ran: test what it returned
        printable_ascii = _is_printable_ascii(text)
    if printable_ascii and _spaces_are_single(text):
        return text
    return " ".join(text.split())


# The characters ``str.isprintable`` rejects in ASCII, which are also the ASCII keys of
# ``_TO_SPACE``: U+0000-U+001F and U+007F.
_ASCII_CONTROLS = bytes((*range(0x00, 0x20), 0x7F))


def _is_printable_ascii(text: str) -> bool:
    """True when ``text`` is ASCII without control characters.

    On such text ``unicodedata.normalize("NFC", ...)`` changes nothing (ASCII has no
    combining characters) and neither does ``translate(_TO_SPACE)``, whose ASCII keys are
    exactly these control characters. ``str.isascii`` reads a flag; deleting the controls
    from the ASCII bytes and comparing lengths is a third of the cost of ``isprintable``.
    """
    if not text.isascii():
        return False
    ascii_bytes = text.encode("ascii")
    return len(ascii_bytes.translate(None, _ASCII_CONTROLS)) == len(ascii_bytes)


def _spaces_are_single(printable_ascii: str) -> bool:
    """True when ``" ".join(text.split())`` would return the (printable ASCII) text as is.

    In printable ASCII the only white space ``str.split`` knows is the space itself (tab,
    line breaks and U+001C-U+001F are control characters), so the join changes the text
    only where it starts or ends with a space or holds two in a row.
    """
    return (
        "  " not in printable_ascii
        and not printable_ascii.startswith(" ")
        and not printable_ascii.endswith(" ")
    )
