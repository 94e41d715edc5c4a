"""The Markdown report, for pasting into an article draft or an issue.

A heading per proposition, its facts as a list, a table of its claims
(source, value as written, date, state) and their quotes as block quotes.
Every piece of case text is escaped, so a ``|`` cannot break a table and a
``<script>`` or ``**`` in a quote stays text (CommonMark and GitHub Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
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
    rendered,
)

__all__ = ["escape_markdown", "render_markdown", "write_markdown"]

#: Characters that can start markup anywhere in a line: emphasis, code,
#: links, raw HTML, tables, headings, strike-through, math and entities.
_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#~$&])")
#: What turns the start of a line into a list item, a setext underline or a
#: numbered list.
_LINE_START: Final = re.compile(r"^([-+=]|\d+[.)])")
#: Text that can stand in a code span as it is.
_CODE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")


def escape_markdown(text: str) -> str:
    r"""Escape text so that Markdown shows it as it is, on one line, inside a line.

    Example:
        >>> print(escape_markdown("a | b <script> *c*"))
        a \| b \<script\> \*c\*
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def _line(text: str) -> str:
    r"""Escape text that starts a line, so that it cannot start a list.

    Example:
        >>> print(_line("- not a list"), _line("1. not a list"))
        \- not a list 1\. not a list
    """
    escaped = escape_markdown(text)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    mark = match.group(1)
    return f"{mark[:-1]}\\{mark[-1]}{escaped[len(mark) :]}"


def render_markdown(data: Mapping[str, Any], options: RenderOptions = DEFAULT_OPTIONS) -> str:
    r"""Write report data as Markdown (CommonMark with GitHub tables).

    Args:
        data: Report data, as :func:`claimcheck.report.report_data` returns it.
        options: Limits (colour does not apply).

    Returns:
        The report, ending in a newline.

    Example:
        >>> print(render_markdown({"case": {"title": "A | B"}}).splitlines()[0])
        # A \| B
    """
    return rendered(write_markdown, data, options)


@cyclic_gc_paused()
def write_markdown(
    data: Mapping[str, Any], stream: TextIO, options: RenderOptions = DEFAULT_OPTIONS
) -> None:
    r"""Write what :func:`render_markdown` returns to a stream, a block at a time.

    Example:
        >>> import sys
        >>> write_markdown({"case": {"title": "A | B"}}, sys.stdout)  # doctest: +ELLIPSIS
        # A \| B
        ...
    """
    separator = ""
    for chunk in _blocks(document_blocks(data, options)):
        stream.write(separator + chunk)
        separator = "\n\n"
    stream.write("\n")


def _span(span: Span) -> str:
    if span.style == "id" and _CODE.fullmatch(span.text):
        return f"`{span.text}`"
    text = escape_markdown(span.text)
    if span.style == "strong" and text.strip():
        return f"**{text}**"
    return text


def _inline(inline: Inline) -> str:
    return "".join(_span(span) for span in inline)


def _cell(inline: Inline) -> str:
    return _inline(inline) or " "


def _blocks(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Section):
            yield from _blocks(block.blocks)
        elif not isinstance(block, IntervalFigure | GraphFigure):  # pictures are HTML only
            yield _block(block)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _inline(block.text)
    if isinstance(block, Paragraph):
        return _inline(block.text)
    if isinstance(block, Fields):
        return "\n".join(f"- **{label}:** {_inline(value)}" for label, value in block.rows)
    if isinstance(block, Items):
        items = "\n".join(f"- {_inline(item)}" for item in block.items)
        return f"**{block.title}**\n\n{items}"
    if isinstance(block, Table):
        header = "| " + " | ".join(block.header) + " |"
        rule = "|" + "|".join(" --- " for _ in block.header) + "|"
        rows = ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in block.rows]
        return "\n".join([header, rule, *rows])
    if isinstance(block, Quote):
        lines = [_line(line.strip()) for line in block.text.splitlines()] or [""]
        # A backslash at the end of a line keeps the quote's line breaks.
        body = "\\\n".join(f"> {line}" if line else ">" for line in lines)
        return f"{body}\n>\n> — {_inline(block.by)}"
    assert isinstance(block, Note)
    return f"*{_inline(block.text)}*"
