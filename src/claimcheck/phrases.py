"""Quantity values: reading what a claim file says into an interval, and back.

A quantity claim's value is a number, a mapping or a phrase (claim format,
section *Values*).  :func:`parse_quantity` reads any of them into a
:class:`~claimcheck.values.QuantityValue`; :func:`format_interval` writes an
interval back as a phrase that :func:`parse_quantity` reads as the same
interval.

Beyond the table of the specification, this module decides:

* **Conjunctions.** A lower and an upper bound may be joined by ``and``
  (``at least 2.5 and less than 3``, ``more than 10 and at most 20``), so
  that every interval, open bounds included, can be written as a phrase.
* **Numbers.** Number words run from ``zero`` to the billions (``one
  hundred and fifty``, ``two thousand five hundred``, ``twelve hundred``);
  ``a`` stands for one before ``hundred``, ``thousand``, ``million``,
  ``billion`` and ``dozen`` (``a dozen`` and ``two dozen`` are 12 and 24
  when read as numbers).  Digits may carry thousands separators (``1,000``)
  and be followed by one scale word (``1.5 million``).
* **Reading order.** The whole phrase is looked up in the lexicon first (so
  ``a dozen`` alone is the vague word, and a file's own word wins), then read
  as one number (``twenty-five``), then as a comparative or approximate
  phrase, a range (``20-25``), and last a conjunction.
* **Units.** The proposition's unit may end a phrase after a space, with or
  without ``of`` (``dozens of people``).
* **Mappings.** ``{min, max}`` and ``{low, high}`` mean the same; either
  bound may be left out (or be null), but not both.  ``best`` may go with
  either pair.  Mixing ``min``/``max`` with ``low``/``high`` is an error, as
  is any other key.  The numbers may be ints, Decimals, floats, or strings
  that :func:`parse_number` reads (``"1,000"``), and are exact, closed
  bounds.
* **Floats** are read through their shortest repr (``0.1`` is exactly
  ``Decimal('0.1')``).

Example:
    >>> format_interval(parse_quantity("about 450 people", unit="people").interval)
    '405 to 495'
"""

from __future__ import annotations

import decimal
import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from itertools import chain
from typing import Final, NamedTuple, TypeAlias

from claimcheck.errors import ClaimcheckError, _shown_key
from claimcheck.values import (
    Interval,
    Lexicon,
    OutOfRangeError,
    QuantityValue,
    _interval_problem,
)

__all__ = [
    "PhraseError",
    "format_interval",
    "format_number",
    "parse_number",
    "parse_quantity",
]


class PhraseError(ClaimcheckError, ValueError):
    """A value that does not make a valid quantity.

    The message quotes the value and starts in lower case, ready to follow a
    ``FILE:LINE: claim 'x': value`` prefix.

    Example:
        >>> parse_quantity("lots of people")
        Traceback (most recent call last):
        ...
        claimcheck.phrases.PhraseError: cannot read 'lots of people' as a quantity
    """


# Unrounded arithmetic: bounds are computed exactly, and anything inexact
# would raise rather than round silently.
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact],
)

# --------------------------------------------------------------------------
# Numbers

# fmt: off
_UNITS: Final = {
    word: value
    for value, word in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen",
    ))
}
# fmt: on
_TENS: Final = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
        start=2,
    )
}
_SCALES: Final = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_MULTIPLIERS: Final = {"dozen": 12, "hundred": 100, **_SCALES}
# The words a number in words can start with (see _words_value and _group).
_FIRST_NUMBER_WORDS: Final = frozenset({"a", *_UNITS, *_TENS})
# A number in digits, with or without thousands separators.
_DIGITS_ONLY: Final = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_DIGITS: Final = re.compile(rf"(?P<digits>{_DIGITS_ONLY})(?: (?P<scale>{'|'.join(_MULTIPLIERS)}))?")


