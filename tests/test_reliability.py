"""Tests of claimcheck.reliability: fixed points derived by hand, cases, failure modes."""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest

import claimcheck
from claimcheck import cli, reliability
from claimcheck.generate import generate_case
from claimcheck.reliability import ALGORITHMS, ReliabilityError, estimate, run
from claimcheck.render import RENDERERS, RenderOptions
from claimcheck.values import AssertionValue, CategoryValue, Interval, QuantityValue

ROOT = Path(__file__).resolve().parent.parent
ZHANAOZEN = ROOT / "fixtures" / "zhanaozen-2011.yaml"
GOLDEN = (math.sqrt(5) - 1) / 2

# s1 and s3 agree on x; s2 disagrees with s1 on x and on y.
CHAIN = [("s1", "x", 1), ("s2", "x", 2), ("s3", "x", 1), ("s1", "y", "a"), ("s2", "y", "b")]
# Two against one on a single variable.
TWO_AGAINST_ONE = [("s1", "x", 1), ("s2", "x", 1), ("s3", "x", 2)]


def case(claims: str, *, sources: str = "", propositions: str = "") -> claimcheck.Case:
    """A case with sources a, b, c, d (plus ``sources``) and propositions q, k, t, o."""
    return claimcheck.loads(
        "claimcheck: 1\n"
        "sources:\n"
        "  - {id: a, kind: media}\n  - {id: b, kind: media}\n"
        "  - {id: c, kind: media}\n  - {id: d, kind: media}\n" + sources + "propositions:\n"
        "  - {id: q, kind: quantity, text: Deaths, unit: people}\n"
        "  - {id: k, kind: category, text: Who, values: {protesters: [strikers, provocateurs], police: null}}\n"
        "  - {id: t, kind: assertion, text: True or not}\n"
        "  - {id: o, kind: sequence, text: Order, events: {e1: one, e2: two}}\n"
        + propositions
        + "claims:\n"
        + claims
    )


# -- fixed points derived by hand, on plain triples -----------------------------------


def test_majority_belief_is_the_share_of_the_largest_vote() -> None:
    """Majority voting: belief = votes / most votes of any value, and every trust is 1."""
    scores = run("majority", CHAIN)
    assert {"s1": 1.0, "s2": 1.0, "s3": 1.0} == scores.trust
    assert {"x": {1: 1.0, 2: 0.5}, "y": {"a": 0.5, "b": 0.5}} == scores.belief
    assert (0, True) == (scores.iterations, scores.converged)


def test_sums_reaches_the_principal_eigenvector() -> None:
    """Sums: A·Aᵀ is [[2,0,1],[0,2,0],[1,0,1]]; its principal eigenvector is (1, 0, φ⁻¹)."""
    scores = run("sums", CHAIN, max_iterations=200)
    assert scores.trust["s1"] == pytest.approx(1.0)
    assert scores.trust["s3"] == pytest.approx(GOLDEN)
    assert scores.trust["s2"] < 1e-9
    # belief(x=1) ∝ t1 + t3 = 1 + φ⁻¹ is the greatest; belief(y=a) ∝ t1.
    assert scores.belief["x"][1] == pytest.approx(1.0)
    assert scores.belief["y"]["a"] == pytest.approx(1 / (1 + GOLDEN))
    assert scores.converged
    assert {"x": 1, "y": "a"} == scores.estimate


def test_sums_stops_at_the_tolerance() -> None:
    """A tolerance ends the run early, once the trust scores change less than it."""
    scores = run("sums", CHAIN, max_iterations=200, tolerance=1e-3)
    assert 1 < scores.iterations < 200
    assert scores.converged
    assert scores.change < 1e-3


def test_average_log_gives_a_single_claim_source_no_trust() -> None:
    """AverageLog: trust ∝ log(n)/n·Σ belief, so s3 (one claim) has 0; s1 and s2 are symmetric."""
    scores = run("average-log", CHAIN)
    assert {"s1": 1.0, "s2": 1.0, "s3": 0.0} == scores.trust
    assert {"x": {1: 1.0, 2: 1.0}, "y": {"a": 1.0, "b": 1.0}} == scores.belief


def test_average_log_with_only_single_claim_sources_gives_zeros_not_nan() -> None:
    """When every source has one claim, every score is 0 (log 1 = 0), and none is NaN."""
    scores = run("average-log", [("a", "x", 1), ("b", "x", 2), ("c", "y", 3)])
    assert {"a": 0.0, "b": 0.0, "c": 0.0} == scores.trust
    assert all(b == 0.0 for values in scores.belief.values() for b in values.values())


