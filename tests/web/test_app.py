"""The web page's routes, through Flask's test client: what each page shows is what the library
gives, every value escaped, and only the store's files served."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from ipcw.config import Settings
from ipcw.report import REPORT_FILTERS, coverage
from ipcw.search import Filters, Searcher
from ipcw.web.app import SEED_SEARCHES, create_app, marked


@pytest.fixture(scope="module")
def client(built: Settings) -> Iterator[FlaskClient]:
    app = create_app(built)
    app.testing = True
    with app.test_client() as opened:
        yield opened


def page(client: FlaskClient, address: str, status: int = 200) -> str:
    response = client.get(address)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_the_empty_search_page_offers_the_three_seed_searches(client: FlaskClient) -> None:
    html = page(client, "/")
    for seed in SEED_SEARCHES:
        assert f'href="/?q={seed.replace(" ", "+")}"' in html and f">{seed}</a>" in html


@pytest.mark.parametrize("query", SEED_SEARCHES)
def test_a_search_shows_the_librarys_total_hits_and_marked_snippets(
    client: FlaskClient, built: Settings, query: str
) -> None:
    html = page(client, "/?q=" + query)
    with Searcher(built.data.index) as searcher:
        result = searcher.search(query, limit=20)
        symbols = [hit.document.symbol for hit in result.hits]
    assert f"<strong>{result.total}</strong> documents match" in html
    assert re.findall(r'class="symbol" href="/document\?symbol=([^&"]+)', html) == symbols
    assert "<mark>" in html and "**" not in html


def test_a_facet_value_is_a_link_that_filters_the_search(client: FlaskClient, built: Settings) -> None:
    html = page(client, "/?q=technical+cooperation")
    link = re.search(r'<a href="(/\?[^"]*origin=igo[^"]*)">igo</a> \((\d+)\)', html)
    assert link is not None
    filtered = page(client, link.group(1).replace("&amp;", "&"))
    with Searcher(built.data.index) as searcher:
        total = searcher.search("technical cooperation", Filters(origins=("igo",))).total
    assert total == int(link.group(2)) and f"<strong>{total}</strong> documents match" in filtered
    assert 'aria-label="Remove the filter origin"' in filtered


def test_families_are_shown_under_their_best_hit(client: FlaskClient) -> None:
    html = page(client, "/?q=IP/C/W/647&group=family")
    assert "Also in this family:" in html and "IP/C/W/647/Add.1" in html


def test_what_a_user_types_is_escaped_everywhere(client: FlaskClient) -> None:
    html = page(client, '/?q=<script>alert("x")</script>+cooperation&submitter=<b>me</b>')
    assert "<script>alert" not in html and "<b>me</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert marked("<i>**a**</i> **b&c**") == "&lt;i&gt;<mark>a</mark>&lt;/i&gt; <mark>b&amp;c</mark>"


def test_a_bad_query_or_filter_is_a_page_saying_so(client: FlaskClient) -> None:
    assert "unbalanced" in page(client, "/?q=(technical", 400).lower() or "parenthes" in page(
        client, "/?q=(technical", 400
    )
    assert "origin is one of member, igo, secretariat" in page(client, "/?q=a&origin=nobody", 400)
    assert "not a number" in page(client, "/?q=a&year=next", 400)


def test_a_document_page_shows_its_metadata_text_and_pdfs(client: FlaskClient, built: Settings) -> None:
    html = page(client, "/document?symbol=IP/C/W/426/Add.2&lang=fr")
    with Searcher(built.data.index) as searcher:
        copies = [hit.document for hit in searcher.lookup("IP/C/W/426/Add.2")]
    french = next(doc for doc in copies if doc.language == "fr")
    assert len(copies) > 1 and "<h1>IP/C/W/426/Add.2</h1>" in html and "<h2>Text (fr)</h2>" in html
    assert french.text.strip().splitlines()[0].strip().replace("'", "&#39;") in html
    for doc in copies:
        assert f'href="/pdf?symbol=IP/C/W/426/Add.2&amp;lang={doc.language}">in the local store' in html
    assert html.count("https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=") == len(copies)


def test_a_submitter_is_named_as_it_was_on_the_documents_date(client: FlaskClient) -> None:
    html = page(client, "/document?symbol=IP/C/W/426/Add.5")
    assert "<td>European Union (then European Communities)</td>" in html


def test_the_pdf_served_is_the_stored_file_and_nothing_else(client: FlaskClient, built: Settings) -> None:
    with client.get("/pdf?symbol=IP/C/W/426/Add.5&lang=en") as response:
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.data == built.data.pdf("IP/C/W/426/Add.5", "en").read_bytes()
    for address in (
        "/pdf?symbol=../../../etc/passwd&lang=en",
        "/pdf?symbol=IP/C/W/426/Add.5&lang=de",
        "/pdf?symbol=IP/C/W/9999&lang=en",
    ):
        with client.get(address) as response:
            assert response.status_code == 404


def test_the_coverage_page_links_every_report_year_to_a_document(
    client: FlaskClient, built: Settings
) -> None:
    html = page(client, "/coverage")
    with Searcher(built.data.index) as searcher:
        table = coverage(searcher.documents(REPORT_FILTERS))
    cells = sum(1 for row in table.rows for _ in row.reports)
    assert html.count('<td class="reported">') == cells
    assert 'title="European Union (formerly European Communities until 2009-11-30)"' in html


def test_without_an_index_every_page_says_how_to_build_one(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    html = app.test_client().get("/?q=cooperation")
    assert html.status_code == 503 and "ipcw crawl" in html.get_data(as_text=True)


def test_links_carry_only_the_searchs_own_parameters(client: FlaskClient) -> None:
    """Whatever else an address holds (Flask's own url_for arguments among them) is not carried
    into the page's links, and breaks nothing."""
    html = page(client, "/?q=technical+cooperation&endpoint=x&_method=POST&_external=1&_anchor=y&origin=igo")
    links = re.findall(r'href="([^"]*)"', html)
    assert links and not any(
        part in link
        for link in links
        for part in ("endpoint", "_method", "_external", "_anchor", "http://localhost")
    )
    assert any("origin=igo" in link and "q=technical+cooperation" in link for link in links)


def test_every_result_and_every_family_is_a_page_away(client: FlaskClient, built: Settings) -> None:
    with Searcher(built.data.index) as searcher:
        families = len(searcher.search("technical cooperation", limit=None, by_family=True).hits)
    assert families > 20  # more than a page
    first = page(client, "/?q=technical+cooperation&group=family")
    second = page(client, "/?q=technical+cooperation&group=family&page=2")
    assert first.count('class="hit"') == 20 and 'rel="next"' in first
    assert second.count('class="hit"') == min(20, families - 20)
    assert "this page is past the last" in page(client, "/?q=technical+cooperation&page=99")


def test_a_document_links_every_language_its_listing_names(crawled_data: Path) -> None:
    """Crawled in English and French, IP/C/W/647 is listed in Spanish too: the Spanish PDF is
    linked on Documents Online, and only the held languages in the local store."""
    client = create_app(Settings(data_dir=crawled_data)).test_client()
    html = client.get("/document?symbol=IP/C/W/647").get_data(as_text=True)
    online = re.findall(
        r"<li>(\w\w): <a href=\"https://docs\.wto\.org/[^\"]*directdoc[^\"]*\">on Documents Online", html
    )
    local = re.findall(r'lang=(\w\w)">in the local store', html)
    assert online == ["en", "fr", "es"] and local == ["en", "fr"]


def test_the_side_panels_filters_are_the_librarys(client: FlaskClient, built: Settings) -> None:
    html = page(
        client, "/?q=cooperation&symbol=IP/C/W/6*&from=2018-01-01&to=2019-12-31&submitter=japon&lang=en"
    )
    with Searcher(built.data.index) as searcher:
        expected = searcher.search(
            "cooperation",
            Filters(
                symbols=("IP/C/W/6*",),
                date_from=date(2018, 1, 1),
                date_to=date(2019, 12, 31),
                submitters=("japon",),
                languages=("en",),
            ),
        ).total
    assert expected > 0 and f"<strong>{expected}</strong> document" in html
    assert 'name="symbol" value="IP/C/W/6*"' in html and 'name="from" value="2018-01-01"' in html
    assert "not a date" in page(client, "/?q=cooperation&from=2018-13-01", 400)
