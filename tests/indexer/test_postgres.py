"""The team's PostgreSQL index, written: against a real server started for the run (no mock).
The schema is ipcw's own, versioned; a run writes a batch a transaction under one writer's lock,
again only what changed; a document the database refuses fails alone; a password is never shown."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from ipcw.config import Settings
from ipcw.errors import ConfigError, IndexingError, IndexMissingError, LockedError, StoreError
from ipcw.harvester.store import Store
from ipcw.indexer import postgres
from ipcw.indexer.postgres import (
    WRITER_LOCK,
    connected,
    migrate,
    schema_version,
    shown_url,
    write_batches,
    writing,
)
from ipcw.indexer.postgres_schema import CONFIGURATIONS, READABLE_FROM, SCHEMA_VERSION
from ipcw.models import Document
from ipcw.to_postgres import fill_database
from tests.test_cli import run


@pytest.fixture
def database(postgres_url: str) -> Iterator[str]:
    """The test server's database, emptied of everything ipcw made in it before the test."""
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    yield postgres_url


def rows(url: str, query: str, *args: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as connection:
        return connection.execute(query, args).fetchall()


def test_the_schema_is_created_and_its_version_recorded_once(database: str) -> None:
    with connected(database) as connection:
        assert schema_version(connection) == 0
        assert migrate(connection) == SCHEMA_VERSION == migrate(connection)
        assert schema_version(connection) == SCHEMA_VERSION
    assert rows(database, "SELECT value FROM ipcw_meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    configurations = {
        name for (name,) in rows(database, "SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE %s", "ipcw_%")
    }
    assert configurations == {"ipcw_english", "ipcw_french", "ipcw_spanish", "ipcw_simple"}


def test_a_database_of_a_newer_ipcw_is_refused(database: str) -> None:
    with connected(database) as connection:
        migrate(connection)
        connection.execute("UPDATE ipcw_meta SET value = '99' WHERE key = 'schema_version'")
        with pytest.raises(StoreError, match="version 99, newer than this ipcw's"):
            migrate(connection)


def test_the_store_is_written_whole_then_only_what_changed(database: str, built: Settings) -> None:
    with Store(built.data) as store:
        readable = {entry.key for entry in store.entries() if entry.readable}
    first = fill_database(built, database)
    assert (first.written, first.unchanged, first.unreadable) == (len(readable), 0, [])
    assert {key for (key,) in rows(database, "SELECT key FROM ipcw_documents")} == readable
    again = fill_database(built, database)
    assert (again.written, again.unchanged) == (0, len(readable))
    assert fill_database(built, database, everything=True).written == len(readable)
    assert first.summary().startswith(f"wrote {len(readable)} documents to postgresql://ipcw@127.0.0.1:")


def test_each_text_is_searched_in_its_own_language_title_over_body(database: str, built: Settings) -> None:
    fill_database(built, database)
    french = rows(
        database,
        "SELECT DISTINCT lang FROM ipcw_documents WHERE tsv @@ websearch_to_tsquery('ipcw_french', %s)",
        "coopération techniques",  # stemmed, accents ignored
    )
    assert french == [("fr",)]
    # The title's words weigh A (the listing's title "... - JAPAN" among them), the text's B.
    (weights,) = rows(
        database,
        "SELECT ts_filter(tsv, '{a}') @@ to_tsquery('ipcw_english', 'japan'), "
        "ts_filter(tsv, '{a}') @@ to_tsquery('ipcw_english', 'implementation'), "
        "ts_filter(tsv, '{b}') @@ to_tsquery('ipcw_english', 'implementation') "
        "FROM ipcw_documents WHERE key = %s",
        "IP/C/W/408|en",
    )
    assert weights == (True, False, True)


def test_a_second_writer_is_refused_while_the_first_writes(database: str, built: Settings) -> None:
    with psycopg.connect(database, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", WRITER_LOCK)
        with pytest.raises(LockedError, match="another ipcw is writing"):
            fill_database(built, database)
        other.execute("SELECT pg_advisory_unlock(%s, %s)", WRITER_LOCK)
    assert fill_database(built, database).written > 0


def test_a_batch_is_seen_whole_or_not_at_all(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a batch's rows go to the database, one after another, another connection sees none
    of them; after the commit, all."""
    docs = [
        Document(
            symbol=f"IP/C/W/{n}",
            language="en",
            sha256=f"{n:064x}",
            title="Technical cooperation",
            text="Training in Zambia",
            date=date(2010, 10, 1),
        )
        for n in range(1, 6)
    ]
    seen_while_sending: list[int] = []
    made = postgres.row_of

    def watched(doc: Document) -> dict[str, Any]:
        seen_while_sending.append(rows(database, "SELECT count(*) FROM ipcw_documents")[0][0])
        return made(doc)

    monkeypatch.setattr(postgres, "row_of", watched)
    with connected(database) as connection, writing(connection):
        migrate(connection)
        written = list(write_batches(connection, docs, lambda d, e: pytest.fail(str(e)), batch=5))
    assert len(seen_while_sending) == 5 and set(seen_while_sending) == {0}
    assert written == [[doc.key for doc in docs]] and rows(
        database, "SELECT count(*) FROM ipcw_documents"
    ) == [(5,)]


def test_a_document_the_database_refuses_or_that_cannot_be_made_fails_alone(database: str) -> None:
    good = Document(
        symbol="IP/C/W/1",
        language="en",
        sha256="a" * 64,
        title="Technical cooperation",
        text="Training in Zambia",
        date=date(2010, 10, 1),
    )
    docs = [
        good,
        replace(good, symbol="IP/C/W/2", pages=2**40),  # more than a PostgreSQL integer
        replace(
            good, symbol="IP/C/W/3", text=" ".join(f"w{n}" for n in range(200_000))
        ),  # over 1 MB to search
        replace(good, symbol="not a symbol"),  # its index fields cannot be made
        replace(good, symbol="IP/C/W/5"),
    ]
    failed: list[tuple[str, IndexingError]] = []
    with connected(database) as connection, writing(connection):
        migrate(connection)
        written = list(write_batches(connection, docs, lambda d, e: failed.append((d.key, e)), batch=5))
    assert written == [["IP/C/W/1|en", "IP/C/W/5|en"]]
    assert [key for key, _ in failed] == ["IP/C/W/2|en", "IP/C/W/3|en", "not a symbol|en"]
    assert all("refused" in str(error) for _, error in failed)
    assert rows(database, "SELECT key FROM ipcw_documents ORDER BY key") == [
        ("IP/C/W/1|en",),
        ("IP/C/W/5|en",),
    ]


def test_a_document_the_store_no_longer_holds_is_removed(database: str, built: Settings) -> None:
    fill_database(built, database)
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO ipcw_documents (key, symbol, lang, sha256, topic, kind, tsv) "
            "VALUES ('IP/C/W/9999|en', 'IP/C/W/9999', 'en', 'x', 'other', 'communication', ''::tsvector)"
        )
    again = fill_database(built, database)
    assert (again.written, again.removed) == (0, 1) and again.summary().endswith(" unchanged, 1 removed)")
    assert rows(database, "SELECT count(*) FROM ipcw_documents WHERE key = 'IP/C/W/9999|en'") == [(0,)]


def test_a_second_writer_waits_for_no_migration_either(database: str, built: Settings) -> None:
    """The writer's lock is taken before the schema is made: a second writer changes nothing."""
    with psycopg.connect(database, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", WRITER_LOCK)
        with pytest.raises(LockedError):
            fill_database(built, database)
        assert rows(database, "SELECT to_regclass('ipcw_meta')") == [(None,)]


def test_a_password_is_never_shown(tmp_path: Any) -> None:
    for given, shown in [
        ("postgresql://ipcw:secret-pw@127.0.0.1:1/ipcw", "postgresql://ipcw@127.0.0.1:1/ipcw"),
        ("postgresql://ipcw@db.example.org/ipcw?password=secret-pw", "postgresql://ipcw@db.example.org/ipcw"),
        ("postgresql://u:secret#pw@h/db", "postgresql://u@h/db"),
        ("postgresql://db.example.org/ipcw", "postgresql://db.example.org/ipcw"),
        ("postgres://[::1]:5433/ipcw", "postgresql://[::1]:5433/ipcw"),
    ]:
        assert shown_url(given) == shown
    for refused in ("host=h password=secret-pw", "postgresql://ipcw:secret-pw@[::1/db"):
        with pytest.raises(ConfigError) as raised:
            shown_url(refused)
        assert "secret-pw" not in str(raised.value)
    url = "postgresql://ipcw:secret-pw@127.0.0.1:1/ipcw"
    with pytest.raises(StoreError) as failed, connected(url):
        pass
    assert "secret-pw" not in str(
        failed.value
    ) and "cannot connect to postgresql://ipcw@127.0.0.1:1/ipcw" in str(failed.value)
    result = run(tmp_path, "index", "--index-url", url)
    assert result.exit_code != 0 and "secret-pw" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot connect to" in result.stderr


def test_an_index_url_of_another_kind_is_refused_in_one_line_without_repeating_it(tmp_path: Any) -> None:
    result = run(tmp_path, "index", "--index-url", "mysql://root:secret-pw@localhost/ipcw")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "ipcw: error: index_url must be empty or a postgresql:// URL (on the command line)"
    )


def test_without_psycopg_the_index_url_says_how_to_get_it(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    result = run(tmp_path, "index", "--index-url", "postgresql://ipcw@127.0.0.1/ipcw")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "ipcw: error: a PostgreSQL index needs psycopg: pip install 'ipcw[postgres]'"
    )


def _unreadable_copy(built: Settings, tmp_path: Path) -> tuple[Settings, Document]:
    """A copy of ``built``'s data directory in which one stored PDF cannot be read: its text is not
    cached and its file is not a PDF."""
    settings = replace(built, data_dir=Path(shutil.copytree(built.data.root, tmp_path / "data")))
    with Store(settings.data) as store:
        doc = next(entry.document for entry in store.entries() if entry.readable)
    assert doc.path is not None and doc.path.is_relative_to(tmp_path)
    settings.data.cached_text(doc.sha256).unlink()
    doc.path.write_bytes(b"not a PDF")
    return settings, doc


def _given_up_copy(built: Settings, tmp_path: Path, database: str) -> tuple[Settings, Document]:
    """:func:`_unreadable_copy`, written to ``database`` ``max_failures`` times: its document is
    left alone from now on."""
    settings, doc = _unreadable_copy(built, tmp_path)
    for _ in range(built.max_failures):
        fill_database(settings, database)
    return settings, doc


def test_a_document_that_cannot_be_read_is_left_alone_after_max_failures_runs(
    database: str, built: Settings, tmp_path: Path
) -> None:
    settings, doc = _unreadable_copy(built, tmp_path)
    first = fill_database(settings, database)
    assert [failure.what for failure in first.unreadable] == [doc.key] and first.written > 0
    for runs in range(2, built.max_failures + 1):
        again = fill_database(settings, database)
        assert ([f.what for f in again.unreadable], again.given_up) == ([doc.key], 0)
        assert rows(database, "SELECT failures FROM ipcw_failures WHERE key = %s", doc.key) == [(runs,)]
    left = fill_database(settings, database)
    assert (left.unreadable, left.given_up) == ([], 1)
    assert left.summary().endswith(
        "unchanged, 1 left alone after failing run after run (--retry-failed tries them again))"
    )
    retried = fill_database(settings, database, retry_failed=True)
    assert [f.what for f in retried.unreadable] == [doc.key]
    (reason,) = rows(database, "SELECT reason FROM ipcw_failures WHERE key = %s", doc.key)[0]
    assert doc.key in reason
    # Readable again (the original data directory, its text cached): still left alone until
    # --retry-failed, then written and its failures forgotten.
    assert fill_database(built, database).given_up == 1
    assert fill_database(built, database, retry_failed=True).written == 1
    assert rows(database, "SELECT count(*) FROM ipcw_failures") == [(0,)]
    assert rows(database, "SELECT sha256 FROM ipcw_documents WHERE key = %s", doc.key) == [(doc.sha256,)]


def test_a_document_whose_file_changes_is_tried_again_and_counted_anew(
    database: str, built: Settings, tmp_path: Path
) -> None:
    settings, doc = _given_up_copy(built, tmp_path, database)
    with psycopg.connect(database, autocommit=True) as connection:  # another file failed before
        connection.execute("UPDATE ipcw_failures SET sha256 = 'b' || sha256 WHERE key = %s", (doc.key,))
    again = fill_database(settings, database)
    assert ([f.what for f in again.unreadable], again.given_up) == ([doc.key], 0)
    assert rows(database, "SELECT failures, sha256 FROM ipcw_failures") == [(1, doc.sha256)]


def test_the_failures_of_a_document_the_store_no_longer_holds_are_forgotten(
    database: str, built: Settings, tmp_path: Path
) -> None:
    settings, doc = _unreadable_copy(built, tmp_path)
    fill_database(settings, database)
    with Store(settings.data) as store:
        store.delete(doc.key)
    assert fill_database(settings, database).unreadable == []
    assert rows(database, "SELECT count(*) FROM ipcw_failures") == [(0,)]


def test_the_failures_of_a_document_held_as_it_is_are_forgotten(database: str, built: Settings) -> None:
    """As a --rebuild leaves them when it fails to read again a document written before: the next
    run forgets them, and a later --rebuild tries it again."""
    fill_database(built, database)
    (key, sha) = rows(database, "SELECT key, sha256 FROM ipcw_documents ORDER BY key LIMIT 1")[0]
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("INSERT INTO ipcw_failures VALUES (%s, %s, %s, 'unreadable')", (key, sha, 99))
    again = fill_database(built, database)
    assert (again.written, again.given_up) == (0, 0)
    assert rows(database, "SELECT count(*) FROM ipcw_failures") == [(0,)]


def test_index_retry_failed_writes_again_what_failed_run_after_run(
    database: str, built: Settings, tmp_path: Path
) -> None:
    settings, doc = _given_up_copy(built, tmp_path, database)
    left = run(settings.data.root, "--index-url", database, "index")
    assert left.exit_code == 0 and "1 left alone after failing run after run" in left.stdout
    retried = run(settings.data.root, "--index-url", database, "index", "--retry-failed")
    assert retried.exit_code != 0 and retried.stderr.count(doc.key) == 1


@pytest.fixture
def other_schema(database: str) -> Iterator[str]:
    """A schema ``other`` beside ipcw's, dropped at the end."""
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS other CASCADE")
        connection.execute("CREATE SCHEMA other")
    yield "other"
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("DROP SCHEMA other CASCADE")


def test_text_search_objects_of_another_schema_are_not_taken_for_ipcws(
    database: str, other_schema: str
) -> None:
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("CREATE TEXT SEARCH CONFIGURATION other.ipcw_english (COPY = pg_catalog.simple)")
        connection.execute(
            "CREATE TEXT SEARCH DICTIONARY other.ipcw_english_stem (TEMPLATE = snowball, Language = french)"
        )
    with connected(database) as connection:
        migrate(connection)
    made = rows(
        database,
        "SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = 'public'::regnamespace ORDER BY cfgname",
    )
    assert made == [("ipcw_english",), ("ipcw_french",), ("ipcw_simple",), ("ipcw_spanish",)]
    assert rows(database, "SELECT to_tsvector('public.ipcw_english', 'Cooperation')::text") == [
        ("'cooper':1",)
    ]


def test_searchers_read_a_schema_whose_newer_versions_only_writers_need(
    database: str, built: Settings
) -> None:
    from ipcw.search.postgres import PostgresSearcher

    fill_database(built, database)
    with psycopg.connect(database, autocommit=True) as connection:  # as an ipcw of schema 4 left it
        connection.execute("DROP TABLE ipcw_failures")
        for lang in CONFIGURATIONS:
            connection.execute(f"DROP INDEX ipcw_documents_tsv_{lang}")
        connection.execute("CREATE INDEX ipcw_documents_tsv ON ipcw_documents USING gin (tsv)")
        connection.execute(
            "UPDATE ipcw_meta SET value = %s WHERE key = 'schema_version'", (str(READABLE_FROM),)
        )
    with PostgresSearcher(database) as searcher:
        assert searcher.search("technical cooperation").total > 0
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(
            "UPDATE ipcw_meta SET value = %s WHERE key = 'schema_version'", (str(READABLE_FROM - 1),)
        )
    with pytest.raises(IndexMissingError, match="is an older ipcw's: fill it with `ipcw index --index-url`"):
        PostgresSearcher(database)
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(
            "UPDATE ipcw_meta SET value = %s WHERE key = 'schema_version'", (str(READABLE_FROM),)
        )
    assert fill_database(built, database).written == 0  # migrated again by the next writer
    assert rows(database, "SELECT value, to_regclass('ipcw_failures') IS NOT NULL FROM ipcw_meta") == [
        (str(SCHEMA_VERSION), True)
    ]
    indexes = rows(
        database,
        "SELECT indexname FROM pg_indexes WHERE tablename = 'ipcw_documents' AND indexdef LIKE %s "
        "ORDER BY indexname",
        "%USING gin (tsv)%",
    )
    assert indexes == [(f"ipcw_documents_tsv_{lang}",) for lang in sorted(CONFIGURATIONS)]