@pytest.mark.parametrize("claims", [9, 10])
def test_average_log_counts_claims_exactly(claims: int) -> None:
    """A source's shares of one variable add up to one claim, not to 1 ± 2e-16 with trust from it.

    Shares of 1/9 add up to 1.0000000000000002 and shares of 1/10 to
    0.9999999999999999; the logarithm of either is not 0, and dividing by
    the greatest trust would make noise a trust of 1, or a negative one.
    """
    scores = run("average-log", [("a", "x", i) for i in range(claims)] + [("b", "x", 100)])
    assert {"a": 0.0, "b": 0.0} == scores.trust
    subsources = "".join(f"  - {{id: a{i}, kind: media, part_of: a}}\n" for i in range(claims))
    found = estimate(
        case(
            "".join(
                f"  - {{id: c{i}, source: a{i}, proposition: t, value: true}}\n"
                for i in range(claims)
            )
            + "  - {id: b1, source: b, proposition: t, value: false}\n",
            sources=subsources,
        ),
        "average-log",
    )
    assert {"a": 0.0, "b": 0.0} == {s: found.trust[s] for s in "ab"}
    assert {"t": None} == found.estimate


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_average_log_trust_is_never_negative(seed: int) -> None:
    """Generated cases whose shares add up to just under a whole number give no negative trust."""
    found = estimate(generate_case(300, seed=seed), "average-log")
    assert all(t >= 0 for t in found.trust.values() if t is not None)


def test_investment_after_two_iterations() -> None:
    """Investment, g=1.2: after two iterations the dissenter has trust 2^-0.2, its value 2^-1.44.

    Priors 2/3 and 1/3.  Iteration 1: every source gets back a third, the
    returns are 2/3 and 1/3, so belief(x=2) = (1/2)^1.2.  Iteration 2: s1
    and s2 get 1/2 each, s3 gets (1/2)^1.2, so t3 = 2·(1/2)^1.2 = 2^-0.2;
    the returns are 1 and (1/2)^1.2, so belief(x=2) = (1/2)^1.44.
    """
    one = run("investment", TWO_AGAINST_ONE, max_iterations=1)
    assert {"s1": 1.0, "s2": 1.0, "s3": 1.0} == pytest.approx(one.trust)
    assert one.belief["x"][2] == pytest.approx(0.5**1.2)
    two = run("investment", TWO_AGAINST_ONE, max_iterations=2)
    assert two.trust["s3"] == pytest.approx(2**-0.2)
    assert two.belief["x"][2] == pytest.approx(0.5**1.44)
    assert not two.converged


def test_pooled_investment_after_one_iteration() -> None:
    """PooledInvestment: uniform priors 1/2; the lone dissenter first earns twice the trust.

    s1 and s2 share the return of x=1 (1/4 each), s3 has x=2's to itself
    (1/2); both values then return 1/2, and pooling keeps them equal.
    """
    scores = run("pooled-investment", TWO_AGAINST_ONE, max_iterations=1)
    assert {"s1": 0.5, "s2": 0.5, "s3": 1.0} == pytest.approx(scores.trust)
    assert {1: 1.0, 2: 1.0} == pytest.approx(scores.belief["x"])


def test_truthfinder_after_one_iteration() -> None:
    """TruthFinder: τ = -ln(1 - 0.9) = ln 10, so belief = 1 / (1 + 10^(-0.3·n)) for n sources."""
    scores = run("truthfinder", TWO_AGAINST_ONE, max_iterations=1)
    agreed, alone = 1 / (1 + 10**-0.6), 1 / (1 + 10**-0.3)
    assert {1: agreed, 2: alone} == pytest.approx(scores.belief["x"])
    assert {"s1": agreed, "s2": agreed, "s3": alone} == pytest.approx(scores.trust)
    assert not scores.converged  # the cosine distance from 0.9s is still above 0.001


def test_truthfinder_stops_as_documented() -> None:
    """TruthFinder: at most 1,000 iterations; from trust 0.9 the cosine rule often stops at once."""
    assert 1000 == reliability.defaults("truthfinder")["max_iterations"]
    rng = np.random.default_rng(0)
    triples = [
        (f"s{rng.integers(50)}", f"x{rng.integers(300)}", int(rng.integers(3))) for _ in range(2000)
    ]
    assert (1, True) == (
        run("truthfinder", triples).iterations,
        run("truthfinder", triples).converged,
    )
    assert 1000 == run("truthfinder", triples, tolerance=0).iterations


def test_crh_on_numbers() -> None:
    """CRH: the estimate is 10, the dissenter's loss is 10/10 = 1, trust is -log of loss shares."""
    scores = run("crh", [("a", "x", 10), ("b", "x", 10), ("c", "x", 20)])
    eps = 1e-5
    share = 1 + 3 * eps
    expected = (eps - math.log((1 + eps) / share)) / (eps - math.log(eps / share))
    assert {"x": (10.0, 10.0)} == scores.estimate
    assert {"a": 1.0, "b": 1.0, "c": expected} == pytest.approx(scores.trust)
    assert {10: 1.0, 20: math.exp(-1)} == pytest.approx(scores.belief["x"])
    assert scores.converged


def test_crh_on_intervals() -> None:
    """CRH with intervals: 11, 12 to 99, at least 14 settle on 14.

    Equal weights first: every number from 12 to 14 is 3 away in all, so
    the estimate is [12, 14] and only 11 has a loss (1/88: the spread is
    99 - 11).  Then 11 weighs least, and the estimate moves to 14, 3/88
    from 11, where it stays.
    """
    scores = run("crh", [("gov", "d", 11), ("opp", "d", (12, 99)), ("wp", "d", (14, None))])
    eps, loss = 1e-5, 3 / 88
    total = 3 * eps + loss
    expected = (eps - math.log((eps + loss) / total)) / (eps - math.log(eps / total))
    assert {"d": (14.0, 14.0)} == scores.estimate
    assert {"gov": expected, "opp": 1.0, "wp": 1.0} == pytest.approx(scores.trust)
    assert scores.belief["d"][11] == pytest.approx(math.exp(-loss))


