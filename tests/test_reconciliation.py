"""Tests of claimcheck.reconciliation: the claim logic applied to a whole case."""

from __future__ import annotations

import itertools
import os
import textwrap
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import reconciliation, strategies
from claimcheck.logic import is_jointly_possible
from claimcheck.model import Case, Claim, QuantityProposition, Source
from claimcheck.reconciliation import (
    JOINT_LIMIT,
    Aggregates,
    Contradiction,
    Position,
    Reconciliation,
    Revision,
    SourceResult,
    Support,
    _JointTest,
    reconcile,
)
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    SequenceValue,
    Value,
)

D = Decimal
FIXTURE = Path(__file__).parent.parent / "fixtures" / "zhanaozen-2011.yaml"

#: Every case below draws on these sources.  ``ministry`` and ``defector``
#: speak for ``gov``; ``defector`` shows its own bloc, but the claim logic
#: uses its root's.  ``columnist`` shows a bloc under a root without one.
SOURCES = """\
sources:
  - {id: gov, kind: government, bloc: state}
  - {id: ministry, kind: government, part_of: gov}
  - {id: defector, kind: government, part_of: ministry, bloc: workers}
  - {id: union, kind: opposition, bloc: workers}
  - {id: rights, kind: ngo, bloc: workers}
  - {id: wire, kind: media}
  - {id: paper, kind: media}
  - {id: columnist, kind: media, part_of: paper, bloc: state}
  - {id: ngo, kind: ngo}
  - {id: tv, kind: media}
"""

DEATHS = "{id: p, kind: quantity, text: People killed, unit: people}"
KM = "{id: p, kind: quantity, text: Distance, unit: km, integer: false}"
FIRED = "{id: p, kind: assertion, text: The police fired}"
LETTER = "{id: p, kind: category, text: Which letter, values: [a, b, c, d]}"
ORDER = "{id: p, kind: sequence, text: What came first, events: {a: A, b: B, c: C, d: D}}"


def case_of(body: str) -> Case:
    """A case of the shared sources and ``body`` (propositions and claims, as YAML)."""
    return claimcheck.loads("claimcheck: 1\n" + SOURCES + textwrap.dedent(body))


def one(proposition: str, *claims: str) -> Case:
    """A case of one proposition ``p``; each claim is a flow mapping's keys."""
    lines = "".join(f"  - {{proposition: p, {c}}}\n" for c in claims)
    return case_of(f"propositions:\n  - {proposition}\nclaims:\n{lines or '  []'}\n")


def run(proposition: str, *claims: str, max_pairs: int = 10_000) -> Reconciliation:
    """Reconcile a case of one proposition ``p``."""
    return reconcile(one(proposition, *claims), max_pairs=max_pairs)


def support_pairs(result: Reconciliation) -> list[tuple[str, str]]:
    """The listed supports as (supported, supporter) ids."""
    return [(s.claim, s.by) for s in result.supports]


def contradiction_claims(result: Reconciliation) -> list[tuple[str, ...]]:
    """The claims of each listed contradiction."""
    return [c.claims for c in result.contradictions]


# -- provenance -------------------------------------------------------------------


def test_roots_and_shown_blocs() -> None:
    """A source's root tops its chain; its shown bloc is its own, else its nearest ancestor's."""
    result = run(FIRED)
    expected = {
        "gov": ("gov", "state"),
        "ministry": ("gov", "state"),
        "defector": ("gov", "workers"),
        "union": ("union", "workers"),
        "wire": ("wire", None),
        "paper": ("paper", None),
        "columnist": ("paper", "state"),
    }
    actual = {s.id: (s.root, s.bloc) for s in result.sources if s.id in expected}
    assert expected == actual


def test_origins_follow_cites_retracted_ones_included() -> None:
    """A citing claim's origins are those of what it cites, even a retracted claim."""
    result = run(
        FIRED,
        "id: u, source: union, value: true, retracted: true",
        "id: g, source: gov, value: true",
        "id: w, source: wire, value: true, cites: [u]",
        "id: n, source: ngo, value: true, cites: [w]",
        "id: t, source: tv, value: true, cites: [w, g]",
    )
    expected = {
        "u": {"union"},
        "g": {"gov"},
        "w": {"union"},
        "n": {"union"},
        "t": {"union", "gov"},
    }
    assert expected == {k: set(v) for k, v in result.origins.items()}


def test_a_derivative_claim_adds_no_evidence() -> None:
    """A wire story citing the union is no second witness: support stays 1."""
    result = run(
        DEATHS,
        "id: u, source: union, value: 11",
        "id: w, source: wire, value: 11, cites: [u]",
    )
    expected = (
        [Support("p", "u", "w", False, False), Support("p", "w", "u", False, False)],
        {"u": 1, "w": 1},
        "single-source",
    )
    actual = (list(result.supports), dict(result.support), result.proposition("p").status)
    assert expected == actual


def test_a_relay_is_recorded_but_not_counted() -> None:
    """A claim that reached us via the wire is still independent of the wire's own claim."""
    result = run(
        FIRED,
        "id: u, source: union, value: true, via: [wire]",
        "id: w, source: wire, value: true",
    )
    expected = (
        [Support("p", "u", "w", True, False), Support("p", "w", "u", True, False)],
        {"u": frozenset({"union"}), "w": frozenset({"wire"})},
        "corroborated",
    )
    actual = (list(result.supports), dict(result.origins), result.proposition("p").status)
    assert expected == actual


def test_claims_of_one_root_are_never_independent() -> None:
    """The government and its ministry are one voice."""
    result = run(FIRED, "id: g, source: gov, value: true", "id: m, source: ministry, value: true")
    expected = (
        [Support("p", "g", "m", False, False), Support("p", "m", "g", False, False)],
        "single-source",
    )
    assert expected == (list(result.supports), result.proposition("p").status)


def test_independence_needs_disjoint_origins_as_well_as_different_roots() -> None:
    """Different roots are not enough when one claim cites the other's root."""
    result = run(
        FIRED,
        "id: g, source: gov, value: true",
        "id: u, source: union, value: true",
        "id: t, source: tv, value: true, cites: [g]",
    )
    independent = {(s.claim, s.by): s.independent for s in result.supports}
    expected = {"g-u": True, "g-t": False, "u-t": True}
    actual = {
        "g-u": independent[("g", "u")],
        "g-t": independent[("g", "t")],
        "u-t": independent[("u", "t")],
    }
    assert expected == actual


def test_a_supporter_of_the_same_root_can_still_add_an_origin() -> None:
    """The ministry citing the union adds the union's origin, and concedes across blocs."""
    result = run(
        FIRED,
        "id: u, source: union, value: true, retracted: true",
        "id: g, source: gov, value: true",
        "id: m, source: ministry, value: true, cites: [u]",
    )
    expected = (
        {"g": 2, "m": 2},
        [Support("p", "g", "m", False, True), Support("p", "m", "g", False, True)],
        "corroborated",
    )
    actual = (dict(result.support), list(result.supports), result.proposition("p").status)
    assert expected == actual


