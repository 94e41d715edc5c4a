"""Tests of claimcheck.logic: how two values of one proposition stand to each other."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.logic import (
    Relation,
    describe,
    entails,
    is_jointly_possible,
    join,
    meet,
    reduced_precedences,
    relate,
)
from claimcheck.model import (
    AssertionProposition,
    CategoryProposition,
    QuantityProposition,
    SequenceProposition,
)
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    SequenceValue,
)

D = Decimal

DEATHS = QuantityProposition("deaths", "People killed", unit="people")
DISTANCE = QuantityProposition("distance", "Distance to Aktau", unit="km", integer=False)
WHO = CategoryProposition(
    "who",
    "Who fired first",
    values={
        "protest-side": ["oil-workers", "provocateurs"],
        "security-forces": ["police", "internal-troops"],
    },
)
LETTERS = CategoryProposition("letter", "Which letter", values=["a", "b", "c", "d"])
ORDER = SequenceProposition(
    "order", "What happened first", events={"a": "A", "b": "B", "c": "C", "d": "D"}
)
FIRED = AssertionProposition("fired", "The police fired")

EQ, IN, HOLDS = Relation.EQUIVALENT, Relation.ENTAILS, Relation.ENTAILED_BY
NO, MAYBE = Relation.CONTRADICTS, Relation.COMPATIBLE


# -- quantities ----------------------------------------------------------------

QUANTITY_CASES: list[tuple[Any, Any, Relation]] = [
    (11, "eleven", EQ),
    ("dozens", {"min": 12, "max": 99}, EQ),
    ("more than 14", "at least 15", EQ),
    (20, "dozens", IN),
    ("14 to 20", "at least 14", IN),
    ("at least 14", 20, HOLDS),
    (11, "at least 14", NO),
    ("fewer than 10", "at least 10", NO),
    ("at most 10", "at least 10", MAYBE),
    ("at least 14", "dozens", MAYBE),
    ("about 100", "at most 95", MAYBE),
    ("nearly 100", 100, NO),
]


@pytest.mark.parametrize(("a", "b", "expected"), QUANTITY_CASES)
def test_relate_quantities(a: Any, b: Any, expected: Relation) -> None:
    """Integer quantities relate by their intervals (after integer closing)."""
    assert expected == relate(DEATHS, a, b)


@pytest.mark.parametrize(("a", "b", "expected"), QUANTITY_CASES)
def test_relate_is_its_own_converse(a: Any, b: Any, expected: Relation) -> None:
    """Swapping the values gives the converse relation."""
    assert expected.converse == relate(DEATHS, b, a)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("more than 150", 150, NO),
        ("less than 150", "at least 150", NO),
        ("at most 150", "at least 150", MAYBE),
        ("more than 150", "at least 150", IN),
        ("less than 150", "at most 150", IN),
        ("nearly 150", 150, NO),
        (150, "about 150", IN),
        ("more than 150", "more than 150 km", EQ),
        ({"min": "2.5", "max": 3}, "between 2.5 and 3", EQ),
    ],
)
def test_relate_open_bounds_of_non_integer_quantities(a: Any, b: Any, expected: Relation) -> None:
    """A non-integer quantity keeps its open bounds: (150, inf) and [0, 150] do not meet."""
    assert expected == relate(DISTANCE, a, b)


def test_relate_values_differing_only_in_best_are_equivalent() -> None:
    """A ``best`` estimate does not change the set a value denotes."""
    expected = EQ
    assert expected == relate(DEATHS, {"low": 11, "best": 14, "high": 20}, "11 to 20")


# -- categories -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("police", "police", EQ),
        ("police", "security-forces", IN),
        ("security-forces", "internal-troops", HOLDS),
        ("protest-side", "security-forces", NO),
        ("police", "internal-troops", NO),
        ({"any_of": ["police", "provocateurs"]}, "security-forces", MAYBE),
        ({"any_of": ["police", "internal-troops"]}, "security-forces", EQ),
        ({"any_of": ["police", "protest-side"]}, "provocateurs", HOLDS),
        ({"not": "police"}, "police", NO),
        ({"not": "security-forces"}, "protest-side", EQ),
        ({"not": "police"}, "internal-troops", HOLDS),
        ({"not": "police"}, {"not": "oil-workers"}, MAYBE),
    ],
)
def test_relate_categories(a: Any, b: Any, expected: Relation) -> None:
    """Categories relate by their leaves; a node of the hierarchy stands for its leaves."""
    assert expected == relate(WHO, a, b)


# -- sequences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (["a", "b", "c"], [["a", "b"], ["b", "c"]], EQ),
        (["a", "b", "c"], ["a", "c"], IN),
        (["a", "c"], [["a", "b"], ["b", "c"]], HOLDS),
        (["a", "b"], ["b", "a"], NO),
        (["a", "b", "c"], ["c", "a"], NO),
        ([["a", "b"], ["c", "d"]], [["b", "c"], ["d", "a"]], NO),
        (["a", "b"], ["c", "d"], MAYBE),
        (["a", "c"], ["b", "c"], MAYBE),
    ],
)
def test_relate_sequences(a: Any, b: Any, expected: Relation) -> None:
    """Sequences entail by closed precedences and contradict when their union has a cycle."""
    assert expected == relate(ORDER, a, b)


def test_four_cycle_without_two_cycle_contradicts() -> None:
    """a<b, c<d against b<c, d<a: no pair is reversed, yet together they form a cycle."""
    a = SequenceValue({("a", "b"), ("c", "d")})
    b = SequenceValue({("b", "c"), ("d", "a")})
    expected = (False, NO)
    assert expected == (is_jointly_possible([a, b]), relate(ORDER, a, b))


# -- assertions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(True, True, EQ), (False, False, EQ), (True, False, NO), (False, True, NO)],
)
def test_relate_assertions(a: bool, b: bool, expected: Relation) -> None:
    """An assertion value is {true} or {false}."""
    assert expected == relate(FIRED, a, b)


# -- values given parsed, and errors --------------------------------------------


def test_relate_accepts_parsed_and_written_values_together() -> None:
    """A parsed value and a written one can be related."""
    eleven = QuantityValue(Interval(D(11), D(11)))
    expected = (NO, IN)
    assert expected == (relate(DEATHS, eleven, "at least 14"), relate(DEATHS, eleven, "a dozen"))


def test_relate_refuses_a_value_of_another_kind() -> None:
    """A category value is not a value of a quantity proposition."""
    with pytest.raises(ValueError, match="not a value of quantity proposition 'deaths'"):
        relate(DEATHS, CategoryValue({"police"}), 11)


def test_relate_refuses_a_written_value_that_does_not_parse() -> None:
    """A written value is read as the proposition's kind, or refused."""
    with pytest.raises(ValueError, match="not a value of proposition 'who'"):
        relate(WHO, "army", "police")


