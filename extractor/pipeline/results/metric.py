"""The metric of a result: ordered strategies over the names and words near the number.

:data:`STRATEGIES` are tried in order and the first that decides wins (the shape of
price-parser's ``extract_currency_symbol``). Listed metric names come first, then what a
change is "in" or "by", then plain noun phrases and comparative adjectives.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import pairwise

import regex

from extractor.components.names import METRIC, NameMatch
from extractor.components.quantities import Quantity
from extractor.lexicon.cues import alternation, holds_any, phrases, word_set
from extractor.metric_names import (
    is_judging_or_adverb,
    is_measure_noun,
    is_name_modifier,
    is_not_a_measure_word,
    is_setting,
    name_start,
)
from extractor.pipeline.results._cues import (
    _CHANGE_OF_NOUN_HELD,
    _COMPARATIVE_METRICS,
    _HEAD_HELD,
    _VAGUE_WHATS,
    _match_acronym_after,
    _match_bracketed_metric_open,
    _match_change_in,
    _match_comparative_metric,
    _match_comparative_noun,
    _match_fewer_cost,
    _match_in_metrics_gap,
    _match_in_what_after,
    _match_metric_phrase_after,
    _match_metrics_numbers_gap,
    _match_metrics_of_gap,
    _match_number_list_join,
    _match_own_metric,
    _match_share_of_cost,
    _match_slash_names_after,
    _match_slash_numbers_after,
    _match_speedup_noun,
    _match_to_after,
    _search_acronym_of_before,
    _search_change_noun_of,
    _search_change_verb_by,
    _search_changed_by,
    _search_changed_from,
    _search_changed_to,
    _search_elided_changed_by,
    _search_label_before,
    _search_lowercase_run,
    _search_metric_phrase_before,
    _search_metric_phrase_linked_before,
    _search_previous_slash_chain,
    _search_slash_names_before,
    _search_slash_numbers_before,
    _search_value_bracket_open,
)
from extractor.pipeline.results.context import Claim, Context
from extractor.pipeline.results.types import (
    NOT_SAID,
    NotSaid,
    ResultMatch,
    first_hit,
    without,
)

# A number right before a metric name, which claims it: "1.22 GFLOPs", "85.2% accuracy".
_search_claimed_by_number = regex.compile(r"(?<![\w.])\d+(?:\.\d+)?(?P<unit>%)?\s+\Z").search
_SPECIFIABLE = word_set("specifiable_change")  # "energy efficiency", "image quality"
_VAGUE_MODIFIERS = word_set("vague_modifier")
_SCORE_VERBS = word_set("score_verb")
_CHANGE_IN_SETTING = word_set("change_in_setting")
# Units of a score a metric named earlier in the sentence may measure (a factor or a time,
# "3x faster", measures speed or size instead).
_SCORE_LIKE_UNITS = ("%", "points", "dB", None)


def is_vague(phrase: str) -> bool:
    """Whether a change names nothing measurable.

    >>> is_vague("overall performance"), is_vague("energy efficiency"), is_vague("recall")
    (True, False, False)
    """
    *modifiers, head = phrase.lower().split()
    if head not in _VAGUE_WHATS:
        return False
    return head not in _SPECIFIABLE or all(w in _VAGUE_MODIFIERS for w in modifiers)


def _listed_after(c: Claim) -> NameMatch | None:
    return c.nearest(METRIC, 0, 40)


def _unit_kind(unit: str | None) -> str:
    """Whether a number reads as a percentage ("%", "points") or as a bare value."""
    return "share" if unit in ("%", "points") else "bare"


def _listed_before(c: Claim) -> NameMatch | None:
    if c.group[0].unit not in _SCORE_LIKE_UNITS or _listed_after(c) is not None:
        return None
    found = c.nearest(METRIC, 120, 0)
    if found is not None:
        owner = _search_claimed_by_number(c.text, max(0, found.start - 24), found.start)
        if owner is not None and _unit_kind(owner.group("unit") or None) != _unit_kind(c.q.unit):
            return None  # "1.22 GFLOPs reaches 93.92%": the other number's, in another unit
    return found


def _spelled(c: Claim, match: NameMatch) -> str:
    """The spelled-out name before an acronym: "attack success rate (ASR) of 70%" (not a
    metric opening brackets of values: "accuracy (macro-F1 0.487 vs. 0.189)")."""
    text = c.text
    opens = text[max(0, match.start - 2) : match.start] == " ("
    if opens and text[match.end : match.end + 1] == ")":
        spelled = next(
            (n for n in c.in_sentence if n.label == METRIC and n.end == match.start - 2),
            None,
        )
        match = spelled or match
    return text[match.start : match.end]


def _number_list(c: Claim) -> tuple[list[Quantity], int]:
    """The numbers joined to this one by commas and "and", whatever their units, and its
    place among them: "27.69 dB and 0.893"."""
    text, kept = c.text, c.ctx.kept
    i = bisect_left([q.start for q in kept], c.q.start)
    if i >= len(kept) or kept[i].start != c.q.start:
        return [c.q], 0
    lo = hi = i
    while lo > 0 and _match_number_list_join(text, kept[lo - 1].end, kept[lo].start):
        if kept[lo - 1].end > kept[lo].start or kept[lo - 1].start < c.sentence[0]:
            break
        lo -= 1
    while hi + 1 < len(kept) and _match_number_list_join(text, kept[hi].end, kept[hi + 1].start):
        if kept[hi].end > kept[hi + 1].start or kept[hi + 1].end > c.sentence[1]:
            break
        hi += 1
    return kept[lo : hi + 1], i - lo


def _metric_list(c: Claim, lo: int, hi: int) -> list[NameMatch]:
    """Listed metrics written as one list in ``[lo, hi)``: "PSNR and SSIM"."""
    names = c.ctx.metrics.between(lo, hi)
    if not names or any(
        not _match_number_list_join(c.text, a.end, b.start) for a, b in pairwise(names)
    ):
        return []
    return names


def metrics_respectively(c: Claim) -> str | None:
    """A list of numbers in different units paired in order with a list of metrics, in a
    "respectively" sentence: "27.69 dB and 0.893 in PSNR and SSIM, respectively", "a PSNR
    and SSIM of 31.2 dB and 0.912, respectively"."""
    text = c.text
    if not c.ctx.sentence_says("respectively", c.sentence):
        return None
    numbers, index = _number_list(c)
    if len(numbers) < 2 or len({q.unit for q in numbers}) < 2:
        return None  # one unit: the list's own pairing decides
    end, start = numbers[-1].end, numbers[0].start
    after = c.ctx.metrics.between(end, min(c.sentence[1], end + 30))
    if after and _match_in_metrics_gap(text, end, after[0].start):
        names = _metric_list(c, after[0].start, min(c.sentence[1], after[0].start + 80))
    else:
        before = c.ctx.metrics.between(max(c.sentence[0], start - 80), start)
        names = []
        if before and _match_metrics_of_gap(text, before[-1].end, start):
            names = list(before)
            while names and not _metric_list(c, names[0].start, names[-1].end):
                names = names[1:]
    if len(names) != len(numbers):
        return None
    return _spelled(c, names[index])


