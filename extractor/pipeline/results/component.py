"""The result linker component: which numbers are results, and what each is attributed to.

Reads the quantities, names, method and links the earlier components found. Builds a
:class:`~extractor.pipeline.results.context.Context` per document, selects the results
(:mod:`.selection`), groups lists, decides each number's role (:mod:`.role`), metric,
benchmark and model (:mod:`.metric`, :mod:`.benchmark`, :mod:`.model`: ordered
strategies), pairs "respectively" lists (:mod:`.pairs`) and carries attribution within a
sentence (:mod:`.carry`). Writes ``doc._.paper_results`` (a list of
:class:`~extractor.pipeline.results.types.ResultMatch`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._sentences import find_sentences
from extractor.components._spans import doc_text, payload, set_payload
from extractor.components.method import MethodMatch, without_method_benchmarks
from extractor.components.names import BENCHMARK, MODEL
from extractor.components.quantities import Quantity
from extractor.pipeline.results import benchmark, carry, metric, model, pairs
from extractor.pipeline.results._cues import (
    _match_apposition_gap,
    _match_list_gap,
    _match_metric_list_gap,
    _search_arrow_before,
    _search_respectively,
)
from extractor.pipeline.results.context import Claim, Context
from extractor.pipeline.results.role import STRATEGIES as ROLE_STRATEGIES
from extractor.pipeline.results.role import RoleClaim, decide_role
from extractor.pipeline.results.selection import select
from extractor.pipeline.results.types import ResultMatch, Strategies


def _respectively_metric_list(ctx: Context, last: Quantity, q: Quantity) -> bool:
    """Numbers each with its own listed metric form one list in a "respectively" sentence:
    "91.2% accuracy and 88.0% F1 on X and Y, respectively"."""
    sentence = ctx.sentence_of(q.start)
    return (
        last.unit == q.unit
        and q.relation is None
        and last.relation is None
        and sentence[0] <= last.start
        and bool(ctx.metrics.between(last.end, q.start))
        and bool(_match_metric_list_gap(ctx.text, last.end, q.start))
        and ctx.sentence_says("respectively", sentence)
        and (found := _search_respectively(ctx.text, q.end, min(sentence[1], q.end + 200)))
        is not None
        and not ctx.number_between(q.end, found.start())
    )


def groups_of(ctx: Context, candidates: list[Quantity]) -> list[list[Quantity]]:
    """Coordinated lists ("28.35% and 8.69%") share their context."""
    text = ctx.text
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
                    and ctx.quantities[q.partner] is last
                )
                or _respectively_metric_list(ctx, last, q)
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


def _bound(text: str, q: Quantity) -> str:
    """The quantity's bound, except that an arrow before it is no "greater than": in
    "(0.083 -> 0.238)" the second value is exact."""
    if q.bound == "at_least" and _search_arrow_before(text, max(0, q.start - 8), q.start):
        return "exact"
    return q.bound


def _attribute(ctx: Context, group: list[Quantity], sentence: tuple[int, int]) -> list[ResultMatch]:
    """The results of one list of numbers."""
    text = ctx.text
    first = group[0]
    after = group[-1].end  # a cue after the list speaks for all its numbers
    last_after: int | None = after
    last_lead = first
    if len(group) > 1 and _match_apposition_gap(text, group[-2].end, group[-1].start):
        # "85.2% on Cora, 1.5% higher than GCN": the cue after the last number is
        # its own, not the list's.
        after, last_after, last_lead = group[-2].end, None, group[-1]
    paired = pairs.pair(ctx, group, sentence)
    results = []
    for index, q in enumerate(group):
        is_last = q is group[-1]
        lead = last_lead if is_last else first
        role, role_by = decide_role(
            RoleClaim(ctx, q, lead, last_after if is_last else after, sentence[0]),
            ROLE_STRATEGIES,
        )
        claim = Claim(ctx, q, group, sentence, role, index=index)
        claim.metric, metric_by = metric.decide(claim)
        found_benchmark, benchmark_by = benchmark.decide(claim)
        found_model, model_by = model.decide(claim)
        found_metric = claim.metric
        if paired:
            label, ordered, pairing = paired
            if label == BENCHMARK:
                found_benchmark, benchmark_by = ordered[index], pairing
            elif label == MODEL:
                found_model, model_by = ordered[index], pairing
            else:
                found_metric, metric_by = ordered[index], pairing
        results.append(
            ResultMatch(
                q,
                role,
                _bound(text, q),
                found_metric,
                found_benchmark,
                found_model,
                sentence,
                Strategies(role_by, metric_by, benchmark_by, model_by),
            )
        )
    return results


def link_results(ctx: Context, doc: Doc | None = None) -> list[ResultMatch]:
    """Every result of the document, attributed."""
    selection = select(ctx)
    candidates = selection.chosen
    if not candidates:
        return []
    text = ctx.text
    sentences = (
        [(s.start_char, s.end_char) for s in doc.sents]
        if doc is not None and doc.has_annotation("SENT_START")
        else find_sentences(text)
    )
    ctx.set_sentences(sentences, candidates)
    results: list[ResultMatch] = []
    for group in groups_of(ctx, candidates):
        results += _attribute(ctx, group, ctx.sentence_of(group[0].start))
    results = carry.compared_number(results, selection.compared_with)
    results = carry.parallel_change(ctx, results)
    results = carry.in_sentence(ctx, results)
    results = carry.bracketed_after_result(ctx, results)
    results = carry.compared_in_brackets_benchmark(ctx, results)
    results = carry.partner_metric(ctx, results)
    results = carry.to_end_metric(ctx, results)
    results = carry.coordinated_metric(ctx, results)
    results = carry.elliptic_clause_metric(ctx, results)
    results = carry.parallel_clause_metric(ctx, results)
    results = carry.sole_metric_of_unit(ctx, results)
    results = carry.bracketed_after_name_metric(ctx, results)
    results = carry.closing_benchmark(ctx, results)
    results = carry.cost_has_no_benchmark(results)
    return metric.with_modifiers(ctx, results)


def context_of(doc: Doc) -> Context:
    """The evidence the earlier components stored on ``doc``, as a :class:`Context`."""
    quantities: list[Quantity] = payload(doc, "paper_quantities") or []
    text = doc_text(doc)
    method: MethodMatch | None = payload(doc, "paper_method")
    names = without_method_benchmarks(text, payload(doc, "paper_names") or [], method)
    links = payload(doc, "paper_links") or []
    return Context.build(
        text, quantities, names, method, [(link.start, link.end) for link in links]
    )


class ResultLinker:
    """spaCy component: turn quantities into attributed results."""

    def __init__(self, nlp: Language, name: str = "paper_results") -> None:
        self.name = name
        if not Doc.has_extension("paper_results"):
            Doc.set_extension("paper_results", default=None)

    def __call__(self, doc: Doc) -> Doc:
        set_payload(doc, "paper_results", self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[ResultMatch]:
        """The results of ``doc``, from what the earlier components stored on it."""
        return link_results(context_of(doc), doc)


@Language.factory(
    "paper_results",
    requires=requires("paper_results"),
    assigns=assigns("paper_results"),
)
def make_result_linker(nlp: Language, name: str) -> ResultLinker:
    """Create the result linker (``nlp.add_pipe("paper_results")``)."""
    check_upstream(nlp, "paper_results")
    return ResultLinker(nlp, name)
