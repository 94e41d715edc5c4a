r"""Many lines of text of one shape, built in bulk with numpy.

The JSON report of a large case lists millions of supports and
contradictions, each one line made of a few fixed pieces and a few pieces
that vary (claim ids, words).  Building each line as a Python string costs
about a microsecond, most of it in memory traffic over millions of small
objects; here each varying piece comes from a *table* of byte strings
(numpy's fixed-width ``S`` type, zero-padded), a block of lines is laid
out as records with one field per piece, and the padding is then deleted
from the block's bytes in one pass.  This relies on the pieces holding no
zero bytes, which JSON text never does (it writes that character as
``\u0000``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["BLOCK", "Piece", "lines", "table"]

#: How many lines one block holds.
BLOCK: Final = 1 << 15

#: A piece of every line: the same bytes, or an entry of a table for each line.
Piece: TypeAlias = bytes | tuple[npt.NDArray[np.bytes_], npt.NDArray[np.int64]]


def table(texts: Sequence[str]) -> npt.NDArray[np.bytes_]:
    """The texts as a table of UTF-8 byte strings, for :func:`lines`.

    Example:
        >>> table(["a", "bcd"]).tolist()
        [b'a', b'bcd']
    """
    encoded = [text.encode("utf-8") for text in texts]
    width = max(1, max(map(len, encoded), default=1))
    return np.array(encoded, dtype=f"S{width}")


def lines(pieces: Sequence[Piece], count: int) -> bytearray:
    """The ``count`` lines made of ``pieces``, one after another, as bytes.

    Args:
        pieces: What each line is made of, in order: bytes the same in
            every line, or a table (from :func:`table`) and, for each line,
            which of its entries to take.
        count: How many lines.

    Example:
        >>> names = table(["ann", "bo"])
        >>> bytes(lines([b"<", (names, np.array([1, 0, 1])), b">"], 3))
        b'<bo><ann><bo>'
    """
    fields = []
    for k, piece in enumerate(pieces):
        width = len(piece) if isinstance(piece, bytes) else piece[0].dtype.itemsize
        fields.append((f"f{k}", f"S{max(width, 1)}"))
    layout = np.dtype(fields)
    buffer = bytearray(count * layout.itemsize)
    records = np.frombuffer(buffer, dtype=layout)
    for (name, _), piece in zip(fields, pieces, strict=True):
        if isinstance(piece, bytes):
            records[name] = piece
        else:
            entries, index = piece
            records[name] = entries[index]
    return buffer.translate(None, b"\0")
