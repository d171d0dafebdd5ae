"""Politeness and retries of the HTTP client, against respx."""

from __future__ import annotations

import httpx
import pytest
import respx

from ipcw.errors import FetchError
from ipcw.harvester.client import PoliteClient, make_client
from tests.crawls import FakeClock

URL = "https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/IP/C/W669.pdf&Open=True"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _client(
    clock: FakeClock, delay: float = 1.0, backoff: float = 0.5, max_attempts: int = 5
) -> PoliteClient:
    return PoliteClient(
        make_client("ipcw-tests", 5.0), clock=clock, delay=delay, backoff=backoff, max_attempts=max_attempts
    )


@respx.mock
def test_waits_the_delay_between_requests(clock: FakeClock) -> None:
    respx.get(URL).respond(200, content=b"%PDF-1.4")
    client = _client(clock, delay=1.5)
    client.get(URL)
    client.get(URL)
    assert clock.sleeps == [1.5]


@respx.mock
def test_503_with_retry_after_is_retried_after_that_long(clock: FakeClock) -> None:
    route = respx.get(URL)
    route.side_effect = [
        httpx.Response(503, headers={"Retry-After": "7"}),
        httpx.Response(200, content=b"ok"),
    ]
    response = _client(clock, delay=0).get(URL)
    assert response.status_code == 200 and route.call_count == 2
    assert any(s >= 7 for s in clock.sleeps)


@respx.mock
def test_429_raises_the_delay_for_the_rest_of_the_run(clock: FakeClock) -> None:
    route = respx.get(URL)
    route.side_effect = [httpx.Response(429), httpx.Response(200)]
    client = _client(clock, delay=1.0)
    client.get(URL)
    assert client.delay > 1.0


@respx.mock
def test_timeouts_are_retried_then_reported(clock: FakeClock) -> None:
    route = respx.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(FetchError, match=r"ReadTimeout.*3 attempts"):
        _client(clock, max_attempts=3).get(URL)
    assert route.call_count == 3


@respx.mock
def test_404_is_not_retried(clock: FakeClock) -> None:
    route = respx.get(URL).respond(404)
    assert _client(clock).get(URL).status_code == 404
    assert route.call_count == 1


@respx.mock
def test_persistent_500_gives_up_with_a_clear_error(clock: FakeClock) -> None:
    respx.get(URL).respond(500)
    with pytest.raises(FetchError, match="HTTP 500 after 2 attempts"):
        _client(clock, max_attempts=2).get(URL)


@respx.mock
def test_user_agent_names_ipcw() -> None:
    route = respx.get(URL).respond(200)
    PoliteClient(make_client("ipcw/0.1.0 (TRIPS Council document harvester)", 5.0), delay=0).get(URL)
    assert route.calls.last.request.headers["User-Agent"].startswith("ipcw/")


def test_slow_answers_raise_the_delay(clock: FakeClock) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        clock.time += 8.0  # the site takes 8 s to answer
        return httpx.Response(200, content=b"ok")

    client = PoliteClient(
        make_client("ipcw-tests", 30.0, httpx.MockTransport(slow)),
        delay=1.0,
        clock=clock,
    )
    client.get(URL)
    assert client.delay == 8.0
    client.get(URL)
    assert clock.sleeps == [8.0]  # the pause between requests is now as long as its answers take


@respx.mock
def test_robots_txt_disallowing_a_url_is_obeyed(clock: FakeClock) -> None:
    respx.get("https://docs.wto.org/robots.txt").respond(200, text="User-agent: *\nDisallow: /dol2fe/\n")
    route = respx.get(URL).respond(200)
    client = _client(clock, delay=0)
    client.load_robots("https://docs.wto.org")
    with pytest.raises(FetchError, match=r"robots\.txt"):
        client.get(URL)
    assert route.call_count == 0


@respx.mock
def test_missing_robots_txt_allows_everything(clock: FakeClock) -> None:
    respx.get("https://docs.wto.org/robots.txt").respond(404, text="<html>not found</html>")
    respx.get(URL).respond(200)
    client = _client(clock, delay=0)
    client.load_robots("https://docs.wto.org")
    assert client.get(URL).status_code == 200