# Modifiers joined by commas and "and" right before a metric's own modifier: "speaker and
# emotion similarity", "top-1, top-5 and top-10 accuracy".
_search_coordinated = regex.compile(
    r"(?<![\w\-])(?P<words>(?:[\w\-]+,\s)*[\w\-]+),?\s(?:and|&)\s\Z"
).search


# A lower-case noun right before a list of numbers, joined by "by" or "of":
# "similarity by 16.1% and 1.5%".
_search_measure_before = regex.compile(
    r"(?<![\w\-])(?P<head>\p{Ll}[\p{Ll}\-]*)\s+(?:by|of)\s+"
    r"(?:(?:up\s+to|about|around|nearly|roughly|over)\s+)?\Z"
).search


# The last words _search_measure_before's window can end in (before trailing spaces).
_MEASURE_GAP_ENDS = ("by", "of", "to", "about", "around", "nearly", "roughly", "over")


def _may_end_coordinated(text: str, lo: int, hi: int) -> bool:
    """A quick test that ``_search_coordinated(text, lo, hi)`` may match: its window
    ends in "and" or "&" and one more character (false: it cannot)."""
    return text[max(lo, hi - 4) : hi - 1] == "and" or text[max(lo, hi - 2) : hi - 1] == "&"


def _may_end_measure_gap(text: str, lo: int, hi: int) -> bool:
    """A quick test that ``_search_measure_before(text, lo, hi)`` may match: its window
    ends in "by", "of" or a hedge after them, and spaces (false: it cannot)."""
    return text[lo:hi].rstrip().endswith(_MEASURE_GAP_ENDS)


def _coordinated_modifier(word: str) -> bool:
    """A modifier in a coordinated list: lower case, or a capitalised "Top-5"; or a
    setting ("zero-shot and few-shot accuracy": the record's name drops it)."""
    lowered = word.lower()
    return (
        is_name_modifier(word)
        or (word[:1].isupper() and "-" in word and is_name_modifier(lowered))
        or is_setting(word)
    )


def _coordinated_names(c: Claim, mention: NameMatch) -> list[str]:
    """The metric names a coordinated list before ``mention`` spells out: "speaker and
    emotion similarity" -> speaker similarity, emotion similarity; none without one."""
    text = c.text
    start = name_start(text, mention.start, mention.end)
    head = text[mention.start : mention.end]
    own = text[start : mention.start].strip()
    if not own:  # "top-1 and top-5 accuracy": the listed name holds the modifier
        first, _, rest = head.partition(" ")
        if not rest or not _coordinated_modifier(first):
            return []
        own, head = first, rest
    if " " in own:
        return []  # "a and b c d": which words the list shares is unclear
    lo = max(c.sentence[0], start - 80)
    if not _may_end_coordinated(text, lo, start):
        return []
    found = _search_coordinated(text, lo, start)
    if found is None:
        return []
    words = [w.strip() for w in found.group("words").split(",")]
    if not all(_coordinated_modifier(w) for w in words):
        return []
    return [f"{w} {head}" for w in [*words, own]]


