"""The reconciliation as a networkx graph, built only when asked for.

Nodes are ``source:<id>``, ``claim:<id>`` and ``proposition:<id>``, each
with a ``type`` attribute; edges carry a ``relation``:

========================  =======================================================
relation                  edge
========================  =======================================================
``asserts``               source -> claim it makes
``about``                 claim -> its proposition
``part_of``               source -> organisation; proposition -> containing one
``relays``                source in ``via`` -> claim it relayed
``cites``                 claim -> claim it is derived from
``supports``              supporting claim -> supported claim (``independent``,
                          ``cross_bloc``)
``contradicts``           claim -> claim (``type``, ``reason``, ``vague``,
                          ``independent``; a joint contradiction links each
                          pair of its claims and names its ``group``)
``supersedes``            current claim -> claim it superseded (``changed``)
========================  =======================================================

Attributes that would be ``None`` are left out, so that every networkx
writer accepts the graph.  The graph lists what the reconciliation lists:
supports and pair contradictions up to its ``max_pairs``.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from claimcheck._memory import builds_large
from claimcheck.logic import describe
from claimcheck.reconciliation import Reconciliation

__all__ = ["claim_node", "proposition_node", "source_node", "to_networkx"]


def source_node(id: str) -> str:
    """The node name of a source."""
    return f"source:{id}"


def claim_node(id: str) -> str:
    """The node name of a claim."""
    return f"claim:{id}"


def proposition_node(id: str) -> str:
    """The node name of a proposition."""
    return f"proposition:{id}"


def _attrs(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


@builds_large
def to_networkx(result: Reconciliation) -> nx.MultiDiGraph:
    """Build the graph of sources, claims, propositions and their relations.

    Raises:
        ValueError: If ``result`` covers only some propositions.

    Example:
        >>> import claimcheck
        >>> from claimcheck.reconciliation import reconcile
        >>> g = to_networkx(reconcile(claimcheck.load("fixtures/starter.yaml")))
        >>> g.nodes["claim:ministry-deaths"]["type"]
        'claim'
        >>> sorted({d["relation"] for _, _, d in g.edges(data=True)})[:3]
        ['about', 'asserts', 'contradicts']
    """
    result.check_whole("the graph")
    case = result.case
    graph = nx.MultiDiGraph(name=case.info.title or case.info.id or "claimcheck case")
    shown = {s.id: s for s in result.sources}
    for source in case.sources:
        graph.add_node(
            source_node(source.id),
            **_attrs(
                type="source",
                label=source.name or source.id,
                kind=source.kind,
                bloc=shown[source.id].bloc,
                root=shown[source.id].root,
            ),
        )
    for pr in result.propositions:
        prop = pr.proposition
        graph.add_node(
            proposition_node(prop.id),
            type="proposition",
            label=prop.text,
            kind=prop.kind,
            status=pr.status,
        )
    for claim in case.claims:
        prop = case.proposition(claim.proposition)
        graph.add_node(
            claim_node(claim.id),
            **_attrs(
                type="claim",
                label=f"{claim.source}: {describe(prop, claim.value)}",
                text=describe(prop, claim.value),
                state=result.states[claim.id],
                date=claim.date,
                quote=claim.quote,
            ),
        )
    for source in case.sources:
        if source.part_of is not None:
            graph.add_edge(source_node(source.id), source_node(source.part_of), relation="part_of")
    for prop in case.propositions:
        part_of = getattr(prop, "part_of", None)
        if part_of is not None:
            graph.add_edge(proposition_node(prop.id), proposition_node(part_of), relation="part_of")
    for claim in case.claims:
        node = claim_node(claim.id)
        graph.add_edge(source_node(claim.source), node, relation="asserts")
        graph.add_edge(node, proposition_node(claim.proposition), relation="about")
        for relay in claim.via:
            graph.add_edge(source_node(relay), node, relation="relays")
        for cited in claim.cites:
            graph.add_edge(node, claim_node(cited), relation="cites")
    for support in result.supports:
        graph.add_edge(
            claim_node(support.by),
            claim_node(support.claim),
            relation="supports",
            independent=support.independent,
            cross_bloc=support.cross_bloc,
        )
    for group, contradiction in enumerate(result.contradictions):
        pairs = (
            itertools.combinations(contradiction.claims, 2)
            if contradiction.type == "joint"
            else [contradiction.claims]
        )
        for a, b in pairs:
            graph.add_edge(
                claim_node(a),
                claim_node(b),
                relation="contradicts",
                type=contradiction.type,
                reason=contradiction.reason,
                vague=contradiction.vague,
                independent=contradiction.independent,
                group=group,
            )
    for revision in result.revisions:
        graph.add_edge(
            claim_node(revision.current),
            claim_node(revision.superseded),
            relation="supersedes",
            changed=revision.changed,
        )
    return graph
