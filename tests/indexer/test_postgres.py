"""The team's PostgreSQL index, written: against a real server started for the run (no mock).
The schema is ipcw's own, versioned; a run writes a batch a transaction under one writer's lock,
again only what changed; a document the database refuses fails alone; a password is never shown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import psycopg
import pytest

from ipcw.config import Settings
from ipcw.errors import ConfigError, IndexingError, LockedError, StoreError
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
from ipcw.indexer.postgres_schema import SCHEMA_VERSION
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
