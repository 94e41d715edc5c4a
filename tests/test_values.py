"""Tests of claimcheck.values: intervals, lexicons and the four value kinds."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from claimcheck.values import (
    DEFAULT_LEXICON,
    AssertionValue,
    CategoryValue,
    Interval,
    Lexicon,
    OutOfRangeError,
    QuantityValue,
    SequenceValue,
    normalize_words,
)

D = Decimal


def iv(text: str) -> Interval:
    """An interval from its usual notation: ``[1, 5)``, ``(3, inf)``."""
    low, high = (part.strip() for part in text[1:-1].split(","))
    if high == "inf":
        return Interval(D(low), low_open=text[0] == "(")
    return Interval(D(low), D(high), low_open=text[0] == "(", high_open=text[-1] == ")")


# -- Interval ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Interval(D(20), D(10)), ValueError, "empty interval: low 20 is above high 10"),
        (
            lambda: Interval(D(5), D(5), low_open=True),
            ValueError,
            "empty interval: nothing lies strictly around 5",
        ),
        (
            lambda: Interval(D(5), D(5), high_open=True),
            ValueError,
            "empty interval: nothing lies strictly around 5",
        ),
        (lambda: Interval(D(-1)), ValueError, "a count is never negative, got low -1"),
        (
            lambda: Interval(D(1), high_open=True),
            ValueError,
            "an unbounded interval has no open high bound",
        ),
        (lambda: Interval(D("NaN")), ValueError, "a bound must be finite, got Decimal('NaN')"),
        (
            lambda: Interval(D(1), D("Infinity")),
            ValueError,
            "a bound must be finite, got Decimal('Infinity')",
        ),
        (lambda: Interval(1.5), TypeError, "expected an int or Decimal, got 1.5"),
        (lambda: Interval(True), TypeError, "expected an int or Decimal, got True"),
    ],
)
def test_interval_refuses_what_is_not_a_non_empty_count(
    build: Any, error: type[Exception], message: str
) -> None:
    """An interval is non-empty, non-negative and finite-bounded."""
    with pytest.raises(error) as caught:
        build()
    assert message == str(caught.value)


@pytest.mark.parametrize(
    "number", [D("1e4000"), D("9.9e-4001"), D("0e-4001"), D("0e4000"), D("1e100000000"), 10**4000]
)
def test_interval_refuses_numbers_out_of_range(number: Any) -> None:
    """However a value is made, no number stands for more digits than a report can write.

    ``1e100000000`` is a few bytes, but written out in full (as reports
    write numbers) it is a hundred million digits: making a report of it
    hung.  Files refuse such numbers as they read them; the model does too.
    """
    with pytest.raises(OutOfRangeError, match="is out of range: a"):
        Interval(D(0), number)
    with pytest.raises(OutOfRangeError):
        QuantityValue(Interval(D(0)), best=number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (
            D("9" * 30 + "e-4030"),
            "the number 9.999999...E-4001 is out of range: a value's numbers lie"
            " from 1E-4000 to below 1E+4000 in size",
        ),
        (
            D("0e-4001"),
            "the number 0E-4001 is out of range: a zero's exponent lies from -4000 to 3999",
        ),
    ],
)
def test_numbers_out_of_range_are_named_truly(number: Decimal, message: str) -> None:
    """A long number is cut, not rounded (rounded, this one would read 1.000000E-4000)."""
    with pytest.raises(OutOfRangeError) as caught:
        Interval(number)
    assert message == str(caught.value)


def test_interval_takes_numbers_at_the_edges_of_the_range() -> None:
    big, small = D("9.99e3999"), D("1e-4000")
    assert (small, big) == (Interval(small, big).low, Interval(small, big).high)
    assert Interval(10**3999).low == D(10) ** 3999
    assert Interval(D("0e-4000")).low == 0


def test_interval_converts_ints() -> None:
    """Int bounds become Decimals."""
    interval = Interval(3, 7)
    assert (D(3), D(7), False) == (interval.low, interval.high, interval.is_exact)
    assert Interval(4, 4).is_exact


@pytest.mark.parametrize(
    ("interval", "x", "expected"),
    [
        ("[1, 5]", "1", True),
        ("[1, 5]", "5", True),
        ("(1, 5)", "1", False),
        ("(1, 5)", "5", False),
        ("(1, 5)", "4.999", True),
        ("[1, inf)", "1000000", True),
        ("(1, inf)", "1", False),
        ("[1, 5]", "0.5", False),
    ],
)
def test_interval_contains(interval: str, x: str, expected: bool) -> None:
    """`contains` respects open and closed bounds."""
    assert expected == iv(interval).contains(D(x))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[2, 3]", "[1, 5]", True),
        ("[1, 5]", "[1, 5]", True),
        ("[1, 5]", "(1, 5]", False),
        ("(1, 5]", "[1, 5]", True),
        ("[1, 5]", "[1, 5)", False),
        ("[1, 5)", "[1, 5]", True),
        ("[1, 5]", "[1, inf)", True),
        ("[1, inf)", "[1, 5]", False),
        ("(3, inf)", "[3, inf)", True),
        ("[3, inf)", "(3, inf)", False),
    ],
)
def test_interval_is_subset(a: str, b: str, expected: bool) -> None:
    """`is_subset` compares bounds, an open bound admitting less than a closed one."""
    assert expected == iv(a).is_subset(iv(b))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[1, 5]", "[3, 8]", "[3, 5]"),
        ("[1, 5]", "(3, 8]", "(3, 5]"),
        ("[1, 5)", "[3, 8]", "[3, 5)"),
        ("[1, 5]", "[5, 8]", "[5, 5]"),
        ("[1, 5)", "[5, 8]", None),
        ("[1, 5]", "(5, inf)", None),
        ("[1, 3]", "[4, 8]", None),
        ("[1, inf)", "[0, 2]", "[1, 2]"),
        ("(1, inf)", "[1, inf)", "(1, inf)"),
        ("[2, 4)", "[2, 4]", "[2, 4)"),
    ],
)
def test_interval_intersection(a: str, b: str, expected: str | None) -> None:
    """`intersection` keeps the tighter bound, or is None when nothing is shared."""
    want = None if expected is None else iv(expected)
    assert (want, want) == (iv(a).intersection(iv(b)), iv(b).intersection(iv(a)))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[1, 2]", "[5, 8]", "[1, 8]"),
        ("(1, 2]", "[1, 8)", "[1, 8)"),
        ("(1, 3)", "(1, 3]", "(1, 3]"),
        ("(1, 3)", "[5, inf)", "(1, inf)"),
        ("[0, 1]", "[0, 1]", "[0, 1]"),
    ],
)
def test_interval_hull(a: str, b: str, expected: str) -> None:
    """`hull` keeps the looser bound on each side."""
    assert (iv(expected), iv(expected)) == (iv(a).hull(iv(b)), iv(b).hull(iv(a)))


# -- Lexicon ----------------------------------------------------------------------


def test_lexicon_defaults() -> None:
    """The default lexicon holds the words of the specification."""
    lexicon = Lexicon()
    assert ((D(12), D(99)), (D(2), D(3)), None, D("0.1")) == (
        lexicon.lookup("dozens"),
        lexicon.lookup("A  Couple"),
        lexicon.lookup("a handful"),
        lexicon.tolerance,
    )
    assert 15 == len(DEFAULT_LEXICON)


def test_lexicon_adds_and_overrides_words() -> None:
    """A file's words are added and override the defaults, in any case and spacing."""
    lexicon = Lexicon({"A Handful": (2, 6), "dozens": (24, 99)}, approx=D("0.2"))
    assert ((D(2), D(6)), (D(24), D(99)), (D(3), D(19)), D("0.2")) == (
        lexicon.lookup("a   handful"),
        lexicon.lookup("Dozens"),
        lexicon.lookup("several"),
        lexicon.tolerance,
    )
    assert (D(2), D(6)) == lexicon.all_words()["a handful"]
    assert {"A Handful": (D(2), D(6)), "dozens": (D(24), D(99))} == dict(lexicon.words)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: Lexicon({"a": (3, 2)}),
            ValueError,
            "a lexicon range must be [low, high] with 0 <= low <= high, got (3, 2)",
        ),
        (
            lambda: Lexicon({"a": (-1, 2)}),
            ValueError,
            "a lexicon range must be [low, high] with 0 <= low <= high, got (-1, 2)",
        ),
        (
            lambda: Lexicon({"A  b": (1, 2), "a b": (1, 2)}),
            ValueError,
            "lexicon words 'A  b' and 'a b' are the same word",
        ),
        (
            lambda: Lexicon({" ": (1, 2)}),
            ValueError,
            "a lexicon word must be non-empty text, got ' '",
        ),
        (lambda: Lexicon(approx=D(1)), ValueError, "approx must be at least 0 and below 1, got 1"),
        (lambda: Lexicon(approx=0.1), TypeError, "expected an int or Decimal, got 0.1"),
    ],
)
def test_lexicon_refuses_bad_words(build: Any, error: type[Exception], message: str) -> None:
    """Lexicon ranges are ordered and non-negative; words are distinct; approx is below 1."""
    with pytest.raises(error) as caught:
        build()
    assert message == str(caught.value)


