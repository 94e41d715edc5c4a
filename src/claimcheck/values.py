"""The value kinds: what one claim says about one proposition.

Every value denotes a non-empty set of possible states of the world:

* :class:`QuantityValue` -- an :class:`Interval` of numbers;
* :class:`CategoryValue` -- a set of leaf categories;
* :class:`SequenceValue` -- the orders consistent with some precedences;
* :class:`AssertionValue` -- ``{true}`` or ``{false}``.

Values are frozen and valid by construction.  Parsing what a user wrote into
a value lives in :mod:`claimcheck.phrases` (quantities) and
:mod:`claimcheck.loader` (the other kinds).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any, Final, TypeAlias

import attrs

from claimcheck._frozen import FrozenDict

__all__ = [
    "DEFAULT_APPROX",
    "DEFAULT_LEXICON",
    "MAX_MAGNITUDE",
    "AssertionValue",
    "CategoryValue",
    "Interval",
    "Lexicon",
    "OutOfRangeError",
    "QuantityValue",
    "SequenceValue",
    "Value",
    "normalize_words",
]


#: How many powers of ten a value's numbers may lie from one, either way:
#: at least ``1E-4000`` and below ``1E+4000`` in size (a zero's exponent
#: too lies from -4,000 to 3,999).  Reports write numbers out in full, so
#: a few characters such as ``1e400000000`` would stand for more digits
#: than any report should hold, and Python writes no whole number of more
#: than 4,300 digits (``sys.get_int_max_str_digits``).  Files refuse such
#: numbers as they are read; this refuses them however a value is made.
MAX_MAGNITUDE: Final = 4_000


def _in_range(number: Decimal) -> bool:
    """Whether a finite number lies within :data:`MAX_MAGNITUDE`.

    Example:
        >>> _in_range(Decimal("9.9e3999")), _in_range(Decimal("1e4000")), _in_range(Decimal("1e-4000"))
        (True, False, True)
    """
    return -MAX_MAGNITUDE <= number.adjusted() < MAX_MAGNITUDE


def _finite_decimal(value: Any) -> Decimal:
    """Convert an int or Decimal to a finite Decimal within :data:`MAX_MAGNITUDE`, refusing anything else."""
    if type(value) is Decimal and value.is_finite():
        result = value  # the usual case, quick to test: Decimal(value) is value itself
    else:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"expected an int or Decimal, got {value!r}")
        result = Decimal(value)
        if not result.is_finite():
            raise ValueError(f"a bound must be finite, got {value!r}")
    if not _in_range(result):
        raise OutOfRangeError(result)
    return result


class OutOfRangeError(ValueError):
    """A number too large or too small (:data:`MAX_MAGNITUDE`) for a value.

    Example:
        >>> Interval(Decimal("1e5000"))
        Traceback (most recent call last):
        ...
        claimcheck.values.OutOfRangeError: the number 1E+5000 is out of range: a value's numbers lie from 1E-4000 to below 1E+4000 in size
    """

    def __init__(self, number: Decimal) -> None:
        super().__init__(
            f"the number {_shown(number)} is out of range: "
            + (
                f"a zero's exponent lies from -{MAX_MAGNITUDE} to {MAX_MAGNITUDE - 1}"
                if not number
                else f"a value's numbers lie from 1E-{MAX_MAGNITUDE} to below"
                f" 1E+{MAX_MAGNITUDE} in size"
            )
        )


def _shown(number: Decimal) -> str:
    """A number for a message: as it is, or its first digits (cut, not rounded) and its exponent.

    Example:
        >>> _shown(Decimal("12.5")), _shown(Decimal("9" * 30 + "e-4030"))
        ('12.5', '9.999999...E-4001')
    """
    sign, digits, _ = number.as_tuple()
    if len(digits) <= 20:
        return str(number)
    first = "".join(map(str, digits[:7]))
    return f"{'-' if sign else ''}{first[0]}.{first[1:]}...E{number.adjusted():+d}"


def _optional_finite_decimal(value: Any) -> Decimal | None:
    return None if value is None else _finite_decimal(value)


def _interval_problem(
    low: Decimal, high: Decimal | None, low_open: bool, high_open: bool
) -> str | None:
    """Return why no :class:`Interval` has these (finite) bounds, or None if one does."""
    if low < 0:
        return f"a count is never negative, got low {low}"
    if high is None:
        return "an unbounded interval has no open high bound" if high_open else None
    if low > high:
        return f"empty interval: low {low} is above high {high}"
    if low == high and (low_open or high_open):
        return f"empty interval: nothing lies strictly around {low}"
    return None


@attrs.frozen(cache_hash=True)  # hashed often: values are grouped and looked up by interval
class Interval:
    """A non-empty interval of non-negative numbers.

    Attributes:
        low: The lower bound (never negative).
        high: The upper bound, or ``None`` when unbounded.
        low_open: Whether ``low`` itself is excluded.
        high_open: Whether ``high`` itself is excluded.

    Raises:
        ValueError: If the interval is empty or has a negative bound.

    Example:
        >>> Interval(Decimal(14)).contains(Decimal(99))
        True
        >>> Interval(Decimal(20), Decimal(10))
        Traceback (most recent call last):
        ...
        ValueError: empty interval: low 20 is above high 10
    """

    low: Decimal = attrs.field(converter=_finite_decimal)
    high: Decimal | None = attrs.field(default=None, converter=_optional_finite_decimal)
    low_open: bool = attrs.field(default=False, kw_only=True)
    high_open: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problem = _interval_problem(self.low, self.high, self.low_open, self.high_open)
        if problem is not None:
            raise ValueError(problem)

    @property
    def is_exact(self) -> bool:
        """Whether the interval holds exactly one number."""
        return self.high is not None and self.low == self.high

    def contains(self, x: Decimal) -> bool:
        """Return whether the number ``x`` lies in the interval."""
        if x < self.low or (self.low_open and x == self.low):
            return False
        if self.high is None:
            return True
        return x < self.high or (not self.high_open and x == self.high)

    def _low_key(self) -> tuple[Decimal, bool]:
        # Sorts lower bounds: a closed bound admits more than an open one.
        return (self.low, self.low_open)

    def _high_key(self) -> tuple[float | Decimal, bool]:
        # Sorts upper bounds: an open bound admits less than a closed one.
        if self.high is None:
            return (math.inf, True)
        return (self.high, not self.high_open)

    def is_subset(self, other: Interval) -> bool:
        """Return whether every number of this interval lies in ``other``."""
        return self._low_key() >= other._low_key() and self._high_key() <= other._high_key()

    def intersection(self, other: Interval) -> Interval | None:
        """Return the numbers both intervals hold, or ``None`` if none."""
        low, low_open = max(self._low_key(), other._low_key())
        hi = min((self, other), key=Interval._high_key)
        if hi.high is not None and (
            low > hi.high or (low == hi.high and (low_open or hi.high_open))
        ):
            return None
        return Interval(low, hi.high, low_open=low_open, high_open=hi.high_open)

    def hull(self, other: Interval) -> Interval:
        """Return the smallest interval holding both."""
        low, low_open = min(self._low_key(), other._low_key())
        hi = max((self, other), key=Interval._high_key)
        return Interval(low, hi.high, low_open=low_open, high_open=hi.high_open)


def _interval_pair(value: Any) -> tuple[Decimal, Decimal]:
    low, high = value
    low, high = _finite_decimal(low), _finite_decimal(high)
    if low < 0 or low > high:
        raise ValueError(
            f"a lexicon range must be [low, high] with 0 <= low <= high, got {value!r}"
        )
    return (low, high)


def normalize_words(phrase: str) -> str:
    """Return a phrase in lower case with single spaces, as lexicons match it.

    Example:
        >>> normalize_words("  A   Handful ")
        'a handful'
    """
    return " ".join(phrase.lower().split())


def _lexicon_words(words: Mapping[str, Any]) -> FrozenDict[str, tuple[Decimal, Decimal]]:
    out: dict[str, tuple[Decimal, Decimal]] = {}
    seen: dict[str, str] = {}
    for word, pair in words.items():
        if not isinstance(word, str) or not normalize_words(word):
            raise ValueError(f"a lexicon word must be non-empty text, got {word!r}")
        key = normalize_words(word)
        if key in seen:
            raise ValueError(f"lexicon words {seen[key]!r} and {word!r} are the same word")
        seen[key] = word
        out[word] = _interval_pair(pair)
    return FrozenDict(out)


DEFAULT_APPROX: Final = Decimal("0.1")

DEFAULT_LEXICON: Final[Mapping[str, tuple[Decimal, Decimal]]] = _lexicon_words(
    {
        "a couple": (2, 3),
        "a few": (2, 9),
        "several": (3, 19),
        "a dozen": (10, 14),
        "dozens": (12, 99),
        "tens": (10, 99),
        "scores": (20, 199),
        "hundreds": (100, 999),
        "a few hundred": (200, 999),
        "several hundred": (300, 999),
        "thousands": (1000, 9999),
        "a few thousand": (2000, 9999),
        "several thousand": (3000, 9999),
        "tens of thousands": (10000, 99999),
        "hundreds of thousands": (100000, 999999),
    }
)


def _approx(value: Any) -> Decimal:
    result = _finite_decimal(value)
    if not Decimal(0) <= result < Decimal(1):
        raise ValueError(f"approx must be at least 0 and below 1, got {value}")
    return result


@attrs.frozen
class Lexicon:
    """The vague words and the tolerance of ``about N`` a case file uses.

    Attributes:
        words: The words the file adds or changes, as written, each with
            its closed range ``(low, high)``; they match in any case and
            spacing.  The
            defaults of the specification apply to every word not given.
        approx: The tolerance ``t`` of ``about N`` ([N(1-t), N(1+t)]), or
            ``None`` for the default 0.1.

    Example:
        >>> lex = Lexicon({"a handful": (2, 6)})
        >>> lex.lookup("A  Handful"), lex.lookup("dozens")
        ((Decimal('2'), Decimal('6')), (Decimal('12'), Decimal('99')))
    """

    words: FrozenDict[str, tuple[Decimal, Decimal]] = attrs.field(
        factory=FrozenDict, converter=_lexicon_words
    )
    approx: Decimal | None = attrs.field(default=None, converter=attrs.converters.optional(_approx))

    @property
    def tolerance(self) -> Decimal:
        """The tolerance in force: ``approx`` or the default 0.1."""
        return DEFAULT_APPROX if self.approx is None else self.approx

    @cached_property
    def _in_force(self) -> Mapping[str, tuple[Decimal, Decimal]]:
        return {**DEFAULT_LEXICON, **{normalize_words(w): r for w, r in self.words.items()}}

    def lookup(self, phrase: str) -> tuple[Decimal, Decimal] | None:
        """Return the range of a vague word (any case and spacing), if known."""
        return self._in_force.get(normalize_words(phrase))

    def all_words(self) -> Mapping[str, tuple[Decimal, Decimal]]:
        """Return every word in force (normalised), the file's overriding the defaults."""
        return self._in_force


