"""Code links: is each URL alive? (A6xx; only when the user asks, it uses the network.)

The URLs come from abstracts, that is from text anyone can write, so a check must not
become a way to reach the machine's own network (SSRF) or to scan its ports:

- only ``http`` and ``https`` URLs are asked for;
- each host is resolved first and every address it resolves to must be public: loopback,
  link-local (169.254.0.0/16, fe80::/10, cloud metadata), private, shared, multicast,
  reserved and unspecified addresses are refused, IPv4 and IPv6 alike, and an IPv4
  address inside IPv6 (``::ffff:10.0.0.1``, 6to4, NAT64) counts as that IPv4 address.
  ``allow_private`` (``--allow-private-hosts``) lifts this for an intranet, except for
  unspecified and multicast addresses;
- the request goes to the address that was checked (the URL's host is sent as the
  ``Host`` header and as the TLS server name, so certificates are still verified against
  it): a name cannot resolve to a public address for the check and a private one for the
  connection (DNS rebinding);
- redirects are followed here, not by httpx, at most ``max_redirects`` of them, and each
  target is checked like the first URL before it is asked for;
- environment proxies are not used (a proxy would resolve the name itself).

A refused URL is never requested; its finding is A605. Each URL is asked for with
``HEAD``, then ``GET`` (headers only, the body is never read) when ``HEAD`` answers an
error status other than 429 and 5xx. At most ``concurrency`` requests run at once, at
most one at a time per host name, and requests to one host start ``per_host_delay``
seconds apart. A 429 or 5xx answer is asked again with the fetchers' backoff and
``Retry-After`` rules. Each request is over
within ``timeout`` seconds however slowly the server answers, and all the checks within
``deadline`` seconds: the URLs not done by then are reported as not checked (A606).
Tests pass an ``httpx`` transport, a fake clock and a ``destination`` function.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Literal

import httpx

from extractor.audit._findings import Finding, finding
from extractor.fetch._http import RETRY_STATUSES, retry_after_seconds
from extractor_schemas import PaperRecord

LinkStatus = Literal["ok", "redirected", "not_found", "unreachable", "refused", "unchecked"]
_CODES: dict[LinkStatus, str] = {
    "ok": "A601",
    "redirected": "A602",
    "not_found": "A603",
    "unreachable": "A604",
    "refused": "A605",
    "unchecked": "A606",
}
_WORDS: dict[LinkStatus, str] = {"not_found": "not found", "unchecked": "not checked"}
_NOT_FOUND = frozenset({404, 410})
USER_AGENT = "extractor-audit/0.1 (code-link check)"


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """How hard, how politely and where links are checked."""

    timeout: float = 10.0  # seconds for one request as a whole, connect to last header
    concurrency: int = 4
    per_host_delay: float = 1.0
    max_redirects: int = 10
    deadline: float = 300.0  # seconds for all the checks of a run
    retries: int = 2  # further attempts after a 429 or 5xx
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for
    allow_private: bool = False  # True: loopback, private and link-local hosts may be asked


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
#: ``(host, port)`` -> the IP addresses the host name resolves to.
Resolver = Callable[[str, int], Awaitable[list[str]]]
#: ``(host, port)`` -> the addresses that may be connected to, in the order to try them;
#: raises ``Refused`` or ``OSError``.
Destination = Callable[[str, int], Awaitable[list[str]]]


class Refused(Exception):
    """The URL may not be asked for; the message says why."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_refusal(address: str, allow_private: bool = False) -> str | None:
    """Why an IP address may not be contacted, or None when it may.

    >>> [address_refusal(a) for a in ("169.254.169.254", "::ffff:127.0.0.1", "8.8.8.8")]
    ['link-local address 169.254.169.254', 'loopback address 127.0.0.1 (as ::ffff:127.0.0.1)', None]
    >>> address_refusal("10.0.0.1", allow_private=True) is None, address_refusal("0.0.0.0", True)
    (True, 'unspecified address 0.0.0.0')
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            reason = address_refusal(str(inner), allow_private)
            return f"{reason} (as {address})" if reason else None
    if ip.is_unspecified:
        return f"unspecified address {address}"
    if ip.is_multicast:
        return f"multicast address {address}"
    if allow_private:
        return None
    kinds = [
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    ]
    return next((f"{kind} address {address}" for kind, bad in kinds if bad), None)


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``, in its order.

    The lookup runs in a daemon thread of its own rather than in the event loop's executor:
    a resolver that hangs cannot be interrupted, and ``asyncio.run`` would wait for the
    executor's threads at the end, past every deadline.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[list[str]] = loop.create_future()

    def settle(result: list[str] | None, error: OSError | None) -> None:
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result or [])

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            result, error = list(dict.fromkeys(str(i[4][0]) for i in infos)), None
        except OSError as e:
            result, error = None, e
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    return await future


class AddressGuard:
    """The default ``Destination``: resolve, refuse the host if any of its addresses may
    not be contacted, else its addresses in the resolver's order."""

    def __init__(self, allow_private: bool = False, resolve: Resolver = system_resolver) -> None:
        self.allow_private = allow_private
        self.resolve = resolve

    async def __call__(self, host: str, port: int) -> list[str]:
        try:
            addresses = [str(ipaddress.ip_address(host))]
            named = ""
        except ValueError:  # a name, or an odd IPv4 spelling (127.1): the resolver decides
            addresses = await self.resolve(host, port)
            named = f"{host} resolves to "
        if not addresses:
            raise OSError(f"{host} has no address")
        for address in addresses:
            reason = address_refusal(address, self.allow_private)
            if reason is not None:
                raise Refused(f"{named}{reason}; not requested")
        return addresses


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