def test_normalize_words() -> None:
    """Words match in lower case with single spaces."""
    assert "a few hundred" == normalize_words("  A\tFew \n HUNDRED ")


# -- QuantityValue ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(QuantityValue(iv("[10, 20]"), best=D(14)), "14", id="best"),
        pytest.param(QuantityValue(iv("[11, 11]"), named=D(5)), "11", id="exact-before-named"),
        pytest.param(QuantityValue(iv("[405, 495]"), named=D(450)), "450", id="about"),
        pytest.param(QuantityValue(iv("[90, 100)"), named=D(100)), "100", id="nearly"),
        pytest.param(QuantityValue(iv("[12, 99]"), vague=True), "12", id="low-above-zero"),
        pytest.param(QuantityValue(iv("[15, inf)")), "15", id="at-least"),
        pytest.param(QuantityValue(iv("[0, 20]")), "20", id="up-to"),
        pytest.param(QuantityValue(iv("[0, inf)")), "0", id="at-least-zero"),
        pytest.param(QuantityValue(iv("[0, 20]"), best=D(0)), "0", id="best-zero"),
    ],
)
def test_quantity_point(value: QuantityValue, expected: str) -> None:
    """The point is best, else exact, else named, else low > 0, else finite high, else low."""
    assert D(expected) == value.point


