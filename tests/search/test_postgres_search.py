"""A team's PostgreSQL index, searched: what only that engine needs checking (the rest of the
search tests run on both engines): a crawl writing to it, the commands reading it as they read
the Whoosh index, hostile queries reaching SQL only as values, and credentials never shown."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest

from ipcw.config import Settings
from ipcw.errors import IpcwError, QueryError
from ipcw.search import Filters, open_searcher
from tests.conftest import PATTERNS, database_url
from tests.test_cli import run

#: Queries a hostile or careless user may send: SQL, tsquery operators, LIKE wildcards, quotes,
#: backslashes, NUL-like and non-Latin characters, huge words, deep nesting.
HOSTILE = (
    "'; DROP TABLE ipcw_documents; --",
    "x'); DELETE FROM ipcw_documents; --",
    '"\'; TRUNCATE ipcw_documents; --"',
    'title:"a\') OR 1=1 --"',
    "cooperat'* OR '1'='1",
    "a & b | !c <-> d",
    "!!!",
    "<->",
    "<2>",
    "\\",
    "\\'",
    "it''s",
    "foo:*",
    "'':*",
    "tech%",
    "tech_*",
    "IP/C/W/%*",
    "IP/C/W/_*",
    "IP/C/W/\\*",
    "symbol:IP/C/W/6%*",
    'submitter:"\'; DROP TABLE ipcw_meta; --"',
    "submitter:'",
    "year:1995..2019 '",
    "a near/100 b near/3 c",
    '"a b" near/7 "c d"',
    "text:(x AND NOT y)",
    'title:("a" OR b*)',
    "ü" * 300,
    "W" * 999,
    "(" * 16 + "x" + ")" * 16,
    "日本 特許",
    "Ω ≈ ç",
    "$1 $$ $q$ %s %(x)s {}",
)


@pytest.fixture(scope="module")
def team(built: Settings, built_postgres: str) -> Settings:
    """``built``'s settings searching its PostgreSQL index."""
    return replace(built, index_url=built_postgres)


