"""The PostgreSQL index's schema: ipcw's own, created and migrated by ipcw (:data:`MIGRATIONS`,
the version recorded in ``ipcw_meta``), and what a writer refreshes after each run.

``ipcw_documents`` holds a row a document (a symbol in one language):

- ``tsv``: its words stemmed in its language (``ipcw_english``, ``ipcw_french``, ``ipcw_spanish``:
  PostgreSQL's parser, then ``unaccent``, then a Snowball stemmer without stop words, as the Whoosh
  index keeps every word; a hyphenated word one word), weighed ``A`` in the title, ``C`` in every
  form of its submitters' names and ``B`` in the body, in that order (PostgreSQL keeps no position
  beyond 16,383: the end of a long body shares the last one, the title and names never do), each
  part :data:`GAP` positions from the next; under a GIN index.
- ``words``: its words as written (``ipcw_simple``: lower-cased, accents folded, not stemmed),
  ``A`` for the title and body and ``C`` for submitters' names: what prefixes (``cooperat*``)
  are matched against, as the Whoosh index's ``words`` field.
- what ipcw knows of it (origin, submitters, date...), its symbols, families and series lower-cased
  as the query matches them, how many suffixes its symbol has (ranking), and its text (``body``):
  a team's readers have no text cache.
- ``row_version``: the :data:`ROW_VERSION` of the ipcw that wrote it, so a row made by an earlier
  ipcw (another tagger, other fields) is written again by the next run without ``--rebuild``.

``ipcw_vocabulary`` (each language's words as written, and in how many documents) and
``ipcw_stems`` (each language's stems in bodies, and in how many documents) are refreshed by a
writer at the end of each run (:data:`REFRESH`): "did you mean" and ``similar`` read them.

``ipcw_failures`` holds each document that could not be read or written: its file's sha256, in how
many runs in a row, and why. A writer leaves it alone after ``max_failures`` runs, as the local
index's store does, until its file changes or ``--retry-failed``.
"""

from __future__ import annotations

#: Languages and the text-search configuration each is searched with.
CONFIGURATIONS = {"en": "ipcw_english", "fr": "ipcw_french", "es": "ipcw_spanish"}
#: The configuration of words as written (prefixes, "did you mean").
WORDS_CONFIGURATION = "ipcw_simple"
#: The version of the rows this ipcw writes: raised when what a row holds of a document changes.
ROW_VERSION = 4
#: A word that keeps the title, the body and the names :data:`GAP` positions apart in ``tsv``
#: (then deleted), so that no phrase or ``near`` runs from one into the next, as in the Whoosh
#: index, where they are fields of their own.
GAP_WORD = "ipcwgap"
GAP = 102
#: The token types of PostgreSQL's parser that are words (the rest, numbers and the like, are
#: kept as they are).
_WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

_CONFIGURATION = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                 WHERE cfgname = '{name}' AND cfgnamespace = current_schema()::regnamespace) THEN
    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});
    ALTER TEXT SEARCH CONFIGURATION {name}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
  END IF;
END $$;
"""


def _unless_held(catalog: str, prefix: str, name: str, statement: str) -> str:
    """``statement``, made when ``catalog`` (whose columns begin ``prefix``) holds no ``name`` in
    ipcw's schema yet: text-search objects outlive the tables (a database emptied of ipcw's tables
    is migrated again from the start), and another schema's object of that name is not ipcw's."""
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_catalog.{catalog} WHERE {prefix}name = '{name}' "
        f"AND {prefix}namespace = current_schema()::regnamespace) THEN {statement}; END IF; END $$"
    )


def _without_stop_words(name: str) -> tuple[str, ...]:
    """``name``'s stemmer without stop words, for every kind of word."""
    base = name.removeprefix("ipcw_")
    return (
        _unless_held(
            "pg_ts_dict",
            "dict",
            f"{name}_stem",
            f"CREATE TEXT SEARCH DICTIONARY {name}_stem (TEMPLATE = snowball, Language = {base})",
        ),
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {_WORD_TOKENS} WITH unaccent, {name}_stem",
    )


