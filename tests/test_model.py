"""Tests of claimcheck.model (and the frozen data it holds): valid by construction."""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    QuantityProposition,
    QuantityValue,
    SequenceProposition,
    SequenceValue,
    Source,
    model,
)
from claimcheck._frozen import FrozenDict, freeze, thaw
from claimcheck.errors import ClaimcheckError, Problem
from claimcheck.model import (
    Proposition,
    _unchecked_claim,
    closest,
    is_valid_id,
    parse_date,
    unknown_reference,
    value_problem,
)
from claimcheck.strategies import cases, claims, propositions, values
from claimcheck.values import Value

D = Decimal
ID_RULE = "is not a valid id (letters, digits, '.', '_' and '-', starting with a letter or digit)"


def exact(n: int | str) -> QuantityValue:
    """The quantity value holding exactly ``n``."""
    return QuantityValue(Interval(D(n), D(n)))


def claim(id: str, source: str, proposition: str, value: Any = None, **kw: Any) -> Claim:
    """A claim with a default value of exactly 11."""
    value = exact(11) if value is None else value
    return Claim(id, source, proposition, value, written=kw.pop("written", 11), **kw)


# -- ids, dates, suggestions --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a", True),
        ("0", True),
        ("gov-deaths-11", True),
        ("a.b_c-d", True),
        ("Жана", False),
        ("-a", False),
        (".a", False),
        ("a b", False),
        ("a/b", False),
        ("", False),
        ("a\n", False),
        (1, False),
        (None, False),
    ],
)
def test_is_valid_id(value: object, expected: bool) -> None:
    """Ids match [A-Za-z0-9][A-Za-z0-9._-]* and nothing else."""
    assert expected == is_valid_id(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011", dt.date(2011, 1, 1)),
        ("2011-12", dt.date(2011, 12, 1)),
        ("2011-12-17", dt.date(2011, 12, 17)),
        ("2012-02-29", dt.date(2012, 2, 29)),
    ],
)
def test_parse_date_gives_the_earliest_day(text: str, expected: dt.date) -> None:
    """A date compares by its earliest day."""
    assert expected == parse_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2011-02-29", "date '2011-02-29' is not a day of the calendar"),
        ("2011-00", "date '2011-00' is not a day of the calendar"),
        ("11", "date '11' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2011-12-17T10:00", "date '2011-12-17T10:00' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        # Digits of other scripts are digits to int(), but not to ISO 8601.
        (
            "\uff12\uff10\uff11\uff12",
            "date '\uff12\uff10\uff11\uff12' is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "\u0662\u0660\u0661\u0661-12",
            "date '\u0662\u0660\u0661\u0661-12' is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    ],
)
def test_parse_date_refuses_bad_dates(text: str, message: str) -> None:
    """A date that is not ISO 8601 day, month or year is a ValueError that quotes it."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        parse_date(text)
    assert message == str(caught.value)


def test_closest_and_unknown_reference() -> None:
    """Misspelt ids get the closest known id, or no suggestion."""
    assert ("amnesty", None) == (closest("amnest", ["amnesty", "hrw"]), closest("zz", ["hrw"]))
    assert "claim 'c': unknown source 'zz'" == unknown_reference("claim 'c'", "source", "zz", [])


# -- objects validate themselves -----------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Source("-x", "ngo"), ValueError, f"id '-x' {ID_RULE}"),
        (
            lambda: Source("x", "ngo", part_of="x"),
            ValueError,
            "source 'x' cannot be part of itself",
        ),
        (lambda: Source("x", "ngo", bloc="a b"), ValueError, f"bloc 'a b' {ID_RULE}"),
        (
            lambda: Source("x", "ngo", name=1),  # type: ignore[arg-type]
            TypeError,
            "name must be text, got 1",
        ),
        (lambda: CaseInfo(id="a b"), ValueError, f"id 'a b' {ID_RULE}"),
        (
            lambda: CaseInfo(date="2011-02-30"),
            ValueError,
            "date '2011-02-30' is not a day of the calendar",
        ),
        (
            lambda: AssertionProposition("p", " "),
            ValueError,
            "text must be non-empty text, got ' '",
        ),
        (
            lambda: QuantityProposition("p", "T", unit=""),
            ValueError,
            "unit must be non-empty text, got ''",
        ),
        (
            lambda: QuantityProposition("p", "T", unit="people", part_of="p"),
            ValueError,
            "proposition 'p' cannot be part of itself",
        ),
        (
            lambda: SequenceProposition("p", "T", events={}),
            ValueError,
            "a sequence proposition needs a mapping of events",
        ),
        (
            lambda: SequenceProposition("p", "T", events={"a b": "x"}),
            ValueError,
            "event 'a b' is not a valid id",
        ),
        (
            lambda: SequenceProposition("p", "T", events={"a": 1}),
            ValueError,
            "event 'a' needs a description in words",
        ),
        (
            lambda: claim("c", "s", "p", date="2011-1-1"),
            ValueError,
            "date '2011-1-1' is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            lambda: claim("c", "s", "p", via="abc"),
            TypeError,
            "expected a list of ids, got a single string",
        ),
        (lambda: claim("c", "s", "p", cites=["a b"]), ValueError, f"cites 'a b' {ID_RULE}"),
        (
            lambda: claim("c", "s", "p", value=True),
            TypeError,
            "a claim's value must be a parsed value, got True",
        ),
        (lambda: claim("c", "s", "p", quote=b"x"), TypeError, "quote must be text, got b'x'"),
        (
            lambda: Source("x", "ngo", extra=[1]),  # type: ignore[arg-type]
            TypeError,
            "extra must be a mapping of keys to values, got [1]",
        ),
    ],
)
def test_constructing_invalid_objects_fails(
    build: Any, error: type[Exception], message: str
) -> None:
    """Objects check their own fields on construction, with a message saying what is wrong."""
    with pytest.raises(error) as caught:
        build()
    assert message == str(caught.value)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: Source("x", "NGO"),
            ValueError,
            "'kind' must be in ('government', 'opposition', 'ngo', 'intergovernmental', "
            "'media', 'witness', 'court', 'academic', 'encyclopedia', 'other') (got 'NGO')",
        ),
        (
            lambda: QuantityProposition("p", "T", unit="people", integer=1),  # type: ignore[arg-type]
            TypeError,
            "'integer' must be <class 'bool'> (got 1 that is a <class 'int'>).",
        ),
        (
            lambda: claim("c", "s", "p", retracted="yes"),
            TypeError,
            "'retracted' must be <class 'bool'> (got 'yes' that is a <class 'str'>).",
        ),
    ],
)
def test_constructing_with_a_value_outside_a_choice_fails(
    build: Any, error: type[Exception], message: str
) -> None:
    """A kind outside SOURCE_KINDS or a non-bool flag is refused by attrs' own validators."""
    with pytest.raises(error) as caught:
        build()
    assert message == caught.value.args[0]


def test_objects_are_frozen() -> None:
    """Records cannot be changed once built."""
    source = Source("a", "media")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        source.id = "b"  # type: ignore[misc]


def test_extra_is_frozen_and_hashable() -> None:
    """An extra is kept as an equal, hashable copy; None means empty."""
    # The converter takes plain data, though the field is typed by what it holds.
    source = Source("a", "media", extra={"k": [1, {"b": 2}]})  # type: ignore[arg-type]
    again = Source("a", "media", extra={"k": [1, {"b": 2}]})  # type: ignore[arg-type]
    assert FrozenDict({"k": (1, FrozenDict({"b": 2}))}) == source.extra
    assert hash(source) == hash(again)
    assert FrozenDict() == Source("a", "media", extra=None).extra  # type: ignore[arg-type]


def test_claim_state_date() -> None:
    """A claim's state_date is the earliest day of its date."""
    assert (dt.date(2011, 12, 1), None) == (
        claim("c", "s", "p", date="2011-12").state_date,
        claim("c", "s", "p").state_date,
    )


def test_claim_ids_lists_become_tuples() -> None:
    """Relays and citations are kept as tuples."""
    c = claim("c", "s", "p", via=["a", "b"], cites=iter(["d"]))
    assert (("a", "b"), ("d",)) == (c.via, c.cites)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (Decimal("1e5000"), "the number 1E+5000 is out of range"),
        ({"min": 1, "max": [2, 10**4000]}, "the number 1.000000...E+4000 is out of range"),
        (float("inf"), "inf is not a finite number"),
        (Decimal("NaN"), "NaN is not a finite number"),
    ],
)
def test_a_claim_refuses_written_numbers_no_report_can_write(written: Any, problem: str) -> None:
    """Reports write a claim's value as written, in full: a number they cannot write is refused.

    Made in Python, ``written=Decimal("1e5000")`` beside a valid value made
    every report fail, and ``1e2000000`` took minutes before it did.
    """
    with pytest.raises(ValueError, match=re.escape(f"written: {problem}")):
        claim("c", "s", "p", written=written)


