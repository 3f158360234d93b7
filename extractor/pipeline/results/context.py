"""The evidence about one document that every question of the result linker reads.

:class:`Context` is built once per document (text, sentences, quantities, names, the
method, look-up indexes) and passed to selection and attribution; nothing about a
document is kept on the component. :class:`Claim` is one number being attributed: its
list, sentence, role and the names near it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import regex

from extractor.components.method import MethodMatch
from extractor.components.names import BENCHMARK, METRIC, MODEL, NameMatch
from extractor.components.quantities import Quantity
from extractor.lexicon.cues import finditer_from_starts
from extractor.pipeline.results._cues import (
    _finditer_named_data,
    _finditer_opening_setting,
    _joins_after,
    _match_benchmark_parts_preposition,
    _match_bracket_list,
    _match_called_benchmark,
    _match_challenge_after,
    _match_count_of_parts,
    _match_dataset_noun_after,
    _match_name_list_gap,
    _match_number_on,
    _match_score_close,
    _match_training_after,
    _search_challenge_name_end,
    _search_compared_clause,
    _search_evaluated_on_before,
    _search_evaluation_setting,
    _search_human_study,
    _search_introduced_before,
    _search_introduced_markup_before,
    _search_long_form_before,
    _search_name_colon,
    _search_other_setting,
    _search_own_data,
    _search_respectively,
    _search_setting,
    _search_study_data_before,
    _search_titled_benchmark_end,
    _search_trained_on,
    _search_unnamed_data,
)

_clause_word = regex.compile(r"\b(?:while|whereas|but)|;")
# (tried only where one of the words or ";" stands: a scan of the whole text tried each
# position)
_finditer_clause_word = finditer_from_starts(_clause_word, ("while", "whereas", "but", ";"))
_match_word_char = regex.compile(r"\w").match

# How far from a number its names may stand (characters), bounding the work per number.
WINDOW_BEFORE, WINDOW_AFTER = 200, 200


class NameIndex:
    """Names sorted by start, for window look-ups that stay cheap in long texts."""

    def __init__(self, names: Sequence[NameMatch]) -> None:
        self.names = sorted(names, key=lambda n: n.start)
        self.starts = [n.start for n in self.names]

    def between(self, lo: int, hi: int) -> list[NameMatch]:
        """Names starting in ``[lo, hi)``."""
        return self.names[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def is_training_set(text: str, name: NameMatch) -> bool:
    """Whether a benchmark is named as training data: "trained on X", "fine-tuning Y on X",
    "using X and Y training datasets"."""
    start = name.start
    if text[max(0, start - 1) : start] == "(" and (
        spelled := _search_long_form_before(text, max(0, start - 80), start)
    ):
        start = spelled.start()  # "trained on the Open Materials 2024 (OMat24) dataset"
    return bool(
        _search_trained_on(text, max(0, start - 50), start)
        or _match_training_after(text, name.end, name.end + 60)
    )


def on_parts_of(text: str, g_end: int, name: NameMatch) -> bool:
    """Whether the number is reported on counted parts of a benchmark: "by 14% on 9 D4RL
    tasks", "across a variety of Atari games"."""
    return bool(_match_benchmark_parts_preposition(text[g_end : name.start])) and bool(
        _match_count_of_parts(text, name.end)
    )


def has_setting(text: str, names: Sequence[NameMatch], lo: int, hi: int | None = None) -> bool:
    """Whether the sentence from ``lo`` places all its numbers on a benchmark: "Evaluated
    on X, ...", "On X, ..." (then even a speed on hardware is reported on X)."""
    return any(
        n.label == BENCHMARK
        and lo <= n.start
        and (hi is None or n.end <= hi)
        and bool(_search_setting(text[max(lo, n.start - 40) : n.start]))
        for n in names
    )


