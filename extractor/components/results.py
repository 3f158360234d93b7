"""Decide which numbers are reported results and attach role, metric, benchmark, model.

Reads the quantities, names and method the earlier components found, and the sentences.
A number is a result when its unit says so ("%", "points", "x" with a speed or size
cue) or a metric name stands beside it ("BLEU of 32.1", "7.55 MT-Bench"); sizes, counts,
years, versions, resolutions and data amounts used as a condition ("with only 3.3% of
the labels") are not. Writes ``doc._.paper_results`` (a list of :class:`ResultMatch`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components._frozen import quick_init
from extractor.components._result_cues import (
    _COMPARATIVE_METRICS,
    _RESULT_UNITS,
    _TIME_UNITS,
    _VAGUE_WHATS,
    _joins_after,
    _match_apposition_gap,
    _match_baseline_close,
    _match_benchmark_parts_preposition,
    _match_benchmark_preposition,
    _match_bracket_list,
    _match_bracketed_benchmark,
    _match_change_in,
    _match_comparative_metric,
    _match_compared_gap,
    _match_condition_after,
    _match_coordinated_results,
    _match_count_of_parts,
    _match_factor_cue,
    _match_for_name,
    _match_host_after,
    _match_host_close,
    _match_improvement_after,
    _match_in_metric,
    _match_items_after,
    _match_list_gap,
    _match_list_on,
    _match_margin_after,
    _match_metric_phrase_after,
    _match_name_list_gap,
    _match_number_on,
    _match_on_hardware,
    _match_own_benchmark,
    _match_own_metric,
    _match_plain_list_gap,
    _match_possessive_gap,
    _match_score_close,
    _match_share_of_performance,
    _match_speedup_noun,
    _match_subject_verb,
    _match_time_metric,
    _search_baseline_before,
    _search_bracketed_host,
    _search_change_of,
    _search_change_verb,
    _search_changed_by,
    _search_claimed,
    _search_compared,
    _search_compared_clause,
    _search_comparison_word,
    _search_condition_before,
    _search_cost_metric,
    _search_evaluated_on_before,
    _search_evaluation_setting,
    _search_factor_before,
    _search_host_before,
    _search_human_study,
    _search_improvement_before,
    _search_item_condition_before,
    _search_metric_link_before,
    _search_metric_phrase_before,
    _search_new_subject,
    _search_other_setting,
    _search_range_cue,
    _search_respectively,
    _search_score_of,
    _search_setting,
    _search_trained_on,
)
from extractor.components._sentences import find_sentences
from extractor.components._spans import doc_text, payload, set_payload
from extractor.components.method import MethodMatch
from extractor.components.names import BENCHMARK, METRIC, MODEL, NameMatch
from extractor.components.quantities import Quantity
from extractor.gazetteers import load_gazetteer

_METRICS = load_gazetteer("metrics")


@quick_init
@dataclass(frozen=True, slots=True)
class ResultMatch:
    """A quantity that is a reported result, with its role and attribution."""

    quantity: Quantity
    role: str
    bound: str
    metric: str | None
    benchmark: str | None
    model: str | None
    sentence: tuple[int, int]


def _is_vague(phrase: str) -> bool:
    """Whether a change names nothing measurable: "performance", "overall efficiency",
    but not "energy efficiency" (a vague head made specific by what it is of)."""
    *modifiers, head = phrase.lower().split()
    if head not in _VAGUE_WHATS:
        return False
    return head not in _SPECIFIABLE or all(w in _VAGUE_MODIFIERS for w in modifiers)


_SPECIFIABLE = {"efficiency", "quality"}  # "energy efficiency", "image quality"
_VAGUE_MODIFIERS = {"overall", "general", "model", "generation", "downstream", "task"}


def _changed_quantity(text: str, start: int, end: int) -> str | None:
    """What a change is in, when no listed metric is: "a 19.5% increase in conversational
    abilities", "reduces response length by 28%"."""
    after = _match_change_in(text, end)
    phrase: str | None = after.group("what") if after else None
    if phrase is None:
        before = _search_changed_by(text, max(0, start - 120), start)
        phrase = before.group("what") if before else None
    if phrase is None or _is_vague(phrase):
        return None
    return phrase


def _metric_phrase(text: str, start: int, end: int) -> str | None:
    """A metric written as a noun phrase right after or before the number."""
    after = _match_metric_phrase_after(text, end)
    if after:
        phrase: str = after.group("what")
        return phrase
    before = _search_metric_phrase_before(text, max(0, start - 60), start)
    if before is None or before.group("what").lower() in _SCORE_VERBS:
        return None  # "Mistral-7B scores 62.5": a verb, not a metric
    head = before.group("what").rsplit(None, 1)[-1].lower()
    if head in _SCORE_VERBS and not text[before.end("what") : start].strip():
        return None  # "FooNet scores 7.55", "the model scored 41.2": still the verb
    phrase = before.group("what")
    return phrase


_SCORE_VERBS = {"scores", "scored"}
# Units of scores on a benchmark (a bare number is a score too).
_SCORE_UNITS = {"%", "points", "dB", "FPS", None}
# Units of a gain over a score, which shares the score's metric ("+5.3%", "2.1 points").
_METRIC_CARRY_UNITS = {"%", "points", None}
_search_and_or = regex.compile(r"\b(?:and|or)\b").search


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


def _metric_id(metric: str) -> str:
    """The listed id of a metric's spelling ("area under the curve" -> "AUC"), else itself."""
    entry = _METRICS.entry(metric) or _METRICS.entry(metric.lower())
    return entry.id if entry else metric


