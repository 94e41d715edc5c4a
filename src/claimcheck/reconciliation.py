"""Reconciliation: the claim logic applied to a whole case.

:func:`reconcile` works out, for a :class:`~claimcheck.model.Case`:

* provenance -- each source's root and bloc, each claim's origins (through
  ``cites``), which claims are current, superseded (revisions) or retracted;
* per proposition -- supports, contradictions (pair, joint and part-whole),
  status, common ground, positions and, for quantities, the aggregates;
* per source -- its claims and the contradictions they take part in.

Relations depend only on values, so claims are grouped by distinct value,
and the values of each proposition are related pair by pair.  Claims are
numbered by the order of their ids, and the pairs of claims -- the
counts, each claim's independent support, and the supports and
contradictions listed -- are worked out for all propositions at once, in
arrays (:mod:`claimcheck._pairs`, with numpy).  Counts stay exact, while
the lists are cut at ``max_pairs`` per proposition, in sorted order, so
that listing costs what is listed, not the square of the number of
claims.  The listed pairs stay in those arrays: each
:class:`PropositionResult` shows its own as records only when asked for,
and the JSON report is written straight from them.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, overload

import attrs

from claimcheck._memory import builds_large
from claimcheck.logic import Relation, describe, join, meet, relate, relation_of
from claimcheck.model import (
    AssertionProposition,
    Case,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    SequenceProposition,
    Source,
    parse_date,
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

if TYPE_CHECKING:  # numpy is loaded when a case is reconciled, not on import
    import numpy as np
    import numpy.typing as npt

    from claimcheck._pairs import Listed

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
#: Categories with at most this many leaves are related by bit masks.
_MASK_LEAVES: Final = 62


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
        supports: The listed supports, sorted by (claim, by).  A read-only
            sequence, made into records as it is read.
        contradictions: The listed pair and joint contradictions, sorted by
            their claims; also made into records as it is read.  Part-whole
            contradictions, across two propositions, are listed in
            :attr:`Reconciliation.part_whole`.
        number_of_supports: How many supports there are, listed or not.
        number_of_pair_contradictions: How many pair contradictions there are.
        truncated: Whether a list was cut.
        number_of_joint_contradictions: How many joint contradictions are
            listed (they are counted as listed).
        number_of_part_whole_contradictions: How many part-whole
            contradictions it takes part in, as the part or as the whole,
            listed or not.
    """

    proposition: Proposition
    status: str
    claims: tuple[str, ...]
    current: tuple[str, ...]
    common_ground: Value | None
    positions: tuple[Position, ...] | None
    aggregates: Aggregates | None
    supports: Sequence[Support]
    contradictions: Sequence[Contradiction]
    number_of_supports: int
    number_of_pair_contradictions: int
    truncated: bool
    number_of_joint_contradictions: int
    number_of_part_whole_contradictions: int = 0


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
        listing: The listed supports and pair contradictions of every
            proposition, as arrays, for the JSON report to write from.
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
    listing: Listing = attrs.field(eq=False, repr=False)

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
        return self._by_id[id]

    @cached_property
    def _by_id(self) -> Mapping[str, PropositionResult]:
        return {r.proposition.id: r for r in self.propositions}

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
            r.number_of_pair_contradictions + r.number_of_joint_contradictions
            for r in self.propositions
        )

    @property
    def number_of_supports(self) -> int:
        """How many supports there are, listed or not."""
        return sum(r.number_of_supports for r in self.propositions)


# -- listed pairs, kept as arrays ---------------------------------------------------


class _Listed(Sequence[Any]):
    """A read-only sequence of listed supports or contradictions, made as it is read.

    Holds how to make the records, not the records: a proposition may list
    thousands of pairs, and a case millions.  Equal to any sequence of the
    same records.
    """

    __slots__ = ("_length", "_make")

    def __init__(self, length: int, make: Callable[[], Iterator[Any]]) -> None:
        self._length = length
        self._make = make

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Any]:
        return self._make()

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@attrs.frozen(eq=False)
class Listing:
    """The listed supports and pair contradictions of a reconciliation, as arrays.

    Claims are numbered by rank (their place in the order of ids).  Each
    array of pairs is in order of (first claim, second claim), so a
    claim's pairs form a *row*, and ``*_rows[r]`` is where the row of the
    claim of rank ``r`` starts (the next entry, where it ends).

    Attributes:
        table: The case's claims by rank, and what is known of each.
        supports: Pairs (supported claim, supporter).
        support_independent: Per support, whether the two claims are independent.
        support_cross_bloc: Per support, whether it is conceded by the other side.
        support_rows: Where each claim's row of supports starts.
        contradictions: Pair contradictions (claim of lower rank, other claim).
        contradiction_independent: Per contradiction, whether its claims are independent.
        contradiction_vague: Per contradiction, whether a claim was a vague word.
        contradiction_rows: Where each claim's row of contradictions starts.
        joint: The joint contradictions listed, proposition by proposition.
        first_point: Each current quantity claim's value's first point, by
            rank (see :func:`_first_last`); with ``last_point``, it orders
            values as intervals.
        last_point: Each current quantity claim's value's last point.
        support: Each current claim's independent support, by rank (else ``None``).
    """

    table: _Table
    supports: Listed
    support_independent: npt.NDArray[np.bool_]
    support_cross_bloc: npt.NDArray[np.bool_]
    support_rows: npt.NDArray[np.int64]
    contradictions: Listed
    contradiction_independent: npt.NDArray[np.bool_]
    contradiction_vague: npt.NDArray[np.bool_]
    contradiction_rows: npt.NDArray[np.int64]
    joint: tuple[Contradiction, ...]
    first_point: npt.NDArray[np.int64]
    last_point: npt.NDArray[np.int64]
    support: list[int | None]

    def support_records(self, ranks: Sequence[int]) -> Iterator[Support]:
        """The supports of the claims of these ranks (sorted), as records."""
        ids, rows = self.table.ids, self.support_rows
        by = self.supports.second
        for r in ranks:
            claim = self.table.claims[r]
            for k in range(int(rows[r]), int(rows[r + 1])):
                yield Support(
                    claim.proposition,
                    claim.id,
                    ids[by[k]],
                    bool(self.support_independent[k]),
                    bool(self.support_cross_bloc[k]),
                )

    def contradiction_records(self, ranks: Sequence[int]) -> Iterator[Contradiction]:
        """The pair contradictions whose first claim has one of these ranks (sorted)."""
        table, rows = self.table, self.contradiction_rows
        other = self.contradictions.second
        for r in ranks:
            for k in range(int(rows[r]), int(rows[r + 1])):
                b = int(other[k])
                yield Contradiction(
                    "pair",
                    (table.claims[r].proposition,),
                    (table.ids[r], table.ids[b]),
                    bool(self.contradiction_independent[k]),
                    bool(self.contradiction_vague[k]),
                    table.reason(r, b),
                )


# -- the claims, by rank ---------------------------------------------------------------


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


_STATE_NAMES: Final = (ClaimState.CURRENT, ClaimState.SUPERSEDED, ClaimState.RETRACTED)
_CURRENT, _SUPERSEDED, _RETRACTED = range(3)