def test_crh_keeps_every_minimiser() -> None:
    """Where every number of an interval weighs the same, CRH estimates the interval."""
    scores = run("crh", [("a", "x", (14, None)), ("b", "x", (20, None))])
    assert {"x": (20.0, math.inf)} == scores.estimate
    scores = run("crh", [("a", "x", 10), ("b", "x", 20)])
    assert {"x": (10.0, 20.0)} == scores.estimate


def test_crh_minimisers_match_a_search_over_every_bound() -> None:
    """The estimates of many variables at once are those found by trying every bound."""
    rng = np.random.default_rng(7)
    n_variables, n_rows = 40, 200
    variable = np.concatenate([np.arange(n_variables), rng.integers(0, n_variables, n_rows)])
    low = rng.integers(0, 10, len(variable)).astype(float)
    kind = rng.integers(0, 4, len(variable))
    high = np.where(kind == 0, np.inf, low + np.where(kind == 1, 0, rng.integers(0, 6, len(low))))
    weight = rng.choice([1.0, 0.5, 1 / 3, 0.25], len(low))
    lows, highs = reliability._Minimisers.of(variable, low, high, n_variables)(weight)
    for v in range(n_variables):
        mine = variable == v
        points = np.unique(np.concatenate([low[mine], high[mine & np.isfinite(high)]]))

        def cost(x: float, mine: Any = mine) -> float:
            gap = np.maximum(np.maximum(low[mine] - x, x - high[mine]), 0)
            return float(np.sum(weight[mine] * gap))

        costs = np.array([cost(x) for x in points])
        best = points[costs <= costs.min() + 1e-9]
        expected_high = best[-1]
        if best[-1] == points[-1] and cost(points[-1] + 1) <= costs.min() + 1e-9:
            expected_high = math.inf
        assert (best[0], expected_high) == (lows[v], highs[v])


def test_crh_estimates_every_variable_of_a_large_input() -> None:
    # Every variable is solved at once: none may be lost or mixed up on the way.
    rng = np.random.default_rng(3)
    triples = [
        (f"s{rng.integers(300)}", f"x{i // 4}", (int(lo), int(lo) + int(rng.integers(0, 30))))
        for i, lo in enumerate(rng.integers(0, 100, 8_000))
    ]
    scores = run("crh", triples)
    assert len(scores.estimate) == 2_000
    for variable in ("x0", "x999", "x1999"):
        claimed = [value for _, x, value in triples if x == variable]
        low, high = scores.estimate[variable]
        assert min(lo for lo, _ in claimed) <= low <= high <= max(hi for _, hi in claimed)


def test_a_source_has_one_voice_per_variable() -> None:
    """Triples of one source about one variable share its weight of 1."""
    scores = run("majority", [("a", "x", 1), ("a", "x", 2), ("b", "x", 1)])
    assert {1: 1.0, 2: 1 / 3} == pytest.approx(scores.belief["x"])


def test_runs_are_deterministic() -> None:
    """The same triples give the same scores, bit for bit."""
    rng = np.random.default_rng(1)
    triples = [(f"s{rng.integers(20)}", f"x{v}", int(rng.integers(3))) for v in range(200)]
    for algorithm in reliability.LABEL_ALGORITHMS:
        first, second = run(algorithm, triples), run(algorithm, triples)
        assert first.trust == second.trust
        assert first.belief == second.belief


# -- failure modes ----------------------------------------------------------------------


def test_investment_stops_when_trust_drains() -> None:
    """When no one invests in a value any more, Investment stops instead of dividing 0 by 0."""
    triples = [(f"s{s}", "x", 0) for s in range(5)] + [("lone", "x", 1)]
    triples += [(f"s{s}", "y", 0) for s in range(5)]
    scores = run("investment", triples, max_iterations=100)
    assert 20 < scores.iterations < 100
    assert not scores.converged
    assert scores.trust["lone"] == 0.0
    assert np.all(np.isfinite(scores.trust_scores))
    assert {"x": {0: 1.0, 1: 0.0}, "y": {0: 1.0}} == scores.belief


def test_truthfinder_trust_reaching_one_takes_no_log_of_zero() -> None:
    """Sixty sources agreeing everywhere: their trust rounds to 1, and the run still converges."""
    triples = [(f"s{s}", f"x{v}", 0) for s in range(60) for v in range(3)]
    triples += [(f"o{k}", "x0", 1) for k in range(3)] + [(f"o{k}", "z", k) for k in range(3)]
    with np.errstate(divide="raise", invalid="raise", over="raise"):
        scores = run("truthfinder", triples)
    assert scores.trust["s0"] == 1.0
    assert 0 < scores.trust["o0"] < 1
    assert scores.converged
    assert np.all(np.isfinite(scores.trust_scores))


def test_non_convergence_is_reported() -> None:
    """A run cut short by max_iterations says it did not converge, and how many it ran."""
    scores = run("truthfinder", CHAIN, max_iterations=1, tolerance=1e-12)
    assert (1, False) == (scores.iterations, scores.converged)


