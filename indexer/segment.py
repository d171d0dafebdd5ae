"""Whoosh's segment writer, made atomic and faster: a document is added whole or not at all, a
text's postings are made in one pass over its terms, the postings are pooled term by term
(:class:`~ipcw.indexer.termpool.TermPool`), and each term's postings are written to the segment a
block at a time, each with the length its document has (Whoosh looked each one up again).

The postings, blocks and term statistics written are Whoosh 2.7.4's own (its ``W3Codec``): an
index written here is read by Whoosh as any other (``tests/indexer/test_segment.py``).
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from operator import lt, sub
from typing import Any

from whoosh import fields, formats
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from ipcw.errors import IndexingError
from ipcw.indexer.blocks import BlockEncoder, write_blocks
from ipcw.indexer.schema import WordAnalyzer
from ipcw.indexer.termpool import SLOTS, FieldPostings, TermPool, TermPostings


class Analysed:
    """A field's value, analysed already (in a worker process): its postings, as
    ``FieldType.index`` gives them ((term, frequency, weight, encoded value) each), the sum of their
    frequencies, and the value itself where it is stored or sorted on (``None`` for a text). The
    segment writer takes them as they are."""

    __slots__ = ("length", "postings", "value")

    def __init__(self, postings: list[tuple[bytes, int, float, bytes]], length: int, value: object) -> None:
        self.postings, self.length, self.value = postings, length, value

    def __reduce__(self) -> tuple[type[Analysed], tuple[object, ...]]:
        return Analysed, (self.postings, self.length, self.value)


def analysed(field: fields.FieldType, value: object, kept: object) -> Analysed:
    """``value`` analysed for ``field``, keeping ``kept`` as its value (see :class:`Analysed`)."""
    made = list(postings_of(field, value))
    return Analysed(made, sum(freq for _, freq, _, _ in made), kept)


def _value(value: object) -> object:
    """A field's value as given, :class:`Analysed` or not."""
    return value.value if type(value) is Analysed else value


def postings_of(field: fields.FieldType, value: object) -> Iterable[tuple[bytes, int, float, bytes]]:
    """What ``field.index(value)`` gives: each distinct term's bytes, frequency, weight and encoded
    value (an :class:`Analysed` value's postings as they are). Text analysed by
    :class:`WordAnalyzer` into Whoosh's ``Positions`` or ``Frequency`` format is done in one pass
    over its terms, without a token a word (most of a rebuild's time was Whoosh's tokens); any other
    field by Whoosh."""
    if type(value) is Analysed:
        return value.postings
    analyzer, form = getattr(field, "analyzer", None), field.format
    own = type(field).index is fields.FieldType.index  # a field type indexing in its own way: Whoosh
    if not own or not isinstance(value, str) or type(analyzer) is not WordAnalyzer or type(form) not in _FAST:
        return field.index(value)  # type: ignore[no-any-return]
    terms, boost = analyzer.terms(value), form.field_boost
    if type(form) is formats.Frequency:
        counts = Counter(terms)
        counts.pop("", None)
        return [(term.encode("utf-8"), n, n * boost, pack_uint(n)) for term, n in counts.items()]
    places: dict[str, list[int]] = {}
    for at, term in enumerate(terms):
        if term:
            if term in places:
                places[term].append(at)
            else:
                places[term] = [at]
    return [
        (term.encode("utf-8"), len(at), len(at) * boost, _encoded_positions(at))
        for term, at in places.items()
    ]


#: The formats :func:`postings_of` makes postings of itself.
_FAST = (formats.Positions, formats.Frequency)


def _encoded_positions(places: list[int]) -> bytes:
    """Positions as Whoosh's ``Positions`` format encodes them: their count, then the pickled list
    of their differences."""
    encoded: bytes = pack_uint(len(places))
    return encoded + pickle.dumps(list(map(sub, places, [0, *places[:-1]])), 2)


class AtomicSegmentWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's segment writer, a document added whole or not at all.

    Whoosh writes a document field by field: a field that fails half-way (a value its type refuses,
    an analyzer that raises) leaves the fields before it in the batch, under the number the next
    document then takes. Here every field is turned into its postings, stored value, length and
    column value first; only then is anything written. So a document that fails fails alone, and
    nothing of a run's documents need be kept to write the batch again (ipcw's writer once kept
    them all, the texts included: most of a rebuild's memory).
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        encoder = None
        if type(self.codec) is W3Codec and self.codec._inlinelimit <= 1:  # blocks as its writer makes them
            sizes = {
                name: field.format.fixed_value_size() for name, field in self.schema.items() if field.format
            }
            encoder = BlockEncoder(self.codec._blocklimit, self.codec._compression, sizes)
        self.pool = TermPool(self._tempstorage, float(kwargs.get("limitmb", 128)), encoder)

    def _flush_segment(self) -> None:
        """Write the pool's sorted postings to the segment (Whoosh's, but a block at a time, with
        the lengths the postings carry)."""
        self.perdocwriter.close()
        lengths = None
        try:
            lengths = self.per_document_reader()
            encoder = self.pool.encoder
            if type(self.fieldwriter) is W3FieldWriter and encoder is not None:
                write_terms(self.fieldwriter, self.schema, self.pool.iter_terms(), lengths, encoder)
            else:  # another codec's writer: Whoosh's own way, a posting at a time
                self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        finally:
            if lengths is not None:
                lengths.close()
        self.fieldwriter.close()

    def update_document(self, **fields: object) -> None:
        """As Whoosh's, but the committed documents it replaces (same unique terms) are found first
        (reading only), then the new one is added, and only then are they deleted: one that fails
        leaves the version indexed before."""
        unique = self._unique_fields(fields)
        replaced: list[int] = []
        if unique:
            with self.searcher() as searcher:
                replaced = list(searcher._find_unique([(name, _value(fields[name])) for name in unique]))
        self.add_document(**fields)
        for docnum in replaced:
            self.delete_document(docnum)

    def add_document(self, **fields: object) -> None:
        self._check_state()
        schema, docnum = self.schema, self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        posts: list[FieldPostings] = []
        per_field = []
        for name in names:  # first everything the document gives, nothing written
            value = fields.get(name)
            if value is None:
                continue
            field = schema[name]
            if field.vector or field.separate_spelling():
                raise IndexingError(f"field {name!r}: term vectors and spelling fields are not written")
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, name, docboost)
                done = value if type(value) is Analysed else analysed(field, value, value)
                made, value = done.postings, done.value
                length = done.length if field.scorable else 0
                posts.append((name, made, boost, _STORED_LENGTH[length_to_byte(length)]))
            custom = fields.get(f"_stored_{name}", value)
            column = field.column_type
            column_value = field.to_column_value(custom) if column and custom is not None else None
            per_field.append((name, field, custom if field.stored else None, length, column, column_value))
        pickle.dumps({name: stored for name, _, stored, *_ in per_field if stored is not None}, -1)
        try:  # then all of it: what fails here is the batch's failure (a disk, memory), not the document's
            writer = self.perdocwriter
            writer.start_doc(docnum)
            for name, field, stored, length, column, column_value in per_field:
                writer.add_field(name, field, stored, length)
                if column_value is not None:
                    writer.add_column_value(name, column, column_value)
            self.pool.add_document(docnum, posts)
            writer.finish_doc()
        except Exception as exc:
            raise BatchBroken(exc) from exc
        self._added = True
        self.docnum += 1


class BatchBroken(Exception):
    """Writing a document's values failed half-way: the batch holds part of it and cannot be
    committed (the values themselves were accepted: see :class:`AtomicSegmentWriter`)."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause


#: A field length as the segment keeps it (one byte, see ``whoosh.util.numeric``), read back; 0 for
#: none, as Whoosh reads a zero byte.
_STORED_LENGTH = tuple(byte_to_length(b) if b else 0 for b in range(256))


def write_terms(
    fieldwriter: Any,
    schema: fields.Schema,
    terms: Iterable[TermPostings],
    lengths: Any,
    encoder: BlockEncoder,
) -> None:
    """Each term's postings (in order, from a :class:`~ipcw.indexer.termpool.TermPool`) into the
    segment's field writer (Whoosh 2.7.4's ``W3FieldWriter``), each block handed over whole: what
    Whoosh's ``FieldWriter.add_postings`` does one posting at a time, with a field-length lookup
    each. A posting merged from another segment (no length) has its length read from ``lengths``,
    the segment's per-document reader, as Whoosh reads it. The blocks not encoded yet, the last
    among them, are encoded by ``encoder`` (the pool's)."""
    field_name = None
    for name, term, blocks, postings in terms:
        if name != field_name:
            if field_name is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(name, schema[name])
            field_name = name
        ids, sizes = postings[0::SLOTS], postings[3::SLOTS]
        if not all(map(lt, ids, islice(ids, 1, None))):  # never: documents are added in order
            raise IndexingError(f"postings of {name}:{term!r} out of document order")
        if None in sizes:
            sizes = [
                lengths.doc_field_length(docnum, name) or 0 if size is None else size
                for docnum, size in zip(ids, sizes, strict=True)
            ]
        fieldwriter.start_term(term)
        limit = encoder.limit
        blocks = blocks + [
            encoder.encode(
                name,
                ids[start : start + limit],
                postings[1 + SLOTS * start : SLOTS * (start + limit) : SLOTS],
                postings[2 + SLOTS * start : SLOTS * (start + limit) : SLOTS],
                sizes[start : start + limit],
            )
            for start in range(0, len(ids), limit)
        ]
        write_blocks(fieldwriter._postwriter, blocks, last=True)
        fieldwriter.finish_term()  # its blocks all written: Whoosh's writer only records where
    if field_name is not None:
        fieldwriter.finish_field()
