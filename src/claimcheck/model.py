"""The claim model: sources, propositions, claims and the case.

Every class here is frozen and valid by construction: an object that exists
satisfies the rules of the case-file format (ids, kinds, dates, references,
acyclic ``part_of`` and ``cites``).  Reading and writing files lives in
:mod:`claimcheck.loader` and :mod:`claimcheck.dumper`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import itertools
import math
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any, ClassVar, Final, Protocol, TypeAlias

import attrs

from claimcheck._frozen import FrozenDict, freeze, leaves, thaw
from claimcheck.errors import InvalidCaseError, Problem
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Lexicon,
    OutOfRangeError,
    QuantityValue,
    SequenceValue,
    Value,
    _in_range,
)

__all__ = [
    "SOURCE_KINDS",
    "AssertionProposition",
    "Case",
    "CaseInfo",
    "CategoryProposition",
    "Claim",
    "Proposition",
    "QuantityProposition",
    "SequenceProposition",
    "Source",
    "case_problems",
    "checks_done",
    "closest",
    "is_valid_id",
    "parse_date",
    "unknown_reference",
    "value_problem",
]

SOURCE_KINDS: Final = (
    "government",
    "opposition",
    "ngo",
    "intergovernmental",
    "media",
    "witness",
    "court",
    "academic",
    "encyclopedia",
    "other",
)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
# [0-9], not \d: ISO 8601 digits are ASCII, and \d also takes fullwidth or Arabic-Indic ones.
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def is_valid_id(value: object) -> bool:
    """Return whether ``value`` is a valid id (``[A-Za-z0-9][A-Za-z0-9._-]*``).

    Example:
        >>> is_valid_id("gov-deaths-11"), is_valid_id("-x"), is_valid_id("a b")
        (True, False, False)
    """
    return isinstance(value, str) and _ID.match(value) is not None


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to a misspelt ``word``, if any is close.

    Example:
        >>> closest("amnest", ["amnesty", "hrw"])
        'amnesty'
    """
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


@lru_cache(maxsize=4096)  # case files repeat their dates many times over
def parse_date(value: str) -> _dt.date:
    """Return the earliest day of an ISO 8601 date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises:
        ValueError: If ``value`` is not such a date.

    Example:
        >>> parse_date("2011"), parse_date("2011-12-17")
        (datetime.date(2011, 1, 1), datetime.date(2011, 12, 17))
    """
    match = _DATE.match(value)
    if match is None:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"date {value!r} is not a day of the calendar") from None


def _check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_valid_id(value):
        raise ValueError(
            f"{attribute.name} {value!r} is not a valid id "
            "(letters, digits, '.', '_' and '-', starting with a letter or digit)"
        )


def _check_optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_id(instance, attribute, value)


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _check_id(instance, attribute, item)


