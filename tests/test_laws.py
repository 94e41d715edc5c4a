"""The laws of the claim logic, checked on examples from claimcheck.strategies.

Every example here comes from the shipped strategies, so they are tested by
use; hypothesis' own combinators only pair, permute or wrap what they draw.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcheck import (
    Case,
    InvalidCaseError,
    Problem,
    Proposition,
    QuantityProposition,
    QuantityValue,
    Value,
    dumps,
    format_interval,
    loads,
    parse_quantity,
    strategies,
)
from claimcheck.logic import Relation, entails, relate
from claimcheck.reconciliation import Reconciliation, reconcile
from claimcheck.report import render_json, report_data

ENTAILING = (Relation.ENTAILS, Relation.EQUIVALENT)


def values_of_one_proposition() -> st.SearchStrategy[tuple[Proposition, list[Value]]]:
    """A proposition of any kind with up to eight distinct values (under a drawn lexicon)."""
    return st.tuples(strategies.propositions(), strategies.lexicons()).flatmap(
        lambda pair: st.tuples(
            st.just(pair[0]),
            st.lists(strategies.values(pair[0], lexicon=pair[1]), max_size=8, unique=True),
        )
    )


# Cases where claims meet often: few propositions, many claims.
DENSE = strategies.cases(
    number_of_propositions=st.integers(1, 2), number_of_claims=st.integers(2, 9)
)


def report_json(case: Case) -> str:
    """The version-1 JSON report of a case."""
    return render_json(report_data(reconcile(case)))


# -- relations between values ---------------------------------------------------------


@given(values_of_one_proposition())
def test_relate_is_its_own_converse(drawn: tuple[Proposition, list[Value]]) -> None:
    """relate(p, a, b) and relate(p, b, a) are converses."""
    p, vs = drawn
    for a, b in itertools.product(vs, repeat=2):
        assert relate(p, a, b).converse is relate(p, b, a)


@given(values_of_one_proposition())
def test_entailment_is_reflexive(drawn: tuple[Proposition, list[Value]]) -> None:
    """Every value entails itself, and so is equivalent to itself."""
    p, vs = drawn
    for a in vs:
        assert entails(a, a)
        assert Relation.EQUIVALENT is relate(p, a, a)


@given(values_of_one_proposition())
def test_entailment_is_transitive(drawn: tuple[Proposition, list[Value]]) -> None:
    """If a entails b and b entails c, a entails c."""
    p, vs = drawn
    for a, b, c in itertools.permutations(vs, 3):
        if relate(p, a, b) in ENTAILING and relate(p, b, c) in ENTAILING:
            assert relate(p, a, c) in ENTAILING


@given(values_of_one_proposition())
def test_contradiction_is_symmetric_and_never_reflexive(
    drawn: tuple[Proposition, list[Value]],
) -> None:
    """Contradiction is symmetric, and no value contradicts itself."""
    p, vs = drawn
    for a, b in itertools.product(vs, repeat=2):
        forward = relate(p, a, b) is Relation.CONTRADICTS
        assert forward == (relate(p, b, a) is Relation.CONTRADICTS)
        assert not (forward and a == b)


@given(values_of_one_proposition())
def test_what_entails_a_contradiction_contradicts_too(
    drawn: tuple[Proposition, list[Value]],
) -> None:
    """If a entails b and b contradicts c, a contradicts c."""
    p, vs = drawn
    for a, b, c in itertools.permutations(vs, 3):
        if relate(p, a, b) in ENTAILING and relate(p, b, c) is Relation.CONTRADICTS:
            assert Relation.CONTRADICTS is relate(p, a, c)


@given(
    strategies.quantities().flatmap(
        lambda p: st.tuples(st.just(p), strategies.values(p, lexicon=None))
    )
)
def test_phrase_of_an_interval_reads_back_the_same(
    drawn: tuple[QuantityProposition, Value],
) -> None:
    """format_interval writes a phrase that parse_quantity reads as the same interval."""
    p, value = drawn
    assert isinstance(value, QuantityValue)
    phrase = format_interval(value.interval)
    assert value.interval == parse_quantity(phrase, integer=p.integer, unit=p.unit).interval


# -- reconciliation ---------------------------------------------------------------------


@given(DENSE)
def test_current_claims_entail_common_ground_and_positions_entail_claims(case: Case) -> None:
    """Each current claim entails the common ground; each position's value entails its claims.

    Each current claim also stands in at least one position.
    """
    result = reconcile(case)
    for r in result.propositions:
        if r.common_ground is None:
            # Only disagreeing assertions, or no current claim, have none.
            assert not r.current or r.proposition.kind == "assertion"
        for claim_id in r.current:
            claim = case.claim(claim_id)
            if r.common_ground is not None:
                assert entails(claim.value, r.common_ground), claim_id
        if r.positions is None:
            continue
        for position in r.positions:
            for claim_id in position.claims:
                assert entails(position.value, case.claim(claim_id).value), claim_id
        assert set(r.current) == {c for position in r.positions for c in position.claims}


@given(DENSE.flatmap(lambda c: st.tuples(st.just(c), st.permutations(c.claims))))
def test_report_does_not_depend_on_the_order_of_claims(drawn: tuple[Case, list[Any]]) -> None:
    """Reordering the claims of a file (all with their ids) leaves the report as it is."""
    case, shuffled = drawn
    assert report_json(case) == report_json(attrs.evolve(case, claims=shuffled))


@given(
    DENSE.flatmap(
        lambda c: st.tuples(st.just(c), st.permutations(c.sources), st.permutations(c.propositions))
    )
)
def test_report_does_not_depend_on_the_order_of_sources_and_propositions(
    drawn: tuple[Case, list[Any], list[Any]],
) -> None:
    """Reordering the sources and the propositions of a file leaves the report as it is."""
    case, sources, propositions = drawn
    reordered = attrs.evolve(case, sources=sources, propositions=propositions)
    assert report_json(case) == report_json(reordered)


# Where the report holds ids, by kind: (record key, field) pairs.
ID_FIELDS: Mapping[str, Mapping[str, str]] = {
    "propositions": {
        "id": "proposition",
        "claims": "claim",
        "current": "claim",
        "part_of": "proposition",
    },
    "positions": {"claims": "claim"},
    "contradictions": {
        "proposition": "proposition",
        "propositions": "proposition",
        "claims": "claim",
    },
    "supports": {"proposition": "proposition", "claim": "claim", "by": "claim"},
    "revisions": {"proposition": "proposition", "superseded": "claim", "current": "claim"},
    "claims": {
        "id": "claim",
        "source": "source",
        "proposition": "proposition",
        "origins": "source",
        "via": "source",
        "cites": "claim",
    },
    "sources": {"id": "source", "root": "source"},
}


def rename_report(data: Any, names: Mapping[str, Mapping[str, str]], within: str = "") -> Any:
    """Rename the ids in report data: ``names[kind][old] == new``."""
    if isinstance(data, list):
        return [rename_report(item, names, within) for item in data]
    if not isinstance(data, dict):
        return data
    fields = ID_FIELDS.get(within, {})
    out: dict[str, Any] = {}
    for key, value in data.items():
        kind = fields.get(key)
        if kind is None:
            out[key] = rename_report(value, names, key)
        elif isinstance(value, list):
            out[key] = [names[kind][v] for v in value]
        else:
            out[key] = value if value is None else names[kind][value]
    return out


def rename_case(case: Case, names: Mapping[str, Mapping[str, str]]) -> Case:
    """Rename the ids of sources, propositions and claims throughout a case."""
    source, prop, claim = names["source"], names["proposition"], names["claim"]

    def renamed_part_of(ids: Mapping[str, str]) -> Callable[[str | None], str | None]:
        return lambda whole: None if whole is None else ids[whole]

    return Case(
        sources=[
            attrs.evolve(s, id=source[s.id], part_of=renamed_part_of(source)(s.part_of))
            for s in case.sources
        ],
        propositions=[
            attrs.evolve(p, id=prop[p.id], part_of=renamed_part_of(prop)(p.part_of))
            if isinstance(p, QuantityProposition)
            else attrs.evolve(p, id=prop[p.id])
            for p in case.propositions
        ],
        claims=[
            attrs.evolve(
                c,
                id=claim[c.id],
                source=source[c.source],
                proposition=prop[c.proposition],
                via=tuple(source[v] for v in c.via),
                cites=tuple(claim[x] for x in c.cites),
            )
            for c in case.claims
        ],
        info=case.info,
        lexicon=case.lexicon,
        extra=case.extra,
    )


def renamings(case: Case, *, keep_order: bool) -> st.SearchStrategy[dict[str, dict[str, str]]]:
    """New ids for the sources, propositions and claims of ``case``, one to one."""

    def kind(old: Iterable[str]) -> st.SearchStrategy[dict[str, str]]:
        ids = sorted(old)
        new = st.lists(strategies.ids(), min_size=len(ids), max_size=len(ids), unique=True)
        if keep_order:
            return new.map(lambda fresh: dict(zip(ids, sorted(fresh), strict=True)))
        return new.map(lambda fresh: dict(zip(ids, fresh, strict=True)))

    return st.fixed_dictionaries(
        {
            "source": kind(s.id for s in case.sources),
            "proposition": kind(p.id for p in case.propositions),
            "claim": kind(c.id for c in case.claims),
        }
    )


@given(DENSE.flatmap(lambda c: st.tuples(st.just(c), renamings(c, keep_order=True))))
def test_renaming_ids_renames_the_report_and_nothing_else(
    drawn: tuple[Case, dict[str, dict[str, str]]],
) -> None:
    """Renaming ids (keeping their order) gives the report with those ids renamed, all else equal."""
    case, names = drawn
    expected = rename_report(report_data(reconcile(case)), names)
    assert expected == report_data(reconcile(rename_case(case, names)))


def canonical(data: Any) -> Any:
    """Report data with every list sorted and the wording of reasons left out.

    Lists in the report are sorted by id, and a reason names values in the
    order of its claims' ids, so both may change when ids are renamed in
    another order.
    """
    if isinstance(data, list):
        items = [canonical(item) for item in data]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(data, dict):
        return {k: canonical(v) for k, v in data.items() if k != "reason"}
    return data


@given(DENSE.flatmap(lambda c: st.tuples(st.just(c), renamings(c, keep_order=False))))
def test_renaming_ids_in_any_order_changes_only_the_order_of_lists(
    drawn: tuple[Case, dict[str, dict[str, str]]],
) -> None:
    """Renaming ids in any order gives the renamed report, up to the order of lists."""
    case, names = drawn
    expected = canonical(rename_report(report_data(reconcile(case)), names))
    assert expected == canonical(report_data(reconcile(rename_case(case, names))))


def with_unrelated_claim(case: Case) -> st.SearchStrategy[Case]:
    """``case`` with one more claim, by a new source that speaks for no one."""
    taken_sources = {s.id for s in case.sources}
    taken_claims = {c.id for c in case.claims}
    newcomer = strategies.sources(ids=strategies.ids().filter(lambda i: i not in taken_sources))

    def add(source: Any) -> st.SearchStrategy[Case]:
        claim = strategies.claims(
            sources=[source],
            propositions=case.propositions,
            lexicon=case.lexicon,
            ids=strategies.ids().filter(lambda i: i not in taken_claims),
        )
        return claim.map(
            lambda c: attrs.evolve(case, sources=(*case.sources, source), claims=(*case.claims, c))
        )

    return newcomer.flatmap(add)


@given(
    DENSE.flatmap(
        lambda c: st.tuples(st.just(c), st.lists(with_unrelated_claim(c), min_size=1, max_size=4))
    )
)
def test_an_unrelated_claim_never_lowers_independent_support(
    drawn: tuple[Case, list[Case]],
) -> None:
    """A claim added by a new, unrelated source lowers no claim's independent support."""
    case, grown = drawn
    before = reconcile(case).support
    for bigger in grown:
        after = reconcile(bigger).support
        for claim_id, support in before.items():
            assert after[claim_id] >= support, claim_id


