"""Source reliability: truth discovery over claims, with intervals and independence.

Which sources have been reliable across many propositions, and which value
does a weighing of sources favour?  The truth-discovery literature answers
with iterative algorithms over a bipartite graph of sources and the values
they claim.  This module runs seven of them:

========================  =====================================================
``majority``              majority voting: every source has trust 1
``sums``                  Sums, hubs and authorities (Pasternack and Roth)
``average-log``           AverageLog (Pasternack and Roth)
``investment``            Investment (Pasternack and Roth), exponent ``g=1.2``
``pooled-investment``     PooledInvestment (Pasternack and Roth), ``g=1.4``
``truthfinder``           TruthFinder (Yin, Han and Yu)
``crh``                   CRH (Li et al.) for quantities, on intervals
========================  =====================================================

Two front ends share one numpy core:

* :func:`run` weighs plain ``(source, variable, value)`` triples, as the
  literature and the ``truthdiscovery`` package do.  With the default
  parameters its results agree with ``truthdiscovery`` 1.0.4 to within
  1e-6 (``benchmarks/truth_discovery.py`` checks this).
* :func:`estimate` weighs a claimcheck case and knows what claims mean.

How :func:`estimate` maps a case onto the algorithms:

* **Only current claims count.**  Retracted and superseded claims do not.
* **Trust belongs to roots.**  The algorithms' sources are the roots of the
  ``part_of`` chains; every source is reported with its root's trust.
* **One root, one voice per proposition.**  A claim's evidence belongs to
  its origins: its source's root, or for a claim that ``cites`` others the
  origins of what it cites, as far as what it cites is current (relays in
  ``via`` change nothing).  In place of a cited claim that is superseded or
  retracted, the citing claim stands for its own root: a root is not
  counted again for a value it gave up.  Nor does a citation lend a root a
  value it does not hold: a claim counts under another root only when
  that root's own current claims about the proposition allow every value
  the claim allows, and under its own root otherwise.  On each
  proposition, each origin root has weight 1, shared equally among the
  current claims whose origins include it.  So claims of one root, and
  claims derived from one origin, count once however often they are
  repeated; a claim derived from two origins is part of both voices.
* **A claim lends weight to every value its set contains**, shared
  equally.  For a category the values are the leaves: a claim on a node
  with *k* leaves lends 1/*k* of its weight to each.  An assertion has the
  values true and false.  For a quantity (in every algorithm but CRH) the
  values are the *atoms* of the proposition: the pieces of the number line
  that the claims' interval bounds cut it into, keeping those some claim
  covers (for a whole-number quantity, those holding a whole number); an
  interval lends 1/*k* to each of the *k* atoms inside it.
* **CRH weighs quantities only**, as intervals.  A claim's loss is the
  distance from its interval to the estimate (0 where they meet), divided
  by the proposition's spread (greatest finite bound less least low
  bound, or 1 when that is 0).  The estimate minimises the trust-weighted
  sum of distances to the claims' intervals; every number that does is
  kept, so the estimate is an interval (``14 to 99`` when the weighing
  cannot choose between them).  Distances are to an interval's closure,
  so a number at an open end (14 for ``more than 14``) is 0 from it; an
  end of the estimate that a claim leaves out by an open bound is left
  out too (``more than 14`` alone gives ``more than 14``), unless the
  estimate is that one number.
* **Sequence propositions are left out.**  A claim about an order speaks
  of several pairs of events at once, and sharing it out among them would
  be a guess.

Per claim, the *belief* is the greatest belief among the values its set
contains (a claim is true when any value it allows is); under CRH it is
``exp(-loss)``, 1 when the claim meets the estimate.  Per proposition, the
*estimate* is the value of greatest belief: for a category the leaves tied
at the top, for an assertion ``true`` or ``false`` (none on a tie), for a
quantity the atoms tied at the top when they meet, making one interval
(none when numbers of less belief lie between them: with only ``11`` and
``at least 14``, nobody claimed 12 or 13).  Where every belief is 0 there
is no estimate.

Every result is an estimate: see the README for when these scores help and
when they mislead.  ``import claimcheck`` does not import this module.

Example:
    >>> from claimcheck import reliability
    >>> scores = reliability.run("sums", [("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> {s: round(t, 3) for s, t in scores.trust.items()}
    {'a': 1.0, 'b': 1.0, 'c': 0.0}
    >>> scores.estimate
    {'x': 1}
"""

from __future__ import annotations

import bisect
import itertools
import math
import numbers
import operator
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property
from typing import Any, Final, SupportsIndex, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from claimcheck._algorithms import ALGORITHMS
from claimcheck._frozen import FrozenDict
from claimcheck.errors import ClaimcheckError
from claimcheck.model import (
    AssertionProposition,
    Case,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    closest,
)
from claimcheck.reconciliation import ClaimState, Reconciliation, reconcile
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    Value,
)

__all__ = [
    "ALGORITHMS",
    "CONVERGED",
    "LABEL_ALGORITHMS",
    "Reliability",
    "ReliabilityError",
    "Scores",
    "defaults",
    "estimate",
    "run",
]

#: The algorithms that weigh values as labels (all but CRH).
LABEL_ALGORITHMS: Final = ALGORITHMS[:-1]
#: With no tolerance, a run has converged when its last iteration changed no
#: trust score by this much or more.
CONVERGED: Final = 1e-6

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]


class ReliabilityError(ClaimcheckError, ValueError):
    """Arguments :func:`run` or :func:`estimate` cannot work with.

    An unknown algorithm or parameter, a parameter out of range, or nothing
    to weigh.
    """


@attrs.frozen
class _Defaults:
    max_iterations: int  # 0: the algorithm does not iterate, and takes no controls
    tolerance: float | None
    parameters: Mapping[str, float]


# The defaults of truthdiscovery 1.0.4, so that default runs agree with it:
# 20 iterations (10 for PooledInvestment), TruthFinder until the cosine
# distance between successive trust vectors is below 0.001.  TruthFinder
# stops after 1,000 iterations at most, where truthdiscovery goes on to
# 1,000,000 and then raises; docs/reliability.md says why it often stops
# after one.
_DEFAULTS: Final[Mapping[str, _Defaults]] = {
    "majority": _Defaults(0, None, {}),
    "sums": _Defaults(20, None, {}),
    "average-log": _Defaults(20, None, {}),
    "investment": _Defaults(20, None, {"g": 1.2}),
    "pooled-investment": _Defaults(10, None, {"g": 1.4}),
    "truthfinder": _Defaults(1000, 0.001, {"dampening": 0.3, "initial_trust": 0.9}),
    "crh": _Defaults(20, None, {"eps": 1e-5}),
}

