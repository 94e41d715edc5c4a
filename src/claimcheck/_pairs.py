"""Relations among the claims of every proposition at once, in arrays.

Reconciling a large case relates millions of pairs of claims and lists
millions of supports and contradictions.  Done one pair at a time in
Python that costs microseconds a pair; this module does it in bulk with
numpy, at a cost per pair of a few array operations.

Claims are referred to by their *rank*, their position in the order of
their ids, so that sorting pairs of ranks sorts pairs of ids.  The current
claims of each proposition are grouped by value, and each *group* (one
distinct value of one proposition) has a global number.  How two groups of
one proposition relate is one of:

* ``inside`` -- every state the one allows, the other allows too (its
  claims support the other's; a group is inside itself);
* ``disjoint`` -- no state is allowed by both (their claims contradict);
* neither.

:class:`Relations` answers this for arrays of pairs of groups.  The module
then works in two passes over the propositions:

* :func:`count` -- for every group, the claims inside it and the claims
  disjoint from it; for every proposition, how many supports and pair
  contradictions it has; for every source, how many pair contradictions
  its claims take part in;
* :func:`listing` -- the supports and pair contradictions to list: for each
  proposition the first ``max_pairs`` of each in order of claim ranks,
  found row by row (a *row* is one claim and its partners), so that a
  proposition with thousands of claims costs what is listed, not the
  square of its claims.

Pairs of values of small propositions are enumerated all at once, across
propositions; large ones are worked through in blocks of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "Counts",
    "Csr",
    "Layout",
    "Listed",
    "Relations",
    "count",
    "distinct",
    "distinct_inverse",
    "first_pairs",
    "group_origins",
    "listing",
    "pairs_below",
    "pairs_in_segments",
    "reorder_rows",
    "support",
]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: How many pairs one array operation handles at most: bounds the memory of a
#: block (a few bytes a pair, times the handful of arrays alive at once).
BLOCK: Final = 1 << 20
#: Propositions with more current claims than this are listed block by block
#: of rows, stopping once enough are found; smaller ones all at once.
SMALL: Final = 64

#: The relation models: how a proposition's values are compared.
INTERVAL: Final = 0  # quantities (and assertions): first and last points
MASK: Final = 1  # categories of up to 62 leaves: bit masks of leaves
TABLE: Final = 2  # anything else: a table of the relations of each pair of values

#: Bits of a relation table entry.
INSIDE: Final = 1
DISJOINT: Final = 2


def pairs_in_segments(
    sizes: Ints, *, budget: int = BLOCK, distinct: bool = False
) -> Iterator[tuple[Ints, Ints, Ints]]:
    """Every ordered pair of positions within each segment, in blocks.

    Segment ``s`` holds ``sizes[s]`` positions; the pairs ``(x, y)`` of a
    segment come in row-major order (by ``x``, then ``y``), segment after
    segment.  A segment too large for one block is split by rows.

    Args:
        sizes: The size of each segment.
        budget: About how many pairs a block holds (at least one row).
        distinct: Leave out the pairs ``(x, x)``.

    Yields:
        ``(segment, x, y)`` arrays, one block at a time.

    Example:
        >>> [[a.tolist() for a in b] for b in pairs_in_segments(np.array([2, 1]), distinct=True)]
        [[[0, 0], [0, 1], [1, 0]]]
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    squares = sizes * sizes
    start = 0
    while start < len(sizes):
        # Whole segments while they fit; a segment alone may be split by rows.
        total = np.cumsum(squares[start:])
        end = start + int(np.searchsorted(total, budget, side="right"))
        if end == start:
            n = int(sizes[start])
            rows = max(1, budget // max(n, 1))
            for first in range(0, n, rows):
                last = min(n, first + rows)
                x = np.repeat(np.arange(first, last, dtype=np.int64), n)
                y = np.tile(np.arange(n, dtype=np.int64), last - first)
                keep = x != y if distinct else slice(None)
                segment = np.full(len(x), start, dtype=np.int64)
                yield segment[keep], x[keep], y[keep]
            start += 1
            continue
        block = sizes[start:end]
        counts = squares[start:end]
        segment = np.repeat(np.arange(start, end, dtype=np.int64), counts)
        within = np.arange(len(segment), dtype=np.int64) - np.repeat(
            np.cumsum(counts) - counts, counts
        )
        width = np.repeat(block, counts)
        x, y = within // width, within % width
        if distinct:
            keep = x != y
            segment, x, y = segment[keep], x[keep], y[keep]
        yield segment, x, y
        start = end


@attrs.define
class Relations:
    """How the groups (distinct values) of each proposition relate, for arrays of pairs.

    Each group has a model (:data:`INTERVAL`, :data:`MASK` or
    :data:`TABLE`), the same for every group of a proposition, and the data
    the model compares: first and last points (whole numbers on one scale,
    see :mod:`claimcheck._intervals`), a bit mask of leaves, or the position
    of its row in its proposition's table.

    Attributes:
        model: Each group's model.
        first: Interval model: each group's first point.
        last: Interval model: each group's last point.
        mask: Mask model: each group's leaves as bits.
        row: Table model: where the group's row starts in ``tables``.
        column: Table model: the group's column (its index in its proposition).
        tables: The relation tables, row after row, of :data:`INSIDE` and
            :data:`DISJOINT` bits (row ``i``, column ``j``: how group ``j``
            stands to group ``i``).
    """

    model: npt.NDArray[np.int8]
    first: Ints
    last: Ints
    mask: Ints
    row: Ints
    column: Ints
    tables: npt.NDArray[np.int8]

    def relate(self, i: Ints, j: Ints) -> tuple[Bools, Bools]:
        """For pairs of groups of one proposition each: is ``j`` inside ``i``, are they disjoint."""
        model = self.model[i]
        first, last = self.first, self.last
        inside = (first[j] >= first[i]) & (last[j] <= last[i])
        disjoint = (last[i] < first[j]) | (last[j] < first[i])
        masked = model == MASK
        if masked.any():
            mi, mj = self.mask[i[masked]], self.mask[j[masked]]
            inside[masked] = (mj & ~mi) == 0
            disjoint[masked] = (mi & mj) == 0
        tabled = model == TABLE
        if tabled.any():
            code = self.tables[self.row[i[tabled]] + self.column[j[tabled]]]
            inside[tabled] = (code & INSIDE) != 0
            disjoint[tabled] = (code & DISJOINT) != 0
        return inside, disjoint


@attrs.define
class Layout:
    """The current claims of the propositions worked out, grouped by value.

    Propositions are numbered from 0 in the order worked out; groups from 0
    across all of them, each proposition's groups together.

    Attributes:
        claims: How many claims the case has (ranks run below it).
        current: The current claims' ranks, proposition after proposition,
            each proposition's in order of rank.
        current_start: Where each proposition's current claims start in
            ``current`` (one more entry than propositions).
        group: For each entry of ``current``, its claim's group.
        group_start: Where each proposition's groups start (one more entry
            than propositions).
        source: Each claim's source, as a number (by rank).
        relations: How the groups relate.
        points: Per group, the point of its value (for quantities), when known.
        vague: Per group, whether its value was written as a vague word.
    """

    claims: int
    current: Ints
    current_start: Ints
    group: Ints
    group_start: Ints
    source: Ints
    relations: Relations
    points: list[Any] = attrs.Factory(list)
    vague: Bools = attrs.Factory(lambda: np.zeros(0, dtype=bool))

    @property
    def group_size(self) -> Ints:
        """How many current claims each group has."""
        return np.bincount(self.group, minlength=int(self.group_start[-1])).astype(np.int64)

    def proposition_of_group(self) -> Ints:
        """Each group's proposition."""
        counts = np.diff(self.group_start)
        return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


@attrs.define
class Counts:
    """What :func:`count` finds.

    Attributes:
        inside: Per group, the current claims whose value lies inside its
            own (its own claims included).
        disjoint: Per group, the current claims whose value is disjoint from it.
        supports: Per proposition, how many supports there are.
        contradictions: Per proposition, how many pair contradictions.
        involved: Per source number, how many pair contradictions include
            at least one of its claims.
    """

    inside: Ints
    disjoint: Ints
    supports: Ints
    contradictions: Ints
    involved: Ints


def count(layout: Layout, sources: int) -> Counts:
    """Count supports and pair contradictions, per group, proposition and source.

    Every pair of groups of each proposition is related once (the pairs of
    a proposition's values, not of its claims), in blocks.  A source takes
    part in the contradictions of each of its claims, less those between
    two of its own claims, counted twice: those are found by relating the
    groups of each source's claims about each proposition.

    Args:
        layout: The claims and groups.
        sources: How many sources there are.
    """
    size = layout.group_size
    groups = len(size)
    group_start = layout.group_start
    inside = np.zeros(groups, dtype=np.int64)
    disjoint = np.zeros(groups, dtype=np.int64)
    for segment, x, y in pairs_in_segments(np.diff(group_start)):
        i = group_start[segment] + x
        j = group_start[segment] + y
        within, apart = layout.relations.relate(i, j)
        inside += _sums(i[within], size[j[within]], groups)
        disjoint += _sums(i[apart], size[j[apart]], groups)
    of_group = layout.proposition_of_group()
    propositions = len(group_start) - 1
    supports = _sums(of_group, size * (inside - 1), propositions)
    # Each contradicting pair is seen from both sides.
    contradictions = _sums(of_group, size * disjoint, propositions) // 2
    claim_source = layout.source[layout.current]
    involved = _sums(claim_source, disjoint[layout.group], sources)
    involved -= _own_contradictions(layout, sources)
    return Counts(
        inside=inside,
        disjoint=disjoint,
        supports=supports,
        contradictions=contradictions,
        involved=involved,
    )


def _sums(bins: Ints, weights: Ints, length: int) -> Ints:
    """Whole-number sums of ``weights`` per bin (``np.bincount`` sums in floats)."""
    if len(bins) == 0:
        return np.zeros(length, dtype=np.int64)
    if int(weights.max(initial=0)) * len(bins) < 2**53:  # exact in floats
        return np.rint(np.bincount(bins, weights=weights, minlength=length)).astype(np.int64)
    out = np.zeros(length, dtype=np.int64)
    np.add.at(out, bins, weights)
    return out


def _own_contradictions(layout: Layout, sources: int) -> Ints:
    """Per source, the contradictions between two of its own claims."""
    source = layout.source[layout.current]
    proposition = np.repeat(
        np.arange(len(layout.current_start) - 1, dtype=np.int64), np.diff(layout.current_start)
    )
    # Each (proposition, source) with two claims or more, its claims together.
    order = np.lexsort((source, proposition))
    key = proposition[order] * (sources + 1) + source[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    many = sizes > 1
    starts, sizes = starts[many], sizes[many]
    out = np.zeros(sources, dtype=np.int64)
    if not len(starts):
        return out
    group = layout.group[order]
    for segment, x, y in pairs_in_segments(sizes):
        upper = x < y
        segment, x, y = segment[upper], x[upper], y[upper]
        i, j = group[starts[segment] + x], group[starts[segment] + y]
        _, apart = layout.relations.relate(i, j)
        owner = source[order][starts[segment][apart]]
        out += np.bincount(owner, minlength=sources)
    return out


@attrs.define
class Listed:
    """Listed pairs of claims, as ranks, in order of (first, second).

    Attributes:
        first: For supports the supported claim; for contradictions the
            claim of lower rank.
        second: For supports the supporter; for contradictions the other claim.
    """

    first: Ints
    second: Ints

    def __len__(self) -> int:
        return len(self.first)

    @classmethod
    def empty(cls) -> Listed:
        """No pairs."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))

    @classmethod
    def concatenate(cls, parts: Sequence[Listed]) -> Listed:
        """The pairs of several lists, put in order of (first, second).

        Each list's rows (runs of one ``first``) must hold their pairs in
        order, and no row may be split between lists.
        """
        if not parts:
            return cls.empty()
        first = np.concatenate([p.first for p in parts])
        second = np.concatenate([p.second for p in parts])
        order = reorder_rows(first)
        return cls(first[order], second[order])


def reorder_rows(first: Ints) -> Ints:
    """The order that puts runs of equal ``first`` in ascending order, each run kept whole.

    For pairs generated row by row (each row's pairs together and in
    order, rows in any order), this sorts them by ``(first, second)`` at
    a cost linear in the pairs.

    Example:
        >>> reorder_rows(np.array([5, 5, 2, 7, 7, 7])).tolist()
        [2, 0, 1, 3, 4, 5]
    """
    if len(first) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    lengths = np.diff(np.r_[starts, len(first)])
    rows = np.argsort(first[starts], kind="stable")
    starts, lengths = starts[rows], lengths[rows]
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    result: Ints = offsets + np.arange(len(first), dtype=np.int64)
    return result


def listing(layout: Layout, counts: Counts, max_pairs: int) -> tuple[Listed, Listed]:
    """The supports and pair contradictions to list, each in order of claim ranks.

    For each proposition, the first ``max_pairs`` supports (pairs
    ``(supported, supporter)``) and the first ``max_pairs`` pair
    contradictions (pairs ``(a, b)``, ``a`` of lower rank) in order of
    ranks; all of them when ``max_pairs`` is 0.

    Returns:
        The supports and the contradictions listed.
    """
    sizes = np.diff(layout.current_start)
    small = np.flatnonzero(sizes <= SMALL)
    supports: list[Listed] = []
    contradictions: list[Listed] = []
    for block in _blocks_of(small, sizes[small]):
        found = _list_small(layout, block, max_pairs)
        supports.append(found[0])
        contradictions.append(found[1])
    for proposition in np.flatnonzero(sizes > SMALL):
        found = _list_large(layout, counts, int(proposition), max_pairs)
        supports.append(found[0])
        contradictions.append(found[1])
    return Listed.concatenate(supports), Listed.concatenate(contradictions)


def _blocks_of(propositions: Ints, sizes: Ints) -> Iterator[Ints]:
    """The propositions in runs whose pairs of claims fit a block."""
    total = np.cumsum(sizes * sizes)
    start = 0
    while start < len(propositions):
        base = total[start - 1] if start else 0
        end = max(start + 1, int(np.searchsorted(total, base + BLOCK, side="right")))
        yield propositions[start:end]
        start = end


def _first_per_run(run: Ints, keep: Bools, max_pairs: int) -> Bools:
    """Of the kept entries, those among the first ``max_pairs`` kept of their run.

    ``run`` numbers the runs, each run's entries together.
    """
    if max_pairs == 0 or len(run) == 0:
        return keep
    seen = np.cumsum(keep)
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    before: Ints = np.repeat(seen[starts] - keep[starts], np.diff(np.r_[starts, len(run)]))
    result: Bools = keep & (seen - before <= max_pairs)
    return result


def _list_small(layout: Layout, propositions: Ints, max_pairs: int) -> tuple[Listed, Listed]:
    """List the pairs of small propositions, every pair of their claims at once."""
    begin = layout.current_start[propositions]
    sizes = layout.current_start[propositions + 1] - begin
    segment, x, y = next(pairs_in_segments(sizes, budget=max(BLOCK, int(np.sum(sizes**2)))))
    at_x, at_y = begin[segment] + x, begin[segment] + y
    a, b = layout.current[at_x], layout.current[at_y]
    within, apart = layout.relations.relate(layout.group[at_x], layout.group[at_y])
    support = _first_per_run(segment, within & (x != y), max_pairs)
    contradiction = _first_per_run(segment, apart & (x < y), max_pairs)
    return (
        Listed(a[support], b[support]),
        Listed(a[contradiction], b[contradiction]),
    )


#: Making a pair from values and sorting it costs about this many times what
#: relating two claims row by row does.
PRODUCT: Final = 3


def _list_large(
    layout: Layout, counts: Counts, proposition: int, max_pairs: int
) -> tuple[Listed, Listed]:
    """List the pairs of one large proposition.

    Each kind of pair is listed in the cheaper of two ways.  Every pair can
    be made from the pairs of values (claims of one value with claims of
    the other) and sorted, at a cost proportional to how many there are.
    Or the claims can be gone through block of rows by block until enough
    are found: relating every claim of a row costs ``n`` for ``n``
    claims, and with ``total`` pairs spread over the rows, ``max_pairs``
    are found after about ``n * max_pairs / total`` rows.  The first way
    is taken when ``PRODUCT * total`` is below the ``n * n * max_pairs /
    total`` of the second (and always when nothing is cut).
    """
    begin, end = int(layout.current_start[proposition]), int(layout.current_start[proposition + 1])
    ranks = layout.current[begin:end]
    groups = layout.group[begin:end]
    total_supports = int(np.sum(counts.inside[groups] - 1))
    total_contradictions = int(counts.contradictions[proposition])
    relate = layout.relations.relate

    def by_rows(wanted: str, total: int) -> Listed:
        def related(x: Ints, y: Ints) -> Bools:
            within, apart = relate(groups[x], groups[y])
            return within & (x != y) if wanted == "supports" else apart & (x < y)

        rows, columns = first_pairs(len(ranks), len(ranks), related, min(total, max_pairs))
        return Listed(ranks[rows], ranks[columns])

    def cheaper_from_values(total: int) -> bool:
        n = len(ranks)
        return max_pairs == 0 or total <= max_pairs or PRODUCT * total * total <= n * n * max_pairs

    if cheaper_from_values(total_supports):
        supports = _from_values(layout, ranks, groups, "supports", max_pairs)
    else:
        supports = by_rows("supports", total_supports)
    if cheaper_from_values(total_contradictions):
        contradictions = _from_values(layout, ranks, groups, "contradictions", max_pairs)
    else:
        contradictions = by_rows("contradictions", total_contradictions)
    return supports, contradictions


def _from_values(layout: Layout, ranks: Ints, groups: Ints, wanted: str, max_pairs: int) -> Listed:
    """One proposition's pairs of one kind, made from its pairs of values, sorted and cut."""
    order = np.argsort(groups, kind="stable")
    members, member_group = ranks[order], groups[order]
    distinct_groups = np.flatnonzero(np.r_[True, member_group[1:] != member_group[:-1]])
    sizes = np.diff(np.r_[distinct_groups, len(member_group)])
    values = member_group[distinct_groups]
    first: list[Ints] = []
    second: list[Ints] = []
    for _, x, y in pairs_in_segments(np.array([len(values)], dtype=np.int64)):
        within, apart = layout.relations.relate(values[x], values[y])
        # Supports: claims of y support claims of x (a claim not itself);
        # contradictions: each pair of disjoint values once.
        keep = within if wanted == "supports" else apart & (x < y)
        x, y = x[keep], y[keep]
        a, b = _products(distinct_groups[x], sizes[x], distinct_groups[y], sizes[y])
        a, b = members[a], members[b]
        if wanted == "supports":
            keep = a != b
            first.append(a[keep])
            second.append(b[keep])
        else:
            first.append(np.minimum(a, b))
            second.append(np.maximum(a, b))
    a, b = np.concatenate(first), np.concatenate(second)
    keys = np.sort(a * layout.claims + b)
    if max_pairs:
        keys = keys[:max_pairs]
    return Listed(keys // layout.claims, keys % layout.claims)


def _products(x_start: Ints, x_size: Ints, y_start: Ints, y_size: Ints) -> tuple[Ints, Ints]:
    """Every (x, y) of positions ``x_start[k] + i`` and ``y_start[k] + j``, for each ``k``.

    Example:
        >>> [a.tolist() for a in _products(np.array([0]), np.array([2]), np.array([5]), np.array([2]))]
        [[0, 0, 1, 1], [5, 6, 5, 6]]
    """
    counts = x_size * y_size
    pair = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    within = np.arange(len(pair), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    width = y_size[pair]
    return x_start[pair] + within // width, y_start[pair] + within % width


def distinct(values: Ints) -> Ints:
    """The distinct values, sorted.

    What ``np.unique`` returns, by sorting: numpy 2's ``np.unique`` of
    integers hashes, which took over ten times as long on these arrays.

    Example:
        >>> distinct(np.array([3, 1, 3, 2])).tolist()
        [1, 2, 3]
    """
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    result: Ints = ordered[keep]
    return result


def distinct_inverse(values: Ints) -> tuple[Ints, Ints]:
    """The distinct values, sorted, and where each value stands among them.

    Example:
        >>> [a.tolist() for a in distinct_inverse(np.array([3, 1, 3, 2]))]
        [[1, 2, 3], [2, 0, 2, 1]]
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


@attrs.define
class Csr:
    """Lists of numbers one after another: list ``k`` is ``values[start[k] : start[k + 1]]``."""

    start: Ints
    values: Ints

    @classmethod
    def of(cls, lists: Sequence[Sequence[int]]) -> Csr:
        """The lists given."""
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        values = np.fromiter(
            (v for values in lists for v in values), dtype=np.int64, count=int(lengths.sum())
        )
        return cls(np.r_[0, np.cumsum(lengths)].astype(np.int64), values)

    def expand(self, items: Ints) -> tuple[Ints, Ints]:
        """Each value of each list named in ``items``: (its place in ``items``, the value)."""
        begin = self.start[items]
        lengths = self.start[items + 1] - begin
        owner = np.repeat(np.arange(len(items), dtype=np.int64), lengths)
        at = np.arange(len(owner), dtype=np.int64) + np.repeat(
            begin - (np.cumsum(lengths) - lengths), lengths
        )
        return owner, self.values[at]


def group_origins(layout: Layout, origin_set: Ints, set_members: Csr) -> Csr:
    """Each group's origins: the roots its claims rest on, as sorted numbers.

    Args:
        layout: The claims and groups.
        origin_set: Each claim's set of origins, as a number (by rank).
        set_members: The roots (numbers) of each set of origins.
    """
    groups = int(layout.group_start[-1])
    owner, roots = set_members.expand(origin_set[layout.current])
    width = int(roots.max()) + 1 if len(roots) else 1
    keys = distinct(layout.group[owner] * width + roots)
    start = np.searchsorted(keys // width, np.arange(groups + 1, dtype=np.int64))
    return Csr(start.astype(np.int64), keys % width)


#: Interval propositions with more groups than this count origins by a sweep.
SWEEP: Final = 256


def support(layout: Layout, origins: Csr) -> Ints:
    """Per group, its claims' independent support: the origins of the claims inside it.

    The origins of the groups inside each group are put together and
    counted once each.  For a proposition of many intervals, where groups
    inside others are many, a sweep does it instead (:func:`_origins_inside`).
    """
    group_start = layout.group_start
    groups = int(group_start[-1])
    out = np.zeros(groups, dtype=np.int64)
    if not groups:
        return out
    width = int(origins.values.max()) + 1 if len(origins.values) else 1
    sizes = np.diff(group_start)
    model = layout.relations.model[np.minimum(group_start[:-1], groups - 1)]
    swept = (sizes > SWEEP) & (model == INTERVAL)
    paired = np.flatnonzero(~swept)
    for segment, x, y in pairs_in_segments(sizes[paired]):
        base = group_start[paired[segment]]
        i, j = base + x, base + y
        within, _ = layout.relations.relate(i, j)
        i, j = i[within], j[within]
        owner, root = origins.expand(j)
        keys = distinct(i[owner] * width + root)
        out += np.bincount(keys // width, minlength=groups)
    for proposition in np.flatnonzero(swept).tolist():
        begin, end = int(group_start[proposition]), int(group_start[proposition + 1])
        local: dict[int, int] = {}
        masks = []
        for g in range(begin, end):
            mask = 0
            for root in origins.values[origins.start[g] : origins.start[g + 1]].tolist():
                mask |= 1 << local.setdefault(root, len(local))
            masks.append(mask)
        first = layout.relations.first[begin:end].tolist()
        last = layout.relations.last[begin:end].tolist()
        out[begin:end] = [m.bit_count() for m in _origins_inside(first, last, masks)]
    return out


def _origins_inside(first: Sequence[int], last: Sequence[int], masks: Sequence[int]) -> list[int]:
    """For each interval, the union (OR) of the masks of the intervals inside it, its own included.

    A sweep over first points from the greatest down: when it reaches an
    interval, every interval that starts no earlier has been added to a
    Fenwick tree at the rank of its last point (all those starting at the
    same point are added before any is queried, so that equal intervals
    see each other), and the intervals inside it are exactly those added
    at ranks up to its own.  Each OR costs a machine word per 64 origins.
    """
    ranks = {point: k for k, point in enumerate(sorted(set(last)), start=1)}
    tree = [0] * (len(ranks) + 1)
    out = [0] * len(masks)
    order = sorted(range(len(first)), key=first.__getitem__, reverse=True)
    k = 0
    while k < len(order):
        same = k
        while same < len(order) and first[order[same]] == first[order[k]]:
            position = ranks[last[order[same]]]
            while position < len(tree):
                tree[position] |= masks[order[same]]
                position += position & -position
            same += 1
        for i in order[k:same]:
            position, union = ranks[last[i]], 0
            while position > 0:
                union |= tree[position]
                position -= position & -position
            out[i] = union
        k = same
    return out


def pairs_below(
    lower: Ints, lower_source: Ints, upper: Ints, upper_source: Ints, sources: int
) -> tuple[int, Ints]:
    """Count the pairs of claims whose values lie one entirely below the other.

    Each lower claim is given by its value's last point, each upper claim
    by its value's first point, with its source (as a number).  A pair is a
    lower claim and an upper claim whose last point comes before the
    upper's first.

    Returns:
        How many pairs there are, and per source how many of them include
        at least one of its claims.

    Example:
        >>> total, per_source = pairs_below(
        ...     np.array([4, 4]), np.array([0, 0]), np.array([7, 7, 7, 7]), np.array([0, 1, 1, 1]), 2
        ... )
        >>> total, per_source.tolist()
        (8, [8, 6])
    """
    below = np.searchsorted(np.sort(lower), upper, side="left")  # per upper claim
    above = len(upper) - np.searchsorted(np.sort(upper), lower, side="right")  # per lower claim
    involved = _sums(upper_source, below, sources) + _sums(lower_source, above, sources)
    # Pairs of two claims of one source were counted for it twice.
    width = int(max(lower.max(initial=0), upper.max(initial=0))) + 2
    own = np.sort(lower_source * width + lower)
    base = upper_source * width
    twice = np.searchsorted(own, base + upper, side="left") - np.searchsorted(
        own, base, side="left"
    )
    involved -= _sums(upper_source, twice, sources)
    return int(below.sum()), involved


def first_pairs(
    rows: int, columns: int, related: Callable[[Ints, Ints], Bools], limit: int
) -> tuple[Ints, Ints]:
    """The first ``limit`` related (row, column) pairs in row-major order (all when 0).

    Rows are tried in blocks, the first small and each twice the last, so
    that finding the first few costs little however many rows and columns
    there are, and finding many costs few blocks.
    """
    found_rows: list[Ints] = []
    found_columns: list[Ints] = []
    found = 0
    most = max(1, BLOCK // max(columns, 1))
    step = most if limit == 0 else max(1, min(most, 4096 // max(columns, 1)))
    first = 0
    while first < rows and not (limit and found >= limit):
        last = min(rows, first + step)
        x = np.repeat(np.arange(first, last, dtype=np.int64), columns)
        y = np.tile(np.arange(columns, dtype=np.int64), last - first)
        keep = np.flatnonzero(related(x, y))
        if limit:
            keep = keep[: limit - found]
        found_rows.append(x[keep])
        found_columns.append(y[keep])
        found += len(keep)
        first, step = last, min(most, 2 * step)
    if not found_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_rows), np.concatenate(found_columns)
