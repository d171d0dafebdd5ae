"""The segment writer writes what Whoosh writes: a text field's postings made in one pass over its
terms are those its field gives, runs on disk give every posting back in order, and a segment
written here reads, term by term and posting by posting, as the one Whoosh's own writer makes."""

from __future__ import annotations

import pickle
import sys
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from ipcw.fixtures import FIXTURES_DIR
from ipcw.indexer.opening import INDEX_NAME, storage
from ipcw.indexer.schema import build_schema
from ipcw.indexer.segment import AtomicSegmentWriter, postings_of
from ipcw.indexer.termpool import SLOTS, TermPool

SCHEMA = build_schema()
TEXT_FIELDS = [name for name in SCHEMA.names() if name.startswith(("title_", "text_")) or name == "words"]
TRICKY = [
    "",
    "   ",
    "Technical cooperation, technical COOPERATION; co-operation and medium-sized enterprises.",
    "œuvre ﬁrst Straße İstanbul café naïve argüe ague",
    "IP/C/W/640/Add.3 1.5 2020-21 e.g. U.S.A. -- ... ¿Qué? «Oui»",
    "the the the the " * 50,
]


def whooshs(field: str, value: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(SCHEMA[field].index(value))


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("value", TRICKY)
def test_a_text_fields_postings_are_whooshs(field: str, value: str) -> None:
    assert sorted(postings_of(SCHEMA[field], value)) == whooshs(field, value)


@given(value=st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=200))
def test_any_text_gives_whooshs_postings(value: str) -> None:
    for field in ("text_en", "text_fr", "text_es", "words"):
        assert sorted(postings_of(SCHEMA[field], value)) == whooshs(field, value)


def test_whole_reports_give_whooshs_postings() -> None:
    """The benchmark's reports in each language (1,500 words each) and the fixtures' covers."""
    from ipcw.bench.corpus import document, specs

    spec = next(spec for spec, _ in specs(3))
    bodies = ["\n".join(document(spec, lang).pages) for lang in ("en", "fr", "es")]
    bodies += [path.read_text(encoding="utf-8") for path in sorted((FIXTURES_DIR / "covers").rglob("*.txt"))]
    assert len(bodies) > 20
    for body in bodies:
        for field in ("title_en", "text_en", "text_fr", "text_es", "words"):
            assert sorted(postings_of(SCHEMA[field], body)) == whooshs(field, body)


@pytest.mark.parametrize("field", ["symbols", "family", "submitters", "submitter", "lang", "date", "year"])
def test_other_fields_are_indexed_by_whoosh(field: str) -> None:
    value = {"date": datetime(2020, 1, 2), "year": 2020}.get(field, "IP/C/W/640,Japan")
    assert sorted(postings_of(SCHEMA[field], value)) == sorted(SCHEMA[field].index(value))


def _expanded(terms: list[tuple[str, bytes, list[Any], list[Any]]]) -> list[tuple[Any, ...]]:
    assert not any(blocks for _, _, blocks, _ in terms)  # none encoded: the pool was given no encoder
    return [
        (name, term, *postings[at : at + SLOTS])
        for name, term, _, postings in terms
        for at in range(0, len(postings), SLOTS)
    ]


