"""The benchmark of a result: ordered strategies, from the number's own "on X" outwards.

:data:`STRATEGIES` are tried in order; the first that decides wins. A strategy may decide
that the text does not say (``NOT_SAID``): "by 8.9% on average across X, Y and Z" names
three benchmarks for one number.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

import regex

from extractor.components.names import BENCHMARK, NameMatch
from extractor.pipeline.results._cues import (
    _match_benchmark_preposition,
    _match_bracket_close_after_name,
    _match_bracketed_benchmark,
    _match_coordinated_results,
    _match_for_task_after,
    _match_name_list_gap,
    _match_on_hardware,
    _match_open_bracket_after_name,
    _match_own_benchmark,
    _search_claimed,
    _search_clause_setting,
    _search_respectively_on,
    _search_setting,
    _search_speed_metric,
    _search_task_before_bracket,
    _search_trained_on,
)
from extractor.pipeline.results.context import (
    Claim,
    has_setting,
    in_name_list,
    is_training_set,
    on_parts_of,
)
from extractor.pipeline.results.types import NOT_SAID, NotSaid, first_hit, without

# An aside in brackets, which does not end the number's "on X": "9.62% SUN (Stable, Unique,
# Novel) rate on MP-20".
_drop_brackets = regex.compile(r"\s*\([^()]*\)").sub

# Units of scores on a benchmark (a bare number is a score too).
SCORE_UNITS = {"%", "points", "dB", "FPS", None}


def own_on_after(c: Claim) -> str | None:
    """Inside a list, a benchmark named right after this number: "4.04 on SpEAR and 1.46
    on VPQAD"."""
    text = c.text
    for n in c.ctx.index.between(c.q.end, c.q.end + 40):
        if n.label == BENCHMARK and _match_own_benchmark(text, c.q.end, n.start):
            return text[n.start : n.end]
    return None


def in_brackets_after(c: Claim) -> str | None:
    """A benchmark in brackets right after the number: "54.3 AP (COCO) and 41.2 AP (LVIS)",
    "45.3% (MD17 Energy)"."""
    text, q = c.text, c.q
    opening = text.find("(", q.end, q.end + 40)
    if opening < 0:
        return None
    for n in c.ctx.index.between(opening, opening + 12):
        if (
            n.label == BENCHMARK
            and _match_bracket_close_after_name(text, n.end, n.end + 40)
            and _match_bracketed_benchmark(text, q.end, n.start)
        ):
            return text[n.start : n.end]
    return None


def in_brackets_of_name(c: Claim) -> str | None:
    """The benchmark whose brackets the number stands in: "CLCD (F1: 81.41%, IoU:
    68.65%), LEVIR-CD (F1: 92.18%, IoU: 85.49%)"."""
    text, start = c.text, c.q.start
    opening = text.rfind("(", max(c.sentence[0], start - 80), start)
    if opening < 0:
        return None
    for n in reversed(c.ctx.index.between(max(c.sentence[0], opening - 80), opening)):
        if n.label != BENCHMARK or n.end > opening:
            continue
        if _match_open_bracket_after_name(text, n.end, start) and not is_training_set(text, n):
            return text[n.start : n.end]
        return None
    return None


def respectively_on_after(c: Claim) -> str | None:
    """The benchmark after a list's "respectively": "4.1% and 10.6% lower EER and minDCF,
    respectively, on VoxCeleb1-O" (no other number between)."""
    text, g_end = c.text, c.g_end
    for n in c.ctx.index.between(g_end, min(c.sentence[1], g_end + 160)):
        if n.label != BENCHMARK:
            continue
        if (
            _search_respectively_on(text, g_end, n.start)
            and not c.ctx.number_between(g_end, n.start)
            and not in_name_list(text, n, BENCHMARK, c.in_sentence)
        ):
            return text[n.start : n.end]
        return None
    return None


def on_after_list(c: Claim) -> str | NotSaid | None:
    """The list's "on X" after its last number: "53.1 and 54.4 AP on COCO", "63.5 HOTA and
    78.2 IDF1 on MOT17", "by 14% on 9 D4RL tasks"; not said for "across X, Y and Z"."""
    text, g_end = c.text, c.g_end
    for n in c.in_sentence:
        if (
            n.label == BENCHMARK
            and n.start >= g_end
            and (
                (
                    (
                        _match_benchmark_preposition(_drop_brackets("", text[g_end : n.start]))
                        or on_parts_of(text, g_end, n)
                    )
                    and not c.ctx.result_between(g_end, n.start, c.group)
                )
                or _match_coordinated_results(text[g_end : n.start])
            )
            and not is_training_set(text, n)
        ):
            if in_name_list(text, n, BENCHMARK, c.in_sentence):
                return NOT_SAID  # "by 8.9% on average across X, Y and Z": which is not said
            return text[n.start : n.end]
    return None