# Each parameter's allowed range, as (low, high, low included, high included).
_RANGES: Final[Mapping[str, tuple[float, float, bool, bool]]] = {
    "g": (0.0, math.inf, False, False),
    "dampening": (0.0, 1.0, False, True),
    "initial_trust": (0.0, 1.0, False, False),
    "eps": (0.0, math.inf, False, False),
}


def defaults(algorithm: str) -> dict[str, Any]:
    """Return an algorithm's default controls and parameters.

    Majority voting does not iterate and has none.

    Example:
        >>> defaults("investment")
        {'max_iterations': 20, 'tolerance': None, 'g': 1.2}
        >>> defaults("majority")
        {}
    """
    d = _DEFAULTS[_check_algorithm(algorithm)]
    if not d.max_iterations:
        return dict(d.parameters)
    return {"max_iterations": d.max_iterations, "tolerance": d.tolerance, **d.parameters}


def _check_algorithm(algorithm: object) -> str:
    if not isinstance(algorithm, str) or algorithm not in _DEFAULTS:
        hint = closest(algorithm, ALGORITHMS) if isinstance(algorithm, str) else None
        suggestion = f"; did you mean {hint!r}?" if hint else ""
        raise ReliabilityError(
            f"unknown algorithm {algorithm!r}{suggestion} (known: {', '.join(ALGORITHMS)})"
        )
    return algorithm


@attrs.frozen
class _Controls:
    algorithm: str
    max_iterations: int  # 0 when the algorithm does not iterate
    tolerance: float | None
    parameters: Mapping[str, float]

    @property
    def shown(self) -> dict[str, Any]:
        """The controls and parameters, as a result reports them (no controls: no iterations)."""
        if not self.max_iterations:
            return dict(self.parameters)
        return {
            "max_iterations": self.max_iterations,
            "tolerance": self.tolerance,
            **self.parameters,
        }


def _controls(
    algorithm: object,
    max_iterations: object,
    tolerance: object,
    parameters: Mapping[str, object],
) -> _Controls:
    name = _check_algorithm(algorithm)
    d = _DEFAULTS[name]
    if not d.max_iterations:
        if max_iterations is not None or tolerance is not None:
            raise ReliabilityError(
                "majority voting does not iterate: it takes no max_iterations or tolerance"
            )
        max_iterations = d.max_iterations
    elif max_iterations is None:
        max_iterations = d.max_iterations
    # Any whole number will do (numpy's too: anything with __index__), but
    # not True or False.
    if isinstance(max_iterations, bool) or not isinstance(max_iterations, SupportsIndex):
        raise ReliabilityError(f"max_iterations must be a whole number, got {max_iterations!r}")
    max_iterations = operator.index(max_iterations)
    if max_iterations < 1 and d.max_iterations:
        raise ReliabilityError(f"max_iterations must be 1 or more, got {max_iterations}")
    if tolerance is None:
        tolerance = d.tolerance
    elif isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real):
        raise ReliabilityError(f"tolerance must be a number, got {tolerance!r}")
    elif not 0 <= float(tolerance) < math.inf:
        raise ReliabilityError(f"tolerance must be 0 or more and finite, got {tolerance!r}")
    chosen = dict(d.parameters)
    for key, value in parameters.items():
        if key not in chosen:
            known = ", ".join(sorted(chosen)) or "none"
            raise ReliabilityError(f"{name} takes no parameter {key!r} (its parameters: {known})")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ReliabilityError(f"{key} must be a number, got {value!r}")
        number = float(value)
        low, high, low_in, high_in = _RANGES[key]
        if not (low < number or (low_in and number == low)) or not (
            number < high or (high_in and number == high)
        ):
            left, right = "[" if low_in else "(", "]" if high_in else ")"
            raise ReliabilityError(f"{key} must lie in {left}{low:g}, {high:g}{right}, got {value}")
        chosen[key] = number
    return _Controls(name, max_iterations, None if tolerance is None else float(tolerance), chosen)


# -- the numpy core ---------------------------------------------------------------


@attrs.frozen(eq=False)
class _Graph:
    """Sources lending weight to values: one row per (source, value, weight) edge.

    ``weight`` is ``None`` when every edge weighs 1 (the fast path of plain
    triples).  Every source and every value has at least one edge.
    """

    n_sources: int
    n_values: int
    n_variables: int
    source: IntArray
    value: IntArray
    weight: FloatArray | None
    variable_of: IntArray  # per value

    def to_values(self, per_source: FloatArray) -> FloatArray:
        """Σ over sources s of A[s, x] per_source[s], for every value x."""
        return self._carry(per_source, self.source, self.value, self.n_values)

    def to_sources(self, per_value: FloatArray) -> FloatArray:
        """Σ over values x of A[s, x] per_value[x], for every source s."""
        return self._carry(per_value, self.value, self.source, self.n_sources)

    def _carry(self, scores: FloatArray, start: IntArray, end: IntArray, n: int) -> FloatArray:
        """Carry ``scores`` along every edge from its ``start`` end, summed at its ``end``."""
        edge = scores[start]
        if self.weight is not None:
            edge = edge * self.weight
        return np.asarray(np.bincount(end, weights=edge, minlength=n), dtype=np.float64)

    def per_variable(self, per_value: FloatArray) -> FloatArray:
        """Each value's variable's total of ``per_value``."""
        totals = np.bincount(self.variable_of, weights=per_value, minlength=self.n_variables)
        return np.asarray(totals[self.variable_of], dtype=np.float64)

    @cached_property
    def counts(self) -> FloatArray:
        """Each source's number of claims: the sum of its weights, a whole number.

        A source's weights on one variable add up to 1, so the sum is the
        number of variables it speaks to.  Added up in floating point, shares
        such as 1/9 or 1/10 come to 1 ± 2e-16, and ``log`` of that is noise
        that AverageLog would scale up into trust; so the sum is rounded.
        """
        if self.weight is None:
            return np.bincount(self.source, minlength=self.n_sources).astype(np.float64)
        sums = np.bincount(self.source, weights=self.weight, minlength=self.n_sources)
        return np.asarray(np.rint(sums), dtype=np.float64)


