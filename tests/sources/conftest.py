"""A local web server on 127.0.0.1 for the URL reader tests (nothing reaches the network)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

DATA = Path(__file__).parent / "data"
NEWS_PAGE = (DATA / "news_page.html").read_bytes()

#: Bounds on what the endless and trickling answers send, so no server thread runs long
#: even when a test fails to stop reading.
_TRICKLE_BYTES = 400
_ENDLESS_CHUNKS = 4000


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[_Handler], None]]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)  # a client that stops reading (as it should) breaks the pipe

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _redirect(target: str) -> Callable[[_Handler], None]:
    def route(handler: _Handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _trickle(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(_TRICKLE_BYTES):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.02)


def _endless(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    chunk = b"all work and no play " * 3000
    for _ in range(_ENDLESS_CHUNKS):
        handler.wfile.write(chunk)


def _huge_declared(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(20 * 2**30))
    handler.end_headers()
    handler.wfile.write(b"<html>" * 1000)


class LocalServer:
    """Routes by path; ``url(path)`` is the full URL of a route."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.routes = _Handler.routes

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = lambda handler: handler.send_body(body, content_type)
        return self.url(path)


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A ThreadingHTTPServer on 127.0.0.1 with the usual pages; stopped after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    served = LocalServer(server)
    served.routes.clear()
    served.page("/news", NEWS_PAGE)
    served.routes["/r1"] = _redirect("/r2")
    served.routes["/r2"] = _redirect(served.url("/news"))
    served.routes["/to-ftp"] = _redirect("ftp://127.0.0.1/file.txt")
    served.routes["/loop"] = _redirect("/loop2")
    served.routes["/loop2"] = _redirect("/loop")
    served.routes["/trickle"] = _trickle
    served.routes["/endless"] = _endless
    served.routes["/huge"] = _huge_declared
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections (the kernel does) but never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connections are refused)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port
