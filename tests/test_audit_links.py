"""Code-link checks: a real HTTP server on 127.0.0.1 (reached with ``allow_private``, as
loopback is refused by default: see test_audit_links_ssrf.py), and a mock transport with a
fake clock for concurrency and per-host politeness."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from extractor.audit import LinkPolicy, check_urls, link_findings
from extractor.cli import main
from extractor_schemas import Link, PaperRecord, Span

SLOW_SECONDS = 1.0
FAST = LinkPolicy(timeout=0.2, concurrency=4, per_host_delay=0.0, allow_private=True)


async def _anywhere(host: str, port: int) -> list[str]:
    """A destination for the mock transport: every host is public (nothing connects)."""
    return ["127.0.0.1"]


class _Handler(BaseHTTPRequestHandler):
    """/ok 200, /moved 301 -> /ok, /missing 404, /slow answers after SLOW_SECONDS,
    /no-head 405 to HEAD and 200 to GET."""

    def _answer(self, head: bool) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/ok" or (self.path == "/no-head" and not head):
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            self.send_response(200)
        else:
            self.send_response(404)
        body = b"" if head else b"<html>page</html>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer_unless_gone(self, head: bool) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(head)  # the client gives up on /slow, as it should

    def do_HEAD(self) -> None:
        self._answer_unless_gone(head=True)

    def do_GET(self) -> None:
        self._answer_unless_gone(head=False)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_statuses_against_a_real_server(server: str) -> None:
    urls = [f"{server}/{path}" for path in ("ok", "moved", "missing", "slow", "no-head")]
    started = time.monotonic()
    checks = check_urls(urls, FAST)
    assert time.monotonic() - started < SLOW_SECONDS  # the slow one was given up on
    assert {url.rsplit("/", 1)[1]: checks[url].status for url in urls} == {
        "ok": "ok",
        "moved": "redirected",
        "missing": "not_found",
        "slow": "unreachable",
        "no-head": "ok",
    }
    moved = checks[f"{server}/moved"]
    assert moved.final_url == f"{server}/ok"
    assert moved.detail.startswith("301 -> 200")
    assert checks[f"{server}/missing"].http_status == 404
    assert "timed out" in checks[f"{server}/slow"].detail


def test_nothing_listening_is_unreachable_and_other_schemes_are_refused() -> None:
    checks = check_urls(["http://127.0.0.1:9/x", "ftp://example.org/x"], FAST)
    assert [c.status for c in checks.values()] == ["unreachable", "refused"]
    assert checks["ftp://example.org/x"].detail == "not an http(s) URL; not requested"


def _record(id: str, urls: list[str]) -> PaperRecord:
    text = "Code: " + " and ".join(urls)
    links = []
    for url in urls:
        start = text.index(url)
        links.append(
            Link(url=url, kind="code", span=Span(start=start, end=start + len(url), text=url))
        )
    return PaperRecord(id=id, text=text, code_urls=links)


def test_findings_one_per_link_of_each_record(server: str) -> None:
    records = [
        _record("a", [f"{server}/ok", f"{server}/moved"]),
        _record("b", [f"{server}/missing", f"{server}/slow", f"{server}/ok"]),
    ]
    findings = link_findings(records, FAST)
    assert [(f.paper_id, f.code, f.severity) for f in findings] == [
        ("a", "A601", "info"),
        ("a", "A602", "info"),
        ("b", "A603", "error"),
        ("b", "A604", "error"),
        ("b", "A601", "info"),
    ]
    assert findings[2].spans[0].text == f"{server}/missing"
    assert "not found (HTTP 404)" in findings[2].message


def test_cli_check_urls(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "records.jsonl"
    record = _record("a", [f"{server}/ok", f"{server}/missing"])
    records.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    argv = ["audit", str(records), "--check-urls", "--format", "json"]
    assert main([*argv, "--allow-private-hosts"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["A601", "A603"]
    assert err == "extractor: checking 2 code links (at most 300 s)\n"


# -- politeness and concurrency, with a mock transport and a fake clock ------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds
        await asyncio.sleep(0)


def test_same_host_requests_are_spaced_and_one_at_a_time() -> None:
    clock, starts = FakeClock(), []

    async def handler(request: httpx.Request) -> httpx.Response:
        starts.append((request.headers["Host"], clock.now))
        await asyncio.sleep(0.001)
        return httpx.Response(200)

    urls = [f"https://a.test/{i}" for i in range(3)] + ["https://b.test/0"]
    checks = check_urls(
        urls,
        LinkPolicy(per_host_delay=2.0, concurrency=4),
        transport=httpx.MockTransport(handler),
        clock=clock,
        sleep=clock.sleep,
        destination=_anywhere,
    )
    assert all(c.status == "ok" for c in checks.values())
    assert clock.sleeps == [2.0, 2.0]  # only a.test waits, between its 3 requests
    a_starts = [t for host, t in starts if host == "a.test"]
    assert a_starts == [0.0, 2.0, 4.0]
    assert ("b.test", 0.0) in starts


def test_concurrency_limit_and_get_after_refused_head() -> None:
    running = peak = 0
    methods: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal running, peak
        methods.append(request.method)
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return httpx.Response(405 if request.method == "HEAD" else 200)

    urls = [f"https://host{i}.test/" for i in range(6)]
    checks = check_urls(
        urls,
        LinkPolicy(concurrency=2, per_host_delay=0.0),
        transport=httpx.MockTransport(handler),
        destination=_anywhere,
    )
    assert peak == 2
    assert methods.count("HEAD") == 6 and methods.count("GET") == 6
    assert {c.status for c in checks.values()} == {"ok"}


def test_each_url_is_checked_once() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Host"] + request.url.raw_path.decode())
        return httpx.Response(200)

    url = "https://a.test/x"
    records = [_record("a", [url]), _record("b", [url])]
    findings = link_findings(
        records,
        LinkPolicy(per_host_delay=0.0),
        transport=httpx.MockTransport(handler),
        destination=_anywhere,
    )
    assert seen == ["a.test/x"]
    assert [f.paper_id for f in findings] == ["a", "b"]