def coordinated_modifiers(c: Claim) -> str | None:
    """A list of numbers paired in order with modifiers that share one metric's name:
    "increases speaker and emotion similarity by 16.1% and 1.5%", "+20.5 and +5.6 points
    on direction and order accuracies" (as many names as numbers)."""
    group = c.group
    if len(group) < 2:
        return None
    lo, hi = c.sentence
    for mention in c.ctx.metrics.between(max(lo, c.g_start - 60), min(hi, c.g_end + 80)):
        if mention.end <= c.g_start:
            if not _match_metrics_numbers_gap(c.text[mention.end : c.g_start]):
                continue
        elif mention.start < c.g_end:
            continue
        names = _coordinated_names(c, mention)
        if len(names) == len(group):
            return names[c.index]
    # "increases speaker and emotion similarity by 16.1% and 1.5%": an unlisted measure
    window_lo = max(lo, c.g_start - 60)
    if not _may_end_measure_gap(c.text, window_lo, c.g_start):
        return None
    head = _search_measure_before(c.text, window_lo, c.g_start)
    if head is None or not is_measure_noun(head.group("head")):
        return None
    start, end = head.span("head")
    names = _coordinated_names(c, NameMatch(start, end, METRIC, "", "pattern"))
    return names[c.index] if len(names) == len(group) else None


# A number's own modifier, then "and" or a comma and the next number: "67.6% Top-5 and ".
_match_own_modifier_gap = regex.compile(
    r"\s+(?P<mod>\p{L}[\w\-]*)\s*(?:,\s*(?:and\s+)?|and\s+)(?=[+\-]?\d)"
).match
# The next number, its unit and maybe its own modifier, up to the shared name: "85.0%
# Top-25 ", "70% ".
_match_next_number_modifier = regex.compile(
    r"[+\-]?\d[\d.,]*\s*(?:%|pp|points)?\s+(?:(?P<mod>\p{L}[\w\-]*)\s+)?\Z"
).match


def interleaved_modifiers(c: Claim) -> str | None:
    """Each number followed by its own modifier, the name they share after the last:
    "65% top-1 and 70% top-2 accuracy" (top-1 accuracy), "67.6% Top-5 and 85.0% Top-25
    retrieval accuracy" (Top-5 retrieval accuracy)."""
    text = c.text
    gap = _match_own_modifier_gap(text, c.q.end)
    if gap is None or not _coordinated_modifier(gap.group("mod")):
        return None
    if is_measure_noun(gap.group("mod")) or c.ctx.metrics.between(*gap.span("mod")):
        return None  # "81% accuracy and 70% macro F1": the word is a metric of its own
    lo = gap.end()
    mention = next(iter(c.ctx.metrics.between(lo, min(c.sentence[1], lo + 40))), None)
    if mention is None:
        return None
    start = name_start(text, mention.start, mention.end)
    between = _match_next_number_modifier(text[lo:start])
    if between is None:
        return None
    head = text[start : mention.end]
    if between.group("mod") is None:  # "70% top-2 accuracy": the listed name holds it
        first, _, head = head.partition(" ")
        if not head or not _coordinated_modifier(first):
            return None
    elif not _coordinated_modifier(between.group("mod")):
        return None
    return f"{gap.group('mod')} {head}"


def slash_paired(c: Claim) -> str | None:
    """Numbers and metrics written as slash lists of one length pair in order: "0.3 /
    2.9% absolute WER / B-WER", "FID/IS of 1.59/304.4", "2.1/3.4% WER/CER" (one of
    the names must be a listed metric)."""
    text, q = c.text, c.q
    before = _search_slash_numbers_before(text, max(0, q.start - 60), q.start)
    after = _match_slash_numbers_after(text, q.end)
    index = before.group().count("/") if before else 0
    count = index + 1 + (after.group().count("/") if after else 0)
    if count < 2:
        return None
    chain_start = before.start() if before else q.start
    chain_end = after.end() if after else q.end
    names = _match_slash_names_after(text, chain_end) or _search_slash_names_before(
        text, max(0, chain_start - 60), chain_start
    )
    first_start = chain_start
    while names is None and (
        previous := _search_previous_slash_chain(text, max(0, first_start - 60), first_start)
    ):
        # "AUROC/AURC of 0.98/2.48, 0.99/0.26": a later chain of one list of chains
        first_start = previous.start()
        names = _search_slash_names_before(text, max(0, first_start - 60), first_start)
    if names is None:
        # "+0.6/-0.1 mAP": one listed metric right after the chain is every number's
        shared = next(iter(c.ctx.metrics.between(chain_end, chain_end + 2)), None)
        if shared is None or any(n.start < shared.start < n.end for n in c.group):
            return None  # "141/96 FPS": the last number's unit, no metric name
        return text[shared.start : shared.end]
    parts: list[str] = [p.strip().rstrip(".:") for p in names.group("names").split("/")]
    listed = c.ctx.metrics.between(names.start("names"), names.end("names"))
    if len(parts) != count or not listed:
        return None
    return parts[index]


