"""``audit --check-urls`` asks only where it belongs (issue 13): loopback, private,
link-local and other non-public addresses are refused before any connection, redirects are
checked hop by hop, the request goes to the address that was checked, and every request
and the whole run are bounded in time.

Only 127.0.0.1 is ever contacted. Refusals of other addresses are checked with a transport
that records any request it is given (none may be) and a resolver seam, so nothing leaves
the host even if the guard were broken.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from extractor.audit import AddressGuard, LinkPolicy, address_refusal, check_urls
from extractor.cli import main
from extractor_schemas import Link, PaperRecord, Span

ALLOWED = LinkPolicy(timeout=2.0, per_host_delay=0.0, allow_private=True)
DEFAULT = LinkPolicy(timeout=2.0, per_host_delay=0.0)


class _Server:
    """A real server on 127.0.0.1 that records what it was asked (path and Host)."""

    def __init__(self, redirects: dict[str, str] | None = None) -> None:
        self.seen: list[tuple[str, str]] = []
        server = self
        redirects = redirects or {}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                server.seen.append((self.path, self.headers.get("Host", "")))
                if self.path == "/trickle":
                    with contextlib.suppress(OSError):
                        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                        for n in range(60):
                            self.wfile.write(b"X-Slow-%d: 1\r\n" % n)
                            self.wfile.flush()
                            time.sleep(0.25)
                    return
                target = redirects.get(self.path)
                self.send_response(302 if target else 200)
                if target:
                    self.send_header("Location", target.format(port=server.port))
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def inner() -> Iterator[_Server]:
    """The server a hostile link would like to reach (an internal service)."""
    server = _Server()
    yield server
    server.close()


@pytest.fixture
def outer(inner: _Server) -> Iterator[_Server]:
    """A server tests treat as public, redirecting to places it should not send us."""
    server = _Server(
        {
            "/to-loopback": f"{inner.url}/secret",
            "/to-localhost": f"http://localhost:{inner.port}/secret",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-mapped": "http://[::ffff:10.0.0.1]/admin",
            "/to-file": "file:///etc/passwd",
            "/to-self": "http://public.test:{port}/ok",
        }
    )
    yield server
    server.close()


class _Recorder:
    """A transport that records any request it is given and answers 200."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200)


HOSTILE = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/admin",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[::]/",
    "http://[::1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[2002:a00:1::]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://127.0.0.1:1/x",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://localhost/",
    "http://metadata.internal/computeMetadata/v1/",
]


def test_non_public_addresses_are_refused_before_any_connection() -> None:
    recorder, asked = _Recorder(), []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return {"metadata.internal": ["8.8.8.8", "169.254.169.254"]}.get(host, ["127.0.0.1"])

    checks = check_urls(
        HOSTILE, DEFAULT, transport=recorder.transport, destination=AddressGuard(resolve=resolve)
    )
    assert recorder.requests == []
    assert {url: c.status for url, c in checks.items()} == dict.fromkeys(HOSTILE, "refused")
    assert checks[HOSTILE[0]].detail == "link-local address 169.254.169.254; not requested"
    assert "loopback address 127.0.0.1" in checks["http://127.1/"].detail
    assert checks["http://metadata.internal/computeMetadata/v1/"].detail == (
        "metadata.internal resolves to link-local address 169.254.169.254; not requested"
    )
    assert "127.1" in asked and "localhost" in asked  # odd spellings go to the resolver


def test_the_system_resolver_refuses_localhost_and_odd_loopback_spellings(
    inner: _Server,
) -> None:
    urls = [f"http://{host}:{inner.port}/ok" for host in ("127.0.0.1", "127.1", "localhost")]
    checks = check_urls(urls, DEFAULT)
    assert [c.status for c in checks.values()] == ["refused"] * 3
    assert inner.seen == []


def test_a_port_scan_finds_nothing_and_costs_nothing() -> None:
    recorder = _Recorder()
    urls = [f"http://127.0.0.1:{port}/x" for port in range(20000, 22000)]
    started = time.monotonic()
    checks = check_urls(urls, LinkPolicy(deadline=10.0), transport=recorder.transport)
    assert time.monotonic() - started < 10  # a refused URL takes no turn of its host
    assert {c.status for c in checks.values()} == {"refused"} and recorder.requests == []


