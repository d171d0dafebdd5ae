"""``ipcw serve`` in a real browser: Debian's headless Chromium, driven by Playwright, with
JavaScript off (the pages need none), against a real server on 127.0.0.1 over the fixtures. A
person loads the page, runs the three seed searches, narrows one by a facet, opens a document and
the coverage table; a screenshot of each page is kept in ``test-artifacts/screenshots/``.

``.ci/run`` installs Chromium (apt-get) where it is missing: in CI (``CI`` set) a missing browser
fails the test; elsewhere it is skipped, saying why."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ipcw.config import Settings
from ipcw.search import Filters, Searcher
from ipcw.web.app import SEED_SEARCHES, create_app
from tests.replay_server import running

SCREENSHOTS = Path(__file__).parent.parent.parent / "test-artifacts" / "screenshots"
#: What the browser is started with (as root, in a closed network: no sandbox, no background calls).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = "Debian's chromium is not installed (.ci/run installs it)" if not found else None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed (pip install '.[test]')"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[str]:
    from werkzeug.serving import make_server

    with running(make_server("127.0.0.1", 0, create_app(built), threaded=True)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def total_shown(page: Any) -> int:
    text = page.locator("p.total").inner_text()
    found = re.match(r"(\d+) documents? match", text)
    assert found, text
    return int(found.group(1))


def test_a_person_runs_the_three_seed_searches(browser_page: Any, server: str, built: Settings) -> None:
    page = browser_page
    page.goto(server + "/")
    assert page.title() == "Search · ipcw"
    page.screenshot(path=SCREENSHOTS / "search-empty.png", full_page=True)
    with Searcher(built.data.index) as searcher:
        for seed in SEED_SEARCHES:
            page.goto(server + "/")
            page.get_by_role("link", name=seed, exact=True).click()
            result = searcher.search(seed, limit=20)
            assert total_shown(page) == result.total
            symbols = page.locator("a.symbol").all_inner_texts()
            assert symbols == [hit.document.symbol for hit in result.hits]
            assert page.locator("p.snippet mark").count() > 0  # the query's words marked
            assert page.get_by_role("textbox", name="Query").input_value() == seed
            if seed == "technical cooperation and member":
                page.screenshot(path=SCREENSHOTS / "search-results.png")  # what a person sees first


def test_a_person_types_a_search_and_narrows_it_by_a_facet(
    browser_page: Any, server: str, built: Settings
) -> None:
    page = browser_page
    page.goto(server + "/")
    box = page.get_by_role("textbox", name="Query")
    box.fill('"geographical indications" or "plant varieties"')
    box.press("Enter")
    with Searcher(built.data.index) as searcher:
        assert total_shown(page) == searcher.search('"geographical indications" or "plant varieties"').total
        page.locator("aside").get_by_role("link", name="igo", exact=True).click()
        narrowed = searcher.search(
            '"geographical indications" or "plant varieties"', Filters(origins=("igo",))
        )
    assert total_shown(page) == narrowed.total
    assert page.get_by_text("origin: igo").is_visible()


def test_a_person_opens_a_document_and_the_coverage(browser_page: Any, server: str) -> None:
    page = browser_page
    page.goto(server + "/?q=technical+cooperation+and+member")
    first = page.locator("a.symbol").first
    symbol = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == symbol
    assert (
        page.get_by_role("link", name="on Documents Online")
        .first.get_attribute("href", timeout=5_000)
        .startswith("https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=")
    )
    assert page.locator("pre.text").inner_text().strip()
    page.screenshot(path=SCREENSHOTS / "document.png", full_page=True)
    page.get_by_role("link", name="Article 67 coverage").click()
    assert page.locator("h1").inner_text().startswith("Article 67 reports on technical cooperation")
    assert (
        page.get_by_role("rowheader", name="European Union").count()
        + page.locator("th.name", has_text="European Union").count()
        > 0
    )
    page.screenshot(path=SCREENSHOTS / "coverage.png", full_page=True)
    assert all(
        (SCREENSHOTS / name).stat().st_size > 10_000 for name in ("search-results.png", "document.png")
    )
