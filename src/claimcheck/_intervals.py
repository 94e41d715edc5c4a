"""Relations among many intervals, without relating every pair.

A quantity proposition's distinct values are intervals, and a large case
can give one proposition thousands of them.  Relating each pair costs the
square of that number; this module answers what reconciling needs by
sorting the bounds once instead:

* which intervals lie inside a given one, and which are disjoint from it,
  listed on demand at a cost proportional to what is listed;
* for every interval at once, a sum (or union) over the intervals inside
  it -- a sweep over the lower bounds with a Fenwick tree over the upper
  bounds;
* how many pairs of claims have values one entirely below the other, in
  total and per source -- binary searches over sorted bounds.

Bounds become *points* on one scale, so that a lower bound can be compared
with an upper bound by plain tuple order.  A number ``x`` is the point
``(x, 0)``; ``(x, -1)`` stands just below ``x`` and ``(x, 1)`` just above
it.  An interval's first point is its low bound, or just above it when the
bound is open; its last point is its high bound, or just below it when open,
or infinity when unbounded.  For non-empty intervals ``A`` and ``B`` then:

* ``A`` lies inside ``B`` when ``first(B) <= first(A)`` and
  ``last(A) <= last(B)`` (equal bounds: each lies inside the other);
* ``A`` lies entirely below ``B`` when ``last(A) < first(B)``;
* they are disjoint when one lies entirely below the other.

(:meth:`Interval._low_key` and :meth:`Interval._high_key` order lower bounds
among lower bounds and upper among upper; the points order both on one
scale, which disjointness needs.)
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Generic, TypeAlias, TypeVar

from claimcheck.values import Interval

__all__ = [
    "IntervalIndex",
    "Point",
    "first_point",
    "last_point",
    "pairs_below",
]

T = TypeVar("T")

#: A bound on one scale: a number, and -1, 0 or 1 for just below, at, or just above it.
Point: TypeAlias = tuple[Decimal | float, int]


def first_point(interval: Interval) -> Point:
    """The least point an interval holds: its low bound, or just above it when open.

    Example:
        >>> first_point(Interval(Decimal(2), low_open=True))
        (Decimal('2'), 1)
    """
    return (interval.low, 1 if interval.low_open else 0)


def last_point(interval: Interval) -> Point:
    """The greatest point an interval holds: its high bound, just below it when open.

    Example:
        >>> last_point(Interval(Decimal(2), Decimal(5), high_open=True))
        (Decimal('5'), -1)
        >>> last_point(Interval(Decimal(2)))
        (inf, 0)
    """
    if interval.high is None:
        return (math.inf, 0)
    return (interval.high, -1 if interval.high_open else 0)


class _Fenwick(Generic[T]):
    """A Fenwick tree (binary indexed tree): prefix combinations under updates.

    Positions run from 1 to ``size``.  ``add(p, x)`` combines ``x`` into
    position ``p``; ``prefix(p)`` combines positions 1 to ``p``.  Each takes
    about log2(size) steps: node ``k`` holds the combination of the
    ``k & -k`` positions ending at ``k``.  Values only ever grow, so any
    associative, commutative ``combine`` works (sums, or unions of bit
    masks), with ``empty`` as its neutral value.
    """

    def __init__(self, size: int, combine: Callable[[T, T], T], empty: T) -> None:
        self._nodes = [empty] * (size + 1)
        self._combine = combine
        self._empty = empty

    def add(self, position: int, value: T) -> None:
        nodes, combine = self._nodes, self._combine
        while position < len(nodes):
            nodes[position] = combine(nodes[position], value)
            position += position & -position

    def prefix(self, position: int) -> T:
        nodes, combine = self._nodes, self._combine
        out = self._empty
        while position > 0:
            out = combine(out, nodes[position])
            position -= position & -position
        return out


class _MinTree:
    """A segment tree of minima, to report the positions whose key is at most a bound.

    It reports every position from ``start`` on whose key is at most the
    bound, at a cost proportional to how many there are.

    A subtree whose least key exceeds the bound holds nothing to report and
    is skipped whole, so a query visits O((k + 1) log n) nodes for k reported.
    """

    def __init__(self, keys: Sequence[int]) -> None:
        size = 1
        while size < len(keys):
            size *= 2
        self._size = size
        nodes = [math.inf] * (2 * size)
        nodes[size : size + len(keys)] = keys
        for node in range(size - 1, 0, -1):
            nodes[node] = min(nodes[2 * node], nodes[2 * node + 1])
        self._nodes = nodes

    def at_most(self, start: int, bound: int) -> list[int]:
        """The positions ``p >= start`` whose key is at most ``bound``, in order."""
        nodes, found = self._nodes, []
        stack = [(1, 0, self._size)]  # (node, first position, end position)
        while stack:
            node, lo, hi = stack.pop()
            if hi <= start or nodes[node] > bound:
                continue
            if hi - lo == 1:
                found.append(lo)
                continue
            mid = (lo + hi) // 2
            stack.append((2 * node + 1, mid, hi))
            stack.append((2 * node, lo, mid))
        return found


class IntervalIndex:
    """The intervals of one proposition's distinct values, sorted by their bounds.

    Built in O(n log n) for n intervals.  The intervals are referred to by
    their position in the sequence given.

    Example:
        >>> D = Decimal
        >>> index = IntervalIndex([Interval(D(0), D(20)), Interval(D(11), D(11)), Interval(D(14))])
        >>> index.inside(0), index.disjoint_from(1)
        ([1], [2])
    """

    def __init__(self, intervals: Sequence[Interval]) -> None:
        self.firsts = [first_point(iv) for iv in intervals]
        self.lasts = [last_point(iv) for iv in intervals]
        n = len(intervals)
        #: the intervals by first point, and by last point, and those points in that order
        self._by_first = sorted(range(n), key=self.firsts.__getitem__)
        self._by_last = sorted(range(n), key=self.lasts.__getitem__)
        self._sorted_firsts = [self.firsts[i] for i in self._by_first]
        self._sorted_lasts = [self.lasts[i] for i in self._by_last]
        # Each interval's last point as a rank from 1 (equal points, equal ranks).
        distinct_lasts = sorted(set(self.lasts))
        rank = {point: r for r, point in enumerate(distinct_lasts, start=1)}
        self._last_rank = [rank[point] for point in self.lasts]
        self._ranks = len(distinct_lasts)
        self._min_last = _MinTree([self._last_rank[i] for i in self._by_first])

    def __len__(self) -> int:
        return len(self.firsts)

    def inside(self, i: int) -> list[int]:
        """The other intervals that lie inside interval ``i``, in order of first point.

        Those that start no earlier than ``i`` form a suffix of the intervals
        sorted by first point; of these, the ones that end no later are found
        by the tree of minima over their last points.  Cost: O((k + 1) log n)
        for k intervals found.
        """
        start = bisect.bisect_left(self._sorted_firsts, self.firsts[i])
        by_first = self._by_first
        return [
            by_first[p]
            for p in self._min_last.at_most(start, self._last_rank[i])
            if by_first[p] != i
        ]

    def ending_before(self, point: Point) -> list[int]:
        """The intervals whose last point lies before ``point``, in order of last point."""
        return self._by_last[: bisect.bisect_left(self._sorted_lasts, point)]

    def starting_after(self, point: Point) -> list[int]:
        """The intervals whose first point lies after ``point``, in order of first point."""
        return self._by_first[bisect.bisect_right(self._sorted_firsts, point) :]

    def disjoint_from(self, i: int) -> list[int]:
        """The intervals disjoint from interval ``i``: those entirely below it, then above.

        Cost: O(k + log n) for k intervals found.
        """
        return self.ending_before(self.firsts[i]) + self.starting_after(self.lasts[i])

    def combine_inside(
        self, values: Sequence[T], combine: Callable[[T, T], T], empty: T
    ) -> list[T]:
        """For each interval, ``values`` combined over every interval inside it, itself included.

        A sweep over first points from the greatest down: when it reaches an
        interval, every interval that starts no earlier has been added to a
        Fenwick tree at the rank of its last point (all those starting at the
        same point are added before any is queried, so that equal intervals
        count each other), and the intervals inside it are exactly those
        added at ranks up to its own.  O(n log n) combinations.

        Example:
            >>> D = Decimal
            >>> index = IntervalIndex([Interval(D(0), D(20)), Interval(D(11), D(11)), Interval(D(14))])
            >>> index.combine_inside([1, 10, 100], lambda a, b: a + b, 0)
            [11, 10, 100]
        """
        tree = _Fenwick(self._ranks, combine, empty)
        out = [empty] * len(values)
        descending = reversed(self._by_first)
        for _point, same_start in itertools.groupby(descending, key=self.firsts.__getitem__):
            block = list(same_start)
            for i in block:
                tree.add(self._last_rank[i], values[i])
            for i in block:
                out[i] = tree.prefix(self._last_rank[i])
        return out


def pairs_below(
    lower: Sequence[Point],
    lower_claims: Sequence[Mapping[str, int]],
    upper: Sequence[Point],
    upper_claims: Sequence[Mapping[str, int]],
) -> tuple[int, Counter[str]]:
    """Count the pairs of claims whose values lie one entirely below the other.

    Values are given as points with their claims counted per source: the
    last point of each lower value, the first point of each upper value.  A
    pair is a claim of a lower value and a claim of an upper value whose
    last point comes before the upper's first.  Given one proposition's
    values as both, these are its disjoint pairs, each counted once; given a
    whole's values as lower and its part's as upper, the parts that exceed
    their whole.

    Returns:
        How many pairs there are, and for each source how many of them
        include at least one of its claims.  The latter is, over the
        source's claims, the number of claims each is paired with, less the
        pairs made of two of its own claims (counted twice) -- the same count
        again, over the source's own values only.  O(m log m) in all, for m
        values and claims of sources.

    Example:
        >>> D = Decimal
        >>> points = [(D(11), 0), (D(14), 0)]
        >>> pairs_below(points[:1], [{"gov": 2}], points[1:], [{"gov": 1, "opp": 3}])
        (8, Counter({'gov': 8, 'opp': 6}))
    """
    sizes_lower = [sum(c.values()) for c in lower_claims]
    sizes_upper = [sum(c.values()) for c in upper_claims]
    below = _weight_before(lower, sizes_lower, upper)  # per upper value: lower claims before it
    above = _weight_after(upper, sizes_upper, lower)  # per lower value: upper claims after it
    total = sum(n * b for n, b in zip(sizes_upper, below, strict=True))

    involved: Counter[str] = Counter()
    own_lower: dict[str, tuple[list[Point], list[int]]] = defaultdict(lambda: ([], []))
    own_upper: dict[str, tuple[list[Point], list[int]]] = defaultdict(lambda: ([], []))
    for point, claims, after in zip(lower, lower_claims, above, strict=True):
        for source, n in claims.items():
            involved[source] += n * after
            own_lower[source][0].append(point)
            own_lower[source][1].append(n)
    for point, claims, before in zip(upper, upper_claims, below, strict=True):
        for source, n in claims.items():
            involved[source] += n * before
            own_upper[source][0].append(point)
            own_upper[source][1].append(n)
    for source in own_lower.keys() & own_upper.keys():
        points, sizes = own_upper[source]
        own_below = _weight_before(*own_lower[source], points)
        involved[source] -= sum(n * b for n, b in zip(sizes, own_below, strict=True))
    return total, +involved  # unary plus drops the sources with no pair


def _weight_before(
    points: Sequence[Point], weights: Sequence[int], queries: Sequence[Point]
) -> list[int]:
    """For each query point, the total weight of the points strictly before it."""
    ordered, running = _running_weights(points, weights)
    return [running[bisect.bisect_left(ordered, q)] for q in queries]


def _weight_after(
    points: Sequence[Point], weights: Sequence[int], queries: Sequence[Point]
) -> list[int]:
    """For each query point, the total weight of the points strictly after it."""
    ordered, running = _running_weights(points, weights)
    return [running[-1] - running[bisect.bisect_right(ordered, q)] for q in queries]


def _running_weights(
    points: Sequence[Point], weights: Sequence[int]
) -> tuple[list[Point], list[int]]:
    """The points sorted, and the running totals of their weights (from 0) in that order."""
    order = sorted(range(len(points)), key=points.__getitem__)
    return [points[k] for k in order], [0, *itertools.accumulate(weights[k] for k in order)]
