"""Learned typing of the name-shaped spans the name finder does not know (issue 14).

The lists and patterns of ``names.py`` miss field-specific names ("CQ500", "Tecnick",
"GigaPath") although their context says what they are ("on head CT benchmarks RSNA and
CQ500", "14x smaller than GigaPath"). This module proposes such spans as candidates
(:func:`candidates`), describes each by sparse features of its shape and context
(:func:`features`) and types it BENCHMARK, MODEL or nothing with a multinomial logistic
regression trained from ``fixtures/gold/`` by ``scripts/train_name_typer.py``; the
weights ship as ``extractor/data/name_typer_weights.json``. At run time the score is a
dot product over the sparse features, in pure Python.

The switch is ``EXTRACTOR_NAME_TYPER``: ``off`` (the rules alone), ``on`` (the shipped
weights) or the path of a weights file (the training script's out-of-fold runs); read when
the name finder is built. See :data:`DEFAULT`.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from extractor.lexicon.cues import word_set

ENV = "EXTRACTOR_NAME_TYPER"
WEIGHTS_FILE = "name_typer_weights.json"
OFF, ON = "off", "on"
DEFAULT = ON  # the switch's value when EXTRACTOR_NAME_TYPER is unset
SOURCE = "typed"  # the NameMatch source of a typed name
BENCHMARK, MODEL, NONE = "BENCHMARK", "MODEL", "NONE"
LABELS = (BENCHMARK, MODEL, NONE)
MAX_WORDS = 4

_BEFORE = word_set("name_typer_before")
_AFTER = word_set("name_typer_after")
_DATA_NOUNS = word_set("name_typer_data_nouns")
_MODEL_NOUNS = word_set("name_typer_model_nouns")

# A whole token holding a capital letter: "CQ500", "Elliptic++", "POG_dense", "Prithvi-EO-2.0".
# The atomic group keeps a token from being cut short to fit the look-ahead.
_finditer_token = regex.compile(
    r"""
    (?<![\p{L}\p{N}_\-+./])              # starts a token
    (?=[\p{L}\p{N}_\-.]*\p{Lu})          # holds a capital letter
    (?>[\p{L}\p{N}](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}])?)
    (?:\+\+|\+)?
    (?![\p{L}\p{N}_])
    """,
    regex.VERBOSE,
).finditer

# The words and marks of a context window.
_findall_words = regex.compile(r"[\p{L}\p{N}]+(?:[\-.'][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]").findall
_search_camel = regex.compile(r"\p{Ll}\p{Lu}").search
_search_caps_digits = regex.compile(r"\p{Lu}{2,}\d").search
_search_version = regex.compile(r"(?:^|[\-_\s])[vV]\d|\d\.\d").search
_match_plural_caps = regex.compile(r"\p{Lu}{2,}s").fullmatch
_search_sentence_end = regex.compile(r"(?:[.!?]\s+|\n\s*)$").search
# "85.2% on X", "a gain of 3 points on the X"
_search_number_on = regex.compile(r"\d\s*%?\s*(?:\S+\s+){0,2}on\s+(?:the\s+)?$").search
_search_digit = regex.compile(r"\d").search
# Between two listed items: ", ", ", and ", " and ", " or ", " vs. ", "/".
_search_link_before = regex.compile(r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+|/)$").search
_match_link_after = regex.compile(r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+|/)").match


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name-shaped span ``text[start:end]`` that the name finder did not find."""

    start: int
    end: int
    text: str
    sentence_initial: bool


def _is_name_shaped(token: str) -> bool:
    """Whether a token holding a capital letter looks like a name on its own.

    >>> [_is_name_shaped(t) for t in ("CQ500", "Tecnick", "A", "Elliptic++", "x-Y")]
    [True, True, False, True, True]
    """
    return len(token) > 1


