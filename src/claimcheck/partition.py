"""Split a case into parts by proposition, reconcile each on its own, merge the reports.

A case too large for one process or one machine can be reconciled in
parts: :func:`split` divides its propositions into parts of about equal
numbers of claims, each a small case of its own; each part is reconciled
separately (anywhere: a part is a plain :class:`~claimcheck.model.Case`,
and what comes back is plain, JSON-ready data); and
:func:`~claimcheck.report.merge_report_data` puts the partial results
together into the very report one run over the whole case gives.

Splitting keeps what reconciling one proposition needs inside its part:

* both propositions of a ``part_of`` pair (and so every chain of them) go
  to the same part, since part-whole contradictions cross them;
* every claim a part's claims cite, directly or through other citations,
  travels with the part (with its proposition, and the propositions above
  that one, which the part then carries only for it), since a claim's
  origins follow its citations;
* every source a part's claims name (as ``source`` or in ``via``) travels
  with the part, with every source above it, since roots and blocs follow
  ``part_of``.

Example:
    >>> import claimcheck
    >>> case = claimcheck.load("fixtures/zhanaozen-2011.yaml")
    >>> parts = split(case, 3)
    >>> [sum(c.proposition in part.propositions for c in part.case.claims) for part in parts]
    [18, 19, 19]
    >>> merged = merge_report_data(case, [reconcile_part(part) for part in parts])
    >>> merged == claimcheck.report_data(claimcheck.reconcile(case))
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from claimcheck._memory import builds_large
from claimcheck.model import Case, Claim, QuantityProposition
from claimcheck.reconciliation import DEFAULT_MAX_PAIRS, reconcile
from claimcheck.report import merge_report_data, partial_report_data

__all__ = ["Part", "merge_report_data", "reconcile_in_parts", "reconcile_part", "split"]


@attrs.frozen
class Part:
    """One part of a split case.

    Attributes:
        case: A case holding the part's propositions and claims, and what
            they need: cited claims (with their propositions) and sources.
        propositions: The ids of the propositions this part answers for,
            in file order; the case's other propositions are there only for
            the claims cited.
    """

    case: Case
    propositions: tuple[str, ...]


def split(case: Case, parts: int) -> list[Part]:
    """Split a case by proposition into at most ``parts`` parts.

    Propositions joined by ``part_of`` stay together; these groups are
    dealt out largest first (by number of claims) to the part with the
    fewest claims so far (among equals, the one with the fewest
    propositions), so parts come out about equal in claims.  The split
    depends only on the case, never on chance: the same case gives the
    same parts.  There are fewer parts than asked when the case has fewer
    groups of propositions; none is empty, except the one part of a case
    without propositions.

    Args:
        case: The case to split.
        parts: How many parts to make (1 or more).

    Returns:
        The parts, each with its propositions and claims in file order.

    Raises:
        ValueError: If ``parts`` is less than 1.
    """
    if parts < 1:
        raise ValueError(f"parts must be 1 or more, got {parts}")
    claims_of = Counter(c.proposition for c in case.claims)
    groups = _part_of_groups(case)
    # Largest first; among equals, the group met first in the file.
    order = sorted(range(len(groups)), key=lambda g: -sum(claims_of[p] for p in groups[g]))
    owned: list[set[str]] = [set() for _ in range(max(1, min(parts, len(groups))))]
    load = [0] * len(owned)
    for g in order:
        lightest = min(range(len(owned)), key=lambda k: (load[k], len(owned[k]), k))
        owned[lightest].update(groups[g])
        load[lightest] += sum(claims_of[p] for p in groups[g])
    cutter = _Cutter(case)
    return [cutter.part(ids) for ids in owned]


def _part_of_groups(case: Case) -> list[list[str]]:
    """The propositions joined by ``part_of``, each group in file order, groups by first member."""
    top: dict[str, str] = {}

    def find(p: str) -> str:
        while top.get(p, p) != p:
            p = top[p]
        return p

    for prop in case.propositions:
        if isinstance(prop, QuantityProposition) and prop.part_of is not None:
            a, b = find(prop.id), find(prop.part_of)
            if a != b:
                top[a] = b
    groups: dict[str, list[str]] = {}
    for prop in case.propositions:
        groups.setdefault(find(prop.id), []).append(prop.id)
    return list(groups.values())


class _Cutter:
    """Cuts parts out of one case, with its lookups made once for all parts."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.claims = {c.id: c for c in case.claims}
        self.source_parent = {s.id: s.part_of for s in case.sources}
        self.whole = {
            p.id: p.part_of
            for p in case.propositions
            if isinstance(p, QuantityProposition) and p.part_of is not None
        }

    def part(self, owned: set[str]) -> Part:
        """The part answering for the propositions ``owned``."""
        case = self.case
        needed: set[str] = set()
        stack = [c.id for c in case.claims if c.proposition in owned]
        while stack:  # the part's claims and, transitively, every claim they cite
            claim_id = stack.pop()
            if claim_id not in needed:
                needed.add(claim_id)
                stack.extend(self.claims[claim_id].cites)
        claims = [c for c in case.claims if c.id in needed]
        sources = self.sources_needed(claims)
        hosts = self.with_wholes(owned | {c.proposition for c in claims})
        sub = Case(
            [s for s in case.sources if s.id in sources],
            [p for p in case.propositions if p.id in hosts],
            claims,
            info=case.info,
            lexicon=case.lexicon,
            extra=case.extra,
        )
        return Part(sub, tuple(p.id for p in case.propositions if p.id in owned))

    def with_wholes(self, ids: set[str]) -> set[str]:
        """``ids`` and every proposition above them by ``part_of``, which a valid case needs."""
        out: set[str] = set()
        for prop in ids:
            while prop not in out:
                out.add(prop)
                if prop not in self.whole:
                    break
                prop = self.whole[prop]
        return out

    def sources_needed(self, claims: Iterable[Claim]) -> set[str]:
        """The sources the claims name, as ``source`` or in ``via``, and every one above them."""
        needed: set[str] = set()
        for claim in claims:
            for named in (claim.source, *claim.via):
                source: str | None = named
                while source is not None and source not in needed:
                    needed.add(source)
                    source = self.source_parent[source]
        return needed


def reconcile_part(part: Part, *, max_pairs: int = DEFAULT_MAX_PAIRS) -> dict[str, Any]:
    """Reconcile one part; return its partial report data for merging.

    Args:
        part: A part made by :func:`split`.
        max_pairs: As for :func:`~claimcheck.reconciliation.reconcile`; use
            the same for every part.

    Returns:
        :func:`~claimcheck.report.partial_report_data` of the part: plain,
        JSON-ready data.
    """
    result = reconcile(part.case, max_pairs=max_pairs, propositions=part.propositions)
    return partial_report_data(result)


@builds_large
def reconcile_in_parts(
    case: Case, parts: int, *, max_pairs: int = DEFAULT_MAX_PAIRS
) -> dict[str, Any]:
    """Split, reconcile each part in turn, and merge: the report data of the whole case.

    The result equals ``report_data(reconcile(case, max_pairs=max_pairs))``;
    this runs the parts one after another, as a model for running them in
    separate processes or on separate machines.

    Example:
        >>> import claimcheck
        >>> case = claimcheck.load("fixtures/starter.yaml")
        >>> reconcile_in_parts(case, 2) == claimcheck.report_data(claimcheck.reconcile(case))
        True
    """
    return merge_report_data(
        case, [reconcile_part(part, max_pairs=max_pairs) for part in split(case, parts)]
    )
