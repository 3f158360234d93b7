"""The library entry points: one abstract, or a stream of papers, to records.

Records come out in input order, a batch at a time, so memory stays bounded however long
the stream. A paper the pipeline fails on becomes an ``ErrorRecord``; the others go on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor._errors import ExtractionError, InputError, TooLargeError, error_record
from extractor._pipeline import build_pipeline
from extractor._records import doc_to_record
from extractor._text import clean
from extractor.components._spans import payload, set_payload
from extractor.sources import SourceItem, check_abstract, slugify
from schemas import ErrorRecord, Paper, PaperRecord

BATCH_SIZE = 64

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


def extract(
    text: str, title: str | None = None, id: str | None = None, *, nlp: Language | None = None
) -> PaperRecord:
    """Extract the record of one abstract.

    text (str): The abstract as written; it is cleaned first, and spans index into the
        cleaned text, which the record carries as ``text``.
    title (str | None): The paper's title; a "Name: ..." prefix names the method.
    id (str | None): The record's id; by default a slug of the title (or of the text).
    RETURNS (PaperRecord): The validated record.
    """
    check_abstract(text)
    paper = Paper(id=id or slugify(title or text[:80]), title=title, abstract=text)
    nlp = nlp or default_pipeline()
    return _record(nlp(_make_doc(nlp, paper)), paper)


def _as_item(paper: PaperLike, index: int) -> SourceItem:
    if isinstance(paper, Paper):
        return SourceItem("<papers>", index, paper=paper)
    try:
        data = dict(paper)
        if "abstract" not in data and "summary" in data:
            data["abstract"] = data.pop("summary")
        if not data.get("id"):
            title = data.get("title")
            data["id"] = slugify(title) if isinstance(title, str) and title else f"paper-{index}"
        return SourceItem("<papers>", index, paper=Paper.model_validate(data))
    except (TypeError, ValueError) as e:
        return SourceItem(
            "<papers>", index, error=InputError(str(e), source="<papers>", line=index)
        )


def extract_many(
    papers: Iterable[PaperLike],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> Iterator[PaperRecord | ErrorRecord]:
    """Extract records from many papers, in order, streaming.

    papers (Iterable[Paper | Mapping]): ``Paper`` objects or dicts with ``abstract``
        (or ``summary``) and optional ``id`` and ``title``.
    workers (int): Processes to extract with; output order is kept either way.
    RETURNS (Iterator[PaperRecord | ErrorRecord]): One output per paper, in input order.
    """
    items = (_bounded(_as_item(paper, i)) for i, paper in enumerate(papers, start=1))
    return process_items(items, nlp=nlp, batch_size=batch_size, workers=workers)


def process_items(
    items: Iterable[SourceItem],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> Iterator[PaperRecord | ErrorRecord]:
    """Records for source items, in order; input errors pass through as error records.

    Items are expected to be bounded already (``extractor.sources`` and ``extract_many``
    check each abstract with ``check_abstract``), so no abstract is split twice. With
    ``workers`` above 1 the batches run on a process pool (``extractor._parallel``).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers > 1:
        if nlp is not None:
            raise ValueError("a pipeline of your own runs in one process: use workers=1")
        from extractor._parallel import process_items_parallel

        return process_items_parallel(items, workers, batch_size)  # type: ignore[return-value]
    return _process_serially(items, nlp or default_pipeline(), batch_size)


def _process_serially(
    items: Iterable[SourceItem], nlp: Language, batch_size: int
) -> Iterator[PaperRecord | ErrorRecord]:
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        yield from process_batch(nlp, batch)


def _bounded(item: SourceItem) -> SourceItem:
    """The item, or an error in its place when its abstract would cost too much."""
    if item.paper is None:
        return item
    try:
        check_abstract(item.paper.abstract, item.source, item.line)
    except TooLargeError as error:
        return SourceItem(item.source, item.line, error=error)
    return item


def process_batch(nlp: Language, batch: list[SourceItem]) -> Iterator[PaperRecord | ErrorRecord]:
    """Outputs for one batch, in order; a paper the pipeline fails on becomes an error."""
    papers = [item.paper for item in batch if item.paper is not None]
    try:
        docs = list(nlp.pipe(_make_doc(nlp, paper) for paper in papers))
        outputs: list[PaperRecord | ErrorRecord] = [
            _record(doc, paper) for doc, paper in zip(docs, papers, strict=True)
        ]
    except Exception:
        # Something in this batch broke the pipeline: redo it one paper at a time so
        # only the paper at fault becomes an error record.
        outputs = [_process_one(nlp, item) for item in batch if item.paper is not None]
    results = iter(outputs)
    for item in batch:
        if item.error is not None:
            yield error_record(item.error, id=None)
        else:
            yield next(results)


def _process_one(nlp: Language, item: SourceItem) -> PaperRecord | ErrorRecord:
    assert item.paper is not None
    try:
        return _record(nlp(_make_doc(nlp, item.paper)), item.paper)
    except Exception as e:  # one paper's failure must not stop the batch
        error = ExtractionError(
            f"extraction failed: {type(e).__name__}: {e}", source=item.source, line=item.line
        )
        return error_record(error, id=item.paper.id)
