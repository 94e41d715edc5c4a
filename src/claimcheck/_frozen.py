"""Immutable, hashable copies of plain data (what ``extra`` and values hold).

Frozen records must be hashable, but what a user writes under ``extra`` is
arbitrary YAML or JSON data.  :func:`freeze` turns it into an equal,
hashable structure (mappings become :class:`FrozenDict`, lists become tuples)
and :func:`thaw` turns it back into plain data for writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

__all__ = ["FrozenDict", "freeze", "leaves", "thaw"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V]):
    """A read-only, hashable mapping that keeps its insertion order.

    Example:
        >>> d = FrozenDict({"a": 1})
        >>> d["a"], hash(d) == hash(FrozenDict({"a": 1}))
        (1, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"


def freeze(data: Any) -> Any:
    """Return a hashable copy of plain data: dicts and lists become frozen.

    Example:
        >>> freeze({"a": [1, {"b": 2}]})
        FrozenDict({'a': (1, FrozenDict({'b': 2}))})
    """
    if isinstance(data, str | int | Decimal):  # most values: quick to test, nothing to do
        return data
    if isinstance(data, Mapping):
        return FrozenDict({k: freeze(v) for k, v in data.items()})
    if isinstance(data, list | tuple):
        return tuple(freeze(v) for v in data)
    return data


def thaw(data: Any) -> Any:
    """Return plain data (dicts and lists) from what :func:`freeze` made.

    Example:
        >>> thaw(freeze({"a": [1, {"b": 2}]}))
        {'a': [1, {'b': 2}]}
    """
    if isinstance(data, Mapping):
        return {k: thaw(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [thaw(v) for v in data]
    return data


def leaves(data: Any, *, keys: bool = False) -> Iterator[Any]:
    """Everything in plain or frozen data that is not a mapping or a list: its values, depth first.

    With ``keys``, each mapping's keys come too, before its values.

    Example:
        >>> list(leaves({"a": [1, {"b": "x"}], "c": (None,)}))
        [1, 'x', None]
        >>> list(leaves({"a": [1, {"b": "x"}]}, keys=True))
        ['a', 1, 'b', 'x']
    """
    if isinstance(data, Mapping):
        if keys:
            yield from data
        for value in data.values():
            yield from leaves(value, keys=keys)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from leaves(value, keys=keys)
    else:
        yield data