def _check_date(_instance: object, _attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        parse_date(value)


def _optional_str(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text, got {value!r}")


def _nonempty_str(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be non-empty text, got {value!r}")


#: The ``extra`` of every object that has none: one shared, immutable empty mapping.
_NO_EXTRA: Final[FrozenDict[Any, Any]] = FrozenDict()


def _freeze_extra(value: Any) -> Any:
    # Most objects have no extra; sharing one empty mapping spares a copy per claim.
    return _NO_EXTRA if value is None or value is _NO_EXTRA else freeze(value)


def _check_extra(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is _NO_EXTRA:
        return
    if not isinstance(value, FrozenDict | Mapping):  # FrozenDict first: quick, and the usual
        raise TypeError(f"extra must be a mapping of keys to values, got {thaw(value)!r}")
    # Numbers are kept as written under extra, however large (a file's 1e5000 too).
    problem = _unwritable(value, in_range=False)
    if problem is not None:
        raise ValueError(f"extra: {problem}")


def _extra_field() -> Any:
    return attrs.field(
        default=_NO_EXTRA, converter=_freeze_extra, validator=_check_extra, kw_only=True
    )


Extra: TypeAlias = "FrozenDict[Any, Any]"


@attrs.frozen
class CaseInfo:
    """The optional metadata of a case (the ``case:`` block).

    Example:
        >>> CaseInfo(id="zhanaozen-2011", title="Zhanaozen massacre").title
        'Zhanaozen massacre'
    """

    id: str | None = attrs.field(default=None, validator=_check_optional_id)
    title: str | None = attrs.field(default=None, validator=_optional_str)
    date: str | None = attrs.field(default=None, validator=_check_date)
    extra: Extra = _extra_field()


@attrs.frozen
class Source:
    """Who says something.

    Attributes:
        id: The source's id.
        kind: One of :data:`SOURCE_KINDS`.
        name: A readable name.
        part_of: The id of the organisation it speaks for, if any.
        bloc: The side whose interest it represents, if any.
        url: Where to read more.
        extra: Anything else, kept as written.

    Example:
        >>> Source("prosecutor-general", "government", part_of="kz-government").part_of
        'kz-government'
    """

    id: str = attrs.field(validator=_check_id)
    kind: str = attrs.field(validator=attrs.validators.in_(SOURCE_KINDS))
    name: str | None = attrs.field(default=None, kw_only=True, validator=_optional_str)
    part_of: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_id)
    bloc: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_id)
    url: str | None = attrs.field(default=None, kw_only=True, validator=_optional_str)
    extra: Extra = _extra_field()

    def __attrs_post_init__(self) -> None:
        if self.part_of == self.id:
            raise ValueError(f"source {self.id!r} cannot be part of itself")


@attrs.frozen
class Proposition:
    """What is claimed about; one of four kinds (see the subclasses).

    Attributes:
        id: The proposition's id.
        text: A plain sentence saying what is claimed about.
        extra: Anything else, kept as written.
    """

    kind: ClassVar[str] = ""

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_nonempty_str)
    extra: Extra = _extra_field()


@attrs.frozen
class QuantityProposition(Proposition):
    """A number: a claim's value is an interval.

    Attributes:
        unit: What is counted or measured (``people``, ``km``).
        integer: Whether the number is a whole count (default true).
        part_of: The id of a quantity proposition that contains this one.

    Example:
        >>> QuantityProposition("deaths", "People killed", unit="people").integer
        True
    """

    kind: ClassVar[str] = "quantity"

    unit: str = attrs.field(kw_only=True, validator=_nonempty_str)
    integer: bool = attrs.field(
        default=True, kw_only=True, validator=attrs.validators.instance_of(bool)
    )
    part_of: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_id)

    def __attrs_post_init__(self) -> None:
        if self.part_of == self.id:
            raise ValueError(f"proposition {self.id!r} cannot be part of itself")


def _walk_hierarchy(
    values: object, parent: str | None, out: dict[str, tuple[str, ...]], problems: list[str]
) -> None:
    """Record each node's children, in written order; add what is malformed to ``problems``."""
    items: list[tuple[str, object]]
    if isinstance(values, Mapping):
        items = list(values.items())
    elif isinstance(values, Sequence) and not isinstance(values, str):
        items = []
        for item in values:
            if isinstance(item, Mapping):
                items.extend(item.items())
            else:
                items.append((item, None))
    else:
        problems.append(f"category values must be a list or a mapping, got {values!r}")
        return
    children = []
    for name, below in items:
        if not isinstance(name, str) or not name.strip():
            got = "a list" if isinstance(name, list | tuple) else repr(name)
            problems.append(f"a category value must be non-empty text, got {got}")
            continue
        if name in out:
            problems.append(f"category value {name!r} is declared twice")
            continue
        out[name] = ()
        children.append(name)
        if below is not None:
            before = len(problems)
            _walk_hierarchy(below, name, out, problems)
            if not out[name] and len(problems) == before:
                problems.append(f"category value {name!r} has nothing below it")
    if parent is not None:
        out[parent] = tuple(children)
    elif not children and not problems:
        problems.append("a category proposition needs at least one value")


def _children(values: object) -> dict[str, tuple[str, ...]]:
    """Each declared value's children; a ValueError saying every problem if malformed."""
    out: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    _walk_hierarchy(values, None, out, problems)
    if problems:
        raise ValueError("; ".join(problems))
    return out


def _hierarchy(values: object) -> Any:
    frozen = freeze(values)
    _children(frozen)
    return frozen


