"""Whoosh's posting blocks and files read as stored: the head of a block gives what the whole
pickle gives, and a file read in place reads as a file in memory does."""

from __future__ import annotations

import io
import os
import pickle
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipcw.indexer.mapped import _View
from ipcw.search.postings import _ids_and_weights

#: A block as Whoosh 2.7.4 writes it (pickled with protocol 2; ipcw's writer uses 3): ids as
#: differences (the first, a document number of any size), weights as None, one float or a tuple,
#: values as a tuple of encoded positions.
blocks = st.integers(1, 130).flatmap(
    lambda count: st.tuples(
        st.tuples(st.integers(0, 70_000), *[st.integers(1, 300)] * (count - 1)),
        st.one_of(
            st.none(),
            st.floats(0.5, 50, allow_nan=False),
            st.tuples(*[st.sampled_from([1.0, 2.0, 5.0, 7.5])] * count),
        ),
        st.tuples(*[st.binary(min_size=5, max_size=40)] * count),
    )
)


@given(block=blocks, compression=st.sampled_from([0, 3]), protocol=st.sampled_from([2, 3]))
def test_the_head_of_a_block_is_its_ids_and_weights_or_nothing(
    block: tuple[tuple[int, ...], object, tuple[bytes, ...]], compression: int, protocol: int
) -> None:
    data = pickle.dumps(block, protocol)
    if compression:
        data = zlib.compress(data, compression)
    head = _ids_and_weights(data, compression, len(block[0]))
    assert head is None or head == block[:2]
    small_steps = all(step < 256 for step in block[0][1:])
    if len(block[0]) >= 4 and small_steps:  # the layout of a term in many documents: read so
        assert head == block[:2]


@given(
    content=st.binary(max_size=300),
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("read"), st.integers(-1, 60)),
            st.tuples(st.just("readline"), st.integers(-1, 60)),
            st.tuples(st.just("seek"), st.integers(-20, 320), st.sampled_from([os.SEEK_SET, os.SEEK_END])),
            st.tuples(st.just("seek"), st.integers(-20, 20), st.just(os.SEEK_CUR)),
        ),
        max_size=12,
    ),
)
def test_a_file_read_in_place_reads_as_a_file_in_memory(
    content: bytes, steps: list[tuple[str, int, int] | tuple[str, int]]
) -> None:
    in_place, in_memory = _View(memoryview(content)), io.BytesIO(content)
    for name, *args in steps:
        try:
            expected: object = getattr(in_memory, name)(*args)
        except ValueError:  # a negative position
            with pytest.raises(ValueError):
                getattr(in_place, name)(*args)
        else:
            assert getattr(in_place, name)(*args) == expected
        assert in_place.tell() == in_memory.tell()
