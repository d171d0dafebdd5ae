"""Reports drawn from the index's tags: the Article 67 coverage table (:mod:`.coverage`), written
for people and programs (:mod:`.render`)."""

from ipcw.report.coverage import Cell, Coverage, Row, Section, coverage, is_report
from ipcw.report.render import REPORT_FORMATS, write_coverage

__all__ = ["REPORT_FORMATS", "Cell", "Coverage", "Row", "Section", "coverage", "is_report", "write_coverage"]
