"""The activity report: reports a year by origin, the countries and themes their texts name."""

from __future__ import annotations

import json
from dataclasses import replace

from ipcw.config import Settings
from ipcw.models import LANGUAGES, Document, Origin
from ipcw.report import Activity, activity, is_report
from ipcw.report.activity import _names, load_themes, theme_rows
from ipcw.search import Searcher
from ipcw.text import fold
from tests.report.test_coverage import report
from tests.test_cli import run


def counted(docs: list[tuple[Document, str | None]]) -> Activity:
    texts = {(doc.symbol, doc.language): text for doc, text in docs}
    return activity([doc for doc, _ in docs], lambda doc: texts[doc.symbol, doc.language])


def test_reports_are_counted_a_year_by_origin_every_year_between_the_first_and_last() -> None:
    found = counted(
        [
            (report("IP/C/W/1", "2003-10-01", "Japan"), None),
            (report("IP/C/W/2", "2003-10-02", "WIPO", origin=Origin.IGO), None),
            (report("IP/C/W/3", "2005-10-01", "Norway"), None),
            (report("IP/C/W/4", "", "Norway"), None),
        ]
    )
    assert found.by_year == {2003: {"igo": 1, "member": 1}, 2004: {}, 2005: {"member": 1}}
    assert (found.reports, found.texts_read, found.undated) == (4, 0, 1)


def test_a_country_counts_once_a_report_and_never_for_its_own_submitter() -> None:
    found = counted(
        [
            (
                report("IP/C/W/1", "2003-10-01", "Japan"),
                "Seminars in Kenya, Kenya and Viet Nam; Japan's office.",
            ),
            (report("IP/C/W/2", "2003-10-02", "Norway"), "Assistance to Kenya. Norway funded it."),
        ]
    )
    assert found.countries == [("Kenya", 2), ("Viet Nam", 1)]


def test_a_theme_is_read_in_the_reports_own_language() -> None:
    """ "formation" is training in French, not in English."""
    found = counted(
        [
            (report("IP/C/W/1", "2003-10-01", "France", language="fr"), "Une formation sur les brevets."),
            (report("IP/C/W/2", "2003-10-01", "Canada"), "The formation of a committee on trade marks."),
        ]
    )
    assert dict(found.themes) == {"Training and awareness": 1, "Patents": 1, "Trademarks": 1}


def test_each_symbol_is_read_once_in_english_where_held() -> None:
    english = report("IP/C/W/1", "2003-10-01", "Japan")
    found = counted(
        [
            (replace(english, language="fr"), "Formation au Kenya."),
            (english, "Training in Zambia."),
            (replace(english, language="es"), "Capacitación en Perú."),
        ]
    )
    assert (found.reports, found.countries, dict(found.themes)) == (
        1,
        [("Zambia", 1)],
        {"Training and awareness": 1},
    )


def test_every_theme_has_phrases_in_the_three_languages() -> None:
    themes = load_themes()
    assert len(themes) >= 10
    assert all(set(theme.patterns) == {"en", "fr", "es"} for theme in themes)


def test_the_fixtures_activity_counts_every_report_indexed(built: Settings) -> None:
    result = run(built.data_dir, "report", "activity", "--format", "json", "--top", "5")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    with Searcher(built.data.index) as searcher:
        symbols = {doc.symbol for doc in searcher.documents() if is_report(doc)}
    assert record["reports"] == len(symbols) == record["texts_read"]
    per_year = sum(sum(counts.values()) for counts in record["by_year"].values())
    assert per_year + record["undated"] == len(symbols)
    assert len(record["countries"]) == 5 and len(record["themes"]) == 5
    assert all(row["reports"] <= len(symbols) for row in record["countries"] + record["themes"])


def test_every_phrase_of_every_theme_finds_itself_in_its_language() -> None:
    """A phrase with its open endings filled in (``indication* géographique*`` →
    "indications géographiques") is found by its theme in its language."""
    themes = {theme.id: theme for theme in load_themes()}
    checked = 0
    for row in theme_rows():
        for language in LANGUAGES:
            for phrase in filter(None, (p.strip() for p in row[language].split(";"))):
                text = f"Assistance with {phrase.replace('*', 's').upper()}, among others."
                assert _names(themes[row["id"]], fold(text), language), (row["id"], language, phrase)
                checked += 1
    assert checked > 100


def test_the_table_gives_reports_without_an_origin_a_column_of_their_own() -> None:
    from ipcw.report.render import activity_table

    untagged = replace(report("IP/C/W/5", "2003-10-01", "Japan"), origin=None)
    lines = activity_table(
        counted([(untagged, None), (report("IP/C/W/6", "2003-10-02", "Norway"), None)])
    ).splitlines()
    assert "year  members  organizations  secretariat  untagged  all" in lines
    assert "2003        1              0            0         1    2" in lines