class _Number(enum.IntEnum):
    ONE = 1


class _Text(str):
    """Text of a type of its own, which PyYAML does not write."""


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ({"a": object()}, "the object <object object at "),
        ({("a", 1): "x"}, "the tuple ('a', 1)"),
        ({"a": [{frozenset(): 1}]}, "the frozenset frozenset()"),
        ({"a": {1, 2}}, "the set {1, 2}"),
        ({"a": b"x"}, "the bytes b'x'"),
        ({"a": _Number.ONE}, f"the {__name__}._Number <_Number.ONE: 1>"),
        ({_Text("k"): 1}, f"the {__name__}._Text 'k'"),
        ({"a": np.float64(0.5)}, f"the numpy.float64 {np.float64(0.5)!r}"),
        ({"a": b"x" * 100}, "the bytes " + repr(b"x" * 100)[:57] + "..."),  # cut short
    ],
)
def test_extra_and_written_refuse_what_no_case_file_can_hold(data: Any, shown: str) -> None:
    """Made in Python, such data would make dumps fail, or write YAML that does not load."""
    held = "is not plain data a case file can hold (text, numbers, true, false and null, in lists and mappings)"
    with pytest.raises(ValueError, match=f"^extra: {re.escape(shown)}.* {re.escape(held)}$"):
        Source("a", "ngo", extra=data)
    with pytest.raises(ValueError, match=f"^written: {re.escape(shown)}"):
        claim("c", "s", "p", written=data)