def test_single_claims_everywhere() -> None:
    """One claim in all: every algorithm gives finite scores and that claim's value."""
    for algorithm in reliability.LABEL_ALGORITHMS:
        scores = run(algorithm, [("a", "x", "v")])
        assert np.all(np.isfinite(scores.trust_scores))
        assert {"x": "v"} == scores.estimate
    assert {"x": (5.0, 5.0)} == run("crh", [("a", "x", 5)]).estimate


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("summs", CHAIN), "unknown algorithm 'summs'; did you mean 'sums'?"),
        (("sums", []), "no claims to weigh"),
        (("sums", [("a", "x")]), "(source, variable, value) triple"),
        (("crh", [("a", "x", "many")]), "CRH weighs numbers"),
        (("crh", [("a", "x", (20, 10))]), "not an interval"),
        (("sums", [("a", "x", [1])]), "hashable"),
    ],
)
def test_bad_input_is_a_clear_error(arguments: tuple[Any, ...], message: str) -> None:
    """Bad input raises ReliabilityError (a ValueError) saying what is wrong."""
    with pytest.raises(
        ReliabilityError, match=r".*" + message.replace("(", r"\(").replace(")", r"\)")
    ):
        run(*arguments)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_iterations": 0}, "max_iterations must be 1 or more"),
        ({"max_iterations": 2.5}, "max_iterations must be a whole number"),
        ({"tolerance": -1}, "tolerance must be 0 or more"),
        ({"g": 1.2}, "sums takes no parameter 'g'"),
    ],
)
def test_bad_controls_are_clear_errors(options: dict[str, Any], message: str) -> None:
    """Controls out of range, or parameters an algorithm does not take, are refused."""
    with pytest.raises(ReliabilityError, match=message):
        run("sums", CHAIN, **options)


def test_controls_may_be_numpy_numbers() -> None:
    """Whole numbers and reals from numpy are taken like Python's; True is not a number."""
    scores = run("sums", CHAIN, max_iterations=np.int64(3), tolerance=np.float64(0))
    assert 3 == scores.iterations
    found = estimate(
        claimcheck.load(ZHANAOZEN), "investment", max_iterations=np.int32(2), g=np.float64(1.5)
    )
    assert {"max_iterations": 2, "tolerance": None, "g": 1.5} == found.parameters
    assert int is type(found.parameters["max_iterations"])
    with pytest.raises(ReliabilityError, match="max_iterations must be a whole number"):
        run("sums", CHAIN, max_iterations=True)


def test_parameters_out_of_range_are_refused() -> None:
    """Each parameter is checked against its range."""
    with pytest.raises(ReliabilityError, match=r"initial_trust must lie in \(0, 1\), got 1"):
        run("truthfinder", CHAIN, initial_trust=1)
    with pytest.raises(ReliabilityError, match="g must lie in"):
        run("investment", CHAIN, g=0)


def test_defaults_are_the_reference_packages() -> None:
    """The defaults are truthdiscovery 1.0.4's."""
    assert {"max_iterations": 10, "tolerance": None, "g": 1.4} == reliability.defaults(
        "pooled-investment"
    )
    assert 0.001 == reliability.defaults("truthfinder")["tolerance"]


def test_majority_voting_has_no_iteration_controls() -> None:
    """Majority voting does not iterate: it shows no controls and refuses them."""
    assert {} == reliability.defaults("majority")
    assert {} == estimate(claimcheck.load(ZHANAOZEN), "majority").parameters
    for controls in ({"max_iterations": 3}, {"tolerance": 0.1}):
        with pytest.raises(ReliabilityError, match="majority voting does not iterate"):
            run("majority", CHAIN, **controls)
    code, _, err = _cli("report", str(ZHANAOZEN), "--trust", "majority", "--trust-iterations", "3")
    assert 2 == code
    assert err.startswith("claimcheck: --trust majority: majority voting does not iterate")


# -- cases ------------------------------------------------------------------------------


def test_only_current_claims_count() -> None:
    """Retracted and superseded claims lend nothing; a root with no evidence has no trust."""
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: t, value: true}\n"
            "  - {id: b1, source: b, proposition: t, value: false, retracted: true}\n"
            "  - {id: c1, source: c, proposition: t, value: false, date: '2020'}\n"
            "  - {id: c2, source: c, proposition: t, value: true, date: '2021'}\n"
        ),
        "majority",
    )
    assert {"a1": 1.0, "c2": 1.0} == found.belief
    assert {"a": 1.0, "b": None, "c": 1.0, "d": None} == found.trust
    assert {"t": AssertionValue(True)} == found.estimate