def test_cross_bloc_uses_the_blocs_of_roots() -> None:
    """The defector speaks for the state; the columnist's paper has no bloc."""
    result = run(
        FIRED,
        "id: g, source: gov, value: true",
        "id: u, source: union, value: true",
        "id: d, source: defector, value: true",
        "id: c, source: columnist, value: true",
        "id: w, source: wire, value: true",
    )
    cross = {(s.claim, s.by): s.cross_bloc for s in result.supports}
    expected = {
        ("g", "u"): True,
        ("u", "g"): True,
        ("d", "u"): True,
        ("u", "d"): True,
        ("g", "d"): False,
        ("c", "u"): False,
        ("u", "c"): False,
        ("w", "g"): False,
    }
    assert expected == {pair: cross[pair] for pair in expected}


def test_cross_bloc_needs_a_bloc_for_every_origin_and_no_shared_bloc() -> None:
    """An origin without a bloc, or a bloc on both sides, is no concession."""
    result = run(
        FIRED,
        "id: g, source: gov, value: true",
        "id: u, source: union, value: true, retracted: true",
        "id: w, source: wire, value: true, retracted: true",
        "id: r, source: rights, value: true",
        "id: state-only, source: tv, value: true, cites: [g]",
        "id: state-and-wire, source: tv, value: true, cites: [g, w]",
        "id: state-and-workers, source: tv, value: true, cites: [g, u]",
    )
    cross = {(s.claim, s.by): s.cross_bloc for s in result.supports}
    expected = {"state-only": True, "state-and-wire": False, "state-and-workers": False}
    assert expected == {by: cross[("r", by)] for by in expected}


# -- revisions --------------------------------------------------------------------


def test_the_latest_dated_claim_of_a_root_is_current() -> None:
    """The government's later figure supersedes its earlier one; undated claims stay current."""
    result = run(
        DEATHS,
        "id: g1, source: gov, value: 11, date: 2011-12-17",
        "id: g2, source: ministry, value: 12, date: 2011-12-20",
        "id: g3, source: defector, value: 15",
        "id: u1, source: union, value: 11, date: 2011-12-17",
    )
    prop = result.proposition("p")
    expected = (
        {"g1": "superseded", "g2": "current", "g3": "current", "u1": "current"},
        (Revision("p", "g1", "g2", True),),
        ("g1", "g2", "g3", "u1"),
        ("g2", "g3", "u1"),
        [("g2", "g3"), ("g2", "u1"), ("g3", "u1")],
    )
    actual = (
        dict(result.states),
        result.revisions,
        prop.claims,
        prop.current,
        contradiction_claims(result),
    )
    assert expected == actual


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("eleven", 11, False),
        ("dozens", "{min: 12, max: 99}", False),
        ("at least 14", "14+", False),
        (11, 12, True),
        ("at least 14", 20, True),
    ],
)
def test_a_revision_says_whether_the_value_changed(old: object, new: object, changed: bool) -> None:
    """``changed`` is false exactly when the two values are equivalent."""
    result = run(
        DEATHS,
        f"id: old, source: gov, value: {old}, date: 2011",
        f"id: new, source: gov, value: {new}, date: 2012",
    )
    assert (Revision("p", "old", "new", changed),) == result.revisions


def test_claims_tied_at_the_latest_date_are_all_current() -> None:
    """2011, 2011-01 and 2011-01-01 are the same day; the earlier claim is superseded by each."""
    result = run(
        FIRED,
        "id: g0, source: gov, value: false, date: 2010-06-30",
        "id: g1, source: gov, value: true, date: 2011",
        "id: g2, source: ministry, value: true, date: 2011-01",
        "id: g3, source: defector, value: true, date: 2011-01-01",
    )
    expected = (
        {"g0": "superseded", "g1": "current", "g2": "current", "g3": "current"},
        (
            Revision("p", "g0", "g1", True),
            Revision("p", "g0", "g2", True),
            Revision("p", "g0", "g3", True),
        ),
    )
    assert expected == (dict(result.states), result.revisions)


def test_revisions_are_per_proposition() -> None:
    """A later claim about another proposition supersedes nothing."""
    result = reconcile(
        case_of("""
        propositions:
          - {id: p, kind: assertion, text: It happened}
          - {id: q, kind: assertion, text: It was planned}
        claims:
          - {id: a, source: gov, proposition: p, value: true, date: 2011}
          - {id: b, source: gov, proposition: q, value: false, date: 2012}
        """)
    )
    expected = ({"a": "current", "b": "current"}, ())
    assert expected == (dict(result.states), result.revisions)


def test_a_retracted_claim_takes_no_part() -> None:
    """Retracted claims are listed but never current, and supersede nothing."""
    result = run(
        DEATHS,
        "id: g1, source: gov, value: 11, date: 2011-12-17",
        "id: g2, source: gov, value: at least 100, date: 2011-12-20, retracted: true",
        "id: u, source: union, value: 11",
        "id: w, source: wire, value: at least 50, retracted: true",
    )
    prop = result.proposition("p")
    eleven = QuantityValue(Interval(D(11), D(11)))
    expected: tuple[object, ...] = (
        {"g1": "current", "g2": "retracted", "u": "current", "w": "retracted"},
        ("g1", "g2", "u", "w"),
        ("g1", "u"),
        "corroborated",
        [("g1", "u"), ("u", "g1")],
        [],
        (),
        eleven,
        (Position(("g1", "u"), 2, eleven),),
        Aggregates(D(11), D(11), D(11), Interval(D(11), D(11))),
        {"g1": 2, "u": 2},
    )
    actual = (
        dict(result.states),
        prop.claims,
        prop.current,
        prop.status,
        support_pairs(result),
        contradiction_claims(result),
        result.revisions,
        prop.common_ground,
        prop.positions,
        prop.aggregates,
        dict(result.support),
    )
    assert expected == actual


def test_a_retracted_contradiction_does_not_contest() -> None:
    """The union withdrew its denial, so nothing contradicts the government."""
    result = run(
        FIRED,
        "id: g, source: gov, value: true",
        "id: u, source: union, value: false, retracted: true",
    )
    prop = result.proposition("p")
    expected: tuple[str, list[tuple[str, ...]], int] = ("single-source", [], 0)
    assert expected == (
        prop.status,
        contradiction_claims(result),
        result.number_of_contradictions,
    )


# -- statuses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (("source: gov, value: 11", "source: union, value: at least 14"), "contested"),
        (("source: gov, value: 11", "source: union, value: at least 10"), "corroborated"),
        (("source: gov, value: at least 10", "source: union, value: at most 20"), "consistent"),
        (("source: gov, value: 11", "source: ministry, value: at least 10"), "single-source"),
        (("source: union, value: 11",), "single-source"),
        (("source: union, value: 11, retracted: true",), "unclaimed"),
        ((), "unclaimed"),
    ],
)
def test_status(claims: tuple[str, ...], expected: str) -> None:
    """Contested, else corroborated, else consistent, else single-source, else unclaimed."""
    numbered = [f"id: c{i}, {c}" for i, c in enumerate(claims)]
    assert expected == run(DEATHS, *numbered).proposition("p").status