@pytest.mark.parametrize(
    "number", [float("nan"), float("-inf"), Decimal("NaN"), Decimal("Infinity")]
)
def test_extra_refuses_numbers_that_are_not_finite_as_keys_and_values(number: Any) -> None:
    for data in ({"a": [number]}, {number: "a"}):
        with pytest.raises(ValueError, match=r"^extra: .* is not a finite number$"):
            Source("a", "ngo", extra=data)  # type: ignore[arg-type]


def test_extra_keeps_any_plain_data_however_large_its_numbers() -> None:
    """A file's 1e5000 is kept as written under extra: so is one made in Python."""
    data = {1: [None, True, 2.5, Decimal("1e5000"), 10**3000], None: {"x": "y"}, Decimal("2.5"): 0}
    assert data == thaw(Source("a", "ngo", extra=data).extra)  # type: ignore[arg-type]


def test_extra_keeps_whole_numbers_python_writes_and_refuses_longer_ones() -> None:
    """A file's whole number of as many digits as Python writes is an int: kept; longer, refused."""
    limit = sys.get_int_max_str_digits()
    if limit == 0:
        pytest.skip("Python writes whole numbers of any length here")
    kept = {"n": 10 ** (limit - 1), "m": -(10 ** (limit - 1))}
    assert kept == thaw(Source("a", "ngo", extra=kept).extra)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError,
        match=f"^extra: a whole number of more than {limit:,} digits cannot be written back "
        r"\(Python's limit\); give it as a Decimal$",
    ):
        Source("a", "ngo", extra={"n": 10**limit})  # type: ignore[arg-type]


