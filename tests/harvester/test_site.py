"""The site adapter against real saved Documents Online pages and the replay's XML."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ipcw.errors import LayoutChangedError
from ipcw.harvester import site
from tests.shared import shared_path

URL = "https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx"


def real(name: str) -> Path:
    """A real saved Documents Online page (or its truth), read from ../shared."""
    return shared_path(f"real-dol-pages/{name}")


def _expected() -> list[dict[str, str]]:
    with real("rows.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("page", ["1.html", "2.html", "10.html", "restricted-dsb-m-453.html"])
def test_every_row_of_real_pages_is_read(page: str) -> None:
    parsed = site.parse_results_page(real(page).read_bytes(), URL)
    expected = [row for row in _expected() if row["file"] == page]
    assert len(parsed.listings) == len(expected)
    for listing, row in zip(parsed.listings, expected, strict=True):
        assert " ; ".join(listing.symbols) == row["symbol"]  # leading space stripped, ` ; ` split
        assert listing.date is not None and listing.date.strftime("%d/%m/%Y") == row["date"]
        assert listing.access == row["access"].lower()
        assert str(listing.pages) == row["pages"]
        assert listing.catalogue_id == row["catalogue_id"]
        assert listing.doc_number == row["doc_no"]
        assert site.download_url("https://docs.wto.org", listing.files["en"]) == row["en_link"]
        assert listing.title_elided == ("<i>[...]</i>" in row["title"])
        assert listing.title == row["title"].replace("<i>[...]</i>", "[...]").strip()


def test_total_is_read_from_lbl010_not_the_login_panels_lbl012() -> None:
    parsed = site.parse_results_page(real("2.html").read_bytes(), URL)
    assert parsed.total == 23


def test_next_page_posts_viewstate() -> None:
    parsed = site.parse_results_page(real("2.html").read_bytes(), URL)
    assert parsed.next_form is not None
    assert parsed.next_form["__EVENTTARGET"] == "ctl00$MainPlaceHolder$lnkNext"
    assert len(parsed.next_form["__VIEWSTATE"]) > 1000
    assert parsed.next_form["__EVENTVALIDATION"] and parsed.next_form["__VIEWSTATEGENERATOR"]
    # ...and every other input of the form, as a browser would post it:
    assert parsed.next_form["ctl00$MainPlaceHolder$hdnCurrentPage"] == "0"
    assert not any(name.endswith("$chk020") for name in parsed.next_form)  # unchecked boxes stay out
    assert (
        parsed.action_url.startswith("https://docs.wto.org/") and "FE_S_S006.aspx?Query=" in parsed.action_url
    )


def test_missing_view_state_names_the_field() -> None:
    html = real("2.html").read_text(encoding="utf-8").replace('name="__EVENTVALIDATION"', 'name="renamed"')
    with pytest.raises(LayoutChangedError, match="__EVENTVALIDATION"):
        site.parse_results_page(html, URL)


def test_last_page_has_no_next_postback() -> None:
    parsed = site.parse_results_page(real("1.html").read_bytes(), URL)
    assert parsed.next_form is None


def test_restricted_row_keeps_its_link() -> None:
    listing = site.parse_results_page(real("10.html").read_bytes(), URL).listings[0]
    assert listing.access == "restricted"
    assert listing.files["en"] == "Q:/WT/DS/8-17A1.pdf"


def test_missing_results_table_names_the_selector() -> None:
    html = real("2.html").read_text(encoding="utf-8").replace("ctl00_MainPlaceHolder_dtlDocs", "renamed")
    with pytest.raises(LayoutChangedError, match="table#ctl00_MainPlaceHolder_dtlDocs"):
        site.parse_results_page(html, URL)


def test_missing_total_names_the_selector() -> None:
    html = real("2.html").read_text(encoding="utf-8").replace('id="ctl00_MainPlaceHolder_lbl010"', "")
    with pytest.raises(LayoutChangedError, match="lbl010"):
        site.parse_results_page(html, URL)


def test_xml_results_are_parsed(site_xml: bytes) -> None:
    page = site.parse_xml_results(site_xml, "u")
    assert page.total == len(page.listings) > 0
    first = next(listing for listing in page.listings if listing.symbols[0] == "IP/C/W/647")
    assert first.files == {"en": "q:/IP/C/W647.pdf", "fr": "r:/IP/C/W647.pdf", "es": "s:/IP/C/W647.pdf"}
    assert first.date is not None and first.date.isoformat() == "2018-09-25"
    assert first.access == "unrestricted"
    assert "information from members" in first.title


def test_html_instead_of_xml_is_a_layout_change() -> None:
    with pytest.raises(LayoutChangedError, match="autnresponse"):
        site.parse_xml_results(b"<html><body>Service unavailable", "u")


def test_xml_without_totalhits_is_a_layout_change() -> None:
    with pytest.raises(LayoutChangedError, match="autn:totalhits"):
        site.parse_xml_results(b'<autnresponse xmlns:autn="http://schemas.autonomy.com/aci/"/>', "u")


def test_language_is_the_drive_letter_in_any_case() -> None:
    assert site.language_of("Q:/IP/C/W640A3.PDF") == "en"
    assert site.language_of("r:/IP/C/W640A3.pdf") == "fr"
    assert site.language_of("s:/IP/C/W640A3.pdf") == "es"
    assert site.language_of("t:/IP/C/W640A3.doc") is None


def test_idol_query_quotes_exact_symbols_and_adds_dates() -> None:
    from datetime import date

    query = site.idol_query(["IP/C/W/64*", "IP/C/W/640/Add.3"], since=date(2018, 1, 2))
    assert query == '(@Symbol=IP/C/W/64* OR @Symbol="IP/C/W/640/Add.3") AND @meta_Date>=02/01/2018'


@pytest.fixture
def site_xml(tmp_path: Path) -> bytes:
    import httpx

    from ipcw.fixtures import ReplaySite

    client = httpx.Client(transport=httpx.MockTransport(ReplaySite().handle))
    return client.get(site.xml_results_url("https://docs.wto.org", "@Symbol=IP/C/W/64*", 0)).content