def own_metric_in_list(c: Claim) -> str | None:
    """Inside a list, the metric named right after this number: "78.5% in accuracy and
    66.1% in macro-F1" (the last number of the list takes the list's); the low end of a
    range, the one after its range: "by 1.2%-3.3% in AUROC and 5.3%-20.9% in AUPRC"."""
    q, group, index = c.q, c.group, c.index
    if (
        q.relation == "range_low"
        and index + 1 < len(group)
        and group[index + 1].relation == ("range_high")
    ):
        index += 1  # "by 1.2%-3.3% in macro AUROC and 5.3%-20.9% in ...": the range's
        q = group[index]
    if q is group[-1]:
        return None
    next_start = group[index + 1].start  # (list.index would make a long list quadratic)
    own = next(
        (
            n
            for n in c.in_sentence
            if n.label == METRIC
            and q.end < n.start < next_start
            and _match_own_metric(c.text, q.end, n.start)
        ),
        None,
    )
    return c.text[own.start : own.end] if own else None


def share_of_cost(c: Claim) -> str | None:
    """A share of a cost the number names right after it: "using only 73% of its
    computational load", "27.3% of the total compute budget" (not a share of cases or of
    time: "in 87% of cases")."""
    if c.q.unit != "%":
        return None
    found = _match_share_of_cost(c.text, c.q.end)
    if found is None:
        return None
    return _measure(c, found.group("what"), found.start("what"), counted=True)


# A share of a measure some system reaches, right after the number: "99.1% of the
# original performance", "99.8% of the teacher's restoration quality".
_match_share_of_measure = regex.compile(
    r"\s+of\s+(?:the|its|their|our|a)\s+(?P<owner>(?:[\w\-]+['’]s\s+|[\p{Ll}\-]+\s+){0,2}?)"
    r"(?P<what>[\p{Ll}][\p{Ll}\-]*(?:\s[\p{Ll}][\p{Ll}\-]*)?)(?=[\s,.;:)]|\Z)"
).match


def share_of_measure(c: Claim) -> str | NotSaid | None:
    """What a share of another system's value measures: "recovers 99.8% of the
    teacher's restoration quality"; "maintains 99.1% of the original performance" names
    no metric (a vague word), so no metric named elsewhere is taken."""
    if c.q.unit != "%":
        return None
    found = _match_share_of_measure(c.text, c.q.end)
    if found is None:
        return None
    words = found.group("what").split()
    if not found.group("owner") and len(words) < 2:
        return None  # "22.9% of the time": how often, not a share of a system's value
    if not is_measure_noun(words[-1]) and not is_vague(words[-1]):
        words = words[:1]  # "of the teacher's accuracy while ...": the first word
    phrase = " ".join(words)
    start = found.start("what")
    listed = next(iter(c.ctx.metrics.between(start, start + 1)), None)
    if listed is not None:
        return _spelled(c, listed)
    if is_vague(phrase):
        return NOT_SAID
    return phrase if is_measure_noun(words[-1]) else None


def fewer_cost(c: Claim) -> str | None:
    """A cost the number cuts, right after it: "5x fewer parameters", "40% less memory"
    (before a listed metric further on: "5x fewer parameters and 0.3 GFLOPs")."""
    cut = _match_fewer_cost(c.text, c.q.end)
    if cut is None:
        return None
    phrase: str = cut.group("what")
    return phrase


def bracketed_listed_after(c: Claim) -> str | None:
    """A listed metric alone in brackets right after the number: "by up to 6.8% (AUPRC)
    over X"."""
    text = c.text
    opened = _match_bracketed_metric_open(text, c.q.end)
    if opened is None:
        return None
    listed = next(iter(c.ctx.metrics.between(opened.end(), opened.end() + 1)), None)
    if listed is None or text[listed.end : listed.end + 1] != ")":
        return None
    return text[listed.start : listed.end]


def acronym_of_before(c: Claim) -> str | None:
    """An acronym after an article and right before the number through "of" is its
    metric: "a RayPQ of 15.3 and a RayIoU of 38.2" (not a model or benchmark name)."""
    lo = max(0, c.g_start - 40)
    if not c.text[lo : c.g_start].rstrip().endswith("of"):
        return None  # fast: every match ends in "of" and white space
    found = _search_acronym_of_before(c.text, lo, c.g_start)
    if found is None:
        return None
    start = found.start("what")
    listed = next(iter(c.ctx.metrics.between(start, start + 1)), None)
    if listed is not None:
        return _spelled(c, listed)
    if c.ctx.index.between(start, found.end("what")):
        return None
    what: str = found.group("what")
    return what


def value_in_brackets(c: Claim) -> str | None:
    """A listed metric right before brackets that open on the number, in any unit: "a
    latency (960 s)", "computational latency (often exceeding 2-4 seconds)" (the number
    is the metric's value; a time or factor too, unlike :func:`listed_before`)."""
    text = c.text
    if "(" not in text[max(0, c.g_start - 30) : c.g_start]:
        return None  # fast: every match opens a bracket
    opened = _search_value_bracket_open(text, max(0, c.g_start - 30), c.g_start)
    if opened is None:
        return None
    opening = opened.start()
    named = [m for m in c.ctx.metrics.between(max(0, opening - 60), opening)]
    listed = named[-1] if named else None
    if listed is None or listed.end not in (opening, opening - 1):
        return None
    return _spelled(c, listed)


# "of" and a hedge between a metric and its number: "a speedup of 2.1x", "a latency of
# about 12 ms".
_search_of_before = regex.compile(
    rf"\s+of\s+(?:{alternation(phrases('score_hedge'))}\s+)?\Z", regex.IGNORECASE
).search


