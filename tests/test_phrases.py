"""Tests of claimcheck.phrases: quantity values as the claim format writes them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.errors import ClaimcheckError
from claimcheck.model import QuantityProposition
from claimcheck.phrases import (
    _DIGITS,
    _EXACT,
    _MULTIPLIERS,
    PhraseError,
    _number,
    _QuantityReader,
    _read_bare,
    _read_quick,
    _value,
    _words_value,
    format_interval,
    format_number,
    parse_number,
    parse_quantity,
)
from claimcheck.strategies import written_values
from claimcheck.values import DEFAULT_LEXICON, Interval, Lexicon, QuantityValue

D = Decimal


def closed(low: int | str | Decimal, high: int | str | Decimal | None = None) -> Interval:
    """A closed interval from short literals; ``high=None`` is unbounded."""
    return Interval(D(low), None if high is None else D(high))


def exact(n: int | str | Decimal) -> Interval:
    """The interval holding exactly ``n``."""
    return closed(n, n)


# The table of the specification, row by row, for an integer quantity.
TABLE = [
    # N
    ("11", exact(11)),
    ("eleven", exact(11)),
    ("Eleven", exact(11)),
    ("eighty-six", exact(86)),
    ("eighty six", exact(86)),
    ("1,000", exact(1000)),
    ("1,000,000", exact(1000000)),
    ("one hundred", exact(100)),
    ("a hundred", exact(100)),
    ("one hundred and fifty", exact(150)),
    ("two thousand five hundred", exact(2500)),
    ("a thousand", exact(1000)),
    ("twenty-five", exact(25)),
    ("  11  ", exact(11)),
    # at least N
    ("at least 14", closed(14)),
    ("At  Least  fourteen", closed(14)),
    ("no fewer than 14", closed(14)),
    ("14 or more", closed(14)),
    ("14+", closed(14)),
    (">= 14", closed(14)),
    (">=14", closed(14)),
    ("\N{GREATER-THAN OR EQUAL TO} 14", closed(14)),
    ("\N{GREATER-THAN OR EQUAL TO}14", closed(14)),
    ("at least 1,000", closed(1000)),
    # more than N
    ("more than 14", closed(15)),
    ("over 14", closed(15)),
    ("> 14", closed(15)),
    (">14", closed(15)),
    ("more than a dozen", closed(13)),
    ("over a hundred", closed(101)),
    # at most N
    ("at most 20", closed(0, 20)),
    ("up to 20", closed(0, 20)),
    ("no more than twenty", closed(0, 20)),
    ("<= 20", closed(0, 20)),
    ("<=20", closed(0, 20)),
    ("\N{LESS-THAN OR EQUAL TO} 20", closed(0, 20)),
    # fewer than N
    ("fewer than 20", closed(0, 19)),
    ("less than 20", closed(0, 19)),
    ("under 20", closed(0, 19)),
    ("< 20", closed(0, 19)),
    ("<20", closed(0, 19)),
    # N-M
    ("20-25", closed(20, 25)),
    ("20 - 25", closed(20, 25)),
    ("20\N{EN DASH}25", closed(20, 25)),
    ("20 to 25", closed(20, 25)),
    ("twenty to twenty-five", closed(20, 25)),
    ("twenty-thirty", closed(20, 30)),
    ("between 20 and 25", closed(20, 25)),
    ("between one hundred and fifty and two hundred", closed(150, 200)),
    ("1,000-2,000", closed(1000, 2000)),
]


@pytest.mark.parametrize(("phrase", "expected"), TABLE)
def test_table_row(phrase: str, expected: Interval) -> None:
    """Each phrase form of the table reads as the interval of its row."""
    assert QuantityValue(expected) == parse_quantity(phrase)


APPROXIMATE = [
    ("about 450", closed(405, 495), 450),
    ("around 450", closed(405, 495), 450),
    ("approximately 450", closed(405, 495), 450),
    ("roughly 450", closed(405, 495), 450),
    ("some 450", closed(405, 495), 450),
    ("~450", closed(405, 495), 450),
    ("~ 450", closed(405, 495), 450),
    ("circa 450", closed(405, 495), 450),
    ("c. 450", closed(405, 495), 450),
    ("c.450", closed(405, 495), 450),
    ("about a hundred", closed(90, 110), 100),
    ("about a dozen", closed(10, 14), 12),
    ("about 45", closed(40, 50), 45),
    ("nearly 45", closed(40, 44), 45),
    ("almost forty-five", closed(40, 44), 45),
    ("just under 45", closed(40, 44), 45),
    ("nearly 450", closed(405, 449), 450),
]


@pytest.mark.parametrize(("phrase", "expected", "named"), APPROXIMATE)
def test_approximate_row(phrase: str, expected: Interval, named: int) -> None:
    """``about N`` and ``nearly N`` round outward and name N."""
    assert QuantityValue(expected, named=D(named)) == parse_quantity(phrase)


@pytest.mark.parametrize(("word", "bounds"), sorted(DEFAULT_LEXICON.items()))
def test_vague_word_of_default_lexicon(word: str, bounds: tuple[Decimal, Decimal]) -> None:
    """Each vague word of the default lexicon reads as its range, marked vague."""
    expected = QuantityValue(closed(*bounds), vague=True)
    assert expected == parse_quantity(word.upper())


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("11 people", exact(11)),
        ("11 People", exact(11)),
        ("dozens of people", closed(12, 99)),
        ("dozens people", closed(12, 99)),
        ("a few hundred people", closed(200, 999)),
        ("more than a dozen people", closed(13)),
        ("between 20 and 25 people", closed(20, 25)),
        ("20-25 people", closed(20, 25)),
    ],
)
def test_unit_may_end_a_phrase(phrase: str, expected: Interval) -> None:
    """A phrase may end with the unit, with or without ``of``."""
    assert expected == parse_quantity(phrase, unit="people").interval


def test_unit_with_approximation() -> None:
    """A unit may follow an approximate phrase."""
    expected = QuantityValue(closed(135, 165), named=D(150))
    assert expected == parse_quantity("around 150 km", unit="km", integer=False)


def test_a_dozen_alone_is_the_vague_word() -> None:
    """Alone, ``a dozen`` is the vague word, not the number 12."""
    assert QuantityValue(closed(10, 14), vague=True) == parse_quantity("a dozen")


def test_hyphen_reads_as_one_number_first() -> None:
    """``twenty-five`` is one number, ``20-25`` a range."""
    expected = (exact(25), closed(20, 25))
    assert expected == (
        parse_quantity("twenty-five").interval,
        parse_quantity("20-25").interval,
    )


def test_lexicon_overrides_a_default_word() -> None:
    """A file's lexicon changes a default word."""
    lexicon = Lexicon({"dozens": (24, 99)})
    expected = QuantityValue(closed(24, 99), vague=True)
    assert expected == parse_quantity("dozens", lexicon=lexicon)


