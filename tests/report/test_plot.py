"""The coverage heat map: a valid PNG or SVG of a size a person reads, with its title, rows and
legend; refused, in one line, where it cannot be drawn."""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ipcw.config import Settings
from ipcw.errors import ConfigError
from ipcw.files import _umask
from ipcw.models import Origin
from ipcw.report import Coverage, coverage
from ipcw.report.plot import plot_coverage
from tests.report.test_coverage import report
from tests.test_cli import run

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header chunk (which must come first)."""
    assert data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def table(members: int) -> Coverage:
    names = ["Japan", "Norway", "Switzerland", "Canada", "Australia", "New Zealand", "China", "Iceland"]
    docs = [
        report(f"IP/C/W/{500 + i}", f"{2003 + i % 9}-10-01", name) for i, name in enumerate(names[:members])
    ]
    return coverage([*docs, report("IP/C/W/499", "2002-10-01", "WIPO", origin=Origin.IGO)])


def test_a_png_is_a_valid_image_that_grows_with_its_rows(tmp_path: Path) -> None:
    small, large = tmp_path / "small.png", tmp_path / "large.png"
    plot_coverage(table(2), small)
    plot_coverage(table(8), large)
    (width, height), (_, taller) = png_size(small.read_bytes()), png_size(large.read_bytes())
    assert 600 <= width <= 3000 and 250 <= height <= 3000
    assert taller > height


def test_an_svg_holds_the_title_the_rows_the_years_and_the_legend_as_text(tmp_path: Path) -> None:
    target = tmp_path / "coverage.svg"
    plot_coverage(table(3), target)
    root = ElementTree.fromstring(target.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = {"".join(node.itertext()).strip() for node in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Article 67 reports on technical cooperation, 2002–2005: 4 reports, 4 submitters" in words
    assert {"Japan", "Norway", "Switzerland", "WIPO", "2002", "2005"} <= words
    assert {
        "reported",
        "no report",
        "not yet a WTO Member",
        "Members",
        "Intergovernmental organizations",
    } <= words


def test_another_suffix_an_empty_table_or_no_matplotlib_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError, match=r"written as \.png or \.svg"):
        plot_coverage(table(2), tmp_path / "coverage.gif")
    with pytest.raises(ConfigError, match="nothing to plot"):
        plot_coverage(coverage([]), tmp_path / "coverage.png")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ConfigError, match=r"pip install 'ipcw\[plot\]'"):
        plot_coverage(table(2), tmp_path / "coverage.png")
    assert list(tmp_path.iterdir()) == []  # nothing written, not even in part


def test_the_cli_draws_the_fixtures_and_says_where(built: Settings, tmp_path: Path) -> None:
    target = tmp_path / "coverage.png"
    result = run(built.data_dir, "report", "coverage", "--plot", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"drawn in {target}" in result.stderr
    width, height = png_size(target.read_bytes())
    assert width > 600 and height > 400
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # a user's file, not a temporary's


def test_the_cli_refuses_another_suffix_or_no_matplotlib_before_reading_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(tmp_path / "no-data-here", "report", "coverage", "--plot", str(tmp_path / "coverage.jpg"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "ipcw: error: a plot is written as .png or .svg, not 'coverage.jpg'"
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # find_spec: not there
    result = run(tmp_path / "no-data-here", "report", "coverage", "--plot", str(tmp_path / "coverage.png"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "ipcw: error: plots need matplotlib: pip install 'ipcw[plot]'"