#: The schema's versions, each the statements that bring the one before to it.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        *(
            _CONFIGURATION.format(name=name, base=name.removeprefix("ipcw_"))
            for name in CONFIGURATIONS.values()
        ),
        """CREATE TABLE ipcw_documents (
            key text PRIMARY KEY,
            symbol text NOT NULL,
            lang text NOT NULL,
            sha256 text NOT NULL,
            path text NOT NULL DEFAULT '',
            title text NOT NULL DEFAULT '',
            date date,
            year integer,
            origin text,
            submitters text[] NOT NULL DEFAULT '{}',
            speakers text[] NOT NULL DEFAULT '{}',
            topic text NOT NULL,
            kind text NOT NULL,
            symbols text[] NOT NULL DEFAULT '{}',
            family text[] NOT NULL DEFAULT '{}',
            series text[] NOT NULL DEFAULT '{}',
            submitter_ids text[] NOT NULL DEFAULT '{}',
            doc_number text NOT NULL DEFAULT '',
            pages integer,
            body text NOT NULL DEFAULT '',
            tsv tsvector NOT NULL
        )""",
        "CREATE INDEX ipcw_documents_tsv ON ipcw_documents USING gin (tsv)",
        "CREATE INDEX ipcw_documents_symbol ON ipcw_documents (symbol)",
        "CREATE INDEX ipcw_documents_date ON ipcw_documents (date)",
    ),
    (
        # Every word kept (the Whoosh index keeps stop words: "small and medium-sized" is a phrase
        # of three words), words as written for prefixes, what ranking and symbols need.
        *(statement for name in CONFIGURATIONS.values() for statement in _without_stop_words(name)),
        _unless_held(
            "pg_ts_config",
            "cfg",
            WORDS_CONFIGURATION,
            f"CREATE TEXT SEARCH CONFIGURATION {WORDS_CONFIGURATION} (COPY = pg_catalog.simple)",
        ),
        (
            f"ALTER TEXT SEARCH CONFIGURATION {WORDS_CONFIGURATION} ALTER MAPPING FOR {_WORD_TOKENS} "
            "WITH unaccent, simple"
        ),
        """ALTER TABLE ipcw_documents
            ADD COLUMN words tsvector NOT NULL DEFAULT '',
            ADD COLUMN symbol_terms text[] NOT NULL DEFAULT '{}',
            ADD COLUMN suffixes integer NOT NULL DEFAULT 0,
            ADD COLUMN row_version integer NOT NULL DEFAULT 0""",
        "CREATE INDEX ipcw_documents_words ON ipcw_documents USING gin (words)",
        "CREATE INDEX ipcw_documents_symbol_terms ON ipcw_documents USING gin (symbol_terms)",
        "CREATE INDEX ipcw_documents_family ON ipcw_documents USING gin (family)",
        """CREATE TABLE ipcw_vocabulary (
            lang text NOT NULL, word text NOT NULL, documents integer NOT NULL, PRIMARY KEY (lang, word)
        )""",
        "CREATE INDEX ipcw_vocabulary_trigrams ON ipcw_vocabulary USING gin (word gin_trgm_ops)",
        """CREATE TABLE ipcw_stems (
            lang text NOT NULL, stem text NOT NULL, documents integer NOT NULL,
            occurrences integer NOT NULL, PRIMARY KEY (lang, stem)
        )""",
    ),
    (
        # A hyphenated word is one word, as the Whoosh index keeps it ("trade-related"), not also
        # its parts, which took positions of their own.
        *(
            f"ALTER TEXT SEARCH CONFIGURATION {name} DROP MAPPING IF EXISTS FOR hword_part, hword_asciipart"
            for name in (*CONFIGURATIONS.values(), WORDS_CONFIGURATION)
        ),
    ),
    (
        # Nor the digits of one ("COVID-19" is one word, not also "19").
        *(
            f"ALTER TEXT SEARCH CONFIGURATION {name} DROP MAPPING IF EXISTS FOR hword_numpart"
            for name in (*CONFIGURATIONS.values(), WORDS_CONFIGURATION)
        ),
    ),
    (
        # What could not be written: a document failing run after run is left alone after
        # max_failures runs (``--retry-failed`` tries it again), as in the local index's store.
        """CREATE TABLE ipcw_failures (
            key text PRIMARY KEY, sha256 text NOT NULL, failures integer NOT NULL, reason text NOT NULL
        )""",
    ),
    (
        # A GIN index on tsv per language: a search asks each language's documents apart, and a
        # phrase (checked again in each matching document's vector) then reads only that
        # language's, where one index for all made each language read every other's too.
        *(
            f"CREATE INDEX ipcw_documents_tsv_{lang} ON ipcw_documents USING gin (tsv) WHERE lang = '{lang}'"
            for lang in CONFIGURATIONS
        ),
        "DROP INDEX IF EXISTS ipcw_documents_tsv",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
#: ipcw's tables (its text-search configurations and dictionaries outlive them).
TABLES = ("ipcw_documents", "ipcw_vocabulary", "ipcw_stems", "ipcw_failures", "ipcw_meta")
#: The oldest schema a searcher reads: later versions add what writers need, and indexes that
#: make searches faster (a database of version 4 is searched the same, more slowly).
READABLE_FROM = 4

#: What a writer runs (in one transaction) once its documents are written: each language's words
#: as written in titles and bodies (not submitters' names), and its stems in bodies, with the
#: documents holding each. The languages are ipcw's own, never a caller's value.
REFRESH: tuple[str, ...] = (
    "DELETE FROM ipcw_vocabulary",
    "DELETE FROM ipcw_stems",
    *(
        f"INSERT INTO ipcw_vocabulary SELECT '{lang}', word, ndoc FROM ts_stat("
        f"'SELECT words FROM ipcw_documents WHERE lang = ''{lang}''', 'a')"
        for lang in CONFIGURATIONS
    ),
    *(
        f"INSERT INTO ipcw_stems SELECT '{lang}', word, ndoc, nentry FROM ts_stat("
        f"'SELECT tsv FROM ipcw_documents WHERE lang = ''{lang}''', 'b')"
        for lang in CONFIGURATIONS
    ),
    "ANALYZE ipcw_documents",
)
