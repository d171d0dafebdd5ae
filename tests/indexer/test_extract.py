from __future__ import annotations

from pathlib import Path

import pytest

from ipcw.errors import ExtractError
from ipcw.fixtures import FIXTURES_DIR
from ipcw.indexer.extract import extract

PDF = FIXTURES_DIR / "site" / "files" / "q" / "IP" / "C" / "W647A3.pdf"


def test_pages_are_extracted_with_later_page_headers() -> None:
    pages = extract(PDF).pages
    assert len(pages) == 3
    assert "IP/C/W/647/Add.3" in pages[0] and "Page: 1/3" in pages[0]
    assert "- 2 -" in pages[1] and "IP/C/W/647/Add.3" in pages[1]


def test_french_accents_survive() -> None:
    text = "".join(extract(FIXTURES_DIR / "site" / "files" / "r" / "IP" / "C" / "W647A3.pdf").pages)
    assert "COOPÉRATION" in text and "délégation du Japon" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>login</html>", "not a PDF"),
        (b"%PDF-1.4\n garbage", "not a readable PDF|could not be read"),
        (b"", "not a PDF"),
    ],
)
def test_unreadable_files_raise_extract_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=message):
        extract(path)


def test_truncated_pdf_raises_extract_error(tmp_path: Path) -> None:
    path = tmp_path / "half.pdf"
    path.write_bytes(PDF.read_bytes()[:1500])
    with pytest.raises(ExtractError):
        extract(path)


def test_missing_file_raises_extract_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="cannot read"):
        extract(tmp_path / "nope.pdf")
