"""Reports drawn from the index's tags and texts: the Article 67 coverage table (:mod:`.coverage`),
the activity by year, country and theme (:mod:`.activity`), written for people and programs
(:mod:`.render`), and the coverage as a heat map (:mod:`.plot`)."""

from ipcw.report.activity import Activity, activity
from ipcw.report.coverage import REPORT_FILTERS, Cell, Coverage, Row, Section, coverage, is_report
from ipcw.report.render import ACTIVITY_FORMATS, REPORT_FORMATS, write_activity, write_coverage

__all__ = [
    "ACTIVITY_FORMATS",
    "REPORT_FILTERS",
    "REPORT_FORMATS",
    "Activity",
    "Cell",
    "Coverage",
    "Row",
    "Section",
    "activity",
    "coverage",
    "is_report",
    "write_activity",
    "write_coverage",
]