@attrs.frozen(eq=False)
class _Outcome:
    trust: FloatArray
    belief: FloatArray
    iterations: int
    converged: bool
    change: float


def _by_max(v: FloatArray) -> FloatArray:
    """``v`` divided by its greatest entry; left as it is when that is 0 (no 0/0)."""
    top = float(v.max()) if v.size else 0.0
    return v / top if top > 0 else v


def _max_change(a: FloatArray, b: FloatArray) -> float:
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def _cosine_distance(a: FloatArray, b: FloatArray) -> float:
    # As truthdiscovery measures TruthFinder's convergence.
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0 or nb == 0:
        return 1.0
    return float(np.clip(1 - float(np.dot(a, b)) / (na * nb), 0, 1))


@attrs.define
class _Loop:
    """Counts iterations and decides when to stop."""

    max_iterations: int
    tolerance: float | None
    distance: Callable[[FloatArray, FloatArray], float] = _max_change
    iterations: int = 0
    change: float = math.inf

    def done(self) -> bool:
        if self.tolerance is not None and self.change < self.tolerance:
            return True
        return self.iterations >= self.max_iterations

    def record(self, old: FloatArray, new: FloatArray) -> None:
        self.iterations += 1
        self.change = self.distance(old, new)

    @property
    def converged(self) -> bool:
        """Whether the last iteration changed less than the tolerance (or :data:`CONVERGED`)."""
        return self.change < (CONVERGED if self.tolerance is None else self.tolerance)

    def outcome(self, trust: FloatArray, belief: FloatArray) -> _Outcome:
        return _Outcome(trust, belief, self.iterations, self.converged, self.change)


def _majority(g: _Graph, _c: _Controls) -> _Outcome:
    votes = g.to_values(np.ones(g.n_sources))
    return _Outcome(np.ones(g.n_sources), _by_max(votes), 0, True, 0.0)


def _sums(g: _Graph, c: _Controls) -> _Outcome:
    loop = _Loop(c.max_iterations, c.tolerance)
    trust = np.zeros(g.n_sources)
    belief = np.full(g.n_values, 0.5)
    if c.algorithm == "average-log":
        counts = g.counts
        # log(n)/n: a source with one claim earns no trust, as its authors
        # define it.  Every count is a whole number of 1 or more, so no scale
        # is negative and no trust either.
        scale = np.log(counts) / counts
    while not loop.done():
        new_trust = g.to_sources(belief)
        if c.algorithm == "average-log":
            new_trust = scale * new_trust
        belief = _by_max(g.to_values(new_trust))
        new_trust = _by_max(new_trust)
        loop.record(trust, new_trust)
        trust = new_trust
    return loop.outcome(trust, belief)


def _investment(g: _Graph, c: _Controls) -> _Outcome:
    loop = _Loop(c.max_iterations, c.tolerance)
    exponent = c.parameters["g"]
    counts = g.counts
    pooled = c.algorithm == "pooled-investment"
    trust = np.ones(g.n_sources)
    if pooled:  # uniform priors over each variable's values
        belief = 1 / g.per_variable(np.ones(g.n_values))
    else:  # each value's share of its variable's votes
        votes = g.to_values(np.ones(g.n_sources))
        belief = votes / g.per_variable(votes)
    drained = False
    while not loop.done():
        invested = trust / counts
        received = g.to_values(invested)
        if np.any(received == 0):
            # Trust has drained from every source of some value: the next
            # returns would be 0/0.  Stop here, as truthdiscovery does.
            drained = True
            break
        new_trust = invested * g.to_sources(belief / received)
        returns = g.to_values(new_trust / counts)
        if pooled:
            grown = returns**exponent
            pool = g.per_variable(grown)
            safe = np.where(pool > 0, pool, 1.0)
            belief = np.where(pool > 0, returns * grown / safe, 0.0)
        else:
            belief = returns**exponent
        new_trust = _by_max(new_trust)
        belief = _by_max(belief)
        loop.record(trust, new_trust)
        trust = new_trust
    outcome = loop.outcome(trust, belief)
    return attrs.evolve(outcome, converged=False) if drained else outcome


_TINY: Final = float(np.finfo(np.float64).tiny)


def _truthfinder(g: _Graph, c: _Controls) -> _Outcome:
    loop = _Loop(c.max_iterations, c.tolerance, _cosine_distance)
    gamma = c.parameters["dampening"]
    counts = g.counts
    # The complement 1 - trust is carried itself, so that it never rounds to
    # 0 and -log(1 - trust) never becomes the logarithm of zero.
    doubt = np.full(g.n_sources, 1 - c.parameters["initial_trust"])
    trust = 1 - doubt
    belief = np.zeros(g.n_values)
    while not loop.done():
        score = gamma * g.to_values(-np.log(doubt))
        belief = np.exp(-np.logaddexp(0, -score))  # 1 / (1 + e^-score)
        disbelief = np.exp(-np.logaddexp(0, score))  # 1 - belief, without cancellation
        doubt = np.maximum(g.to_sources(disbelief) / counts, _TINY)
        new_trust = g.to_sources(belief) / counts
        loop.record(trust, new_trust)
        trust = new_trust
    return loop.outcome(trust, belief)


_LABEL_KERNELS: Final[Mapping[str, Callable[[_Graph, _Controls], _Outcome]]] = {
    "majority": _majority,
    "sums": _sums,
    "average-log": _sums,
    "investment": _investment,
    "pooled-investment": _investment,
    "truthfinder": _truthfinder,
}


@attrs.frozen(eq=False)
class _Spans:
    """Claims of quantities as intervals: one row per (source, variable, interval, weight)."""

    n_sources: int
    n_variables: int
    source: IntArray
    variable: IntArray
    low: FloatArray
    high: FloatArray  # inf when unbounded
    weight: FloatArray

    @cached_property
    def scale(self) -> FloatArray:
        """Each variable's spread: greatest finite bound less least low bound (1 when 0)."""
        greatest = np.full(self.n_variables, -np.inf)
        np.maximum.at(
            greatest, self.variable, np.where(np.isfinite(self.high), self.high, self.low)
        )
        least = np.full(self.n_variables, np.inf)
        np.minimum.at(least, self.variable, self.low)
        spread = greatest - least
        return np.where(spread > 0, spread, 1.0)


