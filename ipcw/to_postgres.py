"""Filling a team's PostgreSQL index from a local store (``ipcw index --index-url postgresql://...``).

Under the data directory's lock (a crawl is not changing the store meanwhile) and the database's
writer lock (taken before the schema is created or migrated, so two writers never race at it),
every readable document of the store is read (from the text cache, else its PDF), tagged and
written to the database (:mod:`ipcw.indexer.postgres`), a batch a transaction. A document the
database holds already with the same file is left alone, and one the store no longer holds
readable is removed: a run again writes what is new or changed. A document that cannot be read
or written fails alone, with its reason, recorded in the database: after ``max_failures`` runs in
a row it is left alone (as the local index leaves it) until its file changes or ``retry_failed``.
The database failing (a lost connection, a full disk) is one line, the URL without its password.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipcw.config import Settings
from ipcw.errors import IpcwError, StoreError
from ipcw.harvester.lock import DataDirLock
from ipcw.harvester.store import Store
from ipcw.indexer.extract_and_tag import read_documents
from ipcw.indexer.postgres import (
    connected,
    failed_before,
    forget_failures,
    held,
    migrate,
    psycopg_module,
    record_failure,
    refresh,
    remove,
    scrubbed,
    shown_url,
    write_batches,
    writing,
)
from ipcw.indexer.postgres_schema import ROW_VERSION
from ipcw.indexer.text_cache import TextCache
from ipcw.models import Document
from ipcw.pipeline import Failure, extract_limits


@dataclass
class DatabaseReport:
    """What a run wrote to the database."""

    database: str  # its URL, without the password
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    unreadable: list[Failure] = field(default_factory=list)
    given_up: int = 0  # failed max_failures runs in a row: not tried (--retry-failed tries them)

    def summary(self) -> str:
        removed = f", {self.removed} removed" if self.removed else ""
        given_up = (
            f", {self.given_up} left alone after failing run after run (--retry-failed tries them again)"
            if self.given_up
            else ""
        )
        said = f"{self.unchanged} unchanged{removed}{given_up}"
        return f"wrote {self.written} documents to {self.database} ({said})"


def fill_database(
    settings: Settings, url: str, everything: bool = False, retry_failed: bool = False
) -> DatabaseReport:
    """Write every readable document of ``settings``' store to the PostgreSQL index at ``url``
    (see the module's text); with ``everything``, those it holds in the same version too; with
    ``retry_failed``, those that failed ``max_failures`` runs in a row too."""
    shown_url(url)  # a ConfigError for another URL, or without psycopg, before the lock is taken
    with DataDirLock(settings.data):
        if not settings.data.holds_store():
            return write_store(settings, None, url, everything, retry_failed)
        with Store(settings.data) as store:
            return write_store(settings, store, url, everything, retry_failed)


def write_store(
    settings: Settings,
    store: Store | None,
    url: str,
    everything: bool = False,
    retry_failed: bool = False,
) -> DatabaseReport:
    """:func:`fill_database` from the open ``store`` (``None``: an empty one), the data directory's
    lock held by the caller (a crawl that has just filled the store)."""
    report = DatabaseReport(shown_url(url))
    psycopg = psycopg_module()
    docs = [entry.document for entry in store.entries() if entry.readable] if store is not None else []
    try:
        with connected(url) as connection, writing(connection):
            migrate(connection)
            _fill(settings, connection, docs, everything, retry_failed, report)
    except psycopg.Error as exc:
        raise StoreError(f"writing to {report.database} failed: {scrubbed(exc, url)}") from exc
    return report


def _fill(
    settings: Settings,
    connection: object,
    docs: list[Document],
    everything: bool,
    retry_failed: bool,
    report: DatabaseReport,
) -> None:
    have, failures = held(connection), failed_before(connection)
    changed = [doc for doc in docs if everything or have.get(doc.key) != (doc.sha256, ROW_VERSION)]
    report.unchanged = len(docs) - len(changed)

    def given_up(doc: Document) -> bool:  # the same file failed max_failures runs in a row
        sha, runs = failures.get(doc.key, ("", 0))
        return not retry_failed and sha == doc.sha256 and runs >= settings.max_failures

    report.given_up = sum(map(given_up, changed))
    todo = [doc for doc in changed if not given_up(doc)]
    stored = {doc.key for doc in docs}
    report.removed = remove(connection, set(have) - stored)
    # Failures of documents no longer held, or held as they are (those of a --rebuild): a later
    # run counts anew.
    held_as_is = stored - {doc.key for doc in changed}
    forget_failures(connection, (set(failures) - stored) | (held_as_is & set(failures)))

    def failed(doc: Document, error: IpcwError) -> None:
        report.unreadable.append(Failure(doc.key, str(error)))
        record_failure(connection, doc, str(error))

    read = read_documents(
        todo,
        TextCache(settings.data),
        extract_limits(settings),
        on_error=failed,
        extractor=settings.extractor,
    )
    for keys in write_batches(connection, read, failed):
        report.written += len(keys)
    if report.written or report.removed or everything:
        refresh(connection)
