"""Hypothesis strategies for claimcheck: property-based tests of claim logic.

Draw sources, propositions, values, claims and whole cases, or the text of
case files, valid or not, to test your own code that reads, reconciles or
reports on cases.  Install with the ``strategies`` extra
(``pip install 'claimcheck[strategies]'``); ``import claimcheck`` never
imports this module or hypothesis.

Every strategy is a plural noun, takes keyword-only options that accept
strategies (sizes and mixes), checks its options when called (raising
:class:`hypothesis.errors.InvalidArgument`), and shrinks toward small, plain
examples: few sources, exact numbers, no provenance.  Importing this module
also registers the model classes, so ``st.from_type(Source)``,
``st.from_type(Claim)``, ``st.from_type(Case)`` and the rest work.

Example:
    >>> from hypothesis import given, settings
    >>> from claimcheck.reconciliation import reconcile
    >>> @settings(max_examples=20)  # a whole case per example: keep it quick
    ... @given(cases())
    ... def test_every_claim_has_a_state(case):
    ...     assert set(reconcile(case).states) == {c.id for c in case.claims}
    >>> test_every_claim_has_a_state()
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
import yaml

try:
    import hypothesis  # noqa: F401 -- imported here only to say what is missing
except ImportError as exc:  # pragma: no cover - exercised without the extra installed
    raise ImportError(
        "claimcheck.strategies needs hypothesis: pip install 'claimcheck[strategies]'"
    ) from exc
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from claimcheck._frozen import freeze
from claimcheck.dumper import CoreSchemaDumper, _check_json_keys, decimal_text, to_mapping
from claimcheck.loader import parse_value
from claimcheck.model import (
    SOURCE_KINDS,
    AssertionProposition,
    Case,
    CaseInfo,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    SequenceProposition,
    Source,
    _unwritable,
    is_valid_id,
)
from claimcheck.phrases import PhraseError, format_number, parse_quantity
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    Lexicon,
    QuantityValue,
    SequenceValue,
    Value,
    normalize_words,
)

__all__ = [
    "FORMATS",
    "MISTAKES",
    "PROPOSITION_KINDS",
    "VALUE_FORMS",
    "CaseText",
    "InvalidCaseText",
    "assertions",
    "case_texts",
    "cases",
    "categories",
    "claims",
    "dates",
    "ids",
    "invalid_case_texts",
    "lexicons",
    "mutated_case_texts",
    "propositions",
    "quantities",
    "sequences",
    "source_forests",
    "sources",
    "values",
    "written_values",
]

T = TypeVar("T")
Strategy = st.SearchStrategy

#: The kinds of proposition, in the order examples shrink toward (quantity first).
PROPOSITION_KINDS: Final = ("quantity", "category", "sequence", "assertion")

#: The file formats of case texts.
FORMATS: Final = ("yaml", "json")

#: The written forms of a value, per kind of proposition, plainest first.
#:
#: Quantities: ``number`` (an int, or a Decimal for non-integer quantities),
#: ``phrase`` (the number in words or digits, ``1,000``, ``eleven``),
#: ``at least``, ``more than``, ``at most``, ``fewer than`` (each with all
#: their spellings: ``14 or more``, ``14+``, ``>= 14``, ``over``, ``up to``,
#: ``under``, ...), ``range`` (``N-M``, ``N`` en dash ``M``, ``N to M``, ``between N
#: and M``), ``about`` (``around``, ``~N``, ``c. N``, ...), ``nearly``
#: (``almost``, ``just under``), ``vague`` (a word of the lexicon in force)
#: and ``mapping`` (``{min, max}``, ``{low, best, high}`` and their parts).
#: Categories: ``node`` (a declared value at any level), ``any_of``, ``not``.
#: Sequences: ``chain`` (a list of events in order), ``chains`` (a list of
#: such lists).  Assertions: ``truth``.
VALUE_FORMS: Final[Mapping[str, tuple[str, ...]]] = {
    "quantity": (
        "number",
        "phrase",
        "at least",
        "more than",
        "at most",
        "fewer than",
        "range",
        "about",
        "nearly",
        "vague",
        "mapping",
    ),
    "category": ("node", "any_of", "not"),
    "sequence": ("chain", "chains"),
    "assertion": ("truth",),
}

# Default sizes, shared so that they can stand as argument defaults.
_ONE_TO_THREE: Final = st.integers(1, 3)
_ONE_TO_FOUR: Final = st.integers(1, 4)
_ONE_TO_SIX: Final = st.integers(1, 6)
_TWO_TO_FIVE: Final = st.integers(2, 5)
_ZERO_TO_EIGHT: Final = st.integers(0, 8)

_UNITS: Final = ("people", "vehicles", "buildings", "km", "tonnes", "days")
_BLOCS: Final = ("state", "opposition", "civil-society")
_LEXICON_WORDS: Final = (
    "a handful",
    "a score",
    "a bunch",
    "many",
    "a great many",
    "a multitude",
    "umpteen",
    "dozens",
    "a few",
    "hundreds",
)


# -- checking options ------------------------------------------------------------


def _strategy(name: str, value: Strategy[T] | None, default: Strategy[T]) -> Strategy[T]:
    """Return ``value`` (or ``default`` when ``None``), refusing anything but a strategy."""
    if value is None:
        return default
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a hypothesis strategy or None")
    return value


def _size(name: str, value: int | Strategy[int], minimum: int = 0) -> Strategy[int]:
    """Turn a size option (an int or a strategy of ints) into a checked strategy."""
    if isinstance(value, bool) or not isinstance(value, int | st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be an int or a strategy of ints")
    if isinstance(value, int):
        if value < minimum:
            raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")
        return st.just(value)

    def check(n: int) -> int:
        if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
            raise InvalidArgument(f"{name} drew {n!r}, but it must give ints of {minimum} or more")
        return n

    return value.map(check)


def _choice(
    name: str, value: Collection[str] | Strategy[str] | None, allowed: Sequence[str]
) -> Strategy[str]:
    """Turn a mix option (names, or a strategy of names) into a checked strategy."""
    if value is None:
        return st.sampled_from(tuple(allowed))
    if isinstance(value, st.SearchStrategy):

        def check(item: str) -> str:
            if item not in allowed:
                raise InvalidArgument(f"{name} drew {item!r}, not one of {', '.join(allowed)}")
            return item

        return value.map(check)
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidArgument(f"{name}={value!r} must be a collection of names or a strategy")
    chosen = tuple(value)
    if not chosen:
        raise InvalidArgument(f"{name} must not be empty")
    for item in chosen:
        if item not in allowed:
            raise InvalidArgument(f"{name}: {item!r} is not one of {', '.join(allowed)}")
    # Keep the documented order, so that examples shrink toward the plainest.
    return st.sampled_from([a for a in allowed if a in chosen])


def _pool(name: str, value: Sequence[T] | Strategy[T] | None, default: Strategy[T]) -> Strategy[T]:
    """A strategy of items: drawn from a sequence, or the strategy itself."""
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name}={value!r} must be a sequence or a strategy")
    if not value:
        raise InvalidArgument(f"{name} must not be empty")
    return st.sampled_from(list(value))


def _instance(name: str, value: object, kind: type | tuple[type, ...]) -> None:
    if not isinstance(value, kind):
        raise InvalidArgument(f"{name}={value!r} has the wrong type")


# -- drawing helpers ---------------------------------------------------------------
#
# Most strategies are built once, outside the draws: building them inside
# every draw would cost more than drawing from them.


def _draw_extra(draw: st.DrawFn, extras: Strategy[Mapping[Any, Any]]) -> Any:
    """An ``extra`` drawn from the user's ``extras``, frozen; InvalidArgument if no file holds it."""
    extra = draw(extras)
    problem = (
        f"is not a mapping: {extra!r}"
        if not isinstance(extra, Mapping)
        else _unwritable(extra, in_range=False)
    )
    if problem is not None:
        raise InvalidArgument(f"extras drew what an extra cannot hold: {problem}")
    return freeze(extra)


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of ``items``; shrinks toward the first."""
    return items[draw(st.integers(0, len(items) - 1))]


def _sample(draw: st.DrawFn, items: Sequence[T], k: int) -> list[T]:
    """``k`` distinct items (at most all of them), in the order of ``items``; shrinks toward the first."""
    left = list(range(len(items)))
    chosen = []
    for _ in range(min(k, len(items))):
        chosen.append(left.pop(draw(st.integers(0, len(left) - 1))))
    return [items[i] for i in sorted(chosen)]


def _shuffled(draw: st.DrawFn, items: Sequence[T]) -> list[T]:
    """A permutation of ``items``; shrinks toward their order."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = i - draw(st.integers(0, i))
        out[i], out[j] = out[j], out[i]
    return out


def _maybe(draw: st.DrawFn, strategy: Strategy[T]) -> T | None:
    """A drawn value or ``None``; shrinks toward ``None``."""
    return draw(strategy) if draw(st.booleans()) else None


def _maybe_pick(draw: st.DrawFn, items: Sequence[T]) -> T | None:
    """One of ``items`` or ``None``; shrinks toward ``None``."""
    return _pick(draw, items) if draw(st.booleans()) else None


def _rarely(draw: st.DrawFn) -> bool:
    """True one time in ten; shrinks toward false."""
    return draw(st.integers(0, 9)) == 9


def _count(draw: st.DrawFn, name: str, strategy: Strategy[int]) -> int:
    n = draw(strategy)
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidArgument(f"{name} drew {n!r}, not an int of 0 or more")
    return n


def _unique_ids(draw: st.DrawFn, ids: Strategy[str], n: int, what: str) -> list[str]:
    names: list[str] = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    for name in names:
        if not is_valid_id(name):
            raise InvalidArgument(f"ids drew {name!r}, which is not a valid {what} id")
    return names


@st.composite
def _drawn_by(draw: st.DrawFn, function: Callable[[st.DrawFn], T]) -> T:
    return function(draw)


def _whole(draw: st.DrawFn, function: Callable[[st.DrawFn], T]) -> T:
    """Draw with ``function`` as one piece, which shrinking can drop as a whole."""
    return draw(_drawn_by(function))


