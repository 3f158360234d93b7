"""Extraction on several worker processes: output in input order, memory bounded.

Batches of source items go to a process pool; at most ``2 * workers`` batches are in
flight, so a stream of any length costs the same memory. Each worker builds the pipeline
once (with ``fork`` it inherits the parent's). A paper the pipeline fails on becomes an
error record inside its worker, as in one process; a worker that dies (killed, out of
memory) turns its batch into error records and the pool is started afresh for the rest.

Workers can also encode records to JSON themselves (``encode=True``), so the parent only
writes bytes: with two workers on two cores the parent must stay light.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from extractor._errors import ExtractionError, error_record
from extractor._extract import default_pipeline, process_batch
from extractor._jsonl import dumps
from extractor.sources import SourceItem
from schemas import ErrorRecord, PaperRecord

Output = PaperRecord | ErrorRecord | bytes


def _start_worker() -> None:
    default_pipeline()


def _run_batch(batch: list[SourceItem], encode: bool, pretty: bool) -> list[Output]:
    outputs: list[Output] = []
    for record in process_batch(default_pipeline(), batch):
        outputs.append(
            dumps(record, pretty=pretty) if encode and isinstance(record, PaperRecord) else record
        )
    return outputs


def _lost(batch: list[SourceItem], reason: str) -> list[Output]:
    """Error records standing in for a batch whose worker died."""
    lost: list[Output] = []
    for item in batch:
        if item.error is not None:
            lost.append(error_record(item.error))
        else:
            error = ExtractionError(reason, source=item.source, line=item.line)
            lost.append(error_record(error, id=item.paper.id if item.paper else None))
    return lost


def _pool(workers: int) -> ProcessPoolExecutor:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


def process_items_parallel(
    items: Iterable[SourceItem],
    workers: int,
    batch_size: int,
    *,
    encode: bool = False,
    pretty: bool = False,
) -> Iterator[Output]:
    """Outputs for the items, in order, computed by ``workers`` processes."""
    iterator = iter(items)
    pending: deque[tuple[list[SourceItem], Future[list[Output]]]] = deque()
    pool = _pool(workers)

    def submit(batch: list[SourceItem]) -> None:
        pending.append((batch, pool.submit(_run_batch, batch, encode, pretty)))

    def fill() -> None:
        while len(pending) < 2 * workers and (batch := list(islice(iterator, batch_size))):
            submit(batch)

    try:
        fill()
        while pending:
            batch, future = pending.popleft()
            try:
                outputs = future.result()
            except BrokenProcessPool:
                outputs = _lost(batch, "extraction failed: the worker process died")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
                for waiting, _ in [pending.popleft() for _ in range(len(pending))]:
                    submit(waiting)
            yield from outputs
            fill()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