def listed_of_before(c: Claim) -> str | None:
    """A listed metric joined to the number by "of" is its metric, in any unit: "an
    average speedup of 2.1x", "a latency of 12 ms" (a factor or time too, unlike
    :func:`listed_before`)."""
    window = c.text[max(0, c.g_start - 30) : c.g_start]
    if " of " not in window.lower():
        return None  # fast: every match holds "of"
    found = _search_of_before(c.text, max(0, c.g_start - 30), c.g_start)
    if found is None:
        return None
    at = found.start()
    listed = next((m for m in c.ctx.metrics.between(max(0, at - 60), at) if m.end == at), None)
    return _spelled(c, listed) if listed is not None else None


# "in terms of" before the metric a clause's numbers are measured in.
_search_in_terms_of = regex.compile(
    r"\bin\s+terms\s+of\s+(?:the\s+|its\s+|their\s+)?", regex.IGNORECASE
).search


def in_terms_of_after(c: Claim) -> str | None:
    """A listed metric the clause says its numbers are "in terms of", past where they were
    measured: "achieves 81.2% on ImageNet in terms of top-1 accuracy" (no other number
    and no clause break between)."""
    hi = min(c.sentence[1], c.g_end + 80)
    if "terms" not in c.text[c.g_end : hi]:
        return None  # fast: every match holds "terms"
    found = _search_in_terms_of(c.text, c.g_end, hi)
    if found is None or c.ctx.number_between(c.g_end, found.start()):
        return None
    if any(ch in c.text[c.g_end : found.start()] for ch in ";()"):
        return None
    listed = next(iter(c.ctx.metrics.between(found.end(), found.end() + 1)), None)
    return _spelled(c, listed) if listed is not None else None


def listed_after(c: Claim) -> str | None:
    """A listed metric right after the number: "85.7% top-1 accuracy", "32.1 BLEU"."""
    match = _listed_after(c)
    return _spelled(c, match) if match else None


# Words that open a clause or a condition after a measure: "efficiency when using two
# robots", "accuracy using half the data".
_CLAUSE_OPENERS = {"when", "using", "via", "during", "under", "without", "through", "where"}


def _before_clause(phrase: str) -> str:
    """The phrase up to a word that opens a clause or condition.

    >>> _before_clause("efficiency when using"), _before_clause("sample efficiency")
    ('efficiency', 'sample efficiency')
    """
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _CLAUSE_OPENERS), None)
    return " ".join(words[:cut]) if cut is not None else phrase


def change_in_after(c: Claim) -> str | None:
    """What the number's own change is in: "a 3.1% increase in recall" (nearer than a
    metric named before it; "a 2x improvement in efficiency when using two robots":
    efficiency)."""
    own_change = _match_change_in(c.text, c.g_end)
    if own_change is not None and not is_vague(own_change.group("what")):
        return _before_clause(own_change.group("what"))
    return None


def changed_by_before(c: Claim) -> str | None:
    """What is changed "by" the number: "improve sample efficiency by 19%" (when a metric
    is listed before, only a phrase after it: "higher success rates and improve sample
    efficiency by 19%")."""
    text, g_start = c.text, c.g_start
    before = _listed_before(c)
    if before is not None and "by " not in text[max(0, g_start - 30) : g_start]:
        return None
    changed = _search_changed_by(text, max(0, g_start - 120), g_start)
    if changed is None or is_vague(changed.group("what")):
        return None
    if changed.group("what").split()[0].lower() in _PREPOSITIONS:
        return None  # "improves over BarNet by 3.5%", "upon prior work": what it beats
    if before is not None and changed.start("what") < before.end:
        return None
    if changed.group("bracketed"):  # "computation (GFLOPs) by 2.5x": the listed name
        start = changed.start("bracketed")
        listed = next(iter(c.ctx.metrics.between(start, start + 1)), None)
        if listed is not None and listed.end == changed.end("bracketed"):
            return text[listed.start : listed.end]
    phrase: str = changed.group("what")
    return phrase


def _measure(
    c: Claim, phrase: str, start: int, *, listed_only: bool = False, counted: bool = False
) -> str | None:
    """A phrase found at ``start`` as a metric: a listed metric it begins with, else the
    phrase unless it is vague or says where the change holds ("most settings", "total");
    ``counted``: what a number counts may be such a word ("36.8% fewer steps")."""
    listed = next((n for n in c.ctx.metrics.between(start, start + 1)), None)
    if listed is None:  # "F1 score improves from": the phrase began inside the name
        listed = next(
            (n for n in c.ctx.metrics.between(max(0, start - 16), start) if n.end > start), None
        )
    if listed is not None:
        return _spelled(c, listed)
    if listed_only:
        return None
    words = phrase.split()
    while len(words) > 1 and is_not_a_measure_word(words[0]):  # "lowering chunk growth"
        start += len(words[0]) + 1
        words = words[1:]
    if is_judging_or_adverb(words[-1]):
        return None  # "increases substantially to 0.872", "raises the state-of-the-art"
    phrase = " ".join(words)
    if (
        is_vague(phrase)
        or (not counted and words[0].lower() in _CHANGE_IN_SETTING)
        or (not counted and words[-1].lower() in _CHANGE_IN_SETTING)
        or c.ctx.index.between(start, start + len(phrase))
    ):
        return None
    return phrase


