"""Code links: is each URL alive? (A6xx; only when the user asks, it uses the network.)

Each URL is asked for with ``HEAD``, then ``GET`` (headers only) when ``HEAD`` answers an
error status; redirects are followed. At most ``concurrency`` requests run at once, at
most one at a time per host, and requests to one host start ``per_host_delay`` seconds
apart. Tests pass an ``httpx`` transport and a fake clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import httpx

from extractor.audit._findings import Finding, finding
from schemas import PaperRecord

LinkStatus = Literal["ok", "redirected", "not_found", "unreachable"]
_CODES: dict[LinkStatus, str] = {
    "ok": "A601",
    "redirected": "A602",
    "not_found": "A603",
    "unreachable": "A604",
}
_NOT_FOUND = frozenset({404, 410})
USER_AGENT = "extractor-audit/0.1 (code-link check)"


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """How hard and how politely links are checked."""

    timeout: float = 10.0
    concurrency: int = 4
    per_host_delay: float = 1.0
    max_redirects: int = 10


#: The policy used when none is given (the CLI's).
DEFAULT_POLICY = LinkPolicy()


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """What one URL answered."""

    url: str
    status: LinkStatus
    detail: str
    http_status: int | None = None
    final_url: str | None = None


Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class _HostPacer:
    """One request at a time per host, started at least ``delay`` seconds apart."""

    def __init__(self, delay: float, clock: Clock, sleep: Sleep) -> None:
        self._delay, self._clock, self._sleep = delay, clock, sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last_start: dict[str, float] = {}

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            if host in self._last_start:
                wait = self._last_start[host] + self._delay - self._clock()
                if wait > 0:
                    await self._sleep(wait)
            self._last_start[host] = self._clock()
            yield


def _classify(url: str, response: httpx.Response) -> LinkCheck:
    final = str(response.url)
    code = response.status_code
    if code in _NOT_FOUND:
        return LinkCheck(url, "not_found", f"HTTP {code}", code, final)
    if code >= 400:
        return LinkCheck(url, "unreachable", f"HTTP {code}", code, final)
    if response.history:
        hops = " -> ".join(str(r.status_code) for r in (*response.history, response))
        return LinkCheck(url, "redirected", f"{hops}, now {final}", code, final)
    return LinkCheck(url, "ok", f"HTTP {code}", code, final)


async def _request(
    client: httpx.AsyncClient, pacer: _HostPacer, limit: asyncio.Semaphore, method: str, url: str
) -> httpx.Response:
    async with (
        pacer.turn(urlsplit(url).netloc.lower()),
        limit,
        client.stream(method, url) as response,
    ):
        return response  # headers only: the body is never read


async def _check_one(
    client: httpx.AsyncClient, pacer: _HostPacer, limit: asyncio.Semaphore, url: str
) -> LinkCheck:
    if urlsplit(url).scheme not in ("http", "https"):
        return LinkCheck(url, "unreachable", "not an http(s) URL")
    try:
        response = await _request(client, pacer, limit, "HEAD", url)
        if response.status_code >= 400:  # some servers refuse HEAD; ask as a browser does
            response = await _request(client, pacer, limit, "GET", url)
    except httpx.TimeoutException:
        return LinkCheck(url, "unreachable", f"timed out after {client.timeout.read}s")
    except httpx.TooManyRedirects:
        return LinkCheck(url, "unreachable", "too many redirects")
    except httpx.HTTPError as error:
        return LinkCheck(url, "unreachable", f"{type(error).__name__}: {error}".rstrip(": "))
    return _classify(url, response)


async def check_urls_async(
    urls: Iterable[str],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
) -> dict[str, LinkCheck]:
    """Check each distinct URL once; returns what each answered, by URL."""
    policy = policy or DEFAULT_POLICY
    distinct = list(dict.fromkeys(urls))
    pacer = _HostPacer(policy.per_host_delay, clock, sleep)
    limit = asyncio.Semaphore(policy.concurrency)
    async with httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(policy.timeout),
        follow_redirects=True,
        max_redirects=policy.max_redirects,
        headers={"User-Agent": USER_AGENT},
    ) as client:
        checks = await asyncio.gather(*(_check_one(client, pacer, limit, u) for u in distinct))
    return {check.url: check for check in checks}


def check_urls(
    urls: Iterable[str],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
) -> dict[str, LinkCheck]:
    """:func:`check_urls_async`, run to completion."""
    return asyncio.run(
        check_urls_async(urls, policy, transport=transport, clock=clock, sleep=sleep)
    )


def link_findings(
    records: Iterable[PaperRecord],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
) -> list[Finding]:
    """A601-A604: one finding per code link of each record, saying what its URL answered."""
    records = list(records)
    urls = [link.url for record in records for link in record.code_urls]
    checks = check_urls(urls, policy, transport=transport, clock=clock, sleep=sleep)
    findings = []
    for record in records:
        for link in record.code_urls:
            check = checks[link.url]
            findings.append(
                finding(
                    record.id,
                    _CODES[check.status],
                    f"{link.url}: {check.status.replace('_', ' ')} ({check.detail})",
                    [link.span],
                )
            )
    return findings
