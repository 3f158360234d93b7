"""Candidates and features of the result-attribution pair ranker (issue 14).

Shared by the training script (``scripts/train_ranker.py``, dev-only) and the run-time
ranker (:mod:`extractor.pipeline.results.ranker`, off by default), so both compute the
very same features. Everything here is plain Python over plain data (the text, a
record's results and names), no numpy.

For one result number and one attribute (metric, benchmark or model), the candidates are
the names the pipeline found for that attribute (each with all its mentions), plus the
paper's method for ``model``, plus the name the rules chose when it is none of those
(source ``rules``), plus "none" (``name`` None). A pair (number, candidate) is described by
a dict of cheap features: where the candidate's nearest mention stands from the number
(same sentence, before/after, characters, words, other numbers between, cue words between),
where it came from, whether the rules chose it and which strategy did, and how many rivals
it has.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.components.names import METRIC, NameMatch
from extractor.metric_names import metric_name
from extractor_schemas import PaperRecord, Result

ATTRIBUTES = ("metric", "benchmark", "model")
# The name of "no strategy decided" in the strategy features (and in the ranker's gate).
NO_STRATEGY = "nothing"

Span = tuple[int, int]
Key = Callable[[str], str]


@dataclass(frozen=True)
class Candidate:
    """A name that could be a number's attribute; ``name`` None is the "none" candidate."""

    name: str | None
    mentions: tuple[Span, ...]
    source: str  # "list", "pattern", "acronym", "method", "rules", "other_result", "none"


@dataclass(frozen=True)
class Number:
    """A result number: its span, its sentence, the rules' choice for each attribute, the
    strategy that decided each (``strategy``: the record's ``strategy`` field; absent or
    None: no strategy decided) and the number's unit as the record writes it."""

    span: Span
    sentence: Span
    chosen: dict[str, str | None]
    strategy: dict[str, str | None] = field(default_factory=dict)
    unit: str | None = None


# Words between a number and a name that tie them ("85.1% on GSM8K", "accuracy of 85.1%",
# "improves X by 3.2", "higher than GPT-4", "reaches"), or separate them ("and", ";").
_CUES = {
    "on": r"\bon\b",
    "of": r"\bof\b",
    "by": r"\bby\b",
    "than": r"\bthan\b",
    "in": r"\bin\b",
    "with": r"\bwith\b",
    "for": r"\bfor\b",
    "and": r"\band\b",
    "to": r"\bto\b",
    "at": r"\bat\b",
    "from": r"\bfrom\b",
    "compared": r"\b(?:compared|versus|vs\.?|over|relative)\b",
    "verb": r"\b(?:achiev|reach|obtain|attain|score|yield|improv|outperform|surpass|"
    r"boost|reduc|increas|lower|rais)\w*",
    "which": r"\b(?:which|while|whereas|where)\b",
    "open_paren": r"\(",
    "close_paren": r"\)",
    "comma": r",",
    "semicolon": r"[;:]",
}
_CUE_PATTERNS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _CUES.items()}
# What a cue's match must contain, lower-cased: in ASCII text (where ignoring case is
# lower-casing) a cue whose pattern can match holds one of these, so only those are searched.
_CUE_GATES = {
    "on": ("on",),
    "of": ("of",),
    "by": ("by",),
    "than": ("than",),
    "in": ("in",),
    "with": ("with",),
    "for": ("for",),
    "and": ("and",),
    "to": ("to",),
    "at": ("at",),
    "from": ("from",),
    "compared": ("compared", "versus", "vs", "over", "relative"),
    "verb": (
        "achiev",
        "reach",
        "obtain",
        "attain",
        "score",
        "yield",
        "improv",
        "outperform",
        "surpass",
        "boost",
        "reduc",
        "increas",
        "lower",
        "rais",
    ),
    "which": ("which", "while", "whereas", "where"),
    "open_paren": ("(",),
    "close_paren": (")",),
    "comma": (",",),
    "semicolon": (";", ":"),
}


