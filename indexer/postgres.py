"""The index in a PostgreSQL database, for a team sharing one (``index_url = "postgresql://..."``).

This module writes it: ipcw creates and migrates its schema itself (:data:`MIGRATIONS`, the version
recorded in ``ipcw_meta``), and writes documents in transactions, one batch at a time, so readers
never see half a batch. One writer at a time: a session-level advisory lock (:data:`WRITER_LOCK`)
replaces the data directory's file lock; a second writer is refused (:class:`LockedError`), not
queued. Writing is idempotent: a document already held with the same file (sha256) is left as it is.

Each document's text is searched in its own language: ``ipcw_english``, ``ipcw_french`` and
``ipcw_spanish`` are PostgreSQL's configurations with ``unaccent`` first (accents ignored, as the
Whoosh index ignores them), and the ``tsv`` column weighs the title ``A`` and the body ``B``, under
a GIN index. The text itself is kept too (``body``): the team's readers have no text cache, and
snippets are made from it. Credentials come from the URL, the environment (``PGPASSWORD``) or
``~/.pgpass`` (libpq reads them), and are never shown: errors name the URL without its password
(:func:`shown_url`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ipcw.errors import ConfigError, IndexingError, IpcwError, LockedError, StoreError
from ipcw.indexer.postgres_schema import (
    CONFIGURATIONS,
    GAP,
    GAP_WORD,
    MIGRATIONS,
    REFRESH,
    ROW_VERSION,
    SCHEMA_VERSION,
    WORDS_CONFIGURATION,
)
from ipcw.indexer.writer import index_fields
from ipcw.models import Document
from ipcw.symbols import parse_symbol

#: The advisory lock held by the one writer (two int4 keys: "ipcw", then the lock's purpose).
WRITER_LOCK = (0x69706377, 1)
#: Documents written in one transaction.
BATCH = 200


def psycopg_module() -> Any:
    """psycopg 3 (the optional extra ``ipcw[postgres]``), or a :class:`ConfigError` saying how to
    install it."""
    try:
        import psycopg
        import psycopg.conninfo
    except ImportError as exc:
        raise ConfigError("a PostgreSQL index needs psycopg: pip install 'ipcw[postgres]'") from exc
    return psycopg


def url_parts(url: str) -> dict[str, str]:
    """``url`` as libpq reads it (user, password, host, port, dbname...): a :class:`ConfigError`
    that does not repeat it (it may hold a password) when it is not a PostgreSQL URL."""
    if not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("index_url must be empty or a postgresql:// URL", "index_url")
    conninfo = psycopg_module().conninfo
    try:
        return {key: str(value) for key, value in conninfo.conninfo_to_dict(url).items()}
    except Exception as exc:  # libpq's message quotes the whole URL
        raise ConfigError(
            "index_url cannot be read as a PostgreSQL URL (postgresql://user@host:port/database)", "index_url"
        ) from exc


def shown_url(url: str) -> str:
    """``url`` as ipcw shows it, rebuilt from what libpq reads of it without the password, however
    it was given (``user:password@``, ``?password=``): ``postgresql://ipcw@db.example.org/ipcw``."""
    parts = url_parts(url)
    host, port, user = parts.get("host", ""), parts.get("port", ""), parts.get("user", "")
    database = parts.get("dbname", "")
    if host.startswith("/"):  # a socket directory
        return f"postgresql://{user + '@' if user else ''}/{database}?host={host}"
    shown_host = f"[{host}]" if ":" in host else host
    return f"postgresql://{user + '@' if user else ''}{shown_host}{':' + port if port else ''}/{database}"


def connect(url: str, read_only: bool = False) -> Any:
    """A connection to the database of ``url`` (psycopg 3, the optional extra ``ipcw[postgres]``),
    in autocommit: each transaction is explicit (``read_only``: each a read-only snapshot, repeatable
    read). A :class:`StoreError` naming the URL without its password when there is none to be had."""
    password = url_parts(url).get("password", "")
    psycopg = psycopg_module()
    try:
        connection = psycopg.connect(url, connect_timeout=30, autocommit=True)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to {shown_url(url)}: {scrubbed(exc, url, password)}") from exc
    if read_only:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
    return connection


@contextmanager
def connected(url: str) -> Iterator[Any]:
    """:func:`connect`'s connection, closed at the end of the block."""
    connection = connect(url)
    try:
        yield connection
    finally:
        connection.close()


