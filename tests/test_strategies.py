"""Tests of claimcheck.strategies: valid examples, checked options, plain shrinking."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from claimcheck import (
    AssertionProposition,
    AssertionValue,
    Case,
    CaseInfo,
    CategoryProposition,
    CategoryValue,
    Claim,
    Interval,
    InvalidCaseError,
    Lexicon,
    Proposition,
    QuantityProposition,
    QuantityValue,
    SequenceProposition,
    SequenceValue,
    Source,
    loads,
    parse_value,
    strategies,
)
from claimcheck.model import case_problems, is_valid_id, parse_date, value_problem
from claimcheck.strategies import MISTAKES, VALUE_FORMS

DEATHS = QuantityProposition("deaths", "People killed", unit="people")
SHARE = QuantityProposition("share", "Share of the vote", unit="percent", integer=False)
WHO = CategoryProposition(
    "who", "Who fired first", values={"protesters": ["strikers", "provocateurs"], "police": None}
)
ORDER = SequenceProposition("order", "What came first", events={"a": "A", "b": "B", "c": "C"})
CURFEW = AssertionProposition("curfew", "A curfew was declared")
EXAMPLES: Mapping[str, tuple[Proposition, ...]] = {
    "quantity": (DEATHS, SHARE),
    "category": (WHO,),
    "sequence": (ORDER,),
    "assertion": (CURFEW,),
}
FORMS = [(p, form) for kind, forms in VALUE_FORMS.items() for form in forms for p in EXAMPLES[kind]]

# A thirtieth of the active profile's examples, for tests repeated over many parameters.
FEW = settings(max_examples=max(2, settings().max_examples // 30))
# For find(): shrink, without explaining the result (which would take long).
SHRINK = settings(
    max_examples=100, phases=[Phase.generate, Phase.shrink], database=None, derandomize=True
)


# -- validity --------------------------------------------------------------------------------


@given(strategies.ids())
def test_ids_are_valid(ident: str) -> None:
    """Every id drawn is a valid id."""
    assert is_valid_id(ident)


@given(strategies.dates())
def test_dates_are_in_the_window(text: str) -> None:
    """Dates are ISO 8601 days, months or years within the default week."""
    assert dt.date(2011, 1, 1) <= parse_date(text) <= dt.date(2011, 12, 20)


@given(strategies.source_forests(number_of_sources=st.integers(0, 6)))
def test_source_forests_are_forests(forest: tuple[Source, ...]) -> None:
    """Source ids are unique, every part_of names a source, and no chain cycles."""
    ids = [s.id for s in forest]
    assert len(set(ids)) == len(ids)
    parent = {s.id: s.part_of for s in forest}
    for source in forest:
        seen = {source.id}
        up = source.part_of
        while up is not None:
            assert up in parent
            assert up not in seen
            seen.add(up)
            up = parent[up]


@given(strategies.categories())
def test_categories_have_leaves(p: CategoryProposition) -> None:
    """A category proposition has between 1 and 6 leaves, each standing for itself."""
    assert 1 <= len(p.leaves) <= 6
    assert all(p.leaves_of(leaf) == {leaf} for leaf in p.leaves)


@given(strategies.sequences(number_of_events=st.integers(2, 3)))
def test_sequences_have_events(p: SequenceProposition) -> None:
    """A sequence proposition has as many events as asked for."""
    assert 2 <= len(p.events) <= 3


@pytest.mark.parametrize(("proposition", "form"), FORMS, ids=lambda x: getattr(x, "id", x))
@FEW
@given(data=st.data())
def test_each_written_form_is_a_valid_value(
    proposition: Proposition, form: str, data: st.DataObject
) -> None:
    """Every form of value, drawn alone, parses as a value of its proposition."""
    lexicon = data.draw(strategies.lexicons())
    written = data.draw(strategies.written_values(proposition, lexicon=lexicon, forms=[form]))
    value = parse_value(proposition, written, lexicon=lexicon)
    assert proposition.kind == value.kind
    if isinstance(value, QuantityValue):
        if form in ("at least", "more than"):
            assert value.interval.high is None
        if form in ("at most", "fewer than"):
            assert Decimal(0) == value.interval.low
        if form in ("about", "nearly"):
            assert value.named is not None
        assert (form == "vague") == value.vague
        assert isinstance(written, Mapping) == (form == "mapping")


@given(strategies.propositions().flatmap(lambda p: st.tuples(st.just(p), strategies.values(p))))
def test_values_fit_their_proposition(drawn: tuple[Proposition, Any]) -> None:
    """A value drawn for a proposition is of its kind and names only what it declares."""
    proposition, value = drawn
    assert value_problem(proposition, value) is None


@given(strategies.claims(sources=[Source("a", "media")], propositions=[DEATHS, WHO]))
def test_claims_fit_the_sources_and_propositions_given(claim: Claim) -> None:
    """A claim drawn from given sources and propositions names them, with a parsed value."""
    assert "a" == claim.source
    assert claim.proposition in ("deaths", "who")
    proposition = DEATHS if claim.proposition == "deaths" else WHO
    assert claim.value == parse_value(proposition, claim.written)
    assert set(claim.via) <= {"a"}


@given(strategies.cases())
def test_cases_are_valid(case: Case) -> None:
    """A case has no problem the model or the loader would report."""
    assert [] == case_problems(case.sources, case.propositions, case.claims)


@given(strategies.case_texts())
def test_case_texts_load_as_their_case(text: strategies.CaseText) -> None:
    """The text of a case file loads as the case it was written from."""
    assert text.case == loads(text.text, format=text.format)


@given(strategies.mutated_case_texts())
def test_mutated_case_texts_are_text(text: str) -> None:
    """Mutated case texts are text, as a file would hold."""
    assert isinstance(text, str)


@given(strategies.invalid_case_texts())
def test_invalid_case_texts_are_rejected_with_their_message(t: strategies.InvalidCaseText) -> None:
    """Every invalid case text is rejected, with a message naming its mistake."""
    with pytest.raises(InvalidCaseError) as error:
        loads(t.text, format=t.format)
    assert re.search(t.message, str(error.value)), (t.mistake, str(error.value))


@pytest.mark.parametrize("mistake", MISTAKES)
@FEW
@given(data=st.data())
def test_each_kind_of_mistake_is_rejected(mistake: str, data: st.DataObject) -> None:
    """Each kind of mistake, in either format, is rejected with its message."""
    t = data.draw(strategies.invalid_case_texts(mistakes=[mistake]))
    assert mistake == t.mistake
    with pytest.raises(InvalidCaseError) as error:
        loads(t.text, format=t.format)
    assert re.search(t.message, str(error.value)), str(error.value)


TYPES = [
    Source,
    Proposition,
    QuantityProposition,
    CategoryProposition,
    SequenceProposition,
    AssertionProposition,
    Claim,
    Case,
    CaseInfo,
    Lexicon,
    Interval,
    QuantityValue,
    CategoryValue,
    SequenceValue,
    AssertionValue,
]


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
@FEW
@given(data=st.data())
def test_from_type_draws_each_model_class(cls: type, data: st.DataObject) -> None:
    """st.from_type works for every model class once claimcheck.strategies is imported."""
    assert isinstance(data.draw(st.from_type(cls)), cls)


def test_import_claimcheck_does_not_import_hypothesis() -> None:
    """Importing claimcheck imports neither hypothesis nor claimcheck.strategies."""
    code = (
        "import sys, claimcheck; "
        "print(sorted(m for m in ('hypothesis', 'claimcheck.strategies') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    assert "[]\n" == out.stdout


# -- checked options ---------------------------------------------------------------------------

BAD_OPTIONS: list[Callable[[], object]] = [
    lambda: strategies.cases(number_of_sources=-1),
    lambda: strategies.cases(number_of_claims="3"),  # type: ignore[arg-type]
    lambda: strategies.cases(number_of_claims=True),
    lambda: strategies.cases(number_of_sources=0, number_of_claims=2),
    lambda: strategies.cases(kinds=["quantity", "opinion"]),
    lambda: strategies.cases(kinds=[]),
    lambda: strategies.cases(dates="2011-12-16"),  # type: ignore[arg-type]
    lambda: strategies.propositions(kinds="quantity"),
    lambda: strategies.sources(ids="a"),  # type: ignore[arg-type]
    lambda: strategies.source_forests(number_of_sources=-2),
    lambda: strategies.categories(number_of_values=0),
    lambda: strategies.sequences(number_of_events=1),
    lambda: strategies.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2011, 1, 1)),
    lambda: strategies.dates(min_value="2011"),  # type: ignore[arg-type]
    lambda: strategies.lexicons(approx=Decimal("0.1")),  # type: ignore[arg-type]
    lambda: strategies.written_values("deaths"),  # type: ignore[arg-type]
    lambda: strategies.written_values(WHO, forms=["at least"]),
    lambda: strategies.written_values(DEATHS, lexicon={"a few": (2, 9)}),  # type: ignore[arg-type]
    lambda: strategies.values(CURFEW, forms=["node"]),
    lambda: strategies.claims(sources=[]),
    lambda: strategies.claims(propositions=["deaths"]),  # type: ignore[list-item]
    lambda: strategies.case_texts(formats=["xml"]),
    lambda: strategies.mutated_case_texts(number_of_edits=-1),
    lambda: strategies.invalid_case_texts(mistakes=["typo"]),
]


@pytest.mark.parametrize("make", BAD_OPTIONS)
def test_bad_options_are_refused_at_once(make: Callable[[], object]) -> None:
    """A bad option raises InvalidArgument when the strategy is made, before any draw."""
    with pytest.raises(InvalidArgument):
        make()


@pytest.mark.parametrize(
    "strategy",
    [
        strategies.cases(number_of_sources=st.just(-1)),
        strategies.cases(kinds=st.just("opinion")),
        strategies.cases(lexicons=st.just("plain")),  # type: ignore[arg-type]
        strategies.cases(ids=st.just("not an id")),
        strategies.claims(sources=st.just("a")),  # type: ignore[arg-type]
        strategies.lexicons(approx=st.just(Decimal(2))),
    ],
)
def test_bad_drawn_options_are_refused_when_drawn(strategy: st.SearchStrategy[Any]) -> None:
    """An option strategy that draws something invalid raises InvalidArgument."""
    with pytest.raises(InvalidArgument):
        find(strategy, lambda _: True, settings=SHRINK)


_NUMBER_KEYED: Final = strategies.cases(extras=st.just({1: "one"}))


@pytest.mark.parametrize(
    "strategy",
    [
        strategies.case_texts(cases=_NUMBER_KEYED, formats=["json"]),
        strategies.invalid_case_texts(cases=_NUMBER_KEYED, formats=["json"]),
    ],
)
def test_json_texts_refuse_extra_keys_that_are_not_text(strategy: st.SearchStrategy[Any]) -> None:
    """JSON cannot hold a key 1: written as "1", the text would hold another case."""
    with pytest.raises(InvalidArgument, match=r"has the key 1 under extra, and JSON keys are text"):
        find(strategy, lambda _: True, settings=SHRINK)


@pytest.mark.parametrize("extra", [{"a": {1, 2}}, {"a": float("nan")}, ["not", "a", "mapping"]])
def test_extras_that_no_file_can_hold_are_refused_when_drawn(extra: Any) -> None:
    with pytest.raises(InvalidArgument, match=r"^extras drew what an extra cannot hold: "):
        find(strategies.cases(extras=st.just(extra)), lambda _: True, settings=SHRINK)


@settings(max_examples=10)
@given(strategies.case_texts(cases=_NUMBER_KEYED, formats=["yaml"]))
def test_yaml_texts_hold_extra_keys_that_are_not_text(text: strategies.CaseText) -> None:
    """YAML can: the text loads as its case, keys and all."""
    loaded = loads(text.text)
    assert loaded == text.case
    assert all([int] == [type(k) for k in s.extra] for s in loaded.sources if s.extra)


# -- shrinking -------------------------------------------------------------------------------


def plainest(proposition: Proposition) -> Any:
    """The plainest value of a proposition, as written."""
    if isinstance(proposition, QuantityProposition):
        return 0
    if isinstance(proposition, CategoryProposition):
        return next(iter(proposition.children))
    if isinstance(proposition, SequenceProposition):
        return list(proposition.events)[:2]
    return False


def test_cases_shrink_toward_plain_cases() -> None:
    """A case with claims shrinks to one source, one proposition, plain values, no provenance."""
    case = find(strategies.cases(), lambda c: len(c.claims) >= 2, settings=SHRINK)
    assert (1, 1, 2) == (len(case.sources), len(case.propositions), len(case.claims))
    (proposition,) = case.propositions
    assert [plainest(proposition)] * 2 == [
        list(c.written) if isinstance(c.written, tuple) else c.written for c in case.claims
    ]
    assert all(
        c.date is None and not c.via and not c.cites and not c.retracted for c in case.claims
    )
    assert all(c.quote is None and c.url is None and not c.extra for c in case.claims)
    assert Lexicon() == case.lexicon
    assert CaseInfo() == case.info
    assert case.sources[0].part_of is None
    assert case.sources[0].bloc is None


@pytest.mark.parametrize(
    ("proposition", "plainest"),
    [(DEATHS, 0), (SHARE, 0), (WHO, "protesters"), (ORDER, ["a", "b"]), (CURFEW, False)],
    ids=lambda x: getattr(x, "id", None),
)
def test_values_shrink_toward_the_plainest_form(proposition: Proposition, plainest: Any) -> None:
    """Written values shrink to 0, the first declared value, the first two events, false."""
    assert plainest == find(strategies.written_values(proposition), lambda _: True, settings=SHRINK)


def test_comparatives_shrink_toward_at_least_zero() -> None:
    """An unbounded quantity shrinks to 'at least 0'."""
    value = find(strategies.values(DEATHS), lambda v: v.interval.high is None, settings=SHRINK)
    assert QuantityValue(Interval(Decimal(0))) == value


ONE_OF_EACH = strategies.cases(number_of_sources=1, number_of_propositions=1, number_of_claims=1)


def test_invalid_case_texts_shrink_toward_the_first_mistake_in_yaml() -> None:
    """Invalid case texts shrink toward the first kind of mistake, in YAML."""
    t = find(strategies.invalid_case_texts(cases=ONE_OF_EACH), lambda _: True, settings=SHRINK)
    assert (MISTAKES[0], "yaml") == (t.mistake, t.format)


def test_case_texts_shrink_toward_yaml() -> None:
    """Case texts shrink toward YAML text, with no comment."""
    t = find(strategies.case_texts(cases=ONE_OF_EACH), lambda _: True, settings=SHRINK)
    assert "yaml" == t.format
    assert t.text.startswith("claimcheck: 1\n")
