"""Fetching from hostile or broken servers (issue 13): a server trickling bytes cannot hold
a request past its deadline, a redirect loop is a clean E202, permanent errors are not
retried, Retry-After waits are bounded, and the cache keeps only answers that parsed.

The slow servers are real, on 127.0.0.1; the rest use a mock transport and a fake clock.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from extractor._errors import FetchError
from extractor.cli import main
from extractor.fetch import Fetcher, FetchOptions
from extractor.fetch._http import PoliteClient, Politeness

# Seconds between two trickled bytes: well under the least --timeout here (0.5 s), so no
# read times out, even on a busy machine (at 0.5 s one sometimes did, and the run ended on
# a retry's backoff instead of the deadline the test names).
GAP = 0.2


class _Hostile(BaseHTTPRequestHandler):
    """/body: headers, then one body byte every GAP s; /headers: one header line every
    GAP s, never ending; /loop: 302 to itself; /file: 302 to file:///etc/passwd."""

    protocol_version = "HTTP/1.1"
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        with contextlib.suppress(OSError):  # the client hangs up: that is the point
            self._answer()

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith("/body"):
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
            for _ in range(int(30 / GAP)):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(GAP)
        elif path.endswith("/headers"):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for n in range(int(30 / GAP)):
                self.wfile.write(b"X-Slow-%d: 1\r\n" % n)
                self.wfile.flush()
                time.sleep(GAP)
        else:
            target = self.path if path.endswith("/loop") else "file:///etc/passwd"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def hostile() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (_Hostile,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_trickling_server_cannot_pass_the_deadline(
    hostile: tuple[str, list[str]], path: str
) -> None:
    url, _ = hostile
    client = PoliteClient(Politeness(timeout=2.0, deadline=1.5, retries=3, backoff=0.1))
    started = time.monotonic()
    with client, pytest.raises(FetchError, match=r"no answer within the 1\.5 s deadline"):
        client.get(url + path)
    assert 1.4 < time.monotonic() - started < 3.0  # one attempt, cut at the deadline


def test_fetch_timeout_2_against_a_trickle_ends_at_its_deadline(
    hostile: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = hostile
    argv = ["fetch", "arxiv", "2405.17247", "--api-url", f"{url}/api/body", "--delay", "0"]
    started = time.monotonic()
    assert main([*argv, "--timeout", "2", "--deadline", "2"]) == 1  # default 4 retries
    assert time.monotonic() - started < 4.0
    err = capsys.readouterr().err
    assert "[E202]" in err and "no answer within the 2 s deadline" in err
    started = time.monotonic()
    assert main([*argv, "--timeout", "0.5"]) == 1  # the deadline defaults to 4 x --timeout
    assert time.monotonic() - started < 4.0
    assert "no answer within the 2 s deadline" in capsys.readouterr().err


def test_a_redirect_loop_is_a_clean_e202_without_retries(
    hostile: tuple[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, seen = hostile
    seen.clear()
    api = f"{url}/api/loop"
    assert main(["fetch", "arxiv", "2405.17247", "--api-url", api, "--delay", "0"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "[E202]" in err and "after 1 attempt: too many redirects" in err
    assert len(seen) == 21  # the first request and httpx's 20 redirects, asked once
    monkeypatch.setenv("EXTRACTOR_ARXIV_API", api)
    assert main(["extract", "arxiv:2405.17247"]) == 1
    err = capsys.readouterr().err
    assert "[E202]" in err and "too many redirects" in err and "Traceback" not in err


def test_a_redirect_to_a_file_url_is_not_retried(
    hostile: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    url, seen = hostile
    seen.clear()
    started = time.monotonic()
    assert main(["fetch", "hf-daily", "--date", "2025-10-01", "--api-url", f"{url}/file"]) == 1
    assert time.monotonic() - started < 2.0 and len(seen) == 1
    assert "after 1 attempt: cannot fetch this URL" in capsys.readouterr().err


@pytest.mark.parametrize("api", ["ftp://127.0.0.1:9/api", "file:///etc/passwd", "127.0.0.1:9/x"])
def test_a_bad_api_url_is_a_usage_error_at_once(
    api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    assert main(["fetch", "arxiv", "2405.17247", "--api-url", api]) == 2
    assert time.monotonic() - started < 1.0
    err = capsys.readouterr().err
    assert (
        err.startswith("extractor: error: Invalid value for '--api-url'") and err.count("\n") == 1
    )


# -- with a mock transport and a fake clock ------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _client(answers: list[httpx.Response | Exception], **politeness: Any) -> PoliteClient:
    queue = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        answer = next(queue)
        if isinstance(answer, Exception):
            raise answer
        return answer

    clock = FakeClock()
    return PoliteClient(
        Politeness(**politeness),
        transport=httpx.MockTransport(handle),
        clock=clock,
        sleep=clock.sleep,
    )


def test_an_env_api_url_with_a_bad_scheme_fails_once_without_waiting() -> None:
    client = _client([httpx.UnsupportedProtocol("Request URL has an unsupported protocol")])
    with pytest.raises(FetchError, match="after 1 attempt: cannot fetch this URL"):
        client.get("ftp://api.test/query")
    assert client.sleep.__self__.sleeps == []  # type: ignore[attr-defined]


def test_retry_after_under_the_cap_is_bounded_by_the_deadline() -> None:
    throttled = [httpx.Response(503, headers={"Retry-After": "50"})] * 5
    client = _client(throttled, deadline=120.0)
    with pytest.raises(FetchError, match="no time left for a retry within the 120 s deadline"):
        client.get("https://api.test/q")
    assert client.sleep.__self__.sleeps == [50.0, 50.0]  # type: ignore[attr-defined]


def test_a_long_retry_after_is_not_waited_for() -> None:
    client = _client([httpx.Response(429, headers={"Retry-After": "290"})])
    with pytest.raises(FetchError, match=r"asks to wait 290 s \(> 60\)"):
        client.get("https://api.test/q")
    assert client.sleep.__self__.sleeps == []  # type: ignore[attr-defined]


def test_the_cache_keeps_only_answers_that_parsed(tmp_path: Path) -> None:
    """A maintenance page answered with 200 is an E203 and is not kept; once the server is
    fixed the next run fetches, keeps, and the one after that asks nothing."""
    good = (
        Path(__file__).parent.parent / "fixtures/http/hf/daily_papers-2025-10-01.json"
    ).read_bytes()
    bodies = [b"<html>maintenance</html>", good]
    asked: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=bodies[min(len(asked), 2) - 1])

    def run() -> list[str]:
        options = FetchOptions(cache_dir=tmp_path, delay=0, transport=httpx.MockTransport(handle))
        with Fetcher(options) as fetcher:
            return [i.error.code if i.error else "paper" for i in fetcher.hf_daily("2025-10-01")]

    assert run() == ["E203"]
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    assert set(run()) == {"paper"} and len(asked) == 2
    assert set(run()) == {"paper"} and len(asked) == 2  # from the cache


def test_a_cached_answer_that_no_longer_parses_is_fetched_again(tmp_path: Path) -> None:
    from extractor.fetch._cache import ResponseCache

    url = "https://api.test/api/daily_papers?date=2025-10-01"
    ResponseCache(tmp_path).put(url, b"<html>kept by an older version</html>")
    options = FetchOptions(
        hf_api="https://api.test/api",
        cache_dir=tmp_path,
        delay=0,
        transport=httpx.MockTransport(lambda request: httpx.Response(200, content=b"[]")),
    )
    with Fetcher(options) as fetcher:
        assert list(fetcher.hf_daily("2025-10-01")) == []
    assert ResponseCache(tmp_path).get(url) == b"[]"


def test_the_deadline_holds_through_an_environment_proxy(
    hostile: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trickling server as the HTTP proxy httpx takes from the environment: the request
    for a made-up host goes to it (on 127.0.0.1) and still ends at the deadline."""
    url, seen = hostile
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", url)
    seen.clear()
    client = PoliteClient(Politeness(timeout=2.0, deadline=1.5, retries=0))
    started = time.monotonic()
    with client, pytest.raises(FetchError, match="deadline"):
        client.get("http://papers.invalid/api/body")
    assert time.monotonic() - started < 3.0
    assert seen == ["http://papers.invalid/api/body"]  # the proxy was asked, nothing else


def test_a_hanging_name_lookup_cannot_pass_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def hang(*args: Any, **kwargs: Any) -> Any:
        time.sleep(5)
        raise socket.gaierror("too late")

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    client = PoliteClient(Politeness(timeout=2.0, deadline=1.0, retries=2))
    started = time.monotonic()
    with client, pytest.raises(FetchError, match=r"no answer within the 1 s deadline"):
        client.get("http://slow-dns.test/api")
    assert time.monotonic() - started < 2.0
