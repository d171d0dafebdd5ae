"""The postings of a batch, gathered term by term.

Whoosh's writer pools every posting as a tuple of its own, sorts them all and merges the sorted runs
it spilled to disk a posting at a time: most of a rebuild's time. Documents are added in the order
of their numbers, so each term's postings arrive in the order they are written in; only the terms
need sorting. Here each term's postings are one flat list, ``[docnum, weight, value, length, ...]``,
and a run spilled to disk is its terms in order, each with that list. Reading a term back is slicing
its list (``ids = postings[0::4]``), in C.

Given a :class:`~ipcw.indexer.blocks.BlockEncoder`, a term's postings are encoded a block at a time
as soon as a block is full and another posting follows (:mod:`ipcw.indexer.blocks`): while the
workers read and analyse documents, the writer encodes what the segment will hold, and a block in
memory takes a few bytes a posting.
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import struct
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.util import random_name

from ipcw.indexer.blocks import Block, BlockEncoder, BlockTuple, from_tuple

#: One term's postings: its field, its bytes, its blocks encoded and the flat list of the postings
#: after them (never empty).
TermPostings = tuple[str, bytes, list[Block], list[Any]]
#: What a field of one document gives the pool: its name, its postings ((term, frequency, weight,
#: encoded value) each, as Whoosh's ``FieldType.index``), its boost and its length as stored.
FieldPostings = tuple[str, Sequence[tuple[bytes, int, float, bytes]], float, int]

#: Slots of one posting in a term's list: document, weight, encoded value, field length (``None``
#: for a posting merged from another segment, whose length the segment reads when it is written).
SLOTS = 4
#: About what one posting costs in memory, in bytes (its four slots, its weight, its value).
POSTING_BYTES = 110
#: About what a term costs in memory besides its postings (its bytes, its list, the dict's entry).
TERM_BYTES = 200
#: About what an encoded block costs in memory besides its bytes.
BLOCK_BYTES = 200
#: Postings written to disk in one frame of a run; one frame of each run is in memory at a time.
FRAME = 20_000

_LENGTH = struct.Struct("<Q")


class TermPool:
    """The postings of a batch, term by term, held in memory up to ``limitmb`` (about) and spilled
    to disk beyond it in sorted runs in ``tempstore`` (a Whoosh storage)."""

    def __init__(self, tempstore: Any, limitmb: float = 128, encoder: BlockEncoder | None = None) -> None:
        self.tempstore = tempstore
        self.limit = int(limitmb * 1024 * 1024)
        self.encoder = encoder
        self.size = 0
        self.runs: list[str] = []
        self._fields: dict[str, dict[bytes, list[Any]]] = {}
        self._blocks: dict[tuple[str, bytes], list[Block]] = {}
        self._merging = False  # postings of other segments came: their lengths are to be read

    @property
    def fieldnames(self) -> set[str]:
        return set(self._fields)

    def add_document(self, docnum: int, fields: Iterable[FieldPostings]) -> None:
        """Add the postings of document ``docnum``, which is greater than any added before."""
        if self._merging:  # blocks would be encoded without the merged postings' lengths
            raise ValueError("a document is added after the postings of another segment")
        added = 0
        full = SLOTS * self.encoder.limit if self.encoder else 1 << 62
        for name, postings, boost, length in fields:
            terms = self._fields.get(name)
            if terms is None:
                terms = self._fields[name] = {}
            before = len(terms)
            get = terms.get
            for term, _, weight, value in postings:
                held = get(term)
                if boost != 1.0:
                    weight *= boost
                if held is None:
                    terms[term] = [docnum, weight, value, length]
                else:
                    held += (docnum, weight, value, length)
                    if len(held) > full:
                        added += self._encode_block(name, term, held, full)
            added += len(postings) * POSTING_BYTES + (len(terms) - before) * TERM_BYTES
        self._grown(added)

    def _encode_block(self, name: str, term: bytes, held: list[Any], full: int) -> int:
        """Encode the first block of a term's postings held (more follow it); what memory it saves."""
        assert self.encoder is not None
        block = self.encoder.encode(
            name, held[0:full:SLOTS], held[1:full:SLOTS], held[2:full:SLOTS], held[3:full:SLOTS]
        )
        del held[:full]
        blocks = self._blocks.get((name, term))
        if blocks is None:
            self._blocks[name, term] = [block]
        else:
            blocks.append(block)
        return len(block.data) + BLOCK_BYTES - POSTING_BYTES * block.count

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Whoosh's pool interface, for a posting of a segment merged into this one (its documents
        are numbered after every document added before)."""
        name, term, docnum, weight, value = item
        self._merging = True
        terms = self._fields.get(name)
        if terms is None:
            terms = self._fields[name] = {}
        held = terms.get(term)
        if held is None:
            terms[term] = [docnum, weight, value or b"", None]
            self._grown(POSTING_BYTES + TERM_BYTES)
        else:
            held += (docnum, weight, value or b"", None)
            self._grown(POSTING_BYTES)

    def _grown(self, size: int) -> None:
        self.size += size
        if self.size > self.limit:
            self.spill()

    def spill(self) -> None:
        """Write the terms held in memory to disk as a run, in order."""
        if not self._fields:
            return
        path = f"{random_name()}.run"
        with self.tempstore.create_file(path).raw_file() as f:
            self.runs.append(path)
            frame: list[tuple[str, bytes, list[BlockTuple], list[Any]]] = []
            held = 0
            for name, term, blocks, postings in self._in_memory():
                frame.append((name, term, [block.as_tuple() for block in blocks], postings))
                held += len(postings) + sum(block.count for block in blocks) * SLOTS
                if held >= FRAME * SLOTS:
                    _write_frame(f, frame)
                    frame, held = [], 0
            if frame:
                _write_frame(f, frame)
        self.size = 0

    def _in_memory(self) -> Iterator[TermPostings]:
        """The terms held in memory, in order, each let go of once given."""
        fields, self._fields = self._fields, {}
        blocks, self._blocks = self._blocks, {}
        for name in sorted(fields):
            terms = fields.pop(name)
            for term in sorted(terms):
                yield name, term, blocks.pop((name, term), []), terms.pop(term)

    def iter_terms(self) -> Iterator[TermPostings]:
        """Every term in order (field, then bytes), each with all its postings in document order."""
        if not self.runs:
            yield from self._in_memory()
            return
        runs = [self._read_run(path) for path in self.runs]
        merged = heapq.merge(*runs, self._in_memory(), key=_term_of)  # equal terms: in run order
        for (name, term), parts in groupby(merged, key=_term_of):
            (_, _, blocks, postings), *rest = parts
            for _, _, more, after in rest:
                if more:  # the postings before them are blocks of their own, the last not full
                    blocks += self._encoded(name, postings)
                    blocks += more
                    postings = after
                else:
                    postings += after
            yield name, term, blocks, postings

    def _encoded(self, name: str, postings: list[Any]) -> list[Block]:
        """``postings`` in blocks of up to the encoder's limit."""
        assert self.encoder is not None  # blocks are made by it alone
        step = self.encoder.limit * SLOTS
        return [
            self.encoder.encode(name, *(postings[start + at : start + step : SLOTS] for at in range(SLOTS)))
            for start in range(0, len(postings), step)
        ]

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Whoosh's pool interface: every posting, in order, as ``(field, term, docnum, weight,
        value)``."""
        for name, term, blocks, postings in self.iter_terms():
            if blocks:
                raise ValueError("postings encoded in blocks are given by iter_terms() alone")
            for at in range(0, len(postings), SLOTS):
                yield name, term, postings[at], postings[at + 1], postings[at + 2]

    def _read_run(self, path: str) -> Iterator[TermPostings]:
        try:
            with self.tempstore.open_file(path).raw_file() as f:
                while head := f.read(_LENGTH.size):
                    for name, term, blocks, postings in marshal.loads(f.read(_LENGTH.unpack(head)[0])):
                        yield name, term, list(map(from_tuple, blocks)), postings
        finally:
            self._remove(path)

    def _remove(self, path: str) -> None:
        with contextlib.suppress(OSError):  # gone already, or the temporary folder with it
            self.tempstore.delete_file(path)

    def cleanup(self) -> None:
        """Remove the runs on disk (a batch given up, or written)."""
        for path in self.runs:
            if self.tempstore.file_exists(path):
                self._remove(path)
        self._fields, self._blocks, self.size = {}, {}, 0


_term_of = itemgetter(0, 1)


def _write_frame(f: Any, frame: list[tuple[str, bytes, list[BlockTuple], list[Any]]]) -> None:
    data = marshal.dumps(frame)
    f.write(_LENGTH.pack(len(data)))
    f.write(data)
