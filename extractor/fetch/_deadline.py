"""A deadline for a whole HTTP request, enforced on every socket operation.

``httpx`` timeouts bound each connect, read and write, so a server that sends one byte a
second keeps a request alive for as long as it likes. Here the network layer under httpx
(an ``httpcore`` network backend) gives each socket operation at most the time left before
the deadline and fails once it has passed, so headers and body together are bounded. The
host name is looked up in a daemon thread that is given up on at the deadline (a system
resolver cannot be interrupted), and its addresses are tried in turn.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import typing
from collections.abc import Callable

import httpcore
import httpx

Clock = Callable[[], float]


class Deadline:
    """The clock time by which the current request must be over (None: no deadline)."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.at: float | None = None

    def passed(self) -> bool:
        return self.at is not None and self.clock() >= self.at

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The timeout for one socket operation: ``timeout`` or the time left, if shorter;
        ``error`` once the deadline has passed."""
        if self.at is None:
            return timeout
        left = self.at - self.clock()
        if left <= 0:
            raise error("the request's deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


def resolve_within(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of ``host``, looked up in a daemon thread; ``httpcore.ConnectTimeout``
    when the lookup takes longer than ``timeout``, ``httpcore.ConnectError`` when it fails."""
    found: list[str] = []
    failure: list[OSError] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except OSError as error:
            failure.append(error)
        done.set()

    threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    if not done.wait(timeout):
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if failure or not found:
        raise httpcore.ConnectError(
            f"cannot resolve {host} ({failure[0] if failure else 'no address'})"
        )
    return found


class _Backend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend, deadline: Deadline) -> None:
        self._backend, self._deadline = backend, deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_within(
            host, port, self._deadline.left(timeout, httpcore.ConnectTimeout)
        )
        for number, address in enumerate(addresses, start=1):
            left = self._deadline.left(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._backend.connect_tcp(
                    address, port, left, local_address, socket_options
                )
            except httpcore.ConnectError:
                if number == len(addresses):
                    raise
                continue
            return _Stream(stream, self._deadline)
        raise httpcore.ConnectError(f"{host} has no address")  # pragma: no cover

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_unix_socket(path, left, socket_options)
        return _Stream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def enforce(client: httpx.Client, deadline: Deadline) -> None:
    """Make every real-network transport of ``client`` (its own and the proxy ones httpx
    mounts from the environment) keep ``deadline``. Injected test transports are left as
    they are.

    httpx has no public way to pass a network backend, so this sets the one of each
    transport's ``httpcore`` pool; ``tests/test_fetch_deadline.py`` fails if that breaks.
    """
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        if isinstance(transport, httpx.HTTPTransport):
            pool = transport._pool
            pool._network_backend = _Backend(pool._network_backend, deadline)