def test_private_hosts_are_asked_with_the_flag(inner: _Server) -> None:
    checks = check_urls([f"{inner.url}/ok"], ALLOWED)
    assert checks[f"{inner.url}/ok"].status == "ok"
    assert inner.seen == [("/ok", f"127.0.0.1:{inner.port}")]
    assert address_refusal("0.0.0.0", allow_private=True) is not None  # never, even then


async def _public_test(host: str, port: int) -> list[str]:
    """The resolver seam: ``public.test`` is a public host (at the outer server, really);
    every other host goes through the default guard."""
    if host == "public.test":
        return ["127.0.0.1"]
    addresses = await AddressGuard()(host, port)
    assert set(addresses) <= {"127.0.0.1", "::1"}, "a test must never connect beyond loopback"
    return addresses


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/to-loopback", "loopback address 127.0.0.1; not requested"),
        ("/to-localhost", "localhost resolves to loopback address"),
        ("/to-metadata", "link-local address 169.254.169.254; not requested"),
        ("/to-mapped", "private address 10.0.0.1 (as ::ffff:a00:1)"),
        ("/to-file", "redirected to a non-http(s) URL (file:)"),
    ],
)
def test_a_redirect_from_a_public_host_to_a_private_one_is_refused(
    outer: _Server, inner: _Server, path: str, detail: str
) -> None:
    url = f"http://public.test:{outer.port}{path}"
    checks = check_urls([url], DEFAULT, destination=_public_test)
    assert checks[url].status == "refused"
    assert detail in checks[url].detail
    assert inner.seen == []  # the internal service was never asked
    assert outer.seen == [(path, f"public.test:{outer.port}")]  # HEAD, not retried as GET


def test_the_request_goes_to_the_checked_address_with_the_host_name(outer: _Server) -> None:
    """The connection is made to the address the guard returned; the server still sees the
    URL's host name (so virtual hosts and, for https, certificates work)."""
    url = f"http://public.test:{outer.port}/to-self"
    check = check_urls([url], DEFAULT, destination=_public_test)[url]
    assert (check.status, check.final_url) == ("redirected", f"http://public.test:{outer.port}/ok")
    assert outer.seen == [
        ("/to-self", f"public.test:{outer.port}"),
        ("/ok", f"public.test:{outer.port}"),
    ]


def test_trickled_headers_cannot_hold_a_check_past_its_timeout(inner: _Server) -> None:
    started = time.monotonic()
    checks = check_urls([f"{inner.url}/trickle"], LinkPolicy(timeout=1.0, allow_private=True))
    assert time.monotonic() - started < 2.5
    assert checks[f"{inner.url}/trickle"].detail == "timed out after 1s"


def test_the_run_ends_at_its_deadline_and_says_what_was_not_checked(inner: _Server) -> None:
    urls = [f"{inner.url}/ok{i}" for i in range(6)]  # one host: paced one a second
    policy = LinkPolicy(timeout=1.0, per_host_delay=1.0, deadline=1.5, allow_private=True)
    done: list[str] = []
    started = time.monotonic()
    checks = check_urls(urls, policy, on_result=lambda check: done.append(check.url))
    assert time.monotonic() - started < 2.5
    statuses = [checks[u].status for u in urls]
    assert statuses[:2] == ["ok", "ok"] and set(statuses[2:]) == {"unchecked"}
    assert checks[urls[-1]].detail == "the 1.5 s deadline passed"
    assert sorted(done) == sorted(urls)  # progress heard of every URL
    assert len(inner.seen) == 2


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.mark.parametrize(
    ("answers", "status", "sleeps"),
    [
        ([503, 502, 200], "ok", [1.0, 2.0]),  # the fetchers' backoff
        ([(429, "7"), 200], "ok", [7.0]),  # Retry-After when longer
        ([(429, "3600")], "unreachable", []),  # too long: not waited for
        ([503, 503, 503, 200], "unreachable", [1.0, 2.0]),  # 2 retries, then the answer
    ],
)
def test_429_and_5xx_are_asked_again_with_backoff(
    answers: list[Any], status: str, sleeps: list[float]
) -> None:
    queue = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        answer = next(queue)
        code, after = answer if isinstance(answer, tuple) else (answer, None)
        return httpx.Response(code, headers={"Retry-After": after} if after else {})

    clock = FakeClock()
    check = check_urls(
        ["https://a.test/x"],
        LinkPolicy(per_host_delay=0.0),
        transport=httpx.MockTransport(handle),
        clock=clock,
        sleep=clock.sleep,
        destination=_public_test_any,
    )["https://a.test/x"]
    assert (check.status, clock.sleeps) == (status, sleeps)


