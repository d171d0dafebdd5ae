"""The coverage table: who reported on technical cooperation in which year, from documents' tags."""

from __future__ import annotations

from datetime import date

from ipcw.models import Document, Kind, Origin, Topic
from ipcw.report import Cell, Section, coverage


def report(
    symbol: str,
    day: str,
    *submitters: str,
    origin: Origin = Origin.MEMBER,
    language: str = "en",
    topic: Topic = Topic.TECHNICAL_COOPERATION,
    kind: Kind = Kind.COMMUNICATION,
) -> Document:
    return Document(
        symbol=symbol,
        language=language,
        date=date.fromisoformat(day) if day else None,
        origin=origin,
        submitters=submitters,
        topic=topic,
        kind=kind,
    )


def test_a_joint_report_counts_for_each_submitter() -> None:
    table = coverage([report("IP/C/W/408/Add.9", "2003-10-20", "Norway", "Switzerland")])
    assert [(row.name, row.reports) for row in table.rows] == [
        ("Norway", {2003: ("IP/C/W/408/Add.9",)}),
        ("Switzerland", {2003: ("IP/C/W/408/Add.9",)}),
    ]


def test_the_european_communities_reports_are_the_european_unions_row_with_its_history() -> None:
    table = coverage(
        [
            report("IP/C/W/426/Add.5", "2004-10-29", "European Communities"),
            report("IP/C/W/426/Add.5", "2004-10-29", "Communautés européennes", language="fr"),
            report("IP/C/W/610", "2015-09-29", "European Union"),
        ]
    )
    (row,) = table.rows
    assert row.name == "European Union"
    assert row.history == "European Communities until 2009-11-30"
    assert row.reports == {2004: ("IP/C/W/426/Add.5",), 2015: ("IP/C/W/610",)}


def test_a_year_before_a_members_accession_is_not_a_gap() -> None:
    """China joined on 2001-12-11: 2000 is before, 2001 a year it was a Member without a report."""
    table = coverage(
        [report("IP/C/W/200", "2000-10-01", "Japan"), report("IP/C/W/400", "2003-10-01", "China")]
    )
    china = next(row for row in table.rows if row.name == "China")
    assert [china.cell(year) for year in table.years] == [
        Cell.NOT_YET_MEMBER,
        Cell.MISSING,
        Cell.MISSING,
        Cell.REPORTED,
    ]
    japan = next(row for row in table.rows if row.name == "Japan")
    assert [japan.cell(year) for year in table.years] == [Cell.REPORTED, *[Cell.MISSING] * 3]


def test_years_run_from_the_first_report_to_the_last_so_that_a_gap_shows() -> None:
    table = coverage(
        [report("IP/C/W/34", "1996-09-16", "Austria"), report("IP/C/W/550", "2010-10-01", "Norway")]
    )
    assert table.years == tuple(range(1996, 2011))


def test_a_symbol_counts_once_in_all_its_languages_and_symbols_are_in_order() -> None:
    docs = [
        report(symbol, "2018-10-01", "Switzerland", language=language)
        for symbol in ("IP/C/W/647/Add.1/Corr.1", "IP/C/W/647/Add.1", "IP/C/W/647/Add.10")
        for language in ("en", "fr", "es")
    ]
    table = coverage(docs)
    assert table.rows[0].reports == {
        2018: ("IP/C/W/647/Add.1", "IP/C/W/647/Add.1/Corr.1", "IP/C/W/647/Add.10")
    }
    assert table.reports == 3


def test_only_technical_cooperation_communications_count() -> None:
    table = coverage(
        [
            report("IP/C/W/571", "2012-06-28", "Japan", topic=Topic.OTHER),
            report("IP/C/W/574", "2012-10-11", "Japan", topic=Topic.ARTICLE_66_2),
            report("IP/C/M/70", "2012-11-06", "Japan", kind=Kind.MINUTES),
        ]
    )
    assert table.rows == () and table.years == () and table.reports == 0


def test_members_organizations_and_the_secretariat_are_sections_in_that_order() -> None:
    table = coverage(
        [
            report("IP/C/W/658", "2019-10-15", "WTO Secretariat", origin=Origin.SECRETARIAT),
            report("IP/C/W/654", "2019-09-27", "WIPO", origin=Origin.IGO),
            report("IP/C/W/655/Add.1", "2019-10-04", "Japan"),
            report("IP/C/W/655", "2019-09-30", "Switzerland"),
        ]
    )
    assert [(row.section, row.name) for row in table.rows] == [
        (Section.MEMBERS, "Japan"),
        (Section.MEMBERS, "Switzerland"),
        (Section.ORGANIZATIONS, "World Intellectual Property Organization (WIPO)"),
        (Section.SECRETARIAT, "WTO Secretariat"),
    ]
    assert [row.name for row in table.section(Section.MEMBERS)] == ["Japan", "Switzerland"]


def test_a_report_without_submitter_or_date_is_listed_apart() -> None:
    table = coverage([report("IP/C/W/9", "2001-01-01"), report("IP/C/W/8", "", "Japan")])
    assert table.rows == () and table.unplaced == ("IP/C/W/8", "IP/C/W/9")
    assert table.reports == 2


def test_a_name_the_table_does_not_know_is_kept_as_written_in_its_documents_section() -> None:
    table = coverage([report("IP/C/W/700", "2021-10-01", "Agency for Everything", origin=Origin.IGO)])
    (row,) = table.rows
    assert (row.name, row.section, row.member_since) == ("Agency for Everything", Section.ORGANIZATIONS, None)
    assert row.cell(2021) is Cell.REPORTED
