from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ipcw.datadir import DataDir, file_name
from ipcw.harvester.store import Store
from ipcw.models import Listing, Status

PDF = b"%PDF-1.4\n...\nstartxref\n0\n%%EOF\n"


def test_saved_pdf_and_manifest_survive_reopening(tmp_path: Path) -> None:
    listing = Listing(
        symbols=("IP/C/W/640/Add.3",),
        title="t",
        date=date(2018, 10, 2),
        files={"en": "q:/IP/C/W640A3.pdf"},
        access="unrestricted",
    )
    with Store(DataDir(tmp_path)) as store:
        saved = store.save_pdf("IP/C/W/640/Add.3", "en", PDF, "https://x/y", listing, etag='"abc"')
    with Store(DataDir(tmp_path)) as store:
        entry = store.get("IP/C/W/640/Add.3", "en")
    assert entry == saved
    assert entry is not None and entry.document.listing == listing and entry.etag == '"abc"'
    assert entry.document.path == tmp_path / "files" / "en" / "IP_C_W_640_Add.3.pdf"
    assert entry.document.path.read_bytes() == PDF


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    with Store(DataDir(tmp_path)) as store:
        store.save_pdf("IP/C/W/669", "en", PDF, "u")
        store.save_pdf("IP/C/W/669", "en", PDF + b" ", "u")
    assert [p.name for p in (tmp_path / "files" / "en").iterdir()] == ["IP_C_W_669.pdf"]


def test_restricted_entries_are_listed_with_their_status(tmp_path: Path) -> None:
    with Store(DataDir(tmp_path)) as store:
        store.mark("IP/C/W/16", "en", Status.RESTRICTED, "HTML page", "u")
        store.save_pdf("IP/C/W/9", "en", PDF, "u")
        assert [(e.symbol, e.status) for e in store.entries()] == [
            ("IP/C/W/9", Status.OK),
            ("IP/C/W/16", Status.RESTRICTED),
        ]
        assert [e.symbol for e in store.entries() if e.held] == ["IP/C/W/9"]


def test_file_names_are_safe() -> None:
    assert file_name("IP/C/W/644/Rev.1/Add.1") == "IP_C_W_644_Rev.1_Add.1.pdf"


@pytest.mark.parametrize(
    "symbol", ["../../etc/passwd", "..", "/abs/path", ".hidden/x", "a\x00b/c", "IP/C/W/" + "9" * 10_000]
)
def test_hostile_symbols_give_one_safe_bounded_name_each_issue_7(symbol: str) -> None:
    name = file_name(symbol)
    assert "/" not in name and "\x00" not in name and not name.startswith(".") and len(name) <= 124
    assert name != file_name(symbol + "x")


def test_symbols_that_differ_get_names_that_differ_issue_7() -> None:
    assert file_name("IP/C/W/640 1") != file_name("IP/C/W/640/1")
    assert file_name("IP/C/W/1_2") != file_name("IP/C/W/1/2")


def test_a_file_that_is_not_a_manifest_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from ipcw.errors import StoreError

    (tmp_path / "manifest.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(DataDir(tmp_path))