def test_contested_outranks_corroborated() -> None:
    """Two agreeing sources and one dissenting: contested."""
    result = run(
        DEATHS,
        "id: a, source: gov, value: 11",
        "id: b, source: wire, value: 11",
        "id: c, source: union, value: dozens",
    )
    expected = ("contested", {"a": 2, "b": 2, "c": 1})
    assert expected == (
        result.proposition("p").status,
        dict(result.support),
    )


# -- part-whole -------------------------------------------------------------------

PARTS = """
propositions:
  - {id: total, kind: quantity, text: People killed in the region, unit: people}
  - {id: town, kind: quantity, text: People killed in the town, unit: people, part_of: total}
  - {id: square, kind: quantity, text: People killed on the square, unit: people, part_of: town}
claims:
"""


def test_a_part_exceeding_its_whole_contradicts() -> None:
    """At least 25 killed in the town cannot be part of at most 20 in the region."""
    result = reconcile(
        case_of(
            PARTS
            + """
          - {id: g, source: gov, proposition: total, value: at most 20}
          - {id: u, source: union, proposition: town, value: at least 25}
        """
        )
    )
    expected = (
        [
            Contradiction(
                "part-whole",
                ("town", "total"),
                ("u", "g"),
                True,
                False,
                "the part, at least 25, exceeds the whole, at most 20",
            )
        ],
        {"total": "contested", "town": "contested", "square": "unclaimed"},
        1,
    )
    actual = (
        list(result.contradictions),
        {p.proposition.id: p.status for p in result.propositions},
        result.number_of_contradictions,
    )
    assert expected == actual


def test_a_part_equal_to_its_whole_does_not_contradict() -> None:
    """Twenty of at most twenty is possible."""
    result = reconcile(
        case_of(
            PARTS
            + """
          - {id: g, source: gov, proposition: total, value: at most 20}
          - {id: u, source: union, proposition: town, value: 20}
        """
        )
    )
    expected: tuple[list[Contradiction], dict[str, str]] = (
        [],
        {"total": "single-source", "town": "single-source", "square": "unclaimed"},
    )
    actual = (
        list(result.contradictions),
        {p.proposition.id: p.status for p in result.propositions},
    )
    assert expected == actual


def test_part_of_is_transitive() -> None:
    """The square is part of the region through the town."""
    result = reconcile(
        case_of(
            PARTS
            + """
          - {id: g, source: gov, proposition: total, value: at most 20}
          - {id: w, source: wire, proposition: town, value: at least 1}
          - {id: u, source: union, proposition: square, value: hundreds}
        """
        )
    )
    expected = (
        [(("square", "total"), ("u", "g"), True)],
        {"total": "contested", "town": "single-source", "square": "contested"},
    )
    actual = (
        [(c.propositions, c.claims, c.vague) for c in result.contradictions],
        {p.proposition.id: p.status for p in result.propositions},
    )
    assert expected == actual


@pytest.mark.parametrize(("part", "contradicts"), [("more than 10", True), ("at least 10", False)])
def test_part_whole_with_open_bounds(part: str, contradicts: bool) -> None:
    """Over 10 km cannot lie within at most 10 km; at least 10 km can."""
    result = reconcile(
        case_of(f"""
        propositions:
          - {{id: road, kind: quantity, text: Road, unit: km, integer: false}}
          - {{id: stretch, kind: quantity, text: Stretch, unit: km, integer: false, part_of: road}}
        claims:
          - {{id: g, source: gov, proposition: road, value: at most 10}}
          - {{id: u, source: union, proposition: stretch, value: {part}}}
        """)
    )
    assert contradicts == (result.number_of_contradictions == 1)


# -- joint contradictions ----------------------------------------------------------


def test_three_any_of_claims_contradict_jointly() -> None:
    """{a,b}, {b,c} and {a,c} meet pairwise but not all together."""
    result = run(
        LETTER,
        "id: x, source: gov, value: {any_of: [a, b]}",
        "id: y, source: union, value: {any_of: [b, c]}",
        "id: z, source: wire, value: {any_of: [a, c]}",
    )
    expected = (
        [
            Contradiction(
                "joint",
                ("p",),
                ("x", "y", "z"),
                True,
                False,
                "no single value fits all of 'one of a, b', 'one of b, c' and 'one of a, c'",
            )
        ],
        "contested",
        1,
    )
    actual = (
        list(result.contradictions),
        result.proposition("p").status,
        result.number_of_contradictions,
    )
    assert expected == actual


def test_a_cycle_through_three_sequence_claims_contradicts_jointly() -> None:
    """a<b, b<c and c<a: each pair is possible, the three are not."""
    result = run(
        ORDER,
        "id: x, source: gov, value: [a, b]",
        "id: y, source: union, value: [b, c]",
        "id: z, source: wire, value: [c, a]",
    )
    expected = [
        Contradiction(
            "joint",
            ("p",),
            ("x", "y", "z"),
            True,
            False,
            "the orders 'a before b', 'b before c' and 'c before a' together form a cycle",
        )
    ]
    assert expected == list(result.contradictions)


def test_only_minimal_joint_contradictions_are_listed() -> None:
    """{x,y,z} and {w,y,z} are minimal; their union is not listed."""
    result = run(
        LETTER,
        "id: x, source: gov, value: {any_of: [a, b]}",
        "id: y, source: union, value: {any_of: [b, c]}",
        "id: z, source: wire, value: {any_of: [a, c]}",
        "id: w, source: ngo, value: {any_of: [a, b, d]}",
    )
    expected = [("w", "y", "z"), ("x", "y", "z")]
    assert expected == contradiction_claims(result)


def test_a_larger_impossible_set_holding_a_joint_contradiction_is_not_listed() -> None:
    """a<b, d<a, b<c, c<a: all four are impossible, but so are three of them."""
    result = run(
        ORDER,
        "id: c1, source: gov, value: [a, b]",
        "id: c2, source: union, value: [d, a]",
        "id: c3, source: wire, value: [b, c]",
        "id: c4, source: ngo, value: [c, a]",
    )
    assert [("c1", "c3", "c4")] == contradiction_claims(result)


def test_a_set_holding_a_pair_contradiction_is_not_joint() -> None:
    """{a,b}, {b,c}, {c,d}, {d,a}: the impossible triples all hold a contradicting pair."""
    result = run(
        LETTER,
        "id: x, source: gov, value: {any_of: [a, b]}",
        "id: y, source: union, value: {any_of: [b, c]}",
        "id: z, source: wire, value: {any_of: [c, d]}",
        "id: w, source: ngo, value: {any_of: [d, a]}",
    )
    expected = [("pair", ("w", "y")), ("pair", ("x", "z"))]
    assert expected == [(c.type, c.claims) for c in result.contradictions]