def _fresh_id(draw: st.DrawFn, ids: Strategy[str], used: set[str], what: str) -> str:
    """An id not in ``used`` (which it joins), refusing ids that are not valid."""
    for _ in range(8):
        ident = draw(ids)
        if ident not in used:
            break
    else:
        assume(False)  # ids keep repeating: this example is invalid
    if not is_valid_id(ident):
        raise InvalidArgument(f"ids drew {ident!r}, which is not a valid {what} id")
    used.add(ident)
    return ident


def _place(draw: st.DrawFn, items: list[T], item: T) -> None:
    """Put ``item`` at a drawn place among ``items``; shrinks toward the end."""
    items.insert(len(items) - draw(st.integers(0, len(items))), item)


def _sentence(text: str) -> str:
    """Text that is not blank, as a proposition's ``text`` must be."""
    return text if text.strip() else f"{text}claim"


def _url(draw: st.DrawFn, ident: str) -> str | None:
    return f"https://example.org/{ident}" if draw(st.booleans()) else None


# -- small pieces -----------------------------------------------------------------

_TEXTS: Final = st.text()
_SOURCE_KINDS: Final = st.sampled_from(SOURCE_KINDS)
_SOME_BLOCS: Final = st.none() | st.sampled_from(_BLOCS)
_SOME_UNITS: Final = st.just("people") | st.sampled_from(_UNITS)
_WHOLE_FIRST: Final = st.just(True) | st.just(False)


def ids() -> Strategy[str]:
    """Ids as the case format allows them (``[A-Za-z0-9][A-Za-z0-9._-]*``).

    Mostly short lower-case words; sometimes ids that tempt a YAML reader
    (``007``, ``1e5``, ``null``).  Examples shrink toward ``"a"``.

    Example:
        >>> from hypothesis import given
        >>> from claimcheck.model import is_valid_id
        >>> @given(ids())
        ... def test_ids_are_valid(ident):
        ...     assert is_valid_id(ident)
        >>> test_ids_are_valid()
    """
    return _IDS


_ID_START: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_IDS: Final = st.one_of(
    st.text(alphabet=_ID_START[:26], min_size=1, max_size=6),
    st.builds(
        str.__add__, st.sampled_from(_ID_START), st.text(alphabet=_ID_START + "._-", max_size=9)
    ),
    st.sampled_from(("007", "1e5", "0x1F", "0o17", "null", "true", "no", "1.50")),
)


def dates(
    *, min_value: _dt.date = _dt.date(2011, 12, 14), max_value: _dt.date = _dt.date(2011, 12, 20)
) -> Strategy[str]:
    """ISO 8601 dates as a case file writes them: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    The default window is a week, so that claims often share a day (ties)
    or follow one another (revisions).  Examples shrink toward
    ``min_value`` written in full.

    Args:
        min_value: The earliest day.
        max_value: The latest day.

    Raises:
        InvalidArgument: If the bounds are not dates in order.

    Example:
        >>> from hypothesis import given
        >>> from claimcheck.model import parse_date
        >>> @given(dates())
        ... def test_dates_parse(text):
        ...     assert parse_date(text) <= _dt.date(2011, 12, 20)
        >>> test_dates_parse()
    """
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            raise InvalidArgument(f"{name}={value!r} must be a datetime.date")
    if min_value > max_value:
        raise InvalidArgument(f"min_value={min_value} is after max_value={max_value}")
    return st.builds(
        _date_text,
        st.dates(min_value=min_value, max_value=max_value),
        st.sampled_from(("day", "month", "year")),
    )


def _date_text(day: _dt.date, precision: str) -> str:
    text = day.isoformat()
    return {"day": text, "month": text[:7], "year": text[:4]}[precision]


_DATES: Final = dates()
_SOME_DATES: Final = st.none() | _DATES


@st.composite
def _one_in_ten(draw: st.DrawFn, some: Strategy[dict[str, Any]]) -> dict[str, Any]:
    return draw(some) if _rarely(draw) else {}