def test_lexicon_adds_a_word() -> None:
    """A file's lexicon adds a word, usable with the unit."""
    lexicon = Lexicon({"a handful": (2, 6)})
    expected = QuantityValue(closed(2, 6), vague=True)
    assert expected == parse_quantity("a handful of people", unit="people", lexicon=lexicon)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("about 45", closed(36, 54)), ("nearly 45", closed(36, 44))],
)
def test_lexicon_tolerance(phrase: str, expected: Interval) -> None:
    """The lexicon's ``approx`` sets the tolerance of ``about`` and ``nearly``."""
    lexicon = Lexicon(approx=D("0.2"))
    assert expected == parse_quantity(phrase, lexicon=lexicon).interval


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("more than 14", closed(15)),
        ("more than 14.5", closed(15)),
        ("at least 14.5", closed(15)),
        ("at most 20.5", closed(0, 20)),
        ("less than 20.5", closed(0, 20)),
        ("less than 0.5", exact(0)),
        ("between 2.5 and 7.5", closed(3, 7)),
        ("about 2.5", closed(2, 3)),
        ("more than 10 and at most 20", closed(11, 20)),
        ("at least 10 and less than 20", closed(10, 19)),
        ("11.0", exact(11)),
    ],
)
def test_integer_closing(phrase: str, expected: Interval) -> None:
    """For integers, open bounds close, closed ones round inward, approximate ones outward."""
    assert expected == parse_quantity(phrase).interval


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("11.5", exact("11.5")),
        ("more than 2.5", Interval(D("2.5"), low_open=True)),
        ("at least 2.5", closed("2.5")),
        ("less than 20", Interval(D(0), D(20), high_open=True)),
        ("at most 2.5", closed(0, "2.5")),
        ("about 45", closed("40.5", "49.5")),
        ("nearly 45", Interval(D("40.5"), D(45), high_open=True)),
        ("between 2.5 and 7.5", closed("2.5", "7.5")),
        ("at least 2.5 and less than 3", Interval(D("2.5"), D(3), high_open=True)),
        ("more than 0 and at most 1", Interval(D(0), D(1), low_open=True)),
        ("more than 0 and less than 1", Interval(D(0), D(1), low_open=True, high_open=True)),
    ],
)
def test_non_integer_keeps_bounds(phrase: str, expected: Interval) -> None:
    """For other quantities, bounds stay as computed, open flags included."""
    assert expected == parse_quantity(phrase, integer=False).interval


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (11, QuantityValue(exact(11))),
        (D("11"), QuantityValue(exact(11))),
        (11.0, QuantityValue(exact(11))),
        ({"min": 10, "max": 20}, QuantityValue(closed(10, 20))),
        ({"min": 14}, QuantityValue(closed(14))),
        ({"max": 20}, QuantityValue(closed(0, 20))),
        ({"min": 14, "max": None}, QuantityValue(closed(14))),
        ({"low": 11, "high": 20}, QuantityValue(closed(11, 20))),
        ({"low": 11, "best": 14, "high": 20}, QuantityValue(closed(11, 20), best=D(14))),
        ({"low": 11, "best": 14}, QuantityValue(closed(11), best=D(14))),
        ({"min": 11, "best": 11, "max": 20}, QuantityValue(closed(11, 20), best=D(11))),
        ({"min": "1,000", "max": "two thousand"}, QuantityValue(closed(1000, 2000))),
        ({"min": D("10.5"), "max": D("20.5")}, QuantityValue(closed(11, 20))),
    ],
)
def test_numbers_and_mappings(written: object, expected: QuantityValue) -> None:
    """Numbers are exact values; mappings give closed bounds and maybe ``best``."""
    assert expected == parse_quantity(written)


