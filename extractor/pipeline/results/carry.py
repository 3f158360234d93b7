"""Attribution carried between the results of a sentence, after each number's own.

"FooNet reaches an accuracy of 81.9%, outperforming BarNet by 5.3%": the gain is in
accuracy too. Each pass fills only what a number lacks and names itself as the strategy.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace

import regex

from extractor.components.names import BENCHMARK
from extractor.components.quantities import Quantity
from extractor.gazetteers import load_gazetteer
from extractor.lexicon.cues import alternation, phrases
from extractor.pipeline.results._cues import (
    _match_on_hardware,
    _search_claimed,
    _search_cost_metric,
)
from extractor.pipeline.results.benchmark import SCORE_UNITS
from extractor.pipeline.results.context import Context, is_training_set
from extractor.pipeline.results.types import ResultMatch

_METRICS = load_gazetteer("metrics")
# Units of a gain over a score, which shares the score's metric ("+5.3%", "2.1 points").
_METRIC_CARRY_UNITS = {"%", "points", None}
# Units that say two numbers measure the same thing (a bare number says nothing).
_SAME_UNIT_CARRY = {"%", "points", "dB"}


def _decided(r: ResultMatch, **by: str | None) -> ResultMatch:
    return replace(r, strategy=replace(r.strategy, **by))


def compared_number(
    results: list[ResultMatch], compared_with: dict[int, Quantity]
) -> list[ResultMatch]:
    """A bare number compared with a result is in the result's measure: "8.43 perplexity,
    compared to 7.81 in full precision"."""
    if not compared_with:
        return results
    metric_at = {r.quantity.start: r.metric for r in results}
    return [
        _decided(
            replace(r, metric=metric_at.get(compared_with[r.quantity.start].start)),
            metric="compared_number",
        )
        if r.quantity.start in compared_with
        else r
        for r in results
    ]


def _metric_id(metric: str) -> str:
    """The listed id of a metric's spelling ("area under the curve" -> "AUC"), else itself."""
    entry = _METRICS.entry(metric) or _METRICS.entry(metric.lower())
    return entry.id if entry else metric


class _ClauseDonors:
    """Results that may give their metric to others of their clause, indexed so that the
    metrics reachable from a number (same sentence, no "while", "but" or ";" between) are
    found in logarithmic time."""

    def __init__(self, ctx: Context, donors: list[ResultMatch]) -> None:
        self.ctx = ctx
        by_sentence: dict[tuple[int, int], list[ResultMatch]] = {}
        for donor in donors:
            if donor.metric is not None:
                by_sentence.setdefault(donor.sentence, []).append(donor)
        self.ends: dict[tuple[int, int], list[int]] = {}
        self.ids: dict[tuple[int, int], list[str]] = {}
        self.spellings: dict[tuple[int, int], list[str]] = {}
        self.next_other: dict[tuple[int, int], list[int]] = {}
        for sentence, found in by_sentence.items():
            found.sort(key=lambda r: r.quantity.end)
            ids = [_metric_id(r.metric) for r in found if r.metric is not None]
            # next_other[i]: the first index after i whose metric is another one
            next_other = [len(ids)] * len(ids)
            for i in range(len(ids) - 2, -1, -1):
                next_other[i] = i + 1 if ids[i + 1] != ids[i] else next_other[i + 1]
            self.ends[sentence] = [r.quantity.end for r in found]
            self.ids[sentence] = ids
            self.spellings[sentence] = [r.metric for r in found if r.metric is not None]
            self.next_other[sentence] = next_other

    def only_metric(self, result: ResultMatch) -> str | None:
        """The one metric the donors of the number's clause give, None for none or several.

        A donor is reachable when no clause change stands between its end and the
        number's start (on either side): its end lies after the last clause change before
        the number and before the end of the first one after it.
        """
        ends = self.ends.get(result.sentence)
        if not ends:
            return None
        start = result.quantity.start
        lo = self.ctx.last_clause_change(start)  # ends must be > lo
        hi = self.ctx.first_clause_change_end(start)  # ends must be < hi
        first = bisect_right(ends, lo)
        last = bisect_left(ends, hi) - 1
        if first > last or self.next_other[result.sentence][first] <= last:
            return None
        return self.spellings[result.sentence][first]


