"""Split-and-merge: reconciling a case in parts gives the very report of one run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import from_mapping, load, loads
from claimcheck.generate import generate_case
from claimcheck.model import Case, QuantityProposition
from claimcheck.partition import Part, reconcile_in_parts, reconcile_part, split
from claimcheck.reconciliation import reconcile
from claimcheck.report import merge_report_data, render_json, report_data
from claimcheck.strategies import cases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _whole_json(case: Case, max_pairs: int = 10_000) -> str:
    return render_json(report_data(reconcile(case, max_pairs=max_pairs)))


def _merged_json(case: Case, parts: int, max_pairs: int = 10_000) -> str:
    return render_json(reconcile_in_parts(case, parts, max_pairs=max_pairs))


@pytest.fixture(scope="module")
def zhanaozen() -> Case:
    return load(FIXTURES / "zhanaozen-2011.yaml")


@pytest.fixture(scope="module")
def generated() -> Case:
    # Small, but with hubs, citations, relays, part_of chains and revisions.
    return generate_case(1500, seed=5)


_WHOLE: dict[int, str] = {}


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 45, 100])
def test_zhanaozen_in_parts_gives_identical_json(zhanaozen: Case, parts: int) -> None:
    assert _merged_json(zhanaozen, parts) == _whole_json(zhanaozen)


@pytest.mark.parametrize(("parts", "max_pairs"), [(2, 10_000), (5, 10_000), (4, 3), (3, 0)])
def test_generated_case_in_parts_gives_identical_json(
    generated: Case, parts: int, max_pairs: int
) -> None:
    # max_pairs=3 cuts many lists: truncation must come out the same too.
    if max_pairs not in _WHOLE:
        _WHOLE[max_pairs] = _whole_json(generated, max_pairs)
    assert _merged_json(generated, parts, max_pairs) == _WHOLE[max_pairs]


def test_generated_case_has_what_splitting_must_respect(generated: Case) -> None:
    # Guard the test above: it proves little on a case without these.
    assert any(c.cites for c in generated.claims)
    assert any(c.via for c in generated.claims)
    assert any(isinstance(p, QuantityProposition) and p.part_of for p in generated.propositions)
    assert any(s.part_of for s in generated.sources)


@given(
    cases(number_of_propositions=st.integers(1, 5), number_of_claims=st.integers(0, 12)),
    st.integers(1, 6),
)
def test_any_case_in_parts_gives_identical_json(case: Case, parts: int) -> None:
    assert _merged_json(case, parts) == _whole_json(case)


def _owned(parts: list[Part]) -> list[str]:
    return [p for part in parts for p in part.propositions]


def test_split_owns_each_proposition_once_and_balances_claims(generated: Case) -> None:
    parts = split(generated, 4)
    assert len(parts) == 4
    assert sorted(_owned(parts)) == sorted(p.id for p in generated.propositions)
    sizes = [
        sum(1 for c in part.case.claims if c.proposition in part.propositions) for part in parts
    ]
    assert sum(sizes) == len(generated.claims)
    # Dealt largest first to the lightest part: no part is more than the
    # largest proposition group above another.
    biggest = max(Counter(c.proposition for c in generated.claims).values())
    assert max(sizes) - min(sizes) <= biggest


def test_split_keeps_part_of_pairs_together(generated: Case) -> None:
    for part in split(generated, 6):
        owned = set(part.propositions)
        for prop in part.case.propositions:
            if isinstance(prop, QuantityProposition) and prop.part_of and prop.id in owned:
                assert prop.part_of in owned


def test_cited_claims_and_sources_travel_with_each_part(generated: Case) -> None:
    for part in split(generated, 5):
        ids = {c.id for c in part.case.claims}
        sources = {s.id for s in part.case.sources}
        for claim in part.case.claims:
            assert set(claim.cites) <= ids
            assert {claim.source, *claim.via} <= sources
        for source in part.case.sources:
            assert source.part_of is None or source.part_of in sources
        # Carried only for citations: propositions it does not answer for
        # hold only claims that some claim of the part cites.
        cited = {c for claim in part.case.claims for c in claim.cites}
        for claim in part.case.claims:
            if claim.proposition not in part.propositions:
                assert claim.id in cited


def test_split_is_deterministic_and_never_makes_empty_parts(zhanaozen: Case) -> None:
    assert split(zhanaozen, 4) == split(zhanaozen, 4)
    parts = split(zhanaozen, 1000)
    assert 0 < len(parts) <= len(zhanaozen.propositions)
    assert all(part.propositions for part in parts)


def test_split_rejects_fewer_than_one_part(zhanaozen: Case) -> None:
    with pytest.raises(ValueError, match="parts must be 1 or more, got 0"):
        split(zhanaozen, 0)


def _partials(case: Case, parts: int, max_pairs: int = 10_000) -> list[dict[str, Any]]:
    return [reconcile_part(part, max_pairs=max_pairs) for part in split(case, parts)]


def test_merge_refuses_a_missing_part(zhanaozen: Case) -> None:
    partials = _partials(zhanaozen, 3)
    with pytest.raises(ValueError, match="do not cover each proposition once: no "):
        merge_report_data(zhanaozen, partials[:2])


def test_merge_refuses_a_part_given_twice(zhanaozen: Case) -> None:
    partials = _partials(zhanaozen, 3)
    with pytest.raises(ValueError, match=r"do not cover each proposition once: '.*' twice"):
        merge_report_data(zhanaozen, [*partials, partials[0]])


def test_merge_refuses_mixed_max_pairs(zhanaozen: Case) -> None:
    partials = [*_partials(zhanaozen, 2)[:1], *_partials(zhanaozen, 2, max_pairs=5)[1:]]
    with pytest.raises(ValueError, match=r"different max_pairs: \[5, 10000\]"):
        merge_report_data(zhanaozen, partials)


def test_merge_refuses_nothing(zhanaozen: Case) -> None:
    with pytest.raises(ValueError, match="no parts to merge"):
        merge_report_data(zhanaozen, [])


def test_reconcile_refuses_an_unknown_proposition(zhanaozen: Case) -> None:
    with pytest.raises(ValueError, match="the case has no proposition 'nope'"):
        reconcile(zhanaozen, propositions=["nope"])


def test_reconcile_refuses_to_separate_a_part_of_pair(generated: Case) -> None:
    part = next(
        p for p in generated.propositions if isinstance(p, QuantityProposition) and p.part_of
    )
    with pytest.raises(ValueError, match="are a part_of pair: choose both or neither"):
        reconcile(generated, propositions=[part.id])


def test_reconcile_of_chosen_propositions_speaks_only_of_them(zhanaozen: Case) -> None:
    chosen = [p.id for p in zhanaozen.propositions[:5]]
    result = reconcile(zhanaozen, propositions=chosen)
    assert [r.proposition.id for r in result.propositions] == chosen
    assert {r.proposition for r in result.revisions} <= set(chosen)
    made = Counter(c.source for c in zhanaozen.claims if c.proposition in chosen)
    assert {s.id: s.claims for s in result.sources if s.claims} == dict(made)


def test_a_case_without_propositions_splits_and_merges() -> None:
    case = loads("claimcheck: 1\nsources: []\npropositions: []\nclaims: []\n")
    assert [part.propositions for part in split(case, 3)] == [()]
    assert _merged_json(case, 3) == _whole_json(case)


def test_propositions_without_claims_are_dealt_out_too() -> None:
    case = from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": "s", "kind": "media"}],
            "propositions": [
                {"id": f"p{i}", "kind": "assertion", "text": f"Thing {i}"} for i in range(1, 5)
            ],
            "claims": [{"source": "s", "proposition": "p1", "value": True}],
        }
    )
    parts = split(case, 4)
    assert sorted(part.propositions for part in parts) == [("p1",), ("p2",), ("p3",), ("p4",)]
    assert _merged_json(case, 4) == _whole_json(case)


def test_a_partial_reconciliation_is_not_reported_or_drawn_as_a_whole(zhanaozen: Case) -> None:
    partial = reconcile(zhanaozen, propositions=[zhanaozen.propositions[-1].id])
    with pytest.raises(ValueError, match=r"report_data needs every proposition reconciled"):
        report_data(partial)
    with pytest.raises(ValueError, match=r"the graph needs every proposition reconciled"):
        partial.to_networkx()


def test_reconcile_refuses_one_string_for_propositions(zhanaozen: Case) -> None:
    with pytest.raises(TypeError, match="a collection of ids, not one string"):
        reconcile(zhanaozen, propositions="deaths-zhanaozen-dec16")
