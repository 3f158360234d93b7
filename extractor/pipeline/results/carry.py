"""Attribution carried between the results of a sentence, after each number's own.

"FooNet reaches an accuracy of 81.9%, outperforming BarNet by 5.3%": the gain is in
accuracy too. Each pass fills only what a number lacks and names itself as the strategy.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.components.names import BENCHMARK
from extractor.components.quantities import Quantity
from extractor.gazetteers import load_gazetteer
from extractor.pipeline.results._cues import (
    _match_on_hardware,
    _search_claimed,
    _search_clause_change,
    _search_cost_metric,
    _search_human_study,
)
from extractor.pipeline.results.benchmark import SCORE_UNITS
from extractor.pipeline.results.context import Context, has_setting, is_training_set
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


def _metrics_in_clause(text: str, result: ResultMatch, donors: list[ResultMatch]) -> set[str]:
    """The metrics of the other results of the sentence, with no new clause between."""
    found: dict[str, str] = {}  # one spelling per metric: "area under the curve (AUC)"
    for donor in donors:
        if donor.sentence != result.sentence or donor.metric is None:
            continue
        lo, hi = sorted((donor.quantity.end, result.quantity.start))
        if not _search_clause_change(text, lo, hi):
            found.setdefault(_metric_id(donor.metric), donor.metric)
    return set(found.values())


def _same_unit_metric(text: str, result: ResultMatch, others: list[ResultMatch]) -> ResultMatch:
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
    donors = [r for r in others if r.quantity.unit == unit]
    only = _metrics_in_clause(text, result, donors)
    if len(only) != 1:
        return result
    return _decided(replace(result, metric=next(iter(only))), metric="same_unit_in_clause")


def in_sentence(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """A sentence's only metric and only benchmark are those of each of its results.

    "FooNet reaches an accuracy of 81.9%, outperforming BarNet by 5.3%": the gain 5.3%
    is in accuracy too, unless a new clause stands between ("..., while ... drops of
    2.5"). A result or a baseline keeps its own (or no) metric.

    "X reaches 39.9% mAP on FooSet, a 9.6% gain over Y": 9.6% is on FooSet too; a
    factor or an amount ("5x less memory", "3 seconds") is not a score on it. Only a
    benchmark named before the number is carried: one after it belongs to the number
    it follows ("cuts WER from 6.1% to 5.0% and reaches 2.2% on X") or is one of the
    pairs of "respectively".
    """
    text, names = ctx.text, ctx.names
    if all(r.metric is not None and r.benchmark is not None for r in results):
        return results
    donors = [r for r in results if r.metric is not None and r.quantity.unit in _METRIC_CARRY_UNITS]
    results = [
        _decided(replace(r, metric=next(iter(only))), metric="gain_in_clause")
        if r.metric is None
        and r.role == "improvement"
        and r.quantity.unit in _METRIC_CARRY_UNITS
        and len(only := _metrics_in_clause(text, r, donors)) == 1
        else r
        for r in results
    ]
    results = [_same_unit_metric(text, r, results) for r in results]
    # (name, where it stands, the metric of the number that claims it, if one does)
    benchmarks: dict[tuple[int, int], list[tuple[str, int, str | None, bool]]] = {}
    for r in results:
        if r.sentence not in benchmarks:
            lo, hi = r.sentence
            benchmarks[r.sentence] = [
                (text[n.start : n.end], n.end, None, False)
                for n in names
                if n.label == BENCHMARK
                and lo <= n.start
                and n.end <= hi
                and not _search_claimed(text, max(0, n.start - 40), n.start)
                and not is_training_set(text, n)
            ]
        if r.benchmark is not None:  # "We evaluate on X. It reaches 85%, 5% more"
            benchmarks[r.sentence].append((r.benchmark, r.quantity.start, r.metric, True))
    carried = []
    for r in results:
        found = [
            (name, at)
            for name, at, metric, claimed in benchmarks[r.sentence]
            if at <= r.quantity.start
            and not _search_clause_change(text, at, r.quantity.start)
            # "7.55 on MT-Bench and a BLEU of 32.1": MT-Bench is 7.55's, not BLEU's
            and (not claimed or metric is None or metric == r.metric)
            and (not claimed or r.metric is None or metric == r.metric)
        ]
        only = {entry[0] for entry in benchmarks[r.sentence]}
        if (
            r.benchmark is None
            and len(only) == 1
            and found
            and r.quantity.unit in SCORE_UNITS
            and not (
                _match_on_hardware(text, r.quantity.end, r.sentence[1])
                and not has_setting(text, names, r.sentence[0], r.sentence[1])
            )
            and not _search_human_study(text, *r.sentence)
        ):
            r = _decided(replace(r, benchmark=next(iter(only))), benchmark="only_in_sentence")
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


__all__ = ["compared_number", "cost_has_no_benchmark", "in_sentence"]