def test_entails_refuses_values_of_different_kinds() -> None:
    """Entailment is defined between values of one kind only."""
    with pytest.raises(TypeError, match="cannot compare"):
        entails(AssertionValue(True), CategoryValue({"a"}))


# -- groups: joint possibility, meet and join ------------------------------------


def test_any_of_triangle_is_pairwise_compatible_but_jointly_impossible() -> None:
    """{a,b}, {b,c}, {a,c}: every two share a leaf, all three share none."""
    ab, bc, ac = (CategoryValue(s) for s in ({"a", "b"}, {"b", "c"}, {"a", "c"}))
    pairs = [is_jointly_possible(p) for p in ([ab, bc], [bc, ac], [ab, ac])]
    expected = ([True, True, True], False)
    assert expected == (pairs, is_jointly_possible([ab, bc, ac]))


def test_sequence_cycle_through_three_values_is_jointly_impossible() -> None:
    """a<b, b<c and c<a are pairwise compatible; together they form a cycle."""
    values = [SequenceValue({p}) for p in (("a", "b"), ("b", "c"), ("c", "a"))]
    expected = (True, False)
    assert expected == (is_jointly_possible(values[:2]), is_jointly_possible(values))


def test_meet_of_quantities_is_the_intersection() -> None:
    """Dozens and at least 14 meet in 14 to 99."""
    values = [QuantityValue(Interval(D(12), D(99))), QuantityValue(Interval(D(14)))]
    assert QuantityValue(Interval(D(14), D(99))) == meet(values)


def test_meet_of_disjoint_quantities_is_none() -> None:
    """11 and at least 14 have nothing in common."""
    values = [QuantityValue(Interval(D(11), D(11))), QuantityValue(Interval(D(14)))]
    assert meet(values) is None


