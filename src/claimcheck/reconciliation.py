"""Reconciliation: the claim logic applied to a whole case.

:func:`reconcile` works out, for a :class:`~claimcheck.model.Case`:

* provenance -- each source's root and bloc, each claim's origins (through
  ``cites``), which claims are current, superseded (revisions) or retracted;
* per proposition -- supports, contradictions (pair, joint and part-whole),
  status, common ground, positions and, for quantities, the aggregates;
* per source -- its claims and the contradictions they take part in.

Relations depend only on values, so claims are grouped by distinct value.
Quantity values (intervals, often thousands per proposition in a large
case) are sorted by their bounds once, and every count comes from sweeps
over them (:mod:`claimcheck._intervals`); values of the other kinds are
related pair by pair.  Counts come from the groups and stay exact, while the
lists of pairs are generated lazily in sorted order and cut at
``max_pairs`` per proposition, so that listing costs what is listed, not
the square of the number of claims or of values.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from claimcheck._intervals import IntervalIndex, pairs_below
from claimcheck._memory import cyclic_gc_paused
from claimcheck.logic import (
    Relation,
    describe,
    interval_of,
    join,
    meet,
    relate,
)
from claimcheck.model import (
    Case,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    SequenceProposition,
    Source,
)
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    SequenceValue,
    Value,
    normalize_words,
)

__all__ = [
    "DEFAULT_MAX_PAIRS",
    "JOINT_LIMIT",
    "SEQUENCE_POSITION_LIMIT",
    "Aggregates",
    "ClaimState",
    "Contradiction",
    "Position",
    "PropositionResult",
    "Reconciliation",
    "Revision",
    "SourceResult",
    "Status",
    "Support",
    "reconcile",
    "source_roots",
]

#: The default number of supports (and, separately, of pair contradictions)
#: listed per proposition.
DEFAULT_MAX_PAIRS: Final = 10_000
#: At most this many joint contradictions are listed per proposition.
JOINT_LIMIT: Final = 100
#: Sequence propositions with more current claims than this omit positions.
SEQUENCE_POSITION_LIMIT: Final = 16
#: The search for joint contradictions stops (and says the list was cut)
#: after this many steps (cycles taken and values tried in covers) in one
#: proposition.  Cases of a few events per sequence take a few thousand.
_JOINT_SEARCH_BUDGET: Final = 200_000


class Status:
    """The status names of a proposition, strongest first."""

    CONTESTED: Final = "contested"
    CORROBORATED: Final = "corroborated"
    CONSISTENT: Final = "consistent"
    SINGLE_SOURCE: Final = "single-source"
    UNCLAIMED: Final = "unclaimed"
    ALL: Final = (CONTESTED, CORROBORATED, CONSISTENT, SINGLE_SOURCE, UNCLAIMED)


class ClaimState:
    """The state names of a claim."""

    CURRENT: Final = "current"
    SUPERSEDED: Final = "superseded"
    RETRACTED: Final = "retracted"


@attrs.frozen
class Support:
    """Claim ``by`` entails claim ``claim``, so it supports it.

    Attributes:
        proposition: The proposition both are about.
        claim: The supported claim's id.
        by: The supporting claim's id.
        independent: Whether the two claims are independent.
        cross_bloc: Whether the support is conceded by the other side.
    """

    proposition: str
    claim: str
    by: str
    independent: bool
    cross_bloc: bool


@attrs.frozen
class Contradiction:
    """Claims that cannot all be true.

    Attributes:
        type: ``pair``, ``joint`` or ``part-whole``.
        propositions: The proposition (one), or the part and the whole.
        claims: The claims: a pair sorted by id, a joint group sorted by id,
            or the part's claim and the whole's claim.
        independent: Whether every pair of its claims is independent.
        vague: Whether a claim was written as a vague word of the lexicon.
        reason: Why, in words (``"11 is below at least 14"``).
    """

    type: str
    propositions: tuple[str, ...]
    claims: tuple[str, ...]
    independent: bool
    vague: bool
    reason: str


@attrs.frozen
class Revision:
    """A dated claim superseded by a later claim of the same root.

    Attributes:
        proposition: The proposition.
        superseded: The earlier claim's id.
        current: The id of a claim at the latest date.
        changed: Whether the two values are not equivalent.
    """

    proposition: str
    superseded: str
    current: str
    changed: bool


@attrs.frozen
class Position:
    """A maximal group of current claims that can all be true together.

    Attributes:
        claims: The claim ids, sorted.
        origins: The number of distinct origins behind them.
        value: The value they share.
    """

    claims: tuple[str, ...]
    origins: int
    value: Value


@attrs.frozen
class Aggregates:
    """The casualty-recording aggregation policies of a quantity.

    Attributes:
        conservative: The least point.
        informative: The greatest point.
        representative: The point held by the most claims (ties: the point
            whose claims include the greatest independent support, then the
            lower value).
        range: From the least low bound to the greatest high bound.
    """

    conservative: Decimal
    informative: Decimal
    representative: Decimal
    range: Interval


@attrs.frozen
class PropositionResult:
    """What a reconciliation says about one proposition.

    Attributes:
        proposition: The proposition.
        status: One of :attr:`Status.ALL`.
        claims: Every claim id about it, sorted (retracted ones included).
        current: The current claim ids, sorted.
        common_ground: What every current claim entails (``None`` when no
            claim is current, or for assertions that disagree).
        positions: The positions, sorted; ``None`` when omitted.
        aggregates: For quantities with current claims.
        supports: The listed supports, sorted by (claim, by).
        contradictions: The listed pair and joint contradictions, sorted.
        number_of_supports: How many supports there are, listed or not.
        number_of_pair_contradictions: How many pair contradictions there are.
        truncated: Whether a list was cut.
    """

    proposition: Proposition
    status: str
    claims: tuple[str, ...]
    current: tuple[str, ...]
    common_ground: Value | None
    positions: tuple[Position, ...] | None
    aggregates: Aggregates | None
    supports: tuple[Support, ...]
    contradictions: tuple[Contradiction, ...]
    number_of_supports: int
    number_of_pair_contradictions: int
    truncated: bool


@attrs.frozen
class SourceResult:
    """What a reconciliation says about one source.

    Attributes:
        id: The source id.
        root: The top of its ``part_of`` chain.
        bloc: Its bloc: its own, else its nearest ancestor's.
        claims: How many claims it made (retracted and superseded included).
        contradictions: How many contradictions its claims take part in.
    """

    id: str
    root: str
    bloc: str | None
    claims: int
    contradictions: int


@attrs.frozen
class Reconciliation:
    """The result of :func:`reconcile`.

    Attributes:
        case: The case reconciled.
        max_pairs: The per-proposition listing limit it was made with.
        propositions: Per proposition, in the case's order.
        part_whole: The part-whole contradictions listed.
        number_of_part_whole: How many part-whole contradictions there are.
        revisions: Every revision, sorted.
        sources: Per source, in the case's order.
        states: Each claim's state.
        origins: Each claim's origins (source roots).
        support: Each current claim's independent support.
    """

    case: Case
    max_pairs: int
    propositions: tuple[PropositionResult, ...]
    part_whole: tuple[Contradiction, ...]
    number_of_part_whole: int
    revisions: tuple[Revision, ...]
    sources: tuple[SourceResult, ...]
    states: Mapping[str, str] = attrs.field(eq=False)
    origins: Mapping[str, frozenset[str]] = attrs.field(eq=False)
    support: Mapping[str, int] = attrs.field(eq=False)

    def to_networkx(self) -> Any:
        """Build the networkx ``MultiDiGraph`` of this reconciliation.

        Built only when asked for (networkx is imported then); see
        :func:`claimcheck.graph.to_networkx` for its nodes and edges.

        Example:
            >>> import claimcheck
            >>> graph = claimcheck.reconcile(claimcheck.load("fixtures/starter.yaml")).to_networkx()
            >>> graph.number_of_nodes()
            14
        """
        from claimcheck.graph import to_networkx

        return to_networkx(self)

    @property
    def proposition_ids(self) -> frozenset[str]:
        """The ids of the propositions worked out (all of the case's, unless chosen)."""
        return frozenset(r.proposition.id for r in self.propositions)

    def check_whole(self, what: str) -> None:
        """Raise ``ValueError`` if only some propositions were worked out.

        Args:
            what: What needs the whole case, for the message.
        """
        if len(self.propositions) != len(self.case.propositions):
            raise ValueError(
                f"{what} needs every proposition reconciled, and this reconciliation "
                "has only some (reconcile(propositions=...)); put parts together "
                "with claimcheck.report.partial_report_data and merge_report_data"
            )

    def proposition(self, id: str) -> PropositionResult:
        """Return the result for one proposition (``KeyError`` if none)."""
        for result in self.propositions:
            if result.proposition.id == id:
                return result
        raise KeyError(id)

    @property
    def supports(self) -> Iterator[Support]:
        """Every listed support, proposition by proposition."""
        for result in self.propositions:
            yield from result.supports

    @property
    def contradictions(self) -> Iterator[Contradiction]:
        """Every listed contradiction: pair and joint, then part-whole."""
        for result in self.propositions:
            yield from result.contradictions
        yield from self.part_whole

    @property
    def number_of_contradictions(self) -> int:
        """How many contradictions there are (joint ones as listed)."""
        return self.number_of_part_whole + sum(
            r.number_of_pair_contradictions + _joint_count(r) for r in self.propositions
        )

    @property
    def number_of_supports(self) -> int:
        """How many supports there are, listed or not."""
        return sum(r.number_of_supports for r in self.propositions)


def _joint_count(result: PropositionResult) -> int:
    return sum(1 for c in result.contradictions if c.type == "joint")


# -- provenance -----------------------------------------------------------------


@attrs.frozen
class _Provenance:
    roots: Mapping[str, str]
    blocs: Mapping[str, str | None]  # the bloc shown for each source
    origins: Mapping[str, frozenset[str]]
    # each claim's origins' blocs, or None when one of its origins has no bloc
    origin_blocs: Mapping[str, frozenset[str] | None]

    def independent(self, a: Claim, b: Claim) -> bool:
        return self.roots[a.source] != self.roots[b.source] and self.origins[a.id].isdisjoint(
            self.origins[b.id]
        )

    def cross_bloc(self, supporter: Claim, supported: Claim) -> bool:
        mine = self.origin_blocs[supporter.id]
        theirs = self.origin_blocs[supported.id]
        return mine is not None and theirs is not None and mine.isdisjoint(theirs)


def source_roots(sources: Sequence[Source]) -> tuple[dict[str, str], dict[str, str | None]]:
    """Each source's root (the top of its ``part_of`` chain) and the bloc it shows.

    A source shows its own bloc, or else the nearest one up its chain.

    Example:
        >>> roots, blocs = source_roots(
        ...     [Source("gov", "government", bloc="state"), Source("police", "government", part_of="gov")]
        ... )
        >>> roots["police"], blocs["police"]
        ('gov', 'state')
    """
    parent = {s.id: s.part_of for s in sources}
    own_bloc = {s.id: s.bloc for s in sources}
    roots: dict[str, str] = {}
    blocs: dict[str, str | None] = {}
    for source in sources:
        chain = [source.id]
        while (up := parent[chain[-1]]) is not None:
            chain.append(up)
        roots[source.id] = chain[-1]
        blocs[source.id] = next((own_bloc[s] for s in chain if own_bloc[s] is not None), None)
    return roots, blocs


def _provenance(case: Case) -> _Provenance:
    roots, blocs = source_roots(case.sources)
    own_bloc = {s.id: s.bloc for s in case.sources}
    origins: dict[str, frozenset[str]] = {}
    by_id = {c.id: c for c in case.claims}

    def origin(claim_id: str) -> frozenset[str]:
        # Iterative, so that long chains of citations cannot exhaust the stack.
        stack = [claim_id]
        while stack:
            top = by_id[stack[-1]]
            pending = [c for c in top.cites if c not in origins]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            if top.id not in origins:
                origins[top.id] = (
                    frozenset().union(*(origins[c] for c in top.cites))
                    if top.cites
                    else frozenset({roots[top.source]})
                )
        return origins[claim_id]

    for claim in case.claims:
        origin(claim.id)
    # Worked out once per distinct set of origins (most claims share theirs).
    blocs_of_origins: dict[frozenset[str], frozenset[str] | None] = {}
    origin_blocs: dict[str, frozenset[str] | None] = {}
    for claim_id, claim_origins in origins.items():
        if claim_origins not in blocs_of_origins:
            root_blocs = [own_bloc[o] for o in claim_origins]
            blocs_of_origins[claim_origins] = (
                None if None in root_blocs else frozenset(b for b in root_blocs if b is not None)
            )
        origin_blocs[claim_id] = blocs_of_origins[claim_origins]
    return _Provenance(roots, blocs, origins, origin_blocs)


def _states(case: Case, roots: Mapping[str, str]) -> tuple[dict[str, str], list[Revision]]:
    """Each claim's state, and the revisions among dated claims of one root."""
    states = {c.id: ClaimState.CURRENT for c in case.claims}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in case.claims:
        if claim.retracted:
            states[claim.id] = ClaimState.RETRACTED
        elif claim.date is not None:
            groups[(roots[claim.source], claim.proposition)].append(claim)
    revisions = []
    props = {p.id: p for p in case.propositions}
    for (_root, prop_id), claims in groups.items():
        days = [c.state_date for c in claims]  # each parsed once
        latest = max(day for day in days if day)
        current = [c for c, day in zip(claims, days, strict=True) if day == latest]
        for old, day in zip(claims, days, strict=True):
            if day == latest:
                continue
            states[old.id] = ClaimState.SUPERSEDED
            for new in current:
                changed = relate(props[prop_id], old.value, new.value) is not Relation.EQUIVALENT
                revisions.append(Revision(prop_id, old.id, new.id, changed))
    revisions.sort(key=lambda r: (r.proposition, r.superseded, r.current))
    return states, revisions


# -- one proposition --------------------------------------------------------------


@attrs.define
class _Group:
    """The current claims of one proposition that share one value."""

    value: Value
    claims: list[Claim]
    origins: frozenset[str]
    vague: bool
    sources: Counter[str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.sources = Counter(c.source for c in self.claims)


def _groups(claims: Sequence[Claim], prov: _Provenance) -> list[_Group]:
    """The current claims grouped by value, in order of their first claim id.

    The order does not depend on the order of the claims in the file, so
    that whatever is enumerated over the groups (joint contradictions cut at
    :data:`JOINT_LIMIT`) comes out the same for the same case.
    """
    by_value: dict[Value, list[Claim]] = {}
    for claim in claims:
        by_value.setdefault(claim.value, []).append(claim)
    groups = [
        _Group(
            value,
            sorted(members, key=_claim_id),
            frozenset().union(*(prov.origins[c.id] for c in members)),
            any(_is_vague(c) for c in members),
        )
        for value, members in by_value.items()
    ]
    groups.sort(key=lambda g: g.claims[0].id)
    return groups


def _claim_id(claim: Claim) -> str:
    return claim.id


def _is_vague(claim: Claim) -> bool:
    return isinstance(claim.value, QuantityValue) and claim.value.vague


def _shown(proposition: Proposition, claim: Claim) -> str:
    """A claim's value in words, with its phrase when the phrase says more.

    ``dozens`` is shown as ``dozens (12 to 99)``; ``at least 14`` and
    ``at least 14 people`` (the unit adds nothing) as ``at least 14``.
    """
    text = describe(proposition, claim.value)
    written = claim.written
    if not isinstance(written, str):
        return text
    phrase = normalize_words(written)
    if isinstance(proposition, QuantityProposition):
        unit = normalize_words(proposition.unit)
        for ending in (f" of {unit}", f" {unit}"):
            phrase = phrase.removesuffix(ending)
    return text if phrase == normalize_words(text) else f"{written} ({text})"


def _sort_key(iv: Interval) -> tuple[Decimal, bool, Decimal | float, bool]:
    high = iv.high if iv.high is not None else float("inf")
    return (iv.low, iv.low_open, high, not iv.high_open)


class _Proposition:
    """Works out the result for one proposition."""

    def __init__(
        self,
        proposition: Proposition,
        claims: Sequence[Claim],
        current: Sequence[Claim],
        prov: _Provenance,
        max_pairs: int,
    ) -> None:
        self.proposition = proposition
        self.all_claims = claims
        self.current = current
        self.prov = prov
        self.max_pairs = max_pairs
        self.groups = _groups(current, prov)
        self.by_id = {c.id: c for c in current}
        self.sorted_current = sorted(current, key=_claim_id)
        self.group_of = {c.id: i for i, g in enumerate(self.groups) for c in g.claims}
        # Quantities: the values' intervals, sorted by their bounds.
        self.intervals: IntervalIndex | None = None
        # Other kinds, related pair by pair: value i -> the other values
        # inside it (each of which supports it), the pairs of values that do
        # not meet (i < j), and each value's partners in those pairs.
        self.entailed: dict[int, list[int]] = defaultdict(list)
        self.disjoint: list[tuple[int, int]] = []
        self.disjoint_with: dict[int, list[int]] = defaultdict(list)
        # Quantities: the values found inside, or disjoint from, each value, once asked for.
        self._inside_of: dict[int, list[int]] = {}
        self._disjoint_of: dict[int, list[int]] = {}
        self._pair_counts: tuple[int, Counter[str]] | None = None
        self._joint: _JointTest | None = None
        self._shown: dict[str, str] = {}
        self._relate_groups()

    def shown(self, claim: Claim) -> str:
        """A claim's value in words (see :func:`_shown`), worked out once per claim."""
        text = self._shown.get(claim.id)
        if text is None:
            text = self._shown[claim.id] = _shown(self.proposition, claim)
        return text

    def reason(self, a: Claim, b: Claim) -> str:
        """Why two claims contradict, in words."""
        if isinstance(a.value, QuantityValue) and isinstance(b.value, QuantityValue):
            low, high = sorted((a, b), key=lambda c: _sort_key(interval_of(c.value)))
            return f"{self.shown(low)} is below {self.shown(high)}"
        if isinstance(a.value, SequenceValue):
            return f"{self.shown(a)} cannot hold together with {self.shown(b)}"
        return f"{self.shown(a)} excludes {self.shown(b)}"

    def _relate_groups(self) -> None:
        """Relate the distinct values.

        Intervals are only sorted by their bounds: the values inside or
        disjoint from one are found when asked for (:meth:`_inside`,
        :meth:`_disjoint_from`) and the counts come from sweeps, so that no
        step visits every pair.  Values of other kinds are related pair by
        pair, once.
        """
        groups = self.groups
        if isinstance(self.proposition, QuantityProposition):
            self.intervals = IntervalIndex([interval_of(g.value) for g in groups])
            return
        for i, j in itertools.combinations(range(len(groups)), 2):
            relation = relate(self.proposition, groups[i].value, groups[j].value)
            # Distinct values may still be equivalent: then each is inside the other.
            if relation in (Relation.ENTAILS, Relation.EQUIVALENT):
                self.entailed[j].append(i)
            if relation in (Relation.ENTAILED_BY, Relation.EQUIVALENT):
                self.entailed[i].append(j)
            if relation is Relation.CONTRADICTS:
                self.disjoint.append((i, j))
                self.disjoint_with[i].append(j)
                self.disjoint_with[j].append(i)

    def _inside(self, i: int) -> Sequence[int]:
        """The other values inside value ``i`` (each of which supports it)."""
        if self.intervals is None:
            return self.entailed[i]
        found = self._inside_of.get(i)
        if found is None:
            found = self._inside_of[i] = self.intervals.inside(i)
        return found

    def _disjoint_from(self, i: int) -> Sequence[int]:
        """The values that do not meet value ``i``."""
        if self.intervals is None:
            return self.disjoint_with[i]
        found = self._disjoint_of.get(i)
        if found is None:
            found = self._disjoint_of[i] = self.intervals.disjoint_from(i)
        return found

    # -- supports

    def support_of(self) -> dict[str, int]:
        """Each current claim's independent support."""
        out = {}
        for group, origins in zip(self.groups, self._origins_inside(), strict=True):
            for claim in group.claims:
                out[claim.id] = origins
        return out

    def _origins_inside(self) -> list[int]:
        """For each value, the number of distinct origins of the values inside it, its own included.

        For intervals, each origin is a bit and each value the mask of its
        origins' bits; the union over the values inside one is then an OR,
        which :meth:`IntervalIndex.combine_inside` sweeps, and its count of
        bits is the count of origins.  Each OR costs a machine word per 64
        origins of the proposition, so a proposition with as many origins as
        values still costs the square of the values divided by 64 (times
        log); case files have far fewer origins than claims.
        """
        groups = self.groups
        if self.intervals is None:
            return [
                len(g.origins.union(*(groups[k].origins for k in self.entailed[i])))
                for i, g in enumerate(groups)
            ]
        bits: dict[str, int] = {}
        masks = []
        for group in groups:
            mask = 0
            for origin in group.origins:
                mask |= bits.setdefault(origin, 1 << len(bits))
            masks.append(mask)
        return [m.bit_count() for m in self.intervals.combine_inside(masks, operator.or_, 0)]

    def _claims_inside(self) -> list[int]:
        """For each value, the number of claims of the values inside it, its own included."""
        sizes = [len(g.claims) for g in self.groups]
        if self.intervals is None:
            return [n + sum(sizes[k] for k in self.entailed[i]) for i, n in enumerate(sizes)]
        return self.intervals.combine_inside(sizes, operator.add, 0)

    def _support_pairs(self) -> Iterator[tuple[Claim, Claim]]:
        """(supported, supporter) pairs, in order of their ids, generated lazily."""
        for claim in self.sorted_current:
            i = self.group_of[claim.id]
            supporters = [self.groups[i].claims, *(self.groups[k].claims for k in self._inside(i))]
            for by in heapq.merge(*supporters, key=_claim_id):
                if by.id != claim.id:
                    yield claim, by

    def number_of_supports(self) -> int:
        """How many supports there are: each claim by every other claim of a value inside its own."""
        return sum(
            len(group.claims) * (inside - 1)
            for group, inside in zip(self.groups, self._claims_inside(), strict=True)
        )

    def supports(self) -> list[Support]:
        """The supports to list, the first ``max_pairs`` in sorted order."""
        pairs = _first(self._support_pairs(), self.max_pairs)
        return [
            Support(
                self.proposition.id,
                claim.id,
                by.id,
                self.prov.independent(claim, by),
                self.prov.cross_bloc(by, claim),
            )
            for claim, by in pairs
        ]

    # -- contradictions

    def _contradiction_pairs(self) -> Iterator[tuple[Claim, Claim]]:
        """Contradicting pairs (a, b), a's id before b's, in order, generated lazily."""
        for a in self.sorted_current:
            partners = (self.groups[j].claims for j in self._disjoint_from(self.group_of[a.id]))
            for b in heapq.merge(*(_after(a.id, claims) for claims in partners), key=_claim_id):
                yield a, b

    def number_of_pair_contradictions(self) -> int:
        """How many pair contradictions there are."""
        return self.pair_contradiction_counts()[0]

    def pair_contradiction_counts(self) -> tuple[int, Counter[str]]:
        """How many pair contradictions there are, and how many each source takes part in.

        Worked out once, from the values: for intervals by
        :func:`pairs_below` (two intervals that do not meet lie one
        entirely below the other), else from each pair of disjoint values.
        """
        if self._pair_counts is None:
            if self.intervals is not None:
                claims = [g.sources for g in self.groups]
                self._pair_counts = pairs_below(
                    self.intervals.lasts, claims, self.intervals.firsts, claims
                )
            else:
                total, by_source = 0, Counter[str]()
                for i, j in self.disjoint:
                    left, right = self.groups[i], self.groups[j]
                    total += len(left.claims) * len(right.claims)
                    _count_pairs(left, right, by_source)
                self._pair_counts = (total, by_source)
        return self._pair_counts

    def pair_contradictions(self) -> list[Contradiction]:
        """The pair contradictions to list, the first ``max_pairs`` in sorted order."""
        pairs = _first(self._contradiction_pairs(), self.max_pairs)
        return [
            Contradiction(
                "pair",
                (self.proposition.id,),
                (a.id, b.id),
                self.prov.independent(a, b),
                _is_vague(a) or _is_vague(b),
                self.reason(a, b),
            )
            for a, b in pairs
        ]

    def joint_contradictions(self) -> tuple[list[Contradiction], bool]:
        """The joint contradictions to list, and whether the list was cut.

        The first :data:`JOINT_LIMIT` in sorted order (of their sorted claim
        ids), as for pairs, out of all there are; the list is cut when there
        are more, or when the search ran out of steps (then they are the
        first of those found).
        """
        if not isinstance(self.proposition, CategoryProposition | SequenceProposition):
            return [], False  # intervals and truth values: pairwise compatible is jointly possible
        value_sets, cut = self._minimal_impossible_values()
        claim_sets = heapq.merge(
            *(_claim_sets([self.groups[i].claims for i in value_set]) for value_set in value_sets)
        )
        found = list(itertools.islice(claim_sets, JOINT_LIMIT + 1))
        cut = cut or len(found) > JOINT_LIMIT
        out = []
        for ids in found[:JOINT_LIMIT]:
            claims = [self.by_id[i] for i in ids]
            independent = all(
                self.prov.independent(a, b) for a, b in itertools.combinations(claims, 2)
            )
            out.append(
                Contradiction(
                    "joint",
                    (self.proposition.id,),
                    ids,
                    independent,
                    False,
                    self._joint_reason(claims),
                )
            )
        return out, cut

    def has_contradiction(self) -> bool:
        """Whether some current claims contradict, as a pair or jointly.

        Worked out without listing any, so that the status never depends
        on the limits: category or sequence values contradict, as a pair or
        jointly, exactly when they cannot all hold together; quantities and
        truth values contradict jointly only where a pair does.
        """
        if self.number_of_pair_contradictions():
            return True
        if isinstance(self.proposition, CategoryProposition | SequenceProposition):
            return not self._joint_test().possible(range(len(self.groups)))
        return False

    def _joint_test(self) -> _JointTest:
        """The bitmask test of which values can hold together, built once."""
        if self._joint is None:
            self._joint = _JointTest([g.value for g in self.groups])
        return self._joint

    def _joint_reason(self, claims: Sequence[Claim]) -> str:
        shown = [f"'{self.shown(c)}'" for c in claims]
        listed = ", ".join(shown[:-1]) + " and " + shown[-1]
        if isinstance(self.proposition, SequenceProposition):
            return f"the orders {listed} together form a cycle"
        return f"no single value fits all of {listed}"

    def _minimal_impossible_values(self) -> tuple[list[tuple[int, ...]], bool]:
        """Inclusion-minimal sets of 3+ distinct values, pairwise compatible, jointly impossible.

        Both kinds are searched as minimal covers (see :func:`_minimal_covers`).
        Category values are impossible together when no leaf is in all of
        them, that is when the leaves each one lacks cover every leaf; a
        minimal impossible set is a minimal such cover.  Sequence values are
        impossible together when their precedences have a cycle; a minimal
        impossible set covers the precedences of a simple cycle with one
        value each, so each cycle of three or more events through all the
        values' precedences (few: propositions have few events) is covered
        in every minimal way, and a cover is kept when no value of it can
        be left out.  A minimal set never holds two values of which one
        entails the other (the weaker one could be dropped), so only values
        pairwise compatible without entailment are combined.

        Returns:
            The sets found, sorted, each sorted; and whether the search
            stopped early, after :data:`_JOINT_SEARCH_BUDGET` steps (never
            on cases of a few events per sequence), with the sets found so
            far.
        """
        n = len(self.groups)
        test = self._joint_test()
        if n < 3 or test.possible(range(n)):
            return [], False
        related = set(self.disjoint)  # (i, j), i < j: disjoint, or one entails the other
        related.update(
            (min(i, j), max(i, j)) for i, inside in self.entailed.items() for j in inside
        )
        fits: dict[int, set[int]] = {i: set() for i in range(n)}  # compatible, no entailment
        for i, j in itertools.combinations(range(n), 2):
            if (i, j) not in related:
                fits[i].add(j)
                fits[j].add(i)
        budget = _Budget(_JOINT_SEARCH_BUDGET)
        if not test.sequence:
            lacking = [[v for v in range(n) if not test.masks[v] & leaf] for leaf in test.leaves]
            return sorted(_minimal_covers(lacking, fits, budget)), budget.spent

        import networkx as nx  # here, so that starting the command line does not import it

        holders = test.holders()
        found: set[tuple[int, ...]] = set()
        for cycle in nx.simple_cycles(nx.DiGraph(list(holders))):
            if len(cycle) < 3:
                continue  # two values covering it contradict as a pair
            if not budget.take():
                break
            edges = [holders[e] for e in itertools.pairwise([*cycle, cycle[0]])]
            for cover in _minimal_covers(edges, fits, budget):
                if cover not in found and all(
                    test.possible(cover[:k] + cover[k + 1 :]) for k in range(len(cover))
                ):
                    found.add(cover)
        return sorted(found), budget.spent

    # -- positions, common ground, aggregates

    def positions(self) -> tuple[Position, ...] | None:
        """The maximal groups of current claims that can all be true together."""
        if not self.groups:
            return ()
        value_sets = self._maximal_value_sets()
        if value_sets is None:
            return None
        out = []
        for value_set in value_sets:
            claims = sorted(c.id for i in value_set for c in self.groups[i].claims)
            origins = frozenset().union(*(self.groups[i].origins for i in value_set))
            shared = meet([self.groups[i].value for i in value_set])
            assert shared is not None
            out.append(Position(tuple(claims), len(origins), shared))
        if isinstance(self.proposition, QuantityProposition):
            out.sort(key=lambda p: (_sort_key(interval_of(p.value)), p.claims))
        else:
            out.sort(key=lambda p: p.claims)
        return tuple(out)

    def _maximal_value_sets(self) -> list[tuple[int, ...]] | None:
        groups = self.groups
        if isinstance(self.proposition, QuantityProposition):
            return _interval_cliques([interval_of(g.value) for g in groups])
        if isinstance(self.proposition, CategoryProposition):
            holders: dict[str, set[int]] = defaultdict(set)
            for i, g in enumerate(groups):
                assert isinstance(g.value, CategoryValue)
                for leaf in g.value.leaves:
                    holders[leaf].add(i)
            return _maximal_sets(frozenset(s) for s in holders.values())
        if isinstance(self.proposition, SequenceProposition):
            if len(self.current) > SEQUENCE_POSITION_LIMIT:
                return None
            return _maximal_consistent(len(groups), self._joint_test().possible)
        truths: dict[bool, list[int]] = defaultdict(list)
        for i, g in enumerate(groups):
            assert isinstance(g.value, AssertionValue)
            truths[g.value.value].append(i)
        return [tuple(v) for v in truths.values()]

    def common_ground(self) -> Value | None:
        """What every current claim entails."""
        return join([g.value for g in self.groups])

    def aggregates(self, support: Mapping[str, int]) -> Aggregates | None:
        """The aggregation policies, for a quantity with current claims."""
        if not isinstance(self.proposition, QuantityProposition) or not self.current:
            return None
        points: dict[Decimal, list[Claim]] = defaultdict(list)
        for claim in self.current:
            assert isinstance(claim.value, QuantityValue)
            points[claim.value.point].append(claim)
        representative = min(
            points,
            key=lambda p: (-len(points[p]), -max(support[c.id] for c in points[p]), p),
        )
        hull = join([g.value for g in self.groups])
        assert isinstance(hull, QuantityValue)
        return Aggregates(min(points), max(points), representative, hull.interval)


class _JointTest:
    """Whether sets of one proposition's category or sequence values can all hold.

    The same answer as :func:`~claimcheck.logic.is_jointly_possible`, on
    bitmasks worked out once per proposition: the joint searches ask it for
    hundreds of thousands of small sets on a large case.  A category value
    becomes the mask of its leaves, and a set fits when the AND of its masks
    is not zero.  A sequence value becomes, for each event, the mask of the
    events it puts after that one; a set fits when the union of those has
    no cycle, found by peeling off, round after round, the events nothing
    left precedes.
    """

    def __init__(self, values: Sequence[Value]) -> None:
        self.sequence = bool(values) and isinstance(values[0], SequenceValue)
        if self.sequence:
            events = sorted({e for v in values for pair in _precedences_of(v) for e in pair})
            bit = {e: 1 << k for k, e in enumerate(events)}
            self.everything = (1 << len(events)) - 1
            self.after: list[dict[int, int]] = []  # per value: event bit -> mask of later events
            for v in values:
                after: dict[int, int] = {}
                for before, later in _precedences_of(v):
                    after[bit[before]] = after.get(bit[before], 0) | bit[later]
                self.after.append(after)
        else:
            leaves = sorted({leaf for v in values for leaf in _leaves_of(v)})
            self.leaves = [1 << k for k in range(len(leaves))]  # each leaf's bit
            bit = dict(zip(leaves, self.leaves, strict=True))
            self.masks = [sum(bit[leaf] for leaf in _leaves_of(v)) for v in values]

    def holders(self) -> dict[tuple[int, int], list[int]]:
        """Sequences: each precedence (as event bits), and the values that hold it."""
        out: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, after in enumerate(self.after):
            for event, later in after.items():
                while later:
                    other = later & -later
                    out[event, other].append(k)
                    later ^= other
        return out

    def possible(self, indices: Sequence[int]) -> bool:
        """Whether the values at ``indices`` can all be true together."""
        if not self.sequence:
            masks = self.masks
            common = -1
            for k in indices:
                common &= masks[k]
            return common != 0
        after: dict[int, int] = {}
        for k in indices:
            for event, later in self.after[k].items():
                after[event] = after.get(event, 0) | later
        left = self.everything
        while after:
            preceded = 0
            for later in after.values():
                preceded |= later
            free = left & ~preceded
            if not free:
                return False  # every event left has one before it: a cycle
            left &= ~free
            after = {event: later for event, later in after.items() if not event & free}
        return True


def _precedences_of(value: Value) -> frozenset[tuple[str, str]]:
    assert isinstance(value, SequenceValue)
    return value.precedences


def _leaves_of(value: Value) -> frozenset[str]:
    assert isinstance(value, CategoryValue)
    return value.leaves


@attrs.define
class _Budget:
    """The steps a search may still take; ``spent`` once it wanted more."""

    left: int
    spent: bool = False

    def take(self) -> bool:
        """Take a step if one is left; else mark the budget spent."""
        if self.left <= 0:
            self.spent = True
            return False
        self.left -= 1
        return True


def _minimal_covers(
    holders: Sequence[Sequence[int]], fits: Mapping[int, Collection[int]], budget: _Budget
) -> Iterator[tuple[int, ...]]:
    """The inclusion-minimal sets of values, pairwise fitting, that cover every element.

    ``holders[e]`` lists the values that cover element ``e``.  The search
    takes an uncovered element with the fewest holders and tries each
    holder in turn, leaving out, below one, the holders tried before it:
    so a cover is reached along one path only (taking for each element
    the first of its holders in the cover) and comes out once.  A set in
    which some value no longer covers an element on its own is not
    minimal, nor is any set grown from it, so it is dropped at once.

    Args:
        holders: For each element, the values that cover it.
        fits: For each value, the values it may be combined with.
        budget: Each value tried takes a step; with none left the search
            stops.

    Yields:
        Each minimal cover, sorted.
    """
    elements: dict[int, list[int]] = defaultdict(list)  # value -> the elements it covers
    for e, values in enumerate(holders):
        for v in values:
            elements[v].append(e)
    times = [0] * len(holders)  # how many chosen values cover each element

    def visit(chosen: list[int], banned: set[int]) -> Iterator[tuple[int, ...]]:
        uncovered = [e for e, k in enumerate(times) if not k]
        if not uncovered:
            yield tuple(sorted(chosen))
            return
        below = set(banned)
        for v in holders[min(uncovered, key=lambda e: len(holders[e]))]:
            if v in below or not all(v in fits[c] for c in chosen):
                continue
            if not budget.take():
                return
            for e in elements[v]:
                times[e] += 1
            if all(any(times[e] == 1 for e in elements[c]) for c in chosen):
                yield from visit([*chosen, v], below)
            for e in elements[v]:
                times[e] -= 1
            below.add(v)

    yield from visit([], set())


def _claim_sets(groups: Sequence[Sequence[Claim]]) -> Iterator[tuple[str, ...]]:
    """The sets of one claim from each group, as sorted ids, in sorted order.

    Each group is sorted by id, so taking a later claim of a group never
    makes a set come earlier: a heap of the sets next to those given out
    yields them in order, each reached from one set only (by moving on
    the last group moved on, or one after it), so that the first few cost
    little however many there are.
    """
    ids = [[c.id for c in group] for group in groups]

    def key(at: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(sorted(column[k] for column, k in zip(ids, at, strict=True)))

    start = (0,) * len(ids)
    heap = [(key(start), start, 0)]
    while heap:
        claims, at, last = heapq.heappop(heap)
        yield claims
        for g in range(last, len(ids)):
            if at[g] + 1 < len(ids[g]):
                moved = (*at[:g], at[g] + 1, *at[g + 1 :])
                heapq.heappush(heap, (key(moved), moved, g))


def _first(pairs: Iterable[tuple[Claim, Claim]], limit: int) -> list[tuple[Claim, Claim]]:
    """The first ``limit`` of pairs generated in order (all when ``limit`` is 0)."""
    return list(pairs if limit == 0 else itertools.islice(pairs, limit))


def _after(id: str, claims: Sequence[Claim]) -> Iterator[Claim]:
    """The claims (sorted by id) whose ids come after ``id``, without copying."""
    start = bisect.bisect_right(claims, id, key=_claim_id)
    return map(claims.__getitem__, range(start, len(claims)))


def _interval_cliques(intervals: Sequence[Interval]) -> list[tuple[int, ...]]:
    """The maximal sets of intervals sharing a point, by a sweep over their ends."""
    starts = sorted(range(len(intervals)), key=lambda i: intervals[i]._low_key())
    ends = sorted(range(len(intervals)), key=lambda i: intervals[i]._high_key())
    active: set[int] = set()
    out: list[tuple[int, ...]] = []
    grew = False
    s = 0
    for e in ends:
        # Open every interval that starts before (or where) this one ends.
        while s < len(starts) and _starts_before_end(intervals[starts[s]], intervals[e]):
            active.add(starts[s])
            s += 1
            grew = True
        if e not in active:
            continue
        if grew:
            out.append(tuple(sorted(active)))
            grew = False
        active.discard(e)
    return out


def _starts_before_end(start: Interval, end: Interval) -> bool:
    """Whether ``start``'s interval begins at a point ``end``'s still covers."""
    if end.high is None:
        return True
    if start.low < end.high:
        return True
    return start.low == end.high and not start.low_open and not end.high_open


def _maximal_sets(sets: Iterable[frozenset[int]]) -> list[tuple[int, ...]]:
    unique = sorted(set(sets), key=len, reverse=True)
    kept: list[frozenset[int]] = []
    for candidate in unique:
        if not any(candidate <= k for k in kept):
            kept.append(candidate)
    return [tuple(sorted(k)) for k in kept]


def _maximal_consistent(n: int, possible: Callable[[Sequence[int]], bool]) -> list[tuple[int, ...]]:
    """The maximal sets of values 0 to n - 1 that are jointly possible (small inputs only).

    Decides for each value in turn whether it is in or out.  Leaving a
    value out is only worth exploring when the values still to come could
    rule it out: if it fits with everything chosen and everything left, no
    set without it is maximal.  So values that all fit together cost one
    pass, not one visit per subset.
    """
    found: list[tuple[int, ...]] = []

    def visit(chosen: list[int], i: int) -> None:
        if i == n:
            if all(k in chosen or not possible([*chosen, k]) for k in range(n)):
                found.append(tuple(chosen))
            return
        if not possible([*chosen, i]):
            visit(chosen, i + 1)
            return
        visit([*chosen, i], i + 1)
        if not possible([*chosen, *range(i, n)]):
            visit(chosen, i + 1)

    visit([], 0)
    return found


# -- the whole case -------------------------------------------------------------------


def reconcile(
    case: Case,
    *,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    propositions: Collection[str] | None = None,
) -> Reconciliation:
    """Reconcile a case: relate every pair of claims and summarise each proposition.

    Args:
        case: The case.
        max_pairs: How many supports, and separately how many pair
            contradictions, to list per proposition, and how many
            part-whole contradictions per pair of propositions (0: no
            limit).  Counts and statuses are exact whatever is cut.
        propositions: Work out only these propositions (default: all).
            The claims of the others then serve only as what claims cite,
            and the result speaks only of these propositions and their
            claims: the source counts and revisions are theirs alone.  Each
            ``part_of`` pair must be inside or outside together.  This is
            how one part of a split case is reconciled
            (:mod:`claimcheck.partition`).

    Returns:
        The reconciliation.

    Raises:
        ValueError: If ``max_pairs`` is negative, or ``propositions`` names
            a proposition the case lacks or separates a ``part_of`` pair.
        TypeError: If ``propositions`` is one string rather than a
            collection of ids.

    Example:
        >>> import claimcheck
        >>> result = reconcile(claimcheck.load("fixtures/starter.yaml"))
        >>> result.proposition("deaths").status
        'contested'
    """
    if max_pairs < 0:
        raise ValueError(f"max_pairs must be 0 (no limit) or more, got {max_pairs}")
    with cyclic_gc_paused():
        return _reconcile(case, max_pairs, propositions)


def _reconcile(case: Case, max_pairs: int, propositions: Collection[str] | None) -> Reconciliation:
    wanted = _wanted(case, propositions)
    prov = _provenance(case)
    states, revisions = _states(case, prov.roots)
    if propositions is not None:
        revisions = [r for r in revisions if r.proposition in wanted]
    by_prop: dict[str, list[Claim]] = defaultdict(list)
    for claim in case.claims:
        by_prop[claim.proposition].append(claim)

    workers: dict[str, _Proposition] = {}
    support: dict[str, int] = {}
    for prop in wanted.values():
        claims = by_prop[prop.id]
        current = [c for c in claims if states[c.id] == ClaimState.CURRENT]
        worker = _Proposition(prop, claims, current, prov, max_pairs)
        workers[prop.id] = worker
        support.update(worker.support_of())

    part_whole = _part_whole(case, workers, prov, max_pairs)

    results = []
    for prop in wanted.values():
        worker = workers[prop.id]
        pairs = worker.pair_contradictions()
        joints, joint_cut = worker.joint_contradictions()
        n_supports = worker.number_of_supports()
        n_pairs = worker.number_of_pair_contradictions()
        status = _status(worker, prop.id in part_whole.involved, support)
        listed_supports = worker.supports()
        truncated = (
            len(listed_supports) < n_supports
            or len(pairs) < n_pairs
            or joint_cut
            or prop.id in part_whole.cut
        )
        results.append(
            PropositionResult(
                proposition=prop,
                status=status,
                claims=tuple(sorted(c.id for c in worker.all_claims)),
                current=tuple(sorted(c.id for c in worker.current)),
                common_ground=worker.common_ground(),
                positions=worker.positions(),
                aggregates=worker.aggregates(support),
                supports=tuple(listed_supports),
                contradictions=tuple(sorted(pairs + joints, key=lambda c: c.claims)),
                number_of_supports=n_supports,
                number_of_pair_contradictions=n_pairs,
                truncated=truncated,
            )
        )
    involved = _count_involvement(workers, results) + part_whole.by_source

    claims_made = Counter(c.source for c in case.claims if c.proposition in wanted)
    sources = tuple(
        SourceResult(s.id, prov.roots[s.id], prov.blocs[s.id], claims_made[s.id], involved[s.id])
        for s in case.sources
    )
    return Reconciliation(
        case=case,
        max_pairs=max_pairs,
        propositions=tuple(results),
        part_whole=tuple(part_whole.listed),
        number_of_part_whole=part_whole.total,
        revisions=tuple(revisions),
        sources=sources,
        states=states,
        origins=prov.origins,
        support=support,
    )


def _wanted(case: Case, ids: Collection[str] | None) -> dict[str, Proposition]:
    """The propositions to work out, by id, in file order; checks ``ids``."""
    if ids is None:
        return {p.id: p for p in case.propositions}
    if isinstance(ids, str):
        raise TypeError(f"propositions must be a collection of ids, not one string: {ids!r}")
    chosen = set(ids)
    unknown = sorted(chosen.difference(p.id for p in case.propositions), key=str)
    if unknown:
        raise ValueError(f"the case has no proposition {unknown[0]!r}")
    for prop in case.propositions:
        whole = prop.part_of if isinstance(prop, QuantityProposition) else None
        if whole is not None and (prop.id in chosen) != (whole in chosen):
            raise ValueError(
                f"propositions {prop.id!r} and {whole!r} are a part_of pair: choose both or neither"
            )
    return {p.id: p for p in case.propositions if p.id in chosen}


def _status(worker: _Proposition, in_part_whole: bool, support: Mapping[str, int]) -> str:
    if not worker.current:
        return Status.UNCLAIMED
    if in_part_whole or worker.has_contradiction():
        return Status.CONTESTED
    if any(support[c.id] >= 2 for c in worker.current):
        return Status.CORROBORATED
    origins = frozenset().union(*(g.origins for g in worker.groups))
    return Status.CONSISTENT if len(origins) >= 2 else Status.SINGLE_SOURCE


@attrs.define
class _PartWhole:
    """The part-whole contradictions of a case."""

    listed: list[Contradiction] = attrs.Factory(list)
    total: int = 0  # how many there are, listed or not
    involved: set[str] = attrs.Factory(set)  # propositions that have one
    cut: set[str] = attrs.Factory(set)  # propositions whose list was cut
    by_source: Counter[str] = attrs.Factory(Counter)  # how many each source takes part in


def _part_whole(
    case: Case, workers: Mapping[str, _Proposition], prov: _Provenance, max_pairs: int
) -> _PartWhole:
    """Contradictions across ``part_of`` pairs: the part's least above the whole's most.

    Each part is checked against its whole and every whole above it.  At
    most ``max_pairs`` are listed per pair of propositions, the first in
    order of (part claim, whole claim); both propositions are then cut.
    """
    parent = {
        p.id: p.part_of
        for p in case.propositions
        if isinstance(p, QuantityProposition) and p.id in workers
    }
    out = _PartWhole()
    for part_id, whole_id in sorted(parent.items()):
        ancestor = whole_id
        while ancestor is not None:
            part, whole = workers[part_id], workers[ancestor]
            assert part.intervals is not None
            assert whole.intervals is not None
            # The part exceeds the whole when the whole lies entirely below it.
            count, by_source = pairs_below(
                whole.intervals.lasts,
                [g.sources for g in whole.groups],
                part.intervals.firsts,
                [g.sources for g in part.groups],
            )
            out.by_source.update(by_source)
            if count:
                out.total += count
                out.involved.update((part_id, ancestor))
            listed = _first(_exceeding_pairs(part, whole), max_pairs)
            if len(listed) < count:
                out.cut.update((part_id, ancestor))
            out.listed.extend(
                Contradiction(
                    "part-whole",
                    (part_id, ancestor),
                    (a.id, b.id),
                    prov.independent(a, b),
                    _is_vague(a) or _is_vague(b),
                    f"the part, {part.shown(a)}, exceeds the whole, {whole.shown(b)}",
                )
                for a, b in listed
            )
            ancestor = parent.get(ancestor)
    out.listed.sort(key=lambda c: (c.claims, c.propositions))
    return out


def _exceeding_pairs(part: _Proposition, whole: _Proposition) -> Iterator[tuple[Claim, Claim]]:
    """(part claim, whole claim) pairs where the part exceeds the whole, in order, lazily.

    The whole's values below each part value are found when first needed,
    so that listing costs what is listed.
    """
    assert part.intervals is not None
    assert whole.intervals is not None
    below: dict[int, list[int]] = {}  # part value -> the whole's values entirely below it
    for a in part.sorted_current:
        i = part.group_of[a.id]
        if i not in below:
            below[i] = whole.intervals.ending_before(part.intervals.firsts[i])
        for b in heapq.merge(*(whole.groups[j].claims for j in below[i]), key=_claim_id):
            yield a, b


def _count_involvement(
    workers: Mapping[str, _Proposition], results: Sequence[PropositionResult]
) -> Counter[str]:
    """Count, per source, the pair and joint contradictions its claims take part in.

    Pair contradictions are counted from the groups of values, so that
    contradictions cut from the lists still count.
    """
    involved: Counter[str] = Counter()
    for result in results:
        worker = workers[result.proposition.id]
        involved.update(worker.pair_contradiction_counts()[1])
        for contradiction in result.contradictions:
            if contradiction.type == "joint":
                for source in {worker.by_id[c].source for c in contradiction.claims}:
                    involved[source] += 1
    return involved


def _count_pairs(left: _Group, right: _Group, involved: Counter[str]) -> None:
    """Add, per source, the pairs (a claim of ``left``, one of ``right``) it takes part in."""
    n_left, n_right = len(left.claims), len(right.claims)
    for source in left.sources.keys() | right.sources.keys():
        a, b = left.sources[source], right.sources[source]
        involved[source] += a * n_right + n_left * b - a * b
