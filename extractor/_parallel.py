"""Extraction on several worker processes: output in input order, memory bounded.

Batches of numbered source items go to a process pool; at most ``2 * workers`` batches'
worth of items are in flight, so a stream of any length costs the same memory. Workers
send each output back on a pipe as soon as it is made (with the others of its group of
``GROUP_SIZE``, see ``extractor._extract.process_group``; not a batch at a time), and the
parent writes each one as soon as every output before it has arrived: a slow paper holds
back only the papers after it, and only up to its time budget. Each worker builds the
pipeline once (with ``fork`` it inherits the parent's). A paper the pipeline fails on, or
that runs out of its budget, becomes an error record inside its worker, as in one process.

When a worker dies (killed, out of memory), the pool is started afresh and every item
whose output had not arrived runs again; if the pool dies again before the first of them
arrives, that item runs alone, and if it kills its worker once more, it alone becomes an
error record.

Workers can also encode records to JSON themselves (``encode=True``), so the parent only
writes bytes: with two workers on two cores the parent must stay light.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import count, islice
from multiprocessing.connection import Connection
from typing import Any

from extractor._budget import DEFAULT_BUDGET, Budget
from extractor._errors import ExtractionError, error_record
from extractor._extract import (
    GROUP_SIZE,
    default_pipeline,
    pipeline_for_process,
    process_group,
)
from extractor._jsonl import dumps
from extractor.sources import SourceItem
from extractor_schemas import ErrorRecord, PaperRecord

Output = PaperRecord | ErrorRecord | bytes
Numbered = tuple[int, SourceItem]

# Seconds the parent waits for an output before it looks whether the pool broke.
_POLL_SECONDS = 0.05

# In each worker: where outputs go, and the lock that keeps two writers' messages apart.
_sink: tuple[Connection, Any] | None = None


def _start_worker(writer: Connection, lock: Any) -> None:
    global _sink
    _sink = (writer, lock)
    pipeline_for_process()


def _run_batch(batch: list[Numbered], encode: bool, pretty: bool, budget: float | None) -> int:
    """Send ``(number, output)`` for each item as soon as it is made; returns the count."""
    assert _sink is not None, "the worker was not started by _Pool"
    writer, lock = _sink
    nlp, limit = default_pipeline(), Budget(budget)
    with limit.installed():
        for start in range(0, len(batch), GROUP_SIZE):
            group = batch[start : start + GROUP_SIZE]
            outputs = process_group(nlp, [item for _number, item in group], limit)
            for (number, _item), record in zip(group, outputs, strict=True):
                encoded = encode and isinstance(record, PaperRecord)
                output = dumps(record, pretty=pretty) if encoded else record
                with lock:
                    writer.send((number, output))
    return len(batch)


def _lost(item: SourceItem, reason: str) -> Output:
    """The error record standing in for an item whose worker died on it."""
    if item.error is not None:
        return error_record(item.error, id=item.id)
    error = ExtractionError(reason, source=item.source, line=item.line)
    return error_record(error, id=item.paper.id if item.paper else None)


WORKER_DIED = "extraction failed: the worker process died"


class _Pool:
    """A process pool and the pipe its workers answer on; started afresh after a death."""

    def __init__(self, workers: int, encode: bool, pretty: bool, budget: float | None) -> None:
        self.workers, self.encode, self.pretty, self.budget = workers, encode, pretty, budget
        self.futures: list[Future[int]] = []
        self._start()

    def _start(self) -> None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        if method == "fork":
            # Built (and frozen) once here, the pipeline is inherited by every forked
            # worker, which then starts at once instead of building its own (about 1.5 s).
            pipeline_for_process()
        context = multiprocessing.get_context(method)
        self.reader, writer = context.Pipe(duplex=False)
        self._writer = writer
        self.executor = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(writer, context.Lock()),
        )
        self.futures = []

    def submit(self, batch: list[Numbered]) -> None:
        try:
            future = self.executor.submit(_run_batch, batch, self.encode, self.pretty, self.budget)
        except RuntimeError:  # BrokenProcessPool: noticed by broken() on the next wait
            return
        self.futures = [f for f in self.futures if not f.done() or f.exception() is not None]
        self.futures.append(future)

    def receive(self) -> tuple[int, Output] | None:
        """The next ``(number, output)`` a worker sent, or None if none came for a while."""
        if self.reader.poll(_POLL_SECONDS):
            received: tuple[int, Output] = self.reader.recv()
            return received
        return None

    def broken(self) -> bool:
        """Whether a worker died (the executor then fails every batch in flight)."""
        if getattr(self.executor, "_broken", False):
            return True
        return any(f.done() and f.exception() is not None for f in self.futures)

    def restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        """Stop the workers; ones still busy (the caller stopped reading early, or the
        pool broke) are terminated, as they could wait forever on a full pipe."""
        busy = any(not f.done() for f in self.futures)
        # (shutdown forgets the processes, so they are looked up first)
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        manager = getattr(self.executor, "_executor_manager_thread", None)
        self.executor.shutdown(wait=not busy, cancel_futures=True)
        if busy:
            for process in processes:
                process.terminate()
            for process in processes:
                process.join()
            if manager is not None:
                manager.join()
        self.reader.close()
        self._writer.close()


def process_items_parallel(
    items: Iterable[SourceItem],
    workers: int,
    batch_size: int,
    *,
    encode: bool = False,
    pretty: bool = False,
    budget: float | None = DEFAULT_BUDGET,
) -> Iterator[Output]:
    """Outputs for the items, in order, computed by ``workers`` processes."""
    numbered: Iterator[Numbered] = zip(count(), iter(items), strict=False)
    waiting: deque[Numbered] = deque()  # sent to the pool, output not yet given out
    received: dict[int, Output] = {}
    limit = 2 * workers * batch_size
    pool = _Pool(workers, encode, pretty, Budget(budget).seconds)
    alone = False  # the first waiting item runs by itself: the pool died twice on it
    last_death: int | None = None  # the first waiting item when the pool last died

    def send(batch: list[Numbered]) -> None:
        for start in range(0, len(batch), batch_size):
            pool.submit(batch[start : start + batch_size])

    def fill() -> None:
        while len(waiting) < limit and (batch := list(islice(numbered, batch_size))):
            waiting.extend(batch)
            if not alone:
                pool.submit(batch)

    try:
        fill()
        while waiting:
            number, item = waiting[0]
            if number in received:
                waiting.popleft()
                if alone:  # the lone item came through: back to batches for the rest
                    alone = False
                    send([entry for entry in waiting if entry[0] not in received])
                yield received.pop(number)
                fill()
                continue
            answer = pool.receive()
            if answer is not None:
                received[answer[0]] = answer[1]
                continue
            if not pool.broken():
                continue
            pool.restart()
            if alone:  # it killed its worker again: it alone is lost
                received[number] = _lost(item, WORKER_DIED)
                continue
            alone = last_death == number
            last_death = number
            if alone:
                pool.submit([(number, item)])
            else:
                send([entry for entry in waiting if entry[0] not in received])
    finally:
        pool.close()