def test_claims_with_one_value_each_form_their_own_joint_contradiction() -> None:
    """Two claims of {a,b} give two minimal sets with the others."""
    result = run(
        LETTER,
        "id: x1, source: gov, value: {any_of: [a, b]}",
        "id: x2, source: tv, value: {any_of: [b, a]}",
        "id: y, source: union, value: {any_of: [b, c]}",
        "id: z, source: wire, value: {any_of: [a, c]}",
    )
    expected = [("x1", "y", "z"), ("x2", "y", "z")]
    assert expected == contradiction_claims(result)


def test_a_joint_contradiction_is_independent_when_every_pair_is() -> None:
    """The government and its ministry are not independent of each other."""
    result = run(
        LETTER,
        "id: x, source: gov, value: {any_of: [a, b]}",
        "id: y, source: ministry, value: {any_of: [b, c]}",
        "id: z, source: wire, value: {any_of: [a, c]}",
    )
    expected = [False]
    assert expected == [c.independent for c in result.contradictions]


def test_joint_contradictions_are_cut_at_the_limit() -> None:
    """5 x 5 x 5 minimal sets: 100 listed, the proposition says it was cut."""
    claims = [
        f"id: {name}{i}, source: {source}, value: {{any_of: [{leaves}]}}"
        for name, source, leaves in (
            ("x", "gov", "a, b"),
            ("y", "union", "b, c"),
            ("z", "wire", "a, c"),
        )
        for i in range(5)
    ]
    result = run(LETTER, *claims)
    prop = result.proposition("p")
    expected = (JOINT_LIMIT, True, "contested", JOINT_LIMIT)
    actual = (
        len(prop.contradictions),
        prop.truncated,
        prop.status,
        result.number_of_contradictions,
    )
    assert expected == actual


def test_the_joint_contradictions_listed_are_the_first_in_sorted_order() -> None:
    """Of 125 minimal sets, the 100 listed are the first by their sorted claim ids."""
    # Claim c{i}{k} takes value k: the sets' ids interleave across the three values.
    leaves = ["a, b", "b, c", "a, c"]
    sources = ["gov", "union", "wire"]
    claims = [
        f"id: c{i}{k}, source: {sources[k]}, value: {{any_of: [{leaves[k]}]}}"
        for i in range(5)
        for k in range(3)
    ]
    result = run(LETTER, *claims)
    every = sorted(
        tuple(sorted((f"c{i}0", f"c{j}1", f"c{k}2")))
        for i, j, k in itertools.product(range(5), repeat=3)
    )
    assert every[:JOINT_LIMIT] == contradiction_claims(result)


