"""Fetching an article from an http(s) URL, with hard limits on time and size.

The standard library only (socket, ssl, http.client): urllib would follow redirects to
any scheme it knows and has no total timeout; requests/urllib3 add weight and still
leave the total timeout to the caller. Here:

- http and https only, also for every redirect hop (each hop is reported);
- a connect timeout for the name lookup and each connection, and a total timeout for
  the whole fetch, enforced by a watchdog that shuts the socket down (a server that
  trickles one byte a second is cut, and so is one that never answers);
- a size cap checked against Content-Length before reading and while reading (a 20 GB
  answer is never read past the cap), and again after decompressing gzip;
- only answers that a reader exists for: web pages, plain text, PDF and Word files
  (or an unlabelled answer whose bytes say which).

Proxies: connections go straight to the host in the URL; ``http_proxy`` and friends are
not used, so a fetch never goes somewhere the URL does not say. Certificates are
verified against the system's trust store.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from tui import __version__
from tui.sources.base import ReaderError, media_type

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_TOTAL_TIMEOUT = 30.0
MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
#: Media types read without a reader of their own: the bytes decide (see reader_for).
_UNLABELLED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_USER_AGENT = f"paradiff/{__version__} (article comparison; +text only)"
_ACCEPT = (
    "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True)
class Fetched:
    """One successful fetch: the bytes of the final answer and how they were reached."""

    url: str
    final_url: str
    redirects: tuple[str, ...]  # every URL redirected to, in order; the last is final_url
    status: int
    content_type: str
    data: bytes
    fetched_at: str  # ISO 8601, UTC, to the second
    elapsed: float  # seconds


class _Deadline:
    """The total timeout: a monotonic end time, and a watchdog that closes a socket."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise self.error()
        return left

    def error(self) -> ReaderError:
        return ReaderError(f"no complete answer within {self.seconds:g} s (timed out)")

    def watch(self, sock: socket.socket) -> threading.Timer:
        def fire() -> None:
            self.expired = True
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(max(self.end - time.monotonic(), 0.0), fire)
        timer.daemon = True
        timer.start()
        return timer