def test_trust_belongs_to_roots() -> None:
    """Sources under one root count once per proposition and share the root's trust."""
    found = estimate(
        case(
            "  - {id: a1, source: a1s, proposition: t, value: true}\n"
            "  - {id: a2, source: a2s, proposition: t, value: true}\n"
            "  - {id: c1, source: c, proposition: t, value: false}\n",
            sources="  - {id: a1s, kind: media, part_of: a}\n  - {id: a2s, kind: media, part_of: a}\n",
        ),
        "majority",
    )
    assert {"a1": 1.0, "a2": 1.0, "c1": 1.0} == found.belief  # one voice each: a tie
    assert found.estimate["t"] is None
    assert found.roots["a2s"] == "a"
    scores = estimate(
        case(
            "  - {id: a1, source: a1s, proposition: t, value: true}\n"
            "  - {id: c1, source: c, proposition: t, value: false}\n"
            "  - {id: a3, source: a, proposition: k, value: police}\n"
            "  - {id: d3, source: d, proposition: k, value: police}\n"
            "  - {id: c3, source: c, proposition: k, value: strikers}\n",
            sources="  - {id: a1s, kind: media, part_of: a}\n",
        ),
        "sums",
    )
    assert scores.trust["a1s"] == scores.trust["a"] == 1.0
    assert scores.trust["c"] is not None
    assert scores.trust["c"] < 1.0


def test_derivative_claims_count_with_their_origin() -> None:
    """A claim that cites another adds no voice: it is part of its origin's."""
    claims = (
        "  - {id: a1, source: a, proposition: t, value: true}\n"
        "  - {id: b1, source: b, proposition: t, value: true, cites: [a1]}\n"
        "  - {id: c1, source: c, proposition: t, value: false}\n"
    )
    found = estimate(case(claims), "majority")
    assert {"a1": 1.0, "b1": 1.0, "c1": 1.0} == found.belief
    assert found.trust["b"] is None
    independent = estimate(case(claims.replace(", cites: [a1]", "")), "majority")
    assert {"a1": 1.0, "b1": 1.0, "c1": 0.5} == independent.belief


def test_a_citation_of_a_superseded_claim_does_not_vote_for_its_root() -> None:
    """A root that changed its mind is not counted again for the value it gave up.

    a1 is superseded by a2, so b1, which cites it, stands for b alone: true
    has a and c behind it, false has b, and a's voice is not split.
    """
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: t, value: false, date: '2020'}\n"
            "  - {id: a2, source: a, proposition: t, value: true, date: '2021'}\n"
            "  - {id: b1, source: b, proposition: t, value: false, cites: [a1]}\n"
            "  - {id: c1, source: c, proposition: t, value: true}\n"
        ),
        "majority",
    )
    assert {"a2": 1.0, "b1": 0.5, "c1": 1.0} == found.belief
    assert {"a": 1.0, "b": 1.0, "c": 1.0, "d": None} == found.trust
    assert {"t": AssertionValue(True)} == found.estimate


def test_a_citation_of_a_retracted_claim_stands_for_the_citing_root() -> None:
    """A retracted claim gives its root no trust, even when another source still repeats it."""
    claims = (
        "  - {id: a1, source: a, proposition: t, value: false, retracted: true}\n"
        "  - {id: b1, source: b, proposition: t, value: false, cites: [a1]}\n"
        "  - {id: c1, source: c, proposition: t, value: true}\n"
    )
    found = estimate(case(claims), "sums")
    assert {"a": None, "b": 1.0, "c": 1.0, "d": None} == found.trust
    assert {"t": None} == found.estimate
    chained = estimate(
        case(claims + "  - {id: d1, source: d, proposition: t, value: false, cites: [b1]}\n"),
        "majority",
    )
    # d1 cites b1, which is current: both are b's voice.
    assert {"a": None, "b": 1.0, "c": 1.0, "d": None} == chained.trust


def test_a_citation_lends_no_root_a_value_it_does_not_hold() -> None:
    """A claim that says more than, or other than, what its origin says stands for its own root."""
    differs = estimate(
        case(
            "  - {id: a1, source: a, proposition: t, value: true}\n"
            "  - {id: b1, source: b, proposition: t, value: false, cites: [a1]}\n"
        ),
        "majority",
    )
    assert {"a": 1.0, "b": 1.0, "c": None, "d": None} == differs.trust
    assert {"a1": 1.0, "b1": 1.0} == differs.belief
    elsewhere = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: t, value: false, cites: [a1]}\n"
            "  - {id: c1, source: c, proposition: k, value: police}\n"
        ),
        "majority",
    )
    assert elsewhere.trust["b"] == 1.0  # a says nothing about t
    broader = estimate(
        case(
            "  - {id: a1, source: a, proposition: k, value: strikers}\n"
            "  - {id: b1, source: b, proposition: k, value: protesters, cites: [a1]}\n"
            "  - {id: c1, source: c, proposition: k, value: strikers, cites: [a1]}\n"
        ),
        "majority",
    )
    # b1 allows provocateurs too, which a does not hold; c1 repeats a1.
    assert {"a": 1.0, "b": 1.0, "c": None, "d": None} == broader.trust
    assert {"k": CategoryValue({"strikers"})} == broader.estimate


def test_a_category_node_shares_its_weight_among_its_leaves() -> None:
    """A claim on a node of k leaves lends 1/k to each; a claim's belief is its best leaf's."""
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: k, value: protesters}\n"
            "  - {id: b1, source: b, proposition: k, value: strikers}\n"
        ),
        "majority",
    )
    # strikers: 1/2 + 1, provocateurs: 1/2
    assert {"a1": 1.0, "b1": 1.0} == found.belief
    assert {"k": CategoryValue({"strikers"})} == found.estimate
    tied = estimate(
        case("  - {id: a1, source: a, proposition: k, value: protesters}\n"), "majority"
    )
    assert {"k": CategoryValue({"strikers", "provocateurs"})} == tied.estimate


