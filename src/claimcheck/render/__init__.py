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
from typing import Any, TypeAlias

from claimcheck.render.document import DEFAULT_OPTIONS, RenderOptions
from claimcheck.render.html import render_html
from claimcheck.render.markdown import render_markdown
from claimcheck.render.text import render_text
from claimcheck.report import render_json

__all__ = [
    "DEFAULT_OPTIONS",
    "RENDERERS",
    "RenderOptions",
    "Renderer",
    "render_html",
    "render_markdown",
    "render_text",
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