def test_quantity_best_must_lie_inside() -> None:
    """A best estimate outside the interval is refused."""
    message = "best 5 lies outside the interval"
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        QuantityValue(iv("[1, 3]"), best=D(5))
    assert message == str(caught.value)


def test_quantity_value_equality_ignores_nothing_but_kind() -> None:
    """Values are equal when interval, best, named and vague are."""
    assert QuantityValue(iv("[1, 3]")) == QuantityValue(Interval(1, 3))
    assert QuantityValue(iv("[1, 3]")) != QuantityValue(iv("[1, 3]"), vague=True)
    assert "quantity" == QuantityValue(iv("[1, 3]")).kind


# -- the other kinds --------------------------------------------------------------


def test_category_value() -> None:
    """A category value is a non-empty frozen set of leaves."""
    assert (frozenset({"a", "b"}), "category") == (
        CategoryValue(["a", "b", "a"]).leaves,
        CategoryValue({"a"}).kind,
    )
    with pytest.raises(ValueError, match=r"^a category value must allow at least one leaf$"):
        CategoryValue(set())


def test_sequence_value_is_transitively_closed() -> None:
    """Precedences are stored transitively closed."""
    value = SequenceValue([("a", "b"), ("b", "c"), ("c", "d")])
    assert {("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")} == set(
        value.precedences
    )
    assert frozenset("abcd") == value.events
    assert SequenceValue({("a", "c"), ("a", "b"), ("b", "c")}) == SequenceValue(
        {("a", "b"), ("b", "c")}
    )


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ({("a", "a")}, "the precedences form a cycle through 'a'"),
        ({("b", "c"), ("c", "b")}, "the precedences form a cycle through 'b'"),
        (
            {("x", "b"), ("b", "c"), ("c", "d"), ("d", "b")},
            "the precedences form a cycle through 'b'",
        ),
    ],
)
def test_sequence_value_refuses_cycles(pairs: set[tuple[str, str]], message: str) -> None:
    """A cycle allows no order, so it is refused, naming its least event."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        SequenceValue(pairs)
    assert message == str(caught.value)


def test_assertion_value() -> None:
    """An assertion value is exactly true or false."""
    assert (True, "assertion") == (AssertionValue(True).value, AssertionValue(False).kind)
    with pytest.raises(TypeError):
        AssertionValue(1)  # type: ignore[arg-type]