def test_an_interval_lends_to_the_atoms_inside_it() -> None:
    """11, dozens and at least 14 cut the line into 11, 12-13, 14-99 and 100 up.

    Votes: 11 has 1, 12-13 has 1/2, 14-99 has 1/2 + 1/2 and 100 up 1/2:
    11 and 14-99 tie.  They do not meet, and 12-13 between them has less
    support than either, so there is no estimate (as for a tied assertion):
    "11 to 99" would favour 12 and 13 over the rest of 14 up.
    """
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: q, value: dozens}\n"
            "  - {id: c1, source: c, proposition: q, value: at least 14}\n"
        ),
        "majority",
    )
    assert {"a1": 1.0, "b1": 1.0, "c1": 1.0} == found.belief
    assert {"q": None} == found.estimate
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: q, value: dozens}\n"
            "  - {id: c1, source: c, proposition: q, value: at least 14}\n"
            "  - {id: d1, source: d, proposition: q, value: 20-30}\n"
        ),
        "majority",
    )
    # 14-99 is now cut into 14-19, 20-30 and 31-99: dozens and at least 14
    # lend 1/4 to each of their four atoms, and 20-30 has 1/4 + 1/4 + 1.
    assert {"q": QuantityValue(Interval(Decimal(20), Decimal(30)))} == found.estimate
    assert found.belief["a1"] == pytest.approx(1 / 1.5)


@pytest.mark.parametrize("algorithm", reliability.LABEL_ALGORITHMS[:2])
def test_tied_atoms_apart_give_no_estimate(algorithm: str) -> None:
    """11 against at least 14: nobody claimed 12 or 13, so the estimate is not at least 11."""
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: q, value: at least 14}\n"
        ),
        algorithm,
    )
    assert {"q": None} == found.estimate


def test_tied_atoms_that_meet_are_the_estimate() -> None:
    """Tied atoms with no number between them make one interval: 11 and 12 give 11 to 12."""
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: q, value: 12}\n"
        ),
        "majority",
    )
    assert {"q": QuantityValue(Interval(Decimal(11), Decimal(12)))} == found.estimate
    atoms = [
        Interval(Decimal(1), Decimal(2), high_open=True),
        Interval(Decimal(2), Decimal(3)),
        Interval(Decimal(3), Decimal(4), low_open=True),
    ]
    distance = claimcheck.QuantityProposition("r", "R", unit="km", integer=False)
    meet = reliability._favoured(distance, atoms, np.array([1.0, 1.0, 0.5]))
    assert QuantityValue(Interval(Decimal(1), Decimal(3))) == meet
    assert reliability._favoured(distance, atoms, np.array([1.0, 0.5, 1.0])) is None


def test_atoms_of_a_non_integer_quantity_keep_open_bounds() -> None:
    """For a quantity of real numbers the atoms keep their open and closed ends."""
    atoms, covered = reliability._atoms(
        [Interval(Decimal(1), Decimal(3)), Interval(Decimal(2), None, low_open=True)],
        integer=False,
    )
    assert [
        Interval(Decimal(1), Decimal(2)),
        Interval(Decimal(2), Decimal(3), low_open=True),
        Interval(Decimal(3), None, low_open=True),
    ] == atoms
    assert [[0, 1], [1, 2]] == covered


def test_crh_on_a_case_weighs_quantities_as_intervals() -> None:
    """CRH on a case matches CRH on the same intervals as triples."""
    found = estimate(
        case(
            "  - {id: a1, source: a, proposition: q, value: 11}\n"
            "  - {id: b1, source: b, proposition: q, value: 12-99}\n"
            "  - {id: c1, source: c, proposition: q, value: at least 14}\n"
            "  - {id: c2, source: c, proposition: t, value: true}\n"
        ),
        "crh",
    )
    assert {"q": QuantityValue(Interval(Decimal(14), Decimal(14)))} == found.estimate
    assert found.belief["a1"] == pytest.approx(math.exp(-3 / 88))
    assert set(found.belief) == {"a1", "b1", "c1"}  # the assertion is not weighed
    assert found.trust["d"] is None


def test_crh_leaves_out_an_open_end() -> None:
    """An end of the CRH estimate that a claim leaves out is left out; a single number is kept."""
    rain = "  - {id: r, kind: quantity, text: Rain, unit: mm, integer: false}\n"
    more = "  - {id: a1, source: a, proposition: r, value: more than 14}\n"
    alone = estimate(case(more, propositions=rain), "crh")
    assert QuantityValue(Interval(Decimal(14), None, low_open=True)) == alone.estimate["r"]
    tied = estimate(
        case(more + "  - {id: b1, source: b, proposition: r, value: 10}\n", propositions=rain),
        "crh",
    )
    # Every number from 10 to 14 is 4 from the two claims in all, but 14
    # itself is not more than 14, so numbers just below it do better.
    assert QuantityValue(Interval(Decimal(10), Decimal(14), high_open=True)) == tied.estimate["r"]
    point = estimate(
        case(
            more + "  - {id: b1, source: b, proposition: r, value: less than 14}\n",
            propositions=rain,
        ),
        "crh",
    )
    # Only 14 comes as close as can be to both; it is kept though neither allows it.
    assert QuantityValue(Interval(Decimal(14), Decimal(14))) == point.estimate["r"]
    assert {"a1": 1.0, "b1": 1.0} == point.belief