def pairs_and_supports(result: Reconciliation) -> tuple[set[Any], set[Any]]:
    """The supports, and the pair and part-whole contradictions, of a reconciliation."""
    contradictions = {c for c in result.contradictions if c.type in ("pair", "part-whole")}
    return set(result.supports), contradictions


@given(DENSE.flatmap(lambda c: st.tuples(st.just(c), st.sampled_from(c.claims))))
def test_retracting_a_claim_removes_exactly_what_it_took_part_in(
    drawn: tuple[Case, Any],
) -> None:
    """Retracting a claim that supersedes nothing removes its supports and contradictions, and adds none."""
    case, chosen = drawn
    before = reconcile(case)
    assume(not chosen.retracted and chosen.id not in {r.current for r in before.revisions})
    retracted = attrs.evolve(
        case,
        claims=[attrs.evolve(c, retracted=True) if c.id == chosen.id else c for c in case.claims],
    )
    supports, contradictions = pairs_and_supports(before)
    after_supports, after_contradictions = pairs_and_supports(reconcile(retracted))
    assert {s for s in supports if chosen.id not in (s.claim, s.by)} == after_supports
    assert {c for c in contradictions if chosen.id not in c.claims} == after_contradictions


# -- files ---------------------------------------------------------------------------------


@given(strategies.cases())
def test_yaml_round_trip(case: Case) -> None:
    """loads(dumps(case)) is the case again."""
    assert case == loads(dumps(case))


