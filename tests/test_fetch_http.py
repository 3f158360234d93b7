"""The polite HTTP client: retries, backoff, Retry-After, spacing, timeouts, cache, bounds.

Each test injects an ``httpx.MockTransport`` and a fake clock whose ``sleep`` only
records the wait, so nothing here sleeps or touches a network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from extractor._errors import FetchError
from extractor.fetch._http import USER_AGENT, PoliteClient, Politeness, RateLimiter

URL = "https://api.test/query"


class FakeClock:
    """A clock that moves only when something sleeps (or a test advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


Answer = httpx.Response | Exception


def _client(
    answers: list[Answer],
    clock: FakeClock,
    seen: list[httpx.Request] | None = None,
    **politeness: float,
) -> PoliteClient:
    queue: Iterator[Answer] = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        answer = next(queue)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return PoliteClient(
        Politeness(**politeness),  # type: ignore[arg-type]
        transport=httpx.MockTransport(handle),
        clock=clock,
        sleep=clock.sleep,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_success_returns_body_and_sends_user_agent(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []
    client = _client([httpx.Response(200, content=b"ok")], clock, seen)
    assert client.get(URL, {"q": "a b"}) == b"ok"
    assert seen[0].headers["User-Agent"] == USER_AGENT
    assert seen[0].url.params["q"] == "a b"
    assert clock.sleeps == []


def test_5xx_is_retried_with_exponential_backoff(clock: FakeClock) -> None:
    answers: list[Answer] = [httpx.Response(s) for s in (500, 502, 503)]
    client = _client([*answers, httpx.Response(200, content=b"late")], clock, backoff=0.5)
    assert client.get(URL) == b"late"
    assert clock.sleeps == [0.5, 1.0, 2.0]


def test_backoff_is_capped(clock: FakeClock) -> None:
    answers: list[Answer] = [httpx.Response(503)] * 4
    client = _client([*answers, httpx.Response(200)], clock, backoff=10, max_backoff=15)
    client.get(URL)
    assert clock.sleeps == [10, 15, 15, 15]


def test_retry_after_seconds_is_honoured_when_longer_than_backoff(clock: FakeClock) -> None:
    throttled = httpx.Response(429, headers={"Retry-After": "7"})
    client = _client([throttled, httpx.Response(200, content=b"x")], clock)
    assert client.get(URL) == b"x"
    assert clock.sleeps == [7.0]


def test_retry_after_shorter_than_backoff_waits_the_backoff(clock: FakeClock) -> None:
    throttled = httpx.Response(503, headers={"Retry-After": "0"})
    client = _client([throttled, httpx.Response(200)], clock, backoff=2)
    client.get(URL)
    assert clock.sleeps == [2]


def test_retry_after_beyond_the_limit_is_not_waited_for(clock: FakeClock) -> None:
    throttled = httpx.Response(429, headers={"Retry-After": "86400"})
    client = _client([throttled], clock)
    with pytest.raises(FetchError, match=r"asks to wait 86400 s"):
        client.get(URL)
    assert clock.sleeps == []


def test_gives_up_after_the_retries_with_a_clear_error(clock: FakeClock) -> None:
    client = _client([httpx.Response(503)] * 3, clock, retries=2)
    with pytest.raises(FetchError) as caught:
        client.get(URL, {"id": "1"})
    message = str(caught.value)
    assert caught.value.code == "E202"
    assert "after 3 attempts" in message and "HTTP 503" in message
    assert "https://api.test/query?id=1" in message


def test_client_errors_are_not_retried(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []
    client = _client([httpx.Response(404)], clock, seen)
    with pytest.raises(FetchError, match="after 1 attempt: HTTP 404 Not Found"):
        client.get(URL)
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ConnectError("refused"), "connection failed (ConnectError: refused)"),
        (httpx.ReadTimeout("slow"), "timed out (ReadTimeout)"),
    ],
)
def test_network_errors_and_timeouts_are_retried(
    clock: FakeClock, error: Exception, reason: str
) -> None:
    client = _client([error, httpx.Response(200, content=b"ok")], clock)
    assert client.get(URL) == b"ok"
    client = _client([error, error], FakeClock(), retries=1)
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        client.get(URL)


def test_retry_if_retries_a_200_the_caller_rejects(clock: FakeClock) -> None:
    client = _client(
        [httpx.Response(200, content=b"busy"), httpx.Response(200, content=b"ok")], clock
    )
    client.retry_if = lambda body: "server busy" if body == b"busy" else None
    assert client.get(URL) == b"ok"
    assert clock.sleeps == [1.0]


def test_answers_longer_than_the_bound_are_refused(clock: FakeClock) -> None:
    client = _client([httpx.Response(200, content=b"x" * 101)], clock, max_bytes=100)
    with pytest.raises(FetchError, match="longer than 100 bytes"):
        client.get(URL)


def test_requests_are_spaced_by_the_delay(clock: FakeClock) -> None:
    client = _client([httpx.Response(200)] * 3, clock, delay=3.0)
    client.get(URL)
    clock.now += 1.0  # one second of work between the first two requests
    client.get(URL)
    client.get(URL)
    assert clock.sleeps == [2.0, 3.0]


def test_rate_limiter_does_not_wait_once_the_delay_has_passed() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3.0, clock, clock.sleep)
    limiter.wait()
    clock.now += 5
    limiter.wait()
    assert clock.sleeps == []


def test_cache_answers_repeats_without_a_request(clock: FakeClock, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def make(answers: list[Answer]) -> PoliteClient:
        client = _client(answers, clock, seen)
        return PoliteClient(
            client.politeness,
            cache_dir=tmp_path,
            transport=client.client._transport,
            clock=clock,
            sleep=clock.sleep,
        )

    first = make([httpx.Response(200, content=b"body")])
    assert first.get(URL, {"id": "1"}) == b"body"
    second = make([])  # any request would exhaust the transport's answers
    assert second.get(URL, {"id": "1"}) == b"body"
    assert len(seen) == 1
    assert [p.suffix for p in tmp_path.rglob("*") if p.is_file()] == [".body"]


def test_failures_are_not_cached(clock: FakeClock, tmp_path: Path) -> None:
    client = _client([httpx.Response(404)], clock)
    cached = PoliteClient(
        client.politeness, cache_dir=tmp_path, transport=client.client._transport, sleep=clock.sleep
    )
    with pytest.raises(FetchError):
        cached.get(URL)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_client_is_a_context_manager(clock: FakeClock) -> None:
    with _client([httpx.Response(200)], clock) as client:
        client.get(URL)
    assert client.client.is_closed
