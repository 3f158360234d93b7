"""Extraction on several worker processes: output in input order, memory bounded.

Batches of source items go to a process pool; at most ``2 * workers`` batches are in
flight, so a stream of any length costs the same memory. Each worker builds the pipeline
once (with ``fork`` it inherits the parent's). A paper the pipeline fails on becomes an
error record inside its worker, as in one process. When a worker dies (killed, out of
memory), the pool is started afresh, the batch runs again and, if it kills its worker
again, paper by paper: only the papers that kill their worker become error records.

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
from extractor._extract import default_pipeline, pipeline_for_process, process_batch
from extractor._jsonl import dumps
from extractor.sources import SourceItem
from schemas import ErrorRecord, PaperRecord

Output = PaperRecord | ErrorRecord | bytes


def _start_worker() -> None:
    pipeline_for_process()


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
    if method == "fork":
        # Built (and frozen) once here, the pipeline is inherited by every forked worker,
        # which then starts at once instead of building its own (about 1.5 s each).
        pipeline_for_process()
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


class _Pool:
    """A process pool that can be started afresh after a worker dies."""

    def __init__(self, workers: int, encode: bool, pretty: bool) -> None:
        self.workers, self.encode, self.pretty = workers, encode, pretty
        self.executor = _pool(workers)

    def submit(self, batch: list[SourceItem]) -> Future[list[Output]] | None:
        """The batch's future, or None when the pool is already broken."""
        try:
            return self.executor.submit(_run_batch, batch, self.encode, self.pretty)
        except BrokenProcessPool:
            return None

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = _pool(self.workers)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[Output]] | None) -> list[Output] | None:
    """The batch's outputs, or None when its worker (or another in the pool) died."""
    if future is None:
        return None
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _rerun(pool: _Pool, batch: list[SourceItem]) -> list[Output]:
    """A batch caught in a pool breakdown, run again on a fresh pool; if that fails too,
    paper by paper, so only the papers that kill their worker are lost."""
    pool.restart()
    outputs = _result(pool.submit(batch))
    if outputs is not None:
        return outputs
    outputs = []
    for item in batch:
        pool.restart()
        alone = _result(pool.submit([item]))
        outputs += alone if alone is not None else _lost([item], WORKER_DIED)
    pool.restart()
    return outputs


WORKER_DIED = "extraction failed: the worker process died"


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
    pending: deque[tuple[list[SourceItem], Future[list[Output]] | None]] = deque()
    pool = _Pool(workers, encode, pretty)

    def fill() -> None:
        while len(pending) < 2 * workers and (batch := list(islice(iterator, batch_size))):
            pending.append((batch, pool.submit(batch)))

    try:
        fill()
        while pending:
            batch, future = pending.popleft()
            outputs = _result(future)
            if outputs is None:
                outputs = _rerun(pool, batch)
                # The batches still in flight died with the old pool: send them again.
                for _ in range(len(pending)):
                    waiting, _old = pending.popleft()
                    pending.append((waiting, pool.submit(waiting)))
            yield from outputs
            fill()
    finally:
        pool.close()