@given(strategies.cases())
def test_json_round_trip(case: Case) -> None:
    """loads(dumps(case, format='json'), format='json') is the case again."""
    assert case == loads(dumps(case, format="json"), format="json")


REPORT_SCRIPT = """
import sys
from pathlib import Path
from claimcheck import loads
from claimcheck.reconciliation import reconcile
from claimcheck.report import render_json, report_data
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    sys.stdout.write(render_json(report_data(reconcile(loads(path.read_text(), format="json")))))
"""


def test_json_report_is_byte_identical_across_runs(tmp_path: Path) -> None:
    """The JSON report of a case is the same bytes in runs with different hash seeds."""
    cases: list[Case] = []

    # Reports are cheap: take three times the profile's examples, up to 300.
    @settings(max_examples=min(300, 3 * settings().max_examples))
    @given(strategies.cases())
    def collect(case: Case) -> None:
        cases.append(case)

    collect()
    expected = ""
    for i, case in enumerate(cases):
        text = dumps(case, format="json")
        (tmp_path / f"{i:05}.json").write_text(text)
        expected += report_json(loads(text, format="json"))
    source = str(Path(__file__).resolve().parents[1] / "src")
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", REPORT_SCRIPT, str(tmp_path)],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": source},
            stdout=subprocess.PIPE,
        )
        for seed in ("0", "1", "4242")
    ]
    outputs = [run.communicate()[0].decode("utf-8") for run in runs]
    assert [0, 0, 0] == [run.returncode for run in runs]
    assert [expected] * 3 == outputs


def problems_of(text: str | bytes, fmt: str) -> tuple[Problem, ...] | None:
    """The problems the loader reports for a text, or ``None`` if it loads."""
    try:
        loads(text, format=fmt)
    except InvalidCaseError as error:
        return error.problems
    return None


@given(st.text() | st.binary(), st.sampled_from(strategies.FORMATS))
def test_loader_reads_any_text_or_says_what_is_wrong(text: str | bytes, fmt: str) -> None:
    """Any text at all loads, or raises InvalidCaseError listing its problems; nothing else."""
    problems = problems_of(text, fmt)
    assert problems is None or (problems and all(p.message for p in problems))


@given(strategies.mutated_case_texts(), st.sampled_from(strategies.FORMATS))
def test_loader_reads_mutated_case_texts_or_says_what_is_wrong(text: str, fmt: str) -> None:
    """A valid case text after random edits loads, or raises InvalidCaseError; nothing else."""
    problems = problems_of(text, fmt)
    assert problems is None or (problems and all(p.message for p in problems))