def _fingerprint(url: str) -> tuple[Any, ...]:
    """What the database holds, in one value: its tables, every document's key, file, row and text."""
    with psycopg.connect(url) as connection:
        tables = connection.execute(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
        rows = connection.execute(
            "SELECT count(*), md5(string_agg(key || sha256 || row_version || md5(body) || md5(tsv::text), "
            "',' ORDER BY key)) FROM ipcw_documents"
        ).fetchone()
        meta = connection.execute("SELECT string_agg(key || '=' || value, ',') FROM ipcw_meta").fetchone()
    assert tables is not None and rows is not None and meta is not None
    return (*tables, *rows, *meta)


def test_hostile_queries_reach_sql_only_as_values_and_leave_the_database_untouched(team: Settings) -> None:
    before = _fingerprint(team.index_url)
    answered = refused = 0
    with open_searcher(team) as searcher:
        for query in HOSTILE:
            try:
                result = searcher.search(query, limit=3, facets=True)
            except QueryError:
                refused += 1  # malformed: one line, as on the Whoosh index
                continue
            answered += 1
            assert result.total >= len(result.hits)
        hostile = "'; DROP TABLE ipcw_documents; --"
        filters = Filters(
            submitters=(hostile, "%", "_"),
            symbols=("IP/C/W/%*", "IP/C/W/_*"),
            topics=(hostile,),
            kinds=(hostile,),
        )
        assert searcher.search("cooperation", filters).total == 0
        for symbol in (hostile, "IP/C/W/%", "IP/C/W/6_8"):
            with pytest.raises(IpcwError, match="not a document symbol"):
                searcher.lookup(symbol)
            with pytest.raises(IpcwError, match="not a document symbol"):
                searcher.similar(symbol)
        assert searcher.documents(Filters(origins=(hostile,))) == []
    assert answered > refused > 0
    assert _fingerprint(team.index_url) == before


def test_a_like_wildcard_in_a_symbol_prefix_is_a_character_not_a_wildcard(team: Settings) -> None:
    with open_searcher(team) as searcher:
        assert searcher.search("IP/C/W/6*").total > 0
        for pattern in ("IP/C/W/_*", "IP/C/W/%*", "IP/C/W/6_*"):
            assert searcher.search("cooperation", Filters(symbols=(pattern,))).total == 0


def test_each_call_reads_one_read_only_snapshot(team: Settings) -> None:
    """A searcher cannot write, whatever reaches it: its transactions are read only."""
    with open_searcher(team) as searcher:
        connection = searcher._connection  # type: ignore[attr-defined]
        with pytest.raises(IpcwError, match="read-only transaction"), searcher._reading():  # type: ignore[attr-defined]
            connection.execute("DELETE FROM ipcw_documents")
    assert _fingerprint(team.index_url)[1] > 0


@pytest.mark.parametrize(
    "args",
    [
        ("search", "technical cooperation and member", "--format", "json", "--facets", "--limit", "5"),
        ("search", "cooperation near/3 training", "--format", "json", "--limit", "0"),
        ("search", "IP/C/W/6*", "--lang", "fr", "--format", "csv", "--sort", "date", "--limit", "0"),
        ("search", "tecnhical cooperaton", "--format", "json"),
        ("show", "IP/C/W/669", "--lang", "es", "--format", "json"),
        ("report", "coverage", "--format", "csv"),
    ],
)
def test_the_commands_answer_the_same_from_either_engine(team: Settings, args: tuple[str, ...]) -> None:
    whoosh = run(team.data_dir, *args)
    postgres = run(team.data_dir, "--index-url", team.index_url, *args)
    assert whoosh.exit_code == postgres.exit_code == 0, postgres.stderr
    assert postgres.stderr == whoosh.stderr
    if "--format" in args and args[args.index("--format") + 1] == "json" and args[0] == "search":
        one, other = json.loads(whoosh.stdout), json.loads(postgres.stdout)
        if isinstance(one, dict):  # with --facets: the hits, the total and the facets
            assert (one["total"], one["facets"]) == (other["total"], other["facets"])
            one, other = one["hits"], other["hits"]
        if "--limit" in args and args[args.index("--limit") + 1] == "0":
            # The same documents match; the order may differ (another ranking).
            assert {h["symbol"] + h["lang"] for h in one} == {h["symbol"] + h["lang"] for h in other}
        else:
            assert len(one) == len(other)
    elif "--sort" in args:  # no ranking: the same rows in the same order, but for the scores
        one_rows, other_rows = (list(csv.DictReader(io.StringIO(r.stdout))) for r in (whoosh, postgres))
        for row in (*one_rows, *other_rows):
            del row["score"]
        assert one_rows == other_rows and one_rows
    else:
        assert postgres.stdout == whoosh.stdout


def test_a_crawl_writes_the_team_index_and_every_command_reads_it(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database_url(postgres_url, "ipcw_crawled")
    monkeypatch.setenv("IPCW_INDEX_URL", url)
    data = tmp_path / "data"
    crawled = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert crawled.exit_code == 0, crawled.stderr
    assert crawled.stdout.strip().endswith("indexed 29")
    assert not (data / "index").exists()  # the team's index only
    found = run(data, "search", "IP/C/W/6*", "--limit", "0", "--format", "json")
    assert found.exit_code == 0 and len(json.loads(found.stdout)) == 29
    again = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert again.exit_code == 0 and again.stdout.strip().endswith("indexed 0")
    assert "secret-pw" not in crawled.stdout + crawled.stderr + again.stdout + again.stderr


def test_a_search_that_cannot_reach_the_database_is_one_line_without_the_password(tmp_path: Path) -> None:
    result = run(tmp_path, "--index-url", "postgresql://ipcw:secret-pw@127.0.0.1:1/ipcw", "search", "x")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith("ipcw: error: cannot connect to postgresql://ipcw@127.0.0.1:1/ipcw")
    assert len(result.stderr.strip().splitlines()) == 1 and "secret-pw" not in result.stderr


def test_an_empty_database_says_how_to_fill_it(postgres_url: str, tmp_path: Path) -> None:
    url = database_url(postgres_url, "ipcw_empty")
    result = run(tmp_path, "--index-url", url, "search", "x")
    assert result.exit_code != 0
    assert "is empty: fill it with `ipcw index --index-url`" in result.stderr
    assert "secret-pw" not in result.stderr


@pytest.mark.parametrize(
    "query",
    [
        "technical near/1 cooperation near/1 activities",  # a near inside a near
        "___ near patent",  # a side without a word
        '"--" near patent',
        '"japan 17"',  # a title's last word and the body's first are not a phrase
        "africa near/0 20",
        "trade",  # a hyphenated word is one word ("Trade-Related")
        "relat*",
        "related near/0 aspects",
        "a_b*",  # a prefix is not parsed again
        "cooperation not origin:igo",
        "title:cooperat* lang:fr",
        # Words and phrases under and, or, not: one text query for the GIN index.
        "cooperation not (seminar or workshop)",
        '"technical cooperation" not "public health" not japan',
        "(japan or wipo) cooperation not seminar",
        "cooperation ___",  # a word without a word PostgreSQL indexes matches nothing
        "cooperation not ___",
        "cooperation or ___",
        "not cooperation",
        "(cooperation or patents) origin:member not (seminar lang:fr)",
    ],
)
def test_both_engines_match_the_same_documents(built: Settings, team: Settings, query: str) -> None:
    with open_searcher(built) as whoosh, open_searcher(team) as postgres:
        one, other = whoosh.search(query, limit=None), postgres.search(query, limit=None)
        assert {h.document.key for h in one.hits} == {h.document.key for h in other.hits}
        assert one.total == other.total
        assert one.total or query in MATCHING_NOTHING


#: The queries of :func:`test_both_engines_match_the_same_documents` that match no document.
MATCHING_NOTHING = {
    "___ near patent",
    '"--" near patent',
    '"japan 17"',
    "africa near/0 20",
    "related near/0 aspects",
    "a_b*",
    "cooperation ___",
}


def test_a_language_asked_twice_is_asked_once(team: Settings) -> None:
    with open_searcher(team) as searcher:
        once = searcher.search("cooperation", Filters(languages=("en",)), limit=None, facets=True)
        twice = searcher.search("cooperation", Filters(languages=("en", "en")), limit=None, facets=True)
        assert once.total > 0 and twice.total == once.total and twice.facets == once.facets
        assert [h.document.key for h in twice.hits] == [h.document.key for h in once.hits]


def test_a_language_ipcw_does_not_know_is_a_query_error_not_sql() -> None:
    from ipcw.query import Word
    from ipcw.search.postgres_query import compile_query, language_code

    with pytest.raises(QueryError, match='no such language: "en\' OR TRUE --"'):
        compile_query(Word("cooperation"), ("en' OR TRUE --",))
    assert language_code("fr") == "fr"


def test_a_query_too_large_for_postgresql_is_refused_in_one_line(team: Settings) -> None:
    query = " or ".join(f"(a{i} near/100 b{i} near/4 c{i})" for i in range(3))
    with open_searcher(team) as searcher, pytest.raises(QueryError, match="too large for the PostgreSQL"):
        searcher.search(query)


def test_a_whole_result_set_read_later_is_the_snapshot_of_its_search(
    built: Settings, postgres_url: str
) -> None:
    """Alerts and --all read the hits after the search: a crawl changing or removing documents
    meanwhile changes nothing of the documents the search answered."""
    from ipcw.search.postgres import CHUNK
    from ipcw.to_postgres import fill_database

    url = database_url(postgres_url, "ipcw_snapshot")
    fill_database(built, url)
    with open_searcher(replace(built, index_url=url)) as searcher:
        hits = searcher.search("IP/C/W/*", limit=None).hits
        assert len(hits) > CHUNK + 2
        with psycopg.connect(url, autocommit=True) as connection:
            keys = [key for (key,) in connection.execute("SELECT key FROM ipcw_documents").fetchall()]
        # Nothing of the hits has been made yet: the first, changed, and one beyond the first
        # chunk, removed, before any is read.
        documents = list(hits.documents())  # type: ignore[attr-defined]
        first, removed = documents[0], documents[CHUNK + 1]
        assert set(keys) >= {first.key, removed.key}
        with psycopg.connect(url, autocommit=True) as writer:
            writer.execute("UPDATE ipcw_documents SET title = 'CHANGED' WHERE key = %s", (first.key,))
            writer.execute("DELETE FROM ipcw_documents WHERE key = %s", (removed.key,))
        again = list(hits.documents())  # type: ignore[attr-defined]
        read = list(hits)
    assert again == documents and [h.document for h in read] == documents
    assert read[0].document.title == first.title != "CHANGED"
    assert read[CHUNK + 1].document == removed and read[CHUNK + 1].snippet == ""
