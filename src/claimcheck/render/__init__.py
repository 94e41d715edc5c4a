"""Renderers: report data to text in each output format.

Every renderer is a pure function of the report data of
:func:`claimcheck.report.report_data` (and of :class:`RenderOptions`) to a
string; :data:`RENDERERS` maps each ``--format`` name to its renderer.  The
people-readable formats share one pipeline: :func:`~.document.build_document`
decides what is said and in which order, and each format only writes it in
its own markup (:mod:`.text`, :mod:`.markdown`, :mod:`.html`).  The HTML
renderer draws pictures with matplotlib when it is installed (the ``html``
extra), importing it only then.

Example:
    >>> import claimcheck
    >>> from claimcheck.reconciliation import reconcile
    >>> from claimcheck.report import report_data
    >>> data = report_data(reconcile(claimcheck.load("fixtures/starter.yaml")))
    >>> print(RENDERERS["markdown"](data).splitlines()[0])
    # A protest in a small town
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from claimcheck.render.document import DEFAULT_OPTIONS, RenderOptions, pictured
from claimcheck.render.html import render_html, write_html
from claimcheck.render.markdown import render_markdown, write_markdown
from claimcheck.render.text import render_text, write_text
from claimcheck.report import render_json, report_data

if TYPE_CHECKING:
    from claimcheck.reconciliation import Reconciliation
    from claimcheck.reliability import Reliability

__all__ = [
    "DEFAULT_OPTIONS",
    "RENDERERS",
    "WRITERS",
    "RenderOptions",
    "Renderer",
    "Writer",
    "people_data",
    "render_html",
    "render_markdown",
    "render_text",
    "write_html",
    "write_markdown",
    "write_text",
]

#: A renderer: report data and options in, the whole output out.
Renderer: TypeAlias = Callable[[Mapping[str, Any], RenderOptions], str]


def _json(data: Mapping[str, Any], options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """The JSON report: complete, whatever the options say."""
    return render_json(data)


#: The report formats by name.
RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "json": _json,
    "markdown": render_markdown,
    "text": render_text,
}

#: A writer: report data, a stream and options in; the output written as it is made.
Writer: TypeAlias = Callable[[Mapping[str, Any], TextIO, RenderOptions], None]

#: The people-readable formats' writers, by name: what their renderers
#: return, written a proposition at a time without holding the whole of it.
WRITERS: dict[str, Writer] = {"html": write_html, "markdown": write_markdown, "text": write_text}


def people_data(
    result: Reconciliation,
    options: RenderOptions = DEFAULT_OPTIONS,
    *,
    trust: Reliability | None = None,
) -> dict[str, Any]:
    """The report data the people-readable formats need, without what they never show.

    The text, Markdown and HTML formats show the first ``options.pairs``
    contradictions and supports of each proposition and count the rest, so
    the full lists (millions of pairs in a large case) need not be made:
    this is :func:`claimcheck.report.report_data` with ``shown`` set to
    ``options.pairs``, keeping whole the lists of the propositions the
    graph picture draws from (none with ``pictures=0``, which the command
    line uses for text and Markdown: they draw no pictures).  Rendered
    with the same options, it gives the very output the full data gives.

    Args:
        result: The reconciliation, of every proposition of its case.
        options: The options the data will be rendered with.
        trust: Source trust estimates to add, or ``None``.

    Example:
        >>> import claimcheck
        >>> result = claimcheck.reconcile(claimcheck.load("fixtures/starter.yaml"))
        >>> options = RenderOptions(pairs=1, pictures=0)
        >>> full = claimcheck.report_data(result)
        >>> render_text(people_data(result, options), options) == render_text(full, options)
        True
    """
    statuses = [{"id": r.proposition.id, "status": r.status} for r in result.propositions]
    return report_data(result, trust=trust, shown=options.pairs, whole=pictured(statuses, options))