def test_runs_on_disk_give_back_every_term_whole_and_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Terms spilled to disk in several runs (frames of a few postings) come back once each, in
    order, with all their postings in document order, those merged from another segment too."""
    monkeypatch.setattr("ipcw.indexer.termpool.FRAME", 7)
    pool = TermPool(FileStorage(str(tmp_path)), limitmb=1)
    expected: list[tuple[Any, ...]] = []
    for docnum in range(3_000):
        terms = {f"w{(docnum * k) % 97:03d}".encode(): pickle.dumps([k], 2) for k in range(1, 9)}
        made = [(term, 1, 1.0, value) for term, value in terms.items()]
        pool.add_document(docnum, [("text_en", made, 2.0, 7), ("words", [(b"x", 1, 1.0, b"")], 1.0, 1)])
        expected += [("text_en", term, docnum, 2.0, value, 7) for term, value in terms.items()]
        expected.append(("words", b"x", docnum, 1.0, b"", 1))
    for docnum in range(3_000, 3_010):  # a merged segment's postings: no length yet
        pool.add(("text_en", b"w001", docnum, 1.5, None))
        expected.append(("text_en", b"w001", docnum, 1.5, b"", None))
    assert len(pool.runs) >= 2  # the limit was passed: runs went to disk
    written = list(pool.iter_terms())
    assert [(name, term) for name, term, *_ in written] == sorted(
        {(name, term) for name, term, *_ in expected}
    )
    assert _expanded(written) == sorted(expected, key=lambda post: (post[0], post[1], post[2]))
    assert not list(tmp_path.glob("*.run"))  # read runs are removed


def _everything(folder: Path) -> dict[str, Any]:
    """All that a Whoosh reader reads of an index: every term's statistics and postings, every
    document's stored fields and field lengths."""
    ix = storage(folder).open_index(INDEX_NAME)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        terms = {}
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            m = reader.postings(field, term)
            postings: list[tuple[Any, ...]] = []
            blocks: list[tuple[Any, ...]] = []
            while m.is_active():
                if not blocks or m.id() > blocks[-1][0]:  # a block's first posting: its header
                    blocks.append(
                        (m.block_max_id(), m.block_max_weight(), m.block_min_length(), m.block_max_length())
                    )
                postings.append((m.id(), m.weight(), m.value(), reader.doc_field_length(m.id(), field)))
                m.next()
            stats = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
            )
            terms[field, term] = (stats, postings, blocks)
        stored = [reader.stored_fields(d) for d in range(reader.doc_count_all())]
        lengths = {f: reader.field_length(f) for f in reader.schema.scorable_names()}
    ix.close()
    return {"terms": terms, "stored": stored, "lengths": lengths}


#: What Whoosh's own writer writes of the test's documents, by block size.
_WHOOSHS: dict[int, dict[str, Any]] = {}


def _written(
    folder: Path,
    writer_class: Any,
    built_fields: list[dict[str, object]],
    block: int,
    limit: dict[str, float],
    first_class: Any = None,
) -> dict[str, Any]:
    """Everything of an index written by ``writer_class`` in two batches, the first (written by
    ``first_class``, when given) merged into the second (Whoosh's merge, through the same writer)."""
    folder.mkdir()
    ix = storage(folder).create_index(build_schema(), indexname=INDEX_NAME)
    codec = W3Codec(blocklimit=block)
    writer = (first_class or writer_class)(ix, codec=codec, **limit)
    for fields in built_fields[:40]:
        writer.add_document(**fields)
    writer.commit()
    writer = writer_class(storage(folder).open_index(INDEX_NAME), codec=codec, **limit)
    for fields in built_fields[40:]:
        writer.update_document(**fields)
    writer.commit(optimize=True)  # one segment: the first batch merged into the second
    return _everything(folder)


