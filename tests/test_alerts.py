"""Saved searches after the nightly crawl (issue 10): a run shows only what is new or changed since
the alert last ran, and records it, so the next run shows nothing until the next crawl brings more."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ipcw.config import load_settings
from ipcw.search import Filters, Searcher
from tests.test_cli import assert_one_line_error, run


def _symbols(result_stdout: str) -> set[str]:
    return {row["symbol"] for alert in json.loads(result_stdout) for row in alert["hits"]}


def test_a_run_shows_what_the_next_crawl_brought_and_then_nothing(data: Path) -> None:
    added = run(data, "alert", "add", "tc", "technical cooperation", "--lang", "en")
    assert added.exit_code == 0 and added.stdout.startswith("alert tc: ")
    assert run(data, "alert", "run").stdout == ""  # what matched already counts as seen
    assert run(data, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/5*").exit_code == 0
    with Searcher(load_settings({"data_dir": data}).data.index) as searcher:
        hits = searcher.search("technical cooperation", Filters(languages=("en",)), limit=None).hits
        expected = {hit.document.symbol for hit in hits if hit.document.symbol.startswith("IP/C/W/5")}
    first = run(data, "alert", "run", "--format", "json")
    assert first.exit_code == 0 and expected and _symbols(first.stdout) == expected
    assert run(data, "alert", "run", "tc").stdout == ""  # recorded: nothing new now
    listed = json.loads(run(data, "alert", "list", "--format", "json").stdout)
    assert [(a["name"], a["query"], a["filters"]) for a in listed] == [
        ("tc", "technical cooperation", {"languages": ["en"]})
    ]
    assert listed[0]["last_run"] and listed[0]["seen"] == len(hits)
    rows = run(data, "alert", "list", "--format", "csv").stdout.splitlines()
    assert rows[0] == "name,query,filters,created,last_run,seen" and '"{""languages"": [""en""]}"' in rows[1]


def test_a_document_stored_again_in_another_version_shows_as_changed(data: Path, tmp_path: Path) -> None:
    assert run(data, "alert", "add", "covid", "covid-19").exit_code == 0
    alerts = data / "alerts.json"
    saved = json.loads(alerts.read_text(encoding="utf-8"))
    key = next(iter(saved["alerts"]["covid"]["seen"]))
    saved["alerts"]["covid"]["seen"][key] = "an older file"  # as if it was seen in another version
    alerts.write_text(json.dumps(saved), encoding="utf-8")
    table = run(data, "alert", "run")
    assert table.stdout.startswith("alert covid: 1 new (covid-19)") and key.split("|")[0] in table.stdout
    for fmt in ("jsonl", "csv", "json", "table"):
        assert run(data, "alert", "run", "--format", fmt).stdout == ""  # shown once; then nothing at all


def test_alert_mistakes_are_one_line(data: Path) -> None:
    assert run(data, "alert", "add", "tc", "technical").exit_code == 0
    assert_one_line_error(run(data, "alert", "add", "tc", "other"), 1, "there is an alert 'tc' already")
    assert_one_line_error(run(data, "alert", "add", "bad name", "x"), 2, "an alert's name is letters")
    assert_one_line_error(run(data, "alert", "add", "q", '"unbalanced'), 2, "unbalanced quote")
    assert_one_line_error(run(data, "alert", "run", "nope"), 1, "no alert 'nope'")
    assert_one_line_error(run(data, "alert", "remove", "nope"), 1, "no alert 'nope'")
    assert run(data, "alert", "remove", "tc").stdout.strip() == "removed alert tc"
    assert run(data, "alert", "list").stdout.strip() == "No alerts: `ipcw alert add NAME QUERY` saves one."


def test_what_an_alert_could_not_deliver_is_shown_again_by_the_next_run(data: Path) -> None:
    from ipcw.alerts import run_alerts

    settings = load_settings({"data_dir": data})
    assert run(data, "alert", "add", "covid", "covid-19").exit_code == 0
    saved = json.loads((data / "alerts.json").read_text(encoding="utf-8"))
    saved["alerts"]["covid"]["seen"] = {}  # as if nothing was seen yet
    (data / "alerts.json").write_text(json.dumps(saved), encoding="utf-8")

    def full_disk(runs: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        run_alerts(settings, deliver=full_disk)
    lines = run(data, "alert", "run", "--format", "jsonl").stdout.splitlines()  # shown now, at last
    assert lines and {json.loads(line)["symbol"] for line in lines} == {"IP/C/W/669"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda saved: saved["alerts"]["covid"]["filters"].update(colour=["red"]),
            "a filter 'colour': filters are",
        ),
        (
            lambda saved: saved["alerts"]["covid"]["filters"].update(date_from="June"),
            "a filter 'date_from' of 'June'",
        ),
        (lambda saved: saved.update(version=2), "are of format 2, not 1: a newer ipcw's"),
        (lambda saved: saved["alerts"]["covid"]["filters"].update(languages=["de"]), "not 'de'"),
        (lambda saved: saved["alerts"]["covid"]["filters"].update(origins="igo"), "takes a list of values"),
        (lambda saved: saved.update(alerts=[]), "cannot read the alerts in"),
    ],
)
def test_a_hand_edited_alerts_file_that_is_wrong_is_one_line_and_kept(
    data: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    assert run(data, "alert", "add", "covid", "covid-19").exit_code == 0
    alerts = data / "alerts.json"
    saved = json.loads(alerts.read_text(encoding="utf-8"))
    edit(saved)
    alerts.write_text(json.dumps(saved), encoding="utf-8")
    assert_one_line_error(run(data, "alert", "run"), 1, message)
    assert json.loads(alerts.read_text(encoding="utf-8")) == saved  # left for its owner to mend
