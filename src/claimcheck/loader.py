"""Loading case files: YAML or JSON text, or a mapping, into a :class:`Case`.

Every problem in a file is collected, then raised together as one
:class:`~claimcheck.errors.InvalidCaseError` whose lines read
``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from claimcheck import model
from claimcheck._documents import (
    MAX_DEPTH,
    TOO_DEEP,
    DocumentError,
    LocatedDict,
    LocatedList,
    Locator,
    is_too_deep,
    read_json,
    read_yaml,
    too_deep_line,
)
from claimcheck._frozen import freeze, leaves
from claimcheck._memory import builds_large
from claimcheck.errors import InvalidCaseError, Problem, _shown_key
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
    closest,
    is_valid_id,
)
from claimcheck.phrases import _QuantityReader
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Lexicon,
    SequenceValue,
    Value,
)

__all__ = ["FORMATS", "from_mapping", "load", "loads", "parse_value"]

#: The file formats a case can be read from, by file suffix.
FORMATS: Final = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

FORMAT_VERSION: Final = 1

Where = tuple[Any, ...]


@attrs.frozen
class _UnbuiltClaim:
    """The references of a claim whose value could not be read."""

    id: str
    source: str
    proposition: str
    via: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    value: None = None


_UNBUILT_KEYS: Final = ("id", "source", "proposition", "via", "cites")


class _FieldError(Exception):
    """A field's value is wrong; the message says why."""


# -- field checkers: each returns the converted value or raises _FieldError --------


def _whole_as_text(value: Any) -> Any:
    """A whole number where text is read (an id, which may be all digits, or a year) as its text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _id(value: Any) -> str:
    value = _whole_as_text(value)
    if not is_valid_id(value):
        raise _FieldError(
            f"{_show(value)} is not a valid id (letters, digits, '.', '_' and '-', "
            "starting with a letter or digit)"
        )
    return str(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _FieldError(f"must be text, got {_show(value)}; put it in quotes")
    return value


def _nonempty_text(value: Any) -> str:
    if not _text(value).strip():
        raise _FieldError("must not be empty")
    return str(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _FieldError(f"must be true or false, got {_show(value)}")
    return value


def _ids(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (_id(value),)
    if not isinstance(value, list):
        raise _FieldError(f"must be a list of ids, got {_show(value)}")
    return tuple(_id(v) for v in value)


def _date(value: Any) -> str:
    value = _whole_as_text(value)
    if not isinstance(value, str):
        raise _FieldError(f"must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {_show(value)}")
    try:
        model.parse_date(value)
    except ValueError as exc:
        # The caller names the key; parse_date's message names it too.
        raise _FieldError(str(exc).removeprefix("date ")) from None
    return value


def _kind(value: Any) -> str:
    if value not in SOURCE_KINDS:
        hint = closest(str(value), SOURCE_KINDS)
        also = f"; did you mean {hint!r}?" if hint else ""
        raise _FieldError(f"{_show(value)} is not one of {', '.join(SOURCE_KINDS)}{also}")
    return str(value)


def _anything(value: Any) -> Any:
    _check_finite(value)
    return value


def _events(value: Any) -> Any:
    """A sequence's events, an event id given as a whole number taken as its text (as ids are)."""
    _check_finite(value)
    if not isinstance(value, Mapping):
        return value  # the model says what it should be
    events: dict[Any, Any] = {}
    for key, description in value.items():
        event = _whole_as_text(key)
        if event in events:
            raise _FieldError(f"{event!r} is given twice, once as a number")
        events[event] = description
    return events


def _extra(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _FieldError(f"must be a mapping of keys to values, got {_show(value)}")
    _check_finite(value)
    # What from_mapping() was given may hold more than a file can.
    problem = model._unwritable(value, in_range=False)
    if problem is not None:
        raise _FieldError(problem)
    return value


def _check_finite(value: Any) -> None:
    """Refuse NaN and infinities anywhere, even under ``extra``, keys included."""
    for leaf in leaves(value, keys=True):
        if isinstance(leaf, Decimal) and not leaf.is_finite():
            raise _FieldError(f"{_show(leaf)} is not a finite number")


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | Decimal)
        and not isinstance(value, bool)
        and Decimal(value).is_finite()
    )


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        if value.is_nan():
            return "NaN"
        if value.is_infinite():
            return "-infinity" if value < 0 else "infinity"
        return str(value)
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _show_list(values: list[Any]) -> str:
    return f"[{', '.join(_show(v) for v in values)}]"


Checker = Callable[[Any], Any]

#: What leads a text before its first character that is not blank.
_BLANK: Final = re.compile(r"\s*")

