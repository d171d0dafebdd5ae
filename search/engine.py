"""Which index a command searches: the Whoosh index in the data directory, or a team's PostgreSQL
index (the setting ``index_url``). Both answer the same calls (:class:`Engine`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ipcw.models import Document, Hit

if TYPE_CHECKING:
    from ipcw.config import Settings
    from ipcw.search.results import SearchResult
    from ipcw.search.searcher import Filters


class Engine(Protocol):
    """What a command asks of a searcher, whichever the index (see
    :class:`~ipcw.search.Searcher` for what each call does)."""

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        limit: int | None = 10,
        sort: str = "relevance",
        facets: bool = False,
        by_family: bool = False,
    ) -> SearchResult: ...

    def similar(self, symbol: str, language: str | None = None, limit: int = 10) -> SearchResult: ...

    def lookup(self, symbol: str, language: str | None = None, with_text: bool = True) -> list[Hit]: ...

    def documents(self, filters: Filters | None = None) -> Sequence[Document]: ...

    def text_of(self, doc: Document) -> str | None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def open_searcher(settings: Settings) -> Engine:
    """A searcher of the index ``settings`` name: a :class:`~ipcw.search.postgres.PostgresSearcher`
    when ``index_url`` is set, else a :class:`~ipcw.search.Searcher` of the data directory's index."""
    if settings.index_url:
        from ipcw.search.postgres import PostgresSearcher

        return PostgresSearcher(settings.index_url)
    from ipcw.search.searcher import Searcher

    return Searcher(settings.data.index)