@attrs.frozen
class CategoryProposition(Proposition):
    """Which one of a set of categories is true (exactly one leaf is).

    Attributes:
        values: The declared values as written: a list, or a nested mapping
            giving a hierarchy in which a node stands for its leaves.

    Example:
        >>> p = CategoryProposition("who", "Who fired first", values={
        ...     "protest-side": ["oil-workers", "provocateurs"], "police": None})
        >>> sorted(p.leaves_of("protest-side")), sorted(p.leaves)
        (['oil-workers', 'provocateurs'], ['oil-workers', 'police', 'provocateurs'])
    """

    kind: ClassVar[str] = "category"

    values: Any = attrs.field(kw_only=True, converter=_hierarchy)

    @cached_property
    def children(self) -> Mapping[str, tuple[str, ...]]:
        """Each declared value's children in written order (leaves have none)."""
        return _children(self.values)

    @cached_property
    def _leaf_sets(self) -> Mapping[str, frozenset[str]]:
        out: dict[str, frozenset[str]] = {}
        for node in self.children:
            _leaves_below(node, self.children, out)
        return out

    @cached_property
    def leaves(self) -> frozenset[str]:
        """Every leaf category."""
        return frozenset(n for n, kids in self.children.items() if not kids)

    def leaves_of(self, node: str) -> frozenset[str]:
        """The leaves a declared value stands for.

        Raises:
            KeyError: If ``node`` is not declared.
        """
        return self._leaf_sets[node]


def _leaves_below(
    node: str, children: Mapping[str, Sequence[str]], found: dict[str, frozenset[str]]
) -> frozenset[str]:
    """The leaves under ``node`` (itself, if a leaf), each node's kept in ``found``.

    A function of its own, not one nested in the method that calls it,
    which would refer to itself and leave each proposition's search as
    cyclic garbage.
    """
    if node not in found:
        kids = children[node]
        found[node] = (
            frozenset({node})
            if not kids
            else frozenset().union(*(_leaves_below(k, children, found) for k in kids))
        )
    return found[node]


def _events(value: Mapping[str, Any]) -> FrozenDict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise ValueError("a sequence proposition needs a mapping of events")
    found = []  # every problem, in one message: the events are one field
    for event, description in value.items():
        if not is_valid_id(event):
            found.append(f"event {event!r} is not a valid id")
        elif not isinstance(description, str):
            found.append(f"event {event!r} needs a description in words")
    if found:
        raise ValueError("; ".join(found))
    return FrozenDict(value)


@attrs.frozen
class SequenceProposition(Proposition):
    """In what order events happened.

    Attributes:
        events: Each event's id and description.

    Example:
        >>> SequenceProposition("order", "What happened first",
        ...     events={"a": "stage rushed", "b": "police arrived"}).events["a"]
        'stage rushed'
    """

    kind: ClassVar[str] = "sequence"

    events: FrozenDict[str, str] = attrs.field(kw_only=True, converter=_events)


@attrs.frozen
class AssertionProposition(Proposition):
    """A statement that is true or false.

    Example:
        >>> AssertionProposition("un-invited", "The UN was invited").kind
        'assertion'
    """

    kind: ClassVar[str] = "assertion"


def _value_kind(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, QuantityValue | CategoryValue | SequenceValue | AssertionValue):
        raise TypeError(f"a claim's value must be a parsed value, got {value!r}")


