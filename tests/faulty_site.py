"""The fixture site as tests need it: its state changed (files hidden, replaced, rows injected, a
route withdrawn, robots.txt) and faults injected (what a failing or hostile Documents Online sends).

The replay itself (:class:`ipcw.fixtures.ReplaySite`) is product code, behind ``--source fixtures``;
all of this is the tests' own.
"""

from __future__ import annotations

import functools
import gzip
import html
import re
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


class _Endless(list[dict[str, Any]]):
    """Rows that never run out: any page of them is the first one again, and their total is huge."""

    def __len__(self) -> int:
        return 10**9

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list.__getitem__(self, slice(0, (index.stop or 0) - (index.start or 0)))
        return list.__getitem__(self, index)


@dataclass
class FaultySite(ReplaySite):
    """The replay, in the state a test sets, spoiling the requests its :attr:`faults` match."""

    faults: list[Fault] = field(default_factory=list)
    xml_enabled: bool = True  # False: the XML endpoint answers 404, as if withdrawn
    robots_txt: str | None = None  # None: no robots.txt (404)
    hidden: set[str] = field(default_factory=set)  # file paths not published yet (lower case)
    injected: list[dict[str, Any]] = field(default_factory=list)  # rows listed whatever the query
    endless: bool = False  # the listing's total never runs out: every page repeats the first one
    form_action: str | None = None  # where the results page's form posts to (default: itself)
    download_delay: float = 0.0  # seconds each download takes
    replaced: dict[str, bytes] = field(default_factory=dict)  # newer file contents, by lower-case path

    def matching(self, query: str) -> list[dict[str, Any]]:
        found = [
            {**r, "files": {lang: p for lang, p in r["files"].items() if p.lower() not in self.hidden}}
            for r in super().matching(query)
        ] + self.injected
        return _Endless(found) if self.endless else found

    def file_bytes(self, filename: str, path: Path) -> bytes | None:
        if filename in self.hidden:
            return None
        return self.replaced.get(filename) or super().file_bytes(filename, path)

    def _state(self, request: httpx.Request) -> httpx.Response | None:
        """The answer the site's state gives instead of the replay's, if any."""
        path = request.url.path.lower()
        if path == "/robots.txt" and self.robots_txt is not None:
            return httpx.Response(200, text=self.robots_txt, headers={"Content-Type": "text/plain"})
        if path == "/dol2fe/pages/ss/getxmlresults.aspx" and not self.xml_enabled:
            return httpx.Response(404, text="<html><body>The resource cannot be found.</body></html>")
        if path == "/dol2fe/pages/ss/directdoc.aspx" and self.download_delay:
            time.sleep(self.download_delay)
        return None

    def _moved_form(self, response: httpx.Response) -> httpx.Response:
        """A results page whose form posts to :attr:`form_action`."""
        page = re.sub(
            r'(<form[^>]*action=")[^"]*', lambda m: m[1] + html.escape(self.form_action or ""), response.text
        )
        return httpx.Response(
            response.status_code, text=page, headers={"Content-Type": "text/html; charset=utf-8"}
        )

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
        response = self._state(request) or super().respond(request)
        if self.form_action and request.url.path.lower() == "/dol2fe/pages/fe_search/fe_s_s006.aspx":
            response = self._moved_form(response)
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
