"""The fixture site with faults injected: what a failing or hostile Documents Online may send.

The replay itself (:class:`ipcw.fixtures.ReplaySite`) is product code, behind ``--source fixtures``;
the faults are the tests' own.
"""

from __future__ import annotations

import functools
import gzip
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx

from ipcw.fixtures.replay import LOGIN_PAGE, ReplaySite


@dataclass
class Fault:
    """A fault the site injects into the requests whose path and query contain ``match``.

    Kinds: ``status`` (answer ``status``, with ``Retry-After`` if given), ``hang`` (wait ``seconds``
    before answering), ``truncate`` (a PDF cut in half, consistently labelled), ``short`` (announce
    the whole length, send half), ``html`` (a login page instead of the PDF), and the hostile ones:
    ``redirect`` (a 302 to ``location``), ``gzip`` (the body gzip-encoded, as a server may send it),
    ``bomb`` (a gzip body that inflates to ``size`` bytes of zeros), ``huge`` (``size`` bytes of
    zeros, announced in ``Content-Length`` unless ``announce`` is false, sent for as long as the
    client reads), ``slow`` (the body trickled out a few bytes every ``seconds``). A fault spoils
    ``times`` requests, then the site recovers.
    """

    match: str
    kind: str
    status: int = 503
    retry_after: str | None = None
    seconds: float = 0.0
    times: int = 1
    location: str = ""
    size: int = 0
    announce: bool = True


@dataclass
class FaultySite(ReplaySite):
    """The replay, spoiling the requests its :attr:`faults` match, its files replaceable."""

    faults: list[Fault] = field(default_factory=list)

    def put_file(self, file_path: str, content: bytes) -> None:
        """Replace (or publish) the file the site serves under ``file_path``."""
        self.replaced[file_path.lower()] = content
        self.hidden.discard(file_path.lower())

    def _fault(self, request: httpx.Request) -> Fault | None:
        target = (request.url.path + "?" + request.url.query.decode()).lower()
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.match.lower() in target:
                    fault.times -= 1
                    return fault
        return None

    def respond(self, request: httpx.Request) -> httpx.Response:
        fault = self._fault(request)
        if fault is not None and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return httpx.Response(fault.status, text="Service unavailable", headers=headers)
        if fault is not None and fault.kind == "hang":
            time.sleep(fault.seconds)
        response = super().respond(request)
        if fault is None:
            return response
        if fault.kind in ("truncate", "short") and response.status_code == 200:
            half = response.content[: len(response.content) // 2]
            headers = {"Content-Type": response.headers.get("Content-Type", "application/pdf")}
            if fault.kind == "short":
                headers["Content-Length"] = str(len(response.content))
            return httpx.Response(200, content=half, headers=headers)
        if fault.kind == "html":
            return httpx.Response(200, text=LOGIN_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
        if fault.kind in HOSTILE:
            return HOSTILE[fault.kind](fault, response)
        return response


def _redirect(fault: Fault, response: httpx.Response) -> httpx.Response:
    return httpx.Response(
        fault.status if 300 <= fault.status < 400 else 302, headers={"Location": fault.location}
    )


def _gzip(fault: Fault, response: httpx.Response) -> httpx.Response:
    headers = {**response.headers, "Content-Encoding": "gzip"}
    headers.pop("content-length", None)
    return httpx.Response(
        response.status_code, content=gzip.compress(response.content, mtime=0), headers=headers
    )


@functools.lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """A gzip stream about a thousandth of ``size`` long that inflates to ``size`` bytes of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    zeros = bytes(1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(size >> 20)) + packer.flush()


def _bomb(fault: Fault, response: httpx.Response) -> httpx.Response:
    headers = {"Content-Type": "application/pdf", "Content-Encoding": "gzip"}
    return httpx.Response(200, content=gzip_bomb(fault.size), headers=headers)


def _huge(fault: Fault, response: httpx.Response) -> httpx.Response:
    def zeros() -> Iterator[bytes]:
        chunk = b"%PDF-1.4\n" + bytes(65536 - 9)
        for _ in range(fault.size // len(chunk)):
            yield chunk

    headers = {"Content-Type": "application/pdf"}
    if fault.announce:
        headers["Content-Length"] = str(fault.size)
    return httpx.Response(200, content=zeros(), headers=headers)


def _slow(fault: Fault, response: httpx.Response) -> httpx.Response:
    body = response.content

    def trickle() -> Iterator[bytes]:
        for at in range(0, len(body), 64):
            time.sleep(fault.seconds)
            yield body[at : at + 64]

    headers = {"Content-Type": response.headers.get("Content-Type", ""), "Content-Length": str(len(body))}
    return httpx.Response(response.status_code, content=trickle(), headers=headers)


#: The hostile fault kinds: each turns the site's answer into what a hostile server would send.
HOSTILE: dict[str, Callable[[Fault, httpx.Response], httpx.Response]] = {
    "redirect": _redirect,
    "gzip": _gzip,
    "bomb": _bomb,
    "huge": _huge,
    "slow": _slow,
}
