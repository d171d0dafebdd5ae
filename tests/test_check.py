"""``ipcw check`` finds what is wrong between the store, its manifest and the index, and
``ipcw check --repair`` repairs it without contacting the site or throwing a document away (issue 7)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from hashlib import sha256
from pathlib import Path
from typing import Any

from ipcw.datadir import DataDir
from ipcw.fixtures import FIXTURES_DIR
from ipcw.harvester import Store
from ipcw.indexer import generations
from ipcw.indexer.opening import index_entries
from tests.conftest import PATTERNS
from tests.test_cli import assert_one_line_error, run

W35 = FIXTURES_DIR / "site" / "files" / "q" / "IP" / "C" / "W35.pdf"  # not in the data fixture


def _check(data: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run(data, "check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def _kinds(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["kind"], p["what"]) for p in report["problems"]]


def _sql(data: Path, statement: str) -> None:
    with closing(sqlite3.connect(data / "manifest.sqlite3")) as db, db:
        db.execute(statement)


def test_a_whole_store_checks_clean(data: Path) -> None:
    result = run(data, "check")
    assert result.exit_code == 0
    assert result.stdout.strip() == "checked 29 records, 29 files, 29 index entries: 0 problems"


def test_every_kind_of_damage_is_found_then_repaired_issue_7(data: Path) -> None:
    (data / "files" / "en" / "IP_C_W_669.pdf").unlink()  # missing
    (data / "files" / "fr" / "IP_C_W_658.pdf").write_bytes(b"%PDF-1.4 bit rot")  # damaged
    shutil.copy(W35, data / "files" / "en" / "downloaded by hand.pdf")  # extra, a real document
    (data / "files" / "en" / "notes.pdf").write_text("not a PDF")  # extra, not a document
    (data / "files" / "en" / ".IP_C_W_1.pdf.x1.part").write_bytes(b"%PDF-1.4 half")  # partial
    _sql(data, "UPDATE documents SET status = 'bogus' WHERE key = 'IP/C/W/647|fr'")  # damaged row
    _sql(data, "DELETE FROM documents WHERE key = 'IP/C/W/654/Add.1|fr'")  # its index entry is orphaned
    _sql(data, "UPDATE documents SET indexed_sha256 = '' WHERE key = 'IP/C/W/654|en'")  # pending
    cache, owner = _a_cached_text(data, "IP/C/W/632|en")
    cache.write_text("[")  # damaged cached text: an indexed document's text is no longer cached

    code, found = _check(data)
    assert code == 5
    assert sorted(_kinds(found)) == [
        ("damaged file", "IP/C/W/658|fr"),
        ("damaged row", "IP/C/W/647|fr"),
        ("damaged text cache", f"text/{cache.name}"),
        ("extra file", "files/en/downloaded by hand.pdf"),
        ("extra file", "files/en/notes.pdf"),
        ("extra file", "files/fr/IP_C_W_647.pdf"),
        ("extra file", "files/fr/IP_C_W_654_Add.1.pdf"),
        ("index entry without record", "IP/C/W/647|fr"),
        ("index entry without record", "IP/C/W/654/Add.1|fr"),
        ("missing file", "IP/C/W/669|en"),
        ("partial file", "files/en/.IP_C_W_1.pdf.x1.part"),
        ("pending", "IP/C/W/654|en"),
        ("uncached text", owner),
    ]

    code, repaired = _check(data, "--repair")
    assert code == 0, repaired
    repairs = {(p["kind"], p["what"]): p["repair"] for p in repaired["problems"]}
    assert repairs[("missing file", "IP/C/W/669|en")] == "marked to be fetched again by the next `ipcw crawl`"
    assert repairs[("damaged file", "IP/C/W/658|fr")] == "marked to be fetched again by the next `ipcw crawl`"
    assert repairs[("extra file", "files/en/downloaded by hand.pdf")] == "stored as IP/C/W/35 [en]"
    assert repairs[("extra file", "files/en/notes.pdf")] == "moved to quarantine/files/en/notes.pdf"
    assert repairs[("extra file", "files/fr/IP_C_W_647.pdf")] == "stored as IP/C/W/647 [fr]"
    assert repairs[("extra file", "files/fr/IP_C_W_654_Add.1.pdf")] == "stored as IP/C/W/654/Add.1 [fr]"
    assert (data / "quarantine" / "files" / "fr" / "IP_C_W_658.pdf").read_bytes() == b"%PDF-1.4 bit rot"
    assert repairs[("uncached text", owner)] == "read again and indexed again" and cache.is_file()

    # What is left for the site is left to the next crawl, which fetches it; then all is whole.
    code, after = _check(data)
    assert code == 0 and _kinds(after) == []
    assert [f["symbol"] for f in after["failed"]] == ["IP/C/W/658", "IP/C/W/669"]
    crawl = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert crawl.exit_code == 0 and "new 2" in crawl.stdout
    code, final = _check(data)
    assert (code, _kinds(final), final["failed"]) == (0, [], [])
    with Store(DataDir(data)) as store:
        keys = {e.key for e in store.entries() if e.held}
    assert set(index_entries(data / "index")) == keys and "IP/C/W/654/Add.1|fr" in keys


def test_a_damaged_manifest_is_rebuilt_from_the_stored_files_issue_7(data: Path) -> None:
    before = json.loads(
        run(data, "search", "technical cooperation", "--format", "json", "--limit", "99").stdout
    )
    (data / "manifest.sqlite3").write_bytes(b"garbage" * 1000)
    assert_one_line_error(run(data, "check"), 1, "`ipcw check --repair` rebuilds it")
    code, repaired = _check(data, "--repair")
    assert code == 0
    problems: list[dict[str, str]] = repaired["problems"]
    assert [p["kind"] for p in problems] == ["damaged manifest"] + ["extra file"] * 29 + ["pending"] * 29
    assert all(p["repair"].startswith("stored as ") for p in problems if p["kind"] == "extra file")
    assert list(data.glob("manifest.sqlite3.damaged-*"))  # set aside, not deleted
    after = json.loads(
        run(data, "search", "technical cooperation", "--format", "json", "--limit", "99").stdout
    )
    assert {(h["symbol"], h["lang"]) for h in after} == {(h["symbol"], h["lang"]) for h in before}
    assert _check(data)[0] == 0
    crawl = run(data, "crawl", "--source", "fixtures", *PATTERNS)  # the listings come back too
    assert crawl.exit_code == 0 and "new 0, changed 0" in crawl.stdout


def test_a_damaged_index_is_found_and_rebuilt(data: Path) -> None:
    current = generations.current(data / "index")
    assert current is not None
    for segment in current.path.glob("*.seg"):
        segment.write_bytes(b"garbage")
    code, found = _check(data)
    assert code == 5 and _kinds(found) == [("damaged index", "index")]
    code, repaired = _check(data, "--repair")
    assert code == 0 and repaired["problems"][0]["repair"] == "index rebuilt"
    assert run(data, "check").stdout.strip().endswith("29 index entries: 0 problems")


def test_repairing_extra_files_never_writes_over_one_not_yet_looked_at(data: Path) -> None:
    # The English file's row is damaged, so the file is extra; a copy of the French one lies
    # beside it. Stored one after the other, the copy used to take the English file's name.
    english = data / "files" / "en" / "IP_C_W_669.pdf"
    original = english.read_bytes()
    shutil.copy(data / "files" / "fr" / "IP_C_W_669.pdf", data / "files" / "en" / "A669.pdf")
    _sql(data, "UPDATE documents SET status = 'bogus' WHERE key = 'IP/C/W/669|en'")
    code, repaired = _check(data, "--repair")
    assert code == 0
    repairs = {p["what"]: p["repair"] for p in repaired["problems"]}
    assert repairs["files/en/IP_C_W_669.pdf"] == "stored as IP/C/W/669 [en]"
    assert repairs["files/en/A669.pdf"] == "moved to quarantine/files/en/A669.pdf"
    assert english.read_bytes() == original
    with Store(DataDir(data)) as store:
        entry = store.get("IP/C/W/669", "en")
        assert (
            entry is not None
            and entry.document.path == english
            and entry.document.sha256 == sha256(original).hexdigest()
        )
    assert _check(data)[0] == 0


def test_a_manifest_damaged_inside_is_rebuilt_too(data: Path) -> None:
    manifest = data / "manifest.sqlite3"
    with closing(sqlite3.connect(manifest)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with manifest.open("r+b") as handle:  # garbage in the table's second page
        handle.seek(page_size + 16)
        handle.write(b"\xff" * 64)
    assert_one_line_error(run(data, "list"), 1, "is damaged")
    code, repaired = _check(data, "--repair")
    assert code == 0 and _kinds(repaired)[0] == ("damaged manifest", "manifest.sqlite3")
    assert run(data, "check").stdout.strip() == "checked 29 records, 29 files, 29 index entries: 0 problems"


def _a_cached_text(data: Path, key: str) -> tuple[Path, str]:
    """The cached text of the record ``key``, and the key."""
    with Store(DataDir(data)) as store:
        entry = next(e for e in store.entries() if e.key == key)
    return DataDir(data).cached_text(entry.document.sha256), key


def test_a_cached_text_without_pages_and_an_abandoned_rebuild_are_found(data: Path) -> None:
    cache, owner = _a_cached_text(data, "IP/C/W/669|fr")
    cache.write_text('{"pages": []}')
    (data / "index" / "gen-000007").mkdir()  # a rebuild killed before its swap
    code, found = _check(data)
    assert code == 5
    assert sorted(_kinds(found)) == [
        ("abandoned index generation", "index/gen-000007"),
        ("damaged text cache", f"text/{cache.name}"),
        ("uncached text", owner),
    ]
    assert _check(data, "--repair")[0] == 0
    assert not (data / "index" / "gen-000007").exists()
    assert json.loads(cache.read_text(encoding="utf-8"))["pages"]  # read again from its PDF


def test_a_text_the_cache_lost_leaves_search_whole_and_is_read_again_by_the_repair(data: Path) -> None:
    """The index holds no copy of the text: without its cached text a document is still found,
    its snippet and its text are missing, and ``ipcw check --repair`` reads the PDF again."""
    cache, owner = _a_cached_text(data, "IP/C/W/669|en")
    before = json.loads(run(data, "search", "covid-19", "--format", "json").stdout)
    cache.unlink()
    lost = json.loads(run(data, "search", "covid-19", "--format", "json").stdout)
    assert [h["symbol"] for h in lost] == [h["symbol"] for h in before] and lost[0]["snippet"] == ""
    assert (
        "the text is not in the text cache"
        in run(data, "show", "IP/C/W/669", "--lang", "en", "--text").stdout
    )
    similar = run(data, "similar", "IP/C/W/669", "--lang", "en")
    assert similar.exit_code == 1 and "is not in the text cache" in similar.stderr
    code, found = _check(data)
    assert code == 5 and _kinds(found) == [("uncached text", owner)]
    assert _check(data, "--repair")[0] == 0 and cache.is_file()
    after = json.loads(run(data, "search", "covid-19", "--format", "json").stdout)
    assert [(h["symbol"], h["snippet"]) for h in after] == [(h["symbol"], h["snippet"]) for h in before]