def candidates(
    text: str, taken: Sequence[tuple[int, int]], known: Iterable[str] = ()
) -> list[Candidate]:
    """Runs of up to ``MAX_WORDS`` name-shaped tokens split by single spaces, outside the
    ``taken`` spans (the names found), whose text is not a ``known`` spelling.

    A run's first word, when it starts a sentence and is a plain capitalised word
    ("Experiments on ..."), is left out of the run.

    >>> [c.text for c in candidates("We test on Kodak, Tecnick and CLIC. Results on Weco-Kaggle Lite.", [(30, 34)])]
    ['Kodak', 'Tecnick', 'Weco-Kaggle Lite']
    """
    spans = sorted(taken)
    out: list[Candidate] = []
    run: list[tuple[int, int]] = []
    known_set = set(known)
    index = 0

    def close() -> None:
        if not run:
            return
        start, end = run[0][0], run[-1][1]
        first = text[start : run[0][1]]
        initial = start == 0 or _search_sentence_end(text, max(0, start - 3), start) is not None
        if initial and first.isalpha() and first[1:].islower():
            if len(run) == 1:
                run.clear()
                return
            start = run[1][0]
            initial = False
        name = text[start:end]
        if name not in known_set:
            out.append(Candidate(start, end, name, initial))
        run.clear()

    for found in _finditer_token(text):
        start, end = found.span()
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index < len(spans) and spans[index][0] < end:  # overlaps a found name
            close()
            continue
        if not _is_name_shaped(found.group()):
            close()
            continue
        if run and (text[run[-1][1] : start] != " " or len(run) == MAX_WORDS):
            close()
        run.append((start, end))
    close()
    return out


def _words_before(text: str, start: int, width: int = 60) -> list[str]:
    return _findall_words(text, max(0, start - width), start)


def _words_after(text: str, end: int, width: int = 40) -> list[str]:
    return _findall_words(text, end, min(len(text), end + width))


def _cue(word: str, vocabulary: frozenset[str]) -> str:
    lowered = word.lower()
    return lowered if lowered in vocabulary else "other"