def test_sequences_are_left_out() -> None:
    """A case with sequence claims only has nothing to weigh."""
    with pytest.raises(ReliabilityError, match="no claims to weigh"):
        estimate(case("  - {source: a, proposition: o, value: [e1, e2]}\n"), "sums")


def test_crh_needs_quantities() -> None:
    """CRH on a case without current quantity claims says so."""
    with pytest.raises(ReliabilityError, match="crh weighs current claims about quantity"):
        estimate(case("  - {source: a, proposition: t, value: true}\n"), "crh")


def test_estimate_refuses_other_subjects() -> None:
    """estimate() takes a Case or a Reconciliation."""
    with pytest.raises(TypeError, match="expected a Case or a Reconciliation"):
        estimate("fixtures/starter.yaml", "sums")  # type: ignore[arg-type]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_runs_on_the_bundled_case(algorithm: str) -> None:
    """All seven algorithms weigh the Zhanaozen case: trust for every source, finite scores."""
    result = claimcheck.reconcile(claimcheck.load(ZHANAOZEN))
    found = estimate(result, algorithm)
    assert set(found.trust) == {s.id for s in result.case.sources}
    scores = [t for t in found.trust.values() if t is not None]
    assert scores
    assert all(0 <= t <= 1 for t in scores)
    assert all(0 <= b <= 1 for b in found.belief.values())
    assert all(result.states[c] == "current" for c in found.belief)
    assert found.estimate
    assert found == estimate(result, algorithm)