def test_a_claim_keeps_written_numbers_a_report_can_write() -> None:
    written = {"a": [Decimal("9.9e3999"), 10**3999, 2.5, True, None], "b": "text"}
    assert thaw(claim("c", "s", "p", written=written).written) == written


# -- category hierarchies -------------------------------------------------------


def test_category_hierarchy_leaves_of_nodes() -> None:
    """A node stands for all the leaves below it, at any depth."""
    p = CategoryProposition(
        "who",
        "Who fired first",
        values={
            "protest-side": ["oil-workers", "provocateurs"],
            "security-forces": {
                "police": ["riot-police", "traffic-police"],
                "internal-troops": None,
            },
        },
    )
    assert (
        frozenset(
            {"oil-workers", "provocateurs", "riot-police", "traffic-police", "internal-troops"}
        )
        == p.leaves
    )
    assert frozenset({"riot-police", "traffic-police", "internal-troops"}) == p.leaves_of(
        "security-forces"
    )
    assert frozenset({"riot-police", "traffic-police"}) == p.leaves_of("police")
    assert frozenset({"provocateurs"}) == p.leaves_of("provocateurs")
    assert ("police", "internal-troops") == p.children["security-forces"]


def test_category_list_of_mappings_form() -> None:
    """A list may mix plain leaves and one-key mappings giving a node's children."""
    p = CategoryProposition(
        "who", "Who", values=["police", {"protesters": ["strikers", "provocateurs"]}, "army"]
    )
    assert ["police", "protesters", "strikers", "provocateurs", "army"] == list(p.children)
    assert frozenset({"police", "strikers", "provocateurs", "army"}) == p.leaves
    assert frozenset({"strikers", "provocateurs"}) == p.leaves_of("protesters")


