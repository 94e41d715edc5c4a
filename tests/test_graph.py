"""Tests of claimcheck.graph: the reconciliation as a networkx graph."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
import pytest

import claimcheck
from claimcheck.graph import claim_node, proposition_node, source_node, to_networkx
from claimcheck.reconciliation import reconcile

CASE = """\
claimcheck: 1
case: {id: graph, title: A small graph}
sources:
  - {id: gov, kind: government, bloc: state, name: The government}
  - {id: ministry, kind: government, part_of: gov}
  - {id: union, kind: opposition, bloc: workers}
  - {id: wire, kind: media}
propositions:
  - {id: total, kind: quantity, text: People killed in the region, unit: people}
  - {id: town, kind: quantity, text: People killed in the town, unit: people, part_of: total}
  - {id: letter, kind: category, text: Which letter, values: [a, b, c]}
  - {id: fired, kind: assertion, text: The police fired}
claims:
  - {id: g1, source: gov, proposition: total, value: at most 20, date: 2011-12-17}
  - {id: g2, source: ministry, proposition: total, value: 18, date: 2011-12-20, quote: Eighteen died}
  - {id: u, source: union, proposition: town, value: at least 25, via: [wire]}
  - {id: w, source: wire, proposition: town, value: at least 30, cites: [u]}
  - {id: x, source: gov, proposition: letter, value: {any_of: [a, b]}}
  - {id: y, source: union, proposition: letter, value: {any_of: [b, c]}}
  - {id: z, source: wire, proposition: letter, value: {any_of: [a, c]}}
  - {id: f-gov, source: gov, proposition: fired, value: true}
  - {id: f-union, source: union, proposition: fired, value: true}
"""


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """The graph of the small case."""
    return to_networkx(reconcile(claimcheck.loads(CASE)))


def edges(graph: nx.MultiDiGraph, relation: str) -> list[tuple[str, str]]:
    """The edges of one relation, sorted."""
    return sorted((a, b) for a, b, r in graph.edges(data="relation") if r == relation)


def edge_data(graph: nx.MultiDiGraph, relation: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges of one relation with their attributes, sorted."""
    found = [(a, b, d) for a, b, d in graph.edges(data=True) if d["relation"] == relation]
    return sorted(found, key=lambda e: (e[0], e[1]))


def test_node_names() -> None:
    """Nodes are named by kind and id."""
    expected = ("source:gov", "claim:g1", "proposition:total")
    assert expected == (
        source_node("gov"),
        claim_node("g1"),
        proposition_node("total"),
    )


def test_nodes_and_their_types(graph: nx.MultiDiGraph) -> None:
    """Every source, claim and proposition is a node typed by what it is."""
    types = dict(graph.nodes(data="type"))
    expected = {
        **{source_node(s): "source" for s in ("gov", "ministry", "union", "wire")},
        **{proposition_node(p): "proposition" for p in ("total", "town", "letter", "fired")},
        **{
            claim_node(c): "claim"
            for c in ("g1", "g2", "u", "w", "x", "y", "z", "f-gov", "f-union")
        },
    }
    assert expected == types


def test_node_attributes(graph: nx.MultiDiGraph) -> None:
    """Sources carry their root and shown bloc, claims their state and text, propositions their status."""
    expected = {
        source_node("ministry"): {
            "type": "source",
            "label": "ministry",
            "kind": "government",
            "bloc": "state",
            "root": "gov",
        },
        source_node("gov"): {
            "type": "source",
            "label": "The government",
            "kind": "government",
            "bloc": "state",
            "root": "gov",
        },
        source_node("wire"): {"type": "source", "label": "wire", "kind": "media", "root": "wire"},
        claim_node("g1"): {
            "type": "claim",
            "label": "gov: at most 20",
            "text": "at most 20",
            "state": "superseded",
            "date": "2011-12-17",
        },
        claim_node("g2"): {
            "type": "claim",
            "label": "ministry: 18",
            "text": "18",
            "state": "current",
            "date": "2011-12-20",
            "quote": "Eighteen died",
        },
        proposition_node("town"): {
            "type": "proposition",
            "label": "People killed in the town",
            "kind": "quantity",
            "status": "contested",
        },
    }
    assert expected == {node: graph.nodes[node] for node in expected}


def test_asserts_and_about_edges(graph: nx.MultiDiGraph) -> None:
    """A source asserts each of its claims; each claim is about its proposition."""
    expected = (
        [(source_node("gov"), claim_node(c)) for c in ("f-gov", "g1", "x")],
        [(claim_node(c), proposition_node("total")) for c in ("g1", "g2")],
    )
    asserts = [e for e in edges(graph, "asserts") if e[0] == source_node("gov")]
    about = [e for e in edges(graph, "about") if e[1] == proposition_node("total")]
    assert expected == (asserts, about)


