"""The coverage report in each format, and ``ipcw report coverage`` on the fixtures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ipcw.config import Settings
from ipcw.models import Origin
from ipcw.report import REPORT_FORMATS, Coverage, coverage, is_report, write_coverage
from ipcw.search import Searcher
from tests.report.test_coverage import report
from tests.test_cli import run


@pytest.fixture
def table() -> Coverage:
    return coverage(
        [
            report("IP/C/W/200", "2000-10-01", "Japan"),
            report("IP/C/W/400", "2003-10-01", "China"),
            report("IP/C/W/400/Add.1", "2003-10-08", "European Communities"),
            report("IP/C/W/401", "2002-10-01", "WHO", origin=Origin.IGO),
        ]
    )


def written(table: Coverage, fmt: str) -> str:
    out = io.StringIO()
    write_coverage(table, fmt, out)
    return out.getvalue()


def marks(lines: list[str], label: str) -> list[str]:
    """The marks on ``label``'s line of the grid, one a year, read under the years' heading."""
    heading = next(line for line in lines if line.strip().startswith("00 01"))
    line = next(line for line in lines if line.startswith(label + " "))
    return [line[at + 1 : at + 2] or " " for at in (heading.index(f"{y:02d}") for y in range(4))]


def test_the_table_is_a_grid_of_marks_a_section_at_a_time_then_the_symbols(table: Coverage) -> None:
    lines = written(table, "table").splitlines()
    assert lines[0] == "Article 67 reports on technical cooperation, 2000–2003: 4 reports, 4 submitters"
    assert lines.index("Members") < lines.index("Intergovernmental organizations")
    assert marks(lines, "China") == [" ", "·", "·", "■"]  # it joined the WTO on 11 December 2001
    assert marks(lines, "Japan") == ["■", "·", "·", "·"]
    assert marks(lines, "WHO") == ["·", "·", "■", "·"]  # an organization by its acronym
    assert "  European Union (formerly European Communities until 2009-11-30): 2003 IP/C/W/400/Add.1" in lines
    assert "  China: 2003 IP/C/W/400" in lines


def test_csv_is_a_line_for_each_submitter_and_year(table: Coverage) -> None:
    rows = list(csv.DictReader(io.StringIO(written(table, "csv"))))
    assert len(rows) == 4 * 4
    china = {row["year"]: row["status"] for row in rows if row["submitter"] == "China"}
    assert china == {
        "2000": "not-yet-member",
        "2001": "missing",
        "2002": "missing",
        "2003": "reported",
    }
    eu = next(row for row in rows if row["submitter"] == "European Union" and row["year"] == "2003")
    assert eu["symbols"] == "IP/C/W/400/Add.1" and eu["section"] == "members"
    assert eu["history"] == "European Communities until 2009-11-30" and eu["member_since"] == "1995-01-01"


def test_json_holds_every_cell_with_its_status_and_symbols(table: Coverage) -> None:
    record = json.loads(written(table, "json"))
    assert record["years"] == [2000, 2001, 2002, 2003]
    assert [row["submitter"] for row in record["sections"]["members"]] == ["China", "European Union", "Japan"]
    who = record["sections"]["organizations"][0]
    assert who["years"]["2002"] == {"status": "reported", "symbols": ["IP/C/W/401"]}
    assert who["member_since"] is None and record["sections"]["secretariat"] == []


def test_markdown_is_a_table_a_section_with_the_symbols_in_the_cells(table: Coverage) -> None:
    text = written(table, "markdown")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows[0] == "| Submitter | 2000 | 2001 | 2002 | 2003 |"
    assert all(row.count("|") == 6 for row in rows)
    assert "| China | not a Member | — | — | IP/C/W/400 |" in rows
    assert "### Intergovernmental organizations" in text


def test_an_empty_table_says_so_in_every_format() -> None:
    empty = coverage([])
    assert "none in the index" in written(empty, "table")
    assert json.loads(written(empty, "json"))["years"] == []
    assert written(empty, "csv").strip() == ",".join(
        ["section", "submitter", "year", "status", "symbols", "member_since", "history"]
    )


def test_the_fixtures_report_holds_every_technical_cooperation_report_indexed(built: Settings) -> None:
    result = run(built.data_dir, "report", "coverage", "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    shown = {
        symbol
        for rows in record["sections"].values()
        for row in rows
        for cell in row["years"].values()
        for symbol in cell["symbols"]
    }
    with Searcher(built.data.index) as searcher:
        reports = {doc.symbol for doc in searcher.documents() if is_report(doc)}
    assert shown | set(record["unplaced"]) == reports and len(reports) > 40
    members = {row["submitter"]: row for row in record["sections"]["members"]}
    eu = members["European Union"]
    assert eu["history"] == "European Communities until 2009-11-30"
    assert eu["years"]["2004"]["symbols"] == ["IP/C/W/426/Add.5", "IP/C/W/426/Add.5/Suppl.1"]
    assert "WTO Secretariat" in {row["submitter"] for row in record["sections"]["secretariat"]}


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_format_is_written_to_a_file_whole(built: Settings, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"coverage.{fmt}"
    result = run(built.data_dir, "report", "coverage", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "European Union" in target.read_text(encoding="utf-8")


def test_a_report_without_an_index_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "report", "coverage")
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "ipcw crawl" in result.stderr