class _RequestTimeout(Exception):
    """One request took longer than the policy's timeout as a whole."""


@dataclass
class _Answer:
    """The last answer of a redirect chain, the statuses before it and where it ended."""

    status: int
    history: list[int]
    final_url: str


class _Checker:
    """Checks URLs with one client, one pacer and one concurrency limit."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        policy: LinkPolicy,
        destination: Destination,
        clock: Clock,
        sleep: Sleep,
        ends_at: float,
    ) -> None:
        self.client, self.policy, self.destination = client, policy, destination
        self.pacer = _HostPacer(policy.per_host_delay, clock, sleep)
        self.limit = asyncio.Semaphore(policy.concurrency)
        self.checking: dict[str, asyncio.Lock] = {}  # one URL per host name at a time
        self.sleep = sleep
        self.ends_at = ends_at  # the event loop's time when every check must be over

    async def check(self, url: str) -> LinkCheck:
        try:
            async with asyncio.timeout_at(self.ends_at):
                return await self._check(url)
        except TimeoutError:
            return LinkCheck(url, "unchecked", f"the {self.policy.deadline:g} s deadline passed")

    async def _check(self, url: str) -> LinkCheck:
        try:
            target = httpx.URL(url)
            if target.scheme not in ("http", "https") or not target.host:
                return LinkCheck(url, "refused", "not an http(s) URL; not requested")
            # A URL's requests (HEAD, GET, redirects) go before the next URL of its host.
            async with self.checking.setdefault(target.host.lower(), asyncio.Lock()):
                answer = await self._follow("HEAD", target)
                if answer.status >= 400 and answer.status not in RETRY_STATUSES:
                    answer = await self._follow("GET", target)  # some servers refuse HEAD
        except Refused as refused:
            return LinkCheck(url, "refused", str(refused))
        except (_RequestTimeout, httpx.TimeoutException):
            return LinkCheck(url, "unreachable", f"timed out after {self.policy.timeout:g}s")
        except httpx.TooManyRedirects:
            return LinkCheck(url, "unreachable", "too many redirects")
        except OSError as error:  # the name does not resolve
            return LinkCheck(url, "unreachable", f"cannot resolve ({error})")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return LinkCheck(url, "unreachable", f"{type(error).__name__}: {error}".rstrip(": "))
        return _classify(url, answer)

    async def _follow(self, method: str, url: httpx.URL) -> _Answer:
        """Ask for ``url``, following redirects one checked hop at a time."""
        history: list[int] = []
        for _ in range(self.policy.max_redirects + 1):
            response = await self._send(method, url)
            location = response.headers.get("Location")
            if not (response.is_redirect and location):
                return _Answer(response.status_code, history, str(url))
            history.append(response.status_code)
            url = url.join(location)
            if url.scheme not in ("http", "https"):
                raise Refused(f"redirected to a non-http(s) URL ({url.scheme}:); not requested")
        raise httpx.TooManyRedirects("too many redirects")

    async def _send(self, method: str, url: httpx.URL) -> httpx.Response:
        """One request (no redirect followed), asked again after a 429 or 5xx."""
        p = self.policy
        for attempt in range(p.retries + 1):
            response = await self._once(method, url)
            if response.status_code not in RETRY_STATUSES or attempt == p.retries:
                return response
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None and asked > p.max_retry_after:
                return response
            wait = max(asked or 0.0, min(p.max_backoff, p.backoff * 2**attempt))
            if asyncio.get_running_loop().time() + wait >= self.ends_at:
                return response
            await self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(self, method: str, url: httpx.URL) -> httpx.Response:
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:  # checked before it takes a turn: a refused URL costs its host no time
            async with self.limit, asyncio.timeout(self.policy.timeout):
                addresses = await self.destination(host, port)  # Refused: never asked
        except TimeoutError:
            raise _RequestTimeout from None
        async with self.pacer.turn(host.lower()), self.limit:
            try:
                async with asyncio.timeout(self.policy.timeout):
                    return await self._connect(method, url, host, addresses)
            except TimeoutError:
                raise _RequestTimeout from None

    async def _connect(
        self, method: str, url: httpx.URL, host: str, addresses: list[str]
    ) -> httpx.Response:
        """Ask at the checked addresses in turn (as a browser tries each address of a
        name) until one connects."""
        for number, address in enumerate(addresses, start=1):
            request = self.client.build_request(
                method,
                url.copy_with(host=address),  # an address just checked
                headers={"Host": url.netloc.decode("ascii")},
                extensions={"sni_hostname": host} if url.scheme == "https" else {},
            )
            try:
                response = await self.client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ConnectTimeout):
                if number == len(addresses):
                    raise
                continue
            await response.aclose()  # headers only: the body is never read
            return response
        raise OSError(f"{host} has no address")


def _classify(url: str, answer: _Answer) -> LinkCheck:
    code, final = answer.status, answer.final_url
    if code in _NOT_FOUND:
        return LinkCheck(url, "not_found", f"HTTP {code}", code, final)
    if code >= 400:
        return LinkCheck(url, "unreachable", f"HTTP {code}", code, final)
    if answer.history:
        hops = " -> ".join(str(c) for c in (*answer.history, code))
        return LinkCheck(url, "redirected", f"{hops}, now {final}", code, final)
    return LinkCheck(url, "ok", f"HTTP {code}", code, final)


async def check_urls_async(
    urls: Iterable[str],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    destination: Destination | None = None,
    on_result: Callable[[LinkCheck], None] | None = None,
) -> dict[str, LinkCheck]:
    """Check each distinct URL once; returns what each answered, by URL.

    ``destination`` maps a host to the address to connect to (default: an
    ``AddressGuard`` for the policy); ``on_result`` is called as each check ends.
    """
    policy = policy or DEFAULT_POLICY
    distinct = list(dict.fromkeys(urls))
    ends_at = asyncio.get_running_loop().time() + policy.deadline
    async with httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(policy.timeout),
        follow_redirects=False,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
        headers={"User-Agent": USER_AGENT},
    ) as client:
        checker = _Checker(
            client,
            policy,
            destination or AddressGuard(policy.allow_private),
            clock,
            sleep,
            ends_at,
        )

        async def run(url: str) -> LinkCheck:
            check = await checker.check(url)
            if on_result is not None:
                on_result(check)
            return check

        checks = await asyncio.gather(*(run(u) for u in distinct))
    return {check.url: check for check in checks}


def check_urls(
    urls: Iterable[str],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    destination: Destination | None = None,
    on_result: Callable[[LinkCheck], None] | None = None,
) -> dict[str, LinkCheck]:
    """:func:`check_urls_async`, run to completion."""
    return asyncio.run(
        check_urls_async(
            urls,
            policy,
            transport=transport,
            clock=clock,
            sleep=sleep,
            destination=destination,
            on_result=on_result,
        )
    )


def link_urls(records: Iterable[PaperRecord]) -> list[str]:
    """The distinct code-link URLs of the records, in order."""
    return list(dict.fromkeys(link.url for record in records for link in record.code_urls))


def link_findings(
    records: Iterable[PaperRecord],
    policy: LinkPolicy | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    destination: Destination | None = None,
    on_result: Callable[[LinkCheck], None] | None = None,
) -> list[Finding]:
    """A601-A606: one finding per code link of each record, saying what its URL answered."""
    records = list(records)
    checks = check_urls(
        link_urls(records),
        policy,
        transport=transport,
        clock=clock,
        sleep=sleep,
        destination=destination,
        on_result=on_result,
    )
    findings = []
    for record in records:
        for link in record.code_urls:
            check = checks[link.url]
            status = _WORDS.get(check.status, check.status)
            findings.append(
                finding(
                    record.id,
                    _CODES[check.status],
                    f"{link.url}: {status} ({check.detail})",
                    [link.span],
                )
            )
    return findings