def scrubbed(exc: BaseException, url: str = "", password: str = "") -> str:
    """What went wrong, in one line, the URL shown without its password and the password nowhere."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if url:
        password = password or url_parts(url).get("password", "")
        text = text.replace(url, shown_url(url))
    return text.replace(password, "***") if password else text


def schema_version(connection: Any) -> int:
    """The version of ipcw's schema in the database (0: none yet)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('ipcw_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT value FROM ipcw_meta WHERE key = 'schema_version'")
        row = cursor.fetchone()
    if row is None:
        return 0
    if not str(row[0]).isdigit():
        raise StoreError(f"the database's ipcw schema version is not a number: {row[0]!r}")
    return int(row[0])


def migrate(connection: Any) -> int:
    """Bring the database's schema to :data:`SCHEMA_VERSION`, each step in a transaction of its own
    with its version recorded; a database newer than this ipcw is refused. Returns the version."""
    with connection.transaction():
        connection.execute("CREATE TABLE IF NOT EXISTS ipcw_meta (key text PRIMARY KEY, value text NOT NULL)")
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database's ipcw schema is version {version}, newer than this ipcw's {SCHEMA_VERSION}: "
            "upgrade ipcw"
        )
    for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
        with connection.transaction():
            for statement in statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO ipcw_meta VALUES ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(number),),
            )
    return SCHEMA_VERSION


@contextmanager
def writing(connection: Any) -> Iterator[None]:
    """Hold the one writer's advisory lock for the block; :class:`LockedError` when another writer
    holds it."""
    got = connection.execute("SELECT pg_try_advisory_lock(%s, %s)", WRITER_LOCK).fetchone()[0]
    if not got:
        raise LockedError("another ipcw is writing to this PostgreSQL index: try again when it is done")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a lost connection released it with the session
            connection.execute("SELECT pg_advisory_unlock(%s, %s)", WRITER_LOCK)


def remove(connection: Any, keys: Iterable[str]) -> int:
    """Delete the documents ``keys`` (one transaction); how many there were."""
    with connection.transaction():
        done = connection.execute("DELETE FROM ipcw_documents WHERE key = ANY(%s)", (list(keys),))
    return int(done.rowcount)


def held(connection: Any) -> dict[str, tuple[str, int]]:
    """Every document the database holds: its key, its file's sha256 and the version of its row."""
    return {
        key: (sha, version)
        for key, sha, version in connection.execute(
            "SELECT key, sha256, row_version FROM ipcw_documents"
        ).fetchall()
    }


def failed_before(connection: Any) -> dict[str, tuple[str, int]]:
    """Every document that failed in the last runs: its key, its file's sha256 and in how many runs
    in a row it failed."""
    rows = connection.execute("SELECT key, sha256, failures FROM ipcw_failures").fetchall()
    return {key: (sha, failures) for key, sha, failures in rows}


def record_failure(connection: Any, doc: Document, reason: str) -> None:
    """Record that ``doc`` failed once more (once, when its file is another than the one that
    failed before), in a transaction of its own: kept, whatever stops the run later."""
    with connection.transaction():
        connection.execute(
            "INSERT INTO ipcw_failures VALUES (%s, %s, 1, %s) ON CONFLICT (key) DO UPDATE SET "
            "failures = CASE WHEN ipcw_failures.sha256 = EXCLUDED.sha256 "
            "THEN ipcw_failures.failures + 1 ELSE 1 END, sha256 = EXCLUDED.sha256, reason = EXCLUDED.reason",
            (doc.key, doc.sha256, reason.replace("\x00", "")),
        )


def forget_failures(connection: Any, keys: Iterable[str]) -> None:
    """Forget the failures of documents ``keys`` (no longer held, or never to be written again)."""
    with connection.transaction():
        connection.execute("DELETE FROM ipcw_failures WHERE key = ANY(%s)", (list(keys),))


def refresh(connection: Any) -> None:
    """Refresh what searches read besides the documents (vocabulary, stems; :data:`REFRESH`), in
    one transaction: after a run's documents are written."""
    with connection.transaction():
        for statement in REFRESH:
            connection.execute(statement)