# A number that opens an aside in brackets: "77.8% mAP (+9.4%)" (the "(" right before it).
_search_aside_open = regex.compile(r"\(\s*\Z").search


def respectively_items_with_asides(c: Claim) -> str | None:
    """Items each with its aside in brackets pair in order with the benchmarks listed
    after them: "77.8% mAP (+9.4%), 86.1% mAP (+2.9%) and 96.1% mAP (+0.5%) on A, B and
    C, respectively" gives 77.8% and +9.4% A (an aside takes its item's benchmark)."""
    ctx, text, (start, end) = c.ctx, c.text, c.sentence
    if len(c.group) > 1 or not ctx.sentence_says("respectively", c.sentence):
        return None
    starts = ctx.result_starts[
        bisect_left(ctx.result_starts, start) : bisect_left(ctx.result_starts, end)
    ]
    opens = [bool(_search_aside_open(text, max(start, s - 3), s)) for s in starts]
    if not any(opens) or opens[0]:
        return None  # no asides: the lists' own pairing speaks
    names = [n for n in ctx.index.between(starts[-1], end) if n.label == BENCHMARK]
    items = opens.count(False)
    if len(names) < items or (
        len(names) > items and _match_name_list_gap(text[names[items - 1].end : names[items].start])
    ):
        return None  # "on A, B, C and D" after three items: which is not said
    names = names[:items]
    if ctx.number_between(starts[-1], names[0].start) or not all(
        _match_name_list_gap(text[a.end : b.start]) for a, b in pairwise(names)
    ):
        return None
    if any(is_training_set(text, n) for n in names):
        return None
    item = sum(not aside for s, aside in zip(starts, opens, strict=True) if s <= c.q.start) - 1
    if item < 0:
        return None
    n = names[item]
    return text[n.start : n.end]


def measured_on_hardware(c: Claim) -> NotSaid | None:
    """A number measured on hardware, not on data: "132/119 FPS on the 2080ti GPU"
    (unless the sentence opens on a benchmark: "On X, ...")."""
    if _match_on_hardware(c.text, c.g_end, c.sentence[1]) and not has_setting(
        c.text, c.in_sentence, c.sentence[0]
    ):
        return NOT_SAID
    return None


def nearest_name(c: Claim) -> str | NotSaid | None:
    """The nearest benchmark joined to the number: "7.55 MT-Bench", "on GSM8K, X reaches
    81%"; not one it was trained on, nor one another number claims ("7.55 on MT-Bench and
    BLEU of 32.1"); not said for "On ImageNet-100 and ImageNet-1K, ..."."""
    text = c.text
    near = c.nearest(BENCHMARK, 0, 3) or c.nearest(BENCHMARK, 160, 80)
    if near and is_training_set(text, near):
        near = None  # "Models trained on LAION-400M reach 71.2%": not measured there
    if near and near.end <= c.g_start:
        if _search_claimed(text, max(0, near.start - 40), near.start):
            near = None
        elif in_name_list(text, near, BENCHMARK, c.in_sentence):
            return NOT_SAID
    return text[near.start : near.end] if near else None


def sentence_setting(c: Claim) -> str | None:
    """The setting the sentence opens with: "Evaluated on X, ours achieves 55.3% ...", or
    that of a later clause before the number: "On X, A reaches 2.4, and on Y, A reaches
    an IS of 195.1"."""
    text, sentence_start = c.text, c.sentence[0]
    before = c.ctx.index.between(sentence_start, c.g_start)
    clause = next(
        (
            n
            for n in reversed(before)
            if n.label == BENCHMARK
            and n.end <= c.g_start
            and _search_clause_setting(text, max(sentence_start, n.start - 20), n.start)
            and text[n.end : n.end + 1] == ","
            and not in_name_list(text, n, BENCHMARK, before)
        ),
        None,
    )
    if clause is not None:
        return text[clause.start : clause.end]
    setting = next(
        (
            n
            for n in before
            if n.label == BENCHMARK
            and n.end <= c.g_start
            and _search_setting(text[max(sentence_start, n.start - 40) : n.start])
            and not in_name_list(text, n, BENCHMARK, before)
        ),
        None,
    )
    return text[setting.start : setting.end] if setting else None


def _is_speed(c: Claim) -> bool:
    """Whether the number is a speed measured on hardware ("29% lower latency", "14.8
    FPS"): a benchmark named in another sentence is not carried to it."""
    return c.q.unit == "FPS" or (c.metric is not None and bool(_search_speed_metric(c.metric)))