def _normal(text: str) -> str:
    """Lower-case ``text`` and collapse its whitespace to single spaces."""
    return " ".join(text.lower().split())


def parse_number(text: str) -> Decimal | None:
    """Read a non-negative number written in digits or English words.

    Args:
        text: Digits (``11``, ``1,000``, ``2.5``, ``1.5 million``) or words
            (``eighty-six``, ``a hundred``, ``one hundred and fifty``,
            ``a dozen``), in any case and spacing.

    Returns:
        The number, or ``None`` if ``text`` is not one (negative numbers
        are not).

    Example:
        >>> parse_number("Eighty-Six"), parse_number("1,234.5"), parse_number("a dozen")
        (Decimal('86'), Decimal('1234.5'), Decimal('12'))
        >>> parse_number("-5") is None, parse_number("dozens") is None
        (True, True)
    """
    return _number(_normal(text))


def _number(text: str) -> Decimal | None:
    """Read a number as :func:`parse_number` does, from text that is already normal.

    (``_normal(text) == text``: lower case, single spaces.)
    """
    digits = _DIGITS.fullmatch(text)
    if digits is not None:
        number = _digits_value(digits["digits"])
        scale = digits["scale"]
        return number if scale is None else _EXACT.multiply(number, _MULTIPLIERS[scale])
    # Number words start with one of these: most phrases fail here, quickly.
    if text.partition(" ")[0].partition("-")[0] not in _FIRST_NUMBER_WORDS:
        return None
    value = _words_value(text.replace("-", " ").split(" "))
    return None if value is None else Decimal(value)


def _digits_value(digits: str) -> Decimal:
    """Read digits that ``_DIGITS_ONLY`` matches (``1,000.5``) as a number."""
    return Decimal(digits.replace(",", ""))


def _words_value(words: list[str]) -> int | None:
    """Read number words such as ``two thousand five hundred`` as an int."""
    if words == ["zero"]:
        return 0
    total, last_scale, i = 0, None, 0
    while i < len(words):
        group = _group(words, i)
        if group is None:
            return None
        value, i = group
        word = words[i] if i < len(words) else ""
        scale = _SCALES.get(word)
        if scale is not None and (last_scale is None or scale < last_scale):
            total, last_scale, i = total + value * scale, scale, i + 1
            if words[i : i + 1] == ["and"] and i + 1 < len(words):
                i += 1  # two thousand and five
            continue
        if word == "dozen" and total == 0 and i == len(words) - 1:
            return value * 12
        return total + value if i == len(words) else None
    return total


def _group(words: list[str], i: int) -> tuple[int, int] | None:
    """Read a number below a thousand at ``words[i]``; return it and the next index.

    A leading ``a`` counts as one before ``hundred``, a scale or ``dozen``.
    """
    if i == 0 and words[0] == "a" and words[1:2] and words[1] in _MULTIPLIERS:
        value, i = 1, 1
    else:
        tens = _below_hundred(words, i)
        if tens is None:
            return None
        value, i = tens
    if words[i : i + 1] == ["hundred"]:
        value, i = value * 100, i + 1
        rest = _below_hundred(words, i + 1 if words[i : i + 1] == ["and"] else i)
        if rest is not None:
            value, i = value + rest[0], rest[1]
    return value, i


def _below_hundred(words: list[str], i: int) -> tuple[int, int] | None:
    """Read a number from 1 to 99 at ``words[i]``; return it and the next index."""
    word = words[i] if i < len(words) else ""
    if _UNITS.get(word, 0) > 0:
        return _UNITS[word], i + 1
    if word not in _TENS:
        return None
    unit = _UNITS.get(words[i + 1], 0) if i + 1 < len(words) else 0
    if 0 < unit < 10:
        return _TENS[word] + unit, i + 2
    return _TENS[word], i + 1