@lru_cache(maxsize=4096)
def _cues_between(between: str) -> tuple[str, ...]:
    """The names of the cues whose pattern matches ``between``, in ``_CUES`` order.

    >>> _cues_between(" top-1 accuracy on "), _cues_between(", compared with ")
    (('on',), ('with', 'compared', 'comma'))
    """
    if not between.isascii():
        return tuple(name for name, pattern in _CUE_PATTERNS.items() if pattern.search(between))
    lowered = between.lower()
    return tuple(
        name
        for name, pattern in _CUE_PATTERNS.items()
        if _may_match(lowered, _CUE_GATES[name]) and pattern.search(between)
    )


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# The sentence speaks of the paper's own system ("our method", "we", "it achieves").
_OWN_SUBJECT = re.compile(r"\b(?:we|our|ours|it|this|the proposed|proposed)\b", re.IGNORECASE)
# The number sums up several data sets or tasks ("on average across all benchmarks").
_AGGREGATE = re.compile(
    r"\b(?:average[ds]?|across|all|overall|mean|each|every|various|multiple|several)\b",
    re.IGNORECASE,
)
# The sentence speaks of data ("datasets", "benchmark", "tasks").
_DATA_WORD = re.compile(r"\b(?:data ?sets?|benchmarks?|tasks?|corpora|corpus)\b", re.I)
# What a match of each of these three must contain, lower-cased (see ``_may_match``).
_OWN_SUBJECT_GATE = ("we", "our", "it", "this", "proposed")
_AGGREGATE_GATE = (
    "average",
    "across",
    "all",
    "overall",
    "mean",
    "each",
    "every",
    "various",
    "multiple",
    "several",
)
_DATA_WORD_GATE = ("data", "benchmark", "task", "corpor", "corpus")


def _may_match(lowered: str | None, parts: Sequence[str]) -> bool:
    """Whether a pattern whose every match contains one of ``parts`` (ignoring case) may
    match in a text: ``lowered`` is the ASCII text lower-cased (ignoring case is then
    lower-casing), None when it is not ASCII (then it may).

    >>> _may_match("we gain 3.1%", ("we",)), _may_match("it gains", ("we",)), _may_match(None, ())
    (True, False, True)
    """
    return lowered is None or any(part in lowered for part in parts)


# "evaluated on X", "experiments on X", "results on the X benchmark": named as evaluation data.
_ON_BEFORE = re.compile(r"\b(?:on|across|over)\s+(?:the\s+)?$", re.IGNORECASE)


def _match_on_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in "on", "across" or "over" (and "the").

    >>> _match_on_before("results on the GSM8K", 0, 15)
    True
    """
    return _ON_BEFORE.search(text, max(start, end - 20), end) is not None


_SOURCES = ("list", "pattern", "acronym", "method", "rules", "other_result")

# The kind of a number's unit, and the kind of quantity a metric's name says it measures:
# their pair is a feature ("85.1%" with "accuracy" agrees; "3.2x" with "accuracy" does not).
_UNIT_KINDS = (
    ("percent", re.compile(r"^(?:%|percent|points?|pp|pts?|percentage points?)$", re.I)),
    ("factor", re.compile(r"^(?:x|×|times|fold)$", re.I)),
    ("time", re.compile(r"^(?:ms|s|sec|seconds?|minutes?|min|hours?|h|days?|us|µs|ns)$", re.I)),
    ("size", re.compile(r"^(?:[kmgtp]i?b|bytes?|bits?|[kmgbt]|params|parameters|flops)$", re.I)),
)
_METRIC_KINDS = (
    ("speed", re.compile(r"speed|throughput|faster|acceleration|tokens?/s|fps", re.I)),
    ("time", re.compile(r"latency|time|runtime|hours|delay|cost", re.I)),
    ("size", re.compile(r"memory|size|param|flops|compute|storage|footprint|bits", re.I)),
    ("error", re.compile(r"error|loss|perplexity|\bppl\b|fid\b|wer\b|cer\b|distance", re.I)),
    (
        "score",
        re.compile(
            r"acc|f1|precision|recall|auc|bleu|rouge|score|rate|map\b|iou|"
            r"match|pass@|ndcg|mrr|hit|win|success|correlation|dice",
            re.I,
        ),
    ),
)


def unit_kind(unit: str | None) -> str:
    """The kind of a number's unit: percent, factor, time, size, none or other.

    >>> unit_kind("%"), unit_kind("x"), unit_kind("ms"), unit_kind(None), unit_kind("dB")
    ('percent', 'factor', 'time', 'none', 'other')
    """
    if not unit:
        return "none"
    return next((kind for kind, pattern in _UNIT_KINDS if pattern.match(unit.strip())), "other")


def metric_kind(name: str) -> str:
    """What a metric's name says it measures: speed, time, size, error, score or other.

    >>> metric_kind("top-1 accuracy"), metric_kind("inference latency"), metric_kind("speedup")
    ('score', 'time', 'speed')
    >>> metric_kind("perplexity"), metric_kind("memory usage"), metric_kind("novelty")
    ('error', 'size', 'other')
    """
    return next((kind for kind, pattern in _METRIC_KINDS if pattern.search(name)), "other")


def _gap(a: Span, b: Span) -> Span:
    """The characters strictly between two spans, in text order.

    >>> _gap((10, 15), (0, 4))
    (4, 10)
    >>> _gap((0, 4), (2, 8))
    (4, 4)
    """
    first, second = (a, b) if a <= b else (b, a)
    return first[1], max(first[1], second[0])


def _inside(span: Span, sentence: Span) -> bool:
    return sentence[0] <= span[0] and span[1] <= sentence[1]


def _distance(a: Span, b: Span) -> int:
    start, end = _gap(a, b)
    return end - start


def nearest_mention(number: Number, candidate: Candidate) -> Span | None:
    """The candidate's mention nearest the number, preferring one in its sentence."""
    if not candidate.mentions:
        return None
    if len(candidate.mentions) == 1:
        return candidate.mentions[0]
    inside = [m for m in candidate.mentions if _inside(m, number.sentence)]
    pool = inside or list(candidate.mentions)
    return min(pool, key=lambda m: (_distance(m, number.span), m[0]))


