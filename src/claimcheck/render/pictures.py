"""The HTML report's pictures, drawn by matplotlib as inline SVG.

Importing this module imports matplotlib (and raises :class:`ImportError`
without it), so only :mod:`claimcheck.render.html` imports it, and only when
there is something to draw.  It uses matplotlib's object-oriented API and
its SVG backend directly: no pyplot, no display, no global backend switched.

The SVG keeps text as text (``svg.fonttype: none``): matplotlib escapes it,
labels are never read as mathtext, and the output is the same for the same
report (fixed hash salt, no date).  Element ids get a prefix per picture,
so that several pictures can share one HTML page.
"""

from __future__ import annotations

import html
import io
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Final

import matplotlib as mpl
import networkx as nx
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from claimcheck.render.document import Bar, GraphFigure, IntervalFigure

__all__ = ["bloc_colours", "graph_svg", "interval_svg"]

#: Okabe and Ito's colour-blind safe palette, black left out.
_PALETTE: Final = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
)
_NO_BLOC: Final = "#8C8C8C"
_SUPPORT: Final = "#1B7F3B"
_CONTRADICTION: Final = "#B3261E"
_GROUND: Final = "#9E9E9E"
_EDGE_STYLES: Final = {"contradicts": "-", "joint": "--", "part-whole": ":"}
_LABEL: Final = 60
_TAG: Final = re.compile(r"<[^>]*>")
_ID: Final = re.compile(r'(\bid="|href="#|url\(#)')


def _settings() -> Any:
    """The matplotlib settings of a picture, as a context manager.

    Text stays text and is never read as mathtext; ids come from a fixed
    hash salt, so that the same report gives the same picture.
    """
    return mpl.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "claimcheck",
            "text.parse_math": False,
            "text.usetex": False,
            "font.size": 9,
        }
    )


def bloc_colours(blocs: Sequence[str]) -> dict[str | None, str]:
    """A colour for each bloc (in the order given) and for no bloc (``None``).

    Example:
        >>> bloc_colours(["state", "workers"])
        {None: '#8C8C8C', 'state': '#0072B2', 'workers': '#D55E00'}
    """
    colours: dict[str | None, str] = {None: _NO_BLOC}
    for i, bloc in enumerate(blocs):
        colours[bloc] = _PALETTE[i % len(_PALETTE)]
    return colours


