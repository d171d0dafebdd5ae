"""The executor finds what Whoosh's own matchers find, with the same scores, on every kind of query
ipcw makes: on the fixtures' index as built (one segment), and on one of several segments with
deleted documents (replaced entries, as a nightly run leaves them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from whoosh import formats, scoring
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec

from ipcw.config import Settings
from ipcw.indexer.opening import INDEX_NAME, open_index, storage
from ipcw.indexer.schema import build_schema
from ipcw.indexer.segment import AtomicSegmentWriter
from ipcw.indexer.writer import index_fields
from ipcw.query import parse_query
from ipcw.search import Searcher
from ipcw.search.executor import Executor, _in_a_row, best
from ipcw.search.searcher import Filters
from ipcw.search.whoosh_query import top_level

#: Every kind of node the query language makes (and the languages asked for).
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("cooperation", ()),
    ("technical cooperation", ()),
    ("plant variety protection", ()),
    ('"technical cooperation"', ()),
    ('"intellectual property rights"', ()),
    ('"small and medium-sized enterprises"', ()),
    ('"public health" and wipo', ()),
    ("cooperat*", ()),
    ("enforc* or pharma*", ()),
    ("wipo or unctad", ()),
    ("copyright or trademarks or patents", ()),
    ("cooperation not seminar", ()),
    ("cooperation -seminar", ()),
    ("not cooperation", ()),
    ("(wipo or unctad) not (seminar and training)", ()),
    ("wipo near/3 patent", ()),
    ('"technical assistance" near/5 developing', ()),
    ("title:cooperation or text:patent", ()),
    ("title:(training or seminar)", ()),
    ("origin:member", ()),
    ("origin:igo and enforcement", ()),
    ("submitter:japan", ()),
    ('submitter:"european union" and training', ()),
    ("year:2010", ()),
    ("date:2010-01-01..2012-12-31 and patents", ()),
    ("IP/C/W/640/Add.3", ()),
    ("IP/C/W/640", ()),
    ("IP/C/W/6*", ()),
    ("IP/C/W/64*", ()),
    ("IP/C/R/TC/*", ()),
    ("coopération technique", ("fr",)),
    ('"propriété intellectuelle"', ("fr",)),
    ("cooperación técnica", ("es",)),
    ('"propiedad intelectual"', ("es", "en")),
    ("nothingsuchword", ()),
]


def whoosh_scores(searcher: Any, q: wq.Query, monkeypatch: pytest.MonkeyPatch) -> dict[int, float]:
    """Every match of ``q`` and its score, by Whoosh's own matchers. In a segment of 5,000
    documents or fewer Whoosh matches a prefix of three terms or more unscored (1.0 a document),
    and sums their BM25F above that size: compared with the BM25F sum it gives at any size (the
    difference ipcw keeps on purpose, see ``ipcw.search.executor``)."""
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
    collector = searcher.collector(limit=None, optimize=False)
    searcher.search_with_collector(q, collector)
    return {hit.docnum: hit.score for hit in collector.results()}


def assert_same(mine: dict[int, float], theirs: dict[int, float]) -> None:
    assert set(mine) == set(theirs)
    for docnum, score in theirs.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-12, abs=1e-12)


@pytest.fixture(scope="module")
def one_segment(built: Settings) -> Iterator[Any]:
    ix = open_index(built.data.index)
    with ix.searcher() as searcher:
        yield searcher
    ix.close()


@pytest.fixture(scope="module")
def small_blocks(
    built_fields: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """The fixtures' documents in blocks of 4 postings (a common word's postings span many blocks,
    as at the size of the whole series in blocks of 128), in two segments, three entries replaced."""
    folder = tmp_path_factory.mktemp("small-blocks")
    ix = storage(folder).create_index(build_schema(), indexname=INDEX_NAME)
    for batch in (built_fields, built_fields[:3]):
        writer = AtomicSegmentWriter(storage(folder).open_index(INDEX_NAME), codec=W3Codec(blocklimit=4))
        for fields in batch:
            writer.update_document(**fields)
        writer.commit(merge=False)
    ix = storage(folder).open_index(INDEX_NAME)
    with ix.searcher() as searcher:
        assert not searcher.is_atomic() and searcher.reader().has_deletions()
        yield searcher
    ix.close()


@pytest.fixture(scope="module")
def segments(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A copy of the fixtures' index where three entries were replaced in a second segment."""
    data = Path(shutil.copytree(built.data.root, tmp_path_factory.mktemp("segments") / "data"))
    settings = Settings(data_dir=data)
    with Searcher(settings.data.index) as searcher:
        shown = searcher.search("technical cooperation", limit=3).hits
        replaced = [searcher.lookup(h.document.symbol, h.document.language)[0].document for h in shown]
    assert len(replaced) == 3 and all(doc.text for doc in replaced)
    ix = open_index(settings.data.index)
    writer = AtomicSegmentWriter(ix)
    for doc in replaced:
        writer.update_document(**{k: v for k, v in index_fields(doc).items() if v is not None})
    writer.commit(merge=False)
    ix = open_index(settings.data.index)
    with ix.searcher() as searcher:
        assert not searcher.is_atomic() and searcher.reader().has_deletions()
        yield searcher
    ix.close()