def _ordinal(items: Sequence[int], item: int) -> int:
    return sorted(set(items)).index(item) if item in items else -1


def pair_features(
    text: str,
    number: Number,
    candidate: Candidate,
    candidates: Sequence[Candidate],
    numbers: Sequence[Span],
    attribute: str,
    key: Key,
    title: str | None = None,
) -> dict[str, float]:
    """The features of one (number, candidate) pair; absent features are 0.

    text: the cleaned abstract; number: the result number; candidate: one of
    ``candidates`` (all candidates of this attribute, "none" included); numbers: the
    spans of every result number in the record; key: the paper's lenient name key.
    For every candidate of many numbers of one record, :class:`PairFeatures` computes the
    same features faster.
    """
    return _NumberPairs(PairFeatures(text, numbers, attribute, key, title), number, candidates).of(
        candidate
    )


class PairFeatures:
    """The features of a record's (number, candidate) pairs for one attribute, as
    :func:`pair_features` computes them, with what several pairs share found once: the
    name keys, the title's key, the "on" before each mention, the cues and numbers of each
    sentence, and per number the rivals' nearest mentions."""

    def __init__(
        self,
        text: str,
        numbers: Sequence[Span],
        attribute: str,
        key: Key,
        title: str | None = None,
    ) -> None:
        self.text = text
        self.numbers = numbers
        self.attribute = attribute
        self.key = key
        self.title = title
        self._title_key: str | None = None
        self._on_before: dict[int, bool] = {}
        self._sentence_numbers: dict[Span, list[Span]] = {}
        self._respectively: dict[Span, bool] = {}
        self._metric_kinds: dict[str, str] = {}
        self._unit_kinds: dict[str | None, str] = {}
        self._sentence_words: dict[Span, tuple[object, object, str | None]] = {}
        self._own_subject: dict[tuple[int, int], bool] = {}

    def all(self, number: Number, candidates: Sequence[Candidate]) -> list[dict[str, float]]:
        """The features of the pair of ``number`` with each of ``candidates``, in order."""
        pairs = _NumberPairs(self, number, candidates)
        return [pairs.of(c) for c in candidates]

    def title_key(self) -> str:
        if self._title_key is None:
            self._title_key = self.key(self.title or "")
        return self._title_key

    def on_before(self, candidate: Candidate) -> bool:
        """Whether some mention of the candidate follows "on", "across" or "over"."""
        known = self._on_before
        for m in candidate.mentions:
            found = known.get(m[0])
            if found is None:
                found = known[m[0]] = _match_on_before(self.text, 0, m[0])
            if found:
                return True
        return False

    def sentence_numbers(self, sentence: Span) -> list[Span]:
        """The result numbers inside the sentence, in the record's order."""
        found = self._sentence_numbers.get(sentence)
        if found is None:
            found = self._sentence_numbers[sentence] = [
                n for n in self.numbers if _inside(n, sentence)
            ]
        return found

    def respectively(self, sentence: Span) -> bool:
        found = self._respectively.get(sentence)
        if found is None:
            found = self._respectively[sentence] = (
                _RESPECTIVELY.search(self.text, sentence[0], sentence[1]) is not None
            )
        return found

    def sentence_cues(self, number: Number) -> dict[str, float]:
        """``_sentence_cues(text, number, "")``, each search made once per sentence (and
        number start), and skipped where an ASCII sentence lacks the words it looks for."""
        sentence, stop = number.sentence, number.span[0]
        start, end = sentence
        words = self._sentence_words.get(sentence)
        if words is None:
            text = self.text
            segment = text[start:end]
            lowered = segment.lower() if segment.isascii() else None
            words = self._sentence_words[sentence] = (
                _may_match(lowered, _AGGREGATE_GATE) and _AGGREGATE.search(text, start, end),
                _may_match(lowered, _DATA_WORD_GATE) and _DATA_WORD.search(text, start, end),
                lowered,
            )
        aggregate, data_word, lowered = words
        own = self._own_subject.get((start, stop))
        if own is None:
            # The searched part lies in the sentence when the number starts in it.
            gate = lowered if start <= stop <= end else None
            own = self._own_subject[start, stop] = bool(
                _may_match(gate, _OWN_SUBJECT_GATE) and _OWN_SUBJECT.search(self.text, start, stop)
            )
        f: dict[str, float] = {}
        if own:
            f["own_subject"] = 1.0
        if aggregate:
            f["aggregate"] = 1.0
        if data_word:
            f["data_word"] = 1.0
        return f

    def unit_kind(self, unit: str | None) -> str:
        found = self._unit_kinds.get(unit)
        if found is None:
            found = self._unit_kinds[unit] = unit_kind(unit)
        return found

    def metric_kind(self, name: str) -> str:
        found = self._metric_kinds.get(name)
        if found is None:
            found = self._metric_kinds[name] = metric_kind(name)
        return found


