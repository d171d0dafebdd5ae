"""The team's PostgreSQL index, written: against a real server started for the run (no mock).
The schema is ipcw's own, versioned; a run writes a batch a transaction under one writer's lock,
again only what changed; a document the database refuses fails alone; a password is never shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import psycopg
import pytest

from ipcw.config import Settings
from ipcw.errors import IndexingError, LockedError, StoreError
from ipcw.harvester.store import Store
from ipcw.indexer.postgres import (
    SCHEMA_VERSION,
    WRITER_LOCK,
    connected,
    migrate,
    schema_version,
    shown_url,
    write_batches,
    writing,
)
from ipcw.models import Document
from ipcw.to_postgres import fill_database
from tests.test_cli import run


@pytest.fixture
def database(postgres_url: str) -> Iterator[str]:
    """The test server's database, emptied of ipcw's tables before the test."""
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS ipcw_documents, ipcw_meta")
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
    assert configurations == {"ipcw_english", "ipcw_french", "ipcw_spanish"}


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
    assert first.summary().startswith(f"wrote {len(readable)} documents to postgresql://ipcw:***@127.0.0.1:")
    assert "secret-pw" not in first.summary()


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


def test_a_batch_is_seen_whole_or_not_at_all_and_a_refused_document_fails_alone(database: str) -> None:
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
    docs[2] = replace(docs[2], pages=2**40)  # more than a PostgreSQL integer: the database refuses it
    seen_during: list[int] = []
    failed: list[tuple[str, IndexingError]] = []
    with connected(database) as connection:
        migrate(connection)
        with writing(connection):

            def counted() -> Iterator[Document]:
                for doc in docs:
                    seen_during.append(rows(database, "SELECT count(*) FROM ipcw_documents")[0][0])
                    yield doc

            written = list(
                write_batches(connection, counted(), lambda d, e: failed.append((d.key, e)), batch=5)
            )
    assert seen_during == [0, 0, 0, 0, 0]  # nothing of the batch was seen while it was written
    assert written == [["IP/C/W/1|en", "IP/C/W/2|en", "IP/C/W/4|en", "IP/C/W/5|en"]]
    assert [key for key, _ in failed] == ["IP/C/W/3|en"] and "refused" in str(failed[0][1])
    assert rows(database, "SELECT count(*) FROM ipcw_documents") == [(4,)]


def test_a_password_is_never_shown(tmp_path: Any) -> None:
    url = "postgresql://ipcw:secret-pw@127.0.0.1:1/ipcw"
    assert shown_url(url) == "postgresql://ipcw:***@127.0.0.1:1/ipcw"
    assert shown_url("postgresql://db.example.org/ipcw") == "postgresql://db.example.org/ipcw"
    with pytest.raises(StoreError) as raised, connected(url):
        pass
    assert "secret-pw" not in str(raised.value) and "ipcw:***@127.0.0.1:1" in str(raised.value)
    result = run(tmp_path, "index", "--index-url", url)
    assert result.exit_code != 0 and "secret-pw" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot connect to" in result.stderr


def test_an_index_url_of_another_kind_is_refused_in_one_line(tmp_path: Any) -> None:
    result = run(tmp_path, "index", "--index-url", "mysql://root:pw@localhost/ipcw")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "ipcw: error: index_url must be empty or a postgresql:// URL: got 'mysql://root:***@localhost/ipcw'"
    )
