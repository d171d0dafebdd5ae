"""The coverage report as a heat map (``ipcw report coverage --plot FILE``): a submitter a row, a
year a column, a filled cell a report, a pale one a year without, a white one a year
before the Member joined the WTO. Members, organizations and the Secretariat are bands with their
headings. Drawn with matplotlib, the optional extra ``ipcw[plot]``; written whole or not at all.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from typing import Any

from ipcw.errors import ConfigError
from ipcw.files import write_output
from ipcw.report.coverage import Cell, Coverage
from ipcw.report.render import HEADINGS, grid_rows, report_title, short_label

#: The image formats a plot is written in, by file suffix.
PLOT_SUFFIXES = (".png", ".svg")
#: Each cell's value in the map, and its colour and legend.
VALUES = {Cell.NOT_YET_MEMBER: 0, Cell.MISSING: 1, Cell.REPORTED: 2}
COLOURS = ("#ffffff", "#e8edf3", "#1f5f99")
LEGEND = ("not yet a WTO Member", "no report", "reported")
NO_MATPLOTLIB = "plots need matplotlib: pip install 'ipcw[plot]'"


def check_plot_path(path: Path) -> str:
    """The image format of ``path`` (its suffix); a :class:`ConfigError` when it is neither of
    :data:`PLOT_SUFFIXES`, or when matplotlib is not installed."""
    suffix = path.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise ConfigError(f"a plot is written as {' or '.join(PLOT_SUFFIXES)}, not {path.name!r}")
    if importlib.util.find_spec("matplotlib") is None:
        raise ConfigError(NO_MATPLOTLIB)
    return suffix


def plot_coverage(coverage: Coverage, path: Path) -> None:
    """Draw ``coverage`` into ``path`` (``.png`` or ``.svg``). Raises :class:`ConfigError` for
    another suffix, for an empty table, or when matplotlib is not installed."""
    suffix = check_plot_path(path)
    if not coverage.rows:
        raise ConfigError("there is nothing to plot: the index holds no technical-cooperation report")
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display: a file
        matplotlib.rcParams["svg.fonttype"] = "none"  # an SVG's words as text, not outlines
        from matplotlib import pyplot
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch
    except ImportError as exc:
        raise ConfigError(NO_MATPLOTLIB) from exc
    labels: list[str] = []
    grid: list[list[int]] = []
    bands: list[tuple[int, str]] = []  # the first row of each section, and its heading
    for section, rows in grid_rows(coverage):
        bands.append((len(labels), HEADINGS[section]))
        for row in rows:
            labels.append(short_label(row))
            grid.append([VALUES[row.cell(year)] for year in coverage.years])
    width = max(6.0, 2.5 + 0.32 * len(coverage.years))
    height = max(3.0, 1.6 + 0.3 * len(labels))
    figure, axes = pyplot.subplots(figsize=(width, height), dpi=100)
    try:
        _draw(axes, grid, labels, bands, coverage, ListedColormap(COLOURS))
        patches = [
            Patch(facecolor=c, edgecolor="#8a8a8a", label=t) for c, t in zip(COLOURS, LEGEND, strict=True)
        ]
        figure.legend(handles=patches, loc="lower center", ncol=3, frameon=False)
        figure.suptitle(report_title(coverage), fontsize=11)
        figure.tight_layout(rect=(0, 0.35 / height, 1, 1))  # room for the legend below
        out = io.BytesIO()
        figure.savefig(out, format=suffix[1:], bbox_inches="tight")
    finally:
        pyplot.close(figure)
    write_output(path, out.getvalue())


def _draw(
    axes: Any,
    grid: list[list[int]],
    labels: list[str],
    bands: list[tuple[int, str]],
    coverage: Coverage,
    colours: Any,
) -> None:
    axes.imshow(grid, cmap=colours, vmin=0, vmax=2, aspect="auto", interpolation="nearest")
    axes.set_yticks(range(len(labels)), labels, fontsize=8)
    years = coverage.years
    step = 1 if len(years) <= 30 else 2
    axes.set_xticks(
        range(0, len(years), step), [str(year) for year in years[::step]], rotation=90, fontsize=8
    )
    axes.set_xlabel("year of the report")
    # Thin white lines between cells, a darker one between sections, each section named at its right.
    axes.set_xticks([x - 0.5 for x in range(len(years) + 1)], minor=True)
    axes.set_yticks([y - 0.5 for y in range(len(labels) + 1)], minor=True)
    axes.grid(which="minor", color="white", linewidth=0.8)
    axes.tick_params(which="minor", length=0)
    for first, heading in bands:
        if first:
            axes.axhline(first - 0.5, color="#333333", linewidth=1.2)
        axes.annotate(
            heading,
            xy=(1.01, first - 0.4),
            xycoords=("axes fraction", "data"),
            fontsize=8,
            fontweight="bold",
            va="top",
        )