def _check_written(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    problem = _unwritable(value)
    if problem is not None:
        raise ValueError(f"written: {problem}")


#: The types of the pieces of plain data (exactly these: PyYAML writes no subclass).
_PLAIN_TYPES: Final = frozenset({str, int, bool, float, Decimal, type(None)})


def _unwritable(data: object, *, in_range: bool = True) -> str | None:
    """Why a case file or a report could not hold ``data``, if it could not.

    ``data`` is a written value or an ``extra``, made in Python: what a
    file holds is checked as it is read.  Each piece, keys included, must
    be plain data that YAML and a report write and read back: text, a
    whole number, a finite float or Decimal, true, false or null (in lists
    and mappings), of exactly those types, and no whole number longer than
    Python writes (4,300 digits, unless ``sys.set_int_max_str_digits`` says
    otherwise).  With ``in_range``, as for a written value, numbers must
    also lie within :data:`~claimcheck.values.MAX_MAGNITUDE`: reports
    write a claim's value as written, numbers in full, and such a number
    would make one fail or run for hours.

    Example:
        >>> _unwritable(("a", 12, Decimal("2.5"))) is None, _unwritable([{"n": float("inf")}])
        (True, 'inf is not a finite number')
        >>> _unwritable({("a", 1): "x"})
        "the tuple ('a', 1) is not plain data a case file can hold (text, numbers, true, false and null, in lists and mappings)"
    """
    for leaf in leaves(data, keys=True):
        kind = type(leaf)
        if kind not in _PLAIN_TYPES:
            return (
                f"the {_type_name(kind)} {_short_repr(leaf)} is not plain data a case file can "
                "hold (text, numbers, true, false and null, in lists and mappings)"
            )
        if kind is int and leaf.bit_length() > 13_000:  # fewer: under 3,900 digits
            if not in_range:
                if not _writes_whole(leaf):
                    return (
                        f"a whole number of more than {sys.get_int_max_str_digits():,} digits "
                        "cannot be written back (Python's limit); give it as a Decimal"
                    )
                continue
            leaf = Decimal(leaf)
        if isinstance(leaf, float):
            if not math.isfinite(leaf):
                return f"{leaf} is not a finite number"
        elif isinstance(leaf, Decimal):
            if not leaf.is_finite():
                return f"{leaf} is not a finite number"
            if in_range and not _in_range(leaf):
                return str(OutOfRangeError(leaf))
    return None


def _writes_whole(number: int) -> bool:
    """Whether Python writes ``number`` out (see ``sys.set_int_max_str_digits``).

    A file's whole number of more digits than that is read as a Decimal,
    so only one made in Python can fail this.
    """
    try:
        str(number)
    except ValueError:
        return False
    return True


def _type_name(kind: type) -> str:
    """A type's name, with its module unless it is built in (``numpy.bool``, not ``bool``)."""
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def _short_repr(value: object, most: int = 60) -> str:
    """``repr(value)`` cut to ``most`` characters, or the type's name if that fails."""
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001 -- any object's repr may fail; the message must not
        return f"<{_type_name(type(value))}>"
    return shown if len(shown) <= most else shown[: most - 3] + "..."


def _id_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a list of ids, got a single string")
    return tuple(value)


@attrs.frozen
class Claim:
    """One source saying one thing about one proposition.

    Attributes:
        id: The claim's id (explicit, or ``<source>.<proposition>.<n>``).
        source: The id of the originator.
        proposition: The id of the proposition.
        value: The parsed value.
        written: The value exactly as the file gives it (kept for reports
            and for writing the case back).
        date: When the claim was made (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
        quote: The source's words.
        url: Where the claim can be read.
        via: Ids of the sources it reached us through (recorded, not counted).
        cites: Ids of the claims it is derived from.
        retracted: Whether its own source withdrew it.
        extra: Anything else, kept as written.

    Example:
        >>> from decimal import Decimal
        >>> from claimcheck.values import Interval
        >>> c = Claim("gov-11", "kz-government", "deaths",
        ...           QuantityValue(Interval(Decimal(11), Decimal(11))), written=11)
        >>> c.state_date is None
        True
    """

    id: str = attrs.field(validator=_check_id)
    source: str = attrs.field(validator=_check_id)
    proposition: str = attrs.field(validator=_check_id)
    value: Value = attrs.field(validator=_value_kind)
    written: Any = attrs.field(kw_only=True, converter=freeze, validator=_check_written)
    date: str | None = attrs.field(default=None, kw_only=True, validator=_check_date)
    quote: str | None = attrs.field(default=None, kw_only=True, validator=_optional_str)
    url: str | None = attrs.field(default=None, kw_only=True, validator=_optional_str)
    via: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_id_tuple, validator=_check_ids
    )
    cites: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_id_tuple, validator=_check_ids
    )
    retracted: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )
    extra: Extra = _extra_field()

    @property
    def state_date(self) -> _dt.date | None:
        """The earliest day of ``date`` (``2011`` is 2011-01-01), if dated."""
        return None if self.date is None else parse_date(self.date)


# Each slot's own setter, in the order of Claim's fields.  A slot's setter
# stores one attribute without going through the frozen class's
# ``__setattr__``, as ``object.__setattr__`` (which attrs documents for
# frozen classes) does, but without looking the slot up by name each time.
_CLAIM_SETTERS: Final = tuple(getattr(Claim, field.name).__set__ for field in attrs.fields(Claim))
_new: Final = object.__new__