def test_non_integer_mapping_and_float() -> None:
    """A non-integer quantity keeps a mapping's and a float's bounds exact."""
    expected = (closed("0.1", "2.5"), exact("0.1"))
    assert expected == (
        parse_quantity({"min": 0.1, "max": D("2.5")}, integer=False).interval,
        parse_quantity(0.1, integer=False).interval,
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("between 20 and 10", "'between 20 and 10' is an empty interval"),
        ("20-10", "'20-10' is an empty interval"),
        ("fewer than 0", "'fewer than 0' is an empty interval"),
        ("between 10.2 and 10.8", "'between 10.2 and 10.8' holds no whole number"),
        ({"min": 20, "max": 10}, "'{min: 20, max: 10}' is an empty interval"),
        ("-5", "'-5': a count is never negative"),
        ("at least -5", "'at least -5': a count is never negative"),
        (-5, "'-5': a count is never negative"),
        ({"min": -1}, "'{min: -1}': a count is never negative"),
        (D("NaN"), "'NaN' is not a number a count can take"),
        (D("Infinity"), "'Infinity' is not a number a count can take"),
        (float("inf"), "'inf' is not a number a count can take"),
        ({"max": D("Infinity")}, "max 'Infinity' is not a number a count can take"),
        ("11.5", "'11.5' is not a whole number, but the proposition counts whole people"),
        (D("11.5"), "'11.5' is not a whole number, but the proposition counts whole people"),
        ("lots of people", "cannot read 'lots of people' as a quantity"),
        ("", "cannot read '' as a quantity"),
        ("someone", "cannot read 'someone' as a quantity"),
        ("about dozens", "cannot read 'about dozens' as a quantity"),
        ({"mn": 10}, "unknown key 'mn' in a quantity mapping; did you mean 'min'?"),
        (
            {"min": 1, "extra": 2},
            "unknown key 'extra' in a quantity mapping;"
            " expected min and max, or low, best and high",
        ),
        (
            {"min": 1, "high": 3},
            "'{min: 1, high: 3}' mixes min and max with low and high; use one pair",
        ),
        ({"best": 3}, "'{best: 3}' gives no bound; write min or max, or low or high"),
        ({"min": "lots"}, "min 'lots' is not a number"),
        ({"min": True}, "min 'true' is not a number"),
        (
            {"low": 11, "best": 25, "high": 20},
            "'{low: 11, best: 25, high: 20}': best 25 lies outside 11 to 20",
        ),
        (
            {"low": 11, "best": D("14.5"), "high": 20},
            "'{low: 11, best: 14.5, high: 20}': best 14.5 is not a whole number,"
            " but the proposition counts whole people",
        ),
        (
            True,
            "'true' is not a quantity; write a number, a phrase such as 'at least 10',"
            " or a mapping such as {min: 10, max: 20}",
        ),
        (
            [1, 2],
            "'[1, 2]' is not a quantity; write a number, a phrase such as 'at least 10',"
            " or a mapping such as {min: 10, max: 20}",
        ),
    ],
)
def test_error_message(written: object, message: str) -> None:
    """Each kind of bad value raises PhraseError with a message quoting it."""
    with pytest.raises(PhraseError) as caught:
        parse_quantity(written, unit="people")
    assert message == str(caught.value)