def in_name_list(text: str, name: NameMatch, label: str, in_sentence: Sequence[NameMatch]) -> bool:
    """Whether ``name`` is one of several names of ``label`` joined by "and", "or" or commas."""
    return any(
        other.label == label
        and other is not name
        and _match_name_list_gap(text[min(other.end, name.end) : max(other.start, name.start)])
        for other in in_sentence
    )


def _names_a_challenge(text: str, name: NameMatch) -> bool:
    """Whether a benchmark is named as a challenge ("the X Challenge 2025", "the X
    challenge dataset"): the paper reports its scores there."""
    return bool(
        _search_challenge_name_end(text, name.start, name.end)
        or _match_challenge_after(text, name.end)
    )


def _sole_evaluation_benchmark(text: str, names: Sequence[NameMatch]) -> NameMatch | None:
    """The one benchmark a paper names, when it is first named as where it is evaluated
    ("Experiments on X", "on the X corpus"); None for several benchmarks, another use
    ("trained with X") or a clause opening on another named setting ("On Y, ..."); a name
    written with its dataset noun counts as evaluated on ("We used the X dataset").
    Benchmarks named only as training data do not count: "using only X training data;
    evaluated on Y"; a later short form of the first name is the same benchmark ("Atari
    100k ... on Atari")."""
    named = [n for n in names if n.label == BENCHMARK]
    benchmarks = [n for n in named if not is_training_set(text, n)]
    if not benchmarks:
        return None
    first = min(benchmarks, key=lambda n: n.start)
    spellings = {text[n.start : n.end].lower() for n in benchmarks}
    whole = text[first.start : first.end].lower()
    if len({n.key for n in benchmarks}) != 1 and not all(whole.startswith(s) for s in spellings):
        return None  # several benchmarks; "Atari 100k ... on Atari" is one
    for found in _finditer_opening_setting(text):
        setting = found.group("name").rstrip(")]:").lower()
        spelled = found.group("name")
        a_name = any(ch.isupper() for ch in spelled[1:]) or any(ch.isdigit() for ch in spelled)
        if a_name and not any(s.startswith(setting) or setting.startswith(s) for s in spellings):
            return None  # "On CMRxRecon2024, ...": a setting the names did not catch
    window = max(0, first.start - 60)
    if (
        _search_evaluation_setting(text, window, first.start)
        or _search_evaluated_on_before(text, window, first.start)
        or _search_study_data_before(text, window, first.start)
        or _names_a_challenge(text, first)
        or _match_dataset_noun_after(text, first.end)
        or (
            _search_titled_benchmark_end(text, first.start, first.end)
            and _search_introduced_markup_before(text, window, first.start)
            and not any(is_training_set(text, n) for n in named)
        )
        or (
            _search_introduced_before(text, window, first.start)
            and _match_called_benchmark(text, first.end)
            and not any(is_training_set(text, n) for n in named)
        )
    ):
        return first
    return None