class _Table:
    """A case's claims in order of id (by *rank*), with their provenance as columns.

    Attributes:
        claims: The claims, by rank.
        ids: Their ids, by rank.
        rank: Each id's rank.
        roots: Each source's root; ``blocs``: the bloc each source shows.
        origins: Each claim's origins (the roots it rests on), by rank;
            equal sets are one object.
        origin_set: Each claim's set of origins as a number: a root's
            number when the set is that root alone.
        root: Each claim's source's root, as a number.
        source: Each claim's source, as its index in the case.
        bloc_mask: Each claim's origins' blocs as bits (-1 when an origin
            has no bloc), when the case has at most 62 blocs; else ``None``.
        state: Each claim's state (index into :data:`_STATE_NAMES`).
    """

    def __init__(self, case: Case) -> None:
        import numpy as np

        # Columns are read with map() and attrgetter: a million claims each.
        claims = case.claims
        n = len(claims)
        ids = list(map(_get_id, claims))
        order = sorted(range(n), key=ids.__getitem__)
        self.claims: list[Claim] = list(map(claims.__getitem__, order))
        self.ids: list[str] = list(map(ids.__getitem__, order))
        self.propositions = {p.id: p for p in case.propositions}
        number = {p.id: k for k, p in enumerate(case.propositions)}
        #: Each claim's proposition, as its index in the case.
        self.proposition = np.fromiter(
            map(number.__getitem__, map(_get_proposition, self.claims)), dtype=np.int64, count=n
        )
        self.roots, self.blocs = source_roots(case.sources)
        source_index = {s.id: k for k, s in enumerate(case.sources)}
        root_index = {root: k for k, root in enumerate(dict.fromkeys(self.roots.values()))}
        sources = list(map(_get_source, self.claims))
        self.source = np.fromiter(map(source_index.__getitem__, sources), dtype=np.int64, count=n)
        claim_roots = list(map(self.roots.__getitem__, sources))
        self.root = np.fromiter(map(root_index.__getitem__, claim_roots), dtype=np.int64, count=n)
        # A set of origins as a number: a single root is its own number, and
        # each set of several roots numbers on after them.
        numbers: dict[frozenset[str], int] = {
            frozenset({root}): k for root, k in root_index.items()
        }
        self.origins = self._origins(claim_roots, list(numbers))
        self.origin_sets: list[frozenset[str]] = list(numbers)
        for origins in set(self.origins).difference(numbers):
            numbers[origins] = len(self.origin_sets)
            self.origin_sets.append(origins)
        self.origin_set = np.fromiter(map(numbers.__getitem__, self.origins), np.int64, count=n)
        self.singles = len(root_index)
        own_bloc = {s.id: s.bloc for s in case.sources}
        self.origin_blocs = self._origin_blocs(own_bloc)
        self.bloc_mask = self._bloc_masks()
        self.state = np.zeros(n, dtype=np.int8)
        self._shown: dict[int, str] = {}
        self._shown_of: dict[tuple[Any, ...], str] = {}
        self._text: dict[Any, str] = {}

    @cached_property
    def rank(self) -> dict[str, int]:
        """Each claim id's rank."""
        return dict(zip(self.ids, range(len(self.ids)), strict=True))

    def rank_of(self, id: str) -> int:
        """One claim id's rank, found in the sorted ids (without :attr:`rank`)."""
        return bisect.bisect_left(self.ids, id)

    def _origins(
        self, claim_roots: Sequence[str], singles: Sequence[frozenset[str]]
    ) -> list[frozenset[str]]:
        """Each claim's origins: its source's root, or the union of what it cites.

        Args:
            claim_roots: Each claim's source's root.
            singles: Each root alone, as a set (one object per root).
        """
        single = {next(iter(s)): s for s in singles}
        origins: list[frozenset[str] | None] = list(map(single.__getitem__, claim_roots))
        citing = [r for r, cites in enumerate(map(_get_cites, self.claims)) if cites]
        for r in citing:
            origins[r] = None
        interned: dict[frozenset[str], frozenset[str]] = {}
        for start in citing:
            # Iterative, so that long chains of citations cannot exhaust the stack.
            stack = [start]
            while stack:
                top = stack[-1]
                if origins[top] is not None:
                    stack.pop()
                    continue
                cited = [self.rank_of(c) for c in self.claims[top].cites]
                pending = [c for c in cited if origins[c] is None]
                if pending:
                    stack.extend(pending)
                    continue
                stack.pop()
                union = frozenset[str]().union(*(_known(origins[c]) for c in cited))
                origins[top] = single.get(next(iter(union))) if len(union) == 1 else None
                if origins[top] is None:
                    origins[top] = interned.setdefault(union, union)
        return origins  # type: ignore[return-value]  # every entry is set above

    def _origin_blocs(self, own_bloc: Mapping[str, str | None]) -> list[frozenset[str] | None]:
        """Per set of origins (by number), the blocs of its roots, or None if one has none."""
        out: list[frozenset[str] | None] = []
        for origins in self.origin_sets:
            blocs = [own_bloc[o] for o in origins]
            out.append(None if None in blocs else frozenset(b for b in blocs if b is not None))
        return out

    def _bloc_masks(self) -> npt.NDArray[np.int64] | None:
        import numpy as np

        every = sorted({b for blocs in self.origin_blocs if blocs for b in blocs})
        if len(every) > 62:
            return None
        bit = {b: 1 << k for k, b in enumerate(every)}
        per_set = np.array(
            [-1 if blocs is None else sum(bit[b] for b in blocs) for blocs in self.origin_blocs],
            dtype=np.int64,
        )
        mask: npt.NDArray[np.int64] = per_set[self.origin_set]
        return mask

    # -- pairs of claims

    def independent(self, a: int, b: int) -> bool:
        """Whether two claims are independent: other roots, and no origin in common."""
        return bool(self.root[a] != self.root[b]) and self.origins[a].isdisjoint(self.origins[b])

    def independent_pairs(
        self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        """Whether the claims of each pair are independent."""
        import numpy as np

        from claimcheck._pairs import distinct_inverse

        sa, sb = self.origin_set[a], self.origin_set[b]
        result: npt.NDArray[np.bool_] = (self.root[a] != self.root[b]) & (sa != sb)
        # Sets of single roots differ exactly when disjoint; others are checked
        # once per distinct pair of sets.
        several = np.flatnonzero(
            (self.root[a] != self.root[b]) & ((sa >= self.singles) | (sb >= self.singles))
        )
        if len(several):
            keys = sa[several] * len(self.origin_sets) + sb[several]
            distinct, back = distinct_inverse(keys)
            sets = self.origin_sets
            apart = np.array(
                [sets[k // len(sets)].isdisjoint(sets[k % len(sets)]) for k in distinct.tolist()],
                dtype=bool,
            )
            result[several] = apart[back]
        return result

    def cross_bloc_pairs(
        self, claim: npt.NDArray[np.int64], by: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        """Whether each support (of ``claim`` by ``by``) is conceded by the other side."""
        import numpy as np

        if self.bloc_mask is not None:
            mine, theirs = self.bloc_mask[by], self.bloc_mask[claim]
            result: npt.NDArray[np.bool_] = (mine >= 0) & (theirs >= 0) & ((mine & theirs) == 0)
            return result
        blocs = self.origin_blocs
        sets = self.origin_set
        return np.array(
            [
                _cross(blocs[sets[b]], blocs[sets[a]])
                for a, b in zip(claim.tolist(), by.tolist(), strict=True)
            ],
            dtype=bool,
        )

    # -- words

    @cached_property
    def phrases(self) -> tuple[npt.NDArray[np.int64], list[int]]:
        """Each claim's *phrase*, as a number, and the first claim (rank) of each phrase.

        Claims of one phrase have the same words in every report: the same
        written value (as :func:`written_key` tells them apart) and value,
        about propositions of the same unit (quantities) or the same
        proposition (the others, whose words depend on it).  Values are told
        apart by object (the loader makes one per phrase, and an object
        stands for the value), and so, first, are written values, which the
        loader shares between claims that wrote the same: claims are grouped
        by (unit or proposition, value object, written object) with a sort
        of numbers.  Groups whose written values are alike but separate
        objects are then joined: only they can share a phrase that share
        their unit or proposition and value object with another group, and
        only the written value of one claim of each of those is keyed.
        Phrases are numbered in order of their first claims.
        """
        import numpy as np

        n = len(self.claims)
        if not n:
            return np.zeros(0, dtype=np.int64), []
        unit_number: dict[str, int] = {}
        where_of = [
            -1 - unit_number.setdefault(p.unit, len(unit_number))
            if isinstance(p, QuantityProposition)
            else k
            for k, p in enumerate(self.propositions.values())
        ]
        where = np.asarray(where_of, dtype=np.int64)[self.proposition]
        value = np.fromiter(map(id, map(_get_value, self.claims)), np.uint64, count=n)
        written = np.fromiter(map(id, map(_get_written, self.claims)), np.uint64, count=n)
        order = np.lexsort((written, value, where))  # stable: ranks ascend within a group
        where, value, written = where[order], value[order], written[order]
        new_value = np.r_[True, (where[1:] != where[:-1]) | (value[1:] != value[:-1])]
        starts = np.flatnonzero(new_value | np.r_[True, written[1:] != written[:-1]])
        ones = order[starts]  # each group's first claim
        # Only groups of one unit or proposition and one value object (a run
        # of groups) can share a phrase: their written values are keyed.
        run = np.cumsum(new_value[starts]) - 1
        together = np.flatnonzero(np.bincount(run)[run] > 1)
        of_group = np.arange(len(starts), dtype=np.int64)  # each group's first group of its phrase
        if len(together):
            claims = self.claims
            seen: dict[tuple[Any, ...], int] = {}
            of_group[together] = [
                seen.setdefault((k, written_key(claims[r].written)), g)
                for k, r, g in zip(
                    run[together].tolist(), ones[together].tolist(), together.tolist(), strict=True
                )
            ]
        _, of_phrase = np.unique(of_group, return_inverse=True)
        # Phrases numbered in order of their first claims.
        first = np.full(int(of_phrase.max()) + 1, n, dtype=np.int64)
        np.minimum.at(first, of_phrase, ones)
        by_first = np.argsort(first, kind="stable")
        renumber = np.empty(len(first), dtype=np.int64)
        renumber[by_first] = np.arange(len(first), dtype=np.int64)
        group = np.empty(n, dtype=np.int64)
        group[order] = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n]))
        return renumber[of_phrase][group], first[by_first].tolist()

    def shown(self, r: int) -> str:
        """A claim's value in words, with its phrase when the phrase says more.

        ``dozens`` is shown as ``dozens (12 to 99)``; ``at least 14`` and
        ``at least 14 people`` (the unit adds nothing) as ``at least 14``.
        Worked out once per phrase (see :attr:`phrases`); for a few claims,
        without numbering every claim's phrase first.
        """
        claim = self.claims[r]
        proposition = self.propositions[claim.proposition]
        value, written = claim.value, claim.written
        where = proposition.unit if isinstance(proposition, QuantityProposition) else proposition.id
        key = (where, id(value), type(written), written)
        text = self._shown_of.get(key)
        if text is None:
            text = self._shown_of[key] = _shown(proposition, claim, self.text(proposition, value))
        return text

    def shown_phrase(self, phrase: int) -> str:
        """The words of a phrase (see :meth:`shown`), worked out once."""
        text = self._shown.get(phrase)
        if text is None:
            text = self._shown[phrase] = self.shown(self.phrases[1][phrase])
        return text

    def text(self, proposition: Proposition, value: Value) -> str:
        """A value in words (:func:`~claimcheck.logic.describe`), worked out once per value.

        A quantity's words depend on its interval alone, which many values
        share; a category's on the proposition's values too; a sequence's
        or an assertion's on the value alone.
        """
        key: Any
        if isinstance(value, QuantityValue):
            key = value.interval
        elif isinstance(proposition, CategoryProposition):
            key = (proposition.id, value)  # the words name the proposition's values
        else:
            key = value
        text = self._text.get(key)
        if text is None:
            text = self._text[key] = describe(proposition, value)
        return text

    def reason(self, a: int, b: int) -> str:
        """Why two contradicting claims of one proposition contradict, in words."""
        first, second = self.claims[a], self.claims[b]
        if isinstance(first.value, QuantityValue) and isinstance(second.value, QuantityValue):
            if _sort_key(second.value.interval) < _sort_key(first.value.interval):
                a, b = b, a
            return f"{self.shown(a)} is below {self.shown(b)}"
        if isinstance(first.value, SequenceValue):
            return f"{self.shown(a)} cannot hold together with {self.shown(b)}"
        return f"{self.shown(a)} excludes {self.shown(b)}"


_get_id = operator.attrgetter("id")
_get_proposition = operator.attrgetter("proposition")
_get_source = operator.attrgetter("source")
_get_cites = operator.attrgetter("cites")
_get_date = operator.attrgetter("date")
_get_value = operator.attrgetter("value")
_get_written = operator.attrgetter("written")
_get_retracted = operator.attrgetter("retracted")


def _known(origins: frozenset[str] | None) -> frozenset[str]:
    assert origins is not None
    return origins


def _cross(mine: frozenset[str] | None, theirs: frozenset[str] | None) -> bool:
    return mine is not None and theirs is not None and mine.isdisjoint(theirs)


def written_key(written: Any) -> tuple[Any, ...]:
    """A key equal for two written values exactly when a report writes them alike.

    Equal values can be written differently: ``(1,)`` and ``(True,)``,
    ``0.0`` and ``-0.0``, or mappings in another order are equal in
    Python, but a report writes what each claim wrote.  Text (most written
    values) is its own key; anything else is told apart by its ``repr``,
    which shows the types, signs and order of all it holds.

    Example:
        >>> written_key((1,)) == written_key((True,))
        False
    """
    if type(written) is str:
        return (str, written)
    return (type(written), repr(written))


def _shown(proposition: Proposition, claim: Claim, text: str) -> str:
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


class _ByRank(Mapping[str, Any]):
    """A read-only mapping of claim ids to one column of the table (absent where ``None``)."""

    __slots__ = ("_column", "_table")

    def __init__(self, table: _Table, column: Sequence[Any]) -> None:
        self._table = table
        self._column = column

    def __getitem__(self, id: str) -> Any:
        r = self._table.rank[id]
        value = self._column[r]
        if value is None:
            raise KeyError(id)
        return value

    def __iter__(self) -> Iterator[str]:
        column = self._column
        return (id for id, value in zip(self._table.ids, column, strict=True) if value is not None)

    def __len__(self) -> int:
        return sum(1 for value in self._column if value is not None)

    def __contains__(self, id: object) -> bool:
        r = self._table.rank.get(id) if isinstance(id, str) else None
        return r is not None and self._column[r] is not None


def _states(table: _Table) -> list[Revision]:
    """Set each claim's state; return the revisions among dated claims of one root, sorted.

    Dated claims are grouped by (root, proposition) with a sort of numbers;
    only groups of two or more claims, where one may supersede another,
    are looked at one by one.
    """
    import numpy as np

    claims, state = table.claims, table.state
    n = len(claims)
    retracted = np.fromiter(map(_get_retracted, claims), dtype=bool, count=n)
    state[retracted] = _RETRACTED
    dates = list(map(_get_date, claims))
    dated = np.flatnonzero(
        np.fromiter(map(operator.is_not, dates, itertools.repeat(None)), dtype=bool, count=n)
        & ~retracted
    )
    keys = table.root[dated] * len(table.propositions) + table.proposition[dated]
    order = np.argsort(keys, kind="stable")
    dated, keys = dated[order], keys[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    lengths = np.diff(np.r_[starts, len(keys)])
    days: dict[str, Any] = {}
    revisions: list[tuple[str, int, int, bool]] = []
    for start, length in zip(
        starts[lengths > 1].tolist(), lengths[lengths > 1].tolist(), strict=True
    ):
        ranks = dated[start : start + length].tolist()
        when = []
        for r in ranks:
            date = dates[r]
            day = days.get(date)
            if day is None:
                day = days[date] = parse_date(date)
            when.append(day)
        latest = max(when)
        current = [r for r, day in zip(ranks, when, strict=True) if day == latest]
        prop_id = claims[ranks[0]].proposition
        for old, day in zip(ranks, when, strict=True):
            if day == latest:
                continue
            state[old] = _SUPERSEDED
            before = claims[old].value
            for new in current:
                revisions.append((prop_id, old, new, not _equivalent(before, claims[new].value)))
    revisions.sort()  # ranks sort as ids do
    ids = table.ids
    return [Revision(prop, ids[old], ids[new], changed) for prop, old, new, changed in revisions]


def _equivalent(a: Value, b: Value) -> bool:
    """Whether two values of one proposition allow the same states.

    Equal values do; so do quantities of equal intervals.  Values of the
    other kinds allow the same states only when equal (a sequence's
    precedences are kept closed).
    """
    if a is b or a == b:
        return True
    return (
        isinstance(a, QuantityValue) and isinstance(b, QuantityValue) and a.interval == b.interval
    )


# -- the current claims of each proposition, grouped by value ------------------------------


@attrs.define
class _Groups:
    """The current claims of one proposition grouped by value, in order of their first claim.

    The order does not depend on the order of the claims in the file, so
    that whatever is enumerated over the groups (joint contradictions cut at
    :data:`JOINT_LIMIT`) comes out the same for the same case.

    Attributes:
        proposition: The proposition.
        claims: All its claims' ranks, sorted (retracted and superseded too).
        current: Its current claims' ranks, sorted.
        values: Each group's value.
        members: Each group's claims' ranks, sorted.
        of: For each current claim (as ``current``), its group.
        start: The global number of its first group.
    """

    proposition: Proposition
    claims: list[int]
    current: list[int]
    values: list[Value] = attrs.Factory(list)
    members: list[list[int]] = attrs.Factory(list)
    of: list[int] = attrs.Factory(list)
    start: int = 0
    _test: _JointTest | None = None
    _pairwise: list[list[Relation]] | None = None
    _impossible: tuple[list[tuple[int, ...]], bool] | None = None
    hull: Interval | None = None

    @property
    def test(self) -> _JointTest:
        """The bitmask test of which values can hold together (categories and sequences)."""
        if self._test is None:
            self._test = _JointTest(self.values)
        return self._test

    @property
    def pairwise(self) -> list[list[Relation]]:
        """How each value stands to each other (row ``i``, column ``j``: ``i`` to ``j``).

        Categories and sequences are related on the bit masks of
        :class:`_JointTest` (the same answers as
        :func:`~claimcheck.logic.relate`, without building sets).
        """
        if self._pairwise is None:
            k = len(self.values)
            out = [[Relation.EQUIVALENT] * k for _ in range(k)]
            between = self._relation_of()
            for i, j in itertools.combinations(range(k), 2):
                relation = between(i, j)
                out[i][j], out[j][i] = relation, relation.converse
            self._pairwise = out
        return self._pairwise

    def _relation_of(self) -> Callable[[int, int], Relation]:
        """How value ``i`` stands to value ``j``."""
        if not isinstance(self.proposition, CategoryProposition | SequenceProposition):
            return lambda i, j: relate(self.proposition, self.values[i], self.values[j])
        test = self.test
        # Sequences: a value entails another when its precedences include the
        # other's; categories, when its leaves lie among the other's.
        sets: list[int]
        apart: Callable[[int, int], bool]
        if test.sequence:
            sets, apart = test.graphs, lambda a, b: not test.acyclic(a | b)
        else:
            sets, apart = [~m for m in test.masks], lambda a, b: (~a & ~b) == 0

        def relation(i: int, j: int) -> Relation:
            a, b = sets[i], sets[j]
            return relation_of(b & ~a == 0, a & ~b == 0, lambda: apart(a, b))

        return relation

    @property
    def impossible(self) -> tuple[list[tuple[int, ...]], bool]:
        """The minimal jointly impossible sets of 3+ values (see :func:`_minimal_impossible_values`)."""
        if self._impossible is None:
            self._impossible = _minimal_impossible_values(self)
        return self._impossible


def _points(values: Sequence[Value]) -> tuple[list[int], list[int]]:
    """Each quantity value's first and last points, as numbers on one scale.

    The bounds of all the values are numbered in increasing order; a bound
    ``x`` of number ``k`` is the point ``3k + 1``, just below it is ``3k``
    and just above it ``3k + 2``; no upper bound is ``3 * top + 1``, for
    ``top`` bounds in all.  (Values of other kinds get points 0.)
    """
    bounds: set[Decimal] = set()
    for value in values:
        if isinstance(value, QuantityValue):
            bounds.add(value.interval.low)
            if value.interval.high is not None:
                bounds.add(value.interval.high)
    # Sorted by their nearest floats, then exactly where floats tie.
    number: dict[Decimal, int] = {}
    for _, run in itertools.groupby(sorted(bounds, key=float), key=float):
        for bound in sorted(run):
            number[bound] = len(number)
    top = 3 * len(number) + 1
    firsts, lasts = [], []
    for value in values:
        if not isinstance(value, QuantityValue):
            firsts.append(0)
            lasts.append(0)
            continue
        iv = value.interval
        firsts.append(3 * number[iv.low] + (2 if iv.low_open else 1))
        lasts.append(top if iv.high is None else 3 * number[iv.high] + (0 if iv.high_open else 1))
    return firsts, lasts


def _relations(groups: Sequence[_Groups], distinct: Sequence[Value], value_of: Any) -> Any:
    """How the groups of each proposition relate (see :class:`claimcheck._pairs.Relations`).

    Args:
        groups: Each proposition's groups.
        distinct: The distinct values of all the groups.
        value_of: Each group's value, as its place in ``distinct`` (an array).
    """
    import numpy as np

    from claimcheck import _pairs

    total = len(value_of)
    firsts, lasts = _points(distinct)
    first = np.asarray(firsts, dtype=np.int64)[value_of]
    last = np.asarray(lasts, dtype=np.int64)[value_of]
    model = np.zeros(total, dtype=np.int8)
    mask = np.zeros(total, dtype=np.int64)
    row = np.zeros(total, dtype=np.int64)
    column = np.zeros(total, dtype=np.int64)
    tables: list[int] = []
    for groups_of in groups:
        prop, values, g0 = groups_of.proposition, groups_of.values, groups_of.start
        if not values or isinstance(prop, QuantityProposition):
            continue
        k = len(values)
        if isinstance(prop, AssertionProposition):
            # true and false as two points apart: equal inside, different disjoint
            truths = [3 * _truth(v) for v in values]
            first[g0 : g0 + k] = truths
            last[g0 : g0 + k] = truths
        elif isinstance(prop, CategoryProposition) and len(prop.leaves) <= _MASK_LEAVES:
            bit = {leaf: 1 << n for n, leaf in enumerate(sorted(prop.leaves))}
            model[g0 : g0 + k] = _pairs.MASK
            mask[g0 : g0 + k] = [sum(bit[leaf] for leaf in _leaves_of(v)) for v in values]
        else:
            model[g0 : g0 + k] = _pairs.TABLE
            row[g0 : g0 + k] = [len(tables) + i * k for i in range(k)]
            column[g0 : g0 + k] = range(k)
            tables.extend(_relation_table(groups_of))
    return _pairs.Relations(model, first, last, mask, row, column, np.array(tables, dtype=np.int8))


def _truth(value: Value) -> bool:
    assert isinstance(value, AssertionValue)
    return value.value


def _relation_table(groups: _Groups) -> list[int]:
    """Row ``i``, column ``j``: whether value ``j`` lies inside ``i``, or is disjoint from it."""
    from claimcheck import _pairs

    test = groups.test
    if test.sequence and test.events * test.events <= 63:
        return _sequence_table(test)
    pairwise = groups.pairwise
    k = len(pairwise)
    table = []
    for i in range(k):
        for j in range(k):
            relation = pairwise[j][i]  # how value j stands to value i
            if relation in (Relation.ENTAILS, Relation.EQUIVALENT):
                table.append(_pairs.INSIDE)
            elif relation is Relation.CONTRADICTS:
                table.append(_pairs.DISJOINT)
            else:
                table.append(0)
    return table


def _sequence_table(test: _JointTest) -> list[int]:
    """The relation table of sequence values whose precedences fit one machine word.

    Value ``j`` lies inside value ``i`` when its precedences include
    ``i``'s; two values are disjoint when their union has a cycle, which is
    worked out once per distinct union.
    """
    import numpy as np

    from claimcheck import _pairs

    graphs = np.asarray(test.graphs, dtype=np.int64)
    rows, columns = graphs[:, None], graphs[None, :]
    inside = (rows & ~columns) == 0
    unions = rows | columns
    distinct, where = _pairs.distinct_inverse(unions.ravel())
    cyclic = np.array([not test.acyclic(u) for u in distinct.tolist()], dtype=bool)
    table = np.where(inside, _pairs.INSIDE, 0) | np.where(
        cyclic[where].reshape(unions.shape), _pairs.DISJOINT, 0
    )
    return [int(code) for code in table.ravel().tolist()]


# -- what each proposition says ----------------------------------------------------------


@attrs.define
class _Found:
    """What the pairs of claims show, for the whole case.

    Attributes:
        first: Interval model: each group's first point.
        last: Interval model: each group's last point.
        support: Per group, its claims' independent support.
        supports: Per proposition (in order worked out), how many supports.
        contradictions: Per proposition, how many pair contradictions.
        origins: Per group, the set of origins of its claims.
        points: Per group, the point of its value (quantities; else ``None``).
        listed_supports: Per proposition, how many supports are listed.
        listed_contradictions: Per proposition, how many pair contradictions are listed.
    """

    first: list[int]
    last: list[int]
    support: list[int]
    supports: list[int]
    contradictions: list[int]
    origins: list[frozenset[str]]
    points: list[Decimal | None]
    listed_supports: list[int] = attrs.Factory(list)
    listed_contradictions: list[int] = attrs.Factory(list)


@attrs.frozen
class _Summed:
    """What a proposition's result says that its own values show, worked out first."""

    status: str
    claims: tuple[str, ...]
    current: tuple[str, ...]
    common_ground: Value | None
    positions: tuple[Position, ...] | None
    aggregates: Aggregates | None


def _sum_up(
    groups: _Groups, number: int, found: _Found, table: _Table, part_whole: _PartWhole
) -> _Summed:
    """The status, claims, common ground, positions and aggregates of one proposition."""
    prop = groups.proposition
    k0, k = groups.start, len(groups.values)
    if not groups.current:
        status = Status.UNCLAIMED
    elif (
        prop.id in part_whole.by_proposition
        or found.contradictions[number]
        or _jointly_impossible(groups)
    ):
        status = Status.CONTESTED
    elif any(s >= 2 for s in found.support[k0 : k0 + k]):
        status = Status.CORROBORATED
    else:
        origins = frozenset().union(*found.origins[k0 : k0 + k])
        status = Status.CONSISTENT if len(origins) >= 2 else Status.SINGLE_SOURCE
    ids = table.ids
    return _Summed(
        status=status,
        claims=tuple(map(ids.__getitem__, groups.claims)),
        current=tuple(map(ids.__getitem__, groups.current)),
        common_ground=_common_ground(groups, found),
        positions=_positions(groups, found, table),
        aggregates=_aggregates(groups, found),
    )


def _result(
    groups: _Groups,
    number: int,
    found: _Found,
    summed: _Summed,
    later: _Later,
    part_whole: _PartWhole,
    joint: tuple[list[Contradiction], bool],
) -> PropositionResult:
    """The result for one proposition; its lists read the listing once it is made.

    Args:
        groups: The proposition's groups.
        number: Its number among the propositions worked out.
        found: What the pairs of claims showed.
        summed: What its values show.
        later: Where the listing will be.
        part_whole: The part-whole contradictions of the case.
        joint: Its joint contradictions listed, and whether they were cut.
    """
    joints, joint_cut = joint
    prop_id = groups.proposition.id
    n_supports = found.supports[number]
    n_pairs = found.contradictions[number]
    listed_supports = found.listed_supports[number]
    listed_pairs = found.listed_contradictions[number]
    current = groups.current

    def supports() -> Iterator[Support]:
        return later.get().support_records(current)

    def contradictions() -> Iterator[Contradiction]:
        pairs = later.get().contradiction_records(current)
        return heapq.merge(pairs, joints, key=lambda c: c.claims)

    return PropositionResult(
        proposition=groups.proposition,
        status=summed.status,
        claims=summed.claims,
        current=summed.current,
        common_ground=summed.common_ground,
        positions=summed.positions,
        aggregates=summed.aggregates,
        supports=_Listed(listed_supports, supports),
        contradictions=_Listed(listed_pairs + len(joints), contradictions),
        number_of_supports=n_supports,
        number_of_pair_contradictions=n_pairs,
        truncated=(
            listed_supports < n_supports
            or listed_pairs < n_pairs
            or joint_cut
            or prop_id in part_whole.cut
        ),
        number_of_joint_contradictions=len(joints),
        number_of_part_whole_contradictions=part_whole.by_proposition[prop_id],
    )


def _hull(groups: _Groups, found: _Found) -> Interval:
    """The smallest interval holding every value of a quantity (it has some), made once."""
    if groups.hull is None:
        k0, k = groups.start, len(groups.values)
        firsts, lasts = found.first[k0 : k0 + k], found.last[k0 : k0 + k]
        low = groups.values[firsts.index(min(firsts))]
        high = groups.values[lasts.index(max(lasts))]
        assert isinstance(low, QuantityValue)
        assert isinstance(high, QuantityValue)
        groups.hull = _between(low.interval, high.interval)
    return groups.hull


def _between(low: Interval, high: Interval) -> Interval:
    """The interval from ``low``'s lower bound to ``high``'s upper bound."""
    if low is high:
        return low
    return Interval(low.low, high.high, low_open=low.low_open, high_open=high.high_open)


def _common_ground(groups: _Groups, found: _Found) -> Value | None:
    """What every current claim entails."""
    if not groups.values:
        return None
    if isinstance(groups.proposition, QuantityProposition):
        return QuantityValue(_hull(groups, found))
    return join(groups.values)


def _aggregates(groups: _Groups, found: _Found) -> Aggregates | None:
    """The aggregation policies, for a quantity with current claims."""
    if not isinstance(groups.proposition, QuantityProposition) or not groups.values:
        return None
    k0, k = groups.start, len(groups.values)
    # Per point: how many claims hold it, and the greatest support among them.
    points: dict[Decimal, list[int]] = {}
    for point, members, support in zip(
        found.points[k0 : k0 + k], groups.members, found.support[k0 : k0 + k], strict=True
    ):
        assert point is not None  # every value of a quantity has one
        held = points.get(point)
        if held is None:
            points[point] = [len(members), support]
        else:
            held[0] += len(members)
            held[1] = max(held[1], support)
    representative = min(points, key=lambda p: (-points[p][0], -points[p][1], p))
    return Aggregates(min(points), max(points), representative, _hull(groups, found))


def _positions(groups: _Groups, found: _Found, table: _Table) -> tuple[Position, ...] | None:
    """The maximal groups of current claims that can all be true together."""
    if not groups.values:
        return ()
    prop, values = groups.proposition, groups.values
    if isinstance(prop, QuantityProposition):
        return _quantity_positions(groups, found, table)
    value_sets: list[tuple[int, ...]]
    if isinstance(prop, CategoryProposition):
        holders: dict[str, set[int]] = defaultdict(set)
        for i, value in enumerate(values):
            for leaf in _leaves_of(value):
                holders[leaf].add(i)
        value_sets = _maximal_sets(frozenset(s) for s in holders.values())
    elif isinstance(prop, SequenceProposition):
        if len(groups.current) > SEQUENCE_POSITION_LIMIT:
            return None
        value_sets = _sequence_positions(groups)
    else:
        truths: dict[bool, list[int]] = defaultdict(list)
        for i, value in enumerate(values):
            assert isinstance(value, AssertionValue)
            truths[value.value].append(i)
        value_sets = [tuple(v) for v in truths.values()]
    out = []
    for value_set in value_sets:
        claims, origins = _held(groups, value_set, found, table)
        met = meet([values[i] for i in value_set])
        assert met is not None
        out.append(Position(claims, origins, met))
    out.sort(key=lambda p: p.claims)
    return tuple(out)


def _held(
    groups: _Groups, value_set: Sequence[int], found: _Found, table: _Table
) -> tuple[tuple[str, ...], int]:
    """The claims (ids, sorted) holding some of the values, and how many origins they have."""
    k0, ids = groups.start, table.ids
    if len(value_set) == 1:
        (i,) = value_set
        return tuple(map(ids.__getitem__, groups.members[i])), len(found.origins[k0 + i])
    members = groups.members
    ranks = list(itertools.chain.from_iterable([members[i] for i in value_set]))
    ranks.sort()
    origins = frozenset().union(*[found.origins[k0 + i] for i in value_set])
    return tuple(map(ids.__getitem__, ranks)), len(origins)


def _quantity_positions(groups: _Groups, found: _Found, table: _Table) -> tuple[Position, ...]:
    """A quantity's positions, sorted by the interval they share, then by their claims.

    The interval a set of values shares runs from the greatest lower
    bound to the least upper bound: the values with the greatest first
    point and the least last point give them.
    """
    k0, k = groups.start, len(groups.values)
    firsts, lasts = found.first[k0 : k0 + k], found.last[k0 : k0 + k]
    keyed = []
    for value_set in _interval_cliques(firsts, lasts):
        claims, origins = _held(groups, value_set, found, table)
        low = max(value_set, key=firsts.__getitem__)
        high = min(value_set, key=lasts.__getitem__)
        shared = _meet_of(groups.values[low], groups.values[high])
        keyed.append(((firsts[low], lasts[high], claims), Position(claims, origins, shared)))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(position for _, position in keyed)


def _meet_of(low: Value, high: Value) -> QuantityValue:
    """The value from ``low``'s lower bound to ``high``'s upper bound (the meet of a position)."""
    assert isinstance(low, QuantityValue)
    assert isinstance(high, QuantityValue)
    if low is high and low.best is None and low.named is None and not low.vague:
        return low  # the value itself, already as plain as a meet
    return QuantityValue(_between(low.interval, high.interval))


def _sequence_positions(groups: _Groups) -> list[tuple[int, ...]]:
    """The maximal sets of a sequence's values that can all hold together.

    They are the maximal sets holding no minimal impossible set: no pair
    that contradicts, and none of the minimal jointly impossible sets of
    three or more (:attr:`_Groups.impossible`).  With at most
    :data:`SEQUENCE_POSITION_LIMIT` values, every subset is tried at once,
    as a bit mask.  Should the search for impossible sets have stopped
    early, sets are tried one by one instead.
    """
    import numpy as np

    k = len(groups.values)
    edges = [
        (1 << i) | (1 << j)
        for i, j in itertools.combinations(range(k), 2)
        if groups.pairwise[i][j] is Relation.CONTRADICTS
    ]
    if _jointly_impossible(groups):
        found, cut = groups.impossible
        if cut:
            return _maximal_consistent(k, groups.test.possible)
        edges.extend(sum(1 << i for i in s) for s in found)
    subsets = np.arange(1 << k, dtype=np.int64)
    possible = np.ones(len(subsets), dtype=bool)
    for edge in edges:
        possible &= (subsets & edge) != edge
    maximal = possible.copy()
    for i in range(k):
        bit = 1 << i
        maximal &= ((subsets & bit) != 0) | ~possible[subsets | bit]
    return [
        tuple(i for i in range(k) if subset >> i & 1) for subset in np.flatnonzero(maximal).tolist()
    ]


def _interval(value: Value) -> Interval:
    assert isinstance(value, QuantityValue)
    return value.interval


def _jointly_impossible(groups: _Groups) -> bool:
    """Whether a category or sequence proposition's values cannot all hold together.

    Values of the other kinds contradict jointly only where a pair does.
    """
    if not isinstance(groups.proposition, CategoryProposition | SequenceProposition):
        return False
    if len(groups.values) < 2:
        return False
    return not groups.test.possible(range(len(groups.values)))


def _joint_contradictions(groups: _Groups, table: _Table) -> tuple[list[Contradiction], bool]:
    """The joint contradictions to list, and whether the list was cut.

    The first :data:`JOINT_LIMIT` in sorted order (of their sorted claim
    ids), as for pairs, out of all there are; the list is cut when there
    are more, or when the search ran out of steps (then they are the
    first of those found).
    """
    if len(groups.values) < 3 or not _jointly_impossible(groups):
        return [], False  # intervals and truth values: pairwise compatible is jointly possible
    found, cut = _first_claim_sets(groups, JOINT_LIMIT + 1)
    cut = cut or len(found) > JOINT_LIMIT
    prop = groups.proposition
    out = []
    for ranks in found[:JOINT_LIMIT]:
        independent = all(table.independent(a, b) for a, b in itertools.combinations(ranks, 2))
        shown = [f"'{table.shown(r)}'" for r in ranks]
        listed = ", ".join(shown[:-1]) + " and " + shown[-1]
        if isinstance(prop, SequenceProposition):
            reason = f"the orders {listed} together form a cycle"
        else:
            reason = f"no single value fits all of {listed}"
        ids = tuple(map(table.ids.__getitem__, ranks))
        out.append(Contradiction("joint", (prop.id,), ids, independent, False, reason))
    return out, cut


def _first_claim_sets(groups: _Groups, wanted: int) -> tuple[list[tuple[int, ...]], bool]:
    """The first ``wanted`` claim sets of minimal jointly impossible value sets, in order.

    A claim set takes one claim of each value of a minimal jointly
    impossible set; they sort as tuples of sorted ranks.  Those whose
    least claim is ``c`` come before those of any later least claim, and
    are the sets of one claim per value of a minimal set holding ``c``'s
    value, ``c`` for that value and later claims for the others.  So the
    claims are taken in order and the minimal sets holding each one's
    value gathered, until enough sets are found: in a proposition of
    thousands of such sets, the first claim or two give the first hundred.
    The sets holding the first claim's value are searched for alone
    (:func:`_minimal_impossible_values`); should they not be enough, all
    the sets are searched for at once, each found once rather than once
    per value.

    Returns:
        The claim sets, and whether a search stopped early (then they are
        the first of those found).
    """
    budget = _Budget(_JOINT_SEARCH_BUDGET)
    holding: dict[int, list[tuple[int, ...]]] = {}
    found: list[tuple[int, ...]] = []
    members = groups.members
    for claim, value in zip(groups.current, groups.of, strict=True):
        if not holding:
            holding[value] = _minimal_impossible_values(groups, value, budget)[0]
        elif value not in holding and len(holding) == 1:
            every, spent = groups.impossible
            budget.spent = budget.spent or spent
            holding = defaultdict(list)
            for value_set in every:
                for member in value_set:
                    holding[member].append(value_set)
        later = [
            [
                [claim]
                if other == value
                else members[other][bisect.bisect_right(members[other], claim) :]
                for other in value_set
            ]
            for value_set in holding[value]
        ]
        sets = heapq.merge(*(_claim_sets(claims) for claims in later if all(claims)))
        found.extend(itertools.islice(sets, wanted - len(found)))
        if len(found) >= wanted:
            break
    return found, budget.spent


def _minimal_impossible_values(
    groups: _Groups, holding: int | None = None, budget: _Budget | None = None
) -> tuple[list[tuple[int, ...]], bool]:
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

    Args:
        groups: The proposition's values.
        holding: Find only the sets that hold this value.
        budget: The steps the search may take (default: a budget of
            :data:`_JOINT_SEARCH_BUDGET` of its own).

    Returns:
        The sets found, sorted, each sorted; and whether the search
        stopped early, after :data:`_JOINT_SEARCH_BUDGET` steps (never
        on cases of a few events per sequence), with the sets found so
        far.
    """
    values = groups.values
    n = len(values)
    test = groups.test
    fits = [0] * n  # per value, the values compatible with it, no entailment (bits)
    for i, j in itertools.combinations(range(n), 2):
        if groups.pairwise[i][j] is Relation.COMPATIBLE:
            fits[i] |= 1 << j
            fits[j] |= 1 << i
    budget = budget or _Budget(_JOINT_SEARCH_BUDGET)
    if not test.sequence:
        lacking = [[v for v in range(n) if not test.masks[v] & leaf] for leaf in test.leaves]
        return sorted(_minimal_covers(lacking, fits, budget, holding)), budget.spent

    import networkx as nx  # here, so that starting the command line does not import it

    holders = test.holders()
    found: set[tuple[int, ...]] = set()
    for cycle in nx.simple_cycles(nx.DiGraph(list(holders))):
        if len(cycle) < 3:
            continue  # two values covering it contradict as a pair
        if not budget.take():
            break
        edges = [holders[e] for e in itertools.pairwise([*cycle, cycle[0]])]
        if holding is not None and not any(holding in holder for holder in edges):
            continue
        for cover in _minimal_covers(edges, fits, budget, holding):
            if cover not in found and _each_smaller_possible(test, cover):
                found.add(cover)
    return sorted(found), budget.spent


class _JointTest:
    """Whether sets of one proposition's category or sequence values can all hold.

    The same answer as :func:`~claimcheck.logic.is_jointly_possible`, on
    bitmasks worked out once per proposition: the joint searches ask it for
    hundreds of thousands of small sets on a large case.  A category value
    becomes the mask of its leaves, and a set fits when the AND of its masks
    is not zero.  A sequence value becomes its precedences as one mask (the
    bit of event ``a`` before event ``b`` is ``a * E + b``, for ``E``
    events); a set fits when the OR of its masks has no cycle, found by
    peeling off, round after round, the events nothing left precedes.  The
    answer is kept per mask, as the searches meet the same unions again
    and again.
    """

    def __init__(self, values: Sequence[Value]) -> None:
        self.sequence = bool(values) and isinstance(values[0], SequenceValue)
        if self.sequence:
            events = sorted({e for v in values for pair in _precedences_of(v) for e in pair})
            number = {e: k for k, e in enumerate(events)}
            self.events = len(events)
            self.graphs = [
                sum(1 << (number[a] * len(events) + number[b]) for a, b in _precedences_of(v))
                for v in values
            ]
            self._acyclic: dict[int, bool] = {}
            # Unions of a few events' precedences are kept for all propositions.
            self._peel = _small_acyclic if self.events**2 <= _SMALL_GRAPH else _acyclic
        else:
            leaves = sorted({leaf for v in values for leaf in _leaves_of(v)})
            self.leaves = [1 << k for k in range(len(leaves))]  # each leaf's bit
            bit = dict(zip(leaves, self.leaves, strict=True))
            self.masks = [sum(bit[leaf] for leaf in _leaves_of(v)) for v in values]

    def holders(self) -> dict[tuple[int, int], list[int]]:
        """Sequences: each precedence (as a pair of events' numbers), and the values that hold it."""
        out: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, graph in enumerate(self.graphs):
            while graph:
                lowest = graph & -graph
                out[divmod(lowest.bit_length() - 1, self.events)].append(k)
                graph ^= lowest
        return out

    def possible(self, indices: Sequence[int]) -> bool:
        """Whether the values at ``indices`` can all be true together."""
        if not self.sequence:
            masks = self.masks
            common = -1
            for k in indices:
                common &= masks[k]
            return common != 0
        graph = 0
        for k in indices:
            graph |= self.graphs[k]
        return self.acyclic(graph)

    def acyclic(self, graph: int) -> bool:
        """Sequences: whether a union of precedences (as a mask) has no cycle."""
        known = self._acyclic.get(graph)
        if known is None:
            known = self._acyclic[graph] = self._peel(self.events, graph)
        return known


#: Unions of precedences of at most this many bits (of up to eight events)
#: have their answers kept for all propositions: sequences of a few events
#: meet the same unions again and again (a case of a million claims asks
#: 135,209 times about 20,411 distinct ones), and such keys are small.
_SMALL_GRAPH: Final = 64


def _acyclic(events: int, graph: int) -> bool:
    """Whether a union of precedences among ``events`` events (as a mask) has no cycle.

    Found by peeling off, round after round, the events nothing left
    precedes.

    Example:
        >>> _acyclic(2, 0b0010), _acyclic(2, 0b0110)  # a before b; and b before a too
        (True, False)
    """
    every = (1 << events) - 1
    after = [(graph >> (a * events)) & every for a in range(events)]
    left = every
    while left:
        preceded = 0
        rest = left
        while rest:
            lowest = rest & -rest
            preceded |= after[lowest.bit_length() - 1]
            rest ^= lowest
        free = left & ~preceded
        if not free:
            return False  # every event left has one before it: a cycle
        left &= ~free
    return True


_small_acyclic: Final = functools.lru_cache(maxsize=1 << 16)(_acyclic)


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


def _each_smaller_possible(test: _JointTest, cover: Sequence[int]) -> bool:
    """Sequences: whether every set of all values of ``cover`` but one can hold."""
    graphs = [test.graphs[v] for v in cover]
    before = [0]  # the union of the graphs before each value, and after it
    for graph in graphs:
        before.append(before[-1] | graph)
    after = 0
    for k in range(len(graphs) - 1, -1, -1):
        if not test.acyclic(before[k] | after):
            return False
        after |= graphs[k]
    return True


def _minimal_covers(
    holders: Sequence[Sequence[int]],
    fits: Sequence[int],
    budget: _Budget,
    holding: int | None = None,
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
        fits: For each value, the values it may be combined with, as bits.
        budget: Each value tried takes a step; with none left the search
            stops.
        holding: Find only the covers that hold this value (it is chosen
            first).

    Yields:
        Each minimal cover, sorted.
    """
    # Sets of elements and of values as bit masks: what each value covers,
    # and the values each one fits with.
    covers: dict[int, int] = defaultdict(int)
    for e, values in enumerate(holders):
        for v in values:
            covers[v] |= 1 << e
    search = _CoverSearch(holders, fits, budget, covers, (1 << len(holders)) - 1)
    if holding is None:
        yield from search.visit([], 0, 0, 0, -1)
    elif covers[holding]:
        yield from search.visit([holding], 0, covers[holding], 0, fits[holding])


@attrs.frozen
class _CoverSearch:
    """The search of :func:`_minimal_covers`: what it goes by, and its step.

    A class rather than a function nested in :func:`_minimal_covers`, which
    would refer to itself: each search would then be cyclic garbage, left
    for the collector (hundreds of thousands of searches at a million claims).
    """

    holders: Sequence[Sequence[int]]
    fits: Sequence[int]
    budget: _Budget
    covers: dict[int, int]  # each value's elements, as bits
    every: int  # every element, as bits

    def visit(
        self, chosen: list[int], banned: int, once: int, more: int, allowed: int
    ) -> Iterator[tuple[int, ...]]:
        """The covers grown from ``chosen``, not holding ``banned`` values.

        ``once``, ``more``: the elements covered by one chosen value, by
        several; ``allowed``: the values that fit with every chosen one
        (-1: any).
        """
        holders, covers = self.holders, self.covers
        uncovered = self.every & ~(once | more)
        if not uncovered:
            yield tuple(sorted(chosen))
            return
        below = banned
        fewest = min(_bits(uncovered), key=lambda e: len(holders[e]))
        for v in holders[fewest]:
            if below >> v & 1 or not allowed >> v & 1:
                continue
            if not self.budget.take():
                return
            cover = covers[v]
            now_more = more | ((once | more) & cover)
            now_once = (once | cover) & ~now_more
            # A chosen value that covers nothing alone any more makes the set not minimal.
            if all(covers[c] & now_once for c in chosen):
                yield from self.visit(
                    [*chosen, v], below, now_once, now_more, allowed & self.fits[v]
                )
            below |= 1 << v


def _bits(mask: int) -> Iterator[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def _claim_sets(groups: Sequence[Sequence[int]]) -> Iterator[tuple[int, ...]]:
    """The sets of one claim from each group, as sorted ranks, in sorted order.

    Each group is sorted, so taking a later claim of a group never makes a
    set come earlier: a heap of the sets next to those given out yields
    them in order, each reached from one set only (by moving on the last
    group moved on, or one after it), so that the first few cost little
    however many there are.
    """

    def key(at: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(sorted(column[k] for column, k in zip(groups, at, strict=True)))

    start = (0,) * len(groups)
    heap = [(key(start), start, 0)]
    while heap:
        claims, at, last = heapq.heappop(heap)
        yield claims
        for g in range(last, len(groups)):
            if at[g] + 1 < len(groups[g]):
                moved = (*at[:g], at[g] + 1, *at[g + 1 :])
                heapq.heappush(heap, (key(moved), moved, g))


def _interval_cliques(firsts: Sequence[int], lasts: Sequence[int]) -> list[tuple[int, ...]]:
    """The maximal sets of intervals sharing a point, by a sweep over their ends.

    Intervals are given by their first and last points (see
    :func:`_first_last`): one starts before (or where) another ends when
    its first point is at most the other's last.
    """
    n = len(firsts)
    starts = sorted(range(n), key=firsts.__getitem__)
    ends = sorted(range(n), key=lasts.__getitem__)
    active: set[int] = set()
    out: list[tuple[int, ...]] = []
    grew = False
    s = 0
    for e in ends:
        # Open every interval that starts before (or where) this one ends.
        while s < n and firsts[starts[s]] <= lasts[e]:
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
    _visit_consistent(n, possible, found, [], 0)
    return found


def _visit_consistent(
    n: int,
    possible: Callable[[Sequence[int]], bool],
    found: list[tuple[int, ...]],
    chosen: list[int],
    i: int,
) -> None:
    """Add to ``found`` the maximal sets grown from ``chosen``, deciding values ``i`` on.

    A function of its own rather than one nested in
    :func:`_maximal_consistent`, which would refer to itself and so leave
    each search as cyclic garbage for the collector.
    """
    if i == n:
        if all(k in chosen or not possible([*chosen, k]) for k in range(n)):
            found.append(tuple(chosen))
        return
    if not possible([*chosen, i]):
        _visit_consistent(n, possible, found, chosen, i + 1)
        return
    _visit_consistent(n, possible, found, [*chosen, i], i + 1)
    if not possible([*chosen, *range(i, n)]):
        _visit_consistent(n, possible, found, chosen, i + 1)


# -- part-whole contradictions ------------------------------------------------------------


@attrs.define
class _PartWhole:
    """The part-whole contradictions of a case."""

    listed: list[Contradiction] = attrs.Factory(list)
    total: int = 0  # how many there are, listed or not
    # Per proposition that has one, how many it takes part in (as part or as whole).
    by_proposition: Counter[str] = attrs.Factory(Counter)
    cut: set[str] = attrs.Factory(set)  # propositions whose list was cut
    by_source: Counter[int] = attrs.Factory(Counter)  # per source number, how many it takes part in


def _part_whole(
    groups: Mapping[str, _Groups], found: _Found, table: _Table, max_pairs: int, sources: int
) -> _PartWhole:
    """Contradictions across ``part_of`` pairs: the part's least above the whole's most.

    Each part is checked against its whole and every whole above it.  At
    most ``max_pairs`` are listed per pair of propositions, the first in
    order of (part claim, whole claim); both propositions are then cut.
    """
    import numpy as np

    from claimcheck import _pairs

    parent = {
        g.proposition.id: g.proposition.part_of
        for g in groups.values()
        if isinstance(g.proposition, QuantityProposition)
    }
    first, last = np.asarray(found.first), np.asarray(found.last)
    out = _PartWhole()
    for part_id, whole_id in sorted(parent.items()):
        ancestor = whole_id
        while ancestor is not None:
            part, whole = groups[part_id], groups[ancestor]
            part_claims = np.asarray(part.current, dtype=np.int64)
            whole_claims = np.asarray(whole.current, dtype=np.int64)
            part_first = first[part.start + np.asarray(part.of, dtype=np.int64)]
            whole_last = last[whole.start + np.asarray(whole.of, dtype=np.int64)]
            # The part exceeds the whole when the whole lies entirely below it.
            count, by_source = _pairs.pairs_below(
                whole_last,
                table.source[whole_claims],
                part_first,
                table.source[part_claims],
                sources,
            )
            if count:
                out.total += count
                out.by_proposition.update({part_id: count, ancestor: count})
                for source in np.flatnonzero(by_source).tolist():
                    out.by_source[source] += int(by_source[source])
                rows, columns = _pairs.first_pairs(
                    len(part_claims),
                    len(whole_claims),
                    lambda x, y: whole_last[y] < part_first[x],  # noqa: B023 -- used at once
                    max_pairs,
                )
                if len(rows) < count:
                    out.cut.update((part_id, ancestor))
                for a, b in zip(
                    part_claims[rows].tolist(), whole_claims[columns].tolist(), strict=True
                ):
                    out.listed.append(
                        Contradiction(
                            "part-whole",
                            (part_id, ancestor),
                            (table.ids[a], table.ids[b]),
                            table.independent(a, b),
                            _is_vague(table.claims[a]) or _is_vague(table.claims[b]),
                            f"the part, {table.shown(a)}, exceeds the whole, {table.shown(b)}",
                        )
                    )
            ancestor = parent.get(ancestor)
    out.listed.sort(key=lambda c: (c.claims, c.propositions))
    return out


def _is_vague(claim: Claim) -> bool:
    return isinstance(claim.value, QuantityValue) and claim.value.vague


# -- the whole case -------------------------------------------------------------------


@builds_large
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
    return _reconcile(case, max_pairs, propositions)


def _reconcile(case: Case, max_pairs: int, propositions: Collection[str] | None) -> Reconciliation:
    from claimcheck import _pairs

    wanted = _wanted(case, propositions)
    table = _Table(case)
    revisions = _states(table)
    if propositions is not None:
        revisions = [r for r in revisions if r.proposition in wanted]
    groups, layout = _grouped(table, list(wanted.values()))
    counts = _pairs.count(layout, len(case.sources))
    listed_supports = _cut(counts.supports, max_pairs)  # the first max_pairs of all there are
    listed_contradictions = _cut(counts.contradictions, max_pairs)
    alongside = _Alongside(
        table, groups, layout, counts, max_pairs, sum(listed_supports), sum(listed_contradictions)
    )
    try:
        group_origins = _pairs.group_origins(layout, table.origin_set, _set_members(table))
        support = _pairs.support(layout, group_origins)
        found = _Found(
            first=layout.relations.first.tolist(),
            last=layout.relations.last.tolist(),
            support=support.tolist(),
            supports=counts.supports.tolist(),
            contradictions=counts.contradictions.tolist(),
            origins=_origin_sets(table, group_origins),
            points=layout.points,
            listed_supports=listed_supports,
            listed_contradictions=listed_contradictions,
        )
        part_whole = _part_whole(
            {g.proposition.id: g for g in groups}, found, table, max_pairs, len(case.sources)
        )
        summed = [
            _sum_up(groups_of, number, found, table, part_whole)
            for number, groups_of in enumerate(groups)
        ]
        listed, joints = alongside.result()
    except BaseException:
        alongside.stop()
        raise
    per_claim = _per_claim(len(table.claims), layout, support)
    later = _Later()
    results = [
        _result(
            groups_of,
            number,
            found,
            summed[number],
            later,
            part_whole,
            joints[number],
        )
        for number, groups_of in enumerate(groups)
    ]
    later.listing = Listing(
        table=table,
        joint=tuple(itertools.chain.from_iterable(listed for listed, _cut in joints)),
        support=per_claim,
        **listed,
        **_points_by_rank(table, layout),
    )
    involved = Counter(dict(enumerate(counts.involved.tolist())))
    involved.update(part_whole.by_source)
    for joint_listed, _joint_cut in joints:
        for contradiction in joint_listed:
            for source in {int(table.source[table.rank_of(c)]) for c in contradiction.claims}:
                involved[source] += 1
    claims_made = _claims_made(case, table, wanted)
    sources = tuple(
        SourceResult(s.id, table.roots[s.id], table.blocs[s.id], claims_made[k], involved[k])
        for k, s in enumerate(case.sources)
    )
    return Reconciliation(
        case=case,
        max_pairs=max_pairs,
        propositions=tuple(results),
        part_whole=tuple(part_whole.listed),
        number_of_part_whole=part_whole.total,
        revisions=tuple(revisions),
        sources=sources,
        states=_ByRank(table, [_STATE_NAMES[s] for s in table.state.tolist()]),
        origins=_ByRank(table, table.origins),
        support=_ByRank(table, per_claim),
        listing=later.listing,
    )


def _per_claim(n: int, layout: Any, support: npt.NDArray[np.int64]) -> list[int | None]:
    """Each claim's support (its group's), by rank; ``None`` for claims not current or not wanted."""
    import numpy as np

    by_rank = np.full(n, -1, dtype=np.int64)
    by_rank[layout.current] = support[layout.group]
    return [None if s < 0 else s for s in by_rank.tolist()]


def _claims_made(case: Case, table: _Table, wanted: Mapping[str, Proposition]) -> list[int]:
    """How many claims each source (by index in the case) made about the wanted propositions."""
    import numpy as np

    chosen = np.array([p.id in wanted for p in case.propositions], dtype=bool)
    made: list[int] = np.bincount(
        table.source[chosen[table.proposition]], minlength=len(case.sources)
    ).tolist()
    return made


#: The pairs are listed, and joint contradictions searched, by a second process
#: meanwhile when at least this many pairs are listed (and the system can fork);
#: below it, starting a process costs more than it saves.
ALONGSIDE_FROM: Final = 200_000


class _Alongside:
    """The pairs to list, and the joint contradictions, worked out alongside.

    Both are independent of what else reconciling works out, and together
    about half of it on a large case: a forked child works them out
    meanwhile (:mod:`claimcheck._child`), filling arrays shared with it
    beforehand (their sizes are known from the counts) and sending the
    joint contradictions back pickled.  This process, once done with the
    rest, searches for joint contradictions too, from the other end, until
    the two meet (:class:`_Meeting`).  When a child does not pay, or the
    system cannot fork, :meth:`result` works it all out here.
    """

    _ARRAYS: Final = (
        ("supports.first", "supports"),
        ("supports.second", "supports"),
        ("support_independent", "supports"),
        ("support_cross_bloc", "supports"),
        ("contradictions.first", "contradictions"),
        ("contradictions.second", "contradictions"),
        ("contradiction_independent", "contradictions"),
        ("contradiction_vague", "contradictions"),
    )

    def __init__(
        self,
        table: _Table,
        groups: Sequence[_Groups],
        layout: Any,
        counts: Any,
        max_pairs: int,
        supports: int,
        contradictions: int,
    ) -> None:
        import numpy as np

        from claimcheck import _child

        self._work = (table, groups, layout, counts, max_pairs)
        self._child: _child.Child | None = None
        #: The groups searched for joint contradictions (of three values or
        #: more), in order: the child takes them from the front, this
        #: process from the back, until they meet (see :class:`_Meeting`).
        self._searched = [k for k, g in enumerate(groups) if len(g.values) >= 3]
        if supports + contradictions < ALONGSIDE_FROM or not _child.can_fork():
            return
        sizes = {"supports": supports, "contradictions": contradictions}
        self._shared: dict[str, Any] = {
            name: _child.shared(np.bool_ if "_" in name else np.int64, sizes[kind])
            for name, kind in self._ARRAYS
        }
        self._meeting = _Meeting(len(self._searched))
        try:
            self._child = _child.Child(self._in_child)
        except OSError:  # no fork now (out of memory or processes): result() works it out
            self._child = None

    def _arrays(self) -> dict[str, Any]:
        table, _groups, layout, counts, max_pairs = self._work
        return _list_pairs(table, layout, counts, max_pairs)

    def _worked_out(self) -> tuple[dict[str, Any], list[tuple[list[Contradiction], bool]]]:
        joints = dict(zip(self._searched, map(self._joint, self._searched), strict=True))
        return _listing_fields(self._arrays(), len(self._work[0].claims)), self._all_joints(joints)

    def _joint(self, k: int) -> tuple[list[Contradiction], bool]:
        table, groups = self._work[:2]
        return _joint_contradictions(groups[k], table)

    def _all_joints(
        self, found: Mapping[int, tuple[list[Contradiction], bool]]
    ) -> list[tuple[list[Contradiction], bool]]:
        """Each proposition's joint contradictions, from those ``found`` (by group number)."""
        return [found.get(k, ([], False)) for k in range(len(self._work[1]))]

    def _in_child(self) -> bytes:
        import pickle

        arrays = self._arrays()
        for name, _kind in self._ARRAYS:
            self._shared[name][:] = arrays[name]
        searched, meeting, found = self._searched, self._meeting, {}
        for k in meeting.from_front():
            joint = self._joint(searched[k])
            if joint[0] or joint[1]:
                found[searched[k]] = joint
        return pickle.dumps((meeting.front_done, found), protocol=pickle.HIGHEST_PROTOCOL)

    def result(self) -> tuple[dict[str, Any], list[tuple[list[Contradiction], bool]]]:
        """The arrays of the listing, and each proposition's joint contradictions and cut."""
        if self._child is None:
            return self._worked_out()
        import pickle

        searched, meeting = self._searched, self._meeting
        here = {searched[k]: self._joint(searched[k]) for k in meeting.from_back()}
        front_done, found = pickle.loads(self._child.result())
        # Where the two met, each may have left one to the other.
        for k in range(front_done, meeting.back_done):
            here[searched[k]] = self._joint(searched[k])
        return _listing_fields(self._shared, len(self._work[0].claims)), self._all_joints(
            {**found, **here}
        )

    def stop(self) -> None:
        """Stop the child, if there is one still working."""
        if self._child is not None:
            self._child.stop()


class _Meeting:
    """Items worked through by two processes at once, one from each end, until they meet.

    The search for joint contradictions takes very different time from one
    proposition to the next, so no split made beforehand would have the
    two processes finish together.  Instead each takes the next item from
    its end, marking it taken in memory shared by both, and stops at the
    first item the other has taken.  As each marks an item before it looks
    at the other's mark, two racing for the last item may both stop short
    of it: the back, which waits for the front's result, works out what
    neither did, from the front's :attr:`front_done` up to
    :attr:`back_done`.

    Example:
        >>> meeting = _Meeting(5)
        >>> front = meeting.from_front()
        >>> next(front), next(front)
        (0, 1)
        >>> list(meeting.from_back()), meeting.back_done
        ([4, 3, 2], 2)
        >>> list(front), meeting.front_done
        ([], 2)
    """

    def __init__(self, n: int) -> None:
        import numpy as np

        from claimcheck import _child

        self.n = n
        #: How many items the front has taken, and the first the back has taken.
        self._taken = _child.shared(np.int64, 2)
        self._taken[1] = n
        #: How many items the front has worked out (in its own process).
        self.front_done = 0
        #: The first item the back has worked out (``n`` while none).
        self.back_done = n

    def from_front(self) -> Iterator[int]:
        """The items to work out from the front: ``0, 1, ...`` until the back's.

        Each counts as worked out (:attr:`front_done`) once the caller asks
        for the next.
        """
        taken = self._taken
        for k in range(self.n):
            taken[0] = k + 1
            if k >= taken[1]:
                return
            yield k
            self.front_done = k + 1

    def from_back(self) -> Iterator[int]:
        """The items to work out from the back: ``n - 1, n - 2, ...`` until the front's.

        Each counts as worked out (:attr:`back_done`) once the caller asks
        for the next.
        """
        taken = self._taken
        for k in range(self.n - 1, -1, -1):
            taken[1] = k
            if k < taken[0]:
                return
            yield k
            self.back_done = k


@attrs.define
class _Later:
    """The listing, once made: each proposition's lists read their pairs from it."""

    listing: Listing | None = None

    def get(self) -> Listing:
        """The listing (there once reconciling is done)."""
        assert self.listing is not None
        return self.listing


def _cut(counts: npt.NDArray[np.int64], max_pairs: int) -> list[int]:
    """How many of each count are listed: all, or the first ``max_pairs``."""
    import numpy as np

    listed: list[int] = (counts if max_pairs == 0 else np.minimum(counts, max_pairs)).tolist()
    return listed


def _list_pairs(table: _Table, layout: Any, counts: Any, max_pairs: int) -> dict[str, Any]:
    """The supports and pair contradictions to list, with what the report says of each.

    Arrays by the names of :attr:`_Alongside._ARRAYS` (``supports.first``
    ...); :func:`_listing_fields` makes a :class:`Listing`'s fields of them.
    """
    import numpy as np

    from claimcheck import _pairs

    supports, contradictions = _pairs.listing(layout, counts, max_pairs)
    vague = np.zeros(len(table.claims), dtype=bool)
    vague[layout.current] = layout.vague[layout.group]
    return {
        "supports.first": supports.first,
        "supports.second": supports.second,
        "support_independent": table.independent_pairs(supports.first, supports.second),
        "support_cross_bloc": table.cross_bloc_pairs(supports.first, supports.second),
        "contradictions.first": contradictions.first,
        "contradictions.second": contradictions.second,
        "contradiction_independent": table.independent_pairs(
            contradictions.first, contradictions.second
        ),
        "contradiction_vague": vague[contradictions.first] | vague[contradictions.second],
    }


def _listing_fields(arrays: Mapping[str, Any], claims: int) -> dict[str, Any]:
    """A :class:`Listing`'s fields from :func:`_list_pairs`' arrays (but for joints, support, points).

    The pairs become :class:`~claimcheck._pairs.Listed`, and each kind has
    where each claim's (rank's) pairs begin.
    """
    import numpy as np

    from claimcheck._pairs import Listed

    every = np.arange(claims + 1)
    fields = {
        name: arrays[name]
        for name in (
            "support_independent",
            "support_cross_bloc",
            "contradiction_independent",
            "contradiction_vague",
        )
    }
    for pairs, rows in (("supports", "support_rows"), ("contradictions", "contradiction_rows")):
        first = arrays[f"{pairs}.first"]
        fields[pairs] = Listed(first, arrays[f"{pairs}.second"])
        fields[rows] = np.searchsorted(first, every)
    return fields


def _points_by_rank(table: _Table, layout: Any) -> dict[str, Any]:
    """Each current quantity claim's value's first and last points, by rank (else 0)."""
    import numpy as np

    first_point = np.zeros(len(table.claims), dtype=np.int64)
    last_point = np.zeros(len(table.claims), dtype=np.int64)
    first_point[layout.current] = layout.relations.first[layout.group]
    last_point[layout.current] = layout.relations.last[layout.group]
    return {"first_point": first_point, "last_point": last_point}


def _grouped(table: _Table, wanted: Sequence[Proposition]) -> tuple[list[_Groups], Any]:
    """The current claims of each proposition grouped by value, and the same as arrays.

    Claims share value objects (the loader reads each phrase once), so the
    objects are numbered first and the distinct objects then by value;
    claims are put in order of (proposition, rank) and grouped by (their
    proposition, their value's number) with sorts of numbers.

    Returns:
        Each proposition's :class:`_Groups`, in the order of ``wanted``, and
        the :class:`claimcheck._pairs.Layout`.
    """
    import numpy as np

    from claimcheck import _pairs

    number = {p.id: k for k, p in enumerate(table.propositions.values())}
    place = np.full(len(table.propositions), -1, dtype=np.int64)
    place[[number[p.id] for p in wanted]] = np.arange(len(wanted))
    every = np.flatnonzero(place[table.proposition] >= 0)
    every = every[np.argsort(place[table.proposition[every]], kind="stable")]
    every_place = place[table.proposition[every]]
    current = every[table.state[every] == _CURRENT]
    current_place = place[table.proposition[current]]
    # Number the value objects, then the distinct values.
    objects: dict[int, int] = {}
    held = [table.claims[r].value for r in current.tolist()]
    object_of = np.fromiter(
        (objects.setdefault(id(v), len(objects)) for v in held), np.int64, count=len(held)
    )
    firsts = np.full(len(objects), len(held), dtype=np.int64)
    np.minimum.at(firsts, object_of, np.arange(len(held), dtype=np.int64))
    by_value: dict[Value, int] = {}
    distinct_of_object = np.fromiter(
        (by_value.setdefault(held[k], len(by_value)) for k in firsts.tolist()),
        np.int64,
        count=len(objects),
    )
    distinct = list(by_value)
    # Group by (proposition, value), groups in order of their first claim.
    keys = current_place * max(len(distinct), 1) + distinct_of_object[object_of]
    unique, inverse = _pairs.distinct_inverse(keys)
    first_claim = np.full(len(unique), len(keys), dtype=np.int64)
    np.minimum.at(first_claim, inverse, np.arange(len(keys), dtype=np.int64))
    order = np.argsort(first_claim)
    renumber = np.empty(len(unique), dtype=np.int64)
    renumber[order] = np.arange(len(unique), dtype=np.int64)
    group = renumber[inverse]
    value_of = (unique % max(len(distinct), 1))[order]
    group_place = current_place[first_claim[order]]
    span = np.arange(len(wanted) + 1)
    group_start = np.searchsorted(group_place, span)
    current_start = np.searchsorted(current_place, span)
    every_start = np.searchsorted(every_place, span)
    by_group = np.argsort(group, kind="stable")
    member_start = np.searchsorted(group[by_group], np.arange(len(unique) + 1))

    members = current[by_group].tolist()
    every_list, current_list = every.tolist(), current.tolist()
    local = (group - group_start[current_place]).tolist()
    values = [distinct[v] for v in value_of.tolist()]
    member_start_list = member_start.tolist()
    groups = []
    for k, prop in enumerate(wanted):
        g0, g1 = int(group_start[k]), int(group_start[k + 1])
        c0, c1 = int(current_start[k]), int(current_start[k + 1])
        groups.append(
            _Groups(
                prop,
                every_list[every_start[k] : every_start[k + 1]],
                current_list[c0:c1],
                values=values[g0:g1],
                members=[
                    members[member_start_list[g] : member_start_list[g + 1]] for g in range(g0, g1)
                ],
                of=local[c0:c1],
                start=g0,
            )
        )
    layout = _pairs.Layout(
        claims=len(table.claims),
        current=current,
        current_start=current_start.astype(np.int64),
        group=group,
        group_start=group_start.astype(np.int64),
        source=table.source,
        relations=_relations(groups, distinct, value_of),
    )
    points = [v.point if isinstance(v, QuantityValue) else None for v in distinct]
    layout.points = [points[v] for v in value_of.tolist()]
    vague = np.array([isinstance(v, QuantityValue) and v.vague for v in distinct], dtype=bool)
    layout.vague = vague[value_of]
    return groups, layout


def _set_members(table: _Table) -> Any:
    """The roots (as numbers) of each set of origins, by set number."""
    from claimcheck import _pairs

    root_number = {next(iter(s)): k for k, s in enumerate(table.origin_sets[: table.singles])}
    members = [sorted(root_number[o] for o in origins) for origins in table.origin_sets]
    return _pairs.Csr.of(members)


def _origin_sets(table: _Table, group_origins: Any) -> list[frozenset[str]]:
    """Each group's origins, as sets of root ids (equal sets are one object)."""
    roots = [next(iter(s)) for s in table.origin_sets[: table.singles]]
    interned: dict[tuple[int, ...], frozenset[str]] = {}
    out = []
    start, values = group_origins.start.tolist(), group_origins.values.tolist()
    for g in range(len(start) - 1):
        key = tuple(values[start[g] : start[g + 1]])
        found = interned.get(key)
        if found is None:
            found = interned[key] = frozenset(roots[o] for o in key)
        out.append(found)
    return out


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