def test_nearly_with_zero_tolerance_is_empty() -> None:
    """With ``approx: 0``, ``nearly N`` allows nothing."""
    expected = "'nearly 5' is an empty interval"
    with pytest.raises(PhraseError) as caught:
        parse_quantity("nearly 5", integer=False, lexicon=Lexicon(approx=0))
    assert expected == str(caught.value)


def test_phrase_error_is_a_value_error() -> None:
    """PhraseError is both a ClaimcheckError and a ValueError."""
    expected = (True, True)
    assert expected == (
        issubclass(PhraseError, ClaimcheckError),
        issubclass(PhraseError, ValueError),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", D(0)),
        ("zero", D(0)),
        ("2.5", D("2.5")),
        ("1,234.5", D("1234.5")),
        ("1,000,000", D(1000000)),
        ("a dozen", D(12)),
        ("two dozen", D(24)),
        ("twelve hundred", D(1200)),
        ("twenty-five hundred", D(2500)),
        ("a million", D(1000000)),
        ("two million three hundred thousand", D(2300000)),
        ("one thousand two hundred and five", D(1205)),
        ("two thousand and five", D(2005)),
        ("1.5 million", D(1500000)),
        ("NINETY-NINE", D(99)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    """Digits and English number words read as numbers."""
    assert expected == parse_number(text)


@pytest.mark.parametrize(
    "text",
    ["", "-5", "1,00", "2.", "a", "dozen", "hundred", "dozens", "twenty twenty",
     "six eighty", "one hundred and", "thousand thousand", "one thousand thousand",
     "NaN", "Infinity", "20-25", "1e3"],
)  # fmt: skip
def test_parse_number_refuses(text: str) -> None:
    """What is not a non-negative number reads as None."""
    assert None is parse_number(text)


@pytest.mark.parametrize(
    ("x", "expected"),
    [("1E+3", "1000"), ("2.50", "2.5"), ("0.000", "0"), ("-0", "0"), ("11", "11"),
     ("1E-7", "0.0000001")],
)  # fmt: skip
def test_format_number(x: str, expected: str) -> None:
    """Numbers are written plainly."""
    assert expected == format_number(D(x))


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (exact(11), "11"),
        (closed(14), "at least 14"),
        (Interval(D(14), low_open=True), "more than 14"),
        (closed(0, 20), "at most 20"),
        (Interval(D(0), D(20), high_open=True), "less than 20"),
        (closed(14, 99), "14 to 99"),
        (closed(0), "at least 0"),
        (exact(0), "0"),
        (Interval(D("2.5"), D(3), high_open=True), "at least 2.5 and less than 3"),
        (Interval(D(10), D(20), low_open=True), "more than 10 and at most 20"),
        (Interval(D(0), D(1), low_open=True, high_open=True), "more than 0 and less than 1"),
        (closed("1E+3", "2E+3"), "1000 to 2000"),
    ],
)
def test_format_interval(interval: Interval, expected: str) -> None:
    """Intervals are written in words."""
    assert expected == format_interval(interval)