def test_meet_of_sequences_is_the_union_of_precedences() -> None:
    """a<b and b<c together say a<b<c."""
    values = [SequenceValue({("a", "b")}), SequenceValue({("b", "c")})]
    assert SequenceValue({("a", "b"), ("b", "c")}) == meet(values)


def test_meet_of_disagreeing_assertions_is_none() -> None:
    """True and false cannot both hold."""
    assert meet([AssertionValue(True), AssertionValue(False)]) is None


def test_join_of_quantities_is_the_hull() -> None:
    """The common ground of 11 and at least 14 is at least 11."""
    values = [QuantityValue(Interval(D(11), D(11))), QuantityValue(Interval(D(14)))]
    assert QuantityValue(Interval(D(11))) == join(values)


def test_join_keeps_open_bounds() -> None:
    """The hull of (1, 2) and (3, 4) is (1, 4)."""
    values = [
        QuantityValue(Interval(D(1), D(2), low_open=True, high_open=True)),
        QuantityValue(Interval(D(3), D(4), low_open=True, high_open=True)),
    ]
    expected = QuantityValue(Interval(D(1), D(4), low_open=True, high_open=True))
    assert expected == join(values)


def test_join_of_categories_is_the_union_of_leaves() -> None:
    """The smallest set covering police and the security forces is the security forces."""
    values = [CategoryValue({"police"}), CategoryValue({"police", "internal-troops"})]
    assert CategoryValue({"police", "internal-troops"}) == join(values)


def test_join_of_sequences_is_the_shared_precedences() -> None:
    """a<b<c and a<c share a<c (by transitivity) and nothing else."""
    values = [SequenceValue({("a", "b"), ("b", "c")}), SequenceValue({("a", "c")})]
    assert SequenceValue({("a", "c")}) == join(values)


@pytest.mark.parametrize(
    ("truths", "expected"),
    [([True, True], AssertionValue(True)), ([False], AssertionValue(False)), ([True, False], None)],
)
def test_join_of_assertions_is_the_value_when_all_agree(
    truths: list[bool], expected: AssertionValue | None
) -> None:
    """Assertions have common ground only when they agree."""
    assert expected == join([AssertionValue(t) for t in truths])


def test_join_of_nothing_is_none() -> None:
    """No values, no common ground."""
    assert join([]) is None


# -- in words -------------------------------------------------------------------


def test_reduced_precedences_drop_what_follows_and_sort() -> None:
    """a<c follows from a<b and b<c, so it is not written."""
    value = SequenceValue({("b", "c"), ("a", "b"), ("a", "c"), ("a", "d")})
    expected = [("a", "b"), ("a", "d"), ("b", "c")]
    assert expected == reduced_precedences(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (QuantityValue(Interval(D(11))), "at least 11"),
        (QuantityValue(Interval(D(14), D(99))), "14 to 99"),
        (CategoryValue({"police", "internal-troops"}), "security-forces"),
        (CategoryValue({"police", "provocateurs"}), "one of provocateurs, police"),
        (None, "no common ground"),
    ],
)
def test_describe(value: Any, expected: str) -> None:
    """Values are put in words: a hierarchy node names all its leaves."""
    prop = WHO if isinstance(value, CategoryValue) else DEATHS
    assert expected == describe(prop, value)


def test_describe_sequences_and_assertions() -> None:
    """Sequences are written reduced; assertions as true or false."""
    actual = (
        describe(ORDER, SequenceValue({("a", "b"), ("b", "c")})),
        describe(ORDER, SequenceValue(())),
        describe(FIRED, AssertionValue(False)),
    )
    expected = ("a before b; b before c", "any order", "false")
    assert expected == actual


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")).filter(
            lambda pair: pair[0] < pair[1]  # forwards only: never a cycle
        ),
        max_size=12,
    )
)
def test_reduced_precedences_is_networkx_transitive_reduction(pairs: list[tuple[str, str]]) -> None:
    import networkx as nx

    from claimcheck.logic import reduced_precedences

    value = SequenceValue(pairs)
    graph = nx.DiGraph(list(value.precedences))
    expected = sorted(nx.transitive_reduction(graph).edges) if pairs else []
    assert reduced_precedences(value) == expected
