"""The library entry points: one abstract, or a stream of papers, to records.

Records come out in input order as soon as they are made, so memory stays bounded
however long the stream. Papers run in small groups, component by component, under a
short timer; a group that runs out of it is given up and its papers run one by one
(:func:`process_group`), so a slow paper holds back the ones before it for at most
``GROUP_SECONDS``. A paper the pipeline fails on, or that runs past its time budget
(``extractor._budget``), becomes an ``ErrorRecord``; the others go on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor._budget import DEFAULT_BUDGET, Budget, OverBudget
from extractor._errors import (
    BadJSONError,
    BudgetExceededError,
    ExtractionError,
    error_record,
)
from extractor._pipeline import build_pipeline
from extractor._records import doc_to_record
from extractor._text import clean
from extractor.components._spans import payload, set_payload
from extractor.sources import (
    SourceItem,
    check_abstract,
    paper_from_object,
    paper_item,
    slugify,
)
from extractor_schemas import ErrorRecord, Paper, PaperRecord

BATCH_SIZE = 64

#: Papers run together, component by component (each component then runs over several
#: Docs in a row, with its code and tables warm: about 25% faster than paper by paper).
GROUP_SIZE = 32

#: Seconds a group may take before it is given up and its papers run one by one, each
#: within its own budget (a group of normal abstracts takes about 30 ms).
GROUP_SECONDS = 0.5

PaperLike = Paper | Mapping[str, Any]


@cache
def default_pipeline() -> Language:
    """The pipeline shared by :func:`extract` and :func:`extract_many`, built once."""
    return build_pipeline(doc_spans=False)


def pipeline_for_process() -> Language:
    """The default pipeline, for a process that extracts for the rest of its life.

    Used by the CLI and by pool workers, not by the library calls: it also runs
    ``gc.freeze()``, which moves every object alive now (the pipeline's lists, matchers
    and vocab among them) out of the garbage collector's sight, so the full collections
    that a long run triggers do not walk them again each time (about 5% of the run).
    """
    nlp = default_pipeline()
    gc.freeze()
    return nlp


def _make_doc(nlp: Language, paper: Paper) -> Doc:
    text = clean(paper.abstract)
    doc = nlp.make_doc(text)
    doc.user_data["paper_text"] = text  # what doc.text would rebuild from the tokens
    set_payload(doc, "paper_title", clean(paper.title) if paper.title else None)
    return doc


def _record(doc: Doc, paper: Paper) -> PaperRecord:
    return doc_to_record(doc, id=paper.id, title=payload(doc, "paper_title"), meta=paper.meta)


def _run(nlp: Language, paper: Paper, budget: Budget) -> PaperRecord:
    """The paper's record, made within the budget (else :class:`OverBudget` is raised).

    The components are called one by one rather than through ``nlp(doc)`` so that the
    budget is also checked between them (the only check where no timer can be used).
    """

    def work() -> PaperRecord:
        doc = _make_doc(nlp, paper)
        for _name, component in nlp.pipeline:
            doc = component(doc)
            budget.check()
        return _record(doc, paper)

    return budget.run(work)


def _over_budget(budget: Budget, source: str | None, line: int | None) -> BudgetExceededError:
    return BudgetExceededError(
        f"stopped after the time budget of {budget.seconds:g} s (the paper took longer)",
        source=source,
        line=line,
    )


def extract(
    text: str,
    title: str | None = None,
    id: str | None = None,
    *,
    nlp: Language | None = None,
    budget: float | None = DEFAULT_BUDGET,
) -> PaperRecord:
    """Extract the record of one abstract.

    text (str): The abstract as written; it is cleaned first, and spans index into the
        cleaned text, which the record carries as ``text``.
    title (str | None): The paper's title; a "Name: ..." prefix names the method.
    id (str | None): The record's id; by default a slug of the title (or of the text).
    budget (float | None): Seconds the extraction may take; past them it is stopped and
        :class:`extractor.BudgetExceededError` (E302) raised. None or 0: no limit.
    RETURNS (PaperRecord): The validated record.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"extract() takes the abstract as a str, not {type(text).__name__}; "
            "pass papers as mappings or Paper objects to extract_many()"
        )
    check_abstract(text)
    paper = Paper(id=id or slugify(title or text[:80]), title=title, abstract=text)
    limit = Budget(budget)
    try:
        return _run(nlp or default_pipeline(), paper, limit)
    except OverBudget:
        raise _over_budget(limit, None, None) from None


def _as_item(paper: PaperLike, index: int) -> SourceItem:
    """A paper given to :func:`extract_many`, checked as the CLI checks a JSONL line (the
    same error codes; an error keeps the input's ``id``), its abstract's cost included
    (``check_abstract``, once)."""
    if isinstance(paper, Paper):
        return paper_item("<papers>", index, paper)  # checked as paper_from_object checks
    try:
        data = dict(paper)
    except (TypeError, ValueError):
        error = BadJSONError(
            f"expected a Paper or a mapping, got {type(paper).__name__}",
            source="<papers>",
            line=index,
        )
        return SourceItem("<papers>", index, error=error)
    return paper_from_object(data, "<papers>", index, default_id=f"paper-{index}")


