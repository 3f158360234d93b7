"""A polite HTTP client: one request at a time, spaced, with timeouts and retries.

Retries cover connection errors, timeouts, 429 and 5xx answers and any answer a caller's
``retry_if`` marks (arXiv throttles with a 200 "Rate exceeded."). The wait before retry
``n`` (from 0) is ``backoff * 2**n`` seconds, capped at ``max_backoff``, or the server's
``Retry-After`` when that is longer. ``retry_if`` sees the body of a 2xx answer and
returns why it is worth retrying, or None. The clock and ``sleep`` are injectable, so tests
check the spacing without waiting.

Each request (every attempt and every wait between attempts) ends by its ``deadline``,
however slowly a server sends; a ``Retry-After`` longer than ``max_retry_after`` or past
the deadline is not waited for. Errors that a retry cannot mend (a redirect loop, a
scheme httpx does not speak, an invalid URL) are not retried. With a cache, an answer is
kept only once the caller's ``parse`` accepted it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar

import httpx

from extractor import __version__
from extractor._errors import ExtractorError, FetchError
from extractor.fetch._cache import ResponseCache
from extractor.fetch._deadline import Deadline, enforce

T = TypeVar("T")

USER_AGENT = (
    f"paper-extractor/{__version__} (structured records from ML paper abstracts; "
    "https://github.com/paper-extractor/extractor)"
)

#: Statuses worth asking again: throttled, or the server's own trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass
class Politeness:
    """How hard a client may push one server."""

    delay: float = 0.0  # seconds between the starts of two requests
    timeout: float = 30.0  # seconds for each of connect, read, write
    deadline: float = 120.0  # seconds for a whole request: all attempts and waits
    retries: int = 4  # further attempts after the first
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for
    max_bytes: int = 50_000_000  # a longer answer is refused, not read to the end


@dataclass
class RateLimiter:
    """Keeps at least ``delay`` seconds between the starts of two requests."""

    delay: float
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    _last: float | None = field(default=None, init=False)

    def wait(self) -> None:
        now = self.clock()
        if self._last is not None:
            pause = self._last + self.delay - now
            if pause > 0:
                self.sleep(pause)
                now = self.clock()
        self._last = now


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for: a number, or an HTTP date.

    >>> retry_after_seconds("7")
    7.0
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0)
    10.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class PoliteClient:
    """GET with spacing, retries and an optional on-disk cache; one request at a time."""

    def __init__(
        self,
        politeness: Politeness | None = None,
        *,
        cache_dir: Path | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        retry_if: Callable[[bytes], str | None] | None = None,
    ) -> None:
        self.politeness = politeness or Politeness()
        self.limiter = RateLimiter(self.politeness.delay, clock, sleep)
        self.clock = clock
        self.sleep = sleep
        self.retry_if = retry_if
        self.cache = ResponseCache(cache_dir) if cache_dir else None
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(self.politeness.timeout),
            transport=transport,
            follow_redirects=True,
        )
        self.deadline = Deadline(clock)
        enforce(self.client, self.deadline)

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, params: Mapping[str, str | int] | None = None) -> bytes:
        """The body of a successful (2xx) answer; ``FetchError`` once retries run out."""
        return self.fetch(url, params, bytes)

    def fetch(
        self, url: str, params: Mapping[str, str | int] | None, parse: Callable[[bytes], T]
    ) -> T:
        """``parse`` of the body of a successful answer. With a cache, only a body that
        ``parse`` accepted is kept, and a kept body it refuses is fetched again."""
        try:
            request = self.client.build_request("GET", url, params=params)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
            raise FetchError(f"GET {url}: not a URL that can be fetched ({e})", source=url) from e
        full_url = str(request.url)
        if self.cache is not None and (cached := self.cache.get(full_url)) is not None:
            try:
                return parse(cached)
            except ExtractorError:
                self.cache.discard(full_url)  # kept by an older version: ask again
        body = self._get(request, full_url)
        parsed = parse(body)
        if self.cache is not None:
            self.cache.put(full_url, body)
        return parsed

    def _get(self, request: httpx.Request, full_url: str) -> bytes:
        p = self.politeness
        attempts = p.retries + 1
        reason = "no attempt made"
        try:
            for attempt in range(attempts):
                self.limiter.wait()
                if attempt == 0:
                    self.deadline.at = self.clock() + p.deadline
                outcome, wait = self._attempt(request)
                if isinstance(outcome, bytes):
                    return outcome
                reason = outcome
                if wait is None or attempt == attempts - 1:
                    break
                wait = max(wait, self._backoff(attempt))
                if self.clock() + wait >= (self.deadline.at or 0.0):
                    reason += f"; no time left for a retry within the {p.deadline:g} s deadline"
                    break
                self.sleep(wait)
        finally:
            self.deadline.at = None
        tries = f"after {attempt + 1} attempt{'s' if attempt else ''}"
        raise FetchError(f"GET {full_url} failed {tries}: {reason}", source=full_url)

    def _attempt(self, request: httpx.Request) -> tuple[bytes | str, float | None]:
        """The body, or why it failed and the wait before a retry (None: do not retry)."""
        try:
            response = self.client.send(request, stream=True)
            try:
                body = self._read(response)
            finally:
                response.close()
        except httpx.TimeoutException as e:
            if self.deadline.passed():
                return f"no answer within the {self.politeness.deadline:g} s deadline", None
            return f"timed out ({type(e).__name__})", 0.0
        except httpx.TooManyRedirects:
            return "too many redirects (a redirect loop?)", None
        except httpx.UnsupportedProtocol as e:  # also a redirect to file: or ftp:
            return f"cannot fetch this URL ({e})", None
        except httpx.TransportError as e:
            return f"connection failed ({type(e).__name__}: {e})", 0.0
        except (httpx.HTTPError, httpx.InvalidURL) as e:  # a bad redirect, a broken encoding
            return f"{type(e).__name__}: {e}", None
        if body is None:
            return f"the answer is longer than {self.politeness.max_bytes:,} bytes", None
        status = response.status_code
        if status in RETRY_STATUSES:
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None and asked > self.politeness.max_retry_after:
                limit = self.politeness.max_retry_after
                return f"HTTP {status}; the server asks to wait {asked:.0f} s (> {limit:g})", None
            return f"HTTP {status} {response.reason_phrase}", asked or 0.0
        if not response.is_success:
            return f"HTTP {status} {response.reason_phrase}", None
        reason = self.retry_if(body) if self.retry_if else None
        if reason is not None:
            return reason, 0.0
        return body, None

    def _read(self, response: httpx.Response) -> bytes | None:
        """The whole body, or None once it grows past ``max_bytes``."""
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.politeness.max_bytes:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        p = self.politeness
        return float(min(p.max_backoff, p.backoff * 2**attempt))
