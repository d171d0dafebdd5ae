"""Hostile PDFs for testing how ipcw survives pdfminer.six (stdlib only, deterministic bytes).

Every function returns a syntactically valid PDF 1.4: ``%PDF-1.4`` header, a cross-reference table with
true byte offsets, a trailer, ``startxref`` and ``%%EOF``, so a check of the magic and the tail passes.
Pages inherit a Letter MediaBox and Helvetica (``/F1``) from the root ``/Pages`` node.

Timings and memory are for ``pdfminer.high_level.extract_text`` with default layout analysis,
pdfminer.six 20260107, CPython 3.11, on the 2-CPU machine these were written on (see each docstring).
A fresh ``python -c "import pdfminer.high_level"`` there has VmSize 45 MB and RSS 33 MB (bare python:
14 MB and 11 MB): the floor for an RLIMIT_AS on a worker.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

from ipcw.fixtures.pdf import escape, serialize

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _text_ops(lines: Sequence[str]) -> bytes:
    """Content that shows each of ``lines`` on its own text line, top down."""
    shown = b" T* ".join(b"(" + escape(line) + b") Tj" for line in lines)
    return b"BT /F1 12 Tf 14 TL 72 740 Td " + shown + b" ET"


def _stream(data: bytes, filters: int = 0) -> bytes:
    """A stream object's body: ``data`` as stored, already Flate-compressed ``filters`` times."""
    names = b" ".join([b"/FlateDecode"] * filters)
    flt = b" /Filter [" + names + b"]" if filters else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), flt) + data + b"\nendstream"


def _document(streams: Sequence[bytes], contents: Sequence[int]) -> bytes:
    """The page tree the others share: page ``i`` shows stream object ``streams[contents[i]]``.

    Objects: 1 Catalog, 2 Pages, 3 Font, then the streams, then one Page per entry of ``contents``.
    """
    first_stream, first_page = 4, 4 + len(streams)
    kids = b" ".join(b"%d 0 R" % n for n in range(first_page, first_page + len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] " % (kids, len(contents))
        + b"/Resources << /Font << /F1 3 0 R >> >> >>",
        _FONT,
        *streams,
        *(b"<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>" % (first_stream + c) for c in contents),
    ]
    return serialize(objects, root=1)


def _deflate_repeated(chunk: bytes, times: int) -> bytes:
    """zlib data inflating to ``chunk * times``, compressing ``chunk`` only once (0.4 s for 1 GB).

    A full flush resets the compressor, so every later copy of ``chunk`` compresses to the same bytes;
    those are repeated, then a final empty block and the Adler-32 of the whole are appended.
    """
    squeeze = zlib.compressobj(9)
    first = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)  # 2-byte zlib header + chunk
    again = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return first + again * (times - 1) + b"\x03\x00" + struct.pack(">I", checksum)


def text_pdf(pages: Sequence[str]) -> bytes:
    """A well-formed PDF, one page per string, each line of the string on its own text line.

    ``extract_text`` returns the lines, each page ending ``"\\n\\n\\f"``: 5 ms for two pages, RSS 32 MB.
    """
    return _document([_stream(_text_ops(page.splitlines())) for page in pages], range(len(pages)))


def shared_stream_pdf(pages: int = 2000, ops: int = 300_000) -> bytes:
    """``pages`` pages whose /Contents all point at ONE Flate stream: a "shared page" line, then
    ``ops`` × ``q Q``.

    pdfminer inflates the stream once (``PDFStream`` caches the data) but tokenises and interprets all of
    it again for every page, ≈ 20 µs per ``q Q`` pair, memory flat (peak RSS 35 MB). Defaults: 190 KB on
    disk (the stream is 1.2 KB, inflating to 1.2 MB; the 2000 page objects are the rest); maxpages=1
    takes 6.0 s, maxpages=5 27 s, so all 2000 pages ≈ 3 hours. ``pages=5, ops=60_000`` takes 7 s in all,
    ``pages=10, ops=60_000`` 12.5 s.
    """
    content = _text_ops(["shared page"]) + b"\n" + b"q Q\n" * ops
    return _document([_stream(zlib.compress(content, 9), filters=1)], [0] * pages)


def flate_bomb_pdf(inflated_mb: int = 1024, fill: bytes = b" ", nested: bool = False) -> bytes:
    """One page whose content stream inflates to ``inflated_mb`` MB of ``fill`` (~1 KB on disk per MB).

    pdfminer inflates the whole stream with one ``zlib.decompress``, peaking at ≈ 2 × ``inflated_mb``:
    200 MB of spaces: peak RSS 432 MB, 4 s, returns ``"\\f"``; 1024 MB: 2.1 GB, 32 s. Under
    RLIMIT_AS = 300 MB both 200 and 1024 raise a bare ``MemoryError("Unable to allocate output
    buffer.")`` from ``zlib.decompress`` (pdftypes.py) straight out of extract_text in ≈ 1.5 s; 100 MB
    passes. ``nested`` compresses the stream again (``/Filter [/FlateDecode /FlateDecode]``): 1024 MB in
    3 KB instead of 1 MB. ``fill`` turns it into a CPU bomb: ``b"\\0"`` is skipped a byte per Python
    call (2.7 s per MB); ``b"a"`` is one keyword grown by ``bytes +=`` per 4 KB, quadratic: 8 MB 1.7 s,
    32 MB 124 s, 64 MB over 5 minutes.
    """
    data = _deflate_repeated(fill * ((1 << 20) // len(fill)), inflated_mb)
    if nested:
        data = zlib.compress(data, 9)
    return _document([_stream(data, filters=2 if nested else 1)], [0])


def many_pages_pdf(pages: int = 100_000, first_page: str = "") -> bytes:
    """``pages`` pages in one flat /Kids array, each showing only "page N" (22 MB for 100 000), the
    first one ``first_page`` instead when it is given (a cover).

    With the default: extract_text(maxpages=2000) takes 3 s, peak RSS 111 MB. Page count, after
    ``PDFDocument(PDFParser(fp))`` (0.45 s, reads the 200 001-entry xref):
    ``resolve1(doc.catalog["Pages"])["Count"]`` 1.9 s in all (parsing the 100 000-reference /Kids is most
    of it; /Count is the file's unchecked claim); ``len(list(PDFPage.create_pages(doc)))`` 22 s, 283 MB;
    ``sum(1 for _ in islice(PDFPage.create_pages(doc), 2001))`` answers "over 2000?" truthfully in 2.2 s.
    """
    texts = [first_page.splitlines() or ["page 1"], *([f"page {n}"] for n in range(2, pages + 1))]
    return _document([_stream(_text_ops(lines)) for lines in texts], range(pages))