def _unchecked_claim(
    id: str,
    source: str,
    proposition: str,
    value: Value,
    written: Any,
    date: str | None,
    quote: str | None,
    url: str | None,
    via: tuple[str, ...],
    cites: tuple[str, ...],
    retracted: bool,
    extra: Extra,
) -> Claim:
    """Make a claim from fields already checked and converted, without ``Claim.__init__``.

    Private to the package: the loader calls it for claims it has checked
    itself, where running the validators again would take a third of
    loading a large file.  The caller must pass exactly what
    ``Claim(id, source, proposition, value, written=..., ...)`` would store
    after its converters (``written`` frozen, ``via`` and ``cites`` tuples,
    ``extra`` frozen or the shared empty mapping) and only what its
    validators accept; the result is then equal to that claim.
    ``tests/test_model.py`` checks that both ways give equal claims.
    """
    claim: Claim = _new(Claim)
    (
        set_id,
        set_source,
        set_proposition,
        set_value,
        set_written,
        set_date,
        set_quote,
        set_url,
        set_via,
        set_cites,
        set_retracted,
        set_extra,
    ) = _CLAIM_SETTERS
    set_id(claim, id)
    set_source(claim, source)
    set_proposition(claim, proposition)
    set_value(claim, value)
    set_written(claim, written)
    set_date(claim, date)
    set_quote(claim, quote)
    set_url(claim, url)
    set_via(claim, via)
    set_cites(claim, cites)
    set_retracted(claim, retracted)
    set_extra(claim, extra)
    return claim


#: Where in a case a problem stands: the list and index of the object and,
#: optionally, the key within it (``("claims", 3, "source")``).
Where: TypeAlias = tuple[Any, ...]


def _cycle_problems(
    kind: str, parents: Mapping[str, str | None], where: Mapping[str, Where], key: str
) -> list[tuple[Where, str]]:
    """Report each ``part_of``-style cycle once, at its first member in file order."""
    problems = []
    state: dict[str, int] = {}
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parents and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parents[node]
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            first = min(cycle, key=list(parents).index)
            ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
            problems.append(
                (
                    where[first] + (key,),
                    f"{kind} {first!r}: {key} forms a cycle: {' -> '.join(ring)}",
                )
            )
        for member in path:
            state[member] = 2
    return problems


def unknown_reference(owner: str, what: str, ref: str, known: Iterable[str]) -> str:
    """Say that ``owner`` names an unknown ``what``, suggesting the closest id.

    Example:
        >>> unknown_reference("claim 'c1'", "source", "amnest", ["amnesty"])
        "claim 'c1': unknown source 'amnest'; did you mean 'amnesty'?"
    """
    hint = closest(ref, known)
    suggestion = f"; did you mean {hint!r}?" if hint else ""
    return f"{owner}: unknown {what} {ref!r}{suggestion}"


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class ClaimRefs(Protocol):
    """What :func:`case_problems` reads of a claim.

    A :class:`Claim`, or a loader's record of a claim whose value could not
    be read (``value`` is then ``None``).
    """

    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def proposition(self) -> str: ...
    @property
    def via(self) -> tuple[str, ...]: ...
    @property
    def cites(self) -> tuple[str, ...]: ...
    @property
    def value(self) -> Value | None: ...