class _NumberPairs:
    """What the pairs of one number share: the named candidates, their first mention, the
    rivals in the sentence with their nearest mentions (computed when first needed)."""

    def __init__(self, shared: PairFeatures, number: Number, candidates: Sequence[Candidate]):
        self.shared = shared
        self.number = number
        self.candidates = candidates
        self.chosen = number.chosen.get(shared.attribute)
        self.by = number.strategy.get(shared.attribute)
        self.chosen_key = None if self.chosen is None else shared.key(self.chosen)
        self.named = [c for c in candidates if c.name is not None]
        self.log_rivals = math.log1p(len(candidates) - 1)
        self.only_name = float(len(self.named) == 1)
        self._first: int | None = None
        self._in_sentence: int | None = None
        self._evaluated: int | None = None
        self._cues: dict[str, float] | None = None
        self._nearest: dict[int, Span | None] | None = None
        self._rivals: list[Span] | None = None
        self._rival_sides: list[tuple[int, bool, bool]] = []  # distance, before, after
        self._nearest_distance = 0

    def first(self) -> int:
        """The first mention's start among the named candidates."""
        if self._first is None:
            self._first = min(min(c.mentions)[0] for c in self.named if c.mentions)
        return self._first

    def in_sentence(self) -> int:
        """How many named candidates have a mention in the number's sentence."""
        if self._in_sentence is None:
            sentence = self.number.sentence
            self._in_sentence = sum(
                1 for c in self.named if any(_inside(m, sentence) for m in c.mentions)
            )
        return self._in_sentence

    def evaluated(self) -> int:
        """How many named candidates have a mention after "on", "across" or "over"."""
        if self._evaluated is None:
            self._evaluated = sum(1 for c in self.named if self.shared.on_before(c))
        return self._evaluated

    def cues(self) -> dict[str, float]:
        """The number's sentence cues, unprefixed."""
        if self._cues is None:
            self._cues = self.shared.sentence_cues(self.number)
        return self._cues

    def nearest(self, candidate: Candidate) -> Span | None:
        if self._nearest is None:
            self._nearest = {id(c): nearest_mention(self.number, c) for c in self.named}
        if id(candidate) in self._nearest:
            return self._nearest[id(candidate)]
        return nearest_mention(self.number, candidate)

    def rivals(self) -> list[Span]:
        """The nearest mentions of the named candidates whose nearest mention is in the
        number's sentence, in the candidates' order."""
        if self._rivals is None:
            sentence = self.number.sentence
            rivals = []
            for c in self.named:
                m = self.nearest(c)
                if m is not None and _inside(m, sentence):
                    rivals.append(m)
            self._rivals = rivals
            span = self.number.span
            self._rival_sides = [
                (_distance(m, span), m[1] <= span[0], m[0] >= span[1]) for m in rivals
            ]
            self._nearest_distance = min(d for d, _, _ in self._rival_sides) if rivals else 0
        return self._rivals

    def of(self, candidate: Candidate) -> dict[str, float]:
        """The features of the pair (number, candidate)."""
        shared, number = self.shared, self.number
        text, key = shared.text, shared.key
        f: dict[str, float] = {"bias": 1.0}
        chosen, by = self.chosen, self.by
        if candidate.name is None:
            f["none"] = 1.0
            f["none_rule"] = float(chosen is None)
            f["none_no_rival_in_sentence"] = float(self.in_sentence() == 0)
            f["none_log_rivals"] = self.log_rivals
            f["none_only_name"] = float(len(self.candidates) == 2)
            f["none_no_rival_only_name"] = f["none_no_rival_in_sentence"] * f["none_only_name"]
            if chosen is None:
                # Which strategy decided "not said" (one that ran and stopped), or none decided.
                f[f"none_by_{by or NO_STRATEGY}"] = 1.0
            f[f"none_unit_{shared.unit_kind(number.unit)}"] = 1.0
            for name, value in self.cues().items():
                f[f"none_{name}"] = value
            return f
        f["rule"] = float(chosen is not None and self.chosen_key == key(candidate.name))
        if f["rule"]:
            f[f"by_{by or NO_STRATEGY}"] = 1.0  # the strategy that chose this candidate
        if shared.attribute == "metric":
            f[f"unit_{shared.unit_kind(number.unit)}_{shared.metric_kind(candidate.name)}"] = 1.0
        f[f"src_{candidate.source}"] = 1.0
        f["log_mentions"] = math.log1p(len(candidate.mentions))
        f["log_rivals"] = self.log_rivals
        f["only_name"] = self.only_name
        if candidate.mentions:
            f["first_named"] = float(min(candidate.mentions)[0] == self.first())
        if shared.title and key(candidate.name) in shared.title_key():
            f["in_title"] = 1.0
        if shared.on_before(candidate):
            f["on_before_any"] = 1.0
            # "evaluated on X" names exactly one candidate in the abstract (the carry decision).
            f["only_evaluated"] = float(self.evaluated() == 1)
            f["only_evaluated_rule_none"] = f["only_evaluated"] * float(chosen is None)
        if len(candidate.mentions) == 1:
            f["named_once"] = 1.0
        if candidate.source == "method":
            for name, value in self.cues().items():
                f[f"method_{name}"] = value
        mention = self.nearest(candidate)
        if mention is None:
            f["no_mention"] = 1.0
            return f
        sentence, span = number.sentence, number.span
        same = _inside(mention, sentence)
        rule_none = chosen is None
        if not same:
            f["other_sentence"] = 1.0
            f["log_far_chars"] = math.log1p(_distance(mention, span)) / 5
            f["far_before"] = float(mention[1] <= span[0])
            f["far_no_rival_in_sentence"] = float(self.in_sentence() == 0)
            f["far_only_name"] = f["only_name"]
            f["far_rule_none"] = float(rule_none)
            f["far_only_name_rule_none"] = f["only_name"] * float(rule_none)
            f["far_first_named"] = f.get("first_named", 0.0)
            f["far_on_before_any"] = f.get("on_before_any", 0.0)
            f["far_only_evaluated"] = f.get("only_evaluated", 0.0)
            f["far_just_before"] = float(
                mention[1] <= sentence[0] and sentence[0] - mention[1] < 300
            )
            return f
        f["near_rule_none"] = float(rule_none)
        f["near_src_method"] = float(candidate.source == "method")
        f["same_sentence"] = 1.0
        before = mention[1] <= span[0]
        after = mention[0] >= span[1]
        f["before"], f["after"] = float(before), float(after)
        f["overlap"] = float(not before and not after)
        start, end = _gap(mention, span)
        between = text[start:end]
        chars = end - start
        # The runs of non-space (re's \S+: its \s is str.isspace, as split's is).
        words = len(between.split())
        f["log_chars"] = math.log1p(chars) / 5
        f["log_words"] = math.log1p(words) / 3
        f["adjacent_before"] = float(before and words <= 1)
        f["adjacent_after"] = float(after and words <= 1)
        # A number between the two lies in the sentence when the number does: count among
        # the sentence's numbers then.
        pool = shared.sentence_numbers(sentence) if _inside(span, sentence) else shared.numbers
        others = sum(1 for n in pool if n != span and start <= n[0] and n[1] <= end)
        f["numbers_between"] = math.log1p(others)
        for name in _cues_between(between):
            f[f"cue_{name}"] = 1.0
            f[f"cue_{name}_{'before' if before else 'after'}"] = 1.0
        # Nearest of the rivals in the sentence, on either side and on its own side.
        rivals = self.rivals()  # the candidate's own mention is among them
        own = end - start
        f["nearest"] = float(own == self._nearest_distance)
        side = [d for d, b, a in self._rival_sides if b == before and a == after]
        f["nearest_on_side"] = float(bool(side) and own == min(side))
        f["log_rivals_in_sentence"] = math.log1p(len(rivals) - 1)
        # "A, B and C reach 1, 2 and 3, respectively": the k-th number goes with the k-th name.
        if shared.respectively(sentence):
            f["respectively"] = 1.0
            sentence_numbers = [n[0] for n in shared.sentence_numbers(sentence)]
            starts = [m[0] for m in rivals]
            if len(sentence_numbers) > 1 and len(starts) > 1:
                f["respectively_aligned"] = float(
                    _ordinal(sentence_numbers, span[0]) == _ordinal(starts, mention[0])
                )
        return f