def _numbers(integer: bool) -> st.SearchStrategy[Decimal]:
    if integer:
        return st.integers(0, 10**12).map(Decimal) | st.decimals(0, 10**12, places=0)
    return st.just(D(0)) | st.decimals(0, 10**12, allow_nan=False, allow_infinity=False)


@st.composite
def _intervals(draw: st.DrawFn, integer: bool) -> Interval:
    """Intervals valid for the integer flag: integral and closed when it is set."""
    low = draw(_numbers(integer))
    high = draw(st.none() | _numbers(integer).filter(lambda h: h >= low))
    if integer or low == high:
        return Interval(low, high)
    return Interval(
        low,
        high,
        low_open=draw(st.booleans()),
        high_open=high is not None and draw(st.booleans()),
    )


@given(st.booleans().flatmap(lambda i: st.tuples(st.just(i), _intervals(i))), st.booleans())
def test_format_interval_round_trips(case: tuple[bool, Interval], with_unit: bool) -> None:
    """Parsing an interval's phrase gives the interval back."""
    integer, interval = case
    phrase = format_interval(interval) + (" people" if with_unit else "")
    assert QuantityValue(interval) == parse_quantity(phrase, integer=integer, unit="people")


@given(st.decimals(0, 10**12, allow_nan=False, allow_infinity=False))
def test_format_number_round_trips(x: Decimal) -> None:
    """Parsing a written number gives the number back."""
    assert x == parse_number(format_number(x))


# -- one reader for a whole file ---------------------------------------------------


def _read_alone(written: object, integer: bool, unit: str, lexicon: Lexicon) -> object:
    """What the reading order gives for ``written`` on its own, or its error's message.

    Phrases are read here as they were before readers shared their work:
    the whole phrase, then (matched by a regular expression) without its unit.
    """
    try:
        if not isinstance(written, str):
            return parse_quantity(written, integer=integer, unit=unit, lexicon=lexicon)
        text, normal = " ".join(written.lower().split()), " ".join(unit.lower().split())
        without = re.fullmatch(rf"(.+?)(?: of)? {re.escape(normal)}", text) if normal else None
        for candidate in [text] if without is None else [text, without[1]]:
            reading = _read_bare(candidate, lexicon)
            if reading is not None:
                return _value(reading, written, integer=integer, unit=unit)
        raise PhraseError(f"cannot read {written!r} as a quantity")
    except PhraseError as exc:
        return str(exc)


_UNITS = ["", "people", "People", "km", "thousand", "dozen", "more", "man-days", "of people", "s"]


@st.composite
def _phrases(draw: st.DrawFn) -> tuple[object, bool, str]:
    """A quantity value as files write it, valid or not, with the proposition's unit."""
    integer = draw(st.booleans())
    unit = draw(st.sampled_from(_UNITS))
    proposition = QuantityProposition("q", "Q", unit=unit or "people", integer=integer)
    written = draw(
        st.one_of(
            written_values(proposition, lexicon=_LEXICON),
            st.text(st.sampled_from("0123456789 ,.-+~<>abcdefhilmnorstuvwxyz"), max_size=14),
        )
    )
    if isinstance(written, str) and draw(st.booleans()):
        written = f"{written}{draw(st.sampled_from(['', ' ', '  ', ' of ']))}{unit}"
    return written, integer, unit


_LEXICON = Lexicon({"a handful": (2, 6), "5 people": (5, 7)})


