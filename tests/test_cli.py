"""The ``ipcw`` command, end to end: crawls of the replay (in-process and over loopback HTTP),
searches, show, list, import, and bad input that must give one line and a non-zero exit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import respx
from click.testing import CliRunner, Result

from ipcw import __version__
from ipcw.cli import cli
from ipcw.datadir import DataDir
from ipcw.fixtures import FIXTURES_DIR, ReplaySite
from tests.replay_server import serve

PDF_669 = FIXTURES_DIR / "site" / "files" / "q" / "IP" / "C" / "W669.pdf"


def run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """``ipcw --data-dir DATA_DIR ARGS``, untouched by the developer's config file and contact;
    ``env`` adds to the environment (``IPCW_...`` settings)."""
    environment: dict[str, str | None] = {"IPCW_CONFIG": "/nonexistent", "IPCW_CONTACT": None, **(env or {})}
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], env=environment)


def assert_one_line_error(result: Result, code: int, contains: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcw: error: ") and contains in lines[0], result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli")
    result = run(data, "crawl", "--source", "fixtures", "--lang", "en,fr")
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.strip().endswith("indexed 79")
    return data


def test_crawl_summary_line(crawled: Path) -> None:
    result = run(crawled, "crawl", "--source", "fixtures", "--lang", "en,fr")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        "listed 70, new 0, changed 0, unchanged 79, restricted 1, failed 0; indexed 0"
    )


def test_crawl_over_loopback_http(tmp_path: Path, live_site: tuple[ReplaySite, str]) -> None:
    site, base_url = live_site
    result = run(tmp_path, "crawl", "--base-url", base_url, "--symbol", "IP/C/W/64*", "--delay", "0")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("listed 7, new 7,")
    assert all(r.headers["User-Agent"].startswith("ipcw/") for r in site.requests)
    found = json.loads(run(tmp_path, "search", "IP/C/W/647", "--format", "json").stdout)
    assert found[0]["symbol"] == "IP/C/W/647"


def test_crawling_the_site_without_a_contact_is_refused_before_any_request(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with respx.mock(assert_all_called=False) as mock:
        any_request = mock.route().respond(503)
        result = run(data, "crawl", "--symbol", "IP/C/W/669")
        assert not any_request.called
    assert_one_line_error(result, 2, "needs a contact URL for the User-Agent: set IPCW_CONTACT")
    assert not data.exists()


def test_crawling_the_site_sends_the_contact_in_the_user_agent(tmp_path: Path) -> None:
    site = ReplaySite()
    with respx.mock(base_url="https://docs.wto.org") as mock:  # the network path, answered by the replay
        mock.route().mock(side_effect=site.handle)
        result = run(
            tmp_path, "crawl", "--contact", "https://lab.example.org/ipcw", "--symbol", "IP/C/W/669",
            "--delay", "0", "--no-index",
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("listed 1, new 1,")
    agents = {request.headers["User-Agent"] for request in site.requests}
    assert agents == {f"ipcw/{__version__} (TRIPS Council document harvester; +https://lab.example.org/ipcw)"}


def test_search_json(crawled: Path) -> None:
    result = run(crawled, "search", "technical cooperation and member", "--lang", "en", "--format", "json")
    hits = json.loads(result.stdout)
    assert len(hits) == 10 and all(h["origin"] == "member" for h in hits)


def test_search_table_is_the_default(crawled: Path) -> None:
    result = run(crawled, "search", "covid-19", "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("IP/C/W/669")
    assert "of 2 documents shown." in result.stdout  # English and French


def test_search_csv(crawled: Path) -> None:
    result = run(crawled, "search", "waiver", "--format", "csv", "--lang", "fr")
    assert result.stdout.splitlines()[0].startswith("symbol,lang,date,origin,submitters,title,score")


def test_show_metadata_and_text(crawled: Path) -> None:
    result = run(crawled, "show", "ip/c/w/647/add.3", "--lang", "en", "--text")
    assert result.exit_code == 0
    assert "origin        member" in result.stdout and "submitters    Japan" in result.stdout
    assert "delegation of Japan" in result.stdout
    objects = json.loads(run(crawled, "show", "IP/C/W/669", "--format", "json").stdout)
    assert [o["lang"] for o in objects] == ["en", "fr"]


def test_symbol_parts_are_shown(crawled: Path) -> None:
    shown = json.loads(run(crawled, "show", "IP/C/W/647/Add.1/Corr.1", "--format", "json").stdout)[0]
    assert shown["parts"] == {
        "series": "IP/C/W",
        "base": "IP/C/W/647",
        "number": 647,
        "suffixes": ["Add.1", "Corr.1"],
    }
    rows = run(crawled, "search", "IP/C/W/647/Add.1/Corr.1", "--format", "csv", "--limit", "1").stdout
    assert rows.splitlines()[0].endswith(",base,suffixes,languages")
    assert rows.splitlines()[1].endswith(",IP/C/W/647,Add.1/Corr.1,en")


def test_list_json_reports_status(crawled: Path) -> None:
    rows = json.loads(run(crawled, "list", "--format", "json").stdout)
    statuses = {(r["symbol"], r["lang"]): r["status"] for r in rows}
    assert statuses[("IP/C/W/16", "en")] == "restricted"
    assert statuses[("IP/C/W/669", "fr")] == "ok"
    ok = next(r for r in rows if r["status"] == "ok")
    assert len(ok["sha256"]) == 64 and Path(ok["path"]).is_file() and ok["fetched_at"]


def test_import_tags_from_the_pdf_alone(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(PDF_669, folder / "some name.pdf")
    result = run(tmp_path / "data", "import", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "imported IP/C/W/669 [en]"
    shown = json.loads(run(tmp_path / "data", "show", "IP/C/W/669", "--format", "json").stdout)[0]
    assert shown["origin"] == "member" and shown["submitters"] == ["India", "South Africa"]


def test_import_of_a_non_pdf_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "login.pdf"
    bad.write_text("<html>please log in</html>")
    assert_one_line_error(run(tmp_path / "data", "import", str(bad)), 1, "not a PDF")


def test_import_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run(tmp_path / "data", "import", str(tmp_path / "nope.pdf")), 1, "cannot read")


def test_search_without_index_says_how_to_build_one(tmp_path: Path) -> None:
    assert_one_line_error(run(tmp_path, "search", "anything"), 1, "ipcw crawl")


def test_malformed_query_is_one_line(crawled: Path) -> None:
    assert_one_line_error(run(crawled, "search", '"technical cooperation'), 2, "unbalanced quote")


def test_unknown_document_is_one_line(crawled: Path) -> None:
    assert_one_line_error(run(crawled, "show", "IP/C/W/9999"), 1, "no document IP/C/W/9999")


def test_bad_language_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "crawl", "--source", "fixtures", "--lang", "de")
    assert_one_line_error(
        result, 2, "languages must be en, fr, es (a list) or all: got 'de' (on the command line)"
    )


def test_data_dir_is_accepted_after_the_command(crawled: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["search", "waiver", "--data-dir", str(crawled), "--format", "json"],
        env={"IPCW_CONFIG": "/nonexistent"},
    )
    assert result.exit_code == 0 and json.loads(result.stdout)


@pytest.mark.parametrize("args", [["--version"], ["search", "--version"], ["crawl", "--version"]])
def test_version_everywhere(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and __version__ in result.stdout


def test_dry_run_prints_what_it_would_fetch(tmp_path: Path) -> None:
    result = run(tmp_path, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/669", "--dry-run")
    assert "would fetch IP/C/W/669 [en] https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx" in result.stdout


def test_keyword_crawl_reproduces_a_scripted_search(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "crawl",
        "--source",
        "fixtures",
        "--keywords",
        "technical cooperation and intergovernmental organizations",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("listed 17, new 17,")
    rows = json.loads(run(tmp_path, "list", "--format", "json").stdout)
    assert len(rows) == 17 and all(r["status"] == "ok" for r in rows)


def test_malformed_keywords_are_refused_before_any_request(tmp_path: Path) -> None:
    assert_one_line_error(
        run(tmp_path, "crawl", "--source", "fixtures", "--keywords", "(technical"),
        2,
        "unbalanced parenthesis",
    )
    assert not (tmp_path / "manifest.sqlite3").exists()


def test_layout_change_exits_4_after_the_summary(tmp_path: Path) -> None:
    from tests.faulty_site import Fault, FaultySite

    site = FaultySite(xml_enabled=False, faults=[Fault("fe_s_s006", "html", times=99)])
    with serve(site) as base_url:
        result = run(tmp_path, "crawl", "--base-url", base_url, "--delay", "0")
    assert result.exit_code == 4
    assert result.stdout.startswith("listed 0, new 0")
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("ipcw: error: page layout changed: 'form#aspnetForm' not found")
    )


def test_failed_downloads_exit_5_and_are_listed(tmp_path: Path) -> None:
    from tests.faulty_site import Fault, FaultySite

    site = FaultySite(faults=[Fault("w669.pdf", "status", status=404, times=9)])
    with serve(site) as base_url:
        result = run(tmp_path, "crawl", "--base-url", base_url, "--delay", "0", "--symbol", "IP/C/W/66*")
    assert result.exit_code == 5
    assert "ipcw: failed: IP/C/W/669 [en]: HTTP 404" in result.stderr
    failed = json.loads(run(tmp_path, "list", "--status", "failed", "--format", "json").stdout)
    assert [(r["symbol"], r["reason"]) for r in failed] == [("IP/C/W/669", "HTTP 404")]


def test_crawl_writes_a_log_file(tmp_path: Path) -> None:
    run(tmp_path, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/669")
    log = (tmp_path / "logs" / "ipcw.log").read_text(encoding="utf-8")
    assert "crawl: listed 1, new 1" in log


def test_progress_line_rewrites_itself() -> None:
    from ipcw.output.table import progress_line

    line = progress_line(12, 140, "IP/C/W/647 [en]")
    assert line == "\r\x1b[K[##                      ]  12/140 IP/C/W/647 [en]"


def test_list_of_a_new_data_dir_creates_nothing(tmp_path: Path) -> None:
    result = run(tmp_path / "nothing-here", "list")
    assert result.exit_code == 0 and "The store is empty" in result.stdout
    assert not (tmp_path / "nothing-here").exists()


@pytest.mark.parametrize(
    ("args", "contains"),
    [
        (["search", "x", "--limit", "-1"], "Invalid value for '--limit'"),
        (["--bogus"], "No such option '--bogus'"),
        (["serch", "x"], "'search'"),  # suggested: click's list depends on the commands imported
        (["search"], "Missing argument 'QUERY'"),
        (["crawl", "--route", "ftp"], "Invalid value for '--route'"),
        (["crawl", "--since", "yesterday"], "not a date: 'yesterday'"),
        (["crawl", "--symbol", "technical"], "not a document symbol: 'technical'"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], contains: str) -> None:
    assert_one_line_error(run(tmp_path / "data", *args), 2, contains)
    assert not (tmp_path / "data").exists()  # refused before anything was written


def test_show_of_a_restricted_document_says_so(crawled: Path) -> None:
    assert_one_line_error(
        run(crawled, "show", "ip/c/w/16"),
        1,
        "IP/C/W/16 [en] is restricted: the site answered with an HTML page",
    )


def test_a_bad_setting_is_one_line_naming_it_issue_8(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("delay = -3\n")
    result = run(tmp_path / "data", "list", env={"IPCW_CONFIG": str(config)})
    assert_one_line_error(result, 2, f"delay must be 0 or more: got -3.0 (in {config})")


def test_list_with_no_record_of_a_status_says_so_not_that_the_store_is_empty_issue_8(crawled: Path) -> None:
    result = run(crawled, "list", "--status", "failed")
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("No failed documents among the ")
    assert "empty" not in result.stdout


def test_list_sorts_symbols_by_their_parts_issue_8(tmp_path: Path) -> None:
    from ipcw.harvester import Store

    with Store(DataDir(tmp_path)) as store:
        for symbol in ("IP/C/W/11", "IP/C/W/2", "IP/C/W/2/Add.10", "IP/C/W/2/Add.9", "IP/C/W/101"):
            store.save_pdf(symbol, "en", b"%PDF-1.4 " + symbol.encode() + b"\n%%EOF\n", url="")
    rows = json.loads(run(tmp_path, "list", "--format", "json").stdout)
    assert [r["symbol"] for r in rows] == [
        "IP/C/W/2",
        "IP/C/W/2/Add.9",
        "IP/C/W/2/Add.10",
        "IP/C/W/11",
        "IP/C/W/101",
    ]


def test_importing_the_same_file_twice_says_unchanged_issue_8(tmp_path: Path) -> None:
    first = run(tmp_path / "data", "import", str(PDF_669))
    again = run(tmp_path / "data", "import", str(PDF_669))
    assert first.stdout.strip() == "imported IP/C/W/669 [en]"
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip() == "unchanged IP/C/W/669 [en]: the store holds this file already"


def test_a_symbol_not_in_the_index_is_said_on_stderr_issue_8(crawled: Path) -> None:
    result = run(crawled, "search", "IP/C/W/647/Add.9", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)  # the family is shown
    assert (
        result.stderr.strip()
        == "ipcw: IP/C/W/647/Add.9 is not in the index: showing its family (IP/C/W/647) instead"
    )


def test_show_gives_kind_and_marks_a_name_the_table_does_not_know_issue_8(tmp_path: Path) -> None:
    from ipcw.indexer import IndexWriter
    from ipcw.models import Document

    with IndexWriter(tmp_path / "index") as writer:
        writer.add(Document("IP/C/W/900", "en", text="text", submitters=("Japan", "Republic of Ruritania")))
    shown = run(tmp_path, "show", "IP/C/W/900").stdout
    assert "submitters    Japan; Republic of Ruritania (unrecognised name)" in shown
    assert "kind          communication" in shown


@pytest.mark.parametrize(
    ("first_page", "symbol", "day"),
    [
        (
            (
                "WORLD TRADE RESTRICTED WT/MIN(05)/17 18 December 2005 ORGANIZATION (05-5981)\n"
                "MINISTERIAL CONFERENCE\nCommunication from Norway\n"
            ),
            "WT/MIN(05)/17",
            "2005-12-18",
        ),
        (
            (
                "cptech.org :: TRIPS Council :: IP/C/W/302 :: July 25, 2001\n"
                "PROTECTION OF TRADITIONAL KNOWLEDGE\nCommunication from Brazil\n"
            ),
            "IP/C/W/302",
            "2001-07-25",
        ),
        (
            (
                "Date: | 2020/10/12 | Symbol: | IP/C/R/TC/WHO/1 |\nTECHNICAL COOPERATION ACTIVITIES\n"
                "World Health Organization (WHO)\n"
            ),
            "IP/C/R/TC/WHO/1",
            "2020-10-12",
        ),
    ],
)
def test_import_reads_symbols_and_dates_wherever_the_cover_puts_them_issue_8(
    tmp_path: Path, first_page: str, symbol: str, day: str
) -> None:
    from tests.hostile_pdfs import text_pdf

    pdf = tmp_path / "download.pdf"
    pdf.write_bytes(text_pdf([first_page]))
    result = run(tmp_path / "data", "import", str(pdf))
    assert result.exit_code == 0, result.stderr
    shown = json.loads(run(tmp_path / "data", "show", symbol, "--format", "json").stdout)[0]
    assert (shown["symbol"], shown["date"]) == (symbol, day)


def test_show_gives_the_name_a_member_went_by_then_issue_8(crawled: Path) -> None:
    shown = run(crawled, "show", "IP/C/W/426/Add.5", "--lang", "en").stdout
    assert "submitters    European Union (then European Communities)" in shown
    as_json = json.loads(run(crawled, "show", "IP/C/W/426/Add.5", "--lang", "en", "--format", "json").stdout)
    assert as_json[0]["submitters"] == ["European Union"]


def test_importing_another_file_for_a_held_symbol_says_replaced(tmp_path: Path) -> None:
    from tests.hostile_pdfs import text_pdf

    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(text_pdf(["IP/C/W/900\n1 May 2001\nA TITLE OF THE PAPER\n"]))
    second.write_bytes(text_pdf(["IP/C/W/900\n2 May 2001\nA TITLE OF THE PAPER\n"]))
    assert run(tmp_path / "data", "import", str(first)).stdout.strip() == "imported IP/C/W/900 [en]"
    again = run(tmp_path / "data", "import", str(second))
    assert again.stdout.strip() == "replaced IP/C/W/900 [en]: the store held another file for it"


def test_a_bad_setting_in_the_config_file_shows_even_where_the_command_overrides_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("delay = -3\n")
    result = run(tmp_path / "data", "crawl", "--source", "fixtures", env={"IPCW_CONFIG": str(config)})
    assert_one_line_error(result, 2, f"delay must be 0 or more: got -3.0 (in {config})")


def test_facets_in_the_table_and_in_json_issue_10(crawled: Path) -> None:
    table = run(crawled, "search", "technical cooperation", "--limit", "1", "--facets", "--lang", "en")
    assert table.exit_code == 0 and "Facets of all 59 documents:" in table.stdout
    assert re.search(r"^  origin +member.31 · igo.17 · secretariat.11$", table.stdout, re.M)
    found = json.loads(run(crawled, "search", "wipo", "--facets", "--format", "json").stdout)
    assert set(found) == {"total", "hits", "facets"} and found["total"] >= len(found["hits"])
    assert set(found["facets"]) == {"origin", "submitter", "year", "lang", "topic", "kind"}
    assert sum(found["facets"]["lang"].values()) == found["total"]
    assert_one_line_error(run(crawled, "search", "wipo", "--facets", "--format", "csv"), 2, "not CSV")


def test_a_misspelt_search_says_did_you_mean_on_stderr_issue_10(crawled: Path) -> None:
    result = run(crawled, "search", "technical cooperaton")
    assert result.exit_code == 0 and result.stdout.strip() == "No documents match."
    assert result.stderr.strip() == "ipcw: did you mean: technical cooperation?"


def test_similar_writes_hits_in_every_format_and_refuses_an_unknown_symbol_issue_10(crawled: Path) -> None:
    found = json.loads(run(crawled, "similar", "IP/C/W/669", "--limit", "3", "--format", "json").stdout)
    assert len(found) == 3 and "IP/C/W/669" not in {hit["symbol"] for hit in found}
    rows = run(crawled, "similar", "IP/C/W/669", "--limit", "3", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("symbol,lang,date") and len(rows) == 4
    assert_one_line_error(run(crawled, "similar", "IP/C/W/9999"), 1, "no document IP/C/W/9999 in the index")


def test_every_hit_streams_to_jsonl_and_csv_that_pandas_reads_issue_10(crawled: Path, tmp_path: Path) -> None:
    import pandas as pd

    lines, rows = tmp_path / "a.jsonl", tmp_path / "a.csv"
    every = run(crawled, "search", "cooperation", "--all", "--format", "jsonl", "-o", str(lines))
    assert every.exit_code == 0 and every.stdout == ""
    frame = pd.read_json(lines, lines=True)
    total = json.loads(run(crawled, "search", "cooperation", "--facets", "--format", "json").stdout)["total"]
    assert len(frame) == total > 10 and {"symbol", "lang", "date", "languages"} <= set(frame.columns)
    written = run(crawled, "search", "cooperation", "--limit", "0", "--format", "csv", "-o", str(rows))
    assert written.exit_code == 0
    table = pd.read_csv(rows)
    assert list(table["symbol"]) == list(frame["symbol"]) and "base" in table.columns


def test_json_is_the_same_written_at_once_or_row_by_row_issue_10(crawled: Path) -> None:
    from ipcw.output.json_format import to_json

    for args in (["search", "cooperation", "--limit", "3"], ["search", "zzzzqqq"], ["list"]):
        text = run(crawled, *args, "--format", "json").stdout
        assert text == to_json(json.loads(text)) + "\n"


def test_an_output_file_is_written_whole_or_left_as_it_was_issue_10(crawled: Path, tmp_path: Path) -> None:
    target = tmp_path / "hits.json"
    target.write_text("earlier\n", encoding="utf-8")
    assert_one_line_error(run(crawled, "search", '"unbalanced', "-o", str(target)), 2, "unbalanced quote")
    assert target.read_text(encoding="utf-8") == "earlier\n" and list(tmp_path.glob(".*.part")) == []
    assert run(crawled, "search", "wipo", "--format", "json", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["symbol"]


def test_grouped_by_family_the_table_lists_the_rest_of_each_family_issue_10(crawled: Path) -> None:
    result = run(crawled, "search", "IP/C/W/647", "--group", "family", "--lang", "en")
    assert result.exit_code == 0 and result.stdout.startswith("SYMBOL      LANG")
    assert "    family: IP/C/W/647/Add.1\u00a0[en] · IP/C/W/647/Add.1/Corr.1\u00a0[en]" in result.stdout
    assert result.stdout.rstrip().endswith("1 family shown, of 4 documents.")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"technical cooperation', "unbalanced quote"),
        ("(wipo or who", "unbalanced parenthesis"),
        ("colour:red", "unknown field 'colour:'"),
        ("year:2019..2015", "range ends before it starts"),
        ("", "empty query"),
        ("not", "query ends with an operator"),
        ("wipo near", "near needs a word or phrase on each side"),
        ("near wipo", "near needs a word or phrase on each side"),
    ],
)
def test_every_malformed_query_is_one_clear_line_and_exit_2_issue_10(
    crawled: Path, query: str, message: str
) -> None:
    assert_one_line_error(run(crawled, "search", query), 2, message)