_search_name_colon = regex.compile(r"\s?[:=]\s?\Z").search
_search_sentence_break = regex.compile(r"[.!?]\s+(?=\p{Lu})").search
_search_clause_change = regex.compile(r"\b(?:while|whereas|but)\b|;").search


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
    return replace(result, metric=next(iter(only))) if len(only) == 1 else result


# Units that say two numbers measure the same thing (a bare number says nothing).
_SAME_UNIT_CARRY = {"%", "points", "dB"}


def _model_aside(text: str, end: int, names: Sequence[NameMatch]) -> NameMatch | None:
    """The model named alone in brackets right after a number: "86.1% (LLaVA)"."""
    if text[end : end + 2] != " (":
        return None
    return next(
        (
            n
            for n in names
            if n.label == MODEL and n.start == end + 2 and text[n.end : n.end + 1] == ")"
        ),
        None,
    )


def _is_number_aside(text: str, name: NameMatch) -> bool:
    """Whether a name stands alone in brackets right after a number: "86.1% (LLaVA)"."""
    return (
        text[name.start - 2 : name.start] == " ("
        and text[name.end : name.end + 1] == ")"
        and (text[name.start - 3 : name.start - 2].isdigit() or text[name.start - 3] == "%")
    )


def _is_list_marker(text: str, q: Quantity) -> bool:
    """A whole number in brackets that opens an item of a list: "(1) ..., and (2) ..."."""
    if "." in q.text or text[q.start - 1 : q.start] != "(" or text[q.end : q.end + 1] != ")":
        return False
    return bool(_match_marker_before(text[max(0, q.start - 6) : q.start - 1]))


_match_marker_before = regex.compile(r"(?:\A|.*(?:[:;,.]|\band|\bor))\s*\Z", regex.DOTALL).match


def _is_training_set(text: str, name: NameMatch) -> bool:
    """Whether a benchmark is named as training data: "trained on X", "fine-tuning Y on X"."""
    return bool(_search_trained_on(text, max(0, name.start - 50), name.start))


def _on_parts_of(text: str, g_end: int, name: NameMatch) -> bool:
    """Whether the number is reported on counted parts of a benchmark: "by 14% on 9 D4RL
    tasks", "across a variety of Atari games"."""
    return bool(_match_benchmark_parts_preposition(text[g_end : name.start])) and bool(
        _match_count_of_parts(text, name.end)
    )


