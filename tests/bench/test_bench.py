"""The benchmark (issue 11): its corpora are what they claim to be, it runs end to end, and its
tantivy reference answers the same queries with the same totals as ipcw. Nothing here is timed:
the numbers are the benchmark's to report, not the tests' to assert."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ipcw.bench.corpus import document, specs, write_corpus
from ipcw.bench.queries import QUERIES, BenchQuery
from ipcw.bench.run import documents_of, measure_extraction
from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.search import Filters, Searcher
from tests.test_cli import run

#: Words that give a text's language away: (its own, the other two's).
FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "with"},
    "fr": {"le", "les", "des", "et", "du"},
    "es": {"el", "los", "las", "y", "del"},
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    data = DataDir(tmp_path_factory.mktemp("bench") / "corpus")
    write_corpus(data, 60)
    return data


def test_each_synthetic_document_is_tagged_as_it_was_written(corpus: DataDir) -> None:
    truth = {f"{spec.symbol}|{lang}": spec for spec, lang in specs(60)}
    documents = documents_of(corpus)
    assert len(documents) == 60 and {doc.key for doc in documents} == set(truth)
    for doc in documents:
        spec = truth[doc.key]
        assert doc.origin is not None and doc.origin.value == spec.origin, doc.key
        assert doc.date == spec.date and doc.topic.value == spec.topic, doc.key
        assert len(doc.submitters) == 1, doc.key


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_document_is_written_in_its_own_language_and_is_report_sized(language: str) -> None:
    spec, _ = next((s, lang) for s, lang in specs(60) if lang == language)
    body = " ".join(document(spec, language).pages).lower()
    words = re.findall(r"\w+", body)
    counts = {lang: sum(words.count(w) for w in found) for lang, found in FUNCTION_WORDS.items()}
    assert counts[language] > 10 * max(n for lang, n in counts.items() if lang != language), counts
    assert 1400 <= len(words) <= 2200


def _quick_bench(tmp_path: Path, out: Path, sizes: str, *options: str) -> Any:
    """``ipcw bench`` at ``sizes``, each query timed once, without tantivy or the extractors, its
    JSON written to ``out``."""
    return run(
        tmp_path / "unused",
        "bench",
        "--sizes", sizes,
        "--repeat", "1",
        "--work-dir", str(tmp_path / "work"),
        "--json", str(out),
        "--no-tantivy",
        "--no-extraction",
        *options,
    )  # fmt: skip


def test_ipcw_bench_runs_end_to_end_and_reports_every_size_and_kind(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = _quick_bench(tmp_path, out, "20,40,60")
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert [size["documents"] for size in report["sizes"]] == [20, 40, 60]
    kinds = {query.kind for query in QUERIES} | {"all"}
    for size in report["sizes"]:
        assert set(size["queries"]) == kinds and size["build"]["docs_per_s"] > 0
        assert size["cold"]["ipcw_search_ms"] > 0 and size["tantivy"] is None
    for line in ("growth 40 → 60", "warm search p50, ipcw (ms)", "new search ÷ bare import"):
        assert line in result.stdout
    assert "By kind of query at 60 documents" in result.stdout


def test_the_postgresql_engine_is_measured_beside_whoosh_on_the_same_corpus(
    tmp_path: Path, postgres_url: str
) -> None:
    from tests.conftest import database_url

    url = database_url(postgres_url, "ipcw_bench_test")
    out = tmp_path / "bench.json"
    result = _quick_bench(tmp_path, out, "20,40", "--postgres", url)
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    kinds = {query.kind for query in QUERIES} | {"all"}
    for size in report["sizes"]:
        measured = size["postgres"]
        assert measured["build"]["docs_per_s"] > 0 and measured["build"]["index_mb"] > 0
        assert set(measured["queries"]) == kinds
    for line in (
        "build, PostgreSQL (docs/s)",
        "warm search p99, PostgreSQL (ms)",
        "Issue 13's targets at 40",
    ):
        assert line in result.stdout
    assert "secret-pw" not in result.stdout + result.stderr + out.read_text(encoding="utf-8")


def test_a_size_that_is_not_a_number_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "bench", "--sizes", "lots", "--no-tantivy", "--work-dir", str(tmp_path))
    assert result.exit_code == 2 and "a benchmark size is 'fixtures' or a number" in result.stderr


#: Queries of every node kind with matches in the fixtures (the benchmark's own are written for the
#: synthetic corpus, where some of them match nothing here).
FIXTURE_QUERIES = (
    *QUERIES,
    BenchQuery("symbol", "IP/C/W/640/Add.3"),
    BenchQuery("symbol prefix", "IP/C/W/6*"),
    BenchQuery("near", "transition near period"),
    BenchQuery("field", "title:cooperation not origin:secretariat"),
    BenchQuery("field", "submitter:japon year:2010..2020"),
    BenchQuery("phrase", '"technical cooperation"', languages=("en",)),
)


def test_tantivy_finds_what_ipcw_finds_on_the_fixtures(built: Settings, tmp_path: Path) -> None:
    pytest.importorskip("tantivy", reason="tantivy is the benchmark's reference: pip install 'ipcw[bench]'")
    from ipcw.bench.tantivy_ref import TantivyReference

    reference = TantivyReference(tmp_path / "tantivy")
    documents = documents_of(built.data)
    assert reference.build(documents) == len(documents) >= 87
    with Searcher(built.data.index) as searcher:
        for query in FIXTURE_QUERIES:
            filters = Filters(languages=query.languages, origins=query.origins, year=query.year)
            ours = searcher.search(query.text, filters, limit=10, sort=query.sort, facets=query.facets)
            theirs = reference.search(query)
            assert theirs.total == ours.total, query
            assert (theirs.facets is None) == (ours.facets is None), query
            if query.facets and ours.facets and theirs.facets:
                assert theirs.facets["origin"] == ours.facets["origin"], query


def test_both_extractors_are_timed_and_tag_alike() -> None:
    pytest.importorskip("pypdfium2", reason="the pdfium extractor is an extra: pip install 'ipcw[fast]'")
    from ipcw.bench.report import extraction_lines
    from ipcw.fixtures.make import SITE_FILES

    files = sorted(SITE_FILES.rglob("*.pdf"))[:4]
    found = measure_extraction(files=files)
    assert found["files"] == 4 and found["same_tags"] == 4
    assert found["pdfminer"]["pages"] == found["pdfium"]["pages"] > 0
    assert "the same tags on 4 of 4 documents" in "\n".join(extraction_lines(found))