def _in_what(c: Claim) -> tuple[str, int] | None:
    """The phrase a change after the number or its list is "in", and where it starts."""
    for end in dict.fromkeys((c.q.end, c.g_end)):
        found = _match_in_what_after(c.text, end)
        if found is not None:
            words = _before_clause(found.group("what")).split()
            if words[-1].lower() == "respectively":
                words = words[:-1]
            return (" ".join(words), found.start("what")) if words else None
    return None


def changed_to_before(c: Claim) -> str | None:
    """What a change brings to the number: "reducing reconstruction time to below 50%",
    "cuts the error rate to 3.1%" (not a vague word: "improves performance to 80%")."""
    if not _ends_in_hedged(c.text[max(0, c.g_start - 40) : c.g_start], "to"):
        return None  # fast: every match ends in "to" and at most two hedge words
    found = _search_changed_to(c.text, max(0, c.g_start - 100), c.g_start)
    if found is None:
        return None
    phrase, start = found.group("what"), found.start("what")
    if phrase.split()[0].lower() in _PREPOSITIONS:
        return None
    if found.group("bracketed"):  # "the mixed error rate (MER) to 9.4%": the listed name
        listed = next(iter(c.ctx.metrics.between(found.start("bracketed"), found.end())), None)
        if listed is not None and not c.ctx.metrics.between(start, start + 1):
            return _spelled(c, listed)
    return _measure(c, phrase, start)


def elided_changed_by(c: Claim) -> str | None:
    """What a second change of one verb is in, the verb left out: "reduces computation by
    2.5x and memory footprint (VRAM) by up to 2.1x" (the first change's verb and "by"
    stand before it in the clause)."""
    text, g_start = c.text, c.g_start
    if not _ends_in_hedged(text[max(0, g_start - 40) : g_start], "by"):
        return None  # fast: every match ends in "by" and at most three hedge words
    found = _search_elided_changed_by(text, max(0, g_start - 80), g_start)
    if found is None:
        return None
    lo = max(c.sentence[0], found.start() - 120)
    if not _search_change_verb_by(text, lo, found.start()):
        return None
    start, phrase = found.start("what"), found.group("what")
    first, *rest = phrase.split()
    if first.lower() in _PREPOSITIONS or (rest and first.endswith("s") and first.islower()):
        return None  # "and accelerates generation by": a verb of its own
    return _measure(c, phrase, start)


# Words that say how a number is read or aggregated, not what it measures.
_READINGS = word_set("metric_qualifier") | {"score", "scores", "total"}


def change_noun_of(c: Claim) -> str | None:
    """What a change written as a noun is in, before "of" and the number: "a latency
    reduction of up to 166 times", "bit rate savings of 24.42 percent" (not a vague
    word: "a performance gain of 3%")."""
    window = c.text[max(0, c.g_start - 80) : c.g_start]
    if window.isascii() and not (
        "of" in window.lower() and holds_any(window.lower(), _CHANGE_OF_NOUN_HELD)
    ):
        return None  # fast: every match holds a change noun and "of"
    found = _search_change_noun_of(c.text, max(0, c.g_start - 80), c.g_start)
    if found is None:
        return None
    words, start = found.group("what").split(), found.start("what")
    while words and words[0].lower() in _READINGS:
        start += len(words[0]) + 1  # "an absolute latency reduction": the reading goes
        words = words[1:]
    if not words or words[-1].lower() in _READINGS or words[-1].lower().endswith("ing"):
        return None  # "representing absolute gains of", "yielding improvements of"
    return _measure(c, " ".join(words), start)


def in_listed_after(c: Claim) -> str | None:
    """A listed metric the number or its list is "in", past an aside in brackets:
    "improved by 10.9% (95% CI 8.3%-13.5%) in AUC, 10.0% (95% CI 8.9%-11.1%) in
    accuracy"."""
    found = _in_what(c)
    return _measure(c, *found, listed_only=True) if found else None


# Words that open a prepositional phrase, not a measure: "improves over X by 3%".
_PREPOSITIONS = {
    "over",
    "upon",
    "on",
    "by",
    "from",
    "against",
    "with",
    "to",
    "than",
    "in",
    "across",
    "at",
    "for",
    "of",
    "beyond",
    "past",
}
# Words that end a noun phrase found by a pattern: "60x lower cost but show ...".
_PHRASE_ENDS = {"but", "show", "shows", "is", "are", "was", "were", "which", "that", "as"}
# Heads of tasks or settings, not measures: "by 51.6% in classification", "in
# forecasting", "in fully-inductive (scenarios)".
_TASK_ENDINGS = ("tion", "ing", "sis", "ive")
# Stages a comparative makes faster or cheaper without naming a measure: "2x faster
# inference" (what is measured, its speed or latency, is left unsaid).
_STAGES = word_set("stage_noun")


