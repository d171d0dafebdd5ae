"""Filling a team's PostgreSQL index from a local store (``ipcw index --index-url postgresql://...``).

Every readable document of the store is read (from the text cache, else its PDF), tagged and
written to the database (:mod:`ipcw.indexer.postgres`), a batch a transaction, under the writer's
advisory lock. A document the database holds already with the same file is left alone, so a run
again writes only what changed. A document that cannot be read fails alone, with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipcw.config import Settings
from ipcw.errors import IpcwError
from ipcw.harvester.store import Store
from ipcw.indexer.extract_and_tag import read_documents
from ipcw.indexer.postgres import connected, held, migrate, shown_url, write_batches, writing
from ipcw.indexer.text_cache import TextCache
from ipcw.models import Document
from ipcw.pipeline import Failure, extract_limits


@dataclass
class DatabaseReport:
    """What a run wrote to the database."""

    database: str  # its URL, without the password
    written: int = 0
    unchanged: int = 0
    unreadable: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        return f"wrote {self.written} documents to {self.database} ({self.unchanged} unchanged)"


def fill_database(settings: Settings, url: str, everything: bool = False) -> DatabaseReport:
    """Write every readable document of ``settings``' store to the PostgreSQL index at ``url``
    (its schema created or migrated first), skipping those it holds in the same version (none with
    ``everything``)."""
    report = DatabaseReport(shown_url(url))
    if settings.data.holds_store():
        with Store(settings.data) as store:
            docs = [entry.document for entry in store.entries() if entry.readable]
    else:
        docs = []
    with connected(url) as connection:
        migrate(connection)
        with writing(connection):
            have = held(connection)
            todo = [doc for doc in docs if everything or have.get(doc.key) != doc.sha256]
            report.unchanged = len(docs) - len(todo)

            def failed(doc: Document, error: IpcwError) -> None:
                report.unreadable.append(Failure(doc.key, str(error)))

            read = read_documents(
                todo,
                TextCache(settings.data),
                extract_limits(settings),
                on_error=failed,
                extractor=settings.extractor,
            )
            for keys in write_batches(connection, read, failed):
                report.written += len(keys)
    return report