def _extras() -> Strategy[dict[str, Any]]:
    """What users put under ``extra``: plain YAML/JSON data, mostly nothing."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**6), 10**6).map(lambda n: Decimal(n).scaleb(-2)),
        st.sampled_from((Decimal("1E+2"), Decimal("-0.0"), Decimal("0.10"))),
        st.text(),
    )
    # Two levels deep at most: deep data is for the loader's own tests.
    data = st.one_of(
        leaves,
        st.lists(leaves, max_size=3),
        st.dictionaries(st.text(max_size=8), leaves, max_size=2),
    )
    some = st.dictionaries(st.text(max_size=8), data, min_size=1, max_size=3)
    return _one_in_ten(some)


_EXTRAS: Final = _extras()


def lexicons(
    *,
    words: Strategy[str] | None = None,
    approx: Strategy[Decimal | None] | None = None,
) -> Strategy[Lexicon]:
    """Lexicons a case file may declare: vague words and the tolerance of ``about``.

    Each word gets a range that holds a whole number, so it is a valid value
    of any quantity.  Examples shrink toward the empty lexicon (the defaults
    of the specification).

    Args:
        words: The words to declare (default: a few new words, such as
            ``a handful``, and some of the default lexicon, redefined).
        approx: The tolerance ``t`` of ``about N``, from 0 up to (not
            including) 1, or ``None`` for the default 0.1 (default: either).

    Example:
        >>> from hypothesis import given
        >>> @given(lexicons())
        ... def test_tolerance_below_one(lexicon):
        ...     assert 0 <= lexicon.tolerance < 1
        >>> test_tolerance_below_one()
    """
    if words is None and approx is None:
        return _LEXICONS
    return _lexicons(
        _strategy("words", words, _LEXICON_WORD),
        _strategy("approx", approx, _SOME_TOLERANCES),
    )


_LEXICON_WORD: Final = st.sampled_from(_LEXICON_WORDS)
_SOME_TOLERANCES: Final = st.none() | st.sampled_from(
    tuple(Decimal(t) for t in ("0.05", "0.2", "0.25", "0", "0.5"))
)


@st.composite
def _lexicons(draw: st.DrawFn, word: Strategy[str], approx: Strategy[Decimal | None]) -> Lexicon:
    names = draw(st.lists(word, max_size=3, unique_by=normalize_words))
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for name in names:
        if not isinstance(name, str) or not normalize_words(name):
            raise InvalidArgument(f"words drew {name!r}, not a word")
        low = draw(_SMALL_OR_LARGE)
        high = low + draw(st.integers(0, 100))
        if draw(st.booleans()):
            # A half on either side still leaves [low, high] whole.
            out[name] = (
                Decimal(low) - Decimal("0.5") if low else Decimal(0),
                high + Decimal("0.5"),
            )
        else:
            out[name] = (Decimal(low), Decimal(high))
    tolerance = draw(approx)
    if tolerance is not None and not (isinstance(tolerance, Decimal) and 0 <= tolerance < 1):
        raise InvalidArgument(f"approx drew {tolerance!r}, not a Decimal from 0 up to 1")
    return Lexicon(out, tolerance)


_SMALL_OR_LARGE: Final = st.integers(0, 30) | st.integers(0, 2000)
_LEXICONS: Final = _lexicons(_LEXICON_WORD, _SOME_TOLERANCES)


# -- sources ------------------------------------------------------------------------


@attrs.frozen
class _SourceOptions:
    kinds: Strategy[str]
    blocs: Strategy[str | None]
    texts: Strategy[str]


def _draw_source(draw: st.DrawFn, o: _SourceOptions, ident: str, parent: str | None) -> Source:
    return Source(
        ident,
        draw(o.kinds),
        name=_maybe(draw, o.texts),
        part_of=None if parent == ident else parent,
        bloc=draw(o.blocs),
        url=_url(draw, ident),
    )


def sources(
    *,
    ids: Strategy[str] | None = None,
    kinds: Strategy[str] | None = None,
    part_of: Strategy[str | None] | None = None,
    blocs: Strategy[str | None] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[Source]:
    """Single sources.

    A source never names itself in ``part_of`` (``None`` is used instead).
    For sources whose ``part_of`` forms a forest, see :func:`source_forests`.
    Examples shrink toward a source with a short id, the first kind, no
    name, no ``part_of``, no bloc.

    Args:
        ids: The source ids (default: :func:`ids`).
        kinds: The kinds (default: any of :data:`claimcheck.model.SOURCE_KINDS`).
        part_of: The organisation it speaks for (default: none).
        blocs: The bloc (default: none, or one of a few).
        texts: The text of names (default: any text).

    Example:
        >>> from hypothesis import given
        >>> @given(sources(part_of=st.just("kz-government")))
        ... def test_part_of(source):
        ...     assert source.part_of in ("kz-government", None)
        >>> test_part_of()
    """
    return _sources(
        _strategy("ids", ids, _IDS),
        _strategy("part_of", part_of, st.none()),
        _SourceOptions(
            _strategy("kinds", kinds, _SOURCE_KINDS),
            _strategy("blocs", blocs, _SOME_BLOCS),
            _strategy("texts", texts, _TEXTS),
        ),
    )


@st.composite
def _sources(
    draw: st.DrawFn, ids: Strategy[str], part_of: Strategy[str | None], o: _SourceOptions
) -> Source:
    return _draw_source(draw, o, draw(ids), draw(part_of))


def source_forests(
    *,
    number_of_sources: int | Strategy[int] = _ONE_TO_FOUR,
    ids: Strategy[str] | None = None,
    kinds: Strategy[str] | None = None,
    blocs: Strategy[str | None] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[tuple[Source, ...]]:
    """Tuples of sources with unique ids whose ``part_of`` forms a forest.

    A source may speak for any other, never in a cycle; the tuple is in
    file order, so a source may come before the organisation it is part
    of.  Examples shrink toward few sources, none part of another, no blocs.

    Args:
        number_of_sources: How many sources (default: 1 to 4).
        ids: The source ids.
        kinds: The kinds.
        blocs: The blocs.
        texts: The text of names.

    Example:
        >>> from hypothesis import given
        >>> @given(source_forests())
        ... def test_unique_ids(forest):
        ...     assert len({s.id for s in forest}) == len(forest)
        >>> test_unique_ids()
    """
    return _source_forests(
        _size("number_of_sources", number_of_sources),
        _strategy("ids", ids, _IDS),
        _SourceOptions(
            _strategy("kinds", kinds, _SOURCE_KINDS),
            _strategy("blocs", blocs, _SOME_BLOCS),
            _strategy("texts", texts, _TEXTS),
        ),
    )


def _draw_forest(
    draw: st.DrawFn,
    number: Strategy[int],
    ids: Strategy[str],
    o: _SourceOptions,
    extras: Strategy[Mapping[Any, Any]] | None = None,
) -> list[Source]:
    used: set[str] = set()
    drawn: list[str] = []
    placed: list[Source] = []

    def one(draw: st.DrawFn) -> None:
        # A parent is drawn before its parts, so there is never a cycle.
        parent = _maybe_pick(draw, drawn) if drawn else None
        source = _draw_source(draw, o, _fresh_id(draw, ids, used, "source"), parent)
        if extras is not None:
            source = attrs.evolve(source, extra=_draw_extra(draw, extras))
        drawn.append(source.id)
        _place(draw, placed, source)

    for _ in range(_count(draw, "number_of_sources", number)):
        _whole(draw, one)
    return placed


@st.composite
def _source_forests(
    draw: st.DrawFn, number: Strategy[int], ids: Strategy[str], o: _SourceOptions
) -> tuple[Source, ...]:
    return tuple(_draw_forest(draw, number, ids, o))


# -- propositions ---------------------------------------------------------------------


def _draw_quantity(
    draw: st.DrawFn,
    ident: str,
    texts: Strategy[str],
    units: Strategy[str] = _SOME_UNITS,
    integer: Strategy[bool] = _WHOLE_FIRST,
    part_of: str | None = None,
) -> QuantityProposition:
    return QuantityProposition(
        ident,
        _sentence(draw(texts)),
        unit=draw(units),
        integer=draw(integer),
        part_of=None if part_of == ident else part_of,
    )


def quantities(
    *,
    ids: Strategy[str] | None = None,
    units: Strategy[str] | None = None,
    integer: Strategy[bool] | None = None,
    part_of: Strategy[str | None] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[QuantityProposition]:
    """Quantity propositions.

    Examples shrink toward an integer count of ``people`` that is part of
    nothing.

    Args:
        ids: The proposition ids.
        units: The units (default: a few plain ones, ``people`` most often).
        integer: Whether it counts whole things (default: either, whole first).
        part_of: The id of the quantity it is part of (default: none).
        texts: The text of its sentence.

    Example:
        >>> from hypothesis import given
        >>> @given(quantities(integer=st.just(False)))
        ... def test_not_integer(p):
        ...     assert p.kind == "quantity" and not p.integer
        >>> test_not_integer()
    """
    return _quantities(
        _strategy("ids", ids, _IDS),
        _strategy("texts", texts, _TEXTS),
        _strategy("units", units, _SOME_UNITS),
        _strategy("integer", integer, _WHOLE_FIRST),
        _strategy("part_of", part_of, st.none()),
    )


@st.composite
def _quantities(
    draw: st.DrawFn,
    ids: Strategy[str],
    texts: Strategy[str],
    units: Strategy[str],
    integer: Strategy[bool],
    part_of: Strategy[str | None],
) -> QuantityProposition:
    return _draw_quantity(draw, draw(ids), texts, units, integer, draw(part_of))


def _draw_category(
    draw: st.DrawFn,
    ident: str,
    texts: Strategy[str],
    names: Strategy[str] = _IDS,
    number: Strategy[int] = _ONE_TO_SIX,
    hierarchical: Strategy[bool] | None = None,
) -> CategoryProposition:
    n = _count(draw, "number_of_values", number)
    leaves = draw(st.lists(names, min_size=max(n, 1), max_size=max(n, 1), unique=True))
    used = set(leaves)
    fresh = names.filter(lambda name: name not in used)
    grouped = draw(hierarchical) if hierarchical is not None else draw(st.booleans())
    tree = _category_tree(draw, leaves, used, fresh, depth=2) if grouped else leaves
    return CategoryProposition(ident, _sentence(draw(texts)), values=tree)


def categories(
    *,
    ids: Strategy[str] | None = None,
    names: Strategy[str] | None = None,
    number_of_values: int | Strategy[int] = _ONE_TO_SIX,
    hierarchical: Strategy[bool] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[CategoryProposition]:
    """Category propositions, flat or hierarchical.

    A hierarchy is written in any of the forms the format allows: nested
    mappings (``{side: [a, b], c: null}``) or lists that mix names and
    mappings (``[c, {side: [a, b]}]``).  Examples shrink toward one flat
    value.

    Args:
        ids: The proposition ids.
        names: The names of values, leaves and the nodes above them
            (default: :func:`ids`).
        number_of_values: How many leaf values, at least 1 (default: 1 to 6).
        hierarchical: Whether to group leaves under nodes (default: either).
        texts: The text of its sentence.

    Example:
        >>> from hypothesis import given
        >>> @given(categories(number_of_values=3))
        ... def test_three_leaves(p):
        ...     assert len(p.leaves) == 3
        >>> test_three_leaves()
    """
    label = _strategy("names", names, _IDS)
    if names is not None:
        label = label.filter(lambda name: isinstance(name, str) and bool(name.strip()))
    return _categories(
        _strategy("ids", ids, _IDS),
        _strategy("texts", texts, _TEXTS),
        label,
        _size("number_of_values", number_of_values, minimum=1),
        _strategy("hierarchical", hierarchical, st.booleans()),
    )


@st.composite
def _categories(
    draw: st.DrawFn,
    ids: Strategy[str],
    texts: Strategy[str],
    names: Strategy[str],
    number: Strategy[int],
    hierarchical: Strategy[bool],
) -> CategoryProposition:
    return _draw_category(draw, draw(ids), texts, names, number, hierarchical)


def _category_tree(
    draw: st.DrawFn, leaves: list[str], used: set[str], fresh: Strategy[str], depth: int
) -> Any:
    """Group ``leaves`` under new nodes, in a mapping or a mixed list."""
    if depth == 0 or len(leaves) == 1:
        return list(leaves)
    cuts = sorted(draw(st.sets(st.integers(1, len(leaves) - 1), max_size=len(leaves) - 1)))
    chunks = [leaves[a:b] for a, b in zip([0, *cuts], [*cuts, len(leaves)], strict=True)]
    entries: list[tuple[str, Any]] = []
    for chunk in chunks:
        if len(chunk) == 1 and draw(st.booleans()):
            entries.append((chunk[0], None))
            continue
        node = draw(fresh)
        used.add(node)
        entries.append((node, _category_tree(draw, chunk, used, fresh, depth - 1)))
    if draw(st.booleans()):
        return dict(entries)
    return [name if below is None else {name: below} for name, below in entries]


def _draw_sequence(
    draw: st.DrawFn,
    ident: str,
    texts: Strategy[str],
    events: Strategy[str] = _IDS,
    number: Strategy[int] = _TWO_TO_FIVE,
) -> SequenceProposition:
    n = max(_count(draw, "number_of_events", number), 2)
    names = _unique_ids(draw, events, n, "event")
    described = {name: draw(texts) for name in names}
    return SequenceProposition(ident, _sentence(draw(texts)), events=described)


def sequences(
    *,
    ids: Strategy[str] | None = None,
    events: Strategy[str] | None = None,
    number_of_events: int | Strategy[int] = _TWO_TO_FIVE,
    texts: Strategy[str] | None = None,
) -> Strategy[SequenceProposition]:
    """Sequence propositions: events whose order is claimed.

    Examples shrink toward two events.

    Args:
        ids: The proposition ids.
        events: The event ids.
        number_of_events: How many events, at least 2 so that an order can
            be claimed (default: 2 to 5).
        texts: The text of its sentence and of the events' descriptions.

    Example:
        >>> from hypothesis import given
        >>> @given(sequences())
        ... def test_two_or_more_events(p):
        ...     assert len(p.events) >= 2
        >>> test_two_or_more_events()
    """
    return _sequences(
        _strategy("ids", ids, _IDS),
        _strategy("texts", texts, _TEXTS),
        _strategy("events", events, _IDS),
        _size("number_of_events", number_of_events, minimum=2),
    )


@st.composite
def _sequences(
    draw: st.DrawFn,
    ids: Strategy[str],
    texts: Strategy[str],
    events: Strategy[str],
    number: Strategy[int],
) -> SequenceProposition:
    return _draw_sequence(draw, draw(ids), texts, events, number)


def _draw_assertion(draw: st.DrawFn, ident: str, texts: Strategy[str]) -> AssertionProposition:
    return AssertionProposition(ident, _sentence(draw(texts)))


def assertions(
    *, ids: Strategy[str] | None = None, texts: Strategy[str] | None = None
) -> Strategy[AssertionProposition]:
    """Assertion propositions: statements that are true or false.

    Examples shrink toward a short id and a one-character sentence.

    Args:
        ids: The proposition ids.
        texts: The text of its sentence.

    Example:
        >>> from hypothesis import given
        >>> @given(assertions())
        ... def test_text_not_blank(p):
        ...     assert p.text.strip()
        >>> test_text_not_blank()
    """
    return _assertions(_strategy("ids", ids, _IDS), _strategy("texts", texts, _TEXTS))


@st.composite
def _assertions(draw: st.DrawFn, ids: Strategy[str], texts: Strategy[str]) -> AssertionProposition:
    return _draw_assertion(draw, draw(ids), texts)


def _draw_proposition(
    draw: st.DrawFn, kind: str, ident: str, texts: Strategy[str], names: Strategy[str]
) -> Proposition:
    if kind == "quantity":
        return _draw_quantity(draw, ident, texts)
    if kind == "category":
        return _draw_category(draw, ident, texts, names)
    if kind == "sequence":
        return _draw_sequence(draw, ident, texts, names)
    return _draw_assertion(draw, ident, texts)


def propositions(
    *,
    kinds: Collection[str] | Strategy[str] | None = None,
    ids: Strategy[str] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[Proposition]:
    """Propositions of any kind.

    Examples shrink toward a quantity (the first of :data:`PROPOSITION_KINDS`).

    Args:
        kinds: The kinds to mix: names from :data:`PROPOSITION_KINDS`, or a
            strategy of them (default: all four).
        ids: The proposition ids.
        texts: The text of sentences.

    Raises:
        InvalidArgument: If a kind is unknown.

    Example:
        >>> from hypothesis import given
        >>> @given(propositions(kinds=["category", "sequence"]))
        ... def test_kinds(p):
        ...     assert p.kind in ("category", "sequence")
        >>> test_kinds()
    """
    return _propositions(
        _choice("kinds", kinds, PROPOSITION_KINDS),
        _strategy("ids", ids, _IDS),
        _strategy("texts", texts, _TEXTS),
    )


@st.composite
def _propositions(
    draw: st.DrawFn, kinds: Strategy[str], ids: Strategy[str], texts: Strategy[str]
) -> Proposition:
    return _draw_proposition(draw, draw(kinds), draw(ids), texts, _IDS)


# -- values ---------------------------------------------------------------------------

_ONES: Final = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
)
_TENS: Final = (
    *("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
)


def _words(n: int, *, conjunction: bool = True) -> str:
    """Write a whole number below a trillion in English words (``eighty-six``)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_ONES[hundreds]} hundred"
        if not rest:
            return head
        return f"{head}{' and' if conjunction else ''} {_words(rest, conjunction=conjunction)}"
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            top, rest = divmod(n, scale)
            head = f"{_words(top, conjunction=conjunction)} {name}"
            return head if not rest else f"{head} {_words(rest, conjunction=conjunction)}"
    raise AssertionError(n)  # pragma: no cover -- the loop covers n >= 1000