_COLUMNS = (
    "key, symbol, lang, sha256, path, title, date, year, origin, submitters, speakers, topic, kind, "
    "symbols, family, series, submitter_ids, doc_number, pages, body, symbol_terms, suffixes, row_version"
)
_UPSERT = f"""
INSERT INTO ipcw_documents ({_COLUMNS}, tsv, words)
VALUES ({", ".join(f"%({name})s" for name in _COLUMNS.split(", "))},
    ts_delete(setweight(to_tsvector(%(configuration)s::regconfig, %(title_words)s || %(gap)s), 'A')
        || setweight(to_tsvector(%(configuration)s::regconfig, %(names)s || %(gap)s), 'C')
        || setweight(to_tsvector(%(configuration)s::regconfig, %(body)s), 'B'), '{GAP_WORD}'),
    setweight(to_tsvector('{WORDS_CONFIGURATION}', %(names)s), 'C')
        || setweight(to_tsvector('{WORDS_CONFIGURATION}', %(title_words)s || ' ' || %(body)s), 'A'))
ON CONFLICT (key) DO UPDATE SET
    {", ".join(f"{name} = EXCLUDED.{name}" for name in (*_COLUMNS.split(", ")[1:], "tsv", "words"))}
"""


def row_of(doc: Document) -> dict[str, Any]:
    """The values of ``doc``'s row: what the Whoosh index holds of it (:func:`index_fields`: the
    title with its subtitle, the listing's title searched with it, every form of its submitters'
    names, families, series), its text included (the body), without NUL characters, which
    PostgreSQL's text refuses."""
    fields = index_fields(doc)
    title = str(fields["title"]).replace("\x00", "")
    return {
        "key": doc.key,
        "symbol": doc.symbol,
        "lang": doc.language,
        "sha256": doc.sha256,
        "path": str(doc.path) if doc.path else "",
        "title": title,
        "title_words": str(fields[f"title_{doc.language}"]).replace("\x00", ""),
        "names": str(fields["submitters"]).replace("\x00", ""),
        "family": _split(str(fields["family"]).lower()),
        "series": _split(str(fields["series"]).lower()),
        "symbol_terms": _split(str(fields["symbols"]).lower()),
        "suffixes": len(parse_symbol(doc.symbol).suffixes),
        "row_version": ROW_VERSION,
        "submitter_ids": _split(fields["submitter_id"]),
        "date": doc.date,
        "year": doc.date.year if doc.date else None,
        "origin": doc.origin.value if doc.origin else None,
        "submitters": list(doc.submitters),
        "speakers": list(doc.speakers),
        "topic": doc.topic.value,
        "kind": doc.kind.value,
        "symbols": list(doc.symbols),
        "doc_number": doc.doc_number,
        "pages": doc.pages,
        "body": doc.text.replace("\x00", ""),
        "configuration": CONFIGURATIONS.get(doc.language, "ipcw_english"),
        "gap": f" {GAP_WORD}" * GAP,
    }


def _split(value: object) -> list[str]:
    return [part for part in str(value or "").split(",") if part]


def write_batches(
    connection: Any,
    docs: Iterable[Document],
    on_error: Callable[[Document, IndexingError], None],
    batch: int | None = None,
) -> Iterator[list[str]]:
    """Write ``docs`` a batch at a time, each batch one transaction (a reader sees all of it or
    none); yields the keys of each batch once it is committed. A batch the database refuses is
    written again a document at a time, so that the one it refuses fails alone (``on_error``).
    A batch is ``batch`` documents (:data:`BATCH` unless given)."""
    batch = batch or BATCH
    pending: list[Document] = []
    for doc in docs:
        pending.append(doc)
        if len(pending) >= batch:
            yield _write(connection, pending, on_error)
            pending = []
    if pending:
        yield _write(connection, pending, on_error)


def _write(
    connection: Any, docs: Sequence[Document], on_error: Callable[[Document, IndexingError], None]
) -> list[str]:
    refused = _refused()
    try:
        _insert(connection, docs)
        return [doc.key for doc in docs]
    except refused:
        pass
    written = []
    for doc in docs:
        try:
            _insert(connection, [doc])
            written.append(doc.key)
        except refused as exc:
            on_error(doc, IndexingError(f"{doc.key}: the database refused it: {scrubbed(exc)}"))
    return written


def _refused() -> tuple[type[BaseException], ...]:
    """What refuses one document, not the database: a value it will not take (a number too large,
    a text too long to search), a document whose fields cannot be made."""
    psycopg = psycopg_module()
    return (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.ProgramLimitExceeded, IpcwError)


def _insert(connection: Any, docs: Sequence[Document]) -> None:
    """``docs`` in one transaction, their failures forgotten; their rows made as they are sent
    (nothing of them is seen before the commit, whatever the moment)."""
    with connection.transaction(), connection.cursor() as cursor:
        cursor.executemany(_UPSERT, (row_of(doc) for doc in docs))
        cursor.execute("DELETE FROM ipcw_failures WHERE key = ANY(%s)", ([doc.key for doc in docs],))
