"""The reports written for people (a table, Markdown) and for programs (CSV, JSON): the coverage
table, then the activity.

The table is a grid, a submitter a line (an organization by its acronym) and a year a column:
``■`` a report, ``·`` none, blank a year before the Member joined the WTO; the symbols behind each
line follow the grid. Markdown puts the symbols in the cells. CSV is one line a submitter and year
(tidy data, for a spreadsheet or pandas); JSON the whole table, each cell with its status and
symbols.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

from ipcw.output import csv_format, json_format
from ipcw.report.activity import Activity
from ipcw.report.coverage import Cell, Coverage, Row, Section

#: The formats of ``ipcw report coverage``.
REPORT_FORMATS = ("table", "csv", "json", "markdown")

#: What a cell shows in the table.
MARKS = {Cell.REPORTED: "■", Cell.MISSING: "·", Cell.NOT_YET_MEMBER: " "}
#: Each section's heading.
HEADINGS = {
    Section.MEMBERS: "Members",
    Section.ORGANIZATIONS: "Intergovernmental organizations",
    Section.SECRETARIAT: "WTO Secretariat",
}
LEGEND = "■ reported   · no report   (blank) not yet a WTO Member"
CSV_FIELDS = ("section", "submitter", "year", "status", "symbols", "member_since", "history")


def write_coverage(coverage: Coverage, fmt: str, out: TextIO) -> None:
    """``coverage`` in ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    if fmt == "table":
        out.write(coverage_table(coverage))
    elif fmt == "markdown":
        out.write(coverage_markdown(coverage))
    elif fmt == "csv":
        csv_format.write_csv(_csv_rows(coverage), CSV_FIELDS, out)
    elif fmt == "json":
        out.write(json_format.to_json(coverage_record(coverage)) + "\n")
    else:
        raise ValueError(f"the coverage report is written as {', '.join(REPORT_FORMATS)}, not {fmt!r}")


def report_title(coverage: Coverage) -> str:
    if not coverage.years:
        return "Article 67 reports on technical cooperation: none in the index"
    first, last = coverage.years[0], coverage.years[-1]
    return (
        f"Article 67 reports on technical cooperation, {first}–{last}: "
        f"{coverage.reports} report{'s' if coverage.reports != 1 else ''}, {len(coverage.rows)} submitters"
    )


def _label(row: Row) -> str:
    return f"{row.name} (formerly {row.history})" if row.history else row.name


#: An organization's acronym at the end of its name: "World Health Organization (WHO)".
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)$")


def short_label(row: Row) -> str:
    """A row's name in the grid: an organization by its acronym (``WHO``), a Member whole."""
    found = _ACRONYM.search(row.name) if row.section is Section.ORGANIZATIONS else None
    return found.group(1) if found else row.name


def grid_rows(coverage: Coverage) -> list[tuple[Section, list[Row]]]:
    """Each section that has rows, with its rows in the order of the grid: by the label shown
    (:func:`short_label`), as the table and the heat map draw them."""
    return [
        (section, sorted(rows, key=lambda row: short_label(row).casefold()))
        for section in Section
        if (rows := coverage.section(section))
    ]


def coverage_table(coverage: Coverage) -> str:
    """The grid for a terminal (see the module's text)."""
    lines = [report_title(coverage), ""]
    if not coverage.years:
        return "\n".join(lines + _unplaced(coverage))
    width = max(len(short_label(row)) for row in coverage.rows)
    header = " " * width + "  " + " ".join(f"{year % 100:02d}" for year in coverage.years)
    for section, rows in grid_rows(coverage):
        lines += [HEADINGS[section], header]
        for row in rows:
            marks = " ".join(f" {MARKS[row.cell(year)]}" for year in coverage.years)
            lines.append(f"{short_label(row):<{width}}  {marks}".rstrip())
        lines.append("")
    lines += [LEGEND, "", "Symbols:"]
    for row in coverage.rows:
        reports = "; ".join(f"{year} {', '.join(symbols)}" for year, symbols in row.reports.items())
        lines.append(f"  {_label(row)}: {reports}")
    return "\n".join(lines + _unplaced(coverage)) + "\n"


def _unplaced(coverage: Coverage) -> list[str]:
    if not coverage.unplaced:
        return []
    return ["", f"Reports with no submitter or date read: {', '.join(coverage.unplaced)}"]


