r"""Text from records made safe for the files the tool writes: links, CSV cells, Markdown.

Records may come from someone else (a records file, a database), so every output treats
their strings as hostile: only ``http(s)`` URLs become links, a CSV cell never starts a
spreadsheet formula, and Markdown never carries raw HTML.

>>> web_url("javascript:alert(1)") is None
True
>>> spreadsheet_cell("=HYPERLINK(1)"), spreadsheet_cell("-3.5"), spreadsheet_cell("-x")
("'=HYPERLINK(1)", '-3.5', "'-x")
>>> print(markdown_text("<b>a|b</b> [x](y)"))
&lt;b&gt;a\|b&lt;/b&gt; \[x\](y)
"""

from __future__ import annotations

import regex

# The whole URL, as written: a browser strips leading blanks and removes tabs and newlines
# anywhere, so anything but a plain http(s) prefix and no blank or control character at
# all could become another scheme ("java\tscript:").
_web_url = regex.compile(r"(?i)https?://[^\s\x00-\x1f\x7f/?#]+[^\s\x00-\x1f\x7f]*").fullmatch

#: What a spreadsheet may run as a formula when a cell starts with it (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_plain_number = regex.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?").fullmatch

_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "&": "&amp;", "<": "&lt;", ">": "&gt;"}
)


def web_url(url: str | None) -> str | None:
    """The URL when it is a plain ``http``/``https`` URL that may become a link, else None.

    >>> web_url("https://github.com/a/b")
    'https://github.com/a/b'
    >>> [web_url(u) for u in ("data:text/html,x", " https://a.b", "https:///x", "ftp://a")]
    [None, None, None, None]
    """
    return url if url and _web_url(url) else None


def spreadsheet_cell(text: str) -> str:
    r"""A text cell a spreadsheet shows as text: a leading ``'`` when it would start a
    formula, unless it is a plain number (those stay numbers).

    >>> spreadsheet_cell("@SUM(A1)"), spreadsheet_cell("\r=1+1"), spreadsheet_cell("+2.1%")
    ("'@SUM(A1)", "'\r=1+1", '+2.1%')
    """
    if text.startswith(FORMULA_STARTS) and not _plain_number(text):
        return "'" + text
    return text


def csv_field(value: object) -> str:
    r'''One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF.

    >>> print(csv_field("a\rb").replace("\r", "<CR>"), csv_field('"b" c'), csv_field(3))
    "a<CR>b" """b"" c" 3
    '''
    text = str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def markdown_text(text: str | None) -> str:
    """Text shown as itself in Markdown (a table cell, a heading): no raw HTML, no link
    syntax, no cell break; line breaks become spaces."""
    flat = " ".join((text or "").splitlines())
    return flat.translate(_MARKDOWN)