_SOURCE_KEYS: Final[dict[str, Checker]] = {
    "id": _id,
    "kind": _kind,
    "name": _text,
    "part_of": _id,
    "bloc": _id,
    "url": _text,
    "extra": _extra,
}
_PROPOSITION_KEYS: Final[dict[str, dict[str, Checker]]] = {
    "quantity": {"unit": _nonempty_text, "integer": _flag, "part_of": _id},
    "category": {"values": _anything},
    "sequence": {"events": _events},
    "assertion": {},
}
_PROPOSITION_COMMON: Final[dict[str, Checker]] = {
    "id": _id,
    "kind": _text,
    "text": _nonempty_text,
    "extra": _extra,
}
_CLAIM_KEYS: Final[dict[str, Checker]] = {
    "id": _id,
    "source": _id,
    "proposition": _id,
    "value": _anything,
    "date": _date,
    "quote": _text,
    "url": _text,
    "via": _ids,
    "cites": _ids,
    "retracted": _flag,
    "extra": _extra,
}
_CASE_KEYS: Final[dict[str, Checker]] = {
    "id": _id,
    "title": _text,
    "date": _date,
    "extra": _extra,
}
_CLAIM_KEY_SET: Final = frozenset(_CLAIM_KEYS)
# The keys every proposition must have; each kind of proposition: its class,
# and the keys it must have.
_PROPOSITION_REQUIRED: Final = ("id", "text", "kind")
_PROPOSITION_KINDS: Final[dict[str, tuple[type[Proposition], tuple[str, ...]]]] = {
    "quantity": (QuantityProposition, (*_PROPOSITION_REQUIRED, "unit")),
    "category": (CategoryProposition, (*_PROPOSITION_REQUIRED, "values")),
    "sequence": (SequenceProposition, (*_PROPOSITION_REQUIRED, "events")),
    "assertion": (AssertionProposition, _PROPOSITION_REQUIRED),
}
# What plain_propositions() wants of each kind of proposition: its class,
# the keys it may have, and those it must have.
_PLAIN_PROPOSITIONS: Final[dict[str, tuple[type[Proposition], frozenset[str], frozenset[str]]]] = {
    kind: (cls, frozenset({*_PROPOSITION_COMMON, *_PROPOSITION_KEYS[kind]}), frozenset(required))
    for kind, (cls, required) in _PROPOSITION_KINDS.items()
}
# Fields whose checker returns text as it is, and fields that may nest.
_TEXT_FIELDS: Final = ("id", "text", "unit", "part_of")
_NESTED_FIELDS: Final = ("values", "events", "extra")
# How deep lists and mappings may nest in a claim's field: a claim is in a
# list in the document, so its fields stand three levels deep.
_CLAIM_FIELD_ROOM: Final = MAX_DEPTH - 3
_DICT_TYPES: Final = frozenset({dict, LocatedDict})
# The types of value plain_claims reads: a document's scalars and containers.
_SCALAR_VALUE_TYPES: Final = frozenset({str, int, bool, Decimal})
_CONTAINER_VALUE_TYPES: Final = frozenset({dict, list, LocatedDict, LocatedList})
_TOP_KEYS: Final = ("claimcheck", "case", "lexicon", "sources", "propositions", "claims", "extra")


# -- public API ---------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> Case:
    """Load a case file (``.yaml``, ``.yml`` or ``.json``).

    Args:
        path: The file to read.

    Returns:
        The case.

    Raises:
        InvalidCaseError: If the file cannot be read or is not a valid case;
            the error lists every problem found as ``FILE:LINE: message``.

    Example:
        >>> case = load("fixtures/starter.yaml")
        >>> case.info.id
        'starter'
    """
    name = os.fspath(path)
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise InvalidCaseError(
            [Problem(name, None, "unknown file type; a case file ends in .yaml, .yml or .json")]
        )
    try:
        raw = Path(name).read_bytes()
    except OSError as exc:
        raise InvalidCaseError(
            [Problem(name, None, f"cannot read the file: {exc.strerror}")]
        ) from None
    text = _decode(raw, name)
    del raw  # Only the text is needed: freed now, the bytes do not add to the peak memory.
    return _loads(text, fmt, name)


def loads(text: str | bytes, *, format: str = "yaml", name: str = "<string>") -> Case:
    """Load a case from YAML or JSON text.

    Args:
        text: The case file's content (bytes must be UTF-8).
        format: ``"yaml"`` or ``"json"``.
        name: The file name to show in error messages.

    Returns:
        The case.

    Raises:
        InvalidCaseError: If the text is not a valid case.
        ValueError: If ``format`` is not ``"yaml"`` or ``"json"``.

    Example:
        >>> loads("claimcheck: 1").claims
        ()
    """
    if format not in ("yaml", "json"):
        raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")
    if isinstance(text, bytes):
        text = _decode(text, name)
    return _loads(text, format, name)


