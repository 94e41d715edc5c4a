"""The HTML report: one self-contained file a journalist can open or send.

The same content as the Markdown report, plus pictures: every current
claim's interval of each quantity proposition on one axis, and the graph of
supports and contradictions.  The pictures are inline SVG drawn by
matplotlib, which is optional (``pip install 'claimcheck[html]'``) and
imported only here, only when there is something to draw; without it the
report is complete and says in one line how to get the pictures.

The file needs no network and no script: styles are inline, and so are the
pictures.  Every piece of case text is escaped with :func:`html.escape`
(``quote=True``), and the output is well-formed XML (XHTML-compatible
HTML5), so case text can never become markup.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from types import ModuleType
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
    document_blocs,
    document_title,
    number_of_interval_figures,
    rendered,
)

__all__ = ["INSTALL_HINT", "render_html", "write_html"]

#: What the report says when matplotlib is missing.
INSTALL_HINT: Final = (
    "The pictures need matplotlib, which is not installed: pip install 'claimcheck[html]'"
)

_STYLE: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.45; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; margin-bottom: .5rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
section { border-top: 1px solid #ddd; padding-top: 1rem; margin-top: 1.5rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .9em; background: #f3f3f3; padding: 0 .2em; border-radius: 3px; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.fields div { display: contents; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
ul { margin: .25rem 0; padding-left: 1.5rem; }
.table { overflow-x: auto; margin: .75rem 0; }
table { border-collapse: collapse; font-size: .92rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
figure { margin: 1rem 0; }
figure.quote blockquote { margin: 0; padding: .25rem 1rem; border-left: 4px solid #bbb;
  color: #333; white-space: pre-line; }
figure.quote figcaption { padding-left: 1.25rem; color: #555; font-size: .9rem; }
figure.picture svg { max-width: 100%; height: auto; }
figure.picture figcaption { color: #555; font-size: .9rem; }
.note, .muted { color: #666; font-style: italic; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8em; letter-spacing: .04em;
  padding: .1em .4em; border-radius: 3px; color: #fff; background: #777; }
.status-contested { background: #b3261e; }
.status-corroborated { background: #1b7f3b; }
.status-consistent { background: #0b6e8a; }
.status-single-source { background: #8a6d00; }
.status-unclaimed { background: #888; }
"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _pictures() -> ModuleType | None:
    """The picture module, or ``None`` when matplotlib is not installed."""
    try:
        return importlib.import_module("claimcheck.render.pictures")
    except ImportError:
        return None


def render_html(data: Mapping[str, Any], options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """Write report data as one self-contained HTML file.

    Args:
        data: Report data, as :func:`claimcheck.report.report_data` returns it.
        options: Limits, among them how many propositions get a picture.

    Returns:
        The HTML document, ending in a newline.

    Example:
        >>> page = render_html({"case": {"title": "<b>Case</b>"}})
        >>> "<title>&lt;b&gt;Case&lt;/b&gt; — claimcheck report</title>" in page
        True
    """
    return rendered(write_html, data, options)


@cyclic_gc_paused()
def write_html(
    data: Mapping[str, Any], stream: TextIO, options: RenderOptions = DEFAULT_OPTIONS
) -> None:
    """Write what :func:`render_html` returns to a stream, a block at a time.

    The pictures are drawn as their blocks come; matplotlib is imported at
    the first one.

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> write_html({"case": {"title": "A case"}}, out)
        >>> out.getvalue().splitlines()[-1]
        '</html>'
    """
    title = _escape(document_title(data))
    stream.write(
        "<!DOCTYPE html>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<meta name="generator" content="claimcheck"/>\n'
        f"<title>{title} — claimcheck report</title>\n"
        f"<style>{_STYLE}</style>\n"
        "</head>\n"
        "<body>\n<main>\n"
    )
    writer = _HtmlWriter(document_blocs(data), options.pictures, number_of_interval_figures(data))
    stream.writelines(line + "\n" for line in writer.blocks(document_blocks(data, options)))
    stream.write("</main>\n</body>\n</html>\n")


class _HtmlWriter:
    def __init__(self, blocs: Sequence[str], limit: int, figures: int) -> None:
        self.blocs = blocs
        self.limit = limit
        self.figures = figures
        self.drawn = 0
        self.told = False
        self.stopped = False

    def span(self, span: Span) -> str:
        text = _escape(span.text)
        if span.style == "strong":
            return f"<strong>{text}</strong>"
        if span.style == "id":
            return f"<code>{text}</code>"
        if span.style == "muted":
            return f'<span class="muted">{text}</span>'
        if span.style:
            return f'<span class="status status-{_escape(span.style)}">{text}</span>'
        return text

    def inline(self, inline: Inline) -> str:
        return "".join(self.span(span) for span in inline)

    @cached_property
    def pictures(self) -> ModuleType | None:
        """The drawing module, imported when the first picture comes."""
        return _pictures()

    @cached_property
    def colours(self) -> dict[str | None, str]:
        """Each bloc's colour in the pictures."""
        return self.pictures.bloc_colours(self.blocs) if self.pictures is not None else {}

    def blocks(self, blocks: Iterable[Block]) -> Iterator[str]:
        for block in blocks:
            yield from self.block(block)

    def block(self, block: Block) -> Iterator[str]:
        if isinstance(block, Heading):
            yield f"<h{block.level}>{self.inline(block.text)}</h{block.level}>"
        elif isinstance(block, Paragraph):
            yield f"<p>{self.inline(block.text)}</p>"
        elif isinstance(block, Fields):
            yield '<dl class="fields">'
            for label, value in block.rows:
                yield f"<div><dt>{_escape(label)}</dt><dd>{self.inline(value)}</dd></div>"
            yield "</dl>"
        elif isinstance(block, Items):
            yield f"<h3>{_escape(block.title)}</h3>"
            yield "<ul>"
            yield from (f"<li>{self.inline(item)}</li>" for item in block.items)
            yield "</ul>"
        elif isinstance(block, Table):
            yield from self.table(block)
        elif isinstance(block, Quote):
            lines = "<br/>".join(_escape(line) for line in block.text.splitlines())
            yield (
                f'<figure class="quote"><blockquote><p>{lines}</p></blockquote>'
                f"<figcaption>— {self.inline(block.by)}</figcaption></figure>"
            )
        elif isinstance(block, Note):
            yield f'<p class="note">{self.inline(block.text)}</p>'
        elif isinstance(block, Section):
            cls = f"proposition status-{block.status}" if block.status else block.anchor
            yield f'<section id="{_escape(block.anchor)}" class="{_escape(cls)}">'
            yield from self.blocks(block.blocks)
            yield "</section>"
        elif isinstance(block, IntervalFigure):
            yield from self.interval_figure(block)
        else:
            assert isinstance(block, GraphFigure)
            yield from self.graph_figure(block)

    def table(self, table: Table) -> Iterator[str]:
        yield '<div class="table"><table>'
        yield "<thead><tr>" + "".join(f"<th>{_escape(h)}</th>" for h in table.header)
        yield "</tr></thead><tbody>"
        for row in table.rows:
            yield "<tr>" + "".join(f"<td>{self.inline(cell)}</td>" for cell in row) + "</tr>"
        yield "</tbody></table></div>"

    def missing_pictures(self) -> Iterator[str]:
        if not self.told:
            self.told = True
            yield f'<p class="note">{_escape(INSTALL_HINT)}</p>'

    def figure(self, svg: str, caption: str) -> str:
        return f'<figure class="picture">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'

    def interval_figure(self, figure: IntervalFigure) -> Iterator[str]:
        if self.pictures is None:
            yield from self.missing_pictures()
            return
        if self.drawn >= self.limit:
            if not self.stopped:
                self.stopped = True
                rest = self.figures - self.limit
                yield (
                    f'<p class="note">Pictures are drawn for the first {self.limit:,} quantity '
                    f"propositions only, contested ones first; {rest:,} more are not drawn.</p>"
                )
            return
        self.drawn += 1
        svg = self.pictures.interval_svg(figure, self.colours, f"q{self.drawn}")
        caption = (
            "Each current claim's interval on one axis, labelled by source and coloured by "
            "bloc; the shaded band is the common ground"
        )
        if figure.common_ground is not None:
            ground = figure.common_ground.label
            caption += f" ({ground} {figure.unit})" if figure.unit else f" ({ground})"
        caption += "."
        if figure.omitted:
            caption += f" {figure.omitted:,} more claims are not drawn."
        yield self.figure(svg, _escape(caption))

    def graph_figure(self, figure: GraphFigure) -> Iterator[str]:
        if self.pictures is None:
            yield from self.missing_pictures()
            return
        svg = self.pictures.graph_svg(figure, self.colours, "graph")
        caption = (
            "Supports (green arrows, from the supporting claim) and contradictions (red lines; "
            "dashed: joint, dotted: part-whole) between claims, coloured by the bloc of their "
            "source."
        )
        if figure.omitted:
            caption += (
                f" {figure.omitted:,} more supports and contradictions are not drawn; "
                "claimcheck graph writes the whole graph."
            )
        yield self.figure(svg, _escape(caption))
