"""The polite HTTP client: one request at a time, a delay between requests, bounded retries.

Retries (tenacity) cover timeouts, connection errors, 429 and 5xx, with exponential backoff and
jitter, and honour ``Retry-After``; other 4xx answers are returned at once. When the site slows
down (a retry was needed, or an answer took longer than ``SLOW_RESPONSE``) the delay between
requests is raised for the rest of the run. ``robots.txt``, once loaded, is obeyed for every request.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from harvester import site
from harvester.site import RobotsPolicy
from ipcw.errors import FetchError

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_DELAY = 30.0  # seconds: the most the politeness delay grows to
SLOW_RESPONSE = 5.0  # seconds: an answer slower than this raises the delay
MAX_BACKOFF = 60.0  # seconds: the longest exponential wait
MAX_RETRY_AFTER = 300.0  # seconds: a longer Retry-After is capped, not obeyed blindly


class Fetcher(Protocol):
    """What the crawl needs of an HTTP client."""

    max_attempts: int

    def load_robots(self, base_url: str) -> RobotsPolicy: ...

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response: ...

    def post(self, url: str, data: dict[str, str]) -> httpx.Response: ...


class _RetryableStatus(Exception):
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        super().__init__(f"HTTP {response.status_code}")


def _retry_after(response: httpx.Response) -> float | None:
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


@dataclass
class PoliteClient:
    """An :class:`httpx.Client` wrapped with politeness and retries. Implements :class:`Fetcher`."""

    client: httpx.Client
    delay: float = 1.0
    max_attempts: int = 5
    backoff: float = 1.0  # first retry wait in seconds; doubles each attempt, with jitter
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests_sent: int = 0
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

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self._send("GET", url, headers=headers or {})

    def post(self, url: str, data: dict[str, str]) -> httpx.Response:
        return self._send("POST", url, data=data)

    def _wait_turn(self) -> None:
        if self._last is not None and self.delay > 0:
            remaining = self.delay - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        if not self.robots.allowed(url, self.user_agent):
            raise FetchError(f"robots.txt of the site disallows {url}")

        def attempt() -> httpx.Response:
            self._wait_turn()
            started = self.clock()
            try:
                response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
            finally:
                self._last = self.clock()
                self.requests_sent += 1
            elapsed = self._last - started
            if elapsed > SLOW_RESPONSE and elapsed > self.delay:
                self.delay = min(elapsed, MAX_DELAY)  # the site is slow: do not add to its load
                log.info("the site answered in %.1fs; delay between requests now %.1fs", elapsed, self.delay)
            if response.status_code in RETRY_STATUSES:
                raise _RetryableStatus(response)
            return response

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
            sleep=self.sleep,
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


def make_client(
    user_agent: str,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The :class:`httpx.Client` ipcw uses: honest User-Agent, timeouts, redirects followed."""
    return httpx.Client(
        headers={"User-Agent": user_agent},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 20.0)),
        follow_redirects=True,
        transport=transport,
    )