@dataclass
class Context:
    """What one document says, indexed for the linker's questions (built by :meth:`build`)."""

    text: str
    quantities: list[Quantity]
    names: list[NameMatch]
    method: MethodMatch | None
    kept: list[Quantity]  # quantities outside names and URLs
    index: NameIndex
    metrics: NameIndex
    benchmark_starts: set[int]
    benchmark_ends: dict[int, NameMatch]
    number_starts: list[int]
    method_starts: list[int]
    method_is_benchmark: bool
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    result_starts: list[int] = field(default_factory=list)
    evaluated_on: NameMatch | None = None
    evaluated_on_next: int = -1  # where the sentence after the setting starts
    sole_benchmark: NameMatch | None = None
    _per_sentence: dict[tuple[str, tuple[int, int]], bool] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        quantities: list[Quantity],
        names: list[NameMatch],
        method: MethodMatch | None,
        links: Sequence[tuple[int, int]],
    ) -> Context:
        """The context of a document before any number is chosen."""
        blocked = [(n.start, n.end) for n in names if n.label in (MODEL, BENCHMARK)]
        blocked += links
        if method:
            blocked += list(method.mentions)
        covered = bytearray(len(text) + 1)  # characters inside a name or URL
        for start, end in blocked:
            covered[start:end] = b"\x01" * (end - start)
        kept = [q for q in quantities if not any(covered[q.start : q.end])]
        return cls(
            text=text,
            quantities=quantities,
            names=names,
            method=method,
            kept=kept,
            index=NameIndex(names),
            metrics=NameIndex([n for n in names if n.label == METRIC]),
            benchmark_starts={n.start for n in names if n.label == BENCHMARK},
            benchmark_ends={n.end: n for n in names if n.label == BENCHMARK},
            number_starts=[q.start for q in kept if q.kind in ("measure", "number")],
            method_starts=sorted(s for s, _ in method.mentions) if method else [],
            method_is_benchmark=method is not None
            and any(
                n.label == BENCHMARK and text[n.start : n.end] in (method.name, *method.aliases)
                for n in names
            ),
        )

    @property
    def method_name(self) -> str | None:
        return self.method.name if self.method else None

    def set_sentences(self, sentences: list[tuple[int, int]], results: list[Quantity]) -> None:
        """Record the sentences and the chosen numbers, and find the evaluation setting."""
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.result_starts = [q.start for q in results]
        self.evaluated_on, self.evaluated_on_next = self._evaluation_benchmark()
        self.sole_benchmark = _sole_evaluation_benchmark(self.text, self.names)

    def sentence_of(self, position: int) -> tuple[int, int]:
        return self.sentences[max(0, bisect_right(self.sentence_starts, position) - 1)]

    def _evaluation_benchmark(self) -> tuple[NameMatch | None, int]:
        """The benchmark a paper is evaluated on and where the next sentence starts.

        Only when the paper names exactly one benchmark, first as the setting of its
        experiments ("We evaluate on X."), in a sentence that reports no result itself.
        """
        benchmarks = [n for n in self.names if n.label == BENCHMARK]
        if not benchmarks or len({n.key for n in benchmarks}) != 1:
            return None, -1
        first = benchmarks[0]
        if not _search_evaluation_setting(self.text, max(0, first.start - 60), first.start):
            return None, -1
        i = max(0, bisect_right(self.sentence_starts, first.start) - 1)
        start, end = self.sentences[i]
        if i + 1 >= len(self.sentences):
            return None, -1
        j = bisect_left(self.result_starts, start)
        if j < len(self.result_starts) and self.result_starts[j] < end:
            return None, -1
        return first, self.sentences[i + 1][0]

    @property
    def names_benchmark(self) -> bool:
        """Whether the document names a benchmark."""
        return bool(self.benchmark_starts)

    @cached_property
    def names_model(self) -> bool:
        """Whether the document names a model (the paper's method aside)."""
        return any(n.label == MODEL for n in self.names)

    @cached_property
    def holds_plus(self) -> bool:
        """Whether a "+" stands in the text."""
        return "+" in self.text

    @cached_property
    def holds_slash(self) -> bool:
        """Whether a "/" stands in the text."""
        return "/" in self.text

    @cached_property
    def method_mentions(self) -> list[tuple[int, int]]:
        """The method's mentions, sorted by start."""
        return sorted(self.method.mentions) if self.method else []

    @cached_property
    def method_mention_set(self) -> frozenset[tuple[int, int]]:
        return frozenset(self.method_mentions)

    def method_mentions_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The method's mentions starting in ``[lo, hi)``."""
        mentions, starts = self.method_mentions, self.method_starts
        return mentions[bisect_left(starts, lo) : bisect_left(starts, hi)]

    @cached_property
    def _clause_changes(self) -> tuple[list[int], list[int], list[bool]]:
        """Where "while", "whereas", "but" or ";" stand: starts, ends, and whether a word
        boundary follows (in the whole text)."""
        starts, ends, closed = [], [], []
        text = self.text
        for m in _finditer_clause_word(text):
            starts.append(m.start())
            ends.append(m.end())
            closed.append(m.group() == ";" or not _match_word_char(text, m.end()))
        return starts, ends, closed

    def clause_change(self, lo: int, hi: int) -> bool:
        """Whether "while", "whereas", "but" or ";" stands within ``[lo, hi)``: the same
        answer as ``_search_clause_change(text, lo, hi)`` in time logarithmic in the
        text (the window's end counts as a word boundary, as it does for the search)."""
        starts, ends, closed = self._clause_changes
        i = bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            if ends[i] <= hi and (closed[i] or ends[i] == hi):
                return True
            i += 1
        return False

    def last_clause_change(self, hi: int) -> int:
        """The start of the last clause change within ``[0, hi)``, -1 if none."""
        starts, ends, closed = self._clause_changes
        i = bisect_right(ends, hi) - 1
        while i >= 0:
            if closed[i] or ends[i] == hi:
                return starts[i]
            i -= 1
        return -1

    def first_clause_change_end(self, lo: int) -> int:
        """The end of the first clause change starting at or after ``lo`` that counts in
        any window reaching past it; a very large number if none."""
        starts, ends, closed = self._clause_changes
        i = bisect_left(starts, lo)
        while i < len(starts):
            if closed[i]:
                return ends[i]
            i += 1
        return 1 << 62

    def sentence_says(self, what: str, sentence: tuple[int, int]) -> bool:
        """Per-sentence facts, each searched once: "human_study", "other_setting",
        "respectively", "unnamed_data" (sets its numbers on data it does not name, or names with
        a data noun a set the name finder did not find), "benchmark"
        (names one), "setting" (opens on one)."""
        key = (what, sentence)
        found = self._per_sentence.get(key)
        if found is None:
            found = self._per_sentence[key] = self._sentence_fact(what, sentence)
        return found

    def _sentence_fact(self, what: str, sentence: tuple[int, int]) -> bool:
        lo, hi = sentence
        if what == "human_study":
            return bool(_search_human_study(self.text, lo, hi))
        if what == "other_setting":
            return bool(_search_other_setting(self.text, lo, hi))
        if what == "respectively":
            return bool(_search_respectively(self.text, lo, hi))
        if what == "unnamed_data":
            return bool(
                _search_unnamed_data(self.text, lo, hi) or _search_own_data(self.text, lo, hi)
            ) or any(
                not any(n.label == BENCHMARK for n in self.index.between(*m.span("name")))
                for m in _finditer_named_data(self.text, lo, hi)
            )
        names = self.index.between(lo, hi)
        if what == "benchmark":
            return any(n.label == BENCHMARK for n in names)
        if what == "setting":
            return has_setting(self.text, names, lo, hi)
        raise ValueError(what)

    def number_between(self, start: int, end: int) -> bool:
        """Whether a number (not a size or year) starts in ``(start, end)``."""
        i = bisect_right(self.number_starts, start)
        return i < len(self.number_starts) and self.number_starts[i] < end

    def numbers_between(self, start: int, end: int) -> int:
        """How many numbers (not sizes or years) start in ``(start, end)``."""
        return max(
            0, bisect_left(self.number_starts, end) - bisect_right(self.number_starts, start)
        )

    def partner_starts(self, group: list[Quantity]) -> set[int]:
        return {self.quantities[q.partner].start for q in group if q.partner is not None}

    def result_between(self, start: int, end: int, group: list[Quantity]) -> bool:
        """Whether another result (not this group's, nor a partner's) stands in between:
        "from 5.2% to 4.1% and 2.0% on X": X is 2.0%'s."""
        own = {q.start for q in group} | self.partner_starts(group)
        i = bisect_right(self.result_starts, start)
        for s in self.result_starts[i:]:
            if s >= end:
                return False
            if s not in own:
                return True
        return False

    def benchmark_follows(self, q: Quantity) -> bool:
        """A bare number right before a benchmark: "7.55 MT-Bench", "7.55 on MT-Bench"."""
        match = _match_number_on(self.text, q.end)
        if not match or match.end() not in self.benchmark_starts:
            return False
        # "9 D4RL locomotion tasks", "3 Atari games": a count of parts of the benchmark.
        return not _match_count_of_parts(self.text, match.end())

    def after_benchmark_colon(self, q: Quantity) -> bool:
        """A bare number a benchmark name introduces with a colon or "=": "MMLU: 72.4"."""
        text = self.text
        colon = text[max(0, q.start - 3) : q.start]
        if ":" not in colon and "=" not in colon:
            return False
        link = _search_name_colon(text, max(0, q.start - 3), q.start)
        return (
            link is not None
            and link.start() in self.benchmark_ends
            and bool(_match_score_close(text, q.end))
        )


