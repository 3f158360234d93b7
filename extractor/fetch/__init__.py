"""Fetch abstracts over HTTP: arXiv (by id or query) and Hugging Face daily papers.

Fetched papers are ``SourceItem`` values like those of the file readers, so they flow into
extraction unchanged, and ``extractor fetch`` writes them as the ``Paper`` JSONL that
``extractor extract`` reads. Every failure (an unknown id, the network after retries, a
malformed answer) becomes an error item naming the id; the other ids still come through.

>>> split_remote("arxiv:2405.17247")
('arxiv', '2405.17247')
>>> split_remote("papers.jsonl") is None
True
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from extractor.fetch._http import Clock, PoliteClient, Politeness, Sleep
from extractor.fetch.arxiv import ARXIV_DELAY, PAGE_SIZE, ArxivClient
from extractor.fetch.hf import HF_DELAY, daily_papers
from extractor.sources import SourceItem

REMOTE_KINDS = ("arxiv", "hf-daily")

__all__ = ["REMOTE_KINDS", "FetchOptions", "Fetcher", "split_remote"]


def split_remote(source: str) -> tuple[str, str] | None:
    """``(kind, argument)`` for ``arxiv:ID`` and ``hf-daily:DATE``; None for anything else."""
    kind, colon, argument = source.partition(":")
    if colon and kind in REMOTE_KINDS and argument and not Path(source).exists():
        return kind, argument
    return None


@dataclass
class FetchOptions:
    """How to reach the servers; ``None`` means each API's own default."""

    arxiv_api: str | None = None  # the full query endpoint
    hf_api: str | None = None  # the API root
    cache_dir: Path | None = None
    delay: float | None = None  # arXiv: 3 s (never less on arxiv.org); Hugging Face: 1 s
    timeout: float = 30.0  # each network read
    deadline: float | None = None  # a whole request, every attempt and wait (4 x timeout)
    retries: int = 4
    backoff: float = 1.0
    transport: httpx.BaseTransport | None = None  # tests inject one
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep


class Fetcher:
    """One polite client per server, shared by every request made through it."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._clients: dict[str, PoliteClient] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _client(self, kind: str, default_delay: float) -> PoliteClient:
        if kind not in self._clients:
            o = self.options
            politeness = Politeness(
                delay=default_delay if o.delay is None else o.delay,
                timeout=o.timeout,
                deadline=4 * o.timeout if o.deadline is None else o.deadline,
                retries=o.retries,
                backoff=o.backoff,
            )
            self._clients[kind] = PoliteClient(
                politeness,
                cache_dir=o.cache_dir,
                transport=o.transport,
                clock=o.clock,
                sleep=o.sleep,
            )
        return self._clients[kind]

    def _arxiv(self) -> ArxivClient:
        return ArxivClient(self._client("arxiv", ARXIV_DELAY), self.options.arxiv_api)

    def arxiv(self, ids: Iterable[str]) -> Iterator[SourceItem]:
        """Papers by arXiv id (or abs/pdf URL), one item per id, in order."""
        return self._arxiv().fetch(ids)

    def arxiv_search(
        self, query: str, max_results: int, page_size: int = PAGE_SIZE
    ) -> Iterator[SourceItem]:
        """Up to ``max_results`` papers matching an arXiv API query, page by page."""
        return self._arxiv().search(query, max_results, page_size)

    def hf_daily(self, date: str) -> Iterator[SourceItem]:
        """The papers Hugging Face lists for one day (``YYYY-MM-DD``)."""
        return daily_papers(self._client("hf", HF_DELAY), date, self.options.hf_api)

    def read(self, sources: Iterable[str]) -> Iterator[SourceItem]:
        """Items for ``arxiv:ID`` and ``hf-daily:DATE`` sources; neighbouring arXiv ids
        share requests."""
        pending: list[str] = []
        for source in sources:
            kind, argument = split_remote(source) or ("", source)
            if kind == "arxiv":
                pending.append(argument)
                continue
            if pending:
                yield from self.arxiv(pending)
                pending = []
            if kind == "hf-daily":
                yield from self.hf_daily(argument)
            else:
                raise ValueError(f"{source!r} is not an arxiv: or hf-daily: source")
        if pending:
            yield from self.arxiv(pending)
