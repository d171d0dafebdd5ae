"""The polite HTTP client: one request at a time, a delay between requests, bounded retries, and
limits on what the site can make it do.

Retries (tenacity) cover timeouts, connection errors, 429 and 5xx, with exponential backoff and
jitter, and honour ``Retry-After``; other 4xx answers are returned at once. When the site slows
down (a retry was needed, or an answer took longer than ``SLOW_RESPONSE``) the delay between
requests is raised for the rest of the run. ``robots.txt``, once loaded, is obeyed for every request.

Limits, so that no answer can exhaust memory or time: a body is streamed and counted as it is
decoded (so a gzip bomb stops at the cap, not after inflating), refused beyond ``max_bytes``, and
abandoned once ``deadline`` seconds have passed since the request began, redirects and retries
included (checked as the answer arrives: a slow-loris body); redirects are followed by hand, only
within the site root, at most ``MAX_REDIRECTS`` hops and never in a loop; nothing is sent outside
the site root.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Protocol

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from ipcw.errors import FetchError
from ipcw.harvester import site
from ipcw.harvester.site import RobotsPolicy

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_DELAY = 30.0  # seconds: the most the politeness delay grows to
SLOW_RESPONSE = 5.0  # seconds: an answer slower than this raises the delay
MAX_BACKOFF = 60.0  # seconds: the longest exponential wait
MAX_RETRY_AFTER = 300.0  # seconds: a longer Retry-After is capped, not obeyed blindly
MAX_REDIRECTS = 5  # hops followed for one request
MB = 1_000_000


@dataclass(frozen=True)
class Fetched:
    """One whole answer of the site, read within the limits."""

    method: str
    url: str  # where the answer came from, after redirects
    status_code: int
    headers: httpx.Headers
    content: bytes = b""  # the body, decoded (any Content-Encoding undone)
    received: int = 0  # bytes received on the wire, before decoding: what Content-Length counts

    @property
    def text(self) -> str:
        charset = self.headers.get("Content-Type", "").partition("charset=")[2]
        try:
            return self.content.decode(charset.strip() or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")


class Fetcher(Protocol):
    """What the crawl needs of an HTTP client."""

    max_attempts: int

    def load_robots(self, base_url: str) -> RobotsPolicy: ...

    def get(
        self, url: str, headers: dict[str, str] | None = None, max_bytes: int | None = None
    ) -> Fetched: ...

    def post(self, url: str, data: dict[str, str]) -> Fetched: ...


@dataclass(frozen=True)
class _Request:
    """One request to make: where it goes now, and its limits (cap in bytes, deadline on the clock)."""

    method: str
    url: str
    headers: dict[str, str]
    data: dict[str, str] | None
    cap: int
    deadline: float


class _Refused(FetchError):
    """An answer the client will not take, whatever the retries: too large, redirected off the site."""


class _RetryableStatus(Exception):
    def __init__(self, response: Fetched) -> None:
        self.response = response
        super().__init__(f"HTTP {response.status_code}")


def _identity(response: httpx.Response) -> bool:
    """Whether the body came as it is (no ``Content-Encoding`` to undo)."""
    return response.headers.get("Content-Encoding", "identity").strip().lower() in ("", "identity")


class _DeadlineExceeded(FetchError):
    """The whole request took longer than its deadline (a body trickled out, a slow loris)."""


def _retry_after(response: Fetched) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), MAX_RETRY_AFTER)


class Clock(Protocol):
    """Time as the client sees it: a monotonic reading in seconds, and a way to wait. Tests pass a
    fake one, so delays, retries and ``Retry-After`` cost them no time."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass
class PoliteClient:
    """An :class:`httpx.Client` wrapped with politeness, retries and limits. Implements :class:`Fetcher`.

    ``site_root`` (``https://docs.wto.org``) is where requests may go and redirects may lead; empty,
    anywhere. ``max_bytes`` caps a body (``get`` takes a larger cap for PDFs), ``deadline`` the
    seconds one request may take in all, body included.
    """

    client: httpx.Client
    delay: float = 1.0
    max_attempts: int = 5
    backoff: float = 1.0  # first retry wait in seconds; doubles each attempt, with jitter
    clock: Clock = field(default_factory=SystemClock)
    site_root: str = ""
    max_bytes: int = 20 * MB
    deadline: float = 600.0
    robots: RobotsPolicy = field(default_factory=RobotsPolicy)
    _last: float | None = field(default=None, repr=False)

    @property
    def user_agent(self) -> str:
        return str(self.client.headers.get("User-Agent", ""))

    def load_robots(self, base_url: str) -> RobotsPolicy:
        """Fetch and obey ``/robots.txt``; a missing one (any non-200 answer) allows everything."""
        url = site.robots_url(base_url)
        response = self._send("GET", url)
        text = (
            response.text
            if response.status_code == 200 and "html" not in response.headers.get("Content-Type", "")
            else ""
        )
        self.robots = RobotsPolicy(text)
        if text:
            log.info("obeying %s", url)
        return self.robots

    def get(self, url: str, headers: dict[str, str] | None = None, max_bytes: int | None = None) -> Fetched:
        return self._send("GET", url, headers=headers or {}, max_bytes=max_bytes)

    def post(self, url: str, data: dict[str, str]) -> Fetched:
        return self._send("POST", url, data=data)

    def _wait_turn(self) -> None:
        if self._last is not None and self.delay > 0:
            remaining = self.delay - (self.clock.now() - self._last)
            if remaining > 0:
                self.clock.sleep(remaining)

    def _check_target(self, method: str, url: str, why: str = "") -> None:
        if self.site_root and not site.within(url, self.site_root):
            raise _Refused(f"{method} {url}: {why or 'not'} on the site {self.site_root}; not followed")
        if not self.robots.allowed(url, self.user_agent):
            raise _Refused(f"robots.txt of the site disallows {url}")

    def _exchange(self, request: _Request) -> Fetched:
        """One request and its whole body, within the cap and the deadline; redirects followed."""
        seen = [request.url]
        for _hop in range(MAX_REDIRECTS + 1):
            self._wait_turn()
            started = self.clock.now()
            try:
                answer = self._read(request)
            finally:
                self._last = self.clock.now()
            elapsed = self._last - started
            if elapsed > SLOW_RESPONSE and elapsed > self.delay:
                self.delay = min(elapsed, MAX_DELAY)  # the site is slow: do not add to its load
                log.info("the site answered in %.1fs; delay between requests now %.1fs", elapsed, self.delay)
            location = answer.headers.get("Location")
            if answer.status_code not in (301, 302, 303, 307, 308) or not location:
                return answer
            method, url = request.method, request.url
            try:
                target = str(httpx.URL(url).join(location))
            except httpx.InvalidURL as exc:
                raise _Refused(f"{method} {url}: redirected to a bad address {location[:200]!r}") from exc
            self._check_target(method, target, f"redirected from {url} to a page not")
            if target in seen:
                raise _Refused(f"{method} {seen[0]}: redirect loop ({' -> '.join([*seen, target])})")
            seen.append(target)
            request = replace(request, url=target)
            if answer.status_code in (301, 302, 303) and method == "POST":
                request = replace(request, method="GET", data=None)  # as browsers do
        raise _Refused(f"{request.method} {seen[0]}: more than {MAX_REDIRECTS} redirects")

    def _read(self, request: _Request) -> Fetched:
        method, url, cap = request.method, request.url, request.cap
        with self.client.stream(method, url, headers=request.headers, data=request.data) as response:
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > cap:
                raise _Refused(
                    f"{method} {url}: the answer announces {int(announced):,} bytes (limit {cap:,})"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded as it comes: a bomb stops at the cap
                size += len(chunk)
                if size > cap:
                    raise _Refused(f"{method} {url}: the answer is larger than {cap:,} bytes (the limit)")
                if self.clock.now() > request.deadline:
                    raise _DeadlineExceeded(
                        f"{method} {url}: the answer took more than {self.deadline:g} s in all"
                    )
                chunks.append(chunk)
            fetched = Fetched(
                method=method,
                url=url,
                status_code=response.status_code,
                headers=response.headers,
                content=b"".join(chunks),
                received=size if _identity(response) else response.num_bytes_downloaded,
            )
        if fetched.status_code in RETRY_STATUSES:
            raise _RetryableStatus(fetched)
        return fetched

    def _send(
        self,
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        self._check_target(method, url)
        cap = max_bytes or self.max_bytes
        deadline = self.clock.now() + self.deadline  # one for the request: its redirects and retries

        def attempt() -> Fetched:
            if self.clock.now() > deadline:
                raise _DeadlineExceeded(f"{method} {url}: no answer within {self.deadline:g} s in all")
            return self._exchange(_Request(method, url, headers or {}, data, cap, deadline))

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            exponent = state.attempt_number - 1
            base = min(MAX_BACKOFF, self.backoff * 2**exponent) + random.uniform(0, self.backoff)
            if isinstance(exc, _RetryableStatus):
                after = _retry_after(exc.response)
                if after is not None:
                    base = max(base, after)
            return float(base)

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            self.delay = min(max(self.delay * 2, 1.0), MAX_DELAY)  # the site is struggling: slow down
            log.warning(
                "retrying %s %s after %s (attempt %d); delay now %.1fs",
                method,
                url,
                exc,
                state.attempt_number,
                self.delay,
            )

        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=wait,
            retry=retry_if_exception(lambda e: isinstance(e, (_RetryableStatus, httpx.TransportError))),
            sleep=self.clock.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return retrying(attempt)
        except _RetryableStatus as exc:
            raise FetchError(
                f"{method} {url}: HTTP {exc.response.status_code} after {self.max_attempts} attempts"
            ) from exc
        except httpx.TransportError as exc:
            raise FetchError(
                f"{method} {url}: {type(exc).__name__}: {exc} after {self.max_attempts} attempts"
            ) from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:  # a body that cannot be
            raise FetchError(f"{method} {url}: {type(exc).__name__}: {exc}") from exc  # decoded, a bad URL


def make_client(
    user_agent: str,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The :class:`httpx.Client` ipcw uses: honest User-Agent, timeouts; redirects are followed by
    :class:`PoliteClient` itself, within the site."""
    return httpx.Client(
        headers={"User-Agent": user_agent},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 20.0)),
        follow_redirects=False,
        transport=transport,
    )