def _check_scheme(url: str, redirected: bool = False) -> tuple[str, str, int, str]:
    """``(scheme, host, port, path?query)`` of an http(s) URL, or a ReaderError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ReaderError(f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "no scheme"
        if redirected:
            raise ReaderError(f"redirected to {url} ({shown}): only http and https are followed")
        raise ReaderError(f"only http and https URLs can be read, not {shown}")
    if not parts.hostname:
        raise ReaderError("URL without a host name")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), path


def _resolve(host: str, port: int, timeout: float) -> list[tuple]:
    """Name lookup in a helper thread, so a resolver that never answers cannot hang us."""
    found: list = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    worker = threading.Thread(target=lookup, name="paradiff-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if not found:
        raise ReaderError(f"cannot resolve host {host}: no answer within {timeout:g} s")
    if isinstance(found[0], BaseException):
        raise ReaderError(f"cannot resolve host {host}") from found[0]
    return found[0]


def _connect(scheme: str, host: str, port: int, connect_timeout: float, deadline: _Deadline):
    """A connected (and for https, TLS-verified) socket to ``host``."""
    timeout = min(connect_timeout, deadline.remaining())
    last: Exception | None = None
    for family, kind, proto, _name, address in _resolve(host, port, timeout):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(min(connect_timeout, deadline.remaining()))
            sock.connect(address)
            if scheme == "https":
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            return sock
        except ssl.SSLCertVerificationError as exc:
            sock.close()
            raise ReaderError(f"TLS certificate of {host} not valid: {exc.verify_message}") from exc
        except ssl.SSLError as exc:
            sock.close()
            raise ReaderError(f"TLS error with {host}: {exc.reason or exc}") from exc
        except ReaderError:
            sock.close()
            raise
        except OSError as exc:
            sock.close()
            last = exc
    if isinstance(last, ConnectionRefusedError):
        raise ReaderError(f"connection refused by {host} port {port}") from last
    if isinstance(last, TimeoutError):
        raise ReaderError(
            f"no connection to {host} port {port} within {timeout:g} s (timed out)"
        ) from last
    reason = (last.strerror if last else None) or "no address"
    raise ReaderError(f"cannot connect to {host} port {port}: {reason}") from last


def _accept_type(content_type: str, url: str, readable: Callable[[str], bool]) -> None:
    kind = media_type(content_type)
    if readable(kind) or kind.startswith("text/") or kind in _UNLABELLED:
        return
    raise ReaderError(f"not a web page, text or document: {url} is {kind}")


def _body(response: http.client.HTTPResponse, max_bytes: int, deadline: _Deadline) -> bytes:
    """The answer's body, read in chunks against the deadline and the size cap."""
    limit = f"over {max_bytes / 2**20:g} MiB"
    declared = response.getheader("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise ReaderError(f"too large ({int(declared) / 2**20:.0f} MiB, {limit})")
    chunks: list[bytes] = []
    size = 0
    while True:
        deadline.remaining()
        chunk = response.read1(_CHUNK)
        if deadline.expired:
            raise deadline.error()
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise ReaderError(f"too large ({limit})")
        chunks.append(chunk)
    data = b"".join(chunks)
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(
            zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS
        )
        try:
            data = inflater.decompress(data, max_bytes + 1)
        except zlib.error as exc:
            raise ReaderError(f"damaged {encoding} answer") from exc
        if len(data) > max_bytes or inflater.unconsumed_tail:
            raise ReaderError(f"too large once decompressed ({limit})")
    elif encoding != "identity":
        raise ReaderError(f"answer in an unsupported encoding ({encoding})")
    return data


def _request(
    url: str,
    max_bytes: int,
    connect_timeout: float,
    deadline: _Deadline,
    redirected: bool,
    readable: Callable[[str], bool],
):
    """One request: ``("redirect", location)`` or ``("done", status, content_type, data)``."""
    scheme, host, port, path = _check_scheme(url, redirected)
    sock = _connect(scheme, host, port, connect_timeout, deadline)
    watchdog = deadline.watch(sock)
    connection = http.client.HTTPConnection(host, port)
    connection.sock = sock  # already connected (and verified): http.client only talks
    try:
        sock.settimeout(deadline.remaining())
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in (
            ("User-Agent", _USER_AGENT),
            ("Accept", _ACCEPT),
            ("Accept-Encoding", "gzip"),
            ("Connection", "close"),
        ):
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        if response.status in _REDIRECTS and response.getheader("Location"):
            return ("redirect", urljoin(url, response.getheader("Location", "").strip()))
        if not 200 <= response.status < 300:
            where = f" at {url}" if redirected else ""
            raise ReaderError(f"HTTP {response.status} {response.reason}{where}".strip())
        content_type = response.getheader("Content-Type", "")
        _accept_type(content_type, url, readable)
        return ("done", response.status, content_type, _body(response, max_bytes, deadline))
    except ReaderError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        if deadline.expired or isinstance(exc, TimeoutError):
            raise deadline.error() from exc
        if isinstance(exc, http.client.IncompleteRead | ConnectionResetError):
            raise ReaderError(
                f"connection to {host} closed before the answer was complete"
            ) from exc
        if isinstance(exc, http.client.HTTPException):
            raise ReaderError(f"not a valid HTTP answer from {host}") from exc
        raise ReaderError(f"reading from {host} failed: {exc.strerror or exc}") from exc
    finally:
        watchdog.cancel()
        connection.close()


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    readable: Callable[[str], bool] = lambda media_type: False,
) -> Fetched:
    """Fetch ``url`` (http or https), following redirects to http(s) only.

    Raises :class:`ReaderError` with a one-line reason for a bad URL, a failed name
    lookup, a refused or timed-out connection, an HTTP error status, an answer larger
    than ``max_bytes``, or one of a media type nobody reads: only ``text/*``, unlabelled
    answers and the media types ``readable`` says yes to are read (the sources package
    passes the ones a reader claims).
    """
    started = time.monotonic()
    deadline = _Deadline(total_timeout)
    current = url.strip()
    hops: list[str] = []
    while True:
        outcome = _request(current, max_bytes, connect_timeout, deadline, bool(hops), readable)
        if outcome[0] == "done":
            _, status, content_type, data = outcome
            return Fetched(
                url=url,
                final_url=current,
                redirects=tuple(hops),
                status=status,
                content_type=content_type,
                data=data,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                elapsed=time.monotonic() - started,
            )
        target = outcome[1]
        if target == current or target in hops:
            raise ReaderError(f"redirect loop at {target}")
        if len(hops) >= max_redirects:
            raise ReaderError(f"too many redirects (over {max_redirects})")
        _check_scheme(target, redirected=True)
        hops.append(target)
        current = target
