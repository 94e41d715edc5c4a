"""The claim logic between two values of one proposition.

One protocol serves the four value kinds: every value denotes a non-empty
set of possible states of the world, and

* A **entails** B when A's set lies inside B's;
* A and B **contradict** when their sets do not meet;
* otherwise they are **compatible**.

:func:`relate` answers for any two values; :func:`is_jointly_possible`
answers for a group (joint contradictions); :func:`meet` and :func:`join`
give the values a group shares and the common ground it stands on;
:func:`describe` puts a value in words.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from typing import Any

from claimcheck.model import (
    CategoryProposition,
    Proposition,
    SequenceProposition,
)
from claimcheck.phrases import format_interval
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    SequenceValue,
    Value,
)

__all__ = [
    "Relation",
    "describe",
    "entails",
    "interval_of",
    "is_jointly_possible",
    "join",
    "meet",
    "reduced_precedences",
    "relate",
    "relation_of",
]


class Relation(enum.Enum):
    """How two values of one proposition stand to each other."""

    EQUIVALENT = "equivalent"
    ENTAILS = "entails"
    ENTAILED_BY = "entailed by"
    CONTRADICTS = "contradicts"
    COMPATIBLE = "compatible"

    @property
    def converse(self) -> Relation:
        """The relation seen from the other value (entails <-> entailed by).

        Example:
            >>> Relation.ENTAILS.converse
            <Relation.ENTAILED_BY: 'entailed by'>
        """
        return _CONVERSE.get(self, self)


_CONVERSE = {Relation.ENTAILS: Relation.ENTAILED_BY, Relation.ENTAILED_BY: Relation.ENTAILS}


def _has_cycle(pairs: Iterable[tuple[str, str]]) -> bool:
    """Whether the precedences loop, by Kahn's algorithm: peel off events nothing precedes.

    Written out rather than built on networkx or :mod:`graphlib`: joint
    searches ask this for hundreds of thousands of small sets on a large
    case, and setting up either's graph cost several times the check.
    """
    successors: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}  # event -> how many precedences still point at it
    for before, after in pairs:
        successors.setdefault(before, []).append(after)
        waiting[after] = waiting.get(after, 0) + 1
    ready = [event for event in successors if event not in waiting]
    left = len(successors.keys() | waiting.keys())
    while ready:
        left -= 1
        for after in successors.get(ready.pop(), ()):
            waiting[after] -= 1
            if not waiting[after]:
                ready.append(after)
    return left > 0


def entails(a: Value, b: Value) -> bool:
    """Return whether ``a``'s set of states lies inside ``b``'s.

    Example:
        >>> from decimal import Decimal as D
        >>> entails(QuantityValue(Interval(D(11), D(11))), QuantityValue(Interval(D(10))))
        True
    """
    if isinstance(a, QuantityValue) and isinstance(b, QuantityValue):
        return a.interval.is_subset(b.interval)
    if isinstance(a, CategoryValue) and isinstance(b, CategoryValue):
        return a.leaves <= b.leaves
    if isinstance(a, SequenceValue) and isinstance(b, SequenceValue):
        return b.precedences <= a.precedences
    if isinstance(a, AssertionValue) and isinstance(b, AssertionValue):
        return a.value == b.value
    raise TypeError(f"cannot compare a {a.kind} value with a {b.kind} value")


def _disjoint(a: Value, b: Value) -> bool:
    if isinstance(a, QuantityValue) and isinstance(b, QuantityValue):
        return a.interval.intersection(b.interval) is None
    if isinstance(a, CategoryValue) and isinstance(b, CategoryValue):
        return a.leaves.isdisjoint(b.leaves)
    if isinstance(a, SequenceValue) and isinstance(b, SequenceValue):
        return any((y, x) in b.precedences for x, y in a.precedences) or _has_cycle(
            a.precedences | b.precedences
        )
    if isinstance(a, AssertionValue) and isinstance(b, AssertionValue):
        return a.value != b.value
    raise TypeError(f"cannot compare a {a.kind} value with a {b.kind} value")


def relate(proposition: Proposition, a: Value | Any, b: Value | Any) -> Relation:
    """Return how value ``a`` stands to value ``b`` of ``proposition``.

    Values may be given parsed, or as a case file writes them (then they are
    read with the default lexicon).

    Args:
        proposition: The proposition both values are about.
        a: The first value.
        b: The second value.

    Returns:
        ``EQUIVALENT`` (same set), ``ENTAILS`` (a's set inside b's),
        ``ENTAILED_BY``, ``CONTRADICTS`` (the sets do not meet) or
        ``COMPATIBLE``.

    Raises:
        ValueError: If a written value is not a value of ``proposition``.

    Example:
        >>> from claimcheck import QuantityProposition
        >>> deaths = QuantityProposition("deaths", "People killed", unit="people")
        >>> relate(deaths, 11, "at least 14").value
        'contradicts'
        >>> relate(deaths, "at least 14", "dozens").value
        'compatible'
        >>> relate(deaths, 20, "dozens").value
        'entails'
    """
    a, b = _parsed(proposition, a), _parsed(proposition, b)
    return relation_of(entails(a, b), entails(b, a), lambda: _disjoint(a, b))


def relation_of(forward: bool, backward: bool, disjoint: Callable[[], bool]) -> Relation:
    """The relation of two values, from whether each entails the other.

    ``disjoint`` tells whether no state of the world satisfies both; it is
    asked only when neither value entails the other.

    Example:
        >>> relation_of(True, False, lambda: False).value
        'entails'
        >>> relation_of(False, False, lambda: True).value
        'contradicts'
    """
    if forward and backward:
        return Relation.EQUIVALENT
    if forward:
        return Relation.ENTAILS
    if backward:
        return Relation.ENTAILED_BY
    return Relation.CONTRADICTS if disjoint() else Relation.COMPATIBLE


def _parsed(proposition: Proposition, value: Value | Any) -> Value:
    if isinstance(value, QuantityValue | CategoryValue | SequenceValue | AssertionValue):
        if value.kind != proposition.kind:
            raise ValueError(
                f"a {value.kind} value is not a value of {proposition.kind} "
                f"proposition {proposition.id!r}"
            )
        return value
    from claimcheck.loader import parse_value  # the loader imports this module's users

    return parse_value(proposition, value)


def is_jointly_possible(values: Sequence[Value]) -> bool:
    """Return whether all the values can be true together.

    Quantities and assertions are jointly possible exactly when they are
    pairwise compatible; categories need a leaf common to all, sequences an
    order consistent with all their precedences.

    Example:
        >>> a, b, c = (CategoryValue(s) for s in ({"x", "y"}, {"y", "z"}, {"x", "z"}))
        >>> is_jointly_possible([a, b]), is_jointly_possible([a, b, c])
        (True, False)
    """
    first = values[0]
    if isinstance(first, SequenceValue):
        # Only whether the union loops: skip closing it into a value.
        return not _has_cycle(frozenset().union(*(_precedences(v) for v in values)))
    return meet(values) is not None


def meet(values: Sequence[Value]) -> Value | None:
    """Return the value all of ``values`` allow together, or ``None`` if none.

    Example:
        >>> from decimal import Decimal as D
        >>> v = meet([QuantityValue(Interval(D(12), D(99))), QuantityValue(Interval(D(14)))])
        >>> format_interval(v.interval)
        '14 to 99'
    """
    first = values[0]
    if isinstance(first, QuantityValue):
        interval: Interval | None = first.interval
        for v in values[1:]:
            assert isinstance(v, QuantityValue)
            if interval is None:
                return None
            interval = interval.intersection(v.interval)
        return None if interval is None else QuantityValue(interval)
    if isinstance(first, CategoryValue):
        leaves = frozenset.intersection(*(_leaves(v) for v in values))
        return CategoryValue(leaves) if leaves else None
    if isinstance(first, SequenceValue):
        pairs = frozenset().union(*(_precedences(v) for v in values))
        return None if _has_cycle(pairs) else SequenceValue(pairs)
    assert isinstance(first, AssertionValue)
    truths = {_truth(v) for v in values}
    return first if len(truths) == 1 else None


def join(values: Sequence[Value]) -> Value | None:
    """Return the common ground: the strongest value every one of ``values`` entails.

    Quantities give the hull of their intervals, categories the union of
    their leaves, sequences the precedences all share, assertions the value
    when all agree (``None`` when they do not, or for no values).

    Example:
        >>> from decimal import Decimal as D
        >>> v = join([QuantityValue(Interval(D(11), D(11))), QuantityValue(Interval(D(14)))])
        >>> format_interval(v.interval)
        'at least 11'
    """
    if not values:
        return None
    first = values[0]
    if isinstance(first, QuantityValue):
        hull = reduce(Interval.hull, (interval_of(v) for v in values))
        return QuantityValue(hull)
    if isinstance(first, CategoryValue):
        return CategoryValue(frozenset().union(*(_leaves(v) for v in values)))
    if isinstance(first, SequenceValue):
        shared = frozenset.intersection(*(_precedences(v) for v in values))
        return SequenceValue(shared)
    assert isinstance(first, AssertionValue)
    truths = {_truth(v) for v in values}
    return first if len(truths) == 1 else None


def interval_of(value: Value) -> Interval:
    """Return a quantity value's interval (the value must be a quantity).

    Example:
        >>> from decimal import Decimal as D
        >>> interval_of(QuantityValue(Interval(D(3)))).low
        Decimal('3')
    """
    assert isinstance(value, QuantityValue)
    return value.interval


def _leaves(v: Value) -> frozenset[str]:
    assert isinstance(v, CategoryValue)
    return v.leaves


def _precedences(v: Value) -> frozenset[tuple[str, str]]:
    assert isinstance(v, SequenceValue)
    return v.precedences


def _truth(v: Value) -> bool:
    assert isinstance(v, AssertionValue)
    return v.value


def reduced_precedences(value: SequenceValue) -> list[tuple[str, str]]:
    """Return the precedences with none that follows from the others, sorted.

    Example:
        >>> reduced_precedences(SequenceValue({("a", "b"), ("b", "c"), ("a", "c")}))
        [('a', 'b'), ('b', 'c')]
    """
    # A value's precedences are closed under transitivity, so one follows from
    # the others exactly when some event lies between its two: no graph needed
    # (networkx's reduction built a graph, with reference cycles, per value).
    after: dict[str, set[str]] = {}
    for before, later in value.precedences:
        after.setdefault(before, set()).add(later)
    return sorted(
        (before, later)
        for before, later in value.precedences
        if not any(later in after.get(between, ()) for between in after[before])
    )


def category_nodes(proposition: CategoryProposition, leaves: frozenset[str]) -> list[str]:
    """Return the fewest declared values that together stand for ``leaves``.

    Walks the hierarchy top-down in written order: a node whose leaves all
    lie in ``leaves`` is named instead of its children.

    Example:
        >>> p = CategoryProposition("who", "Who", values={"side": ["a", "b"], "c": None})
        >>> category_nodes(p, frozenset({"a", "b"})), category_nodes(p, frozenset({"a", "c"}))
        (['side'], ['a', 'c'])
    """
    out: list[str] = []
    children = proposition.children
    below_another = {kid for kids in children.values() for kid in kids}
    # Depth first in written order, with a stack (reversed, so the first pops first).
    stack = [n for n in reversed(list(children)) if n not in below_another]
    while stack:
        node = stack.pop()
        below = proposition.leaves_of(node)
        if below <= leaves:
            out.append(node)
        elif not below.isdisjoint(leaves):
            stack.extend(reversed(children[node]))
    return out


def describe(proposition: Proposition, value: Value | None) -> str:
    """Put a value in words, as every report shows it.

    Example:
        >>> from decimal import Decimal as D
        >>> from claimcheck import QuantityProposition
        >>> p = QuantityProposition("deaths", "People killed", unit="people")
        >>> describe(p, QuantityValue(Interval(D(14))))
        'at least 14'
    """
    if value is None:
        return "no common ground"
    if isinstance(value, QuantityValue):
        return format_interval(value.interval)
    if isinstance(value, CategoryValue):
        assert isinstance(proposition, CategoryProposition)
        nodes = category_nodes(proposition, value.leaves)
        return nodes[0] if len(nodes) == 1 else "one of " + ", ".join(nodes)
    if isinstance(value, SequenceValue):
        assert isinstance(proposition, SequenceProposition)
        pairs = reduced_precedences(value)
        if not pairs:
            return "any order"
        return "; ".join(f"{a} before {b}" for a, b in pairs)
    return "true" if value.value else "false"