def setting_sentence_before(c: Claim) -> str | None:
    """ "We evaluate on X. Our model reaches 85.4% pass@1": the setting sentence's results
    are in the sentence right after it (a metric must be named)."""
    ctx, start = c.ctx, c.sentence[0]
    evaluated_on = ctx.evaluated_on
    if (
        evaluated_on is not None
        and start == ctx.evaluated_on_next
        and c.metric is not None
        and not _is_speed(c)
        and not ctx.sentence_says("human_study", c.sentence)
    ):
        return c.text[evaluated_on.start : evaluated_on.end]
    return None


def task_of_bracketed_benchmark(c: Claim) -> str | None:
    """A number reported for a task the paper named with its benchmark in brackets:
    "subtype classification (TCGA-NSCLC) ... an AUC of 0.96 for subtype classification"."""
    text = c.text
    bracketed = [n for n in c.ctx.names if n.label == BENCHMARK and text[n.end : n.end + 1] == ")"]
    if not bracketed:
        return None  # fast: no benchmark in brackets to name a task
    wanted = _match_for_task_after(text, c.q.end, c.sentence[1])
    if wanted is None:
        return None
    task = wanted.group("task").lower()
    for n in bracketed:
        named = _search_task_before_bracket(text, max(0, n.start - 60), n.start)
        if named and named.group("task").lower() == task:
            return text[n.start : n.end]
    return None


def sole_benchmark(c: Claim) -> str | None:
    """ "Experiments on X show ... . Later, FooNet is 2.2% more accurate than Y", "Gains
    are largest on small objects: +4.1%": a paper evaluated on one benchmark reports its
    scores on it, parts of it included (not a speed measured on hardware: "29% lower
    latency", "14.8 FPS"; not a study with people)."""
    ctx, text = c.ctx, c.text
    sole = ctx.sole_benchmark
    if (
        sole is not None
        and sole.end <= c.g_start
        and c.q.unit in SCORE_UNITS
        and not _is_speed(c)
        and not ctx.sentence_says("benchmark", c.sentence)
        and not ctx.sentence_says("human_study", c.sentence)
        and not ctx.sentence_says("unnamed_data", c.sentence)
    ):
        return text[sole.start : sole.end]
    return None


# A benchmark numbers are reported on: "on X", "in the X", "under the standard X".
_search_scored_on = regex.compile(
    r"\b(?:on|in|under|across)\s+(?:the\s+)?(?:[\w\-]+\s+)?\Z", regex.IGNORECASE
).search


def _scored_on(c: Claim, n: NameMatch) -> bool:
    """Whether a number claims the benchmark ("24.1% FLEURS") or it is named as where
    numbers are reported ("on B3DB", "under the standard LIBERO evaluation")."""
    text, lo = c.text, max(0, n.start - 40)
    return bool(_search_claimed(text, lo, n.start) or _search_scored_on(text, lo, n.start))


def paper_benchmark(c: Claim) -> str | None:
    """A benchmark paper's numbers are on its own benchmark unless another is named (or the
    sentence names the data it trains on: "fine-tuning M with X leads to"); not in a
    sentence that names another benchmark its numbers may be on: "the lowest WER (24.1%
    FLEURS, 27.4% CV24), followed by M (32.8%, 39.5%)"."""
    ctx, text, (start, end) = c.ctx, c.text, c.sentence
    own = ctx.method_name
    if (
        ctx.method_is_benchmark
        and own
        and not any(
            n.label == BENCHMARK
            and (is_training_set(text, n) or (text[n.start : n.end] != own and _scored_on(c, n)))
            for n in ctx.index.between(start, end)
        )
        and not any(
            _search_trained_on(text, max(0, s - 50), s)
            for s, _ in ctx.method_mentions_in(start, end)
        )
    ):
        return ctx.method_name
    return None


STRATEGIES = (
    own_on_after,
    in_brackets_after,
    in_brackets_of_name,
    on_after_list,
    respectively_on_after,
    respectively_items_with_asides,
    measured_on_hardware,
    nearest_name,
    sentence_setting,
    setting_sentence_before,
    task_of_bracketed_benchmark,
    sole_benchmark,
    paper_benchmark,
)


# The strategies that name only a benchmark the document names: in a document that names
# none, each returns None for every number (only measured_on_hardware may still decide).
NEED_BENCHMARK = frozenset(s.__name__ for s in STRATEGIES if s is not measured_on_hardware)


def decide(c: Claim) -> tuple[str | None, str | None]:
    """The benchmark of a number and the strategy that decided it."""
    if c.ctx.names_benchmark:
        return first_hit(STRATEGIES, c)
    return first_hit(without(STRATEGIES, NEED_BENCHMARK), c)
