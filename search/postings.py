"""Whoosh 2.7.4's postings and columns, read as stored: a term's postings a block at a time, a
field's lengths and a sortable column's keys for every document at once.

Whoosh reads a posting list one posting at a time through a matcher object (about a microsecond
each, in Python); a block of up to 128 postings is one pickled (ids, weights, values) tuple, and a
column is an array of fixed-size values, so they are read here a block and a column at a time.
Whoosh is pinned to 2.7.4 (see the README). A matcher of another layout is read through its public
interface; the field lengths and number columns are read as Whoosh 2.7.4's codec lays them out,
and only from a segment of that codec (:func:`readable`: the executor runs every query on
Whoosh's own matchers otherwise).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Iterator, Sequence
from io import BytesIO
from itertools import accumulate, repeat
from pickle import load, loads
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.matching import FilterMatcher
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

#: A block of postings: document numbers in the segment, weights, encoded values (or None).
Block = tuple[Sequence[int], Sequence[float], Sequence[bytes] | None]

#: A field's length as Whoosh stores it, one byte a document, back to a number of words.
LENGTH = tuple(byte_to_length(b) for b in range(256))
#: The last byte of a pickle.
STOP = ord(".")


def readable(reader: Any) -> bool:
    """Whether ``reader`` is one segment of Whoosh 2.7.4's own codec, whose blocks and columns
    this module reads as stored."""
    return type(reader) is SegmentReader and type(reader._perdoc) is W3PerDocReader


def postings(reader: Any, field: str, term: bytes, values: bool) -> Iterator[Block]:
    """A term's postings in the segment ``reader`` reads, a block at a time (with their encoded
    values, or not), deleted documents left out."""
    if (field, term) not in reader:
        return
    m = reader.postings(field, term)
    deleted: frozenset[int] = frozenset()
    if isinstance(m, FilterMatcher):
        deleted, m = frozenset(reader._perdoc.deleted_docs()), m.child
    blocks = _w3_blocks(m, values) if type(m) is W3LeafMatcher else _blocks_of(m, values)
    for block in blocks:
        if deleted:
            kept = [i for i, d in enumerate(block[0]) if d not in deleted]
            block = tuple([part[i] for i in kept] if part is not None else None for part in block)  # type: ignore[assignment]
        yield block


def field_lengths(reader: Any, field: str) -> bytes:
    """Each document's length in ``field`` in the segment ``reader`` reads: one byte a document,
    as Whoosh stores it (:data:`LENGTH` turns it back into words)."""
    column = reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""
    return raw + bytes(max(0, reader.doc_count_all() - len(raw)))


def sort_keys(reader: Any, field: str) -> list[int]:
    """Every document's sort key in the sortable column ``field`` of the segment ``reader`` reads
    (a number column at once; another kind one document at a time)."""
    column = reader.column_reader(field)
    count = reader.doc_count_all()
    raw = getattr(column, "raw_column", lambda: None)()
    if readable(reader) and raw is not None and hasattr(raw, "_typecode"):
        data = raw._dbfile.get(raw._basepos, raw._count * raw._fixedlen)
        keys = [key for (key,) in struct.iter_unpack("!" + raw._typecode, data)]
        return keys + [raw._default] * (count - len(keys))
    return [column.sort_key(d) for d in range(count)]


def _w3_blocks(m: Any, values: bool) -> Iterator[Block]:
    """The blocks of a Whoosh 2.7.4 posting list as stored: a pickled (ids as differences,
    weights, values) tuple, compressed or not. Without ``values``, only the head of a block is
    unpacked when it has the usual layout (:func:`_ids_and_weights`): the positions, most of a
    block's bytes, are neither decompressed nor unpickled."""
    if m._byteids or (values and m._fixedsize is not None):
        yield from _blocks_of(m, values)
        return
    postfile = m._postfile
    at = m._baseoffset
    while True:
        # A block: its length (negative for the last), its pickled header, its pickled data.
        length = int.from_bytes(postfile.get(at, 4), "big", signed=True)
        block = postfile.get(at + 4, abs(length))
        stream = BytesIO(block)
        count, _, _, compression, _, _ = load(stream)
        data = memoryview(block)[stream.tell() :]
        head = None if values else _ids_and_weights(data, compression, count)
        if head is not None:
            ids, weights = head
            stored = None
        else:
            ids, weights, stored = loads(zlib.decompress(data) if compression else data)
        if weights is None or isinstance(weights, float):
            weights = tuple(repeat(1.0 if weights is None else weights, count))
        yield list(accumulate(ids)), weights, stored if values else None
        if length < 0:
            return
        at += 4 + length


#: The pickle opcodes of a block's head (protocol 2 as Whoosh writes it, 3 as ipcw does: the same
#: opcodes): a mark, a one-byte int, a tuple, a float, None, the memo of the ids' tuple, and what
#: ends the head read alone (a pair, the end).
_MARK, _INT, _TUPLE, _FLOAT, _NONE = b"(", b"K", b"t", b"G", b"N"
_IDS_MEMO, _PAIR_END = b"q\x00", b"\x86."
#: The bytes an int takes, by its opcode: one byte, two, four.
_FIRST_ID = {b"K": 2, b"M": 3, b"J": 5}


def _ids_and_weights(
    data: bytes | memoryview, compression: int, count: int
) -> tuple[tuple[int, ...], Any] | None:
    """The ids and weights of a block of ``count`` postings, from the head of its pickle only,
    when the block has the layout of a term in many documents: ids as a tuple of small
    differences, weights as None, one float or a tuple of floats. ``None`` when it has not (a
    short block, a gap of 256 documents or more): the block is then unpickled whole."""
    if count < 4:
        return None
    longest = 3 + 5 + 2 * count + 3 + 9 * count + 2
    head = zlib.decompressobj().decompress(data, longest) if compression else bytes(data[:longest])
    # The first id is the block's first document number (any size); the others, differences.
    first = _FIRST_ID.get(head[3:4], 0)
    end_of_ids = 3 + first + 2 * (count - 1)
    if not first or head[2:3] != _MARK or head[3 + first : end_of_ids : 2] != _INT * (count - 1):
        return None
    if head[end_of_ids : end_of_ids + 3] != _TUPLE + _IDS_MEMO:
        return None
    at = end_of_ids + 3
    kind = head[at : at + 1]
    if kind == _NONE:
        end = at + 1
    elif kind == _FLOAT:
        end = at + 9
    elif kind == _MARK and head[at + 1 : at + 1 + 9 * count : 9] == _FLOAT * count:
        end = at + 2 + 9 * count
        if head[end - 1 : end] != _TUPLE:
            return None
    else:
        return None
    try:
        ids, weights = loads(head[:end] + _PAIR_END)
    except Exception:  # not the layout it looked like: read whole
        return None
    return (ids, weights) if len(ids) == count else None


def _blocks_of(m: Any, values: bool) -> Iterator[Block]:
    """Any matcher's postings, read one at a time, as one block."""
    ids, weights, stored = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            stored.append(m.value())
        m.next()
    yield ids, weights, stored if values else None


def positions(form: Any, value: bytes) -> Iterable[int]:
    """The positions a posting's value encodes: Whoosh's ``Positions`` format (a count, then the
    pickled differences) decoded in C."""
    if type(form) is not formats.Positions:
        return form.decode_positions(value)  # type: ignore[no-any-return]
    return accumulate(loads(value[4:] if value[-1] == STOP else value[4:] + b"."))  # as Whoosh decodes it