def case_problems(
    sources: Sequence[Source],
    propositions: Sequence[Proposition],
    claims: Sequence[ClaimRefs],
    *,
    broken: Mapping[str, Collection[str]] | None = None,
) -> list[tuple[Where, str]]:
    """Return every problem across the objects of a case, with where it stands.

    These are the rules no single object can check: unique ids, references
    that exist, acyclic ``part_of`` and ``cites``, and values that fit their
    propositions.

    Args:
        sources: The sources.
        propositions: The propositions.
        claims: The claims.
        broken: Ids (by ``"source"``, ``"proposition"``, ``"claim"``) of
            objects that exist in a file but could not be built; references
            to them are not reported again.

    Returns:
        ``(where, message)`` pairs; ``where`` is ``(list name, index, key...)``.
    """
    problems: list[tuple[Where, str]] = []
    broken = broken or {}

    def unique(name: str, items: Sequence[_HasId]) -> dict[str, Where]:
        seen: dict[str, Where] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    (
                        (f"{name}s", i, "id"),
                        f"{name} id {item.id!r} is used twice",
                    )
                )
            else:
                seen[item.id] = (f"{name}s", i)
        return seen

    source_at = unique("source", sources)
    prop_at = unique("proposition", propositions)
    by_source = {s.id: s for s in sources}
    by_prop = {p.id: p for p in propositions}
    # Checked claim by claim (below) only if the quick test finds something.
    claims_fit = _claims_fit(claims, by_source, by_prop)
    claim_at = {} if claims_fit else unique("claim", claims)

    def missing(where: Where, owner: str, what: str, ref: str, known: Mapping[str, Where]) -> None:
        unbuilt = broken.get(what, ())
        if ref not in unbuilt:
            # An object with problems of its own is still the one a misspelling may mean.
            problems.append(
                (where, unknown_reference(owner, what, ref, [*known, *sorted(unbuilt)]))
            )

    for i, s in enumerate(sources):
        if s.part_of is not None and s.part_of not in by_source:
            missing(("sources", i, "part_of"), f"source {s.id!r}", "source", s.part_of, source_at)
    problems += _cycle_problems("source", _first_parents(sources), source_at, "part_of")

    for i, p in enumerate(propositions):
        if not isinstance(p, QuantityProposition) or p.part_of is None:
            continue
        whole = by_prop.get(p.part_of)
        owner = f"proposition {p.id!r}"
        if whole is None:
            missing(("propositions", i, "part_of"), owner, "proposition", p.part_of, prop_at)
        elif not isinstance(whole, QuantityProposition):
            problems.append(
                (
                    ("propositions", i, "part_of"),
                    f"{owner}: part_of names {whole.kind} proposition {whole.id!r}, not a quantity",
                )
            )
        elif whole.unit != p.unit:
            problems.append(
                (
                    ("propositions", i, "part_of"),
                    f"{owner}: unit {p.unit!r} differs from the unit {whole.unit!r} of {whole.id!r} it is part of",
                )
            )
    problems += _cycle_problems("proposition", _first_parents(propositions), prop_at, "part_of")
    if claims_fit:
        return problems

    for i, c in enumerate(claims):
        owner = f"claim {c.id!r}"
        if c.source not in by_source:
            missing(("claims", i, "source"), owner, "source", c.source, source_at)
        for via in c.via:
            if via not in by_source:
                missing(("claims", i, "via"), owner, "source", via, source_at)
        for cited in c.cites:
            if cited not in claim_at:
                missing(("claims", i, "cites"), owner, "claim", cited, claim_at)
            elif cited == c.id:
                problems.append((("claims", i, "cites"), f"{owner} cites itself"))
        prop = by_prop.get(c.proposition)
        if prop is None:
            missing(("claims", i, "proposition"), owner, "proposition", c.proposition, prop_at)
            continue
        if c.value is None:
            continue
        message = value_problem(prop, c.value)
        if message:
            problems.append((("claims", i, "value"), f"{owner}: {message}"))

    problems += _cites_cycles(claims, claim_at)
    return problems


def _fit_key(proposition: Proposition) -> tuple[Any, ...]:
    """Return what :func:`value_problem` decides by, besides the value.

    Propositions with equal keys admit the same values (the messages about
    those that do not still name each proposition): quantities by whether
    they count whole things, categories by their leaves, sequences by their
    events.  ``tests/test_model.py`` checks this against
    :func:`value_problem`.
    """
    if isinstance(proposition, QuantityProposition):
        return (proposition.kind, proposition.integer)
    if isinstance(proposition, CategoryProposition):
        return (proposition.kind, proposition.leaves)
    if isinstance(proposition, SequenceProposition):
        return (proposition.kind, frozenset(proposition.events))
    return (proposition.kind,)