def _sentence_cues(text: str, number: Number, prefix: str) -> dict[str, float]:
    """Cues of the number's sentence up to the number (own subject) and around it
    (aggregate, data words), with ``prefix`` on their names.

    >>> n = Number((25, 28), (0, 40), {})
    >>> _sentence_cues("On all datasets, we gain 3.1% on average.", n, "none_")
    {'none_own_subject': 1.0, 'none_aggregate': 1.0, 'none_data_word': 1.0}
    """
    f: dict[str, float] = {}
    start, end = number.sentence
    if _OWN_SUBJECT.search(text, start, number.span[0]):
        f[f"{prefix}own_subject"] = 1.0
    if _AGGREGATE.search(text, start, end):
        f[f"{prefix}aggregate"] = 1.0
    if _DATA_WORD.search(text, start, end):
        f[f"{prefix}data_word"] = 1.0
    return f


def vectorize(features: dict[str, float], names: Sequence[str]) -> list[float]:
    """The features in ``names`` order, 0 for the absent ones.

    >>> vectorize({"a": 2.0, "c": 1.0}, ["a", "b"])
    [2.0, 0.0]
    """
    return [features.get(name, 0.0) for name in names]


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """A dot product of sparse features with sparse weights (the ranker's run-time step).

    >>> score({"bias": 1.0, "rule": 1.0}, {"bias": -1.0, "rule": 2.5, "none": 3.0})
    1.5
    """
    weight = weights.get
    return sum([value * weight(name, 0.0) for name, value in features.items()])