def test_category_leaves_of_an_undeclared_value() -> None:
    """`leaves_of` an undeclared value is a KeyError."""
    p = CategoryProposition("who", "Who", values=["police"])
    with pytest.raises(KeyError):
        p.leaves_of("army")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"a": ["b", "c"], "d": ["b"]}, "category value 'b' is declared twice"),
        (["a", {"a": ["b"]}], "category value 'a' is declared twice"),
        ({"a": ["a"]}, "category value 'a' is declared twice"),
        ([], "a category proposition needs at least one value"),
        ({"a": []}, "category value 'a' has nothing below it"),
        (["a", ""], "a category value must be non-empty text, got ''"),
        ([1], "a category value must be non-empty text, got 1"),
        ("abc", "category values must be a list or a mapping, got 'abc'"),
    ],
)
def test_category_hierarchy_errors(values: Any, message: str) -> None:
    """Malformed hierarchies are refused with a message naming the value."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        CategoryProposition("p", "T", values=values)
    assert message == str(caught.value)


# -- a case fits together ---------------------------------------------------------


def small_case(**changes: Any) -> dict[str, Any]:
    """The arguments of a small valid case, with some replaced."""
    args: dict[str, Any] = {
        "sources": (Source("amnesty", "ngo"), Source("gov", "government")),
        "propositions": (QuantityProposition("deaths", "People killed", unit="people"),),
        "claims": (claim("c1", "gov", "deaths"),),
    }
    args.update(changes)
    return args


def case_problems(**changes: Any) -> list[str]:
    """The problems building a small case with these changes raises."""
    with pytest.raises(InvalidCaseError) as caught:
        Case(**small_case(**changes))
    return [str(p) for p in caught.value.problems]


def test_case_lookups() -> None:
    """A case finds its sources, propositions and claims by id."""
    case = Case(**small_case())
    assert ("government", "People killed", "gov") == (
        case.source("gov").kind,
        case.proposition("deaths").text,
        case.claim("c1").source,
    )
    with pytest.raises(KeyError):
        case.claim("nope")


def test_case_is_hashable_and_equal_by_value() -> None:
    """Two cases built alike are equal and hash alike."""
    assert (Case(**small_case()), hash(Case(**small_case()))) == (
        Case(**small_case()),
        hash(Case(**small_case())),
    )


def test_case_with_dangling_references() -> None:
    """Case refuses claims naming unknown sources, propositions, relays and claims."""
    assert [
        "<case>: claim 'c2': unknown source 'amnest'; did you mean 'amnesty'?",
        "<case>: claim 'c2': unknown source 'gv'; did you mean 'gov'?",
        "<case>: claim 'c2': unknown claim 'c11'; did you mean 'c1'?",
        "<case>: claim 'c2': unknown proposition 'death'; did you mean 'deaths'?",
    ] == case_problems(
        claims=(
            claim("c1", "gov", "deaths"),
            claim("c2", "amnest", "death", via=["gv"], cites=["c11"]),
        )
    )


def test_case_with_duplicate_ids_and_cycles() -> None:
    """Case refuses duplicate ids and part_of cycles."""
    assert [
        "<case>: source id 'gov' is used twice",
        "<case>: source 'a': part_of forms a cycle: a -> b -> a",
    ] == case_problems(
        sources=(
            Source("amnesty", "ngo"),
            Source("gov", "government"),
            Source("gov", "media"),
            Source("a", "ngo", part_of="b"),
            Source("b", "ngo", part_of="a"),
        )
    )


def test_case_with_a_cites_cycle() -> None:
    """Case refuses claims that cite each other in a ring."""
    assert ["<case>: claim 'c1': cites forms a cycle: c1 -> c2 -> c1"] == case_problems(
        claims=(
            claim("c1", "gov", "deaths", cites=["c2"]),
            claim("c2", "amnesty", "deaths", cites=["c1"]),
        )
    )


def test_case_with_values_that_do_not_fit() -> None:
    """Case refuses a value of the wrong kind or a fraction for a whole count."""
    assert [
        "<case>: claim 'c1': an assertion value for quantity proposition 'deaths'",
        "<case>: claim 'c2': interval is not closed on whole numbers, but 'deaths' counts whole people",
    ] == case_problems(
        claims=(
            claim("c1", "gov", "deaths", value=AssertionValue(True), written=True),
            claim("c2", "gov", "deaths", value=exact("2.5"), written=D("2.5")),
        )
    )


def test_value_problem_for_categories_and_sequences() -> None:
    """`value_problem` names undeclared leaves and events."""
    who = CategoryProposition("who", "Who", values=["police", "army"])
    order = SequenceProposition("order", "Order", events={"a": "A", "b": "B"})
    assert [
        "'navy' is not a leaf value of proposition 'who'",
        "undeclared event 'c' in proposition 'order'",
        None,
    ] == [
        value_problem(who, CategoryValue({"navy", "army"})),
        value_problem(order, SequenceValue({("a", "c")})),
        value_problem(order, SequenceValue({("b", "a")})),
    ]


def test_invalid_case_error_is_a_value_error() -> None:
    """InvalidCaseError is both a ClaimcheckError and a ValueError."""
    error = InvalidCaseError([Problem("f.yaml", 3, "x"), Problem("f.yaml", None, "y")])
    assert (True, True, "f.yaml:3: x\nf.yaml: y") == (
        isinstance(error, ClaimcheckError),
        isinstance(error, ValueError),
        str(error),
    )


# -- frozen data ----------------------------------------------------------------


def test_frozen_dict_behaves_as_a_read_only_mapping() -> None:
    """FrozenDict keeps order, compares with dicts and hashes by value."""
    d = FrozenDict({"b": 1, "a": 2})
    assert (["b", "a"], 2, True, True) == (
        list(d),
        len(d),
        d == {"a": 2, "b": 1},
        hash(d) == hash(FrozenDict({"a": 2, "b": 1})),
    )
    assert "FrozenDict({'b': 1, 'a': 2})" == repr(d)
    with pytest.raises(TypeError):
        d["c"] = 3  # type: ignore[index]
    assert d != [("b", 1), ("a", 2)]


def test_freeze_and_thaw_round_trip() -> None:
    """`freeze` makes nested data hashable; thaw gives back equal plain data."""
    data = {"a": [1, {"b": (2, 3)}], "c": None, "d": D("0.1")}
    frozen = freeze(data)
    assert FrozenDict({"a": (1, FrozenDict({"b": (2, 3)})), "c": None, "d": D("0.1")}) == frozen
    assert isinstance(hash(frozen), int)
    assert {"a": [1, {"b": [2, 3]}], "c": None, "d": D("0.1")} == thaw(frozen)


# -- the loader's unchecked construction ------------------------------------------


@given(claims(), st.data())
def test_an_unchecked_claim_equals_the_claim_its_fields_make(
    claim: Claim, data: st.DataObject
) -> None:
    """`_unchecked_claim` with a claim's fields makes an equal claim, every attribute set."""
    extra = data.draw(st.sampled_from([claim.extra, freeze({"note": [1, {"a": None}]})]))
    fields = {f.name: getattr(claim, f.name) for f in attrs.fields(Claim)} | {"extra": extra}
    made = _unchecked_claim(**fields)
    assert (Claim(**fields), fields) == (
        made,
        {f.name: getattr(made, f.name) for f in attrs.fields(Claim)},
    )


