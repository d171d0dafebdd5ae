"""The fixture site behind a real loopback HTTP server, for end-to-end runs over real sockets."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from typing import cast

import httpx

from ipcw.fixtures import ReplaySite


class _Handler(BaseHTTPRequestHandler):
    site: ReplaySite

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = httpx.Request(
            self.command,
            f"http://{self.headers.get('Host', 'localhost')}{self.path}",
            headers=dict(self.headers),
            content=body,
        )
        response = self.site.handle(request)
        self.send_response(response.status_code)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        # The body as the site sent it (still gzip-encoded where it is); a streamed body as it comes.
        stream = response.stream
        if isinstance(stream, httpx.ByteStream):
            body = b"".join(stream)
            chunks: Iterable[bytes] = [body]
            size: str | None = str(len(body))
        else:
            chunks = cast(Iterable[bytes], stream)
            size = None
        # A "short" fault announces more than it sends: send its length, then close early.
        announced = response.headers.get("Content-Length") or size
        if announced is not None:
            self.send_header("Content-Length", announced)
        if size is None or announced != size:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()

    do_GET = do_POST = do_HEAD = _reply

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hung up (a killed crawl, a timeout) is part of the tests, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(site: ReplaySite | None = None, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``site`` on a loopback socket in a thread; yields its base URL."""
    handler = type("Handler", (_Handler,), {"site": site or ReplaySite()})
    with running(_Server((host, port), handler)) as url:
        yield url


@contextmanager
def running(server: HTTPServer) -> Iterator[str]:
    """``server`` (an HTTP server bound already) serving in a thread; yields its base URL, and
    stops and closes it after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
