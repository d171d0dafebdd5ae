"""No traceback reaches a user and no run stops for good (issue 7), through the ``ipcw`` command:
hostile PDFs, hostile words, hostile queries. Each gives one line and an exit code, or fails alone."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import Result

from tests.faulty_site import FaultySite
from tests.hostile_pdfs import many_pages_pdf, shared_stream_pdf, text_pdf
from tests.replay_server import serve
from tests.test_cli import PDF_669, assert_one_line_error, run

SPANISH_COVER = """IP/C/W/999
2 de octubre de 2020
(20-9999)
Página: 1/1
Consejo de los Aspectos de los Derechos de Propiedad
Intelectual relacionados con el Comercio
Original: español
COOPERACIÓN TÉCNICA
Comunicación de España
La siguiente comunicación se distribuye a petición de la delegación de España.
__________________________________________
1 La delegación argüe que la cooperación técnica argue ague."""


def _run(data: Path, *args: str, **env: str) -> Result:
    return run(data, *args, env=env)


def test_a_spanish_word_the_stemmer_fails_on_is_imported_and_found_issue_7(tmp_path: Path) -> None:
    pdf = tmp_path / "es.pdf"
    pdf.write_bytes(text_pdf([SPANISH_COVER]))
    result = _run(tmp_path / "data", "import", str(pdf))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "imported IP/C/W/999 [es]"
    found = json.loads(_run(tmp_path / "data", "search", "argüe", "--format", "json").stdout)
    assert [hit["symbol"] for hit in found] == ["IP/C/W/999"]
    assert _run(tmp_path / "data", "index", "--rebuild").exit_code == 0


def test_a_pdf_that_takes_hours_fails_alone_at_the_time_limit_issue_7(tmp_path: Path) -> None:
    slow = tmp_path / "downloads" / "slow.pdf"
    slow.parent.mkdir()
    slow.write_bytes(shared_stream_pdf())
    (slow.parent / "good.pdf").write_bytes(PDF_669.read_bytes())
    started = time.monotonic()
    result = _run(tmp_path / "data", "import", str(slow.parent), IPCW_EXTRACT_TIMEOUT="2")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert result.stdout.strip() == "imported IP/C/W/669 [en]"
    assert result.stderr.strip() == (
        f"ipcw: error: {slow}: reading took longer than 2 s (extract_timeout); stopped"
    )


def test_a_slow_pdf_on_the_site_is_recorded_failed_and_stops_no_later_run_issue_7(tmp_path: Path) -> None:
    site = FaultySite()
    site.put_file("q:/IP/C/W669.pdf", shared_stream_pdf())
    data = tmp_path / "data"
    with serve(site) as base_url:
        crawl = ("crawl", "--base-url", base_url, "--delay", "0", "--symbol", "IP/C/W/66*")
        first = _run(data, *crawl, IPCW_EXTRACT_TIMEOUT="2")
        assert first.exit_code == 5, first.stderr
        assert first.stdout.strip().endswith("; indexed 1, unreadable 1")
        failed = json.loads(_run(data, "list", "--status", "failed", "--format", "json").stdout)
        assert [(r["symbol"], r["reason"]) for r in failed] == [
            (
                "IP/C/W/669",
                "unreadable: IP/C/W/669|en: reading took longer than 2 s (extract_timeout); stopped",
            )
        ]
        for _ in range(2):  # retried, within the limit, by the next two runs...
            again = _run(data, *crawl, IPCW_EXTRACT_TIMEOUT="2")
            assert again.exit_code == 5 and again.stdout.strip().endswith("; indexed 0, unreadable 1")
        left_alone = _run(data, *crawl, IPCW_EXTRACT_TIMEOUT="2")  # ...then left alone
        assert left_alone.exit_code == 0 and left_alone.stdout.strip().endswith("; indexed 0")


def test_the_page_limit_is_said_in_the_summary_and_the_list_issue_7(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(many_pages_pdf(300, first_page=SPANISH_COVER))
    result = _run(tmp_path / "data", "import", str(pdf), IPCW_MAX_PAGES="100")
    assert result.exit_code == 0, result.stderr
    assert "IP/C/W/999|es: 100 of 300 pages read (max_pages)" in result.stderr
    rows = json.loads(_run(tmp_path / "data", "list", "--format", "json").stdout)
    assert [(r["status"], r["reason"]) for r in rows] == [("ok", "100 of 300 pages read")]
    assert "  ok: 100 of 300 pages read  " in _run(tmp_path / "data", "list").stdout


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(" * 300 + "wipo" + ")" * 300, "query nests parentheses more than 16 deep"),
        ("not " * 1000 + "wipo", "query too long: 4004 characters (at most 1000)"),
        ("wipo " * 1000, "query too long: 5000 characters (at most 1000)"),
        ("colour:red wipo", "unknown field 'colour:' in query"),  # issue 10: fields and near
        ("year:2019..2015", "year: range ends before it starts"),
        ("wipo near", "near needs a word or phrase on each side"),
    ],
)
def test_hostile_queries_are_one_line_issue_7(tmp_path: Path, query: str, message: str) -> None:
    pdf = tmp_path / "669.pdf"
    pdf.write_bytes(PDF_669.read_bytes())
    assert _run(tmp_path / "data", "import", str(pdf)).exit_code == 0
    assert_one_line_error(_run(tmp_path / "data", "search", query), 2, message)