def in_phrase_after(c: Claim) -> str | None:
    """What a change is "in", when nothing nearer names its metric: "outperformed X and Y
    by 14% and 44% in rank" (not where it holds: "by 5% in most settings", "in Chinese";
    not a task: "in classification")."""
    if c.role != "improvement":
        return None
    found = _in_what(c)
    if found is None:
        return None
    phrase, start = found
    words = phrase.split()
    named = any(not w.isupper() and any(ch.isupper() for ch in w) for w in words)
    if named or words[-1].lower().endswith(_TASK_ENDINGS):
        return None  # "in Chinese", "in dense DeepScenario scenes", "in classification"
    return _measure(c, phrase, start)


_RANGE_WORDS = {"ranging", "range", "ranges", "varying", "vary", "varies", "spanning"}


def _ends_in_hedged(window: str, word: str) -> bool:
    """Whether ``window`` may end in ``word``, up to three hedge words ("up to", "a factor
    of", "less than") and white space; a window that is not ASCII is left to the pattern."""
    if not window.isascii():
        return True
    words = window.lower().split()
    return window[-1:].isspace() and word in words[-4:]


def changed_from(c: Claim) -> str | None:
    """What changes from the number to another: "latency drops from 21 to 8 seconds",
    "reduces the error in the gap between A and B from 0.20 to 0.02" (the other end takes
    it as its partner's)."""
    q = c.q
    if not _ends_in_hedged(c.text[max(0, q.start - 40) : q.start], "from"):
        return None  # fast: every match ends in "from" and at most a hedge
    if q.relation != "from" and not _match_to_after(c.text, q.end):
        return None
    found = _search_changed_from(c.text, max(c.sentence[0], q.start - 160), q.start)
    if found is None:
        return None
    start = found.start("what")
    words = found.group("what").split()
    if words[0].lower() in _RANGE_WORDS:
        return None  # "gains ranging from 2% to 12%": a range, not a change
    while len(words) > 1 and any(ch.isupper() for ch in words[0]) and not words[0].isupper():
        start += len(words[0]) + 1  # "Canary performance difference": a name before it
        words = words[1:]
    return _measure(c, " ".join(words), start)


# Labels before "=" or ":" that are statistics, not metrics: "p = 0.01", "n = 380".
_STATISTIC_LABELS = {"p", "n", "vs", "df", "t", "z", "ci", "sd", "se", "std"}


def _may_end_in_label(text: str, lo: int, hi: int) -> bool:
    """A quick test that ``_search_label_before(text, lo, hi)`` may match: its window
    ends in "=" or ":" and white space."""
    return text[lo:hi].rstrip().endswith(("=", ":"))


def label_before(c: Claim) -> str | None:
    """A short label written right before the number with "=" or ":": "R2=0.973",
    "overall k: 0.313", "FID: 1.59" (a symbol or acronym, not a word such as "Results:"
    nor a statistic such as "p = 0.01")."""
    if c.q.unit not in _SCORE_LIKE_UNITS:
        return None  # "streaming TTS: 102 ms": a time is no score the label names
    lo = max(0, c.g_start - 16)
    if not _may_end_in_label(c.text, lo, c.g_start):
        return None
    found = _search_label_before(c.text, lo, c.g_start)
    if found is None:
        return None
    what: str = found.group("what")
    if what.lower() in _STATISTIC_LABELS or _search_lowercase_run(what):
        return None
    start = found.start("what")
    listed = next(iter(c.ctx.metrics.between(start, start + 1)), None)
    if listed is not None:
        return _spelled(c, listed)
    if c.ctx.index.between(start, start + 1):
        return None  # a model or benchmark name: "GPT-4: 81.2"
    return what


def listed_before(c: Claim) -> str | None:
    """The nearest listed metric before the number in its clause: "an F1 score above
    80%" (for scores only: a factor "3x faster" does not measure it)."""
    match = _listed_before(c)
    return _spelled(c, match) if match else None


_LINK_VERBS = {"give", "reach", "show", "get", "yield", "offer", "provide", "achieve", "attain"}


def _linked_phrase(what: str) -> str:
    """A metric phrase found before a link, with at most one word before its head, and
    none that reads as a verb or a plural subject.

    >>> [_linked_phrase(p) for p in ("inference speeds", "intervals give coverage")]
    ['inference speeds', 'coverage']
    >>> [_linked_phrase(p) for p in ("system achieving latency", "decoding speeds")]
    ['latency', 'decoding speeds']
    """
    *modifiers, head = what.split()
    if not modifiers:
        return head
    word, lowered = modifiers[-1], modifiers[-1].lower()
    if (
        lowered in _LINK_VERBS
        or lowered.endswith("ed")
        or (lowered.endswith("s") and not lowered.endswith("ss"))
        or (
            lowered.endswith("ing")
            and len(modifiers) > 1
            and modifiers[-2].lower() not in _LINK_VERBS  # "reach decoding speeds"
        )
    ):
        return head
    return f"{word} {head}"