def features(
    text: str,
    candidate: Candidate,
    labels_by_end: Mapping[int, str],
    labels_by_start: Mapping[int, str],
    shorts: Mapping[str, str],
    title: str | None = None,
) -> dict[str, float]:
    """The candidate's sparse features: its shape, the words around it, its neighbours in
    a list (``labels_by_end``/``labels_by_start``: the labels of the found names and, as
    ``CANDIDATE``, of the other candidates, by where they end and start), and whether it is
    the short form of an acronym the text defines (``shorts``: short form -> long form),
    and whether the paper's ``title`` holds it (a method's name often heads the title).

    >>> f = features("Scores on RSNA and CQ500.", Candidate(19, 24, "CQ500", False), {14: "BENCHMARK"}, {}, {})
    >>> f["caps_digits"], f["prev:and"], f["link_before:BENCHMARK"], f["next:."]
    (1.0, 1.0, 1.0, 1.0)
    """
    name = candidate.text
    start, end = candidate.start, candidate.end
    words = name.split(" ")
    last = words[-1]
    letters = [c for c in name if c.isalpha()]
    f: dict[str, float] = {"bias": 1.0, f"words:{min(len(words), 3)}": 1.0}
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        f["allcaps"] = 1.0
    if _search_camel(name):
        f["camel"] = 1.0
    if any(c.isdigit() for c in name):
        f["digit"] = 1.0
        if name[-1].isdigit():
            f["ends_digit"] = 1.0
    if _search_caps_digits(name):
        f["caps_digits"] = 1.0
    if "-" in name:
        f["hyphen"] = 1.0
        f[f"part:{name.rsplit('-', 1)[1].lower()[-6:]}"] = 1.0
    if "_" in name:
        f["underscore"] = 1.0
    if name.endswith("+"):
        f["plus"] = 1.0
    if _search_version(name):
        f["version"] = 1.0
    if _match_plural_caps(last):
        f["plural_caps"] = 1.0
    if all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words):
        f["title_words"] = 1.0
    size = len(letters)
    f[f"letters:{'1-3' if size <= 3 else '4-6' if size <= 6 else '7+'}"] = 1.0
    tail = "".join(c for c in last.lower() if c.isalpha())[-3:]
    if tail:
        f[f"suf3:{tail}"] = 1.0
    f[f"shape:{_shape(name)}"] = 1.0
    before = _words_before(text, start)
    after = _words_after(text, end)
    if candidate.sentence_initial:
        f["sentence_initial"] = 1.0
    if name.lower() in text:
        f["lower_elsewhere"] = 1.0
    if text.count(name) > 1:
        f["repeated"] = 1.0
    if name in shorts:
        f["short_form"] = 1.0
        if not any(c.isupper() for c in shorts[name]):
            f["short_of_plain_words"] = 1.0
    if title and name in title:
        f["in_title"] = 1.0
        if title.startswith(name) and title[len(name) : len(name) + 1] in (":", " ", "-"):
            f["title_head"] = 1.0
    prev = _cue(before[-1], _BEFORE) if before else "<start>"
    follow = _cue(after[0], _AFTER) if after else "<end>"
    f[f"around:{prev}_{follow}"] = 1.0
    if before:
        f[f"prev:{prev}"] = 1.0
        if len(before) > 1:
            f[f"prev2:{_cue(before[-2], _BEFORE)}"] = 1.0
            f[f"prevs:{_cue(before[-2], _BEFORE)}_{prev}"] = 1.0
        lowered = {w.lower() for w in before[-6:]}
        if lowered & _DATA_NOUNS:
            f["data_noun_before"] = 1.0
        if lowered & _MODEL_NOUNS:
            f["model_noun_before"] = 1.0
    else:
        f["prev:<start>"] = 1.0
    if after:
        f[f"next:{_cue(after[0], _AFTER)}"] = 1.0
        if len(after) > 1:
            f[f"next2:{_cue(after[1], _AFTER)}"] = 1.0
        lowered = {w.lower() for w in after[:3]}
        if lowered & _DATA_NOUNS:
            f["data_noun_after"] = 1.0
        if lowered & _MODEL_NOUNS:
            f["model_noun_after"] = 1.0
    else:
        f["next:<end>"] = 1.0
    if _search_number_on(text, max(0, start - 40), start):
        f["number_on"] = 1.0
    if _search_digit(text, end, min(len(text), end + 30)):
        f["digit_after"] = 1.0
    if _search_digit(text, max(0, start - 30), start):
        f["digit_before"] = 1.0
    link = _search_link_before(text, max(0, start - 12), start)
    if link is not None:
        f[f"link_before:{labels_by_end.get(link.start(), 'other')}"] = 1.0
    link = _match_link_after(text, end, min(len(text), end + 12))
    if link is not None:
        f[f"link_after:{labels_by_start.get(link.end(), 'other')}"] = 1.0
    return f


_sub_upper = regex.compile(r"\p{Lu}+").sub
_sub_lower = regex.compile(r"\p{Ll}+").sub
_sub_digit = regex.compile(r"\p{N}+").sub


def _shape(name: str) -> str:
    """The name's shape: runs of capitals, small letters and digits as X, x and d.

    >>> _shape("PubTables-1M"), _shape("CQ500"), _shape("HuBERT")
    ('XxXx-dX', 'Xd', 'XxX')
    """
    return _sub_digit("d", _sub_lower("x", _sub_upper("X", name)))[:10]