@dataclass
class Claim:
    """One chosen number being attributed, with what its attribution reads.

    ``metric`` is filled once the metric strategies have decided (the benchmark ones read
    whether a metric was named).
    """

    ctx: Context
    q: Quantity
    group: list[Quantity]
    sentence: tuple[int, int]
    role: str
    metric: str | None = None
    index: int = 0  # the number's place in its list
    memo: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    text: str = field(init=False)
    g_start: int = field(init=False)  # where the number's list starts
    g_end: int = field(init=False)  # and ends
    lo: int = field(init=False)  # the window of names near the number, in its sentence
    hi: int = field(init=False)
    in_sentence: list[NameMatch] = field(init=False)  # the names in that window
    _nearest: dict[tuple[str, int, int], NameMatch | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.text = self.ctx.text
        self.g_start = self.group[0].start
        self.g_end = self.group[-1].end
        self.lo = max(self.sentence[0], self.g_start - WINDOW_BEFORE)
        self.hi = min(self.sentence[1], self.g_end + WINDOW_AFTER)
        self.in_sentence = self.ctx.index.between(self.lo, self.hi)

    def nearest(self, label: str, before: int, after: int) -> NameMatch | None:
        """The nearest name of ``label`` at most ``after`` characters after the number's
        list (still joined to it) or ``before`` characters before it (no number or ";"
        between); asked once per claim and question."""
        key = (label, before, after)
        if key not in self._nearest:
            self._nearest[key] = self._find_nearest(label, before, after)
        return self._nearest[key]

    def _find_nearest(self, label: str, before: int, after: int) -> NameMatch | None:
        text, g_start, g_end = self.text, self.g_start, self.g_end
        best: tuple[int, NameMatch] | None = None
        for n in self.in_sentence:
            if n.label != label:
                continue
            if n.start >= g_end:
                gap = n.start - g_end
                if gap > after or not _joins_after(text[g_end : n.start]):
                    continue
            elif n.end <= g_start:
                gap = g_start - n.end
                if (
                    gap > before
                    or ";" in text[n.end : g_start]
                    or self.ctx.number_between(n.end, g_start)
                ):
                    continue
            else:
                continue
            if best is None or gap < best[0]:
                best = (gap, n)
        return best[1] if best else None


def bracketed_after_comparison(
    text: str, q: Quantity, lo: int, metrics: NameIndex | None = None
) -> bool:
    """Whether the number stands in brackets after a name being compared against:
    "surpassing Llama-3.1-8B (70.1%)", "over YaRN (44.1)"; not after its own metric:
    "Compared with X, ours reaches a higher F1 (0.71)"."""
    opening = text.rfind("(", max(lo, q.start - 60), q.start)
    if (
        opening <= lo  # most numbers: no bracket opens before them
        or not _match_bracket_list(text, opening + 1, q.start)
        or ")" not in text[q.end : q.end + 60]
    ):
        return False
    if metrics is not None and any(
        m.end in (opening, opening - 1) for m in metrics.between(opening - 60, opening)
    ):
        return False
    return bool(_search_compared_clause(text, max(lo, opening - 80), opening))