class _NameIndex:
    """Names sorted by start, for window look-ups that stay cheap in long texts."""

    def __init__(self, names: Sequence[NameMatch]) -> None:
        self.names = sorted(names, key=lambda n: n.start)
        self.starts = [n.start for n in self.names]

    def between(self, lo: int, hi: int) -> list[NameMatch]:
        """Names starting in ``[lo, hi)``."""
        return self.names[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


# How far from a number its names may stand (characters), bounding the work per number.
_WINDOW_BEFORE, _WINDOW_AFTER = 200, 200


def _is_condition(text: str, q: Quantity) -> bool:
    after = text[q.end : q.end + 60]
    if _match_share_of_performance(after):
        return False
    before = bool(_search_condition_before(text, max(0, q.start - 40), q.start))
    if _match_items_after(after):
        return bool(_search_item_condition_before(text, max(0, q.start - 40), q.start))
    return bool(_match_condition_after(after)) and (q.unit == "%" or before)


def _has_setting(text: str, names: Sequence[NameMatch], lo: int, hi: int | None = None) -> bool:
    """Whether the sentence from ``lo`` places all its numbers on a benchmark: "Evaluated
    on X, ...", "On X, ..." (then even a speed on hardware is reported on X)."""
    return any(
        n.label == BENCHMARK
        and lo <= n.start
        and (hi is None or n.end <= hi)
        and bool(_search_setting(text[max(lo, n.start - 40) : n.start]))
        for n in names
    )


def _sole_evaluation_benchmark(text: str, names: Sequence[NameMatch]) -> NameMatch | None:
    """The one benchmark a paper names, when it is first named as where it is evaluated
    ("Experiments on X", "on the X corpus"); None for several benchmarks or another use
    ("trained with X")."""
    benchmarks = [n for n in names if n.label == BENCHMARK]
    if not benchmarks or len({n.key for n in benchmarks}) != 1:
        return None
    first = min(benchmarks, key=lambda n: n.start)
    window = max(0, first.start - 60)
    if _search_evaluation_setting(text, window, first.start) or _search_evaluated_on_before(
        text, window, first.start
    ):
        return first
    return None


class ResultLinker:
    """spaCy component: turn quantities into attributed results."""

    def __init__(self, nlp: Language, name: str = "paper_results") -> None:
        self.name = name
        self._benchmark_starts: set[int] = set()
        self._benchmark_ends: dict[int, NameMatch] = {}
        self._number_starts: list[int] = []
        self._method_starts: list[int] = []
        self._method_is_benchmark = False
        self._evaluated_on: NameMatch | None = None
        self._evaluated_on_next = -1  # where the sentence after the setting starts
        self._sole_benchmark: NameMatch | None = None
        self._result_starts: list[int] = []
        self._quantities: list[Quantity] = []
        self._method_name: str | None = None
        if not Doc.has_extension("paper_results"):
            Doc.set_extension("paper_results", default=None)

    def __call__(self, doc: Doc) -> Doc:
        set_payload(doc, "paper_results", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[ResultMatch]:
        text = doc_text(doc)
        quantities: list[Quantity] = payload(doc, "paper_quantities") or []
        names: list[NameMatch] = payload(doc, "paper_names") or []
        method: MethodMatch | None = payload(doc, "paper_method")
        links = payload(doc, "paper_links")
        blocked = [(n.start, n.end) for n in names if n.label in (MODEL, BENCHMARK)]
        blocked += [(link.start, link.end) for link in links or []]
        if method:
            blocked += list(method.mentions)
        covered = bytearray(len(text) + 1)  # characters inside a name or URL
        for start, end in blocked:
            covered[start:end] = b"\x01" * (end - start)
        name_index = _NameIndex(names)
        metrics = _NameIndex([n for n in names if n.label == METRIC])
        self._benchmark_starts = {n.start for n in names if n.label == BENCHMARK}
        self._benchmark_ends = {n.end: n for n in names if n.label == BENCHMARK}
        kept = [q for q in quantities if not any(covered[q.start : q.end])]
        self._method_starts = [s for s, _ in method.mentions] if method else []
        self._method_name = method.name if method else None
        self._method_is_benchmark = method is not None and any(
            n.label == BENCHMARK and text[n.start : n.end] in (method.name, *method.aliases)
            for n in names
        )
        self._number_starts = [q.start for q in kept if q.kind in ("measure", "number")]
        chosen = {id(q) for q in kept if self._is_result(text, q, metrics)}
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
            if q.partner is not None and id(quantities[q.partner]) in chosen:
                chosen.add(id(q))
        for previous, q in pairwise(kept):
            if (
                id(previous) in chosen
                and q.unit == previous.unit
                and q.kind == previous.kind
                and _match_list_gap(text[previous.end : q.start])
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
                and _match_plain_list_gap(text[previous.end : q.start])
            ):
                chosen.add(id(previous))
        candidates = [q for q in kept if id(q) in chosen]
        if not candidates:
            return []
        self._result_starts = [q.start for q in candidates]
        self._quantities = quantities
        sentences = (
            [(s.start_char, s.end_char) for s in doc.sents]
            if doc.has_annotation("SENT_START")
            else find_sentences(text)
        )
        starts = [s for s, _ in sentences]
        self._evaluated_on, self._evaluated_on_next = self._evaluation_benchmark(
            text, names, sentences, starts
        )
        self._sole_benchmark = _sole_evaluation_benchmark(text, names)
        groups = self._groups(text, candidates)
        results = []
        for group in groups:
            first = group[0]
            sentence = sentences[max(0, bisect_right(starts, first.start) - 1)]
            role = self._role(text, first, quantities, after=group[-1].end)
            last_role = role
            if len(group) > 1 and _match_apposition_gap(text, group[-2].end, group[-1].start):
                # "85.2% on Cora, 1.5% higher than GCN": the cue after the last number is
                # its own, not the list's.
                role = self._role(text, first, quantities, after=group[-2].end)
                last_role = self._role(text, group[-1], quantities)
            paired = self._respectively(text, group, name_index, sentence)
            for index, q in enumerate(group):
                q_role = last_role if q is group[-1] else role
                if q.relation == "from":
                    q_role = "baseline"
                elif q.relation == "to":
                    q_role = "result"
                elif q.relation == "range_high" and q.partner is not None:
                    q_role = self._role(text, quantities[q.partner], quantities)
                if not q.signed and self._bracketed_after_comparison(text, q, sentence[0]):
                    # "surpassing Llama-3.1-8B (70.1%)", "over YaRN (44.1)"; a signed number
                    # is a change, not a compared score ("over X on GSM8K (+4.2%)")
                    q_role = "baseline"
                metric, benchmark, model = self._attribute(
                    text, q, group, name_index, method, sentence, q_role
                )
                if paired:
                    label, ordered = paired
                    if label == BENCHMARK:
                        benchmark = ordered[index]
                    elif label == MODEL:
                        model = ordered[index]
                    else:
                        metric = ordered[index]
                results.append(ResultMatch(q, q_role, q.bound, metric, benchmark, model, sentence))
        if compared_with:  # the compared number is in its result's measure
            metric_at = {r.quantity.start: r.metric for r in results}
            results = [
                replace(r, metric=metric_at.get(compared_with[r.quantity.start].start))
                if r.quantity.start in compared_with
                else r
                for r in results
            ]
        results = self._carry_in_sentence(text, results, names)
        # Parameters, MACs, FLOPs, model size, memory: a cost of the model, not a score on
        # data, so no benchmark even when the sentence names one.
        return [
            replace(r, benchmark=None)
            if r.benchmark is not None and r.metric is not None and _search_cost_metric(r.metric)
            else r
            for r in results
        ]

    @staticmethod
    def _carry_in_sentence(
        text: str, results: list[ResultMatch], names: Sequence[NameMatch]
    ) -> list[ResultMatch]:
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
        if all(r.metric is not None and r.benchmark is not None for r in results):
            return results
        donors = [
            r for r in results if r.metric is not None and r.quantity.unit in _METRIC_CARRY_UNITS
        ]
        results = [
            replace(r, metric=next(iter(only)))
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
                    and not _is_training_set(text, n)
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
                and r.quantity.unit in _SCORE_UNITS
                and not (
                    _match_on_hardware(text, r.quantity.end, r.sentence[1])
                    and not _has_setting(text, names, r.sentence[0], r.sentence[1])
                )
                and not _search_human_study(text, *r.sentence)
            ):
                r = replace(r, benchmark=next(iter(only)))
            carried.append(r)
        return carried

    def _is_result(self, text: str, q: Quantity, metrics: _NameIndex) -> bool:
        if q.kind in ("size", "dimension", "year"):
            return False
        after = text[q.end : q.end + 40]
        before_start = max(0, q.start - 40)
        if q.unit in _RESULT_UNITS:
            return not _is_condition(text, q)
        if q.unit == "x":  # "3x faster", "a speed-up of 3x", "cuts latency by 3.4x"
            return (
                bool(_match_factor_cue(after))
                or bool(_search_factor_before(text, before_start, q.start))
                or bool(_search_improvement_before(text, before_start, q.start))
            )
        if q.unit is not None:  # seconds, GB: only as a saving or speed-up ...
            # ... or a time measured as latency: "at 40 ms latency", "20 ms per token".
            return bool(_match_factor_cue(after)) or (
                q.unit.lower() in _TIME_UNITS and bool(_match_time_metric(after))
            )
        if _is_list_marker(text, q):
            return False  # "(1) hypervolume-guided weight adaptation and (2) ..."
        if _search_score_of(text, before_start, q.start):
            return True
        if q.signed and _search_improvement_before(text, before_start, q.start):
            return True  # "gains of up to +16.1", "improves it by +2.3": a signed change
        if q.relation == "from" and _search_change_verb(text, max(0, q.start - 100), q.start):
            return True
        if _search_baseline_before(text, before_start, q.start) and _match_for_name(text, q.end):
            return True  # "compared to 77.1 for GIN"
        if (
            text[max(0, q.start - 2) : q.start] == " ("
            and text[q.end : q.end + 1] == ")"
            and "." in q.text  # "(2)" enumerates; "(44.1)" reports
            and _search_compared_clause(text, max(0, q.start - 80), q.start)
        ):
            return True  # "outperforming YaRN (44.1) and LongLoRA (42.9)"
        if self._benchmark_follows(text, q):
            return True
        if self._after_benchmark_colon(text, q):
            return True  # "(MMLU: 72.4, GSM8K: 81.0)"
        if self._decimal_change_of_metric(text, q, metrics, before_start):
            return True  # "an AUC of 0.85, an absolute improvement of 0.19"
        link = _match_in_metric(text, q.end)
        if link and metrics.between(link.end(), link.end() + 1):
            return True  # "45.1 and 0.82 in BLEU and COMET", "0.82 in terms of AUROC"
        for metric in metrics.between(q.start - 80, q.start):
            if 0 <= q.start - metric.end <= 25 and _search_metric_link_before(
                text[metric.end : q.start]
            ):
                return True
        return bool(metrics.between(q.end, q.end + 3))

    @staticmethod
    def _decimal_change_of_metric(
        text: str, q: Quantity, metrics: _NameIndex, before_start: int
    ) -> bool:
        """A bare decimal number after a change cue ("an improvement of 0.19", "surpassing
        X by 2.1") in a sentence that names a metric before it: a change in that metric.
        Whole numbers are left alone ("by 3 layers", "an increase of 2 steps")."""
        if "." not in q.text or not _search_change_of(text, max(0, q.start - 80), q.start):
            return False
        return any(
            ";" not in text[m.end : q.start] and not _search_sentence_break(text, m.end, q.start)
            for m in metrics.between(q.start - 120, q.start)
        )

    def _after_benchmark_colon(self, text: str, q: Quantity) -> bool:
        """A bare number a benchmark name introduces with a colon or "=": "MMLU: 72.4"."""
        colon = text[max(0, q.start - 3) : q.start]
        if ":" not in colon and "=" not in colon:
            return False
        link = _search_name_colon(text, max(0, q.start - 3), q.start)
        return (
            link is not None
            and link.start() in self._benchmark_ends
            and bool(_match_score_close(text, q.end))
        )

    def _result_between(self, start: int, end: int, group: list[Quantity]) -> bool:
        """Whether another result (not this group's, nor a partner's) stands in between:
        "from 5.2% to 4.1% and 2.0% on X": X is 2.0%'s."""
        own = {q.start for q in group} | self._partner_starts(group)
        i = bisect_right(self._result_starts, start)
        return any(s not in own for s in self._result_starts[i:] if s < end)

    def _partner_starts(self, group: list[Quantity]) -> set[int]:
        return {self._quantities[q.partner].start for q in group if q.partner is not None}

    def _number_between(self, start: int, end: int) -> bool:
        i = bisect_right(self._number_starts, start)
        return i < len(self._number_starts) and self._number_starts[i] < end

    def _benchmark_follows(self, text: str, q: Quantity) -> bool:
        """A bare number right before a benchmark: "7.55 MT-Bench", "7.55 on MT-Bench"."""
        match = _match_number_on(text, q.end)
        if not match or match.end() not in self._benchmark_starts:
            return False
        # "9 D4RL locomotion tasks", "3 Atari games": a count of parts of the benchmark.
        return not _match_count_of_parts(text, match.end())

    def _groups(self, text: str, candidates: list[Quantity]) -> list[list[Quantity]]:
        """Coordinated lists ("28.35% and 8.69%") share their context."""
        groups: list[list[Quantity]] = []
        for q in candidates:
            if groups:
                last = groups[-1][-1]
                if (
                    (
                        q.relation not in ("to", "range_high")
                        and last.relation not in ("from", "range_low")
                        and last.unit == q.unit
                        and _match_list_gap(text[last.end : q.start])
                    )
                    or (
                        # "from 86.1% (LLaVA) to 90.3%": partners around an aside
                        q.relation == "to"
                        and last.relation == "from"
                        and q.partner is not None
                        and self._quantities[q.partner] is last
                    )
                    or (
                        q.partner is not None
                        and groups[-1][-1].partner is not None
                        and text[last.end : q.start].strip()
                        in ("to", "-", "–", "—", "and", "versus", "vs.", "vs")
                    )
                ):
                    groups[-1].append(q)
                    continue
            groups.append([q])
        return groups

    def _role(
        self, text: str, q: Quantity, quantities: list[Quantity], after: int | None = None
    ) -> str:
        """Improvement, baseline or result, from the cues around the number.

        after: where the number's list or range ends; a cue after it ("24-28% net
        reduction", "28% and 40% lower") speaks for every number before it.
        """
        start = q.start
        end = max(q.end, after or 0)
        if q.relation == "range_low" and q.partner is not None:
            end = max(end, quantities[q.partner].end)
        if q.relation == "range_low":
            # "gains ranging from 17% to 28%": the cue stands before "ranging from".
            head = text[max(0, start - 80) : start]
            if _search_range_cue(head):
                return "improvement"
        window = text[max(0, start - 60) : start]
        if q.signed or _search_improvement_before(window):
            return "improvement"
        if (
            q.unit == "x"
            or _match_improvement_after(text[end : end + 60])
            or _match_margin_after(text, end)
        ):
            return "improvement"
        if _search_baseline_before(window):
            return "baseline"
        return "result"

    def _respectively(
        self,
        text: str,
        group: list[Quantity],
        index: _NameIndex,
        sentence: tuple[int, int],
    ) -> tuple[str, list[str]] | None:
        """Pair a list of numbers with a list of names in order ("..., respectively").

        Without "respectively", only names written as one list before the numbers pair
        ("improves SD v1.5 and SDXL's performance by 10.53% and 5.30%").
        """
        if len(group) < 2:
            return None
        lo = max(sentence[0], group[0].start - _WINDOW_BEFORE)
        hi = min(sentence[1], group[-1].end + _WINDOW_AFTER)
        if not _search_respectively(text, sentence[0], sentence[1]):
            return self._listed_before(text, group, index, lo) or self._listed_after(
                text, group, index, hi
            )

        def distinct(label: str, start: int) -> list[str]:
            # Training data is not what a list of numbers is reported on ("fine-tuning
            # M on X and validating on Y and Z ... 49.4 and 8.8, respectively").
            spelled = (
                text[n.start : n.end]
                for n in index.between(start, hi)
                if n.label == label and (label != BENCHMARK or not _is_training_set(text, n))
            )
            return list(dict.fromkeys(spelled))

        # Names after the numbers pair first ("4.7% and 15.5% on X and Y, respectively"),
        # else all names of the sentence ("X and Y reach 4.7% and 15.5%, respectively").
        for label in (BENCHMARK, MODEL, METRIC):
            for candidates in (distinct(label, group[-1].end), distinct(label, lo)):
                if len(candidates) == len(group):
                    return label, candidates
        return None

    def _benchmark(
        self,
        text: str,
        q: Quantity,
        group: list[Quantity],
        index: _NameIndex,
        in_sentence: list[NameMatch],
        nearest: Callable[[str, int, int], NameMatch | None],
        sentence: tuple[int, int],
        metric_named: bool,
    ) -> str | None:
        """The benchmark of a number: its own "on X", the group's "on X", or a near one."""
        g_start, g_end = group[0].start, group[-1].end
        sentence_start, sentence_end = sentence
        # Inside a list, a benchmark named right after this number is its own
        # ("4.04 on SpEAR and 1.46 on VPQAD").
        for n in index.between(q.end, q.end + 40):
            if n.label == BENCHMARK and _match_own_benchmark(text, q.end, n.start):
                return text[n.start : n.end]
        bracketed = self._bracketed_benchmark(text, q, index)
        if bracketed is not None:  # "54.3 AP (COCO) and 41.2 AP (LVIS)"
            return bracketed
        for n in in_sentence:
            if (
                n.label == BENCHMARK
                and n.start >= g_end
                and (
                    (
                        (
                            _match_benchmark_preposition(text[g_end : n.start])
                            or _on_parts_of(text, g_end, n)
                        )
                        and not self._result_between(g_end, n.start, group)
                    )
                    or _match_coordinated_results(text[g_end : n.start])
                )
                and not _is_training_set(text, n)
            ):
                if self._in_benchmark_list(text, n, in_sentence):
                    return None  # "by 8.9% on average across X, Y and Z": which is not said
                return text[n.start : n.end]
        if _match_on_hardware(text, g_end, sentence_end) and not _has_setting(
            text, in_sentence, sentence_start
        ):
            return None  # "132/119 FPS on the 2080ti GPU": measured on hardware
        near = nearest(BENCHMARK, 0, 3) or nearest(BENCHMARK, 160, 80)
        if near and _is_training_set(text, near):
            near = None  # "Models trained on LAION-400M reach 71.2%": not measured there
        if near and near.end <= g_start:
            if _search_claimed(text, max(0, near.start - 40), near.start):
                near = None  # "7.55 on MT-Bench and BLEU of 32.1": MT-Bench is 7.55's
            elif self._in_benchmark_list(text, near, in_sentence):
                return None  # "On ImageNet-100 and ImageNet-1K, ...": which one is not said
        if near:
            return text[near.start : near.end]
        # "Evaluated on X, ours achieves 55.3% ... and 35.6% ...": the sentence's setting.
        before = index.between(sentence_start, g_start)
        setting = next(
            (
                n
                for n in before
                if n.label == BENCHMARK
                and n.end <= g_start
                and _search_setting(text[max(sentence_start, n.start - 40) : n.start])
                and not self._in_benchmark_list(text, n, before)
            ),
            None,
        )
        if setting:
            return text[setting.start : setting.end]
        evaluated_on = self._evaluated_on
        if (
            evaluated_on is not None
            and sentence_start == self._evaluated_on_next
            and metric_named
            and not _search_human_study(text, sentence_start, sentence_end)
        ):
            # "We evaluate on X. Our model reaches 85.4% pass@1": the setting sentence's
            # results are in the sentence right after it.
            return text[evaluated_on.start : evaluated_on.end]
        sole = self._sole_benchmark
        if (
            sole is not None
            and sole.end <= g_start
            and metric_named
            and q.unit in _SCORE_UNITS
            and not any(n.label == BENCHMARK for n in index.between(sentence_start, sentence_end))
            and not _search_other_setting(text, sentence_start, sentence_end)
            and not _search_human_study(text, sentence_start, sentence_end)
        ):
            # "Experiments on X show ... . Later, FooNet is 2.2% more accurate than Y": a
            # paper evaluated on one benchmark reports its scores on it.
            return text[sole.start : sole.end]
        if (
            self._method_is_benchmark
            and self._method_name
            and not any(n.label == BENCHMARK and _is_training_set(text, n) for n in in_sentence)
            and not any(
                _search_trained_on(text, max(0, start - 50), start)
                for start in self._method_starts
                if sentence_start <= start < sentence_end
            )
        ):
            # A benchmark paper's numbers are on its own benchmark unless another is named
            # (or the sentence names the data it trains on: "fine-tuning M with X leads to").
            return self._method_name
        return None

    def _evaluation_benchmark(
        self,
        text: str,
        names: Sequence[NameMatch],
        sentences: list[tuple[int, int]],
        starts: list[int],
    ) -> tuple[NameMatch | None, int]:
        """The benchmark a paper is evaluated on and where the next sentence starts.

        Only when the paper names exactly one benchmark, first as the setting of its
        experiments ("We evaluate on X."), in a sentence that reports no result itself.
        """
        benchmarks = [n for n in names if n.label == BENCHMARK]
        if not benchmarks or len({n.key for n in benchmarks}) != 1:
            return None, -1
        first = benchmarks[0]
        if not _search_evaluation_setting(text, max(0, first.start - 60), first.start):
            return None, -1
        i = max(0, bisect_right(starts, first.start) - 1)
        start, end = sentences[i]
        if i + 1 >= len(sentences) or any(start <= s < end for s in self._result_starts):
            return None, -1
        return first, sentences[i + 1][0]

    @staticmethod
    def _in_benchmark_list(text: str, name: NameMatch, in_sentence: list[NameMatch]) -> bool:
        """Whether ``name`` is one of several benchmarks joined by "and" or commas."""
        return any(
            other.label == BENCHMARK
            and other is not name
            and _match_name_list_gap(text[min(other.end, name.end) : max(other.start, name.start)])
            for other in in_sentence
        )

    @staticmethod
    def _bracketed_benchmark(text: str, q: Quantity, index: _NameIndex) -> str | None:
        """A benchmark written in brackets right after the number: "54.3 AP (COCO)"."""
        opening = text.find("(", q.end, q.end + 40)
        if opening < 0:
            return None
        for n in index.between(opening, opening + 12):
            if (
                n.label == BENCHMARK
                and text[n.end : n.end + 1] == ")"
                and _match_bracketed_benchmark(text, q.end, n.start)
            ):
                return text[n.start : n.end]
        return None

    def _listed_after(
        self, text: str, group: list[Quantity], index: _NameIndex, hi: int
    ) -> tuple[str, list[str]] | None:
        """Benchmarks written as one list right after a list of as many numbers pair with
        them in order: "2.0% and 4.1% on test-clean and test-other"."""
        g_end = group[-1].end
        names = [n for n in index.between(g_end, hi) if n.label == BENCHMARK][: len(group) + 1]
        if len(names) > len(group):  # "on X, Y and Z" after two numbers: which is not said
            last, extra = names[len(group) - 1], names.pop()
            if _match_name_list_gap(text[last.end : extra.start]):
                return None
        if len(names) != len(group) or not _match_list_on(text, g_end, names[0].start):
            return None
        if self._number_between(g_end, names[-1].start):
            return None
        if not all(_match_name_list_gap(text[a.end : b.start]) for a, b in pairwise(names)):
            return None
        return BENCHMARK, [text[n.start : n.end] for n in names]

    def _listed_before(
        self, text: str, group: list[Quantity], index: _NameIndex, lo: int
    ) -> tuple[str, list[str]] | None:
        for label in (MODEL, BENCHMARK):
            names = [n for n in index.between(lo, group[0].start) if n.label == label]
            if len(names) != len(group):
                continue
            gaps = [text[a.end : b.start] for a, b in pairwise(names)]
            if all(_match_name_list_gap(gap) for gap in gaps):
                return label, [text[n.start : n.end] for n in names]
        return None

    def _attribute(
        self,
        text: str,
        q: Quantity,
        group: list[Quantity],
        index: _NameIndex,
        method: MethodMatch | None,
        sentence: tuple[int, int],
        role: str,
    ) -> tuple[str | None, str | None, str | None]:
        """The metric, benchmark and model of a number, from names near it in its sentence."""
        g_start, g_end = group[0].start, group[-1].end
        lo = max(sentence[0], g_start - _WINDOW_BEFORE)
        hi = min(sentence[1], g_end + _WINDOW_AFTER)
        in_sentence = index.between(lo, hi)

        def nearest(label: str, before: int, after: int) -> NameMatch | None:
            best: tuple[int, NameMatch] | None = None
            for n in in_sentence:
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
                        or self._number_between(n.end, g_start)
                    ):
                        continue
                else:
                    continue
                if best is None or gap < best[0]:
                    best = (gap, n)
            return best[1] if best else None

        # A metric right after the number ("85.7% top-1 accuracy") wins; else the nearest
        # one before it in the sentence ("an F1 score above 80%").
        metric_match = nearest(METRIC, 0, 40)
        if metric_match is None and group[0].unit in ("%", "points", "dB", None):
            # Factors and times ("3x faster") measure speed or size, not the metric
            # named earlier in the sentence.
            metric_match = nearest(METRIC, 120, 0)
        if (
            metric_match is not None
            and text[max(0, metric_match.start - 2) : metric_match.start] == " ("
        ):
            # "attack success rate (ASR) of 70%": the spelled-out name before the acronym.
            spelled = next(
                (n for n in in_sentence if n.label == METRIC and n.end == metric_match.start - 2),
                None,
            )
            metric_match = spelled or metric_match
        own_metric = self._own_metric(text, q, group, in_sentence)
        if own_metric is not None:  # "50% in exact match and 47% in F1": each its own
            metric_match = own_metric
        metric = text[metric_match.start : metric_match.end] if metric_match else None
        if (
            metric_match is not None
            and metric_match.end <= g_start
            and "by " in text[max(0, g_start - 30) : g_start]
        ):
            # "higher success rates and improve sample efficiency by 19%": the thing
            # changed "by" the number is nearer than the metric named before it.
            changed = _search_changed_by(text, max(0, g_start - 120), g_start)
            if (
                changed
                and changed.start("what") >= metric_match.end
                and not _is_vague(changed.group("what"))
            ):
                metric = changed.group("what")
        if metric_match is not None and metric_match.end <= g_start:
            # "a 3.1% increase in recall and a 2.2% decrease in false alarms": what the
            # number's own change is in is nearer than the metric named before it.
            own_change = _match_change_in(text, g_end)
            if own_change is not None and not _is_vague(own_change.group("what")):
                metric = own_change.group("what")
        if metric is None:
            metric = _changed_quantity(text, group[0].start, group[-1].end)
        if metric is None:
            metric = _metric_phrase(text, group[0].start, q.end)
        if metric is None and (comparative := _match_comparative_metric(text, group[-1].end)):
            metric = _COMPARATIVE_METRICS[comparative.group("adj").lower()]
        if metric is None and q.unit == "x" and (speedup := _match_speedup_noun(text, g_end)):
            metric = speedup.group("what")  # "3.3x training acceleration"

        benchmark = self._benchmark(
            text, q, group, index, in_sentence, nearest, sentence, metric is not None
        )

        return metric, benchmark, self._model(text, q, group, in_sentence, method, lo, role)

    @staticmethod
    def _own_metric(
        text: str, q: Quantity, group: list[Quantity], in_sentence: list[NameMatch]
    ) -> NameMatch | None:
        """Inside a list, the metric named right after this number ("78.5% in accuracy
        and 66.1% in macro-F1"); the last number of the list takes the group's."""
        if q is group[-1]:
            return None
        next_start = group[group.index(q) + 1].start
        return next(
            (
                n
                for n in in_sentence
                if n.label == METRIC
                and q.end < n.start < next_start
                and _match_own_metric(text, q.end, n.start)
            ),
            None,
        )

    @staticmethod
    def _bracketed_after_comparison(text: str, q: Quantity, lo: int) -> bool:
        """Whether the number stands in brackets after a name being compared against."""
        opening = text.rfind("(", max(lo, q.start - 60), q.start)
        return (
            opening > lo
            and bool(_match_bracket_list(text, opening + 1, q.start))
            and ")" in text[q.end : q.end + 60]
            and bool(_search_compared_clause(text, max(lo, opening - 80), opening))
        )

    @staticmethod
    def _parenthesised_after(
        text: str, q: Quantity, names: Sequence[NameMatch]
    ) -> NameMatch | None:
        """The model a number stands in brackets after: "IQL (71.2)", "GPT-4 (65.2%)",
        "Llama-3.1-8B (70.1% and 30.2%, respectively)"."""
        opening = text.rfind("(", max(0, q.start - 60), q.start)
        if opening < 1 or text[opening - 1] != " " or ")" in text[opening : q.start]:
            return None
        if ")" not in text[q.end : q.end + 60]:
            return None
        return next((n for n in names if n.label == MODEL and n.end == opening - 1), None)

    @staticmethod
    def _compared_names(
        text: str, spans: list[tuple[int, int]], lo: int
    ) -> dict[tuple[int, int], bool]:
        """Whether each name is compared against or only used ("built on X and Y"); a name
        listed after another ("X and Y") shares the first one's standing."""
        chains: list[list[tuple[int, int]]] = []
        for span in spans:
            if chains and _match_name_list_gap(text[chains[-1][-1][1] : span[0]]):
                chains[-1].append(span)
            else:
                chains.append([span])
        compared: dict[tuple[int, int], bool] = {}
        for chain in chains:
            # "On X, Y achieves": a comma alone does not make a list; "X, Y and Z" does.
            closed = len(chain) > 1 and _search_and_or(text, chain[-2][1], chain[-1][0])
            for start, end in chain:
                first = chain[0][0] if closed else start
                compared[(start, end)] = bool(_search_compared(text, max(lo, first - 60), first))
        return compared

    @staticmethod
    def _possessive_owner(
        text: str, group: list[Quantity], in_sentence: Sequence[NameMatch]
    ) -> str | None:
        """The model a number's group is written as belonging to: "YOLOv8n's 36.4% mAP
        and 13.9% AP", "GPT-4's reported 65.2%"."""
        g_start = group[0].start
        lo = max(0, g_start - 24)
        mark = max(text.rfind("'s", lo, g_start), text.rfind("’s", lo, g_start))
        if mark < 1:
            return None
        owner = next((n for n in in_sentence if n.label == MODEL and n.end == mark), None)
        if owner is None or not _match_possessive_gap(text, mark, g_start):
            return None
        return text[owner.start : owner.end]

    def _model(
        self,
        text: str,
        q: Quantity,
        group: list[Quantity],
        in_sentence: list[NameMatch],
        method: MethodMatch | None,
        lo: int,
        role: str,
    ) -> str | None:
        """The system a number belongs to: a model or the paper's method named before it.

        A name in subject position ("Bone achieved", "RCP can compress") wins over a
        nearer object; names being compared against ("outperforms CLIP and ALIGN by")
        belong to baselines. A baseline of "from A to B" shares its result's system.
        """
        g_start = group[0].start
        own = self._parenthesised_after(text, q, in_sentence)
        if own is not None:  # "IQL (71.2)": the number is that model's
            return text[own.start : own.end]
        aside = _model_aside(text, q.end, in_sentence)
        if aside is not None:  # "from 86.1% (LLaVA) to 90.3%": the aside names 86.1%'s
            return text[aside.start : aside.end]
        owner = self._possessive_owner(text, group, in_sentence)
        if owner is not None:  # "YOLOv8n's 36.4% mAP": the number is that model's
            return owner
        if self._bracketed_after_comparison(text, q, lo):
            return None  # "over YaRN (44.1)": a compared system no list names
        if role == "baseline":  # "compared with 2.5% for Whisper large-v3"
            after = _match_for_name(text, q.end)
            named = after and next(
                (n for n in in_sentence if n.label == MODEL and n.start == after.end()), None
            )
            if named:
                return text[named.start : named.end]
        candidates = [
            (n.start, n.end)
            for n in in_sentence
            if n.label == MODEL and n.end <= g_start and not _is_number_aside(text, n)
        ]
        if method and not self._method_is_benchmark:
            candidates += [(s, e) for s, e in method.mentions if lo <= s and e <= g_start]
        wanted_compared = role == "baseline" and q.relation != "from"
        compared = self._compared_names(text, sorted(candidates), lo)
        chosen = [
            (s, e)
            for s, e in sorted(candidates, reverse=True)
            if compared[(s, e)] == wanted_compared and not _search_new_subject(text, e, g_start)
        ]
        host_after = self._host_after(text, q, in_sentence)
        if host_after is not None and not wanted_compared:  # "3.2 speedup on FooLM-7B"
            return host_after
        if not chosen:
            return None if wanted_compared else self._host_before(text, g_start, in_sentence, lo)
        subject = next(((s, e) for s, e in chosen if _match_subject_verb(text, e)), chosen[0])
        start, end = subject
        is_model_mention = any(
            n.start == start and n.end == end and n.label == MODEL for n in in_sentence
        )
        if method and (start, end) in method.mentions and not is_model_mention:
            # "On M, FooPrune keeps 97%": the method applied to a named model is that
            # model's number (the record's method says what was applied).
            host = None if wanted_compared else self._host_before(text, g_start, in_sentence, lo)
            return host or method.name
        return text[start:end]

    @staticmethod
    def _is_host(text: str, name: NameMatch, lo: int) -> bool:
        """Whether a model is named as what a method is applied to or measured on: "On M,",
        "applied to M", "the perplexity of M", "quantize M", "FooTune (M)"."""
        if not _match_host_close(text, name.end):
            return False
        if text[name.start - 1 : name.start] == "(" and text[name.end : name.end + 1] == ")":
            return bool(_search_bracketed_host(text, max(lo, name.start - 12), name.start)) or (
                bool(_match_subject_verb(text, name.start - 2))
                and text[name.start - 3 : name.start - 2].isalnum()
            )
        # From the sentence before, too: "... . On M, X reaches"
        return bool(_search_host_before(text, max(0, name.start - 60), name.start))

    def _host_before(
        self, text: str, g_start: int, in_sentence: list[NameMatch], lo: int
    ) -> str | None:
        """The nearest model before the number, in its clause, that the method was applied
        to or measured on, unless it is compared against ("than M", "over M")."""
        for n in reversed(in_sentence):
            if n.label != MODEL or n.end > g_start or n.start < lo:
                continue
            if (
                _search_clause_change(text, n.end, g_start)
                or ";" in text[n.end : g_start]
                or _search_comparison_word(text, n.end, g_start)
            ):
                return None
            if _search_compared_clause(text, max(lo, n.start - 60), n.start):
                continue  # "than M", "over M", "compared with M": a baseline's
            if self._is_host(text, n, lo):
                if self._in_model_list(text, n, in_sentence):
                    return None  # "Built on A and B, X improves ...": which one is not said
                return text[n.start : n.end]
        return None

    @staticmethod
    def _in_model_list(text: str, name: NameMatch, in_sentence: list[NameMatch]) -> bool:
        """Whether ``name`` is one of several models joined by "and", "or" or commas."""
        return any(
            other.label == MODEL
            and other is not name
            and _match_name_list_gap(text[min(other.end, name.end) : max(other.start, name.start)])
            for other in in_sentence
        )

    @staticmethod
    def _host_after(text: str, q: Quantity, in_sentence: list[NameMatch]) -> str | None:
        """A model named right after the number as what it was measured on: "3.2 speedup on
        FooLM-7B", "a 10-point gain for BarLM-8B"."""
        for n in in_sentence:
            if n.start < q.end or n.start > q.end + 40 or n.label == METRIC:
                continue  # "3.2 speedup on M": the metric may stand between
            if (
                n.label == MODEL
                and _match_host_after(text[q.end : n.start])
                and _match_host_close(text, n.end)
                and not ResultLinker._in_model_list(text, n, in_sentence)
            ):
                return text[n.start : n.end]
            return None  # only the first name after the number
        return None


@Language.factory("paper_results")
def make_result_linker(nlp: Language, name: str) -> ResultLinker:
    """Create the result linker (``nlp.add_pipe("paper_results")``)."""
    return ResultLinker(nlp, name)