def sigmoid(x: float) -> float:
    """The logistic function, safe for large arguments.

    >>> round(sigmoid(0.0), 2), round(sigmoid(1000.0), 2), round(sigmoid(-1000.0), 2)
    (0.5, 1.0, 0.0)
    """
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def same_name(a: str | None, b: str | None, key: Key) -> bool:
    """Whether two attributions agree: both none, or names with the same key.

    >>> same_name("GSM8K", "gsm8k", str.lower), same_name(None, None, str.lower)
    (True, True)
    >>> same_name("GSM8K", None, str.lower)
    False
    """
    if a is None or b is None:
        return a is None and b is None
    return key(a) == key(b)


def dedupe(candidates: Sequence[Candidate], key: Key) -> list[Candidate]:
    """One candidate per name key, merging mentions; the first source wins; "none" once.

    >>> a = Candidate("GSM8K", ((0, 5),), "list")
    >>> b = Candidate("gsm8k", ((20, 25),), "pattern")
    >>> [(c.name, c.mentions, c.source) for c in dedupe([a, b], str.lower)]
    [('GSM8K', ((0, 5), (20, 25)), 'list')]
    """
    merged: dict[str | None, Candidate] = {}
    _merge(merged, candidates, key)
    return list(merged.values())


def _merge(merged: dict[str | None, Candidate], candidates: Sequence[Candidate], key: Key) -> None:
    """Fold ``candidates`` into ``merged`` (name key -> candidate), as :func:`dedupe` does."""
    for c in candidates:
        k = None if c.name is None else key(c.name)
        if k in merged:
            old = merged[k]
            mentions = tuple(sorted(set(old.mentions) | set(c.mentions)))
            merged[k] = Candidate(old.name, mentions, old.source)
        else:
            merged[k] = c


