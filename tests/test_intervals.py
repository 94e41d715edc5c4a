"""The interval index, and reconciling quantities through it, against pair-by-pair references.

Reconciling relates a quantity's values by sorting their bounds instead of
relating every pair.  These tests work everything out again the slow way,
with :func:`claimcheck.relate` and :class:`Interval`'s own methods on each
pair, and compare.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck._intervals import IntervalIndex, first_point, last_point, pairs_below
from claimcheck.logic import Relation, relate
from claimcheck.model import Case, Claim, QuantityProposition
from claimcheck.reconciliation import Reconciliation
from claimcheck.report import render_json, report_data
from claimcheck.strategies import cases
from claimcheck.values import Interval, QuantityValue

D = Decimal
T = TypeVar("T")

# A few bounds, so that equal and touching bounds are common.
_BOUNDS = [D(0), D(1), D("1.5"), D(2), D(3), D(5)]


@st.composite
def _intervals(draw: st.DrawFn) -> Interval:
    low = draw(st.sampled_from(_BOUNDS))
    high = draw(st.sampled_from([None, *(b for b in _BOUNDS if b >= low)]))
    low_open = draw(st.booleans())
    high_open = high is not None and draw(st.booleans())
    if high == low:
        low_open = high_open = False
    return Interval(low, high, low_open=low_open, high_open=high_open)


def _inside(a: Interval, b: Interval) -> bool:
    return a.is_subset(b)


def _disjoint(a: Interval, b: Interval) -> bool:
    return a.intersection(b) is None


def _below(a: Interval, b: Interval) -> bool:
    """Whether ``a`` lies entirely below ``b``."""
    # Disjoint intervals with the same low are [x, x] and one open at x.
    return _disjoint(a, b) and (a.low < b.low or (a.low == b.low and b.low_open))


@given(st.lists(_intervals(), max_size=25))
def test_index_finds_what_each_pair_says(intervals: list[Interval]) -> None:
    """Inside, disjoint, ending before and starting after agree with the intervals' own methods."""
    index = IntervalIndex(intervals)
    n = range(len(intervals))
    expected = [
        (
            sorted(j for j in n if j != i and _inside(intervals[j], iv)),
            sorted(j for j in n if _disjoint(intervals[j], iv)),
            sorted(j for j in n if _below(intervals[j], iv)),
            sorted(j for j in n if _below(iv, intervals[j])),
        )
        for i, iv in enumerate(intervals)
    ]
    actual = [
        (
            sorted(index.inside(i)),
            sorted(index.disjoint_from(i)),
            sorted(index.ending_before(first_point(iv))),
            sorted(index.starting_after(last_point(iv))),
        )
        for i, iv in enumerate(intervals)
    ]
    assert expected == actual


@given(st.lists(st.tuples(_intervals(), st.integers(0, 15)), max_size=25))
def test_combine_inside_sums_and_unites_over_the_intervals_inside(
    weighted: list[tuple[Interval, int]],
) -> None:
    """The sweep's sum and union over the intervals inside each one, itself included."""
    intervals = [iv for iv, _ in weighted]
    masks = [m for _, m in weighted]
    index = IntervalIndex(intervals)
    inside = [[j for j, other in enumerate(intervals) if _inside(other, iv)] for iv in intervals]
    expected = (
        [sum(masks[j] for j in js) for js in inside],
        [sum(1 << j for j in js) for js in inside],  # which ones, one bit each
    )
    actual = (
        index.combine_inside(masks, operator.add, 0),
        index.combine_inside([1 << j for j in range(len(intervals))], operator.or_, 0),
    )
    assert expected == actual


_CLAIMS = st.lists(
    st.dictionaries(st.sampled_from("abc"), st.integers(1, 3), min_size=1), max_size=12
)


@given(st.lists(_intervals(), max_size=12), _CLAIMS, st.lists(_intervals(), max_size=12), _CLAIMS)
def test_pairs_below_counts_each_pair_and_each_source(
    lower: list[Interval],
    lower_claims: list[dict[str, int]],
    upper: list[Interval],
    upper_claims: list[dict[str, int]],
) -> None:
    """The pairs one entirely below the other, in total and per source, claim by claim."""
    lower, upper = lower[: len(lower_claims)], upper[: len(upper_claims)]
    lower_claims, upper_claims = lower_claims[: len(lower)], upper_claims[: len(upper)]

    def claims_of(claims: dict[str, int]) -> list[str]:
        return [source for source, n in sorted(claims.items()) for _ in range(n)]

    total, by_source = 0, Counter[str]()
    for low_iv, low_claims in zip(lower, lower_claims, strict=True):
        for up_iv, up_claims in zip(upper, upper_claims, strict=True):
            if _below(low_iv, up_iv):
                for pair in itertools.product(claims_of(low_claims), claims_of(up_claims)):
                    total += 1
                    by_source.update(set(pair))
    actual = pairs_below(
        [last_point(iv) for iv in lower],
        lower_claims,
        [first_point(iv) for iv in upper],
        upper_claims,
    )
    assert (total, by_source) == actual


# -- reconciling quantities ------------------------------------------------------