async def _public_test_any(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]  # with a mock transport: nothing connects


def _records_file(tmp_path: Path, urls: list[str]) -> Path:
    text = "Code: " + " and ".join(urls)
    links = []
    for url in urls:
        start = text.index(url)
        span = Span(start=start, end=start + len(url), text=url)
        links.append(Link(url=url, kind="code", span=span))
    path = tmp_path / "records.jsonl"
    record = PaperRecord(id="p", text=text, code_urls=links)
    path.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    return path


def test_cli_refuses_loopback_by_default_and_asks_with_the_flag(
    inner: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records_file(tmp_path, [f"{inner.url}/ok", f"http://127.1:{inner.port}/x"])
    argv = ["audit", str(records), "--check-urls", "--format", "json", "--links-deadline", "20"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    findings = [json.loads(line) for line in out.splitlines()]
    assert [(f["code"], f["severity"]) for f in findings] == [("A605", "warning")] * 2
    assert "loopback address 127.0.0.1; not requested" in findings[0]["message"]
    assert inner.seen == []
    assert err.startswith("extractor: checking 2 code links (at most 20 s)")
    assert main([*argv, "--allow-private-hosts", "--no-progress"]) == 0
    codes = [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()]
    assert codes == ["A601", "A601"]
    assert sorted(inner.seen) == [
        ("/ok", f"127.0.0.1:{inner.port}"),
        ("/x", f"127.1:{inner.port}"),
    ]


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, ssl.SSLContext]]:
    """An https server on 127.0.0.1 whose certificate names only ``public.test``, and a
    client context that trusts that certificate."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=public.test", "-addext", "subjectAltName=DNS:public.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = _Server()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    try:
        yield server.port, ssl.create_default_context(cafile=str(cert))
    finally:
        server.close()


def test_https_is_verified_against_the_host_name_not_the_address(
    tls_server: tuple[int, ssl.SSLContext],
) -> None:
    port, trust = tls_server

    async def both_here(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    urls = [f"https://public.test:{port}/ok", f"https://other.test:{port}/ok"]
    checks = check_urls(
        urls, DEFAULT, transport=httpx.AsyncHTTPTransport(verify=trust), destination=both_here
    )
    assert checks[urls[0]].status == "ok"
    assert checks[urls[1]].status == "unreachable"
    assert "certificate verify failed" in checks[urls[1]].detail


def test_a_urls_own_requests_go_before_the_next_url_of_its_host() -> None:
    """HEAD refused, then GET: each URL is finished before the next one on the same host
    starts, so a deadline leaves whole answers rather than half-checked URLs."""
    order: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        order.append(f"{request.method} {request.url.path}")
        return httpx.Response(405 if request.method == "HEAD" else 200)

    clock = FakeClock()
    checks = check_urls(
        [f"https://a.test/{i}" for i in range(3)],
        LinkPolicy(per_host_delay=1.0),
        transport=httpx.MockTransport(handle),
        clock=clock,
        sleep=clock.sleep,
        destination=_public_test_any,
    )
    assert {c.status for c in checks.values()} == {"ok"}
    assert order == ["HEAD /0", "GET /0", "HEAD /1", "GET /1", "HEAD /2", "GET /2"]
    assert clock.sleeps == [1.0] * 5


def test_the_next_checked_address_is_tried_when_one_does_not_connect(inner: _Server) -> None:
    """Like a browser, each checked address of a name is tried in turn: here 127.0.0.2,
    where nothing listens (still loopback), then the real server."""

    async def two(host: str, port: int) -> list[str]:
        return ["127.0.0.2", "127.0.0.1"] if host == "public.test" else []

    url = f"http://public.test:{inner.port}/ok"
    check = check_urls([url], DEFAULT, destination=two)[url]
    assert check.status == "ok", check
    assert inner.seen == [("/ok", f"public.test:{inner.port}")]


def test_a_hanging_name_lookup_cannot_hold_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system resolver cannot be interrupted; the check gives up on it at the timeout
    and the run does not wait for it to come back."""
    import socket

    def hang(*args: Any, **kwargs: Any) -> Any:
        time.sleep(5)
        raise socket.gaierror("too late")

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    started = time.monotonic()
    checks = check_urls(["http://slow-dns.test/x"], LinkPolicy(timeout=0.5))
    assert time.monotonic() - started < 2.0
    assert checks["http://slow-dns.test/x"].detail == "timed out after 0.5s"
