"""The attribution ranker's candidates and features as they were before the speed-ups
(commit 4d1e827), frozen: ``test_ranker_speed.py`` checks the run-time classes against it.
Do not edit (only the imports differ from the original)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from extractor.components.names import METRIC, NameMatch
from extractor.metric_names import metric_name
from extractor.pipeline.results.ranker_features import (
    _AGGREGATE,
    _CUE_PATTERNS,
    _DATA_WORD,
    _OWN_SUBJECT,
    _RESPECTIVELY,
    Candidate,
    Key,
    Number,
    Span,
    _match_on_before,
    metric_kind,
    unit_kind,
)
from extractor_schemas import PaperRecord

_WORD = re.compile(r"\S+")


def _gap(a: Span, b: Span) -> Span:
    """The characters strictly between two spans, in text order.

    >>> _gap((10, 15), (0, 4))
    (4, 10)
    >>> _gap((0, 4), (2, 8))
    (4, 4)
    """
    first, second = sorted((a, b))
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
    """
    f: dict[str, float] = {"bias": 1.0}
    chosen = number.chosen.get(attribute)
    by = number.strategy.get(attribute)
    if candidate.name is None:
        f["none"] = 1.0
        f["none_rule"] = float(chosen is None)
        in_sentence = sum(
            1
            for c in candidates
            if c.name is not None and any(_inside(m, number.sentence) for m in c.mentions)
        )
        f["none_no_rival_in_sentence"] = float(in_sentence == 0)
        f["none_log_rivals"] = math.log1p(len(candidates) - 1)
        f["none_only_name"] = float(len(candidates) == 2)
        f["none_no_rival_only_name"] = f["none_no_rival_in_sentence"] * f["none_only_name"]
        if chosen is None:
            # Which strategy decided "not said" (one that ran and stopped), or none decided.
            f[f"none_by_{by or 'nothing'}"] = 1.0
        f[f"none_unit_{unit_kind(number.unit)}"] = 1.0
        f.update(_sentence_cues(text, number, "none_"))
        return f
    f["rule"] = float(chosen is not None and key(chosen) == key(candidate.name))
    if f["rule"]:
        f[f"by_{by or 'nothing'}"] = 1.0  # the strategy that chose this candidate
    if attribute == "metric":
        f[f"unit_{unit_kind(number.unit)}_{metric_kind(candidate.name)}"] = 1.0
    f[f"src_{candidate.source}"] = 1.0
    f["log_mentions"] = math.log1p(len(candidate.mentions))
    f["log_rivals"] = math.log1p(len(candidates) - 1)
    named = [c for c in candidates if c.name is not None]
    f["only_name"] = float(len(named) == 1)
    firsts = sorted(min(c.mentions)[0] for c in named if c.mentions)
    if candidate.mentions:
        f["first_named"] = float(min(candidate.mentions)[0] == firsts[0])
    if title and key(candidate.name) in key(title):
        f["in_title"] = 1.0
    if any(_match_on_before(text, 0, m[0]) for m in candidate.mentions):
        f["on_before_any"] = 1.0
        evaluated = [c for c in named if any(_match_on_before(text, 0, m[0]) for m in c.mentions)]
        # "evaluated on X" names exactly one candidate in the abstract (the carry decision).
        f["only_evaluated"] = float(len(evaluated) == 1)
        f["only_evaluated_rule_none"] = f["only_evaluated"] * float(chosen is None)
    if len(candidate.mentions) == 1:
        f["named_once"] = 1.0
    if candidate.source == "method":
        f.update(_sentence_cues(text, number, "method_"))
    mention = nearest_mention(number, candidate)
    if mention is None:
        f["no_mention"] = 1.0
        return f
    same = _inside(mention, number.sentence)
    rule_none = chosen is None
    if not same:
        f["other_sentence"] = 1.0
        f["log_far_chars"] = math.log1p(_distance(mention, number.span)) / 5
        f["far_before"] = float(mention[1] <= number.span[0])
        named_in_sentence = any(_inside(m, number.sentence) for c in named for m in c.mentions)
        f["far_no_rival_in_sentence"] = float(not named_in_sentence)
        f["far_only_name"] = f["only_name"]
        f["far_rule_none"] = float(rule_none)
        f["far_only_name_rule_none"] = f["only_name"] * float(rule_none)
        f["far_first_named"] = f.get("first_named", 0.0)
        f["far_on_before_any"] = f.get("on_before_any", 0.0)
        f["far_only_evaluated"] = f.get("only_evaluated", 0.0)
        f["far_just_before"] = float(
            mention[1] <= number.sentence[0] and number.sentence[0] - mention[1] < 300
        )
        return f
    f["near_rule_none"] = float(rule_none)
    f["near_src_method"] = float(candidate.source == "method")
    f["same_sentence"] = 1.0
    before = mention[1] <= number.span[0]
    after = mention[0] >= number.span[1]
    f["before"], f["after"] = float(before), float(after)
    f["overlap"] = float(not before and not after)
    start, end = _gap(mention, number.span)
    between = text[start:end]
    chars = end - start
    words = len(_WORD.findall(between))
    f["log_chars"] = math.log1p(chars) / 5
    f["log_words"] = math.log1p(words) / 3
    f["adjacent_before"] = float(before and words <= 1)
    f["adjacent_after"] = float(after and words <= 1)
    others = sum(1 for n in numbers if n != number.span and start <= n[0] and n[1] <= end)
    f["numbers_between"] = math.log1p(others)
    for name, pattern in _CUE_PATTERNS.items():
        if pattern.search(between):
            f[f"cue_{name}"] = 1.0
            f[f"cue_{name}_{'before' if before else 'after'}"] = 1.0
    # Nearest of the rivals in the sentence, on either side and on its own side.
    rivals = []
    for c in named:
        m = nearest_mention(number, c)
        if m is not None and _inside(m, number.sentence):
            rivals.append((c, m))
    distances = sorted(_distance(m, number.span) for _, m in rivals)
    own = _distance(mention, number.span)
    f["nearest"] = float(own == distances[0])
    side = [
        _distance(m, number.span)
        for _, m in rivals
        if (m[1] <= number.span[0]) == before and (m[0] >= number.span[1]) == after
    ]
    f["nearest_on_side"] = float(bool(side) and own == min(side))
    f["log_rivals_in_sentence"] = math.log1p(len(rivals) - 1)
    # "A, B and C reach 1, 2 and 3, respectively": the k-th number goes with the k-th name.
    if _RESPECTIVELY.search(text, number.sentence[0], number.sentence[1]):
        f["respectively"] = 1.0
        sentence_numbers = [n[0] for n in numbers if _inside(n, number.sentence)]
        starts = [m[0] for _, m in rivals]
        if len(sentence_numbers) > 1 and len(starts) > 1:
            f["respectively_aligned"] = float(
                _ordinal(sentence_numbers, number.span[0]) == _ordinal(starts, mention[0])
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
    """
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
    chosen = number.chosen[attribute]
    if chosen is not None:
        found.append(Candidate(chosen, locate(text, chosen, number.sentence), "rules"))
    if others:
        # Names the rules gave the record's other numbers (phrases such as "response
        # length" that are no listed name): candidates the name finder never builds.
        for r in record.metrics:
            other: str | None = getattr(r, attribute)
            if other is not None:
                found.append(Candidate(other, locate(text, other, number.sentence), "other_result"))
    found.append(Candidate(None, (), "none"))
    return dedupe(found, key)


def dedupe(candidates: Sequence[Candidate], key: Key) -> list[Candidate]:
    """One candidate per name key, merging mentions; the first source wins; "none" once.

    >>> a = Candidate("GSM8K", ((0, 5),), "list")
    >>> b = Candidate("gsm8k", ((20, 25),), "pattern")
    >>> [(c.name, c.mentions, c.source) for c in dedupe([a, b], str.lower)]
    [('GSM8K', ((0, 5), (20, 25)), 'list')]
    """
    merged: dict[str | None, Candidate] = {}
    for c in candidates:
        k = None if c.name is None else key(c.name)
        if k in merged:
            old = merged[k]
            mentions = tuple(sorted(set(old.mentions) | set(c.mentions)))
            merged[k] = Candidate(old.name, mentions, old.source)
        else:
            merged[k] = c
    return list(merged.values())