# Written values over a few numbers: exact, ranges, open and unbounded ones, the
# same interval written differently (equivalent distinct values), vague words.
_WRITTEN = st.one_of(
    st.sampled_from(["1", "2", "3", "12", "5"]),
    st.builds("{} to {}".format, st.sampled_from(["0", "1", "2"]), st.sampled_from(["2", "3"])),
    st.builds("at least {}".format, st.sampled_from(["1", "2", "2.5"])),
    st.builds("more than {}".format, st.sampled_from(["1", "2", "2.5"])),
    st.builds("under {}".format, st.sampled_from(["2", "3", "12"])),
    st.builds("nearly {}".format, st.sampled_from(["3", "12"])),
    st.sampled_from(["dozens", "a few", "several"]),
    st.sampled_from([{"min": 12, "max": 99}, {"min": 2, "max": 9}, {"min": 2}]),
    st.sampled_from([{"low": 1, "best": 2, "high": 3}, {"low": 1, "best": 3, "high": 3}]),
)


@st.composite
def _quantity_cases(draw: st.DrawFn) -> Case:
    """A case of two quantity propositions, one part of the other, with many claims."""
    integer = draw(st.booleans())
    sources = [
        {"id": "gov", "name": "Government", "kind": "government", "bloc": "state"},
        {"id": "police", "name": "Police", "kind": "government", "part_of": "gov"},
        {"id": "union", "name": "Union", "kind": "opposition", "bloc": "workers"},
        {"id": "wire", "name": "Wire", "kind": "media"},
        {"id": "ngo", "name": "NGO", "kind": "ngo", "bloc": "workers"},
    ]
    propositions = [
        {"id": "all", "kind": "quantity", "text": "All", "unit": "people", "integer": integer},
        {"id": "some", "kind": "quantity", "text": "Some", "unit": "people", "integer": integer},
    ]
    if draw(st.booleans()):
        propositions[1]["part_of"] = "all"
    claims: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 30))):
        claim: dict[str, Any] = {
            "id": f"c{draw(st.integers(0, 99)):02}-{k}",
            "source": draw(st.sampled_from([s["id"] for s in sources])),
            "proposition": draw(st.sampled_from(["all", "some"])),
            "value": draw(_WRITTEN if integer else _WRITTEN | st.just("2.5")),
        }
        if claims and draw(st.integers(0, 3)) == 0:
            claim["cites"] = [draw(st.sampled_from(claims))["id"]]
        if draw(st.integers(0, 9)) == 0:
            claim["retracted"] = True
        claims.append(claim)
    data = {
        "claimcheck": 1,
        "sources": sources,
        "propositions": propositions,
        "claims": claims,
    }
    return claimcheck.from_mapping(data)


def _listed(pairs: list[T], max_pairs: int) -> list[T]:
    return pairs if max_pairs == 0 else pairs[:max_pairs]


def _exceeds(part: Claim, whole: Claim) -> bool:
    """Whether every number the part allows is above every number the whole allows."""
    assert isinstance(part.value, QuantityValue)
    assert isinstance(whole.value, QuantityValue)
    return _below(whole.value.interval, part.value.interval)


def _part_whole_pairs(case: Case) -> list[tuple[str, str]]:
    """Each part with its whole and every whole above it."""
    parent = {p.id: p.part_of for p in case.propositions if isinstance(p, QuantityProposition)}
    out = []
    for part in sorted(parent):
        whole = parent[part]
        while whole is not None:
            out.append((part, whole))
            whole = parent[whole]
    return out