Weights = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class Typer:
    """The classifier: per label, sparse weights; per typed label, the lowest probability
    at which a candidate is given that label."""

    weights: Weights
    thresholds: Mapping[str, float]

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        """The softmax of each label's dot product with ``feats``.

        >>> t = Typer({"BENCHMARK": {"bias": 1.0}, "MODEL": {}, "NONE": {}}, {})
        >>> round(t.probabilities({"bias": 1.0})["BENCHMARK"], 3)
        0.576
        """
        scores = {}
        for label in LABELS:
            w = self.weights.get(label, {})
            scores[label] = sum(w.get(k, 0.0) * v for k, v in feats.items())
        top = max(scores.values())
        exp = {k: math.exp(v - top) for k, v in scores.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def label(self, feats: Mapping[str, float]) -> str:
        """BENCHMARK or MODEL when the more probable of the two is at least its threshold
        and more probable than NONE; NONE otherwise."""
        p = self.probabilities(feats)
        best = max((BENCHMARK, MODEL), key=lambda k: p[k])
        if p[best] >= p[NONE] and p[best] >= self.thresholds.get(best, 1.1):
            return best
        return NONE


def typer_from_document(document: Mapping[str, Any]) -> Typer:
    """A :class:`Typer` from a weights document (``{"labels": {label: {feature: w}},
    "thresholds": {label: p}}``, as the training script writes it)."""
    weights = {k: {f: float(w) for f, w in v.items()} for k, v in document["labels"].items()}
    thresholds = {k: float(v) for k, v in document["thresholds"].items()}
    return Typer(weights, thresholds)


@cache
def shipped() -> Typer:
    """The shipped weights (``extractor/data/name_typer_weights.json``)."""
    raw = resources.files("extractor").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    return typer_from_document(json.loads(raw))


def from_switch(value: str | None) -> Typer | None:
    """The typer a switch value asks for: None for ``off`` (and its synonyms), the shipped
    weights for ``on``, else the weights file at that path; ``DEFAULT`` when unset.

    >>> from_switch("off") is None, from_switch(" 0 ") is None, from_switch("on") is shipped()
    (True, True, True)
    """
    value = (DEFAULT if value is None else value).strip()
    if value.lower() in (OFF, "0", "no", "false", "none", ""):
        return None
    if value.lower() in (ON, "1", "yes", "true"):
        return shipped()
    return typer_from_document(json.loads(Path(value).read_text(encoding="utf-8")))


def from_environment() -> Typer | None:
    """The typer ``EXTRACTOR_NAME_TYPER`` asks for (see :func:`from_switch`)."""
    return from_switch(os.environ.get(ENV))


def candidate_features(
    text: str,
    found: Sequence[tuple[int, int, str]],
    shorts: Mapping[str, str],
    known: Iterable[str] = (),
    title: str | None = None,
) -> list[tuple[Candidate, dict[str, float]]]:
    """Each candidate of ``text`` with its features; ``found`` the names found, as
    ``(start, end, label)``."""
    cands = candidates(text, [(s, e) for s, e, _ in found], known)
    if not cands:
        return []
    by_end = {e: label for _, e, label in found}
    by_start = {s: label for s, _, label in found}
    for c in cands:
        by_end.setdefault(c.end, "CANDIDATE")
        by_start.setdefault(c.start, "CANDIDATE")
    return [(c, features(text, c, by_end, by_start, shorts, title)) for c in cands]


def grouped(
    pairs: Sequence[tuple[Candidate, dict[str, float]]],
) -> list[tuple[list[Candidate], dict[str, float]]]:
    """The candidates grouped by name (case, hyphens and spaces ignored), each group with
    the union of its mentions' features (a feature's largest value) and ``mentions:2+``
    when the name is written more than once: one name, one type.

    >>> a, b = Candidate(0, 5, "TITAN", False), Candidate(20, 25, "Titan", False)
    >>> [(len(c), sorted(f)) for c, f in grouped([(a, {"x": 1.0}), (b, {"y": 1.0})])]
    [(2, ['mentions:2+', 'x', 'y'])]
    """
    groups: dict[str, tuple[list[Candidate], dict[str, float]]] = {}
    for c, feats in pairs:
        key = _group_key(c.text)
        if key not in groups:
            groups[key] = ([c], dict(feats))
            continue
        mentions, union = groups[key]
        mentions.append(c)
        union["mentions:2+"] = 1.0
        for k, v in feats.items():
            if v > union.get(k, 0.0):
                union[k] = v
    return list(groups.values())


def _group_key(name: str) -> str:
    for separator in (" ", "-", "_"):
        name = name.replace(separator, "")
    return name.lower()


def type_names(
    typer: Typer,
    text: str,
    found: Sequence[tuple[int, int, str]],
    shorts: Mapping[str, str],
    known: Iterable[str] = (),
    title: str | None = None,
) -> list[tuple[int, int, str]]:
    """The mentions of the candidate names the typer labels BENCHMARK or MODEL, as
    ``(start, end, label)`` in text order."""
    typed = []
    for mentions, feats in grouped(candidate_features(text, found, shorts, known, title)):
        label = typer.label(feats)
        if label != NONE:
            typed += [(c.start, c.end, label) for c in mentions]
    return sorted(typed)