def noun_phrase(c: Claim) -> str | None:
    """A metric written as a noun phrase right after or before the number, when no listed
    metric is there: "50% answer consistency", "reasoning scores of 0.696", "inference
    speeds of over 67.10 FPS", "coverage ranging from 93.5% to 95.2%"."""
    text, start, end = c.text, c.g_start, c.q.end
    after = _match_metric_phrase_after(text, end)
    if after:
        phrase: str = after.group("what")
        return phrase
    before = _search_metric_phrase_before(text, max(0, start - 60), start)
    if before is None:
        window = text[max(0, start - 70) : start]
        if window.isascii() and not holds_any(window.lower(), _HEAD_HELD):
            return None  # fast: every linked phrase holds a metric head word
        linked = _search_metric_phrase_linked_before(text, max(0, start - 70), start)
        return _linked_phrase(linked.group("what")) if linked is not None else None
    if before is None or before.group("what").lower() in _SCORE_VERBS:
        return None  # "Mistral-7B scores 62.5": a verb, not a metric
    head = before.group("what").rsplit(None, 1)[-1].lower()
    if head in _SCORE_VERBS and not text[before.end("what") : start].strip():
        return None  # "FooNet scores 7.55", "the model scored 41.2": still the verb
    phrase = before.group("what")
    return phrase


def acronym_after(c: Claim) -> str | None:
    """An acronym right after the number is its metric when no listed one is there: "+2.4
    gIoU on RefZoo", "(+ 5.1 PSDS)" (not a name the text lists: "7.55 MT-Bench"). It comes
    before the nearest listed metric before the number: "raises SNR by 69% and 34% CNR"."""
    found = _match_acronym_after(c.text, c.q.end)
    if found is None:
        return None
    start = found.start("what")
    if c.ctx.index.between(start, start + 1):
        return None
    phrase: str = found.group("what")
    if phrase[-2:].isdigit() and phrase[:1].isupper():
        return None  # "27.4% CV24": a data set and its year or version, no metric
    return phrase


def comparative_adjective(c: Claim) -> str | None:
    """A comparative that names its metric: "2.2% more accurate" (accuracy)."""
    comparative = _match_comparative_metric(c.text, c.g_end)
    return _COMPARATIVE_METRICS[comparative.group("adj").lower()] if comparative else None


def comparative_noun(c: Claim) -> str | None:
    """What a factor or share compares, named right after its comparative: "60x lower
    cost", "10 times faster rollout" (not vague, not a setting or task)."""
    found = _match_comparative_noun(c.text, c.q.end)
    if found is None:
        return None
    words = found.group("what").split()
    cut = next((i for i, w in enumerate(words) if w.lower() in _PHRASE_ENDS), len(words))
    words = words[:cut]
    if not words or words[-1].lower().endswith(_TASK_ENDINGS) or words[-1].lower() in _STAGES:
        return None  # "23% more effective", "3x faster training", "2.5x faster inference"
    return _measure(c, " ".join(words), found.start("what"), counted=True)


def speedup_noun(c: Claim) -> str | None:
    """The speed-up a factor names: "3.3x training acceleration", "a 2.1x speedup"."""
    if c.q.unit != "x":
        return None
    speedup = _match_speedup_noun(c.text, c.g_end)
    if speedup is None:
        return None
    phrase: str = speedup.group("what")
    return phrase


STRATEGIES = (
    metrics_respectively,
    coordinated_modifiers,
    interleaved_modifiers,
    slash_paired,
    own_metric_in_list,
    fewer_cost,
    share_of_cost,
    share_of_measure,
    bracketed_listed_after,
    acronym_of_before,
    listed_after,
    value_in_brackets,
    listed_of_before,
    in_terms_of_after,
    change_in_after,
    changed_by_before,
    elided_changed_by,
    change_noun_of,
    changed_to_before,
    in_listed_after,
    changed_from,
    label_before,
    acronym_after,
    listed_before,
    noun_phrase,
    in_phrase_after,
    comparative_adjective,
    speedup_noun,
    comparative_noun,
)


def _mention_of(ctx: Context, result: ResultMatch) -> NameMatch | None:
    """The listed mention a result's metric was read from: the one spelled as the metric
    in its sentence, nearest to the number."""
    lo, hi = result.sentence
    at = result.quantity.start
    spelled = [n for n in ctx.metrics.between(lo, hi) if ctx.text[n.start : n.end] == result.metric]
    return min(spelled, key=lambda n: abs(n.start - at), default=None)


def with_modifiers(ctx: Context, results: list[ResultMatch]) -> list[ResultMatch]:
    """Each metric read from a listed name, with the words before that name that say
    what is measured: "improved deepfake detection accuracy by 39%" (the list holds
    "detection accuracy"; GUIDELINES.md, "metric names", keeps such words)."""
    named = []
    for result in results:
        mention = _mention_of(ctx, result) if result.metric else None
        if mention is not None:
            start = name_start(ctx.text, mention.start, mention.end)
            if start < mention.start:
                result = replace(result, metric=ctx.text[start : mention.end])
        named.append(result)
    return named


# The strategies that decide only on a "/" in the text (a slash list of numbers): without
# one, each returns None.
NEED_SLASH = frozenset({slash_paired.__name__})


def decide(c: Claim) -> tuple[str | None, str | None]:
    """The metric of a number and the strategy that decided it."""
    strategies = STRATEGIES if c.ctx.holds_slash else without(STRATEGIES, NEED_SLASH)
    found, by = first_hit(strategies, c)
    return found, by


__all__ = ["STRATEGIES", "NotSaid", "decide", "is_vague", "with_modifiers"]
