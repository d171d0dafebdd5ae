"""The one statement a search on the PostgreSQL index sends (:func:`search_statement`), and its
facets read back (:func:`facet_counts`)."""

from __future__ import annotations

from typing import Any

from ipcw.search.postgres_query import Compiled, Sql
from ipcw.search.results import FACETS, facet_order


def search_statement(
    compiled: Compiled, restricted: Sql, bonus: Sql, sort: str, limit: int | None, facets: bool
) -> Sql:
    """One statement, one pass over the documents matching ``compiled`` and ``restricted`` (the
    filters): how many, the first ``limit`` (all with ``None``) in ``sort`` order with their symbols
    and scores (``bonus``: the symbols' tiers), and with ``facets`` their counts. Sorted by date,
    only the documents shown are scored (a score reads a document's vectors: most of a search's
    time)."""
    if sort == "date":
        order = "date DESC NULLS LAST, key DESC"
        top = Sql.join(
            "",
            [
                Sql("(SELECT key, symbol, date, ("),
                compiled.relevance,
                Sql(" "),
                bonus,
                Sql(
                    ") AS score FROM ipcw_documents WHERE key IN "
                    f"(SELECT key FROM matched ORDER BY {order} LIMIT %s))",
                    (limit,),
                ),
            ],
        )
    else:
        order = "score DESC, key"
        top = Sql(f"(SELECT * FROM matched ORDER BY {order} LIMIT %s)", (limit,))
    branches = []
    for branch in compiled.branches:
        score = Sql("NULL::real") if sort == "date" else Sql.join(" ", [branch.relevance, bonus]).wrap("(")
        branches.append(
            Sql.join(
                "",
                [
                    Sql(f"SELECT {_MATCHED_COLUMNS}, "),
                    score,
                    Sql(" AS score FROM ipcw_documents WHERE "),
                    Sql.join(" AND ", [branch.condition, restricted]),
                ],
            )
        )
    facet_rows = "NULL"
    if facets:
        selects = " UNION ALL ".join(_FACET_SELECTS[name] for name in FACETS)
        facet_rows = (
            "(SELECT json_agg(json_build_array(f.facet, f.value, f.n)) "
            f"FROM ({selects}) AS f(facet, value, n))"
        )
    return Sql.join(
        "",
        [
            Sql.join(" UNION ALL ", branches).wrap("WITH matched AS MATERIALIZED (", ") "),
            Sql(
                "SELECT (SELECT count(*) FROM matched), (SELECT coalesce(json_agg(json_build_array("
                f"key, symbol, score) ORDER BY {order}), '[]') FROM "
            ),
            top,
            Sql(f" AS top), {facet_rows}"),
        ],
    )


#: The columns of a matching document that a search's answer is made from.
_MATCHED_COLUMNS = "key, symbol, date, origin, submitters, year, lang, topic, kind"
#: Each facet's values and counts among the matching documents (``matched``).
_FACET_SELECTS = {
    "origin": "SELECT 'origin', origin, count(*) FROM matched WHERE origin IS NOT NULL GROUP BY 2",
    "submitter": "SELECT 'submitter', s, count(*) FROM matched, unnest(submitters) AS s GROUP BY 2",
    "year": "SELECT 'year', year::text, count(*) FROM matched WHERE year IS NOT NULL GROUP BY 2",
    "lang": "SELECT 'lang', lang, count(*) FROM matched GROUP BY 2",
    "topic": "SELECT 'topic', topic, count(*) FROM matched GROUP BY 2",
    "kind": "SELECT 'kind', kind, count(*) FROM matched GROUP BY 2",
}


def facet_counts(rows: list[list[Any]]) -> dict[str, dict[str, int]]:
    """For each of :data:`FACETS`, its values and their counts from ``rows`` (facet, value,
    count), in :func:`~ipcw.search.results.facet_order`."""
    counted: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for name, value, count in rows:
        counted[name][str(value)] = int(count)
    return {name: facet_order(name, counts) for name, counts in counted.items()}
