"""The text report, for reading in a terminal.

One block per proposition, contested ones first: its facts (common ground,
aggregates), its positions, each contradiction and support in words, its
claims as a table and their quotes.  ANSI colour is used only when
:attr:`RenderOptions.colour` says so; the command line decides.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, TextIO

from claimcheck._memory import cyclic_gc_paused
from claimcheck.render.document import (
    DEFAULT_OPTIONS,
    Block,
    Fields,
    GraphFigure,
    Heading,
    Inline,
    IntervalFigure,
    Items,
    Note,
    Paragraph,
    Quote,
    RenderOptions,
    Section,
    Span,
    Table,
    document_blocks,
    plain,
    rendered,
)

__all__ = ["render_text", "write_text"]

#: SGR codes by span style.
_ANSI: Final = {
    "strong": "1",
    "muted": "2",
    "contested": "1;31",
    "corroborated": "1;32",
    "consistent": "1;36",
    "single-source": "1;33",
    "unclaimed": "2",
}
#: Table cells wider than this wrap onto more lines (the first column never does).
_CELL: Final = 30
#: Quotes wrap at this width.
_QUOTE: Final = 76
_INDENT: Final = "  "
#: The whitespace textwrap changes in a line that fits.
_SPACES: Final = re.compile("[\t\n\x0b\x0c\r]")
#: How many lines are joined into one string at a time.
_BATCH: Final = 4096


def render_text(data: Mapping[str, Any], options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """Write report data as text for a terminal.

    Args:
        data: Report data, as :func:`claimcheck.report.report_data` returns it.
        options: Limits, and whether to use ANSI colour.

    Returns:
        The report, ending in a newline.

    Example:
        >>> print(render_text({"case": {"title": "Nothing yet"}}), end="")
        Nothing yet
        ===========
        Claims:       0 claims by 0 sources about 0 propositions
        Propositions: 0 contested, 0 corroborated, 0 consistent, 0 single-source and 0 unclaimed
        Relations:    0 contradictions, 0 supports, 0 revisions
    """
    return rendered(write_text, data, options)


@cyclic_gc_paused()
def write_text(
    data: Mapping[str, Any], stream: TextIO, options: RenderOptions = DEFAULT_OPTIONS
) -> None:
    """Write what :func:`render_text` returns to a stream, a proposition at a time.

    The report of a large case is never held whole: each proposition's
    section is made, written and let go.

    Example:
        >>> import sys
        >>> write_text({"case": {"title": "Nothing yet"}}, sys.stdout)  # doctest: +ELLIPSIS
        Nothing yet
        ===========
        ...
    """
    writer = _TextWriter(options.colour)
    _write_lines(writer.blocks(document_blocks(data, options), ""), stream.write)


def _write_lines(lines: Iterable[str], write: Callable[[str], object]) -> None:
    r"""Write the lines, each ending in a newline, but the blank ones at the end.

    Joined a batch at a time, so that the millions of lines of a large
    case are never all held as separate strings.  With no line, or only
    blank ones, a newline alone is written.

    Example:
        >>> import sys
        >>> _write_lines(["a", "", "b", "", ""], lambda text: print(repr(text)))
        'a\n\nb\n'
    """
    batch: list[str] = []
    blank = 0  # blank lines not yet known to be followed by text
    written = False
    for line in lines:
        if not line:
            blank += 1
            continue
        batch.extend(itertools.repeat("", blank))
        blank = 0
        batch.append(line)
        if len(batch) >= _BATCH:
            write("\n".join(batch) + "\n")
            batch = []
            written = True
    if batch or not written:
        write("\n".join(batch) + "\n")


class _TextWriter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def style(self, text: str, style: str) -> str:
        code = _ANSI.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and code and text else text

    def inline(self, inline: Inline) -> str:
        runs = itertools.groupby(inline, key=lambda span: span.style)
        text = "".join(self.style("".join(s.text for s in spans), style) for style, spans in runs)
        return text.replace("\n", " ")

    def blocks(self, blocks: Iterable[Block], indent: str) -> Iterator[str]:
        for block in blocks:
            lines = list(self.block(block, indent))
            yield from lines
            if lines and not isinstance(block, Heading):
                yield ""

    def block(self, block: Block, indent: str) -> Iterator[str]:
        if isinstance(block, Heading):
            if block.level == 1:
                yield self.style(plain(block.text).replace("\n", " "), "strong")
                yield "=" * len(plain(block.text))
            else:
                # Bold throughout: a span with a colour of its own stays bold after it.
                bold = tuple(
                    Span(x.text, x.style if x.style in _ANSI else "strong") for x in block.text
                )
                yield indent + self.inline(bold)
        elif isinstance(block, Paragraph):
            yield indent + self.inline(block.text)
        elif isinstance(block, Fields):
            width = max(len(label) for label, _ in block.rows) + 2
            for label, value in block.rows:
                yield f"{indent}{label + ':':<{width}}{self.inline(value)}"
        elif isinstance(block, Items):
            yield f"{indent}{block.title}:"
            for item in block.items:
                yield f"{indent}{_INDENT}- {self.inline(item)}"
        elif isinstance(block, Table):
            yield from self.table(block, indent + _INDENT)
        elif isinstance(block, Quote):
            for paragraph in block.text.splitlines() or [""]:
                for line in textwrap.wrap(paragraph, _QUOTE) or [""]:
                    yield f"{indent}{_INDENT}> {line}"
            yield f"{indent}{_INDENT}  — {self.inline(block.by)}"
        elif isinstance(block, Note):
            yield indent + self.style(self.inline(block.text), "muted")
        elif isinstance(block, Section):
            yield from self.section(block, indent)
        else:
            assert isinstance(block, IntervalFigure | GraphFigure)  # pictures are HTML only

    def section(self, section: Section, indent: str) -> Iterator[str]:
        previous: Block | None = None
        for block in section.blocks:
            inner = indent if isinstance(block, Heading) else indent + _INDENT
            # A blank line before each table and list, and before a run of quotes.
            if isinstance(block, Items | Table) or (
                isinstance(block, Quote) and not isinstance(previous, Quote)
            ):
                yield ""
            yield from self.block(block, inner)
            previous = block

    def table(self, table: Table, indent: str) -> Iterator[str]:
        rows = [list(table.header)] + [
            [plain(cell).replace("\n", " ") for cell in row] for row in table.rows
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]
        widths[1:] = [min(w, _CELL) for w in widths[1:]]
        for n, row in enumerate(rows):
            cells = [[cell] if i == 0 else _wrapped(cell, widths[i]) for i, cell in enumerate(row)]
            for k in range(max(len(c) for c in cells)):
                parts = [f"{c[k] if k < len(c) else '':<{widths[i]}}" for i, c in enumerate(cells)]
                line = indent + "  ".join(parts).rstrip()
                yield self.style(line, "strong") if n == 0 else line
            if n == 0:
                yield indent + "  ".join("-" * w for w in widths)


def _wrapped(cell: str, width: int) -> list[str]:
    """The cell's lines, at most ``width`` wide, as :func:`textwrap.wrap` makes them.

    Most cells fit as they are: those are not handed to textwrap, which
    takes some microseconds each, and a table of a large case has millions.

    Example:
        >>> _wrapped("at least 14 people", 10), _wrapped("", 10)
        (['at least', '14 people'], [''])
    """
    # textwrap changes ASCII whitespace but spaces, and drops any whitespace
    # (str.strip's) at the end of a line.
    if len(cell) <= width and cell.strip() == cell and not _SPACES.search(cell):
        return [cell]
    return textwrap.wrap(cell, width) or [""]
