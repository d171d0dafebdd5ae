"""The second extractor (issue 11): pdfium (``ipcw[fast]``) gives the same tags as pdfminer.six on
every fixture PDF, and on every shared real text and fixture cover laid out as a PDF; a text the
other extractor read is read again; a missing pypdfium2 is one line, naming the extra to install."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ipcw.errors import ConfigError, ExtractError
from ipcw.fixtures.pdf import PdfDocument
from ipcw.indexer.cover import Cover, parse_cover
from ipcw.indexer.extract import Extracted, check_extractor, extract
from ipcw.indexer.extract_and_tag import OPENING_CHARS, complete
from ipcw.indexer.tags import Tags, tag
from ipcw.models import Document
from tests.shared import SHARED
from tests.test_cli import run

pytest.importorskip("pypdfium2", reason="the pdfium extractor is an extra: pip install 'ipcw[fast]'")

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_PDFS = sorted((ROOT / "fixtures" / "site" / "files").rglob("*.pdf"))
COVER_TEXTS = sorted((ROOT / "fixtures" / "covers").rglob("*.txt"))
#: Lines on one page of a text laid out as a PDF.
LINES = 52


def _tags(data: bytes, extractor: str) -> tuple[Any, ...]:
    """What ipcw reads of a document (a stored PDF's: complete() requires a symbol on the cover)."""
    doc = complete(Document(symbol="", language=""), extract(data, extractor=extractor))
    return (
        doc.symbol, doc.language, doc.date, doc.origin, doc.submitters, doc.topic, doc.kind,
        doc.speakers, doc.title, doc.subtitle, doc.doc_number, doc.pages, doc.symbols,
    )  # fmt: skip


def _cover_and_tags(data: bytes, extractor: str) -> tuple[Cover, Tags]:
    """What the cover parser and the tagger read of a PDF's first pages (an excerpt may show no
    symbol)."""
    pages = extract(data, extractor=extractor).pages
    cover = parse_cover(pages[0], pages[1][:OPENING_CHARS] if len(pages) > 1 else "")
    return cover, tag(cover)


def _as_pdf(text: str) -> bytes:
    """``text`` laid out as a PDF: a line of the text a line of the page, as it is written."""
    pdf = PdfDocument()
    lines = text.splitlines() or [""]
    for start in range(0, len(lines), LINES):
        pdf.text_page(lines[start : start + LINES], size=9, leading=14.5, top=790)
    return pdf.to_bytes()


def test_there_are_fixture_pdfs_and_cover_texts() -> None:
    assert len(FIXTURE_PDFS) >= 80 and len(COVER_TEXTS) >= 20


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_pdfium_tags_every_fixture_pdf_as_pdfminer_does(path: Path) -> None:
    data = path.read_bytes()
    assert _tags(data, "pdfium") == _tags(data, "pdfminer")


def _real_texts() -> list[Any]:
    folder = SHARED / "real-texts"
    if not folder.is_dir():
        return [pytest.param(None, id="shared-real-texts-absent")]
    return [pytest.param(p, id=p.name) for p in sorted(folder.glob("*.txt"))]


@pytest.mark.parametrize("path", _real_texts() + [pytest.param(p, id=p.name) for p in COVER_TEXTS])
def test_pdfium_tags_every_real_text_and_cover_laid_out_as_a_pdf_as_pdfminer_does(path: Path | None) -> None:
    if path is None:
        pytest.skip(
            f"{SHARED / 'real-texts'} is absent: the shared reference material is not beside this checkout"
        )
    data = _as_pdf(path.read_text(encoding="utf-8"))
    assert _cover_and_tags(data, "pdfium") == _cover_and_tags(data, "pdfminer")


def test_pdfium_reads_each_page_and_marks_the_extractor() -> None:
    data = FIXTURE_PDFS[0].read_bytes()
    fast, slow = extract(data, extractor="pdfium"), extract(data, extractor="pdfminer")
    assert (fast.extractor, slow.extractor) == ("pdfium", "pdfminer") and len(fast.pages) == len(slow.pages)
    assert extract(data, max_pages=1, extractor="pdfium") == Extracted(
        fast.pages[:1], len(fast.pages), "pdfium"
    )


@pytest.mark.parametrize("data", [b"%PDF-1.4 garbage", b"not a pdf", b"%PDF-1.7\n%%EOF"])
def test_what_pdfium_cannot_read_is_an_extract_error(data: bytes) -> None:
    with pytest.raises(ExtractError):
        extract(data, extractor="pdfium")


def test_an_unknown_or_missing_extractor_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="one of pdfminer, pdfium"):
        check_extractor("ocr")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if it were not installed
    with pytest.raises(ConfigError, match=r"pip install 'ipcw\[fast\]'"):
        check_extractor("pdfium")


def test_a_rebuild_with_the_other_extractor_reads_every_pdf_again(tmp_path: Path) -> None:
    assert run(tmp_path, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/66*").exit_code == 0

    def extractors() -> set[str]:
        return {
            json.loads(p.read_text(encoding="utf-8"))["extractor"] for p in (tmp_path / "text").glob("*.json")
        }

    before = run(tmp_path, "search", "waiver", "--format", "json").stdout
    assert extractors() == {"pdfminer"}
    assert run(tmp_path, "index", "--rebuild", "--extractor", "pdfium").exit_code == 0
    assert extractors() == {"pdfium"}
    assert run(tmp_path, "index", "--rebuild").exit_code == 0  # no --extractor: cached texts are kept
    assert extractors() == {"pdfium"}
    assert [
        h["symbol"] for h in json.loads(run(tmp_path, "search", "waiver", "--format", "json").stdout)
    ] == [h["symbol"] for h in json.loads(before)]
    bad = run(tmp_path, "index", "--extractor", "ocr")
    assert bad.exit_code == 2 and "'ocr' is not one of 'pdfminer', 'pdfium'" in bad.stderr


def test_a_text_the_new_extractor_cannot_read_is_kept_from_the_old_one(tmp_path: Path) -> None:
    from ipcw.datadir import DataDir
    from ipcw.indexer.extract_and_tag import read_documents
    from ipcw.indexer.text_cache import TextCache

    good = extract(FIXTURE_PDFS[0].read_bytes(), extractor="pdfminer")
    cache = TextCache(DataDir(tmp_path))
    cache.put("f" * 64, good)
    unreadable = tmp_path / "damaged.pdf"
    unreadable.write_bytes(b"%PDF-1.4 nothing more")
    doc = Document(symbol="", language="", path=unreadable, sha256="f" * 64)
    failed: list[tuple[Document, ExtractError]] = []
    read = list(
        read_documents(
            [doc], cache, extractor="pdfium", reread=True, on_error=lambda d, e: failed.append((d, e))
        )
    )
    assert failed == [] and len(read) == 1 and read[0].text.startswith(good.pages[0][:50])
    assert cache.get("f" * 64) == good  # still pdfminer's
