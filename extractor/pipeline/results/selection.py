"""Which numbers are results: every quantity is a candidate, dropped only for a named reason.

A candidate outside names and URLs is kept when nothing drops it. Each reason is a small
function in :data:`REASONS`, tried in order; the first that speaks decides. A reason
returns True (drop), False (keep: a cue says it is a result) or None (no opinion). The
last reason, :func:`whole_number_without_cue`, drops a bare whole number no cue makes a
result and keeps a decimal one (numbers first: a decimal number in an abstract is a
claim unless a named reason says what else it is). A number kept only by that default
shares the reason of a dropped number it is joined to ("learning rates of 0.1/0.01").

Then three passes add numbers that go with a kept one: a bare number it is compared with
("8.43, compared to 7.81"), its partner in a pair or range ("from 81.09 to 91.36"), and the
numbers listed with it ("scores of 49.36 and 8.8").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import regex

from extractor.components.quantities import Quantity
from extractor.lexicon.cues import alternation, holds_any, must_hold, phrases, word_set
from extractor.pipeline.results._cues import (
    _CONDITION_RESOURCE,
    _CONDITION_SETTING,
    _RESULT_UNITS,
    _TIME_UNITS,
    _match_arrow_after,
    _match_baseline_close,
    _match_change_after,
    _match_compared_gap,
    _match_condition_after,
    _match_factor_cue,
    _match_for_name,
    _match_in_metric,
    _match_items_after,
    _match_list_gap,
    _match_metric_bracket_gap,
    _match_plain_list_gap,
    _match_share_of_performance,
    _match_time_metric,
    _search_arrow_before,
    _search_baseline_before,
    _search_change_of,
    _search_change_verb,
    _search_compared_clause,
    _search_condition_before,
    _search_factor_before,
    _search_improvement_before,
    _search_item_condition_before,
    _search_metric_link_before,
    _search_named_baseline,
    _search_score_of,
    _search_spaced_sign,
    _search_time_metric_before,
)
from extractor.pipeline.results.context import Context

_search_reference_before = regex.compile(
    r"\b(?:Sections?|Sec\.|Tables?|Tab\.|Figures?|Fig\.|Eqs?\.|Equations?|Appendix|"
    r"Chapters?|Algorithm|Theorem|Lemma)\s*\(?\Z"
).search
# What the window of a reference ends in, before white space and a "(".
_REFERENCE_ENDS: tuple[str, ...] = ("Section", "Sec.", "Table", "Tab.", "Figure", "Fig.")
_REFERENCE_ENDS += ("Sections", "Tables", "Figures", "Eq.", "Eqs.", "Equation", "Equations")
_REFERENCE_ENDS += ("Appendix", "Chapter", "Chapters", "Algorithm", "Theorem", "Lemma")


def _may_end_in_reference(window: str) -> bool:
    """A quick test that ``_search_reference_before`` may match the window: it ends in one
    of the reference words, white space and maybe "("."""
    return window.removesuffix("(").rstrip().endswith(_REFERENCE_ENDS)


_search_setting_name_before = regex.compile(
    rf"(?:\b{alternation(phrases('setting_name'))}"
    r"\s*(?:of|=|:|is|was|to|set\s+to|between|from|ranging\s+from|"
    r"(?:is|was|are|were)\s+(?:set|fixed|increased|decreased|raised|lowered)\s+(?:by|to))?"
    r"|\b[a-zA-Z](?:_\w+)?\s*=)\s*\Z",
    regex.IGNORECASE,
).search
# A value the method is set to: "use a margin of 0.5", "with a threshold of 0.3" (not
# "with an accuracy of 0.81": a metric there makes it a result).
_SETTING_VERBS = phrases("setting_verb")
_search_setting_use_before = regex.compile(
    rf"\b{alternation(_SETTING_VERBS)}\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){1,2}?(?:of|=|to)\s*\Z",
    regex.IGNORECASE,
).search
_DURATION_UNITS = word_set("duration_unit")
_match_less_data = regex.compile(
    rf"\s+(?:less|fewer)\s+(?:[\w\-]+\s+)?{alternation(phrases('data_noun'))}\b",
    regex.IGNORECASE,
).match
# A setting named before its share: "sparsity levels of up to 90%", "sparsity (e.g., 95%)".
_search_setting_share_before = regex.compile(
    rf"\b{alternation(phrases('share_setting'))}"
    r"(?:\s+levels?)?\s*(?:of|at|to|=|:|\(|\((?:e\.g\.|i\.e\.),?)?\s*"
    r"(?:(?:up\s+to|over|about|around|nearly|approximately)\s+)?\Z",
    regex.IGNORECASE,
).search
_SHARE_SETTING_HELD = must_hold(phrases("share_setting"))
_search_factor_of = regex.compile(
    r"\bfactor\s+of\s+(?:(?:about|around|approximately|roughly|nearly|over|up\s+to|"
    r"more\s+than)\s+)?\Z",
    regex.IGNORECASE,
).search
_match_memory_after = regex.compile(
    rf"\s*(?:peak\s+)?(?:GPU\s+|CPU\s+)?{alternation(phrases('memory_noun'))}\b",
    regex.IGNORECASE,
).match
_search_memory_use_before = regex.compile(
    rf"\b{alternation(phrases('memory_use'))}\s+(?:about\s+|around\s+|roughly\s+)?"
    r"\Z|(?:<=|≤|<)\s*\Z",
    regex.IGNORECASE,
).search
# The time a task is done in (a result), not the time something runs for (a setting).
_search_done_within = regex.compile(
    r"\b(?:in|within)\s+(?:(?:under|less\s+than|only|just|about|approximately|roughly|"
    r"around|~)\s+|(?:<=|≤|<)\s*)?\Z",
    regex.IGNORECASE,
).search
_SETTING_HELD = must_hold(phrases("setting_name"))
_USE_HELD = must_hold(_SETTING_VERBS)
_search_correlation = regex.compile(
    r"\b(?:correlations?|Pearson|Spearman|Kendall)\b[^.;]*\Z", regex.IGNORECASE
).search
_match_setting_used_after = regex.compile(
    r"\s+(?:is|was|are|were)\s+(?:used|chosen|set|applied|adopted|fixed)\b"
).match
_search_value_of_before = regex.compile(
    r"\b(?:a|an|the)\s+[\w\-]+\s+of\s+\Z", regex.IGNORECASE
).search
_match_counted_noun = regex.compile(
    r"\s+(?:[a-z][\w\-]*\s+)?(?:[A-Z]{2,}s|[a-z][\w\-]*s)\b(?<!\bas)(?<!\bis)(?<!\bwas)"
).match
_COUNTED = alternation(phrases("counted_noun"))
_match_decimal_count = regex.compile(
    # a short list: "388.230 and 18.558 images" (bounded, and one way to split it)
    r"(?:(?:,\s?|\s(?:and|or)\s|,\s(?:and|or)\s)\d+(?:\.\d+)?){0,6}"
    rf"\s*(?:(?:thousand|million|billion|trillion|[kKMB])\b|\s+per\s+(?!cent\b)[a-z]|"
    rf"\s+(?:[a-z][\w\-]*\s+)?{_COUNTED}\b)"
).match
_match_marker_before = regex.compile(r"(?:\A|.*(?:[:;,.]|\band|\bor))\s*\Z", regex.DOTALL).match
_search_sentence_break = regex.compile(r"[.!?]\s+(?=\p{Lu})").search


def is_condition(text: str, q: Quantity) -> bool:
    """A share of a resource or a setting is a condition, not a result.

    "with only 3.3% of the labels", "at 50% sparsity" (but "97% of the dense model's
    performance" and "wrong on 34% of the questions" are results).
    """
    after = text[q.end : q.end + 60]
    if _match_share_of_performance(after):
        return False
    if text[max(0, q.start - 3) : q.start] == "to " and _search_change_verb(
        text, max(0, q.start - 100), q.start
    ):
        return False  # "reducing computational costs to 6.9% of FLOPs": what it fell to
    if q.unit == "%" and (more := _match_later_shares(after)):
        # "at 10%, 20%, and 50% sparsity": the noun right after the list speaks for all
        rest = text[q.end + more.end() : q.end + more.end() + 40]
        if _match_condition_noun(rest):
            return True
    if _match_items_after(after):
        return bool(_search_item_condition_before(text, max(0, q.start - 40), q.start))
    return bool(_match_condition_after(after)) and (
        q.unit == "%" or bool(_search_condition_before(text, max(0, q.start - 40), q.start))
    )


# The later shares of a list, which one noun after them speaks for: ", 20%, and 50%".
_match_later_shares = regex.compile(
    r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)\d[\d.]*\s?%)+(?=\s)"
).match
# A setting or a resource named right after a share: " sparsity", " of the labels".
_match_condition_noun = regex.compile(
    rf"\s+(?:of\s+(?:the\s+)?)?(?:{_CONDITION_SETTING}|{_CONDITION_RESOURCE})\b",
    regex.IGNORECASE,
).match


def is_list_marker(text: str, q: Quantity) -> bool:
    """A whole number in brackets that opens an item of a list: "(1) ..., and (2) ..."."""
    if "." in q.text or text[q.start - 1 : q.start] != "(" or text[q.end : q.end + 1] != ")":
        return False
    return bool(_match_marker_before(text[max(0, q.start - 6) : q.start - 1]))


# Each reason: (context, quantity) -> True (drop), False (keep), None (no opinion).
Reason = Callable[[Context, Quantity], "bool | None"]


def size_or_year(ctx: Context, q: Quantity) -> bool | None:
    """A size, a dimension or a year: "7B parameters", "512x512", "in 2024"."""
    return True if q.kind in ("size", "dimension", "year") else None


_search_statistic_before = regex.compile(
    r"(?:±|∓|\+/-|\+-|\b[pPnN]\s*(?:[=<>≤]|<=)|\bp-values?\s+(?:of\s+)?|"
    r"\b(?:SD|s\.d\.|std|standard\s+deviation)\s*(?:=|:|of)?|"
    r"\b(?:CI|confidence\s+intervals?)\s*(?:[:=,(\[]|of|from)?)\s*\Z"
).search
_match_interval_after = regex.compile(r"\s*(?:CI|confidence\s+intervals?)\b").match


def spread_or_statistic(ctx: Context, q: Quantity) -> bool | None:
    """A spread or a test statistic, not a claim: "0.88 ± 0.18", "(p < 0.01)", "n = 380",
    "95% CI" and the interval's bounds ("95% CI 0.930-0.948")."""
    text = ctx.text
    first = ctx.quantities[q.partner] if q.relation == "range_high" and q.partner else q
    start = max(0, first.start - 24)
    if holds_any(text[start : first.start], _STATISTIC_PARTS) and _search_statistic_before(
        text, start, first.start
    ):
        return True  # and the upper end of a range there: "95% CI 8.3%-13.5%"
    after = text[q.end : q.end + 24]
    return (
        True if ("CI" in after or "onfidence" in after) and _match_interval_after(after) else None
    )


# A sign, comparison or word every match of _search_statistic_before holds (its gate).
_STATISTIC_PARTS = (
    "±",
    "∓",
    "+",
    "=",
    "<",
    ">",
    "≤",
    "value",
    "SD",
    "s.d.",
    "std",
    "deviation",
    "CI",
    "onfidence",
)


_match_percentile_metric = regex.compile(r"\s(?:Hausdorff|HD\b|percentile\s+Hausdorff)").match


def threshold_of_metric(ctx: Context, q: Quantity) -> bool | None:
    """A threshold written into a metric's name: "mAP@0.7", "mAP@[0.3:0.7]", "the 95%
    Hausdorff distance"."""
    if q.unit == "%" and _match_percentile_metric(ctx.text, q.end):
        return True
    before = ctx.text[max(0, q.start - 12) : q.start]
    at = before.rfind("@")
    if at < 0:
        return None
    return True if all(c in "[:0123456789." for c in before[at + 1 :]) else None


def condition_share(ctx: Context, q: Quantity) -> bool | None:
    """A number in a result unit is a result unless it is a condition: "85.2%" kept, "with
    only 3.3% of the labels" dropped."""
    if q.unit not in _RESULT_UNITS:
        return None
    text = ctx.text
    window = text[max(0, q.start - 40) : q.start].lower()
    if (
        not window.isascii() or holds_any(window, _SHARE_SETTING_HELD)
    ) and _search_setting_share_before(text, max(0, q.start - 40), q.start):
        return True  # "sparsity levels of up to 90%", "at extreme sparsity (e.g., 95%)"
    if not is_condition(text, q):
        return False
    # "36.8% fewer steps", "30% faster training", "71.3% reduction in ...": a change; but
    # less data used is a condition ("using 99.4% less labelled data")
    after = text[q.end : q.end + 40]
    return not _match_change_after(after) or bool(
        _match_less_data(after) and _search_condition_before(text, max(0, q.start - 40), q.start)
    )


def factor_without_cue(ctx: Context, q: Quantity) -> bool | None:
    """A factor is a result only as a speed-up or a saving: "3x faster", "a speed-up of
    3x" kept; "3.75x larger than CLIP" dropped."""
    if q.unit != "x":
        return None
    text, before_start = ctx.text, max(0, q.start - 40)
    end = q.end
    if q.relation == "range_low" and q.partner is not None:
        end = ctx.quantities[q.partner].end  # "by 2x to 3x"
    elif high := _match_factor_range_end(text, end):
        end = high.end()  # "a 1.2x to 3x improvement"
    after = text[end : end + 40]
    return not (
        bool(_match_factor_cue(after))
        or bool(_match_factor_over(after))
        or bool(_search_factor_before(text, before_start, q.start))
        or bool(_search_improvement_before(text, before_start, q.start))
    )


# The high end of a factor range no "from"/"of" opens: "a 1.2x to 3x improvement".
_match_factor_range_end = regex.compile(r"\s*(?:to|-|–)\s*~?\d[\d.,]*\s*(?:x|×)").match
# What makes a factor a size, not a result: "3.75x larger than BERT".
_match_factor_size = regex.compile(
    r"\s*(?:larger|bigger|more|wider|deeper|longer|heavier|greater)\b", regex.IGNORECASE
).match
# A factor over what it is compared with: "17x over open SOTA", "7x vs X", "(22x vs X)".
_match_factor_over = regex.compile(
    r"\s*(?:over|vs\.?|versus|compared\s+(?:to|with)|relative\s+to)\s", regex.IGNORECASE
).match


# Between two factors of one list, the change noun and the place of the first: "7.0x
# speed-up on FLUX and 3.0x on SD3", "2.2x speedup over A, ~28x over B (C), and 2.7x".
_match_factor_list_gap = regex.compile(
    r"\s*(?:(?:speed-?ups?|acceleration|compression|reduction|improvement)\s+)?"
    r"(?:(?:on|in|for|over|against|compared\s+to|vs\.?)\s+(?:[^,;.()]|\.(?=\d)){1,40}?"
    r"(?:\s*\([^()]{1,40}\))?\s*)?"
    r"(?:,\s*(?:and\s+)?|and\s+)\Z",
    regex.IGNORECASE,
).match


def amount_or_setting(ctx: Context, q: Quantity) -> bool | None:
    """Seconds, gigabytes and other units: a result only as a saving or speed-up, as a
    latency ("at 40 ms latency", "20 ms per token", "a latency of 48 ms") or as the time a
    task is done in ("in under 12 minutes"); "trained for 3 hours" dropped."""
    if q.unit is None:
        return None
    after = ctx.text[q.end : q.end + 40]
    if _match_factor_cue(after):
        return False
    if q.relation in ("from", "to") and _search_change_verb(
        ctx.text, max(0, q.start - 100), q.start
    ):
        return False  # "reduce the model from 2.47 GB to as little as 0.67 GB"
    if q.unit.lower() in _DURATION_UNITS and _search_done_within(
        ctx.text, max(0, q.start - 30), q.start
    ):
        return False  # "solves the tasks in under 3 hours", "prunes it in 17 seconds"
    if q.unit.lower() not in _TIME_UNITS:
        # memory a model takes: "requires 9 GB VRAM", "with only 295MB peak GPU memory"
        # (not memory it is given: "on a 24 GB GPU", "with 80GB of memory")
        return not (
            _match_memory_after(after)
            and _search_memory_use_before(ctx.text, max(0, q.start - 30), q.start)
        )
    return not (
        _match_time_metric(after)
        or _search_time_metric_before(ctx.text, max(0, q.start - 50), q.start)
    )


def list_marker(ctx: Context, q: Quantity) -> bool | None:
    """A list marker: "(1) hypervolume-guided weight adaptation and (2) ..."."""
    return True if is_list_marker(ctx.text, q) else None


def _decimal_change_of_metric(ctx: Context, q: Quantity, before_start: int) -> bool:
    """A bare decimal number after a change cue ("an improvement of 0.19", "surpassing
    X by 2.1") in a sentence that names a metric before it: a change in that metric.
    Whole numbers are left alone ("by 3 layers", "an increase of 2 steps")."""
    text = ctx.text
    if "." not in q.text or not _search_change_of(text, max(0, q.start - 80), q.start):
        return False
    return any(
        ";" not in text[m.end : q.start] and not _search_sentence_break(text, m.end, q.start)
        for m in ctx.metrics.between(q.start - 120, q.start)
    )


def _in_brackets(text: str, q: Quantity) -> bool:
    """Whether the number stands first in brackets or after a comma inside them: "(+2.4
    gIoU on X, +9.8 on Y)"."""
    opening = text.rfind("(", max(0, q.start - 60), q.start)
    if opening < 0 or ")" in text[opening : q.start]:
        return False
    between = text[opening + 1 : q.start]
    return not between.strip(" +") or between.rstrip().endswith((",", ";"))


def signed_in_brackets(ctx: Context, q: Quantity) -> bool | None:
    """A gain in brackets after a claim is a result: "sets a new state of the art (+2.4
    gIoU on RefZoo, +9.8 on ClipSeg-M)", "(+ 5.1 PSDS)"."""
    text = ctx.text
    if not q.signed and "+" not in text[max(0, q.start - 4) : q.start]:
        return None  # fast: neither sign can be there
    signed = (q.signed and text[q.start : q.start + 1] == "+") or bool(
        _search_spaced_sign(text, max(0, q.start - 4), q.start)
    )
    if not signed or q.unit not in (None, "%", "points") or not _in_brackets(text, q):
        return None
    return False if ")" in text[q.end : q.end + 60] else None


def value_in_brackets_after_metric(ctx: Context, q: Quantity) -> bool | None:
    """A decimal value alone in brackets right after a listed metric: "overall accuracy
    (0.812)", "precision (0.64), recall (0.59)" ("a window (512)" is no metric; "(5)"
    after one may count)."""
    text = ctx.text
    if q.unit is not None or "." not in q.text or text[q.end : q.end + 1] != ")":
        return None
    for metric in ctx.metrics.between(q.start - 40, q.start):
        if _match_metric_bracket_gap(text, metric.end, q.start):
            return False
    return None


def named_baseline_value(ctx: Context, q: Quantity) -> bool | None:
    """A decimal value the text calls the baseline's, after a metric named in its
    sentence: "an AUC of 0.781, up from a baseline of 0.702"."""
    text = ctx.text
    if q.unit is not None or "." not in q.text:
        return None
    if "aseline" not in text[max(0, q.start - 60) : q.start].lower():
        return None  # fast: every match holds the word
    if not _search_named_baseline(text, max(0, q.start - 60), q.start):
        return None
    for m in ctx.metrics.between(q.start - 120, q.start):
        if ";" not in text[m.end : q.start] and not _search_sentence_break(text, m.end, q.start):
            return False
    return None


def arrow_pair(ctx: Context, q: Quantity) -> bool | None:
    """Two values joined by an arrow are a change from one to the other: "increased by 168%
    (0.083 -> 0.238)"."""
    if q.unit not in (None, "%", "points"):
        return None
    text = ctx.text
    if not _has_arrow(text[max(0, q.start - 8) : q.end + 8]):
        return None  # fast: no arrow near
    if _match_arrow_after(text, q.end) or _search_arrow_before(text, max(0, q.start - 8), q.start):
        return False
    return None


def _has_arrow(window: str) -> bool:
    """Whether an arrow may stand in the window ("->", "=>", "→", "⟶")."""
    return ">" in window or "→" in window or "⟶" in window


# A slash list of numbers: "52.9/54.3/55.1", "77.73%/78.45%".
_SLASH_MEMBER = r"[+−-]?\d+(?:\.\d+)?%?"
_match_slash_rest = regex.compile(rf"(?:/{_SLASH_MEMBER})+").match
_search_slash_start = regex.compile(rf"(?<![\w./])(?:{_SLASH_MEMBER}/)+\Z").search
# What names the scores of a slash list before it: "a performance of 91.0/88.6/82.1",
# "scores of", or an earlier list it is joined to ("91.0/88.6 and 99.1/43.9").
_search_slash_lead = regex.compile(
    r"\b(?:performances?|results?|scores?)\s+of\s+\Z", regex.IGNORECASE
).search
_search_slash_joined = regex.compile(
    rf"(?<![\w./])(?P<list>{_SLASH_MEMBER}(?:/{_SLASH_MEMBER})+)\s+and\s+\Z"
).search


def _slash_list(text: str, q: Quantity) -> tuple[int, int] | None:
    """Where the slash list holding the number starts and ends, None when it is in none."""
    before = _search_slash_start(text, max(0, q.start - 60), q.start)
    after = _match_slash_rest(text, q.end)
    if before is None and after is None:
        return None
    return (before.start() if before else q.start, after.end() if after else q.end)


def _slash_list_named(ctx: Context, start: int, end: int, joined: bool = True) -> bool:
    text = ctx.text
    if ctx.metrics.between(end, end + 3) or _search_slash_lead(text, max(0, start - 30), start):
        return True
    earlier = _search_slash_joined(text, max(0, start - 80), start) if joined else None
    return earlier is not None and _slash_list_named(ctx, earlier.start(), earlier.end(), False)


def slash_list_member(ctx: Context, q: Quantity) -> bool | None:
    """A number of a slash list is a result when the list ends on a listed metric or
    follows what names its scores, as its other members are: "52.9/54.3/55.1 mAP",
    "a performance of 91.0/88.6/82.1 and 99.1/43.9/48.2" (one model size, setting or
    metric per member)."""
    text = ctx.text
    if "/" not in text[q.end : q.end + 1] and "/" not in text[q.start - 1 : q.start]:
        return None  # fast: not inside a slash list
    span = _slash_list(text, q)
    if span is None or not _slash_list_named(ctx, *span):
        return None
    return False


def result_cue(ctx: Context, q: Quantity) -> bool | None:
    """A bare number is kept when a cue makes it a result: "scores of 49.36", "gains of
    +16.1", "from 0.20 to 0.02" after a change verb, "compared to 77.1 for GIN", "YaRN
    (44.1)", "7.55 on MT-Bench", "MMLU: 72.4", "an improvement of 0.19" after a metric,
    "0.82 in BLEU", "BLEU of 32.1", "32.1 BLEU". No cue: no opinion (the reasons after
    this one name why it is dropped)."""
    text = ctx.text
    before_start = max(0, q.start - 40)
    metrics = ctx.metrics
    if _search_score_of(text, before_start, q.start):
        return False
    if "actor" in text[before_start : q.start] and _search_factor_of(text, before_start, q.start):
        return False  # "reduces the error by a factor of 1347"
    if q.signed and _search_improvement_before(text, before_start, q.start):
        return False  # "gains of up to +16.1", "improves it by +2.3": a signed change
    if q.relation == "from" and _search_change_verb(text, max(0, q.start - 100), q.start):
        return False
    if _search_baseline_before(text, before_start, q.start) and _match_for_name(text, q.end):
        return False  # "compared to 77.1 for GIN"
    if (
        text[max(0, q.start - 2) : q.start] == " ("
        and text[q.end : q.end + 1] == ")"
        and "." in q.text  # "(2)" enumerates; "(44.1)" reports
        and _search_compared_clause(text, max(0, q.start - 80), q.start)
    ):
        return False  # "outperforming YaRN (44.1) and LongLoRA (42.9)"
    if ctx.benchmark_follows(q):
        return False
    if ctx.after_benchmark_colon(q):
        return False  # "(MMLU: 72.4, GSM8K: 81.0)"
    if _decimal_change_of_metric(ctx, q, before_start):
        return False  # "an AUC of 0.85, an absolute improvement of 0.19"
    link = _match_in_metric(text, q.end)
    if link and metrics.between(link.end(), link.end() + 1):
        return False  # "45.1 and 0.82 in BLEU and COMET", "0.82 in terms of AUROC"
    for metric in metrics.between(q.start - 80, q.start):
        if 0 <= q.start - metric.end <= 25 and _search_metric_link_before(
            text[metric.end : q.start]
        ):
            return False
    return False if metrics.between(q.end, q.end + 3) else None


# A version written after a name: "Grasp the Graph 2.0 (GtG 2.0)", "Claude Sonnet 3.7,",
# "GtG 1.0." (the name a capitalised word, the number a bare x.y closing the phrase).
_search_name_before_version = regex.compile(r"(?<![\w\-])\p{Lu}[\p{L}\d\-]*\s\Z").search
_match_version = regex.compile(r"\d{1,2}\.\d\Z").match
_match_after_version = regex.compile(r"(?:\s?[(),;]|\.(?!\d)|\s(?:\p{Ll}|\p{Lu}))").match


def version_of_name(ctx: Context, q: Quantity) -> bool | None:
    """A version that is part of a name, not a claim: "Grasp the Graph 2.0 (GtG 2.0)",
    "GtG 1.0", "Claude Sonnet 3.7" (not a value after its metric: "PSNR 26.1", "F1 0.9")."""
    if q.unit is not None or not _match_version(q.text):
        return None
    text = ctx.text
    name = _search_name_before_version(text, max(0, q.start - 30), q.start)
    if not name:
        return None
    word = name.group().strip()
    opens_sentence = text[: name.start()].rstrip()[-1:] in ("", ".", "!", "?", ":")
    if opens_sentence and not any(c.isupper() or c.isdigit() for c in word[1:]):
        return None  # "With 0.5 false positives per scan": a sentence's first word
    if ctx.metrics.between(q.start - 30, q.start) and any(
        m.end >= q.start - 2 for m in ctx.metrics.between(q.start - 30, q.start)
    ):
        return None  # "PSNR 26.1": its metric
    return True if _match_after_version(text, q.end) else None


_search_size_and_before = regex.compile(r"\bparam(?:eter)?s\s+and\s+\Z").search
_match_compute_after = regex.compile(r"\s?[GMTK]?(?:FLOPs|FLOPS|MACs|MACS)\b").match


def compute_beside_size(ctx: Context, q: Quantity) -> bool | None:
    """A model's compute named with its size, a description of the model: "with only
    0.14M parameters and 0.31 GFLOPs" (not "reduces FLOPs to 0.31 G")."""
    text = ctx.text
    if _match_compute_after(text, q.end) and _search_size_and_before(
        text, max(0, q.start - 20), q.start
    ):
        return True
    return None


def citation_or_section(ctx: Context, q: Quantity) -> bool | None:
    """A reference, not a claim: "[12]", "[3, 4]", "Section 4", "Table 2", "Eq. (3)"."""
    text = ctx.text
    lo = max(0, q.start - 12)
    if _may_end_in_reference(text[lo : q.start]) and _search_reference_before(text, lo, q.start):
        return True
    return True if text[q.start - 1 : q.start] == "[" and "]" in text[q.end : q.end + 12] else None


def hyper_parameter(ctx: Context, q: Quantity) -> bool | None:
    """A setting of the method: "a learning rate of 0.001", "k = 5", "batch size 32",
    "with 4 layers"."""
    text, start = ctx.text, max(0, q.start - 40)
    # The gates test for words every match holds; only an ASCII window is gated (where
    # IGNORECASE folds no other letter to an ASCII one).
    lowered = text[start : q.start].lower()
    gated = lowered.isascii()
    setting = (
        _search_setting_name_before(text, start, q.start)
        if not gated or "=" in lowered or holds_any(lowered, _SETTING_HELD)
        else None
    )
    if setting and not (
        setting.group().lstrip()[:1] in "rRρτ" and _search_correlation(text, start, setting.start())
    ):
        return True  # (but "a correlation of r = 0.91" is a result)
    if (
        holds_any(text[q.end : q.end + 12], ("is", "was", "are", "were"))
        and _match_setting_used_after(text, q.end)
        and _search_value_of_before(text, start, q.start)
    ):
        return True  # "a margin of 0.5 is used in the loss"
    if gated and not holds_any(lowered, _USE_HELD):
        return None
    found = _search_setting_use_before(text, start, q.start)
    if found is None or ctx.metrics.between(found.start(), q.start):
        return None
    return True


def count_of_things(ctx: Context, q: Quantity) -> bool | None:
    """A whole number counting things: "15 LLMs", "3 datasets", "over 100 languages"; a
    decimal one as an amount or average of things: "1.1 billion structures", "46.8 k
    parameters", "averaging 3.9 per question", "388.230 images"."""
    if q.signed:
        return None
    if "." in q.text:
        return True if _match_decimal_count(ctx.text, q.end) else None
    return True if _match_counted_noun(ctx.text, q.end) else None


def whole_number_without_cue(ctx: Context, q: Quantity) -> bool | None:
    """A bare whole number no cue makes a result is dropped ("the 2 stages"); a decimal
    number no reason dropped is a result (numbers first: "CRG 0.472 vs. 0.368")."""
    return "." not in q.text or q.kind != "number"


REASONS: tuple[Reason, ...] = (
    size_or_year,
    threshold_of_metric,
    citation_or_section,
    version_of_name,
    compute_beside_size,
    spread_or_statistic,
    condition_share,
    factor_without_cue,
    amount_or_setting,
    list_marker,
    signed_in_brackets,
    value_in_brackets_after_metric,
    named_baseline_value,
    arrow_pair,
    slash_list_member,
    result_cue,
    hyper_parameter,
    count_of_things,
    whole_number_without_cue,
)


def decide(ctx: Context, q: Quantity) -> tuple[str, bool]:
    """The name of the reason that decided the candidate, and whether it is dropped."""
    for reason in REASONS:
        verdict = reason(ctx, q)
        if verdict is not None:
            return reason.__name__, verdict
    return "", False


def drop_reason(ctx: Context, q: Quantity) -> str | None:
    """The name of the reason a candidate is dropped for, or None when it is a result."""
    name, dropped = decide(ctx, q)
    return name if dropped else None


# What joins the members of one list or range: "0.1/0.01", "0.001 and 0.01", "0.2-1.0".
_JOINS = frozenset(("/", "-", "–", ",", ", ", " and ", " or ", " to ", ", and "))
_DEFAULT = "whole_number_without_cue"


def _kept_by_default_beside_a_drop(
    ctx: Context, decided: dict[int, tuple[str, bool]]
) -> dict[int, str]:
    """Numbers kept only because no reason dropped them, joined to a number a reason did
    drop (its range partner or its neighbour in a list): they share its reason ("learning
    rates of 0.1/0.01", "a temperature between 0.2 and 1.0")."""
    text, kept, quantities = ctx.text, ctx.kept, ctx.quantities
    inherited: dict[int, str] = {}
    for index, q in enumerate(kept):
        name, dropped = decided[q.start]
        if dropped or name != _DEFAULT:
            continue
        previous = kept[index - 1] if index else None
        neighbours = [previous] if previous is not None else []
        if q.partner is not None:
            neighbours.append(quantities[q.partner])
        for other in neighbours:
            other_name, other_dropped = decided.get(other.start, ("", False))
            if (
                other_dropped
                and other_name != _DEFAULT
                # the previous number only when a list's join stands between them
                and (other is not previous or text[other.end : q.start] in _JOINS)
            ):
                inherited[q.start] = other_name
                break
    return inherited


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen numbers in text order, for each bare number chosen as compared with an
    earlier one that one (keyed by start), and why each other candidate was dropped (the
    reason's name, keyed by start)."""

    chosen: list[Quantity]
    compared_with: dict[int, Quantity]
    dropped: dict[int, str]


def select(ctx: Context) -> Selection:
    """The numbers of the document that are results, baselines or improvements."""
    text, kept, quantities = ctx.text, ctx.kept, ctx.quantities
    decided = {q.start: decide(ctx, q) for q in kept}
    reasons = {start: name if dropped else None for start, (name, dropped) in decided.items()}
    reasons.update(_kept_by_default_beside_a_drop(ctx, decided))
    chosen = {id(q) for q in kept if reasons[q.start] is None}
    # A bare number a chosen one is compared with: "8.43 perplexity, compared to 7.81
    # in full precision" (the number after is the baseline in the same measure).
    # Only numbers of a compound modifier ("4-bit") may stand between.
    compared_with: dict[int, Quantity] = {}
    last_chosen: Quantity | None = None
    for q in kept:
        if id(q) in chosen:
            last_chosen = q
        elif (
            last_chosen is not None
            and q.unit is None
            and last_chosen.unit is None
            and q.kind == last_chosen.kind == "number"
            and _match_compared_gap(text, last_chosen.end, q.start)
            and _match_baseline_close(text, q.end)
        ):
            chosen.add(id(q))
            compared_with[q.start] = last_chosen
        elif text[q.end : q.end + 1] != "-":
            last_chosen = None
    # Partners of a chosen number ("from 81.09 to 91.36 points") are results too, and
    # so are the numbers listed with one ("scores of 49.36 and 8.8").
    for q in kept:
        if (
            q.partner is not None
            and id(quantities[q.partner]) in chosen
            and reasons[q.start] != "spread_or_statistic"  # "26.16 +/- 1.26 vs. 22.23"
        ):
            chosen.add(id(q))
    for previous, q in pairwise(kept):
        if (
            id(previous) in chosen
            and q.unit == previous.unit
            and q.kind == previous.kind
            and _match_list_gap(text[previous.end : q.start])
        ):
            chosen.add(id(q))
    # A factor listed after a chosen factor, past its change noun and place, whatever
    # numbers the place holds: "3.17x on Wan 2.1 1.3B, 2.98x on ...".
    for previous, q in pairwise([q for q in kept if q.unit == "x"]):
        if (
            id(previous) in chosen
            and _match_factor_list_gap(text[previous.end : q.start])
            and not _match_factor_size(text, q.end)
        ):
            chosen.add(id(q))
    # ... and a number listed before a chosen one ("reach 53.1 and 54.4 AP").
    for previous, q in reversed(list(pairwise(kept))):
        if (
            id(q) in chosen
            and id(previous) not in chosen
            and q.unit == previous.unit
            and q.kind == previous.kind
            and previous.relation is None
            and reasons[previous.start] != "version_of_name"  # "Claude Sonnet 3.7, and 0.5"
            and _match_plain_list_gap(text[previous.end : q.start])
        ):
            chosen.add(id(previous))
    dropped = {q.start: reasons[q.start] or "" for q in kept if id(q) not in chosen}
    return Selection([q for q in kept if id(q) in chosen], compared_with, dropped)