@attrs.frozen(eq=False)
class _CrhOutcome:
    trust: FloatArray
    low: FloatArray  # per variable: the estimate's bounds
    high: FloatArray
    loss: FloatArray  # per row
    iterations: int
    converged: bool
    change: float


def _segment_cumsum(a: FloatArray, starts: IntArray) -> FloatArray:
    """Running sums of ``a`` that start again at each index in ``starts`` (``starts[0]`` is 0).

    Each segment's total is taken off where the next begins, so the running
    sum stays as small as one segment's and so does its rounding error.
    """
    b = a.copy()
    b[starts[1:]] -= np.add.reduceat(a, starts)[:-1]
    return np.asarray(np.cumsum(b), dtype=np.float64)


@attrs.frozen(eq=False)
class _Minimisers:
    """Every variable's minimisers of Σ weight·distance(x, [low, high]), for any weights.

    That sum is convex and piecewise linear in x, and its slope changes only
    at the bounds, so its minimisers are an interval whose ends are bounds:
    the least bound where the slope from the right is no longer negative,
    and the greatest where the slope from the left is not yet positive.
    The bounds of every variable are laid out once, in order of variable
    and then of value (each variable's *points*); each iteration then finds
    every variable's ends at once with sums over those points.
    """

    n_variables: int
    variable: IntArray  # per row
    point: FloatArray  # each point's value
    first: IntArray  # per variable: its first point
    last: IntArray  # per variable: its last point
    low_at: IntArray  # per row: the point of its low bound
    bounded: npt.NDArray[np.bool_]  # per row: whether its high bound is finite
    high_at: IntArray  # per bounded row: the point of its high bound
    open_ended: npt.NDArray[np.bool_]  # per variable: whether some row is unbounded

    @classmethod
    def of(
        cls, variable: IntArray, low: FloatArray, high: FloatArray, n_variables: int
    ) -> _Minimisers:
        bounded = np.isfinite(high)
        values = np.concatenate([low, high[bounded]])
        unique, rank = np.unique(values, return_inverse=True)
        # Each bound as one integer that sorts by variable, then by value.
        owner = np.concatenate([variable, variable[bounded]])
        keys, point_of = np.unique(owner * len(unique) + rank, return_inverse=True)
        point_variable = keys // len(unique)
        n_rows = len(low)
        return cls(
            n_variables=n_variables,
            variable=variable,
            point=np.asarray(unique[keys % len(unique)], dtype=np.float64),
            first=np.searchsorted(point_variable, np.arange(n_variables), side="left"),
            last=np.searchsorted(point_variable, np.arange(n_variables), side="right") - 1,
            low_at=point_of[:n_rows],
            bounded=bounded,
            high_at=point_of[n_rows:],
            open_ended=np.bincount(variable[~bounded], minlength=n_variables) > 0,
        )

    def __call__(self, weight: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Each variable's least and greatest minimiser (``inf`` when unbounded)."""
        n_points = len(self.point)
        total = np.bincount(self.variable, weights=weight, minlength=self.n_variables)
        # Weight of the intervals ending at each point, and starting at it.
        ending = np.asarray(
            np.bincount(self.high_at, weights=weight[self.bounded], minlength=n_points),
            dtype=np.float64,
        )
        starting = np.asarray(
            np.bincount(self.low_at, weights=weight, minlength=n_points), dtype=np.float64
        )
        ended = _segment_cumsum(ending, self.first)  # ending at or below each point
        started = _segment_cumsum(starting, self.first)  # starting at or below it
        total_at = np.repeat(total, self.last - self.first + 1)
        # The slope from the right at x: weight ending at or below x, less
        # weight starting above x; from the left: ending below x, less
        # starting at or above x.
        right_slope = ended - (total_at - started)
        left_slope = (ended - ending) - (total_at - (started - starting))
        # Weights are sums of float shares: a slope within rounding of 0 is 0.
        fuzz = 1e-9 * np.maximum(total, 1.0)
        fuzz_at = np.repeat(fuzz, self.last - self.first + 1)
        # The first point of each variable where the right slope is not
        # negative (its last point always is), and the last point where the
        # left slope is not positive (its first point always is).
        rising = np.flatnonzero(right_slope >= -fuzz_at)
        start = rising[np.searchsorted(rising, self.first)]
        falling = np.flatnonzero(left_slope <= fuzz_at)
        end = falling[np.searchsorted(falling, self.last, side="right") - 1]
        low, high = self.point[start], self.point[end]
        # Past the last bound the slope is the weight of bounded intervals.
        unbounded = self.open_ended & (end == self.last) & (ended[self.last] <= fuzz)
        high = np.where(unbounded, math.inf, high)
        return low, np.maximum(low, high)


def _gap(
    low: FloatArray, high: FloatArray, est_low: FloatArray, est_high: FloatArray
) -> FloatArray:
    """The distance between intervals [low, high] and [est_low, est_high] (0 when they meet)."""
    with np.errstate(invalid="ignore"):  # inf - inf where both are unbounded; that is no gap
        gap = np.maximum(np.maximum(low - est_high, est_low - high), 0.0)
    return np.nan_to_num(gap, nan=0.0)


def _crh(s: _Spans, c: _Controls) -> _CrhOutcome:
    loop = _Loop(c.max_iterations, c.tolerance)
    eps = c.parameters["eps"]
    minimisers = _Minimisers.of(s.variable, s.low, s.high, s.n_variables)

    def estimates(trust: FloatArray) -> tuple[FloatArray, FloatArray]:
        return minimisers(s.weight * trust[s.source])

    trust = np.ones(s.n_sources)
    est_low, est_high = estimates(trust)
    loss = _gap(s.low, s.high, est_low[s.variable], est_high[s.variable]) / s.scale[s.variable]
    while not loop.done():
        alpha = eps + np.bincount(s.source, weights=s.weight * loss, minlength=s.n_sources)
        new_trust = _by_max(eps - np.log(alpha / alpha.sum()))
        est_low, est_high = estimates(new_trust)
        loss = _gap(s.low, s.high, est_low[s.variable], est_high[s.variable]) / s.scale[s.variable]
        loop.record(trust, new_trust)
        trust = new_trust
    return _CrhOutcome(trust, est_low, est_high, loss, loop.iterations, loop.converged, loop.change)


# -- plain triples ------------------------------------------------------------------


@attrs.frozen(eq=False)
class Scores:
    """What :func:`run` finds from plain triples.

    Attributes:
        algorithm: The algorithm's name.
        sources: The source labels, in order of first appearance.
        variables: The variable labels, in order of first appearance.
        trust_scores: Each source's trust, as a numpy array in ``sources`` order.
        iterations: How many iterations ran (majority voting: 0).
        converged: Whether the last iteration changed the trust scores by
            less than the tolerance (by less than :data:`CONVERGED` when no
            tolerance was set).  ``False`` too when Investment stopped early
            because trust drained from every source of some value.
        change: How much the last iteration changed the trust scores.
    """

    algorithm: str
    sources: tuple[Hashable, ...]
    variables: tuple[Hashable, ...]
    trust_scores: FloatArray = attrs.field(repr=False)
    iterations: int
    converged: bool
    change: float
    _beliefs: Callable[[], dict[Hashable, dict[Any, float]]] = attrs.field(repr=False)
    _estimates: Callable[[], dict[Hashable, Any]] = attrs.field(repr=False)

    @cached_property
    def trust(self) -> dict[Hashable, float]:
        """Each source's trust, by label."""
        return dict(zip(self.sources, self.trust_scores.tolist(), strict=True))

    @cached_property
    def belief(self) -> dict[Hashable, dict[Any, float]]:
        """Each variable's values and their beliefs (CRH: ``exp(-loss)`` of each claimed value)."""
        return self._beliefs()

    @cached_property
    def estimate(self) -> dict[Hashable, Any]:
        """Each variable's value of greatest belief (ties: the first claimed).

        Under CRH, the ``(low, high)`` interval of numbers that minimise the
        weighted distance (``high`` is ``math.inf`` when unbounded).
        """
        return self._estimates()


def _scores(
    outcome: _Outcome | _CrhOutcome,
    controls: _Controls,
    sources: tuple[Hashable, ...],
    variables: tuple[Hashable, ...],
    beliefs: Callable[[], dict[Hashable, dict[Any, float]]],
    estimates: Callable[[], dict[Hashable, Any]],
) -> Scores:
    """The :class:`Scores` of a run, from its outcome and how to word its beliefs and estimates."""
    return Scores(
        trust_scores=outcome.trust,
        iterations=outcome.iterations,
        converged=outcome.converged,
        change=outcome.change,
        beliefs=beliefs,
        estimates=estimates,
        algorithm=controls.algorithm,
        sources=sources,
        variables=variables,
    )


def _index(labels: Sequence[Hashable]) -> tuple[IntArray, tuple[Hashable, ...]]:
    ids: dict[Hashable, int] = {}
    try:
        codes = [ids.setdefault(x, len(ids)) for x in labels]
    except TypeError as exc:
        raise ReliabilityError(f"labels and values must be hashable: {exc}") from None
    return np.array(codes, dtype=np.int64), tuple(ids)


def _columns(
    triples: Iterable[tuple[Hashable, Hashable, Any]],
) -> tuple[Sequence[Hashable], Sequence[Hashable], Sequence[Any]]:
    rows = triples if isinstance(triples, list | tuple) else list(triples)
    if not rows:
        raise ReliabilityError("no claims to weigh: the list of triples is empty")
    try:
        if any(len(t) != 3 for t in rows):
            raise TypeError
        sources, variables, values = zip(*rows, strict=True)
    except TypeError:
        raise ReliabilityError("each claim must be a (source, variable, value) triple") from None
    return sources, variables, values


def _shares(source: IntArray, variable: IntArray, n_variables: int) -> FloatArray | None:
    """Weight 1 per (source, variable), shared among that pair's triples (None: all 1)."""
    pair = source * n_variables + variable
    _, inverse, counts = np.unique(pair, return_inverse=True, return_counts=True)
    if counts.max() == 1:
        return None
    return np.asarray(1.0 / counts[inverse], dtype=np.float64)


def run(
    algorithm: str,
    triples: Iterable[tuple[Hashable, Hashable, Any]],
    *,
    max_iterations: SupportsIndex | None = None,
    tolerance: float | None = None,
    **parameters: float,
) -> Scores:
    """Weigh plain ``(source, variable, value)`` triples with one algorithm.

    Values are opaque labels for every algorithm but CRH, whose values are
    numbers, or ``(low, high)`` intervals (``high`` may be ``None`` or
    ``math.inf``).  A source has one voice per variable: its triples about
    one variable share a weight of 1.

    Args:
        algorithm: One of :data:`ALGORITHMS`.
        triples: The claims.
        max_iterations: At most this many iterations (default: the
            algorithm's, see :func:`defaults`).  Majority voting does not
            iterate and refuses this and ``tolerance``.
        tolerance: Stop once an iteration changes the trust scores by less
            than this (the greatest change; TruthFinder: the cosine
            distance).  Default: the algorithm's; ``None`` runs
            ``max_iterations`` iterations.
        **parameters: The algorithm's parameters: ``g`` (Investment,
            PooledInvestment), ``dampening`` and ``initial_trust``
            (TruthFinder), ``eps`` (CRH).

    Returns:
        The scores.

    Raises:
        ReliabilityError: For an unknown algorithm or parameter, a value out
            of range, no triples, or a CRH value that is not a number.

    Example:
        >>> scores = run("crh", [("a", "x", 10), ("b", "x", 10), ("c", "x", 20)])
        >>> scores.estimate, scores.trust["c"] < scores.trust["a"]
        ({'x': (10.0, 10.0)}, True)
    """
    controls = _controls(algorithm, max_iterations, tolerance, parameters)
    source_labels, variable_labels, values = _columns(triples)
    source, sources = _index(source_labels)
    variable, variables = _index(variable_labels)
    weight = _shares(source, variable, len(variables))
    if controls.algorithm == "crh":
        return _run_crh(controls, sources, variables, source, variable, values, weight)

    value_code, value_labels = _index(values)
    n_labels = len(value_labels)
    keys, node = np.unique(variable * n_labels + value_code, return_inverse=True)
    graph = _Graph(
        n_sources=len(sources),
        n_values=len(keys),
        n_variables=len(variables),
        source=source,
        value=node.astype(np.int64),
        weight=weight,
        variable_of=(keys // n_labels).astype(np.int64),
    )
    outcome = _LABEL_KERNELS[controls.algorithm](graph, controls)

    def beliefs() -> dict[Hashable, dict[Any, float]]:
        out: dict[Hashable, dict[Any, float]] = {}
        first = np.full(len(keys), len(node), dtype=np.int64)
        np.minimum.at(first, node, np.arange(len(node)))
        for k in np.argsort(first, kind="stable").tolist():
            var, label = divmod(int(keys[k]), n_labels)
            out.setdefault(variables[var], {})[value_labels[label]] = float(outcome.belief[k])
        return out

    def estimates() -> dict[Hashable, Any]:
        return {
            var: max(values.items(), key=lambda item: item[1])[0]
            for var, values in beliefs().items()
        }

    return _scores(outcome, controls, sources, variables, beliefs, estimates)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ReliabilityError(f"CRH weighs numbers or (low, high) intervals, got {value!r}")
    return float(value)


def _bounds(value: Any) -> tuple[float, float]:
    if isinstance(value, tuple | list) and len(value) == 2:
        low, high = value
        low_f = _number(low)
        high_f = math.inf if high is None else _number(high)
    else:
        low_f = high_f = _number(value)
    if math.isnan(low_f) or math.isnan(high_f) or not low_f <= high_f or low_f == math.inf:
        raise ReliabilityError(f"not an interval of numbers: {value!r}")
    return low_f, high_f


def _run_crh(
    controls: _Controls,
    sources: tuple[Hashable, ...],
    variables: tuple[Hashable, ...],
    source: IntArray,
    variable: IntArray,
    values: Sequence[Any],
    weight: FloatArray | None,
) -> Scores:
    bounds = np.array([_bounds(v) for v in values], dtype=np.float64).reshape(-1, 2)
    low, high = bounds[:, 0], bounds[:, 1]
    spans = _Spans(
        n_sources=len(sources),
        n_variables=len(variables),
        source=source,
        variable=variable,
        low=low,
        high=high,
        weight=np.ones(len(low)) if weight is None else weight,
    )
    outcome = _crh(spans, controls)
    belief = np.exp(-outcome.loss)

    def beliefs() -> dict[Hashable, dict[Any, float]]:
        out: dict[Hashable, dict[Any, float]] = {}
        for row, value in enumerate(values):
            key = tuple(value) if isinstance(value, list) else value
            out.setdefault(variables[int(variable[row])], {})[key] = float(belief[row])
        return out

    def estimates() -> dict[Hashable, Any]:
        return {
            var: (float(outcome.low[v]), float(outcome.high[v])) for v, var in enumerate(variables)
        }

    return _scores(outcome, controls, sources, variables, beliefs, estimates)


# -- claimcheck cases ---------------------------------------------------------------


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return FrozenDict(mapping)


@attrs.frozen
class Reliability:
    """What :func:`estimate` finds for a case: estimates, not findings.

    Attributes:
        algorithm: The algorithm's name.
        parameters: The controls and parameters it ran with (none for
            majority voting, which does not iterate).
        trust: Every source's trust, by source id: its root's trust, or
            ``None`` when no evidence of the root was weighed (its claims
            were all retracted, superseded, counted under the roots of the
            current claims they cite, or about propositions the algorithm
            does not weigh).
        roots: Every source's root.
        belief: Each weighed claim's belief, by claim id.
        estimate: Each weighed proposition's favoured value, by id (``None``
            when every belief is 0, an assertion is tied, or a quantity's
            tied atoms lie apart).
        iterations: How many iterations ran (majority voting: 0).
        converged: Whether the last iteration changed the trust scores by
            less than the tolerance (by less than :data:`CONVERGED` when no
            tolerance was set); ``False`` too when Investment stopped early
            because trust drained from every source of some value.
    """

    algorithm: str
    parameters: Mapping[str, Any] = attrs.field(converter=_frozen)
    trust: Mapping[str, float | None] = attrs.field(converter=_frozen)
    roots: Mapping[str, str] = attrs.field(converter=_frozen)
    belief: Mapping[str, float] = attrs.field(converter=_frozen)
    estimate: Mapping[str, Value | None] = attrs.field(converter=_frozen)
    iterations: int
    converged: bool


def _weighed(proposition: Proposition, algorithm: str) -> bool:
    if algorithm == "crh":
        return isinstance(proposition, QuantityProposition)
    return isinstance(proposition, CategoryProposition | AssertionProposition | QuantityProposition)


def _standing_origins(
    claims: Iterable[Claim], states: Mapping[str, str], root_of: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Each current claim's origins, reached through current claims only.

    A claim that cites nothing stands for its source's root.  A claim that
    cites others stands for the origins of the cited claims that are
    current; in place of a cited claim that is superseded or retracted, it
    stands for its own source's root.
    """
    by_id = {c.id: c for c in claims}
    found: dict[str, frozenset[str]] = {}
    for claim in by_id.values():
        if states[claim.id] != ClaimState.CURRENT:
            continue
        # Iterative, so that long chains of citations cannot exhaust the stack.
        stack = [claim]
        while stack:
            top = stack[-1]
            pending = [
                by_id[c] for c in top.cites if c not in found and states[c] == ClaimState.CURRENT
            ]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            own = frozenset({root_of[top.source]})
            found[top.id] = (
                frozenset().union(
                    *(found[c] if states[c] == ClaimState.CURRENT else own for c in top.cites)
                )
                if top.cites
                else own
            )
    return found


def _voices(
    claims: Sequence[Claim],
    covered: Sequence[Sequence[int]],
    standing: Mapping[str, frozenset[str]],
    root_of: Mapping[str, str],
) -> list[tuple[str, int, float]]:
    """(origin root, claim's position, weight): each root's weight 1 shared among its claims.

    A claim counts under an origin other than its own root only when that
    root's own current claims about the proposition hold every value the
    claim allows; otherwise it counts under its own root instead, so that
    no root lends weight to a value it does not hold.
    """
    held: dict[str, set[int]] = defaultdict(set)
    for claim, values in zip(claims, covered, strict=True):
        held[root_of[claim.source]].update(values)
    members: dict[str, list[int]] = defaultdict(list)
    for i, (claim, values) in enumerate(zip(claims, covered, strict=True)):
        own = root_of[claim.source]
        origins = {o if held[o].issuperset(values) else own for o in standing[claim.id]}
        for origin in origins:
            members[origin].append(i)
    return [(o, i, 1 / len(group)) for o, group in sorted(members.items()) for i in group]


@attrs.frozen(eq=False)
class _Weighed:
    """A proposition as weighed: its current claims, its values and the roots' voices."""

    proposition: Proposition
    claims: Sequence[Claim]
    labels: Sequence[Any]
    covered: Sequence[Sequence[int]]
    voices: Sequence[tuple[str, int, float]]


_Cut: TypeAlias = tuple[Decimal, int]
_INFINITY: Final = Decimal("Infinity")


def _cuts(iv: Interval) -> tuple[_Cut, _Cut]:
    # (x, 0) stands just before x, (x, 1) just after it.
    start = (iv.low, 1 if iv.low_open else 0)
    end = (_INFINITY, 0) if iv.high is None else (iv.high, 0 if iv.high_open else 1)
    return start, end


def _atoms(intervals: Sequence[Interval], integer: bool) -> tuple[list[Interval], list[list[int]]]:
    """The pieces the intervals' bounds cut the line into, and which each interval covers."""
    cuts = sorted({cut for iv in intervals for cut in _cuts(iv)})
    pieces: list[Interval | None] = []
    for (a, sa), (b, sb) in itertools.pairwise(cuts):
        low, low_open = a, sa == 1
        high, high_open = (None, False) if b == _INFINITY else (b, sb == 0)
        if integer:
            low = low + 1 if low_open else low
            high = None if high is None else (high - 1 if high_open else high)
            low_open = high_open = False
        empty = high is not None and (low > high or (low == high and (low_open or high_open)))
        pieces.append(
            None if empty else Interval(low, high, low_open=low_open, high_open=high_open)
        )
    covered: list[list[int]] = []
    used: set[int] = set()
    for iv in intervals:
        start, end = _cuts(iv)
        first, last = bisect.bisect_left(cuts, start), bisect.bisect_left(cuts, end)
        covered.append([k for k in range(first, last) if pieces[k] is not None])
        used.update(covered[-1])
    order = sorted(used)
    renumber = {k: i for i, k in enumerate(order)}
    atoms = [piece for k in order if (piece := pieces[k]) is not None]  # none is None
    return atoms, [[renumber[k] for k in ks] for ks in covered]


def _values_of(
    proposition: Proposition, claims: Sequence[Claim]
) -> tuple[list[Any], list[list[int]]]:
    """A proposition's values (leaves, truth values or atoms) and the ones each claim covers."""
    if isinstance(proposition, QuantityProposition):
        intervals = [c.value.interval for c in claims if isinstance(c.value, QuantityValue)]
        atoms, covered = _atoms(intervals, proposition.integer)
        return list(atoms), covered
    sets: list[list[Any]] = []
    for claim in claims:
        if isinstance(claim.value, CategoryValue):
            sets.append(sorted(claim.value.leaves))
        else:
            assert isinstance(claim.value, AssertionValue)
            sets.append([claim.value.value])
    labels = sorted({x for s in sets for x in s})
    position = {x: i for i, x in enumerate(labels)}
    return labels, [[position[x] for x in s] for s in sets]


def _favoured(proposition: Proposition, labels: Sequence[Any], beliefs: FloatArray) -> Value | None:
    if not len(labels) or float(beliefs.max()) <= 0:
        return None
    top = float(beliefs.max())
    tied = [labels[i] for i in np.nonzero(np.isclose(beliefs, top, rtol=1e-9, atol=0))[0].tolist()]
    if isinstance(proposition, CategoryProposition):
        return CategoryValue(tied)
    if isinstance(proposition, AssertionProposition):
        return AssertionValue(tied[0]) if len(tied) == 1 else None
    # Atoms are disjoint and in order.  Tied atoms apart would make an
    # interval holding numbers of less support between them: no estimate.
    assert isinstance(proposition, QuantityProposition)
    for left, right in itertools.pairwise(tied):
        if not _meet(left, right, proposition.integer):
            return None
    hull = tied[0]
    for atom in tied[1:]:
        hull = hull.hull(atom)
    return QuantityValue(hull)


def _meet(left: Interval, right: Interval, integer: bool) -> bool:
    """Whether no number (no whole number, for ``integer``) lies between two atoms."""
    assert left.high is not None  # the atom below another is bounded
    if integer:
        return left.high.to_integral_value(rounding=ROUND_FLOOR) + 1 >= right.low
    return left.high == right.low and not (left.high_open and right.low_open)


def _subject(subject: Case | Reconciliation) -> Reconciliation:
    if isinstance(subject, Reconciliation):
        return subject
    if isinstance(subject, Case):
        return reconcile(subject)
    raise TypeError(f"expected a Case or a Reconciliation, got {type(subject).__name__}")


def estimate(
    subject: Case | Reconciliation,
    algorithm: str,
    *,
    max_iterations: SupportsIndex | None = None,
    tolerance: float | None = None,
    **parameters: float,
) -> Reliability:
    """Estimate each source's trust and each proposition's favoured value in a case.

    See the module's documentation for how claims are weighed: current
    claims only, trust per root, one voice per root and proposition,
    weight shared over the values a claim's set contains, quantities as
    atoms (or as intervals under CRH), sequences left out.

    Args:
        subject: A case, or its reconciliation (which says which claims are
            current and what their origins are).
        algorithm: One of :data:`ALGORITHMS`.
        max_iterations: At most this many iterations (default: the
            algorithm's; majority voting takes none, see :func:`run`).
        tolerance: Stop once an iteration changes the trust scores by less
            than this (default: the algorithm's; see :func:`run`).
        **parameters: The algorithm's parameters (see :func:`run`).

    Returns:
        The estimates.

    Raises:
        ReliabilityError: For an unknown algorithm or parameter, a value out
            of range, or a case with no current claim the algorithm can weigh.

    Example:
        >>> import claimcheck
        >>> from claimcheck import reliability
        >>> found = reliability.estimate(claimcheck.load("fixtures/starter.yaml"), "sums")
        >>> {source: round(trust, 2) for source, trust in found.trust.items()}
        {'ministry': 1.0, 'police': 1.0, 'union': 0.1, 'wire': 0.63}
        >>> found.estimate["curfew-declared"]
        AssertionValue(value=True)
    """
    controls = _controls(algorithm, max_iterations, tolerance, parameters)
    result = _subject(subject)
    case = result.case
    roots = {s.id: s.root for s in result.sources}
    by_proposition: dict[str, list[Claim]] = defaultdict(list)
    for claim in case.claims:
        if result.states[claim.id] == ClaimState.CURRENT:
            by_proposition[claim.proposition].append(claim)
    # Propositions and claims in order of id, so that the edges, and with
    # them every floating-point sum, come in the same order however the case
    # is ordered: equal cases give equal results, bit for bit.
    propositions = sorted(
        (p for p in case.propositions if by_proposition[p.id] and _weighed(p, controls.algorithm)),
        key=lambda p: p.id,
    )
    if not propositions:
        what = "quantity" if controls.algorithm == "crh" else "category, assertion or quantity"
        raise ReliabilityError(
            f"no claims to weigh: {controls.algorithm} weighs current claims about "
            f"{what} propositions, and the case has none"
        )
    standing = _standing_origins(case.claims, result.states, roots)
    weighed = []
    for prop in propositions:
        claims = sorted(by_proposition[prop.id], key=lambda c: c.id)
        labels, covered = _values_of(prop, claims)
        voices = _voices(claims, covered, standing, roots)
        weighed.append(_Weighed(prop, claims, labels, covered, voices))
    root_ids = sorted({origin for w in weighed for origin, _, _ in w.voices})
    root_index = {r: i for i, r in enumerate(root_ids)}
    if controls.algorithm == "crh":
        found = _estimate_crh(weighed, root_index, controls)
    else:
        found = _estimate_labels(weighed, root_index, controls)
    return Reliability(
        algorithm=controls.algorithm,
        parameters=controls.shown,
        trust={
            s.id: (
                float(found.trust[root_index[roots[s.id]]]) if roots[s.id] in root_index else None
            )
            for s in case.sources
        },
        roots=roots,
        belief=dict(sorted(found.belief.items())),
        estimate=found.favoured,
        iterations=found.iterations,
        converged=found.converged,
    )


@attrs.frozen(eq=False)
class _Found:
    """What an algorithm found for a case, before it is keyed by source."""

    trust: FloatArray  # per root
    belief: dict[str, float]  # per claim
    favoured: dict[str, Value | None]  # per proposition
    iterations: int
    converged: bool


def _estimate_labels(
    weighed: Sequence[_Weighed], root_index: Mapping[str, int], controls: _Controls
) -> _Found:
    sources: list[int] = []
    values: list[int] = []
    weights: list[float] = []
    variable_of: list[int] = []
    layout: list[tuple[Proposition, int, Sequence[Any], dict[str, list[int]]]] = []
    for v, w in enumerate(weighed):
        offset = len(variable_of)
        variable_of.extend([v] * len(w.labels))
        nodes_of = [[offset + k for k in ks] for ks in w.covered]
        for origin, i, share in w.voices:
            nodes = nodes_of[i]
            for node in nodes:
                sources.append(root_index[origin])
                values.append(node)
                weights.append(share / len(nodes))
        cover = {c.id: nodes for c, nodes in zip(w.claims, nodes_of, strict=True)}
        layout.append((w.proposition, offset, w.labels, cover))
    graph = _Graph(
        n_sources=len(root_index),
        n_values=len(variable_of),
        n_variables=len(weighed),
        source=np.array(sources, dtype=np.int64),
        value=np.array(values, dtype=np.int64),
        weight=np.array(weights, dtype=np.float64),
        variable_of=np.array(variable_of, dtype=np.int64),
    )
    outcome = _LABEL_KERNELS[controls.algorithm](graph, controls)
    belief: dict[str, float] = {}
    favoured: dict[str, Value | None] = {}
    for prop, offset, labels, cover in layout:
        for claim_id, nodes in cover.items():
            belief[claim_id] = float(outcome.belief[nodes].max())
        favoured[prop.id] = _favoured(prop, labels, outcome.belief[offset : offset + len(labels)])
    return _Found(outcome.trust, belief, favoured, outcome.iterations, outcome.converged)


def _estimate_crh(
    weighed: Sequence[_Weighed], root_index: Mapping[str, int], controls: _Controls
) -> _Found:
    rows: list[tuple[int, int, float, float, float]] = []
    claim_rows: list[tuple[str, int]] = []
    exact: list[dict[float, Decimal]] = []  # each variable's bounds, as written
    left_out: list[set[float]] = []  # each variable's open bounds
    for v, w in enumerate(weighed):
        claims = w.claims
        bounds: dict[float, Decimal] = {}
        open_bounds: set[float] = set()
        for claim in claims:
            assert isinstance(claim.value, QuantityValue)
            iv = claim.value.interval
            bounds[float(iv.low)] = iv.low
            if iv.low_open:
                open_bounds.add(float(iv.low))
            if iv.high is not None:
                bounds[float(iv.high)] = iv.high
                if iv.high_open:
                    open_bounds.add(float(iv.high))
        exact.append(bounds)
        left_out.append(open_bounds)
        for origin, i, share in w.voices:
            claim = claims[i]
            assert isinstance(claim.value, QuantityValue)
            iv = claim.value.interval
            high = math.inf if iv.high is None else float(iv.high)
            claim_rows.append((claim.id, len(rows)))
            rows.append((root_index[origin], v, float(iv.low), high, share))
    table = np.array(rows, dtype=np.float64)
    spans = _Spans(
        n_sources=len(root_index),
        n_variables=len(weighed),
        source=table[:, 0].astype(np.int64),
        variable=table[:, 1].astype(np.int64),
        low=table[:, 2],
        high=table[:, 3],
        weight=table[:, 4],
    )
    outcome = _crh(spans, controls)
    belief = {claim_id: float(np.exp(-outcome.loss[row])) for claim_id, row in claim_rows}
    favoured: dict[str, Value | None] = {}
    for v, w in enumerate(weighed):
        low, high = float(outcome.low[v]), float(outcome.high[v])
        start = exact[v][low]
        end = None if high == math.inf else exact[v][high]
        # Distances are to the claims' closures, so a number at an open end
        # of a claim is 0 from it; but that number does worse than those
        # just beside it, which the claim holds.  So an end of the estimate
        # that some claim leaves out by an open bound is left out too,
        # unless the estimate is that one number.
        several = low < high
        favoured[w.proposition.id] = QuantityValue(
            Interval(
                start,
                end,
                low_open=several and low in left_out[v],
                high_open=several and end is not None and high in left_out[v],
            )
        )
    return _Found(outcome.trust, belief, favoured, outcome.iterations, outcome.converged)
