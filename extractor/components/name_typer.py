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
import re
from bisect import bisect_right
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
DEFAULT = OFF  # the switch's value when EXTRACTOR_NAME_TYPER is unset (see the docstring)
SOURCE = "typed"  # the NameMatch source of a typed name
BENCHMARK, MODEL, NONE = "BENCHMARK", "MODEL", "NONE"
LABELS = (BENCHMARK, MODEL, NONE)
MAX_WORDS = 4

_BEFORE = word_set("name_typer_before")
_AFTER = word_set("name_typer_after")
_DATA_NOUNS = word_set("name_typer_data_nouns")
_MODEL_NOUNS = word_set("name_typer_model_nouns")

# Runs of words holding a capital letter (stdlib ``re``: the look-behind lets it try only
# the starts of words, about a third of the ``regex`` module's time on these texts); each
# word is trimmed of marks and checked in :func:`candidates`.
_finditer_run = re.compile(
    r"(?<![\w.\-+/])[\w.\-+]*[A-Z][\w.\-+]*(?: [\w.\-+]*[A-Z][\w.\-+]*)*"
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
_search_link_before = regex.compile(
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+|/)$"
).search
_match_link_after = regex.compile(
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+|/)"
).match


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name-shaped span ``text[start:end]`` that the name finder did not find."""

    start: int
    end: int
    text: str
    sentence_initial: bool


def candidates(
    text: str, taken: Sequence[tuple[int, int]], known: Iterable[str] = ()
) -> list[Candidate]:
    """Runs of up to ``MAX_WORDS`` name-shaped words (two characters or more, a capital
    letter, marks trimmed) split by single spaces, outside the ``taken`` spans (the names
    found), whose text is not a ``known`` spelling.

    A run's first word, when it starts a sentence and is a plain capitalised word
    ("Experiments on ..."), is left out of the run.

    >>> text = "We test on Kodak, Tecnick and CLIC. Results on Weco-Kaggle Lite."
    >>> [c.text for c in candidates(text, [(30, 34)])]
    ['Kodak', 'Tecnick', 'Weco-Kaggle Lite']
    """
    spans = sorted(taken)
    ends = [e for _, e in spans]
    known_set = set(known)
    out: list[Candidate] = []
    for found in _finditer_run(text):
        offset = found.start()
        run: list[tuple[int, int]] = []
        for word in found.group().split(" "):
            lead = len(word) - len(word.lstrip("._-+"))
            core = word[lead:].rstrip(".-_")
            start = offset + lead
            end = start + len(core)
            offset += len(word) + 1
            if lead or len(run) == MAX_WORDS:
                _close(text, run, known_set, out)
            index = bisect_right(ends, start)
            if (
                len(core) < 2
                or core == core.lower()
                or (index < len(spans) and spans[index][0] < end)  # overlaps a found name
            ):
                _close(text, run, known_set, out)
                continue
            run.append((start, end))
            if end < offset - 1:  # marks after the word ("CLIC."): the run ends with it
                _close(text, run, known_set, out)
        _close(text, run, known_set, out)
    return out


def _close(text: str, run: list[tuple[int, int]], known: set[str], out: list[Candidate]) -> None:
    """Add the run of word spans ``run`` to ``out`` as one candidate; empty ``run``."""
    if not run:
        return
    start, end = run[0][0], run[-1][1]
    run.clear()
    initial = start == 0 or _search_sentence_end(text, max(0, start - 3), start) is not None
    if initial:
        space = text.find(" ", start, end)
        first = text[start:space] if space > 0 else text[start:end]
        if first.isalpha() and first[1:].islower():
            if space < 0:
                return
            start = space + 1
            initial = False
    name = text[start:end]
    if name not in known:
        out.append(Candidate(start, end, name, initial))


def _words_before(text: str, start: int, width: int = 60) -> list[str]:
    words: list[str] = _findall_words(text, max(0, start - width), start)
    return words


def _words_after(text: str, end: int, width: int = 40) -> list[str]:
    words: list[str] = _findall_words(text, end, min(len(text), end + width))
    return words


def _cue(word: str, vocabulary: frozenset[str]) -> str:
    """The word as a feature: itself (lower case, without a sentence's full stop) when
    ``vocabulary`` lists it, else "other"."""
    lowered = word.lower()
    if lowered not in vocabulary:
        lowered = lowered.rstrip(".")
    return lowered if lowered in vocabulary else "other"


def _bare(words: Iterable[str]) -> set[str]:
    return {w.lower().rstrip(".") for w in words}


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

    >>> cq500 = Candidate(19, 24, "CQ500", False)
    >>> f = features("Scores on RSNA and CQ500.", cq500, {14: "BENCHMARK"}, {}, {})
    >>> f["caps_digits"], f["prev:and"], f["link_before:BENCHMARK"], f["next:."]
    (1.0, 1.0, 1.0, 1.0)
    """
    f = name_features(candidate.text)
    f.update(context_features(text, candidate, labels_by_end, labels_by_start, shorts, title))
    return f


def name_features(name: str) -> dict[str, float]:
    """The features of a name's spelling alone.

    >>> sorted(name_features("CQ500"))[:4]
    ['allcaps', 'bias', 'caps_digits', 'digit']
    """
    words = name.split(" ")
    last = words[-1]
    letters = "".join(filter(str.isalpha, name))
    f: dict[str, float] = {"bias": 1.0, f"words:{min(len(words), 3)}": 1.0}
    if len(letters) > 1 and letters.isupper():
        f["allcaps"] = 1.0
    if _search_camel(name):
        f["camel"] = 1.0
    if _search_digit(name):
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
    tail = "".join(filter(str.isalpha, last.lower()))[-3:]
    if tail:
        f[f"suf3:{tail}"] = 1.0
    f[f"shape:{_shape(name)}"] = 1.0
    return f


def context_features(
    text: str,
    candidate: Candidate,
    labels_by_end: Mapping[int, str],
    labels_by_start: Mapping[int, str],
    shorts: Mapping[str, str],
    title: str | None = None,
) -> dict[str, float]:
    """The features of a mention's context (see :func:`features`)."""
    name = candidate.text
    start, end = candidate.start, candidate.end
    f: dict[str, float] = {}
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
            prev2 = _cue(before[-2], _BEFORE)
            f[f"prev2:{prev2}"] = 1.0
            f[f"prevs:{prev2}_{prev}"] = 1.0
        lowered = _bare(before[-6:])
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
        lowered = _bare(after[:3])
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
    shape: str = _sub_digit("d", _sub_lower("x", _sub_upper("X", name)))
    return shape[:10]


Weights = Mapping[str, Mapping[str, float]]


class Typer:
    """The classifier: per label, sparse weights; per typed label, the lowest probability
    at which a candidate is given that label; and the names (keys: case, hyphens, spaces
    and underscores ignored) that are never typed, the generic terms the training papers
    write often and never as a benchmark or model ("LLMs", "3D")."""

    __slots__ = ("_table", "never", "thresholds", "weights")

    def __init__(
        self,
        weights: Weights,
        thresholds: Mapping[str, float],
        never: Iterable[str] = (),
    ) -> None:
        self.weights = weights
        self.thresholds = thresholds
        self.never = frozenset(never)
        # Per feature, its weights for the three labels: one look-up per feature.
        names = {f for label in LABELS for f in weights.get(label, {})}
        self._table = {
            f: tuple(weights.get(label, {}).get(f, 0.0) for label in LABELS) for f in names
        }

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        """The softmax of each label's dot product with ``feats``.

        >>> t = Typer({"BENCHMARK": {"bias": 1.0}, "MODEL": {}, "NONE": {}}, {})
        >>> round(t.probabilities({"bias": 1.0})["BENCHMARK"], 3)
        0.576
        """
        b = m = n = 0.0
        table = self._table
        for k, v in feats.items():
            w = table.get(k)
            if w is not None:
                b += w[0] * v
                m += w[1] * v
                n += w[2] * v
        top = max(b, m, n)
        eb, em, en = math.exp(b - top), math.exp(m - top), math.exp(n - top)
        total = eb + em + en
        return {BENCHMARK: eb / total, MODEL: em / total, NONE: en / total}

    def label(self, feats: Mapping[str, float]) -> str:
        """BENCHMARK or MODEL when the more probable of the two is at least its threshold
        and more probable than NONE; NONE otherwise."""
        p = self.probabilities(feats)
        best = BENCHMARK if p[BENCHMARK] >= p[MODEL] else MODEL
        if p[best] >= p[NONE] and p[best] >= self.thresholds.get(best, 1.1):
            return best
        return NONE


def typer_from_document(document: Mapping[str, Any]) -> Typer:
    """A :class:`Typer` from a weights document (``{"labels": {label: {feature: w}},
    "thresholds": {label: p}, "never": [key]}``, as the training script writes it)."""
    weights = {k: {f: float(w) for f, w in v.items()} for k, v in document["labels"].items()}
    thresholds = {k: float(v) for k, v in document["thresholds"].items()}
    return Typer(weights, thresholds, document.get("never", ()))


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
    never: frozenset[str] = frozenset(),
) -> list[tuple[Candidate, dict[str, float]]]:
    """Each candidate of ``text`` with its features, but those whose name is ``never``
    typed; ``found`` the names found, as ``(start, end, label)``."""
    cands = candidates(text, [(s, e) for s, e, _ in found], known)
    if not cands:
        return []
    by_end = {e: label for _, e, label in found}
    by_start = {s: label for s, _, label in found}
    for c in cands:
        by_end.setdefault(c.end, "CANDIDATE")
        by_start.setdefault(c.start, "CANDIDATE")
    if never:
        cands = [c for c in cands if _group_key(c.text) not in never]
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
    ``(start, end, label)`` in text order: :func:`grouped` over
    :func:`candidate_features`, in one pass."""
    cands = candidates(text, [(s, e) for s, e, _ in found], known)
    if not cands:
        return []
    by_end = {e: label for _, e, label in found}
    by_start = {s: label for s, _, label in found}
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        by_end.setdefault(c.end, "CANDIDATE")
        by_start.setdefault(c.start, "CANDIDATE")
        key = _group_key(c.text)
        if key not in typer.never:
            groups.setdefault(key, []).append(c)
    typed = []
    for mentions in groups.values():
        union: dict[str, float] = {}
        for spelling in {c.text for c in mentions}:
            union.update(name_features(spelling))
        if len(mentions) > 1:
            union["mentions:2+"] = 1.0
        for c in mentions:
            union.update(context_features(text, c, by_end, by_start, shorts, title))
        label = typer.label(union)
        if label != NONE:
            typed += [(c.start, c.end, label) for c in mentions]
    return sorted(typed)