def _same_unit_metric(result: ResultMatch, donors: dict[str | None, _ClauseDonors]) -> ResultMatch:
    """A number without a metric shares the one metric its clause gives numbers of its unit.

    "a success rate of 63%, compared with 41% for the baseline", "a PSNR of 32.4 dB and
    an SSIM of 0.912, exceeding prior work by 0.8 dB", "an ASR of 70% against X and 55%
    against Y", "a C-index of 0.78, outperforming X (0.71)". With two metrics of that unit
    in the clause, which one is not said.
    """
    unit = result.quantity.unit
    if result.metric is not None or (
        unit not in _SAME_UNIT_CARRY and not (unit is None and result.role == "baseline")
    ):
        return result  # a bare number shares a metric only as the baseline it is compared to
    only = donors[unit].only_metric(result) if unit in donors else None
    if only is None:
        return result
    return _decided(replace(result, metric=only), metric="same_unit_in_clause")


def _benchmark_carry_index(
    ctx: Context, results: list[ResultMatch]
) -> dict[tuple[int, int], tuple[set[str], list[int], dict[str | None, list[int]]]]:
    """Per sentence: the benchmarks it names (not claimed by a number before them, not
    training data) and those its results were given, and where each stands: unclaimed
    ones by end, claimed ones by the metric of the number that claims them."""
    text = ctx.text
    index: dict[tuple[int, int], tuple[set[str], list[int], dict[str | None, list[int]]]] = {}
    for r in results:
        if r.sentence not in index:
            lo, hi = r.sentence
            evaluated = [
                n
                for n in ctx.index.between(lo, hi)
                if n.label == BENCHMARK and n.end <= hi and not is_training_set(text, n)
            ]
            free = [
                n for n in evaluated if not _search_claimed(text, max(0, n.start - 40), n.start)
            ]
            index[r.sentence] = (
                # Every benchmark the sentence names for evaluation, claimed ones too:
                # "42.0% [for A] and 18.1% [for B]" (B claimed by its number but not given
                # it) does not make A the sentence's only benchmark.
                {text[n.start : n.end] for n in evaluated},
                sorted(n.end for n in free),
                {},
            )
        if r.benchmark is not None:  # "We evaluate on X. It reaches 85%, 5% more"
            names, _, claimed = index[r.sentence]
            names.add(r.benchmark)
            claimed.setdefault(r.metric, []).append(r.quantity.start)
    return index


