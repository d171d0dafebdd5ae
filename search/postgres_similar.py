"""Similar documents on a team's PostgreSQL index: what :meth:`ipcw.search.Searcher.similar` does
on the Whoosh index.

The :data:`~ipcw.search.searcher.KEY_TERMS` stems of a document's body that set it apart most
(Whoosh's Bo1 model, from each stem's occurrences in the bodies of the index, ``ipcw_stems``;
stems in half the documents of its language or more, and of two letters or fewer, left out) are
searched in the bodies of its language, each weighed by its Bo1 weight; the document itself, in
every language, is left out.
"""

from __future__ import annotations

from math import log2
from typing import Any

from ipcw.indexer.postgres_schema import CONFIGURATIONS
from ipcw.models import Document
from ipcw.search.postgres_query import language_code, lexeme
from ipcw.search.results import COVER_RULE
from ipcw.search.searcher import KEY_TERMS


def key_stems(connection: Any, doc: Document) -> list[tuple[str, float]]:
    """The stems of ``doc``'s body that set it apart most, with their Bo1 weights."""
    body = COVER_RULE.split(doc.text, maxsplit=1)[-1]
    total, in_language = connection.execute(
        "SELECT count(*), count(*) FILTER (WHERE lang = %s) FROM ipcw_documents", (doc.language,)
    ).fetchone()
    rows = connection.execute(
        "SELECT own.lexeme, coalesce(array_length(own.positions, 1), 1), stems.documents, stems.occurrences "
        "FROM unnest(to_tsvector(%s::regconfig, %s)) AS own "
        "JOIN ipcw_stems AS stems ON stems.lang = %s AND stems.stem = own.lexeme",
        (CONFIGURATIONS.get(doc.language, "ipcw_english"), body, doc.language),
    ).fetchall()
    scored = []
    for stem, frequency, _, occurrences in rows:
        f = occurrences / max(total, 1)
        scored.append((frequency * log2((1 + f) / f) + log2(1 + f), stem))
    scored.sort(key=lambda item: (-item[0], item[1]))
    documents = {stem: docs for stem, _, docs, _ in rows}
    common = in_language / 2
    kept = [
        (stem, weight)
        for weight, stem in scored[: KEY_TERMS * 3]
        if len(stem) > 2 and documents[stem] < common
    ]
    return kept[:KEY_TERMS]


def most_like(
    connection: Any, doc: Document, limit: int
) -> tuple[list[tuple[str, float]], int, tuple[str, ...]]:
    """The ``limit`` documents most like ``doc`` (key, score), how many are like it in all, and the
    stems they were found by."""
    stems = key_stems(connection, doc)
    if not stems:
        return [], 0, ()
    query = " | ".join(f"{lexeme(stem)}:B" for stem, _ in stems)
    score = " + ".join("%s * ts_rank('{0, 0, 1, 0}', tsv, %s::tsquery, 1)" for _ in stems)
    weights = [value for stem, weight in stems for value in (weight, f"{lexeme(stem)}:B")]
    rows = connection.execute(
        f"SELECT key, ({score}) AS score, count(*) OVER () FROM ipcw_documents "
        f"WHERE lang = '{language_code(doc.language)}' AND tsv @@ %s::tsquery AND symbol <> %s "
        "ORDER BY score DESC, key LIMIT %s",
        (*weights, query, doc.symbol, limit),
    ).fetchall()
    total = int(rows[0][2]) if rows else 0
    return [(key, float(score)) for key, score, _ in rows], total, tuple(stem for stem, _ in stems)