# -- the quick test of claims' cross-object rules ----------------------------------


@st.composite
def _mutated_claims(draw: st.DrawFn) -> tuple[Case, list[Claim]]:
    """A case, and its claims with some references or values broken."""
    case = draw(cases(number_of_claims=st.integers(1, 8)))
    claims = list(case.claims)
    ids = st.sampled_from(
        ["nobody", "nothing", *(c.id for c in claims), *(s.id for s in case.sources)]
    )
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(claims) - 1))
        field = draw(st.sampled_from(["id", "source", "proposition", "via", "cites", "value"]))
        if field in ("via", "cites"):
            change: Any = tuple(draw(st.lists(ids, max_size=2)))
        elif field == "value":
            change = claims[draw(st.integers(0, len(claims) - 1))].value
        else:
            change = draw(ids.filter(is_valid_id))
        claims[i] = attrs.evolve(claims[i], **{field: change})
    return case, claims


@given(_mutated_claims())
def test_claims_fit_exactly_when_checking_them_one_by_one_finds_nothing(
    drawn: tuple[Case, list[Claim]],
) -> None:
    """`_claims_fit` says the claims fit exactly when the one-by-one checks find no problem."""
    case, claims = drawn
    sources, propositions = case.sources, case.propositions
    fit = model._claims_fit(claims, {s.id: s for s in sources}, {p.id: p for p in propositions})
    quick = model.case_problems(sources, propositions, claims)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model, "_claims_fit", lambda *_: False)
        one_by_one = model.case_problems(sources, propositions, claims)
        without_claims = model.case_problems(sources, propositions, [])
    assert (one_by_one, fit) == (quick, one_by_one == without_claims)


@given(propositions(), st.data())
def test_propositions_with_equal_fit_keys_admit_the_same_values(
    proposition: Proposition, data: st.DataObject
) -> None:
    """Two propositions with one `_fit_key` find fault with the same values (see `_claims_fit`)."""
    other: Proposition = attrs.evolve(proposition, id="other-id", text="Another text")
    if isinstance(proposition, QuantityProposition):
        unit = data.draw(st.sampled_from(["people", "km"]))
        other = attrs.evolve(proposition, id="other-id", text="Another text", unit=unit)
    odd: list[Value] = [
        QuantityValue(Interval(D("1.5"))),
        QuantityValue(Interval(D(2), D(3), high_open=True)),
        AssertionValue(True),
        CategoryValue({"x"}),
    ]
    value = data.draw(st.one_of(values(proposition), st.sampled_from(odd)))
    assert model._fit_key(proposition) == model._fit_key(other)
    assert (value_problem(proposition, value) is None) == (value_problem(other, value) is None)