@pytest.mark.parametrize(("text", "languages"), QUERIES)
def test_every_match_and_its_score_are_whooshs(
    one_segment: Any, text: str, languages: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    q = top_level(build_schema(), parse_query(text), languages)
    assert_same(Executor(one_segment).scores(q), whoosh_scores(one_segment, q, monkeypatch))


@pytest.mark.parametrize(("text", "languages"), QUERIES[:20])
def test_several_segments_and_deleted_documents_read_as_whoosh_reads_them(
    segments: Any, text: str, languages: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    q = top_level(build_schema(), parse_query(text), languages)
    executor = Executor(segments)
    assert executor.direct
    assert_same(executor.scores(q), whoosh_scores(segments, q, monkeypatch))


@pytest.mark.parametrize(("text", "languages"), QUERIES)
def test_postings_of_many_blocks_read_as_whoosh_reads_them(
    small_blocks: Any, text: str, languages: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    q = top_level(build_schema(), parse_query(text), languages)
    assert_same(Executor(small_blocks).scores(q), whoosh_scores(small_blocks, q, monkeypatch))


def test_the_queries_cover_what_matters(one_segment: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above is not of empty results: most queries match, phrases among them."""
    matching = [
        text
        for text, languages in QUERIES
        if Executor(one_segment).scores(top_level(build_schema(), parse_query(text), languages))
    ]
    assert len(matching) >= len(QUERIES) - 8
    assert '"intellectual property rights"' in matching and "IP/C/W/6*" in matching


def test_another_weighting_model_runs_on_whooshs_matchers(built: Settings) -> None:
    ix = open_index(built.data.index)
    with ix.searcher(weighting=scoring.TF_IDF()) as searcher:
        executor = Executor(searcher)
        assert not executor.direct
        q = top_level(build_schema(), parse_query('"technical cooperation" or wipo'))
        collector = searcher.collector(limit=None, optimize=False)
        searcher.search_with_collector(q, collector)
        assert_same(executor.scores(q), {hit.docnum: hit.score for hit in collector.results()})
    ix.close()


@pytest.mark.parametrize(
    "filters",
    [
        Filters(origins=("member",), languages=("en",)),
        Filters(year=2015),
        Filters(date_from=date(2012, 1, 1)),
        Filters(submitters=("Japan", "European Union")),
        Filters(symbols=("IP/C/W/64*", "IP/C/R/TC/*")),
    ],
)
def test_a_filters_documents_are_whooshs(one_segment: Any, filters: Filters) -> None:
    q = filters.to_whoosh()
    assert q is not None
    docs = Executor(one_segment).docs(q)
    assert docs == set(one_segment.docs_for_query(q))


@given(
    scores=st.dictionaries(
        st.integers(0, 60), st.sampled_from([0.5, 1.0, 1.0 + 1e-7, 2.0, 3.25]), max_size=40
    ),
    raised=st.dictionaries(st.integers(0, 60), st.sampled_from([1000.0, 2000.0, 3000.0]), max_size=5),
    suffixes=st.lists(st.integers(0, 3), min_size=61, max_size=61),
    limit=st.one_of(st.none(), st.integers(1, 12)),
)
def test_the_best_are_the_first_of_every_final_score_sorted(
    scores: dict[int, float], raised: dict[int, float], suffixes: list[int], limit: int | None
) -> None:
    """Only the documents that could reach the top are looked at, and the top is the same as when
    every document's final score is computed and sorted (highest first, then document number)."""

    def penalty(docnum: int) -> float:
        return 1e-6 * suffixes[docnum]

    every = sorted(
        ((d, s + raised.get(d, 0.0) - penalty(d)) for d, s in scores.items()),
        key=lambda item: (-item[1], item[0]),
    )
    assert best(scores, limit, raised, penalty) == every[:limit]


class _ReadAsTheFormatSays(formats.Positions):  # type: ignore[misc]
    """Whoosh's positions format, of another type: the executor reads it through its decoder."""


_WORD_PLACES = st.dictionaries(
    st.integers(0, 12), st.lists(st.integers(0, 40), min_size=1, max_size=6, unique=True)
)


@given(st.lists(_WORD_PLACES, min_size=2, max_size=5))
@example([{1: [3, 9], 2: [0]}, {1: [4, 11], 2: [2]}, {1: [5, 10], 2: [3]}])  # 1 holds it; 2 not
@example([{1: [3], 2: [7]}, {1: [4], 2: [8]}])
def test_a_phrase_is_found_where_its_words_stand_in_a_row_as_whoosh_writes_them_or_not(
    words: list[dict[int, list[int]]],
) -> None:
    """The phrase check on positions as Whoosh 2.7.4 writes them (a word at a time over all the
    documents, a document dropped at its first word out of place) finds what a plain check finds,
    and so does the check through the format's decoder, and on positions an older Whoosh wrote."""
    form = formats.Positions()
    places = [{d: form.encode(sorted(at)) for d, at in word.items()} for word in words]
    docs = set(words[0]).intersection(*words[1:])
    expected = sorted(
        d for d in docs if any(all(p + i in words[i][d] for i in range(len(words))) for p in words[0][d])
    )
    assert sorted(_in_a_row(form, docs, places)) == expected
    assert sorted(_in_a_row(_ReadAsTheFormatSays(), docs, places)) == expected
    # As an older Whoosh wrote them, without the pickle's last byte: read as the format says.
    unstopped = [{d: value[:-1] for d, value in word.items()} for word in places]
    assert sorted(_in_a_row(form, docs, unstopped)) == expected