@pytest.mark.parametrize(("block", "spilled"), [(128, False), (4, False), (4, True)])
def test_a_segment_reads_as_the_one_whoosh_writes(
    built_fields: list[dict[str, object]],
    tmp_path: Path,
    block: int,
    spilled: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same documents written by ipcw's segment writer and by Whoosh's own: every term, its
    statistics, its postings (weights, positions, lengths), each block's header and every stored
    field are the same; and so after a second batch is merged into the first (Whoosh's merge,
    through the same writer). With blocks of 4 postings, terms span many blocks, most encoded while
    documents are added. With the pool spilled to disk every few documents, the postings before a
    spill end a block of their own: everything but where blocks end is the same."""
    assert len(built_fields) > 60
    encoded_after_spills: list[int] = []
    encoded = TermPool._encoded

    def counted(pool: TermPool, name: str, postings: list[Any]) -> list[Any]:
        encoded_after_spills.append(len(postings))
        return encoded(pool, name, postings)

    monkeypatch.setattr(TermPool, "_encoded", counted)
    limit = {"limitmb": 1.0} if spilled else {}
    mine = _written(tmp_path / "ipcw", AtomicSegmentWriter, built_fields, block, limit)
    if block not in _WHOOSHS:  # the same for both pools: written once
        _WHOOSHS[block] = _written(tmp_path / "whoosh", SegmentWriter, built_fields, block, {})
    whooshs = _WHOOSHS[block]
    assert mine["terms"].keys() == whooshs["terms"].keys()
    if spilled:
        assert encoded_after_spills  # terms went on past a spill with blocks on both sides
        mine, whooshs = (
            {
                **everything,
                "terms": {term: (stats, posts) for term, (stats, posts, _) in everything["terms"].items()},
            }
            for everything in (mine, whooshs)
        )
    assert mine == whooshs
    if block == 4 and not spilled:
        assert max(len(blocks) for _, _, blocks in mine["terms"].values()) > 10


def _blocks_pickled(folder: Path) -> tuple[set[int], int]:
    """The pickle protocols of every block (header and data) of an index's postings, and how many
    blocks there are."""
    protocols: set[int] = set()
    count = 0
    ix = storage(folder).open_index(INDEX_NAME)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for field, term in reader.all_terms():
            m = reader.postings(field, term)
            postfile, at = m._postfile, m._baseoffset
            while True:
                length = int.from_bytes(postfile.get(at, 4), "big", signed=True)
                block = bytes(postfile.get(at + 4, abs(length)))
                header = pickle.loads(block)  # the header, then the data
                data = block[len(pickle.dumps(header, block[1])) :]
                protocols |= {block[1], zlib.decompress(data)[1] if header[3] else data[1]}
                count += 1
                if length < 0:
                    break
                at += 4 + length
    ix.close()
    return protocols, count


def test_blocks_are_pickled_with_protocol_3_and_the_segment_is_smaller_than_whooshs(
    built_fields: list[dict[str, object]], tmp_path: Path
) -> None:
    """Every block, a term's last included, is pickled with protocol 3, which writes a posting's
    bytes as they are (Whoosh's protocol 2 writes each as a call on a latin-1 string): the same
    postings (the test above) in a smaller segment."""
    sizes = {}
    for name, writer_class in (("ipcw", AtomicSegmentWriter), ("whoosh", SegmentWriter)):
        folder = tmp_path / name
        folder.mkdir()
        ix = storage(folder).create_index(build_schema(), indexname=INDEX_NAME)
        writer = writer_class(ix, codec=W3Codec(blocklimit=4))
        for fields in built_fields:
            writer.add_document(**fields)
        writer.commit()
        sizes[name] = sum(path.stat().st_size for path in folder.iterdir())
    protocols, count = _blocks_pickled(tmp_path / "ipcw")
    assert protocols == {3}
    assert count > len(built_fields)
    assert _blocks_pickled(tmp_path / "whoosh")[0] == {2}
    assert sizes["ipcw"] < 0.9 * sizes["whoosh"]


def test_an_index_whoosh_wrote_is_merged_into_what_ipcw_writes_as_whoosh_would(
    built_fields: list[dict[str, object]], tmp_path: Path
) -> None:
    """An index written before (Whoosh's writer: its blocks pickled with protocol 2), a batch added
    by ipcw's writer and the two merged: it reads as the index Whoosh writes alone."""
    if 4 not in _WHOOSHS:
        _WHOOSHS[4] = _written(tmp_path / "whoosh", SegmentWriter, built_fields, 4, {})
    mixed = _written(tmp_path / "mixed", AtomicSegmentWriter, built_fields, 4, {}, first_class=SegmentWriter)
    assert mixed == _WHOOSHS[4]


class AnotherCodec(W3Codec):  # type: ignore[misc]  # Whoosh has no type hints
    """A codec of another type than Whoosh's own, laying out its postings as it does."""


def test_a_codec_ipcw_does_not_encode_for_is_written_by_whooshs_writer(
    built_fields: list[dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a codec of another type, the postings are Whoosh's to write, a posting at a time: the
    index reads as Whoosh's own."""
    monkeypatch.setattr(sys.modules[__name__], "W3Codec", AnotherCodec)  # what _written makes
    mine = _written(tmp_path / "ipcw", AtomicSegmentWriter, built_fields, 4, {})
    assert mine == _written(tmp_path / "whoosh", SegmentWriter, built_fields, 4, {})
    assert _blocks_pickled(tmp_path / "ipcw")[0] == {2}