def value_problem(proposition: Proposition, value: Value) -> str | None:
    """Return why ``value`` cannot be a value of ``proposition``, or ``None``."""
    if value.kind != proposition.kind:
        article = "an" if value.kind == "assertion" else "a"
        return f"{article} {value.kind} value for {proposition.kind} proposition {proposition.id!r}"
    if isinstance(proposition, CategoryProposition):
        assert isinstance(value, CategoryValue)
        unknown = sorted(value.leaves - proposition.leaves)
        if unknown:
            return f"{', '.join(map(repr, unknown))} is not a leaf value of proposition {proposition.id!r}"
    elif isinstance(proposition, SequenceProposition):
        assert isinstance(value, SequenceValue)
        unknown = sorted(value.events - set(proposition.events))
        if unknown:
            return f"undeclared event {unknown[0]!r} in proposition {proposition.id!r}"
    elif isinstance(proposition, QuantityProposition):
        assert isinstance(value, QuantityValue)
        iv = value.interval
        if proposition.integer and (
            iv.low_open
            or iv.high_open
            or iv.low != iv.low.to_integral_value()
            or (iv.high is not None and iv.high != iv.high.to_integral_value())
        ):
            return f"interval is not closed on whole numbers, but {proposition.id!r} counts whole {proposition.unit}"
    return None


def _first_parents(items: Sequence[Source] | Sequence[Proposition]) -> dict[str, str | None]:
    """Each id's ``part_of``, taken from its first declaration."""
    parents: dict[str, str | None] = {}
    for item in items:
        parents.setdefault(item.id, getattr(item, "part_of", None))
    return parents


def _claims_fit(
    claims: Sequence[ClaimRefs],
    sources: Mapping[str, Source],
    propositions: Mapping[str, Proposition],
) -> bool:
    """Return whether checking the claims one by one would find nothing wrong.

    :func:`case_problems` checks each claim's references and value in turn,
    some microseconds a claim; but the claims of a valid case, the usual
    case, fit, and a few set operations over their fields (at C speed) tell
    so for a million claims in a fraction of that time.  These are the same
    rules (see :func:`_references_fit` and :func:`_values_fit`).  When this
    says no, the claims are checked one by one, which finds and words each
    problem.
    """
    if not claims:
        return True
    ids, source_ids, prop_ids, values, via, cites = zip(
        *map(attrgetter("id", "source", "proposition", "value", "via", "cites"), claims),
        strict=True,
    )
    return _references_fit(ids, source_ids, prop_ids, via, cites, sources, propositions) and (
        _values_fit(prop_ids, values, propositions)
    )


def _references_fit(
    ids: Sequence[str],
    source_ids: Iterable[str],
    prop_ids: Iterable[str],
    via: Iterable[tuple[str, ...]],
    cites: Sequence[tuple[str, ...]],
    sources: Mapping[str, object],
    propositions: Mapping[str, object],
) -> bool:
    """Return whether the claims' ids and references break none of the case's rules.

    That is: sources, relays and propositions known, and the ids and
    citations as :func:`_citations_fit` wants them.  Each argument but the
    last two holds one field of every claim, in order; those two map the
    ids of the sources and propositions.
    """
    return (
        sources.keys() >= set(source_ids)
        and sources.keys() >= set(itertools.chain.from_iterable(via))
        and propositions.keys() >= set(prop_ids)
        and _citations_fit(
            set(ids), len(ids), itertools.compress(zip(ids, cites, strict=True), cites)
        )
    )


def _citations_fit(
    ids: AbstractSet[str], count: int, citations: Iterable[tuple[str, tuple[str, ...]]]
) -> bool:
    """Return whether the claims' ids are unique and their citations break no rule.

    That is: every cited claim known, none citing itself, and no cycle of
    citations.

    Args:
        ids: The ids of the claims.
        count: How many claims there are (so many ids if they are unique).
        citations: The id of each claim that cites others, and what it cites.
    """
    if len(ids) != count:
        return False
    citing = list(citations)
    return (
        ids >= set(itertools.chain.from_iterable(cited for _, cited in citing))
        and not any(ident in cited for ident, cited in citing)
        and next(_citation_cycles(citing), None) is None
    )


def _values_fit(
    prop_ids: Iterable[str], values: Sequence[Value | None], propositions: Mapping[str, Proposition]
) -> bool:
    """Return whether each claim's value fits its proposition (see :func:`value_problem`).

    Each value object is tested once for each kind of proposition it is
    claimed for (see :func:`_fit_key`), not once a claim: claims share
    their values.  ``prop_ids`` and ``values`` hold one field of every claim;
    every proposition they name must be known (see :func:`_references_fit`).
    """
    if type(None) in set(map(type, values)):  # (`None in values` would call __eq__)
        return False
    fit_keys = {ident: _fit_key(p) for ident, p in propositions.items()}
    one_of_each = {fit_keys[ident]: p for ident, p in propositions.items()}
    by_identity = dict(zip(map(id, values), values, strict=True))
    return all(
        value_problem(one_of_each[key], value) is None
        for key, value_id in set(
            zip(map(fit_keys.__getitem__, prop_ids), map(id, values), strict=True)
        )
        if (value := by_identity[value_id]) is not None
    )