def coverage_markdown(coverage: Coverage) -> str:
    """The grid as Markdown tables, a section each, the symbols in the cells."""
    lines = [f"## {report_title(coverage)}", ""]
    cells = {Cell.MISSING: "—", Cell.NOT_YET_MEMBER: "not a Member"}
    for section in Section:
        rows = coverage.section(section)
        if not rows:
            continue
        lines += [f"### {HEADINGS[section]}", ""]
        lines.append("| Submitter | " + " | ".join(map(str, coverage.years)) + " |")
        lines.append("|---|" + "---|" * len(coverage.years))
        for row in rows:
            shown = [
                "<br>".join(row.reports[year]) if row.cell(year) is Cell.REPORTED else cells[row.cell(year)]
                for year in coverage.years
            ]
            lines.append(f"| {_escape(_label(row))} | " + " | ".join(shown) + " |")
        lines.append("")
    if coverage.unplaced:
        lines += [f"Reports with no submitter or date read: {', '.join(coverage.unplaced)}", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _csv_rows(coverage: Coverage) -> Iterator[dict[str, Any]]:
    for row in coverage.rows:
        for year in coverage.years:
            yield {
                "section": row.section.value,
                "submitter": row.name,
                "year": year,
                "status": row.cell(year).value,
                "symbols": list(row.reports.get(year, ())),
                "member_since": row.member_since.isoformat() if row.member_since else "",
                "history": row.history,
            }


def coverage_record(coverage: Coverage) -> dict[str, Any]:
    """The whole table as plain data (the JSON format)."""
    return {
        "title": report_title(coverage),
        "years": list(coverage.years),
        "sections": {
            section.value: [
                {
                    "submitter": row.name,
                    "history": row.history,
                    "member_since": row.member_since.isoformat() if row.member_since else None,
                    "years": {
                        str(year): {
                            "status": row.cell(year).value,
                            "symbols": list(row.reports.get(year, ())),
                        }
                        for year in coverage.years
                    },
                }
                for row in coverage.section(section)
            ]
            for section in Section
        },
        "unplaced": list(coverage.unplaced),
    }


#: The formats of ``ipcw report activity``.
ACTIVITY_FORMATS = ("table", "json")
#: The origins' columns in the activity table, in order.
ORIGIN_COLUMNS = (("member", "members"), ("igo", "organizations"), ("secretariat", "secretariat"))


def write_activity(activity: Activity, fmt: str, out: TextIO, top: int = 15) -> None:
    """``activity`` in ``fmt`` (one of :data:`ACTIVITY_FORMATS`), the ``top`` countries and themes."""
    if fmt == "table":
        out.write(activity_table(activity, top))
    elif fmt == "json":
        out.write(json_format.to_json(activity_record(activity, top)) + "\n")
    else:
        raise ValueError(f"the activity report is written as {', '.join(ACTIVITY_FORMATS)}, not {fmt!r}")


def activity_table(activity: Activity, top: int = 15) -> str:
    """Reports a year by origin, then the countries and themes named most, for a terminal."""
    lines = [
        (
            f"Article 67 reports on technical cooperation: {activity.reports} reports, "
            f"{activity.texts_read} of their texts read"
        ),
        "",
    ]
    untagged = any("unknown" in counts for counts in activity.by_year.values())
    origins = (*ORIGIN_COLUMNS, ("unknown", "untagged")) if untagged else ORIGIN_COLUMNS
    lines.append("year  " + "  ".join(title for _, title in origins) + "  all")
    totals: Counter[str] = Counter()
    for year, counts in activity.by_year.items():
        totals.update(counts)
        cells = [f"{counts.get(origin, 0):>{len(title)}}" for origin, title in origins]
        lines.append(f"{year}  " + "  ".join(cells) + f"  {sum(counts.values()):>3}")
    cells = [f"{totals.get(origin, 0):>{len(title)}}" for origin, title in origins]
    lines.append("all   " + "  ".join(cells) + f"  {sum(totals.values()):>3}")
    if activity.undated:
        lines.append(f"(and {activity.undated} without a date)")
    for heading, counted in (
        (
            "Beneficiary countries named most (reports naming each; their own submitters left out):",
            activity.countries,
        ),
        (
            "Themes named most (reports naming each; the phrases are in ipcw/data/themes.tsv):",
            activity.themes,
        ),
    ):
        lines += ["", heading]
        width = max((len(name) for name, _ in counted[:top]), default=0)
        lines += [f"  {name:<{width}}  {count:>3}" for name, count in counted[:top]] or ["  (none)"]
    return "\n".join(lines) + "\n"


def activity_record(activity: Activity, top: int = 15) -> dict[str, Any]:
    """The activity as plain data (the JSON format)."""
    return {
        "reports": activity.reports,
        "texts_read": activity.texts_read,
        "undated": activity.undated,
        "by_year": {str(year): counts for year, counts in activity.by_year.items()},
        "countries": [{"country": name, "reports": count} for name, count in activity.countries[:top]],
        "themes": [{"theme": name, "reports": count} for name, count in activity.themes[:top]],
    }