_A_WORDS: Final = {12: "a dozen", 100: "a hundred", 1000: "a thousand"}
# Words that may not serve as a unit at the end of a phrase (they read as part of it).
_NOT_UNITS: Final = frozenset(
    {"of", "or", "more", "and", "to", "than", "least", "most", "under", "over", "some"}
    | set(_ONES)
    | {"hundred", "thousand", "million", "billion", "dozen", "dozens"}
)

_TEMPLATES: Final[Mapping[str, tuple[str, ...]]] = {
    "phrase": ("{}",),
    "at least": ("at least {}", "no fewer than {}", "{} or more", "{}+", ">= {}", "≥ {}", ">={}"),
    "more than": ("more than {}", "over {}", "> {}", ">{}"),
    "at most": ("at most {}", "up to {}", "no more than {}", "<= {}", "≤ {}", "<={}"),
    "fewer than": ("fewer than {}", "less than {}", "under {}", "< {}", "<{}"),
    "about": (
        *("about {}", "around {}", "approximately {}", "roughly {}", "some {}"),
        *("~{}", "~ {}", "circa {}", "c. {}"),
    ),
    "nearly": ("nearly {}", "almost {}", "just under {}"),
}
_RANGES: Final = ("{} to {}", "between {} and {}", "{}-{}", "{}\N{EN DASH}{}", "{} - {}")
_MAPPING_SHAPES: Final = (
    (("min", "low"), ("max", "high")),
    (("min", "low"),),
    (("max", "high"),),
    (("low", "low"), ("best", "best"), ("high", "high")),
    (("low", "low"), ("high", "high")),
    (("low", "low"), ("best", "best")),
    (("best", "best"), ("high", "high")),
)

# Mostly small, so that claims meet, nest and clash; sometimes large.
_SMALL: Final = st.integers(0, 20)
_COUNTS: Final = st.one_of(_SMALL, _SMALL, _SMALL, st.integers(0, 2000), st.integers(0, 10**7))


def _amount(draw: st.DrawFn, integer: bool) -> Decimal:
    n = Decimal(draw(_COUNTS))
    return n if integer else n.scaleb(-draw(st.integers(0, 2)))


def _spell(draw: st.DrawFn, n: Decimal, *, words: bool = True, conjunction: bool = True) -> str:
    """Write a number as a phrase may: digits, ``1,000``, words, or ``a dozen``."""
    whole = n == n.to_integral_value()
    ways = ["digits"]
    if n >= 1000:
        ways.append("separators")
    if words and whole and n < 10**12:
        ways.append("words")
        if int(n) in _A_WORDS:
            ways.append("a")
    way = _pick(draw, ways)
    if way == "separators":
        return f"{int(n):,}" if whole else format(n, ",f")
    if way == "words":
        return _words(int(n), conjunction=conjunction)
    if way == "a":
        return _A_WORDS[int(n)]
    return format_number(n)


def _symbolic(template: str) -> bool:
    return not template[0].isalpha() or template.endswith("+")


_FORMS: Final = {kind: st.sampled_from(forms) for kind, forms in VALUE_FORMS.items()}


def written_values(
    proposition: Proposition,
    *,
    lexicon: Lexicon | None = None,
    forms: Collection[str] | Strategy[str] | None = None,
) -> Strategy[Any]:
    """Values of ``proposition`` as a case file writes them.

    Quantities come in every form of the phrase table: numbers, digits,
    ``1,000``, number words, comparatives, ranges, ``about``/``nearly``,
    vague words of ``lexicon``, and mappings with ``best``; a phrase may end
    with the unit (``11 people``, ``dozens of people``) and be in any case.
    Categories come as a declared value at any level, ``{any_of: ...}`` or
    ``{not: ...}``; sequences as a chain of events or a list of chains (each
    value consistent in itself); assertions as ``true`` or ``false``.  Every
    example is a valid value of ``proposition``.  Examples shrink toward the
    plainest form: the exact number 0, the first declared value, the first
    two events in order, ``false``.

    Args:
        proposition: The proposition.
        lexicon: The vague words in force (default: the specification's).
        forms: The forms to mix, from :data:`VALUE_FORMS` for the
            proposition's kind, or a strategy of them (default: all).
            ``nearly`` needs a tolerance above 0; with ``approx: 0`` it is
            written as ``about`` instead.

    Raises:
        InvalidArgument: If an option is not valid for ``proposition``.

    Example:
        >>> from hypothesis import given
        >>> from claimcheck import parse_value
        >>> deaths = QuantityProposition("deaths", "People killed", unit="people")
        >>> @given(written_values(deaths, forms=["at least", "more than"]))
        ... def test_unbounded(written):
        ...     assert parse_value(deaths, written).interval.high is None
        >>> test_unbounded()
    """
    _instance("proposition", proposition, Proposition)
    if lexicon is not None:
        _instance("lexicon", lexicon, Lexicon)
    if isinstance(proposition, SequenceProposition) and len(proposition.events) < 2:
        raise InvalidArgument(
            f"sequence proposition {proposition.id!r} needs two events for a value"
        )
    form = (
        _FORMS[proposition.kind]
        if forms is None
        else _choice("forms", forms, VALUE_FORMS[proposition.kind])
    )
    return _written_values(proposition, lexicon or Lexicon(), form)


@st.composite
def _written_values(
    draw: st.DrawFn, proposition: Proposition, lexicon: Lexicon, forms: Strategy[str]
) -> Any:
    return _draw_written(draw, proposition, lexicon, draw(forms))


def _draw_written(draw: st.DrawFn, proposition: Proposition, lexicon: Lexicon, form: str) -> Any:
    if isinstance(proposition, QuantityProposition):
        return _quantity_written(draw, proposition, lexicon, form)
    if isinstance(proposition, CategoryProposition):
        return _category_written(draw, proposition, form)
    if isinstance(proposition, SequenceProposition):
        return _sequence_written(draw, proposition, form)
    return draw(st.booleans())


def values(
    proposition: Proposition,
    *,
    lexicon: Lexicon | None = None,
    forms: Collection[str] | Strategy[str] | None = None,
) -> Strategy[Value]:
    """Parsed values of ``proposition``: :func:`written_values`, read as the loader reads them.

    Examples shrink as :func:`written_values` does (toward the exact number
    0, the first declared value, the first two events in order, false).

    Args:
        proposition: The proposition.
        lexicon: The vague words in force.
        forms: The written forms to mix (see :func:`written_values`).

    Example:
        >>> from hypothesis import given
        >>> from claimcheck.logic import relate
        >>> deaths = QuantityProposition("deaths", "People killed", unit="people")
        >>> @given(values(deaths), values(deaths))
        ... def test_converse(a, b):
        ...     assert relate(deaths, a, b) is relate(deaths, b, a).converse
        >>> test_converse()
    """
    written = written_values(proposition, lexicon=lexicon, forms=forms)
    return written.map(lambda w: parse_value(proposition, w, lexicon=lexicon))


def _unit_suffix(draw: st.DrawFn, proposition: QuantityProposition, vague: bool) -> str:
    unit = normalize_words(proposition.unit)
    if not re.fullmatch(r"[a-z]+", unit) or unit in _NOT_UNITS:
        return ""
    if not draw(st.booleans()):
        return ""
    return f" of {proposition.unit}" if vague and draw(st.booleans()) else f" {proposition.unit}"


def _in_case(draw: st.DrawFn, phrase: str) -> str:
    how = draw(st.integers(0, 2))
    return (phrase, phrase[:1].upper() + phrase[1:], phrase.upper())[how]


def _quantity_written(
    draw: st.DrawFn, proposition: QuantityProposition, lexicon: Lexicon, form: str
) -> Any:
    integer = proposition.integer
    if form == "nearly" and lexicon.tolerance == 0:
        form = "about"  # with no tolerance, "nearly N" would be empty
    if form == "number":
        n = _amount(draw, integer)
        return int(n) if n == n.to_integral_value() else n
    if form == "mapping":
        return _mapping(draw, integer)
    if form == "vague":
        words = [
            w
            for w, (low, high) in sorted(lexicon.all_words().items())
            if not integer or low.to_integral_value(decimal.ROUND_CEILING) <= high
        ]
        phrase = _pick(draw, words) if words else format_number(_amount(draw, integer))
    elif form == "range":
        low = _amount(draw, integer)
        high = low + _amount(draw, integer)
        template = _pick(draw, _RANGES)
        # Words go only with "to" and "between": "twenty-five-thirty" is ambiguous.
        words_ok = template in ("{} to {}", "between {} and {}")
        phrase = template.format(
            _spell(draw, low, words=words_ok, conjunction=False),
            _spell(draw, high, words=words_ok, conjunction=False),
        )
    else:
        n = _amount(draw, integer)
        if integer and form != "phrase" and draw(st.booleans()):
            n += Decimal("0.5")  # "at least 2.5" of a count is [3, oo)
        if form in ("fewer than", "nearly") and n == 0:
            n = Decimal(1)
        template = _pick(draw, _TEMPLATES[form])
        phrase = template.format(_spell(draw, n, words=not _symbolic(template)))
        if lexicon.lookup(phrase) is not None:
            phrase = template.format(format_number(n))  # the file made it a vague word
    phrase += _unit_suffix(draw, proposition, vague=form == "vague")
    return _in_case(draw, phrase)