def _signed_number(text: str) -> Decimal | None:
    """Read a number that may carry a minus sign, so negatives can be refused.

    ``text`` is normal (see :func:`_number`), as every text the readers
    below pass on is: a normal phrase, or a part of one split where spaces
    are.
    """
    if text[:1] in ("-", "\N{MINUS SIGN}"):
        number = _number(text[1:].lstrip(" "))
        return None if number is None else -number
    return _number(text)


def format_number(x: Decimal) -> str:
    """Write a number plainly: no exponent, no trailing zeros, no separators.

    Example:
        >>> format_number(Decimal("1E+3")), format_number(Decimal("2.50"))
        ('1000', '2.5')
    """
    text = format(x, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --------------------------------------------------------------------------
# Readings: bounds as written, before integer closing


class _Reading(NamedTuple):
    """What a value says, before it is checked and closed onto integers.

    Its bounds as written, each open or closed and exact or approximate.
    A named tuple rather than a frozen attrs class, and flat: a reading
    lives only while a value is read, and a large file reads a hundred
    thousand distinct phrases, for which making attrs' frozen instances (a
    reading and one for each bound) took longer than reading the phrases.
    """

    low: Decimal
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    low_approx: bool = False
    high_approx: bool = False
    named: Decimal | None = None
    vague: bool = False
    best: Decimal | None = None


_ZERO: Final = Decimal(0)


def _exact(n: Decimal) -> _Reading:
    return _Reading(n, n)


# A form turns the number N of a phrase and the tolerance t into a reading.
_Form: TypeAlias = Callable[[Decimal, Decimal], _Reading]


def _at_least(n: Decimal, t: Decimal) -> _Reading:
    return _Reading(n)


def _more_than(n: Decimal, t: Decimal) -> _Reading:
    return _Reading(n, low_open=True)


def _at_most(n: Decimal, t: Decimal) -> _Reading:
    return _Reading(_ZERO, n)


def _less_than(n: Decimal, t: Decimal) -> _Reading:
    return _Reading(_ZERO, n, high_open=True)


def _about(n: Decimal, t: Decimal) -> _Reading:
    low = _EXACT.multiply(n, _EXACT.subtract(1, t))
    high = _EXACT.multiply(n, _EXACT.add(1, t))
    return _Reading(low, high, low_approx=True, high_approx=True, named=n)


def _nearly(n: Decimal, t: Decimal) -> _Reading:
    low = _EXACT.multiply(n, _EXACT.subtract(1, t))
    return _Reading(low, n, high_open=True, low_approx=True, named=n)


_LOWER_FORMS: Final = (_at_least, _more_than)
_UPPER_FORMS: Final = (_at_most, _less_than)

_FORM_WORDS: Final[tuple[tuple[_Form, tuple[str, ...]], ...]] = (
    (_at_least, ("at least", "no fewer than", ">=", "\N{GREATER-THAN OR EQUAL TO}")),
    (_more_than, ("more than", "over", ">")),
    (_at_most, ("at most", "up to", "no more than", "<=", "\N{LESS-THAN OR EQUAL TO}")),
    (_less_than, ("fewer than", "less than", "under", "<")),
    (
        _about,
        ("about", "around", "approximately", "roughly", "some", "~", "circa", "c."),
    ),
    (_nearly, ("nearly", "almost", "just under")),
)
_PREFIXES: Final = sorted(
    ((word, form) for form, words in _FORM_WORDS for word in words),
    key=lambda pair: -len(pair[0]),  # ">=" before ">"
)
_SUFFIXES: Final = (("or more", _at_least), ("+", _at_least))
# The prefixes by their first character, each list in the order of _PREFIXES.
_PREFIXES_BY_START: Final = {
    start: [(prefix, form) for prefix, form in _PREFIXES if prefix[:1] == start]
    for start in {prefix[:1] for prefix, _ in _PREFIXES}
}

_AND: Final = re.compile(" and ")
_RANGE_SEPARATORS: Final = (re.compile(" to "), re.compile(" ?[-\N{EN DASH}] ?"))


def _read_form(text: str) -> tuple[_Form, Decimal] | None:
    """Read a comparative or approximate phrase as its form and its number."""
    # Only the prefixes that start as the text does can match it.
    for prefix, form in _PREFIXES_BY_START.get(text[:1], ()):
        rest = text.removeprefix(prefix)
        # A word needs a space after it ("some 5", not "someone").
        if rest != text and (rest[:1] == " " or not prefix[-1].isalpha()):
            number = _signed_number(rest.strip())
            if number is not None:
                return form, number
    for suffix, form in _SUFFIXES:
        rest = text.removesuffix(suffix)
        if rest != text and (rest[-1:] == " " or not suffix[0].isalpha()):
            number = _signed_number(rest.strip())
            if number is not None:
                return form, number
    return None


def _splits(text: str, separator: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """Yield ``(left, right)`` for every place ``separator`` could split ``text``."""
    for match in separator.finditer(text):
        yield text[: match.start()], text[match.end() :]


def _read_range(text: str) -> _Reading | None:
    """Read ``N-M``, ``N to M`` or ``between N and M``."""
    between = text.removeprefix("between ")
    if between != text:
        pairs: Iterator[tuple[str, str]] = _splits(between, _AND)
    else:
        pairs = chain.from_iterable(_splits(text, sep) for sep in _RANGE_SEPARATORS)
    for left, right in pairs:
        low, high = _signed_number(left), _signed_number(right)
        if low is not None and high is not None:
            return _Reading(low, high)
    return None


def _read_conjunction(text: str) -> _Reading | None:
    """Read ``<lower bound phrase> and <upper bound phrase>``."""
    for left, right in _splits(text, _AND):
        lower, upper = _read_form(left), _read_form(right)
        if lower is None or upper is None:
            continue
        (lower_form, low), (upper_form, high) = lower, upper
        if lower_form in _LOWER_FORMS and upper_form in _UPPER_FORMS:
            below, above = lower_form(low, _ZERO), upper_form(high, _ZERO)
            return _Reading(
                below.low,
                above.high,
                low_open=below.low_open,
                high_open=above.high_open,
                low_approx=below.low_approx,
                high_approx=above.high_approx,
            )
    return None


def _read_bare(text: str, lexicon: Lexicon) -> _Reading | None:
    """Read a normalised phrase without its unit, or return ``None``."""
    vague = lexicon.all_words().get(text)  # lookup(), as the text is normal
    if vague is not None:
        return _Reading(vague[0], vague[1], vague=True)
    number = _signed_number(text)
    if number is not None:
        return _exact(number)
    form = _read_form(text)
    if form is not None:
        make, n = form
        return make(n, lexicon.tolerance)
    return _read_range(text) or _read_conjunction(text)


def _alternatives(words: list[str]) -> str:
    return "|".join(map(re.escape, words))


# The shapes most phrases take, with numbers in digits (see _read_quick): a
# number; a number and a suffix; a range; a prefix and a number; between.
# A prefix that ends with a letter needs a space after it (see _read_form);
# the prefixes are in the order of _PREFIXES, longest first, as there.
_QUICK: Final = re.compile(
    rf"(?P<number>{_DIGITS_ONLY})"
    rf"(?:(?P<or_more> ?\+| or more)|(?: to | ?[-\N{{EN DASH}}] ?)(?P<to>{_DIGITS_ONLY}))?"
    rf"|(?P<word>{_alternatives([p for p, _ in _PREFIXES if p[-1].isalpha()])})"
    rf" (?P<after_word>{_DIGITS_ONLY})"
    rf"|(?P<sign>{_alternatives([p for p, _ in _PREFIXES if not p[-1].isalpha()])})"
    rf" ?(?P<after_sign>{_DIGITS_ONLY})"
    rf"|between (?P<between>{_DIGITS_ONLY}) and (?P<and>{_DIGITS_ONLY})"
)
_FORM_OF_PREFIX: Final = dict(_PREFIXES)


def _read_quick(text: str, tolerance: Decimal) -> _Reading | None:
    """Read the shapes most phrases take at once; None for any other text.

    A large file writes a hundred thousand distinct phrases, nearly all of
    them a number in digits alone, with a prefix (``about 450``, ``>=
    12``), with a suffix (``20+``, ``20 or more``), or two in a range
    (``20-25``, ``20 to 25``, ``between 20 and 25``).  :func:`_read_bare`
    tries each step of the reading order in turn (a number, some thirty
    prefixes and suffixes, every place a range could split); one regular
    expression tells these shapes at once, and each reads as the reading
    order reads it, to the very same numbers.  The caller reads a text of
    the lexicon, and any text this does not read, the long way.
    ``tests/test_phrases.py`` checks that both ways agree.

    Args:
        text: A normal phrase (see :func:`_number`) that is not a word of
            the lexicon in force.
        tolerance: The tolerance of ``about N`` in force.

    Example:
        >>> _read_quick("about 1,200", Decimal("0.1")).named
        Decimal('1200')
        >>> _read_quick("about twelve", Decimal("0.1")) is None
        True
    """
    match = _QUICK.fullmatch(text)
    if match is None:
        return None
    number, to, word, sign, between = match.group("number", "to", "word", "sign", "between")
    if number is not None:
        n = _digits_value(number)
        if to is not None:
            return _Reading(n, _digits_value(to))
        return _exact(n) if match["or_more"] is None else _at_least(n, tolerance)
    if word is not None:
        return _FORM_OF_PREFIX[word](_digits_value(match["after_word"]), tolerance)
    if sign is not None:
        return _FORM_OF_PREFIX[sign](_digits_value(match["after_sign"]), tolerance)
    return _Reading(_digits_value(between), _digits_value(match["and"]))


def _read_phrase(phrase: str, unit: str, lexicon: Lexicon) -> _Reading | None:
    """Read a phrase as written, then without a trailing unit."""
    text, unit = _normal(phrase), _normal(unit)
    without_unit = _without_unit(text, unit)
    candidates = [text] if without_unit is None else [text, without_unit]
    for candidate in candidates:
        reading = _read_bare(candidate, lexicon)
        if reading is not None:
            return reading
    return None


# Every word the reader gives a meaning to, in numbers, prefixes, suffixes
# and ranges.
_MEANINGFUL_WORDS: Final = frozenset(
    ["a", "and", "between", "of", "to", *_UNITS, *_TENS, *_MULTIPLIERS]
    + [part for word, _ in (*_PREFIXES, *_SUFFIXES) for part in word.split()]
)
_PLAIN_WORD: Final = re.compile("[a-z]+")


def _is_plain_unit(unit: str) -> bool:
    """Return whether no phrase that ends with ``unit`` reads whole, bar a lexicon word.

    Reading a phrase whole, every step of :func:`_read_bare` but the
    lexicon's would have to read its last word as part of a number (a
    number word, a scale), as a suffix (``or more``) or across a range
    separator; a unit that is one word of plain letters, none of them a word
    the reader knows, can be none of these.  Then a phrase such as ``about
    450 people`` need only be read without its unit, which is what the
    reading order comes to after every attempt on the whole phrase failed
    (some thirty of them, most of the time spent reading a large file).

    Example:
        >>> _is_plain_unit("people"), _is_plain_unit("thousand"), _is_plain_unit("man-days")
        (True, False, False)
    """
    return unit not in _MEANINGFUL_WORDS and _PLAIN_WORD.fullmatch(unit) is not None


def _without_unit(text: str, unit: str) -> str | None:
    """Return ``text`` without the ``unit`` (or ``of`` and the unit) that ends it, if it does.

    Example:
        >>> _without_unit("dozens of people", "people"), _without_unit("11 people", "people")
        ('dozens', '11')
    """
    return _without_ending(text, _unit_endings(unit))


def _unit_endings(unit: str) -> tuple[str, ...]:
    """Return how a phrase may end with a (normal) unit, longest first."""
    return (f" of {unit}", f" {unit}") if unit else ()


def _without_ending(text: str, endings: tuple[str, ...]) -> str | None:
    """Return ``text`` without the first of ``endings`` it ends with (and is longer than)."""
    for ending in endings:
        if len(text) > len(ending) and text.endswith(ending):
            return text[: -len(ending)]
    return None


# --------------------------------------------------------------------------
# Numbers and mappings as the file holds them

_MAPPING_KEYS: Final = ("min", "max", "low", "best", "high")


def _plain(x: object) -> str:
    """Write a value roughly as YAML would show it."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None:
        return "null"
    if isinstance(x, Mapping):
        return "{" + ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in x.items()) + "}"
    return str(x)


def _show(written: object) -> str:
    """Quote a written value for an error message."""
    return repr(written) if isinstance(written, str) else f"'{_plain(written)}'"


def _finite(number: object, label: str = "") -> Decimal | None:
    """Convert an int, Decimal or float to a finite Decimal; ``None`` for other types.

    The error says the number, after ``label`` if one is given.
    """
    if isinstance(number, bool) or not isinstance(number, int | float | Decimal):
        return None
    result = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not result.is_finite():
        shown = f"{label} {_show(number)}" if label else _show(number)
        raise PhraseError(f"{shown} is not a number a count can take")
    return result


def _mapping_number(key: str, number: object) -> Decimal:
    """Read one number of a mapping value."""
    result = _signed_number(_normal(number)) if isinstance(number, str) else _finite(number, key)
    if result is None:
        raise PhraseError(f"{key} {_show(number)} is not a number")
    return result


def _read_mapping(written: Mapping[object, object]) -> _Reading:
    """Read ``{min, max}`` or ``{low, best, high}``."""
    for key in written:
        if key not in _MAPPING_KEYS:
            close = difflib.get_close_matches(str(key), _MAPPING_KEYS, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "expected min and max, or low, best and high"
            )
            raise PhraseError(f"unknown key {_shown_key(key)} in a quantity mapping; {hint}")
    if written.keys() & {"min", "max"} and written.keys() & {"low", "high"}:
        raise PhraseError(f"{_show(written)} mixes min and max with low and high; use one pair")
    numbers = {str(k): _mapping_number(str(k), v) for k, v in written.items() if v is not None}
    low = numbers.get("min", numbers.get("low"))
    high = numbers.get("max", numbers.get("high"))
    if low is None and high is None:
        raise PhraseError(f"{_show(written)} gives no bound; write min or max, or low or high")
    return _Reading(_ZERO if low is None else low, high, best=numbers.get("best"))


# --------------------------------------------------------------------------
# From a reading to a value


def _is_whole(x: Decimal) -> bool:
    return x == x.to_integral_value()


def _close(value: Decimal, open: bool, approx: bool, *, upper: bool) -> Decimal:
    """Close a bound onto an integer; return the number of the closed bound.

    Approximate bounds round outward; exact ones round inward, and an open
    one that lands on itself steps one further in.
    """
    outward, inward = (
        (decimal.ROUND_CEILING, decimal.ROUND_FLOOR)
        if upper
        else (decimal.ROUND_FLOOR, decimal.ROUND_CEILING)
    )
    if approx:
        return value.to_integral_value(outward)
    whole = value.to_integral_value(inward)
    if open and whole == value:
        whole = _EXACT.add(whole, -1 if upper else 1)
    return whole


def _interval(
    written: object,
    problem: str,
    low: Decimal,
    high: Decimal | None,
    low_open: bool = False,
    high_open: bool = False,
) -> Interval:
    """Build the interval, or raise ``PhraseError`` that ``written`` has ``problem`` if it is empty."""
    try:
        return Interval(low, high, low_open=low_open, high_open=high_open)
    except OutOfRangeError as exc:
        raise PhraseError(f"{_show(written)}: {exc}") from None
    except ValueError:
        raise PhraseError(f"{_show(written)} {problem}") from None


def _value(reading: _Reading, written: object, *, integer: bool, unit: str) -> QuantityValue:
    """Check a reading of ``written``, close it onto integers if need be, and make the value."""
    low, high, low_open, high_open, low_approx, high_approx, named, vague, best = reading
    if low < 0 or (high is not None and high < 0):
        raise PhraseError(f"{_show(written)}: a count is never negative")
    if not integer:
        interval = _interval(written, "is an empty interval", low, high, low_open, high_open)
    else:
        # The interval as read is only checked: the value holds it closed.
        if _interval_problem(low, high, low_open, high_open) is not None:
            raise PhraseError(f"{_show(written)} is an empty interval")
        exact = high is not None and low == high
        if exact and not low_approx and not _is_whole(low):
            raise PhraseError(f"{_show(written)} is not a whole number, but {_counts_whole(unit)}")
        if best is not None and not _is_whole(best):
            raise PhraseError(
                f"{_show(written)}: best {format_number(best)} is not a whole number, but {_counts_whole(unit)}"
            )
        interval = _interval(
            written,
            "holds no whole number",
            _close(low, low_open, low_approx, upper=False),
            None if high is None else _close(high, high_open, high_approx, upper=True),
        )
    if best is not None and not interval.contains(best):
        raise PhraseError(
            f"{_show(written)}: best {format_number(best)} lies outside {format_interval(interval)}"
        )
    return QuantityValue(interval, best=best, named=named, vague=vague)


def _counts_whole(unit: str) -> str:
    return f"the proposition counts whole {unit or 'numbers'}"


_DEFAULT_LEXICON: Final = Lexicon()


def parse_quantity(
    written: object,
    *,
    integer: bool = True,
    unit: str = "",
    lexicon: Lexicon | None = None,
) -> QuantityValue:
    """Read a quantity claim's value as the case file holds it.

    Args:
        written: An int or Decimal (an exact value), a float (read through
            its repr), a phrase (``"dozens of people"``, ``"about 450"``,
            ``"between 20 and 30"``), or a mapping ``{min, max}`` or
            ``{low, best, high}``.
        integer: Whether the proposition counts whole things; then bounds
            close onto integers.
        unit: The proposition's unit, which may end a phrase.
        lexicon: The vague words and ``about`` tolerance in force; the
            defaults of the specification if ``None``.

    Returns:
        The value, with ``named`` set for ``about``/``nearly`` phrases and
        ``vague`` set for words of the lexicon.

    Raises:
        PhraseError: If ``written`` does not make a valid quantity; the
            message quotes it.

    Example:
        >>> format_interval(parse_quantity("more than a dozen").interval)
        'at least 13'
        >>> parse_quantity("dozens of people", unit="people").vague
        True
        >>> format_interval(parse_quantity("more than 2.5", integer=False).interval)
        'more than 2.5'
        >>> parse_quantity({"low": 11, "best": 14, "high": 20}).point
        Decimal('14')
        >>> parse_quantity("between 20 and 10")
        Traceback (most recent call last):
        ...
        claimcheck.phrases.PhraseError: 'between 20 and 10' is an empty interval
    """
    reader = _QuantityReader(_DEFAULT_LEXICON if lexicon is None else lexicon)
    return reader.read(written, integer=integer, unit=unit)


class _QuantityReader:
    """Reads quantity values with one lexicon, sharing what phrases have in common.

    :func:`parse_quantity` reads with a new one; the loader keeps one for a
    whole file, whose claims write the same phrases again and again with
    small differences: ``About 450``, ``about 450 people`` and ``about 450``
    (of arrests) are all read from the one text ``about 450``, and make equal
    values.  So a phrase is read from that text (with whether the
    proposition counts whole things) once.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Every word in force, as Lexicon.lookup() finds a normal text's.
        self.words = lexicon.all_words()
        self.tolerance = lexicon.tolerance
        # The value of each text read, by whether it counts whole things.
        self.texts: dict[tuple[bool, str], QuantityValue] = {}
        # Each unit's endings (see _without_unit), and whether it is plain
        # (see _is_plain_unit).
        self.units: dict[str, tuple[tuple[str, ...], bool]] = {}

    def read(self, written: object, *, integer: bool, unit: str) -> QuantityValue:
        """Read a value as :func:`parse_quantity` does."""
        reading: _Reading | None
        if isinstance(written, str):
            text = self.text_to_read(written, unit)
            if text is not None:
                found = self.texts.get((integer, text))
                if found is None:
                    reading = None if text in self.words else _read_quick(text, self.tolerance)
                    if reading is None:
                        reading = _read_bare(text, self.lexicon)
                    if reading is None:
                        raise PhraseError(f"cannot read {_show(written)} as a quantity")
                    found = self.texts[(integer, text)] = _value(
                        reading, written, integer=integer, unit=unit
                    )
                return found
            reading = _read_phrase(written, unit, self.lexicon)
            if reading is None:
                raise PhraseError(f"cannot read {_show(written)} as a quantity")
        elif isinstance(written, Mapping):
            reading = _read_mapping(written)
        else:
            number = _finite(written)
            if number is None:
                raise PhraseError(
                    f"{_show(written)} is not a quantity; write a number, a phrase such as"
                    " 'at least 10', or a mapping such as {min: 10, max: 20}"
                )
            reading = _exact(number)
        return _value(reading, written, integer=integer, unit=unit)

    def text_to_read(self, phrase: str, unit: str) -> str | None:
        """Return the one text of a phrase that :func:`_read_phrase` can read, if there is one.

        That is the phrase itself when it does not end with the unit, or
        without the unit when the whole phrase cannot be read (see
        :func:`_is_plain_unit`); else None, and both are tried in turn.
        A value read is not told by the text it was read from: the text
        decides the reading (the lexicon being the reader's), and the
        reading and ``integer`` the value (the phrase and the unit only
        word the errors).
        """
        text = _normal(phrase)
        found = self.units.get(unit)
        if found is None:
            normal = _normal(unit)
            found = self.units[unit] = (_unit_endings(normal), _is_plain_unit(normal))
        endings, plain = found
        without_unit = _without_ending(text, endings)
        if without_unit is None:
            return text
        if plain and text not in self.words:
            return without_unit
        return None


def format_interval(interval: Interval) -> str:
    """Write an interval as a phrase that :func:`parse_quantity` reads back.

    Args:
        interval: The interval.

    Returns:
        ``11``, ``at least 14``, ``more than 14``, ``at most 20``,
        ``less than 20``, ``14 to 99``, or for a bounded interval with an
        open bound a conjunction such as ``at least 2.5 and less than 3``.

    Example:
        >>> format_interval(Interval(Decimal(14), Decimal(99)))
        '14 to 99'
        >>> format_interval(Interval(Decimal(0), Decimal(20), high_open=True))
        'less than 20'
        >>> format_interval(Interval(Decimal("2.5"), Decimal(3), high_open=True))
        'at least 2.5 and less than 3'
    """
    low = format_number(interval.low)
    if interval.is_exact:
        return low
    lower = f"{'more than' if interval.low_open else 'at least'} {low}"
    if interval.high is None:
        return lower
    high = format_number(interval.high)
    upper = f"{'less than' if interval.high_open else 'at most'} {high}"
    if interval.low == 0 and not interval.low_open:
        return upper
    if not (interval.low_open or interval.high_open):
        return f"{low} to {high}"
    return f"{lower} and {upper}"