@attrs.frozen(cache_hash=True)
class QuantityValue:
    """A quantity claim's value: an interval, plus what the points need.

    Attributes:
        interval: The numbers the value allows, after integer closing.
        best: The ``best`` estimate of a mapping value, inside ``interval``.
        named: The number an ``about N`` or ``nearly N`` phrase names.
        vague: Whether the value was written as a vague word of the lexicon.

    Example:
        >>> QuantityValue(Interval(Decimal(11), Decimal(11))).point
        Decimal('11')
    """

    interval: Interval
    best: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_optional_finite_decimal
    )
    named: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_optional_finite_decimal
    )
    vague: bool = attrs.field(default=False, kw_only=True)

    kind: str = attrs.field(default="quantity", init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.best is not None and not self.interval.contains(self.best):
            raise ValueError(f"best {self.best} lies outside the interval")

    @property
    def point(self) -> Decimal:
        """The single number aggregation policies use for this value.

        ``best`` if given; else the exact value; else the number an
        ``about``/``nearly`` phrase names; else the low bound when above
        zero; else the high bound when finite; else the low bound.
        """
        iv = self.interval
        if self.best is not None:
            return self.best
        if iv.is_exact:
            return iv.low
        if self.named is not None:
            return self.named
        if iv.low > 0 or iv.high is None:
            return iv.low
        return iv.high


def _leaves(value: Iterable[str]) -> frozenset[str]:
    result = frozenset(value)
    if not result:
        raise ValueError("a category value must allow at least one leaf")
    return result


@attrs.frozen
class CategoryValue:
    """A category claim's value: the leaves it allows (one of them is true).

    Example:
        >>> sorted(CategoryValue({"police", "internal-troops"}).leaves)
        ['internal-troops', 'police']
    """

    leaves: frozenset[str] = attrs.field(converter=_leaves)

    kind: str = attrs.field(default="category", init=False, repr=False, eq=False)


def _precedences(value: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    pairs = frozenset((str(a), str(b)) for a, b in value)
    closure = _transitive_closure(pairs)
    # Name the least event on a cycle, so that the message never depends on set order.
    on_cycles = sorted(a for a, b in closure if a == b)
    if on_cycles:
        raise ValueError(f"the precedences form a cycle through {on_cycles[0]!r}")
    return closure


def _transitive_closure(pairs: frozenset[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    after: dict[str, set[str]] = {}
    for a, b in pairs:
        after.setdefault(a, set()).add(b)
    closed: set[tuple[str, str]] = set()
    for start in after:
        stack = list(after[start])
        seen: set[str] = set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            closed.add((start, node))
            stack.extend(after.get(node, ()))
    return frozenset(closed)


@attrs.frozen
class SequenceValue:
    """A sequence claim's value: precedences between events.

    The precedences are stored transitively closed; a cycle is refused, so a
    value always allows at least one order.

    Attributes:
        precedences: Pairs ``(before, after)``, transitively closed.

    Example:
        >>> sorted(SequenceValue({("a", "b"), ("b", "c")}).precedences)
        [('a', 'b'), ('a', 'c'), ('b', 'c')]
    """

    precedences: frozenset[tuple[str, str]] = attrs.field(converter=_precedences)

    kind: str = attrs.field(default="sequence", init=False, repr=False, eq=False)

    @property
    def events(self) -> frozenset[str]:
        """The events the precedences name."""
        return frozenset(e for pair in self.precedences for e in pair)


@attrs.frozen
class AssertionValue:
    """An assertion claim's value: the assertion is true, or false.

    Example:
        >>> AssertionValue(True).value
        True
    """

    value: bool = attrs.field(validator=attrs.validators.instance_of(bool))

    kind: str = attrs.field(default="assertion", init=False, repr=False, eq=False)


Value: TypeAlias = QuantityValue | CategoryValue | SequenceValue | AssertionValue