def _mapping(draw: st.DrawFn, integer: bool) -> dict[str, Any]:
    low = _amount(draw, integer)
    high = low + _amount(draw, integer)
    best = _pick(draw, sorted({low, high, low + (high - low) // 2}))
    numbers = {"low": low, "high": high, "best": best}

    def written(x: Decimal) -> Any:
        plain: Any = int(x) if x == x.to_integral_value() else x
        if _rarely(draw):
            return f"{plain:,}" if isinstance(plain, int) else str(plain)
        return plain

    out = {key: written(numbers[which]) for key, which in _pick(draw, _MAPPING_SHAPES)}
    if list(out) == ["min"] and draw(st.booleans()):
        out["max"] = None
    return out


def _category_written(draw: st.DrawFn, proposition: CategoryProposition, form: str) -> Any:
    nodes = list(proposition.children)
    if form == "node":
        return _pick(draw, nodes)
    chosen = _sample(draw, nodes, draw(st.integers(1, 3)))
    if form == "not":
        left = proposition.leaves - frozenset().union(*(proposition.leaves_of(n) for n in chosen))
        if not left:
            return chosen[0]  # "not" would exclude every leaf
    written: Any = chosen
    if len(chosen) == 1 and draw(st.booleans()):
        written = chosen[0]
    return {form: written}


def _sequence_written(draw: st.DrawFn, proposition: SequenceProposition, form: str) -> list[Any]:
    # Every chain follows one order of all the events, so a value never cycles.
    order = _shuffled(draw, list(proposition.events))

    def chain() -> list[str]:
        size = 2 + draw(st.integers(0, len(order) - 2))
        return _sample(draw, order, size)

    if form == "chain":
        return chain()
    return [chain() for _ in range(1 + draw(st.integers(0, 2)))]


# -- claims ----------------------------------------------------------------------------

_RETRACTIONS: Final = st.integers(0, 9).map(lambda n: n == 9)


@attrs.frozen
class _ClaimOptions:
    lexicon: Lexicon
    dates: Strategy[str | None]
    retracted: Strategy[bool]
    texts: Strategy[str]


def _draw_claim(
    draw: st.DrawFn,
    o: _ClaimOptions,
    ident: str,
    source: Source,
    proposition: Proposition,
    via: Sequence[str],
    cites: Sequence[str],
) -> Claim:
    written = _draw_written(draw, proposition, o.lexicon, draw(_FORMS[proposition.kind]))
    return Claim(
        ident,
        source.id,
        proposition.id,
        parse_value(proposition, written, lexicon=o.lexicon),
        written=written,
        date=draw(o.dates),
        quote=_maybe(draw, o.texts),
        url=_url(draw, ident),
        via=tuple(via),
        cites=tuple(cites),
        retracted=draw(o.retracted),
    )


def claims(
    *,
    sources: Sequence[Source] | Strategy[Source] | None = None,
    propositions: Sequence[Proposition] | Strategy[Proposition] | None = None,
    lexicon: Lexicon | None = None,
    ids: Strategy[str] | None = None,
    dates: Strategy[str | None] | None = None,
    via: Strategy[Sequence[str]] | None = None,
    cites: Strategy[Sequence[str]] | None = None,
    retracted: Strategy[bool] | None = None,
    texts: Strategy[str] | None = None,
) -> Strategy[Claim]:
    """Single claims: a source saying a valid value of a proposition.

    With ``sources`` and ``propositions`` from a case, the claim fits that
    case (its ``cites`` must then name claims of the case, which is what
    :func:`cases` arranges).  Examples shrink toward an undated claim of
    the first source about the first proposition, with the plainest value
    and no quote, relay, citation or retraction.

    Args:
        sources: The sources to choose from (default: any source).
        propositions: The propositions to choose from (default: any).
        lexicon: The vague words in force.
        ids: The claim ids.
        dates: When it was made, or ``None`` (default: undated, or a day of
            a week in December 2011 as :func:`dates` draws it).
        via: The relays (default: up to two of ``sources`` when given as a
            sequence, else none).
        cites: The ids of the claims it is derived from (default: none).
        retracted: Whether its source withdrew it (default: one in ten).
        texts: The text of quotes.

    Raises:
        InvalidArgument: If an option has the wrong type, or a sequence is empty.

    Example:
        >>> from hypothesis import given
        >>> people = [Source("ministry", "government"), Source("union", "opposition")]
        >>> deaths = [QuantityProposition("deaths", "People killed", unit="people")]
        >>> @given(claims(sources=people, propositions=deaths))
        ... def test_fits(claim):
        ...     assert claim.source in ("ministry", "union") and claim.value.kind == "quantity"
        >>> test_fits()
    """
    if lexicon is not None:
        _instance("lexicon", lexicon, Lexicon)
    relays: Strategy[Sequence[str]] = st.just(())
    if isinstance(sources, Sequence) and not isinstance(sources, str) and sources:
        for s in sources:
            _instance("sources (an item)", s, Source)
        relays = st.lists(st.sampled_from([s.id for s in sources]), max_size=2, unique=True)
    if isinstance(propositions, Sequence) and not isinstance(propositions, str):
        for p in propositions:
            _instance("propositions (an item)", p, Proposition)
    return _claims(
        _pool("sources", sources, _DEFAULT_SOURCES),
        _pool("propositions", propositions, _DEFAULT_PROPOSITIONS),
        _strategy("ids", ids, _IDS),
        _strategy("via", via, relays),
        _strategy("cites", cites, st.just(())),
        _ClaimOptions(
            lexicon or Lexicon(),
            _strategy("dates", dates, _SOME_DATES),
            _strategy("retracted", retracted, _RETRACTIONS),
            _strategy("texts", texts, _TEXTS),
        ),
    )


@st.composite
def _claims(
    draw: st.DrawFn,
    sources: Strategy[Source],
    propositions: Strategy[Proposition],
    ids: Strategy[str],
    via: Strategy[Sequence[str]],
    cites: Strategy[Sequence[str]],
    o: _ClaimOptions,
) -> Claim:
    source = draw(sources)
    proposition = draw(propositions)
    _instance("sources (drawn)", source, Source)
    _instance("propositions (drawn)", proposition, Proposition)
    return _draw_claim(draw, o, draw(ids), source, proposition, draw(via), draw(cites))


# -- cases -------------------------------------------------------------------------------


@attrs.frozen
class _CaseOptions:
    """The checked options of :func:`cases`."""

    number_of_sources: Strategy[int]
    number_of_propositions: Strategy[int]
    number_of_claims: Strategy[int]
    kinds: Strategy[str]
    lexicons: Strategy[Lexicon]
    ids: Strategy[str]
    dates: Strategy[str | None]
    retracted: Strategy[bool]
    citations: Strategy[int]
    relays: Strategy[int]
    texts: Strategy[str]
    extras: Strategy[Mapping[Any, Any]]


_CITATIONS: Final = st.sampled_from((0, 0, 0, 1, 2))
_RELAYS: Final = st.sampled_from((0, 0, 1, 2))


def cases(
    *,
    number_of_sources: int | Strategy[int] = _ONE_TO_FOUR,
    number_of_propositions: int | Strategy[int] = _ONE_TO_THREE,
    number_of_claims: int | Strategy[int] = _ZERO_TO_EIGHT,
    kinds: Collection[str] | Strategy[str] | None = None,
    lexicons: Strategy[Lexicon] | None = None,
    ids: Strategy[str] | None = None,
    dates: Strategy[str | None] | None = None,
    retracted: Strategy[bool] | None = None,
    citations: Strategy[int] | None = None,
    relays: Strategy[int] | None = None,
    texts: Strategy[str] | None = None,
    extras: Strategy[Mapping[Any, Any]] | None = None,
) -> Strategy[Case]:
    """Whole valid cases.

    Sources form a ``part_of`` forest with blocs; quantity propositions may
    be part of earlier ones of the same unit; claims take every written
    form, are often dated within one week (so revisions and ties occur),
    and may cite other claims (never in a cycle), pass through relays or be
    retracted.  Some claims have default ids (``<source>.<proposition>.<n>``,
    counted in file order).  Examples shrink toward one source, one
    quantity proposition, few claims with exact numbers and no provenance.

    Args:
        number_of_sources: How many sources (default: 1 to 4).
        number_of_propositions: How many propositions (default: 1 to 3).
        number_of_claims: How many claims (default: 0 to 8; none when there
            is no source or no proposition).
        kinds: The kinds of proposition to mix (names from
            :data:`PROPOSITION_KINDS`, or a strategy of them; default: all).
        lexicons: The case's lexicon (default: :func:`lexicons`).
        ids: The ids of sources, propositions, events, values and claims
            (default: :func:`ids`).
        dates: Each claim's date, or ``None`` (default: undated, or as
            :func:`dates` draws).
        retracted: Whether each claim is retracted (default: one in ten).
        citations: How many claims, drawn before it, each claim cites (as
            many as there are, at most; default: mostly 0, else 1 or 2).
        relays: How many relays each claim names in ``via`` (default:
            mostly 0, else 1 or 2).
        texts: Free text: names, titles, quotes, sentences, descriptions
            (default: any text).
        extras: What objects carry under ``extra`` (default: mostly nothing).

    Raises:
        InvalidArgument: If an option is of the wrong type or out of range.

    Example:
        >>> from hypothesis import given, settings
        >>> from claimcheck import dumps, loads
        >>> @settings(max_examples=20)  # a whole case per example: keep it quick
        ... @given(cases(kinds=["assertion"]))
        ... def test_round_trip(case):
        ...     assert loads(dumps(case)) == case
        >>> test_round_trip()
    """
    counts = (number_of_sources, number_of_propositions)
    checked = _CaseOptions(
        _size("number_of_sources", number_of_sources),
        _size("number_of_propositions", number_of_propositions),
        _size("number_of_claims", number_of_claims),
        _choice("kinds", kinds, PROPOSITION_KINDS),
        _strategy("lexicons", lexicons, _LEXICONS),
        _strategy("ids", ids, _IDS),
        _strategy("dates", dates, _SOME_DATES),
        _strategy("retracted", retracted, _RETRACTIONS),
        _strategy("citations", citations, _CITATIONS),
        _strategy("relays", relays, _RELAYS),
        _strategy("texts", texts, _TEXTS),
        _strategy("extras", extras, _EXTRAS),
    )
    if isinstance(number_of_claims, int) and number_of_claims > 0 and 0 in counts:
        raise InvalidArgument(
            "claims need a source and a proposition; with number_of_sources=0 or "
            "number_of_propositions=0, number_of_claims must be 0"
        )
    return _cases(checked)


@st.composite
def _cases(draw: st.DrawFn, o: _CaseOptions) -> Case:
    lexicon = draw(o.lexicons)
    _instance("lexicons (drawn)", lexicon, Lexicon)
    forest = _draw_forest(
        draw,
        o.number_of_sources,
        o.ids,
        _SourceOptions(_SOURCE_KINDS, _SOME_BLOCS, o.texts),
        o.extras,
    )
    props = _propositions_of_case(draw, o)
    n_claims = _count(draw, "number_of_claims", o.number_of_claims) if forest and props else 0
    options = _ClaimOptions(lexicon, o.dates, o.retracted, o.texts)
    source_ids = [s.id for s in forest]
    # Each claim is drawn whole in one place, with a provisional id, its place
    # in the file and whether it takes its default id; it cites only claims
    # drawn before it, so cites never cycle, whatever the file order.
    used: set[str] = set()
    drawn: list[str] = []
    placed: list[tuple[Claim, bool]] = []

    def one(draw: st.DrawFn) -> None:
        ident = _fresh_id(draw, o.ids, used, "claim")
        cites = _sample(draw, drawn, _count(draw, "citations", o.citations))
        via = _sample(draw, source_ids, _count(draw, "relays", o.relays))
        claim = _draw_claim(
            draw, options, ident, _pick(draw, forest), _pick(draw, props), via, cites
        )
        claim = attrs.evolve(claim, extra=_draw_extra(draw, o.extras))
        drawn.append(ident)
        _place(draw, placed, (claim, draw(st.booleans())))

    for _ in range(n_claims):
        _whole(draw, one)
    final = _resolve_ids([c for c, _ in placed], [d for _, d in placed])
    claims_out = [
        attrs.evolve(
            c,
            id=final[c.id],
            cites=tuple(final[x] for x in c.cites),
            url=None if c.url is None else f"https://example.org/{final[c.id]}",
        )
        for c, _ in placed
    ]
    info = CaseInfo(
        id=_maybe(draw, o.ids),
        title=_maybe(draw, o.texts),
        date=_maybe(draw, _DATES),
        extra=_draw_extra(draw, o.extras),
    )
    return Case(
        sources=forest,
        propositions=props,
        claims=claims_out,
        info=info,
        lexicon=lexicon,
        extra=_draw_extra(draw, o.extras),
    )


def _propositions_of_case(draw: st.DrawFn, o: _CaseOptions) -> list[Proposition]:
    used: set[str] = set()
    props: list[Proposition] = []

    def one(draw: st.DrawFn) -> None:
        ident = _fresh_id(draw, o.ids, used, "proposition")
        prop = _draw_proposition(draw, draw(o.kinds), ident, o.texts, o.ids)
        if isinstance(prop, QuantityProposition):
            wholes = [
                p.id for p in props if isinstance(p, QuantityProposition) and p.unit == prop.unit
            ]
            if wholes:
                prop = attrs.evolve(prop, part_of=_maybe_pick(draw, wholes))
        props.append(attrs.evolve(prop, extra=_draw_extra(draw, o.extras)))

    for _ in range(_count(draw, "number_of_propositions", o.number_of_propositions)):
        _whole(draw, one)
    return props


def _resolve_ids(ordered: Sequence[Claim], defaults: Sequence[bool]) -> dict[str, str]:
    """Give chosen claims their default id, where it collides with no explicit one."""
    counts: Counter[tuple[str, str]] = Counter()
    default_of: dict[str, str] = {}
    for claim in ordered:
        key = (claim.source, claim.proposition)
        counts[key] += 1
        default_of[claim.id] = f"{key[0]}.{key[1]}.{counts[key]}"
    wanted = {c.id for c, d in zip(ordered, defaults, strict=True) if d}
    explicit = {c.id for c in ordered if c.id not in wanted}
    final: dict[str, str] = {}
    for claim in ordered:
        default = default_of[claim.id]
        use = claim.id in wanted and default not in explicit
        final[claim.id] = default if use else claim.id
        if not use:
            explicit.add(claim.id)
    # A provisional id kept late may still equal a default given earlier;
    # then every claim keeps its provisional id.
    if len(set(final.values())) != len(final):
        return {c.id: c.id for c in ordered}
    return final


# -- case texts ---------------------------------------------------------------------------


@attrs.frozen
class CaseText:
    """The text of a valid case file, with what it must load as.

    Attributes:
        text: The file's text.
        format: ``"yaml"`` or ``"json"``.
        case: The case ``loads(text, format=format)`` must return.
    """

    text: str
    format: str
    case: Case


@attrs.frozen
class InvalidCaseText:
    """The text of a case file with one kind of mistake in it.

    Attributes:
        text: The file's text.
        format: ``"yaml"`` or ``"json"``.
        mistake: The kind of mistake, one of :data:`MISTAKES`.
        message: A regular expression that the loader's error message
            (``str(error)``) must match somewhere.
    """

    text: str
    format: str
    mistake: str
    message: str


class _Pairs:
    """A mapping written with its pairs as given, so a key can appear twice."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs


class _CaseDumper(CoreSchemaDumper):
    """claimcheck's own YAML writer, able to write what a valid case never holds.

    Invalid texts need NaN and infinities, and keys given twice (``_Pairs``);
    text other than printable ASCII is double-quoted, so every character
    survives whatever the style.
    """


def _decimal_text(value: Decimal) -> str:
    if value.is_nan():
        return ".nan"
    if value.is_infinite():
        return "-.inf" if value < 0 else ".inf"
    return decimal_text(value)


def _yaml_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", _decimal_text(value))


def _yaml_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    plain = all(" " <= ch <= "~" for ch in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


def _yaml_pairs(dumper: yaml.SafeDumper, value: _Pairs) -> yaml.MappingNode:
    node = yaml.MappingNode("tag:yaml.org,2002:map", [], flow_style=False)
    for key, item in value.pairs:
        node.value.append((dumper.represent_data(key), dumper.represent_data(item)))
    return node


_CaseDumper.add_representer(Decimal, _yaml_decimal)
_CaseDumper.add_representer(str, _yaml_str)
_CaseDumper.add_representer(_Pairs, _yaml_pairs)


def _yaml_text(data: Any) -> str:
    text: str = yaml.dump(
        data, Dumper=_CaseDumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text


def _json_text(data: Any, indent: str = "") -> str:
    """JSON with Decimals written digit for digit, NaN as ``NaN``, and duplicate keys kept."""
    inner = indent + "  "
    if isinstance(data, _Pairs | Mapping):
        pairs = data.pairs if isinstance(data, _Pairs) else list(data.items())
        if not pairs:
            return "{}"
        body = ",\n".join(
            f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {_json_text(v, inner)}"
            for k, v in pairs
        )
        return "{\n" + body + "\n" + indent + "}"
    if isinstance(data, list | tuple):
        if not data:
            return "[]"
        return "[\n" + ",\n".join(inner + _json_text(v, inner) for v in data) + "\n" + indent + "]"
    if isinstance(data, Decimal):
        if data.is_nan():
            return "NaN"
        if data.is_infinite():
            return "-Infinity" if data < 0 else "Infinity"
        return _decimal_text(data)
    return json.dumps(data, ensure_ascii=False)


def _text(data: Any, fmt: str) -> str:
    return _yaml_text(data) if fmt == "yaml" else _json_text(data) + "\n"


def _file_data(draw: st.DrawFn, case: Case) -> dict[str, Any]:
    """The case as a file may hold it: default ids left out, some defaults spelt out."""
    data = to_mapping(case)
    counts: Counter[tuple[str, str]] = Counter()
    for claim in data.get("claims", []):
        key = (claim["source"], claim["proposition"])
        counts[key] += 1
        if claim["id"] == f"{key[0]}.{key[1]}.{counts[key]}" and draw(st.booleans()):
            del claim["id"]
        for refs in ("via", "cites"):
            if len(claim.get(refs, ())) == 1 and draw(st.booleans()):
                claim[refs] = claim[refs][0]
        if "retracted" not in claim and draw(st.integers(0, 9)) == 9:
            claim["retracted"] = False
    for prop in data.get("propositions", []):
        if prop["kind"] == "quantity" and "integer" not in prop and draw(st.integers(0, 9)) == 9:
            prop["integer"] = True
    return data


def case_texts(
    *,
    cases: Strategy[Case] | None = None,
    formats: Collection[str] | Strategy[str] | None = None,
) -> Strategy[CaseText]:
    """Texts of valid case files, YAML or JSON, each with the case it holds.

    The text is written independently of :func:`claimcheck.dumps`: claims
    with default ids may leave their id out, a single relay or citation may
    be written without a list, and defaults may be spelt out.  Examples
    shrink toward YAML text of the simplest case.

    Args:
        cases: The cases to write (default: :func:`cases`).
        formats: ``"yaml"``, ``"json"``, or a strategy of them (default: both).

    Raises:
        hypothesis.errors.InvalidArgument: When drawn, if a case to be
            written as JSON has a key under ``extra`` that is not text
            (``1``, ``true``): JSON cannot hold it (see :func:`claimcheck.dumps`).

    Example:
        >>> from hypothesis import given, settings
        >>> from claimcheck import loads
        >>> @settings(max_examples=20)  # a whole case per example: keep it quick
        ... @given(case_texts(formats=["json"]))
        ... def test_loads(t):
        ...     assert loads(t.text, format=t.format) == t.case
        >>> test_loads()
    """
    return _case_texts(
        _strategy("cases", cases, _DEFAULT_CASES), _choice("formats", formats, FORMATS)
    )


def _json_can_hold(data: Mapping[str, Any]) -> None:
    """Raise InvalidArgument if a key under an ``extra`` of a case's data is not text (see ``dumps``)."""
    try:
        _check_json_keys(data)
    except ValueError as exc:
        raise InvalidArgument(str(exc)) from None


@st.composite
def _case_texts(draw: st.DrawFn, cases: Strategy[Case], formats: Strategy[str]) -> CaseText:
    case = draw(cases)
    _instance("cases (drawn)", case, Case)
    fmt = draw(formats)
    if fmt == "json":
        _json_can_hold(to_mapping(case))
    text = _text(_file_data(draw, case), fmt)
    if fmt == "yaml" and draw(st.booleans()):
        text = "# a case file\n" + text
    return CaseText(text, fmt, case)


def mutated_case_texts(
    *,
    cases: Strategy[Case] | None = None,
    formats: Collection[str] | Strategy[str] | None = None,
    number_of_edits: int | Strategy[int] = _ONE_TO_THREE,
) -> Strategy[str]:
    """Texts of case files after a few random edits: valid or not, anything goes.

    For fuzzing whatever reads case files: each edit deletes, inserts,
    replaces, duplicates or swaps a piece of a valid case text (YAML or
    JSON), often with characters that mean something to YAML or JSON.
    Examples shrink toward one small edit of the simplest YAML case.

    Args:
        cases: The cases to start from (default: small :func:`cases`).
        formats: The formats of the starting texts.
        number_of_edits: How many edits.

    Raises:
        hypothesis.errors.InvalidArgument: When drawn, as :func:`case_texts`
            does, if a case to be written as JSON has a key under ``extra``
            that is not text.

    Example:
        >>> from hypothesis import given, settings
        >>> from claimcheck import InvalidCaseError, loads
        >>> @settings(max_examples=20)  # a whole case per example: keep it quick
        ... @given(mutated_case_texts(formats=["json"]))
        ... def test_json_loader_total(text):
        ...     try:
        ...         loads(text, format="json")
        ...     except InvalidCaseError:
        ...         pass
        >>> test_json_loader_total()
    """
    return _mutated(
        _case_texts(_strategy("cases", cases, _SMALL_CASES), _choice("formats", formats, FORMATS)),
        _size("number_of_edits", number_of_edits),
    )


_SIGNIFICANT: Final = ":-[]{},#&*!|>'\"%@`?\n\t \\0.eE+~\x00\ufeff\u2028"


@st.composite
def _mutated(draw: st.DrawFn, texts: Strategy[CaseText], edits: Strategy[int]) -> str:
    text = draw(texts).text
    for _ in range(draw(edits)):
        what = draw(
            st.sampled_from(("delete", "insert", "replace", "duplicate line", "swap lines"))
        )
        at = draw(st.integers(0, len(text)))
        if what == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif what in ("insert", "replace"):
            piece = draw(
                st.text(alphabet=_SIGNIFICANT, min_size=1, max_size=4) | st.text(max_size=4)
            )
            skip = len(piece) if what == "replace" else 0
            text = text[:at] + piece + text[at + skip :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if what == "duplicate line":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


# -- invalid case texts --------------------------------------------------------------------

_Mistake = Callable[[st.DrawFn, dict[str, Any], str], tuple[Any, str]]
_MISTAKES: dict[str, _Mistake] = {}


def _mistake(name: str) -> Callable[[_Mistake], _Mistake]:
    def register(make: _Mistake) -> _Mistake:
        _MISTAKES[name] = make
        return make

    return register


def _used_ids(data: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for key in ("sources", "propositions", "claims"):
        for obj in data.get(key, []):
            if "id" in obj:
                found.add(str(obj["id"]))
            for inner in ("events",):
                found.update(obj.get(inner, {}) or {})
    return found


def _fresh(draw: st.DrawFn, data: Mapping[str, Any], taken: set[str] | None = None) -> str:
    """An id that no object of the case uses."""
    used = _used_ids(data) | (taken or set())
    ident = draw(
        st.from_regex(r"zz[a-z]{1,4}[0-9]", fullmatch=True).filter(lambda i: i not in used)
    )
    if taken is not None:
        taken.add(ident)
    return ident


def _add(data: dict[str, Any], key: str, obj: dict[str, Any]) -> dict[str, Any]:
    data.setdefault(key, []).append(obj)
    return obj


def _new_source(draw: st.DrawFn, data: dict[str, Any], taken: set[str]) -> str:
    ident = _fresh(draw, data, taken)
    _add(data, "sources", {"id": ident, "kind": "media"})
    return ident


def _new_quantity(
    draw: st.DrawFn, data: dict[str, Any], taken: set[str], unit: str = "people"
) -> str:
    ident = _fresh(draw, data, taken)
    _add(data, "propositions", {"id": ident, "kind": "quantity", "text": "A count", "unit": unit})
    return ident


def _new_claim(
    draw: st.DrawFn, data: dict[str, Any], taken: set[str], kind: str, value: Any
) -> dict[str, Any]:
    source = _new_source(draw, data, taken)
    prop = _fresh(draw, data, taken)
    body: dict[str, Any] = {"id": prop, "kind": kind, "text": "What is claimed"}
    if kind == "quantity":
        body["unit"] = "people"
    elif kind == "sequence":
        body["events"] = {"e1": "first", "e2": "second", "e3": "third"}
    elif kind == "category":
        body["values"] = {"side": ["left", "right"], "neither": None}
    _add(data, "propositions", body)
    return _add(
        data,
        "claims",
        {"id": _fresh(draw, data, taken), "source": source, "proposition": prop, "value": value},
    )


def _q(text: str) -> str:
    return re.escape(repr(text))


@_mistake("unknown key")
def _unknown_key(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    key = draw(st.sampled_from(("sorce", "nmae", "valeu", "proposition_id", "note", "Kind")))
    where = draw(st.sampled_from(("top", "case", "sources", "propositions", "claims")))
    if where == "top":
        data[key] = "x"
        return data, rf"unknown top-level key {_q(key)}"
    if where == "case":
        data.setdefault("case", {})[key] = "x"
    else:
        if not data.get(where):
            _new_claim(draw, data, set(), "assertion", True)
        draw(st.sampled_from(data[where]))[key] = "x"
    return data, rf"unknown key {_q(key)}"


@_mistake("duplicate key")
def _duplicate_key(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    if data.get("sources") and draw(st.booleans()):
        i = draw(st.integers(0, len(data["sources"]) - 1))
        source = data["sources"][i]
        data["sources"][i] = _Pairs([*source.items(), ("kind", source["kind"])])
        return data, r"key 'kind' is given twice in one object"
    return _Pairs(
        [*data.items(), ("claimcheck", 1)]
    ), r"key 'claimcheck' is given twice in one object"


@_mistake("duplicate id")
def _duplicate_id(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    kinds = [k for k in ("sources", "propositions", "claims") if data.get(k)]
    if not kinds:
        _new_claim(draw, data, set(), "assertion", True)
        kinds = ["claims"]
    kind = draw(st.sampled_from(kinds))
    original = draw(st.sampled_from([o for o in data[kind] if "id" in o] or data[kind]))
    if "id" not in original:
        original["id"] = _fresh(draw, data)
    copy = dict(original)
    data[kind].insert(draw(st.integers(0, len(data[kind]))), copy)
    return data, rf"{kind[:-1]} id {_q(str(original['id']))} is used twice"


@_mistake("unknown reference")
def _unknown_reference(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    claim = _new_claim(draw, data, taken, "assertion", True)
    missing = _fresh(draw, data, taken)
    what = draw(st.sampled_from(("source", "proposition", "via", "cites", "part_of")))
    if what == "part_of":
        data["sources"][-1]["part_of"] = missing
        return data, rf"unknown source {_q(missing)}"
    claim[what] = [missing] if what in ("via", "cites") else missing
    noun = {"source": "source", "via": "source", "proposition": "proposition", "cites": "claim"}
    return data, rf"unknown {noun[what]} {_q(missing)}"


@_mistake("part_of cycle")
def _part_of_cycle(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    n = draw(st.integers(1, 3))
    if draw(st.booleans()):
        ring = [_new_source(draw, data, taken) for _ in range(n)]
        objs = data["sources"][-n:]
    else:
        ring = [_new_quantity(draw, data, taken) for _ in range(n)]
        objs = data["propositions"][-n:]
    for obj, parent in zip(objs, ring[1:] + ring[:1], strict=True):
        obj["part_of"] = parent
    return data, r"part_of forms a cycle"


@_mistake("cites cycle")
def _cites_cycle(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    first = _new_claim(draw, data, taken, "assertion", True)
    ring = [first] + [
        _add(data, "claims", {**first, "id": _fresh(draw, data, taken)})
        for _ in range(draw(st.integers(0, 2)))
    ]
    for claim, cited in zip(ring, ring[1:] + ring[:1], strict=True):
        claim["cites"] = [cited["id"]]
    return data, r"cites (forms a cycle|itself)"


@_mistake("sequence cycle")
def _sequence_cycle(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    value = draw(
        st.sampled_from(
            (
                ["e1", "e2", "e1"],
                [["e1", "e2"], ["e2", "e1"]],
                [["e1", "e2"], ["e2", "e3"], ["e3", "e1"]],
            )
        )
    )
    _new_claim(draw, data, set(), "sequence", value)
    return data, r"the precedences form a cycle"


@_mistake("undeclared event")
def _undeclared_event(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    claim = _new_claim(draw, data, taken, "sequence", [])
    event = _fresh(draw, data, taken)
    claim["value"] = draw(st.permutations(["e1", event]))
    return data, rf"undeclared event {_q(event)}"


@_mistake("empty interval")
def _empty_interval(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    low = draw(st.integers(1, 10**6))
    high = draw(st.integers(0, low - 1))
    value = draw(
        st.sampled_from(
            (
                f"between {low} and {high}",
                f"{low} to {high}",
                f"{low}-{high}",
                {"min": low, "max": high},
                {"low": low, "high": high},
            )
        )
    )
    _new_claim(draw, data, set(), "quantity", value)
    return data, r"is an empty interval"


@_mistake("negative count")
def _negative_count(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    n = draw(st.integers(1, 10**6))
    value = draw(
        st.sampled_from((-n, f"-{n}", f"at least -{n}", {"min": -n, "max": n}, f"about -{n}"))
    )
    _new_claim(draw, data, set(), "quantity", value)
    return data, r"a count is never negative"


@_mistake("NaN")
def _nan(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    value = draw(st.sampled_from((Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"))))
    if draw(st.booleans()):
        _new_claim(draw, data, set(), "quantity", value)
    else:
        data["extra"] = {"score": value}
    return data, r"(NaN|infinity) is not a finite number"


@_mistake("unparsable phrase")
def _unparsable(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12)
    lexicon = _file_lexicon(data)
    phrase = draw(
        (st.sampled_from(("lots of people", "a great many", "eleventy", "n/a")) | words).filter(
            lambda p: _unreadable(p, lexicon)
        )
    )
    _new_claim(draw, data, set(), "quantity", phrase)
    return data, rf"cannot read {_q(phrase)} as a quantity"


def _file_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """The lexicon of a case file's data (as :func:`to_mapping` writes it)."""
    written = dict(data.get("lexicon", {}))
    approx = written.pop("approx", None)
    return Lexicon({w: tuple(r) for w, r in written.items()}, approx)


def _unreadable(phrase: str, lexicon: Lexicon) -> bool:
    if not phrase.strip() or phrase != phrase.strip():
        return False
    try:
        parse_quantity(phrase, unit="people", lexicon=lexicon)
    except PhraseError:
        return True
    return False


@_mistake("wrong version")
def _wrong_version(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    version = draw(st.sampled_from((2, 0, "1", True, Decimal("1.5"), None, "missing")))
    if version == "missing":
        del data["claimcheck"]
        return data, r"missing the format version"
    data["claimcheck"] = version
    return data, r"format version .* is not supported"


@_mistake("invalid id")
def _invalid_id(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    bad = draw(st.sampled_from(("-dash-first", "has space", "ümlaut", "a/b", ".dot")))
    _add(data, "sources", {"id": bad, "kind": "media"})
    return data, r"is not a valid id"


@_mistake("unknown kind")
def _unknown_kind(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    if draw(st.booleans()):
        _add(data, "sources", {"id": _fresh(draw, data, taken), "kind": "goverment"})
        return data, r"'goverment' is not one of government, .*did you mean 'government'\?"
    prop = {"id": _fresh(draw, data, taken), "kind": "quantty", "text": "x", "unit": "people"}
    _add(data, "propositions", prop)
    return data, r"kind 'quantty' is not quantity, category, sequence or assertion"


@_mistake("missing key")
def _missing_key(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    claim = _new_claim(draw, data, set(), "quantity", 3)
    where, key = draw(
        st.sampled_from(
            (
                ("sources", "kind"),
                ("propositions", "unit"),
                ("propositions", "text"),
                ("claims", "value"),
                ("claims", "source"),
            )
        )
    )
    target = claim if where == "claims" else data[where][-1]
    del target[key]
    return data, rf"missing required key {_q(key)}"


@_mistake("default id collision")
def _default_collision(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    claim = _new_claim(draw, data, set(), "assertion", True)
    default = f"{claim['source']}.{claim['proposition']}.1"
    del claim["id"]
    _add(data, "claims", {**claim, "id": default})
    return data, r"its default id .* collides with an explicit claim id"


@_mistake("not whole")
def _not_whole(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    n = Decimal(draw(st.integers(0, 1000))) + Decimal("0.5")
    _new_claim(draw, data, set(), "quantity", draw(st.sampled_from((n, str(n)))))
    return data, r"is not a whole number"


@_mistake("best outside")
def _best_outside(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    low = draw(st.integers(0, 100))
    high = low + draw(st.integers(0, 100))
    best = high + draw(st.integers(1, 100))
    _new_claim(draw, data, set(), "quantity", {"low": low, "best": best, "high": high})
    return data, r"best \d+ lies outside"


@_mistake("unknown category")
def _unknown_category(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    value = draw(st.sampled_from(("middle", {"any_of": ["left", "middle"]}, {"not": "middle"})))
    _new_claim(draw, data, set(), "category", value)
    return data, r"'middle' is not a value of proposition"


@_mistake("invalid date")
def _invalid_date(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    claim = _new_claim(draw, data, set(), "assertion", True)
    claim["date"] = draw(st.sampled_from(("2011-13-01", "2011-02-30", "yesterday", "16/12/2011")))
    return data, r"is not (a day of the calendar|YYYY, YYYY-MM or YYYY-MM-DD)"


@_mistake("bad lexicon")
def _bad_lexicon(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    high = draw(st.integers(0, 50))
    data.setdefault("lexicon", {})["a smattering"] = draw(
        st.sampled_from(([high + 1, high], [-1, high], [high], "many"))
    )
    return data, r"'a smattering' must be \[low, high\]"


@_mistake("unit mismatch")
def _unit_mismatch(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    taken: set[str] = set()
    whole = _new_quantity(draw, data, taken, unit="people")
    _new_quantity(draw, data, taken, unit="vehicles")
    data["propositions"][-1]["part_of"] = whole
    return data, r"unit 'vehicles' differs from the unit 'people'"


@_mistake("not a case")
def _not_a_case(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    shape = draw(st.sampled_from(("list", "text", "number", "empty")))
    if shape == "empty":
        return None, r"the file is empty"
    other: Any = {"list": [data], "text": "claimcheck", "number": 1}[shape]
    return other, r"a case file is a mapping"


@_mistake("syntax error")
def _syntax_error(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    # Marked here; _invalid_case_texts breaks the text itself.
    return data, r"not valid (YAML|JSON)"


@_mistake("wrong value kind")
def _wrong_value_kind(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> tuple[Any, str]:
    _new_claim(draw, data, set(), "assertion", draw(st.sampled_from(("yes", 1, "true"))))
    return data, r"an assertion's value is true or false"


#: The kinds of mistake :func:`invalid_case_texts` makes, each of which the
#: loader must report.
MISTAKES: Final = tuple(_MISTAKES)


def invalid_case_texts(
    *,
    mistakes: Collection[str] | Strategy[str] | None = None,
    formats: Collection[str] | Strategy[str] | None = None,
    cases: Strategy[Case] | None = None,
) -> Strategy[InvalidCaseText]:
    """Texts of case files with one kind of mistake, which the loader must reject.

    Each example is a valid case with one mistake put in (see
    :data:`MISTAKES`: unknown key, duplicate key, duplicate id, unknown
    reference, ``part_of`` and ``cites`` cycles, a sequence value that cycles,
    an undeclared event, an empty interval, a negative count, NaN or
    infinity, a phrase that does not parse, a wrong format version, ...),
    paired with the mistake's name and a regular expression its error
    message matches.  Examples shrink toward the first kind of mistake in
    the simplest YAML case.

    Args:
        mistakes: The kinds of mistake to mix (names from :data:`MISTAKES`,
            or a strategy of them; default: all).
        formats: ``"yaml"``, ``"json"``, or a strategy of them.
        cases: The valid cases to break (default: small :func:`cases`).

    Raises:
        hypothesis.errors.InvalidArgument: When drawn, as :func:`case_texts`
            does, if a case to be written as JSON has a key under ``extra``
            that is not text.

    Example:
        >>> import re
        >>> from hypothesis import given, settings
        >>> from claimcheck import InvalidCaseError, loads
        >>> @settings(max_examples=20)  # a whole case per example: keep it quick
        ... @given(invalid_case_texts(mistakes=["duplicate id", "cites cycle"]))
        ... def test_rejected(t):
        ...     try:
        ...         loads(t.text, format=t.format)
        ...     except InvalidCaseError as error:
        ...         assert re.search(t.message, str(error))
        ...     else:
        ...         raise AssertionError(f"{t.mistake} was not caught")
        >>> test_rejected()
    """
    return _invalid_case_texts(
        _choice("mistakes", mistakes, MISTAKES),
        _choice("formats", formats, FORMATS),
        _strategy("cases", cases, _SMALL_CASES),
    )


@st.composite
def _invalid_case_texts(
    draw: st.DrawFn, mistakes: Strategy[str], formats: Strategy[str], cases: Strategy[Case]
) -> InvalidCaseText:
    mistake = draw(mistakes)
    fmt = draw(formats)
    case = draw(cases)
    _instance("cases (drawn)", case, Case)
    mapping = to_mapping(case)
    if fmt == "json":
        _json_can_hold(mapping)
    data, message = _MISTAKES[mistake](draw, mapping, fmt)
    empty = "" if fmt == "yaml" else "null\n"
    text = empty if data is None else _text(data, fmt)
    if mistake == "syntax error":
        text = text.rstrip()[:-1] if fmt == "json" else text + 'broken: "unclosed\n'
    return InvalidCaseText(text, fmt, mistake, message)


# -- from_type ------------------------------------------------------------------------------


_DEFAULT_SOURCES: Final = sources()
_DEFAULT_PROPOSITIONS: Final = propositions()
_DEFAULT_CASES: Final = cases()
_SMALL_CASES: Final = cases(
    number_of_sources=st.integers(1, 2),
    number_of_propositions=st.integers(1, 2),
    number_of_claims=st.integers(0, 4),
)


def _infos() -> Strategy[CaseInfo]:
    return st.builds(CaseInfo, id=st.none() | _IDS, title=st.none() | _TEXTS, date=_SOME_DATES)


V = TypeVar("V", QuantityValue, CategoryValue, SequenceValue, AssertionValue)


def _values_of(kind: type[V], props: Strategy[Proposition]) -> Strategy[V]:
    def narrow(value: Value) -> V:
        assert isinstance(value, kind)
        return value

    return props.flatmap(values).map(narrow)


def _intervals() -> Strategy[Interval]:
    return _values_of(QuantityValue, quantities()).map(lambda v: v.interval)


st.register_type_strategy(Source, sources())
st.register_type_strategy(Proposition, propositions())
st.register_type_strategy(QuantityProposition, quantities())
st.register_type_strategy(CategoryProposition, categories())
st.register_type_strategy(SequenceProposition, sequences())
st.register_type_strategy(AssertionProposition, assertions())
st.register_type_strategy(Claim, claims())
st.register_type_strategy(Case, cases())
st.register_type_strategy(CaseInfo, _infos())
st.register_type_strategy(Lexicon, lexicons())
st.register_type_strategy(Interval, _intervals())
st.register_type_strategy(QuantityValue, _values_of(QuantityValue, quantities()))
st.register_type_strategy(CategoryValue, _values_of(CategoryValue, categories()))
st.register_type_strategy(SequenceValue, _values_of(SequenceValue, sequences()))
st.register_type_strategy(AssertionValue, _values_of(AssertionValue, assertions()))