def _reference(case: Case, result: Reconciliation) -> dict[str, Any]:
    """What reconciling the quantities should say, worked out pair by pair."""
    max_pairs = result.max_pairs
    by_id = {c.id: c for c in case.claims}
    props = {p.id: p for p in case.propositions}
    current = {p: [by_id[c] for c in result.proposition(p).current] for p in props}

    supports, contradictions, support = {}, {}, {}
    for prop_id, claims in current.items():
        prop = props[prop_id]
        supports[prop_id] = sorted(
            (a.id, b.id)
            for a, b in itertools.permutations(claims, 2)
            if relate(prop, b.value, a.value) in (Relation.ENTAILS, Relation.EQUIVALENT)
        )
        contradictions[prop_id] = sorted(
            (min(a.id, b.id), max(a.id, b.id))
            for a, b in itertools.combinations(claims, 2)
            if relate(prop, a.value, b.value) is Relation.CONTRADICTS
        )
        for a in claims:
            supporters = [b for b in claims if b is a or (a.id, b.id) in supports[prop_id]]
            support[a.id] = len(frozenset().union(*(result.origins[b.id] for b in supporters)))

    part_whole: list[tuple[tuple[str, str], tuple[str, str]]] = []
    every_contradiction = [pair for pairs in contradictions.values() for pair in pairs]
    cut: set[str] = set()
    for part, whole in _part_whole_pairs(case):
        found = sorted(
            (a.id, b.id) for a in current[part] for b in current[whole] if _exceeds(a, b)
        )
        every_contradiction.extend(found)
        if len(_listed(found, max_pairs)) < len(found):
            cut.update((part, whole))
        part_whole.extend((pair, (part, whole)) for pair in _listed(found, max_pairs))
    part_whole.sort()

    contested = {by_id[c].proposition for pair in every_contradiction for c in pair}
    statuses = {}
    for prop_id, claims in current.items():
        origins = frozenset().union(*(result.origins[c.id] for c in claims))
        if not claims:
            statuses[prop_id] = "unclaimed"
        elif prop_id in contested:
            statuses[prop_id] = "contested"
        elif any(support[c.id] >= 2 for c in claims):
            statuses[prop_id] = "corroborated"
        else:
            statuses[prop_id] = "consistent" if len(origins) >= 2 else "single-source"
    involved = Counter[str]()
    for pair in every_contradiction:
        involved.update({by_id[c].source for c in pair})
    return {
        "status": statuses,
        "truncated": {
            p: p in cut
            or len(supports[p]) > len(_listed(supports[p], max_pairs))
            or len(contradictions[p]) > len(_listed(contradictions[p], max_pairs))
            for p in props
        },
        "number_of_supports": {p: len(s) for p, s in supports.items()},
        "number_of_pair_contradictions": {p: len(c) for p, c in contradictions.items()},
        "supports": {p: _listed(s, max_pairs) for p, s in supports.items()},
        "contradictions": {p: _listed(c, max_pairs) for p, c in contradictions.items()},
        "support": support,
        "part_whole": [pair for pair, _ in part_whole],
        "number_of_part_whole": len(every_contradiction) - sum(map(len, contradictions.values())),
        "involved": {s.id: involved[s.id] for s in case.sources},
    }


def _actual(result: Reconciliation) -> dict[str, Any]:
    """The same things, as the reconciliation says them."""
    props = result.propositions
    return {
        "status": {r.proposition.id: r.status for r in props},
        "truncated": {r.proposition.id: r.truncated for r in props},
        "number_of_supports": {r.proposition.id: r.number_of_supports for r in props},
        "number_of_pair_contradictions": {
            r.proposition.id: r.number_of_pair_contradictions for r in props
        },
        "supports": {r.proposition.id: [(s.claim, s.by) for s in r.supports] for r in props},
        "contradictions": {r.proposition.id: [c.claims for c in r.contradictions] for r in props},
        "support": dict(result.support),
        "part_whole": [c.claims for c in result.part_whole],
        "number_of_part_whole": result.number_of_part_whole,
        "involved": {s.id: s.contradictions for s in result.sources},
    }


@given(_quantity_cases(), st.sampled_from([0, 1, 2, 5]))
def test_reconciling_quantities_agrees_with_relating_every_pair(case: Case, max_pairs: int) -> None:
    """Statuses, counts, support, listed pairs and per-source counts, as pair by pair."""
    result = claimcheck.reconcile(case, max_pairs=max_pairs)
    assert _reference(case, result) == _actual(result)


@given(cases(kinds=["quantity"], number_of_claims=st.integers(0, 25)), st.sampled_from([0, 3]))
def test_reconciling_drawn_quantity_cases_agrees_with_relating_every_pair(
    case: Case, max_pairs: int
) -> None:
    """The same, on cases as the shipped strategies draw them."""
    result = claimcheck.reconcile(case, max_pairs=max_pairs)
    assert _reference(case, result) == _actual(result)


@given(_quantity_cases(), st.sampled_from([0, 2]))
def test_the_json_report_says_what_relating_every_pair_says(case: Case, max_pairs: int) -> None:
    """The report's counts, statuses, pairs and per-source counts match the reference."""
    result = claimcheck.reconcile(case, max_pairs=max_pairs)
    reference = _reference(case, result)
    data = report_data(result)
    expected = {
        "supports": sorted(
            (p, claim, by) for p, pairs in reference["supports"].items() for claim, by in pairs
        ),
        "contradictions": sorted(
            [(p, *pair) for p, pairs in reference["contradictions"].items() for pair in pairs]
            + [("part-whole", *pair) for pair in reference["part_whole"]]
        ),
        "status": reference["status"],
        "truncated": {p: cut for p, cut in reference["truncated"].items() if cut},
        "summary": (
            sum(reference["number_of_supports"].values()),
            sum(reference["number_of_pair_contradictions"].values())
            + reference["number_of_part_whole"],
        ),
        "involved": {s: n for s, n in reference["involved"].items() if n},
    }
    actual = {
        "supports": sorted((s["proposition"], s["claim"], s["by"]) for s in data["supports"]),
        "contradictions": sorted(
            (c.get("proposition", "part-whole"), *c["claims"]) for c in data["contradictions"]
        ),
        "status": {p["id"]: p["status"] for p in data["propositions"]},
        "truncated": {p["id"]: True for p in data["propositions"] if p.get("truncated")},
        "summary": (data["summary"]["supports"], data["summary"]["contradictions"]),
        "involved": {s["id"]: s["contradictions"] for s in data["sources"] if s["contradictions"]},
    }
    assert expected == actual
    assert render_json(data) == render_json(
        report_data(claimcheck.reconcile(case, max_pairs=max_pairs))
    )
