"""Cue vocabularies (``cues.toml``) and the regexes and pre-checks built from them.

Each list is read once. From one list come both the regex alternation that matches its
entries and the cheap test run before that regex (the lower-cased words every match holds),
so a word added to the list reaches both and they cannot drift:

>>> alternation(("more compact", "speed-up", "train*"))
'(?:more\\\\s+compact|speed\\\\-up|train\\\\w*)'
>>> sorted(must_hold(("more compact", "speed-up", "train*")))
['more', 'speed-up', 'train']

The gates below run such a test before a ``regex`` call (``str`` operations cost far less
than a call) and skip the call when the test says no match is possible.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Protocol

import regex

_PATH = Path(__file__).with_name("cues.toml")


@cache
def _table() -> Mapping[str, Mapping[str, object]]:
    with _PATH.open("rb") as handle:
        return tomllib.load(handle)


def phrases(name: str) -> tuple[str, ...]:
    """The entries of the ``[phrases]`` list ``name``, as written in ``cues.toml``.

    >>> "more compact" in phrases("improvement_after")
    True
    """
    entries = _table()["phrases"][name]
    assert isinstance(entries, list)
    return tuple(str(e) for e in entries)


def word_set(name: str) -> frozenset[str]:
    """The ``[sets]`` list ``name`` as a set of strings.

    >>> "performance" in word_set("vague_change")
    True
    """
    entries = _table()["sets"][name]
    assert isinstance(entries, list)
    return frozenset(str(e) for e in entries)


def mapping(name: str) -> dict[str, str]:
    """The ``[mappings]`` table ``name``.

    >>> mapping("comparative_metric")["accurate"]
    'accuracy'
    """
    entries = _table()["mappings"][name]
    assert isinstance(entries, dict)
    return {str(k): str(v) for k, v in entries.items()}


def _entry_pattern(entry: str) -> str:
    if entry.endswith("*"):
        return str(regex.escape(entry[:-1])) + r"\w*"
    return r"\s+".join(str(regex.escape(word)) for word in entry.split())


def alternation(entries: Iterable[str]) -> str:
    """A non-capturing regex group matching any entry (longest first, so a plural wins
    over its singular where either could end the match)."""
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(_entry_pattern(e) for e in ordered) + ")"


def must_hold(entries: Iterable[str]) -> tuple[str, ...]:
    """Strings (lower case) one of which every match of ``alternation(entries)`` holds: the
    first word of each phrase, or the stem (a string holding another one is left out: the
    shorter one is found in it anyway).

    >>> must_hold(("outperform", "outperforms", "compared to", "train*", "pre-train*"))
    ('compared', 'outperform', 'train')
    """
    held = {e.rstrip("*").split()[0].lower() for e in entries}
    return tuple(sorted(w for w in held if not any(o != w and o in w for o in held)))


def last_words(entries: Iterable[str]) -> tuple[str, ...]:
    """The last word (lower case) of each entry: what a window ends in when a pattern
    anchored at its end matched one of them (see :func:`ends_in_word`).

    >>> last_words(("compared to", "vs.", "than"))
    ('than', 'to', 'vs.')
    """
    return tuple(sorted({e.split()[-1].lower() for e in entries}))


def holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """Whether one of ``parts`` is a substring of ``text`` (a loop: quicker than ``any``
    over a generator, which the pre-checks pay on every call).

    >>> holds_any("a 3% gain", ("gain", "drop")), holds_any("3 layers", ("gain",))
    (True, False)
    """
    for part in parts:  # noqa: SIM110 (the loop is the point)
        if part in text:
            return True
    return False


def ends_in_word(lowered: str, words: tuple[str, ...]) -> bool:
    """Whether an ASCII window in lower case ends in white space after one of ``words``.

    A match of a pattern ending ``(?:word)\\s+$`` (or ``\\Z``) ends the window with white
    space after the word; ``str.rstrip`` strips that white space and stops at the word's
    last letter, so ``lowered.rstrip()`` ends in the word.

    >>> ends_in_word("compared to ", ("to",)), ends_in_word("compared to", ("to",))
    (True, False)
    """
    return lowered[-1:].isspace() and lowered.rstrip().endswith(words)


class Search(Protocol):
    def __call__(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> regex.Match[str] | None: ...


def gated_search(
    plain: Search, may_match: Callable[[str], bool], longest: int | None = None
) -> Search:
    """``plain(text, pos, endpos)``, skipped when ``may_match`` says no of the window in
    lower case. ``may_match`` tests for words every match holds. It is asked only of an
    ASCII window: there ``IGNORECASE`` matches ASCII letters only, so those words stand in
    the lower-cased window whenever ``plain`` matches (elsewhere "K" or "ſ" may match "k"
    or "s", so the pattern always runs).

    longest: For an anchored pattern whose matches are short, windows longer than this go
    straight to ``plain`` (the test would read the whole window; the anchored match reads
    only its own length), so the cost per call stays bounded in long sentences.
    """

    def search(text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        if endpos is None:
            endpos = len(text)
        if longest is not None and endpos - pos > longest:
            return plain(text, pos, endpos)
        window = text[pos:endpos]
        if window.isascii() and not may_match(window.lower()):
            return None
        return plain(text, pos, endpos)

    return search


def gated_match(
    plain: Callable[[str], regex.Match[str] | None], stems: tuple[str, ...]
) -> Callable[[str], regex.Match[str] | None]:
    """``plain(text)``, skipped when an ASCII ``text`` holds none of ``stems`` in lower
    case (why that is exact: :func:`gated_search`)."""

    def match(text: str) -> regex.Match[str] | None:
        if text.isascii() and not holds_any(text.lower(), stems):
            return None
        return plain(text)

    return match


def gated_of(
    plain: Callable[[str], regex.Match[str] | None],
) -> Callable[[str], regex.Match[str] | None]:
    """``plain(text)`` for a pattern that opens with ``\\s*of\\s``, skipped when ``text``
    does not open so.

    Fast and equal: white space to ``regex`` is white space to ``str.lstrip``, so a match
    leaves "of" (in some case) first after ``lstrip``; only non-ASCII letters ("ſ", "K")
    fold to ASCII ones under ``IGNORECASE``, so a non-ASCII opening goes to the pattern.
    """

    def match(text: str) -> regex.Match[str] | None:
        head = text.lstrip()[:2]
        if head.isascii() and head.lower() != "of":
            return None
        return plain(text)

    return match


def finditer_from_starts(
    pattern: regex.Pattern[str], starts: tuple[str, ...]
) -> Callable[[str], Iterator[regex.Match[str]]]:
    """``pattern.finditer`` for a pattern every match of which starts with one of
    ``starts``: the pattern is tried only where they stand (``str.find``), not at every
    position of the text. As ``finditer`` does, a place inside the match found before is
    skipped; a lookbehind still sees the text before the place tried, and ``\\A`` matches
    only at the text's start.
    """
    match = pattern.match

    def finditer(text: str) -> Iterator[regex.Match[str]]:
        return matches_at(match, text, places_of(text, starts))

    return finditer


def places_of(text: str, words: Iterable[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Every place where one of ``words`` stands in ``text[lo:hi]`` (``str.find``; the
    word whole inside the window), word by word.

    >>> places_of("on X; On Y", ("On", "on")), places_of("on X; On Y", ("on",), 1)
    ([6, 0], [])
    """
    end = len(text) if hi is None else hi
    places = []
    for word in words:
        at = text.find(word, lo, end)
        while at >= 0:
            places.append(at)
            at = text.find(word, at + 1, end)
    return places


def matches_at(
    match: Callable[[str, int], regex.Match[str] | None], text: str, places: Iterable[int]
) -> Iterator[regex.Match[str]]:
    """The matches of ``match`` tried at ``places`` in text order, as ``finditer`` gives
    them: a place inside the match found before is skipped."""
    pos = 0
    for at in sorted(places):
        if at < pos:
            continue
        found = match(text, at)
        if found is not None:
            yield found
            pos = found.end()
