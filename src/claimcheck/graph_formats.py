"""The reconciliation graph in the file formats of graph tools.

GraphML, GEXF and node-link JSON are written by networkx's own writers;
Graphviz DOT by :func:`to_dot`, a small writer that quotes every id and
value, so that no extra dependency is needed.  Gephi, Cytoscape and
Graphviz load the files without edits.

Before writing, attribute values the formats cannot hold are converted
(:func:`portable`): ``None`` is left out; lists, tuples, sets and mappings
become JSON text; numbers that are not finite and other objects become
text; in GraphML, GEXF and DOT, characters XML 1.0 cannot hold (control
characters such as ESC) become U+FFFD.  Writing never fails on an
attribute, and what is written reads back.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import networkx as nx

__all__ = ["GRAPH_FORMATS", "portable", "to_dot", "to_gexf", "to_graphml", "to_node_link"]

#: Edge attributes GEXF reserves for itself, and the names they are written under.
_GEXF_EDGE_RENAMES: Final = {"type": "contradiction_type"}
#: Graphviz styles per relation, so that a drawing reads without a legend.
_DOT_EDGE_STYLES: Final = {
    "supports": {"color": "darkgreen"},
    "contradicts": {"color": "red3", "dir": "none"},
    "supersedes": {"color": "gray50", "style": "dashed"},
    "cites": {"color": "gray50", "style": "dotted"},
}
#: What XML 1.0 cannot hold: most C0 controls, lone surrogates, two non-characters.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_DECLARATION: Final = '<?xml version="1.0" encoding="utf-8"?>\n'
#: The day networkx's GEXF writer stamps on the file: left out, so that the
#: same case always gives the same bytes.
_GEXF_DATE: Final = re.compile(r' lastmodifieddate="[^"]*"')
_DOT_NODE_STYLES: Final = {
    "source": {"shape": "box"},
    "claim": {"shape": "ellipse"},
    "proposition": {"shape": "note"},
}


def _value(value: Any, *, keep_lists: bool) -> Any:
    if isinstance(value, str):
        return value if keep_lists else _NOT_XML.sub("\ufffd", value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        plain = _jsonable(value)
        if keep_lists:
            return plain
        return _value(json.dumps(plain, ensure_ascii=False, sort_keys=True), keep_lists=False)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return _value(value, keep_lists=True)


def _attrs(data: Mapping[str, Any], *, keep_lists: bool) -> dict[str, Any]:
    return {str(k): _value(v, keep_lists=keep_lists) for k, v in data.items() if v is not None}


def portable(graph: nx.MultiDiGraph, *, keep_lists: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes every graph file format can hold.

    Args:
        graph: A graph such as :func:`claimcheck.graph.to_networkx` returns.
        keep_lists: Keep lists, mappings and every character as they are
            (JSON can hold them); else lists and mappings become JSON text,
            and characters XML cannot hold become U+FFFD.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a", tags=["x", "y"], note=None)
        >>> portable(g).nodes["a"]
        {'tags': '["x", "y"]'}
    """
    return _portable(graph, keep_lists=keep_lists, renumber=False)


def _portable(graph: nx.MultiDiGraph, *, keep_lists: bool, renumber: bool) -> nx.MultiDiGraph:
    """:func:`portable`; with ``renumber``, the edges' keys are ``e0``, ``e1``, ... in order."""
    out = nx.MultiDiGraph(**_attrs(graph.graph, keep_lists=keep_lists))
    for node, data in graph.nodes(data=True):
        out.add_node(node, **_attrs(data, keep_lists=keep_lists))
    for i, (a, b, key, data) in enumerate(graph.edges(keys=True, data=True)):
        out.add_edge(a, b, key=f"e{i}" if renumber else key, **_attrs(data, keep_lists=keep_lists))
    return out


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML (networkx's writer), for Gephi, Cytoscape, yEd.

    Each edge's id is unique in the file (``e0``, ``e1``, ... in the order
    of the edges): networkx writes a multigraph edge's key as its id, and
    keys count from 0 for each pair of nodes, so most edges would share the
    id ``0``, and Gephi and yEd keep only one edge of each id.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edge("a", "b"), g.add_edge("b", "c")
        >>> re.findall(r'id="(e[0-9]+)"', to_graphml(g))
        ['e0', 'e1']
    """
    lines = nx.generate_graphml(_portable(graph, keep_lists=False, renumber=True), encoding="utf-8")
    return _XML_DECLARATION + "\n".join(lines) + "\n"


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2 (networkx's writer), for Gephi.

    GEXF reserves an edge's ``type`` for its direction, so the ``type`` of a
    contradiction is written as ``contradiction_type``.
    """
    out = portable(graph)
    for _, _, data in out.edges(data=True):
        for name, renamed in _GEXF_EDGE_RENAMES.items():
            if name in data:
                data[renamed] = data.pop(name)
    text = "\n".join(nx.generate_gexf(out, encoding="utf-8"))
    return _XML_DECLARATION + _GEXF_DATE.sub("", text, count=1) + "\n"


def to_node_link(graph: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON, as :func:`networkx.node_link_data` shapes it.

    Read it back with ``nx.node_link_graph(json.load(f), edges="edges")``.
    """
    data = nx.node_link_data(portable(graph, keep_lists=True), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _dot_string(value: Any) -> str:
    r"""A DOT quoted string: backslash and double quote escaped, line breaks as ``\n``.

    Example:
        >>> print(_dot_string('say "hi" \\ bye'))
        "say \"hi\" \\ bye"
    """
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(data: Mapping[str, Any]) -> str:
    if not data:
        return ""
    return " [" + ", ".join(f"{_dot_string(k)}={_dot_string(v)}" for k, v in data.items()) + "]"


def _dot_lines(graph: nx.MultiDiGraph) -> Iterator[str]:
    name = graph.graph.get("name", "claimcheck")
    yield f"digraph {_dot_string(name)} {{"
    yield '  graph ["charset"="UTF-8", "rankdir"="LR"];'
    for node, data in graph.nodes(data=True):
        style = _DOT_NODE_STYLES.get(str(data.get("type")), {})
        yield f"  {_dot_string(node)}{_dot_attrs({**style, **data})};"
    for a, b, data in graph.edges(data=True):
        style = _DOT_EDGE_STYLES.get(str(data.get("relation")), {})
        yield f"  {_dot_string(a)} -> {_dot_string(b)}{_dot_attrs({**style, **data})};"
    yield "}"


def to_dot(graph: nx.MultiDiGraph) -> str:
    r"""The graph as Graphviz DOT: one statement a line, every id and value quoted.

    Nodes get a shape by type and edges a colour by relation; every
    attribute of the graph is kept as a DOT attribute.  In a quoted string
    ``\`` and ``"`` are escaped and a line break is written ``\n``.

    Example:
        >>> g = nx.MultiDiGraph(name="case")
        >>> g.add_edge("claim:a", "claim:b", relation="supports")
        0
        >>> print(to_dot(g), end="")
        digraph "case" {
          graph ["charset"="UTF-8", "rankdir"="LR"];
          "claim:a";
          "claim:b";
          "claim:a" -> "claim:b" ["color"="darkgreen", "relation"="supports"];
        }
    """
    return "\n".join(_dot_lines(portable(graph))) + "\n"


#: The graph formats by ``--format`` name.
GRAPH_FORMATS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "dot": to_dot,
    "gexf": to_gexf,
    "graphml": to_graphml,
    "json": to_node_link,
}