@given(st.lists(_phrases(), max_size=12))
def test_a_reader_for_many_values_reads_each_as_it_would_be_read_alone(
    drawn: list[tuple[object, bool, str]],
) -> None:
    """One `_QuantityReader` (sharing texts and skipping plain units) reads as the reading order."""
    reader = _QuantityReader(_LEXICON)
    shared: list[object] = []
    for written, integer, unit in drawn:
        try:
            shared.append(reader.read(written, integer=integer, unit=unit))
        except PhraseError as exc:
            shared.append(str(exc))
    alone = [_read_alone(w, i, u, _LEXICON) for w, i, u in drawn]
    assert list(map(repr, alone)) == list(map(repr, shared))


_WORDS = ["a", "and", "one", "two", "twelve", "twenty", "hundred", "thousand", "dozen", "zero"]


@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text("0123456789,.-abx", min_size=1, max_size=5)),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from([" ", "-"]),
)
def test_numbers_read_as_digits_then_as_words(words: list[str], joint: str) -> None:
    """`_number` reads normal text as digits, else as number words (failing fast on others)."""
    text = " ".join(joint.join(words).split())
    digits = _DIGITS.fullmatch(text)
    expected: Decimal | None
    if digits is not None:
        scale = digits["scale"]
        number = Decimal(digits["digits"].replace(",", ""))
        expected = number if scale is None else _EXACT.multiply(number, _MULTIPLIERS[scale])
    else:
        value = _words_value(text.replace("-", " ").split(" "))
        expected = None if value is None else Decimal(value)
    assert expected == _number(text)


# -- the quick reading of the usual shapes ----------------------------------------

_QUICK_TOKENS = [
    *"0123456789",
    ",",
    ".",
    " ",
    "-",
    "\N{EN DASH}",
    "+",
    "~",
    ">",
    "<",
    "=",
    "\N{GREATER-THAN OR EQUAL TO}",
    "\N{LESS-THAN OR EQUAL TO}",
    " to ",
    " and ",
    " or more",
    "between ",
    "about ",
    "c.",
    "circa ",
    "at least ",
    "no fewer than ",
    "just under ",
    "under ",
    "some",
    "a dozen",
    "twelve",
    " million",
]


@st.composite
def _normal_texts(draw: st.DrawFn) -> str:
    """Normal texts that are, or are near, the shapes `_read_quick` reads."""
    proposition = QuantityProposition("q", "Q", unit="people", integer=draw(st.booleans()))
    written = draw(
        st.one_of(
            written_values(proposition, lexicon=_LEXICON).filter(lambda w: isinstance(w, str)),
            st.lists(st.sampled_from(_QUICK_TOKENS), min_size=1, max_size=7).map("".join),
        )
    )
    return " ".join(str(written).lower().split())


@given(_normal_texts(), st.sampled_from([None, D(0), D("0.25")]))
def test_quick_reading_is_the_reading_order(text: str, approx: Decimal | None) -> None:
    """`_read_quick` reads a text as `_read_bare` does, to the same digits, or leaves it."""
    lexicon = Lexicon({"a handful": (2, 6)}, approx=approx)
    quick = _read_quick(text, lexicon.tolerance)
    if quick is not None and text not in lexicon.all_words():
        assert repr(_read_bare(text, lexicon)) == repr(quick)


@pytest.mark.parametrize(
    "text",
    [
        "11",
        "1,000.5",
        "20+",
        "20 +",
        "20 or more",
        "20-25",
        "20 - 25",
        "20\N{EN DASH}25",
        "20 to 25",
        "between 20 and 25",
        "about 450",
        "approximately 1,268",
        "c. 3105",
        "c.5",
        "~ 2265",
        ">= 3193",
        "\N{GREATER-THAN OR EQUAL TO}22.2",
        "< 5",
        "just under 6560",
        "no fewer than 51000",
    ],
)
def test_quick_reading_reads_the_usual_shapes(text: str) -> None:
    """The usual shapes of phrases in digits are read the quick way."""
    reading = _read_quick(text, D("0.1"))
    assert reading is not None
    assert repr(_read_bare(text, Lexicon())) == repr(reading)