def _cites_cycles(
    claims: Sequence[ClaimRefs], claim_at: Mapping[str, Where]
) -> list[tuple[Where, str]]:
    return [
        (claim_at[child] + ("cites",), f"claim {child!r}: cites forms a cycle: {' -> '.join(ring)}")
        for child, ring in _citation_cycles((c.id, c.cites) for c in claims)
    ]


def _citation_cycles(
    citations: Iterable[tuple[str, tuple[str, ...]]],
) -> Iterator[tuple[str, list[str]]]:
    """Yield each cycle met among claims' citations, as the claim that closes it and the ring.

    Args:
        citations: Each claim's id and the ids it cites, in order (a later
            claim of the same id replaces an earlier one).
    """
    cites = dict(citations)
    state: dict[str, int] = {}
    for root, cited in cites.items():
        # A claim that cites nothing is on no cycle: walking from it would find none.
        if not cited or state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            nxt = cites.get(node, ())
            if i < len(nxt):
                stack.append((node, i + 1))
                child = nxt[i]
                if child not in cites or child == node:
                    continue
                if state.get(child) == 1:
                    yield child, path[path.index(child) :] + [child]
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()


_CHECKS_DONE: ContextVar[bool] = ContextVar("claimcheck_case_checks_done", default=False)


@contextmanager
def checks_done() -> Iterator[None]:
    """Build cases without repeating :func:`case_problems` (the loader ran it).

    Only for code that has just checked the very objects it builds a case
    from; per-thread and per-task, unlike disabling attrs validators.
    """
    token = _CHECKS_DONE.set(True)
    try:
        yield
    finally:
        _CHECKS_DONE.reset(token)


def _check_case(instance: Case, _attribute: attrs.Attribute[Any], _value: object) -> None:
    if _CHECKS_DONE.get():
        return
    problems = case_problems(instance.sources, instance.propositions, instance.claims)
    if problems:
        raise InvalidCaseError(Problem("<case>", None, message) for _where, message in problems)


def _tuple_of_sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


def _tuple_of_propositions(items: Iterable[Proposition]) -> tuple[Proposition, ...]:
    return tuple(items)


def _tuple_of_claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(items)


@attrs.frozen
class Case:
    """A whole case: who says what about what.

    Attributes:
        sources: The sources, in file order.
        propositions: The propositions, in file order.
        claims: The claims, in file order, each with its id resolved.
        info: The ``case:`` metadata.
        lexicon: The file's vague words and ``about`` tolerance.
        extra: Anything else, kept as written.

    Raises:
        InvalidCaseError: If the objects do not fit together (unknown
            references, duplicate ids, cycles, values that do not fit).

    Example:
        >>> case = Case(sources=(Source("a", "media"),), propositions=(), claims=())
        >>> case.source("a").kind
        'media'
    """

    sources: tuple[Source, ...] = attrs.field(converter=_tuple_of_sources)
    propositions: tuple[Proposition, ...] = attrs.field(converter=_tuple_of_propositions)
    claims: tuple[Claim, ...] = attrs.field(converter=_tuple_of_claims, validator=_check_case)
    info: CaseInfo = attrs.field(factory=CaseInfo, kw_only=True)
    lexicon: Lexicon = attrs.field(factory=Lexicon, kw_only=True)
    extra: Extra = _extra_field()

    @cached_property
    def _sources(self) -> Mapping[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def _propositions(self) -> Mapping[str, Proposition]:
        return {p.id: p for p in self.propositions}

    @cached_property
    def _claims(self) -> Mapping[str, Claim]:
        return {c.id: c for c in self.claims}

    def source(self, id: str) -> Source:
        """Return the source with this id (``KeyError`` if none)."""
        return self._sources[id]

    def proposition(self, id: str) -> Proposition:
        """Return the proposition with this id (``KeyError`` if none)."""
        return self._propositions[id]

    def claim(self, id: str) -> Claim:
        """Return the claim with this id (``KeyError`` if none)."""
        return self._claims[id]