@builds_large
def _loads(text: str, format: str, name: str, *, quick: bool = True) -> Case:
    """Load a case from decoded text in a known format (see :func:`loads`).

    ``quick=False`` reads every claim the general way (see
    ``_Builder.plain_claims``); the tests compare both ways.
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidCaseError([Problem(name, line, "not a text file (it holds a NUL byte)")])
    try:
        if format == "yaml":
            data, locator, problems = read_yaml(text)
        else:
            # The builder checks the depth as it reads (see _Builder.build).
            data, locator, problems = read_json(text, check_depth=False)
    except DocumentError as exc:
        raise InvalidCaseError(Problem(name, line, msg) for line, msg in exc.problems) from None
    reread = None
    if format == "json":

        def reread() -> list[Any]:
            claims: list[Any] = read_json(text, check_depth=False)[0]["claims"]
            return claims

    builder = _Builder(
        name,
        locator,
        problems,
        quick=quick,
        depth_checked=format == "yaml",
        reread_claims=reread,
        first_line=_first_line(text),
    )
    # What is left once this returns is the case, which builds_large promotes.
    return builder.build(data)


def _first_line(text: str) -> int:
    r"""The first line with something on it, or 1 when there is none (no copy of the text made).

    Example:
        >>> _first_line("\n\n  x: 1"), _first_line(" \n ")
        (3, 1)
    """
    blank = _BLANK.match(text)
    end = blank.end() if blank else 0
    return text.count("\n", 0, end) + 1 if end < len(text) else 1


@builds_large
def from_mapping(data: Mapping[str, Any], *, name: str = "<mapping>") -> Case:
    """Build a case from a mapping shaped like a case file.

    Numbers with fractions should be ``Decimal`` (a float is taken by its
    shortest repr, ``0.1`` as ``Decimal('0.1')``).

    Example:
        >>> from_mapping({"claimcheck": 1, "sources": [{"id": "a", "kind": "media"}]}).sources[0].id
        'a'
    """
    if is_too_deep(data):
        raise InvalidCaseError([Problem(name, None, TOO_DEEP)])
    plain = _plain(data)
    # A file's claims hold only plain data, which the quick reading of claims
    # relies on under extra; a mapping's claims may hold anything there.
    claims = plain.get("claims") if isinstance(plain, dict) else None
    quick = not isinstance(claims, list) or all(
        model._unwritable(claim["extra"], in_range=False) is None
        for claim in claims
        if isinstance(claim, dict) and claim.get("extra") is not None
    )
    return _Builder(name, Locator(), [], quick=quick).build(plain)


def parse_value(proposition: Proposition, written: Any, *, lexicon: Lexicon | None = None) -> Value:
    """Parse what a claim's ``value`` says, for the given proposition.

    Args:
        proposition: The proposition the value is about.
        written: The value as a case file gives it (a number, a phrase, a
            mapping, a list of events, ``true``/``false``).
        lexicon: The vague words in force (the defaults if ``None``).

    Returns:
        The value.

    Raises:
        ValueError: If ``written`` is not a valid value of ``proposition``.

    Example:
        >>> p = QuantityProposition("deaths", "People killed", unit="people")
        >>> parse_value(p, "at least 14").interval.low
        Decimal('14')
    """
    return _parse_value(proposition, written, _QuantityReader(lexicon or Lexicon()))


def _parse_value(proposition: Proposition, written: Any, quantities: _QuantityReader) -> Value:
    """Parse a value as :func:`parse_value` does, reading quantities with ``quantities``."""
    if isinstance(proposition, QuantityProposition):
        return quantities.read(_plain(written), integer=proposition.integer, unit=proposition.unit)
    if isinstance(proposition, CategoryProposition):
        return _category_value(proposition, written)
    if isinstance(proposition, SequenceProposition):
        return _sequence_value(proposition, written)
    if isinstance(proposition, AssertionProposition):
        if not isinstance(written, bool):
            raise ValueError(f"an assertion's value is true or false, got {_show(written)}")
        return AssertionValue(written)
    raise TypeError(f"not a proposition: {proposition!r}")


# -- values of the non-quantity kinds -----------------------------------------


def _node_leaves(proposition: CategoryProposition, node: Any) -> frozenset[str]:
    if not isinstance(node, str) or node not in proposition.children:
        hint = closest(str(node), proposition.children) if isinstance(node, str) else None
        also = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(f"{_show(node)} is not a value of proposition {proposition.id!r}{also}")
    return proposition.leaves_of(node)


def _category_value(proposition: CategoryProposition, written: Any) -> CategoryValue:
    if isinstance(written, Mapping):
        if len(written) != 1 or next(iter(written)) not in ("any_of", "not"):
            keys = ", ".join(map(repr, written))
            raise ValueError(f"a category mapping has exactly one key, any_of or not; got {keys}")
        ((key, nodes),) = written.items()
        if isinstance(nodes, str):
            nodes = [nodes]
        if not isinstance(nodes, list | tuple) or not nodes:
            raise ValueError(f"{key} needs a value or a non-empty list of values")
        leaves = frozenset().union(*(_node_leaves(proposition, n) for n in nodes))
        if key == "not":
            leaves = proposition.leaves - leaves
            if not leaves:
                raise ValueError("'not' excludes every value, so nothing is left")
        return CategoryValue(leaves)
    return CategoryValue(_node_leaves(proposition, written))


def _sequence_value(proposition: SequenceProposition, written: Any) -> SequenceValue:
    if not isinstance(written, list | tuple) or not written:
        raise ValueError("a sequence value is a list of events in order, or a list of such lists")
    chains = written if all(isinstance(c, list | tuple) for c in written) else [written]
    pairs: list[tuple[str, str]] = []
    for written_chain in chains:
        if len(written_chain) < 2:
            raise ValueError("each list of events in order needs at least two events")
        chain = [_whole_as_text(event) for event in written_chain]  # as in the events (see _events)
        for event in chain:
            if not isinstance(event, str):
                raise ValueError(f"an event is named by its id, got {_show(event)}")
            if event not in proposition.events:
                hint = closest(str(event), proposition.events)
                also = f"; did you mean {hint!r}?" if hint else ""
                raise ValueError(
                    f"undeclared event {_show(event)} in proposition {proposition.id!r}{also}"
                )
        pairs.extend(itertools.pairwise(chain))
    return SequenceValue(pairs)


# -- the builder --------------------------------------------------------------


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InvalidCaseError(
            [Problem(name, line, f"not a text file (byte {exc.start} is not UTF-8)")]
        ) from None
    return text


# Types _plain() keeps as they are, quick to test first.
_AS_THEY_ARE: Final = frozenset({str, int, bool, Decimal, type(None)})


def _plain(data: Any) -> Any:
    """Normalise Python data to what a case file holds (floats to Decimals, keys too)."""
    if type(data) in _AS_THEY_ARE:
        return data
    if isinstance(data, float):
        return Decimal(repr(float(data)))  # a float's subclass may have a repr of its own
    if isinstance(data, Mapping):
        return {
            (Decimal(repr(float(k))) if isinstance(k, float) else k): _plain(v)
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    return data


def _plain_ids(
    value: Any, known: Mapping[str, str], *, known_only: bool = False
) -> tuple[str, ...] | None:
    """Return a list of valid ids as a tuple, each a ``known`` one's own string if known; else None.

    With ``known_only``, an id that is not ``known`` gives None too.
    """
    if type(value) is not list and type(value) is not LocatedList:
        return None
    ids = []
    for ident in value:
        if type(ident) is not str:
            return None
        found = known.get(ident)
        if found is None:
            if known_only or not is_valid_id(ident):
                return None
            found = ident
        ids.append(found)
    return tuple(ids)


def _plain_extra(extra: Any) -> Any:
    """Return an ``extra`` mapping frozen, as a claim keeps it, if plainly valid; else None."""
    if not isinstance(extra, dict) or is_too_deep(extra, limit=_CLAIM_FIELD_ROOM):
        return None
    try:
        _check_finite(extra)
    except _FieldError:
        return None
    return freeze(extra)


def _part(prop: Proposition) -> tuple[Any, ...]:
    """What reading a value of ``prop`` depends on, besides what is written and the lexicon.

    Propositions of one part read each written value alike, so they share
    their readings (see :meth:`_Builder.value`): a quantity's reading
    depends only on its unit and whether it counts whole things; a
    category's on its declared values (a value read names leaves, whatever
    the proposition); a sequence's on its events; an assertion's on nothing
    (``true`` or ``false``).  Only a reading that fails names the
    proposition, and a failure is never shared.  Each part also decides
    whether a value fits (see :func:`model._fit_key`), so what
    :meth:`_Builder.read` found of that holds for the whole part.

    Example:
        >>> _part(QuantityProposition("q", "Q", unit="people"))
        ('quantity', True, 'people')
        >>> _part(AssertionProposition("a", "A")) == _part(AssertionProposition("b", "B"))
        True
    """
    if isinstance(prop, QuantityProposition):
        return (prop.kind, prop.integer, prop.unit)
    if isinstance(prop, CategoryProposition):
        return (prop.kind, prop.values)
    if isinstance(prop, SequenceProposition):
        return (prop.kind, frozenset(prop.events))
    return (prop.kind,)


def _value_key(written: Any) -> tuple[Any, ...] | None:
    """Return the key of a written value among the values of one part (see :func:`_part`), or None.

    Scalars are keyed by type and value: ``1`` is not ``true``, but ``1.0``
    and ``1.00`` are one key (see :meth:`_Builder.value`); lists and
    mappings exactly (:func:`_exact_key`), or not at all (None).
    """
    if isinstance(written, list | dict):
        exact = _exact_key(written)
        return None if exact is None else (None, exact)
    return (type(written), written)


def _exact_key(data: Any, room: int = MAX_DEPTH) -> Any:
    """Return a key that only data written exactly alike share, or None.

    Unlike the data themselves, keys tell ``1`` from ``true`` and from
    ``1.0``, and ``1.0`` from ``1.00``; mappings and lists are told apart,
    and so is the order of a mapping's keys.  Returns None for data holding
    anything but the plain values a document holds, numbers that are not
    finite, or lists and mappings nested more than ``room`` deep.
    """
    kind = type(data)
    if kind is str or kind is int or kind is bool or data is None:
        return (kind, data)
    if kind is Decimal:
        return (kind, str(data)) if data.is_finite() else None
    if room <= 0:
        return None
    if isinstance(data, dict):
        items = []
        for key, value in data.items():
            pair = (_exact_key(key, room - 1), _exact_key(value, room - 1))
            if None in pair:
                return None
            items.append(pair)
        return ("{}", *items)
    if isinstance(data, list):
        values = [_exact_key(value, room - 1) for value in data]
        return None if None in values else ("[]", *values)
    return None


#: The kind of object each list of a case file holds, as messages name it.
_OWNER_KINDS: Final = {"sources": "source", "propositions": "proposition", "claims": "claim"}


class _Builder:
    """Validates plain case data and builds the model, collecting problems."""

    def __init__(
        self,
        name: str,
        locator: Locator,
        problems: list[tuple[Where, str]],
        *,
        quick: bool = True,
        depth_checked: bool = True,
        reread_claims: Callable[[], list[Any]] | None = None,
        first_line: int | None = None,
    ) -> None:
        self.name = name
        # Where the document starts in its file (None for data not from a
        # file): a problem of the whole document stands there.
        self.first_line = first_line
        # Whether to try plain_claims() before the general path (tests compare both).
        self.quick = quick
        # Whether the reader refused data nested too deep (see build()).
        self.depth_checked = depth_checked
        # Reads the claims list of the file again: plain_claims() may then
        # free each claim's data once read, and the general path rereads.
        self.reread_claims = reread_claims
        self.locator = locator
        self.problems: list[tuple[Where, str]] = list(problems)
        # Where the reader found a problem already (a number out of range, a
        # tag not allowed): what it left there is not reported again.
        self.read_problems = {where for where, _ in problems}
        # Each distinct value of each proposition, read once (see value()).
        self.values: dict[tuple[Any, ...], dict[tuple[Any, ...], tuple[Value, Any, bool]]] = {}
        self.quantities = _QuantityReader(Lexicon())
        # Whether each value read fits each kind of proposition (see read()).
        self.fits: dict[tuple[Any, int], tuple[Value, bool]] = {}
        # Ids of objects that stand in the file but failed to build: a
        # reference to one is not reported as unknown (it is reported already).
        self.broken: dict[str, set[str]] = {"source": set(), "proposition": set(), "claim": set()}

    def add(self, where: Where, message: str) -> None:
        if where not in self.read_problems:
            self.problems.append((where, message))

    def fail(self) -> InvalidCaseError:
        located = [
            Problem(
                self.name,
                self.locator.line(where) or (self.first_line if where == () else None),
                message,
            )
            for where, message in self.problems
        ]
        located.sort(key=lambda p: p.line if p.line is not None else 0)
        return InvalidCaseError(located)

    # -- generic object checks

    def fields(
        self,
        obj: Any,
        where: Where,
        owner: str,
        keys: Mapping[str, Checker],
        required: tuple[str, ...],
    ) -> dict[str, Any] | None:
        """Check an object's keys and values; return the good ones, or None."""
        if not isinstance(obj, Mapping):
            self.add(where, f"{owner} must be a mapping of keys to values, got {_show(obj)}")
            return None
        out: dict[str, Any] = {}
        for key, value in obj.items():
            checker = keys.get(key) if isinstance(key, str) else None
            if checker is None:
                hint = closest(str(key), keys)
                also = f"; did you mean {hint!r}?" if hint else f"; known keys: {', '.join(keys)}"
                self.add(where + (key,), f"{owner}: unknown key {_shown_key(key)}{also}")
                continue
            try:
                out[key] = checker(value)
            except _FieldError as exc:
                self.add(where + (key,), f"{owner}: {key} {exc}")
        for key in required:
            if key not in obj:
                self.add(where, f"{owner}: missing required key {key!r}")
        return out

    def listed(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((key,), f"{key} must be a list, got {_show(value)}")
            return []
        return value

    @staticmethod
    def raw_id(obj: Any) -> str | None:
        ident = _whole_as_text(obj.get("id")) if isinstance(obj, Mapping) else None
        return ident if isinstance(ident, str) and is_valid_id(ident) else None

    def owner(self, kind: str, obj: Any, index: int) -> str:
        ident = self.raw_id(obj)
        return f"{kind} {ident!r}" if ident else f"{kind} #{index + 1}"

    def value(self, prop: Proposition, written: Any, lexicon: Lexicon) -> tuple[Value, Any]:
        """Parse a claim's value, once per distinct value of a proposition.

        Values are immutable and case files repeat themselves (``dozens``,
        ``at least 10``, ``{any_of: [a, b]}``), so each distinct value is
        read only once (see :func:`_part` and :func:`_value_key`).

        Returns:
            The value, and what the claim keeps as written: ``written``
            frozen, shared between claims that wrote the same text or the
            same list or mapping (each of a million claims need not keep its
            own copy of ``"dozens"``).
        """
        key = _value_key(written)
        if key is None:
            return self.read(prop, written, lexicon)[:2]
        table = self.values.setdefault(_part(prop), {})
        found = table.get(key)
        if found is None:
            found = table[key] = self.read(prop, written, lexicon)
        if type(written) is Decimal:
            # Keys take 1.0 and 1.00 as one value; each claim keeps what it wrote.
            return found[0], written
        return found[:2]

    def read(self, prop: Proposition, written: Any, lexicon: Lexicon) -> tuple[Value, Any, bool]:
        """Parse a value; return it, what a claim keeps as written, and whether it fits ``prop``.

        Whether it fits (:func:`model.value_problem` finds nothing) only
        :meth:`plain_claims` looks at.  Quantities are read by one reader for
        the file (see :class:`phrases._QuantityReader`).
        """
        if self.quantities.lexicon is not lexicon:
            self.quantities = _QuantityReader(lexicon)
        value = _parse_value(prop, written, self.quantities)
        # Quantities of one unit share their values (see _QuantityReader):
        # each is tested once for each kind of proposition (see model._fit_key).
        fit_key = (model._fit_key(prop), id(value))
        known = self.fits.get(fit_key)
        if known is None or known[0] is not value:  # (an id is only unique while its object lives)
            known = self.fits[fit_key] = (value, model.value_problem(prop, value) is None)
        return value, freeze(written), known[1]

    def mark_broken(self, kind: str, obj: Any) -> None:
        ident = self.raw_id(obj)
        if ident is not None:
            self.broken[kind].add(ident)

    def self_part_of(self, where: Where, owner: str, got: Mapping[str, Any]) -> bool:
        """Report an object that names itself in ``part_of``, like any other cycle."""
        ident = got.get("id")
        if ident is None or got.get("part_of") != ident:
            return False
        self.add(where + ("part_of",), f"{owner}: part_of forms a cycle: {ident} -> {ident}")
        return True

    def construct(
        self, where: Where, owner: str, factory: Callable[..., Any], **kwargs: Any
    ) -> Any:
        try:
            return factory(**kwargs)
        except (ValueError, TypeError) as exc:
            self.add(where, f"{owner}: {exc}")
            return None

    # -- the case

    def too_deep(self, data: Any, within: Where = (), limit: int = MAX_DEPTH) -> InvalidCaseError:
        """The error for ``data``, which stands at ``within``, nesting deeper than ``limit``."""
        line = too_deep_line(data, self.locator, within, limit)
        return InvalidCaseError([Problem(self.name, line, TOO_DEEP)])

    def name_owners(self, data: Any) -> None:
        """Name the object each of the reader's problems stands in, as the builder's name theirs.

        The reader (a key given twice, a number out of range) knows where a
        problem is, not what: ``claim 'c7': key 'value' is given twice``.
        """
        named = []
        for where, message in self.problems:
            owner = None
            if where and where[0] in ("case", "lexicon"):
                owner = where[0]
            elif len(where) >= 2 and isinstance(where[1], int) and isinstance(data, Mapping):
                kind = _OWNER_KINDS.get(where[0])
                listed = data.get(where[0])
                if kind is not None and isinstance(listed, list) and where[1] < len(listed):
                    owner = self.owner(kind, listed[where[1]], where[1])
            named.append((where, message if owner is None else f"{owner}: {message}"))
        self.problems = named

    def build(self, data: Any) -> Case:
        if not self.depth_checked:
            # The rest of the file is checked here, the claims as they are
            # read (see claims()), sparing a walk through a million of them.
            claims = data.get("claims") if isinstance(data, dict) else None
            checked = {**data, "claims": None} if isinstance(claims, list) else data
            if is_too_deep(checked):
                raise self.too_deep(checked)
        if data is None:
            self.add((), "the file is empty; a case file starts with 'claimcheck: 1'")
            raise self.fail()
        if self.problems:
            self.name_owners(data)
        if not isinstance(data, Mapping):
            self.add(
                (), f"a case file is a mapping that starts with 'claimcheck: 1', got {_show(data)}"
            )
            raise self.fail()
        self.top(data)
        info = self.info(data.get("case"))
        lexicon = self.lexicon(data.get("lexicon"))
        sources = self.sources(self.listed(data, "sources"))
        propositions = self.propositions(self.listed(data, "propositions"))
        claims, positions, claims_fit = self.claims(
            self.listed(data, "claims"), sources, propositions, lexicon or Lexicon()
        )
        extra: Any = data.get("extra")
        try:
            extra = _extra(extra)
        except _FieldError as exc:
            self.add(("extra",), f"extra {exc}")
        # Claims known to fit the rules between objects would add no problem to
        # those of the sources and propositions (see plain_claims()).
        self.cross_check(sources, propositions, () if claims_fit else claims, positions)
        if self.problems:
            raise self.fail()
        with model.checks_done():
            return Case(
                sources=[s for s, _ in sources],
                propositions=[p for p, _ in propositions],
                claims=[c for c in claims if isinstance(c, Claim)],
                info=info or CaseInfo(),
                lexicon=lexicon or Lexicon(),
                extra=extra,
            )

    def top(self, data: Mapping[str, Any]) -> None:
        for key in data:
            if key not in _TOP_KEYS:
                hint = closest(str(key), _TOP_KEYS)
                also = f"; did you mean {hint!r}?" if hint else ""
                self.add((key,), f"unknown top-level key {_shown_key(key)}{also}")
        if "claimcheck" not in data:
            self.add((), "missing the format version: a case file starts with 'claimcheck: 1'")
        else:
            version = data["claimcheck"]
            if (
                isinstance(version, bool)
                or version != FORMAT_VERSION
                or not isinstance(version, int)
            ):
                self.add(
                    ("claimcheck",),
                    f"format version {_show(version)} is not supported; this claimcheck reads 'claimcheck: 1'",
                )

    def info(self, raw: Any) -> CaseInfo | None:
        if raw is None:
            return None
        got = self.fields(raw, ("case",), "case", _CASE_KEYS, ())
        if got is None:
            return None
        result: CaseInfo | None = self.construct(("case",), "case", CaseInfo, **got)
        return result

    def lexicon(self, raw: Any) -> Lexicon | None:
        if raw is None:
            return None
        if not isinstance(raw, Mapping):
            self.add(
                ("lexicon",), f"lexicon must be a mapping of words to [low, high], got {_show(raw)}"
            )
            return None
        words: dict[str, Any] = {}
        approx = None
        for word, value in raw.items():
            where = ("lexicon", word)
            if word == "approx":
                if not _is_number(value) or not (0 <= value < 1):
                    self.add(
                        where,
                        f"lexicon: approx must be a number from 0 up to (not including) 1, got {_show(value)}",
                    )
                else:
                    approx = value
                continue
            if not isinstance(word, str):
                self.add(where, f"lexicon: word {_show(word)} must be text")
            elif (
                not isinstance(value, list)
                or len(value) != 2
                or not all(_is_number(v) for v in value)
                or not 0 <= value[0] <= value[1]
            ):
                self.add(
                    where,
                    f"lexicon: {word!r} must be [low, high] with 0 <= low <= high, got {_show_list(value) if isinstance(value, list) else _show(value)}",
                )
            else:
                words[word] = tuple(value)
        lexicon: Lexicon | None = self.construct(
            ("lexicon",), "lexicon", Lexicon, words=words, approx=approx
        )
        return lexicon

    def sources(self, raw: list[Any]) -> list[tuple[Source, int]]:
        built = []
        for i, obj in enumerate(raw):
            where = ("sources", i)
            owner = self.owner("source", obj, i)
            got = self.fields(obj, where, owner, _SOURCE_KEYS, ("id", "kind"))
            source = None
            if (
                got is not None
                and "id" in got
                and "kind" in got
                and not self.self_part_of(where, owner, got)
            ):
                source = self.construct(where, owner, Source, **got)
            if source is None:
                self.mark_broken("source", obj)
            else:
                built.append((source, i))
        return built

    def propositions(self, raw: list[Any]) -> list[tuple[Proposition, int]]:
        if self.quick:
            plain = self.plain_propositions(raw)
            if plain is not None:
                return plain
        classes = {kind: cls for kind, (cls, _) in _PROPOSITION_KINDS.items()}
        every_key = {k for keys in _PROPOSITION_KEYS.values() for k in keys}
        built = []
        for i, obj in enumerate(raw):
            where = ("propositions", i)
            owner = self.owner("proposition", obj, i)
            kind = obj.get("kind") if isinstance(obj, Mapping) else None
            if isinstance(obj, Mapping) and not (isinstance(kind, str) and kind in classes):
                if "kind" not in obj:
                    self.add(
                        where,
                        f"{owner}: missing required key 'kind' (quantity, category, sequence or assertion)",
                    )
                else:
                    hint = closest(str(kind), classes)
                    also = f"; did you mean {hint!r}?" if hint else ""
                    self.add(
                        where + ("kind",),
                        f"{owner}: kind {_show(kind)} is not quantity, category, sequence or assertion{also}",
                    )
                self.mark_broken("proposition", obj)
                continue
            own = _PROPOSITION_KEYS.get(str(kind), {})
            keys = {**_PROPOSITION_COMMON, **own}
            if isinstance(obj, Mapping):
                for key in obj:
                    if key in every_key and key not in keys:
                        self.add(
                            where + (key,),
                            f"{owner}: key {key!r} does not belong to {'an' if kind == 'assertion' else 'a'} {kind} proposition",
                        )
                obj = {k: v for k, v in obj.items() if k not in every_key or k in keys}
            required = (
                _PROPOSITION_KINDS[kind][1] if kind in _PROPOSITION_KINDS else _PROPOSITION_REQUIRED
            )
            got = self.fields(obj, where, owner, keys, required)
            prop = None
            if (
                got is not None
                and all(k in got for k in required)
                and not self.self_part_of(where, owner, got)
            ):
                got.pop("kind")
                ident, text = got.pop("id"), got.pop("text")
                prop = self.construct(where, owner, classes[str(kind)], id=ident, text=text, **got)
            if prop is None:
                self.mark_broken("proposition", obj)
            else:
                built.append((prop, i))
        return built

    def plain_propositions(self, raw: list[Any]) -> list[tuple[Proposition, int]] | None:
        """Build the propositions if each one is plainly valid; else return None.

        As :meth:`plain_claims` does for claims: a plainly valid proposition
        is a mapping of the keys of its kind, none null, whose ids and texts
        are text and whose nested values are finite; its class checks the
        rest, and any error ends this path.  The general path then reads the
        propositions again and reports what is wrong.
        """
        built = []
        try:
            for i, obj in enumerate(raw):
                if type(obj) not in _DICT_TYPES:
                    return None
                plain = _PLAIN_PROPOSITIONS.get(obj.get("kind"))
                if plain is None:
                    return None
                cls, keys, required = plain
                if not keys >= obj.keys() >= required or None in obj.values():
                    return None
                fields = {key: value for key, value in obj.items() if key != "kind"}
                for key in _TEXT_FIELDS:
                    if key in fields and type(fields[key]) is not str:
                        return None
                for key in _NESTED_FIELDS:
                    if key in fields:
                        _check_finite(fields[key])
                if not isinstance(fields.get("extra", {}), dict):
                    return None
                built.append((cls(**fields), i))
        # An unhashable kind, a number that is not finite, or what the class refuses.
        except (TypeError, ValueError, _FieldError):
            return None
        return built

    def claims(
        self,
        raw: list[Any],
        sources: list[tuple[Source, int]],
        propositions: list[tuple[Proposition, int]],
        lexicon: Lexicon,
    ) -> tuple[Sequence[Claim | _UnbuiltClaim], Sequence[int], bool]:
        """Check and build the claims.

        Returns:
            The claims, the index of each in ``raw``, and whether they are
            known to fit the case's rules between objects (see
            :meth:`plain_claims`).
        """
        by_id = {p.id: p for p, _ in propositions}
        if self.quick:
            reread = self.reread_claims
            plain = self.plain_claims(
                raw, {s.id: s.id for s, _ in sources}, by_id, lexicon, consume=reread is not None
            )
            if plain is not None:
                return plain[0], range(len(plain[0])), plain[1]
            if reread is not None and raw:
                raw = reread()  # what plain_claims() read is gone
        # plain_claims() checks the depth of what it reads; here the list is at depth 1.
        if not self.depth_checked and is_too_deep(raw, limit=MAX_DEPTH - 1):
            raise self.too_deep(raw, ("claims",), MAX_DEPTH - 1)
        checked: list[tuple[int, dict[str, Any]]] = []
        for i, obj in enumerate(raw):
            where = ("claims", i)
            owner = self.owner("claim", obj, i)
            got = self.fields(obj, where, owner, _CLAIM_KEYS, ("source", "proposition", "value"))
            if got is not None:
                checked.append((i, got))
            else:
                self.mark_broken("claim", obj)
        explicit = {got["id"] for _, got in checked if "id" in got}
        counts: Counter[tuple[str, str]] = Counter()
        built: list[Claim | _UnbuiltClaim] = []
        positions: list[int] = []
        for i, got in checked:
            where = ("claims", i)
            source, prop_id = got.get("source"), got.get("proposition")
            if source is None or prop_id is None:
                self.mark_broken("claim", raw[i])
                continue
            counts[(source, prop_id)] += 1
            if "id" not in got:
                default = f"{source}.{prop_id}.{counts[(source, prop_id)]}"
                if default in explicit:
                    self.add(
                        where,
                        f"claim #{i + 1}: its default id {default!r} collides with an explicit claim id; give this claim an id",
                    )
                    continue
                got["id"] = default
            owner = f"claim {got['id']!r}"
            written = got.pop("value", None)
            prop = by_id.get(prop_id)
            claim = None
            if prop is not None and "value" in raw[i] and written is not None:
                try:
                    value, _ = self.value(prop, written, lexicon)
                except ValueError as exc:
                    self.add(where + ("value",), f"{owner}: value: {exc}")
                else:
                    claim = self.construct(where, owner, Claim, value=value, written=written, **got)
            elif prop is not None and "value" in raw[i] and raw[i]["value"] is None:
                self.add(where + ("value",), f"{owner}: value is empty (null)")
            # A claim that could not be built still has its references checked,
            # so that one run reports them all.
            built.append(
                _UnbuiltClaim(**{k: got[k] for k in _UNBUILT_KEYS if k in got})
                if claim is None
                else claim
            )
            positions.append(i)
        return built, positions, False

    def plain_claims(
        self,
        raw: list[Any],
        source_ids: Mapping[str, str],
        by_id: Mapping[str, Proposition],
        lexicon: Lexicon,
        *,
        consume: bool = False,
    ) -> tuple[list[Claim], bool] | None:
        """Build the claims at once if each one is plainly valid; else return None.

        A large file is nearly all claims, and its claims are nearly always
        plainly valid: every key known, every field of the type it should
        have, every source and proposition known, every value readable.
        This checks and builds such claims in one pass, without the general
        path's per-field checkers and bookkeeping, and makes them with
        :func:`model._unchecked_claim`, as everything ``Claim``'s validators
        check is checked here.  At the first thing the general path would
        report or convert instead (an unknown key or source, an id given as
        a number, a null, a value that does not read, a default id that
        collides, ...) it gives up and returns None, and the caller reads the
        claims the general way, which reports the problem.  So this path
        never reports anything, and where it returns claims they equal the
        general path's.

        It also makes equal strings one object: a claim's source and
        proposition are those objects' own ids, its date the first claim's
        string of that date, its written value the first claim's of that
        text (see :meth:`value`).

        Args:
            raw: The ``claims`` list of the file.
            source_ids: Each source's id, to itself.
            by_id: Each proposition by its id.
            lexicon: The vague words in force.
            consume: Whether to free each claim's data from ``raw`` once
                read.  The data of a million claims take as much memory as
                the claims; freed as the claims are made, they are not held
                at once.  ``raw`` must then be read again if this gives up.

        Returns:
            The claims, and whether they fit the case's rules between
            objects.  Their sources, relays and propositions are known and
            their values fit (or this path gives up), so that is whether
            their ids and citations do (see :func:`model._citations_fit`).
            When they fit, :meth:`cross_check` need only check the sources
            and propositions; otherwise it finds and words what breaks the
            rules, as for the general path.
        """
        unchecked = model._unchecked_claim
        no_extra = model._NO_EXTRA
        # Each proposition, its table of values read (see value()), and how
        # many claims each source has made about it so far (for default ids).
        about: dict[str, tuple[Proposition, dict[Any, Any], dict[str, int]]] = {
            ident: (p, self.values.setdefault(_part(p), {}), {}) for ident, p in by_id.items()
        }
        dates: dict[str, str] = {}
        given: list[str] = []  # the ids given, checked once all are known
        ids: list[str] = []
        citations: list[tuple[str, tuple[str, ...]]] = []
        built: list[Claim] = []
        try:
            for position, obj in enumerate(raw):
                if consume:
                    raw[position] = None  # freed once obj is read (see consume)
                if type(obj) not in _DICT_TYPES:
                    return None
                get = obj.get
                source = source_ids.get(get("source"))
                found_prop = about.get(get("proposition"))
                written = get("value")
                if source is None or found_prop is None or written is None:
                    return None
                prop, table, counts = found_prop
                prop_id = prop.id
                ident, date, quote, url = get("id"), get("date"), get("quote"), get("url")
                via, cites, retracted, extra = (
                    get("via"),
                    get("cites"),
                    get("retracted"),
                    get("extra"),
                )
                # The keys were known and none was null if each key is one read here.
                present = 3
                if ident is not None:
                    if type(ident) is not str:
                        return None
                    given.append(ident)
                    present += 1
                if date is not None:
                    day = dates.get(date)
                    if day is None:
                        if type(date) is not str:
                            return None
                        model.parse_date(date)  # a ValueError ends this path (below)
                        day = dates[date] = date
                    date = day
                    present += 1
                if quote is not None:
                    if type(quote) is not str:
                        return None
                    present += 1
                if url is not None:
                    if type(url) is not str:
                        return None
                    present += 1
                if via is None:
                    via = ()
                else:
                    via = _plain_ids(via, source_ids, known_only=True)
                    present += 1
                if cites is None:
                    cites = ()
                else:
                    cites = _plain_ids(cites, {})
                    present += 1
                if retracted is None:
                    retracted = False
                elif type(retracted) is bool:
                    present += 1
                else:
                    return None
                if extra is None:
                    extra = no_extra
                else:
                    extra = _plain_extra(extra)
                    present += 1
                if len(obj) != present or via is None or cites is None or extra is None:
                    return None
                kind = type(written)
                if kind in _CONTAINER_VALUE_TYPES:
                    found = self.plain_value(prop, written, lexicon)
                else:
                    key = (kind, written)  # as _value_key() makes it
                    found = table.get(key)
                    if found is None and kind in _SCALAR_VALUE_TYPES:
                        # A ValueError ends this path (below).
                        found = table[key] = self.read(prop, written, lexicon)
                if found is None or not found[2]:
                    return None
                if kind is Decimal:
                    if not written.is_finite():
                        return None
                    found = (found[0], written, True)  # see value()
                count = counts[source] = counts.get(source, 0) + 1
                if ident is None:
                    ident = f"{source}.{prop_id}.{count}"
                ids.append(ident)
                if cites:
                    citations.append((ident, cites))
                built.append(
                    unchecked(
                        ident,
                        source,
                        prop_id,
                        found[0],
                        found[1],
                        date,
                        quote,
                        url,
                        via,
                        cites,
                        retracted,
                        extra,
                    )
                )
        except (TypeError, ValueError):  # an unhashable field, a date or value that does not read
            return None
        # Ids are unique, so no default id collides with one given (a
        # collision is reported as such, and a repeated id by cross_check()).
        known_ids = set(ids)
        if len(known_ids) != len(ids) or not all(map(model._ID.match, given)):
            return None
        # Sources, relays and propositions are known (or this path gave up):
        # what is left of the rules between claims is for their citations.
        return built, model._citations_fit(known_ids, len(ids), citations)

    def plain_value(
        self, prop: Proposition, written: Any, lexicon: Lexicon
    ) -> tuple[Value, Any, bool] | None:
        """Read a list or mapping as :meth:`value` does, if plainly valid; else None."""
        exact = _exact_key(written, _CLAIM_FIELD_ROOM)  # None too if some number is not finite
        if exact is None:
            return None
        key = (None, exact)  # as _value_key() makes it
        table = self.values.setdefault(_part(prop), {})
        found = table.get(key)
        if found is None:
            try:
                found = table[key] = self.read(prop, written, lexicon)
            except ValueError:
                return None
        return found

    def cross_check(
        self,
        sources: list[tuple[Source, int]],
        propositions: list[tuple[Proposition, int]],
        claims: Sequence[Claim | _UnbuiltClaim],
        claim_positions: Sequence[int],
    ) -> None:
        """Run the model's cross-object rules, mapping positions back to the file."""
        index: dict[str, Sequence[int]] = {
            "sources": [i for _, i in sources],
            "propositions": [i for _, i in propositions],
            "claims": claim_positions,
        }
        found = model.case_problems(
            [s for s, _ in sources], [p for p, _ in propositions], claims, broken=self.broken
        )
        for (kind, position, *rest), message in found:
            self.add((kind, index[kind][position], *rest), message)
