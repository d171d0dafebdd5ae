"""The cover-and-tag path on real layouts, each text read as it is and reflowed (whitespace folded
into single spaces, as many PDFs and web mirrors give it): the same tags either way.

Two sets:
- ``../shared/real-texts``: thirteen excerpts of real reports, minutes and a statement, with their
  truth. Other people's text: read where it is, never copied here; skipped, saying why, where the
  shared folder is absent (CI always has it).
- ``fixtures/covers``: first pages written for ipcw in its authors' own words, each reproducing a
  layout and the cover phrasing of real documents of every period and language (what 56 further real
  texts taught; see the README), with truth judged by hand in ``truth.tsv``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ipcw.indexer.cover import Cover, parse_cover
from ipcw.indexer.tags import Tags, tag
from ipcw.names import names_table
from tests.shared import SHARED, shared_path

COVERS = Path(__file__).resolve().parents[2] / "fixtures" / "covers"
LAYOUTS = ("as laid out", "reflowed")
#: The shared truth's words for kind and topic, in ipcw's.
KINDS = {"report": "communication", "minutes": "minutes", "statement": "statement"}
TOPICS = {"technical-cooperation": "technical-cooperation", "art66.2": "article-66.2", "other": "other"}


def _rows(truth: Path) -> list[dict[str, str]]:
    with truth.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _read(text: str, layout: str) -> tuple[Cover, Tags]:
    if layout == "reflowed":
        text = re.sub(r"\s+", " ", text)
    cover = parse_cover(text)
    return cover, tag(cover)


def _canonical(names: str) -> list[str]:
    """``"African Group (Zimbabwe)"`` → the names it holds, canonical; ``""`` → none."""
    found: list[str] = []
    for name in (n.strip() for n in names.split(";") if n.strip()):
        found.extend(names_table().canonical(part) for part in re.split(r"\s*[()]\s*", name) if part)
    return list(dict.fromkeys(found))  # "World Health Organization (WHO)" is one


def _shared_rows() -> list[object]:
    truth = SHARED / "real-texts" / "truth.tsv"
    if not truth.is_file():
        return [pytest.param(None, id="shared-real-texts-absent")]
    return [pytest.param(row, id=row["file"]) for row in _rows(truth)]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("row", _shared_rows())
def test_real_texts_are_tagged_right_as_laid_out_and_reflowed_issue_8(
    row: dict[str, str] | None, layout: str
) -> None:
    folder = shared_path("real-texts")
    assert row is not None
    cover, tags = _read((folder / row["file"]).read_text(encoding="utf-8"), layout)
    got = {
        "kind": tags.kind.value,
        "origin": tags.origin.value if tags.origin else "",
        "submitters": list(tags.submitters),
    }
    want = {"kind": KINDS[row["kind"]], "origin": row["origin"], "submitters": _canonical(row["submitter"])}
    if row["topic"]:
        got["topic"], want["topic"] = tags.topic.value, TOPICS[row["topic"]]
    # The truth gives a symbol and a date only where the text shows the document's own: where it
    # gives none, none must be invented from a reference or a sentence.
    got["symbol"], want["symbol"] = cover.symbol, row["symbol"]
    got["date"], want["date"] = cover.date.isoformat() if cover.date else "", row["date"]
    speakers = [name for name in _canonical(row["speaker"]) if names_table().is_known(name)]
    if speakers:  # who speaks, where the truth names Members or groups
        got["speakers"], want["speakers"] = sorted(tags.speakers), sorted(speakers)
    assert got == want


def test_all_thirteen_shared_texts_are_read() -> None:
    rows = _rows(shared_path("real-texts/truth.tsv"))
    assert len(rows) >= 13
    assert all((SHARED / "real-texts" / row["file"]).is_file() for row in rows)


def _cover_rows() -> list[object]:
    return [
        pytest.param(folder / row["file"], row, id=row["file"])
        for folder in sorted(p for p in COVERS.iterdir() if p.is_dir())
        for row in _rows(folder / "truth.tsv")
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("path", "row"), _cover_rows())
def test_covers_of_every_period_and_language_are_read_right_issue_8(
    path: Path, row: dict[str, str], layout: str
) -> None:
    cover, tags = _read(path.read_text(encoding="utf-8"), layout)
    speakers = [s for s in row["speakers"].split(";") if s]
    got = {
        "kind": tags.kind.value,
        "origin": tags.origin.value if tags.origin else "",
        "submitters": list(tags.submitters),
        "speakers": sorted(tags.speakers),
        "topic": tags.topic.value,
        "symbol": cover.symbol,
        "date": cover.date.isoformat() if cover.date else "",
        "title": cover.title,
    }
    want = {
        "kind": row["kind"],
        "origin": row["origin"],
        "submitters": [s for s in row["submitters"].split(";") if s],
        "speakers": sorted(speakers),
        "topic": row["topic"],
        "symbol": row["symbol"],
        "date": row["date"],
        "title": row["title"],
    }
    assert got == want


def test_there_are_covers_of_every_language_and_kind() -> None:
    rows = [row for _, row in (p.values for p in _cover_rows())]  # type: ignore[attr-defined]
    assert {r["language"] for r in rows} == {"en", "fr", "es"}
    assert {r["kind"] for r in rows} == {"communication", "minutes", "statement"}
    assert len(rows) >= 30