def test_the_bundled_case_favours_what_the_sources_concede() -> None:
    """Sums on Zhanaozen favours 14 to 99 deaths, which both opposing sides' claims contain."""
    found = estimate(claimcheck.load(ZHANAOZEN), "sums")
    assert (
        QuantityValue(Interval(Decimal(14), Decimal(99)))
        == found.estimate["deaths-zhanaozen-dec16"]
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_algorithm_runs_on_generated_cases(seed: int) -> None:
    """Generated cases, with citations, relays, revisions and retractions, weigh cleanly."""
    generated = generate_case(400, seed=seed)
    result = claimcheck.reconcile(generated)
    for algorithm in ALGORITHMS:
        found = estimate(result, algorithm)
        assert set(found.trust) == {s.id for s in generated.sources}
        values = [t for t in found.trust.values() if t is not None]
        assert values
        assert all(math.isfinite(t) and 0 <= t <= 1 for t in values)
        assert all(math.isfinite(b) and 0 <= b <= 1 for b in found.belief.values())
        for source, trust in found.trust.items():
            assert trust == found.trust[found.roots[source]]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_estimates_do_not_depend_on_the_order_of_the_case(algorithm: str) -> None:
    """The same claims, sources and propositions in another order give an equal result."""
    generated = generate_case(400, seed=4)
    expected = estimate(generated, algorithm)
    for seed in range(3):
        rng = random.Random(seed)
        shuffled = attrs.evolve(
            generated,
            sources=rng.sample(generated.sources, len(generated.sources)),
            propositions=rng.sample(generated.propositions, len(generated.propositions)),
            claims=rng.sample(generated.claims, len(generated.claims)),
        )
        assert expected == estimate(shuffled, algorithm)


def test_import_claimcheck_does_not_import_numpy() -> None:
    """Importing the package loads no numpy; reconciling a case does."""
    code = "import sys, claimcheck; sys.exit('numpy' in sys.modules)"
    assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode


# -- the report and the command line -------------------------------------------------


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_offers_every_algorithm(capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong --trust names every one of the library's algorithms."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", "fixtures/starter.yaml", "--trust", "nope"])
    assert 2 == stopped.value.code
    err = capsys.readouterr().err
    assert all(repr(name) in err for name in ALGORITHMS)


def _section(form: str, algorithm: str) -> str:
    """The trust section of the Zhanaozen report in one format (HTML without pictures)."""
    if form == "html":
        result = claimcheck.reconcile(claimcheck.load(ZHANAOZEN))
        data = claimcheck.report_data(result, trust=estimate(result, algorithm))
        out = RENDERERS["html"](data, RenderOptions(pictures=0))
    else:
        code, out, _ = _cli("report", str(ZHANAOZEN), "--format", form, "--trust", algorithm)
        assert 0 == code
    assert "These scores are estimates, not findings" in out
    return out.split(f"Source trust (estimate, {algorithm})", 1)[1]


@pytest.mark.parametrize("form", ["text", "markdown", "html"])
def test_report_with_trust_labels_the_scores_as_estimates(form: str) -> None:
    """--trust adds a section, labelled as an estimate, with every source's trust."""
    section = _section(form, "truthfinder")
    result = claimcheck.reconcile(claimcheck.load(ZHANAOZEN))
    found = estimate(result, "truthfinder")
    for source, trust in found.trust.items():
        assert source in section
        if trust is not None:
            assert f"{trust:.3f}" in section
    assert "Favoured value (estimate)" in section


def test_a_source_without_trust_is_labelled_for_what_happened() -> None:
    """A source whose claim counts under the root it cites is not said to have no claim weighed."""
    result = claimcheck.reconcile(
        case(
            "  - {id: a1, source: a, proposition: t, value: true}\n"
            "  - {id: b1, source: b, proposition: t, value: true, cites: [a1]}\n"
        )
    )
    found = estimate(result, "majority")
    assert found.trust["b"] is None
    assert 1.0 == found.belief["b1"]  # b1 was weighed, as part of a's voice
    text = RENDERERS["markdown"](claimcheck.report_data(result, trust=found), RenderOptions())
    section = text.split("Source trust (estimate, majority)", 1)[1]
    row = next(line for line in section.splitlines() if line.startswith("| `b`"))
    assert "no evidence of its root weighed" in row
    assert "no claim weighed" not in text


def test_the_trust_section_cuts_sources_as_it_cuts_propositions() -> None:
    """With room for two rows, both tables of the section show two and count the rest."""
    result = claimcheck.reconcile(claimcheck.load(ZHANAOZEN))
    data = claimcheck.report_data(result, trust=estimate(result, "sums"))
    text = RENDERERS["markdown"](data, RenderOptions(claims=2))
    section = text.split("Source trust (estimate, sums)", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert 4 == len(rows)
    n_sources, n_propositions = len(data["trust"]["sources"]), len(data["trust"]["propositions"])
    assert f"… and {n_sources - 2} more sources" in section
    assert f"… and {n_propositions - 2} more propositions" in section


def test_json_report_with_trust() -> None:
    """The JSON report gains a top-level trust entry; everything else is as without it."""
    code, out, _ = _cli("report", str(ZHANAOZEN), "--format", "json", "--trust", "crh")
    assert 0 == code
    data = json.loads(out)
    _, plain, _ = _cli("report", str(ZHANAOZEN), "--format", "json")
    assert json.loads(plain) == {k: v for k, v in data.items() if k != "trust"}
    trust = data["trust"]
    assert ("crh", True) == (trust["algorithm"], trust["estimate"])
    assert [s["id"] for s in trust["sources"]] == sorted(s["id"] for s in data["sources"])
    deaths = next(p for p in trust["propositions"] if p["id"] == "deaths-zhanaozen-dec16")
    assert {"id": "deaths-zhanaozen-dec16", "value": {"min": 14, "max": 14}, "text": "14"} == deaths
    assert trust["parameters"] == {"max_iterations": 20, "tolerance": None, "eps": 1e-05}


@pytest.mark.parametrize("form", ["json", "markdown"])
def test_reports_with_trust_are_the_same_bytes_every_time(form: str) -> None:
    """Two runs with --trust write the same report."""
    first = _cli("report", str(ZHANAOZEN), "--format", form, "--trust", "investment")[1]
    second = _cli("report", str(ZHANAOZEN), "--format", form, "--trust", "investment")[1]
    assert first == second


def test_trust_controls_reach_the_algorithm() -> None:
    """--trust-iterations and --trust-tolerance are passed on, and shown in the report."""
    code, out, _ = _cli(
        "report",
        str(ZHANAOZEN),
        "--format",
        "json",
        "--trust",
        "sums",
        "--trust-iterations",
        "3",
        "--trust-tolerance",
        "0.5",
    )
    assert 0 == code
    trust = json.loads(out)["trust"]
    assert {"max_iterations": 3, "tolerance": 0.5} == trust["parameters"]
    assert trust["iterations"] <= 3


@pytest.mark.parametrize("option", ["--trust-iterations=0", "--trust-tolerance=-1", "--trust=sum"])
def test_bad_trust_options_are_usage_errors(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad trust options stop argparse with exit 2 and a usage message."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", str(ZHANAOZEN), "--trust=sums", option])
    assert 2 == stopped.value.code
    assert "error: argument --trust" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--trust-iterations=5", "--trust-tolerance=0.1"])
def test_trust_controls_without_trust_are_usage_errors(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--trust-iterations or --trust-tolerance without --trust is refused, not ignored."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", str(ZHANAOZEN), option])
    assert 2 == stopped.value.code
    err = capsys.readouterr().err
    name = option.split("=")[0]
    assert err.endswith(f"claimcheck report: error: argument {name}: needs --trust ALGORITHM\n")
    assert 1 == err.count("error:")


def test_nothing_to_weigh_is_a_one_line_error(tmp_path: Path) -> None:
    """A case the algorithm cannot weigh gives one line and exit 2, no traceback."""
    path = tmp_path / "calm.yaml"
    path.write_text(
        "claimcheck: 1\nsources: [{id: a, kind: media}]\n"
        "propositions: [{id: p, kind: assertion, text: P}]\n"
        "claims: [{source: a, proposition: p, value: true}]\n"
    )
    code, out, err = _cli("report", str(path), "--trust", "crh")
    assert (2, "") == (code, out)
    assert err.startswith("claimcheck: --trust crh: no claims to weigh")
    assert 1 == err.count("\n")