def _short(text: str, width: int = _LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _svg(figure: Figure, prefix: str, label: str) -> str:
    """The figure as an ``<svg>`` element to inline in HTML."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # A glyph missing from matplotlib's font only matters for layout: the
        # browser draws the text with its own fonts.
        warnings.simplefilter("ignore")
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)

    def prefixed(tag: re.Match[str]) -> str:
        # Only inside tags: text content is matplotlib's escaped case text.
        return _ID.sub(lambda m: f"{m.group(1)}{prefix}-", tag.group(0))

    svg = _TAG.sub(prefixed, svg)
    attrs = f'<svg role="img" aria-label="{html.escape(label, quote=True)}" '
    return svg.replace("<svg ", attrs, 1).rstrip()


def _legend(figure: Figure, handles: list[Any]) -> None:
    if handles:
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncols=min(4, len(handles)),
            frameon=False,
            fontsize=8,
        )


def _bloc_handles(blocs: Sequence[str | None], colours: Mapping[str | None, str]) -> list[Any]:
    present = set(blocs)
    ordered: list[str | None] = [b for b in colours if b is not None and b in present]
    if None in present:
        ordered.append(None)
    return [
        Line2D([], [], color=colours.get(b, _NO_BLOC), lw=5, label=b or "no bloc") for b in ordered
    ]


def _axis_span(bars: Sequence[Bar]) -> tuple[float, float, bool]:
    """The left and right ends of the axis, and whether some bar is unbounded."""
    finite = [b.low for b in bars] + [b.high for b in bars if b.high is not None]
    low, high = min(finite), max(finite)
    width = high - low or max(abs(high), 1.0)
    unbounded = any(b.high is None for b in bars)
    return low - 0.04 * width, high + (0.2 if unbounded else 0.04) * width, unbounded


def _draw_bars(
    ax: Any, bars: Sequence[Bar], right: float, colours: Mapping[str | None, str]
) -> None:
    """Draw the bars: each a thick line with a dot at each end.

    A dot is hollow when its bound is open; an unbounded bar ends in an
    arrow and an exact one is a diamond.  One collection per kind of mark
    keeps a picture of many claims quick to draw.
    """
    segments: list[list[tuple[float, float]]] = []
    segment_colours: list[str] = []
    marks: dict[tuple[str, bool], tuple[list[float], list[float], list[str]]] = {}

    def mark(kind: str, hollow: bool, x: float, y: float, colour: str) -> None:
        xs, ys, cs = marks.setdefault((kind, hollow), ([], [], []))
        xs.append(x)
        ys.append(y)
        cs.append(colour)

    for i, bar in enumerate(bars):
        y = float(len(bars) - 1 - i)
        colour = colours.get(bar.bloc, _NO_BLOC)
        if bar.high is not None and bar.high == bar.low:
            mark("D", False, bar.low, y, colour)
            continue
        end = right if bar.high is None else bar.high
        segments.append([(bar.low, y), (end, y)])
        segment_colours.append(colour)
        mark("o", bar.low_open, bar.low, y, colour)
        if bar.high is None:
            mark(">", False, end, y, colour)
        else:
            mark("o", bar.high_open, end, y, colour)
    ax.add_collection(
        LineCollection(segments, colors=segment_colours, linewidths=5, capstyle="butt", zorder=2)
    )
    for (kind, hollow), (xs, ys, cs) in sorted(marks.items()):
        ax.scatter(
            xs,
            ys,
            marker=kind,
            s=60 if kind == ">" else 42,
            facecolors="white" if hollow else cs,
            edgecolors=cs,
            linewidths=1.5,
            clip_on=kind != ">",
            zorder=3,
        )


def interval_svg(figure: IntervalFigure, colours: Mapping[str | None, str], prefix: str) -> str:
    """Draw every current claim's interval of a quantity proposition on one axis.

    Args:
        figure: What to draw.
        colours: A colour per bloc (see :func:`bloc_colours`).
        prefix: Put before every element id, unique within the page.

    Returns:
        An ``<svg>`` element.
    """
    bars = figure.bars
    ground = figure.common_ground
    left, right, _ = _axis_span([*bars, *([ground] if ground is not None else [])])
    with _settings():
        fig = Figure(figsize=(7.5, 1.4 + 0.32 * len(bars)), layout="constrained")
        ax = fig.add_subplot()
        handles = _bloc_handles([b.bloc for b in bars], colours)
        if ground is not None:
            end = right if ground.high is None else ground.high
            if end == ground.low:
                ax.axvline(ground.low, color=_GROUND, lw=6, alpha=0.35, zorder=1)
            else:
                ax.axvspan(ground.low, end, color=_GROUND, alpha=0.22, lw=0, zorder=1)
            handles.append(Patch(color=_GROUND, alpha=0.3, label=f"common ground: {ground.label}"))
        _draw_bars(ax, bars, right, colours)
        labels = [f"{_short(b.label, 34)}: {_short(b.written, 24)}" for b in reversed(bars)]
        ax.set_yticks(range(len(bars)), labels=labels)
        ax.set_ylim(-0.7, len(bars) - 0.3)
        ax.set_xlim(left, right)
        if all(float(x).is_integer() for b in bars for x in (b.low, b.high) if x is not None):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)
        ax.set_xlabel(_short(figure.unit))
        fig.suptitle(_short(figure.title, 100), x=0.01, ha="left", fontsize=10)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        _legend(fig, handles)
        return _svg(fig, prefix, f"Claims about {figure.title}")


def _layout(figure: GraphFigure) -> dict[str, tuple[float, float]]:
    """Node positions: each connected component spring-laid out in its own cell.

    The components (largest first) fill a grid, so that small groups of
    claims are not flung to the corners by one big spring layout.
    """
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in figure.nodes)
    graph.add_edges_from((edge.a, edge.b) for edge in figure.edges)
    order = {node.id: i for i, node in enumerate(figure.nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    columns = math.ceil(math.sqrt(len(components)))
    position: dict[str, tuple[float, float]] = {}
    for i, component in enumerate(components):
        row, column = divmod(i, columns)
        # A graph of its own, its nodes in figure order: a subgraph view lists
        # them in the order of a set, which changes with PYTHONHASHSEED, and
        # the layout depends on the order of the nodes.
        cell = nx.Graph()
        cell.add_nodes_from(component)
        cell.add_edges_from(graph.edges(component))
        layout = nx.spring_layout(cell, seed=7, center=(0.0, 0.0), scale=0.38)
        for node, (x, y) in layout.items():
            position[node] = (column + float(x), -row + float(y))
    return position


def _draw_edges(ax: Any, figure: GraphFigure, position: Mapping[str, tuple[float, float]]) -> None:
    """Draw the edges: contradictions as red lines, supports as green arrows.

    One collection per line style; arrows stop short of the nodes they join.
    """
    lines: dict[str, list[list[tuple[float, float]]]] = {}
    arrows: list[tuple[float, float, float, float]] = []
    for edge in figure.edges:
        (x0, y0), (x1, y1) = position[edge.a], position[edge.b]
        if edge.relation == "supports":
            arrows.append((x0, y0, x1 - x0, y1 - y0))
        else:
            style = _EDGE_STYLES.get(edge.relation, "-")
            lines.setdefault(style, []).append([(x0, y0), (x1, y1)])
    for style, segments in sorted(lines.items()):
        ax.add_collection(
            LineCollection(
                segments, colors=_CONTRADICTION, linestyles=style, linewidths=1.5, zorder=1
            )
        )
    if arrows:
        # Shorten each arrow by a fixed length at both ends, to leave the nodes visible.
        shrink = 0.035
        xs, ys, us, vs = [], [], [], []
        for x, y, u, v in arrows:
            length = math.hypot(u, v) or 1.0
            cut = min(shrink / length, 0.45)
            xs.append(x + u * cut)
            ys.append(y + v * cut)
            us.append(u * (1 - 2 * cut))
            vs.append(v * (1 - 2 * cut))
        ax.quiver(
            xs,
            ys,
            us,
            vs,
            angles="xy",
            scale_units="xy",
            scale=1,
            color=_SUPPORT,
            width=0.0025,
            headwidth=5,
            headlength=6,
            headaxislength=5,
            zorder=1,
        )


def graph_svg(figure: GraphFigure, colours: Mapping[str | None, str], prefix: str) -> str:
    """Draw the supports and contradictions between claims.

    The layout is networkx's spring layout with a fixed seed, so the same
    report gives the same picture.

    Args:
        figure: What to draw.
        colours: A colour per bloc (see :func:`bloc_colours`).
        prefix: Put before every element id, unique within the page.

    Returns:
        An ``<svg>`` element.
    """
    position = _layout(figure)
    side = min(12.0, 4.5 + 0.6 * math.sqrt(len(figure.nodes)))
    with _settings():
        fig = Figure(figsize=(side, side * 0.75), layout="constrained")
        ax = fig.add_subplot()
        ax.set_axis_off()
        _draw_edges(ax, figure, position)
        ax.scatter(
            [position[n.id][0] for n in figure.nodes],
            [position[n.id][1] for n in figure.nodes],
            s=110,
            c=[colours.get(n.bloc, _NO_BLOC) for n in figure.nodes],
            edgecolors="white",
            zorder=2,
        )
        for node in figure.nodes:
            ax.annotate(
                _short(node.id, 40),
                position[node.id],
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                zorder=3,
            )
        ax.margins(x=0.2, y=0.12)
        handles = _bloc_handles([n.bloc for n in figure.nodes], colours)
        handles.append(Line2D([], [], color=_SUPPORT, lw=1.2, label="supports"))
        handles.append(Line2D([], [], color=_CONTRADICTION, lw=1.5, label="contradicts"))
        _legend(fig, handles)
        return _svg(fig, prefix, "Supports and contradictions between claims")
