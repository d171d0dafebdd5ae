"""Blocks of a term's postings, laid out as Whoosh 2.7.4's ``W3PostingsWriter`` lays them out, encoded
as soon as they are full.

Whoosh encodes a block (its ids as differences, its weights, its values, pickled and compressed,
behind a pickled header) when the whole segment is written, a posting at a time in Python. Here a
term's block is encoded while documents are still being added, once the term has more postings
than a block holds, and its last block when the segment is written; the segment writes them as
they are (``tests/indexer/test_segment.py``). Where the pool spilled to disk, the postings before
the spill end a block of their own, shorter than Whoosh's.

The one difference from Whoosh's bytes: blocks are pickled with protocol 3 (:data:`PROTOCOL`), not
2. In Python 3, protocol 2 writes each bytes value (a document's positions of a term) as a call to
``_codecs.encode`` on a latin-1 string, some 16 bytes more a posting and its bytes over 127 doubled;
protocol 3 writes the bytes as they are. At 2,000 bench documents that made the postings 30 %
smaller (the whole index 26 %), and they unpickle faster. Whoosh's reader unpickles any protocol,
so it reads these blocks as its own, and an index holding segments of both as one. (A segment of a
codec other than Whoosh's ``W3Codec`` itself, with its default inline limit, is written by
Whoosh's writer, with protocol 2.)
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Sequence
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.util.numeric import length_to_byte

#: The pickle protocol of a block's header and data (Whoosh 2.7.4 writes 2: see the module's text).
PROTOCOL = 3

#: A block as a run on disk holds it (see :meth:`Block.as_tuple`).
BlockTuple = tuple[int, bytes, float, int | None, int, float, int, int]


class Block:
    """One encoded block of a term's postings, with what the term's statistics take of it (the
    accessors Whoosh's ``W3TermInfo.add_block`` reads)."""

    __slots__ = ("_maxlength", "_maxweight", "_minlength", "_weights", "count", "data", "first", "last")

    def __init__(
        self,
        count: int,
        data: bytes,
        weight: float,
        minlength: int | None,
        maxlength: int,
        maxweight: float,
        first: int,
        last: int,
    ) -> None:
        self.count, self.data, self._weights = count, data, (weight,)
        self._minlength, self._maxlength, self._maxweight = minlength, maxlength, maxweight
        self.first, self.last = first, last

    def __len__(self) -> int:
        return self.count

    def min_id(self) -> int:
        return self.first

    def max_id(self) -> int:
        return self.last

    def min_length(self) -> int | None:
        return self._minlength

    def max_length(self) -> int:
        return self._maxlength

    def max_weight(self) -> float:
        return self._maxweight

    def as_tuple(self) -> BlockTuple:
        return (
            self.count,
            self.data,
            self._weights[0],
            self._minlength,
            self._maxlength,
            self._maxweight,
            self.first,
            self.last,
        )


class BlockEncoder:
    """Encodes blocks of ``limit`` postings as a ``W3Codec(blocklimit=limit, compression=...)``
    lays them out (pickled with :data:`PROTOCOL`), for fields whose values are of a fixed size
    ``fixed_sizes[field]`` (Whoosh's ``Format.fixed_value_size()``)."""

    def __init__(self, limit: int, compression: int, fixed_sizes: dict[str, int | None]) -> None:
        self.limit, self.compression, self.fixed_sizes = limit, compression, fixed_sizes

    def encode(
        self,
        field: str,
        ids: Sequence[int],
        weights: Sequence[float],
        values: Sequence[bytes],
        sizes: Sequence[int],
    ) -> Block:
        """The block of these postings (``W3PostingsWriter._write_block``, in C where it can be)."""
        stored = array("f", weights)  # Whoosh keeps weights as 32-bit floats
        count = len(stored)
        if stored.count(1.0) == count:
            mini_weights: Any = None
        elif stored.count(stored[0]) == count:
            mini_weights = stored[0]
        else:
            mini_weights = tuple(stored)
        held = list(filter(None, values))
        fixed = self.fixed_sizes.get(field)
        if fixed is None or fixed < 0:
            mini_values: Any = tuple(held)
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(held)
        data = dumps((tuple(map(sub, ids, [0, *ids[:-1]])), mini_weights, mini_values), PROTOCOL)
        if self.compression:
            data = zlib.compress(data, self.compression)
        lengths = list(filter(None, sizes))
        minlength = min(lengths) if lengths else None
        maxlength = max(lengths) if lengths else 0
        maxweight = max(0, *weights)
        info = dumps(
            (
                count,
                ids[-1],
                maxweight,
                self.compression,
                length_to_byte(minlength),
                length_to_byte(maxlength),
            ),
            PROTOCOL,
        )
        return Block(count, info + data, sum(stored), minlength, maxlength, maxweight, ids[0], ids[-1])


def write_blocks(postwriter: Any, blocks: Sequence[Block], last: bool = False) -> None:
    """Write a term's encoded blocks through its ``W3PostingsWriter`` (started on the term), as its
    ``_write_block`` writes them; with ``last``, the last of them is the term's last (its length
    negative)."""
    postfile, terminfo = postwriter._postfile, postwriter._terminfo
    final = len(blocks) - 1 if last else -1
    for at, block in enumerate(blocks):
        if not postwriter._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        terminfo.add_block(block)
        postfile.write_int(-len(block.data) if at == final else len(block.data))
        postfile.write(block.data)
        postwriter._blockcount += 1


def from_tuple(values: BlockTuple) -> Block:
    return Block(*values)
