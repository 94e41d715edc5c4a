"""Renderers: report data to text in each output format.

Every renderer is a pure function from the report data of
:func:`claimcheck.report.report_data` to a string; :data:`RENDERERS` maps
each ``--format`` name to its renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from claimcheck.report import render_json

__all__ = ["RENDERERS", "Renderer"]

Renderer = Callable[[Mapping[str, Any]], str]

#: The report formats by name.
RENDERERS: dict[str, Renderer] = {
    "json": render_json,
}