def test_the_status_does_not_depend_on_the_joint_search_finishing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A search stopped before finding anything still leaves the proposition contested."""
    monkeypatch.setattr(reconciliation, "_JOINT_SEARCH_BUDGET", 0)
    result = run(
        ORDER,
        "id: x, source: gov, value: [a, b]",
        "id: y, source: union, value: [b, c]",
        "id: z, source: wire, value: [c, a]",
    )
    prop = result.proposition("p")
    assert ("contested", True, ()) == (prop.status, prop.truncated, prop.contradictions)


def test_quantities_have_no_joint_contradictions() -> None:
    """Intervals that meet pairwise meet all together."""
    result = run(
        DEATHS,
        "id: x, source: gov, value: 10 to 20",
        "id: y, source: union, value: 15 to 30",
        "id: z, source: wire, value: 18 to 40",
    )
    expected: tuple[list[Contradiction], str] = ([], "consistent")
    assert expected == (list(result.contradictions), result.proposition("p").status)


# -- pair contradictions ----------------------------------------------------------


def test_pair_contradiction_reason_and_vague() -> None:
    """The reason shows each phrase beside its interval when they differ; vague words are flagged."""
    result = run(
        DEATHS,
        "id: g, source: gov, value: 11",
        "id: o, source: union, value: dozens",
        "id: a, source: wire, value: at least 14 people",
        "id: n, source: ngo, value: about 10",
    )
    expected = [
        (("a", "g"), False, "11 is below at least 14"),
        (("a", "n"), False, "about 10 (9 to 11) is below at least 14"),
        (("g", "o"), True, "11 is below dozens (12 to 99)"),
        (("n", "o"), True, "about 10 (9 to 11) is below dozens (12 to 99)"),
    ]
    assert expected == [(c.claims, c.vague, c.reason) for c in result.contradictions]


@pytest.mark.parametrize(
    ("proposition", "a", "b", "reason"),
    [
        (FIRED, "true", "false", "true excludes false"),
        (LETTER, "a", "{any_of: [b, c]}", "a excludes one of b, c"),
        (ORDER, "[a, b]", "[b, a]", "a before b cannot hold together with b before a"),
    ],
)
def test_pair_contradiction_reason_for_other_kinds(
    proposition: str, a: str, b: str, reason: str
) -> None:
    """Categories, sequences and assertions give a reason too."""
    result = run(
        proposition, f"id: x, source: gov, value: {a}", f"id: y, source: union, value: {b}"
    )
    assert [reason] == [c.reason for c in result.contradictions]


# -- supports ---------------------------------------------------------------------


def test_equal_values_support_each_other_both_ways() -> None:
    """The state's 11 and the union's 11 support each other, across blocs."""
    result = run(DEATHS, "id: a, source: gov, value: 11", "id: b, source: union, value: eleven")
    expected = (
        [Support("p", "a", "b", True, True), Support("p", "b", "a", True, True)],
        {"a": 2, "b": 2},
    )
    assert expected == (list(result.supports), dict(result.support))


def test_equivalent_values_written_differently_support_each_other_both_ways() -> None:
    """Dozens and {min: 12, max: 99} are the same set, whatever the wording."""
    result = run(
        DEATHS,
        "id: a, source: gov, value: dozens",
        "id: b, source: union, value: {min: 12, max: 99}",
        "id: c, source: wire, value: {low: 12, best: 20, high: 99}",
    )
    expected = (
        [("a", "b"), ("a", "c"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "b")],
        {"a": 3, "b": 3, "c": 3},
        6,
    )
    actual = (support_pairs(result), dict(result.support), result.number_of_supports)
    assert expected == actual


def test_an_entailing_value_supports_one_way() -> None:
    """11 supports at least 10; at least 10 does not support 11."""
    result = run(DEATHS, "id: a, source: gov, value: 11", "id: b, source: wire, value: at least 10")
    expected = ([Support("p", "b", "a", True, False)], {"a": 1, "b": 2})
    assert expected == (list(result.supports), dict(result.support))


def test_independent_support_counts_distinct_origins_of_entailing_claims() -> None:
    """At least 5 is entailed by all four claims, but they have two origins."""
    result = run(
        DEATHS,
        "id: a, source: gov, value: 11",
        "id: b, source: ministry, value: at least 10",
        "id: c, source: union, value: at least 5",
        "id: d, source: wire, value: at least 5, cites: [a]",
    )
    expected = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert expected == dict(result.support)


def test_compatible_values_do_not_support() -> None:
    """At least 10 and at most 20 overlap, but neither entails the other."""
    result = run(
        DEATHS,
        "id: a, source: gov, value: at least 10",
        "id: b, source: union, value: at most 20",
    )
    expected: tuple[list[Support], dict[str, int]] = ([], {"a": 1, "b": 1})
    assert expected == (list(result.supports), dict(result.support))


def test_category_and_sequence_supports() -> None:
    """Police entails the security forces; a<b<c entails a<c."""
    result = reconcile(
        case_of("""
        propositions:
          - {id: who, kind: category, text: Who, values: {side: [x, y], forces: [police, army]}}
          - {id: order, kind: sequence, text: Order, events: {a: A, b: B, c: C}}
        claims:
          - {id: police, source: gov, proposition: who, value: police}
          - {id: forces, source: union, proposition: who, value: forces}
          - {id: abc, source: gov, proposition: order, value: [a, b, c]}
          - {id: ac, source: union, proposition: order, value: [a, c]}
        """)
    )
    expected = [("forces", "police"), ("ac", "abc")]
    assert expected == support_pairs(result)


# -- positions and common ground -------------------------------------------------


def test_quantity_positions_are_maximal_groups_sorted_by_interval() -> None:
    """0-10 and 5-15 share 5-10; 5-15, 12-20 and 13 share 13."""
    result = run(
        DEATHS,
        "id: a, source: gov, value: 0 to 10",
        "id: b, source: union, value: 5 to 15",
        "id: c, source: wire, value: 12 to 20",
        "id: d, source: ngo, value: 13",
        "id: e, source: ministry, value: 5 to 15",
    )
    expected = (
        Position(("a", "b", "e"), 2, QuantityValue(Interval(D(5), D(10)))),
        Position(("b", "c", "d", "e"), 4, QuantityValue(Interval(D(13), D(13)))),
    )
    assert expected == result.proposition("p").positions


@pytest.mark.parametrize(("low_claim", "groups"), [("less than 10", 2), ("at most 10", 1)])
def test_quantity_positions_respect_open_bounds(low_claim: str, groups: int) -> None:
    """Below 10 km and at least 10 km cannot both be true; at most 10 and at least 10 can."""
    result = run(
        KM, f"id: a, source: gov, value: {low_claim}", "id: b, source: union, value: at least 10"
    )
    positions = result.proposition("p").positions
    assert positions is not None
    assert groups == len(positions)


def test_category_positions() -> None:
    """{a,b} and {b,c} can both be true (b); so can {b,c} and c."""
    result = run(
        LETTER,
        "id: x, source: gov, value: {any_of: [a, b]}",
        "id: y, source: union, value: {any_of: [b, c]}",
        "id: z, source: wire, value: c",
    )
    expected = (
        Position(("x", "y"), 2, CategoryValue({"b"})),
        Position(("y", "z"), 2, CategoryValue({"c"})),
    )
    assert expected == result.proposition("p").positions


def test_assertion_positions() -> None:
    """The true claims stand together, sorted by claim ids; origins count roots."""
    result = run(
        FIRED,
        "id: t1, source: gov, value: true",
        "id: t2, source: ministry, value: true",
        "id: f, source: union, value: false",
    )
    expected = (
        Position(("f",), 1, AssertionValue(False)),
        Position(("t1", "t2"), 1, AssertionValue(True)),
    )
    assert expected == result.proposition("p").positions


def test_sequence_positions() -> None:
    """a<b and b<a split the claims; a<c goes with either."""
    result = run(
        ORDER,
        "id: x, source: gov, value: [a, b]",
        "id: y, source: union, value: [b, a]",
        "id: z, source: wire, value: [a, c]",
    )
    expected = (
        Position(("x", "z"), 2, SequenceValue({("a", "b"), ("a", "c")})),
        Position(("y", "z"), 2, SequenceValue({("b", "a"), ("a", "c")})),
    )
    assert expected == result.proposition("p").positions


@pytest.mark.parametrize(("n", "omitted"), [(16, False), (17, True)])
def test_sequence_positions_are_omitted_over_sixteen_claims(n: int, omitted: bool) -> None:
    """More than 16 current sequence claims: positions are omitted."""
    claims = [f"id: c{i:02d}, source: wire, value: [a, b]" for i in range(n)]
    result = run(ORDER, *claims)
    assert omitted == (result.proposition("p").positions is None)


def test_sixteen_compatible_sequence_claims_stand_together() -> None:
    """A chain of sixteen orders that all fit is one position, and no joint contradiction."""
    events = ", ".join(f"e{i}: E{i}" for i in range(17))
    chain = f"{{id: p, kind: sequence, text: Order, events: {{{events}}}}}"
    claims = [f"id: c{i:02d}, source: wire, value: [e{i}, e{i + 1}]" for i in range(16)]
    result = run(chain, *claims)
    prop = result.proposition("p")
    positions = prop.positions or ()
    expected: tuple[list[tuple[str, ...]], list[Contradiction]] = (
        [tuple(f"c{i:02d}" for i in range(16))],
        [],
    )
    assert expected == ([p.claims for p in positions], list(prop.contradictions))


@pytest.mark.parametrize(
    ("proposition", "values", "expected"),
    [
        (DEATHS, ["11", "dozens", "at least 14"], QuantityValue(Interval(D(11)))),
        (LETTER, ["a", "{any_of: [a, b]}"], CategoryValue({"a", "b"})),
        (ORDER, ["[a, b, c]", "[[a, c], [d, c]]"], SequenceValue({("a", "c")})),
        (FIRED, ["true", "true"], AssertionValue(True)),
        (FIRED, ["true", "false"], None),
    ],
)
def test_common_ground(proposition: str, values: list[str], expected: object) -> None:
    """What every current claim entails."""
    claims = [f"id: c{i}, source: wire, value: {v}" for i, v in enumerate(values)]
    assert expected == run(proposition, *claims).proposition("p").common_ground


# -- aggregates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "point"),
    [
        ("{low: 11, best: 14, high: 20}", 14),
        ("11", 11),
        ("{min: 11, max: 11}", 11),
        ("about 100", 100),
        ("nearly 50", 50),
        ("dozens", 12),
        ("more than 14", 15),
        ("at least 14", 14),
        ("up to 20", 20),
        ("fewer than 20", 19),
        ("between 0 and 10", 10),
        ("at least 0", 0),
    ],
)
def test_the_point_of_a_claim(written: str, point: int) -> None:
    """best; exact; about/nearly's number; low above zero after closing; finite high; low."""
    aggregates = run(DEATHS, f"id: c, source: gov, value: {written}").proposition("p").aggregates
    assert aggregates is not None
    assert (D(point),) * 3 == (
        aggregates.conservative,
        aggregates.informative,
        aggregates.representative,
    )


def test_aggregation_policies() -> None:
    """Least point, greatest point, representative and the range across claims."""
    result = run(
        DEATHS,
        "id: g, source: gov, value: 11",
        "id: o, source: union, value: dozens",
        "id: a, source: wire, value: at least 14",
    )
    expected = Aggregates(D(11), D(14), D(11), Interval(D(11)))
    assert expected == result.proposition("p").aggregates