def test_part_of_relays_and_cites_edges(graph: nx.MultiDiGraph) -> None:
    """Sources and propositions point to what contains them; relays and citations are kept."""
    expected = (
        [
            (proposition_node("town"), proposition_node("total")),
            (source_node("ministry"), source_node("gov")),
        ],
        [(source_node("wire"), claim_node("u"))],
        [(claim_node("w"), claim_node("u"))],
    )
    actual = (edges(graph, "part_of"), edges(graph, "relays"), edges(graph, "cites"))
    assert expected == actual


def test_supports_edges(graph: nx.MultiDiGraph) -> None:
    """A support runs from the supporter to the supported claim, with its flags."""
    expected = [
        (
            claim_node("f-gov"),
            claim_node("f-union"),
            {"relation": "supports", "independent": True, "cross_bloc": True},
        ),
        (
            claim_node("f-union"),
            claim_node("f-gov"),
            {"relation": "supports", "independent": True, "cross_bloc": True},
        ),
        (
            claim_node("w"),
            claim_node("u"),
            {"relation": "supports", "independent": False, "cross_bloc": False},
        ),
    ]
    assert expected == edge_data(graph, "supports")


def test_contradicts_edges(graph: nx.MultiDiGraph) -> None:
    """Part-whole pairs are one edge each; a joint contradiction links each pair of its claims."""
    found = edge_data(graph, "contradicts")
    actual = [(a, b, d["type"], d["independent"], d["vague"]) for a, b, d in found]
    expected = [
        (claim_node("u"), claim_node("g2"), "part-whole", True, False),
        (claim_node("w"), claim_node("g2"), "part-whole", True, False),
        (claim_node("x"), claim_node("y"), "joint", True, False),
        (claim_node("x"), claim_node("z"), "joint", True, False),
        (claim_node("y"), claim_node("z"), "joint", True, False),
    ]
    joint_groups = {d["group"] for _, _, d in found if d["type"] == "joint"}
    reasons = [d["reason"] for _, _, d in found if d["type"] == "part-whole"]
    expected_reasons = [
        "the part, at least 25, exceeds the whole, 18",
        "the part, at least 30, exceeds the whole, 18",
    ]
    assert (expected, 1, expected_reasons) == (actual, len(joint_groups), reasons)


def test_supersedes_edges(graph: nx.MultiDiGraph) -> None:
    """The current claim supersedes the earlier one of its root."""
    expected = [(claim_node("g2"), claim_node("g1"), {"relation": "supersedes", "changed": True})]
    assert expected == edge_data(graph, "supersedes")


def test_the_graph_takes_the_listing_limit() -> None:
    """With max_pairs 1 the graph lists one support per proposition, as the report does."""
    graph = to_networkx(reconcile(claimcheck.loads(CASE), max_pairs=1))
    assert [(claim_node("f-union"), claim_node("f-gov")), (claim_node("w"), claim_node("u"))] == (
        edges(graph, "supports")
    )


def test_components_of_the_contradiction_graph(graph: nx.MultiDiGraph) -> None:
    """Weakly connected components of the contradictions show who is at odds with whom."""
    contradictions = graph.edge_subgraph(
        (a, b, k) for a, b, k, r in graph.edges(keys=True, data="relation") if r == "contradicts"
    )
    components = sorted(sorted(c) for c in nx.weakly_connected_components(contradictions))
    expected = [
        [claim_node("g2"), claim_node("u"), claim_node("w")],
        [claim_node("x"), claim_node("y"), claim_node("z")],
    ]
    assert expected == components


def test_degree_centrality_of_sources(graph: nx.MultiDiGraph) -> None:
    """The government, with three claims and a ministry, is the most connected source."""
    centrality = nx.degree_centrality(graph)
    sources = [n for n, t in graph.nodes(data="type") if t == "source"]
    ranked = sorted(sources, key=lambda n: (-centrality[n], n))
    assert [source_node(s) for s in ("gov", "union", "wire", "ministry")] == ranked


def test_graphml_round_trip(graph: nx.MultiDiGraph) -> None:
    """GraphML written by networkx reads back with the same nodes and edges."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    buffer.seek(0)
    back = nx.read_graphml(buffer, force_multigraph=True)
    expected = (graph.number_of_nodes(), graph.number_of_edges(), "state")
    actual = (
        back.number_of_nodes(),
        back.number_of_edges(),
        back.nodes[source_node("gov")]["bloc"],
    )
    assert expected == actual


def test_gexf_round_trip(graph: nx.MultiDiGraph) -> None:
    """GEXF written by networkx reads back with the same nodes and edges."""
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    buffer.seek(0)
    back = nx.read_gexf(buffer)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        back.number_of_nodes(),
        back.number_of_edges(),
    )


def test_node_link_data_is_json(graph: nx.MultiDiGraph) -> None:
    """The node-link form is plain JSON."""
    data = nx.node_link_data(graph, edges="links")
    back = json.loads(json.dumps(data))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        len(back["nodes"]),
        len(back["links"]),
    )