def extract_many(
    papers: Iterable[PaperLike],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    budget: float | None = DEFAULT_BUDGET,
) -> Iterator[PaperRecord | ErrorRecord]:
    """Extract records from many papers, in order, streaming.

    papers (Iterable[Paper | Mapping]): ``Paper`` objects or dicts with ``abstract``
        (or ``summary``) and optional ``id`` and ``title``.
    batch_size (int): Papers sent to a worker at a time; in one process, papers run
        together in groups of at most this many (and ``GROUP_SIZE``); 1: one by one.
    workers (int): Processes to extract with; output order is kept either way.
    budget (float | None): Seconds one paper may take; a paper stopped at that point
        becomes an error record (E302) and the others go on. None or 0: no limit.
    RETURNS (Iterator[PaperRecord | ErrorRecord]): One output per paper, in input order.
    """
    items = (_as_item(paper, i) for i, paper in enumerate(papers, start=1))
    return process_items(items, nlp=nlp, batch_size=batch_size, workers=workers, budget=budget)


def process_items(
    items: Iterable[SourceItem],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    budget: float | None = DEFAULT_BUDGET,
) -> Iterator[PaperRecord | ErrorRecord]:
    """Records for source items, in order; input errors pass through as error records.

    Items are expected to be bounded already (``extractor.sources`` and ``extract_many``
    check each abstract with ``check_abstract``), so no abstract is split twice. With
    ``workers`` above 1 the batches run on a process pool (``extractor._parallel``);
    either way each record comes out as soon as it and the ones before it are made.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    limit = Budget(budget)  # checks the number before any work starts
    if workers > 1:
        if nlp is not None:
            raise ValueError("a pipeline of your own runs in one process: use workers=1")
        from extractor._parallel import process_items_parallel

        return process_items_parallel(  # type: ignore[return-value]
            items, workers, batch_size, budget=limit.seconds
        )
    return _process_serially(items, nlp or default_pipeline(), limit, min(batch_size, GROUP_SIZE))


def _process_serially(
    items: Iterable[SourceItem], nlp: Language, budget: Budget, group_size: int
) -> Iterator[PaperRecord | ErrorRecord]:
    iterator = iter(items)
    with budget.installed():
        while group := list(islice(iterator, group_size)):
            yield from process_group(nlp, group, budget)


def process_group(
    nlp: Language, group: list[SourceItem], budget: Budget
) -> Iterator[PaperRecord | ErrorRecord]:
    """The outputs of a few items, in order, as :func:`process_item` gives them.

    Where the budget's timer can stop work (:meth:`Budget.can_interrupt`), the papers run
    together, component by component, within ``GROUP_SECONDS`` (or the budget, if
    shorter). A group that runs out of that time, or that the pipeline fails on, is
    given up, and its papers run again one by one, each within its own budget: so a slow
    or failing paper costs the papers before it at most ``GROUP_SECONDS``, and its
    record is exactly the one it gets alone.
    """
    if len(group) > 1 and budget.can_interrupt():
        outputs = _run_together(nlp, group, budget)
        if outputs is not None:
            yield from outputs
            return
    for item in group:
        yield process_item(nlp, item, budget)


def _run_together(
    nlp: Language, group: list[SourceItem], budget: Budget
) -> list[PaperRecord | ErrorRecord] | None:
    """The group's outputs, its papers run together; None if it took too long or failed."""
    papers = [item.paper for item in group if item.paper is not None]

    def work() -> list[PaperRecord]:
        docs = [_make_doc(nlp, paper) for paper in papers]
        for _name, component in nlp.pipeline:
            docs = [component(doc) for doc in docs]
        return [_record(doc, paper) for doc, paper in zip(docs, papers, strict=True)]

    seconds = min(GROUP_SECONDS, budget.seconds or GROUP_SECONDS)
    try:
        records = iter(budget.within(seconds, work))
    except OverBudget:
        return None
    except Exception:  # the paper at fault is found when each runs alone
        return None
    return [
        next(records) if item.paper is not None else process_item(nlp, item, budget)
        for item in group
    ]


def process_item(nlp: Language, item: SourceItem, budget: Budget) -> PaperRecord | ErrorRecord:
    """The item's record, or the error record standing in for it: the item's own input
    error, a failure of the pipeline (E301) or the budget running out (E302)."""
    if item.paper is None:
        assert item.error is not None
        return error_record(item.error, id=item.id)
    error: ExtractionError
    try:
        return _run(nlp, item.paper, budget)
    except OverBudget:
        error = _over_budget(budget, item.source, item.line)
    except Exception as e:  # one paper's failure must not stop the others
        error = ExtractionError(
            f"extraction failed: {type(e).__name__}: {e}", source=item.source, line=item.line
        )
    return error_record(error, id=item.paper.id)