@pytest.mark.parametrize(
    ("claims", "representative"),
    [
        (("source: gov, value: 11", "source: union, value: 20", "source: wire, value: 20"), 20),
        (
            (
                "source: gov, value: 11",
                "source: union, value: 20",
                "source: wire, value: at least 15",
            ),
            15,
        ),
        (("source: gov, value: 20", "source: union, value: 11"), 11),
    ],
)
def test_representative_point(claims: tuple[str, ...], representative: int) -> None:
    """Most claims; then the greatest independent support; then the lower value."""
    numbered = [f"id: c{i}, {c}" for i, c in enumerate(claims)]
    aggregates = run(DEATHS, *numbered).proposition("p").aggregates
    assert aggregates is not None
    assert D(representative) == aggregates.representative


def test_aggregates_only_for_quantities_with_current_claims() -> None:
    """No current claim, no aggregates; no aggregates for other kinds."""
    actual = (
        run(DEATHS).proposition("p").aggregates,
        run(FIRED, "id: c, source: gov, value: true").proposition("p").aggregates,
    )
    expected = (None, None)
    assert expected == actual


def test_non_integer_aggregates_keep_open_bounds() -> None:
    """More than 2.5 km counts as 2.5; the range keeps the open bound."""
    result = run(KM, "id: a, source: gov, value: more than 2.5", "id: b, source: union, value: 3")
    expected = Aggregates(D("2.5"), D(3), D("2.5"), Interval(D("2.5"), None, low_open=True))
    assert expected == result.proposition("p").aggregates


# -- max_pairs ---------------------------------------------------------------------

FOUR_ELEVENS = (
    "id: a, source: gov, value: 11",
    "id: b, source: union, value: 11",
    "id: c, source: wire, value: 11",
    "id: d, source: ngo, value: 11",
)


def test_max_pairs_lists_the_first_supports_in_sorted_order() -> None:
    """Twelve supports, five listed; the count and the status stay exact."""
    result = run(DEATHS, *FOUR_ELEVENS, max_pairs=5)
    prop = result.proposition("p")
    expected = (
        [("a", "b"), ("a", "c"), ("a", "d"), ("b", "a"), ("b", "c")],
        True,
        12,
        "corroborated",
    )
    actual = (support_pairs(result), prop.truncated, result.number_of_supports, prop.status)
    assert expected == actual


def test_max_pairs_cuts_pair_contradictions_too() -> None:
    """Six contradictions, two listed, six counted."""
    claims = (
        "id: a, source: gov, value: 11",
        "id: b, source: union, value: 11",
        "id: c, source: wire, value: 11",
        "id: d, source: ngo, value: 20",
        "id: e, source: tv, value: 20",
    )
    result = run(DEATHS, *claims, max_pairs=2)
    prop = result.proposition("p")
    expected = ([("a", "d"), ("a", "e")], 6, True, "contested", 8)
    actual = (
        contradiction_claims(result),
        result.number_of_contradictions,
        prop.truncated,
        prop.status,
        result.number_of_supports,
    )
    assert expected == actual


INTERLEAVED = (
    "id: a, source: gov, value: at least 10",
    "id: b, source: union, value: 11",
    "id: c, source: wire, value: 20",
    "id: d, source: ngo, value: 11",
    "id: e, source: tv, value: at least 10",
)


@pytest.mark.parametrize(
    ("max_pairs", "supports"),
    [
        (
            0,
            [
                ("a", "b"),
                ("a", "c"),
                ("a", "d"),
                ("a", "e"),
                ("b", "d"),
                ("d", "b"),
                ("e", "a"),
                ("e", "b"),
                ("e", "c"),
                ("e", "d"),
            ],
        ),
        (3, [("a", "b"), ("a", "c"), ("a", "d")]),
        (5, [("a", "b"), ("a", "c"), ("a", "d"), ("a", "e"), ("b", "d")]),
    ],
)
def test_supports_are_listed_in_order_across_values(
    max_pairs: int, supports: list[tuple[str, str]]
) -> None:
    """Supporters of different values interleave by id, and the first are listed."""
    result = run(DEATHS, *INTERLEAVED, max_pairs=max_pairs)
    expected = (supports, 10)
    assert expected == (support_pairs(result), result.number_of_supports)


@pytest.mark.parametrize(
    ("max_pairs", "pairs"),
    [
        (0, [("a", "b"), ("a", "d"), ("b", "c"), ("b", "d"), ("b", "e"), ("c", "d"), ("d", "e")]),
        (3, [("a", "b"), ("a", "d"), ("b", "c")]),
    ],
)
def test_pair_contradictions_are_listed_in_order_across_values(
    max_pairs: int, pairs: list[tuple[str, str]]
) -> None:
    """Contradicting pairs interleave by id, each written with the lower id first."""
    claims = (
        "id: a, source: gov, value: 11",
        "id: b, source: union, value: 20",
        "id: c, source: wire, value: 11",
        "id: d, source: ngo, value: 30",
        "id: e, source: tv, value: 11",
    )
    result = run(DEATHS, *claims, max_pairs=max_pairs)
    expected = (pairs, 7)
    assert expected == (contradiction_claims(result), result.number_of_contradictions)


@pytest.mark.parametrize("max_pairs", [0, 12])
def test_max_pairs_at_or_above_the_count_cuts_nothing(max_pairs: int) -> None:
    """0 means no limit; a limit equal to the count lists everything."""
    result = run(DEATHS, *FOUR_ELEVENS, max_pairs=max_pairs)
    expected = (12, False)
    assert expected == (len(support_pairs(result)), result.proposition("p").truncated)


def test_part_whole_contradictions_are_cut_and_counted() -> None:
    """Four part-whole pairs, one listed; both propositions say their lists were cut."""
    result = reconcile(
        case_of(
            PARTS
            + """
          - {id: g1, source: gov, proposition: total, value: at most 20}
          - {id: g2, source: wire, proposition: total, value: at most 19}
          - {id: u1, source: union, proposition: town, value: at least 25}
          - {id: u2, source: ngo, proposition: town, value: at least 30}
        """
        ),
        max_pairs=1,
    )
    expected = (
        [("u1", "g1")],
        4,
        {"total": True, "town": True, "square": False},
    )
    actual = (
        contradiction_claims(result),
        result.number_of_contradictions,
        {p.proposition.id: p.truncated for p in result.propositions},
    )
    assert expected == actual


def test_statuses_do_not_depend_on_max_pairs() -> None:
    """Cutting every list to one entry changes no status."""
    case = claimcheck.load(FIXTURE)
    full, cut = reconcile(case, max_pairs=0), reconcile(case, max_pairs=1)
    assert [p.status for p in full.propositions] == [p.status for p in cut.propositions]


def test_negative_max_pairs_is_refused() -> None:
    """The limit is 0 (none) or more."""
    with pytest.raises(ValueError, match="max_pairs must be 0"):
        reconcile(one(FIRED), max_pairs=-1)


