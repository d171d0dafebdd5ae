"""Did you mean, on a team's PostgreSQL index: what :mod:`ipcw.search.suggest` does on the Whoosh
index, from the database's own vocabulary (``ipcw_vocabulary``, refreshed by each writing run).

A word the index does not hold (as written, in titles, bodies or submitters' names, or by its stem
in any language) is replaced by the closest word it does hold, at most two edits away (the fewest
edits first, then the word found in most documents), among the words of the query's language.
Candidates are the words sharing trigrams with it (``pg_trgm``'s GIN index, a low similarity
threshold), their edits counted here: a word of two or three letters shares few trigrams with a
misspelling, so a correction the Whoosh index finds by edits alone may be missed.
"""

from __future__ import annotations

from typing import Any

from ipcw.indexer.postgres_schema import CONFIGURATIONS, WORDS_CONFIGURATION
from ipcw.query import Node
from ipcw.search.suggest import MAX_EDITS, corrected, query_words

#: The trigram similarity below which a word is no candidate (pg_trgm's default is 0.3).
SIMILARITY = 0.2


def did_you_mean(connection: Any, text: str, tree: Node, languages: tuple[str, ...] = ()) -> str | None:
    """``text`` with each word the index does not hold corrected (``None`` when every word is held,
    or no correction is near enough). Run inside the caller's transaction."""
    words = list(dict.fromkeys(query_words(tree)))
    unknown = [w for w in words if not _held(connection, w)]
    if not unknown:
        return None
    language = _language(connection, [w for w in words if w not in unknown], languages)
    better = {word: found for word in unknown if (found := _closest(connection, word, language))}
    return corrected(text, better)


def _held(connection: Any, word: str) -> bool:
    """Whether some document holds ``word`` as written, or its stem in its language's text."""
    stems = " OR ".join(
        f"(lang = '{lang}' AND tsv @@ plainto_tsquery('{name}', %(word)s))"
        for lang, name in CONFIGURATIONS.items()
    )
    row = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM ipcw_documents WHERE "
        f"words @@ plainto_tsquery('{WORDS_CONFIGURATION}', %(word)s) OR {stems})",
        {"word": word},
    ).fetchone()
    return bool(row[0])


def _language(connection: Any, known: list[str], languages: tuple[str, ...]) -> str | None:
    """The one language asked for; else the one whose documents hold most of ``known``."""
    if len(languages) == 1:
        return languages[0]
    counts = dict(
        connection.execute(
            "SELECT lang, count(*) FROM ipcw_vocabulary WHERE word = ANY(%s) GROUP BY lang", (known,)
        ).fetchall()
    )
    best = max(counts.values(), default=0)
    leaders = [lang for lang, n in counts.items() if n == best]
    return leaders[0] if best and len(leaders) == 1 else None


def _closest(connection: Any, word: str, language: str | None) -> str | None:
    """The word the index holds nearest ``word``: fewest edits, then in most documents (of the
    language, when there is one)."""
    connection.execute(f"SET LOCAL pg_trgm.similarity_threshold = {SIMILARITY}")
    rows = connection.execute(
        "SELECT word, sum(documents) FROM ipcw_vocabulary WHERE word %% %s "
        "AND length(word) BETWEEN %s AND %s AND (%s::text IS NULL OR lang = %s) GROUP BY word",
        (word, len(word) - MAX_EDITS, len(word) + MAX_EDITS, language, language),
    ).fetchall()
    ranked = [
        (edits, -int(docs), found)
        for found, docs in rows
        if 0 < (edits := edits_between(word, found)) <= MAX_EDITS
    ]
    return min(ranked)[2] if ranked else None


def edits_between(one: str, other: str) -> int:
    """The Levenshtein distance between ``one`` and ``other`` (insertions, deletions, changes)."""
    previous = list(range(len(other) + 1))
    for i, a in enumerate(one, start=1):
        current = [i]
        for j, b in enumerate(other, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