def locate(text: str, name: str, sentence: Span) -> tuple[Span, ...]:
    """Where a name the rules chose is written: its mentions in the number's sentence, or
    anywhere in the text, compared case-insensitively; empty when it is not written as is.

    >>> locate("Acc is 5. Then accuracy: 7.", "accuracy", (10, 27))
    ((15, 23),)
    """
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    inside = [(m.start(), m.end()) for m in pattern.finditer(text, sentence[0], sentence[1])]
    if inside:
        return tuple(inside)
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


def _find_all(text: str, part: str, start: int, end: int) -> tuple[Span, ...]:
    """The non-overlapping occurrences of ``part`` in ``text[start:end]``, left to right.

    >>> _find_all("aaa ab aa", "aa", 0, 9), _find_all("aaa ab aa", "aa", 1, 8)
    (((0, 2), (7, 9)), ((1, 3),))
    """
    found = []
    at = text.find(part, start, end)
    while at >= 0:
        found.append((at, at + len(part)))
        at = text.find(part, at + len(part), end)
    return tuple(found)


class CandidateFinder:
    """The candidates of one attribute for each number of one record (see
    :func:`candidates_for`), with what does not depend on the number found once: the
    names' candidates, the other results' names, each name's mentions per sentence, and the
    candidates of every (sentence, rules' choice), which is all a number's list depends on.
    """

    def __init__(
        self,
        text: str,
        record: PaperRecord,
        names: Sequence[NameMatch],
        attribute: str,
        key: Key,
        others: bool = True,
    ) -> None:
        self.text = text
        self.attribute = attribute
        self.key = key
        sources = {(m.start, m.end): m.source for m in names}
        found: list[Candidate] = []
        if attribute == "metric":
            for m in names:
                if m.label == METRIC:
                    name = metric_name(text[m.start : m.end])
                    found.append(Candidate(name, ((m.start, m.end),), m.source))
        else:
            entities = record.models if attribute == "model" else record.benchmarks
            for e in entities:
                spans = tuple((s.start, s.end) for s in e.mentions)
                source = next((sources[s] for s in spans if s in sources), "list")
                found.append(Candidate(e.name, spans, source))
            if attribute == "model" and record.method is not None:
                spans = tuple((s.start, s.end) for s in record.method.mentions)
                found.append(Candidate(record.method.name, spans, "method"))
        # The names found, folded once: dedupe is a left fold, so folding the rest of a
        # number's list onto a copy of this gives the very same candidates.
        self._found: dict[str | None, Candidate] = {}
        _merge(self._found, found, key)
        # Names the rules gave the record's other numbers (phrases such as "response
        # length" that are no listed name): candidates the name finder never builds.
        self._others: list[str] = []
        if others:
            for r in record.metrics:
                other: str | None = getattr(r, attribute)
                if other is not None:
                    self._others.append(other)
        self._located: dict[tuple[str, Span], tuple[Span, ...]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._everywhere: dict[str, tuple[Span, ...]] = {}
        # An ASCII name in an ASCII text: ignoring case is lower-casing, and a literal
        # pattern's matches are the name's non-overlapping occurrences, left to right.
        self._lowered = text.lower() if text.isascii() else None
        self._lists: dict[tuple[Span, str | None], list[Candidate]] = {}

    def _locate(self, name: str, sentence: Span) -> tuple[Span, ...]:
        """``locate(text, name, sentence)``, the name's mentions in the whole text found
        once, and ASCII names in ASCII texts found without a pattern."""
        found = self._located.get((name, sentence))
        if found is None:
            found = self._find(name, sentence[0], sentence[1])
            if not found:
                everywhere = self._everywhere.get(name)
                if everywhere is None:
                    everywhere = self._everywhere[name] = self._find(name, 0, len(self.text))
                found = everywhere
            self._located[name, sentence] = found
        return found

    def _find(self, name: str, start: int, end: int) -> tuple[Span, ...]:
        """The name's matches in ``text[start:end]``, compared case-insensitively."""
        if self._lowered is not None and name and name.isascii():
            return _find_all(self._lowered, name.lower(), start, end)
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = re.compile(re.escape(name), re.IGNORECASE)
        return tuple((m.start(), m.end()) for m in pattern.finditer(self.text, start, end))

    def __call__(self, number: Number) -> list[Candidate]:
        """The number's candidates, as :func:`candidates_for` lists them (the same list
        object for numbers of one sentence with one rules' choice: do not change it)."""
        chosen = number.chosen[self.attribute]
        cached = self._lists.get((number.sentence, chosen))
        if cached is not None:
            return cached
        rest: list[Candidate] = []
        if chosen is not None:
            rest.append(Candidate(chosen, self._locate(chosen, number.sentence), "rules"))
        for other in self._others:
            rest.append(Candidate(other, self._locate(other, number.sentence), "other_result"))
        rest.append(Candidate(None, (), "none"))
        merged = dict(self._found)
        _merge(merged, rest, self.key)
        found = self._lists[number.sentence, chosen] = list(merged.values())
        return found


def candidates_for(
    text: str,
    record: PaperRecord,
    names: Sequence[NameMatch],
    number: Number,
    attribute: str,
    key: Key,
    others: bool = True,
) -> list[Candidate]:
    """Every candidate for one attribute of one number, the rules' choice always among them.

    metric: every METRIC name the name finder found, normalised as records write metrics;
    benchmark and model: the record's benchmarks and models (each with all its mentions),
    plus the method for model; then the rules' choice; with ``others``, the names the rules
    gave the record's other numbers; then "none". Candidates with the same key are merged.
    For many numbers of one record, :class:`CandidateFinder` finds the same lists faster.
    """
    return CandidateFinder(text, record, names, attribute, key, others)(number)


def memoized(key: Key) -> Key:
    """``key``, remembering each name's key (a key is a pure function of the name).

    >>> calls = []
    >>> k = memoized(lambda s: calls.append(s) or s.lower())
    >>> k("A"), k("A"), calls
    ('a', 'a', ['A'])
    """
    known: dict[str, str] = {}

    def remembered(name: str) -> str:
        found = known.get(name)
        if found is None:
            found = known[name] = key(name)
        return found

    return remembered


def with_method(record: PaperRecord, key: Key, spellings: Sequence[str] = ()) -> Key:
    """``key``, with every spelling of the method (the record's name and aliases, and
    ``spellings``) read as one name: the key models are compared by."""
    names = [record.method.name, *record.method.aliases] if record.method else []
    same = {key(n) for n in [*names, *spellings]}
    method = key(names[0]) if names else (key(spellings[0]) if spellings else "")

    def model_key(name: str) -> str:
        k = key(name)
        return method if k in same else k

    return model_key


def number_of(result: Result) -> Number:
    """A record's result as the ranker sees it: its span, sentence, the rules' choices,
    the strategies that made them, and its unit."""
    by = result.strategy
    return Number(
        (result.span.start, result.span.end),
        (result.sentence.start, result.sentence.end),
        {"metric": result.metric, "benchmark": result.benchmark, "model": result.model},
        {
            "metric": by.metric if by else None,
            "benchmark": by.benchmark if by else None,
            "model": by.model if by else None,
        },
        result.unit,
    )