# -- per source ---------------------------------------------------------------------


def test_source_results_count_every_claim_and_contradiction() -> None:
    """Claims include retracted and superseded ones; contradictions count each one taken part in."""
    result = run(
        DEATHS,
        "id: g1, source: gov, value: 5, date: 2011",
        "id: g2, source: gov, value: 11, date: 2012",
        "id: g3, source: gov, value: 90, retracted: true",
        "id: u, source: union, value: dozens",
        "id: w, source: wire, value: at least 14",
    )
    expected = {
        "gov": SourceResult("gov", "gov", "state", 3, 2),
        "union": SourceResult("union", "union", "workers", 1, 1),
        "wire": SourceResult("wire", "wire", None, 1, 1),
        "ngo": SourceResult("ngo", "ngo", None, 0, 0),
    }
    assert expected == {s.id: s for s in result.sources if s.id in expected}


# -- the bundled case -------------------------------------------------------------------


@pytest.fixture(scope="module")
def zhanaozen() -> Reconciliation:
    """The reconciliation of the bundled Zhanaozen case."""
    return reconcile(claimcheck.load(FIXTURE))


def test_zhanaozen_deaths_are_contested_with_common_ground_at_least_11(
    zhanaozen: Reconciliation,
) -> None:
    """The government's 11 against at least 14; every source puts deaths at 11 or more."""
    deaths = zhanaozen.proposition("deaths-zhanaozen-dec16")
    assert ("contested", QuantityValue(Interval(D(11)))) == (deaths.status, deaths.common_ground)


def test_zhanaozen_un_invitation_is_contested(zhanaozen: Reconciliation) -> None:
    """The authorities say they asked the UN; the UN says it was not asked."""
    expected = "contested"
    assert expected == zhanaozen.proposition("un-invited-to-investigate").status


def test_zhanaozen_atabaev_charge_is_corroborated_by_three_origins(
    zhanaozen: Reconciliation,
) -> None:
    """HRW, ARTICLE 19 and Amnesty independently call the charge unfounded."""
    prop = zhanaozen.proposition("atabaev-charge-unfounded")
    support = {zhanaozen.support[c] for c in prop.current}
    assert ("corroborated", {3}) == (prop.status, support)


def test_zhanaozen_has_a_cross_bloc_support(zhanaozen: Reconciliation) -> None:
    """The state's own charge against police officers concedes that security forces fired."""
    conceded = {(s.claim, s.by) for s in zhanaozen.supports if s.cross_bloc}
    assert ("activists-opened-fire", "prosecution-police-charged-firing") in conceded


def test_interval_points_say_what_relate_says_on_every_pair() -> None:
    """The points the interval index sorts encode relate()'s answer for each pair, open bounds too."""
    from itertools import combinations

    from claimcheck._intervals import first_point, last_point
    from claimcheck.logic import Relation, relate
    from claimcheck.values import Interval, QuantityValue

    prop = claimcheck.QuantityProposition("q", "Distance", unit="km", integer=False)
    bounds = [(0, 2), (2, 4), (2, None), (1, 3), (3, 3), (0, None)]
    intervals = [
        Interval(lo, hi, low_open=lo_open, high_open=hi_open and hi is not None)
        for lo, hi in bounds
        for lo_open in (False, True)
        for hi_open in (False, True)
        if not (hi == lo and (lo_open or hi_open))
    ]
    for a, b in combinations(intervals, 2):
        a_in_b = first_point(b) <= first_point(a) and last_point(a) <= last_point(b)
        b_in_a = first_point(a) <= first_point(b) and last_point(b) <= last_point(a)
        apart = last_point(a) < first_point(b) or last_point(b) < first_point(a)
        expected = relate(prop, QuantityValue(a), QuantityValue(b))
        assert (expected is Relation.EQUIVALENT) == (a_in_b and b_in_a)
        assert (expected is Relation.ENTAILS) == (a_in_b and not b_in_a)
        assert (expected is Relation.ENTAILED_BY) == (b_in_a and not a_in_b)
        assert (expected is Relation.CONTRADICTS) == apart


@given(
    st.sampled_from(["category", "sequence"])
    .flatmap(lambda kind: strategies.propositions(kinds=[kind]))
    .flatmap(lambda prop: st.lists(strategies.values(prop), min_size=1, max_size=7, unique=True)),
    st.data(),
)
def test_joint_test_agrees_with_is_jointly_possible(
    values: list[Value], data: st.DataObject
) -> None:
    # The joint searches run on bitmasks; they must answer as the claim logic does.
    test = _JointTest(values)
    for _ in range(5):
        indices = data.draw(st.lists(st.integers(0, len(values) - 1), min_size=1, max_size=5))
        assert test.possible(indices) is is_jointly_possible([values[k] for k in indices])


@given(
    st.sampled_from(["category", "sequence"])
    .flatmap(lambda kind: strategies.propositions(kinds=[kind]))
    .flatmap(
        lambda prop: st.tuples(
            st.just(prop),
            st.lists(strategies.values(prop), min_size=1, max_size=8, unique=True),
        )
    ),
    st.data(),
)
def test_joint_contradictions_are_the_minimal_impossible_sets(
    drawn: tuple[claimcheck.Proposition, list[Value]], data: st.DataObject
) -> None:
    """The joint contradictions are every minimal impossible set of 3+ claims, by brute force."""
    prop, values = drawn
    # Some values are claimed twice: each claim of a value joins the value's sets on its own.
    twice = data.draw(st.lists(st.sampled_from(values), max_size=2, unique=True))
    claimed = [*values, *twice]
    ids = [f"c{k}" for k in range(len(claimed))]
    case = Case(
        sources=[Source(f"s{k}", "media") for k in range(len(claimed))],
        propositions=[prop],
        claims=[
            Claim(i, f"s{k}", prop.id, value, written=None)
            for k, (i, value) in enumerate(zip(ids, claimed, strict=True))
        ],
    )
    expected = sorted(
        combo
        for size in range(3, len(claimed) + 1)
        for combo in itertools.combinations(range(len(claimed)), size)
        if not is_jointly_possible([claimed[k] for k in combo])
        and all(is_jointly_possible([claimed[k] for k in combo if k != j]) for j in combo)
    )
    expected_ids = sorted(tuple(sorted(ids[k] for k in combo)) for combo in expected)
    result = reconcile(case)
    actual = [c.claims for c in result.contradictions if c.type == "joint"]
    assert expected_ids[:JOINT_LIMIT] == actual