def _reachable(stands: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list holds a value in ``(lo, hi]``."""
    i = bisect_right(stands, lo)
    return i < len(stands) and stands[i] <= hi


def _gains_in_clause(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A gain without a metric shares the one metric of the scores of its clause."""
    gains = _ClauseDonors(
        ctx, [r for r in results if r.metric is not None and r.quantity.unit in _METRIC_CARRY_UNITS]
    )
    return [
        _decided(replace(r, metric=only), metric="gain_in_clause")
        if r.metric is None
        and r.role == "improvement"
        and r.quantity.unit in _METRIC_CARRY_UNITS
        and (only := gains.only_metric(r)) is not None
        else r
        for r in results
    ]


def _same_unit_in_clause(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """:func:`_same_unit_metric` for each result."""
    by_unit: dict[str | None, list[ResultMatch]] = {}
    for r in results:
        by_unit.setdefault(r.quantity.unit, []).append(r)
    donors = {unit: _ClauseDonors(ctx, found) for unit, found in by_unit.items()}
    return [_same_unit_metric(r, donors) for r in results]


def in_sentence(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A sentence's only metric and only benchmark are those of each of its results.

    "FooNet reaches an accuracy of 81.9%, outperforming BarNet by 5.3%": the gain 5.3%
    is in accuracy too, unless a new clause stands between ("..., while ... drops of
    2.5"). A result or a baseline keeps its own (or no) metric.

    "X reaches 39.9% mAP on FooSet, a 9.6% gain over Y": 9.6% is on FooSet too; a
    factor or an amount ("5x less memory", "3 seconds") is not a score on it. Only a
    benchmark named before the number is carried: one after it belongs to the number
    it follows ("cuts WER from 6.1% to 5.0% and reaches 2.2% on X") or is one of the
    pairs of "respectively". "7.55 on MT-Bench and a BLEU of 32.1": MT-Bench is 7.55's,
    not BLEU's (a benchmark a number claims carries only to numbers of its metric).

    Each number is answered in time logarithmic in the sentence's results.
    """
    text = ctx.text
    if all(r.metric is not None and r.benchmark is not None for r in results):
        return results
    if any(
        r.metric is None and r.role == "improvement" and r.quantity.unit in _METRIC_CARRY_UNITS
        for r in results
    ):
        results = _gains_in_clause(ctx, results)
    if any(r.metric is None for r in results):
        results = _same_unit_in_clause(ctx, results)
    if all(r.benchmark is not None for r in results):
        return results
    index = _benchmark_carry_index(ctx, results)
    carried = []
    for r in results:
        names, free, claimed = index[r.sentence]
        start = r.quantity.start
        if (
            r.benchmark is None
            and len(names) == 1
            and r.quantity.unit in SCORE_UNITS
            and (
                _reachable(free, lo := ctx.last_clause_change(start), start)
                or _reachable(claimed.get(r.metric, []), lo, start)
            )
            and not (
                _match_on_hardware(text, r.quantity.end, r.sentence[1])
                and not ctx.sentence_says("setting", r.sentence)
            )
            and not ctx.sentence_says("human_study", r.sentence)
        ):
            r = _decided(replace(r, benchmark=next(iter(names))), benchmark="only_in_sentence")
        carried.append(r)
    return carried


def partner_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """The two ends of "from A to B" measure the same thing: one without a metric takes
    its partner's ("X improves from 0.114 to 0.328 AP@50")."""
    metric_at = {r.quantity.start: r.metric for r in results if r.metric is not None}
    carried = []
    for r in results:
        q = r.quantity
        if r.metric is None and q.partner is not None and q.relation in ("from", "to"):
            partner = ctx.quantities[q.partner].start
            if partner in metric_at:
                r = _decided(replace(r, metric=metric_at[partner]), metric="partner_metric")
        carried.append(r)
    return carried


def bracketed_after_result(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number in brackets right after a result, with no metric of its own, is in that
    result's metric: "CheXpert Macro-F1 increased by 168% (0.083 -> 0.238)", "AP@50
    improves from 0.114 to 0.328 (+187%)", "a 7x average speed-up (up to 40x)".

    A number alone in its brackets ("89.4% AUC on FooSet (+1.3%) and 87.2% AP on BarSet
    (+2.2%)") is also on that result's benchmark: any other benchmark is outside the
    brackets and belongs to the numbers there.
    """
    text = ctx.text
    ends = [r.quantity.end for r in results]
    carried = []
    for r in results:
        start = r.quantity.start
        if r.metric is None or (r.benchmark is None or _alone_in_brackets(text, r)):
            opening = text.rfind("(", max(0, start - 40), start)
            if opening >= 0 and ")" not in text[opening:start]:
                i = bisect_right(ends, opening) - 1
                before = results[i] if i >= 0 else None
                gap = text[before.quantity.end : opening] if before is not None else ""
                if before is not None and len(gap) <= 40 and not _search_bracket_gap_break(gap):
                    if r.metric is None and before.metric is not None:
                        r = _decided(
                            replace(r, metric=before.metric), metric="bracket_after_result"
                        )
                    if (
                        before.benchmark is not None
                        and r.benchmark != before.benchmark
                        and _alone_in_brackets(text, r)
                        and (r.metric is None or r.metric == before.metric)
                    ):
                        r = _decided(
                            replace(r, benchmark=before.benchmark),
                            benchmark="bracket_after_result",
                        )
        carried.append(r)
    return carried


_search_bracket_gap_break = regex.compile(
    r"[,;:()]|(?<![\w-])\d|\b(?:and|or|but|while|whereas|than)\b"
).search
_match_alone_before = regex.compile(r"\(\s*\Z").search
_match_alone_after = regex.compile(r"\s*\)").match


def _alone_in_brackets(text: str, r: ResultMatch) -> bool:
    """Whether the number is all its brackets hold: "(+1.3%)"."""
    q = r.quantity
    return bool(
        _match_alone_before(text, max(0, q.start - 3), q.start) and _match_alone_after(text, q.end)
    )


# The end of what joins two parallel numbers: "..., and ", " and ", ", ".
_search_parallel_join = regex.compile(r"(?:,\s*(?:and\s+)?|\sand\s+)\Z").search
_search_parallel_break = regex.compile(
    r"[;()]|\b(?:while|whereas|but|than|compared|over|versus|vs|from|to|reach\w*|achiev\w*)\b",
    regex.IGNORECASE,
).search


def parallel_change(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number joined by "and" or a comma to a change before it, in the same unit and
    clause, with no cue of its own, is a change too: "by 28% for 8B models and 40% for
    32B models", "18.7% relative improvement in NDCG@5 and 15.1% in HR@5"."""
    text = ctx.text
    carried: list[ResultMatch] = []
    for r in results:
        previous = carried[-1] if carried else None
        if (
            previous is not None
            and r.strategy.role == "plain_result"
            and previous.role == "improvement"
            and previous.sentence == r.sentence
            and previous.quantity.unit == r.quantity.unit
            and previous.quantity.end < r.quantity.start
        ):
            gap = text[previous.quantity.end : r.quantity.start]
            if (
                len(gap) <= 60
                and _search_parallel_join(gap)
                and not _search_parallel_break(gap)
                and ctx.last_clause_change(r.quantity.start) < previous.quantity.start
            ):
                r = _decided(replace(r, role="improvement"), role="parallel_change")
        carried.append(r)
    return carried


def compared_in_brackets_benchmark(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A baseline alone in brackets after a compared name is on the benchmark of the result
    it is compared with, not on one named after it: "79% on Polaris, outperforming Random
    Forest (46%) and Chemprop (36%), and 97% on MoleculeACE" (only when no other
    benchmark stands between the result and the baseline)."""
    text = ctx.text
    carried: list[ResultMatch] = []
    lead: ResultMatch | None = None
    for r in results:
        if r.role == "result" and r.strategy.role != "compared_in_brackets":
            lead = r
        elif (
            lead is not None
            and r.strategy.role == "compared_in_brackets"
            and lead.sentence == r.sentence
            and lead.benchmark is not None
            and r.benchmark != lead.benchmark
            and _alone_in_brackets(text, r)
            and all(
                n.label != BENCHMARK or text[n.start : n.end] == lead.benchmark
                for n in ctx.index.between(lead.quantity.end, r.quantity.start)
            )
        ):
            r = _decided(replace(r, benchmark=lead.benchmark), benchmark="compared_in_brackets")
        carried.append(r)
    return carried


# What joins a later number to an earlier one measured the same way: "..., and ", " and ",
# ", " or the "to" of "from A ... to B".
_search_coordinated_join = regex.compile(r"(?:,\s*(?:and\s+)?|\s(?:and|to)\s+)\Z").search
_search_coordinated_break = regex.compile(
    r"[;:]|\b(?:while|whereas|but|than|compared|versus|vs|respectively|with|using|at)\b",
    regex.IGNORECASE,
).search
# The whole gap between a result and the number it is compared with: "an nDCG@10 of 70.88
# compared to the 57.68 for X", "0.487 vs. 0.189".
_match_compared_gap = regex.compile(
    r"\s*,?\s*(?:compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:the\s+|that\s+of\s+)?\Z",
    regex.IGNORECASE,
).match
_search_from_before = regex.compile(r"\bfrom\s+(?:[^\s\d,;]+\s+){0,2}\Z", regex.IGNORECASE).search
_drop_bracketed_or_spread = regex.compile(r"\([^()]*\)|(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?%?").sub


def _same_scale(a: Quantity, b: Quantity) -> bool:
    """Whether two numbers may be values of one measure: the same unit, and bare numbers
    both fractions (0.98 and 0.945) or both not (27.4 and 31.2)."""
    if a.unit != b.unit:
        return False
    return a.unit is not None or (abs(a.value) <= 1) == (abs(b.value) <= 1)


# The gap between a change and the two ends it spells out: ", from ", " (from ", ", i.e., from ".
_match_change_ends_gap = regex.compile(
    r"\s*[,(]?\s*(?:i\.e\.,?\s*)?from\s+(?:about\s+|just\s+|only\s+)?\Z", regex.IGNORECASE
).match


# The gap before a number that restates the one before it: ", i.e., ", " (i.e. ".
_match_restated_gap = regex.compile(
    r"\s*[,(]?\s*(?:i\.e\.|that\s+is|namely)\s*,?\s*\Z", regex.IGNORECASE
).match


def _spells_out_change(text: str, before: ResultMatch, r: ResultMatch) -> bool:
    """Whether ``r`` is the "from" end of the change right before it: "a latency reduction
    of 166 times, from 61.36 seconds to 0.37 seconds", "by 20% (from 10.1% to 8.0%)"; or
    restates it: "Recall improved by 1.76%, i.e., 0.9555"."""
    if before.quantity.end >= r.quantity.start:
        return False
    if _match_restated_gap(text, before.quantity.end, r.quantity.start):
        return True
    return (
        r.quantity.relation == "from"
        and before.role == "improvement"
        and bool(_match_change_ends_gap(text, before.quantity.end, r.quantity.start))
    )


def coordinated_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A later number coordinated with the result right before it, in the same clause and
    scale, with no metric of its own, is in that result's metric, across the words that
    set each apart: "an AUC of 0.98 internally and 0.945 on an external cohort", "a Dice
    of 0.897 on X (n = 380) and 0.738 on Y", "AUROC falls from 0.88 in adults to 0.57 in
    children"; or compared with it right after: "an nDCG@10 of 70.88 compared to the
    57.68 for X", "0.487 vs. 0.189". The benchmark is not carried: each names its own or
    none.

    Not across a clause change, a comparison ("than", "compared", "versus"), a setting
    ("with", "at", "using") or a metric other than the earlier result's.

    The "from" end of a change spelled out right after it takes the change's metric in any
    unit ("a latency reduction of 166 times, from 61.36 seconds to 0.37 seconds"), and its
    "to" end then follows it as above; so does a number restating the one before it
    ("Recall improved by 1.76%, i.e., 0.9555").
    """
    text = ctx.text
    carried: list[ResultMatch] = []
    for r in results:
        before = carried[-1] if carried else None
        q = r.quantity
        if (
            r.metric is None
            and before is not None
            and before.metric is not None
            and before.sentence == r.sentence
            and before.quantity.end < q.start
            and _spells_out_change(text, before, r)
        ):
            r = _decided(replace(r, metric=before.metric), metric="change_ends")
        elif (
            r.metric is None
            and before is not None
            and before.metric is not None
            and before.sentence == r.sentence
            and before.quantity.end < q.start
            and _same_scale(before.quantity, q)
        ):
            lo, hi = before.quantity.end, q.start
            b_start = before.quantity.start
            gap = _drop_bracketed_or_spread("", text[lo:hi])
            if (
                _match_compared_gap(gap)
                and hi - lo <= 40
                and all(
                    text[n.start : n.end] == before.metric
                    for n in ctx.metrics.between(max(r.sentence[0], ctx.last_clause_change(lo)), lo)
                )
            ):
                r = _decided(replace(r, metric=before.metric), metric="coordinated_metric")
                carried.append(r)
                continue
            joined = _search_coordinated_join(gap)
            if (
                joined is not None
                and hi - lo <= 120
                and (
                    not joined.group().strip().endswith("to")
                    or _search_from_before(text, max(0, b_start - 40), b_start)
                )
                and not _search_coordinated_break(gap)
                and not ctx.clause_change(lo, hi)
                and all(text[n.start : n.end] == before.metric for n in ctx.metrics.between(lo, hi))
            ):
                r = _decided(replace(r, metric=before.metric), metric="coordinated_metric")
        carried.append(r)
    return carried


# A clause that repeats the one before it without its verb and metric: "; on LVIS, by 3.4
# points", ", and on Y, 4.1%".
_match_elliptic_clause = regex.compile(
    r"\s*(?:;|,)\s*(?:and\s+|while\s+|whereas\s+)?(?:on|in|for|across|with)\s+[^,;()]{1,60},\s*"
    r"(?:by\s+|to\s+|of\s+)?(?:up\s+to\s+|about\s+|over\s+)?\Z",
    regex.IGNORECASE,
).match


def elliptic_clause_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number in a clause that repeats the one before it without verb or metric takes the
    metric of the result before it, in the same unit: "On COCO, FooNet improves mAP by 2.1
    points; on LVIS, by 3.4 points"."""
    text = ctx.text

    def joins(before: ResultMatch, r: ResultMatch) -> bool:
        return before.quantity.unit == r.quantity.unit and bool(
            _match_elliptic_clause(text, before.quantity.end, r.quantity.start)
        )

    return _metric_of_previous(results, joins, "elliptic_clause")


def _metric_of_previous(
    results: list[ResultMatch],
    joins: Callable[[ResultMatch, ResultMatch], bool],
    strategy: str,
) -> list[ResultMatch]:
    """Each number with no metric takes the metric of the result right before it, in its
    sentence, when ``joins(before, number)`` says what stands between them joins them."""
    carried: list[ResultMatch] = []
    for r in results:
        before = carried[-1] if carried else None
        if (
            r.metric is None
            and before is not None
            and before.metric is not None
            and before.sentence == r.sentence
            and before.quantity.end < r.quantity.start
            and joins(before, r)
        ):
            r = _decided(replace(r, metric=before.metric), metric=strategy)
        carried.append(r)
    return carried


# A clause in contrast that states another system's number with a verb of attaining and
# no metric: "..., while ChebNet attains 79.1%", "..., whereas B only reaches 15.8%".
_ATTAIN = alternation(phrases("attain_verb"))
_match_parallel_clause = regex.compile(
    r"[^;]*?,\s*(?:while|whereas)\s+(?:[^,;.]|(?<=\d)\.(?=\d)){0,100}?\b"
    rf"{_ATTAIN}\s+(?:only\s+|just\s+|about\s+|around\s+|nearly\s+|up\s+to\s+)?\Z",
    regex.IGNORECASE,
).match
# Between a number and the value it is set against: "79.1% vs. 66.4%".
_match_versus = regex.compile(r"\s*(?:vs\.?|versus)\s*\Z", regex.IGNORECASE).match


def parallel_clause_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number in a "while"/"whereas" clause that states another system's value in the
    unit of the clause before it, naming no metric, is in that clause's metric: "A reaches
    90.5% F1 vs. 74.9%, while B attains 79.1% vs. 66.4%" (79.1% and its partner 66.4%
    are F1)."""
    text = ctx.text
    carried: list[ResultMatch] = []
    for r in results:
        q = r.quantity
        if r.metric is None and carried:
            before = carried[-1]
            donor = next(
                (
                    d
                    for d in reversed(carried)
                    if d.sentence == r.sentence
                    and d.metric is not None
                    and d.quantity.unit == q.unit
                ),
                None,
            )
            if donor is not None and (
                _match_parallel_clause(text, donor.quantity.end, q.start)
                or (
                    before.sentence == r.sentence
                    and before.metric == donor.metric
                    and before.strategy.metric == "parallel_clause"
                    and _match_versus(text, before.quantity.end, q.start)
                )
            ):
                r = _decided(replace(r, metric=donor.metric), metric="parallel_clause")
        carried.append(r)
    return carried


def sole_metric_of_unit(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number no strategy gave a metric takes the one metric its sentence names for
    numbers of its unit, when the sentence names no other metric: "Dice scores of 94.04%,
    92.68% and 93.64% in BraTS2019; 94.09%, 92.91% and 93.84% in BraTS2020", "the lowest
    WER (24.1%), followed by X (32.8%, 39.5%)"."""
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for r in results:
        if r.metric is not None:
            by_sentence.setdefault(r.sentence, set()).add(r.metric)
    listed = _in_unnamed_lists(ctx.text, results)
    carried = []
    for i, r in enumerate(results):
        if (
            r.metric is None
            and r.strategy.metric is None
            and r.quantity.unit is not None
            and (i in listed or _in_brackets(ctx.text, r.quantity.start))
        ):
            named = by_sentence.get(r.sentence, set())
            donors = {
                d.metric
                for d in results
                if d.sentence == r.sentence
                and d.metric is not None
                and d.quantity.unit == r.quantity.unit
                and d.quantity.start < r.quantity.start
            }
            if len(donors) == 1 and named == donors:
                r = _decided(replace(r, metric=donors.pop()), metric="sole_metric_of_unit")
        carried.append(r)
    return carried


# The gap between the two ends of a change written without "from": " to ", " to just ",
# " -> ", " \rightarrow ".
_match_to_end_gap = regex.compile(
    r"\s*(?:to|->|→|⟶|\\rightarrow)\s*(?:just\s+|only\s+|about\s+|around\s+|nearly\s+)?\Z",
    regex.IGNORECASE,
).match


def to_end_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """The "to" end of a change right after its first end, in the same scale and with no
    metric of its own, is in the first end's metric: "ROC-AUC 0.627 to 0.715", "Dice
    0.470 -> 0.819", "reduces the error from 0.20 to just 0.02"."""
    text = ctx.text

    def joins(before: ResultMatch, r: ResultMatch) -> bool:
        return _same_scale(before.quantity, r.quantity) and bool(
            _match_to_end_gap(text, before.quantity.end, r.quantity.start)
        )

    return _metric_of_previous(results, joins, "to_end")


# A bracket that opens right before a number, after a few words ending a name: "outperforming
# MIL (0.49", "a GPT-4o judge (0.73", "while Prithvi leads on Sentinel-1 (0.57".
_match_opens_bracket = regex.compile(r"\(\s*\Z").match
_search_named_before_bracket = regex.compile(
    r"(?:^|[\s,])(?=[\w.+-]*\p{L})(?=[\w.+-]*[\p{Lu}\d])[\w.+-]+(?:\s+[\p{Ll}][\w-]*){0,2}\s*\Z"
).search


def bracketed_after_name_metric(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A number no strategy gave a metric, opening the brackets after a name ("outperforming
    MIL (0.491 ± 0.042), Trans-MIL (0.39)", "above a GPT-4o judge (0.7284)", "while BarNet
    leads on FooSet (0.57)"), is that name's value in the metric of the nearest earlier
    result of its sentence and scale, when no other metric is named between them. A word
    before the brackets that names no system ("coverage (92%)") is a metric of its own,
    and a name stands in the last three words (one with a capital or a digit)."""
    text = ctx.text
    carried: list[ResultMatch] = []
    for r in results:
        q = r.quantity
        opening = text.rfind("(", max(r.sentence[0], q.start - 4), q.start)
        if (
            r.metric is None
            and r.strategy.metric is None
            and opening > r.sentence[0]
            and _match_opens_bracket(text, opening, q.start)
            and _search_named_before_bracket(text, max(r.sentence[0], opening - 60), opening)
            and not any(
                m.end in (opening, opening - 1) for m in ctx.metrics.between(opening - 60, opening)
            )
        ):
            donor = next(
                (
                    d
                    for d in reversed(carried)
                    if d.sentence == r.sentence and d.metric and _same_scale(d.quantity, q)
                ),
                None,
            )
            metric = donor.metric if donor is not None else None
            if (
                donor is not None
                and metric is not None
                and all(
                    _metric_id(text[n.start : n.end]) == _metric_id(metric)
                    for n in ctx.metrics.between(donor.quantity.end, opening)
                )
            ):
                r = _decided(replace(r, metric=metric), metric="bracketed_after_name")
        carried.append(r)
    return carried


_match_list_gap = regex.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|/)\Z").match


def _in_unnamed_lists(text: str, results: list[ResultMatch]) -> set[int]:
    """Indexes of the results in a list of two or more numbers that no strategy named."""
    listed: set[int] = set()
    for i in range(len(results) - 1):
        a, b = results[i], results[i + 1]
        if (
            a.metric is None
            and b.metric is None
            and a.sentence == b.sentence
            and _match_list_gap(text[a.quantity.end : b.quantity.start])
        ):
            listed.update((i, i + 1))
    return listed


def _in_brackets(text: str, start: int) -> bool:
    """Whether the number stands inside brackets opened shortly before it."""
    opening = text.rfind("(", max(0, start - 40), start)
    return opening >= 0 and ")" not in text[opening:start]


# A sentence that closes on the benchmark all its numbers were measured on: "..., compared
# to the baseline on the LibriSpeech test-clean set."
_match_closing_benchmark = regex.compile(
    r"(?:\s+(?:set|split|dataset|benchmark|corpus|subset|trials?))?\s*[.!]?\s*\Z", regex.IGNORECASE
).match


def closing_benchmark(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A sentence that names one benchmark, last, after all its numbers, and closes on it
    ("... by 11.6 points, resulting in a 0.9 point gain in WER while reducing the RTF by
    7.5% compared to the baseline on the X test-clean set.") gives it to its scores
    that have none (not to speeds on hardware, costs or human studies; not when a number
    right before claims it: "cuts WER from 6.1% to 5.0% and reaches 2.2% on X")."""
    text = ctx.text
    closing: dict[tuple[int, int], str | None] = {}
    carried = []
    for r in results:
        if r.benchmark is None and r.quantity.unit in SCORE_UNITS:
            if r.sentence not in closing:
                lo, hi = r.sentence
                names = [
                    n
                    for n in ctx.index.between(lo, hi)
                    if n.label == BENCHMARK and not is_training_set(text, n)
                ]
                last = names[-1] if names else None
                closing[r.sentence] = (
                    text[last.start : last.end]
                    if last is not None
                    and len({text[n.start : n.end] for n in names}) == 1
                    and not ctx.number_between(last.end, hi)
                    and _match_closing_benchmark(text, last.end, hi)
                    and not _search_claimed(text, max(0, last.start - 40), last.start)
                    and not ctx.sentence_says("human_study", r.sentence)
                    else None
                )
            name = closing[r.sentence]
            if (
                name is not None
                and not (r.metric is not None and _search_cost_metric(r.metric))
                and not _match_on_hardware(text, r.quantity.end, r.sentence[1])
            ):
                r = _decided(replace(r, benchmark=name), benchmark="closing_benchmark")
        carried.append(r)
    return carried


def cost_has_no_benchmark(results: list[ResultMatch]) -> list[ResultMatch]:
    """Parameters, MACs, FLOPs, model size, memory: a cost of the model, not a score on
    data, so no benchmark even when the sentence names one."""
    return [
        _decided(replace(r, benchmark=None), benchmark="cost_metric")
        if r.benchmark is not None and r.metric is not None and _search_cost_metric(r.metric)
        else r
        for r in results
    ]


__all__ = [
    "bracketed_after_name_metric",
    "compared_number",
    "coordinated_metric",
    "cost_has_no_benchmark",
    "in_sentence",
    "sole_metric_of_unit",
    "to_end_metric",
]