# -- working alongside ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the system does not fork")
@pytest.mark.parametrize("max_pairs", [0, 3, 10_000])
def test_pairs_worked_out_by_a_second_process_give_the_same_result(
    monkeypatch: pytest.MonkeyPatch, max_pairs: int
) -> None:
    """Listing pairs and joint contradictions in a forked child changes nothing."""
    from claimcheck.generate import generate_case
    from claimcheck.report import render_json, report_data

    case = generate_case(3000, seed=11)
    alone = render_json(report_data(reconcile(case, max_pairs=max_pairs)))
    from claimcheck import _child

    started = []

    class Spied(_child.Child):
        def __init__(self, work: Callable[[], bytes]) -> None:
            started.append(work)
            super().__init__(work)

    monkeypatch.setattr(reconciliation, "ALONGSIDE_FROM", 0)
    monkeypatch.setattr(_child, "Child", Spied)
    result = reconcile(case, max_pairs=max_pairs)
    assert (alone, 1) == (render_json(report_data(result)), len(started))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the system does not fork")
def test_joint_searches_neither_process_made_are_made_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the two ends stop short of each other, the reconciling process searches the rest.

    Here the child marks every proposition taken and searches none, and the
    reconciling process waits for that mark, so that it searches none either
    before the child is done: every joint contradiction comes from the search
    made afterwards.
    """
    import time

    from claimcheck.generate import generate_case
    from claimcheck.report import render_json, report_data

    case = generate_case(3000, seed=11)
    alone = reconcile(case)
    assert sum(p.number_of_joint_contradictions for p in alone.propositions) > 0

    def from_front(self: reconciliation._Meeting) -> Iterator[int]:
        self._taken[0] = self.n
        yield from ()

    def from_back(self: reconciliation._Meeting) -> Iterator[int]:
        deadline = time.monotonic() + 60
        while self._taken[0] < self.n and time.monotonic() < deadline:
            time.sleep(0.001)
        assert self._taken[0] >= self.n, "the child did not mark every proposition taken"
        yield from back(self)

    back = reconciliation._Meeting.from_back
    monkeypatch.setattr(reconciliation, "ALONGSIDE_FROM", 0)
    monkeypatch.setattr(reconciliation._Meeting, "from_front", from_front)
    monkeypatch.setattr(reconciliation._Meeting, "from_back", from_back)
    assert render_json(report_data(alone)) == render_json(report_data(reconcile(case)))


def test_a_failing_second_process_fails_reconciling(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the child is raised in the parent, not turned into a partial result."""
    from claimcheck import _child

    if not _child.can_fork():
        pytest.skip("cannot fork here")

    def broken(*args: object) -> None:
        raise MemoryError("out of memory listing pairs")

    monkeypatch.setattr(reconciliation, "ALONGSIDE_FROM", 0)
    monkeypatch.setattr(reconciliation, "_list_pairs", broken)
    with pytest.raises(_child.ChildError, match="MemoryError: out of memory listing pairs"):
        reconcile(claimcheck.load(FIXTURE))


def test_reconciling_works_in_one_process_when_the_system_cannot_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fork refused (out of memory or processes) leaves the work to this process."""
    from claimcheck.generate import generate_case
    from claimcheck.report import render_json, report_data

    case = generate_case(3000, seed=11)
    alone = render_json(report_data(reconcile(case)))

    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(reconciliation, "ALONGSIDE_FROM", 0)
    monkeypatch.setattr(os, "fork", no_fork)
    opened = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    assert alone == render_json(report_data(reconcile(case)))
    if opened is not None:  # the pipe made for the child was closed
        assert opened == len(os.listdir("/proc/self/fd"))


def _phrases_one_by_one(table: reconciliation._Table) -> tuple[list[int], list[int]]:
    """Each claim's phrase numbered as the definition says, one claim at a time."""
    number: dict[tuple[object, ...], int] = {}
    first: list[int] = []
    phrase = []
    for r, claim in enumerate(table.claims):
        prop = table.propositions[claim.proposition]
        where = ("unit", prop.unit) if isinstance(prop, QuantityProposition) else prop.id
        key = (where, id(claim.value), reconciliation.written_key(claim.written))
        if key not in number:
            number[key] = len(number)
            first.append(r)
        phrase.append(number[key])
    return phrase, first


@pytest.mark.parametrize("seed", [3, 4])
def test_claims_are_numbered_by_phrase_in_order_of_their_first_claims(seed: int) -> None:
    """Phrases are what one claim at a time numbers: one per (unit or proposition, value, written)."""
    from claimcheck.generate import generate_case

    table = reconciliation._Table(generate_case(3000, seed=seed))
    phrase, first = table.phrases
    assert (phrase.tolist(), first) == _phrases_one_by_one(table)


def test_equal_written_values_that_are_other_objects_are_one_phrase() -> None:
    """Written values are grouped by object first, then joined where equal."""
    value = QuantityValue(Interval(Decimal(450), Decimal(450)))
    other = QuantityValue(Interval(Decimal(12), Decimal(12)))
    written = ["".join(["about ", "450"]) for _ in range(2)] + [Decimal("450") for _ in range(2)]
    assert written[0] is not written[1]
    assert written[2] is not written[3]
    claims = [Claim(f"c{k}", "a", "deaths", value, written=w) for k, w in enumerate(written)] + [
        Claim("c9", "a", "deaths", other, written="12")
    ]
    case = Case(
        sources=[Source("a", "media")],
        propositions=[QuantityProposition("deaths", "How many died", unit="people")],
        claims=claims,
    )
    table = reconciliation._Table(case)
    phrase, first = table.phrases
    assert phrase.tolist() == [0, 0, 1, 1, 2]
    assert first == [0, 2, 4]


@given(st.integers(0, 30), st.lists(st.booleans(), max_size=70))
def test_two_ends_meeting_leave_each_item_to_one_or_to_the_back(n: int, turns: list[bool]) -> None:
    """However the two ends interleave, every item is worked out, and the back fills any gap."""
    meeting = reconciliation._Meeting(n)
    front, back = meeting.from_front(), meeting.from_back()
    by_front: list[int] = []
    by_back: list[int] = []
    ends = {True: (front, by_front), False: (back, by_back)}
    for turn in [*turns, *[True] * (n + 1), *[False] * (n + 1)]:
        items, taken = ends[turn]
        taken.extend(itertools.islice(items, 1))
    assert by_front == list(range(meeting.front_done))
    assert by_back == list(range(n - 1, meeting.back_done - 1, -1))
    left = list(range(meeting.front_done, meeting.back_done))
    assert len(left) <= 1  # only where they met
    assert sorted({*by_front, *by_back, *left}) == list(range(n))


def test_two_ends_racing_for_the_last_item_both_leave_it() -> None:
    """Each marks the item before it looks: both see the other's mark and stop; the back does it."""
    meeting = reconciliation._Meeting(3)
    front, back = meeting.from_front(), meeting.from_back()
    assert (next(front), next(back)) == (0, 2)
    meeting._taken[1] = 1  # the back marks item 1 just before the front marks it and looks
    assert list(front) == []  # the front saw the back's mark: it left item 1
    assert meeting.front_done == 1
    assert meeting.back_done == 3  # and the back has not finished item 2 yet
    assert list(back) == []  # item 2 is done; the back saw the front's mark at item 1
    assert meeting.back_done == 2  # so item 1 is left: range(1, 2) is the back's to do
